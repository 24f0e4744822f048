//! Hostile and broken files get true answers: each breach of the policy's `file_limits` is its
//! own finding, a NUL byte and a file that changes while it is read are named, and XML tricks in
//! a workbook end in a finding, quickly (devices and pipes: `lec-cli/tests/hostile.rs`).
//! Every row is still accounted for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use lec_core::files::{ReadOptions, validate_csv, validate_file};
use lec_core::policy::FileLimits;
use lec_core::{Context, FindingCode, Policy, Report, Validator};
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::time::{Duration, Instant};

const HEADER: &str =
    "institution_code,person_id,prefix,first_name,last_name,sex,birth_date,grade,room,nationality,status\n";
const ROW: &str = "3058200001,1580100123451,เด็กชาย,กล้า,ใจดี,ชาย,15/03/2560,ป.1,1,ไทย,\n";

fn policy(limits: FileLimits) -> Policy {
    Policy { file_limits: limits, ..Policy::default() }
}

fn check(policy: &Policy, bytes: &[u8]) -> Report {
    let mut v = Validator::new(Context::new(policy, 2567));
    validate_csv(&mut v, "hostile.csv", bytes);
    v.finish()
}

fn codes(r: &Report) -> Vec<FindingCode> {
    r.findings.iter().map(|f| f.code).collect()
}

/// A student row with a checksum-valid ID of its own (serial `n`).
fn row(n: u64) -> String {
    let mut d = [1u8, 5, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut s = n;
    for slot in d[3..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = lec_core::id::check_digit(&d);
    let id: String = d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect();
    ROW.replace("1580100123451", &id)
}

/// `n` distinct student rows from serial `from`.
fn rows(from: u64, n: u64) -> String {
    (from..from + n).map(row).collect()
}

/// Every one of the file's `lines` rows is a header row, a blank row or a record (counted, with
/// errors or removed; a row where reading stopped counts as a record with errors).
fn accounted(r: &Report, lines: u64) {
    let f = &r.files[0];
    let s = &r.summary;
    assert_eq!(f.rows, s.records_counted + s.records_with_errors + s.records_removed);
    assert_eq!(f.header_rows + f.blank_rows + f.rows, lines, "{f:?}");
}

#[test]
fn a_header_of_a_million_columns_is_too_wide_not_empty() {
    let mut text = String::with_capacity(3_000_000);
    for i in 0..1_000_000 {
        text.push_str(if i == 0 { "c" } else { ",c" });
    }
    text.push('\n');
    text.push_str(ROW);
    let started = Instant::now();
    let r = check(&Policy::default(), text.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(20), "{:?}", started.elapsed());
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileTooManyColumns).expect("FILE_TOO_MANY_COLUMNS");
    assert_eq!(f.value.as_deref(), Some("1000000"));
    assert_eq!(f.row, Some(1));
    assert!(f.message_en.contains("16384"), "{}", f.message_en);
    assert!(!r.findings.iter().any(|f| f.message_en.contains("empty")), "{:?}", r.findings);
    // with a wider limit the same header is read as a header (it lacks the student columns)
    let wide = policy(FileLimits { max_columns: 2_000_000, ..FileLimits::default() });
    let r = check(&wide, text.as_bytes());
    assert!(codes(&r).contains(&FindingCode::FileColumnMissing), "{:?}", codes(&r));
    assert!(!codes(&r).contains(&FindingCode::FileTooManyColumns));
    assert_eq!(r.files[0].header_row, Some(1));
}

#[test]
fn a_header_longer_than_the_first_megabyte_is_still_found() {
    // the header's last column comes after 2 MB of extra columns
    let mut text = HEADER.trim_end().to_owned();
    for i in 0..200_000 {
        text.push_str(&format!(",extra{i}"));
    }
    text.push('\n');
    let wide = row(1).trim_end().to_owned() + &",".repeat(200_000) + "\n";
    text.push_str(&wide);
    assert!(text.len() > 2 * 1024 * 1024);
    let wide = policy(FileLimits { max_columns: 300_000, ..FileLimits::default() });
    let r = check(&wide, text.as_bytes());
    assert_eq!(r.files[0].header_row, Some(1), "{:?}", r.findings);
    assert_eq!(r.summary.records_counted, 1, "{:?}", r.findings);
    accounted(&r, 2);
}

#[test]
fn a_record_wider_than_the_limit_is_a_record_with_errors() {
    let limits = FileLimits { max_columns: 20, ..FileLimits::default() };
    let text = format!("{HEADER}{}{}\n{}", row(1), "x,".repeat(30), row(2));
    let r = check(&policy(limits), text.as_bytes());
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileTooManyColumns).unwrap();
    assert_eq!((f.row, f.value.as_deref()), (Some(3), Some("31")));
    assert_eq!((r.summary.records_counted, r.summary.records_with_errors), (2, 1));
    accounted(&r, 4);
}

#[test]
fn a_row_longer_than_the_limit_stops_reading_and_says_so() {
    let limits = FileLimits { max_row_bytes: 64 * 1024, ..FileLimits::default() };
    // an unclosed quote swallows the rest of the file: one row of 1 MB
    let mut text = format!("{HEADER}{}3058200001,\"1580100123451", row(1));
    text.push_str(&rows(2, 10_000));
    let r = check(&policy(limits.clone()), text.as_bytes());
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileRowTooLong).expect("FILE_ROW_TOO_LONG");
    assert_eq!(f.row, Some(3));
    assert_eq!(f.value.as_deref(), Some("65536"));
    assert_eq!(r.summary.records_counted, 1);
    assert!(!codes(&r).contains(&FindingCode::FileUnreadable), "{:?}", codes(&r));
    accounted(&r, 3);
    // a header row that never ends
    let r = check(&policy(limits), &vec![b'a'; 200_000]);
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileRowTooLong).expect("FILE_ROW_TOO_LONG");
    assert_eq!(f.row, Some(1));
}

#[test]
fn a_cell_longer_than_the_limit_is_named() {
    let limits = FileLimits { max_cell_bytes: 100, ..FileLimits::default() };
    let long = "ก".repeat(40); // 120 bytes of UTF-8
    let text = format!("{HEADER}{}{}", row(1), row(2).replace("กล้า", &long));
    let r = check(&policy(limits), text.as_bytes());
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileCellTooLong).expect("FILE_CELL_TOO_LONG");
    assert_eq!((f.row, f.value.as_deref()), (Some(3), Some("4")));
    assert!(f.message_en.contains("120 bytes"), "{}", f.message_en);
    assert_eq!(r.summary.records_with_errors, 1);
    // the default limit lets the same row through
    let r = check(&Policy::default(), text.as_bytes());
    assert!(!codes(&r).contains(&FindingCode::FileCellTooLong));
    accounted(&r, 3);
}

#[test]
fn a_nul_byte_in_a_csv_is_named() {
    // past the first 64 KiB (where a NUL makes the file binary) and inside a quoted cell
    let mut text = HEADER.to_owned() + &rows(1, 1000);
    assert!(text.len() > 64 * 1024);
    let rows_before = text.lines().count() as u64;
    text.push_str(&row(5000).replace("กล้า", "\"ก\0ล้า\""));
    text.push_str(&row(5001));
    let r = check(&Policy::default(), text.as_bytes());
    let f = r.findings.iter().find(|f| f.code == FindingCode::FileNulByte).expect("FILE_NUL_BYTE");
    assert_eq!((f.row, f.value.as_deref()), (Some(rows_before + 1), Some("4")));
    assert_eq!((r.summary.records_with_errors, r.summary.records_counted), (1, 1001), "{:?}", r.findings);
    accounted(&r, rows_before + 2);
    // in the first bytes: not a text file at all
    let r = check(&Policy::default(), format!("{HEADER}\0{ROW}").as_bytes());
    assert!(codes(&r).contains(&FindingCode::FileUnreadable));
}

/// A file whose size, asked by seeking to its end, is not what reading it gives: as a file
/// cut short or still being written looks to its reader.
struct Changing {
    data: Cursor<Vec<u8>>,
    told: u64,
}

impl Read for Changing {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.data.read(buf)
    }
}

impl Seek for Changing {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        match pos {
            SeekFrom::End(0) => Ok(self.told),
            other => self.data.seek(other),
        }
    }
}

#[test]
fn a_file_that_changes_while_it_is_read_is_named() {
    let text = format!("{HEADER}{}", rows(1, 2));
    let n = text.len() as u64;
    let default = Policy::default();
    for (told, what) in [(n + 500, "cut short"), (n - 10, "it grew")] {
        let mut v = Validator::new(Context::new(&default, 2567));
        let reader = Changing { data: Cursor::new(text.clone().into_bytes()), told };
        validate_file(&mut v, "changing.csv", reader, &ReadOptions::default());
        let r = v.finish();
        let f = r.findings.iter().find(|f| f.code == FindingCode::FileChanged).expect("FILE_CHANGED");
        assert_eq!(f.value.as_deref(), Some(what));
        assert!(f.message_en.contains(&format!("{told} bytes when opened, {n} read")), "{}", f.message_en);
        assert_eq!(r.summary.records_counted, 2);
    }
    // a file that stays put has no such finding
    let mut v = Validator::new(Context::new(&default, 2567));
    validate_file(&mut v, "still.csv", Cursor::new(text.into_bytes()), &ReadOptions::default());
    assert!(!codes(&v.finish()).contains(&FindingCode::FileChanged));
}

#[test]
fn millions_of_blank_lines_are_counted_row_by_row() {
    // runs of blank rows are kept as runs: memory does not grow with the number of lines
    let mut text = HEADER.to_owned();
    text.push_str(&"\n".repeat(2_000_000));
    text.push_str(&row(1).replace("ป.1", "ป.9"));
    text.push_str(" , \n\n");
    text.push_str(&row(2).replace("ป.1", "ป.9"));
    for threads in [1, 3] {
        let policy = Policy::default();
        let mut v = Validator::new(Context::new(&policy, 2567));
        let opts = ReadOptions { threads, ..ReadOptions::default() };
        validate_file(&mut v, "blank.csv", Cursor::new(text.as_bytes()), &opts);
        let r = v.finish();
        assert_eq!(r.files[0].blank_rows, 2_000_002, "{threads} threads");
        let rows: Vec<_> = r.findings.iter().filter(|f| f.code == FindingCode::GradeUnknown).map(|f| f.row).collect();
        assert_eq!(rows, [Some(2_000_002), Some(2_000_005)], "{threads} threads");
        accounted(&r, 2_000_005);
    }
}

#[test]
fn file_limits_come_from_the_policy_file_and_zero_is_refused() {
    let p = Policy::from_toml("[file_limits]\nmax_columns = 50\n").unwrap();
    assert_eq!(p.file_limits.max_columns, 50);
    assert_eq!(p.file_limits.max_row_bytes, FileLimits::default().max_row_bytes);
    assert_eq!(Policy::from_toml("[file_limits]\nmax_cell_bytes = 0\n").unwrap_err().code(), "CONFIG_INVALID");
    assert_eq!(Policy::from_toml("[file_limits]\nmax_cells = 5\n").unwrap_err().code(), "CONFIG_INVALID");
}

#[cfg(feature = "xlsx")]
mod workbooks {
    use super::*;
    use std::io::Write;

    /// A small student workbook (rust_xlsxwriter).
    fn xlsx() -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in [HEADER, &row(1)].iter().enumerate() {
            for (c, cell) in line.trim_end().split(',').enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    /// The workbook with one part's content replaced.
    fn with_part(book: &[u8], part: &str, content: &[u8]) -> Vec<u8> {
        let mut zin = zip::ZipArchive::new(Cursor::new(book)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for i in 0..zin.len() {
            let mut entry = zin.by_index(i).unwrap();
            let name = entry.name().unwrap().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            out.start_file(name.as_str(), opts).unwrap();
            out.write_all(if name == part { content } else { &data }).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    fn check_book(policy: &Policy, bytes: Vec<u8>) -> Report {
        let mut v = Validator::new(Context::new(policy, 2567));
        validate_file(&mut v, "hostile.xlsx", Cursor::new(bytes), &ReadOptions::default());
        v.finish()
    }

    #[test]
    fn a_plain_workbook_reads() {
        let r = check_book(&Policy::default(), xlsx());
        assert_eq!(r.summary.records_counted, 1, "{:?}", r.findings);
    }

    #[test]
    fn a_workbook_that_changes_while_it_is_read_is_named() {
        let book = xlsx();
        let n = book.len() as u64;
        let policy = Policy::default();
        let mut v = Validator::new(Context::new(&policy, 2567));
        validate_file(
            &mut v,
            "changing.xlsx",
            Changing { data: Cursor::new(book), told: n + 4096 },
            &ReadOptions::default(),
        );
        let r = v.finish();
        let f = r.findings.iter().find(|f| f.code == FindingCode::FileChanged).expect("FILE_CHANGED");
        assert_eq!(f.value.as_deref(), Some("cut short"));
        assert_eq!(r.summary.records_counted, 0);
    }

    #[test]
    fn an_xls_whose_sector_chains_loop_is_refused_in_bounded_memory() {
        // found by the `workbook` fuzz target: 5.7 KB that made the reader allocate gigabytes
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cfb-chain-oom.xls")).unwrap();
        let started = Instant::now();
        let r = check_book(&Policy::default(), bytes);
        assert!(started.elapsed() < Duration::from_secs(5));
        let f = r.findings.iter().find(|f| f.code == FindingCode::FileUnreadable).expect("FILE_UNREADABLE");
        assert!(f.message_en.contains("sector chains"), "{}", f.message_en);
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cfb-chain-oom-2.xls")).unwrap();
        let r = check_book(&Policy::default(), bytes);
        assert!(r.findings.iter().any(|f| f.code == FindingCode::FileUnreadable), "{:?}", r.findings);
        // and one on which the reader itself panics (found by the fuzz target as well)
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cfb-reader-panic.xls")).unwrap();
        let r = check_book(&Policy::default(), bytes);
        assert!(r.findings.iter().any(|f| f.code == FindingCode::FileUnreadable), "{:?}", r.findings);
        // a sound .xls still reads
        let xls = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/bad/lec-export.xls")).unwrap();
        let r = check_book(&Policy::default(), xls);
        assert!(r.summary.records_counted > 0, "{:?}", r.findings);
    }

    #[test]
    fn a_part_that_inflates_beyond_the_limit_is_not_read() {
        // 80 MB of shared strings, a few dozen KB deflated: beyond the 64 MiB of a part read whole
        let mut huge =
            b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"
                .to_vec();
        huge.resize(80 * 1024 * 1024, b'a');
        huge.extend_from_slice(b"</t></si></sst>");
        let book = with_part(&xlsx(), "xl/sharedStrings.xml", &huge);
        assert!(book.len() < 2 * 1024 * 1024, "{}", book.len());
        drop(huge);
        let r = check_book(&Policy::default(), book);
        let f = r.findings.iter().find(|f| f.code == FindingCode::FilePartTooLarge).expect("FILE_PART_TOO_LARGE");
        assert_eq!(f.value.as_deref(), Some("xl/sharedStrings.xml"));
        assert!(f.message_en.contains("the limit is 67108864"), "{}", f.message_en);
        // a sheet (streamed) has its own limit
        let small = policy(FileLimits { max_part_bytes: 100, ..FileLimits::default() });
        let r = check_book(&small, xlsx());
        let f = r.findings.iter().find(|f| f.code == FindingCode::FilePartTooLarge).expect("FILE_PART_TOO_LARGE");
        assert_eq!(f.value.as_deref(), Some("xl/worksheets/sheet1.xml"));
    }

    #[test]
    fn entities_in_a_workbook_are_not_expanded() {
        // "billion laughs": ten levels of ten references each
        let mut dtd = String::from("<!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let refs: String = (0..10).map(|_| format!("&l{};", i - 1)).collect();
            dtd.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
        }
        dtd.push_str("]>");
        let sheet = format!(
            "<?xml version=\"1.0\"?>{dtd}<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&l9;</t></is></c></row></sheetData></worksheet>"
        );
        let started = Instant::now();
        let r = check_book(&Policy::default(), with_part(&xlsx(), "xl/worksheets/sheet1.xml", sheet.as_bytes()));
        assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
        // never a cell of a billion `lol`s: the sheet is unreadable or holds no student table
        assert!(r.findings.iter().all(|f| f.value.as_ref().is_none_or(|v| v.len() < 10_000)));
        assert!(!r.findings.is_empty());
        assert_eq!(r.summary.records_counted, 0);
    }

    #[test]
    fn deep_nesting_in_a_workbook_ends_in_a_finding() {
        let depth: usize = std::env::var("DEPTH").ok().and_then(|d| d.parse().ok()).unwrap_or(200_000);
        let mut sheet = String::from(
            "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
        );
        sheet.push_str(&"<x>".repeat(depth));
        sheet.push_str(&"</x>".repeat(depth));
        sheet.push_str("</sheetData></worksheet>");
        let started = Instant::now();
        let r = check_book(&Policy::default(), with_part(&xlsx(), "xl/worksheets/sheet1.xml", sheet.as_bytes()));
        assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
        // the nested elements are no cells: a workbook with nothing in it, and it says so
        let f = r.findings.iter().find(|f| f.code == FindingCode::FileUnreadable).expect("FILE_UNREADABLE");
        assert!(f.message_en.contains("the workbook is empty"), "{}", f.message_en);
        assert_eq!(r.summary.records_counted, 0);
    }
}
