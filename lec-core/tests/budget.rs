//! Headcount forms and budget summaries: a worked example per budget item (the expected numbers
//! computed by hand here, not by the code under test), exclusions, duplicates, confirmations,
//! and the reconciliation property.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::budget::{BudgetInput, BudgetPolicy, BudgetSummary, DuplicateResolution, UnitBudget, summarise};
use lec_core::headcount::{HEADCOUNT_GRADES, HeadcountReport};
use lec_core::id::check_digit;
use lec_core::registry::RegistryRow;
use lec_core::workflow::{
    Action, Actor, BangkokTime, Command, DataStatus, Level, Round, RoundCalendar, WorkflowPolicy,
};
use lec_core::{Context, Grade, Policy, Registry, StudentRecord};
use proptest::prelude::*;
use std::sync::Arc;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn registry() -> Registry {
    let rows = [
        ("province", "58", "", "", "แม่ฮ่องสอน"),
        ("lao", "06580102", "58", "sao", "อบต.ผาบ่อง"),
        ("lao", "04580101", "58", "town", "เทศบาลเมือง"),
        ("institution", "3058300001", "06580102", "school", "โรงเรียนเล็ก"),
        ("institution", "3058300002", "06580102", "school", "โรงเรียนกลาง"),
        ("institution", "3058600001", "06580102", "cdc", "ศพด."),
        ("institution", "3058200001", "04580101", "school", "โรงเรียนเทศบาล"),
        ("other_school", "1058100101", "06580102", "extended", "บ้านผาบ่อง"),
        ("other_school", "1058100102", "06580102", "standard", "บ้านห้วยเดื่อ"),
    ];
    let (reg, findings) = Registry::from_rows(
        rows.iter().enumerate().map(|(i, (level, code, parent, kind, name))| RegistryRow {
            row: i as u64 + 2,
            level: (*level).into(),
            code: (*code).into(),
            name: (*name).into(),
            parent: (*parent).into(),
            kind: (*kind).into(),
            ..RegistryRow::default()
        }),
        None,
    );
    assert!(findings.is_empty(), "{findings:?}");
    reg
}

fn id(serial: u64) -> String {
    let mut d = [0u8; 12];
    d[0] = 1;
    let mut s = serial;
    for slot in d[1..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = check_digit(&d);
    d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect()
}

/// A pupil of `grade` (born in the grade's usual year for 2567) at `institution`.
fn pupil(institution: &str, serial: u64, grade: &str) -> StudentRecord {
    let born = match grade {
        "CD" => "01/01/2564",
        "K1" => "01/01/2564",
        "K2" => "01/01/2563",
        "K3" => "01/01/2562",
        "P1" => "01/01/2560",
        "P2" => "01/01/2559",
        "P6" => "01/01/2555",
        "M1" => "01/01/2554",
        "M4" => "01/01/2551",
        _ => "01/01/2558",
    };
    StudentRecord {
        institution_code: institution.into(),
        person_id: id(serial),
        first_name: "ทดสอบ".into(),
        last_name: "ใจดี".into(),
        birth_date: born.into(),
        grade: grade.into(),
        ..StudentRecord::default()
    }
}

fn summary(
    reg: &Registry,
    records: &[StudentRecord],
    forms: &HeadcountReport,
    policy: &BudgetPolicy,
    state: Option<&lec_core::workflow::RoundState>,
) -> BudgetSummary {
    let p = Policy::default();
    let input =
        BudgetInput { registry: reg, context: Context::new(&p, 2567), headcounts: &forms.forms, confirmations: state };
    summarise(&input, records, policy)
}

fn item<'a>(u: &'a UnitBudget, id: &str) -> &'a lec_core::budget::ItemAmount {
    u.items.iter().find(|i| i.item == id).unwrap()
}

fn unit<'a>(list: &'a [UnitBudget], code: &str) -> &'a UnitBudget {
    list.iter().find(|u| u.code == code).unwrap()
}

fn sample_forms(reg: &Registry) -> HeadcountReport {
    let mut r = HeadcountReport::default();
    let bytes = std::fs::read(format!("{DATA}headcounts.csv")).unwrap();
    r.add_bytes("headcounts.csv", &bytes, &Policy::default(), Some(reg));
    assert!(!r.has_errors(), "{:?}", r.findings);
    r
}

#[test]
fn lunch_worked_example() {
    let reg = registry();
    // 30 pupils at the small school (tier 1–40: 36 baht), 41 at the middle one (41–100: 27 baht)
    let mut records: Vec<StudentRecord> =
        (0..30).map(|i| pupil("3058300001", i, if i < 10 { "K1" } else { "P1" })).collect();
    records.extend((100..141).map(|i| pupil("3058300002", i, "P2")));
    let policy = BudgetPolicy::y2567().unwrap();
    let s = summary(&reg, &records, &sample_forms(&reg), &policy, None);
    let small = unit(&s.institutions, "3058300001");
    assert_eq!(item(small, "lunch").heads, 30);
    // 30 pupils × 36 baht × 200 days = 216,000 baht
    assert_eq!(item(small, "lunch").amount_satang, Some(216_000 * 100));
    let middle = unit(&s.institutions, "3058300002");
    // 41 × 27 × 200 = 221,400 baht
    assert_eq!(item(middle, "lunch").amount_satang, Some(221_400 * 100));
    // the extended school's form: K1–P6 = 8+9+7+12+11+10+13+9+12 = 91 → 27 baht; ม.1–ม.3 do not count for lunch
    let ext = unit(&s.schools, "1058100101");
    assert_eq!(item(ext, "lunch").heads, 91);
    assert_eq!(item(ext, "lunch").amount_satang, Some(91 * 27 * 200 * 100));
    // the standard school: 0+3+4+5+4+6+3+5+4 = 34 → 36 baht
    let std_school = unit(&s.schools, "1058100102");
    assert_eq!(item(std_school, "lunch").amount_satang, Some(34 * 36 * 200 * 100));
    // the LAO: its two schools' and two forms' lunch money
    let lao = unit(&s.laos, "06580102");
    assert_eq!(item(lao, "lunch").heads, 30 + 41 + 91 + 34);
    assert_eq!(item(lao, "lunch").amount_satang, Some((216_000 + 221_400 + 91 * 27 * 200 + 34 * 36 * 200) * 100));
}

#[test]
fn lunch_tiers_at_their_edges() {
    let reg = registry();
    let policy = BudgetPolicy::y2567().unwrap();
    let forms = HeadcountReport::default();
    for (n, baht) in [(1u64, 36u64), (40, 36), (41, 27), (100, 27), (101, 24), (120, 24), (121, 22), (300, 22)] {
        let records: Vec<StudentRecord> = (0..n).map(|i| pupil("3058300001", i, "P6")).collect();
        let s = summary(&reg, &records, &forms, &policy, None);
        assert_eq!(
            item(unit(&s.institutions, "3058300001"), "lunch").amount_satang,
            Some(n * baht * 200 * 100),
            "{n} pupils"
        );
    }
}

#[test]
fn uniforms_worked_example_and_unknown_rates() {
    let reg = registry();
    let records = vec![
        pupil("3058300001", 1, "K1"),
        pupil("3058300001", 2, "K2"),
        pupil("3058300001", 3, "P1"),
        pupil("3058300001", 4, "P2"),
        pupil("3058300001", 5, "P6"),
        pupil("3058300001", 6, "M1"),
        pupil("3058300001", 7, "M4"),
        pupil("3058600001", 8, "CD"),
    ];
    let policy = BudgetPolicy::y2567().unwrap();
    let s = summary(&reg, &records, &HeadcountReport::default(), &policy, None);
    let school = unit(&s.institutions, "3058300001");
    // 2 × 300 + 3 × 360 + 450 + 500 = 2,630 baht
    assert_eq!(item(school, "uniforms").heads, 7);
    assert_eq!(item(school, "uniforms").amount_satang, Some(2_630 * 100));
    // milk: heads K1–P6 = 5, the price per pack is not fixed: amount unknown, heads still given
    assert_eq!(item(school, "milk").heads, 5);
    assert_eq!(item(school, "milk").amount_satang, None);
    // teaching counts every grade incl. the CDC child, rate unknown
    assert_eq!(item(school, "teaching").heads, 7);
    let cdc = unit(&s.institutions, "3058600001");
    assert_eq!(item(cdc, "teaching").heads, 1);
    // young children count for milk and lunch (cover letter item 4); their rate is unknown
    assert_eq!((item(cdc, "lunch").heads, item(cdc, "lunch").amount_satang), (1, None));
    assert_eq!((item(cdc, "milk").heads, item(cdc, "milk").amount_satang), (1, None));
    assert_eq!(item(cdc, "uniforms").amount_satang, Some(0), "uniforms are not a CDC's");
    assert_eq!(item(&s.total, "milk").amount_satang, None, "unknown anywhere, unknown in the total");
    assert_eq!(item(&s.total, "lunch").heads, 6, "K1, K2, P1, P2, P6 and the CDC child");
    assert_eq!(item(&s.total, "lunch").amount_satang, None, "the CDC child's lunch rate is unknown");
    assert_eq!(item(&s.total, "uniforms").amount_satang, Some(2_630 * 100));
    assert!(s.items.iter().any(|i| i.id == "lunch" && !i.rate_known), "the young children's rate is not known");
    assert!(s.items.iter().any(|i| i.id == "milk" && !i.rate_known));
}

#[test]
fn exclusions_gcodes_and_duplicates() {
    let reg = registry();
    let mut removed = pupil("3058300001", 1, "P1");
    removed.status = Some("ไม่มีตัวตน".into());
    let mut gcode = pupil("3058300001", 2, "P1");
    gcode.person_id = "G645800000001".into();
    let dup_a = pupil("3058300001", 3, "P1");
    let dup_b = pupil("3058300002", 3, "P1");
    let mut broken = pupil("3058200001", 4, "P1");
    broken.first_name = String::new();
    let fine = pupil("3058200001", 5, "P1");
    let records = vec![removed, gcode, dup_a, dup_b, broken, fine, pupil("3099999999", 6, "P1")];
    let mut policy = BudgetPolicy::y2567().unwrap();
    let s = summary(&reg, &records, &HeadcountReport::default(), &policy, None);
    assert_eq!(s.records.rows, 7);
    assert_eq!(s.records.removed, 1);
    assert_eq!(s.records.unregistered, 1);
    assert_eq!(s.records.duplicates_not_counted, 2, "unresolved: counted nowhere");
    assert_eq!(s.unresolved_duplicates.len(), 1);
    assert_eq!(s.unresolved_duplicates[0].institutions, ["3058300001", "3058300002"]);
    assert!(s.unresolved_duplicates[0].person.contains("xxxxx"), "masked");
    assert_eq!(s.records.with_errors, 2, "the town school has an error: none of its records count");
    assert_eq!(unit(&s.institutions, "3058200001").excluded, Some("has_errors"));
    assert_eq!(s.records.counted, 1, "the G-code learner");
    assert_eq!(
        s.records.rows,
        s.records.counted
            + s.records.removed
            + s.records.unregistered
            + s.records.duplicates_not_counted
            + s.records.with_errors
            + s.records.not_confirmed
            + s.records.gcode_excluded
            + s.records.inactive
    );
    policy.gcode_learners_count = false;
    policy.duplicate_resolution = DuplicateResolution::LowestInstitutionCode;
    let s = summary(&reg, &records, &HeadcountReport::default(), &policy, None);
    assert_eq!(s.records.gcode_excluded, 1);
    assert_eq!(s.records.duplicates_not_counted, 1);
    assert_eq!(unit(&s.institutions, "3058300001").heads_by_grade.get(&Grade::P1), Some(&1));
    assert_eq!(unit(&s.institutions, "3058300002").heads_by_grade.get(&Grade::P1), None);
}

#[test]
fn only_confirmed_units_count() {
    let reg = Arc::new(registry());
    let records: Vec<StudentRecord> = vec![pupil("3058300001", 1, "P1"), pupil("3058200001", 2, "P1")];
    let mut round = Round::new(reg.clone(), RoundCalendar::r2567_2(), WorkflowPolicy::default());
    let at = |h: u32| BangkokTime::parse(&format!("2024-11-05T{h:02}:00:00+07:00")).unwrap();
    let c = |level, who: &str, action, unit: &str, data| Command {
        actor: Actor { level, code: who.into() },
        action,
        unit: unit.into(),
        data,
        officer: None,
        check: None,
    };
    round
        .execute(
            &c(
                Level::Institution,
                "3058200001",
                Action::Confirm,
                "3058200001",
                Some(DataStatus { counted: 1, errors: 0 }),
            ),
            at(9),
        )
        .unwrap();
    round.execute(&c(Level::Lao, "04580101", Action::Confirm, "04580101", None), at(10)).unwrap();
    let policy = BudgetPolicy::y2567().unwrap();
    assert_eq!(policy.confirmation_required, lec_core::budget::ConfirmationRequired::Lao, "§9.2: the default");
    let forms = sample_forms(&reg);
    // the town's LAO confirmed: its school's pupil counts although the province has not confirmed
    let s = summary(&reg, &records, &forms, &policy, Some(round.state()));
    assert!(s.confirmation_checked);
    assert_eq!((s.records.counted, s.records.not_confirmed), (1, 1));
    assert_eq!(unit(&s.institutions, "3058200001").excluded, None);
    assert_eq!(unit(&s.institutions, "3058300001").excluded, Some("not_confirmed"));
    assert_eq!(unit(&s.schools, "1058100101").excluded, Some("not_confirmed"), "headcounts not confirmed");
    // beside each unit, whether it confirmed: the province has not
    assert_eq!(unit(&s.provinces, "58").confirmed, Some(false));
    assert_eq!(unit(&s.laos, "04580101").confirmed, Some(true));
    assert_eq!(unit(&s.laos, "06580102").confirmed, Some(false));
    assert_eq!(unit(&s.institutions, "3058200001").confirmed, Some(true));
    assert_eq!(s.total.confirmed, None);
    // P1 at a school of 1 pupil: 36 baht × 200 days, in the LAO and the province alike
    assert_eq!(item(unit(&s.laos, "04580101"), "lunch").amount_satang, Some(36 * 200 * 100));
    // `province`: only what the province confirmed counts
    let mut province = policy.clone();
    province.confirmation_required = lec_core::budget::ConfirmationRequired::Province;
    let s = summary(&reg, &records, &forms, &province, Some(round.state()));
    assert_eq!(s.records.not_confirmed, 2, "the province has not confirmed");
    assert_eq!(unit(&s.provinces, "58").confirmed, Some(false));
    // without a round nothing is said about confirmations
    let s = summary(&reg, &records, &forms, &policy, None);
    assert!(!s.confirmation_checked && s.provinces.iter().all(|p| p.confirmed.is_none()));
}

#[test]
fn a_school_without_an_error_free_form_has_unknown_amounts() {
    let reg = registry();
    let policy = BudgetPolicy::y2567().unwrap();
    let records = vec![pupil("3058300001", 1, "P1")];
    // no forms at all: both registered schools are unknown for lunch and milk, never 0
    let s = summary(&reg, &records, &HeadcountReport::default(), &policy, None);
    for code in ["1058100101", "1058100102"] {
        let school = unit(&s.schools, code);
        assert_eq!(school.excluded, Some("no_form"));
        assert_eq!(item(school, "lunch").amount_satang, None, "{code}");
        assert_eq!(item(school, "milk").amount_satang, None, "{code}");
        assert_eq!(item(school, "teaching").amount_satang, Some(0), "other-affiliation schools never count for it");
    }
    let lao = unit(&s.laos, "06580102");
    assert_eq!(item(lao, "lunch").heads, 1);
    assert_eq!(item(lao, "lunch").amount_satang, None, "the LAO's lunch is unknown while a school's is");
    assert_eq!(item(unit(&s.institutions, "3058300001"), "lunch").amount_satang, Some(36 * 200 * 100));
    // the standard school's form has an error (a blank grade), the extended one is entered twice
    let csv = "lao_code,school_code,extended,K1,K2,K3,P1,P2,P3,P4,P5,P6,M1,M2,M3\n\
        06580102,1058100102,no,1,1,1,1,1,1,1,1,,,,\n\
        06580102,1058100101,yes,1,1,1,1,1,1,1,1,1,1,1,1\n\
        06580102,1058100101,yes,2,2,2,2,2,2,2,2,2,2,2,2\n";
    let mut forms = HeadcountReport::default();
    forms.add_bytes("f.csv", csv.as_bytes(), &Policy::default(), Some(&reg));
    let s = summary(&reg, &records, &forms, &policy, None);
    let std_school = unit(&s.schools, "1058100102");
    assert_eq!(std_school.excluded, Some("form_has_errors"));
    assert_eq!((item(std_school, "lunch").heads, item(std_school, "lunch").amount_satang), (0, None));
    let ext = unit(&s.schools, "1058100101");
    assert_eq!(ext.excluded, Some("form_has_errors"), "a duplicate form counts as a form with errors");
    assert_eq!(item(ext, "lunch").amount_satang, None);
    // whichever order the duplicate forms come in
    let mut reversed = forms.clone();
    reversed.forms.reverse();
    let s = summary(&reg, &records, &reversed, &policy, None);
    assert_eq!(unit(&s.schools, "1058100101").excluded, Some("form_has_errors"));
    // with both forms good, the LAO's lunch is known again: 1 + 9 + 8 pupils
    let good = "lao_code,school_code,extended,K1,K2,K3,P1,P2,P3,P4,P5,P6,M1,M2,M3\n\
        06580102,1058100102,no,1,1,1,1,1,1,1,1,0,,,\n\
        06580102,1058100101,yes,1,1,1,1,1,1,1,1,1,1,1,1\n";
    let mut forms = HeadcountReport::default();
    forms.add_bytes("f.csv", good.as_bytes(), &Policy::default(), Some(&reg));
    let s = summary(&reg, &records, &forms, &policy, None);
    // each school and the LAO's own school are in the 1–40 tier: 36 baht × 200 days
    assert_eq!(item(unit(&s.laos, "06580102"), "lunch").amount_satang, Some((1 + 9 + 8) * 36 * 200 * 100));
}

#[test]
fn every_figure_of_the_shipped_policy_names_its_source() {
    let p = BudgetPolicy::y2567().unwrap();
    assert_eq!(p.unsourced_figures(), vec![]);
    // the check can fail: a rate without a source, days without one, an unknown rate saying nothing
    let mut bare = p.clone();
    bare.items[0].rates[1].source = None;
    bare.items[0].days_source = None;
    bare.items[1].rates[0].source = None;
    bare.items[1].rates[0].note = None;
    let what: Vec<(String, String)> = bare.unsourced_figures().into_iter().map(|f| (f.item, f.what)).collect();
    assert_eq!(
        what,
        [("lunch".into(), "days".into()), ("lunch".into(), "rates[1]".into()), ("milk".into(), "rates[0]".into())]
    );
}

fn check_reconciles(s: &BudgetSummary) {
    let sum = |parts: &[&UnitBudget], whole: &UnitBudget| {
        for (i, it) in whole.items.iter().enumerate() {
            let heads: u64 = parts.iter().map(|p| p.items[i].heads).sum();
            assert_eq!(it.heads, heads, "{} {} {}", whole.level, whole.code, it.item);
            let amount: Option<u64> = parts.iter().try_fold(0u64, |a, p| p.items[i].amount_satang.map(|v| a + v));
            assert_eq!(it.amount_satang, amount, "{} {} {}", whole.level, whole.code, it.item);
        }
        let heads: u64 = parts.iter().flat_map(|p| p.heads_by_grade.values()).sum();
        assert_eq!(whole.heads_by_grade.values().sum::<u64>(), heads);
    };
    let reg = registry();
    for lao in &s.laos {
        let code = lec_core::LaoCode::parse(&lao.code).unwrap();
        let mut parts: Vec<&UnitBudget> =
            reg.institutions_of(code).iter().map(|i| unit(&s.institutions, &i.digits())).collect();
        parts.extend(reg.other_schools_of(code).iter().map(|o| unit(&s.schools, &o.digits())));
        sum(&parts, lao);
    }
    for p in &s.provinces {
        let parts: Vec<&UnitBudget> =
            reg.laos_of(p.code.parse().unwrap()).iter().map(|l| unit(&s.laos, &l.login())).collect();
        sum(&parts, p);
    }
    sum(&s.provinces.iter().collect::<Vec<_>>(), &s.total);
    assert_eq!(s.records.counted, s.institutions.iter().flat_map(|u| u.heads_by_grade.values()).sum::<u64>());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn totals_reconcile(pupils in proptest::collection::vec((0usize..5, 0u64..400, 0usize..7, 0u8..20), 0..300),
                        counts in proptest::collection::vec(0u32..60, 24)) {
        let reg = registry();
        let insts = ["3058300001", "3058300002", "3058600001", "3058200001", "3099999999"];
        let grades = ["K1", "K2", "P1", "P6", "M1", "M4", "CD"];
        let records: Vec<StudentRecord> = pupils
            .iter()
            .map(|&(i, serial, g, quirk)| {
                let mut r = pupil(insts[i], serial, grades[g]);
                match quirk {
                    0 => r.status = Some("ไม่มีตัวตน".into()),
                    1 => r.person_id = format!("G6458{serial:08}"),
                    _ => {}
                }
                r
            })
            .collect();
        let mut forms = HeadcountReport::default();
        let mut csv = String::from("lao_code,school_code,extended,K1,K2,K3,P1,P2,P3,P4,P5,P6,M1,M2,M3\n");
        for (s, ext) in [("1058100101", "yes"), ("1058100102", "no")] {
            let base = if ext == "yes" { 0 } else { 12 };
            let cells: Vec<String> = (0..12).map(|i| if ext == "no" && i >= 9 { String::new() } else { counts[base + i].to_string() }).collect();
            csv.push_str(&format!("06580102,{s},{ext},{}\n", cells.join(",")));
        }
        forms.add_bytes("f.csv", csv.as_bytes(), &Policy::default(), Some(&reg));
        prop_assert!(!forms.has_errors(), "{:?}", forms.findings);
        for resolution in [DuplicateResolution::Unresolved, DuplicateResolution::FirstSeen, DuplicateResolution::LowestInstitutionCode] {
            let mut policy = BudgetPolicy::y2567().unwrap();
            policy.duplicate_resolution = resolution;
            let s = summary(&reg, &records, &forms, &policy, None);
            check_reconciles(&s);
            let t = s.records;
            prop_assert_eq!(t.rows, t.counted + t.removed + t.with_errors + t.not_confirmed + t.unregistered + t.inactive + t.gcode_excluded + t.duplicates_not_counted);
        }
    }
}

#[test]
fn headcount_files_report_like_student_files() {
    let reg = registry();
    let mut r = HeadcountReport::default();
    let bytes = std::fs::read(format!("{DATA}bad/headcounts-bad.csv")).unwrap();
    r.add_bytes("bad/headcounts-bad.csv", &bytes, &Policy::default(), Some(&reg));
    let got: Vec<(u64, &str)> = r.findings.iter().map(|f| (f.row.unwrap_or(0), f.code.as_str())).collect();
    assert_eq!(
        got,
        [
            (2, "HC_MISSING"),
            (2, "HC_MISSING"),
            (2, "HC_MISSING"),
            (3, "HC_MISSING"),
            (4, "HC_NOT_ARABIC"),
            (4, "HC_SCHOOL_NOT_REGISTERED"),
            (5, "HC_INVALID"),
            (5, "HC_INVALID"),
            (5, "HC_SCHOOL_NOT_REGISTERED"),
            (6, "HC_OUT_OF_RANGE"),
            (6, "HC_SCHOOL_NOT_REGISTERED"),
            (7, "HC_CLOSED_NONZERO"),
            (7, "HC_SCHOOL_NOT_REGISTERED"),
            (8, "HC_DUPLICATE_SCHOOL"),
        ]
    );
    assert_eq!(r.summary.rows, 7);
    assert_eq!(r.summary.records_counted + r.summary.records_with_errors, r.summary.rows);
    assert_eq!(r.summary.records_with_errors, 7);
    // the good sample: Thai headers, Windows-874 or UTF-8 alike
    let good = sample_forms(&reg);
    assert_eq!(good.summary.records_counted, 2);
    assert_eq!(good.forms[0].count(HEADCOUNT_GRADES[11]), 12);
}

#[test]
fn shipped_policy_loads_and_round_trips() {
    let p = BudgetPolicy::y2567().unwrap();
    assert_eq!(p.academic_year, 2567);
    assert!(p.gcode_learners_count);
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(BudgetPolicy::from_json(&json).unwrap(), p);
    assert!(BudgetPolicy::from_toml("id = 1").is_err());
    let e = BudgetPolicy::builtin(2599).unwrap_err();
    assert_eq!(e.code(), "CONFIG_INVALID");
    assert!(e.message_en().contains("`2599`") && e.message_en().contains("2567"), "{}", e.message_en());
    assert!(e.message_th().contains("`2599`"), "{}", e.message_th());
}

#[test]
fn an_inactive_unit_counts_for_nothing() {
    let csv = "level,code,name,parent,kind,status\n\
        province,58,แม่ฮ่องสอน,,,\n\
        lao,06580102,อบต.ผาบ่อง,58,sao,\n\
        lao,06580103,อบต.ยุบ,58,sao,merged\n\
        institution,3058300001,โรงเรียนเล็ก,06580102,school,\n\
        institution,3058300002,โรงเรียนปิด,06580102,school,closed\n\
        institution,3058300003,โรงเรียนของ อบต.ยุบ,06580103,school,\n\
        other_school,1058100101,บ้านผาบ่อง,06580102,standard,inactive\n\
        other_school,1058100102,บ้านห้วยเดื่อ,06580103,standard,\n";
    let (reg, findings) = lec_core::files::read_registry("registry.csv", csv.as_bytes()).unwrap();
    assert!(findings.is_empty(), "{findings:?}");
    let records = vec![
        pupil("3058300001", 1, "P1"),
        pupil("3058300002", 2, "P1"),
        pupil("3058300003", 3, "P1"),
        // the same person at the closed school and an active one: the closed school's record
        // places nobody, so the active one counts
        pupil("3058300002", 1, "P1"),
    ];
    // a form for the inactive school counts for nothing either
    let mut forms = HeadcountReport::default();
    let form = "lao_code,school_code,K1,K2,K3,P1,P2,P3,P4,P5,P6\n06580102,1058100101,1,1,1,1,1,1,1,1,1\n";
    forms.add_bytes("f.csv", form.as_bytes(), &Policy::default(), Some(&reg));
    let policy = BudgetPolicy::y2567().unwrap();
    let s = summary(&reg, &records, &forms, &policy, None);
    assert_eq!((s.records.rows, s.records.counted, s.records.inactive), (4, 1, 3));
    assert_eq!(s.records.duplicates_not_counted, 0);
    assert!(s.unresolved_duplicates.is_empty());
    for code in ["3058300002", "3058300003"] {
        let u = unit(&s.institutions, code);
        assert_eq!(u.excluded, Some("inactive"), "{code}");
        assert!(u.items.iter().all(|i| i.heads == 0 && i.amount_satang == Some(0)), "{code}");
    }
    for code in ["1058100101", "1058100102"] {
        let u = unit(&s.schools, code);
        assert_eq!(u.excluded, Some("inactive"), "{code}: no form is needed, and none counts");
        assert_eq!(item(u, "lunch").amount_satang, Some(0), "{code}: 0, not unknown");
    }
    // the LAO's lunch: its one active pupil, 36 baht × 200 days; the merged LAO's is 0
    assert_eq!(item(unit(&s.laos, "06580102"), "lunch").amount_satang, Some(36 * 200 * 100));
    assert_eq!(item(unit(&s.laos, "06580103"), "lunch").amount_satang, Some(0));
    assert_eq!(item(&s.total, "lunch").amount_satang, Some(36 * 200 * 100));
}
