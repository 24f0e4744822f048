//! The corpus of real-shaped bad files under `examples/data/bad/` and its expected findings
//! (`examples/data/bad/expected.json`); every row of every sample accounted for; workbooks read
//! like the same data as CSV; the report the same for any number of threads.
//!
//! The binary samples are written by `regenerate_bad_corpus` (ignored: run it with
//! `cargo test -p lec-core --features xlsx --test corpus -- --ignored` to rewrite them).
#![cfg(feature = "xlsx")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use calamine::Reader;
use lec_core::files::{ReadOptions, validate_file, validate_reader};
use lec_core::id::check_digit;
use lec_core::{Context, FindingCode, Policy, Registry, Report, Severity, Validator};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/");

fn data(name: &str) -> PathBuf {
    PathBuf::from(format!("{DATA}{name}"))
}

/// A checksum-valid personal ID: category, province 58, then a serial.
fn pid(category: u8, serial: u64) -> String {
    let mut d = [0u8; 12];
    d[0] = category;
    d[1] = 5;
    d[2] = 8;
    let mut s = serial;
    for slot in d[3..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = check_digit(&d);
    d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect()
}

fn registry() -> Registry {
    lec_core::files::read_registry("registry.csv", &std::fs::read(data("registry.csv")).unwrap()).unwrap().0
}

fn validate_path(path: &Path, label: &str, reg: Option<&Registry>, threads: usize) -> Report {
    let policy = Policy::default();
    let mut ctx = Context::new(&policy, 2567);
    ctx.registry = reg;
    let mut v = Validator::new(ctx);
    let opts = ReadOptions { threads, ..ReadOptions::default() };
    validate_file(&mut v, label, std::fs::File::open(path).unwrap(), &opts);
    v.finish()
}

// ---------------------------------------------------------------------------------------------
// the generator

fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2024, 11, 1).unwrap();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when).set_author("lec"));
    wb
}

/// LEC's own export: a title block, a header over two merged rows, identity columns naming the
/// institution (no code), and a summary sheet.
fn lec_export() -> Vec<u8> {
    let mut wb = workbook();
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let head = Format::new().set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    ws.set_name("รายชื่อนักเรียน").unwrap();
    ws.merge_range(0, 0, 0, 18, "รายงานรายละเอียดข้อมูลนักเรียน", &title).unwrap();
    ws.merge_range(1, 0, 1, 18, "ปีการศึกษา 2567 ภาคเรียนที่ 2", &title).unwrap();
    ws.write_string(2, 0, "จังหวัดแม่ฮ่องสอน").unwrap();
    let tall = [
        (0, "ลำดับที่"),
        (1, "จังหวัด"),
        (2, "อำเภอ"),
        (3, "อปท."),
        (4, "สถานศึกษา"),
        (5, "ปีการศึกษา"),
        (6, "ภาคเรียน"),
        (7, "เลขประจำตัวนักเรียน"),
        (11, "วันเดือนปีเกิด"),
        (12, "เชื้อชาติ"),
        (13, "สัญชาติ"),
        (14, "ศาสนา"),
        (15, "เลขประจำตัวประชาชน"),
        (16, "ระดับชั้น"),
        (17, "ห้อง"),
        (18, "สภาพนักเรียน"),
    ];
    for (c, name) in tall {
        ws.merge_range(4, c, 5, c, name, &head).unwrap();
    }
    ws.merge_range(4, 8, 4, 10, "ชื่อ - นามสกุล", &head).unwrap();
    for (c, name) in [(8, "คำนำหน้า"), (9, "ชื่อ"), (10, "นามสกุล")] {
        ws.write_string_with_format(5, c, name, &head).unwrap();
    }
    let school = ("เทศบาลเมืองแม่ฮ่องสอน", "โรงเรียนเทศบาล 1");
    let cdc = ("องค์การบริหารส่วนตำบลผาบ่อง", "ศูนย์พัฒนาเด็กเล็กบ้านผาบ่อง");
    enum Id {
        Text(String),
        Number(f64),
    }
    // (excel row, institution, student no, prefix, first, last, birth, id, grade, status)
    type Row<'a> = (u32, (&'a str, &'a str), &'a str, &'a str, &'a str, &'a str, &'a str, Id, &'a str, &'a str);
    let rows: Vec<Row<'_>> = vec![
        (6, school, "00001", "เด็กชาย", "กล้า", "ใจดี", "15/03/2560", Id::Text(pid(1, 300_001)), "ป.1", "ปกติ"),
        (7, school, "00002", "เด็กหญิง", "ดาว", "แสงงาม", "01/08/2563", Id::Text(pid(1, 300_002)), "อ.1", "ปกติ"),
        // a category-0 ID in a number cell: Excel dropped its 0
        (
            8,
            school,
            "00003",
            "เด็กชาย",
            "ต้น",
            "มั่นคง",
            "02/02/2560",
            Id::Number(pid(0, 300_003)[1..].parse().unwrap()),
            "ป.1",
            "ปกติ",
        ),
        // pasted from a CSV that showed `1.11203E+12`
        (9, school, "00004", "เด็กหญิง", "น้ำ", "ใสสะอาด", "03/03/2560", Id::Number(1_112_030_000_000.0), "ป.1", "ปกติ"),
        // through a tool that wrote floats
        (
            10,
            school,
            "00005",
            "เด็กชาย",
            "ฟ้า",
            "กว้างไกล",
            "04/04/2560",
            Id::Text(format!("{}.0", pid(1, 300_005))),
            "ป.1",
            "ปกติ",
        ),
        (11, school, "00006", "เด็กหญิง", "ฝน", "ตกดี", "05/05/2560", Id::Text(pid(1, 300_006)), "ป.1", "จำหน่าย"),
        (12, cdc, "00007", "เด็กชาย", "เมฆ", "ลอยลม", "10/01/2565", Id::Text(pid(1, 300_007)), "ศพด.", "ปกติ"),
        (
            13,
            ("องค์การบริหารส่วนตำบลไม่มี", "โรงเรียนบ้านไม่มีในทะเบียน"),
            "00008",
            "เด็กหญิง",
            "ลม",
            "เย็นใจ",
            "06/06/2560",
            Id::Text(pid(1, 300_008)),
            "ป.1",
            "ปกติ",
        ),
        // row 15 is blank; 16 and 17 share one merged institution cell
        (15, school, "00009", "เด็กชาย", "ภู", "สูงส่ง", "", Id::Text(pid(1, 300_009)), "ป.1", "ปกติ"),
        (16, ("", ""), "00010", "เด็กหญิง", "ทราย", "ขาวใส", "08/08/2560", Id::Text(pid(1, 300_010)), "ป.1", "ปกติ"),
        // the same child as row 7, again
        (17, school, "00011", "เด็กชาย", "กล้า", "ใจดี", "15/03/2560", Id::Text(pid(1, 300_001)), "ป.1", "ปกติ"),
    ];
    for (i, (r, (lao, inst), no, prefix, first, last, birth, id, grade, status)) in rows.into_iter().enumerate() {
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, "แม่ฮ่องสอน").unwrap();
        ws.write_string(r, 2, "เมืองแม่ฮ่องสอน").unwrap();
        if !inst.is_empty() {
            ws.write_string(r, 3, lao).unwrap();
            ws.write_string(r, 4, inst).unwrap();
        }
        ws.write_number(r, 5, 2567).unwrap();
        ws.write_number(r, 6, 2).unwrap();
        ws.write_string(r, 7, no).unwrap();
        ws.write_string(r, 8, prefix).unwrap();
        ws.write_string(r, 9, first).unwrap();
        ws.write_string(r, 10, last).unwrap();
        if birth.is_empty() {
            // a real Excel date (the serial of 15 March 2017)
            ws.write_datetime_with_format(r, 11, ExcelDateTime::from_ymd(2017, 3, 15).unwrap(), &date).unwrap();
        } else {
            ws.write_string(r, 11, birth).unwrap();
        }
        ws.write_string(r, 12, "ไทย").unwrap();
        ws.write_string(r, 13, "ไทย").unwrap();
        ws.write_string(r, 14, "พุทธ").unwrap();
        match id {
            Id::Text(t) => ws.write_string(r, 15, t).unwrap(),
            Id::Number(n) => ws.write_number(r, 15, n).unwrap(),
        };
        ws.write_string(r, 16, grade).unwrap();
        ws.write_number(r, 17, 1).unwrap();
        ws.write_string(r, 18, status).unwrap();
    }
    ws.merge_range(15, 3, 16, 3, school.0, &Format::new()).unwrap();
    ws.merge_range(15, 4, 16, 4, school.1, &Format::new()).unwrap();
    let sum = wb.add_worksheet();
    sum.set_name("สรุป").unwrap();
    sum.write_string(0, 0, "สรุปจำนวนนักเรียน").unwrap();
    sum.write_string(1, 0, "ระดับชั้น").unwrap();
    sum.write_string(1, 1, "จำนวน").unwrap();
    sum.write_string(2, 0, "ป.1").unwrap();
    sum.write_number(2, 1, 8).unwrap();
    wb.save_to_buffer().unwrap()
}

/// A plain table where Excel turned IDs, codes and dates into numbers.
fn excel_numbers() -> Vec<u8> {
    let mut wb = workbook();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let ws = wb.add_worksheet();
    for (c, h) in
        ["institution_code", "person_id", "first_name", "last_name", "sex", "birth_date", "grade"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    enum V {
        S(String),
        N(f64),
        D(u16, u8, u8),
    }
    let rows = vec![
        [
            V::N(3058200001.0),
            V::N(pid(1, 400_001).parse().unwrap()),
            V::S("กล้า".into()),
            V::S("ใจดี".into()),
            V::S("ชาย".into()),
            V::D(2017, 3, 15),
            V::S("ป.1".into()),
        ],
        [
            V::N(3058200001.0),
            V::N(pid(0, 400_002)[1..].parse().unwrap()),
            V::S("ดาว".into()),
            V::S("แสงงาม".into()),
            V::S("หญิง".into()),
            V::D(2017, 4, 1),
            V::S("ป.1".into()),
        ],
        [
            V::N(3058200001.0),
            V::N(1_112_030_000_000.0),
            V::S("ต้น".into()),
            V::S("มั่นคง".into()),
            V::N(1.0),
            V::D(2017, 5, 2),
            V::S("ป.1".into()),
        ],
        [
            V::N(3058200001.0),
            V::S("1.11203E+12".into()),
            V::S("น้ำ".into()),
            V::S("ใสสะอาด".into()),
            V::N(2.0),
            V::D(2017, 6, 3),
            V::S("ป.1".into()),
        ],
        // typed 15/03/2560 in an Excel set to the Gregorian calendar: the year 2560 CE
        [
            V::N(3058200001.0),
            V::N(pid(1, 400_005).parse().unwrap()),
            V::S("ฟ้า".into()),
            V::S("กว้างไกล".into()),
            V::S("ชาย".into()),
            V::D(2560, 3, 15),
            V::S("ป.1".into()),
        ],
        [
            V::N(3058200001.0),
            V::N(pid(1, 400_006).parse().unwrap()),
            V::S("ฝน".into()),
            V::S("ตกดี".into()),
            V::S("หญิง".into()),
            V::D(2017, 7, 4),
            V::N(1.0),
        ],
    ];
    for (r, row) in rows.into_iter().enumerate() {
        for (c, v) in row.into_iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                V::S(s) => ws.write_string(r, c, s).unwrap(),
                V::N(n) => ws.write_number(r, c, n).unwrap(),
                V::D(y, m, d) => {
                    ws.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).unwrap()
                }
            };
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A small workbook saved under a `.csv` name.
fn renamed() -> Vec<u8> {
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    for (c, h) in ["รหัสสถานศึกษา", "เลขประจำตัวประชาชน", "ชื่อ", "นามสกุล", "วันเดือนปีเกิด", "ระดับชั้น"].iter().enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let mut bad = pid(1, 500_002);
    let last = bad.pop().unwrap();
    bad.push(char::from(b'0' + (last as u8 - b'0' + 1) % 10));
    for (r, id) in [pid(1, 500_001), bad].into_iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in ["3058200001", id.as_str(), "กล้า", "ใจดี", "15/03/2560", "ป.1"].iter().enumerate()
        {
            ws.write_string(r, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

fn windows_874(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_874.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
#[ignore = "writes the binary samples of examples/data/bad/; run with --ignored to regenerate them"]
fn regenerate_bad_corpus() {
    let write = |name: &str, bytes: &[u8]| std::fs::write(data(&format!("bad/{name}")), bytes).unwrap();
    write("lec-export.xlsx", &lec_export());
    let numbers = excel_numbers();
    write("excel-numbers.xlsx", &numbers);
    write("truncated.xlsx", &numbers[..numbers.len() * 6 / 10]);
    write("workbook-renamed.csv", &renamed());
    write("empty.csv", b"");
    let head = "รหัสสถานศึกษา,เลขประจำตัวประชาชน,คำนำหน้า,ชื่อ,นามสกุล,เพศ,วันเดือนปีเกิด,ระดับชั้น,ห้อง,สัญชาติ,สภาพนักเรียน";
    // Excel's plain "CSV" on Thai Windows: Windows-874, CRLF, numbers as it showed them
    let mangled = [
        head.to_owned(),
        format!("3058200001,{},เด็กชาย,กล้า,ใจดี,ชาย,15/03/2560,ป.1,1,ไทย,", pid(1, 600_001)),
        "3058200001,1.58010E+12,เด็กหญิง,ดาว,แสงงาม,หญิง,01/04/2560,ป.1,1,ไทย,".to_owned(),
        format!("3058200001,{}.0,เด็กชาย,ต้น,มั่นคง,ชาย,02/05/2560,ป.1,1,ไทย,", pid(1, 600_003)),
        format!("3058200001,{},เด็กหญิง,น้ำ,ใสสะอาด,หญิง,03/06/2560,ป.1,1,ไทย,", &pid(0, 600_004)[1..]),
        format!("3.05820E+09,{},เด็กชาย,ฟ้า,กว้างไกล,ชาย,04/07/2560,ป.1,1,ไทย,", pid(1, 600_005)),
    ];
    write("excel-mangled.csv", &windows_874(&(mangled.join("\r\n") + "\r\n")));
    // LEC's export saved as CSV: its title block above the header
    let titled = [
        "รายงานรายละเอียดข้อมูลนักเรียน,,,,,,,,,,".to_owned(),
        "ปีการศึกษา 2567 ภาคเรียนที่ 2,,,,,,,,,,".to_owned(),
        ",,,,,,,,,,".to_owned(),
        head.to_owned(),
        format!("3058200001,{},เด็กชาย,กล้า,ใจดี,ชาย,15/03/2560,ป.1,1,ไทย,ปกติ", pid(1, 700_001)),
        format!("3058200001,{},เด็กหญิง,ดาว,แสงงาม,หญิง,32/04/2560,ป.1,1,ไทย,ปกติ", pid(1, 700_002)),
    ];
    write("title-block.csv", &windows_874(&(titled.join("\r\n") + "\r\n")));
    // LEC's export saved as CSV keeps its identity columns: the institution by name only
    let named = [
        "ลำดับที่,จังหวัด,อปท.,สถานศึกษา,เลขประจำตัวนักเรียน,คำนำหน้า,ชื่อ,นามสกุล,วันเดือนปีเกิด,เลขประจำตัวประชาชน,ระดับชั้น,ห้อง,สภาพนักเรียน".to_owned(),
        format!("1,แม่ฮ่องสอน,เทศบาลเมืองแม่ฮ่องสอน,โรงเรียนเทศบาล 1,00001,เด็กชาย,กล้า,ใจดี,15/03/2560,{},ป.1,1,ปกติ", pid(1, 940_001)),
        format!("2,แม่ฮ่องสอน,องค์การบริหารส่วนตำบลผาบ่อง,ศูนย์พัฒนาเด็กเล็กบ้านผาบ่อง,00002,เด็กหญิง,ดาว,แสงงาม,10/01/2565,{},ศพด.,1,ปกติ", pid(1, 940_002)),
        format!("3,แม่ฮ่องสอน,เทศบาลเมืองแม่ฮ่องสอน,โรงเรียนเทศบาลหนึ่ง,00003,เด็กชาย,ต้น,มั่นคง,02/02/2560,{},ป.1,1,ปกติ", pid(1, 940_003)),
    ];
    write("lec-names.csv", (named.join("\n") + "\n").as_bytes());
    // semicolons, quoted fields with the delimiter, line breaks and quotes inside; UTF-8 BOM
    let quoted = [
        "\"รหัสสถานศึกษา\";\"เลขประจำตัวประชาชน\";\"ชื่อ\";\"นามสกุล\";\"วันเดือนปีเกิด\";\"ระดับชั้น\"".to_owned(),
        format!("3058200001;{};\"สม;ชาย\";ใจดี;15/03/2560;ป.1", pid(1, 800_001)),
        format!("3058200001;{};\"มานี\";\"มีนา\nมีสุข\";16/03/2560;ป.1", pid(1, 800_002)),
        format!("3058200001;{};\"ชูใจ \"\"น้อย\"\"\";ใจงาม;17/03/2560;\"ป.1\"", pid(1, 800_003)),
        format!("3058200001;{};ปิติ;\"\";18/03/2560;ป.1", pid(1, 800_004)),
    ];
    write("semicolon-quoted.csv", &[b"\xEF\xBB\xBF".as_slice(), (quoted.join("\r\n") + "\r\n").as_bytes()].concat());
    // rows with too few and too many cells, a blank line, tab-separated
    let ragged = [
        head.replace(',', "\t"),
        format!("3058200001\t{}\tเด็กชาย\tกล้า\tใจดี\tชาย\t15/03/2560\tป.1\t1\tไทย\t", pid(1, 900_001)),
        format!("3058200001\t{}\tเด็กหญิง\tดาว\tแสงงาม\tหญิง\t01/08/2560", pid(1, 900_002)),
        String::new(),
        format!("3058200001\t{}\tเด็กชาย\tต้น\tมั่นคง\tชาย\t02/02/2560\tป.1\t1\tไทย\t\tเกิน", pid(1, 900_003)),
        format!("3058200001\t{}\tเด็กหญิง\tน้ำ\tใสสะอาด\tหญิง\t03/03/2560\tป.1\t1\tไทย\t", pid(1, 900_004)),
    ];
    write("ragged.csv", (ragged.join("\n") + "\n").as_bytes());
    // a quote that never closes: the rest of the file is one cell
    let unclosed = [
        "institution_code,person_id,first_name,last_name,birth_date,grade".to_owned(),
        format!("3058200001,{},กล้า,ใจดี,15/03/2560,ป.1", pid(1, 910_001)),
        format!("3058200001,{},ดาว,\"แสงงาม,01/08/2560,ป.1", pid(1, 910_002)),
        format!("3058200001,{},ต้น,มั่นคง,02/02/2560,ป.1", pid(1, 910_003)),
    ];
    write("unclosed-quote.csv", (unclosed.join("\n") + "\n").as_bytes());
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-separated
    let utf16 = [
        "รหัสสถานศึกษา\tเลขประจำตัวประชาชน\tชื่อ\tนามสกุล\tเพศ\tวันเดือนปีเกิด\tระดับชั้น".to_owned(),
        format!("3058200001\t{}\tกล้า\tใจดี\tชาย\t15/03/2560\tป.1", pid(1, 920_001)),
        format!("3058200001\t{}\tดาว\tแสงงาม\tx\t01/04/2560\tป.1", pid(1, 920_002)),
    ];
    let text = utf16.join("\r\n") + "\r\n";
    let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    write("utf16-tab.csv", &bytes);
    // UTF-8, but one row pasted in from a Windows-874 file
    let mixed = [
        "institution_code,person_id,first_name,last_name,birth_date,grade".as_bytes().to_vec(),
        format!("3058200001,{},กล้า,ใจดี,15/03/2560,ป.1", pid(1, 930_001)).into_bytes(),
        windows_874(&format!("3058200001,{},ดาว,แสงงาม,01/04/2560,ป.1", pid(1, 930_002))),
    ];
    write("mixed-encoding.csv", &[mixed.join(&b"\n"[..]), b"\n".to_vec()].concat());
}

// ---------------------------------------------------------------------------------------------
// the expectations

#[test]
fn bad_files_earn_exactly_their_expected_findings() {
    let expected: Value = serde_json::from_slice(&std::fs::read(data("bad/expected.json")).unwrap()).unwrap();
    let reg = registry();
    let cases = expected["cases"].as_array().unwrap();
    assert!(cases.len() >= 14);
    for case in cases {
        let input = case["input"].as_str().unwrap();
        let with_registry = case["registry"].as_bool().unwrap_or(false);
        let report = validate_path(&data(&format!("bad/{input}")), input, with_registry.then_some(&reg), 2);
        let files: Vec<Value> = report
            .files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "path": f.path, "format": f.format, "encoding": f.encoding, "header_row": f.header_row,
                    "header_rows": f.header_rows, "rows": f.rows, "blank_rows": f.blank_rows,
                })
            })
            .collect();
        assert_eq!(Value::Array(files), case["files"], "{input}: files");
        let findings: Vec<Value> =
            report.findings.iter().map(|f| serde_json::json!([f.file, f.row, f.code.as_str()])).collect();
        assert_eq!(Value::Array(findings), case["findings"], "{input}: findings");
        let s = report.summary;
        let summary = serde_json::json!({
            "rows": s.rows, "records_counted": s.records_counted,
            "records_with_errors": s.records_with_errors, "records_removed": s.records_removed,
        });
        assert_eq!(summary, case["summary"], "{input}: summary");
    }
}

#[test]
fn every_code_of_this_issue_is_shown_by_the_bad_corpus() {
    let expected: Value = serde_json::from_slice(&std::fs::read(data("bad/expected.json")).unwrap()).unwrap();
    let shown: BTreeSet<&str> = expected["cases"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["findings"].as_array().unwrap().iter().map(|f| f[2].as_str().unwrap()))
        .collect();
    for code in [
        FindingCode::IdExcelMangled,
        FindingCode::IdLeadingZeroLost,
        FindingCode::InstitutionUnresolved,
        FindingCode::FileSheetSkipped,
        FindingCode::FileRowShape,
        FindingCode::FileUnreadable,
        FindingCode::FileEncoding,
    ] {
        assert!(shown.contains(code.as_str()), "{code}");
    }
}

// ---------------------------------------------------------------------------------------------
// round trip: every row accounted for

/// The rows a text file has, counted without lec's reader: the records the `csv` crate reads
/// (a quoted line break stays in its record), the empty lines it skips between them, and the
/// empty lines after the last one.
fn text_rows(bytes: &[u8]) -> u64 {
    let text: Vec<u8> = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (t, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        t.into_owned().into_bytes()
    } else {
        bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes).to_vec()
    };
    // the csv crate numbers lines differently after CRLF: count on LF alone
    let text = String::from_utf8_lossy(&text).replace("\r\n", "\n").into_bytes();
    let delimiter = lec_core::files::sniff_delimiter(&String::from_utf8_lossy(&text));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(&text[..]);
    let (mut rows, mut last_end) = (0u64, 0u64);
    let mut rec = csv::ByteRecord::new();
    while reader.read_byte_record(&mut rec).unwrap() {
        let start = rec.position().unwrap().line();
        let inside: u64 = rec.iter().map(|f| f.iter().filter(|&&b| b == b'\n').count() as u64).sum();
        rows += 1 + start.saturating_sub(last_end + 1);
        last_end = start + inside;
    }
    let newlines = text.iter().filter(|&&b| b == b'\n').count() as u64;
    rows + newlines.saturating_sub(last_end)
}

/// The rows of a sheet as calamine sees them: up to the last used one.
fn sheet_rows(path: &Path, sheet: &str) -> u64 {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range.end().map_or(0, |(r, _)| u64::from(r) + 1)
}

fn samples() -> Vec<PathBuf> {
    let mut all = Vec::new();
    for dir in ["", "bad/"] {
        for entry in std::fs::read_dir(data(dir)).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let ext = path.extension().map(|e| e.to_string_lossy().to_string()).unwrap_or_default();
            let student = matches!(ext.as_str(), "csv" | "xlsx" | "xls" | "ods")
                && !name.starts_with("registry")
                && !name.starts_with("headcount");
            if student {
                all.push(path);
            }
        }
    }
    all.sort();
    all
}

#[test]
fn every_row_of_every_sample_is_accounted_for() {
    let reg = registry();
    let samples = samples();
    assert!(samples.len() >= 18, "{samples:?}");
    for path in samples {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let report = validate_path(&path, &name, Some(&reg), 2);
        let s = report.summary;
        assert_eq!(s.rows, s.records_counted + s.records_with_errors + s.records_removed, "{name}");
        assert_eq!(s.findings_omitted, 0);
        assert_eq!(s.errors + s.warnings + s.infos, report.findings.len() as u64, "{name}");
        for file in &report.files {
            let mine: Vec<_> = report.findings.iter().filter(|f| f.file.as_deref() == Some(&file.path)).collect();
            let whole_file = |code: FindingCode| mine.iter().any(|f| f.code == code && f.row.is_none());
            if whole_file(FindingCode::FileUnreadable) && file.rows == 0 || whole_file(FindingCode::FileSheetSkipped) {
                continue;
            }
            // the file's rows: its header rows, its records and its blank rows
            let physical = match &file.sheet {
                Some(sheet) => sheet_rows(&path, sheet),
                None => text_rows(&std::fs::read(&path).unwrap()),
            };
            assert_eq!(file.header_rows + file.rows + file.blank_rows, physical, "{}", file.path);
        }
        // over the data set, records with errors are the rows that have an error
        let error_rows: BTreeSet<(String, u64)> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter_map(|f| Some((f.file.clone()?, f.row?)))
            .filter(|(file, row)| report.files.iter().any(|fi| &fi.path == file && Some(*row) > fi.header_row))
            .collect();
        let column_missing = report.by_code.iter().any(|c| c.code == FindingCode::FileColumnMissing);
        if !column_missing {
            assert_eq!(error_rows.len() as u64, s.records_with_errors, "{name}");
        }
        // and removed records are the rows marked so
        let removed = report.findings.iter().filter(|f| f.code == FindingCode::RecordRemoved).count() as u64;
        assert_eq!(removed, s.records_removed, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// the same data through every reader, and any number of threads

/// Rows like the benchmark's: valid and broken IDs, duplicates, removed records.
fn generated_rows(n: usize) -> Vec<[String; 11]> {
    let mut out = Vec::new();
    let mut x = 7u64;
    let mut next = || {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        x >> 33
    };
    for i in 0..n {
        let inst = next() % 40;
        let cdc = inst % 4 == 0;
        let code = format!("3058{}{inst:05}", if cdc { 6 } else { 3 });
        let serial = if i > 0 && next() % 50 == 0 { next() % i as u64 } else { i as u64 };
        let mut id = pid(1, serial);
        if next() % 30 == 0 {
            id.replace_range(12..13, "x");
        }
        let (grade, year) = if cdc { ("ศพด.", 2564) } else { ("ป.1", 2560) };
        let status = if next() % 40 == 0 { "ไม่มีตัวตน" } else { "" };
        let name = if next() % 25 == 0 { "\"สม\nชาย\"".to_owned() } else { format!("สมชาย{i}") };
        out.push([
            code,
            id,
            "เด็กชาย".into(),
            name,
            "ใจดี".into(),
            "ชาย".into(),
            format!("{:02}/{:02}/{year}", 1 + next() % 28, 1 + next() % 12),
            grade.into(),
            "1".into(),
            "ไทย".into(),
            status.into(),
        ]);
    }
    out
}

const HEADER: [&str; 11] = [
    "institution_code",
    "person_id",
    "prefix",
    "first_name",
    "last_name",
    "sex",
    "birth_date",
    "grade",
    "room",
    "nationality",
    "status",
];

fn as_csv(rows: &[[String; 11]]) -> Vec<u8> {
    let mut out = HEADER.join(",") + "\r\n";
    for r in rows {
        out.push_str(&r.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn findings_of(report: &Report) -> Vec<(Option<u64>, FindingCode, Option<String>, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let file = f.file.as_deref().unwrap_or("");
            (f.row, f.code, f.value.clone(), f.message_en.replace(file, "<file>"))
        })
        .collect()
}

#[test]
fn the_report_is_the_same_for_any_number_of_threads() {
    // about 4 MB: several chunks, quoted line breaks across their edges
    let rows = generated_rows(40_000);
    let bytes = as_csv(&rows);
    assert!(bytes.len() > 3 * 1024 * 1024);
    let policy = Policy::default();
    let run = |threads: usize| {
        let mut v = Validator::new(Context::new(&policy, 2567));
        validate_reader(&mut v, "gen.csv", &bytes[..], &ReadOptions { threads, ..ReadOptions::default() });
        v.finish()
    };
    let one = run(1);
    assert_eq!(one.summary.rows, rows.len() as u64);
    assert!(one.findings.iter().any(|f| f.code == FindingCode::IdDuplicateAcross));
    for threads in [2, 3, 8] {
        assert_eq!(run(threads), one, "{threads} threads");
    }
    // row numbers: a quoted line break does not start a row
    let expected_last = 1 + rows.len() as u64;
    assert!(one.findings.iter().all(|f| f.row.unwrap_or(0) <= expected_last));
}

#[test]
fn a_workbook_reads_like_the_same_data_as_csv() {
    let rows = generated_rows(3_000);
    let csv_report = {
        let policy = Policy::default();
        let mut v = Validator::new(Context::new(&policy, 2567));
        validate_reader(&mut v, "gen.csv", &as_csv(&rows)[..], &ReadOptions::default());
        v.finish()
    };
    let mut wb = workbook();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let v = v.trim_matches('"');
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    let bytes = wb.save_to_buffer().unwrap();
    let policy = Policy::default();
    let mut v = Validator::new(Context::new(&policy, 2567));
    validate_file(
        &mut v,
        "gen.xlsx",
        std::io::Cursor::new(bytes),
        &ReadOptions { threads: 2, ..ReadOptions::default() },
    );
    let xlsx_report = v.finish();
    assert_eq!(xlsx_report.files[0].path, "gen.xlsx#Sheet1");
    assert_eq!(xlsx_report.summary, csv_report.summary);
    assert_eq!(findings_of(&xlsx_report), findings_of(&csv_report));
}

#[test]
fn registry_names_resolve_institutions_of_an_lec_export() {
    let reg = registry();
    let with = validate_path(&data("bad/lec-export.xlsx"), "lec-export.xlsx", Some(&reg), 1);
    let without = validate_path(&data("bad/lec-export.xlsx"), "lec-export.xlsx", None, 1);
    let unresolved = |r: &Report| r.findings.iter().filter(|f| f.code == FindingCode::InstitutionUnresolved).count();
    assert_eq!(unresolved(&with), 1);
    assert_eq!(unresolved(&without), 10, "every record not removed: no registry to look names up in");
    let by: BTreeMap<Option<String>, u64> =
        with.by_institution.iter().map(|i| (i.institution.clone(), i.rows)).collect();
    assert_eq!(by.get(&Some("3058200001".to_owned())), Some(&9));
    assert_eq!(by.get(&Some("3058600001".to_owned())), Some(&1));
    let school = with.by_institution.iter().find(|i| i.institution.as_deref() == Some("3058200001")).unwrap();
    assert_eq!(school.name.as_deref(), Some("โรงเรียนเทศบาล 1"));
}
