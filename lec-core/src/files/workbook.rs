//! Workbooks (`.xlsx`, `.xls`, `.ods`) through `calamine`: every sheet with a student table,
//! or the one chosen. An `.xlsx` sheet is streamed cell by cell (memory holds a few chunks of
//! rows, besides the workbook's shared strings); `.xls` and `.ods` sheets are read whole.
//!
//! Cells become text as Excel would show them, so that an ID keeps what the file holds:
//! text cells as written; whole numbers as their digits (`1234545678781`; a 12-digit one is
//! then reported as a lost leading zero); a number of 12 digits or more with at most 6
//! significant digits (`1112030000000`, what Excel makes of pasted `1.11203E+12`) in Excel's
//! scientific form `1.11203E+12`, reported as mangled — never guessed back; dates (cells Excel
//! stores as date serials) as ISO `YYYY-MM-DD`, so the era checks apply; merged cells as the
//! value of their region's first cell.

use super::cells::{CellBatch, MAX_COLUMNS, Row, data_ref};
use super::header::{self, HEADER_SEARCH_ROWS, Layout, NameIndex};
use super::pipeline::{self, Env, Input, Sink, Source};
use super::text::{RecordText, Sniffed};
use super::{ReadOptions, missing_columns, unreadable_finding};
use crate::finding::{Detail, Finding, FindingCode};
use crate::validate::Validator;
use calamine::{Cell, Data, DataRef, Dimensions, Ods, Reader, SheetType, Xls, Xlsx};
use rustc_hash::FxHashMap;
use std::collections::VecDeque;
use std::io::{Cursor, Read, Seek, SeekFrom};

/// Rows handed to a worker at a time.
const BATCH_ROWS: usize = 4096;

/// An open workbook of one of the formats.
enum Book<R: Read + Seek> {
    Xlsx(Box<Xlsx<R>>),
    Xls(Box<Xls<R>>),
    Ods(Box<Ods<R>>),
}

impl<R: Read + Seek> Book<R> {
    fn format(&self) -> &'static str {
        match self {
            Book::Xlsx(_) => "xlsx",
            Book::Xls(_) => "xls",
            Book::Ods(_) => "ods",
        }
    }

    fn sheets(&self) -> Vec<String> {
        let meta = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(b) => b.sheets_metadata(),
        };
        meta.iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect()
    }
}

/// Why a workbook cannot be opened, in the house style.
fn open_error(e: &impl std::fmt::Display) -> (String, String) {
    let detail = e.to_string().to_lowercase();
    if detail.contains("password") {
        return ("ไฟล์ถูกป้องกันด้วยรหัสผ่าน".to_owned(), "the workbook is password protected".to_owned());
    }
    (
        format!("เปิดไฟล์ Excel ไม่ได้ ไฟล์อาจไม่ครบหรือเสียหาย ({detail})"),
        format!("the workbook cannot be opened: it may be cut short or damaged ({detail})"),
    )
}

fn open<R: Read + Seek>(mut reader: R, sniffed: Sniffed) -> Result<Book<R>, (String, String)> {
    if sniffed == Sniffed::Ole {
        return Xls::new(reader).map(|b| Book::Xls(Box::new(b))).map_err(|e| open_error(&e));
    }
    // a ZIP: Excel's xlsx, or OpenDocument (its first entry is `mimetype`, stored, saying
    // `application/vnd.oasis.opendocument.…`: past the first 64 bytes)
    let mut head = [0u8; 256];
    let mut n = 0usize;
    while let Some(rest) = head.get_mut(n..).filter(|r| !r.is_empty()) {
        match reader.read(rest) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Ok(0) | Err(_) => break,
            Ok(got) => n += got,
        }
    }
    let _ = reader.seek(SeekFrom::Start(0));
    let head = head.get(..n).unwrap_or_default();
    let ods = head.windows(8).any(|w| w == b"mimetype") && head.windows(12).any(|w| w == b"opendocument");
    if ods {
        Ods::new(reader).map(|b| Book::Ods(Box::new(b))).map_err(|e| open_error(&e))
    } else {
        Xlsx::new(reader).map(|b| Book::Xlsx(Box::new(b))).map_err(|e| open_error(&e))
    }
}

/// Validates every sheet with a student table (or the one `opts.sheet` names); `size`, when
/// known, is the file's size when it was opened (`FILE_CHANGED` when reading finds another).
pub(crate) fn validate<R: Read + Seek>(
    v: &mut Validator<'_>,
    name: &str,
    reader: R,
    size: Option<u64>,
    sniffed: Sniffed,
    opts: &ReadOptions<'_>,
) {
    // the workbook readers are another crate's: a panic in one on a damaged file (the `workbook`
    // fuzz target found such a file) becomes a finding, never the caller's panic
    let run = std::panic::AssertUnwindSafe(|| read_workbook(v, name, reader, size, sniffed, opts));
    if std::panic::catch_unwind(run).is_err() {
        let file = v.begin_file(name, None);
        let (th, en) = open_error(&"the workbook reader failed on it");
        v.file_finding(file, None, unreadable_finding(name, th, en));
    }
}

fn read_workbook<R: Read + Seek>(
    v: &mut Validator<'_>,
    name: &str,
    mut reader: R,
    size: Option<u64>,
    sniffed: Sniffed,
    opts: &ReadOptions<'_>,
) {
    if sniffed != Sniffed::Zip {
        // an .xls (OLE compound file): its sector chains are checked first, since a chain
        // that loops makes the reader grow without bound
        let mut bytes = Vec::new();
        if let Err(e) = reader.read_to_end(&mut bytes) {
            let file = v.begin_file(name, None);
            let e = e.to_string().to_lowercase();
            v.file_finding(file, None, unreadable_finding(name, e.clone(), e));
            return;
        }
        if !cfb_chains_sound(&bytes) {
            let file = v.begin_file(name, None);
            let (th, en) = open_error(&"its sector chains loop or leave the file");
            v.file_finding(file, None, unreadable_finding(name, th, en));
            return;
        }
        return read_book(v, name, open(Cursor::new(bytes.as_slice()), sniffed), None, opts);
    }
    // An .xlsx sheet's merged cells come after its cells: they are found first, by a cheap scan
    // of the workbook held in memory, on another thread while calamine opens it.
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        let file = v.begin_file(name, None);
        let e = e.to_string().to_lowercase();
        v.file_finding(file, None, unreadable_finding(name, e.clone(), e));
        return;
    }
    if let Some(expected) = size
        && expected != bytes.len() as u64
    {
        // a workbook cut short or still being written: its directory cannot be trusted
        let file = v.begin_file(name, None);
        super::changed(v, file, name, expected, bytes.len() as u64);
        return;
    }
    let bytes = bytes.as_slice();
    if let Some((part, size, max)) = oversized_part(bytes, &v.context().policy.file_limits) {
        let file = v.begin_file(name, None);
        v.file_finding(
            file,
            None,
            Finding::new(
                FindingCode::FilePartTooLarge,
                None,
                Some(&part),
                Detail::both(format!("{size} ไบต์ ขีดจำกัด {max}"), format!("{size} bytes; the limit is {max}")),
            ),
        );
        return;
    }
    std::thread::scope(|scope| {
        let scan = (opts.threads > 1).then(|| scope.spawn(move || super::merges::scan(Cursor::new(bytes))));
        let book = open(Cursor::new(bytes), sniffed);
        let merges = match scan {
            Some(handle) => handle.join().ok().flatten(),
            None => super::merges::scan(Cursor::new(bytes)),
        };
        read_book(v, name, book, merges, opts);
    });
}

/// Whether an OLE compound file's allocation table is a set of chains that neither loop nor
/// share a sector nor point outside the file (each sector followed at most once: time in
/// proportion to the file). A header that cannot be read is left to the reader to report.
fn cfb_chains_sound(bytes: &[u8]) -> bool {
    const END: u32 = 0xFFFF_FFFE;
    let le32 = |b: Option<&[u8]>| b.and_then(|b| <[u8; 4]>::try_from(b).ok()).map_or(END, u32::from_le_bytes);
    let u16_at = |at: usize| bytes.get(at..at + 2).and_then(|b| <[u8; 2]>::try_from(b).ok()).map(u16::from_le_bytes);
    let u32_at = |at: usize| Some(le32(bytes.get(at..at + 4)));
    let Some(shift) = u16_at(30).filter(|s| (7..=16).contains(s)) else { return true };
    let size = 1usize << shift;
    let sectors = (bytes.len().saturating_sub(size) / size).max(1);
    // as the reader sees a sector: the bytes there, fewer at the end of the file
    let sector = |id: u32| {
        let b = bytes.get(size.saturating_add((id as usize).saturating_mul(size))..).unwrap_or_default();
        let b = b.get(..size.min(b.len())).unwrap_or_default();
        (id as usize <= sectors).then(|| b.get(..b.len() - b.len() % 4).unwrap_or_default())
    };
    // the FAT's own sectors: 109 in the header, then the DIFAT chain (each of its sectors
    // lists size/4 - 1 more and the next DIFAT sector last)
    let mut fat_sectors = Vec::new();
    const DIFSECT: u32 = 0xFFFF_FFFC;
    for i in 0..109 {
        match u32_at(76 + i * 4) {
            Some(id) if id < DIFSECT => fat_sectors.push(id),
            _ => {}
        }
    }
    let mut next = u32_at(68).unwrap_or(END);
    let mut hops = 0usize;
    while (next as usize) < sectors {
        hops += 1;
        if hops > sectors {
            return false;
        }
        let Some(data) = sector(next) else { return false };
        let per = size / 4;
        for i in 0..per - 1 {
            let id = le32(data.get(i * 4..i * 4 + 4));
            if id < DIFSECT {
                fat_sectors.push(id);
            }
        }
        next = le32(data.get(data.len().saturating_sub(4)..));
    }
    if fat_sectors.len() > sectors + 1 {
        return false;
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * size / 4);
    for id in fat_sectors {
        let Some(data) = sector(id) else { return false };
        fat.extend(data.chunks_exact(4).map(|b| le32(Some(b))));
    }
    // every chain: no sector reached twice (a loop, or two chains sharing a tail)
    let mut seen = vec![false; fat.len()];
    let mut target = vec![false; fat.len()];
    for &n in &fat {
        if let Some(t) = target.get_mut(n as usize) {
            if *t {
                return false;
            }
            *t = true;
        }
    }
    for start in 0..fat.len() {
        if target.get(start).copied().unwrap_or(true) {
            continue; // not the head of a chain
        }
        let mut at = start;
        while let Some(&n) = fat.get(at) {
            match seen.get_mut(at) {
                Some(s) if *s => return false,
                Some(s) => *s = true,
                None => return false,
            }
            if (n as usize) >= fat.len() {
                break; // end of chain, free, or a FAT sector
            }
            at = n as usize;
        }
    }
    // a sector that is some chain's target but was never reached from a head lies on a loop
    !fat.iter().enumerate().any(|(i, &n)| (n as usize) < fat.len() && !seen.get(i).copied().unwrap_or(true))
}

/// The first part of a ZIP workbook whose inflated size (as its directory says) is beyond the
/// policy's limits: its name, size and limit. A sheet of an `.xlsx` workbook is streamed
/// (`max_part_bytes`); any other part is read whole (`max_whole_part_bytes`). An unreadable
/// directory is left to the workbook reader to report.
fn oversized_part(bytes: &[u8], limits: &crate::policy::FileLimits) -> Option<(String, u64, u64)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let streamed = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let max = if streamed { limits.max_part_bytes } else { limits.max_whole_part_bytes };
        if entry.size() > max {
            return Some((name, entry.size(), max));
        }
    }
    None
}

/// Reads the sheets of an opened workbook (or reports why it could not be opened).
fn read_book<R: Read + Seek>(
    v: &mut Validator<'_>,
    name: &str,
    book: Result<Book<R>, (String, String)>,
    merges: Option<FxHashMap<String, Vec<Dimensions>>>,
    opts: &ReadOptions<'_>,
) {
    let mut book = match book {
        Ok(b) => b,
        Err((th, en)) => {
            let file = v.begin_file(name, None);
            v.file_finding(file, None, unreadable_finding(name, th, en));
            return;
        }
    };
    let format = book.format();
    let all = book.sheets();
    let chosen: Vec<String> = match &opts.sheet {
        None => all.clone(),
        Some(want) => {
            let hit = all
                .iter()
                .find(|s| *s == want)
                .or_else(|| all.iter().find(|s| s.trim().to_lowercase() == want.trim().to_lowercase()));
            match hit {
                Some(s) => vec![s.clone()],
                None => {
                    let file = v.begin_file(name, None);
                    let list = all.join(", ");
                    v.file_finding(
                        file,
                        None,
                        unreadable_finding(
                            name,
                            format!("ไม่มีแผ่นงาน `{want}` (มี {list})"),
                            format!("there is no sheet `{want}` (sheets: {list})"),
                        ),
                    );
                    return;
                }
            }
        }
    };
    if chosen.is_empty() {
        let file = v.begin_file(name, None);
        v.file_finding(file, None, unreadable_finding(name, "ไม่มีแผ่นงานในไฟล์", "the workbook has no worksheet"));
        return;
    }
    let must_read = opts.sheet.is_some();
    // sheets without a student table: (file, rows), reported at the end unless none had one
    let mut skipped: Vec<(u32, String, u64)> = Vec::new();
    let mut read_any = false;
    let mut last_file = None;
    for sheet in &chosen {
        let label = format!("{name}#{sheet}");
        let file = v.begin_file(&label, None);
        last_file = Some(file);
        if let Some(info) = v.file_info_mut(file) {
            info.format = Some(format.to_owned());
            info.sheet = Some(sheet.clone());
        }
        match read_sheet(v, &mut book, merges.as_ref(), file, &label, sheet, opts, must_read) {
            Sheet::Read => read_any = true,
            Sheet::Empty => {}
            Sheet::NoTable(rows) => skipped.push((file, sheet.clone(), rows)),
        }
    }
    if !read_any && let Some((file, sheet, _)) = skipped.first().cloned() {
        // no sheet has a student table: read the first non-empty one as if it had, so the
        // missing columns are reported as errors
        let label = format!("{name}#{sheet}");
        read_sheet(v, &mut book, merges.as_ref(), file, &label, &sheet, opts, true);
        skipped.remove(0);
    }
    if !read_any && skipped.is_empty() {
        // every sheet empty: say so, as for an empty CSV file
        if let Some(file) = last_file {
            v.file_finding(
                file,
                None,
                unreadable_finding(name, "ไฟล์ว่าง ไม่มีแผ่นงานที่มีข้อมูล", "the workbook is empty: no sheet has a row"),
            );
        }
    }
    for (file, sheet, rows) in skipped {
        v.file_finding(
            file,
            None,
            Finding::new(
                FindingCode::FileSheetSkipped,
                None,
                Some(&sheet),
                Detail::both(format!("{rows} แถว"), format!("{rows} rows")),
            ),
        );
    }
}

/// What became of a sheet.
enum Sheet {
    /// Its student table was read.
    Read,
    /// It has no rows.
    Empty,
    /// It has rows but no student table (how many rows).
    NoTable(u64),
}

/// Merged regions: every cell of one shows the value of its first cell.
#[derive(Debug, Default)]
struct Merges {
    /// By first row.
    regions: Vec<Dimensions>,
    next: usize,
    /// The regions covering the current row, with their value.
    active: Vec<(Dimensions, String)>,
}

impl Merges {
    fn new(mut regions: Vec<Dimensions>) -> Merges {
        regions.sort_by_key(|d| d.start);
        Merges { regions, next: 0, active: Vec::new() }
    }

    /// Whether a region covers row `r` (0-based; rows come in order): if not,
    /// [`Merges::apply`] would leave it as it is.
    fn any_on(&self, r: u32) -> bool {
        self.active.iter().any(|(d, _)| d.end.0 >= r) || self.regions.get(self.next).is_some_and(|d| d.start.0 <= r)
    }

    /// Fills `row` (0-based `r`) from the regions covering it.
    fn apply(&mut self, r: u32, row: &mut Row) {
        self.active.retain(|(d, _)| d.end.0 >= r);
        while let Some(d) = self.regions.get(self.next).copied() {
            if d.start.0 > r {
                break;
            }
            self.next += 1;
            if d.end.0 >= r {
                let value = if d.start.0 == r { row.get(d.start.1 as usize).to_owned() } else { String::new() };
                self.active.push((d, value));
            }
        }
        for (d, value) in &self.active {
            for c in d.start.1..=d.end.1.min(MAX_COLUMNS as u32 - 1) {
                let c = c as usize;
                if (r, c as u32) != d.start
                    && row.get(c).is_empty()
                    && !value.is_empty()
                    && let Some(slot) = row.slot(c)
                {
                    slot.push_str(value);
                }
            }
        }
    }
}

/// A sheet's rows, one at a time, with their (1-based) row numbers.
trait RowStream<'a> {
    /// Reads the next row that has cells into `row`; its number, or `None` at the end.
    fn next_row(&mut self, row: &mut Row) -> Result<Option<u64>, String>;

    /// Reads the next row that has cells into `batch` after the rows missing since row `last`
    /// (`row`: scratch space); its number, or `None` at the end. On an error `batch` is as it
    /// was.
    fn next_row_into(&mut self, row: &mut Row, batch: &mut CellBatch<'a>, last: u64) -> Result<Option<u64>, String> {
        via_row(self, row, batch, last)
    }

    /// The sheet's last row, when the file says.
    fn last_row(&self) -> Option<u64>;
}

/// [`RowStream::next_row_into`] through [`RowStream::next_row`] (merged cells filled in).
fn via_row<'a, S: RowStream<'a> + ?Sized>(
    stream: &mut S,
    row: &mut Row,
    batch: &mut CellBatch<'a>,
    last: u64,
) -> Result<Option<u64>, String> {
    let Some(n) = stream.next_row(row)? else { return Ok(None) };
    batch.gaps(last, n);
    row.push_to(batch);
    Ok(Some(n))
}

struct XlsxStream<'a, R: Read + Seek> {
    cells: calamine::XlsxCellReader<'a, R>,
    pending: Option<Cell<DataRef<'a>>>,
    merges: Merges,
    last: Option<u64>,
    /// The sheet's cells are all read (the reader must not be asked again).
    done: bool,
}

impl<'a, R: Read + Seek> XlsxStream<'a, R> {
    /// The next cell (the one put back first, if any).
    fn cell(&mut self) -> Result<Option<Cell<DataRef<'a>>>, String> {
        if let Some(c) = self.pending.take() {
            return Ok(Some(c));
        }
        if self.done {
            return Ok(None);
        }
        match self.cells.next_cell() {
            Ok(Some(c)) => Ok(Some(c)),
            Ok(None) => {
                self.done = true;
                Ok(None)
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

impl<'a, R: Read + Seek> RowStream<'a> for XlsxStream<'a, R> {
    fn next_row(&mut self, row: &mut Row) -> Result<Option<u64>, String> {
        row.clear();
        let Some(first) = self.cell()? else { return Ok(None) };
        let (r, c) = first.get_position();
        row.set_ref(c as usize, first.get_value());
        loop {
            match self.cell()? {
                Some(cell) if cell.get_position().0 == r => {
                    row.set_ref(cell.get_position().1 as usize, cell.get_value())
                }
                Some(cell) => {
                    self.pending = Some(cell);
                    break;
                }
                None => break,
            }
        }
        self.merges.apply(r, row);
        Ok(Some(u64::from(r) + 1))
    }

    /// The cells are handed over as read; a row that merged cells cover goes through
    /// [`RowStream::next_row`].
    fn next_row_into(&mut self, row: &mut Row, batch: &mut CellBatch<'a>, last: u64) -> Result<Option<u64>, String> {
        let Some(first) = self.cell()? else { return Ok(None) };
        let r = first.get_position().0;
        if self.merges.any_on(r) {
            self.pending = Some(first);
            return via_row(self, row, batch, last);
        }
        let number = u64::from(r) + 1;
        let (rows, cells) = (batch.rows.len(), batch.cells.len());
        batch.gaps(last, number);
        batch.cells.push(first);
        loop {
            match self.cell() {
                Ok(Some(cell)) if cell.get_position().0 == r => batch.cells.push(cell),
                Ok(Some(cell)) => {
                    self.pending = Some(cell);
                    break;
                }
                Ok(None) => break,
                Err(e) => {
                    batch.rows.truncate(rows);
                    batch.cells.truncate(cells);
                    return Err(e);
                }
            }
        }
        Ok(Some(number))
    }

    fn last_row(&self) -> Option<u64> {
        self.last
    }
}

struct RangeStream<'a> {
    range: &'a calamine::Range<Data>,
    next: usize,
    merges: Merges,
}

impl<'a> RowStream<'a> for RangeStream<'a> {
    fn next_row(&mut self, row: &mut Row) -> Result<Option<u64>, String> {
        row.clear();
        let Some((r0, c0)) = self.range.start() else { return Ok(None) };
        let (height, width) = self.range.get_size();
        loop {
            if self.next >= height {
                return Ok(None);
            }
            let i = self.next;
            self.next += 1;
            let mut any = false;
            for j in 0..width {
                if let Some(v) = self.range.get((i, j))
                    && *v != Data::Empty
                {
                    row.set_data(c0 as usize + j, v);
                    any = true;
                }
            }
            let r = r0 + i as u32;
            self.merges.apply(r, row);
            if any || row.len > 0 {
                return Ok(Some(u64::from(r) + 1));
            }
        }
    }

    /// The cells are handed over borrowed from the range; a row that merged cells cover goes
    /// through [`RowStream::next_row`].
    fn next_row_into(&mut self, row: &mut Row, batch: &mut CellBatch<'a>, last: u64) -> Result<Option<u64>, String> {
        let range = self.range;
        let Some((r0, c0)) = range.start() else { return Ok(None) };
        let (height, width) = range.get_size();
        while self.next < height {
            let i = self.next;
            let r = r0 + i as u32;
            if self.merges.any_on(r) {
                return via_row(self, row, batch, last);
            }
            self.next += 1;
            let value = |j: usize| range.get((i, j)).filter(|v| **v != Data::Empty);
            if !(0..width).any(|j| value(j).is_some()) {
                continue;
            }
            let number = u64::from(r) + 1;
            batch.gaps(last, number);
            for j in 0..width {
                if let Some(v) = value(j) {
                    batch.cells.push(Cell::new((r, c0 + j as u32), data_ref(v)));
                }
            }
            return Ok(Some(number));
        }
        Ok(None)
    }

    fn last_row(&self) -> Option<u64> {
        self.range.end().map(|(r, _)| u64::from(r) + 1)
    }
}

/// Opens a sheet's stream and reads it.
#[allow(clippy::too_many_arguments)]
fn read_sheet<R: Read + Seek>(
    v: &mut Validator<'_>,
    book: &mut Book<R>,
    merges: Option<&FxHashMap<String, Vec<Dimensions>>>,
    file: u32,
    label: &str,
    sheet: &str,
    opts: &ReadOptions<'_>,
    must_read: bool,
) -> Sheet {
    let fail = |v: &mut Validator<'_>, e: String| {
        let (th, en) = open_error(&e);
        v.file_finding(file, None, unreadable_finding(label, th, en));
        Sheet::Read
    };
    match book {
        Book::Xlsx(b) => {
            let regions = match merges.and_then(|m| m.get(sheet)) {
                Some(found) => found.clone(),
                None => b.merge_cells_by_sheet_name(sheet).unwrap_or_default(),
            };
            let merges = Merges::new(regions);
            let cells = match b.worksheet_cells_reader(sheet) {
                Ok(c) => c,
                Err(e) => return fail(v, e.to_string()),
            };
            let dims = cells.dimensions();
            let last = (dims.end.0 > 0 || dims.end.1 > 0).then_some(u64::from(dims.end.0) + 1);
            let mut stream = XlsxStream { cells, pending: None, merges, last, done: false };
            read_rows(v, file, label, &mut stream, opts, must_read)
        }
        Book::Xls(b) => {
            let merges = Merges::new(b.merge_cells_by_sheet_name(sheet).unwrap_or_default());
            match b.worksheet_range(sheet) {
                Ok(range) => {
                    read_rows(v, file, label, &mut RangeStream { range: &range, next: 0, merges }, opts, must_read)
                }
                Err(e) => fail(v, e.to_string()),
            }
        }
        Book::Ods(b) => match b.worksheet_range(sheet) {
            Ok(range) => read_rows(
                v,
                file,
                label,
                &mut RangeStream { range: &range, next: 0, merges: Merges::default() },
                opts,
                must_read,
            ),
            Err(e) => fail(v, e.to_string()),
        },
    }
}

/// Feeds a sheet's rows after the header to the pipeline.
struct SheetSource<'s, 'a> {
    stream: &'s mut dyn RowStream<'a>,
    row: Row,
    /// Rows read while looking for the header, not yet handed over.
    head: VecDeque<(u64, Vec<String>)>,
    last: u64,
    read: u64,
    error: Option<String>,
}

impl<'a> Source<'a> for SheetSource<'_, 'a> {
    fn next_input(&mut self) -> Option<Input<'a>> {
        let mut batch = CellBatch::default();
        while batch.len() < BATCH_ROWS {
            let number = if let Some((n, cells)) = self.head.pop_front() {
                batch.gaps(self.last, n);
                for (c, text) in cells.into_iter().enumerate() {
                    batch.cells.push(Cell::new((0, c as u32), DataRef::String(text)));
                }
                n
            } else {
                match self.stream.next_row_into(&mut self.row, &mut batch, self.last) {
                    Ok(Some(n)) => n,
                    Ok(None) => break,
                    Err(e) => {
                        self.error = Some(e);
                        break;
                    }
                }
            };
            batch.end_row(number);
            self.last = number;
            self.read = number;
        }
        (batch.len() > 0).then_some(Input::Cells(batch))
    }

    fn progress(&self) -> (u64, Option<u64>) {
        (self.read, self.stream.last_row())
    }

    fn unit(&self) -> super::ProgressUnit {
        super::ProgressUnit::Rows
    }
}

fn read_rows<'a>(
    v: &mut Validator<'_>,
    file: u32,
    label: &str,
    stream: &mut dyn RowStream<'a>,
    opts: &ReadOptions<'_>,
    must_read: bool,
) -> Sheet {
    // the head: the first rows, to find the header in
    let mut row = Row::default();
    let mut head: Vec<(u64, Vec<String>)> = Vec::new();
    let mut non_blank = 0usize;
    let mut error = None;
    while non_blank < HEADER_SEARCH_ROWS {
        match stream.next_row(&mut row) {
            Ok(Some(n)) => {
                let cells: Vec<String> = row.iter().map(str::to_owned).collect();
                if cells.iter().any(|c| !crate::text::trim(c).is_empty()) {
                    non_blank += 1;
                }
                head.push((n, cells));
            }
            Ok(None) => break,
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let blank = |cells: &[String]| cells.iter().all(|c| crate::text::trim(c).is_empty());
    let rows_only: Vec<Vec<String>> = head.iter().map(|(_, c)| c.clone()).collect();
    let found = header::find(&rows_only);
    let (at, span) = match found {
        Some(x) => x,
        None if non_blank == 0 && error.is_none() => return Sheet::Empty,
        None if !must_read => {
            // count its rows for the report, reading the rest
            let mut rows = head.last().map_or(0, |(n, _)| *n);
            while let Ok(Some(n)) = stream.next_row(&mut row) {
                rows = n;
            }
            return Sheet::NoTable(rows);
        }
        None => match head.iter().position(|(_, c)| !blank(c)) {
            Some(i) => (i, 1),
            None => {
                if let Some(e) = error {
                    let (th, en) = open_error(&e);
                    v.file_finding(file, None, unreadable_finding(label, th, en));
                }
                return Sheet::Read;
            }
        },
    };
    let header_row = head.get(at + span - 1).map_or(0, |(n, _)| *n);
    let before = head.iter().take(at).filter(|(_, c)| !blank(c)).count() as u64;
    if let Some(info) = v.file_info_mut(file) {
        info.header_row = Some(header_row);
        info.header_rows = before + span as u64;
    }
    // blank rows above the header, written or not
    let first_header = head.get(at).map_or(1, |(n, _)| *n);
    for _ in 0..(first_header - 1).saturating_sub(before) {
        v.blank_row(file);
    }
    let layout = Layout::new(rows_only.get(at..at + span).unwrap_or_default());
    missing_columns(v, file, header_row, &layout);
    // the sheet's size (when it says) tells about how many records: room for them at once
    if let Some(last) = stream.last_row() {
        v.reserve(usize::try_from(last.saturating_sub(header_row)).unwrap_or(0).min(4 << 20));
    }
    let names = NameIndex::new(if layout.by_name() { v.context().registry } else { None });
    let ctx = *v.context();
    let env = Env { ctx, layout: &layout, delimiter: b',', names: &names, name: label, check_shape: false };
    let mut source = SheetSource {
        stream,
        row,
        head: head.into_iter().skip(at + span).collect(),
        last: header_row,
        read: header_row,
        error,
    };
    let mut sink = Sink::new(file, label, 0, Some(RecordText::Utf8));
    pipeline::run(v, &env, opts, &mut source, &mut sink);
    if let Some(e) = source.error {
        let (th, en) = open_error(&e);
        v.file_finding(
            file,
            None,
            unreadable_finding(
                label,
                format!("อ่านได้ถึงแถวที่ {} แล้ว{th}", source.last),
                format!("read up to row {}, then {en}", source.last),
            ),
        );
    }
    Sheet::Read
}

/// Reads every sheet of a workbook (or the one `sheet` names) as a table of `schema`: the
/// one way in for headcount forms and registries kept as workbooks.
pub(crate) fn read_table<R: Read + Seek>(
    name: &str,
    reader: R,
    sniffed: Sniffed,
    sheet: Option<&str>,
    schema: &mut dyn super::rows::TableSchema,
) {
    use super::rows::{PartOutcome, PartReader, TablePart};
    let whole = |schema: &mut dyn super::rows::TableSchema, th: String, en: String| {
        let part = TablePart { label: name.to_owned(), format: "xlsx", encoding: None, sheet: None };
        schema.begin(&part, None, None);
        schema.finding(unreadable_finding(name, th, en).at(Some(name), None));
    };
    let mut book = match open(reader, sniffed) {
        Ok(b) => b,
        Err((th, en)) => return whole(schema, th, en),
    };
    let format = book.format();
    let all = book.sheets();
    let chosen: Vec<String> = match sheet {
        None => all.clone(),
        Some(want) => match all
            .iter()
            .find(|s| *s == want)
            .or_else(|| all.iter().find(|s| s.trim().to_lowercase() == want.trim().to_lowercase()))
        {
            Some(s) => vec![s.clone()],
            None => {
                let list = all.join(", ");
                return whole(
                    schema,
                    format!("ไม่มีแผ่นงาน `{want}` (มี {list})"),
                    format!("there is no sheet `{want}` (sheets: {list})"),
                );
            }
        },
    };
    if chosen.is_empty() {
        return whole(schema, "ไม่มีแผ่นงานในไฟล์".to_owned(), "the workbook has no worksheet".to_owned());
    }
    let mut outcomes: Vec<(TablePart, PartOutcome)> = Vec::new();
    for sheet in &chosen {
        let label = format!("{name}#{sheet}");
        let part = TablePart { label: label.clone(), format, encoding: None, sheet: Some(sheet.clone()) };
        let mut reader = PartReader::new(schema, part.clone());
        let mut row = Row::default();
        let mut feed = |stream: &mut dyn RowStream<'_>, reader: &mut PartReader<'_>| loop {
            match stream.next_row(&mut row) {
                Ok(Some(n)) => {
                    let cells: Vec<String> = row.iter().map(str::to_owned).collect();
                    reader.row(n, &cells);
                }
                Ok(None) => break,
                Err(e) => {
                    let (th, en) = open_error(&e);
                    reader.finding(unreadable_finding(&label, th, en).at(Some(&label), None));
                    break;
                }
            }
        };
        let opened: Result<(), String> = match &mut book {
            Book::Xlsx(b) => {
                let merges = Merges::new(b.merge_cells_by_sheet_name(sheet).unwrap_or_default());
                match b.worksheet_cells_reader(sheet) {
                    Ok(cells) => {
                        let mut stream = XlsxStream { cells, pending: None, merges, last: None, done: false };
                        feed(&mut stream, &mut reader);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            Book::Xls(b) => {
                let merges = Merges::new(b.merge_cells_by_sheet_name(sheet).unwrap_or_default());
                match b.worksheet_range(sheet) {
                    Ok(range) => {
                        feed(&mut RangeStream { range: &range, next: 0, merges }, &mut reader);
                        Ok(())
                    }
                    Err(e) => Err(e.to_string()),
                }
            }
            Book::Ods(b) => match b.worksheet_range(sheet) {
                Ok(range) => {
                    feed(&mut RangeStream { range: &range, next: 0, merges: Merges::default() }, &mut reader);
                    Ok(())
                }
                Err(e) => Err(e.to_string()),
            },
        };
        if let Err(e) = opened {
            let (th, en) = open_error(&e);
            reader.finding(unreadable_finding(&label, th, en).at(Some(&label), None));
        }
        outcomes.push((part, reader.finish()));
    }
    let any_table = outcomes.iter().any(|(_, o)| *o == PartOutcome::Table);
    let mut reported_missing = any_table;
    for (part, outcome) in &outcomes {
        if let PartOutcome::NoTable(rows) = outcome {
            if reported_missing {
                let sheet = part.sheet.as_deref().unwrap_or("");
                schema.finding(
                    Finding::new(
                        FindingCode::FileSheetSkipped,
                        None,
                        Some(sheet),
                        Detail::both(format!("{rows} แถว"), format!("{rows} rows")),
                    )
                    .at(Some(&part.label), None),
                );
            } else {
                reported_missing = true;
                schema.no_table(part);
            }
        }
    }
    if outcomes.iter().all(|(_, o)| *o == PartOutcome::Empty) {
        schema.finding(
            unreadable_finding(name, "ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row").at(Some(name), None),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::cells::{RowCells, render_number};
    use super::*;

    fn num(v: f64) -> String {
        let mut s = String::new();
        render_number(v, &mut s);
        s
    }

    #[test]
    fn workers_render_cells_as_the_row_reader_does() {
        let text = |s: &str| DataRef::String(s.to_owned());
        let cases: Vec<Vec<(u32, DataRef<'_>)>> = vec![
            vec![(0, text("a")), (1, DataRef::Float(1112030000000.0)), (2, DataRef::Int(7))],
            // gaps, an empty cell at the end, a cell beyond the last column
            vec![(1, text("b")), (4, DataRef::SharedString("c")), (6, DataRef::Empty), (20_000, text("far"))],
            // out of order, and a column given twice
            vec![(3, text("d")), (1, text("e")), (3, text("f")), (0, DataRef::Bool(true))],
            vec![],
        ];
        let mut cells = RowCells::default();
        for case in cases {
            let mut row = Row::default();
            let list: Vec<Cell<DataRef<'_>>> = case.into_iter().map(|(c, v)| Cell::new((4, c), v)).collect();
            for cell in &list {
                row.set_ref(cell.get_position().1 as usize, cell.get_value());
            }
            cells.render(&list);
            let mut start = 0;
            let rendered: Vec<&str> = cells
                .ends
                .iter()
                .map(|&e| {
                    let t = &cells.text[start..e];
                    start = e;
                    t
                })
                .collect();
            assert_eq!(rendered, row.iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(num(1234545678781.0), "1234545678781");
        assert_eq!(num(123454567878.0), "123454567878");
        assert_eq!(num(1112030000000.0), "1.11203E+12");
        assert_eq!(num(3058200001.0), "3058200001");
        assert_eq!(num(1.5), "1.5");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(0.0), "0");
    }
}
