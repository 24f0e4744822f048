//! A workbook's cells as text, as Excel shows them: rows of cells by column, the batches of
//! cells handed to the workers and how a worker renders them. The pipeline and the workbook
//! reader both use these; neither names the other's types.

use calamine::{Cell, Data, DataRef};
use std::fmt::Write as _;

/// Columns read (Excel's limit): a cell further right is no student column.
pub(super) const MAX_COLUMNS: usize = 16_384;

/// One row's cells as text, by column.
#[derive(Debug, Default)]
pub(super) struct Row {
    pub(super) cells: Vec<String>,
    pub(super) len: usize,
}

impl Row {
    pub(super) fn clear(&mut self) {
        for c in self.cells.iter_mut().take(self.len) {
            c.clear();
        }
        self.len = 0;
    }

    pub(super) fn slot(&mut self, col: usize) -> Option<&mut String> {
        // a cell far to the right of every student column is not needed; cap the width
        if col >= MAX_COLUMNS {
            return None;
        }
        while self.cells.len() <= col {
            self.cells.push(String::new());
        }
        self.len = self.len.max(col + 1);
        let slot = self.cells.get_mut(col)?;
        slot.clear();
        Some(slot)
    }

    pub(super) fn get(&self, col: usize) -> &str {
        self.cells.get(col).filter(|_| col < self.len).map_or("", String::as_str)
    }

    pub(super) fn set_ref(&mut self, col: usize, value: &DataRef<'_>) {
        if let Some(slot) = self.slot(col) {
            render_ref(value, slot);
        }
    }

    pub(super) fn set_data(&mut self, col: usize, value: &Data) {
        if let Some(slot) = self.slot(col) {
            render_data(value, slot);
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &str> {
        self.cells.iter().take(self.len).map(String::as_str)
    }

    /// Hands the row's cells over as text cells (a row read the slow way).
    pub(super) fn push_to(&self, batch: &mut CellBatch<'_>) {
        for (c, text) in self.iter().enumerate() {
            batch.cells.push(Cell::new((0, c as u32), DataRef::String(text.to_owned())));
        }
    }
}

/// Rows of a sheet as its reader gave them, for a worker: each row's cells in the order read,
/// with their columns (text borrowed from the workbook where it can be). Turning them into
/// text is the workers' job, not the reading thread's.
#[derive(Debug, Default)]
pub(crate) struct CellBatch<'a> {
    pub(super) cells: Vec<Cell<DataRef<'a>>>,
    /// Each row: its number and where its cells end in `cells`.
    pub(super) rows: Vec<(u64, usize)>,
}

impl<'a> CellBatch<'a> {
    /// Ends a row whose cells were pushed.
    pub(super) fn end_row(&mut self, row: u64) {
        self.rows.push((row, self.cells.len()));
    }

    /// The rows without cells after row `last` and before row `next`.
    pub(super) fn gaps(&mut self, last: u64, next: u64) {
        for gap in last + 1..next {
            self.end_row(gap);
        }
    }

    /// The number of rows.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }

    /// Each row: its number and its cells.
    pub(crate) fn rows(&self) -> impl Iterator<Item = (u64, &[Cell<DataRef<'a>>])> + '_ {
        let mut start = 0usize;
        self.rows.iter().map(move |&(row, end)| {
            let cells = self.cells.get(start..end).unwrap_or_default();
            start = end;
            (row, cells)
        })
    }
}

/// A worker's text of one row: its cells by column, one after the other in `text`.
#[derive(Debug, Default)]
pub(crate) struct RowCells {
    pub(crate) text: String,
    /// Where each cell ends in `text`.
    pub(crate) ends: Vec<usize>,
    row: Row,
}

impl RowCells {
    /// Renders a row's cells (as [`Row`] would: by column, missing ones empty, a later cell of
    /// the same column replacing an earlier one).
    pub(crate) fn render(&mut self, cells: &[Cell<DataRef<'_>>]) {
        self.text.clear();
        self.ends.clear();
        for cell in cells {
            let c = cell.get_position().1 as usize;
            if c >= MAX_COLUMNS {
                continue;
            }
            if c < self.ends.len() {
                // out of order (no spreadsheet writes that, but XML allows it)
                return self.render_unordered(cells);
            }
            while self.ends.len() < c {
                self.ends.push(self.text.len());
            }
            render_ref(cell.get_value(), &mut self.text);
            self.ends.push(self.text.len());
        }
    }

    pub(super) fn render_unordered(&mut self, cells: &[Cell<DataRef<'_>>]) {
        self.row.clear();
        for cell in cells {
            self.row.set_ref(cell.get_position().1 as usize, cell.get_value());
        }
        self.text.clear();
        self.ends.clear();
        for t in self.row.iter() {
            self.text.push_str(t);
            self.ends.push(self.text.len());
        }
    }
}

/// A cell of a whole-sheet range, borrowed, rendering as [`render_data`] renders it.
pub(super) fn data_ref(value: &Data) -> DataRef<'_> {
    match value {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) | Data::DurationIso(s) => DataRef::SharedString(iso_date(s)),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// A number as Excel shows it (see the module's documentation).
pub(super) fn render_number(v: f64, out: &mut String) {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let n = v as i64;
        let digits = n.unsigned_abs().checked_ilog10().map_or(1, |d| d + 1);
        let trailing_zeros = {
            let (mut m, mut z) = (n.unsigned_abs(), 0u32);
            while m != 0 && m % 10 == 0 {
                m /= 10;
                z += 1;
            }
            z
        };
        if digits >= 12 && digits - trailing_zeros <= 6 {
            let sci = format!("{v:E}");
            match sci.split_once('E') {
                Some((m, e)) if !e.starts_with('-') => {
                    let _ = write!(out, "{m}E+{e}");
                }
                _ => out.push_str(&sci),
            }
        } else {
            let _ = write!(out, "{n}");
        }
    } else {
        let _ = write!(out, "{v}");
    }
}

pub(super) fn render_datetime(dt: &calamine::ExcelDateTime, out: &mut String) {
    if dt.is_datetime() {
        let (y, m, d, ..) = dt.to_ymd_hms_milli();
        let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    } else {
        render_number(dt.as_f64(), out);
    }
}

pub(super) fn render_iso(s: &str, out: &mut String) {
    out.push_str(iso_date(s));
}

/// An ODS date-time's date: what a birth date needs.
pub(super) fn iso_date(s: &str) -> &str {
    s.split_once('T').map_or(s, |(d, _)| d)
}

pub(super) fn render_ref(value: &DataRef<'_>, out: &mut String) {
    match value {
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => render_number(*f, out),
        DataRef::String(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(dt) => render_datetime(dt, out),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => render_iso(s, out),
        DataRef::Error(e) => {
            let _ = write!(out, "{e}");
        }
        DataRef::Empty => {}
    }
}

pub(super) fn render_data(value: &Data, out: &mut String) {
    match value {
        Data::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Data::Float(f) => render_number(*f, out),
        Data::String(s) => out.push_str(s),
        Data::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => render_datetime(dt, out),
        Data::DateTimeIso(s) | Data::DurationIso(s) => render_iso(s, out),
        Data::Error(e) => {
            let _ = write!(out, "{e}");
        }
        Data::Empty => {}
    }
}
