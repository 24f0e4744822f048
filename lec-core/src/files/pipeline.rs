//! Checking rows in parallel chunks with a deterministic result.
//!
//! The reading thread cuts the input into chunks at row boundaries; worker threads parse and
//! check each chunk's rows (every rule of one record); the reading thread takes the results
//! back in input order and does what needs the data set as a whole (duplicates, counts, the
//! list of findings). The output is the same for any number of threads, and memory holds a few
//! chunks at a time.

use super::csv::{LineSplitter, Record, parse_record};
use super::header::{Layout, NameIndex, Resolved};
use super::text::{Fields, RecordText, decode};
use super::{Progress, ProgressUnit, ReadOptions};
use crate::finding::{Detail, Finding, FindingCode};
use crate::policy::FileLimits;
use crate::record::{Context, Field, RecordView};
use crate::text::trim;
use crate::validate::{Outcome, Validator, check_record};
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Rows to check, as the reading thread hands them over.
#[derive(Debug)]
pub(crate) enum Input<'a> {
    /// CSV bytes starting at a row boundary and ending at one (or at the end of the file).
    Csv(Vec<u8>),
    /// A workbook's rows as its reader gave their cells (text borrowed from the workbook's
    /// shared strings): the workers turn them into text.
    #[cfg(feature = "xlsx")]
    Cells(super::cells::CellBatch<'a>),
    /// (Without workbooks, nothing borrows.)
    #[cfg(not(feature = "xlsx"))]
    #[allow(dead_code)]
    Never(std::marker::PhantomData<&'a ()>, std::convert::Infallible),
}

/// What the workers share.
#[derive(Debug)]
pub(crate) struct Env<'e> {
    pub(crate) ctx: Context<'e>,
    pub(crate) layout: &'e Layout,
    pub(crate) delimiter: u8,
    pub(crate) names: &'e NameIndex,
    /// The file's name, for the findings about its rows.
    pub(crate) name: &'e str,
    /// Whether rows are CSV rows (which must have as many cells as the header).
    pub(crate) check_shape: bool,
}

/// One checked row.
#[derive(Debug)]
pub(crate) struct RowOut {
    /// Its number: within the chunk for CSV input (from 1), the sheet's for rows.
    pub(crate) row: u64,
    pub(crate) outcome: Outcome,
    /// Where its findings end in [`Output::findings`].
    pub(crate) findings_end: usize,
    pub(crate) text: RecordText,
    /// How many rows it stands for: a run of blank ASCII rows is one entry (a file of line
    /// breaks takes a few bytes per chunk, not one entry per line).
    pub(crate) run: u64,
}

/// A checked chunk.
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub(crate) rows: Vec<RowOut>,
    pub(crate) findings: Vec<Finding>,
    /// Whether row numbers count from the chunk's start (CSV) rather than being the sheet's.
    pub(crate) relative: bool,
    /// Findings about the chunk as a whole (something went wrong checking it).
    pub(crate) failed: Option<Finding>,
}

/// A worker's reusable buffers.
#[derive(Default)]
struct Scratch {
    rec: Record,
    buf: String,
    ends: Vec<usize>,
    row: RowScratch,
}

#[derive(Default)]
struct RowScratch {
    institution: String,
    last_name: Option<(String, String, Resolved)>,
    /// The chunk holds a NUL byte somewhere: rows are looked at for one.
    nul: bool,
}

/// Checks the rows of one chunk.
pub(crate) fn work(input: Input<'_>, env: &Env<'_>) -> Output {
    let mut s = Scratch::default();
    let mut out = Output::default();
    match input {
        Input::Csv(bytes) => {
            out.relative = true;
            s.row.nul = bytes.contains(&0);
            // about a row per 100 bytes (a student row is 80 to 150): no growing on the way
            out.rows.reserve(bytes.len() / 100 + 16);
            match utf8(&bytes) {
                // UTF-8 throughout (so is every record in it): lines without quotes are read in
                // place, the others by the parser
                Some(text) => work_text(text, env, &mut s, &mut out),
                None => {
                    let mut pos = 0usize;
                    let mut row = 0u64;
                    while pos < bytes.len() {
                        let rest = bytes.get(pos..).unwrap_or_default();
                        pos += parse_record(env.delimiter, rest, &mut s.rec).max(1);
                        row += 1;
                        let (fields, text) = decode(&s.rec, &mut s.buf, &mut s.ends);
                        check_row(&fields, s.rec.unclosed_quote, text, row, env, &mut s.row, &mut out);
                    }
                }
            }
        }
        #[cfg(feature = "xlsx")]
        Input::Cells(batch) => {
            out.rows.reserve(batch.len());
            let mut cells = super::cells::RowCells::default();
            for (row, list) in batch.rows() {
                cells.render(list);
                let fields = Fields::new(&cells.text, 0, &cells.ends);
                check_row(&fields, false, RecordText::Utf8, row, env, &mut s.row, &mut out);
            }
        }
        #[cfg(not(feature = "xlsx"))]
        Input::Never(_, never) => match never {},
    }
    out
}

/// The bytes as text when they are UTF-8 throughout. (`encoding_rs` checks with SIMD: several
/// times faster than `std::str::from_utf8` on Thai text.)
fn utf8(bytes: &[u8]) -> Option<&str> {
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        std::borrow::Cow::Borrowed(text) => Some(text),
        // never for UTF-8 input; checking it again keeps the answer right whatever the crate does
        std::borrow::Cow::Owned(_) => std::str::from_utf8(bytes).ok(),
    }
}

/// Checks the rows of a chunk of CSV that is UTF-8 throughout: a line without quotes is split
/// in place (no copy, no second look at its text); one with quotes goes through the parser.
/// Both read a line the same way.
fn work_text(text: &str, env: &Env<'_>, s: &mut Scratch, out: &mut Output) {
    let bytes = text.as_bytes();
    let splitter = LineSplitter::new(env.delimiter);
    let mut pos = 0usize;
    let mut row = 0u64;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        row += 1;
        if let Some((used, ascii)) = splitter.split(rest, pos, &mut s.ends) {
            let fields = Fields::delimited(text, pos, &s.ends);
            let kind = if ascii { RecordText::Ascii } else { RecordText::Utf8 };
            check_row(&fields, false, kind, row, env, &mut s.row, out);
            pos += used.max(1);
        } else {
            pos += parse_record(env.delimiter, rest, &mut s.rec).max(1);
            let (fields, kind) = decode(&s.rec, &mut s.buf, &mut s.ends);
            check_row(&fields, s.rec.unclosed_quote, kind, row, env, &mut s.row, out);
        }
    }
}

/// Checks one row: whether it can be read as a record, then the record's rules.
fn check_row(
    fields: &Fields<'_>,
    unclosed_quote: bool,
    text: RecordText,
    row: u64,
    env: &Env<'_>,
    s: &mut RowScratch,
    out: &mut Output,
) {
    let unreadable = |th: &str, en: &str| {
        Finding::new(FindingCode::FileUnreadable, None, Some(env.name), Detail::both(th.to_owned(), en.to_owned()))
    };
    let layout = env.layout;
    let outcome = if let Some(f) = row_limits(fields, &env.ctx.policy.file_limits, s.nul) {
        out.findings.push(f);
        Outcome::Unreadable
    } else if text == RecordText::Invalid {
        out.findings
            .push(unreadable("แถวนี้ไม่ใช่ข้อความ UTF-8 หรือ Windows-874", "this row is neither UTF-8 nor Windows-874 text"));
        Outcome::Unreadable
    } else if fields.is_blank() {
        Outcome::Blank
    } else if unclosed_quote {
        out.findings.push(unreadable(
            "เครื่องหมายคำพูดที่เปิดในแถวนี้ไม่มีการปิด ข้อมูลที่เหลือทั้งไฟล์ถูกอ่านเป็นช่องเดียว",
            "a quote opened in this row is never closed: the rest of the file was read as one cell",
        ));
        Outcome::Unreadable
    } else if !layout.missing.is_empty() {
        // the file finding explains it: every row counts as a record with errors
        Outcome::Unreadable
    } else if env.check_shape && fields.len() != layout.width {
        let width = layout.width;
        out.findings.push(Finding::new(
            FindingCode::FileRowShape,
            None,
            Some(&fields.len().to_string()),
            Detail::both(format!("หัวตารางมี {width} ช่อง"), format!("the header has {width}")),
        ));
        Outcome::Unreadable
    } else {
        let mut view = RecordView::default();
        for (slot, col) in view.fields.iter_mut().zip(layout.map.iter()) {
            *slot = col.map(|c| fields.get(c).unwrap_or(""));
        }
        let code_slot = Field::InstitutionCode as usize;
        let code_blank = view.fields.get(code_slot).copied().flatten().is_none_or(|c| trim(c).is_empty());
        if layout.by_name() && code_blank {
            let (name, lao) = layout.names(fields);
            if let Some(name) = name.filter(|n| !trim(n).is_empty()) {
                let lao_text = lao.unwrap_or("");
                let resolved = match &s.last_name {
                    Some((n, l, r)) if n == name && l == lao_text => *r,
                    _ => {
                        let r = env.names.resolve(name, lao);
                        s.last_name = Some((name.to_owned(), lao_text.to_owned(), r));
                        r
                    }
                };
                match resolved {
                    Resolved::Code(code) => {
                        s.institution.clear();
                        s.institution.push_str(&code.digits());
                        if let Some(slot) = view.fields.get_mut(code_slot) {
                            *slot = Some(s.institution.as_str());
                        }
                    }
                    Resolved::Unresolved(why) => view.unresolved_institution = Some((name, why)),
                }
            }
        }
        check_record(&view, &env.ctx, &mut out.findings)
    };
    if matches!(outcome, Outcome::Blank)
        && text == RecordText::Ascii
        && let Some(last) = out.rows.last_mut()
        && matches!(last.outcome, Outcome::Blank)
        && last.text == RecordText::Ascii
        && last.findings_end == out.findings.len()
        && last.row + last.run == row
    {
        last.run += 1;
        return;
    }
    out.rows.push(RowOut { row, outcome, findings_end: out.findings.len(), text, run: 1 });
}

/// Whether a row's cells keep to the policy's file limits (columns, cell size) and are text
/// (no NUL byte, looked for when `nul_possible`): the finding of the first breach. Every table
/// read from a file goes through it.
pub(crate) fn row_limits(fields: &Fields<'_>, limits: &FileLimits, nul_possible: bool) -> Option<Finding> {
    let width = fields.len();
    if width as u64 > limits.max_columns {
        let max = limits.max_columns;
        return Some(Finding::new(
            FindingCode::FileTooManyColumns,
            None,
            Some(&width.to_string()),
            Detail::both(format!("ขีดจำกัด {max} ช่อง"), format!("the limit is {max}")),
        ));
    }
    let long = fields.span() as u64 > limits.max_cell_bytes;
    if !long && !nul_possible {
        return None;
    }
    for (i, cell) in fields.iter().enumerate() {
        if cell.len() as u64 > limits.max_cell_bytes {
            let (max, len) = (limits.max_cell_bytes, cell.len());
            return Some(Finding::new(
                FindingCode::FileCellTooLong,
                None,
                Some(&(i + 1).to_string()),
                Detail::both(format!("ยาว {len} ไบต์ ขีดจำกัด {max}"), format!("{len} bytes; the limit is {max}")),
            ));
        }
        if nul_possible && cell.contains('\0') {
            return Some(Finding::new(
                FindingCode::FileNulByte,
                None,
                Some(&(i + 1).to_string()),
                Detail::both("ไฟล์อาจเสียหายหรือเป็นไฟล์ไบนารี", "the file may be damaged or binary"),
            ));
        }
    }
    None
}

/// The reading side of the pipeline.
pub(crate) trait Source<'a> {
    /// The next chunk, or `None` at the end (or when reading failed: the source keeps why).
    fn next_input(&mut self) -> Option<Input<'a>>;
    /// How far reading has got, in the source's unit (bytes or rows), and of how much if known.
    fn progress(&self) -> (u64, Option<u64>);
    /// The unit of [`Source::progress`].
    fn unit(&self) -> ProgressUnit;
}

/// The merging side: takes checked chunks back in order into the validator.
#[derive(Debug)]
pub(crate) struct Sink<'s> {
    pub(crate) file: u32,
    pub(crate) name: &'s str,
    /// Rows before the next CSV chunk.
    pub(crate) base: u64,
    /// The encoding most records were read in, once a non-ASCII one came (`None` before).
    pub(crate) decided: Option<RecordText>,
    mixed: bool,
}

impl<'s> Sink<'s> {
    /// A sink for `file`, its rows numbered after `base`; `decided` when the encoding is known
    /// from a byte-order mark.
    pub(crate) fn new(file: u32, name: &'s str, base: u64, decided: Option<RecordText>) -> Sink<'s> {
        Sink { file, name, base, decided, mixed: false }
    }

    /// Notes how a row's bytes read: the first non-ASCII row decides the file's encoding; a
    /// row read otherwise afterwards is reported once.
    pub(crate) fn note_text(&mut self, v: &mut Validator<'_>, text: RecordText, row: u64) {
        let label = |t: RecordText| if t == RecordText::Windows874 { "windows-874" } else { "utf-8" };
        if !matches!(text, RecordText::Utf8 | RecordText::Windows874) {
            return;
        }
        match self.decided {
            None => {
                self.decided = Some(text);
                if text == RecordText::Windows874 {
                    if let Some(info) = v.file_info_mut(self.file) {
                        info.encoding = Some(label(text).to_owned());
                    }
                    v.file_finding(
                        self.file,
                        None,
                        Finding::new(FindingCode::FileEncoding, None, Some(self.name), Detail::same(label(text))),
                    );
                }
            }
            Some(main) if main != text && !self.mixed => {
                self.mixed = true;
                let (this, other) = (label(text), label(main));
                v.file_finding(
                    self.file,
                    Some(row),
                    Finding::new(
                        FindingCode::FileEncoding,
                        None,
                        Some(self.name),
                        Detail::both(
                            format!("{this} ในแถวนี้ ส่วนไฟล์เป็น {other}"),
                            format!("{this} for this row, while the file is {other}"),
                        ),
                    ),
                );
            }
            Some(_) => {}
        }
    }

    /// Takes a checked chunk in.
    fn take(&mut self, v: &mut Validator<'_>, out: Output) {
        if let Some(f) = out.failed {
            v.file_finding(self.file, None, f);
        }
        let base = if out.relative { self.base } else { 0 };
        let mut findings = out.findings.into_iter();
        let mut prev = 0usize;
        let mut rows = 0u64;
        // the duplicate index's lines for a few dozen rows are fetched together (their cache
        // misses overlap), then the rows are merged one by one
        for batch in out.rows.chunks(WARM_ROWS) {
            v.warm(batch.iter().filter_map(|r| match r.outcome {
                Outcome::Record { removed: false, person, .. } => person,
                _ => None,
            }));
            for r in batch {
                let n = r.findings_end.saturating_sub(prev);
                prev = r.findings_end;
                let row = base + r.row;
                self.note_text(v, r.text, row);
                v.merge(self.file, row, r.outcome, findings.by_ref().take(n));
                for _ in 1..r.run {
                    v.blank_row(self.file);
                }
                rows += r.run;
            }
        }
        if out.relative {
            self.base += rows;
        }
    }
}

/// Rows whose duplicate-index lines are fetched together.
const WARM_ROWS: usize = 32;

fn internal_error(name: &str) -> Output {
    Output {
        failed: Some(Finding::new(
            FindingCode::FileUnreadable,
            None,
            Some(name),
            Detail::both(
                "ข้อผิดพลาดภายใน: ตรวจบางส่วนของไฟล์ไม่ได้",
                "internal error: part of the file could not be checked",
            ),
        )),
        ..Output::default()
    }
}

/// Runs the pipeline over `source` with `opts.threads` threads (1: all on this one).
///
/// With more: this thread reads and cuts chunks; `threads - 1` workers check them, and this
/// thread too whenever the workers have a chunk waiting (so no more threads work than there
/// are cores); a merging thread takes the results back in input order into the validator.
pub(crate) fn run<'a>(
    v: &mut Validator<'_>,
    env: &Env<'_>,
    opts: &ReadOptions<'_>,
    source: &mut dyn Source<'a>,
    sink: &mut Sink<'_>,
) {
    let report = |(done, total): (u64, Option<u64>), unit: ProgressUnit| {
        if let Some(p) = opts.progress {
            p(Progress { file: env.name, done, total, unit });
        }
    };
    let guarded = |input: Input<'a>| {
        std::panic::catch_unwind(AssertUnwindSafe(|| work(input, env))).unwrap_or_else(|_| internal_error(env.name))
    };
    let unit = source.unit();
    if opts.threads <= 1 {
        while let Some(input) = source.next_input() {
            sink.take(v, guarded(input));
            report(source.progress(), unit);
        }
        return;
    }
    type Done = (u64, Output, (u64, Option<u64>));
    let (work_tx, work_rx) = mpsc::channel::<(u64, Input<'a>, (u64, Option<u64>))>();
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    // chunks handed to workers and not yet taken by one
    let queued = AtomicUsize::new(0);
    // chunks read and not yet merged: the reading thread waits when there are too many
    let unmerged = (Mutex::new(0usize), Condvar::new());
    let max_unmerged = opts.threads * 4 + 4;
    std::thread::scope(|scope| {
        let merger = {
            let (v, sink, unmerged) = (&mut *v, &mut *sink, &unmerged);
            scope.spawn(move || {
                let mut waiting: BTreeMap<u64, (Output, (u64, Option<u64>))> = BTreeMap::new();
                let mut next = 0u64;
                for (seq, out, progress) in done_rx {
                    waiting.insert(seq, (out, progress));
                    while let Some((out, progress)) = waiting.remove(&next) {
                        sink.take(v, out);
                        next += 1;
                        report(progress, unit);
                        if let Ok(mut n) = unmerged.0.lock() {
                            *n = n.saturating_sub(1);
                            unmerged.1.notify_one();
                        }
                    }
                }
            })
        };
        let mut workers = Vec::new();
        for _ in 1..opts.threads {
            let (done_tx, work_rx, queued, guarded) = (done_tx.clone(), &work_rx, &queued, &guarded);
            workers.push(scope.spawn(move || {
                loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, input, progress)) = next else { return };
                    queued.fetch_sub(1, Ordering::Relaxed);
                    if done_tx.send((seq, guarded(input), progress)).is_err() {
                        return;
                    }
                }
            }));
        }
        let mut seq = 0u64;
        while let Some(input) = source.next_input() {
            let progress = source.progress();
            if let Ok(mut n) = unmerged.0.lock() {
                while *n >= max_unmerged {
                    match unmerged.1.wait(n) {
                        Ok(guard) => n = guard,
                        Err(_) => return,
                    }
                }
                *n += 1;
            }
            if queued.load(Ordering::Relaxed) < opts.threads - 1 {
                queued.fetch_add(1, Ordering::Relaxed);
                if let Err(mpsc::SendError((seq, input, progress))) = work_tx.send((seq, input, progress)) {
                    // no worker left: check it here
                    queued.fetch_sub(1, Ordering::Relaxed);
                    let _ = done_tx.send((seq, guarded(input), progress));
                }
            } else {
                // the workers have enough waiting: check this chunk here
                let _ = done_tx.send((seq, guarded(input), progress));
            }
            seq += 1;
        }
        drop(work_tx);
        drop(done_tx);
        for w in workers {
            let _ = w.join();
        }
        let _ = merger.join();
    });
}
