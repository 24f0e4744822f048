//! Validating a whole data set: every record's rules, duplicates within an institution and
//! across institutions, and a report in which every input row is accounted for.
//!
//! Memory stays bounded by the duplicate index (one small entry per distinct person), not by
//! the number of rows or findings: the counts are kept exactly while the findings listed can
//! be capped ([`Validator::list_limit`]) or filtered by severity ([`Validator::min_severity`]).

use crate::codes::InstitutionCode;
use crate::finding::{Detail, Finding, FindingCode, Severity};
use crate::grade::Grade;
use crate::id::PersonId;
use crate::record::{Context, RecordStatus, RecordView, StudentRecord, check_view};
use rustc_hash::FxHashMap;

pub use crate::report::{CodeCount, FileInfo, InstitutionCount, Report, Summary};

/// What checking one row found, before the checks of the data set as a whole (duplicates).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome {
    /// Every cell blank: not a record.
    Blank,
    /// A row that could not be read as a record (its findings say why): a record with errors.
    Unreadable,
    /// A record and what its check learnt.
    Record {
        /// Marked removed / not existing.
        removed: bool,
        /// It has an `error` finding.
        has_error: bool,
        /// The identity, when valid.
        person: Option<PersonId>,
        /// The institution code, when valid.
        institution: Option<InstitutionCode>,
        /// The grade, when known.
        grade: Option<Grade>,
    },
}

/// A record as the validator saw it, kept (with [`Validator::keep_records`]) for what reads
/// validated data next — the budget — so that nothing is validated twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidatedRecord {
    /// What the record counts as by its own rules (duplicates aside).
    pub status: RecordStatus,
    /// The institution code, when valid.
    pub institution: Option<InstitutionCode>,
    /// The grade, when known.
    pub grade: Option<Grade>,
    /// The identity, when valid.
    pub person: Option<PersonId>,
    /// For a person seen before: the index (among the kept records) of the first record of that
    /// person, from the validator's one duplicate index.
    pub first_of_person: Option<u32>,
}

/// Checks one record's own rules into `out`.
pub(crate) fn check_record(view: &RecordView<'_>, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Outcome {
    let start = out.len();
    let facts = check_view(view, ctx, out);
    let has_error = out.get(start..).is_some_and(|f| f.iter().any(|f| f.severity == Severity::Error));
    // a removed record is checked no further, but it is counted with its institution
    let institution = match (facts.institution, facts.removed) {
        (None, true) => view.fields.first().copied().flatten().and_then(|t| InstitutionCode::parse(t).ok()),
        (i, _) => i,
    };
    Outcome::Record { removed: facts.removed, has_error, person: facts.person, institution, grade: facts.grade }
}

/// No institution: the key of rows without a valid code and of file findings.
const NO_INSTITUTION: u64 = u64::MAX;

#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    rows: u64,
    counted: u64,
    with_errors: u64,
    removed: u64,
    errors: u64,
    warnings: u64,
    infos: u64,
}

/// The first occurrence of a person: where it was, and what it counted as. One of these per
/// distinct person is the memory the validator needs (24 bytes with its key, plus 13 to 26
/// bytes of [`PersonIndex`] table: 8-byte slots, 5/16 to 5/8 of them used).
#[derive(Debug, Clone, Copy)]
struct FirstSeen {
    /// The row, or `u32::MAX` when it does not fit (then in `Validator::big_rows`).
    row: u32,
    /// The institution's index in `Validator::institutions`.
    institution: u32,
    file: u32,
    /// bit 0: the record counted (no error yet); bit 1: it was flagged as duplicated across.
    flags: u8,
}

const COUNTED: u8 = 1;
const ACROSS_FLAGGED: u8 = 2;

/// The duplicate index: the first occurrence of each distinct person, by the person's key.
///
/// On a national file nearly every record is a new person, and a hash table of millions of
/// entries costs a cache miss per record. `std`'s table keeps its control bytes and its entries
/// apart, so a new entry costs two misses, the second one a write that holds up every later
/// write until it completes. Here the table is one array of 8-byte slots (open addressing,
/// linear probing) pointing into the occurrences kept in arrival order: a new person costs one
/// line of the table, read before it is written, and an append. [`PersonIndex::warm`] reads the
/// lines of a batch of persons ahead of time, so that their misses overlap.
#[derive(Debug, Default)]
struct PersonIndex {
    /// A power of two long (or empty); 0: an empty slot; else a fingerprint of the key's hash
    /// (the bits above [`SLOT_INDEX_BITS`]) and the entry's index + 1 (the bits below).
    slots: Vec<u64>,
    /// The persons' keys and first occurrences, in arrival order.
    entries: Vec<(u64, FirstSeen)>,
}

/// Bits of a slot that hold the entry's index + 1.
const SLOT_INDEX_BITS: u32 = 40;
const SLOT_INDEX: u64 = (1 << SLOT_INDEX_BITS) - 1;

impl PersonIndex {
    /// A well mixed hash of a key (the finaliser of SplitMix64): its high bits choose the slot,
    /// its low bits are the fingerprint.
    fn hash(key: u64) -> u64 {
        let mut z = key;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn fingerprint(hash: u64) -> u64 {
        (hash & ((1 << (64 - SLOT_INDEX_BITS)) - 1)) << SLOT_INDEX_BITS
    }

    /// The slot where a hash's probe starts.
    fn home(&self, hash: u64) -> usize {
        match self.slots.len().trailing_zeros() {
            0 => 0,
            bits => (hash >> (64 - bits)) as usize,
        }
    }

    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    /// Makes room for `more` persons, so that the table does not grow while they come.
    fn reserve(&mut self, more: usize) {
        self.entries.reserve(more);
        self.fit(self.entries.len().saturating_add(more));
    }

    /// Sizes the table for `n` entries, at most 5/8 full (then probes stay short).
    fn fit(&mut self, n: usize) {
        if n.saturating_mul(8) <= self.slots.len().saturating_mul(5) {
            return;
        }
        let Some(size) = (n.saturating_mul(8) / 5 + 1).checked_next_power_of_two() else { return };
        self.slots = vec![0; size.max(16)];
        let mask = self.slots.len() - 1;
        // a batch's slots are read before they are written, so that their misses overlap
        for (b, batch) in self.entries.chunks(32).enumerate() {
            for &(key, _) in batch {
                std::hint::black_box(self.slots.get(self.home(Self::hash(key))).copied());
            }
            for (j, &(key, _)) in batch.iter().enumerate() {
                let hash = Self::hash(key);
                let mut at = self.home(hash);
                while let Some(slot) = self.slots.get_mut(at) {
                    if *slot == 0 {
                        *slot = Self::fingerprint(hash) | ((b * 32 + j) as u64 + 1);
                        break;
                    }
                    at = (at + 1) & mask;
                }
            }
        }
    }

    /// Where `key` is: `Ok(entry)` when present, else `Err(empty slot)` (the table must have
    /// one: it is never more than 5/8 full).
    fn find(&self, key: u64, hash: u64) -> Result<usize, Option<usize>> {
        let fingerprint = Self::fingerprint(hash);
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.home(hash);
        for _ in 0..self.slots.len() {
            match self.slots.get(at).copied() {
                Some(0) => return Err(Some(at)),
                Some(slot) if slot & !SLOT_INDEX == fingerprint => {
                    let entry = ((slot & SLOT_INDEX) - 1) as usize;
                    if self.entries.get(entry).is_some_and(|(k, _)| *k == key) {
                        return Ok(entry);
                    }
                }
                Some(_) => {}
                None => break,
            }
            at = (at + 1) & mask;
        }
        Err(None)
    }

    /// The first occurrence of `key`, if it was seen; else records `first` as it.
    fn first_or_insert(&mut self, key: u64, first: FirstSeen) -> Option<FirstSeen> {
        let hash = Self::hash(key);
        match self.find(key, hash) {
            Ok(entry) => return self.entries.get(entry).map(|(_, f)| *f),
            Err(Some(at)) if (self.entries.len() + 1) * 8 <= self.slots.len() * 5 => {
                if let Some(slot) = self.slots.get_mut(at)
                    && (self.entries.len() as u64) < SLOT_INDEX
                {
                    *slot = Self::fingerprint(hash) | (self.entries.len() as u64 + 1);
                    self.entries.push((key, first));
                }
            }
            Err(_) => {
                self.entries.push((key, first));
                // the next power of two: twice the slots (growing costs a pass over every entry,
                // so it happens once per doubling)
                self.fit(self.entries.len());
            }
        }
        None
    }

    /// The first occurrence of `key`, to update.
    fn get_mut(&mut self, key: u64) -> Option<&mut FirstSeen> {
        let entry = self.find(key, Self::hash(key)).ok()?;
        self.entries.get_mut(entry).map(|(_, f)| f)
    }

    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    /// Reads the slots where these keys' probes start, so that the lines are in the cache when
    /// the keys are looked up (the reads of a batch overlap; the lookups one by one do not).
    fn warm(&self, keys: impl Iterator<Item = u64>) {
        for key in keys {
            std::hint::black_box(self.slots.get(self.home(Self::hash(key))).copied());
        }
    }
}

#[derive(Debug)]
struct Listed {
    file: u32,
    row: u64,
    seq: u64,
    finding: Finding,
}

impl Listed {
    fn key(&self) -> (u32, u64, u64) {
        (self.file, self.row, self.seq)
    }
}

/// Validates records one by one and the data set as a whole. Feed it records with
/// [`Validator::push`] (or whole files through [`crate::files`]) and call
/// [`Validator::finish`] for the [`Report`].
#[derive(Debug)]
pub struct Validator<'a> {
    ctx: Context<'a>,
    files: Vec<FileInfo>,
    listed: Vec<Listed>,
    seq: u64,
    limit: Option<usize>,
    /// Once the list was cut to `limit`, the greatest key kept: later findings beyond it are
    /// counted, not listed.
    cutoff: Option<(u32, u64, u64)>,
    min_severity: Severity,
    summary: Summary,
    by_code: FxHashMap<(FindingCode, Severity), u64>,
    /// Every institution seen (its code, or [`NO_INSTITUTION`]) and its counts.
    institutions: Vec<(u64, Tally)>,
    institution_index: FxHashMap<u64, u32>,
    first_seen: PersonIndex,
    /// Rows beyond `u32::MAX` of first occurrences, by person.
    big_rows: FxHashMap<u64, u64>,
    /// Counts for an institution index that does not exist (never used).
    spare: Tally,
    scratch: Vec<Finding>,
    /// The records, when kept ([`Validator::keep_records`]), with where each was (file, row)
    /// to find a first occurrence among them.
    kept: Option<Vec<(u32, u64, ValidatedRecord)>>,
}

impl<'a> Validator<'a> {
    /// A validator for a context (policy, year, registry, masking). It lists every finding;
    /// see [`Validator::list_limit`] and [`Validator::min_severity`].
    pub fn new(ctx: Context<'a>) -> Validator<'a> {
        Validator {
            ctx,
            files: Vec::new(),
            listed: Vec::new(),
            seq: 0,
            limit: None,
            cutoff: None,
            min_severity: Severity::Info,
            summary: Summary::default(),
            by_code: FxHashMap::default(),
            institutions: Vec::new(),
            institution_index: FxHashMap::default(),
            first_seen: PersonIndex::default(),
            big_rows: FxHashMap::default(),
            spare: Tally::default(),
            scratch: Vec::new(),
            kept: None,
        }
    }

    /// Keeps what each record counts as (about 64 bytes a record), for
    /// [`Validator::finish_with_records`]: the budget reads validated records instead of
    /// validating them again.
    pub fn keep_records(mut self) -> Validator<'a> {
        self.kept = Some(Vec::new());
        self
    }

    /// Lists at most `limit` findings in the report (the first ones by file, row and check
    /// order); the rest are still counted (`summary.findings_omitted`). This bounds memory on
    /// files where every row has findings.
    pub fn list_limit(mut self, limit: usize) -> Validator<'a> {
        self.limit = Some(limit);
        self
    }

    /// Lists only findings of at least this severity (e.g. [`Severity::Error`] for errors
    /// only); the others are still counted.
    pub fn min_severity(mut self, severity: Severity) -> Validator<'a> {
        self.min_severity = severity;
        self
    }

    /// Makes room for about `records` more distinct persons in the duplicate index (when the
    /// size of a file tells): no growing, and no peak of memory while it grows.
    pub(crate) fn reserve(&mut self, records: usize) {
        self.first_seen.reserve(records);
    }

    #[cfg_attr(not(feature = "files"), allow(dead_code))]
    /// Brings the duplicate index's entries for these persons into the cache ahead of
    /// [`Validator::merge`]ing their records (a batch of a few dozen at a time).
    pub(crate) fn warm(&self, persons: impl Iterator<Item = PersonId>) {
        self.first_seen.warm(persons.map(|p| p.key()));
    }

    /// The index of an institution's counts.
    fn institution(&mut self, code: u64) -> u32 {
        if let Some(&i) = self.institution_index.get(&code) {
            return i;
        }
        let i = self.institutions.len() as u32;
        self.institutions.push((code, Tally::default()));
        self.institution_index.insert(code, i);
        i
    }

    fn tally(&mut self, institution: u32) -> &mut Tally {
        match self.institutions.get_mut(institution as usize) {
            Some((_, t)) => t,
            None => &mut self.spare,
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
            sheet: None,
            format: None,
            encoding: encoding.map(str::to_owned),
            header_row: None,
            header_rows: 0,
            rows: 0,
            blank_rows: 0,
        });
        (self.files.len() - 1) as u32
    }

    /// The file record of `file`, to fill in what the reader learns.
    pub(crate) fn file_info_mut(&mut self, file: u32) -> Option<&mut FileInfo> {
        self.files.get_mut(file as usize)
    }

    /// Records a finding about a file as a whole or one of its rows (not a record's).
    pub fn file_finding(&mut self, file: u32, row: Option<u64>, finding: Finding) {
        let none = self.institution(NO_INSTITUTION);
        self.add(file, row, finding, none);
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
        let _ = row;
        if let Some(f) = self.files.get_mut(file as usize) {
            f.rows += 1;
        }
        self.summary.rows += 1;
        self.summary.records_with_errors += 1;
        let none = self.institution(NO_INSTITUTION);
        let t = self.tally(none);
        t.rows += 1;
        t.with_errors += 1;
    }

    /// Validates one record found at `row` of `file` (see [`Validator::begin_file`]).
    pub fn push(&mut self, file: u32, row: u64, record: &StudentRecord) {
        self.push_view(file, row, &record.view());
    }

    pub(crate) fn push_view(&mut self, file: u32, row: u64, view: &RecordView<'_>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let outcome = check_record(view, &self.ctx, &mut scratch);
        self.merge(file, row, outcome, scratch.drain(..));
        self.scratch = scratch;
    }

    /// Takes in one row checked elsewhere (possibly on another thread): its findings, its
    /// counts, and the data-set checks (duplicates). Rows must come in file order.
    pub(crate) fn merge(&mut self, file: u32, row: u64, outcome: Outcome, findings: impl Iterator<Item = Finding>) {
        match outcome {
            Outcome::Blank => self.blank_row(file),
            Outcome::Unreadable => {
                self.unreadable_row(file, row);
                let none = self.institution(NO_INSTITUTION);
                for f in findings {
                    self.add(file, Some(row), f, none);
                }
            }
            Outcome::Record { removed, has_error, person, institution, grade } => {
                let inst = self.institution(institution.map_or(NO_INSTITUTION, InstitutionCode::as_u64));
                for f in findings {
                    self.add(file, Some(row), f, inst);
                }
                let mut counted = !removed && !has_error;
                let mut first_at = None;
                if let (false, Some(person)) = (removed, person)
                    && let Some((dup, first)) = self.duplicates(file, row, inst, counted, person)
                {
                    counted = false;
                    first_at = Some(first);
                    self.add(file, Some(row), dup, inst);
                }
                if let Some(kept) = &mut self.kept {
                    let status = if removed {
                        RecordStatus::Removed
                    } else if has_error {
                        RecordStatus::HasErrors
                    } else {
                        RecordStatus::Counted
                    };
                    // records arrive in (file, row) order: the first occurrence is found by
                    // bisection
                    let first_of_person = first_at
                        .and_then(|at| kept.binary_search_by_key(&at, |(f, r, _)| (*f, *r)).ok())
                        .and_then(|i| u32::try_from(i).ok());
                    kept.push((file, row, ValidatedRecord { status, institution, grade, person, first_of_person }));
                }
                if let Some(f) = self.files.get_mut(file as usize) {
                    f.rows += 1;
                }
                self.summary.rows += 1;
                if removed {
                    self.summary.records_removed += 1;
                } else if counted {
                    self.summary.records_counted += 1;
                } else {
                    self.summary.records_with_errors += 1;
                }
                let t = self.tally(inst);
                t.rows += 1;
                if removed {
                    t.removed += 1;
                } else if counted {
                    t.counted += 1;
                } else {
                    t.with_errors += 1;
                }
            }
        }
    }

    /// Counts a finding and lists it (unless filtered out or beyond the limit).
    fn add(&mut self, file: u32, row: Option<u64>, finding: Finding, institution: u32) {
        let t = self.tally(institution);
        match finding.severity {
            Severity::Error => t.errors += 1,
            Severity::Warning => t.warnings += 1,
            Severity::Info => t.infos += 1,
        }
        match finding.severity {
            Severity::Error => self.summary.errors += 1,
            Severity::Warning => self.summary.warnings += 1,
            Severity::Info => self.summary.infos += 1,
        }
        *self.by_code.entry((finding.code, finding.severity)).or_default() += 1;
        if finding.severity < self.min_severity {
            self.summary.findings_omitted += 1;
            return;
        }
        self.seq += 1;
        let key = (file, row.unwrap_or(0), self.seq);
        if self.cutoff.is_some_and(|c| key > c) {
            self.summary.findings_omitted += 1;
            return;
        }
        let name = self.files.get(file as usize).map(|f| f.path.as_str());
        self.listed.push(Listed { file, row: key.1, seq: key.2, finding: finding.at(name, row) });
        if let Some(limit) = self.limit
            && self.listed.len() >= limit.saturating_mul(2).max(4096)
        {
            self.cut(limit);
        }
    }

    /// Keeps the first `limit` findings listed.
    fn cut(&mut self, limit: usize) {
        self.listed.sort_unstable_by_key(Listed::key);
        if self.listed.len() > limit {
            self.summary.findings_omitted += (self.listed.len() - limit) as u64;
            self.listed.truncate(limit);
            self.cutoff = Some(self.listed.last().map_or((0, 0, 0), Listed::key));
        }
    }

    /// Looks a person up in the data set seen so far. Returns the finding this record earns,
    /// if any; flags the first occurrence when it turns out to be duplicated across institutions.
    fn duplicates(
        &mut self,
        file: u32,
        row: u64,
        institution: u32,
        counted: bool,
        person: PersonId,
    ) -> Option<(Finding, (u32, u64))> {
        let key = person.key();
        let flags = if counted { COUNTED } else { 0 };
        let short = u32::try_from(row).unwrap_or(u32::MAX);
        let Some(first) = self.first_seen.first_or_insert(key, FirstSeen { row: short, institution, file, flags })
        else {
            if short == u32::MAX {
                self.big_rows.insert(key, row);
            }
            return None;
        };
        let first_row = if first.row == u32::MAX {
            self.big_rows.get(&key).copied().unwrap_or(u64::MAX)
        } else {
            u64::from(first.row)
        };
        let code = |i: u32, all: &[(u64, Tally)]| all.get(i as usize).map_or(NO_INSTITUTION, |(c, _)| *c);
        let (this_code, first_code) =
            (code(institution, &self.institutions), code(first.institution, &self.institutions));
        let shown = person.display(self.ctx.unmasked);
        let col = Some("person_id");
        let where_ = |file: u32, row: u64, files: &[FileInfo]| {
            let path = files.get(file as usize).map_or("", |f| f.path.as_str());
            (format!("แถว {row} ของ {path}"), format!("row {row} of {path}"))
        };
        let first_at = (first.file, first_row);
        if this_code == first_code && this_code != NO_INSTITUTION {
            let (th, en) = where_(first.file, first_row, &self.files);
            let f = Finding::new(
                FindingCode::IdDuplicate,
                col,
                Some(&shown),
                Detail::both(format!("ซ้ำกับ{th}"), format!("first at {en}")),
            );
            return Some((f, first_at));
        }
        let inst = |i: u64| if i == NO_INSTITUTION { "?".to_owned() } else { format!("{i:010}") };
        let (th, en) = where_(first.file, first_row, &self.files);
        let this = Finding::new(
            FindingCode::IdDuplicateAcross,
            col,
            Some(&shown),
            Detail::both(
                format!("สถานศึกษา {} และ {} {th}", inst(this_code), inst(first_code)),
                format!("institutions {} and {}, first at {en}", inst(this_code), inst(first_code)),
            ),
        );
        if first.flags & ACROSS_FLAGGED == 0 {
            let (th, en) = where_(file, row, &self.files);
            let f = Finding::new(
                FindingCode::IdDuplicateAcross,
                col,
                Some(&shown),
                Detail::both(
                    format!("สถานศึกษา {} และ {} {th}", inst(first_code), inst(this_code)),
                    format!("institutions {} and {}, again at {en}", inst(first_code), inst(this_code)),
                ),
            );
            if first.flags & COUNTED != 0 {
                // the first occurrence counted until now: it no longer does
                self.summary.records_counted = self.summary.records_counted.saturating_sub(1);
                self.summary.records_with_errors += 1;
                let t = self.tally(first.institution);
                t.counted = t.counted.saturating_sub(1);
                t.with_errors += 1;
            }
            if let Some(e) = self.first_seen.get_mut(key) {
                e.flags = ACROSS_FLAGGED;
            }
            self.add(first.file, Some(first_row), f, first.institution);
        }
        Some((this, first_at))
    }

    /// Finishes as [`Validator::finish`], with the records kept ([`Validator::keep_records`];
    /// none when they were not kept).
    pub fn finish_with_records(mut self) -> (Report, Vec<ValidatedRecord>) {
        let kept = self.kept.take().unwrap_or_default();
        (self.finish(), kept.into_iter().map(|(_, _, r)| r).collect())
    }

    /// Finishes: orders the findings and counts everything.
    pub fn finish(mut self) -> Report {
        if let Some(limit) = self.limit {
            self.cut(limit);
        }
        let mut listed = self.listed;
        listed.sort_unstable_by_key(Listed::key);
        let mut by_code: Vec<CodeCount> =
            self.by_code.into_iter().map(|((code, severity), count)| CodeCount { code, severity, count }).collect();
        by_code.sort_unstable_by_key(|c| (c.code, std::cmp::Reverse(c.severity)));
        let registry = self.ctx.registry;
        let mut by_institution = self.institutions;
        by_institution.sort_unstable_by_key(|(k, _)| *k);
        let by_institution = by_institution
            .into_iter()
            .map(|(k, t)| {
                let code = (k != NO_INSTITUTION).then(|| format!("{k:010}"));
                let name = code
                    .as_deref()
                    .and_then(|c| InstitutionCode::parse(c).ok())
                    .and_then(|c| registry.and_then(|r| r.institution(c)))
                    .map(|u| u.name.clone());
                InstitutionCount {
                    institution: code,
                    name,
                    rows: t.rows,
                    records_counted: t.counted,
                    records_with_errors: t.with_errors,
                    records_removed: t.removed,
                    errors: t.errors,
                    warnings: t.warnings,
                    infos: t.infos,
                }
            })
            .collect();
        Report {
            files: self.files,
            summary: self.summary,
            by_code,
            by_institution,
            findings: listed.into_iter().map(|l| l.finding).collect(),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Policy;

    fn record(inst: &str, id: &str) -> StudentRecord {
        StudentRecord {
            institution_code: inst.into(),
            person_id: id.into(),
            first_name: "กล้า".into(),
            last_name: "ใจดี".into(),
            birth_date: "15/03/2560".into(),
            grade: "ป.1".into(),
            ..StudentRecord::default()
        }
    }

    #[test]
    fn limits_keep_the_first_findings_and_exact_counts() {
        let policy = Policy::default();
        let records: Vec<StudentRecord> = (0..10_000).map(|_| record("3058200001", "123")).collect();
        let all = validate_records(&records, Context::new(&policy, 2567));
        let mut v = Validator::new(Context::new(&policy, 2567)).list_limit(7);
        let file = v.begin_file("<records>", None);
        for (i, r) in records.iter().enumerate() {
            v.push(file, i as u64 + 1, r);
        }
        let capped = v.finish();
        assert_eq!(capped.findings.len(), 7);
        assert_eq!(capped.findings[..], all.findings[..7]);
        assert_eq!(capped.summary.findings_omitted, all.findings.len() as u64 - 7);
        assert_eq!(capped.summary.errors, all.summary.errors);
        assert_eq!(capped.by_code, all.by_code);
    }

    #[test]
    fn the_person_index_finds_every_first_occurrence_as_it_grows() {
        let seen = |row: u32| FirstSeen { row, institution: row % 7, file: row % 3, flags: (row % 2) as u8 };
        for reserve in [0usize, 10, 100_000] {
            let mut index = PersonIndex::default();
            index.reserve(reserve);
            // keys of every shape: sequential IDs, multiples of a power of two, 0, and repeats
            let keys: Vec<u64> = (0..60_000u64)
                .map(|i| match i % 4 {
                    0 => 1_580_000_000_000 + i * 10,
                    1 => i << 20,
                    2 => (i * 0x9E37_79B9) % 10_000_000_000_000,
                    _ => (i / 8) << 20,
                })
                .collect();
            let mut first = std::collections::HashMap::new();
            for (row, &k) in keys.iter().enumerate() {
                let found = index.first_or_insert(k, seen(row as u32));
                match first.get(&k) {
                    None => {
                        assert!(found.is_none(), "key {k} at {row}");
                        first.insert(k, row as u32);
                    }
                    Some(&f) => assert_eq!(found.map(|s| s.row), Some(f), "key {k} at {row}"),
                }
            }
            assert_eq!(index.entries.len(), first.len());
            for (&k, &f) in &first {
                let got = index.first_or_insert(k, seen(u32::MAX)).expect("present");
                assert_eq!((got.row, got.institution, got.file, got.flags), (f, f % 7, f % 3, (f % 2) as u8));
                index.get_mut(k).unwrap().flags = ACROSS_FLAGGED;
                assert_eq!(index.first_or_insert(k, seen(0)).unwrap().flags, ACROSS_FLAGGED);
            }
            assert_eq!(index.entries.len(), first.len());
            assert!(index.get_mut(7).is_none());
            assert!(index.entries.len() * 8 <= index.slots.len() * 5);
            if reserve == 0 {
                // grown by doubling: half the table would be over 5/8 full
                assert!(index.entries.len() * 8 > index.slots.len() / 2 * 5, "{} slots", index.slots.len());
            }
            index.warm(keys.iter().copied());
        }
    }

    #[test]
    fn duplicates_across_flag_the_first_occurrence_and_recount_it() {
        let policy = Policy::default();
        let id = "1234545678781";
        let records = [record("3058200001", id), record("3058200002", id), record("3058200002", "3100600445635")];
        let r = validate_records(&records, Context::new(&policy, 2567));
        let codes: Vec<(Option<u64>, &str)> = r.findings.iter().map(|f| (f.row, f.code.as_str())).collect();
        assert_eq!(codes, [(Some(1), "ID_DUPLICATE_ACROSS"), (Some(2), "ID_DUPLICATE_ACROSS")]);
        assert_eq!((r.summary.records_counted, r.summary.records_with_errors), (1, 2));
        let a = r.by_institution.iter().find(|i| i.institution.as_deref() == Some("3058200001")).unwrap();
        assert_eq!((a.rows, a.records_counted, a.records_with_errors, a.errors), (1, 0, 1, 1));
        let b = r.by_institution.iter().find(|i| i.institution.as_deref() == Some("3058200002")).unwrap();
        assert_eq!((b.rows, b.records_counted, b.records_with_errors, b.errors), (2, 1, 1, 1));
        let errors_only = {
            let mut v = Validator::new(Context::new(&policy, 2567)).min_severity(Severity::Error);
            let f = v.begin_file("<records>", None);
            v.push(f, 1, &record("3058200001", "9100600445636"));
            v.finish()
        };
        assert_eq!(errors_only.summary.warnings, errors_only.summary.findings_omitted);
        assert!(errors_only.findings.iter().all(|f| f.severity == Severity::Error));
    }
}
