//! Real files at national scale (`lec_core::files`, `lec validate`).
//!
//! - `cargo xtask test` (through [`test`]): the HTML report rendered in headless Chromium
//!   (`lec-cli/tests/html.rs`, ignored by a plain `cargo test`): Chromium is installed with
//!   `apt-get` when missing, and the test's cargo summary joins the tally.
//! - `cargo xtask bench files`: `lec-core/benches/files.rs` (CSV and XLSX in process, calamine
//!   alone beside lec), then, on the same generated 1,000,000-row CSV, `lec validate` against
//!   `frictionless validate` with an equivalent schema (`lec-core/benches/frictionless/`), and
//!   frictionless with a python-stdnum row check; the exact commands, versions, the load average
//!   (the machine is shared), times, rows per second, ratios and lec's peak memory are printed.

use crate::{Tally, command_tee, run, say, target_dir};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Runs the Chromium test of the HTML report, adding its counts to `tally`.
pub(crate) fn test(root: &Path, tally: &mut Tally, failures: &mut Vec<&'static str>) -> Result<(), String> {
    let chromium = ensure_chromium(root)?;
    say(&format!("files: Chromium {}", version(&chromium, &["--version"])));
    let args = ["test", "-p", "lec-cli", "--test", "html", "--", "--ignored"];
    let ok = command_tee(root, "cargo", &args, &[("LEC_CHROMIUM", chromium.as_os_str())], |l| tally.cargo_line(l))?;
    if !ok {
        failures.push("html report in chromium");
    }
    Ok(())
}

/// Chromium on the `PATH`, installed with `apt-get` (after `apt-get update`) when missing.
fn ensure_chromium(root: &Path) -> Result<PathBuf, String> {
    if let Some(found) = find_chromium() {
        return Ok(found);
    }
    say("files: Chromium is missing; installing the Debian package `chromium`");
    run(root, "apt-get", &["update", "-qq"])?;
    let mut cmd = Command::new("apt-get");
    cmd.args(["install", "-y", "-qq", "--no-install-recommends", "chromium"]).env("DEBIAN_FRONTEND", "noninteractive");
    say("$ apt-get install -y -qq --no-install-recommends chromium");
    let status = cmd.current_dir(root).status().map_err(|e| format!("cannot start `apt-get`: {e}"))?;
    if !status.success() {
        return Err(format!("`apt-get install chromium` failed ({status})"));
    }
    find_chromium().ok_or_else(|| "Chromium was installed but is not on the PATH".to_owned())
}

fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A program's version line (or why there is none).
fn version(program: &Path, args: &[&str]) -> String {
    match Command::new(program).args(args).output() {
        Ok(out) => {
            let text = if out.stdout.is_empty() { out.stderr } else { out.stdout };
            String::from_utf8_lossy(&text).lines().last().unwrap_or("").trim().to_owned()
        }
        Err(e) => format!("not available ({e})"),
    }
}

/// The value of `"key": <number>` in a one-line JSON object.
fn json_number(line: &str, key: &str) -> Option<f64> {
    let pat = format!("\"{key}\":");
    let rest = line.get(line.find(&pat)? + pat.len()..)?.trim_start();
    let end =
        rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))).unwrap_or(rest.len());
    rest.get(..end)?.parse().ok()
}

/// The load average (1, 5 and 15 minutes): other processes share this machine.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_owned())
}

/// Runs a command with its output to a file, timing it; returns the seconds and the exit
/// status's success.
fn timed(cwd: &Path, program: &Path, args: &[&str], stdout_to: &Path) -> Result<(f64, bool), String> {
    say(&format!("$ (cd {}; {} {} > {})", cwd.display(), program.display(), args.join(" "), stdout_to.display()));
    let out = std::fs::File::create(stdout_to).map_err(|e| format!("{}: {e}", stdout_to.display()))?;
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .current_dir(cwd)
        .stdout(out)
        .status()
        .map_err(|e| format!("cannot start `{}`: {e}", program.display()))?;
    Ok((start.elapsed().as_secs_f64(), status.success()))
}

/// `cargo xtask bench files`.
pub(crate) fn bench(root: &Path) -> Result<(), String> {
    let target = target_dir(root)?;
    let dir = target.join("bench-files");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (what, cmd, args) in [
        ("rustc", "rustc", vec!["--version"]),
        ("cpu", "sh", vec!["-c", "grep -m1 'model name' /proc/cpuinfo; nproc; grep MemTotal /proc/meminfo"]),
        ("load", "sh", vec!["-c", "cat /proc/loadavg"]),
        ("date", "date", vec!["-u", "+%Y-%m-%d %H:%M UTC"]),
        ("python", "python3", vec!["--version"]),
    ] {
        let out = Command::new(cmd).args(&args).output().map_err(|e| format!("{what}: {e}"))?;
        say(&format!("{what}: {}", String::from_utf8_lossy(&out.stdout).trim().replace('\n', " / ")));
    }
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    for krate in ["calamine", "zip", "encoding_rs"] {
        let v = lock
            .split("[[package]]")
            .find(|p| p.contains(&format!("name = \"{krate}\"\n")))
            .and_then(|p| p.lines().find(|l| l.starts_with("version = ")))
            .unwrap_or("version = ?");
        say(&format!("{krate}: {}", v.trim_start_matches("version = ").trim_matches('"')));
    }

    // 1. in process: CSV, and XLSX beside calamine alone
    run(root, "cargo", &["bench", "-p", "lec-core", "--features", "xlsx", "--bench", "files"])?;

    // 2. the command line: lec and frictionless on the same file
    let rows = 1_000_000u64;
    let csv = dir.join("students-1m.csv");
    let csv_arg = csv.display().to_string();
    run(
        root,
        "cargo",
        &["bench", "-p", "lec-core", "--features", "xlsx", "--bench", "files", "--", "write-csv", &csv_arg, "1000000"],
    )?;
    run(root, "cargo", &["build", "--release", "-p", "lec-cli"])?;
    let lec = target.join("release").join("lec");
    say(&format!("lec: {}", version(&lec, &["--version"])));
    let mut lec_best = f64::MAX;
    let mut lec_memory = String::new();
    say(&format!("load average {}", load()));
    for _ in 0..3 {
        let args = ["validate", "students-1m.csv", "--format", "json", "--limit", "0", "--quiet", "--stats"];
        say(&format!("$ (cd {}; {} {} > lec.json)", dir.display(), lec.display(), args.join(" ")));
        let start = Instant::now();
        let out = Command::new(&lec)
            .args(args)
            .current_dir(&dir)
            .stdout(std::fs::File::create(dir.join("lec.json")).map_err(|e| e.to_string())?)
            .output()
            .map_err(|e| format!("cannot start lec: {e}"))?;
        let secs = start.elapsed().as_secs_f64();
        let stats = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        say(&format!("  {secs:.3} s (exit {:?}); {stats}", out.status.code()));
        if secs < lec_best {
            lec_best = secs;
            lec_memory = stats.split("peak memory (VmHWM) ").nth(1).unwrap_or("?").to_owned();
        }
    }

    let venv = dir.join("venv");
    let python = venv.join("bin").join("python");
    if !python.is_file() {
        run(root, "python3", &["-m", "venv", &venv.display().to_string()])?;
    }
    let requirements = root.join("lec-core/benches/frictionless/requirements.txt");
    run(
        root,
        &python.display().to_string(),
        &["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", &requirements.display().to_string()],
    )?;
    let frictionless = venv.join("bin").join("frictionless");
    say(&format!("frictionless: {}", version(&frictionless, &["--version"])));
    say(&format!("python-stdnum: {}", version(&python, &["-c", "import stdnum; print(stdnum.__version__)"])));
    // frictionless reads only files under its working directory
    std::fs::copy(root.join("lec-core/benches/frictionless/schema.json"), dir.join("schema.json"))
        .map_err(|e| format!("schema.json: {e}"))?;
    say(&format!("load average {}", load()));
    let (fl_secs, _) = timed(
        &dir,
        &frictionless,
        &["validate", "--schema", "schema.json", "--limit-errors", "1000000000", "--json", "students-1m.csv"],
        &dir.join("frictionless.json"),
    )?;
    let report = std::fs::read_to_string(dir.join("frictionless.json")).unwrap_or_default();
    let fl_rows = report
        .lines()
        .filter_map(|l| json_number(l, "rows"))
        .next()
        .ok_or("frictionless reported no row count: see frictionless.json")?;
    if (fl_rows - rows as f64).abs() > 0.5 {
        return Err(format!("frictionless read {fl_rows} rows, not {rows}"));
    }
    let check = root.join("lec-core/benches/frictionless/check_stdnum.py");
    say(&format!("load average {}", load()));
    let (stdnum_secs, ok) = timed(
        &dir,
        &python,
        &[&check.display().to_string(), "students-1m.csv", "schema.json"],
        &dir.join("frictionless-stdnum.json"),
    )?;
    let line = std::fs::read_to_string(dir.join("frictionless-stdnum.json")).unwrap_or_default();
    if !ok || json_number(&line, "rows") != Some(rows as f64) {
        return Err(format!("the frictionless + python-stdnum run failed: {line}"));
    }

    say(&format!("load average {}", load()));
    let per_sec = |s: f64| rows as f64 / s;
    let mut out = std::io::stdout();
    let _ = writeln!(out, "\nCSV, {rows} rows, the same file (wall clock, whole command):");
    let _ = writeln!(
        out,
        "  lec validate (all rules, duplicates)      {lec_best:>8.3} s {:>12.0} rows/s  peak {lec_memory}",
        per_sec(lec_best)
    );
    let _ = writeln!(
        out,
        "  frictionless validate (schema)            {fl_secs:>8.3} s {:>12.0} rows/s  lec is {:.0}x faster",
        per_sec(fl_secs),
        fl_secs / lec_best
    );
    let _ = writeln!(
        out,
        "  frictionless + python-stdnum row check    {stdnum_secs:>8.3} s {:>12.0} rows/s  lec is {:.0}x faster",
        per_sec(stdnum_secs),
        stdnum_secs / lec_best
    );
    many_institutions(root, &dir, &lec, &frictionless)
}

/// 100,000 rows over 30,000 institutions, `lec validate --format json` beside `frictionless
/// validate`: the report's counts per institution are a large share of lec's work there. Best of
/// 7 for lec and of 3 for frictionless, taking turns.
fn many_institutions(root: &Path, dir: &Path, lec: &Path, frictionless: &Path) -> Result<(), String> {
    let (rows, institutions) = (100_000u64, 30_000u64);
    let name = "students-100k-30k.csv";
    let path = dir.join(name).display().to_string();
    run(
        root,
        "cargo",
        &[
            "bench",
            "-p",
            "lec-core",
            "--features",
            "xlsx",
            "--bench",
            "files",
            "--",
            "write-csv",
            &path,
            "100000",
            "30000",
        ],
    )?;
    let (mut lec_best, mut fl_best) = (f64::MAX, f64::MAX);
    say(&format!("load average {}", load()));
    for round in 0..7 {
        let (secs, _) = timed(
            dir,
            lec,
            &["validate", name, "--format", "json", "--limit", "0", "--quiet"],
            &dir.join("lec-100k.json"),
        )?;
        lec_best = lec_best.min(secs);
        if round < 3 {
            let args = ["validate", "--schema", "schema.json", "--limit-errors", "1000000000", "--json", name];
            let (secs, _) = timed(dir, frictionless, &args, &dir.join("frictionless-100k.json"))?;
            fl_best = fl_best.min(secs);
        }
    }
    let report = std::fs::read_to_string(dir.join("lec-100k.json")).unwrap_or_default();
    let seen = report.matches("\"institution\": \"").count();
    let per_sec = |s: f64| rows as f64 / s;
    let mut out = std::io::stdout();
    let _ =
        writeln!(out, "\nCSV, {rows} rows over {institutions} institutions ({seen} in the report's by_institution):");
    let _ = writeln!(
        out,
        "  lec validate --format json                {lec_best:>8.3} s {:>12.0} rows/s",
        per_sec(lec_best)
    );
    let _ = writeln!(
        out,
        "  frictionless validate (schema)            {fl_best:>8.3} s {:>12.0} rows/s  lec is {:.1}x faster",
        per_sec(fl_best),
        fl_best / lec_best
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers() {
        assert_eq!(json_number(r#"{"rows": 1000000, "errors": 3, "seconds": 12.5}"#, "seconds"), Some(12.5));
        assert_eq!(json_number(r#"      "rows": 20000,"#, "rows"), Some(20000.0));
        assert_eq!(json_number("{}", "rows"), None);
    }
}
