//! One way in: the same data kept as CSV and as workbooks gives the same verdicts.
//!
//! `examples/data/workbooks/` holds, beside `examples/data/`'s CSV files, the same data as an
//! office keeps it: a student sheet in the LEC export layout (title rows, Thai headers in
//! another order, a sequence and a student-number column) with its CSV twin, headcount forms
//! with Thai headers in another order and numeric counts, and a registry sheet. They are written
//! by this file (`LEC_WRITE_WORKBOOKS=1 cargo test -p lec-core --features xlsx --test
//! workbooks`); without that variable the test checks that the committed files hold what it
//! would write, then that every reader gives the same answers for both forms.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use calamine::{Data, Reader, open_workbook_auto};
use lec_core::files::{ReadOptions, read_registry, validate_file};
use lec_core::{Context, HeadcountReport, Policy, Registry, Report, Validator};
use rust_xlsxwriter::Workbook;
use std::path::{Path, PathBuf};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data").join(name)
}

fn csv_rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(data(name)).unwrap();
    let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    r.records().map(|rec| rec.unwrap().iter().map(str::to_owned).collect()).collect()
}

/// A cell as the workbook should hold it: a number where the CSV's text is a count.
enum Cell {
    Text(String),
    Number(f64),
}

/// The student sheet in the LEC export layout: two title rows, a blank row, then the header
/// with `ลำดับที่` and `เลขประจำตัวนักเรียน` first and the record columns in another order.
fn school_lec() -> Vec<Vec<String>> {
    let rows = csv_rows("school.csv");
    let header = rows.first().unwrap().clone();
    // the record columns, last first
    let order: Vec<usize> = (0..header.len()).rev().collect();
    let mut out =
        vec![vec!["รายงานรายละเอียดข้อมูลนักเรียน".to_owned()], vec!["ปีการศึกษา 2567 ภาคเรียนที่ 2".to_owned()], vec![]];
    let mut head = vec!["ลำดับที่".to_owned(), "เลขประจำตัวนักเรียน".to_owned()];
    head.extend(order.iter().map(|&i| header[i].clone()));
    out.push(head);
    for (n, row) in rows.iter().skip(1).enumerate() {
        let mut r = vec![(n + 1).to_string(), format!("{:05}", 10001 + n)];
        r.extend(order.iter().map(|&i| row.get(i).cloned().unwrap_or_default()));
        out.push(r);
    }
    out
}

fn csv_text(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Headcount forms with Thai headers in another order and the counts as numbers.
fn headcounts() -> Vec<Vec<Cell>> {
    let rows = csv_rows("headcounts.csv");
    let thai = |h: &str| match h {
        "lao_code" => "รหัส อปท.".to_owned(),
        "school_code" => "รหัสโรงเรียน".to_owned(),
        "school_name" => "ชื่อโรงเรียน".to_owned(),
        "extended" => "โรงเรียนขยายโอกาส".to_owned(),
        "closed" => "ประกาศเลิก".to_owned(),
        other => other.to_owned(),
    };
    let header = rows.first().unwrap();
    // school first, then the grades from the highest, then the rest
    let mut order = vec![1, 2, 0];
    order.extend((5..header.len()).rev());
    order.extend([3, 4]);
    let mut out = vec![order.iter().map(|&i| Cell::Text(thai(&header[i]))).collect::<Vec<_>>()];
    for row in rows.iter().skip(1) {
        out.push(
            order
                .iter()
                .map(|&i| {
                    let v = row.get(i).cloned().unwrap_or_default();
                    match (i >= 5, v.parse::<f64>()) {
                        (true, Ok(n)) => Cell::Number(n),
                        _ => Cell::Text(v),
                    }
                })
                .collect(),
        );
    }
    out
}

/// The registry sheet: its columns in another order, Thai names.
fn registry() -> Vec<Vec<String>> {
    let rows = csv_rows("registry.csv");
    let order = [1, 0, 3, 2, 4];
    let names = ["ระดับ", "รหัส", "ชื่อ", "สังกัด", "ประเภท"];
    let mut out = vec![order.iter().map(|&i| names[i].to_owned()).collect::<Vec<_>>()];
    out.extend(rows.iter().skip(1).map(|r| order.iter().map(|&i| r.get(i).cloned().unwrap_or_default()).collect()));
    out
}

fn text_cells(rows: Vec<Vec<String>>) -> Vec<Vec<Cell>> {
    rows.into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect()
}

fn write_book(path: &Path, sheet: &str, rows: &[Vec<Cell>]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(t) if t.is_empty() => {}
                Cell::Text(t) => {
                    ws.write_string(r as u32, c as u16, t).unwrap();
                }
                Cell::Number(n) => {
                    ws.write_number(r as u32, c as u16, *n).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// The cells of a workbook's first sheet as text (numbers as calamine shows them).
fn read_book(path: &Path) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let sheet = book.sheet_names().first().unwrap().clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range
        .rows()
        .map(|r| {
            let mut cells: Vec<String> = r
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string(),
                })
                .collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

fn expected_text(rows: &[Vec<Cell>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut cells: Vec<String> = r
                .iter()
                .map(|c| match c {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(n) => format!("{n}"),
                })
                .collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

struct Books {
    school_csv: PathBuf,
    school_xlsx: PathBuf,
    headcounts_xlsx: PathBuf,
    registry_xlsx: PathBuf,
}

/// Writes the files (with `LEC_WRITE_WORKBOOKS=1`) or checks the committed ones.
fn books() -> Books {
    let dir = data("workbooks");
    let b = Books {
        school_csv: dir.join("school-lec.csv"),
        school_xlsx: dir.join("school-lec.xlsx"),
        headcounts_xlsx: dir.join("headcounts.xlsx"),
        registry_xlsx: dir.join("registry.xlsx"),
    };
    let sheets: [(&Path, &str, Vec<Vec<Cell>>); 3] = [
        (&b.school_xlsx, "นักเรียน", text_cells(school_lec())),
        (&b.headcounts_xlsx, "จำนวนนักเรียน", headcounts()),
        (&b.registry_xlsx, "ทะเบียน", text_cells(registry())),
    ];
    if std::env::var_os("LEC_WRITE_WORKBOOKS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&b.school_csv, csv_text(&school_lec())).unwrap();
        for (path, sheet, rows) in &sheets {
            write_book(path, sheet, rows);
        }
    }
    assert_eq!(
        std::fs::read_to_string(&b.school_csv).unwrap(),
        csv_text(&school_lec()),
        "school-lec.csv is out of date: LEC_WRITE_WORKBOOKS=1 cargo test -p lec-core --features xlsx --test workbooks"
    );
    for (path, _, rows) in &sheets {
        assert_eq!(read_book(path), expected_text(rows), "{} is out of date: rewrite it as above", path.display());
    }
    b
}

fn validate(path: &Path, registry: &Registry) -> Report {
    let policy = Policy::default();
    let mut ctx = Context::new(&policy, 2567);
    ctx.registry = Some(registry);
    let mut v = Validator::new(ctx);
    let file = std::fs::File::open(path).unwrap();
    validate_file(&mut v, &path.display().to_string(), file, &ReadOptions::default());
    v.finish()
}

/// Findings without the file's name (a sheet is `book.xlsx#sheet`).
type Verdict = (Option<u64>, &'static str, Option<String>, Option<String>);

fn verdicts(findings: &[lec_core::Finding]) -> Vec<Verdict> {
    findings.iter().map(|f| (f.row, f.code.as_str(), f.column.clone(), f.value.clone())).collect()
}

#[test]
fn the_same_data_as_csv_and_as_workbooks_gives_the_same_verdicts() {
    let b = books();
    let (reg_csv, reg_csv_findings) =
        read_registry("registry.csv", &std::fs::read(data("registry.csv")).unwrap()).unwrap();
    let (reg_xlsx, reg_xlsx_findings) =
        read_registry("registry.xlsx", &std::fs::read(&b.registry_xlsx).unwrap()).unwrap();
    assert_eq!(reg_csv, reg_xlsx);
    assert_eq!(verdicts(&reg_csv_findings), verdicts(&reg_xlsx_findings));

    // the student sheet: the LEC layout as CSV and as a workbook
    let csv = validate(&b.school_csv, &reg_csv);
    let xlsx = validate(&b.school_xlsx, &reg_xlsx);
    assert_eq!(csv.summary, xlsx.summary);
    assert_eq!(csv.by_code, xlsx.by_code);
    assert_eq!(csv.by_institution, xlsx.by_institution);
    assert_eq!(verdicts(&csv.findings), verdicts(&xlsx.findings));
    assert_eq!(csv.files[0].header_row, Some(4));
    assert_eq!((xlsx.files[0].header_row, xlsx.files[0].header_rows, xlsx.files[0].blank_rows), (Some(4), 3, 1));
    // and the plain CSV it came from: the same records and codes, four rows further down
    let plain = validate(&data("school.csv"), &reg_csv);
    assert_eq!(plain.summary, csv.summary);
    assert_eq!(plain.by_code, csv.by_code);
    let moved: Vec<_> =
        verdicts(&plain.findings).into_iter().map(|(r, c, col, v)| (r.map(|r| r + 3), c, col, v)).collect();
    assert_eq!(moved, verdicts(&csv.findings));

    // headcount forms: Thai headers in another order, numeric counts
    let policy = Policy::default();
    let mut hc_csv = HeadcountReport::default();
    hc_csv.add_bytes("headcounts.csv", &std::fs::read(data("headcounts.csv")).unwrap(), &policy, Some(&reg_csv));
    let mut hc_xlsx = HeadcountReport::default();
    hc_xlsx.add_path(&b.headcounts_xlsx, None, &policy, Some(&reg_xlsx));
    assert_eq!(hc_csv.summary, hc_xlsx.summary);
    assert_eq!(hc_csv.by_code, hc_xlsx.by_code);
    assert_eq!(verdicts(&hc_csv.findings), verdicts(&hc_xlsx.findings));
    assert_eq!(hc_csv.forms, hc_xlsx.forms);
    assert_eq!(hc_xlsx.summary.rows, 2);
    assert_eq!(hc_xlsx.files[0].format.as_deref(), Some("xlsx"));
    assert_eq!(hc_xlsx.files[0].sheet.as_deref(), Some("จำนวนนักเรียน"));
}

#[test]
fn a_registry_or_form_that_cannot_be_read_says_why() {
    // an unopenable headcount file is a finding of the report, not an error
    let mut hc = HeadcountReport::default();
    hc.add_path(Path::new("/no/such/forms.xlsx"), None, &Policy::default(), None);
    assert_eq!(hc.findings.len(), 1);
    assert_eq!(hc.findings[0].code.as_str(), "FILE_UNREADABLE");
    assert!(hc.findings[0].message_en.contains("no such file"), "{}", hc.findings[0].message_en);
    assert!(hc.has_errors() && hc.files.len() == 1);
    // a registry without its columns
    let e = read_registry("r.csv", b"a,b\n1,2\n").unwrap_err();
    assert_eq!(e.code(), "FILE_COLUMN_MISSING");
    let e = read_registry("r.csv", b"level,code,name,parent\nprovince,58,x,\n").unwrap_err();
    assert_eq!(e.code(), "FILE_COLUMN_MISSING");
    assert!(e.message_en().contains("`kind`") || e.message_en().contains("kind"), "{}", e.message_en());
    let e = read_registry("r.csv", b"").unwrap_err();
    assert_eq!(e.code(), "FILE_UNREADABLE");
    // a headcount workbook whose sheet is no form: its missing columns
    let mut hc = HeadcountReport::default();
    hc.add_path(&data("bad/excel-numbers.xlsx"), None, &Policy::default(), None);
    assert!(hc.findings.iter().any(|f| f.code.as_str() == "FILE_COLUMN_MISSING"), "{:?}", hc.findings);
}
