//! The shape of every report: the files (and sheets) read, the counts, the counts per finding
//! code and per institution, and the findings. Student files ([`crate::validate`]) and headcount
//! forms ([`crate::headcount`]) report in these same types.

use crate::finding::{Finding, FindingCode, Severity};
use serde::Serialize;

/// One input file (or one sheet of a workbook) as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileInfo {
    /// The path or name given; for a sheet of a workbook `book.xlsx#Sheet1`.
    pub path: String,
    /// The sheet's name, for a sheet of a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// What the file was read as: `csv`, `xlsx`, `xls` or `ods` (none when it could not be read).
    pub format: Option<String>,
    /// The text encoding detected (`utf-8`, `utf-8-bom`, `utf-16le`, `windows-874`), if it was
    /// read as text.
    pub encoding: Option<String>,
    /// The row of the header (the last one, when the header spans merged rows), if found.
    pub header_row: Option<u64>,
    /// Non-blank rows up to and including the header (a title block above it, the header).
    pub header_rows: u64,
    /// Records read (blank rows are not records).
    pub rows: u64,
    /// Rows with every cell blank: skipped, not records.
    pub blank_rows: u64,
}

/// The counts of a report. `rows = records_counted + records_with_errors + records_removed`,
/// and every finding is counted in `errors`, `warnings` or `infos`, listed or not.
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
    /// Findings counted above but not listed in `findings` (beyond the list limit, or below the
    /// severity asked for).
    pub findings_omitted: u64,
}

/// How many findings of one code (and severity) a report holds, listed or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The code.
    pub code: FindingCode,
    /// Its severity (a policy may set it).
    pub severity: Severity,
    /// How many.
    pub count: u64,
}

/// The counts of one institution (สถานศึกษา), or of the rows and findings that belong to none
/// (no valid institution code, or a finding about a file as a whole).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InstitutionCount {
    /// The 10-digit institution code; none for rows without a valid one and for file findings.
    pub institution: Option<String>,
    /// The institution's name, when the registry knows it.
    pub name: Option<String>,
    /// Records read.
    pub rows: u64,
    /// Records that count.
    pub records_counted: u64,
    /// Records with at least one `error` finding.
    pub records_with_errors: u64,
    /// Records marked removed.
    pub records_removed: u64,
    /// Findings of severity `error`.
    pub errors: u64,
    /// Findings of severity `warning`.
    pub warnings: u64,
    /// Findings of severity `info`.
    pub infos: u64,
}

/// The result of validating a data set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
}

impl Report {
    /// Whether any finding is an `error`.
    pub fn has_errors(&self) -> bool {
        self.summary.errors > 0
    }
}
