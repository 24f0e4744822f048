//! Per-call costs as instruction counts (valgrind's callgrind), for the ID benchmarks of the
//! bindings: a noisy machine moves wall-clock figures, not the instructions a call executes.
//!
//! A program is run twice under callgrind, making `small` and then `large` calls of one function
//! after the same start-up and warm-up; the difference of the two totals divided by
//! `large - small` is what one call costs, start-up and warm-up cancelled out.

use crate::say;
use std::path::Path;
use std::process::Command;

/// The calls of the two runs.
pub(crate) const SMALL: u64 = 20_000;
/// See [`SMALL`].
pub(crate) const LARGE: u64 = 100_000;

/// Whether valgrind can be run here.
pub(crate) fn available() -> bool {
    Command::new("valgrind").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// Instructions per call: `program` with `args(count)` run under callgrind for [`SMALL`] and
/// [`LARGE`] calls (the `valgrind` command lines are echoed).
pub(crate) fn per_call(cwd: &Path, program: &str, args: impl Fn(u64) -> Vec<String>) -> Result<f64, String> {
    let a = total(cwd, program, &args(SMALL))?;
    let b = total(cwd, program, &args(LARGE))?;
    Ok((b as f64 - a as f64) / (LARGE - SMALL) as f64)
}

/// The instructions one run executed in all its threads (callgrind's `Collected` line).
fn total(cwd: &Path, program: &str, args: &[String]) -> Result<u64, String> {
    let mut all = vec!["--tool=callgrind".to_owned(), "--callgrind-out-file=/dev/null".to_owned(), program.to_owned()];
    all.extend(args.iter().cloned());
    say(&format!("$ valgrind {}", all.join(" ")));
    let out = Command::new("valgrind")
        .args(&all)
        // the same hashing in both runs (Python randomises it per process)
        .env("PYTHONHASHSEED", "0")
        .current_dir(cwd)
        .output()
        .map_err(|e| format!("cannot start valgrind: {e}"))?;
    if !out.status.success() {
        return Err(format!("valgrind {} failed ({})", all.join(" "), out.status));
    }
    collected(&String::from_utf8_lossy(&out.stderr)).ok_or_else(|| "callgrind printed no `Collected` line".to_owned())
}

/// The count of callgrind's closing `==PID== Collected : N` line.
fn collected(stderr: &str) -> Option<u64> {
    stderr.lines().find_map(|l| l.split_once("Collected :").and_then(|(_, n)| n.trim().parse().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_collected_line() {
        let stderr =
            "==12== Events    : Ir\n==12== Collected : 1326595585\n==12==\n==12== I   refs:      1,326,595,585\n";
        assert_eq!(collected(stderr), Some(1_326_595_585));
        assert_eq!(collected("==12== I   refs: 5\n"), None);
    }
}
