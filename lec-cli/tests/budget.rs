//! `lec headcount` and `lec budget` end to end.
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

#[test]
fn headcount_reports_and_exit_codes() {
    let out = lec(&["headcount", &data("headcounts.csv"), "--registry", &data("registry.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["records_counted"], 2);
    assert_eq!(v["files"][0]["encoding"], "utf-8");
    let out = lec(&["headcount", &data("bad/headcounts-bad.csv"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    for c in
        ["HC_MISSING", "HC_NOT_ARABIC", "HC_INVALID", "HC_OUT_OF_RANGE", "HC_CLOSED_NONZERO", "HC_DUPLICATE_SCHOOL"]
    {
        assert!(codes.contains(&c), "{c} in {codes:?}");
    }
    let f = &v["findings"][0];
    for k in ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"] {
        assert!(f.get(k).is_some(), "finding.{k}");
    }
    let out = lec(&["headcount", &data("bad/binary.csv")]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn budget_summary_json_and_reconciliation() {
    let out = lec(&[
        "budget",
        "--registry",
        &data("registry.csv"),
        "--records",
        &data("school.csv"),
        "--headcounts",
        &data("headcounts.csv"),
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["confirmation_checked"], false);
    assert_eq!(v["records"]["rows"], 45);
    assert_eq!(v["records"]["removed"], 1);
    assert_eq!(v["records"]["counted"], 44);
    let total_lunch = v["total"]["items"].as_array().unwrap().iter().find(|i| i["item"] == "lunch").unwrap();
    // 44 pupils K1–P6 at the town school (41–100 → 27 baht) and the two forms (91 → 27, 34 → 36), 200 days
    let expected = (44 * 27 + 91 * 27 + 34 * 36) * 200 * 100;
    assert_eq!(total_lunch["amount_satang"], expected);
    assert_eq!(total_lunch["heads"], 44 + 91 + 34);
    // with the event log of the sample round only confirmed LAOs' units count
    let dir = std::env::temp_dir().join(format!("lec-budget-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("events.jsonl");
    let replay = lec(&[
        "round",
        "replay",
        &data("round-2567-2.jsonl"),
        "--registry",
        &data("registry.csv"),
        "--events-out",
        log.to_str().unwrap(),
    ]);
    assert_eq!(replay.status.code(), Some(1));
    let out = lec(&[
        "budget",
        "--registry",
        &data("registry.csv"),
        "--records",
        &data("school.csv"),
        "--headcounts",
        &data("headcounts.csv"),
        "--log",
        log.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("level,code,name,excluded,confirmed,item,heads,amount_satang"));
    assert!(text.contains(&format!("total,,,,,lunch,{},{}", 44 + 91 + 34, expected)), "{text}");
    // the table says beside each province and LAO whether it confirmed
    let out = lec(&[
        "budget",
        "--registry",
        &data("registry.csv"),
        "--records",
        &data("school.csv"),
        "--headcounts",
        &data("headcounts.csv"),
        "--log",
        log.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("province 42 เลย (not confirmed)\n"), "{text}");
    assert!(text.contains("province 58 แม่ฮ่องสอน (confirmed)\n"), "{text}");
    assert!(text.contains("lao 04580101 เทศบาลเมืองแม่ฮ่องสอน (confirmed)\n"), "{text}");
    // without headcount forms the schools' lunch is unknown, and so is their LAO's
    let out =
        lec(&["budget", "--registry", &data("registry.csv"), "--records", &data("school.csv"), "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schools = v["schools"].as_array().unwrap();
    assert_eq!(schools.len(), 2);
    for school in schools {
        assert_eq!(school["excluded"], "no_form");
        assert_eq!(school["items"][0]["item"], "lunch");
        assert!(school["items"][0]["amount_satang"].is_null(), "{school}");
    }
    let lao = v["laos"].as_array().unwrap().iter().find(|l| l["code"] == "06580102").unwrap();
    assert!(lao["items"][0]["amount_satang"].is_null());
    let out = lec(&["budget", "--registry", &data("registry.csv"), "--records", &data("school.csv")]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("school 1058100101 โรงเรียนบ้านผาบ่อง: no headcount form, its amounts are unknown"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
    let out = lec(&["budget", "--registry", &data("registry.csv"), "--year", "2599"]);
    assert_eq!(out.status.code(), Some(2));
}

/// The JSON of a command with the files' names taken out (a sheet is `book.xlsx#sheet`).
fn verdicts(args: &[&str]) -> (Option<i32>, Value) {
    let out = lec(args);
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for k in ["file", "path", "sheet", "format", "encoding", "message_th", "message_en", "value"] {
                    m.remove(k);
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut v);
    (out.status.code(), v)
}

#[test]
fn headcounts_registries_and_records_kept_as_workbooks_give_the_csv_verdicts() {
    let (csv_code, csv) =
        verdicts(&["headcount", &data("headcounts.csv"), "--registry", &data("registry.csv"), "--format", "json"]);
    let (xlsx_code, xlsx) = verdicts(&[
        "headcount",
        &data("workbooks/headcounts.xlsx"),
        "--registry",
        &data("workbooks/registry.xlsx"),
        "--format",
        "json",
    ]);
    assert_eq!((csv_code, &csv), (xlsx_code, &xlsx));
    assert_eq!(csv["summary"]["records_counted"], 2);

    let budget = |records: &str, headcounts: &str, registry: &str| {
        let out = lec(&[
            "budget",
            "--records",
            &data(records),
            "--headcounts",
            &data(headcounts),
            "--registry",
            &data(registry),
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let from_csv = budget("school.csv", "headcounts.csv", "registry.csv");
    assert_eq!(from_csv, budget("workbooks/school-lec.xlsx", "workbooks/headcounts.xlsx", "workbooks/registry.xlsx"));
    assert_eq!(from_csv, budget("workbooks/school-lec.csv", "headcounts.csv", "workbooks/registry.xlsx"));
    let v: Value = serde_json::from_str(&from_csv).unwrap();
    assert!(v["records"]["rows"].as_u64().unwrap() > 0, "{v}");

    let (csv_code, csv) = verdicts(&[
        "validate",
        &data("workbooks/school-lec.csv"),
        "--registry",
        &data("registry.csv"),
        "--format",
        "json",
    ]);
    let (xlsx_code, xlsx) = verdicts(&[
        "validate",
        &data("workbooks/school-lec.xlsx"),
        "--registry",
        &data("workbooks/registry.xlsx"),
        "--format",
        "json",
    ]);
    assert_eq!((csv_code, csv), (xlsx_code, xlsx));
}
