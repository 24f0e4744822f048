//! `cargo xtask` — the project's multi-language chores.
//!
//! - `cargo xtask test [SUITE...]`: formatting, clippy, every test suite; ends with one line
//!   `N passed, N failed` summing every runner's own summary. Naming suites (`rust`, `files`,
//!   `mobile`, `python`, `node`) runs only those, for the dev loop; CI runs them all.
//! - `cargo xtask bench`: the benchmarks (criterion), with machine and versions printed.
//! - `cargo xtask bench python`: the Python binding's ID benchmark (python-stdnum vs lec).
//! - `cargo xtask bench node`: the Node binding's ID benchmark (thai-id-validator vs lec).
//! - `cargo xtask bench files`: CSV and XLSX at scale, calamine alone and `frictionless validate`
//!   beside lec.
//! - `cargo xtask mobile generate`: rewrites the committed Kotlin and Swift of `bindings-mobile`.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

mod callgrind;
mod files;
mod fuzz;
mod mobile;
mod node;
mod python;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&root, args.get(1..).unwrap_or(&[])),
        Some("fuzz") => fuzz::fuzz(&root, args.get(1..).unwrap_or(&[])),
        Some("bench") if args.get(1).is_some_and(|a| a == "mobile") => mobile::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "python") => python::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "node") => node::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "files") => files::bench(&root),
        Some("bench") => bench(&root, args.get(1..).unwrap_or(&[])),
        Some("mobile") => mobile::command(&root, args.get(1..).unwrap_or(&[])),
        _ => {
            say(
                "usage: cargo xtask <test [SUITE...]|bench [mobile|python|node|files]|fuzz [SECONDS] [TARGET...]|mobile generate>",
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
    use super::{Tally, first_difference, json_string_field};

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

/// Licences, bans and sources of every dependency (`deny.toml`), with cargo-deny installed from
/// the crate registry when missing. Advisories need the RustSec database from GitHub, which these
/// machines cannot reach (SECURITY.md).
fn supply_chain(root: &Path) -> Result<(), String> {
    let have = Command::new("cargo").args(["deny", "--version"]).output().is_ok_and(|o| o.status.success());
    if !have {
        run(root, "cargo", &["install", "cargo-deny", "--version", "0.20.2", "--locked"])?;
    }
    run(root, "cargo", &["deny", "--log-level", "error", "check", "licenses", "bans", "sources"])
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
