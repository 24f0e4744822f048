//! The sample data under `examples/data/`: a table of the exact findings each row earns, every
//! finding code shown at least once, every row accounted for, and the Windows-874 copy read
//! the same as the UTF-8 original.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::files::validate_csv;
use lec_core::{Context, FindingCode, Policy, Registry, Report, Validator};
use std::collections::{BTreeMap, BTreeSet};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DATA}{name}")).unwrap()
}

fn registry(name: &str) -> (Registry, Vec<lec_core::Finding>) {
    lec_core::files::read_registry(name, &read(name)).unwrap()
}

fn validate(files: &[&str], reg: Option<&Registry>) -> Report {
    let policy = Policy::default();
    let mut ctx = Context::new(&policy, 2567);
    ctx.registry = reg;
    let mut v = Validator::new(ctx);
    for f in files {
        validate_csv(&mut v, f, &read(f));
    }
    v.finish()
}

fn by_row(report: &Report) -> BTreeMap<u64, Vec<&'static str>> {
    let mut m: BTreeMap<u64, Vec<&'static str>> = BTreeMap::new();
    for f in &report.findings {
        m.entry(f.row.unwrap_or(0)).or_default().push(f.code.as_str());
    }
    m
}

#[test]
fn each_sample_row_earns_exactly_its_findings() {
    let (reg, reg_findings) = registry("registry.csv");
    assert!(reg_findings.is_empty(), "{reg_findings:?}");
    let report = validate(&["students.csv"], Some(&reg));
    let expected: BTreeMap<u64, Vec<&str>> = [
        (3, vec!["ID_DUPLICATE_ACROSS"]),
        (4, vec!["ID_CHECKSUM"]),
        (5, vec!["ID_EMPTY"]),
        (6, vec!["ID_FORMAT"]),
        (7, vec!["ID_LEADING_ZERO_LOST"]),
        (8, vec!["ID_EXCEL_MANGLED"]),
        (9, vec!["ID_DUMMY"]),
        (10, vec!["ID_RESERVED_CATEGORY"]),
        (11, vec!["ID_THAI_DIGITS"]),
        (12, vec!["ID_UNKNOWN_REGISTRY"]),
        (13, vec!["GCODE_YEAR"]),
        (14, vec!["GCODE_PROVINCE"]),
        (15, vec!["ID_DUPLICATE"]),
        (16, vec!["ID_DUPLICATE_ACROSS"]),
        (17, vec!["PROVINCE_UNKNOWN"]),
        (18, vec!["INSTITUTION_CODE_FORMAT"]),
        (19, vec!["INSTITUTION_NOT_REGISTERED"]),
        (20, vec!["GRADE_UNKNOWN"]),
        (21, vec!["GRADE_NOT_OFFERED"]),
        (22, vec!["BIRTHDATE_INVALID"]),
        (23, vec!["BIRTHDATE_ERA_SUSPECT"]),
        (24, vec!["BIRTHDATE_FUTURE"]),
        (25, vec!["AGE_CDC_CRITERION"]),
        (26, vec!["AGE_GRADE_UNUSUAL"]),
        (27, vec!["NAME_MISSING"]),
        (28, vec!["FIELD_THAI_DIGITS"]),
        (29, vec!["SEX_UNKNOWN"]),
        (30, vec!["STATUS_UNKNOWN"]),
        (31, vec!["RECORD_REMOVED"]),
        (32, vec!["FILE_ROW_SHAPE"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_row(&report), expected);
    let s = report.summary;
    assert_eq!(s.rows, 33);
    assert_eq!(s.rows, s.records_counted + s.records_with_errors + s.records_removed);
    assert_eq!((s.records_counted, s.records_removed), (13, 1));
}

#[test]
fn every_finding_code_is_shown_by_the_samples() {
    let mut seen: BTreeSet<FindingCode> = BTreeSet::new();
    let (reg, _) = registry("registry.csv");
    for r in [
        validate(&["students.csv", "students-win874.csv"], Some(&reg)),
        validate(&["bad/missing-column.csv", "bad/binary.csv"], None),
        validate(&["bad/lec-names.csv"], Some(&reg)),
    ] {
        seen.extend(r.findings.iter().map(|f| f.code));
    }
    // a workbook's sheet without a student table: the xlsx reader's (tests/corpus.rs shows it)
    #[cfg(not(feature = "xlsx"))]
    seen.insert(FindingCode::FileSheetSkipped);
    #[cfg(feature = "xlsx")]
    {
        let policy = Policy::default();
        let mut ctx = Context::new(&policy, 2567);
        ctx.registry = Some(&reg);
        let mut v = Validator::new(ctx);
        let file = std::fs::File::open(format!("{DATA}bad/lec-export.xlsx")).unwrap();
        lec_core::files::validate_file(&mut v, "lec-export.xlsx", file, &lec_core::files::ReadOptions::default());
        seen.extend(v.finish().findings.iter().map(|f| f.code));
    }
    let (_, bad_reg) = registry("bad/registry-bad.csv");
    seen.extend(bad_reg.iter().map(|f| f.code));
    let (_, status_reg) = registry("bad/registry-status.csv");
    seen.extend(status_reg.iter().map(|f| f.code));
    // breaches of the file limits, a NUL byte, a file changing while read: shown by
    // tests/hostile.rs on generated files (megabytes each, or a reader that changes)
    seen.extend([
        FindingCode::FileRowTooLong,
        FindingCode::FileTooManyColumns,
        FindingCode::FileCellTooLong,
        FindingCode::FilePartTooLarge,
        FindingCode::FileChanged,
        FindingCode::FileNulByte,
    ]);
    let mut forms = lec_core::headcount::HeadcountReport::default();
    for f in ["headcounts.csv", "bad/headcounts-bad.csv", "bad/headcounts-mismatch.csv"] {
        forms.add_bytes(f, &read(f), &Policy::default(), Some(&reg));
    }
    seen.extend(forms.findings.iter().map(|f| f.code));
    let mut incomplete = lec_core::headcount::HeadcountReport::default();
    incomplete.add_bytes(
        "bad/headcounts-incomplete.csv",
        &read("bad/headcounts-incomplete.csv"),
        &Policy::default(),
        Some(&reg),
    );
    seen.extend(incomplete.findings.iter().map(|f| f.code));
    let missing: Vec<_> = FindingCode::ALL.iter().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "codes no sample shows: {missing:?}");
}

#[test]
fn bad_registry_rows_are_reported_in_order() {
    let (reg, findings) = registry("bad/registry-bad.csv");
    let got: Vec<(u64, &str)> = findings.iter().map(|f| (f.row.unwrap(), f.code.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "PROVINCE_UNKNOWN"),
            (4, "LAO_KIND_MISMATCH"),
            (5, "LAO_PROVINCE_MISMATCH"),
            (6, "LAO_CODE_FORMAT"),
            (7, "REGISTRY_KIND_UNKNOWN"),
            (8, "REGISTRY_PARENT_UNKNOWN"),
            (9, "REGISTRY_DUPLICATE"),
            (10, "REGISTRY_LEVEL_UNKNOWN"),
            (11, "INSTITUTION_OWNER_MISMATCH"),
            (12, "INSTITUTION_PROVINCE_MISMATCH"),
            (13, "INSTITUTION_KIND_MISMATCH"),
            (14, "SCHOOL_CODE_FORMAT"),
        ]
    );
    assert_eq!(reg.laos().count(), 2);
    assert_eq!(reg.institutions().count(), 3);
}

#[test]
fn every_registered_other_school_needs_a_form() {
    let (reg, _) = registry("registry.csv");
    let policy = Policy::default();
    let mut r = lec_core::headcount::HeadcountReport::default();
    r.add_bytes("a.csv", &read("bad/headcounts-incomplete.csv"), &policy, Some(&reg));
    let got: Vec<(&str, Option<&str>)> = r.findings.iter().map(|f| (f.code.as_str(), f.value.as_deref())).collect();
    assert_eq!(got, [("HC_SCHOOL_MISSING", Some("1058100102"))]);
    assert_eq!(r.summary.errors, 1);
    assert!(r.findings[0].message_en.contains("06580102"), "{}", r.findings[0].message_en);
    // the missing form is in another file of the same report: nothing is missing any more
    let rest = "lao_code,school_code,school_name,extended,closed,อ.1,อ.2,อ.3,ป.1,ป.2,ป.3,ป.4,ป.5,ป.6\n06580102,1058100102,x,ไม่ใช่,ไม่ใช่,0,3,4,5,4,6,3,5,4\n";
    r.add_bytes("b.csv", rest.as_bytes(), &policy, Some(&reg));
    assert!(r.findings.iter().all(|f| f.code.as_str() != "HC_SCHOOL_MISSING"), "{:?}", r.findings);
    assert_eq!(r.summary.errors, 0);
    // without a registry nothing can be missing
    let mut none = lec_core::headcount::HeadcountReport::default();
    none.add_bytes("a.csv", &read("bad/headcounts-incomplete.csv"), &policy, None);
    assert!(none.findings.is_empty());
}

#[test]
fn registry_status_column_is_read() {
    let (reg, findings) = registry("bad/registry-status.csv");
    let got: Vec<(u64, &str)> = findings.iter().map(|f| (f.row.unwrap(), f.code.as_str())).collect();
    assert_eq!(got, [(7, "REGISTRY_STATUS_UNKNOWN")]);
    let statuses: Vec<&str> = reg.institutions().map(|i| i.status.as_str()).collect();
    assert_eq!(statuses, ["inactive", "merged", "closed", "active"]);
    assert!(reg.institutions().all(|i| i.kind.is_cdc()));
    assert_eq!(reg.other_schools().next().unwrap().status.as_str(), "closed");
    // a registry without the column is all active
    let (plain, _) = registry("registry.csv");
    assert!(plain.institutions().all(|i| i.status.is_active()));
}

#[test]
fn windows_874_copy_reads_like_the_original() {
    let (reg, _) = registry("registry.csv");
    let utf8 = validate(&["students.csv"], Some(&reg));
    let thai = validate(&["students-win874.csv"], Some(&reg));
    assert_eq!(thai.files[0].encoding.as_deref(), Some("windows-874"));
    assert_eq!(thai.findings[0].code, FindingCode::FileEncoding);
    let strip = |r: &Report| -> Vec<(Option<u64>, FindingCode, Option<String>, String)> {
        r.findings
            .iter()
            .filter(|f| f.code != FindingCode::FileEncoding)
            .map(|f| (f.row, f.code, f.value.clone(), f.message_th.replace("students-win874.csv", "students.csv")))
            .collect()
    };
    assert_eq!(strip(&utf8), strip(&thai));
    assert_eq!(utf8.summary.rows, thai.summary.rows);
}

#[test]
fn unreadable_and_incomplete_files_account_for_their_rows() {
    let r = validate(&["bad/missing-column.csv", "bad/binary.csv"], None);
    assert_eq!(r.summary.rows, 1);
    assert_eq!(r.summary.records_with_errors, 1);
    let codes: Vec<_> = r.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["FILE_COLUMN_MISSING", "FILE_UNREADABLE"]);
}

#[test]
fn ids_stay_masked_unless_asked() {
    let text = String::from_utf8(read("students.csv")).unwrap();
    let ids: Vec<&str> = text.lines().skip(1).filter_map(|l| l.split(',').nth(1)).filter(|i| i.len() == 13).collect();
    assert!(ids.len() > 20);
    let (reg, _) = registry("registry.csv");
    let report = validate(&["students.csv"], Some(&reg));
    let json = serde_json::to_string(&report).unwrap();
    for id in &ids {
        assert!(!json.contains(id), "{id} leaked into the report");
    }
    let policy = Policy::default();
    let mut ctx = Context::new(&policy, 2567);
    ctx.unmasked = true;
    let mut v = Validator::new(ctx);
    validate_csv(&mut v, "students.csv", &read("students.csv"));
    let json = serde_json::to_string(&v.finish()).unwrap();
    assert!(ids.iter().any(|id| json.contains(id)));
}
