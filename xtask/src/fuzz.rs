//! `cargo xtask fuzz [SECONDS] [TARGET…]`: short cargo-fuzz runs of every target (60 s each by
//! default), seeded from the shared test vectors and the sample files; prints runs per target.

use crate::{run, say};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// The fuzz targets (`fuzz/fuzz_targets/*.rs`).
pub(crate) const TARGETS: [&str; 9] =
    ["id", "date", "grade", "csv_row", "workbook", "headcount", "registry", "command", "replay"];

/// Reads every `"input": "…"` string of a test-vector file (a tiny JSON string reader: the
/// xtask crate has no dependencies).
pub(crate) fn vector_inputs(json: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = json;
    while let Some(pos) = rest.find("\"input\"") {
        rest = rest.get(pos + 7..).unwrap_or("");
        let Some(q) = rest.find('"') else { break };
        let mut chars = rest.get(q + 1..).unwrap_or("").char_indices();
        let mut s = String::new();
        let mut end = 0;
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end = i;
                    break;
                }
                '\\' => match chars.next().map(|(_, e)| e) {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('u') => {
                        let hex: String = (0..4).filter_map(|_| chars.next().map(|(_, h)| h)).collect();
                        if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            s.push(ch);
                        }
                    }
                    Some(other) => s.push(other),
                    None => break,
                },
                c => s.push(c),
            }
        }
        out.push(s);
        rest = rest.get(q + 1 + end + 1..).unwrap_or("");
    }
    out
}

fn write_seeds(dir: &Path, seeds: &[Vec<u8>]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (i, s) in seeds.iter().enumerate() {
        std::fs::write(dir.join(format!("seed-{i:03}")), s).map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn seeds(root: &Path) -> Result<(), String> {
    let read = |p: &str| std::fs::read(root.join(p)).map_err(|e| format!("{p}: {e}"));
    let text = |p: &str| read(p).map(|b| String::from_utf8_lossy(&b).into_owned());
    let corpus = root.join("fuzz/corpus");
    let from = |file: &str| -> Result<Vec<Vec<u8>>, String> {
        Ok(vector_inputs(&text(file)?).into_iter().map(String::into_bytes).collect())
    };
    write_seeds(&corpus.join("id"), &from("test-vectors/ids.json")?)?;
    write_seeds(&corpus.join("date"), &from("test-vectors/dates.json")?)?;
    write_seeds(&corpus.join("grade"), &from("test-vectors/grades.json")?)?;
    let mut rows = Vec::new();
    for f in ["examples/data/students.csv", "examples/data/school.csv", "examples/data/students-win874.csv"] {
        let b = read(f)?;
        // the target adds the header itself: seed with the rows
        let body = b.iter().position(|&c| c == b'\n').map_or(&b[..], |n| b.get(n + 1..).unwrap_or(&[]));
        rows.push(body.to_vec());
    }
    write_seeds(&corpus.join("csv_row"), &rows)?;
    let mut books = Vec::new();
    for f in [
        "examples/data/students-lec.ods",
        "examples/data/bad/excel-numbers.xlsx",
        "examples/data/bad/lec-export.xlsx",
        "examples/data/bad/lec-export.xls",
        "examples/data/bad/truncated.xlsx",
    ] {
        books.push(read(f)?);
    }
    write_seeds(&corpus.join("workbook"), &books)?;
    let mut forms = Vec::new();
    for f in [
        "examples/data/headcounts.csv",
        "examples/data/bad/headcounts-bad.csv",
        "examples/data/bad/headcounts-mismatch.csv",
    ] {
        let b = read(f)?;
        // the target adds the header itself: seed with the rows
        let body = b.iter().position(|&c| c == b'\n').map_or(&b[..], |n| b.get(n + 1..).unwrap_or(&[]));
        forms.push(body.to_vec());
    }
    write_seeds(&corpus.join("headcount"), &forms)?;
    write_seeds(
        &corpus.join("registry"),
        &[read("examples/data/registry.csv")?, read("examples/data/bad/registry-bad.csv")?],
    )?;
    write_seeds(&corpus.join("command"), &[read("examples/data/round-2567-2.jsonl")?])?;
    // an event log: replay the sample commands with the CLI
    let log = corpus.join("events.jsonl");
    let status = Command::new("cargo")
        .args(["run", "--quiet", "-p", "lec-cli", "--", "round", "replay", "examples/data/round-2567-2.jsonl"])
        .args(["--registry", "examples/data/registry.csv", "--events-out"])
        .arg(&log)
        .current_dir(root)
        .stdout(std::process::Stdio::null())
        .status()
        .map_err(|e| e.to_string())?;
    if status.code() == Some(2) {
        return Err("cannot build the replay seed".to_owned());
    }
    write_seeds(&corpus.join("replay"), &[read("fuzz/corpus/events.jsonl")?])?;
    Ok(())
}

pub(crate) fn fuzz(root: &Path, args: &[String]) -> Result<(), String> {
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(60);
    let chosen: Vec<&str> = {
        let named: Vec<&str> = args.iter().map(String::as_str).filter(|a| TARGETS.contains(a)).collect();
        if named.is_empty() { TARGETS.to_vec() } else { named }
    };
    let have = Command::new("cargo").args(["fuzz", "--version"]).output().is_ok_and(|o| o.status.success());
    if !have {
        run(root, "cargo", &["install", "cargo-fuzz", "--version", "0.13.2", "--locked"])?;
    }
    seeds(root)?;
    let mut report = Vec::new();
    for t in &chosen {
        say(&format!("$ cargo +nightly fuzz run {t} -- -max_total_time={seconds}"));
        let out = Command::new("cargo")
            .args(["+nightly", "fuzz", "run", t, &format!("corpus/{t}"), "--"])
            .arg(format!("-max_total_time={seconds}"))
            .arg("-rss_limit_mb=2048")
            .current_dir(root.join("fuzz"))
            .output()
            .map_err(|e| e.to_string())?;
        let log = String::from_utf8_lossy(&out.stderr);
        let runs = log
            .lines()
            .rev()
            .find_map(|l| l.strip_prefix("Done ").and_then(|r| r.split_whitespace().next()).map(str::to_owned))
            .unwrap_or_else(|| "?".to_owned());
        let ok = out.status.success();
        if !ok {
            let _ = std::io::stderr().write_all(log.as_bytes());
        }
        report.push((t.to_string(), runs, ok));
    }
    let mut stdout = std::io::stdout();
    let _ = writeln!(stdout, "| target | seconds | runs | result |\n|---|---|---|---|");
    for (t, runs, ok) in &report {
        let _ = writeln!(
            stdout,
            "| `{t}` | {seconds} | {runs} | {} |",
            if *ok { "no crash" } else { "CRASH (see fuzz/artifacts)" }
        );
    }
    if report.iter().all(|r| r.2) { Ok(()) } else { Err("a fuzz target crashed".to_owned()) }
}

#[cfg(test)]
mod tests {
    use super::vector_inputs;

    #[test]
    fn reads_vector_inputs() {
        let json = r#"{"vectors":[{"input": "1-2345", "x": 1}, {"input":"a\"b\u0e51\\c"}, {"input": ""}]}"#;
        assert_eq!(vector_inputs(json), ["1-2345", "a\"b๑\\c", ""]);
    }
}
