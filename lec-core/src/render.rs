//! What every front prints: the findings as CSV, a report as the `lec` command's table, and
//! personal IDs explained. Pure text (no I/O): the CLI writes it to its output and Python's
//! `python -m lec` to its own, so that the two can never print differently.

use crate::finding::{Finding, Lang, Severity};
use crate::id::check_id;
use crate::policy::Policy;
use crate::report::Report;
use serde::Serialize;
use std::fmt::Write as _;

/// The columns of the findings' CSV.
pub const FINDING_COLUMNS: [&str; 8] =
    ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"];

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn csv_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(out, f);
    }
    out.push('\n');
}

/// The findings as CSV: a header row of [`FINDING_COLUMNS`], then one row per finding.
pub fn findings_csv<'f>(findings: impl IntoIterator<Item = &'f Finding>) -> String {
    let mut out = String::new();
    csv_row(&mut out, FINDING_COLUMNS);
    for f in findings {
        let row = f.row.map(|r| r.to_string()).unwrap_or_default();
        csv_row(
            &mut out,
            [
                f.code.as_str(),
                f.severity.as_str(),
                f.file.as_deref().unwrap_or(""),
                row.as_str(),
                f.column.as_deref().unwrap_or(""),
                f.value.as_deref().unwrap_or(""),
                f.message_th.as_str(),
                f.message_en.as_str(),
            ],
        );
    }
    out
}

/// A report as the `lec validate` table: a line per finding (the registry's first), a line per
/// file, the counts per code, what was not listed, and the summary.
pub fn report_table(report: &Report, registry_findings: &[Finding], lang: Lang) -> String {
    let mut out = String::new();
    for f in registry_findings.iter().chain(&report.findings) {
        let place = match (&f.file, f.row) {
            (Some(file), Some(row)) => format!("{file}:{row}"),
            (Some(file), None) => file.clone(),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{place:<28} {:<16} {:<8} {:<28} {}",
            f.column.as_deref().unwrap_or("-"),
            f.severity,
            f.code,
            f.message(lang)
        );
    }
    let s = &report.summary;
    for file in &report.files {
        let read_as = match (file.format.as_deref(), file.encoding.as_deref()) {
            (Some(format), Some(encoding)) => format!("{format}, encoding {encoding}"),
            (Some(format), None) => format.to_owned(),
            (None, _) => "unread".to_owned(),
        };
        let header = file.header_row.map(|r| format!(", header at row {r}")).unwrap_or_default();
        let _ = writeln!(out, "file {}: {} rows, {} blank, {read_as}{header}", file.path, file.rows, file.blank_rows);
    }
    if !report.by_code.is_empty() {
        let counts: Vec<String> = report.by_code.iter().map(|c| format!("{} {}", c.code, c.count)).collect();
        let _ = writeln!(out, "by code: {}", counts.join(", "));
    }
    if s.findings_omitted > 0 {
        let _ = writeln!(
            out,
            "listed: {} findings; {} more counted but not listed",
            report.findings.len(),
            s.findings_omitted
        );
    }
    let count = |sev: Severity| match sev {
        Severity::Error => s.errors,
        Severity::Warning => s.warnings,
        Severity::Info => s.infos,
    };
    let _ = writeln!(
        out,
        "summary: {} rows = {} counted + {} with errors + {} removed; {} errors, {} warnings, {} infos",
        s.rows,
        s.records_counted,
        s.records_with_errors,
        s.records_removed,
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    );
    out
}

/// A personal ID or G-code explained, as `lec id` prints it (its JSON is this type's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdExplained {
    /// The text given.
    pub input: String,
    /// Whether it is a valid identity (no `error` finding).
    pub valid: bool,
    /// `citizen` or `gcode`, when valid.
    pub kind: Option<&'static str>,
    /// The 13 characters without separators.
    pub normalized: Option<String>,
    /// Masked for display.
    pub masked: Option<String>,
    /// A citizen ID's category (its first digit).
    pub category: Option<u8>,
    /// The province code it carries, two digits.
    pub province_code: Option<String>,
    /// A G-code's year (BE).
    pub gcode_year: Option<u16>,
    /// Every finding.
    pub findings: Vec<Finding>,
}

impl IdExplained {
    /// Explains `input` under `policy` for `academic_year`, masked unless `unmasked`.
    pub fn new(input: &str, policy: &Policy, academic_year: u16, unmasked: bool) -> IdExplained {
        let check = check_id(input, policy, academic_year, unmasked);
        let id = check.id;
        IdExplained {
            input: input.to_owned(),
            valid: check.is_valid(),
            kind: id.map(|i| i.kind().as_str()),
            normalized: id.map(|i| i.normalized()),
            masked: id.map(|i| i.masked()),
            category: id.and_then(|i| i.category()),
            province_code: id.and_then(|i| i.province_code()).map(|p| format!("{p:02}")),
            gcode_year: id.and_then(|i| i.gcode_year()),
            findings: check.findings,
        }
    }
}

/// IDs explained as the `lec id` table: a line per ID, then its findings indented.
pub fn id_table(explained: &[IdExplained], lang: Lang) -> String {
    let mut out = String::new();
    for e in explained {
        let verdict = if e.valid { "valid" } else { "invalid" };
        let _ = writeln!(
            out,
            "{}: {verdict}, {}{}{}{}",
            e.input,
            e.kind.unwrap_or("unknown kind"),
            e.masked.as_ref().map(|m| format!(", {m}")).unwrap_or_default(),
            e.category.map(|c| format!(", category {c}")).unwrap_or_default(),
            e.gcode_year.map(|y| format!(", year {y}")).unwrap_or_default(),
        );
        for f in &e.findings {
            let _ = writeln!(out, "  {} {}: {}", f.severity, f.code, f.message(lang));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Detail, FindingCode};

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let f = Finding::new(FindingCode::NameMissing, Some("first_name"), Some("a,\"b\"\nc"), Detail::none())
            .at(Some("x.csv"), Some(3));
        let csv = findings_csv([&f]);
        let mut lines = csv.lines();
        assert_eq!(lines.next(), Some("code,severity,file,row,column,value,message_th,message_en"));
        assert!(csv.contains("NAME_MISSING,error,x.csv,3,first_name,\"a,\"\"b\"\"\nc\","), "{csv}");
    }

    #[test]
    fn ids_are_explained_as_the_command_prints_them() {
        let e = IdExplained::new("1234545678781", &Policy::default(), 2567, false);
        assert!(e.valid && e.kind == Some("citizen") && e.masked.as_deref() == Some("1-2345-xxxxx-xx-1"));
        assert_eq!(id_table(&[e], Lang::En), "1234545678781: valid, citizen, 1-2345-xxxxx-xx-1, category 1\n");
        let bad = IdExplained::new("1234545678782", &Policy::default(), 2567, false);
        assert!(id_table(&[bad], Lang::En).starts_with("1234545678782: invalid, unknown kind\n  error ID_CHECKSUM: "));
    }
}
