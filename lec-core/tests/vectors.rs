//! The shared test vectors (`test-vectors/*.json`), the same files every binding reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::{Grade, InstitutionCode, LaoCode, Policy, check_id, parse_thai_date};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../test-vectors/");
    let text = std::fs::read_to_string(format!("{path}{name}")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn id_vectors() {
    let doc = load("ids.json");
    let year = doc["academic_year"].as_u64().unwrap() as u16;
    let policy = Policy::default();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() > 30);
    for v in vectors {
        let input = v["input"].as_str().unwrap();
        let check = check_id(input, &policy, year, false);
        let codes: Vec<&str> = check.findings.iter().map(|f| f.code.as_str()).collect();
        let expected: Vec<&str> = v["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, expected, "codes of {input:?}");
        assert_eq!(check.is_valid(), v["valid"].as_bool().unwrap(), "valid of {input:?}");
        let id = check.id;
        assert_eq!(id.map(|i| i.kind().as_str()), opt_str(&v["kind"]), "kind of {input:?}");
        assert_eq!(id.map(|i| i.normalized()).as_deref(), opt_str(&v["normalized"]), "normalized of {input:?}");
        assert_eq!(id.map(|i| i.masked()).as_deref(), opt_str(&v["masked"]), "masked of {input:?}");
        assert_eq!(id.and_then(|i| i.category()).map(u64::from), v["category"].as_u64(), "category of {input:?}");
        assert_eq!(
            id.and_then(|i| i.province_code()).map(|p| format!("{p:02}")).as_deref(),
            opt_str(&v["province_code"]),
            "province of {input:?}"
        );
        assert_eq!(id.and_then(|i| i.gcode_year()).map(u64::from), v["gcode_year"].as_u64(), "year of {input:?}");
        // the batch path agrees with the full check
        assert_eq!(
            lec_core::id_error(input, &policy, year).map(|c| c.as_str()),
            check.error_code().map(|c| c.as_str())
        );
    }
}

#[test]
fn grade_vectors() {
    for v in load("grades.json")["vectors"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        match opt_str(&v["code"]) {
            Some(code) => assert_eq!(Grade::parse(input).unwrap().code(), code, "{input:?}"),
            None => assert_eq!(Grade::parse(input).unwrap_err().code(), "GRADE_UNKNOWN", "{input:?}"),
        }
    }
}

#[test]
fn date_vectors() {
    for v in load("dates.json")["vectors"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        match opt_str(&v["date"]) {
            Some(date) => {
                let d = parse_thai_date(input).unwrap();
                assert_eq!(d.date.to_string(), date, "{input:?}");
                assert_eq!(serde_json::to_value(d.era).unwrap(), v["era"], "{input:?}");
            }
            None => assert_eq!(parse_thai_date(input).unwrap_err().code(), "BIRTHDATE_INVALID", "{input:?}"),
        }
    }
}

#[test]
fn code_vectors() {
    let doc = load("codes.json");
    for v in doc["lao"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        match LaoCode::parse(input) {
            Ok(c) => {
                assert_eq!(Some(c.login().as_str()), opt_str(&v["login"]), "{input:?}");
                assert_eq!(Some(c.kind().token()), opt_str(&v["kind"]), "{input:?}");
                assert_eq!(Some(u64::from(c.province())), v["province"].as_u64(), "{input:?}");
            }
            Err(e) => assert_eq!(Some(e.code()), opt_str(&v["error"]), "{input:?}"),
        }
    }
    for v in doc["institution"].as_array().unwrap() {
        let input = v["input"].as_str().unwrap();
        match InstitutionCode::parse(input) {
            Ok(c) => {
                let class = if c.is_cdc() { "cdc" } else { "school_or_college" };
                assert_eq!(Some(class), opt_str(&v["class"]), "{input:?}");
                assert_eq!(serde_json::to_value(c.owner_class()).unwrap(), v["owner"], "{input:?}");
                assert_eq!(Some(u64::from(c.province())), v["province"].as_u64(), "{input:?}");
            }
            Err(e) => assert_eq!(Some(e.code()), opt_str(&v["error"]), "{input:?}"),
        }
    }
}

#[test]
fn provinces_match_shared_table() {
    // the shared spec's table is the source of truth for codes and Thai names
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/provinces.csv");
    let ours = std::fs::read_to_string(path).unwrap();
    let shared_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/spec/provinces.csv");
    let rows: Vec<(u8, String, String)> = ours
        .lines()
        .skip(1)
        .map(|l| {
            let mut p = l.split(',');
            (p.next().unwrap().parse().unwrap(), p.next().unwrap().to_owned(), p.next().unwrap().to_owned())
        })
        .collect();
    assert_eq!(rows.len(), 77);
    let table: Vec<_> =
        lec_core::province::all().map(|p| (p.code, p.name_th.to_owned(), p.name_en.to_owned())).collect();
    assert_eq!(rows, table);
    if let Ok(shared) = std::fs::read_to_string(shared_path) {
        let shared: Vec<(u8, String)> = shared
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let (c, n) = l.split_once(',').unwrap();
                (c.parse().unwrap(), n.trim().to_owned())
            })
            .collect();
        let ours: Vec<(u8, String)> = table.iter().map(|(c, th, _)| (*c, th.clone())).collect();
        assert_eq!(ours, shared);
    }
}

#[test]
fn docs_list_every_finding_code() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/findings.md")).unwrap();
    for code in lec_core::FindingCode::ALL {
        assert!(doc.contains(&format!("`{}`", code.as_str())), "docs/findings.md lacks {code}");
    }
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/spec/findings.md"));
    if let Ok(spec) = spec {
        // every non-headcount, non-workflow code of the spec is implemented
        for line in spec.lines().filter(|l| l.starts_with("| `")) {
            let code = line.split('`').nth(1).unwrap();
            if !code.starts_with("HC_") && !code.starts_with("WF_") {
                assert!(lec_core::FindingCode::parse(code).is_some(), "spec code {code} not implemented");
            }
        }
    }
}

#[test]
fn example_policy_file_is_the_default() {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/policy-default.toml")).unwrap();
    assert_eq!(Policy::from_toml(&text).unwrap(), Policy::default());
}

#[test]
fn workflow_vectors() {
    use lec_core::workflow::{BangkokTime, Command, Round, RoundCalendar, WorkflowPolicy, spot_check_sample};
    let doc = load("workflow.json");
    let (registry, findings) =
        lec_core::files::read_registry("registry.csv", doc["registry_csv"].as_str().unwrap().as_bytes()).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let calendar = RoundCalendar::builtin(doc["calendar"].as_str().unwrap()).unwrap();
    let mut round = Round::new(std::sync::Arc::new(registry), calendar, WorkflowPolicy::default());
    let steps = doc["steps"].as_array().unwrap();
    let mut codes = std::collections::BTreeSet::new();
    for (i, step) in steps.iter().enumerate() {
        let mut line = step["command"].clone();
        let at = BangkokTime::parse(line["at"].as_str().unwrap()).unwrap();
        line.as_object_mut().unwrap().remove("at");
        let command: Command = serde_json::from_value(line).unwrap();
        let got = match round.execute(&command, at) {
            Ok(_) => "accepted".to_owned(),
            Err(r) => r.code.as_str().to_owned(),
        };
        assert_eq!(got, step["expect"].as_str().unwrap(), "step {i}: {command:?}");
        codes.insert(got);
    }
    // every rejection code is exercised
    for code in lec_core::workflow::RejectionCode::ALL {
        assert!(codes.contains(code.as_str()), "no step rejected with {code}");
    }
    let fin = &doc["final"];
    assert_eq!(round.events().len() as u64, fin["events"].as_u64().unwrap());
    let st = round.state();
    for (key, map) in [
        ("institutions", &st.institutions),
        ("laos", &st.laos),
        ("headcounts", &st.headcounts),
        ("provinces", &st.provinces),
    ] {
        let confirmed: Vec<&str> = map.iter().filter(|(_, u)| u.confirmed).map(|(c, _)| c.as_str()).collect();
        let expected: Vec<&str> =
            fin["confirmed"][key].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(confirmed, expected, "{key}");
    }
    // each spot-checked institution's last result, and how many events each officer is named in
    let checks: std::collections::BTreeMap<&str, &str> =
        fin["spot_checks"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_str().unwrap())).collect();
    let got: std::collections::BTreeMap<&str, &str> = st
        .spot_checks
        .iter()
        .map(|(k, c)| (k.as_str(), if c.check.result == lec_core::workflow::CheckResult::Ok { "ok" } else { "issues" }))
        .collect();
    assert_eq!(got, checks);
    let mut officers: std::collections::BTreeMap<&str, u64> = std::collections::BTreeMap::new();
    for e in round.events() {
        if let Some(o) = &e.officer {
            *officers.entry(o.as_str()).or_default() += 1;
        }
    }
    let expected: std::collections::BTreeMap<&str, u64> =
        fin["officers"].as_object().unwrap().iter().map(|(k, v)| (k.as_str(), v.as_u64().unwrap())).collect();
    assert_eq!(officers, expected);
    assert_eq!(&lec_core::workflow::replay(&round.rules(), round.events()).unwrap(), round.state());
    for v in doc["spot_check"].as_array().unwrap() {
        let province: u8 = v["province"].as_str().unwrap().parse().unwrap();
        let sample: Vec<String> = spot_check_sample(
            &round.rules(),
            province,
            v["size"].as_u64().unwrap() as usize,
            v["seed"].as_u64().unwrap(),
        )
        .iter()
        .map(|c| c.digits())
        .collect();
        let expected: Vec<&str> = v["sample"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(sample, expected, "{v}");
    }
}

#[test]
fn record_vectors() {
    let doc = load("records.json");
    let year = doc["academic_year"].as_u64().unwrap() as u16;
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(vectors.len() >= 15);
    for v in vectors {
        let mut record = lec_core::StudentRecord::default();
        for (key, text) in v["record"].as_object().unwrap() {
            let field = lec_core::Field::from_header(key).unwrap_or_else(|| panic!("field {key}"));
            record.set(field, text.as_str().unwrap().to_owned());
        }
        let policy = Policy::from_json(&v["policy"].to_string()).unwrap();
        let check = lec_core::validate_record(&record, &lec_core::Context::new(&policy, year));
        let codes: Vec<&str> = check.findings.iter().map(|f| f.code.as_str()).collect();
        let expected: Vec<&str> = v["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, expected, "{}", v["note"]);
    }
}

#[test]
fn budget_vectors() {
    use lec_core::budget::{BudgetInput, BudgetPolicy, summarise};
    use lec_core::workflow::{BangkokTime, Command, Round, RoundCalendar, WorkflowPolicy};
    let doc = load("budget.json");
    let (registry, findings) =
        lec_core::files::read_registry("registry.csv", doc["registry_csv"].as_str().unwrap().as_bytes()).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let registry = std::sync::Arc::new(registry);
    let policy = Policy::default();
    let mut forms = lec_core::headcount::HeadcountReport::default();
    forms.add_bytes("headcounts.csv", doc["headcounts_csv"].as_str().unwrap().as_bytes(), &policy, Some(&registry));
    let records: Vec<lec_core::StudentRecord> = doc["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let mut record = lec_core::StudentRecord::default();
            for (key, text) in r.as_object().unwrap() {
                record.set(lec_core::Field::from_header(key).unwrap(), text.as_str().unwrap().to_owned());
            }
            record
        })
        .collect();
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 3);
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let mut budget = serde_json::to_value(BudgetPolicy::y2567().unwrap()).unwrap();
        for (k, v) in case["budget_policy"].as_object().unwrap() {
            budget[k] = v.clone();
        }
        let budget = BudgetPolicy::from_json(&budget.to_string()).unwrap();
        let round = case["round_commands"].as_array().map(|commands| {
            let calendar = RoundCalendar::builtin(doc["calendar"].as_str().unwrap()).unwrap();
            let mut round = Round::new(registry.clone(), calendar, WorkflowPolicy::default());
            for line in commands {
                let at = BangkokTime::parse(line["at"].as_str().unwrap()).unwrap();
                let mut line = line.clone();
                line.as_object_mut().unwrap().remove("at");
                let command: Command = serde_json::from_value(line).unwrap();
                round.execute(&command, at).unwrap_or_else(|e| panic!("{name}: {command:?} rejected: {e:?}"));
            }
            round
        });
        let input = BudgetInput {
            registry: &registry,
            context: lec_core::Context::new(&policy, 2567),
            headcounts: &forms.forms,
            confirmations: round.as_ref().map(|r| r.state()),
        };
        let summary = serde_json::to_value(summarise(&input, &records, &budget)).unwrap();
        for (k, v) in case["records"].as_object().unwrap() {
            assert_eq!(&summary["records"][k], v, "{name}: records.{k}");
        }
        for want in case["units"].as_array().unwrap() {
            let level = want["level"].as_str().unwrap();
            let code = want["code"].as_str().unwrap();
            let got = match level {
                "total" => &summary["total"],
                // institutions, schools, laos, provinces
                _ => summary[format!("{level}s").as_str()]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|u| u["code"] == code)
                    .unwrap_or_else(|| panic!("{name}: no {level} {code}")),
            };
            let at = format!("{name}: {level} {code}");
            assert_eq!(got.get("excluded").unwrap_or(&Value::Null), &want["excluded"], "{at}: excluded");
            assert_eq!(got["confirmed"], want["confirmed"], "{at}: confirmed");
            for (item, expected) in want["items"].as_object().unwrap() {
                let it = got["items"].as_array().unwrap().iter().find(|i| i["item"] == item.as_str()).unwrap();
                assert_eq!(&serde_json::json!([it["heads"], it["amount_satang"]]), expected, "{at}: {item}");
            }
        }
    }
}

#[test]
fn deadline_vectors() {
    use lec_core::workflow::{BangkokTime, Command, Round, RoundCalendar, UnitId, WorkflowPolicy, pending};
    let doc = load("deadlines.json");
    let (registry, _) =
        lec_core::files::read_registry("registry.csv", doc["registry_csv"].as_str().unwrap().as_bytes()).unwrap();
    let calendar = RoundCalendar::from_json(&doc["calendar"].to_string()).unwrap();
    let registry = std::sync::Arc::new(registry);
    let mut round = Round::new(registry.clone(), calendar, WorkflowPolicy::default());
    for (i, step) in doc["steps"].as_array().unwrap().iter().enumerate() {
        let mut line = step["command"].clone();
        let at = BangkokTime::parse(line["at"].as_str().unwrap()).unwrap();
        line.as_object_mut().unwrap().remove("at");
        let command: Command = serde_json::from_value(line).unwrap();
        let got = match round.execute(&command, at) {
            Ok(_) => "accepted".to_owned(),
            Err(r) => r.code.as_str().to_owned(),
        };
        assert_eq!(got, step["expect"].as_str().unwrap(), "step {i}: {}", step["note"]);
    }
    let p = &doc["pending"];
    let at = BangkokTime::parse(p["at"].as_str().unwrap()).unwrap();
    let within = UnitId::resolve(&registry, p["within"].as_str().unwrap());
    let list = pending(&round.rules(), round.state(), at, within);
    for want in p["units"].as_array().unwrap() {
        let code = want["code"].as_str().unwrap();
        let got = list.iter().find(|u| u.code == code && !u.headcounts).unwrap_or_else(|| panic!("{code} pending"));
        assert_eq!(got.deadline, BangkokTime::parse(want["deadline_day"].as_str().unwrap()).unwrap(), "{code}");
        assert_eq!(got.overdue, want["overdue"].as_bool().unwrap(), "{code}");
    }
}
