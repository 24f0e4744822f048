//! `lec` — validate LEC student files and explain personal IDs from the command line.
//!
//! Exit codes: 0 when no `error` finding, 1 when there are errors, 2 on usage errors or
//! unreadable input.

use clap::{Parser, Subcommand, ValueEnum};
use lec_core::files::{ReadOptions, validate_file};
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
    #[arg(long, default_value_t = 2567)]
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
    let text = std::fs::read_to_string(path)
        .map_err(|e| Fatal(format!("cannot read policy file `{}`: {}", path.display(), io_reason(&e))))?;
    let is_toml = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let policy = if is_toml { Policy::from_toml(&text) } else { Policy::from_json(&text) };
    policy.map_err(|e| Fatal(format!("policy file `{}`: {}", path.display(), e.message_en())))
}

pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string().to_lowercase(),
    }
}

/// Opens a file to read without ever blocking or reading a device: a path that is not a
/// regular file (a folder, a device such as `/dev/zero`, a named pipe) is an error of kind
/// `InvalidInput` that says so. (On Linux and macOS the file is opened non-blocking, so a pipe
/// swapped in after the check does not hang the caller either; regular files read as usual.)
pub(crate) fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let not_regular = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a named pipe cannot be read as a file)",
        )
    };
    if !std::fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "aarch64",
            target_arch = "x86",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0o4000); // O_NONBLOCK
    #[cfg(target_os = "macos")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, 0x0004); // O_NONBLOCK
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_regular());
    }
    Ok(file)
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
            let bytes = std::fs::read(path)
                .map_err(|e| Fatal(format!("cannot read registry `{}`: {}", path.display(), io_reason(&e))))?;
            let name = path.display().to_string();
            let (reg, findings) = Registry::from_csv(&name, &bytes)
                .map_err(|e| Fatal(format!("registry `{name}`: {}", e.message_en())))?;
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
        let name = path.display().to_string();
        match open_regular(path) {
            Ok(file) => validate_file(&mut validator, &name, io::BufReader::with_capacity(256 * 1024, file), &opts),
            Err(e) => {
                let file = validator.begin_file(&name, None);
                let f = Finding::new(
                    FindingCode::FileUnreadable,
                    None,
                    Some(&name),
                    lec_core::finding::Detail::both(io_reason(&e), io_reason(&e)),
                );
                validator.file_finding(file, None, f);
            }
        }
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
        Err(e) => Err(Fatal(format!("cannot write the output: {}", io_reason(&e)))),
    }
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

pub(crate) fn write_csv<'f>(out: &mut impl Write, findings: impl Iterator<Item = &'f Finding>) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["code", "severity", "file", "row", "column", "value", "message_th", "message_en"])?;
    for f in findings {
        let row = f.row.map(|r| r.to_string()).unwrap_or_default();
        w.write_record([
            f.code.as_str(),
            f.severity.as_str(),
            f.file.as_deref().unwrap_or(""),
            &row,
            f.column.as_deref().unwrap_or(""),
            f.value.as_deref().unwrap_or(""),
            &f.message_th,
            &f.message_en,
        ])?;
    }
    w.flush()
}

fn write_table(out: &mut impl Write, report: &Report, registry: &[Finding], lang: Lang) -> io::Result<()> {
    for f in registry.iter().chain(&report.findings) {
        let place = match (&f.file, f.row) {
            (Some(file), Some(row)) => format!("{file}:{row}"),
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        writeln!(
            out,
            "{place:<28} {:<16} {:<8} {:<28} {}",
            f.column.as_deref().unwrap_or("-"),
            f.severity,
            f.code,
            f.message(lang)
        )?;
    }
    let s = &report.summary;
    for file in &report.files {
        let read_as = match (file.format.as_deref(), file.encoding.as_deref()) {
            (Some(format), Some(encoding)) => format!("{format}, encoding {encoding}"),
            (Some(format), None) => format.to_owned(),
            (None, _) => "unread".to_owned(),
        };
        let header = file.header_row.map(|r| format!(", header at row {r}")).unwrap_or_default();
        writeln!(out, "file {}: {} rows, {} blank, {read_as}{header}", file.path, file.rows, file.blank_rows)?;
    }
    if !report.by_code.is_empty() {
        let counts: Vec<String> = report.by_code.iter().map(|c| format!("{} {}", c.code, c.count)).collect();
        writeln!(out, "by code: {}", counts.join(", "))?;
    }
    if s.findings_omitted > 0 {
        writeln!(
            out,
            "listed: {} findings; {} more counted but not listed",
            report.findings.len(),
            s.findings_omitted
        )?;
    }
    let count = |sev: Severity| match sev {
        Severity::Error => s.errors,
        Severity::Warning => s.warnings,
        Severity::Info => s.infos,
    };
    writeln!(
        out,
        "summary: {} rows = {} counted + {} with errors + {} removed; {} errors, {} warnings, {} infos",
        s.rows,
        s.records_counted,
        s.records_with_errors,
        s.records_removed,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}

/// One explained ID, as `lec id --format json` prints it.
#[derive(Serialize)]
struct IdOutput {
    input: String,
    valid: bool,
    kind: Option<&'static str>,
    normalized: Option<String>,
    masked: Option<String>,
    category: Option<u8>,
    province_code: Option<String>,
    gcode_year: Option<u16>,
    findings: Vec<Finding>,
}

fn run_id(args: &IdArgs) -> Result<ExitCode, Fatal> {
    if args.format == Format::Csv {
        return Err(Fatal("`lec id` prints table or json, not `csv`".to_owned()));
    }
    let policy = load_policy(args.common.policy.as_deref())?;
    let explained: Vec<IdOutput> = args
        .ids
        .iter()
        .map(|input| {
            let check = lec_core::check_id(input, &policy, args.common.year, args.common.unmask);
            let id = check.id;
            IdOutput {
                input: input.clone(),
                valid: check.is_valid(),
                kind: id.map(|i| i.kind().as_str()),
                normalized: id.map(|i| i.normalized()),
                masked: id.map(|i| i.masked()),
                category: id.and_then(|i| i.category()),
                province_code: id.and_then(|i| i.province_code()).map(|p| format!("{p:02}")),
                gcode_year: id.and_then(|i| i.gcode_year()),
                findings: check.findings,
            }
        })
        .collect();
    let all_valid = explained.iter().all(|e| e.valid);
    let lang = Lang::from(args.common.lang);
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        Format::Json => write_json(&mut out, &explained),
        _ => write_id_table(&mut out, &explained, lang),
    };
    finish_output(written, out)?;
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_id_table(out: &mut impl Write, explained: &[IdOutput], lang: Lang) -> io::Result<()> {
    for e in explained {
        let verdict = if e.valid { "valid" } else { "invalid" };
        writeln!(
            out,
            "{}: {verdict}, {}{}{}{}",
            e.input,
            e.kind.unwrap_or("unknown kind"),
            e.masked.as_ref().map(|m| format!(", {m}")).unwrap_or_default(),
            e.category.map(|c| format!(", category {c}")).unwrap_or_default(),
            e.gcode_year.map(|y| format!(", year {y}")).unwrap_or_default(),
        )?;
        for f in &e.findings {
            writeln!(out, "  {} {}: {}", f.severity, f.code, f.message(lang))?;
        }
    }
    Ok(())
}
