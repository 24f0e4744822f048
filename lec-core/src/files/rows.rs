//! One way in for every kind of table that is not a student file (headcount forms, the
//! registry): the same detection as student files — CSV in any encoding and delimiter we read,
//! `.xlsx` `.xls` `.ods` by content, a title block above the header, merged header rows — and
//! rows streamed to a [`TableSchema`] with their numbers as a spreadsheet shows them.
//!
//! A kind of table is a schema over this path: it says which header it recognises and what a
//! row means; the reading (and every finding about the file as a whole) happens here, once.

use super::csv;
use super::text::{self, RecordText, Sniffed};
use super::{CsvSource, TextEncoding, unreadable_finding};
use crate::finding::{Detail, Finding, FindingCode};
use std::io::Read;

/// How many non-blank rows from the top are searched for a table's header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// One part of a file that holds a table: a CSV file, or one sheet of a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePart {
    /// The file's name, with `#sheet` for a sheet of a workbook.
    pub label: String,
    /// `csv`, `xlsx`, `xls` or `ods`.
    pub format: &'static str,
    /// The text encoding of a CSV file.
    pub encoding: Option<TextEncoding>,
    /// The sheet of a workbook.
    pub sheet: Option<String>,
}

/// A kind of table read through [`super::read_table`]: its header and the meaning of its rows.
pub(crate) trait TableSchema {
    /// How many of `cells` are column names this table knows (0: not its header).
    fn header_score(&self, cells: &[String]) -> usize;
    /// The score a header needs at least (the table's required columns, say).
    fn header_threshold(&self) -> usize {
        2
    }
    /// A part begins; `header` is its header row (its number `header_row`), `None` when no row
    /// among the first ones is this table's header.
    fn begin(&mut self, part: &TablePart, header_row: Option<u64>, header: Option<&[String]>);
    /// A data row below the header (blank rows are counted, not handed over).
    fn row(&mut self, row: u64, cells: &[String]);
    /// Rows before the header (a title block) and blank rows: counted so that every row is
    /// accounted for.
    fn other_rows(&mut self, header_rows: u64, blank_rows: u64);
    /// A row that could not be read as cells (a quote never closed, bytes of no encoding):
    /// a row with errors, with the finding that says why.
    fn unreadable_row(&mut self, row: u64, finding: Finding);
    /// A finding about the part as a whole (`row` where it is known).
    fn finding(&mut self, finding: Finding);
    /// No part of the file has this table: report what its header lacks (the part is the
    /// first one with rows).
    fn no_table(&mut self, part: &TablePart);
}

/// What became of a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartOutcome {
    /// Its table was read.
    Table,
    /// It has no rows but blank ones.
    Empty,
    /// It has rows but no header of this table (how many rows).
    NoTable(u64),
}

/// The rows of one part, fed to a schema: the header searched among the first rows, blank
/// rows and title rows counted.
pub(crate) struct PartReader<'s> {
    schema: &'s mut dyn TableSchema,
    part: TablePart,
    /// Rows held while looking for the header: (number, cells).
    head: Vec<(u64, Vec<String>)>,
    non_blank: usize,
    /// The header was found (or given up on): rows go straight to the schema.
    settled: bool,
    blank_rows: u64,
    /// The last row number seen (gaps between numbers are blank rows of a sheet).
    last: u64,
    outcome: PartOutcome,
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| crate::text::trim(c).is_empty())
}

impl<'s> PartReader<'s> {
    pub(crate) fn new(schema: &'s mut dyn TableSchema, part: TablePart) -> PartReader<'s> {
        PartReader {
            schema,
            part,
            head: Vec::new(),
            non_blank: 0,
            settled: false,
            blank_rows: 0,
            last: 0,
            outcome: PartOutcome::Empty,
        }
    }

    /// Row `row` (1-based; rows skipped since the last one were blank).
    pub(crate) fn row(&mut self, row: u64, cells: &[String]) {
        self.blank_rows += row.saturating_sub(self.last + 1);
        self.last = self.last.max(row);
        if self.settled {
            if blank(cells) {
                self.blank_rows += 1;
            } else {
                self.schema.row(row, cells);
            }
            return;
        }
        if !blank(cells) {
            self.non_blank += 1;
        }
        self.head.push((row, cells.to_vec()));
        if self.non_blank >= HEADER_SEARCH_ROWS {
            self.settle();
        }
    }

    /// Finds the header among the rows held and hands the rest over.
    fn settle(&mut self) {
        self.settled = true;
        let head = std::mem::take(&mut self.head);
        let threshold = self.schema.header_threshold();
        let mut best: Option<(usize, usize, Vec<String>)> = None;
        for (i, (_, cells)) in head.iter().enumerate() {
            let one = self.schema.header_score(cells);
            if one >= threshold && best.as_ref().is_none_or(|b| one > b.1) {
                best = Some((i, one, cells.clone()));
            }
            // a header over two rows: a merged cell above names what the row below leaves blank
            if let Some((_, below)) = head.get(i + 1) {
                let joined: Vec<String> = (0..cells.len().max(below.len()))
                    .map(|c| {
                        let lower = below.get(c).map(String::as_str).unwrap_or("");
                        let upper = cells.get(c).map(String::as_str).unwrap_or("");
                        if crate::text::trim(lower).is_empty() { upper.to_owned() } else { lower.to_owned() }
                    })
                    .collect();
                let two = self.schema.header_score(&joined);
                if two >= threshold && two > one && best.as_ref().is_none_or(|b| two > b.1) {
                    best = Some((i + 1, two, joined));
                }
            }
        }
        match best {
            Some((at, _, header)) => {
                let header_row = head.get(at).map_or(0, |r| r.0);
                let above = head.iter().take(at + 1);
                let blanks = above.clone().filter(|(_, c)| blank(c)).count() as u64;
                let titles = (at as u64 + 1) - blanks;
                self.outcome = PartOutcome::Table;
                self.schema.begin(&self.part, Some(header_row), Some(&header));
                self.schema.other_rows(titles, 0);
                self.blank_rows += blanks;
                for (row, cells) in head.iter().skip(at + 1) {
                    if blank(cells) {
                        self.blank_rows += 1;
                    } else {
                        self.schema.row(*row, cells);
                    }
                }
            }
            None => {
                self.schema.begin(&self.part, None, None);
                let blanks = head.iter().filter(|(_, c)| blank(c)).count() as u64;
                let rows = head.len() as u64 - blanks;
                if rows > 0 {
                    self.outcome = PartOutcome::NoTable(rows);
                }
                self.blank_rows += blanks;
                self.schema.other_rows(rows, 0);
            }
        }
    }

    /// The part ends.
    pub(crate) fn finish(mut self) -> PartOutcome {
        if !self.settled {
            self.settle();
        }
        self.schema.other_rows(0, self.blank_rows);
        self.outcome
    }

    /// A row that could not be read as cells.
    pub(crate) fn unreadable(&mut self, row: u64, f: Finding) {
        self.blank_rows += row.saturating_sub(self.last + 1);
        self.last = self.last.max(row);
        if !self.settled {
            self.settle();
        }
        self.schema.unreadable_row(row, f);
    }

    /// A finding about the part as a whole.
    pub(crate) fn finding(&mut self, f: Finding) {
        if !self.settled {
            self.settle();
        }
        self.schema.finding(f);
    }
}

/// Reads a CSV table, streamed in chunks of complete rows.
pub(crate) fn read_csv(name: &str, reader: Box<dyn Read + '_>, schema: &mut dyn TableSchema) {
    // the default limit: a registry or a form has no policy of its own to read it under
    let mut src = CsvSource::new(reader, None, super::limit(crate::policy::FileLimits::default().max_row_bytes));
    let encoding = match text::sniff(&src.buf) {
        Sniffed::Text { bom, utf16 } => src.begin_text(bom, utf16),
        // told apart before: read_table hands over text only
        _ => src.begin_text(0, None),
    };
    let delimiter = csv::sniff(src.buf.get(..src.buf.len().min(64 * 1024)).unwrap_or_default());
    src.scanner = csv::Scanner::new(delimiter);
    src.scan();
    let mut part = PartReader::new(
        schema,
        TablePart { label: name.to_owned(), format: "csv", encoding: Some(encoding), sheet: None },
    );
    // the encoding seen in the rows: a file without a BOM that is not UTF-8 is Windows-874
    let mut seen_874 = encoding != TextEncoding::Utf8;
    if encoding != TextEncoding::Utf8 {
        part.finding(
            Finding::new(FindingCode::FileEncoding, None, Some(name), Detail::same(encoding.label()))
                .at(Some(name), None),
        );
    }
    let mut rec = csv::Record::default();
    let (mut buf, mut ends) = (String::new(), Vec::new());
    let mut cells: Vec<String> = Vec::new();
    let mut row = 0u64;
    use super::pipeline::{Input, Source};
    while let Some(input) = src.next_input() {
        // without workbooks a chunk is always CSV
        #[allow(irrefutable_let_patterns)]
        let Input::Csv(chunk) = input else { continue };
        let mut pos = 0usize;
        while pos < chunk.len() {
            pos += csv::parse_record(delimiter, chunk.get(pos..).unwrap_or_default(), &mut rec).max(1);
            row += 1;
            let (fields, kind) = text::decode(&rec, &mut buf, &mut ends);
            cells.clear();
            cells.extend(fields.iter().map(str::to_owned));
            match kind {
                RecordText::Invalid => {
                    part.unreadable(
                        row,
                        unreadable_finding(
                            name,
                            "แถวนี้ไม่ใช่ข้อความ UTF-8 หรือ Windows-874",
                            "this row is neither UTF-8 nor Windows-874 text",
                        )
                        .at(Some(name), Some(row)),
                    );
                    continue;
                }
                RecordText::Windows874 if !seen_874 => {
                    seen_874 = true;
                    part.finding(
                        Finding::new(
                            FindingCode::FileEncoding,
                            None,
                            Some(name),
                            Detail::same(TextEncoding::Windows874.label()),
                        )
                        .at(Some(name), None),
                    );
                }
                _ => {}
            }
            if rec.unclosed_quote {
                part.unreadable(
                    row,
                    unreadable_finding(
                        name,
                        "เครื่องหมายคำพูดที่เปิดในแถวนี้ไม่มีการปิด",
                        "a quote opened in this row is never closed",
                    )
                    .at(Some(name), Some(row)),
                );
                continue;
            }
            part.row(row, &cells);
        }
    }
    if src.too_long {
        part.unreadable(
            row + 1,
            Finding::new(
                FindingCode::FileRowTooLong,
                None,
                Some(&src.max_row.to_string()),
                Detail::both(
                    "นโยบาย file_limits.max_row_bytes อาจมีเครื่องหมายคำพูดที่ไม่ได้ปิด",
                    "policy file_limits.max_row_bytes; perhaps a quote that never closes",
                ),
            )
            .at(Some(name), Some(row + 1)),
        );
    }
    if let Some(e) = src.error.take() {
        part.finding(
            unreadable_finding(
                name,
                format!("อ่านไฟล์ต่อไม่ได้หลังแถวที่ {row}: {e}"),
                format!("reading stopped after row {row}: {e}"),
            )
            .at(Some(name), None),
        );
    }
    let label = part.part.clone();
    match part.finish() {
        PartOutcome::Table => {}
        PartOutcome::NoTable(_) => schema.no_table(&label),
        PartOutcome::Empty => schema.finding(
            unreadable_finding(name, "ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row").at(Some(name), None),
        ),
    }
}
