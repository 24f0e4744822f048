//! Reading files: student files as CSV (UTF-8 with or without BOM, UTF-16 with BOM,
//! Windows-874 / TIS-620 — detected, not asked; `,` `;` or tab) or, with the `xlsx` feature,
//! workbooks (`.xlsx`, `.xls`, `.ods`: every sheet or a chosen one); LEC's own export layout
//! (a title block, a header found by its cells, merged header rows, Thai column names); and the
//! registry CSV. The rules themselves never touch I/O: callers hand in bytes or a reader.
//!
//! Files are read as a stream: memory holds a few chunks of rows and the data set's duplicate
//! index, never the whole file. With [`ReadOptions::threads`] above 1, chunks of rows are
//! checked in parallel; the report is the same for any number of threads.
//!
//! Every row is accounted for: a file's rows are its header rows (a title block and the
//! header), its records and its blank rows; a row that cannot be read as a record is a record
//! with errors, with a finding that says why.

#[cfg(feature = "xlsx")]
mod cells;
mod csv;
mod header;
#[cfg(feature = "xlsx")]
mod merges;
mod paths;
mod pipeline;
pub mod rows;
mod text;
#[cfg(feature = "xlsx")]
mod workbook;

use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Detail, Finding, FindingCode};
use crate::registry::{Registry, RegistryRow};
use crate::validate::Validator;
pub use paths::{read_calendar, read_config, read_registry_path, validate_path};
use pipeline::{Env, Input, Sink, Source};
use std::borrow::Cow;
use std::io::{Read, Seek, SeekFrom};
use text::{RecordText, Sniffed};

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

/// How far reading a file has got: bytes for a CSV file, rows for a sheet of a workbook.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The file (or `book.xlsx#Sheet1`).
    pub file: &'a str,
    /// Bytes (CSV) or rows (workbook) read so far.
    pub done: u64,
    /// Of how many, when known.
    pub total: Option<u64>,
    /// What `done` and `total` count.
    pub unit: ProgressUnit,
}

/// What a [`Progress`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressUnit {
    /// Bytes of a text file.
    Bytes,
    /// Rows of a sheet.
    Rows,
}

/// How to read student files.
#[derive(Clone)]
pub struct ReadOptions<'p> {
    /// The sheet of a workbook to read (by name); `None`: every sheet with a student table.
    pub sheet: Option<String>,
    /// Threads that check rows (1: all on the caller's thread). The report is the same for
    /// any number.
    pub threads: usize,
    /// Called after each chunk of rows with how far reading has got (for a progress bar).
    pub progress: Option<&'p (dyn Fn(Progress<'_>) + Sync)>,
}

impl Default for ReadOptions<'_> {
    fn default() -> Self {
        ReadOptions { sheet: None, threads: 1, progress: None }
    }
}

impl std::fmt::Debug for ReadOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOptions")
            .field("sheet", &self.sheet)
            .field("threads", &self.threads)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

fn unreadable(name: &str, th: &str, en: &str) -> Error {
    Error::finding(ErrorKind::File, FindingCode::FileUnreadable, name, Detail::both(th.to_owned(), en.to_owned()))
}

fn unreadable_finding(name: &str, th: impl Into<String>, en: impl Into<String>) -> Finding {
    Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::both(th.into(), en.into()))
}

const NOT_CSV_TH: &str = "เป็นไฟล์ไบนารี ไม่ใช่ไฟล์ข้อความ CSV";
const NOT_CSV_EN: &str = "a binary file, not a CSV text file";

/// Decodes a whole file's bytes, detecting the encoding (for small files such as the
/// registry). A binary file (a workbook, an image, …) is a `FILE_UNREADABLE` error.
pub fn decode<'b>(name: &str, bytes: &'b [u8]) -> Result<(Cow<'b, str>, TextEncoding)> {
    match text::sniff(bytes) {
        Sniffed::Zip | Sniffed::Ole => Err(unreadable(
            name,
            "เป็นไฟล์ Excel ไม่ใช่ CSV ให้บันทึกเป็น CSV ก่อน",
            "an Excel workbook, not a CSV file; save it as CSV first",
        )),
        Sniffed::Binary => Err(unreadable(name, NOT_CSV_TH, NOT_CSV_EN)),
        Sniffed::Text { bom: _, utf16: Some(order) } => {
            let (enc, label) = match order {
                text::Utf16::Le => (encoding_rs::UTF_16LE, TextEncoding::Utf16Le),
                text::Utf16::Be => (encoding_rs::UTF_16BE, TextEncoding::Utf16Be),
            };
            let (text, had_errors) = enc.decode_without_bom_handling(bytes.get(2..).unwrap_or_default());
            if had_errors {
                return Err(unreadable(name, "อ่านเป็น UTF-16 ไม่ได้", "it is not valid UTF-16"));
            }
            Ok((Cow::Owned(text.into_owned()), label))
        }
        Sniffed::Text { bom: 3, utf16: None } => match std::str::from_utf8(bytes.get(3..).unwrap_or_default()) {
            Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8Bom)),
            Err(_) => Err(unreadable(
                name,
                "มี BOM ของ UTF-8 แต่เนื้อหาไม่ใช่ UTF-8",
                "it has a UTF-8 byte-order mark but is not UTF-8",
            )),
        },
        Sniffed::Text { .. } => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((Cow::Borrowed(s), TextEncoding::Utf8)),
            Err(_) => {
                let (text, _, had_errors) = encoding_rs::WINDOWS_874.decode(bytes);
                if had_errors {
                    return Err(unreadable(name, "ไม่ใช่ UTF-8 หรือ Windows-874", "neither UTF-8 nor Windows-874 text"));
                }
                Ok((Cow::Owned(text.into_owned()), TextEncoding::Windows874))
            }
        },
    }
}

/// Picks the delimiter of a CSV text: the one of `,` `;` tab that separates the most fields
/// outside quotes over the first rows (ties go to the comma).
pub fn sniff_delimiter(text: &str) -> u8 {
    csv::sniff(text.as_bytes().get(..text.len().min(64 * 1024)).unwrap_or_default())
}

/// Validates one student CSV file's bytes into `validator` (one thread; see
/// [`validate_reader`] for options). Problems with the file as a whole become findings;
/// nothing panics.
pub fn validate_csv(validator: &mut Validator<'_>, name: &str, bytes: &[u8]) {
    read_text(validator, name, Box::new(bytes), Some(bytes.len() as u64), &ReadOptions::default());
}

/// What a file is, told by its first 8 bytes (read again from the start afterwards).
fn sniff_start(reader: &mut impl Read) -> std::io::Result<Sniffed> {
    let mut magic = [0u8; 8];
    let mut got = 0usize;
    loop {
        match reader.read(magic.get_mut(got..).unwrap_or_default()) {
            Ok(0) => return Ok(text::sniff(magic.get(..got).unwrap_or_default())),
            Ok(n) => {
                got += n;
                if got == magic.len() {
                    return Ok(text::sniff(&magic));
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Validates a student file whose bytes can be read again from the start: a workbook (told
/// from its content, not its name) when the `xlsx` feature is on, else CSV, streamed.
pub fn validate_file<R: Read + Seek>(validator: &mut Validator<'_>, name: &str, mut reader: R, opts: &ReadOptions<'_>) {
    let sniffed = match sniff_start(&mut reader) {
        Ok(s) => s,
        Err(e) => return fail(validator, name, &e.to_string()),
    };
    let size = reader.seek(SeekFrom::End(0)).ok();
    if let Err(e) = reader.seek(SeekFrom::Start(0)) {
        return fail(validator, name, &e.to_string());
    }
    match sniffed {
        #[cfg(feature = "xlsx")]
        Sniffed::Zip | Sniffed::Ole => workbook::validate(validator, name, reader, size, sniffed, opts),
        _ => read_text(validator, name, Box::new(reader), size, opts),
    }
}

/// Validates a student file from a reader that is read once, front to back: CSV streamed, a
/// workbook (with the `xlsx` feature) read into memory first (its format needs to seek).
pub fn validate_reader<'r>(validator: &mut Validator<'_>, name: &str, reader: impl Read + 'r, opts: &ReadOptions<'_>) {
    read_text(validator, name, Box::new(reader), None, opts);
}

fn fail(validator: &mut Validator<'_>, name: &str, why: &str) {
    let file = validator.begin_file(name, None);
    let why = why.to_lowercase();
    validator.file_finding(file, None, unreadable_finding(name, why.clone(), why));
}

/// Why a file could not be opened or read, in the house style (lower case, no trailing
/// period): the one wording every front uses.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_owned(),
        _ => {
            let text = e.to_string().to_lowercase();
            // the OS's own text ends in " (os error 2)": not for users
            match text.find(" (os error") {
                Some(at) => text.get(..at).unwrap_or(&text).to_owned(),
                None => text,
            }
        }
    }
}

fn io_reason_th(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "ไม่พบไฟล์".to_owned(),
        std::io::ErrorKind::PermissionDenied => "ไม่มีสิทธิ์อ่านไฟล์".to_owned(),
        std::io::ErrorKind::IsADirectory => "เป็นโฟลเดอร์ ไม่ใช่ไฟล์".to_owned(),
        _ => io_reason(e),
    }
}

/// The `FILE_UNREADABLE` finding for a file named `name` that could not be opened or read:
/// what every front reports for it by default (the report holds the finding).
pub fn unreadable_file(name: &str, e: &std::io::Error) -> Finding {
    unreadable_finding(name, io_reason_th(e), io_reason(e)).at(Some(name), None)
}

/// The same as an error (`FILE_UNREADABLE`), for the fronts that were asked to raise.
pub fn unreadable_file_error(name: &str, e: &std::io::Error) -> Error {
    Error::from_finding(ErrorKind::File, &unreadable_file(name, e))
}

/// Bytes read at a time.
const READ_SIZE: usize = 256 * 1024;
/// The size of a chunk of rows handed to a worker.
const CHUNK: usize = 1024 * 1024;
/// The policy's file limits as sizes in memory (saturating on 32-bit targets).
fn limit(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

/// Reads a CSV file in chunks cut at row boundaries.
struct CsvSource<'r> {
    reader: Box<dyn Read + 'r>,
    buf: Vec<u8>,
    /// Bytes of `buf` the scanner has seen.
    scanned: usize,
    /// The last row end in `buf`.
    cut: Option<usize>,
    scanner: csv::Scanner,
    eof: bool,
    /// Bytes read from the file (the head sniffed included).
    read: u64,
    total: Option<u64>,
    /// Why reading stopped early, if it did.
    error: Option<String>,
    /// The longest row accepted (the policy's `file_limits.max_row_bytes`).
    max_row: usize,
    /// A row longer than `max_row` stopped reading.
    too_long: bool,
}

impl<'r> CsvSource<'r> {
    /// A source over `reader` (of `total` bytes, when known) with its head read, to be sniffed.
    fn new(reader: Box<dyn Read + 'r>, total: Option<u64>, max_row: usize) -> CsvSource<'r> {
        let mut src = CsvSource {
            reader,
            buf: Vec::with_capacity(CHUNK + 2 * READ_SIZE),
            scanned: 0,
            cut: None,
            scanner: csv::Scanner::new(b','),
            eof: false,
            read: 0,
            total,
            error: None,
            max_row,
            too_long: false,
        };
        src.fill(64 * 1024);
        src
    }

    /// A text file's start (its head sniffed as text, with this byte-order mark): skips the
    /// mark, turns UTF-16 into UTF-8 on the way, and gives the encoding.
    fn begin_text(&mut self, bom: usize, utf16: Option<text::Utf16>) -> TextEncoding {
        let Some(order) = utf16 else {
            self.consume(bom);
            return if bom == 3 { TextEncoding::Utf8Bom } else { TextEncoding::Utf8 };
        };
        // the head already read, then the rest
        let head = std::mem::take(&mut self.buf);
        let rest = std::mem::replace(&mut self.reader, Box::new(std::io::empty()));
        let mut joined = std::io::Cursor::new(head).chain(rest);
        let mut bom_bytes = [0u8; 2];
        let _ = joined.read_exact(&mut bom_bytes);
        self.reader = Box::new(text::Utf16Reader::new(joined, order));
        // progress counts the UTF-8 it turns into, not the file's bytes
        self.total = None;
        self.eof = false;
        self.fill(64 * 1024);
        match order {
            text::Utf16::Le => TextEncoding::Utf16Le,
            text::Utf16::Be => TextEncoding::Utf16Be,
        }
    }

    /// Reads until `buf` holds `want` bytes or the file ends.
    fn fill(&mut self, want: usize) {
        while !self.eof && self.buf.len() < want {
            let start = self.buf.len();
            // reads of READ_SIZE: a buffered reader of that size passes them straight through
            self.buf.resize(start + READ_SIZE, 0);
            match self.reader.read(self.buf.get_mut(start..).unwrap_or_default()) {
                Ok(0) => {
                    self.buf.truncate(start);
                    self.eof = true;
                }
                Ok(n) => {
                    self.buf.truncate(start + n);
                    self.read += n as u64;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.buf.truncate(start),
                Err(e) => {
                    self.buf.truncate(start);
                    self.eof = true;
                    self.error = Some(e.to_string().to_lowercase());
                }
            }
        }
    }

    fn scan(&mut self) {
        if let Some(c) = self.scanner.feed(self.buf.get(self.scanned..).unwrap_or_default()) {
            self.cut = Some(self.scanned + c);
        }
        self.scanned = self.buf.len();
    }

    /// Drops the first `n` bytes (a row boundary).
    fn consume(&mut self, n: usize) {
        let n = n.min(self.buf.len());
        self.buf.drain(..n);
        self.scanned = self.scanned.saturating_sub(n);
        self.cut = self.cut.and_then(|c| c.checked_sub(n)).filter(|&c| c > 0);
    }
}

impl<'a> Source<'a> for CsvSource<'_> {
    fn next_input(&mut self) -> Option<Input<'a>> {
        loop {
            if let Some(c) = self.cut
                && (self.buf.len() >= CHUNK || self.eof)
            {
                // the rest starts the next chunk, in a buffer that will not have to grow
                let mut rest = Vec::with_capacity(CHUNK + 2 * READ_SIZE);
                rest.extend_from_slice(self.buf.get(c..).unwrap_or_default());
                self.buf.truncate(c);
                let chunk = std::mem::replace(&mut self.buf, rest);
                self.scanned = self.scanned.saturating_sub(c);
                self.cut = None;
                return Some(Input::Csv(chunk));
            }
            if self.cut.is_none() && self.buf.len() > self.max_row {
                self.too_long = true;
                self.buf = Vec::new();
                return None;
            }
            if self.eof {
                if self.buf.is_empty() {
                    return None;
                }
                self.scanned = 0;
                return Some(Input::Csv(std::mem::take(&mut self.buf)));
            }
            let want = self.buf.len() + READ_SIZE;
            self.fill(want);
            self.scan();
        }
    }

    fn progress(&self) -> (u64, Option<u64>) {
        (self.read, self.total)
    }

    fn unit(&self) -> ProgressUnit {
        ProgressUnit::Bytes
    }
}

/// A row read while looking for the header.
struct HeadRow {
    cells: Vec<String>,
    /// Where the row ends in the buffer.
    end: usize,
    text: RecordText,
}

/// Reads a text (CSV) file, or hands a workbook found behind a plain reader to the workbook
/// reader.
fn read_text(
    validator: &mut Validator<'_>,
    name: &str,
    reader: Box<dyn Read + '_>,
    size: Option<u64>,
    opts: &ReadOptions<'_>,
) {
    // the head: what the file is
    let max_row = limit(validator.context().policy.file_limits.max_row_bytes);
    let mut src = CsvSource::new(reader, size, max_row);
    let sniffed = text::sniff(&src.buf);
    let label = match sniffed {
        Sniffed::Binary => {
            let file = validator.begin_file(name, None);
            let f = unreadable_finding(name, NOT_CSV_TH, NOT_CSV_EN);
            validator.file_finding(file, None, f);
            return;
        }
        Sniffed::Zip | Sniffed::Ole => {
            #[cfg(feature = "xlsx")]
            {
                // a workbook behind a plain reader: it must be read whole to be opened
                let mut all = std::mem::take(&mut src.buf);
                if let Err(e) = src.reader.read_to_end(&mut all) {
                    return fail(validator, name, &e.to_string());
                }
                return workbook::validate(validator, name, std::io::Cursor::new(all), None, sniffed, opts);
            }
            #[cfg(not(feature = "xlsx"))]
            {
                let file = validator.begin_file(name, None);
                let f = unreadable_finding(
                    name,
                    "เป็นไฟล์ Excel ไม่ใช่ CSV ให้บันทึกเป็น CSV ก่อน",
                    "an Excel workbook, not a CSV file; save it as CSV first",
                );
                validator.file_finding(file, None, f);
                return;
            }
        }
        Sniffed::Text { bom, utf16 } => src.begin_text(bom, utf16),
    };
    let file = validator.begin_file(name, Some(label.label()));
    if let Some(info) = validator.file_info_mut(file) {
        info.format = Some("csv".to_owned());
    }
    if label != TextEncoding::Utf8 {
        validator.file_finding(
            file,
            None,
            Finding::new(FindingCode::FileEncoding, None, Some(name), Detail::same(label.label())),
        );
    }
    let decided = (label != TextEncoding::Utf8).then_some(RecordText::Utf8);
    let mut sink = Sink::new(file, name, 0, decided);
    let blank = |r: &HeadRow| r.cells.iter().all(|c| crate::text::trim(c).is_empty());

    // the header: among the first rows (at least one whole row, however long, up to the limit)
    src.fill(1024 * 1024);
    let delimiter = csv::sniff(src.buf.get(..src.buf.len().min(64 * 1024)).unwrap_or_default());
    src.scanner = csv::Scanner::new(delimiter);
    src.scan();
    while src.cut.is_none() {
        if src.buf.len() > src.max_row {
            src.too_long = true;
            src.buf = Vec::new();
            finish_source(validator, file, name, &src, 0);
            return;
        }
        if src.eof {
            break;
        }
        let want = src.buf.len() + READ_SIZE;
        src.fill(want);
        src.scan();
    }
    let max_columns = limit(validator.context().policy.file_limits.max_columns);
    let (head, too_wide) = head_rows(&src, delimiter, max_columns);
    let found = header::find(&head.iter().map(|r| r.cells.clone()).collect::<Vec<_>>());
    if let (Some(width), None) = (too_wide, found) {
        // a row of the head wider than the limit: no header can be read from it
        let row = head.len() as u64 + 1;
        for (i, r) in head.iter().enumerate() {
            sink.note_text(validator, r.text, i as u64 + 1);
            if blank(r) {
                validator.blank_row(file);
            } else if let Some(info) = validator.file_info_mut(file) {
                info.header_rows += 1;
            }
        }
        too_many_columns(validator, file, row, width, max_columns, true);
        validator.unreadable_row(file, row);
        return;
    }
    let (at, span) = match found {
        Some(x) => x,
        None => match head.iter().position(|r| !blank(r)) {
            Some(i) => (i, 1),
            None => {
                for r in &head {
                    validator.blank_row(file);
                    sink.note_text(validator, r.text, 0);
                }
                let f = unreadable_finding(name, "ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row");
                validator.file_finding(file, None, f);
                finish_source(validator, file, name, &src, 0);
                return;
            }
        },
    };
    for (i, r) in head.iter().take(at + span).enumerate() {
        sink.note_text(validator, r.text, i as u64 + 1);
        if i < at && blank(r) {
            validator.blank_row(file);
        } else if let Some(info) = validator.file_info_mut(file) {
            info.header_rows += 1;
        }
    }
    let header_row = (at + span) as u64;
    if let Some(info) = validator.file_info_mut(file) {
        info.header_row = Some(header_row);
    }
    let cells: Vec<Vec<String>> = head.iter().skip(at).take(span).map(|r| r.cells.clone()).collect();
    let layout = header::Layout::new(&cells);
    missing_columns(validator, file, header_row, &layout);
    let consumed = head.get(at + span - 1).map_or(0, |r| r.end);
    // the size of the file tells about how many records: make room for them at once
    let data_rows = head.len().saturating_sub(at + span);
    let data_bytes = head.last().map_or(0, |r| r.end).saturating_sub(consumed);
    if let (Some(size), true) = (src.total, data_rows >= 8 && data_bytes > 0) {
        let expected = size.saturating_sub(consumed as u64) / (data_bytes / data_rows).max(1) as u64;
        validator.reserve(usize::try_from(expected).unwrap_or(0).min(64 << 20));
    }
    drop(head);
    src.consume(consumed);
    sink.base = header_row;

    // the records: in chunks, in parallel
    let names = header::NameIndex::new(if layout.by_name() { validator.context().registry } else { None });
    let ctx = *validator.context();
    let env = Env { ctx, layout: &layout, delimiter, names: &names, name, check_shape: true };
    pipeline::run(validator, &env, opts, &mut src, &mut sink);
    finish_source(validator, file, name, &src, sink.base);
}

/// The first rows of a CSV file (complete ones), as text; they stop before a row with more
/// than `max_columns` cells, whose width comes second.
fn head_rows(src: &CsvSource<'_>, delimiter: u8, max_columns: usize) -> (Vec<HeadRow>, Option<usize>) {
    let limit = if src.eof { src.buf.len() } else { src.cut.unwrap_or(0) };
    let bytes = src.buf.get(..limit).unwrap_or_default();
    let mut rows = Vec::new();
    let mut rec = csv::Record::default();
    let (mut buf, mut ends) = (String::new(), Vec::new());
    let mut pos = 0usize;
    let mut non_blank = 0usize;
    while pos < bytes.len() && non_blank < header::HEADER_SEARCH_ROWS {
        pos += csv::parse_record(delimiter, bytes.get(pos..).unwrap_or_default(), &mut rec).max(1);
        if rec.len() > max_columns {
            return (rows, Some(rec.len()));
        }
        let (fields, text) = text::decode(&rec, &mut buf, &mut ends);
        let cells: Vec<String> = fields.iter().map(str::to_owned).collect();
        if !fields.is_blank() {
            non_blank += 1;
        }
        rows.push(HeadRow { cells, end: pos, text });
    }
    (rows, None)
}

/// `FILE_TOO_MANY_COLUMNS` for row `row`, `width` cells wide; `header`: it stopped reading.
pub(crate) fn too_many_columns(
    validator: &mut Validator<'_>,
    file: u32,
    row: u64,
    width: usize,
    max_columns: usize,
    header: bool,
) {
    let (th, en) = if header {
        (
            format!("ขีดจำกัด {max_columns} ช่อง จึงไม่ได้อ่านส่วนที่เหลือของไฟล์"),
            format!("the limit is {max_columns}: the rest of the file was not read"),
        )
    } else {
        (format!("ขีดจำกัด {max_columns} ช่อง"), format!("the limit is {max_columns}"))
    };
    validator.file_finding(
        file,
        Some(row),
        Finding::new(FindingCode::FileTooManyColumns, None, Some(&width.to_string()), Detail::both(th, en)),
    );
}

/// `FILE_COLUMN_MISSING` for each required column the header lacks.
fn missing_columns(validator: &mut Validator<'_>, file: u32, header_row: u64, layout: &header::Layout) {
    for f in &layout.missing {
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
}

/// Reports why reading stopped early, if it did.
fn finish_source(validator: &mut Validator<'_>, file: u32, name: &str, src: &CsvSource<'_>, rows: u64) {
    if src.too_long {
        let row = rows + 1;
        validator.file_finding(
            file,
            Some(row),
            Finding::new(
                FindingCode::FileRowTooLong,
                None,
                Some(&src.max_row.to_string()),
                Detail::both(
                    "นโยบาย file_limits.max_row_bytes อาจมีเครื่องหมายคำพูดที่ไม่ได้ปิด",
                    "policy file_limits.max_row_bytes; perhaps a quote that never closes",
                ),
            ),
        );
        validator.unreadable_row(file, row);
    } else if src.error.is_none()
        && src.eof
        && let Some(total) = src.total
        && total != src.read
    {
        changed(validator, file, name, total, src.read);
    }
    if let Some(e) = &src.error {
        validator.file_finding(
            file,
            None,
            unreadable_finding(
                name,
                format!("อ่านไฟล์ต่อไม่ได้หลังแถวที่ {rows}: {e}"),
                format!("reading stopped after row {rows}: {e}"),
            ),
        );
    }
}

/// `FILE_CHANGED`: the file was `expected` bytes when reading began and `read` were read.
pub(crate) fn changed(validator: &mut Validator<'_>, file: u32, name: &str, expected: u64, read: u64) {
    let what = if read < expected {
        ("ถูกตัดสั้น", "cut short")
    } else {
        ("ยาวขึ้น", "it grew")
    };
    let (th, en) =
        (format!("ตอนเปิดมี {expected} ไบต์ อ่านได้ {read} ไบต์"), format!("{expected} bytes when opened, {read} read"));
    let f = Finding::new(FindingCode::FileChanged, None, Some(what.1), Detail::both(th, en));
    // the Thai message names the change in Thai
    let f = Finding { message_th: f.message_th.replace(what.1, what.0), ..f };
    validator.file_finding(file, None, f.at(Some(name), None));
}

/// Reads a table from `reader` (a CSV file or a workbook, told by its content) into `schema`;
/// `sheet` chooses one sheet of a workbook (default: every sheet with the table).
pub(crate) fn read_table<R: Read + Seek>(
    name: &str,
    mut reader: R,
    sheet: Option<&str>,
    schema: &mut dyn rows::TableSchema,
) {
    let sniffed = match sniff_start(&mut reader) {
        Ok(s) => s,
        Err(e) => return fail_table(name, schema, &e.to_string()),
    };
    if let Err(e) = reader.seek(SeekFrom::Start(0)) {
        return fail_table(name, schema, &e.to_string());
    }
    match sniffed {
        #[cfg(feature = "xlsx")]
        Sniffed::Zip | Sniffed::Ole => workbook::read_table(name, reader, sniffed, sheet, schema),
        #[cfg(not(feature = "xlsx"))]
        Sniffed::Zip | Sniffed::Ole => {
            let _ = sheet;
            let part = rows::TablePart { label: name.to_owned(), format: "xlsx", encoding: None, sheet: None };
            schema.begin(&part, None, None);
            schema.finding(unreadable_finding(
                name,
                "เป็นไฟล์ Excel แต่รุ่นนี้ของ lec อ่านได้เฉพาะ CSV",
                "an Excel workbook, and this build of lec reads CSV only",
            ));
        }
        Sniffed::Binary => {
            let part = rows::TablePart { label: name.to_owned(), format: "csv", encoding: None, sheet: None };
            schema.begin(&part, None, None);
            schema.finding(unreadable_finding(name, NOT_CSV_TH, NOT_CSV_EN).at(Some(name), None));
        }
        Sniffed::Text { .. } => rows::read_csv(name, Box::new(reader), schema),
    }
}

fn fail_table(name: &str, schema: &mut dyn rows::TableSchema, why: &str) {
    let part = rows::TablePart { label: name.to_owned(), format: "csv", encoding: None, sheet: None };
    schema.begin(&part, None, None);
    let why = why.to_lowercase();
    schema.finding(unreadable_finding(name, why.clone(), why).at(Some(name), None));
}

/// The columns of a registry, with the names each is known by (English or Thai).
const REGISTRY_COLUMNS: [(&str, &[&str]); 5] = [
    ("level", &["level", "ระดับ"]),
    ("code", &["code", "รหัส"]),
    ("name", &["name", "ชื่อ"]),
    ("parent", &["parent", "สังกัด", "รหัสสังกัด"]),
    ("kind", &["kind", "ประเภท"]),
];

/// The registry as a kind of table over [`read_table`].
#[derive(Default)]
struct RegistrySchema {
    /// Column of each of [`REGISTRY_COLUMNS`] in the part being read.
    columns: [Option<usize>; 5],
    width: usize,
    rows: Vec<RegistryRow>,
    findings: Vec<Finding>,
    /// Why the file as a whole cannot be read as a registry.
    fatal: Option<Error>,
    label: String,
    /// Rows must have the header's width (CSV); a sheet's rows end at their last cell.
    exact_width: bool,
    /// The optional `status` column (blank or absent: active).
    status: Option<usize>,
}

/// The names of the registry's optional status column.
const REGISTRY_STATUS: &[&str] = &["status", "สถานะ"];

fn registry_column(cell: &str) -> Option<usize> {
    let key = crate::text::trim(cell).to_lowercase();
    REGISTRY_COLUMNS.iter().position(|(_, names)| names.contains(&key.as_str()))
}

impl rows::TableSchema for RegistrySchema {
    fn header_score(&self, cells: &[String]) -> usize {
        cells.iter().filter(|c| registry_column(c).is_some()).count()
    }

    fn begin(&mut self, part: &rows::TablePart, header_row: Option<u64>, header: Option<&[String]>) {
        self.label = part.label.clone();
        self.exact_width = part.format == "csv";
        self.columns = [None; 5];
        self.status = None;
        let Some(header) = header else { return };
        let _ = header_row;
        self.width = header.len();
        self.status =
            header.iter().position(|h| REGISTRY_STATUS.contains(&crate::text::trim(h).to_lowercase().as_str()));
        for (i, cell) in header.iter().enumerate() {
            if let Some(c) = registry_column(cell)
                && let Some(slot) = self.columns.get_mut(c)
                && slot.is_none()
            {
                *slot = Some(i);
            }
        }
        if let Some((col, _)) = REGISTRY_COLUMNS.iter().zip(self.columns).find(|(_, at)| at.is_none()).map(|(c, _)| c) {
            self.fatal.get_or_insert_with(|| missing_registry_column(col));
        }
    }

    fn row(&mut self, row: u64, cells: &[String]) {
        let [Some(l), Some(c), Some(n), Some(p), Some(k)] = self.columns else { return };
        let wider = cells.len() > self.width && cells.iter().skip(self.width).any(|c| !crate::text::trim(c).is_empty());
        if wider || (self.exact_width && cells.len() != self.width) {
            self.findings.push(
                Finding::new(
                    FindingCode::FileRowShape,
                    None,
                    Some(&cells.len().to_string()),
                    Detail::both(format!("หัวตารางมี {} ช่อง", self.width), format!("the header has {}", self.width)),
                )
                .at(Some(&self.label), Some(row)),
            );
            return;
        }
        let get = |i: usize| cells.get(i).map(String::as_str).unwrap_or("").to_owned();
        self.rows.push(RegistryRow {
            row,
            level: get(l),
            code: get(c),
            name: get(n),
            parent: get(p),
            kind: get(k),
            status: self.status.map(get).unwrap_or_default(),
        });
    }

    fn other_rows(&mut self, _header_rows: u64, _blank_rows: u64) {}

    fn unreadable_row(&mut self, _row: u64, finding: Finding) {
        self.findings.push(finding);
    }

    fn finding(&mut self, finding: Finding) {
        if finding.code == FindingCode::FileUnreadable && finding.row.is_none() && self.fatal.is_none() {
            self.fatal = Some(Error::finding(
                ErrorKind::File,
                FindingCode::FileUnreadable,
                &self.label,
                Detail::both(finding.message_th.clone(), finding.message_en.clone()),
            ));
        }
        if finding.code != FindingCode::FileEncoding {
            self.findings.push(finding);
        }
    }

    fn no_table(&mut self, _part: &rows::TablePart) {
        self.fatal.get_or_insert_with(|| missing_registry_column("level"));
    }
}

fn missing_registry_column(column: &str) -> Error {
    Error::finding(
        ErrorKind::File,
        FindingCode::FileColumnMissing,
        column,
        Detail::both(
            "ทะเบียนต้องมีคอลัมน์ level,code,name,parent,kind",
            "a registry has columns level,code,name,parent,kind",
        ),
    )
}

/// Reads a registry (`level,code,name,parent,kind`, or their Thai names, in any order): a CSV
/// file in any encoding we read or, with the `xlsx` feature, a workbook (every sheet with the
/// registry's header, or `sheet`). A file that cannot be read or has no registry header is an
/// error; bad rows are findings.
pub fn read_registry_from<R: Read + Seek>(
    name: &str,
    reader: R,
    sheet: Option<&str>,
) -> Result<(Registry, Vec<Finding>)> {
    let mut schema = RegistrySchema::default();
    read_table(name, reader, sheet, &mut schema);
    if let Some(e) = schema.fatal {
        return Err(e);
    }
    let (reg, more) = Registry::from_rows(schema.rows, Some(name));
    let mut findings = schema.findings;
    findings.extend(more);
    findings.sort_by_key(|f| f.row);
    Ok((reg, findings))
}

/// Reads a registry from its bytes (CSV or workbook); see [`read_registry_from`].
pub fn read_registry(name: &str, bytes: &[u8]) -> Result<(Registry, Vec<Finding>)> {
    read_registry_from(name, std::io::Cursor::new(bytes), None)
}
