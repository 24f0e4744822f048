//! `lec round …`: replay workflow commands, show who is pending, draw the spot-check sample.

use crate::{Fatal, finish_output, load_policy};
use lec_core::workflow::{
    BangkokTime, Command, Event, Round, UnitId, UnitState, mask_officer, parse_event_log, pending, spot_check_sample,
};
use serde::{Deserialize, Serialize};
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

/// The confirmation workflow.
#[derive(Debug, clap::Args)]
pub(crate) struct RoundArgs {
    #[command(subcommand)]
    command: RoundCommand,
}

#[derive(Debug, clap::Subcommand)]
enum RoundCommand {
    /// Apply commands (JSON lines: at, actor, action, unit, data, officer, check) in order and print, per line,
    /// whether it was accepted (with its events) or rejected (with its code), then the final
    /// state of every unit. Exit 0: every line accepted; 1: some rejected or malformed; 2: usage
    /// or unreadable input.
    Replay(ReplayArgs),
    /// Print the pending units and the deadline each faces, from an event log.
    Status(StatusArgs),
    /// Draw a province's random spot-check sample of institutions (same seed, same sample).
    Sample(SampleArgs),
}

#[derive(Debug, clap::Args)]
struct Shared {
    /// The registry of units (CSV `level,code,name,parent,kind`).
    #[arg(long)]
    registry: PathBuf,
    /// The round calendar: a shipped id (`2567-2`) or a JSON / TOML file.
    #[arg(long, default_value = lec_core::DEFAULT_CALENDAR)]
    calendar: String,
    /// A policy file (JSON or TOML); its `workflow` section tunes the workflow rules.
    #[arg(long)]
    policy: Option<PathBuf>,
    /// Show officers' identifiers in full (they are personal data: masked by default). The
    /// `--events-out` log always keeps them as given.
    #[arg(long)]
    unmask: bool,
}

#[derive(Debug, clap::Args)]
struct ReplayArgs {
    /// Commands, one JSON object a line.
    commands: PathBuf,
    #[command(flatten)]
    shared: Shared,
    /// Also write the event log (JSON lines) to this file.
    #[arg(long)]
    events_out: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RoundFormat::Json)]
    format: RoundFormat,
}

#[derive(Debug, clap::Args)]
struct StatusArgs {
    /// The event log (JSON lines, as `lec round replay --events-out` writes it).
    #[arg(long)]
    log: PathBuf,
    #[command(flatten)]
    shared: Shared,
    /// The time to judge deadlines at (RFC 3339); default: now.
    #[arg(long)]
    at: Option<String>,
    /// Only this unit's subtree (a province, LAO or institution code).
    #[arg(long)]
    within: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RoundFormat::Table)]
    format: RoundFormat,
}

#[derive(Debug, clap::Args)]
struct SampleArgs {
    /// The province code.
    #[arg(long)]
    province: String,
    /// How many institutions.
    #[arg(long)]
    size: usize,
    /// The seed (any whole number); the same seed gives the same sample everywhere.
    #[arg(long)]
    seed: u64,
    #[command(flatten)]
    shared: Shared,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RoundFormat {
    Json,
    Table,
}

/// One line of a commands file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CommandLine {
    at: String,
    #[serde(flatten)]
    command: Command,
}

/// What `replay` prints for one input line.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum LineResult<'a> {
    Accepted { line: usize, accepted: bool, events: &'a [Event] },
    Rejected { line: usize, accepted: bool, code: &'a str, message_th: &'a str, message_en: &'a str },
}

/// The final state of one unit.
#[derive(Debug, Serialize)]
struct UnitLine {
    level: &'static str,
    code: String,
    name: String,
    confirmed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    confirmed_at: Option<BangkokTime>,
    /// The registry status when the unit takes no part this round.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
}

/// The officer as output shows it: masked unless `--unmask`.
fn shown_officer(officer: &str, unmask: bool) -> String {
    if unmask { officer.to_owned() } else { mask_officer(officer) }
}

/// Events as output shows them: officers masked unless `--unmask`.
fn shown_events(events: &[Event], unmask: bool) -> Vec<Event> {
    events
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.officer = e.officer.map(|o| shown_officer(&o, unmask));
            e
        })
        .collect()
}

pub(crate) fn run(args: &RoundArgs) -> Result<ExitCode, Fatal> {
    match &args.command {
        RoundCommand::Replay(a) => replay(a),
        RoundCommand::Status(a) => status(a),
        RoundCommand::Sample(a) => sample(a),
    }
}

fn open_round(shared: &Shared) -> Result<Round, Fatal> {
    let (registry, findings) = crate::read_registry(&shared.registry)?;
    let name = shared.registry.display().to_string();
    for f in findings.iter().filter(|f| f.severity == lec_core::Severity::Error) {
        let _ = writeln!(io::stderr(), "lec: registry {}:{}: {} {}", name, f.row.unwrap_or(0), f.code, f.message_en);
    }
    let calendar =
        lec_core::files::read_calendar(&shared.calendar).map_err(|e| Fatal(format!("calendar: {}", e.message_en())))?;
    let policy = load_policy(shared.policy.as_deref())?;
    Ok(Round::new(Arc::new(registry), calendar, policy.workflow))
}

fn replay(args: &ReplayArgs) -> Result<ExitCode, Fatal> {
    let mut round = open_round(&args.shared)?;
    let text = std::fs::read_to_string(&args.commands).map_err(|e| {
        Fatal(format!("cannot read commands `{}`: {}", args.commands.display(), lec_core::files::io_reason(&e)))
    })?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut all_accepted = true;
    let mut written: io::Result<()> = Ok(());
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Result<(Command, BangkokTime), String> =
            serde_json::from_str::<CommandLine>(line).map_err(|e| e.to_string()).and_then(|c| {
                BangkokTime::parse(&c.at)
                    .map(|at| (c.command, at))
                    .ok_or_else(|| format!("`{}` is not an RFC 3339 time", c.at))
            });
        let result = match parsed {
            Ok((command, at)) => match round.execute(&command, at) {
                Ok(events) => write_line(
                    &mut out,
                    args.format,
                    &LineResult::Accepted {
                        line: n,
                        accepted: true,
                        events: &shown_events(&events, args.shared.unmask),
                    },
                ),
                Err(r) => {
                    all_accepted = false;
                    write_line(
                        &mut out,
                        args.format,
                        &LineResult::Rejected {
                            line: n,
                            accepted: false,
                            code: r.code.as_str(),
                            message_th: &r.message_th,
                            message_en: &r.message_en,
                        },
                    )
                }
            },
            Err(e) => {
                all_accepted = false;
                let en = format!("line {n} is not a command: {e}");
                let th = format!("บรรทัด {n} ไม่ใช่คำสั่ง: {e}");
                write_line(
                    &mut out,
                    args.format,
                    &LineResult::Rejected {
                        line: n,
                        accepted: false,
                        code: "COMMAND_INVALID",
                        message_th: &th,
                        message_en: &en,
                    },
                )
            }
        };
        if let Err(e) = result {
            written = Err(e);
            break;
        }
    }
    if written.is_ok() {
        written = write_final_state(&mut out, &round, args.format);
    }
    finish_output(written, out)?;
    if let Some(path) = &args.events_out {
        let mut log = String::new();
        for e in round.events() {
            log.push_str(&serde_json::to_string(e).map_err(|e| Fatal(e.to_string()))?);
            log.push('\n');
        }
        std::fs::write(path, log).map_err(|e| {
            Fatal(format!("cannot write the event log `{}`: {}", path.display(), lec_core::files::io_reason(&e)))
        })?;
    }
    Ok(if all_accepted { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_line(out: &mut impl Write, format: RoundFormat, r: &LineResult<'_>) -> io::Result<()> {
    match (format, r) {
        (RoundFormat::Json, _) => {
            serde_json::to_writer(&mut *out, r).map_err(io::Error::other)?;
            writeln!(out)
        }
        (RoundFormat::Table, LineResult::Accepted { line, events, .. }) => {
            for e in events.iter() {
                let officer = e.officer.as_deref().map(|o| format!(" (officer {o})")).unwrap_or_default();
                let check = e
                    .check
                    .as_ref()
                    .map(|c| format!(" check seed {} {}: {}", c.seed, check_word(c.result), c.note))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "line {line}: accepted  #{} {} {} {} by {} {}{officer}{check}",
                    e.seq,
                    e.at,
                    e.action.as_str(),
                    e.unit,
                    e.actor.level.as_str(),
                    e.actor.code
                )?;
            }
            Ok(())
        }
        (RoundFormat::Table, LineResult::Rejected { line, code, message_en, .. }) => {
            writeln!(out, "line {line}: rejected  {code} {message_en}")
        }
    }
}

fn unit_lines(round: &Round) -> Vec<UnitLine> {
    let reg = round.registry();
    let st = round.state();
    let get =
        |map: &std::collections::BTreeMap<String, UnitState>, code: &str| map.get(code).copied().unwrap_or_default();
    let mut lines = Vec::new();
    for p in reg.provinces() {
        let code = format!("{:02}", p.code);
        let s = get(&st.provinces, &code);
        lines.push(UnitLine {
            level: "province",
            name: p.name.clone(),
            confirmed: s.confirmed,
            confirmed_at: s.confirmed_at,
            status: (!p.status.is_active()).then(|| p.status.as_str()),
            code,
        });
        for l in reg.laos_of(p.code) {
            let Some(lao) = reg.lao(*l) else { continue };
            let code = l.login();
            let s = get(&st.laos, &code);
            lines.push(UnitLine {
                level: "lao",
                name: lao.name.clone(),
                confirmed: s.confirmed,
                confirmed_at: s.confirmed_at,
                status: (!lao.status.is_active()).then(|| lao.status.as_str()),
                code: code.clone(),
            });
            if reg.active_other_schools_of(*l).next().is_some() {
                let s = get(&st.headcounts, &code);
                lines.push(UnitLine {
                    level: "headcounts",
                    name: lao.name.clone(),
                    confirmed: s.confirmed,
                    confirmed_at: s.confirmed_at,
                    status: None,
                    code,
                });
            }
            for i in reg.institutions_of(*l) {
                let Some(inst) = reg.institution(*i) else { continue };
                let code = i.digits();
                let s = get(&st.institutions, &code);
                lines.push(UnitLine {
                    level: "institution",
                    name: inst.name.clone(),
                    confirmed: s.confirmed,
                    confirmed_at: s.confirmed_at,
                    status: (!inst.status.is_active()).then(|| inst.status.as_str()),
                    code,
                });
            }
        }
    }
    lines
}

fn write_final_state(out: &mut impl Write, round: &Round, format: RoundFormat) -> io::Result<()> {
    let units = unit_lines(round);
    match format {
        RoundFormat::Json => {
            #[derive(Serialize)]
            struct Final<'a> {
                state: &'a [UnitLine],
                log_head: &'a lec_core::workflow::LogHead,
            }
            serde_json::to_writer(&mut *out, &Final { state: &units, log_head: &round.state().head })
                .map_err(io::Error::other)?;
            writeln!(out)
        }
        RoundFormat::Table => {
            writeln!(out, "final state of {}:", round.calendar().id())?;
            for u in units {
                let when = u.confirmed_at.map(|t| t.display_th()).unwrap_or_default();
                let mark = match (u.confirmed, u.status) {
                    (true, _) => "confirmed",
                    (false, Some(s)) => s,
                    (false, None) => "pending",
                };
                writeln!(out, "  {:<11} {:<10} {:<9} {:<16} {}", u.level, u.code, mark, when, u.name)?;
            }
            Ok(())
        }
    }
}

fn status(args: &StatusArgs) -> Result<ExitCode, Fatal> {
    let round = open_round(&args.shared)?;
    let text = std::fs::read_to_string(&args.log).map_err(|e| {
        Fatal(format!("cannot read event log `{}`: {}", args.log.display(), lec_core::files::io_reason(&e)))
    })?;
    let events =
        parse_event_log(&text).map_err(|e| Fatal(format!("event log `{}`: {}", args.log.display(), e.message_en)))?;
    let round = Round::from_events(
        Arc::new(round.registry().clone()),
        round.calendar().clone(),
        round.rules().policy.clone(),
        events,
    )
    .map_err(|e| Fatal(format!("event log `{}`: {}", args.log.display(), e.message_en)))?;
    let now = match &args.at {
        Some(t) => BangkokTime::parse(t).ok_or_else(|| Fatal(format!("`{t}` is not an RFC 3339 time for --at")))?,
        None => BangkokTime::new(chrono::Utc::now()),
    };
    let within = match &args.within {
        Some(code) => Some(
            UnitId::resolve(round.registry(), code)
                .ok_or_else(|| Fatal(format!("unit `{code}` is not in the registry")))?,
        ),
        None => None,
    };
    let mut list = pending(&round.rules(), round.state(), now, within);
    for p in &mut list {
        if let Some(c) = &mut p.last_spot_check {
            c.officer = c.officer.as_deref().map(|o| shown_officer(o, args.shared.unmask));
        }
    }
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = match args.format {
        RoundFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &list).map_err(io::Error::other).and_then(|()| writeln!(out))
        }
        RoundFormat::Table => (|| {
            writeln!(out, "pending in {} at {} ({} units):", round.calendar().id(), now, list.len())?;
            for p in &list {
                let what = if p.headcounts { "headcounts" } else { p.level.as_str() };
                let late = if p.overdue {
                    "OVERDUE"
                } else if p.may_confirm_late {
                    "may confirm late"
                } else {
                    ""
                };
                let waits = if p.waiting_for.is_empty() {
                    String::new()
                } else {
                    format!(" waiting for {}", p.waiting_for.join(", "))
                };
                let recorded = if p.recorded { "recorded" } else { "nothing recorded" };
                let checked = p
                    .last_spot_check
                    .as_ref()
                    .map(|c| format!(" last check {} {}", c.at.display_th(), check_word(c.check.result)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "  {what:<11} {:<10} due {} {recorded:<16} {late:<16}{waits}{checked}  {}",
                    p.code,
                    p.deadline.display_th(),
                    p.name
                )?;
            }
            let checks = &round.state().spot_checks;
            if !checks.is_empty() {
                writeln!(out, "last spot check of each checked institution ({}):", checks.len())?;
                for (code, c) in checks {
                    let officer = c
                        .officer
                        .as_deref()
                        .map(|o| format!(" by {}", shown_officer(o, args.shared.unmask)))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "  {code:<10} {} {:<6} seed {} province {}{officer}  {}",
                        c.at.display_th(),
                        check_word(c.check.result),
                        c.check.seed,
                        c.province,
                        c.check.note
                    )?;
                }
            }
            Ok(())
        })(),
    };
    finish_output(written, out)?;
    Ok(ExitCode::SUCCESS)
}

fn check_word(r: lec_core::workflow::CheckResult) -> &'static str {
    match r {
        lec_core::workflow::CheckResult::Ok => "ok",
        lec_core::workflow::CheckResult::Issues => "issues",
    }
}

fn sample(args: &SampleArgs) -> Result<ExitCode, Fatal> {
    let round = open_round(&args.shared)?;
    let province = lec_core::province::parse(&args.province)
        .filter(|p| round.registry().province(p.code).is_some())
        .ok_or_else(|| Fatal(format!("province `{}` is not in the registry", args.province)))?;
    let codes: Vec<String> =
        spot_check_sample(&round.rules(), province.code, args.size, args.seed).iter().map(|c| c.digits()).collect();
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = codes.iter().try_for_each(|c| writeln!(out, "{c}"));
    finish_output(written, out)?;
    Ok(ExitCode::SUCCESS)
}
