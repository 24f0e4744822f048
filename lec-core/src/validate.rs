//! Validating a whole data set: every record's rules, duplicates within an institution and
//! across institutions, and a report in which every input row is accounted for.

use crate::finding::{Detail, Finding, FindingCode, Severity};
use crate::record::{Context, RecordView, StudentRecord, check_view};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// One input file as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInfo {
    /// The path or name given.
    pub path: String,
    /// The text encoding detected (`utf-8`, `utf-8-bom`, `utf-16le`, `windows-874`), if it was read.
    pub encoding: Option<String>,
    /// Records read (blank rows are not records).
    pub rows: u64,
    /// Rows with every cell blank: skipped, not records.
    pub blank_rows: u64,
}

/// The counts of a report. `rows = records_counted + records_with_errors + records_removed`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Records read, over every file.
    pub rows: u64,
    /// Findings of severity `error`.
    pub errors: u64,
    /// Findings of severity `warning`.
    pub warnings: u64,
    /// Findings of severity `info`.
    pub infos: u64,
    /// Records with no `error` finding: they count.
    pub records_counted: u64,
    /// Records with at least one `error` finding (including rows that could not be read as
    /// records): they do not count until fixed.
    pub records_with_errors: u64,
    /// Records marked removed / not existing: reported, never counted.
    pub records_removed: u64,
}

/// The result of validating a data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The files read, in the order given.
    pub files: Vec<FileInfo>,
    /// The counts.
    pub summary: Summary,
    /// Every finding, ordered by file, then row, then the order the checks ran.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether any finding is an `error`.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Counted,
    Error,
    Removed,
}

#[derive(Debug, Clone, Copy)]
struct RecordRef {
    file: u32,
    row: u64,
    /// institution code digits, or `u64::MAX` when unknown
    institution: u64,
    state: State,
}

#[derive(Debug, Clone, Copy)]
struct FirstSeen {
    record: u32,
    across_flagged: bool,
}

/// Validates records one by one and the data set as a whole. Feed it records with
/// [`Validator::push`] (or whole files through [`crate::files`]) and call
/// [`Validator::finish`] for the [`Report`].
#[derive(Debug)]
pub struct Validator<'a> {
    ctx: Context<'a>,
    files: Vec<FileInfo>,
    findings: Vec<(u32, u64, Finding)>,
    records: Vec<RecordRef>,
    first_seen: FxHashMap<u64, FirstSeen>,
    scratch: Vec<Finding>,
}

impl<'a> Validator<'a> {
    /// A validator for a context (policy, year, registry, masking).
    pub fn new(ctx: Context<'a>) -> Validator<'a> {
        Validator {
            ctx,
            files: Vec::new(),
            findings: Vec::new(),
            records: Vec::new(),
            first_seen: FxHashMap::default(),
            scratch: Vec::new(),
        }
    }

    /// The context.
    pub fn context(&self) -> &Context<'a> {
        &self.ctx
    }

    /// Starts a new input file; its records follow. Returns its index.
    pub fn begin_file(&mut self, path: &str, encoding: Option<&str>) -> u32 {
        self.files.push(FileInfo {
            path: path.to_owned(),
            encoding: encoding.map(str::to_owned),
            rows: 0,
            blank_rows: 0,
        });
        (self.files.len() - 1) as u32
    }

    fn file_name(&self, file: u32) -> Option<String> {
        self.files.get(file as usize).map(|f| f.path.clone())
    }

    /// Records a finding about a file as a whole or one of its rows (not a record's).
    pub fn file_finding(&mut self, file: u32, row: Option<u64>, finding: Finding) {
        let name = self.file_name(file);
        self.findings.push((file, row.unwrap_or(0), finding.at(name.as_deref(), row)));
    }

    /// Counts a blank row of the current file.
    pub fn blank_row(&mut self, file: u32) {
        if let Some(f) = self.files.get_mut(file as usize) {
            f.blank_rows += 1;
        }
    }

    /// Accounts for a row that could not be read as a record (its finding given separately):
    /// it counts as a record with errors.
    pub fn unreadable_row(&mut self, file: u32, row: u64) {
        if let Some(f) = self.files.get_mut(file as usize) {
            f.rows += 1;
        }
        self.records.push(RecordRef { file, row, institution: u64::MAX, state: State::Error });
    }

    /// Validates one record found at `row` of `file` (see [`Validator::begin_file`]).
    pub fn push(&mut self, file: u32, row: u64, record: &StudentRecord) {
        self.push_view(file, row, &record.view());
    }

    pub(crate) fn push_view(&mut self, file: u32, row: u64, view: &RecordView<'_>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let facts = check_view(view, &self.ctx, &mut scratch);
        let idx = self.records.len() as u32;
        let state = if facts.removed {
            State::Removed
        } else if scratch.iter().any(|f| f.severity == Severity::Error) {
            State::Error
        } else {
            State::Counted
        };
        let institution = facts.institution.map_or(u64::MAX, |c| c.as_u64());
        self.records.push(RecordRef { file, row, institution, state });
        if let Some(f) = self.files.get_mut(file as usize) {
            f.rows += 1;
        }
        let name = self.file_name(file);
        for f in scratch.drain(..) {
            self.findings.push((file, row, f.at(name.as_deref(), Some(row))));
        }
        self.scratch = scratch;
        if let (false, Some(person)) = (facts.removed, facts.person) {
            self.duplicates(idx, person);
        }
    }

    fn duplicates(&mut self, idx: u32, person: crate::id::PersonId) {
        let key = person.key();
        let Some(first) = self.first_seen.get(&key).copied() else {
            self.first_seen.insert(key, FirstSeen { record: idx, across_flagged: false });
            return;
        };
        let (Some(this), Some(that)) =
            (self.records.get(idx as usize).copied(), self.records.get(first.record as usize).copied())
        else {
            return;
        };
        let shown = person.display(self.ctx.unmasked);
        let col = Some("person_id");
        let where_ = |r: &RecordRef, files: &[FileInfo]| {
            let path = files.get(r.file as usize).map_or("", |f| f.path.as_str());
            (format!("แถว {} ของ {}", r.row, path), format!("row {} of {}", r.row, path))
        };
        if this.institution == that.institution && this.institution != u64::MAX {
            let (th, en) = where_(&that, &self.files);
            let f = Finding::new(
                FindingCode::IdDuplicate,
                col,
                Some(&shown),
                Detail::both(format!("ซ้ำกับ{th}"), format!("first at {en}")),
            );
            self.flag(idx, f);
            return;
        }
        let inst = |r: &RecordRef| {
            if r.institution == u64::MAX { "?".to_owned() } else { format!("{:010}", r.institution) }
        };
        let (th, en) = where_(&that, &self.files);
        let f = Finding::new(
            FindingCode::IdDuplicateAcross,
            col,
            Some(&shown),
            Detail::both(
                format!("สถานศึกษา {} และ {} {th}", inst(&this), inst(&that)),
                format!("institutions {} and {}, first at {en}", inst(&this), inst(&that)),
            ),
        );
        self.flag(idx, f);
        if !first.across_flagged {
            let (th, en) = where_(&this, &self.files);
            let f = Finding::new(
                FindingCode::IdDuplicateAcross,
                col,
                Some(&shown),
                Detail::both(
                    format!("สถานศึกษา {} และ {} {th}", inst(&that), inst(&this)),
                    format!("institutions {} and {}, again at {en}", inst(&that), inst(&this)),
                ),
            );
            self.flag(first.record, f);
            if let Some(e) = self.first_seen.get_mut(&key) {
                e.across_flagged = true;
            }
        }
    }

    fn flag(&mut self, idx: u32, f: Finding) {
        let Some(r) = self.records.get_mut(idx as usize) else {
            return;
        };
        if r.state == State::Counted {
            r.state = State::Error;
        }
        let (file, row) = (r.file, r.row);
        let name = self.file_name(file);
        self.findings.push((file, row, f.at(name.as_deref(), Some(row))));
    }

    /// Finishes: orders the findings and counts everything.
    pub fn finish(self) -> Report {
        let mut findings = self.findings;
        findings.sort_by_key(|(file, row, _)| (*file, *row));
        let mut summary = Summary { rows: self.records.len() as u64, ..Summary::default() };
        for r in &self.records {
            match r.state {
                State::Counted => summary.records_counted += 1,
                State::Error => summary.records_with_errors += 1,
                State::Removed => summary.records_removed += 1,
            }
        }
        for (_, _, f) in &findings {
            match f.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        Report { files: self.files, summary, findings: findings.into_iter().map(|(_, _, f)| f).collect() }
    }
}

/// Validates records already in memory (row numbers count from 1) as one data set.
pub fn validate_records<'r>(records: impl IntoIterator<Item = &'r StudentRecord>, ctx: Context<'_>) -> Report {
    let mut v = Validator::new(ctx);
    let file = v.begin_file("<records>", None);
    for (i, r) in records.into_iter().enumerate() {
        v.push(file, i as u64 + 1, r);
    }
    v.finish()
}
