//! The Node binding (`bindings-node`, napi-rs v3) and its example server (`examples/node`).
//!
//! - `cargo xtask test` (through [`test`]): `npm ci` in both folders (the example links the
//!   package), `napi build --platform --release` (the add-on, `index.js` and `index.d.ts`),
//!   a failure when the rebuild changed the committed `index.js` / `index.d.ts`, then one
//!   `node --test` run over `bindings-node/__test__/*.test.{mjs,cjs}` and
//!   `examples/node/*.test.mjs`, whose closing `# pass N` / `# fail N` lines join the tally.
//!   The `lec` binary is handed to the tests as `LEC_CLI` (the CLI parity test).
//! - `cargo xtask bench server`: the same build, then `examples/node/load.mjs` (the example
//!   server as a durable host under 50 clients: commands/s, p99 latency, zero lost, zero 5xx).
//! - `cargo xtask bench node`: the same build, then `bindings-node/bench/ids.mjs` (1,000,000
//!   IDs: `thai-id-validator` vs `idError`, `checkId`, `parseId`, `validateIds` and
//!   `validateIdsBuffer`, side by side), then the per-call runners' instructions per call under
//!   callgrind where valgrind is installed.

use crate::{Tally, command, command_tee, first_difference, say, target_dir};
use std::path::Path;

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
    command(&package, "node", &["bench/ids.mjs"], &[])?;
    instructions(&package)
}

/// The per-call runners of `bench/ids.mjs` counted in instructions under callgrind (see
/// [`crate::callgrind`]); `node --predictable` makes V8 compile and collect garbage the same way
/// in every run. Skipped, with a note, where valgrind is not installed.
fn instructions(package: &Path) -> Result<(), String> {
    if !crate::callgrind::available() {
        say("node: valgrind not found: no instruction counts");
        return Ok(());
    }
    let runners = ["thai-id-validator", "lec idError", "lec checkId", "lec parseId"];
    let mut counts = Vec::new();
    for runner in runners {
        let per_call = crate::callgrind::per_call(package, "node", |n| {
            ["--predictable", "bench/ids.mjs", "--calls", runner, &n.to_string()].map(str::to_owned).to_vec()
        })?;
        counts.push((runner, per_call));
    }
    let peer = counts.first().map_or(1.0, |(_, n)| *n);
    say("instructions per call (callgrind, the same 10,000 IDs, 10% wrong check digit):");
    for (runner, n) in counts {
        say(&format!("  {runner:30} {n:8.0}  {:5.2}x thai-id-validator", peer / n));
    }
    Ok(())
}

/// `cargo xtask bench server`: the same build, then `examples/node/load.mjs` (the example server
/// as a host, 50 clients for 10 s: commands/s, latency percentiles, zero lost, zero 5xx).
pub(crate) fn bench_server(root: &Path) -> Result<(), String> {
    let package = root.join("bindings-node");
    npm_ci(&package)?;
    let _ = build(&package)?;
    let example = root.join("examples").join("node");
    npm_ci(&example)?;
    command(&example, "node", &["--version"], &[])?;
    command(&example, "node", &["load.mjs", "10", "50"], &[])
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
}
