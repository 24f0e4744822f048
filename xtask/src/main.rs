//! `cargo xtask` — the project's multi-language chores.
//!
//! - `cargo xtask test [SUITE...]`: formatting, clippy, every test suite; ends with one line
//!   `N passed, N failed` summing every runner's own summary. Naming suites (`rust`, `files`,
//!   `mobile`, `python`, `node`) runs only those, for the dev loop; CI runs them all.
//! - `cargo xtask deny`: cargo-deny's licences, bans, sources and RustSec advisories (offline
//!   against `../shared/advisory-db` when that snapshot exists), as `cargo xtask test` runs it.
//! - `cargo xtask bench`: the benchmarks (criterion), with machine and versions printed.
//! - `cargo xtask bench python`: the Python binding's ID benchmark (python-stdnum vs lec).
//! - `cargo xtask bench node`: the Node binding's ID benchmark (thai-id-validator vs lec).
//! - `cargo xtask bench files`: CSV and XLSX at scale, calamine alone and `frictionless validate`
//!   beside lec.
//! - `cargo xtask bench server`: the Node example server as a durable, authenticated host under
//!   50 clients (commands/s, p99 latency, zero lost, zero 5xx).
//! - `cargo xtask bench hostile`: `lec validate` on generated hostile files (a million columns,
//!   a quote that never closes, a workbook bomb, a pipe, …): time, peak memory (< 200 MB), finding.
//! - `cargo xtask mobile generate`: rewrites the committed Kotlin and Swift of `bindings-mobile`.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

mod callgrind;
mod files;
mod fuzz;
mod hostile;
mod mobile;
mod node;
mod python;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&root, args.get(1..).unwrap_or(&[])),
        Some("deny") => supply_chain(&root),
        Some("fuzz") => fuzz::fuzz(&root, args.get(1..).unwrap_or(&[])),
        Some("bench") if args.get(1).is_some_and(|a| a == "mobile") => mobile::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "python") => python::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "node") => node::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "files") => files::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "hostile") => hostile::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "server") => node::bench_server(&root),
        Some("bench") => bench(&root, args.get(1..).unwrap_or(&[])),
        Some("mobile") => mobile::command(&root, args.get(1..).unwrap_or(&[])),
        _ => {
            say(
                "usage: cargo xtask <test [SUITE...]|deny|bench [mobile|python|node|files|hostile|server]|fuzz [SECONDS] [TARGET...]|mobile generate>",
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            say(&format!("xtask: {msg}"));
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

#[cfg(test)]
mod tests {
    use super::{Tally, first_difference, json_string_field, unix_seconds};

    #[test]
    fn reads_rfc3339_times() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2026-08-21T08:28:40+02:00"), Some(1_787_293_720));
        assert_eq!(unix_seconds("2000-03-01T00:00:00-01:30"), Some(951_868_800 + 5400));
        assert_eq!(unix_seconds("yesterday"), None);
    }

    #[test]
    fn reads_target_directory_from_metadata() {
        let json = r#"{"packages":[],"target_directory":"C:\\lec\\target","version":1}"#;
        assert_eq!(json_string_field(json, "target_directory").as_deref(), Some(r"C:\lec\target"));
        assert_eq!(
            json_string_field(r#"{"target_directory": "/a/b\u0020c"}"#, "target_directory").as_deref(),
            Some("/a/b c")
        );
        assert_eq!(json_string_field("{}", "target_directory"), None);
        let json = r#"{"packages":[],"target_directory":"/work/t\\x \"q\"","version":1}"#;
        assert_eq!(json_string_field(json, "target_directory").as_deref(), Some("/work/t\\x \"q\""));
        let json = r#"{"target_directory":"/w/t\u0020x","x":1}"#;
        assert_eq!(json_string_field(json, "target_directory").as_deref(), Some("/w/t x"));
    }

    #[test]
    fn names_the_first_difference() {
        assert_eq!(first_difference(b"a\nb\nc", b"a\nx\nc"), "line 2: committed \"b\", rebuilt \"x\"");
        assert_eq!(first_difference(b"a\n", b"a\nb\n"), "line 2: committed \"<end>\", rebuilt \"b\"");
    }

    #[test]
    fn reads_cargo_summary_lines() {
        let mut t = Tally::default();
        t.cargo_line("test result: ok. 19 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        t.cargo_line("test result: FAILED. 4 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out");
        t.cargo_line("running 5 tests");
        assert_eq!((t.passed, t.failed), (23, 1));
    }
}

/// Pass and fail counts gathered from the runners' closing lines.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Tally {
    pub(crate) passed: u64,
    pub(crate) failed: u64,
}

impl Tally {
    /// Reads a cargo test line `test result: ok. 19 passed; 0 failed; …`.
    fn cargo_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else { return };
        for part in rest.split([';', '.']) {
            let mut words = part.split_whitespace();
            if let (Some(n), Some(what)) = (words.next(), words.next())
                && let Ok(n) = n.parse::<u64>()
            {
                match what {
                    "passed" => self.passed += n,
                    "failed" => self.failed += n,
                    _ => {}
                }
            }
        }
    }
}

/// Runs a command in `root`; an error when it fails.
pub(crate) fn run(root: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    command(root, program, args, &[])
}

/// Runs a command in `root`, echoing its stdout line by line to ours and feeding each line to
/// `each`; whether it succeeded.
pub(crate) fn run_tee(root: &Path, program: &str, args: &[&str], each: impl FnMut(&str)) -> Result<bool, String> {
    command_tee(root, program, args, &[], each)
}

/// Runs a command in `cwd` with extra environment variables; an error when it fails.
pub(crate) fn command(cwd: &Path, program: &str, args: &[&str], env: &[(&str, &OsStr)]) -> Result<(), String> {
    say(&format!("$ {program} {}", args.join(" ")));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` failed ({status})", args.join(" "))) }
}

/// Runs a command in `cwd` with extra environment variables, echoing its stdout line by line and
/// feeding each line to `each`; whether it succeeded.
pub(crate) fn command_tee(
    cwd: &Path,
    program: &str,
    args: &[&str],
    env: &[(&str, &OsStr)],
    mut each: impl FnMut(&str),
) -> Result<bool, String> {
    say(&format!("$ {program} {}", args.join(" ")));
    let mut child = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let mut out = std::io::stdout();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        let _ = writeln!(out, "{line}");
        each(&line);
    }
    Ok(child.wait().map_err(|e| e.to_string())?.success())
}

/// Cargo's target directory: `CARGO_TARGET_DIR`, else what `cargo metadata` says.
pub(crate) fn target_dir(root: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR").filter(|d| !d.is_empty()) {
        let dir = PathBuf::from(dir);
        return Ok(if dir.is_absolute() { dir } else { root.join(dir) });
    }
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run `cargo metadata`: {e}"))?;
    if !out.status.success() {
        return Err(format!("`cargo metadata` failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    json_string_field(&String::from_utf8_lossy(&out.stdout), "target_directory")
        .map(PathBuf::from)
        .ok_or_else(|| "`cargo metadata` gave no `target_directory`".to_owned())
}

/// The value of the first `"key": "…"` string field of a JSON text (enough for cargo metadata's
/// top-level `target_directory`; handles the escapes a path may contain).
fn json_string_field(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = json.get(at..)?.trim_start().strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out),
            '\\' => match chars.next()? {
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                'n' => out.push('\n'),
                't' => out.push('\t'),
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

/// Where a committed generated file and its fresh version first differ, for the failure message.
pub(crate) fn first_difference(old: &[u8], new: &[u8]) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let mut old_lines = old.lines();
    let mut new_lines = new.lines();
    let mut n = 1;
    loop {
        match (old_lines.next(), new_lines.next()) {
            (Some(a), Some(b)) if a == b => n += 1,
            (a, b) => {
                return format!("line {n}: committed {:?}, rebuilt {:?}", a.unwrap_or("<end>"), b.unwrap_or("<end>"));
            }
        }
    }
}

/// The suites `cargo xtask test` runs, in order; naming some runs only those.
const SUITES: [&str; 5] = ["rust", "files", "mobile", "python", "node"];

fn test(root: &Path, only: &[String]) -> Result<(), String> {
    if let Some(unknown) = only.iter().find(|s| !SUITES.contains(&s.as_str())) {
        return Err(format!("unknown suite `{unknown}`: the suites are {}", SUITES.join(", ")));
    }
    let wanted = |suite: &str| only.is_empty() || only.iter().any(|s| s == suite);
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    if wanted("rust") {
        run(root, "cargo", &["fmt", "--all", "--", "--check"])?;
        run(root, "cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
        supply_chain(root)?;
        if !run_tee(root, "cargo", &["test", "--workspace"], |l| tally.cargo_line(l))? {
            failures.push("cargo test");
        }
    }
    // Each binding's suite adds its runner's counts to `tally` and its name to `failures` when
    // it fails (modules below, one per language).
    type Suite = fn(&Path, &mut Tally, &mut Vec<&'static str>) -> Result<(), String>;
    let suites: [(&'static str, Suite); 4] =
        [("files", files::test), ("mobile", mobile::test), ("python", python::test), ("node", node::test)];
    for (name, suite) in suites {
        if wanted(name)
            && let Err(e) = suite(root, &mut tally, &mut failures)
        {
            say(&format!("{name}: {e}"));
            failures.push(name);
        }
    }
    let mut out = std::io::stdout();
    let _ = writeln!(out, "{} passed, {} failed", tally.passed, tally.failed);
    if tally.passed == 0 {
        return Err("no test ran".to_owned());
    }
    if failures.is_empty() && tally.failed == 0 { Ok(()) } else { Err(format!("failed: {}", failures.join(", "))) }
}

/// Licences, bans and sources of every dependency (`deny.toml`), then the RustSec advisories,
/// with cargo-deny installed from the crate registry when missing.
fn supply_chain(root: &Path) -> Result<(), String> {
    let have = Command::new("cargo").args(["deny", "--version"]).output().is_ok_and(|o| o.status.success());
    if !have {
        run(root, "cargo", &["install", "cargo-deny", "--version", "0.20.2", "--locked"])?;
    }
    run(root, "cargo", &["deny", "--log-level", "error", "check", "licenses", "bans", "sources"])?;
    advisories(root)
}

/// The RustSec snapshot beside the checkout (`../shared/advisory-db`, a plain copy with a
/// `SNAPSHOT` file), for machines that cannot reach GitHub.
const ADVISORY_SNAPSHOT: &str = "../shared/advisory-db";

/// The folder cargo-deny 0.20 looks for under its `db-path` for the default database
/// (`advisory-db-` and the XxHash64 of `https://github.com/rustsec/advisory-db`).
const ADVISORY_DB_DIR: &str = "advisory-db-3157b0e258782691";

/// `cargo deny check advisories`: against the snapshot when there is one (offline, with the
/// staleness limit of `deny.toml`), else with cargo-deny's own fetch from GitHub.
fn advisories(root: &Path) -> Result<(), String> {
    let snapshot = root.join(ADVISORY_SNAPSHOT);
    if !snapshot.join("SNAPSHOT").is_file() {
        say(&format!("advisories: no snapshot at {}: cargo-deny fetches the database", snapshot.display()));
        return run(root, "cargo", &["deny", "--log-level", "error", "check", "advisories"]);
    }
    let (commit, date) = read_snapshot(&snapshot)?;
    let age = unix_seconds(&date)
        .map(|t| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            format!("{} days old", (now - t).div_euclid(86_400))
        })
        .unwrap_or_else(|| "age unknown".to_owned());
    let limit = staleness_limit(root).unwrap_or_else(|| "cargo-deny's default".to_owned());
    say(&format!("advisories: RustSec snapshot {commit} of {date} ({age}; limit {limit} in deny.toml)"));
    let dbs = target_dir(root)?.join("advisory-dbs");
    build_advisory_repo(&snapshot, &dbs.join(ADVISORY_DB_DIR), &commit, &date)?;
    // deny.toml with `db-path` pointing at the repository built from the snapshot
    let config = std::fs::read_to_string(root.join("deny.toml")).map_err(|e| format!("deny.toml: {e}"))?;
    let db_path = dbs.display().to_string().replace('\\', "/");
    let config = config.replacen("[advisories]\n", &format!("[advisories]\ndb-path = \"{db_path}\"\n"), 1);
    if !config.contains("db-path") {
        return Err("deny.toml has no `[advisories]` section".to_owned());
    }
    let offline = dbs.join("deny-offline.toml");
    std::fs::write(&offline, config).map_err(|e| format!("{}: {e}", offline.display()))?;
    let offline = offline.display().to_string();
    run(root, "cargo", &["deny", "--offline", "--log-level", "error", "--config", &offline, "check", "advisories"])
        .map_err(|e| format!("{e} (RustSec snapshot of {date}, {age})"))
}

/// The commit and date lines of a snapshot's `SNAPSHOT` file.
fn read_snapshot(snapshot: &Path) -> Result<(String, String), String> {
    let text = std::fs::read_to_string(snapshot.join("SNAPSHOT")).map_err(|e| format!("SNAPSHOT: {e}"))?;
    let field = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).filter(|v| v.starts_with(char::is_whitespace)).map(str::trim))
            .map(str::to_owned)
            .ok_or_else(|| format!("{}: no `{key}` line", snapshot.join("SNAPSHOT").display()))
    };
    Ok((field("commit")?, field("date")?))
}

/// `maximum-db-staleness` as deny.toml writes it.
fn staleness_limit(root: &Path) -> Option<String> {
    let config = std::fs::read_to_string(root.join("deny.toml")).ok()?;
    let line = config.lines().find(|l| l.trim_start().starts_with("maximum-db-staleness"))?;
    Some(line.split_once('=')?.1.split('#').next()?.trim().trim_matches('"').to_owned())
}

/// A throw-away git repository holding the snapshot, committed with the snapshot's own date
/// (cargo-deny judges staleness by the last commit and the time of `.git/HEAD`); rebuilt
/// only when the snapshot's commit changed.
fn build_advisory_repo(snapshot: &Path, repo: &Path, commit: &str, date: &str) -> Result<(), String> {
    let marker = repo.join(".git").join("lec-snapshot");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == commit) && repo.join("crates").is_dir() {
        return Ok(());
    }
    if repo.exists() {
        std::fs::remove_dir_all(repo).map_err(|e| format!("{}: {e}", repo.display()))?;
    }
    copy_tree(snapshot, repo)?;
    let env: [(&str, &OsStr); 6] = [
        ("GIT_AUTHOR_DATE", OsStr::new(date)),
        ("GIT_COMMITTER_DATE", OsStr::new(date)),
        ("GIT_AUTHOR_NAME", OsStr::new("lec xtask")),
        ("GIT_AUTHOR_EMAIL", OsStr::new("xtask@lec.invalid")),
        ("GIT_COMMITTER_NAME", OsStr::new("lec xtask")),
        ("GIT_COMMITTER_EMAIL", OsStr::new("xtask@lec.invalid")),
    ];
    let message = format!("RustSec advisory-db snapshot {commit}");
    for args in [
        &["init", "--quiet", "--initial-branch", "main"][..],
        &["add", "--all"],
        &["-c", "commit.gpgsign=false", "commit", "--quiet", "--message", &message],
    ] {
        command(repo, "git", args, &env)?;
    }
    // the HEAD file's time counts too: give it the snapshot's date, not today's
    command(repo, "touch", &["-d", date, ".git/HEAD"], &[])?;
    std::fs::write(&marker, commit).map_err(|e| format!("{}: {e}", marker.display()))
}

/// Copies a folder of plain files and folders.
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name() == ".git" {
            continue;
        }
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

/// Seconds since 1970 of an RFC 3339 time such as `2026-08-21T08:28:40+02:00`.
fn unix_seconds(text: &str) -> Option<i64> {
    let num = |a: usize, b: usize| text.get(a..b)?.parse::<i64>().ok();
    let (y, m, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hh, mm, ss) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    let zone = text.get(19..)?.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    let offset = match zone {
        "Z" | "z" => 0,
        z => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (z.get(1..3)?.parse::<i64>().ok()? * 3600 + z.get(4..6)?.parse::<i64>().ok()? * 60)
        }
    };
    // days from civil (Howard Hinnant)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

fn bench(root: &Path, extra: &[String]) -> Result<(), String> {
    for (what, cmd, args) in [
        ("rustc", "rustc", vec!["--version"]),
        ("cpu", "sh", vec!["-c", "grep -m1 'model name' /proc/cpuinfo; nproc"]),
        ("date", "date", vec!["-u", "+%Y-%m-%d"]),
    ] {
        let out = Command::new(cmd).args(&args).output().map_err(|e| format!("{what}: {e}"))?;
        say(&format!("{what}: {}", String::from_utf8_lossy(&out.stdout).trim().replace('\n', " / ")));
    }
    let mut args = vec!["bench", "-p", "lec-core"];
    if !extra.is_empty() {
        args.push("--");
        args.extend(extra.iter().map(String::as_str));
    }
    run(root, "cargo", &args)
}
