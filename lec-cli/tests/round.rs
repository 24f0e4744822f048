//! `lec round`: replay, status and sample end to end.
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

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn replay_reports_each_line_then_the_final_state() {
    let dir = std::env::temp_dir().join(format!("lec-round-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("events.jsonl");
    let out = lec(&[
        "round",
        "replay",
        &data("round-2567-2.jsonl"),
        "--registry",
        &data("registry.csv"),
        "--events-out",
        log.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "some lines are rejected: exit 1");
    let v = lines(&out);
    assert_eq!(v.len(), 23, "22 input lines and the final state");
    assert_eq!(v[0]["line"], 1);
    assert_eq!(v[0]["accepted"], true);
    assert_eq!(v[0]["events"][0]["seq"], 1);
    let rejected: Vec<(u64, &str)> = v
        .iter()
        .filter(|l| l["accepted"] == false)
        .map(|l| (l["line"].as_u64().unwrap(), l["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rejected,
        [
            (4, "WF_EMPTY"),
            (6, "WF_HAS_ERRORS"),
            (13, "WF_FORBIDDEN"),
            (14, "WF_PARENT_CONFIRMED"),
            (20, "COMMAND_INVALID"),
            (22, "WF_CLOSED")
        ]
    );
    for r in v.iter().filter(|l| l["accepted"] == false) {
        assert!(!r["message_th"].as_str().unwrap().is_empty() && !r["message_en"].as_str().unwrap().is_empty());
    }
    let last = &v[22];
    let state = last["state"].as_array().unwrap();
    let province58 = state.iter().find(|u| u["level"] == "province" && u["code"] == "58").unwrap();
    assert_eq!(province58["confirmed"], true);
    assert_eq!(province58["confirmed_at"], "2024-11-12T16:59:00+07:00");
    assert_eq!(state.iter().filter(|u| u["confirmed"] == false).count(), 3);
    // the log it wrote replays; status judges deadlines from it
    let out = lec(&[
        "round",
        "status",
        "--registry",
        &data("registry.csv"),
        "--log",
        log.to_str().unwrap(),
        "--at",
        "2024-11-12T12:00:00+07:00",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let pending: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = pending.as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["3042600001", "06420101", "42"]);
    assert_eq!(pending[0]["overdue"], true);
    assert_eq!(pending[2]["overdue"], false);
    assert_eq!(pending[1]["waiting_for"][0], "3042600001");
    // a tampered log is refused with the first bad event named
    let text = std::fs::read_to_string(&log).unwrap();
    std::fs::write(&log, text.replacen("\"counted\":230", "\"counted\":231", 1)).unwrap();
    let out = lec(&["round", "status", "--registry", &data("registry.csv"), "--log", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("event 2 of the log is bad"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sample_is_deterministic_and_usage_errors_exit_2() {
    let args =
        ["round", "sample", "--registry", &data("registry.csv"), "--province", "58", "--size", "2", "--seed", "7"];
    let a = lec(&args);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&a.stdout).lines().count(), 2);
    assert_eq!(a.stdout, lec(&args).stdout);
    let out = lec(&[
        "round",
        "sample",
        "--registry",
        &data("registry.csv"),
        "--province",
        "99",
        "--size",
        "2",
        "--seed",
        "7",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = lec(&[
        "round",
        "replay",
        &data("round-2567-2.jsonl"),
        "--registry",
        &data("registry.csv"),
        "--calendar",
        "2099-9",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("neither a shipped calendar"));
}

#[test]
fn officers_are_masked_and_spot_checks_and_recording_are_shown() {
    let dir = std::env::temp_dir().join(format!("lec-round-officers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let commands = dir.join("commands.jsonl");
    std::fs::write(
        &commands,
        concat!(
            r#"{"at":"2024-11-04T09:00:00+07:00","actor":{"level":"province","code":"58"},"action":"spot_check","unit":"3058100001","officer":"P58-0007","check":{"seed":2567,"result":"issues","note":"สองรายการไม่มีวันเกิด"}}"#,
            "\n",
            r#"{"at":"2024-11-04T10:00:00+07:00","actor":{"level":"institution","code":"3058100001"},"action":"edit","unit":"3058100001","data":{"counted":0,"errors":3},"officer":"EMP-0042"}"#,
            "\n",
            r#"{"at":"2024-11-04T10:30:00+07:00","actor":{"level":"province","code":"58"},"action":"spot_check","unit":"3058100002"}"#,
            "\n",
        ),
    )
    .unwrap();
    let log = dir.join("events.jsonl");
    let registry = data("registry.csv");
    let args = |extra: &[&str]| {
        let mut a = vec!["round", "replay", commands.to_str().unwrap(), "--registry", registry.as_str()];
        a.extend_from_slice(extra);
        a.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>()
    };
    let run = |a: Vec<String>| lec(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let out = run(args(&["--events-out", log.to_str().unwrap()]));
    assert_eq!(out.status.code(), Some(1), "the check without its result is rejected");
    let v = lines(&out);
    assert_eq!(v[0]["events"][0]["officer"], "P5xxxx07", "masked by default");
    assert_eq!(v[0]["events"][0]["check"]["result"], "issues");
    assert_eq!(v[1]["events"][0]["officer"], "EMxxxx42");
    assert_eq!(v[2]["code"], "WF_CHECK_MISSING");
    let unmasked = lines(&run(args(&["--unmask"])));
    assert_eq!(unmasked[0]["events"][0]["officer"], "P58-0007");
    // the log keeps the officer as given: it is the record, and its hash covers it
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("\"officer\":\"P58-0007\""), "{text}");
    let status = |extra: &[&str]| {
        let reg = data("registry.csv");
        let mut a = vec![
            "round",
            "status",
            "--registry",
            &reg,
            "--log",
            log.to_str().unwrap(),
            "--at",
            "2024-11-05T00:00:00+07:00",
        ];
        a.extend_from_slice(extra);
        lec(&a)
    };
    let out = status(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let pending: Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |code: &str| pending.as_array().unwrap().iter().find(|p| p["code"] == code).unwrap().clone();
    let school = find("3058100001");
    assert_eq!(school["recorded"], true, "records with errors are recorded");
    assert_eq!(school["last_spot_check"]["result"], "issues");
    assert_eq!(school["last_spot_check"]["officer"], "P5xxxx07");
    assert_eq!(find("3058100002")["recorded"], false);
    assert!(find("3058100002").get("last_spot_check").is_none());
    assert_eq!(find("02580101")["recorded"], true, "an LAO one of whose institutions recorded");
    let table = String::from_utf8(status(&[]).stdout).unwrap();
    assert!(table.contains("nothing recorded"), "{table}");
    assert!(table.contains("last spot check of each checked institution (1)"), "{table}");
    assert!(table.contains("by P5xxxx07") && !table.contains("P58-0007"), "{table}");
    let table = String::from_utf8(status(&["--unmask"]).stdout).unwrap();
    assert!(table.contains("by P58-0007"), "{table}");
    let _ = std::fs::remove_dir_all(&dir);
}
