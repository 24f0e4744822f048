//! The Python binding (`bindings-python`, PyO3 + maturin).
//!
//! - `cargo xtask test` (through [`test`]): creates or reuses the virtualenv `.venv` at the
//!   repository root, installs the pinned tools (`bindings-python/requirements-dev.txt`), runs
//!   `maturin develop --release`, `python -m mypy.stubtest lec._lec` (the stub must not drift),
//!   `mypy --strict` on the package and the example, and `pytest` (its summary joins the tally;
//!   the `lec` binary is handed to it as `LEC_CLI` for the parity tests). Then it builds the
//!   wheel users get once with `pip wheel`, installs it into a fresh virtualenv without any
//!   optional package and runs the smoke test there (its `N passed, N failed` line joins the
//!   tally), and executes the notebook-style examples `examples/python/validate_school.py` and
//!   `examples/python/round_and_budget.py`.
//! - `cargo xtask bench python`: `bindings-python/bench/bench_ids.py` (python-stdnum vs
//!   `lec.id_error`, `lec.parse_id` and `lec.validate_ids` on 1,000,000 IDs, side by side)
//!   against a release build, then the per-call costs in instructions under callgrind where
//!   valgrind is installed.

use crate::{Tally, command, command_tee, say, target_dir};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The notebook-style examples `cargo xtask test` executes (from the repository root).
const EXAMPLES: [&str; 2] = ["examples/python/validate_school.py", "examples/python/round_and_budget.py"];

/// The Python the virtualenvs are made from: `$LEC_PYTHON`, else `python3`.
fn base_python() -> OsString {
    std::env::var_os("LEC_PYTHON").unwrap_or_else(|| OsString::from("python3"))
}

/// Runs the Python suite, adding pytest's and the smoke test's counts to `tally`.
pub(crate) fn test(root: &Path, tally: &mut Tally, failures: &mut Vec<&'static str>) -> Result<(), String> {
    let target = target_dir(root)?;
    let venv = Venv::ensure(root, &root.join(".venv"))?;
    let binding = root.join("bindings-python");
    venv.pip(
        root,
        &["install", "--quiet", "--disable-pip-version-check", "-r", "bindings-python/requirements-dev.txt"],
    )?;
    venv.run(&binding, "maturin", &["develop", "--release", "--quiet"])?;

    if venv.run(&binding, "python", &["-m", "mypy.stubtest", "lec._lec"]).is_err() {
        failures.push("python stubtest");
    }
    if venv.run(&binding, "python", &["-m", "mypy", "--strict", "python/lec", "../examples/python"]).is_err() {
        failures.push("python mypy");
    }

    // the `lec` binary, for the tests that compare `python -m lec` with it
    command(root, "cargo", &["build", "--quiet", "-p", "lec-cli"], &[])?;
    let lec_cli = target.join("debug").join(if cfg!(windows) { "lec.exe" } else { "lec" });
    let mut summary = None;
    let ok =
        venv.run_tee(&binding, "python", &["-m", "pytest", "-q"], &[("LEC_CLI", lec_cli.as_os_str())], |line| {
            if let Some(s) = pytest_summary(line) {
                summary = Some(s);
            }
        })?;
    match summary {
        Some((passed, failed)) => {
            tally.passed += passed;
            tally.failed += failed;
            if !ok {
                failures.push("pytest");
            }
        }
        // exit code 5 (no test collected) lands here too
        None => failures.push("pytest (no summary)"),
    }

    // The wheel users get: built once, installed into a fresh virtualenv with nothing else.
    let wheels = target.join("python-wheels");
    let _ = std::fs::remove_dir_all(&wheels);
    let wheels_arg = wheels.display().to_string();
    venv.pip(root, &["wheel", "--quiet", "--no-deps", "--no-build-isolation", "./bindings-python", "-w", &wheels_arg])?;
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| format!("{}: {e}", wheels.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or("pip wheel wrote no wheel")?;
    say(&format!("python: built {}", wheel.display()));
    let fresh = Venv::create(root, &target.join("python-wheel-venv"))?;
    fresh.pip(
        root,
        &["install", "--quiet", "--disable-pip-version-check", "--no-index", &wheel.display().to_string()],
    )?;
    let smoke = binding.join("tests").join("smoke_wheel.py").display().to_string();
    let mut smoke_summary = None;
    // run from the target directory so that nothing of the source tree can be imported
    let ok = fresh.run_tee(&target, "python", &[&smoke, &root.display().to_string()], &[], |line| {
        if let Some(s) = plain_summary(line) {
            smoke_summary = Some(s);
        }
    })?;
    match smoke_summary {
        Some((passed, failed)) => {
            tally.passed += passed;
            tally.failed += failed;
            if !ok {
                failures.push("python wheel smoke test");
            }
        }
        None => failures.push("python wheel smoke test (no summary)"),
    }

    // The notebook-style examples, as a data team would run them.
    for example in EXAMPLES {
        if venv.run(root, "python", &[example]).is_err() {
            failures.push("python example");
        }
    }
    Ok(())
}

/// `cargo xtask bench python`: the ID benchmark against a release build.
pub(crate) fn bench(root: &Path) -> Result<(), String> {
    let venv = Venv::ensure(root, &root.join(".venv"))?;
    let binding = root.join("bindings-python");
    venv.pip(
        root,
        &[
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            "bindings-python/requirements-dev.txt",
            "-r",
            "bindings-python/requirements-bench.txt",
        ],
    )?;
    venv.run(&binding, "maturin", &["develop", "--release", "--quiet"])?;
    command(root, "rustc", &["--version"], &[])?;
    venv.run(root, "python", &["bindings-python/bench/bench_ids.py"])?;
    instructions(root, &venv)
}

/// `bench_ids.py --calls` counted in instructions under callgrind (see [`crate::callgrind`]):
/// python-stdnum, `lec.id_error` and `lec.parse_id` per call. Skipped, with a note, where
/// valgrind is not installed.
fn instructions(root: &Path, venv: &Venv) -> Result<(), String> {
    if !crate::callgrind::available() {
        say("python: valgrind not found: no instruction counts");
        return Ok(());
    }
    let python = venv.bin("python").display().to_string();
    let mut counts = Vec::new();
    for runner in ["stdnum", "id_error", "parse_id"] {
        let per_call = crate::callgrind::per_call(root, &python, |n| {
            ["bindings-python/bench/bench_ids.py", "--calls", runner, &n.to_string()].map(str::to_owned).to_vec()
        })?;
        counts.push((runner, per_call));
    }
    let peer = counts.first().map_or(1.0, |(_, n)| *n);
    say("instructions per call (callgrind, the same 10,000 IDs, 10% wrong check digit):");
    for (runner, n) in counts {
        say(&format!("  {runner:10} {n:8.0}  {:6.1}x python-stdnum", peer / n));
    }
    Ok(())
}

/// A virtualenv: its `bin` directory runs its tools.
struct Venv {
    dir: PathBuf,
}

impl Venv {
    /// Reuses the virtualenv at `dir`, or creates it.
    fn ensure(root: &Path, dir: &Path) -> Result<Venv, String> {
        let venv = Venv { dir: dir.to_path_buf() };
        if venv.bin("python").exists() { Ok(venv) } else { Venv::create(root, dir) }
    }

    /// A new, empty virtualenv at `dir` (anything there before is removed).
    fn create(root: &Path, dir: &Path) -> Result<Venv, String> {
        let _ = std::fs::remove_dir_all(dir);
        let python = base_python();
        let dir_arg = dir.display().to_string();
        command(root, &python.to_string_lossy(), &["-m", "venv", &dir_arg], &[])?;
        Ok(Venv { dir: dir.to_path_buf() })
    }

    fn bin(&self, tool: &str) -> PathBuf {
        if cfg!(windows) {
            self.dir.join("Scripts").join(format!("{tool}.exe"))
        } else {
            self.dir.join("bin").join(tool)
        }
    }

    /// The environment of a shell with the virtualenv activated.
    fn env(&self) -> Vec<(&'static str, OsString)> {
        let bin = self.bin("python").parent().map(Path::to_path_buf).unwrap_or_default();
        let mut paths = vec![bin];
        if let Some(path) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&path));
        }
        let path = std::env::join_paths(paths).unwrap_or_default();
        vec![("VIRTUAL_ENV", self.dir.clone().into_os_string()), ("PATH", path)]
    }

    fn pip(&self, cwd: &Path, args: &[&str]) -> Result<(), String> {
        let mut all = vec!["-m", "pip"];
        all.extend_from_slice(args);
        self.run(cwd, "python", &all)
    }

    fn run(&self, cwd: &Path, tool: &str, args: &[&str]) -> Result<(), String> {
        let env = self.env();
        let env: Vec<(&str, &std::ffi::OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
        command(cwd, &self.bin(tool).display().to_string(), args, &env)
    }

    fn run_tee(
        &self,
        cwd: &Path,
        tool: &str,
        args: &[&str],
        extra_env: &[(&str, &std::ffi::OsStr)],
        each: impl FnMut(&str),
    ) -> Result<bool, String> {
        let env = self.env();
        let mut all: Vec<(&str, &std::ffi::OsStr)> = env.iter().map(|(k, v)| (*k, v.as_os_str())).collect();
        all.extend_from_slice(extra_env);
        command_tee(cwd, &self.bin(tool).display().to_string(), args, &all, each)
    }
}

/// Reads pytest's closing line (`-q`): `205 passed, 14 skipped in 5.93s`,
/// `1 failed, 41 passed, 2 errors in 0.13s`; errors count as failures.
fn pytest_summary(line: &str) -> Option<(u64, u64)> {
    let line = line.trim().trim_matches('=').trim();
    let (counts, time) = line.rsplit_once(" in ")?;
    let seconds = time.split_whitespace().next()?.strip_suffix('s')?;
    if seconds.parse::<f64>().is_err() {
        return None;
    }
    let (mut passed, mut failed, mut any) = (0, 0, false);
    for part in counts.split(", ") {
        let (n, what) = part.trim().split_once(' ')?;
        let n: u64 = n.parse().ok()?;
        match what {
            "passed" => passed += n,
            "failed" | "error" | "errors" => failed += n,
            "skipped" | "deselected" | "xfailed" | "xpassed" | "warning" | "warnings" | "rerun" => {}
            _ => return None,
        }
        any = true;
    }
    any.then_some((passed, failed))
}

/// Reads a plain closing line `N passed, N failed` (optionally after one word and a colon).
fn plain_summary(line: &str) -> Option<(u64, u64)> {
    let line = line.trim();
    let line = match line.split_once(": ") {
        Some((word, rest)) if !word.contains(' ') => rest,
        _ => line,
    };
    let (p, f) = line.split_once(", ")?;
    let passed = p.strip_suffix(" passed")?.parse().ok()?;
    let failed = f.strip_suffix(" failed")?.parse().ok()?;
    Some((passed, failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pytest_summary_lines() {
        assert_eq!(pytest_summary("205 passed, 14 skipped in 5.93s"), Some((205, 0)));
        assert_eq!(pytest_summary("1 failed, 41 passed in 0.13s"), Some((41, 1)));
        assert_eq!(pytest_summary("=== 2 failed, 3 passed, 1 error, 4 warnings in 1.02s ==="), Some((3, 3)));
        assert_eq!(pytest_summary("3 passed in 61.20s (0:01:01)"), Some((3, 0)));
        assert_eq!(pytest_summary("no tests ran in 0.01s"), None);
        assert_eq!(pytest_summary("tests/test_ids.py ....... [ 42%]"), None);
        assert_eq!(pytest_summary("the value in 2s"), None);
    }

    #[test]
    fn reads_plain_summary_lines() {
        assert_eq!(plain_summary("12 passed, 0 failed"), Some((12, 0)));
        assert_eq!(plain_summary("smoke: 11 passed, 1 failed"), Some((11, 1)));
        assert_eq!(plain_summary("checked 12 passed, 0 failed"), None);
        assert_eq!(plain_summary("passed"), None);
    }
}
