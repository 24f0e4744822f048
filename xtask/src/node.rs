//! The Node binding (`bindings-node`, napi-rs v3) and its example server (`examples/node`).
//!
//! - `cargo xtask test` (through [`test`]): `npm ci` in both folders (the example links the
//!   package), `napi build --platform --release` (the add-on, `index.js` and `index.d.ts`),
//!   a failure when the rebuild changed the committed `index.js` / `index.d.ts`, then one
//!   `node --test` run over `bindings-node/__test__/*.test.{mjs,cjs}` and
//!   `examples/node/*.test.mjs`, whose closing `# pass N` / `# fail N` lines join the tally.
//!   The `lec` binary is handed to the tests as `LEC_CLI` (the CLI parity test).
//! - `cargo xtask bench node`: the same build, then `bindings-node/bench/ids.mjs` (1,000,000
//!   IDs: `thai-id-validator` vs `parseId` vs `validateIds`).

use crate::{Tally, say};
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The files `napi build` writes that are committed (the add-on itself is not).
const GENERATED: [&str; 2] = ["index.js", "index.d.ts"];

/// Runs the Node suite, adding the test runner's counts to `tally`.
pub(crate) fn test(root: &Path, tally: &mut Tally, failures: &mut Vec<&'static str>) -> Result<(), String> {
    let package = root.join("bindings-node");
    npm_ci(&package)?;
    let drift = build(&package)?;
    if !drift.is_empty() {
        say(&format!(
            "node: {} after `napi build` differ from what was there before (the committed files in a \
             fresh clone): commit the regenerated ones",
            drift.join(" and ")
        ));
        failures.push("node generated files (index.js / index.d.ts)");
    }
    npm_ci(&root.join("examples").join("node"))?;

    // the `lec` binary, for the test that compares `validateFile` with `lec validate`
    command(root, "cargo", &["build", "--quiet", "-p", "lec-cli"], &[])?;
    let lec_cli = target_dir(root)?.join("debug").join(if cfg!(windows) { "lec.exe" } else { "lec" });

    let files = test_files(root)?;
    if files.is_empty() {
        return Err("no Node test file found".to_owned());
    }
    let mut args = vec!["--test", "--test-reporter=tap"];
    args.extend(files.iter().map(String::as_str));
    let mut summary = NodeSummary::default();
    let ok = command_tee(root, "node", &args, &[("LEC_CLI", lec_cli.as_os_str())], |line| summary.line(line))?;
    match summary.counts() {
        Some((passed, failed)) => {
            tally.passed += passed;
            tally.failed += failed;
            if !ok || failed > 0 {
                failures.push("node --test");
            }
            if passed == 0 {
                failures.push("node --test (no test passed)");
            }
        }
        None => failures.push("node --test (no summary)"),
    }
    Ok(())
}

/// `cargo xtask bench node`: a release build, the versions, then the ID benchmark.
pub(crate) fn bench(root: &Path) -> Result<(), String> {
    let package = root.join("bindings-node");
    npm_ci(&package)?;
    // a drift of the generated files is the test's business, not the benchmark's
    let _ = build(&package)?;
    for (program, args) in
        [("rustc", &["--version"][..]), ("node", &["--version"]), ("npx", &["--no", "--", "napi", "--version"])]
    {
        command(&package, program, args, &[])?;
    }
    command(&package, "node", &["bench/ids.mjs"], &[])
}

/// `npm ci`: installs exactly what the lock file says (no network beyond the npm registry).
fn npm_ci(dir: &Path) -> Result<(), String> {
    command(dir, "npm", &["ci", "--no-audit", "--no-fund", "--loglevel=error"], &[])
}

/// Builds the add-on and regenerates `index.js` / `index.d.ts`; returns the generated files the
/// rebuild changed. What they held before the build is the reference: on a fresh clone (CI)
/// that is the committed version; a file that did not exist is a failure under CI (it was not
/// committed) and a note elsewhere (a first build before anything was committed).
fn build(package: &Path) -> Result<Vec<&'static str>, String> {
    let before: Vec<Option<Vec<u8>>> = GENERATED.iter().map(|f| std::fs::read(package.join(f)).ok()).collect();
    command(package, "npx", &["--no", "napi", "build", "--platform", "--release"], &[])?;
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    let mut changed = Vec::new();
    for (name, old) in GENERATED.into_iter().zip(before) {
        let new = std::fs::read(package.join(name)).map_err(|e| format!("napi build wrote no {name}: {e}"))?;
        match old {
            Some(old) if old == new => {}
            Some(old) => {
                say(&format!("node: {name} differs after the rebuild: {}", first_difference(&old, &new)));
                changed.push(name);
            }
            None if ci => {
                say(&format!("node: {name} is not committed"));
                changed.push(name);
            }
            None => say(&format!("node: {name} generated for the first time: commit it")),
        }
    }
    Ok(changed)
}

/// Where two versions of a text file first differ, for the failure message.
fn first_difference(old: &[u8], new: &[u8]) -> String {
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

/// The test files, relative to the repository root (Node 20's runner does not expand globs).
fn test_files(root: &Path) -> Result<Vec<String>, String> {
    let mut files = Vec::new();
    for dir in [Path::new("bindings-node").join("__test__"), Path::new("examples").join("node")] {
        let entries = std::fs::read_dir(root.join(&dir)).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
            if name.ends_with(".test.mjs") || name.ends_with(".test.cjs") {
                files.push(dir.join(name).display().to_string());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The closing lines of Node's test runner (TAP reporter): `# pass 24` and `# fail 2`, at the
/// start of a line (nested subtests indent theirs). The last of each wins.
#[derive(Debug, Default)]
struct NodeSummary {
    pass: Option<u64>,
    fail: Option<u64>,
}

impl NodeSummary {
    fn line(&mut self, line: &str) {
        let line = line.trim_end();
        if let Some(n) = line.strip_prefix("# pass ").and_then(|n| n.parse().ok()) {
            self.pass = Some(n);
        } else if let Some(n) = line.strip_prefix("# fail ").and_then(|n| n.parse().ok()) {
            self.fail = Some(n);
        }
    }

    /// Passed and failed, when both closing lines were seen.
    fn counts(&self) -> Option<(u64, u64)> {
        Some((self.pass?, self.fail?))
    }
}

/// Runs a command with extra environment variables; an error when it fails.
fn command(cwd: &Path, program: &str, args: &[&str], env: &[(&str, &OsStr)]) -> Result<(), String> {
    say(&format!("$ {program} {}", args.join(" ")));
    let status = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(cwd)
        .status()
        .map_err(|e| format!("cannot start `{program}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` failed ({status})", args.join(" "))) }
}

/// Runs a command, echoing its stdout line by line and feeding each line to `each`; whether it
/// succeeded.
fn command_tee(
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
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok(status.success())
}

/// The cargo target directory: `$CARGO_TARGET_DIR`, else what `cargo metadata` says.
fn target_dir(root: &Path) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return Ok(root.join(dir));
    }
    let out = Command::new("cargo")
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot start `cargo metadata`: {e}"))?;
    let json = String::from_utf8_lossy(&out.stdout);
    let key = "\"target_directory\":\"";
    let start = json.find(key).ok_or("`cargo metadata` gave no target_directory")? + key.len();
    let rest = json.get(start..).unwrap_or_default();
    // the path ends at the next unescaped quote; cargo escapes only `"` and `\` in it here
    let mut path = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Ok(PathBuf::from(path)),
            '\\' => path.extend(chars.next()),
            c => path.push(c),
        }
    }
    Err("`cargo metadata` gave an unterminated target_directory".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_node_test_runner_closing_lines() {
        let mut s = NodeSummary::default();
        for line in [
            "TAP version 13",
            "# Subtest: nested",
            "    # pass 7",
            "ok 1 - nested",
            "1..26",
            "# tests 26",
            "# suites 0",
            "# pass 24",
            "# fail 2",
            "# cancelled 0",
            "# skipped 0",
            "# duration_ms 3079.25",
        ] {
            s.line(line);
        }
        assert_eq!(s.counts(), Some((24, 2)));
        let mut none = NodeSummary::default();
        none.line("# pass 3");
        assert_eq!(none.counts(), None, "both lines are needed");
        none.line("# fail zero");
        assert_eq!(none.counts(), None);
    }

    #[test]
    fn names_the_first_difference() {
        assert_eq!(first_difference(b"a\nb\nc", b"a\nx\nc"), "line 2: committed \"b\", rebuilt \"x\"");
        assert_eq!(first_difference(b"a\n", b"a\nb\n"), "line 2: committed \"<end>\", rebuilt \"b\"");
    }
}
