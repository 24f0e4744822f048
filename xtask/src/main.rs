//! `cargo xtask` — the project's multi-language chores.
//!
//! - `cargo xtask test`: formatting, clippy, every test suite; ends with one line
//!   `N passed, N failed` summing every runner's own summary.
//! - `cargo xtask bench`: the benchmarks (criterion), with machine and versions printed.
//! - `cargo xtask bench python`: the Python binding's ID benchmark (python-stdnum vs lec).
//! - `cargo xtask bench node`: the Node binding's ID benchmark (thai-id-validator vs lec).
//! - `cargo xtask bench files`: CSV and XLSX at scale, calamine alone and `frictionless validate`
//!   beside lec.
//! - `cargo xtask mobile generate`: rewrites the committed Kotlin and Swift of `bindings-mobile`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

mod files;
mod fuzz;
mod mobile;
mod node;
mod python;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&root),
        Some("fuzz") => fuzz::fuzz(&root, args.get(1..).unwrap_or(&[])),
        Some("bench") if args.get(1).is_some_and(|a| a == "mobile") => mobile::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "python") => python::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "node") => node::bench(&root),
        Some("bench") if args.get(1).is_some_and(|a| a == "files") => files::bench(&root),
        Some("bench") => bench(&root, args.get(1..).unwrap_or(&[])),
        Some("mobile") => mobile::command(&root, args.get(1..).unwrap_or(&[])),
        _ => {
            say(
                "usage: cargo xtask <test|bench [mobile|python|node|files]|fuzz [SECONDS] [TARGET...]|mobile generate>",
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
    use super::Tally;

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

pub(crate) fn run(root: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    say(&format!("$ {program} {}", args.join(" ")));
    let status = Command::new(program)
        .args(args)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` failed ({status})", args.join(" "))) }
}

/// Runs a command, echoing its stdout line by line to ours and feeding each line to `each`.
pub(crate) fn run_tee(root: &Path, program: &str, args: &[&str], mut each: impl FnMut(&str)) -> Result<bool, String> {
    say(&format!("$ {program} {}", args.join(" ")));
    let mut child = Command::new(program)
        .args(args)
        .current_dir(root)
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
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(status.success())
}

fn test(root: &Path) -> Result<(), String> {
    run(root, "cargo", &["fmt", "--all", "--", "--check"])?;
    run(root, "cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])?;
    supply_chain(root)?;
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    if !run_tee(root, "cargo", &["test", "--workspace"], |l| tally.cargo_line(l))? {
        failures.push("cargo test");
    }
    // Each binding's suite adds its runner's counts to `tally` and its name to `failures` when
    // it fails (modules below, one per language).
    if let Err(e) = files::test(root, &mut tally, &mut failures) {
        say(&format!("files: {e}"));
        failures.push("files");
    }
    if let Err(e) = mobile::test(root, &mut tally, &mut failures) {
        say(&format!("mobile: {e}"));
        failures.push("mobile");
    }
    if let Err(e) = python::test(root, &mut tally, &mut failures) {
        say(&format!("python: {e}"));
        failures.push("python");
    }
    if let Err(e) = node::test(root, &mut tally, &mut failures) {
        say(&format!("node: {e}"));
        failures.push("node");
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
