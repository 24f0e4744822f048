//! Reading files: text decoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-874 /
//! TIS-620 — detected, not asked), delimiter sniffing, header mapping, and student and
//! registry CSV files. The rules themselves never touch I/O: callers hand in bytes.

use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Detail, Finding, FindingCode};
use crate::record::{Field, RecordView};
use crate::registry::{Registry, RegistryRow};
use crate::validate::Validator;
use std::borrow::Cow;

/// The text encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with a byte-order mark (as Excel saves "CSV UTF-8").
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    #[serde(rename = "utf-16le")]
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    #[serde(rename = "utf-16be")]
    Utf16Be,
    /// Windows-874 / TIS-620 (Thai Windows, as Excel saves plain "CSV").
    #[serde(rename = "windows-874")]
    Windows874,
}

impl TextEncoding {
    /// The label used in reports.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Windows874 => "windows-874",
        }
    }
}

fn unreadable(name: &str, th: &str, en: &str) -> Error {
    Error::finding(ErrorKind::File, FindingCode::FileUnreadable, name, Detail::both(th.to_owned(), en.to_owned()))
}

/// Decodes a file's bytes, detecting the encoding. A binary file (a workbook, an image, …) is
/// a `FILE_UNREADABLE` error.
pub fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<(Cow<'b, str>, TextEncoding)> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(unreadable(
            name,
            "เป็นไฟล์ Excel ไม่ใช่ CSV ให้บันทึกเป็น CSV ก่อน",
            "an Excel workbook, not a CSV file; save it as CSV first",
        ));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8Bom)),
            Err(_) => Err(unreadable(
                name,
                "มี BOM ของ UTF-8 แต่เนื้อหาไม่ใช่ UTF-8",
                "it has a UTF-8 byte-order mark but is not UTF-8",
            )),
        };
    }
    for (bom, enc, label) in [
        (b"\xFF\xFE", encoding_rs::UTF_16LE, TextEncoding::Utf16Le),
        (b"\xFE\xFF", encoding_rs::UTF_16BE, TextEncoding::Utf16Be),
    ] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(bytes.get(2..).unwrap_or_default());
            if had_errors {
                return Err(unreadable(name, "อ่านเป็น UTF-16 ไม่ได้", "it is not valid UTF-16"));
            }
            return Ok((Cow::Owned(text.into_owned()), label));
        }
    }
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or_default();
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    if head.contains(&0) || controls * 100 > head.len().max(1) {
        return Err(unreadable(name, "เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความ CSV", "a binary file, not a CSV text file"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8)),
        Err(_) => {
            let (text, _, had_errors) = encoding_rs::WINDOWS_874.decode(bytes);
            if had_errors {
                return Err(unreadable(name, "ไม่ใช่ UTF-8 หรือ Windows-874", "neither UTF-8 nor Windows-874 text"));
            }
            Ok((Cow::Owned(text.into_owned()), TextEncoding::Windows874))
        }
    }
}

/// Picks the delimiter of a CSV text from its first line: `,`, `;` or tab.
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t'] {
        let n = first.bytes().filter(|&b| b == d).count();
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// A CSV reader that yields records with the row number a spreadsheet shows (blank lines
/// count as rows, quoted newlines do not start a new one).
struct Rows<'t> {
    reader: csv::Reader<&'t [u8]>,
    record: csv::StringRecord,
    last_end_line: u64,
    last_row: u64,
}

impl<'t> Rows<'t> {
    fn new(text: &'t str) -> Rows<'t> {
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sniff_delimiter(text))
            .from_reader(text.as_bytes());
        Rows { reader, record: csv::StringRecord::new(), last_end_line: 0, last_row: 0 }
    }

    /// Reads the next record; `Ok(None)` at the end. A CSV error (e.g. invalid quoting that
    /// the reader cannot recover from) is returned with the row number it happened at.
    fn next(&mut self) -> std::result::Result<Option<u64>, (u64, String)> {
        match self.reader.read_record(&mut self.record) {
            Ok(false) => Ok(None),
            Ok(true) => {
                let start = self.record.position().map_or(self.last_end_line + 1, |p| p.line());
                let skipped = start.saturating_sub(self.last_end_line + 1);
                let newlines: u64 = self.record.iter().map(|f| f.bytes().filter(|&b| b == b'\n').count() as u64).sum();
                self.last_end_line = start + newlines;
                self.last_row += 1 + skipped;
                Ok(Some(self.last_row))
            }
            Err(e) => {
                self.last_row += 1;
                Err((self.last_row, e.to_string()))
            }
        }
    }
}

fn is_blank(rec: &csv::StringRecord) -> bool {
    rec.iter().all(|c| crate::text::trim(c).is_empty())
}

/// Validates one student CSV file's bytes into `validator`: decoding, header mapping
/// (English or Thai names, any order, extra columns ignored), each row's shape and rules.
/// Problems with the file as a whole become findings; nothing panics.
pub fn validate_csv(validator: &mut Validator<'_>, name: &str, bytes: &[u8]) {
    let (text, encoding) = match decode(name, bytes) {
        Ok(x) => x,
        Err(e) => {
            let file = validator.begin_file(name, None);
            let f = Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::none());
            let f = Finding { message_th: e.message_th().to_owned(), message_en: e.message_en().to_owned(), ..f };
            validator.file_finding(file, None, f);
            return;
        }
    };
    let file = validator.begin_file(name, Some(encoding.label()));
    if encoding != TextEncoding::Utf8 {
        validator.file_finding(
            file,
            None,
            Finding::new(FindingCode::FileEncoding, None, Some(name), Detail::same(encoding.label())),
        );
    }
    let mut rows = Rows::new(&text);
    // header: the first non-blank row
    let (header_row, header) = loop {
        match rows.next() {
            Ok(Some(_)) if is_blank(&rows.record) => validator.blank_row(file),
            Ok(Some(r)) => break (r, rows.record.clone()),
            Ok(None) => {
                let f = Finding::new(
                    FindingCode::FileUnreadable,
                    None,
                    Some(name),
                    Detail::both("ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row"),
                );
                validator.file_finding(file, None, f);
                return;
            }
            Err((r, e)) => {
                validator.file_finding(
                    file,
                    Some(r),
                    Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::same(e)),
                );
                return;
            }
        }
    };
    let mut map: [Option<usize>; 11] = [None; 11];
    for (i, h) in header.iter().enumerate() {
        if let Some(f) = Field::from_header(h)
            && let Some(slot) = map.get_mut(f as usize)
        {
            slot.get_or_insert(i);
        }
    }
    let missing: Vec<Field> =
        Field::ALL.into_iter().filter(|f| f.required() && map.get(*f as usize).copied().flatten().is_none()).collect();
    for f in &missing {
        let names = f.headers().join(", ");
        validator.file_finding(
            file,
            Some(header_row),
            Finding::new(
                FindingCode::FileColumnMissing,
                Some(f.name()),
                Some(f.name()),
                Detail::both(format!("ใช้ชื่อ {names}"), format!("accepted names: {names}")),
            ),
        );
    }
    let width = header.len();
    loop {
        let row = match rows.next() {
            Ok(Some(r)) => r,
            Ok(None) => break,
            Err((r, e)) => {
                validator.file_finding(
                    file,
                    Some(r),
                    Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::same(e)),
                );
                validator.unreadable_row(file, r);
                continue;
            }
        };
        let rec = &rows.record;
        if is_blank(rec) {
            validator.blank_row(file);
            continue;
        }
        if !missing.is_empty() {
            // the file-level finding explains it: every row counts as a record with errors
            validator.unreadable_row(file, row);
            continue;
        }
        if rec.len() != width {
            let f = Finding::new(
                FindingCode::FileRowShape,
                None,
                Some(&rec.len().to_string()),
                Detail::both(format!("หัวตารางมี {width} ช่อง"), format!("the header has {width}")),
            );
            validator.file_finding(file, Some(row), f);
            validator.unreadable_row(file, row);
            continue;
        }
        let mut view = RecordView::default();
        for (slot, col) in view.fields.iter_mut().zip(map.iter()) {
            *slot = col.and_then(|c| rec.get(c));
        }
        validator.push_view(file, row, &view);
    }
}

/// Reads a registry CSV (`level,code,name,parent,kind`).
pub fn read_registry(name: &str, bytes: &[u8]) -> Result<(Registry, Vec<Finding>)> {
    let (text, _) = decode(name, bytes)?;
    let mut rows = Rows::new(&text);
    let header = loop {
        match rows.next() {
            Ok(Some(_)) if is_blank(&rows.record) => {}
            Ok(Some(_)) => break rows.record.clone(),
            Ok(None) => {
                return Err(unreadable(name, "ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row"));
            }
            Err((_, e)) => return Err(unreadable(name, &e, &e)),
        }
    };
    let cols = ["level", "code", "name", "parent", "kind"];
    let mut idx = [0usize; 5];
    for (slot, col) in idx.iter_mut().zip(cols) {
        *slot = header.iter().position(|h| crate::text::trim(h).eq_ignore_ascii_case(col)).ok_or_else(|| {
            Error::finding(
                ErrorKind::File,
                FindingCode::FileColumnMissing,
                col,
                Detail::both(
                    "ทะเบียนต้องมีคอลัมน์ level,code,name,parent,kind",
                    "a registry has columns level,code,name,parent,kind",
                ),
            )
        })?;
    }
    let mut out = Vec::new();
    let mut findings = Vec::new();
    loop {
        match rows.next() {
            Ok(None) => break,
            Ok(Some(_)) if is_blank(&rows.record) => {}
            Ok(Some(row)) => {
                let rec = &rows.record;
                if rec.len() != header.len() {
                    findings.push(
                        Finding::new(
                            FindingCode::FileRowShape,
                            None,
                            Some(&rec.len().to_string()),
                            Detail::both(
                                format!("หัวตารางมี {} ช่อง", header.len()),
                                format!("the header has {}", header.len()),
                            ),
                        )
                        .at(Some(name), Some(row)),
                    );
                    continue;
                }
                let get = |i: usize| rec.get(i).unwrap_or("").to_owned();
                let [l, c, n, p, k] = idx;
                out.push(RegistryRow { row, level: get(l), code: get(c), name: get(n), parent: get(p), kind: get(k) });
            }
            Err((row, e)) => findings.push(
                Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::same(e)).at(Some(name), Some(row)),
            ),
        }
    }
    let (reg, mut more) = Registry::from_rows(out, Some(name));
    findings.append(&mut more);
    findings.sort_by_key(|f| f.row);
    Ok((reg, findings))
}
