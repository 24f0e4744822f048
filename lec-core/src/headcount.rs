//! Headcount forms of other-affiliation schools (จำนวนนักเรียนของสถานศึกษาสังกัดอื่น, §4.2, §7.3):
//! per school, a count for every grade from อ.1 to ป.6 (and ม.1–ม.3 for an extended-opportunity
//! school), in Arabic numerals, a blank never meaning 0, a closed school all zeros.

use crate::codes::{LaoCode, SchoolId};
use crate::finding::{Detail, Finding, FindingCode, Severity};
use crate::grade::Grade;
use crate::policy::Policy;
use crate::registry::Registry;
use crate::text::{digit_value, has_thai_digits, trim};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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

/// One headcount file as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeadcountFile {
    /// The path or name given.
    pub path: String,
    /// The text encoding detected, if it was read.
    pub encoding: Option<String>,
    /// Forms read.
    pub rows: u64,
    /// Rows with every cell blank.
    pub blank_rows: u64,
}

/// The counts of a headcount report: `rows = forms_counted + forms_with_errors`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct HeadcountSummary {
    /// Forms read.
    pub rows: u64,
    /// Findings of severity `error`.
    pub errors: u64,
    /// Findings of severity `warning`.
    pub warnings: u64,
    /// Findings of severity `info`.
    pub infos: u64,
    /// Forms without an `error` finding: they count.
    pub forms_counted: u64,
    /// Forms with an `error` finding, or rows that could not be read as forms.
    pub forms_with_errors: u64,
}

/// The report of `lec headcount`: the same shape as a student-file report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HeadcountReport {
    /// The files read.
    pub files: Vec<HeadcountFile>,
    /// The counts.
    pub summary: HeadcountSummary,
    /// Every finding, by file and row.
    pub findings: Vec<Finding>,
    /// The forms (not serialised: the budget reads them).
    #[serde(skip)]
    pub forms: Vec<HeadcountForm>,
}

impl HeadcountReport {
    /// Reads and checks one headcount CSV file's bytes (UTF-8 or Windows-874, `,` `;` or tab).
    #[cfg(feature = "files")]
    pub fn add_csv(&mut self, name: &str, bytes: &[u8], policy: &Policy, registry: Option<&Registry>) {
        let mut file = HeadcountFile { path: name.to_owned(), encoding: None, rows: 0, blank_rows: 0 };
        let mut check = HeadcountCheck::default();
        let mut unreadable_rows = 0u64;
        let result = crate::files::decode(name, bytes).map(|(text, enc)| {
            file.encoding = Some(enc.label().to_owned());
            if enc != crate::files::TextEncoding::Utf8 {
                check.findings.push(
                    Finding::new(FindingCode::FileEncoding, None, Some(name), Detail::same(enc.label()))
                        .at(Some(name), None),
                );
            }
            read_rows(name, &text, policy, registry, &mut file, &mut check, &mut unreadable_rows);
        });
        if let Err(e) = result {
            let f = Finding {
                message_th: e.message_th().to_owned(),
                message_en: e.message_en().to_owned(),
                ..Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::none())
            };
            check.findings.push(f.at(Some(name), None));
        }
        let s = &mut self.summary;
        s.rows += file.rows;
        s.forms_with_errors += unreadable_rows + check.forms.iter().filter(|f| f.has_errors).count() as u64;
        s.forms_counted += check.forms.iter().filter(|f| !f.has_errors).count() as u64;
        for f in &check.findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        check.findings.sort_by_key(|f| f.row);
        self.findings.extend(check.findings);
        self.forms.extend(check.forms);
        self.files.push(file);
        if let Some(reg) = registry {
            self.refresh_missing(reg);
        }
    }

    /// Recomputes `HC_SCHOOL_MISSING` over every form read so far: the forms of an LAO may be
    /// spread over several files, so a school is missing only when no file has its form.
    fn refresh_missing(&mut self, registry: &Registry) {
        let before = self.findings.len();
        self.findings.retain(|f| f.code != FindingCode::HcSchoolMissing);
        self.summary.errors -= (before - self.findings.len()) as u64;
        let missing = missing_schools(&self.forms, registry);
        self.summary.errors += missing.len() as u64;
        self.findings.extend(missing);
    }

    /// Whether any finding is an `error`.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}

#[cfg(feature = "files")]
fn read_rows(
    name: &str,
    text: &str,
    policy: &Policy,
    registry: Option<&Registry>,
    file: &mut HeadcountFile,
    check: &mut HeadcountCheck,
    unreadable_rows: &mut u64,
) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(crate::files::sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let blank = |r: &csv::StringRecord| r.iter().all(|c| trim(c).is_empty());
    let row_of = |r: &csv::StringRecord| r.position().map_or(0, |p| p.line());
    let header = loop {
        match records.next() {
            None => {
                check.findings.push(
                    Finding::new(
                        FindingCode::FileUnreadable,
                        None,
                        Some(name),
                        Detail::both("ไฟล์ว่าง ไม่มีหัวตาราง", "the file is empty: no header row"),
                    )
                    .at(Some(name), None),
                );
                return;
            }
            Some(Ok(r)) if blank(&r) => file.blank_rows += 1,
            Some(Ok(r)) => break r,
            Some(Err(e)) => {
                check.findings.push(
                    Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::same(e.to_string()))
                        .at(Some(name), None),
                );
                return;
            }
        }
    };
    let header_row = row_of(&header);
    let mut cols: BTreeMap<usize, HeadcountColumn> = BTreeMap::new();
    let mut seen = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if let Some(c) = HeadcountColumn::from_header(h)
            && !seen.contains(&c)
        {
            seen.push(c);
            cols.insert(i, c);
        }
    }
    let mut missing: Vec<String> = Vec::new();
    for (c, name_) in [(HeadcountColumn::LaoCode, "lao_code"), (HeadcountColumn::SchoolCode, "school_code")] {
        if !seen.contains(&c) {
            missing.push(name_.to_owned());
        }
    }
    for (i, g) in HEADCOUNT_GRADES.iter().enumerate().take(ALWAYS_REQUIRED) {
        if !seen.contains(&HeadcountColumn::Grade(i)) {
            missing.push(g.code().to_owned());
        }
    }
    for m in &missing {
        check.findings.push(
            Finding::new(
                FindingCode::FileColumnMissing,
                Some(m),
                Some(m),
                Detail::both("แบบฟอร์มจำนวนนักเรียน", "a headcount form"),
            )
            .at(Some(name), Some(header_row)),
        );
    }
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                file.rows += 1;
                *unreadable_rows += 1;
                let row = e.position().map_or(0, |p| p.line());
                check.findings.push(
                    Finding::new(FindingCode::FileUnreadable, None, Some(name), Detail::same(e.to_string()))
                        .at(Some(name), Some(row)),
                );
                continue;
            }
        };
        if blank(&rec) {
            file.blank_rows += 1;
            continue;
        }
        let row = row_of(&rec);
        file.rows += 1;
        if !missing.is_empty() {
            *unreadable_rows += 1;
            continue;
        }
        if rec.len() != header.len() {
            *unreadable_rows += 1;
            check.findings.push(
                Finding::new(
                    FindingCode::FileRowShape,
                    None,
                    Some(&rec.len().to_string()),
                    Detail::both(format!("หัวตารางมี {} ช่อง", header.len()), format!("the header has {}", header.len())),
                )
                .at(Some(name), Some(row)),
            );
            continue;
        }
        let mut input = HeadcountRow::default();
        for (i, c) in &cols {
            let cell = rec.get(*i).unwrap_or("").to_owned();
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
        check.push(Some(name), row, &input, policy, registry);
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
