//! `lec` — validate LEC student files and explain personal IDs from the command line.
//!
//! Exit codes: 0 when no `error` finding, 1 when there are errors, 2 on usage errors or
//! unreadable input.

use clap::{Parser, Subcommand, ValueEnum};
use lec_core::files::{ReadOptions, validate_path};
use lec_core::render::IdExplained;
use lec_core::{Context, Finding, FindingCode, Lang, Policy, Registry, Report, Severity, Validator};
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod budget;
mod html;
mod progress;
mod round;

/// The rules of Thailand's Local Education Center information system (LEC).
#[derive(Debug, Parser)]
#[command(name = "lec", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate student files — CSV (UTF-8, with or without BOM, UTF-16, or Windows-874) or
    /// workbooks (.xlsx, .xls, .ods; LEC's own export too) — and print the findings. Exit 0: no
    /// error; 1: errors found; 2: usage or unreadable input.
    Validate(ValidateArgs),
    /// Explain personal IDs and G-codes: kind, normalised and masked forms, category,
    /// province, G-code year and findings. Exit 0 when every ID is valid, 1 otherwise.
    Id(IdArgs),
    /// The confirmation workflow: replay commands, show who is pending, draw spot-check samples.
    Round(round::RoundArgs),
    /// Check headcount forms of other-affiliation schools. Exit 0: no error; 1: errors found;
    /// 2: usage or unreadable input.
    Headcount(budget::HeadcountArgs),
    /// Summarise who counts for which subsidy, per institution, school, LAO and province, with
    /// amounts where the year's rates are known.
    Budget(budget::BudgetArgs),
}

#[derive(Debug, clap::Args)]
struct CommonArgs {
    /// The academic year, BE.
    #[arg(long, default_value_t = lec_core::DEFAULT_ACADEMIC_YEAR)]
    year: u16,
    /// A policy file (JSON or TOML) overriding the documented defaults.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Show personal IDs unmasked in findings (default: masked, e.g. 1-1120-xxxxx-xx-2).
    #[arg(long)]
    unmask: bool,
    /// The language of messages in table output.
    #[arg(long, value_enum, default_value_t = LangArg::En)]
    lang: LangArg,
}

#[derive(Debug, clap::Args)]
struct ValidateArgs {
    /// Student files: CSV, or workbooks (every sheet with a student table, or --sheet).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The registry of units (CSV `level,code,name,parent,kind`): institutions are checked against
    /// it, and an LEC export that names its institution instead of giving the code is looked up.
    #[arg(long)]
    registry: Option<PathBuf>,
    /// Output format: html is one self-contained page for a browser.
    #[arg(long, value_enum, default_value_t = ValidateFormat::Table)]
    format: ValidateFormat,
    /// Read only this sheet of each workbook (by name).
    #[arg(long)]
    sheet: Option<String>,
    /// List only `error` findings (the counts still cover every finding).
    #[arg(long)]
    errors_only: bool,
    /// List at most N findings, the first by file and row; 0: no limit. The counts still cover
    /// every finding; a note on stderr says how many were left out.
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    limit: usize,
    /// No progress bar and no notes on stderr (the bar shows only on a terminal anyway).
    #[arg(long, short)]
    quiet: bool,
    /// Threads that check rows (default: the machine's cores). The output is the same for any number.
    #[arg(long)]
    threads: Option<usize>,
    /// Print rows, time, rows per second and peak memory on stderr at the end.
    #[arg(long, hide = true)]
    stats: bool,
    /// The data's reference date (nobody may be born after it), e.g. 10/11/2567 or 2024-11-10.
    /// Default: 16 May of the academic year.
    #[arg(long)]
    as_of: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, clap::Args)]
struct IdArgs {
    /// Personal IDs or G-codes.
    #[arg(required = true)]
    ids: Vec<String>,
    /// Output format (csv is not offered here).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateFormat {
    Table,
    Json,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    En,
    Th,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::En => Lang::En,
            LangArg::Th => Lang::Th,
        }
    }
}

/// A failure that ends the run with exit code 2 and a message on stderr.
pub(crate) struct Fatal(pub(crate) String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => run_validate(&args),
        Command::Id(args) => run_id(&args),
        Command::Round(args) => round::run(&args),
        Command::Headcount(args) => budget::run_headcount(&args),
        Command::Budget(args) => budget::run_budget(&args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            let _ = writeln!(io::stderr(), "lec: {msg}");
            ExitCode::from(2)
        }
    }
}

pub(crate) fn load_policy(path: Option<&Path>) -> Result<Policy, Fatal> {
    let Some(path) = path else { return Ok(Policy::default()) };
    load_config(path, "policy file")
}

/// Reads a configuration file (JSON or TOML by the core's one rule).
pub(crate) fn load_config<T: lec_core::Config>(path: &Path, what: &str) -> Result<T, Fatal> {
    let name = path.display().to_string();
    let text = lec_core::files::read_config(path).map_err(|e| Fatal(format!("{what}: {}", e.message_en())))?;
    T::from_text(&name, &text).map_err(|e| Fatal(format!("{what} `{name}`: {}", e.message_en())))
}

/// Reads a registry (CSV or workbook) through the core's one way in.
pub(crate) fn read_registry(path: &Path) -> Result<(Registry, Vec<Finding>), Fatal> {
    lec_core::files::read_registry_path(path, None).map_err(|e| Fatal(format!("registry: {}", e.message_en())))
}

/// The JSON document `lec validate --format json` prints.
#[derive(Serialize)]
struct ValidateOutput<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "<[Finding]>::is_empty")]
    registry_findings: &'a [Finding],
}

fn run_validate(args: &ValidateArgs) -> Result<ExitCode, Fatal> {
    let policy = load_policy(args.common.policy.as_deref())?;
    let (registry, registry_findings) = match &args.registry {
        None => (None, Vec::new()),
        Some(path) => {
            let (reg, findings) = read_registry(path)?;
            (Some(reg), findings)
        }
    };
    let mut ctx = Context::new(&policy, args.common.year);
    ctx.registry = registry.as_ref();
    ctx.unmasked = args.common.unmask;
    if let Some(text) = &args.as_of {
        let d = lec_core::parse_thai_date(text).map_err(|_| Fatal(format!("`{text}` is not a date for --as-of")))?;
        ctx.as_of = d.date;
    }
    let started = std::time::Instant::now();
    let mut validator = Validator::new(ctx);
    let limit = (args.limit > 0).then_some(args.limit);
    if let Some(limit) = limit {
        validator = validator.list_limit(limit);
    }
    if args.errors_only {
        validator = validator.min_severity(Severity::Error);
    }
    let bar = progress::Bar::new(!args.quiet);
    let on_progress = |p: lec_core::files::Progress<'_>| bar.update(p);
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let opts = ReadOptions { sheet: args.sheet.clone(), threads, progress: Some(&on_progress) };
    for path in &args.files {
        validate_path(&mut validator, path, &opts);
    }
    bar.finish();
    let report = validator.finish();
    let unreadable = report.by_code.iter().any(|c| c.code == FindingCode::FileUnreadable);
    let lang = Lang::from(args.common.lang);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        ValidateFormat::Json => {
            write_json(&mut out, &ValidateOutput { report: &report, registry_findings: &registry_findings })
        }
        ValidateFormat::Csv => write_csv(&mut out, registry_findings.iter().chain(&report.findings)),
        ValidateFormat::Table => write_table(&mut out, &report, &registry_findings, lang),
        ValidateFormat::Html => html::write(
            &mut out,
            &html::Page {
                report: &report,
                registry_findings: &registry_findings,
                academic_year: args.common.year,
                unmasked: args.common.unmask,
                lang,
                limit,
                errors_only: args.errors_only,
            },
        ),
    };
    finish_output(written, out)?;
    let s = &report.summary;
    if s.findings_omitted > 0 && !args.quiet {
        let _ = writeln!(
            io::stderr(),
            "lec: {} of {} findings listed ({}); the counts cover all of them",
            report.findings.len(),
            s.errors + s.warnings + s.infos,
            match (args.errors_only, limit) {
                (true, Some(l)) => format!("errors only, at most {l}; --limit 0 lists every one"),
                (true, None) => "errors only".to_owned(),
                (false, Some(l)) => format!("at most {l}; --limit 0 lists every one"),
                (false, None) => "all".to_owned(),
            }
        );
    }
    if args.stats {
        let secs = started.elapsed().as_secs_f64();
        let peak = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".to_owned());
        let _ = writeln!(
            io::stderr(),
            "lec stats: {} rows in {secs:.3} s = {:.0} rows/s, {threads} threads, peak memory (VmHWM) {peak}",
            s.rows,
            s.rows as f64 / secs.max(1e-9)
        );
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

pub(crate) fn finish_output(written: io::Result<()>, mut out: impl Write) -> Result<(), Fatal> {
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // the reader went away (`| head`): not an error of ours
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fatal(format!("cannot write the output: {}", lec_core::files::io_reason(&e)))),
    }
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

pub(crate) fn write_csv<'f>(out: &mut impl Write, findings: impl Iterator<Item = &'f Finding>) -> io::Result<()> {
    out.write_all(lec_core::render::findings_csv(findings).as_bytes())
}

fn write_table(out: &mut impl Write, report: &Report, registry: &[Finding], lang: Lang) -> io::Result<()> {
    out.write_all(lec_core::render::report_table(report, registry, lang).as_bytes())
}

fn run_id(args: &IdArgs) -> Result<ExitCode, Fatal> {
    if args.format == Format::Csv {
        return Err(Fatal("`lec id` prints table or json, not `csv`".to_owned()));
    }
    let policy = load_policy(args.common.policy.as_deref())?;
    let explained: Vec<IdExplained> =
        args.ids.iter().map(|input| IdExplained::new(input, &policy, args.common.year, args.common.unmask)).collect();
    let all_valid = explained.iter().all(|e| e.valid);
    let lang = Lang::from(args.common.lang);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        Format::Json => write_json(&mut out, &explained),
        _ => out.write_all(lec_core::render::id_table(&explained, lang).as_bytes()),
    };
    finish_output(written, out)?;
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
