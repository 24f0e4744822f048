//! `lec validate` on real files: workbooks and their sheets, the list controls
//! (`--errors-only`, `--limit`), quiet output when piped, the same report for any number of
//! threads, and clear exits on broken files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use serde_json::Value;
use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn lec(args: &[&str]) -> Output {
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            if a.ends_with(".csv") || a.ends_with(".xlsx") || a.ends_with(".xls") || a.ends_with(".ods") {
                format!("{DATA}{a}")
            } else {
                (*a).to_owned()
            }
        })
        .collect();
    Command::new(env!("CARGO_BIN_EXE_lec")).args(&args).output().unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
}

fn codes(v: &Value) -> Vec<(String, Option<u64>, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (f["file"].as_str().unwrap_or("").to_owned(), f["row"].as_u64(), f["code"].as_str().unwrap().to_owned())
        })
        .collect()
}

#[test]
fn a_workbook_is_read_sheet_by_sheet() {
    let out = lec(&["validate", "bad/lec-export.xlsx", "--registry", "registry.csv", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert!(files[0]["path"].as_str().unwrap().ends_with("lec-export.xlsx#รายชื่อนักเรียน"));
    assert_eq!(files[0]["sheet"], "รายชื่อนักเรียน");
    assert_eq!(files[0]["format"], "xlsx");
    assert_eq!(files[0]["header_row"], 6);
    assert_eq!(files[1]["sheet"], "สรุป");
    let found = codes(&v);
    assert!(found.iter().any(|(_, _, c)| c == "FILE_SHEET_SKIPPED"));
    assert!(found.iter().any(|(_, row, c)| c == "INSTITUTION_UNRESOLVED" && *row == Some(14)));

    // one sheet, by name
    let out = lec(&["validate", "bad/lec-export.xlsx", "--sheet", "รายชื่อนักเรียน", "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    assert!(!codes(&v).iter().any(|(_, _, c)| c == "FILE_SHEET_SKIPPED"));
    // a sheet that is not there: unreadable input, exit 2, with the sheets it has
    let out = lec(&["validate", "bad/lec-export.xlsx", "--sheet", "Sheet9", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let msg = v["findings"][0]["message_en"].as_str().unwrap();
    assert!(msg.contains("there is no sheet `Sheet9` (sheets: รายชื่อนักเรียน, สรุป)"), "{msg}");
}

#[test]
fn an_opendocument_workbook_is_read_like_excel() {
    // students-lec.ods (written by examples/data/make_ods.py): LEC's export as LibreOffice saves
    // it, with a title block, a header over two merged rows, numbers and dates in cells
    for threads in ["1", "2"] {
        let out = lec(&["validate", "students-lec.ods", "--format", "json", "--threads", threads]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        let v = json(&out);
        let files = v["files"].as_array().unwrap();
        assert_eq!(files.len(), 2);
        let sheet = &files[0];
        assert!(sheet["path"].as_str().unwrap().ends_with("students-lec.ods#นักเรียน"));
        assert_eq!(
            (&sheet["format"], &sheet["header_row"], &sheet["header_rows"], &sheet["rows"], &sheet["blank_rows"]),
            (&Value::from("ods"), &Value::from(5), &Value::from(4), &Value::from(7), &Value::from(2))
        );
        let found: Vec<(Option<u64>, String, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["row"].as_u64(),
                    f["code"].as_str().unwrap().to_owned(),
                    f["value"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let expected = [
            // a category-0 ID in a number cell, and a number Excel made of `1.11203E+12`
            (Some(8), "ID_LEADING_ZERO_LOST", "58000xxxxxx1"),
            (Some(9), "ID_EXCEL_MANGLED", "1.1120xE+x2"),
            (Some(11), "GRADE_UNKNOWN", "ป.7"),
            (Some(12), "ID_DUPLICATE", "1-5800-xxxxx-xx-2"),
            (Some(13), "RECORD_REMOVED", "จำหน่าย"),
            (None, "FILE_SHEET_SKIPPED", "สรุป"),
        ];
        let expected: Vec<(Option<u64>, String, String)> =
            expected.iter().map(|(r, c, x)| (*r, (*c).to_owned(), (*x).to_owned())).collect();
        assert_eq!(found, expected, "threads {threads}");
        // a date cell, a date-time cell and a 13-digit number cell (rows 7 and 9) read cleanly
        assert!(!found.iter().any(|(r, c, _)| *r == Some(7) || (*r == Some(9) && c.starts_with("BIRTH"))));
        let s = &v["summary"];
        assert_eq!(
            (&s["rows"], &s["records_counted"], &s["records_with_errors"], &s["records_removed"]),
            (&Value::from(7), &Value::from(2), &Value::from(4), &Value::from(1))
        );
    }
}

#[test]
fn broken_files_exit_2_with_a_finding_never_a_panic() {
    for (file, says) in [
        ("bad/truncated.xlsx", "cut short or damaged"),
        ("bad/empty.csv", "the file is empty"),
        ("bad/binary.csv", "a binary file"),
        ("bad/unclosed-quote.csv", "never closed"),
    ] {
        let out = lec(&["validate", file, "--format", "json"]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{file}: {stderr}");
        let v = json(&out);
        let f = v["findings"].as_array().unwrap().iter().find(|f| f["code"] == "FILE_UNREADABLE").unwrap();
        assert!(f["message_en"].as_str().unwrap().contains(says), "{file}: {f}");
    }
}

#[test]
fn errors_only_and_limit_shorten_the_list_not_the_counts() {
    let all = json(&lec(&["validate", "students.csv", "--registry", "registry.csv", "--format", "json"]));
    let n = all["findings"].as_array().unwrap().len() as u64;
    assert_eq!(all["summary"]["findings_omitted"], 0);

    let errors =
        json(&lec(&["validate", "students.csv", "--registry", "registry.csv", "--format", "json", "--errors-only"]));
    let listed = errors["findings"].as_array().unwrap();
    assert!(listed.iter().all(|f| f["severity"] == "error"));
    assert_eq!(listed.len() as u64, all["summary"]["errors"].as_u64().unwrap());
    assert_eq!(errors["summary"], {
        let mut s = all["summary"].clone();
        s["findings_omitted"] = Value::from(n - listed.len() as u64);
        s
    });

    let out = lec(&["validate", "students.csv", "--registry", "registry.csv", "--format", "json", "--limit", "3"]);
    let limited = json(&out);
    assert_eq!(limited["findings"].as_array().unwrap()[..], all["findings"].as_array().unwrap()[..3]);
    assert_eq!(limited["summary"]["findings_omitted"], n - 3);
    assert_eq!(limited["by_code"], all["by_code"]);
    let note = String::from_utf8_lossy(&out.stderr);
    assert!(note.contains(&format!("3 of {n} findings listed")), "{note}");
    let quiet = lec(&["validate", "students.csv", "--format", "json", "--limit", "3", "--quiet"]);
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let out = lec(&["validate", "students.csv", "bad/lec-export.xlsx", "--format", "csv"]);
    assert!(out.stderr.is_empty(), "piped stderr stays clean: {:?}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_report_is_the_same_for_any_number_of_threads() {
    let files =
        ["students.csv", "bad/lec-export.xlsx", "bad/semicolon-quoted.csv", "bad/ragged.csv", "bad/lec-names.csv"];
    let run = |threads: &str| {
        let mut args = vec!["validate"];
        args.extend(files);
        args.extend(["--registry", "registry.csv", "--format", "json", "--threads", threads]);
        lec(&args).stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(run("2"), one);
    assert_eq!(run("5"), one);
}

#[test]
fn table_output_tells_how_each_file_was_read() {
    let out = lec(&["validate", "bad/title-block.csv", "bad/excel-numbers.xlsx"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("title-block.csv: 2 rows, 1 blank, csv, encoding windows-874, header at row 4"), "{text}");
    assert!(text.contains("excel-numbers.xlsx#Sheet1: 6 rows, 0 blank, xlsx, header at row 1"), "{text}");
    assert!(text.contains("by code: "), "{text}");
}
