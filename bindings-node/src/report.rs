//! Findings and reports as plain JavaScript objects (camelCase keys; the CLI's JSON uses the
//! same names in snake_case).

use napi_derive::napi;

/// How serious a finding is (the TypeScript type lists the names only, so here is each):
#[doc = " `error` (ข้อผิดพลาด) blocks confirmation of the unit it belongs to; `warning` (คำเตือน)"]
#[doc = " is worth a look and does not block; `info` (ข้อมูลเพื่อทราบ) only tells."]
#[napi(string_enum = "lowercase")]
pub enum Severity {
    #[doc = " ข้อมูลเพื่อทราบ — for information only."]
    Info,
    #[doc = " คำเตือน — worth a look; does not block confirmation."]
    Warning,
    #[doc = " ข้อผิดพลาด — blocks confirmation of the unit it belongs to."]
    Error,
}

impl Severity {
    pub(crate) fn into_core(self) -> lec_core::Severity {
        match self {
            Severity::Info => lec_core::Severity::Info,
            Severity::Warning => lec_core::Severity::Warning,
            Severity::Error => lec_core::Severity::Error,
        }
    }
}

impl From<lec_core::Severity> for Severity {
    fn from(s: lec_core::Severity) -> Severity {
        match s {
            lec_core::Severity::Info => Severity::Info,
            lec_core::Severity::Warning => Severity::Warning,
            lec_core::Severity::Error => Severity::Error,
        }
    }
}

/// One finding: a stable code, a severity, where it was found and a message in Thai and English.
/// Personal IDs in `value` and the messages are masked unless the caller asked otherwise.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Finding {
    /// The stable code, e.g. `ID_CHECKSUM` (the catalogue is `docs/findings.md`).
    pub code: String,
    /// `error` blocks confirmation, `warning` does not, `info` only tells.
    pub severity: Severity,
    /// The file it was found in (`<records>` for `validateRecords`), if any.
    pub file: Option<String>,
    /// The row a spreadsheet shows (a CSV's header is row 1, its first record row 2; the first
    /// object given to `validateRecords` is row 1).
    pub row: Option<i64>,
    /// The column / field, e.g. `person_id`.
    pub column: Option<String>,
    /// The offending value as typed (personal IDs masked unless `unmask`).
    pub value: Option<String>,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

impl From<&lec_core::Finding> for Finding {
    fn from(f: &lec_core::Finding) -> Finding {
        Finding {
            code: f.code.as_str().to_owned(),
            severity: f.severity.into(),
            file: f.file.clone(),
            row: f.row.map(count),
            column: f.column.clone(),
            value: f.value.clone(),
            message_th: f.message_th.clone(),
            message_en: f.message_en.clone(),
        }
    }
}

/// Findings as JavaScript objects.
pub(crate) fn findings(fs: &[lec_core::Finding]) -> Vec<Finding> {
    fs.iter().map(Finding::from).collect()
}

/// A count or row number as a JavaScript number (exact below 2^53; saturating, never panicking).
pub(crate) fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// One input file (or sheet of a workbook) as read.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct FileInfo {
    /// The path or name given; for a sheet of a workbook `book.xlsx#Sheet1`.
    pub path: String,
    /// The sheet's name, for a sheet of a workbook.
    pub sheet: Option<String>,
    /// What the file was read as: `csv`, `xlsx`, `xls` or `ods` (`null` when it could not be read).
    pub format: Option<String>,
    /// The text encoding detected (`utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
    /// `windows-874`), when it was read as text.
    pub encoding: Option<String>,
    /// The row of the header (the last one, when the header spans merged rows), if found.
    pub header_row: Option<i64>,
    /// Non-blank rows up to and including the header (a title block above it, the header).
    pub header_rows: i64,
    /// Records read (blank rows are not records).
    pub rows: i64,
    /// Rows with every cell blank: skipped, not records.
    pub blank_rows: i64,
}

/// The counts of a report: `rows = recordsCounted + recordsWithErrors + recordsRemoved`, and
/// every finding is counted in `errors`, `warnings` or `infos`, listed or not.
#[napi(object, object_from_js = false)]
pub struct Summary {
    /// Records read, over every file.
    pub rows: i64,
    /// Findings of severity `error`.
    pub errors: i64,
    /// Findings of severity `warning`.
    pub warnings: i64,
    /// Findings of severity `info`.
    pub infos: i64,
    /// Records with no `error` finding: they count.
    pub records_counted: i64,
    /// Records with at least one `error` finding (rows that could not be read as records too):
    /// they do not count until fixed.
    pub records_with_errors: i64,
    #[doc = " Records marked removed / not existing (ไม่มีตัวตน, จำหน่าย): reported, never counted."]
    pub records_removed: i64,
    /// Findings counted above but not listed in `findings` (beyond `listLimit`, or below
    /// `minSeverity`).
    pub findings_omitted: i64,
}

/// How many findings of one code (and severity) a report holds, listed or not.
#[napi(object, object_from_js = false)]
pub struct CodeCount {
    /// The code, e.g. `ID_CHECKSUM`.
    pub code: String,
    /// Its severity (a policy may set it).
    pub severity: Severity,
    /// How many.
    pub count: i64,
}

#[doc = " The counts of one institution (สถานศึกษา), or of the rows and findings that belong to none"]
/// (no valid institution code, or a finding about a file as a whole).
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct InstitutionCount {
    /// The 10-digit institution code; `null` for rows without a valid one and for file findings.
    pub institution: Option<String>,
    /// The institution's name, when the registry knows it.
    pub name: Option<String>,
    /// Records read.
    pub rows: i64,
    /// Records that count.
    pub records_counted: i64,
    /// Records with at least one `error` finding.
    pub records_with_errors: i64,
    /// Records marked removed.
    pub records_removed: i64,
    /// Findings of severity `error`.
    pub errors: i64,
    /// Findings of severity `warning`.
    pub warnings: i64,
    /// Findings of severity `info`.
    pub infos: i64,
}

/// The result of validating a data set: every input row is accounted for.
#[napi(object, object_from_js = false)]
pub struct Report {
    /// The files (and sheets) read, in the order given.
    pub files: Vec<FileInfo>,
    /// The counts.
    pub summary: Summary,
    /// How many findings of each code, in catalogue order (every finding, listed or not).
    pub by_code: Vec<CodeCount>,
    /// The counts per institution, by code (the rows and findings of no institution last).
    pub by_institution: Vec<InstitutionCount>,
    /// The findings listed, ordered by file, then row, then the order the checks ran.
    pub findings: Vec<Finding>,
    /// The registry's own findings (bad or inconsistent rows), when a registry was given.
    pub registry_findings: Vec<Finding>,
}

impl From<&lec_core::FileInfo> for FileInfo {
    fn from(f: &lec_core::FileInfo) -> FileInfo {
        FileInfo {
            path: f.path.clone(),
            sheet: f.sheet.clone(),
            format: f.format.clone(),
            encoding: f.encoding.clone(),
            header_row: f.header_row.map(count),
            header_rows: count(f.header_rows),
            rows: count(f.rows),
            blank_rows: count(f.blank_rows),
        }
    }
}

impl From<&lec_core::Summary> for Summary {
    fn from(s: &lec_core::Summary) -> Summary {
        Summary {
            rows: count(s.rows),
            errors: count(s.errors),
            warnings: count(s.warnings),
            infos: count(s.infos),
            records_counted: count(s.records_counted),
            records_with_errors: count(s.records_with_errors),
            records_removed: count(s.records_removed),
            findings_omitted: count(s.findings_omitted),
        }
    }
}

impl From<&lec_core::CodeCount> for CodeCount {
    fn from(c: &lec_core::CodeCount) -> CodeCount {
        CodeCount { code: c.code.as_str().to_owned(), severity: c.severity.into(), count: count(c.count) }
    }
}

impl Report {
    pub(crate) fn new(r: &lec_core::Report, registry: &[lec_core::Finding]) -> Report {
        let s = &r.summary;
        Report {
            files: r.files.iter().map(FileInfo::from).collect(),
            summary: Summary::from(s),
            by_code: r.by_code.iter().map(CodeCount::from).collect(),
            by_institution: r
                .by_institution
                .iter()
                .map(|i| InstitutionCount {
                    institution: i.institution.clone(),
                    name: i.name.clone(),
                    rows: count(i.rows),
                    records_counted: count(i.records_counted),
                    records_with_errors: count(i.records_with_errors),
                    records_removed: count(i.records_removed),
                    errors: count(i.errors),
                    warnings: count(i.warnings),
                    infos: count(i.infos),
                })
                .collect(),
            findings: findings(&r.findings),
            registry_findings: findings(registry),
        }
    }
}
