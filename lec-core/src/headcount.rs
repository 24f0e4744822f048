//! Headcount forms of other-affiliation schools (จำนวนนักเรียนของสถานศึกษาสังกัดอื่น, §4.2, §7.3):
//! per school, a count for every grade from อ.1 to ป.6 (and ม.1–ม.3 for an extended-opportunity
//! school), in Arabic numerals, a blank never meaning 0, a closed school all zeros.

use crate::codes::{LaoCode, SchoolId};
use crate::finding::{Detail, Finding, FindingCode, Severity};
use crate::grade::Grade;
use crate::policy::Policy;
use crate::registry::Registry;
use crate::report::{CodeCount, FileInfo, Summary};
use crate::text::{digit_value, has_thai_digits, trim};
use serde::{Deserialize, Serialize};
#[cfg(feature = "files")]
use std::collections::BTreeMap;
use std::collections::HashMap;

/// The grades of a headcount form, in column order: อ.1–อ.3, ป.1–ป.6, ม.1–ม.3.
pub const HEADCOUNT_GRADES: [Grade; 12] = [
    Grade::K1,
    Grade::K2,
    Grade::K3,
    Grade::P1,
    Grade::P2,
    Grade::P3,
    Grade::P4,
    Grade::P5,
    Grade::P6,
    Grade::M1,
    Grade::M2,
    Grade::M3,
];

/// How many of [`HEADCOUNT_GRADES`] every school must fill (อ.1–ป.6).
const ALWAYS_REQUIRED: usize = 9;

/// One row of a headcount form as entered: every field is text, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HeadcountRow {
    /// รหัส อปท. — the LAO that enters the form.
    pub lao_code: String,
    /// รหัสโรงเรียน — the Ministry's 10-digit school ID.
    pub school_code: String,
    /// ชื่อโรงเรียน.
    pub school_name: String,
    /// โรงเรียนขยายโอกาส — yes/no, ใช่/ไม่ใช่ (blank: no).
    pub extended: String,
    /// ประกาศเลิก — announced closed: yes/no (blank: no).
    pub closed: String,
    /// The counts in [`HEADCOUNT_GRADES`] order; `None` when the column is absent.
    pub counts: [Option<String>; 12],
}

/// A checked headcount form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadcountForm {
    /// The row number a spreadsheet shows.
    pub row: u64,
    /// The LAO, when its code is valid.
    #[serde(serialize_with = "ser_opt")]
    pub lao: Option<LaoCode>,
    /// The school, when its ID is valid.
    #[serde(serialize_with = "ser_opt")]
    pub school: Option<SchoolId>,
    /// The school's name as entered.
    pub school_name: String,
    /// An extended-opportunity school (ม.1–ม.3 required too).
    pub extended: bool,
    /// Announced closed (all zeros).
    pub closed: bool,
    /// The counts in [`HEADCOUNT_GRADES`] order (`None`: blank or unusable).
    pub counts: [Option<u32>; 12],
    /// Whether the form has an `error` finding (it then counts for nothing).
    pub has_errors: bool,
}

fn ser_opt<T: std::fmt::Display, S: serde::Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

impl HeadcountForm {
    /// The count of a grade (0 when blank, unusable or not on the form).
    pub fn count(&self, grade: Grade) -> u32 {
        HEADCOUNT_GRADES
            .iter()
            .position(|g| *g == grade)
            .and_then(|i| self.counts.get(i).copied().flatten())
            .unwrap_or(0)
    }
}

/// Parses a yes/no cell: yes, y, true, 1, ใช่, มี; no, n, false, 0, ไม่ใช่, ไม่มี; blank is no.
pub fn parse_yes_no(text: &str) -> Option<bool> {
    match trim(text).to_lowercase().as_str() {
        "" | "no" | "n" | "false" | "0" | "ไม่ใช่" | "ไม่" | "ไม่มี" | "ปกติ" => {
            Some(false)
        }
        "yes" | "y" | "true" | "1" | "ใช่" | "มี" | "ขยายโอกาส" | "เลิก" | "ประกาศเลิก" => {
            Some(true)
        }
        _ => None,
    }
}

fn grade_label(g: Grade) -> String {
    format!("{} ({})", g.label_th(), g.code())
}

/// Checks one form row under `policy` (how Thai digits are treated), against the registry
/// when one is given (the school must be an other-affiliation school of that LAO).
pub fn check_headcount_row(
    row: &HeadcountRow,
    policy: &Policy,
    registry: Option<&Registry>,
) -> (HeadcountForm, Vec<Finding>) {
    let mut out = Vec::new();
    let lao = match LaoCode::parse(&row.lao_code) {
        Ok(c) => Some(c),
        Err(e) => {
            let code = FindingCode::parse(e.code()).unwrap_or(FindingCode::LaoCodeFormat);
            out.push(Finding::new(code, Some("lao_code"), Some(trim(&row.lao_code)), Detail::none()));
            None
        }
    };
    let school = match SchoolId::parse(&row.school_code) {
        Ok(c) => Some(c),
        Err(_) => {
            out.push(Finding::new(
                FindingCode::SchoolCodeFormat,
                Some("school_code"),
                Some(trim(&row.school_code)),
                Detail::none(),
            ));
            None
        }
    };
    let shown = school.map_or_else(|| trim(&row.school_code).to_owned(), |s| s.digits());
    let mut yes_no = |text: &str, column: &str, th: &str, en: &str| match parse_yes_no(text) {
        Some(b) => b,
        None => {
            out.push(Finding::new(
                FindingCode::HcInvalid,
                Some(column),
                Some(trim(text)),
                Detail::both(format!("{th}: ใช่ หรือ ไม่ใช่"), format!("{en}: yes or no")),
            ));
            false
        }
    };
    let extended = yes_no(&row.extended, "extended", "โรงเรียนขยายโอกาส", "extended-opportunity school");
    let closed = yes_no(&row.closed, "closed", "ประกาศเลิก", "closed");
    let required = if extended { HEADCOUNT_GRADES.len() } else { ALWAYS_REQUIRED };
    let mut counts = [None; 12];
    for (i, (g, cell)) in HEADCOUNT_GRADES.iter().zip(row.counts.iter()).enumerate() {
        let column = g.code();
        let label = grade_label(*g);
        let text = cell.as_deref().map(trim).unwrap_or("");
        let in_range = i < required;
        if text.is_empty() {
            if in_range {
                out.push(Finding::new(FindingCode::HcMissing, Some(column), Some(&shown), Detail::same(label)));
            }
            continue;
        }
        let mut usable = true;
        if has_thai_digits(text) {
            match policy.headcount_thai_digits.severity() {
                Some(Severity::Error) => {
                    out.push(Finding::new(
                        FindingCode::HcNotArabic,
                        Some(column),
                        Some(text),
                        Detail::same(label.clone()),
                    ));
                    usable = false;
                }
                Some(sev) => out.push(Finding::with_severity(
                    FindingCode::HcNotArabic,
                    sev,
                    Some(column),
                    Some(text),
                    Detail::same(label.clone()),
                )),
                None => {}
            }
        }
        let value = parse_count(text);
        if usable && value.is_none() {
            out.push(Finding::new(FindingCode::HcInvalid, Some(column), Some(text), Detail::same(label.clone())));
        }
        let value = if usable { value } else { None };
        if let Some(slot) = counts.get_mut(i) {
            *slot = value;
        }
        if !in_range && value.is_some_and(|v| v > 0) {
            out.push(Finding::new(FindingCode::HcOutOfRange, Some(column), Some(&shown), Detail::same(label)));
        }
    }
    if closed {
        let nonzero: Vec<&str> = HEADCOUNT_GRADES
            .iter()
            .zip(counts.iter())
            .filter(|(_, c)| c.is_some_and(|v| v > 0))
            .map(|(g, _)| g.code())
            .collect();
        if !nonzero.is_empty() {
            out.push(Finding::new(
                FindingCode::HcClosedNonzero,
                Some("closed"),
                Some(&shown),
                Detail::same(nonzero.join(", ")),
            ));
        }
    }
    if let (Some(reg), Some(s)) = (registry, school) {
        let lao_text = lao.map_or_else(|| trim(&row.lao_code).to_owned(), |l| l.login());
        match reg.other_school(s) {
            Some(unit) if Some(unit.lao) == lao => {
                if unit.extended != extended {
                    let (th, en) = if unit.extended {
                        ("ทะเบียนระบุเป็นโรงเรียนขยายโอกาส", "the registry says extended")
                    } else {
                        ("ทะเบียนระบุเป็นโรงเรียนปกติ", "the registry says standard")
                    };
                    out.push(Finding::new(
                        FindingCode::HcExtendedMismatch,
                        Some("extended"),
                        Some(&shown),
                        Detail::both(th, en),
                    ));
                }
            }
            _ => out.push(Finding::new(
                FindingCode::HcSchoolNotRegistered,
                Some("school_code"),
                Some(&shown),
                Detail::same(lao_text),
            )),
        }
    }
    let has_errors = out.iter().any(|f| f.severity == Severity::Error);
    let form = HeadcountForm {
        row: 0,
        lao,
        school,
        school_name: trim(&row.school_name).to_owned(),
        extended,
        closed,
        counts,
        has_errors,
    };
    (form, out)
}

/// A non-negative whole number of Arabic (or, when the policy lets them through, Thai) digits.
fn parse_count(text: &str) -> Option<u32> {
    let mut v: u32 = 0;
    let mut any = false;
    for c in text.chars() {
        let (d, _) = digit_value(c)?;
        v = v.checked_mul(10)?.checked_add(u32::from(d))?;
        any = true;
    }
    any.then_some(v)
}

/// Checked forms with their findings (file and row set), duplicates flagged.
#[derive(Debug, Clone, Default, Serialize)]
pub struct HeadcountCheck {
    /// The forms, in input order.
    pub forms: Vec<HeadcountForm>,
    /// Every finding, by row.
    pub findings: Vec<Finding>,
    /// The first form of each school among `forms[..indexed]`: duplicates are found in constant
    /// time (forms pushed onto `forms` directly are indexed on the next `push`).
    #[serde(skip)]
    first_of_school: HashMap<SchoolId, u64>,
    /// How many of `forms` `first_of_school` has seen.
    #[serde(skip)]
    indexed: usize,
}

/// Equal when the forms and findings are (the duplicate index is a cache of the forms).
impl PartialEq for HeadcountCheck {
    fn eq(&self, other: &Self) -> bool {
        self.forms == other.forms && self.findings == other.findings
    }
}

impl Eq for HeadcountCheck {}

impl HeadcountCheck {
    /// Adds one row found at `row` of `file`.
    pub fn push(
        &mut self,
        file: Option<&str>,
        row: u64,
        input: &HeadcountRow,
        policy: &Policy,
        registry: Option<&Registry>,
    ) {
        let (mut form, findings) = check_headcount_row(input, policy, registry);
        form.row = row;
        self.findings.extend(findings.into_iter().map(|f| f.at(file, Some(row))));
        if self.indexed > self.forms.len() {
            // forms were taken out of `forms` by hand: index what is there now
            self.first_of_school.clear();
            self.indexed = 0;
        }
        for f in self.forms.get(self.indexed..).unwrap_or_default() {
            if let Some(s) = f.school {
                self.first_of_school.entry(s).or_insert(f.row);
            }
        }
        self.indexed = self.forms.len() + 1; // the form pushed below is indexed here
        if let Some(s) = form.school
            && let Some(&first) = self.first_of_school.get(&s)
        {
            let f = Finding::new(
                FindingCode::HcDuplicateSchool,
                Some("school_code"),
                Some(&s.digits()),
                Detail::both(format!("ซ้ำกับแถว {first}"), format!("first at row {first}")),
            );
            self.findings.push(f.at(file, Some(row)));
            form.has_errors = true;
        } else if let Some(s) = form.school {
            self.first_of_school.insert(s, form.row);
        }
        self.forms.push(form);
    }

    /// Headcounts per school of the forms without errors, for the budget.
    pub fn usable(&self) -> impl Iterator<Item = &HeadcountForm> {
        self.forms.iter().filter(|f| !f.has_errors)
    }
}

/// `HC_SCHOOL_MISSING` for every active other-affiliation school that the registry lists under
/// an LAO of these forms and that has no form (§4.2(2): complete forms). The scope is the LAOs
/// the forms name: a file of one LAO's forms says nothing about the LAOs it does not name (they
/// may not have entered yet; the workflow's pending list shows them). Schools the registry
/// marks as taking no part this round need no form. The findings name no file or row.
pub fn missing_schools(forms: &[HeadcountForm], registry: &Registry) -> Vec<Finding> {
    let laos: std::collections::BTreeSet<LaoCode> =
        forms.iter().filter_map(|f| f.lao).filter(|l| registry.lao(*l).is_some()).collect();
    let have: std::collections::HashSet<SchoolId> = forms.iter().filter_map(|f| f.school).collect();
    let mut out = Vec::new();
    for lao in laos {
        for s in registry.active_other_schools_of(lao).filter(|s| !have.contains(s)) {
            let name = registry.other_school(s).map(|u| u.name.as_str()).unwrap_or_default();
            out.push(Finding::new(
                FindingCode::HcSchoolMissing,
                Some("school_code"),
                Some(&s.digits()),
                Detail::both(format!("{name} ของ อปท. {}", lao.login()), format!("{name} of LAO {}", lao.login())),
            ));
        }
    }
    out
}

/// Which form column a header names: `lao_code`, `school_code`, `school_name`, `extended`,
/// `closed`, or a grade (`K1`…`M3`, `อ.1`…`ม.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadcountColumn {
    /// รหัส อปท.
    LaoCode,
    /// รหัสโรงเรียน.
    SchoolCode,
    /// ชื่อโรงเรียน.
    SchoolName,
    /// โรงเรียนขยายโอกาส.
    Extended,
    /// ประกาศเลิก.
    Closed,
    /// A grade's count, by its index in [`HEADCOUNT_GRADES`].
    Grade(usize),
}

impl HeadcountColumn {
    /// The column a header names (English or Thai; case, spaces and dashes do not matter).
    pub fn from_header(header: &str) -> Option<HeadcountColumn> {
        let key: String =
            trim(header).chars().map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() }).collect();
        match key.as_str() {
            "lao_code" | "รหัส_อปท." | "รหัสอปท." | "รหัส_อปท" | "รหัสอปท" =>
            {
                return Some(HeadcountColumn::LaoCode);
            }
            "school_code" | "รหัสโรงเรียน" | "รหัสสถานศึกษา" => {
                return Some(HeadcountColumn::SchoolCode);
            }
            "school_name" | "ชื่อโรงเรียน" | "ชื่อสถานศึกษา" => {
                return Some(HeadcountColumn::SchoolName);
            }
            "extended" | "ขยายโอกาส" | "โรงเรียนขยายโอกาส" => {
                return Some(HeadcountColumn::Extended);
            }
            "closed" | "ประกาศเลิก" | "เลิก" => return Some(HeadcountColumn::Closed),
            _ => {}
        }
        let g = crate::grade::parse_grade(header)?;
        HEADCOUNT_GRADES.iter().position(|x| *x == g).map(HeadcountColumn::Grade)
    }
}

/// The report of `lec headcount`: the same shape as a student-file report ([`FileInfo`] per
/// file or sheet, [`Summary`] where a "record" is a form, counts per code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HeadcountReport {
    /// The files (and sheets) read.
    pub files: Vec<FileInfo>,
    /// The counts: `rows = records_counted + records_with_errors` (a headcount form is never
    /// removed).
    pub summary: Summary,
    /// How many findings of each code, in catalogue order.
    pub by_code: Vec<CodeCount>,
    /// Every finding, by file and row.
    pub findings: Vec<Finding>,
    /// The forms (not serialised: the budget reads them).
    #[serde(skip)]
    pub forms: Vec<HeadcountForm>,
}

impl HeadcountReport {
    /// Reads and checks one headcount file's bytes: CSV in any encoding and delimiter the
    /// student files take or, with the `xlsx` feature, a workbook (every sheet with a form).
    #[cfg(feature = "files")]
    pub fn add_bytes(&mut self, name: &str, bytes: &[u8], policy: &Policy, registry: Option<&Registry>) {
        self.add_file(name, std::io::Cursor::new(bytes), None, policy, registry);
    }

    /// Reads and checks one headcount file from a reader that can start again (a file):
    /// as [`HeadcountReport::add_bytes`]; `sheet` chooses one sheet of a workbook.
    #[cfg(feature = "files")]
    pub fn add_file<R: std::io::Read + std::io::Seek>(
        &mut self,
        name: &str,
        reader: R,
        sheet: Option<&str>,
        policy: &Policy,
        registry: Option<&Registry>,
    ) {
        let mut schema = FormSchema {
            policy,
            registry,
            check: HeadcountCheck::default(),
            files: Vec::new(),
            columns: BTreeMap::new(),
            missing: false,
            width: 0,
            exact_width: false,
            unreadable_rows: 0,
        };
        crate::files::read_table(name, reader, sheet, &mut schema);
        let FormSchema { mut check, files, unreadable_rows, .. } = schema;
        let s = &mut self.summary;
        s.rows += files.iter().map(|f| f.rows).sum::<u64>();
        s.records_with_errors += unreadable_rows + check.forms.iter().filter(|f| f.has_errors).count() as u64;
        s.records_counted += check.forms.iter().filter(|f| !f.has_errors).count() as u64;
        for f in &check.findings {
            self.count(f);
        }
        self.by_code.sort_unstable_by_key(|c| (c.code, std::cmp::Reverse(c.severity)));
        check.findings.sort_by_key(|f| f.row);
        self.findings.extend(check.findings);
        self.forms.extend(check.forms);
        self.files.extend(files);
        if let Some(reg) = registry {
            self.refresh_missing(reg);
        }
    }

    /// Recomputes `HC_SCHOOL_MISSING` over every form read so far: the forms of an LAO may be
    /// spread over several files, so a school is missing only when no file has its form.
    #[cfg(feature = "files")]
    fn refresh_missing(&mut self, registry: &Registry) {
        let before = self.findings.len();
        self.findings.retain(|f| f.code != FindingCode::HcSchoolMissing);
        let removed = (before - self.findings.len()) as u64;
        self.summary.errors = self.summary.errors.saturating_sub(removed);
        self.by_code.retain(|c| c.code != FindingCode::HcSchoolMissing);
        let missing = missing_schools(&self.forms, registry);
        for f in &missing {
            self.count(f);
        }
        self.by_code.sort_unstable_by_key(|c| (c.code, std::cmp::Reverse(c.severity)));
        self.findings.extend(missing);
    }

    /// Records a file that could not be read at all (its `FILE_UNREADABLE` finding).
    pub fn add_unreadable(&mut self, name: &str, finding: Finding) {
        self.files.push(FileInfo {
            path: name.to_owned(),
            sheet: None,
            format: None,
            encoding: None,
            header_row: None,
            header_rows: 0,
            rows: 0,
            blank_rows: 0,
        });
        self.count(&finding);
        self.by_code.sort_unstable_by_key(|c| (c.code, std::cmp::Reverse(c.severity)));
        self.findings.push(finding);
    }

    fn count(&mut self, f: &Finding) {
        let s = &mut self.summary;
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
        match self.by_code.iter_mut().find(|c| c.code == f.code && c.severity == f.severity) {
            Some(c) => c.count += 1,
            None => self.by_code.push(CodeCount { code: f.code, severity: f.severity, count: 1 }),
        }
    }

    /// The first file that could not be read at all, as the `FILE_UNREADABLE` error: for the
    /// callers with no report to show the finding in (the budget stops on it).
    pub fn unreadable_file(&self) -> Option<crate::error::Error> {
        self.findings
            .iter()
            .find(|f| f.code == FindingCode::FileUnreadable && f.row.is_none())
            .map(|f| crate::error::Error::from_finding(crate::error::ErrorKind::File, f))
    }

    /// Whether any finding is an `error`.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

/// Headcount forms as a kind of table over the one file path.
#[cfg(feature = "files")]
struct FormSchema<'a> {
    policy: &'a Policy,
    registry: Option<&'a Registry>,
    check: HeadcountCheck,
    files: Vec<FileInfo>,
    /// The form column of each table column, in the part being read.
    columns: BTreeMap<usize, HeadcountColumn>,
    /// The part lacks a required column: its rows are forms with errors.
    missing: bool,
    width: usize,
    /// Rows must have the header's width (CSV); a sheet's rows end at their last cell.
    exact_width: bool,
    unreadable_rows: u64,
}

/// The columns every form needs.
#[cfg(feature = "files")]
fn required_columns() -> impl Iterator<Item = (HeadcountColumn, &'static str)> {
    [(HeadcountColumn::LaoCode, "lao_code"), (HeadcountColumn::SchoolCode, "school_code")].into_iter().chain(
        HEADCOUNT_GRADES.iter().enumerate().take(ALWAYS_REQUIRED).map(|(i, g)| (HeadcountColumn::Grade(i), g.code())),
    )
}

#[cfg(feature = "files")]
impl FormSchema<'_> {
    fn file(&mut self) -> Option<&mut FileInfo> {
        self.files.last_mut()
    }

    fn label(&self) -> Option<String> {
        self.files.last().map(|f| f.path.clone())
    }
}

#[cfg(feature = "files")]
impl crate::files::rows::TableSchema for FormSchema<'_> {
    fn header_score(&self, cells: &[String]) -> usize {
        let mut seen = Vec::new();
        for c in cells.iter().filter_map(|c| HeadcountColumn::from_header(c)) {
            if !seen.contains(&c) {
                seen.push(c);
            }
        }
        seen.len()
    }

    fn header_threshold(&self) -> usize {
        3
    }

    fn begin(&mut self, part: &crate::files::rows::TablePart, header_row: Option<u64>, header: Option<&[String]>) {
        self.files.push(FileInfo {
            path: part.label.clone(),
            sheet: part.sheet.clone(),
            format: Some(part.format.to_owned()),
            encoding: part.encoding.map(|e| e.label().to_owned()),
            header_row,
            header_rows: 0,
            rows: 0,
            blank_rows: 0,
        });
        self.exact_width = part.format == "csv";
        self.columns.clear();
        self.missing = false;
        let Some(header) = header else { return };
        self.width = header.len();
        let mut seen = Vec::new();
        for (i, h) in header.iter().enumerate() {
            if let Some(c) = HeadcountColumn::from_header(h)
                && !seen.contains(&c)
            {
                seen.push(c);
                self.columns.insert(i, c);
            }
        }
        let label = part.label.clone();
        for (c, name) in required_columns() {
            if !seen.contains(&c) {
                self.missing = true;
                self.check.findings.push(
                    Finding::new(
                        FindingCode::FileColumnMissing,
                        Some(name),
                        Some(name),
                        Detail::both("แบบฟอร์มจำนวนนักเรียน", "a headcount form"),
                    )
                    .at(Some(&label), header_row),
                );
            }
        }
    }

    fn row(&mut self, row: u64, cells: &[String]) {
        let label = self.label();
        if let Some(f) = self.file() {
            f.rows += 1;
        }
        if self.missing {
            self.unreadable_rows += 1;
            return;
        }
        let wider = cells.len() > self.width && cells.iter().skip(self.width).any(|c| !trim(c).is_empty());
        if wider || (self.exact_width && cells.len() != self.width) {
            self.unreadable_rows += 1;
            let width = self.width;
            self.check.findings.push(
                Finding::new(
                    FindingCode::FileRowShape,
                    None,
                    Some(&cells.len().to_string()),
                    Detail::both(format!("หัวตารางมี {width} ช่อง"), format!("the header has {width}")),
                )
                .at(label.as_deref(), Some(row)),
            );
            return;
        }
        let mut input = HeadcountRow::default();
        for (i, c) in &self.columns {
            let cell = cells.get(*i).map(String::as_str).unwrap_or("").to_owned();
            match c {
                HeadcountColumn::LaoCode => input.lao_code = cell,
                HeadcountColumn::SchoolCode => input.school_code = cell,
                HeadcountColumn::SchoolName => input.school_name = cell,
                HeadcountColumn::Extended => input.extended = cell,
                HeadcountColumn::Closed => input.closed = cell,
                HeadcountColumn::Grade(g) => {
                    if let Some(slot) = input.counts.get_mut(*g) {
                        *slot = Some(cell);
                    }
                }
            }
        }
        self.check.push(label.as_deref(), row, &input, self.policy, self.registry);
    }

    fn other_rows(&mut self, header_rows: u64, blank_rows: u64) {
        if let Some(f) = self.file() {
            f.header_rows += header_rows;
            f.blank_rows += blank_rows;
        }
    }

    fn unreadable_row(&mut self, _row: u64, finding: Finding) {
        if let Some(f) = self.file() {
            f.rows += 1;
        }
        self.unreadable_rows += 1;
        self.check.findings.push(finding);
    }

    fn finding(&mut self, finding: Finding) {
        if finding.code == FindingCode::FileUnreadable
            && finding.row.is_none()
            && let Some(f) = self.file()
        {
            f.format = None;
        }
        self.check.findings.push(finding);
    }

    fn no_table(&mut self, part: &crate::files::rows::TablePart) {
        for (_, name) in required_columns() {
            self.check.findings.push(
                Finding::new(
                    FindingCode::FileColumnMissing,
                    Some(name),
                    Some(name),
                    Detail::both("แบบฟอร์มจำนวนนักเรียน", "a headcount form"),
                )
                .at(Some(&part.label), None),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(extended: &str, closed: &str, counts: &[&str]) -> HeadcountRow {
        let mut r = HeadcountRow {
            lao_code: "06580102".into(),
            school_code: "1058100101".into(),
            school_name: "บ้านผาบ่อง".into(),
            extended: extended.into(),
            closed: closed.into(),
            ..HeadcountRow::default()
        };
        for (slot, c) in r.counts.iter_mut().zip(counts) {
            *slot = Some((*c).to_owned());
        }
        r
    }

    fn codes(r: &HeadcountRow) -> Vec<&'static str> {
        check_headcount_row(r, &Policy::default(), None).1.iter().map(|f| f.code.as_str()).collect()
    }

    const FULL: [&str; 12] = ["5", "6", "7", "10", "11", "12", "9", "8", "10", "", "", ""];

    #[test]
    fn a_school_on_two_forms_points_back_to_its_first_row_also_after_direct_pushes() {
        let mut check = HeadcountCheck::default();
        let school = |i: u64| format!("10581{i:05}");
        for i in 0..2_000u64 {
            let mut r = row("no", "", &FULL);
            r.school_code = school(i % 1_000); // every school twice
            check.push(Some("forms.csv"), i + 2, &r, &Policy::default(), None);
        }
        let dups: Vec<_> = check.findings.iter().filter(|f| f.code == FindingCode::HcDuplicateSchool).collect();
        assert_eq!(dups.len(), 1_000);
        assert_eq!(dups[0].row, Some(1_002));
        assert!(dups[0].message_en.contains("first at row 2"), "{}", dups[0].message_en);
        assert_eq!(check.usable().count(), 1_000);
        // a form added to `forms` by hand still counts as the first of its school
        let mut extra = check_headcount_row(&row("no", "", &FULL), &Policy::default(), None).0;
        extra.row = 9_000;
        extra.school = SchoolId::parse(&school(5_000)).ok();
        check.forms.push(extra);
        let mut r = row("no", "", &FULL);
        r.school_code = school(5_000);
        check.push(None, 9_001, &r, &Policy::default(), None);
        let last = check.findings.last().unwrap();
        assert_eq!((last.code, last.row), (FindingCode::HcDuplicateSchool, Some(9_001)));
        assert!(last.message_en.contains("first at row 9000"), "{}", last.message_en);
        // forms taken out by hand are forgotten: no duplicate of a form that is gone
        check.forms.clear();
        let before = check.findings.len();
        check.push(None, 9_002, &r, &Policy::default(), None);
        assert_eq!(check.findings.len(), before);
        assert_eq!(check.forms.len(), 1);
    }

    #[test]
    fn a_table_test_per_headcount_code() {
        assert!(codes(&row("no", "", &FULL)).is_empty());
        let mut blank = FULL;
        blank[3] = "";
        assert_eq!(codes(&row("no", "", &blank)), ["HC_MISSING"]);
        assert_eq!(codes(&row("ใช่", "", &FULL)), ["HC_MISSING", "HC_MISSING", "HC_MISSING"], "extended: ม.1–ม.3 too");
        let mut thai = FULL;
        thai[0] = "๐";
        assert_eq!(codes(&row("no", "", &thai)), ["HC_NOT_ARABIC"]);
        let mut bad = FULL;
        bad[1] = "-2";
        bad[2] = "3.5";
        assert_eq!(codes(&row("no", "", &bad)), ["HC_INVALID", "HC_INVALID"]);
        let mut m = FULL;
        m[9] = "4";
        assert_eq!(codes(&row("no", "", &m)), ["HC_OUT_OF_RANGE"]);
        m[9] = "0";
        assert!(codes(&row("no", "", &m)).is_empty(), "a zero outside the range is fine");
        let zeros = ["0"; 12];
        assert!(codes(&row("no", "yes", &zeros)).is_empty());
        assert_eq!(codes(&row("no", "yes", &FULL)), ["HC_CLOSED_NONZERO"]);
        assert_eq!(codes(&row("maybe", "", &FULL)), ["HC_INVALID"]);
        let mut r = row("no", "", &FULL);
        r.school_code = "12345".into();
        r.lao_code = "123".into();
        assert_eq!(codes(&r), ["LAO_CODE_FORMAT", "SCHOOL_CODE_FORMAT"]);
    }

    #[test]
    fn thai_digits_may_be_let_through_by_policy() {
        let policy = Policy { headcount_thai_digits: crate::policy::CheckLevel::Warning, ..Policy::default() };
        let mut thai = FULL;
        thai[0] = "๑๒";
        let (form, findings) = check_headcount_row(&row("no", "", &thai), &policy, None);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(form.count(Grade::K1), 12);
        assert!(!form.has_errors);
    }

    #[test]
    fn headers_in_english_and_thai() {
        assert_eq!(HeadcountColumn::from_header("อ.1"), Some(HeadcountColumn::Grade(0)));
        assert_eq!(HeadcountColumn::from_header("ม.3"), Some(HeadcountColumn::Grade(11)));
        assert_eq!(HeadcountColumn::from_header("P6"), Some(HeadcountColumn::Grade(8)));
        assert_eq!(HeadcountColumn::from_header("ม.4"), None);
        assert_eq!(HeadcountColumn::from_header("รหัสโรงเรียน"), Some(HeadcountColumn::SchoolCode));
        assert_eq!(HeadcountColumn::from_header("School Code"), Some(HeadcountColumn::SchoolCode));
    }
}
