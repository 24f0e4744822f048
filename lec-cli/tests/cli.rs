//! The `lec` binary end to end: JSON shape, exit codes, masking, encodings.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use serde_json::Value;
use std::process::{Command, Output};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn lec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lec")).args(args).output().unwrap()
}

fn data(name: &str) -> String {
    format!("{DATA}{name}")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn validate_json_has_the_documented_shape() {
    let out = lec(&["validate", &data("students.csv"), "--registry", &data("registry.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "errors in the sample: exit 1");
    let v = json(&out);
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["by_code", "by_institution", "files", "findings", "summary"],
        "exactly these keys (serde_json sorts them)"
    );
    let file = &v["files"][0];
    assert_eq!(file["encoding"], "utf-8");
    assert_eq!(file["rows"], 33);
    let s = &v["summary"];
    for k in ["rows", "errors", "warnings", "records_counted"] {
        assert!(s[k].is_u64(), "summary.{k}");
    }
    assert_eq!(
        s["rows"].as_u64().unwrap(),
        s["records_counted"].as_u64().unwrap()
            + s["records_with_errors"].as_u64().unwrap()
            + s["records_removed"].as_u64().unwrap()
    );
    let f = &v["findings"][1];
    for k in ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"] {
        assert!(f.get(k).is_some(), "finding.{k}");
    }
    assert_eq!(f["code"], "ID_CHECKSUM");
    assert_eq!(f["row"], 4);
    assert_eq!(f["value"], "1-5801-xxxxx-xx-6");
}

#[test]
fn exit_codes() {
    // clean data: exit 0
    let dir = std::env::temp_dir().join(format!("lec-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clean = dir.join("clean.csv");
    std::fs::write(
        &clean,
        "\u{feff}รหัสสถานศึกษา,เลขประจำตัวประชาชน,ชื่อ,นามสกุล,วันเดือนปีเกิด,ระดับชั้น\n3058200001,1-2345-45678-78-1,กล้า,ใจดี,15/03/2560,ป.1\n",
    )
    .unwrap();
    let out = lec(&["validate", clean.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v = json(&out);
    assert_eq!(v["files"][0]["encoding"], "utf-8-bom");
    assert_eq!(v["summary"]["records_counted"], 1);
    // unreadable input: exit 2, with the finding in the report
    let out = lec(&["validate", &data("bad/binary.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(json(&out)["findings"][0]["code"], "FILE_UNREADABLE");
    let out = lec(&["validate", "/no/such/file.csv"]);
    assert_eq!(out.status.code(), Some(2));
    // usage errors: exit 2 with a message, never a panic
    let out = lec(&["validate"]);
    assert_eq!(out.status.code(), Some(2));
    let out = lec(&["validate", &data("students.csv"), "--registry", "/no/such/registry.csv"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("registry: cannot read file `/no/such/registry.csv` (no such file)"), "{err}");
    assert!(!err.contains("panicked"));
    let policy = dir.join("p.json");
    std::fs::write(&policy, "{\"no_such_rule\": 1}").unwrap();
    let out = lec(&["validate", &data("students.csv"), "--policy", policy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn windows_874_is_detected() {
    let out = lec(&["validate", &data("students-win874.csv"), "--format", "json"]);
    let v = json(&out);
    assert_eq!(v["files"][0]["encoding"], "windows-874");
    assert_eq!(v["findings"][0]["code"], "FILE_ENCODING");
    assert!(v["findings"].as_array().unwrap().iter().any(|f| f["message_th"].as_str().unwrap().contains("ไม่มีตัวตน")));
}

#[test]
fn ids_are_masked_unless_unmasked() {
    let sample = std::fs::read_to_string(data("students.csv")).unwrap();
    let ids: Vec<String> = sample
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .filter(|i| i.len() == 13)
        .map(String::from)
        .collect();
    for format in ["json", "csv", "table"] {
        let out = lec(&["validate", &data("students.csv"), "--format", format]);
        let text = String::from_utf8_lossy(&out.stdout);
        for id in &ids {
            assert!(!text.contains(id.as_str()), "{id} leaked in {format}");
        }
    }
    let out = lec(&["validate", &data("students.csv"), "--format", "csv", "--unmask"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(ids.iter().any(|id| text.contains(id.as_str())));
}

#[test]
fn id_command_explains() {
    let out = lec(&["id", "1-2345-45678-78-1", "G644200000001", "123454567878", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let a = &v[0];
    assert_eq!(a["input"], "1-2345-45678-78-1");
    assert_eq!(a["valid"], true);
    assert_eq!(a["kind"], "citizen");
    assert_eq!(a["normalized"], "1234545678781");
    assert_eq!(a["masked"], "1-2345-xxxxx-xx-1");
    assert_eq!(a["category"], 1);
    assert_eq!(a["province_code"], "23");
    assert_eq!(a["gcode_year"], Value::Null);
    assert_eq!(v[1]["kind"], "gcode");
    assert_eq!(v[1]["gcode_year"], 2564);
    assert_eq!(v[2]["valid"], false);
    assert_eq!(v[2]["kind"], Value::Null);
    assert_eq!(v[2]["findings"][0]["code"], "ID_FORMAT");
    let out = lec(&["id", "0000000000001"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ID_DUMMY"));
    let out = lec(&["id", "1234545678781"]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn readme_main_job_is_green() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let line = readme.lines().find(|l| l.starts_with("cargo run --release -p lec-cli -- ")).unwrap();
    let args: Vec<String> = line
        .trim_start_matches("cargo run --release -p lec-cli -- ")
        .split_whitespace()
        .map(|a| {
            if a.starts_with("examples/") {
                format!("{DATA}{}", a.trim_start_matches("examples/data/"))
            } else {
                a.to_owned()
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = lec(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("45 rows = 44 counted + 0 with errors + 1 removed"), "{text}");
}
