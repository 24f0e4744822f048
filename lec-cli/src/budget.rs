//! `lec headcount` and `lec budget`: other-affiliation headcount forms and budget summaries.

use crate::{Fatal, finish_output, load_policy, read_registry};
use lec_core::budget::{BudgetInput, BudgetPolicy, BudgetSummary, UnitBudget, summarise_validated};
use lec_core::files::{ReadOptions, validate_path};
use lec_core::headcount::HeadcountReport;
use lec_core::workflow::{Round, RoundCalendar, parse_event_log};
use lec_core::{Context, Lang, Severity, Validator};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// Output formats of these commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
}

/// Check headcount forms of other-affiliation schools.
#[derive(Debug, clap::Args)]
pub(crate) struct HeadcountArgs {
    /// Headcount form files (CSV: lao_code, school_code, school_name, extended, closed, K1…M3 or อ.1…ม.3).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The registry: each school must be an other-affiliation school of its LAO.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// A policy file (JSON or TOML) overriding the documented defaults.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// The language of messages in table output.
    #[arg(long, value_enum, default_value_t = crate::LangArg::En)]
    lang: crate::LangArg,
}

/// Summarise the budget headcounts and amounts.
#[derive(Debug, clap::Args)]
pub(crate) struct BudgetArgs {
    /// The registry of units.
    #[arg(long)]
    registry: PathBuf,
    /// Student-record files (CSV).
    #[arg(long, num_args = 1..)]
    records: Vec<PathBuf>,
    /// Headcount form files of other-affiliation schools (CSV).
    #[arg(long, num_args = 1..)]
    headcounts: Vec<PathBuf>,
    /// The academic year, BE: picks the shipped budget policy and the record rules' year.
    #[arg(long, default_value_t = lec_core::DEFAULT_ACADEMIC_YEAR)]
    year: u16,
    /// A budget policy file (TOML or JSON) instead of the shipped one.
    #[arg(long)]
    budget_policy: Option<PathBuf>,
    /// The round's event log: only confirmed units count (as the budget policy requires).
    #[arg(long)]
    log: Option<PathBuf>,
    /// The round calendar of the log: a shipped id (`2567-2`) or a JSON / TOML file.
    #[arg(long, default_value = lec_core::DEFAULT_CALENDAR)]
    calendar: String,
    /// A policy file (JSON or TOML) for the record rules.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Show personal IDs unmasked.
    #[arg(long)]
    unmask: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

pub(crate) fn run_headcount(args: &HeadcountArgs) -> Result<ExitCode, Fatal> {
    let policy = load_policy(args.policy.as_deref())?;
    let registry = args.registry.as_deref().map(read_registry).transpose()?;
    let mut report = HeadcountReport::default();
    for path in &args.files {
        report.add_path(path, None, &policy, registry.as_ref().map(|r| &r.0));
    }
    let unreadable = report.findings.iter().any(|f| f.code == lec_core::FindingCode::FileUnreadable);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::other).and_then(|()| writeln!(out))
        }
        Format::Csv => crate::write_csv(&mut out, report.findings.iter()),
        Format::Table => (|| {
            let lang = Lang::from(args.lang);
            for f in &report.findings {
                let place =
                    format!("{}:{}", f.file.as_deref().unwrap_or(""), f.row.map(|r| r.to_string()).unwrap_or_default());
                writeln!(
                    out,
                    "{place:<28} {:<12} {:<8} {:<26} {}",
                    f.column.as_deref().unwrap_or("-"),
                    f.severity,
                    f.code,
                    f.message(lang)
                )?;
            }
            let s = &report.summary;
            writeln!(
                out,
                "summary: {} forms = {} counted + {} with errors; {} errors, {} warnings, {} infos",
                s.rows, s.records_counted, s.records_with_errors, s.errors, s.warnings, s.infos
            )
        })(),
    };
    finish_output(written, out)?;
    Ok(if unreadable {
        ExitCode::from(2)
    } else if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn run_budget(args: &BudgetArgs) -> Result<ExitCode, Fatal> {
    let policy = load_policy(args.policy.as_deref())?;
    let (registry, _) = read_registry(&args.registry)?;
    let budget: BudgetPolicy = match &args.budget_policy {
        Some(path) => crate::load_config(path, "budget policy")?,
        None => BudgetPolicy::builtin(args.year).map_err(|e| Fatal(e.message_en().to_owned()))?,
    };
    let registry = Arc::new(registry);
    let state = match &args.log {
        None => None,
        Some(path) => {
            let calendar = RoundCalendar::builtin(&args.calendar).map_err(|e| Fatal(e.message_en().to_owned()))?;
            let text = std::fs::read_to_string(path).map_err(|e| {
                Fatal(format!("cannot read event log `{}`: {}", path.display(), lec_core::files::io_reason(&e)))
            })?;
            let events = parse_event_log(&text)
                .map_err(|e| Fatal(format!("event log `{}`: {}", path.display(), e.message_en)))?;
            let round = Round::from_events(registry.clone(), calendar, policy.workflow.clone(), events)
                .map_err(|e| Fatal(format!("event log `{}`: {}", path.display(), e.message_en)))?;
            Some(round.state().clone())
        }
    };
    let mut forms = HeadcountReport::default();
    for path in &args.headcounts {
        forms.add_path(path, None, &policy, Some(&registry));
    }
    if let Some(e) = forms.unreadable_file() {
        return Err(Fatal(format!("headcounts: {}", e.message_en())));
    }
    let mut ctx = Context::new(&policy, args.year);
    ctx.unmasked = args.unmask;
    // the records, validated once (any format `lec validate` reads) and handed to the budget
    let mut checking = ctx;
    checking.registry = Some(&registry);
    let mut validator = Validator::new(checking).keep_records().min_severity(Severity::Error).list_limit(100);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let opts = ReadOptions { sheet: None, threads, progress: None };
    for path in &args.records {
        validate_path(&mut validator, path, &opts);
    }
    let (checked, records) = validator.finish_with_records();
    if let Some(f) = checked.findings.iter().find(|f| f.code == lec_core::FindingCode::FileUnreadable) {
        return Err(Fatal(format!("records `{}`: {}", f.file.as_deref().unwrap_or(""), f.message_en)));
    }
    let input =
        BudgetInput { registry: &registry, context: ctx, headcounts: &forms.forms, confirmations: state.as_ref() };
    let summary = summarise_validated(&input, &records, &budget);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &summary).map_err(io::Error::other).and_then(|()| writeln!(out))
        }
        Format::Csv => write_budget_csv(&mut out, &summary),
        Format::Table => write_budget_table(&mut out, &summary),
    };
    finish_output(written, out)?;
    Ok(ExitCode::SUCCESS)
}

fn units(s: &BudgetSummary) -> impl Iterator<Item = &UnitBudget> {
    s.provinces.iter().chain(&s.laos).chain(&s.institutions).chain(&s.schools).chain(std::iter::once(&s.total))
}

fn write_budget_csv(out: &mut impl Write, s: &BudgetSummary) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["level", "code", "name", "excluded", "confirmed", "item", "heads", "amount_satang"])?;
    for u in units(s) {
        let confirmed = u.confirmed.map(|c| c.to_string()).unwrap_or_default();
        for it in &u.items {
            let amount = it.amount_satang.map(|a| a.to_string()).unwrap_or_default();
            w.write_record([
                u.level,
                &u.code,
                &u.name,
                u.excluded.unwrap_or(""),
                &confirmed,
                &it.item,
                &it.heads.to_string(),
                &amount,
            ])?;
        }
    }
    w.flush()
}

fn baht(satang: Option<u64>) -> String {
    match satang {
        Some(s) => format!("{}.{:02}", s / 100, s % 100),
        None => "unknown".to_owned(),
    }
}

fn write_budget_table(out: &mut impl Write, s: &BudgetSummary) -> io::Result<()> {
    writeln!(
        out,
        "budget policy {} (academic year {}); confirmations checked: {}",
        s.policy, s.academic_year, s.confirmation_checked
    )?;
    let r = &s.records;
    writeln!(
        out,
        "records: {} given = {} counted + {} removed + {} with errors + {} not confirmed + {} unregistered + {} inactive + {} G-code excluded + {} duplicates not counted",
        r.rows,
        r.counted,
        r.removed,
        r.with_errors,
        r.not_confirmed,
        r.unregistered,
        r.inactive,
        r.gcode_excluded,
        r.duplicates_not_counted
    )?;
    for u in units(s).filter(|u| u.level != "institution" && u.level != "school") {
        // beside each province and LAO, whether it confirmed (a confirmed LAO's data counts
        // whether or not its province has, unless the budget policy asks for the province's)
        let confirmed = match u.confirmed {
            Some(true) => " (confirmed)",
            Some(false) => " (not confirmed)",
            None => "",
        };
        writeln!(out, "{} {} {}{confirmed}", u.level, u.code, u.name)?;
        for it in &u.items {
            writeln!(out, "  {:<20} {:>8} heads  {:>16} baht", it.item, it.heads, baht(it.amount_satang))?;
        }
    }
    for u in s.schools.iter().filter(|u| matches!(u.excluded, Some("no_form" | "form_has_errors"))) {
        let why = if u.excluded == Some("no_form") { "no headcount form" } else { "no error-free headcount form" };
        writeln!(out, "school {} {}: {why}, its amounts are unknown", u.code, u.name)?;
    }
    for d in &s.unresolved_duplicates {
        writeln!(out, "unresolved duplicate {} at {}", d.person, d.institutions.join(", "))?;
    }
    Ok(())
}
