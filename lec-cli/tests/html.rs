//! `lec validate --format html`: one self-contained page whose numbers are the report's, as a
//! browser shows it. The Chromium test is run by `cargo xtask test` (which installs Chromium);
//! `cargo test` alone checks the page's text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn inputs() -> Vec<String> {
    ["students.csv", "bad/lec-export.xlsx", "bad/excel-mangled.csv", "--registry", "registry.csv"]
        .iter()
        .map(|a| if a.starts_with("--") { (*a).to_owned() } else { format!("{DATA}{a}") })
        .collect()
}

fn lec(format: &str) -> Vec<u8> {
    let mut args = vec!["validate".to_owned()];
    args.extend(inputs());
    args.extend(["--format".to_owned(), format.to_owned(), "--quiet".to_owned()]);
    let out = Command::new(env!("CARGO_BIN_EXE_lec")).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The text between `start` and the next `end` after it.
fn section<'a>(page: &'a str, start: &str, end: &str) -> &'a str {
    let from = page.find(start).unwrap_or_else(|| panic!("no `{start}` on the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// Every `data-n` value in a piece of the page, in order.
fn numbers(piece: &str) -> Vec<u64> {
    piece.split("data-n=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse().unwrap()).collect()
}

/// Checks that a page (the HTML as written, or the DOM as Chromium built it) shows exactly the
/// report's numbers.
fn check_page(page: &str, report: &Value) {
    let s = &report["summary"];
    for key in ["rows", "records_counted", "records_with_errors", "records_removed", "errors", "warnings", "infos"] {
        let row = section(page, &format!("id=\"summary-{key}\""), "</tr>");
        assert_eq!(numbers(row), [s[key].as_u64().unwrap()], "summary {key}");
    }
    for inst in report["by_institution"].as_array().unwrap() {
        let code = inst["institution"].as_str().unwrap_or("-");
        let row = section(page, &format!("data-institution=\"{code}\""), "</tr>");
        let expected: Vec<u64> =
            ["rows", "records_counted", "records_with_errors", "records_removed", "errors", "warnings", "infos"]
                .iter()
                .map(|k| inst[*k].as_u64().unwrap())
                .collect();
        assert_eq!(numbers(row), expected, "institution {code}");
    }
    let codes = section(page, "id=\"by-code\"", "</table>");
    for c in report["by_code"].as_array().unwrap() {
        let key = format!(
            "data-code=\"{}\" data-severity=\"{}\"",
            c["code"].as_str().unwrap(),
            c["severity"].as_str().unwrap()
        );
        let row = section(codes, &key, "</tr>");
        assert_eq!(numbers(row), [c["count"].as_u64().unwrap()], "{key}");
    }
    let listed = section(page, "id=\"findings-rows\"", "</tbody>");
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(listed.matches("<tr ").count(), findings.len());
    for f in findings.iter().take(50) {
        assert!(listed.contains(&format!("data-code=\"{}\"", f["code"].as_str().unwrap())));
    }
    let total = s["errors"].as_u64().unwrap() + s["warnings"].as_u64().unwrap() + s["infos"].as_u64().unwrap();
    assert!(page.contains(&format!("<span id=\"findings-total\">{total}</span>")));
}

/// Personal IDs of the sample, which must never show on the page.
fn sample_ids() -> Vec<String> {
    let text = std::fs::read_to_string(format!("{DATA}students.csv")).unwrap();
    text.lines().skip(1).filter_map(|l| l.split(',').nth(1)).filter(|i| i.len() == 13).map(String::from).collect()
}

#[test]
fn the_page_is_self_contained_and_shows_the_reports_numbers() {
    let report: Value = serde_json::from_slice(&lec("json")).unwrap();
    let page = String::from_utf8(lec("html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    for outside in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!page.contains(outside), "the page must not load anything: `{outside}`");
    }
    check_page(&page, &report);
    let ids = sample_ids();
    assert!(ids.len() > 20);
    for id in &ids {
        assert!(!page.contains(id.as_str()), "{id} shown unmasked");
    }
    assert!(page.contains("1-5801-xxxxx-xx-6"), "masked IDs are shown");
}

/// Chromium: `$LEC_CHROMIUM`, else `chromium` or `chromium-browser` on the `PATH`.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("LEC_CHROMIUM") {
        return PathBuf::from(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    panic!("Chromium is not installed: `cargo xtask test` installs it (apt-get install chromium)");
}

/// The DOM Chromium builds from a file, in headless mode with a fresh profile.
fn dump_dom(chromium: &Path, page: &Path) -> String {
    let profile = std::env::temp_dir().join(format!("lec-chromium-profile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&profile);
    std::fs::create_dir_all(&profile).unwrap();
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).unwrap();
        dom
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("Chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_dir_all(&profile);
    reader.join().unwrap()
}

#[test]
#[ignore = "needs Chromium: `cargo xtask test` installs it and runs this"]
fn the_page_renders_in_headless_chromium_with_the_reports_numbers() {
    let report: Value = serde_json::from_slice(&lec("json")).unwrap();
    let dir = std::env::temp_dir().join(format!("lec-html-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    std::fs::write(&page, lec("html")).unwrap();
    let dom = dump_dom(&chromium(), &page);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(dom.contains("<title>รายงานผลการตรวจข้อมูลนักเรียน · lec</title>"), "{}", &dom[..dom.len().min(500)]);
    // the browser built the tables: every number where the report has it
    check_page(&dom, &report);
    for id in sample_ids() {
        assert!(!dom.contains(id.as_str()));
    }
}
