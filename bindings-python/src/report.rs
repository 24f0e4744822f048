//! Findings, reports, and validating files and in-memory records.

use crate::config::{Policy, RegistryArg, policy_or_default};
use crate::enums::{from_py, member};
use crate::errors::core;
use crate::ids::cell_text;
use crate::text::{repr, repr_opt};
use chrono::NaiveDate;
use lec_core::files::{ReadOptions, validate_path};
use lec_core::finding::Lang;
use lec_core::record::Field;
use lec_core::{Context, FindingCode, Severity, StudentRecord, Validator};
use pyo3::exceptions::{PyImportError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyType};
use serde::Serialize;
use std::path::PathBuf;

/// One finding: a stable `code`, a `severity`, where it was found (`file`, `row` — the row
/// number a spreadsheet shows —, `column`), the offending `value` (personal IDs masked unless
/// the caller asked otherwise) and the message in Thai and English.
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    pub(crate) inner: lec_core::Finding,
}

impl std::hash::Hash for Finding {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let f = &self.inner;
        (f.code, f.severity, &f.file, f.row, &f.column, &f.value, &f.message_th, &f.message_en).hash(state);
    }
}

impl From<lec_core::Finding> for Finding {
    fn from(inner: lec_core::Finding) -> Finding {
        Finding { inner }
    }
}

fn findings_list(findings: &[lec_core::Finding]) -> Vec<Finding> {
    findings.iter().cloned().map(Finding::from).collect()
}

#[pymethods]
impl Finding {
    #[new]
    #[pyo3(signature = (code, severity, message_th, message_en, file = None, row = None, column = None, value = None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        code: &str,
        severity: &Bound<'_, PyAny>,
        message_th: String,
        message_en: String,
        file: Option<String>,
        row: Option<u64>,
        column: Option<String>,
        value: Option<String>,
    ) -> PyResult<Finding> {
        let code =
            FindingCode::parse(code).ok_or_else(|| PyValueError::new_err(format!("`{code}` is not a finding code")))?;
        let severity: Severity = from_py(severity)?;
        Ok(Finding { inner: lec_core::Finding { code, severity, file, row, column, value, message_th, message_en } })
    }

    /// The stable code, e.g. `ID_CHECKSUM` (the catalogue is docs/findings.md).
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// `Severity.ERROR` blocks confirmation, `Severity.WARNING` does not, `Severity.INFO` tells.
    #[getter]
    fn severity<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.severity)
    }

    /// The file it was found in, if any.
    #[getter]
    fn file(&self) -> Option<&str> {
        self.inner.file.as_deref()
    }

    /// The row number a spreadsheet shows (a CSV's header is row 1, its first record row 2).
    #[getter]
    fn row(&self) -> Option<u64> {
        self.inner.row
    }

    /// The column / field name (`person_id`, `birth_date`, …), if any.
    #[getter]
    fn column(&self) -> Option<&str> {
        self.inner.column.as_deref()
    }

    /// The offending value (personal IDs masked unless the caller asked otherwise), if any.
    #[getter]
    fn value(&self) -> Option<&str> {
        self.inner.value.as_deref()
    }

    /// The message in Thai.
    #[getter]
    fn message_th(&self) -> &str {
        &self.inner.message_th
    }

    /// The message in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }

    /// The message in a language: `"th"` or `"en"` (a `Lang`).
    #[pyo3(signature = (lang = None))]
    fn message(&self, lang: Option<&Bound<'_, PyAny>>) -> PyResult<&str> {
        let lang: Lang = match lang {
            Some(l) => from_py(l)?,
            None => Lang::En,
        };
        Ok(self.inner.message(lang))
    }

    /// The finding as a `dict` of plain values, as in the JSON output.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let f = &self.inner;
        let d = PyDict::new(py);
        d.set_item("code", f.code.as_str())?;
        d.set_item("severity", f.severity.as_str())?;
        d.set_item("file", f.file.as_deref())?;
        d.set_item("row", f.row)?;
        d.set_item("column", f.column.as_deref())?;
        d.set_item("value", f.value.as_deref())?;
        d.set_item("message_th", &f.message_th)?;
        d.set_item("message_en", &f.message_en)?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let f = &self.inner;
        let mut parts =
            vec![format!("code={}", repr(py, f.code.as_str())), format!("severity={}", repr(py, f.severity.as_str()))];
        if let Some(file) = &f.file {
            parts.push(format!("file={}", repr(py, file)));
        }
        if let Some(row) = f.row {
            parts.push(format!("row={row}"));
        }
        if let Some(c) = &f.column {
            parts.push(format!("column={}", repr(py, c)));
        }
        if let Some(v) = &f.value {
            parts.push(format!("value={}", repr(py, v)));
        }
        format!("Finding({})", parts.join(", "))
    }

    #[allow(clippy::type_complexity)]
    fn __reduce__<'py>(
        &self,
        py: Python<'py>,
    ) -> (
        Bound<'py, PyType>,
        (&'static str, &'static str, String, String, Option<String>, Option<u64>, Option<String>, Option<String>),
    ) {
        let f = &self.inner;
        (
            py.get_type::<Finding>(),
            (
                f.code.as_str(),
                f.severity.as_str(),
                f.message_th.clone(),
                f.message_en.clone(),
                f.file.clone(),
                f.row,
                f.column.clone(),
                f.value.clone(),
            ),
        )
    }
}

/// The counts of a report: `rows = records_counted + records_with_errors + records_removed`.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Summary {
    pub(crate) inner: lec_core::Summary,
}

#[pymethods]
impl Summary {
    /// Records read, over every file (blank rows are not records).
    #[getter]
    fn rows(&self) -> u64 {
        self.inner.rows
    }

    /// Findings of severity `error`.
    #[getter]
    fn errors(&self) -> u64 {
        self.inner.errors
    }

    /// Findings of severity `warning`.
    #[getter]
    fn warnings(&self) -> u64 {
        self.inner.warnings
    }

    /// Findings of severity `info`.
    #[getter]
    fn infos(&self) -> u64 {
        self.inner.infos
    }

    /// Records with no `error` finding: they count.
    #[getter]
    fn records_counted(&self) -> u64 {
        self.inner.records_counted
    }

    /// Records with at least one `error` finding: they do not count until fixed.
    #[getter]
    fn records_with_errors(&self) -> u64 {
        self.inner.records_with_errors
    }

    /// Records marked removed / not existing: reported, never counted.
    #[getter]
    fn records_removed(&self) -> u64 {
        self.inner.records_removed
    }

    /// Findings counted above but not listed in `findings` (beyond `limit`, or below the
    /// severity asked for with `errors_only`).
    #[getter]
    fn findings_omitted(&self) -> u64 {
        self.inner.findings_omitted
    }

    /// The counts as a `dict`, as in the JSON output.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // derived from the core's type (serde): a field added there appears here
        crate::text::to_py_json(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let s = &self.inner;
        format!(
            "Summary(rows={}, errors={}, warnings={}, infos={}, records_counted={}, records_with_errors={}, records_removed={})",
            s.rows, s.errors, s.warnings, s.infos, s.records_counted, s.records_with_errors, s.records_removed
        )
    }
}

/// One input file as read.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct FileInfo {
    pub(crate) inner: lec_core::FileInfo,
}

#[pymethods]
impl FileInfo {
    /// The path or name given.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }

    /// The text encoding detected (`utf-8`, `utf-8-bom`, `utf-16le`, `windows-874`), or `None`
    /// when the file could not be read.
    #[getter]
    fn encoding(&self) -> Option<&str> {
        self.inner.encoding.as_deref()
    }

    /// Records read (blank rows are not records).
    #[getter]
    fn rows(&self) -> u64 {
        self.inner.rows
    }

    /// Rows with every cell blank: skipped, not records.
    #[getter]
    fn blank_rows(&self) -> u64 {
        self.inner.blank_rows
    }

    /// The sheet's name, for a sheet of a workbook.
    #[getter]
    fn sheet(&self) -> Option<&str> {
        self.inner.sheet.as_deref()
    }

    /// What the file was read as: `csv`, `xlsx`, `xls` or `ods` (`None` when it could not be
    /// read).
    #[getter]
    fn format(&self) -> Option<&str> {
        self.inner.format.as_deref()
    }

    /// The row of the header (the last one, when the header spans merged rows), if found.
    #[getter]
    fn header_row(&self) -> Option<u64> {
        self.inner.header_row
    }

    /// Non-blank rows up to and including the header (a title block above it, the header).
    #[getter]
    fn header_rows(&self) -> u64 {
        self.inner.header_rows
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let i = &self.inner;
        format!(
            "FileInfo(path={}, encoding={}, rows={}, blank_rows={})",
            repr(py, &i.path),
            repr_opt(py, i.encoding.as_deref()),
            i.rows,
            i.blank_rows
        )
    }
}

/// The JSON document of a report: the same shape as `lec validate --format json`.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(flatten)]
    report: &'a lec_core::Report,
    #[serde(skip_serializing_if = "<[lec_core::Finding]>::is_empty")]
    registry_findings: &'a [lec_core::Finding],
}

/// The columns of `Report.to_pandas()`.
const COLUMNS: [&str; 8] = ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"];

/// The result of validating a data set: `files`, `summary`, `findings` (ordered by file, then
/// row) and, when a registry was used, its `registry_findings`.
#[pyclass(module = "lec", frozen)]
pub(crate) struct Report {
    inner: lec_core::Report,
    registry_findings: Vec<lec_core::Finding>,
}

#[pymethods]
impl Report {
    /// The files read, in the order given.
    #[getter]
    fn files(&self) -> Vec<FileInfo> {
        self.inner.files.iter().cloned().map(|inner| FileInfo { inner }).collect()
    }

    /// The counts.
    #[getter]
    fn summary(&self) -> Summary {
        Summary { inner: self.inner.summary }
    }

    /// Every finding about the data, ordered by file, then row.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        findings_list(&self.inner.findings)
    }

    /// How many findings of each code (and severity), in catalogue order — every finding,
    /// listed or not: `code`, `severity`, `count`.
    #[getter]
    fn by_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::text::to_py_json(py, &self.inner.by_code)
    }

    /// The counts per institution, by code (the rows and findings of no institution last):
    /// `institution`, `name`, `rows`, `records_counted`, `records_with_errors`,
    /// `records_removed`, `errors`, `warnings`, `infos`.
    #[getter]
    fn by_institution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::text::to_py_json(py, &self.inner.by_institution)
    }

    /// The findings about the registry used, if any (bad rows, inconsistent codes).
    #[getter]
    fn registry_findings(&self) -> Vec<Finding> {
        findings_list(&self.registry_findings)
    }

    /// Whether any finding about the data is an `error`.
    #[getter]
    fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The report as JSON, the same document as `lec validate --format json` (`files`,
    /// `summary`, `findings`, and `registry_findings` when there are any). `indent=None` for
    /// one line.
    #[pyo3(signature = (indent = Some(2)), text_signature = "(self, /, indent=2)")]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        let out = Output { report: &self.inner, registry_findings: &self.registry_findings };
        crate::text::to_json_text(&out, indent)
    }

    /// The report as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json(None)?,))
    }

    /// The report as the `lec validate` table (the same text, from the same code): a line per
    /// finding (the registry's first), a line per file, the counts per code and the summary;
    /// messages in `lang` (`"th"` or `"en"`, a `Lang`).
    #[pyo3(signature = (lang = None))]
    fn to_table(&self, lang: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
        let lang: Lang = match lang {
            Some(l) => from_py(l)?,
            None => Lang::En,
        };
        Ok(lec_core::render::report_table(&self.inner, &self.registry_findings, lang))
    }

    /// The findings as the `lec validate --format csv` text (the registry's first): `code`,
    /// `severity`, `file`, `row`, `column`, `value`, `message_th`, `message_en`.
    fn to_csv(&self) -> String {
        lec_core::render::findings_csv(self.registry_findings.iter().chain(&self.inner.findings))
    }

    /// Every finding as a pandas DataFrame with the columns `code`, `severity`, `file`, `row`
    /// (nullable integer), `column`, `value`, `message_th`, `message_en` — the registry's
    /// findings first, as in the CSV output. Needs pandas (raises `ImportError` without it).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas").map_err(|_| {
            PyImportError::new_err("Report.to_pandas needs pandas, which is not installed (pip install pandas)")
        })?;
        let rows = PyList::empty(py);
        for f in self.registry_findings.iter().chain(&self.inner.findings) {
            rows.append(Finding { inner: f.clone() }.to_dict(py)?)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", COLUMNS.to_vec())?;
        let df = pd.getattr("DataFrame")?.call((rows,), Some(&kwargs))?;
        let types = PyDict::new(py);
        types.set_item("row", "Int64")?;
        df.call_method1("astype", (types,))
    }

    fn __len__(&self) -> usize {
        self.inner.findings.len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyList::new(py, self.findings())?.try_iter().map(Bound::into_any)
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "Report(files={}, rows={}, errors={}, warnings={}, infos={}, records_counted={})",
            self.inner.files.len(),
            s.rows,
            s.errors,
            s.warnings,
            s.infos,
            s.records_counted
        )
    }
}

/// The options every validate function takes.
pub(crate) struct Setup<'py> {
    pub(crate) policy: Option<Bound<'py, Policy>>,
    pub(crate) registry: Option<RegistryArg<'py>>,
    year: u16,
    unmask: bool,
    as_of: Option<NaiveDate>,
}

impl<'py> Setup<'py> {
    pub(crate) fn new(
        py: Python<'py>,
        registry: Option<&Bound<'py, PyAny>>,
        year: u16,
        policy: Option<Bound<'py, Policy>>,
        unmask: bool,
        as_of: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Setup<'py>> {
        let registry = match registry {
            Some(r) if !r.is_none() => Some(RegistryArg::from_py(py, r)?),
            _ => None,
        };
        let as_of = match as_of {
            Some(d) if d.is_instance_of::<PyString>() => {
                Some(core(lec_core::parse_thai_date(d.extract::<&str>()?))?.date)
            }
            Some(d) if !d.is_none() => Some(d.extract::<NaiveDate>().map_err(|_| {
                PyTypeError::new_err("as_of must be a datetime.date or a date written as text (10/11/2567, 2024-11-10)")
            })?),
            _ => None,
        };
        Ok(Setup { policy, registry, year, unmask, as_of })
    }

    pub(crate) fn context(&self) -> Context<'_> {
        let mut ctx = Context::new(policy_or_default(self.policy.as_ref()), self.year);
        ctx.registry = self.registry.as_ref().map(|r| &*r.get().inner);
        ctx.unmasked = self.unmask;
        if let Some(d) = self.as_of {
            ctx.as_of = d;
        }
        ctx
    }

    fn report(&self, inner: lec_core::Report) -> Report {
        let registry_findings = self.registry.as_ref().map(|r| r.get().findings.clone()).unwrap_or_default();
        Report { inner, registry_findings }
    }
}

/// The paths of `validate_files`: one path (`str` / `os.PathLike`) or an iterable of them.
fn paths_arg(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if paths.is_instance_of::<PyString>() || paths.hasattr("__fspath__")? {
        return Ok(vec![paths.extract()?]);
    }
    paths.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect()
}

/// Validates student files as one data set (duplicates are found across files), through the
/// core's one way in — the same reading as the `lec validate` command: CSV (UTF-8 with or
/// without BOM, UTF-16 with BOM or Windows-874 / TIS-620, detected; `,` `;` or tab) and
/// workbooks (`.xlsx`, `.xls`, `.ods`, told by their content: every sheet with a student table,
/// or `sheet`), LEC's own export layout (a title block, merged header rows), English or Thai
/// headers in any order. Files are streamed: memory holds a few chunks of rows and the duplicate
/// index. A file that cannot be opened is a `FILE_UNREADABLE` finding of the report (as the
/// `lec` command does), or with `unreadable="raise"` raises `FileError`; problems inside a file
/// are always findings. Runs with the GIL released.
///
/// `registry` is a `Registry` or the path of a registry file (CSV or workbook); `year` the
/// academic year (BE); `policy` a `Policy` (default `Policy()`); `unmask=True` shows personal
/// IDs unmasked; `as_of` the data's reference date (a `datetime.date` or text such as
/// `10/11/2567`; default 16 May of the academic year); `limit` lists at most that many findings
/// (all are counted); `errors_only` lists errors only; `threads` checks rows on that many
/// threads (default: the machine's cores; the report is the same for any number).
#[pyfunction]
#[pyo3(signature = (paths, *, registry = None, year = 2567, policy = None, unmask = false, as_of = None, unreadable = "report", sheet = None, limit = None, errors_only = false, threads = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate_files<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    registry: Option<&Bound<'py, PyAny>>,
    year: u16,
    policy: Option<Bound<'py, Policy>>,
    unmask: bool,
    as_of: Option<&Bound<'py, PyAny>>,
    unreadable: &str,
    sheet: Option<String>,
    limit: Option<usize>,
    errors_only: bool,
    threads: Option<usize>,
) -> PyResult<Report> {
    let raise = match unreadable {
        "raise" => true,
        "report" => false,
        other => {
            return Err(PyValueError::new_err(format!("unreadable must be `report` or `raise`, not `{other}`")));
        }
    };
    let paths = paths_arg(paths)?;
    let setup = Setup::new(py, registry, year, policy, unmask, as_of)?;
    let ctx = setup.context();
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let report = py.detach(|| {
        let mut v = Validator::new(ctx);
        if let Some(limit) = limit {
            v = v.list_limit(limit);
        }
        if errors_only {
            v = v.min_severity(lec_core::Severity::Error);
        }
        let opts = ReadOptions { sheet, threads, progress: None };
        for path in &paths {
            if raise && let Err(e) = std::fs::metadata(path) {
                return Err(crate::config::unreadable(&path.display().to_string(), &e));
            }
            validate_path(&mut v, path, &opts);
        }
        Ok(v.finish())
    });
    Ok(setup.report(core(report)?))
}

/// Validates one student file: `validate_files([path], …)`.
#[pyfunction]
#[pyo3(signature = (path, *, registry = None, year = 2567, policy = None, unmask = false, as_of = None, unreadable = "report", sheet = None, limit = None, errors_only = false, threads = None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate_file<'py>(
    py: Python<'py>,
    path: PathBuf,
    registry: Option<&Bound<'py, PyAny>>,
    year: u16,
    policy: Option<Bound<'py, Policy>>,
    unmask: bool,
    as_of: Option<&Bound<'py, PyAny>>,
    unreadable: &str,
    sheet: Option<String>,
    limit: Option<usize>,
    errors_only: bool,
    threads: Option<usize>,
) -> PyResult<Report> {
    let paths = PyList::new(py, [path])?;
    validate_files(
        py,
        paths.as_any(),
        registry,
        year,
        policy,
        unmask,
        as_of,
        unreadable,
        sheet,
        limit,
        errors_only,
        threads,
    )
}

/// Rows of `validate_records`: a pandas or polars DataFrame or a pyarrow Table as its records,
/// anything else as an iterable of mappings.
fn record_rows<'py>(rows: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if rows.hasattr("to_dicts")? {
        return rows.call_method0("to_dicts"); // polars
    }
    if rows.hasattr("columns")? && rows.hasattr("to_dict")? {
        return rows.call_method1("to_dict", ("records",)); // pandas
    }
    if rows.hasattr("column_names")? && rows.hasattr("to_pylist")? {
        return rows.call_method0("to_pylist"); // pyarrow
    }
    if rows.is_instance_of::<PyString>() || rows.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err("records must be a list of records (dicts) or a DataFrame"));
    }
    Ok(rows.clone())
}

/// The student records of a `records` argument: a list of dicts (or any iterable of mappings),
/// a pandas / polars DataFrame or a pyarrow Table.
pub(crate) fn records_arg(rows: &Bound<'_, PyAny>) -> PyResult<Vec<StudentRecord>> {
    let mut records = Vec::new();
    for row in record_rows(rows)?.try_iter()? {
        records.push(record_from(&row?)?);
    }
    Ok(records)
}

/// One record from a mapping of column → value. Column names as in files (English or Thai,
/// any case); other keys are ignored. A key that is present with `None`/NaN is a blank cell.
fn record_from(row: &Bound<'_, PyAny>) -> PyResult<StudentRecord> {
    let items = match row.cast::<PyDict>() {
        Ok(d) => d.items().into_any(),
        Err(_) if row.hasattr("items")? => row.call_method0("items")?,
        Err(_) => {
            return Err(PyTypeError::new_err(format!(
                "each record must be a mapping of column to value, not `{}`",
                row.get_type().name()?
            )));
        }
    };
    let mut rec = StudentRecord::default();
    for item in items.try_iter()? {
        let (key, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        let Ok(key) = key.extract::<&str>() else { continue };
        let Some(field) = Field::from_header(key) else { continue };
        rec.set(field, cell_text(&value)?.unwrap_or_default());
    }
    Ok(rec)
}

/// Validates records already in memory as one data set: a list of dicts (or any iterable of
/// mappings) or a pandas / polars DataFrame, with the column names of a student file (English
/// `person_id` or camelCase `personId`, or Thai). Findings give the file as `<records>` and
/// the row as the record's position, counting from 1. Takes the same options as
/// `validate_files`; the checking runs with the GIL released.
#[pyfunction]
#[pyo3(signature = (rows, *, registry = None, year = 2567, policy = None, unmask = false, as_of = None))]
pub(crate) fn validate_records<'py>(
    py: Python<'py>,
    rows: &Bound<'py, PyAny>,
    registry: Option<&Bound<'py, PyAny>>,
    year: u16,
    policy: Option<Bound<'py, Policy>>,
    unmask: bool,
    as_of: Option<&Bound<'py, PyAny>>,
) -> PyResult<Report> {
    let setup = Setup::new(py, registry, year, policy, unmask, as_of)?;
    let records = records_arg(rows)?;
    let ctx = setup.context();
    let report = py.detach(|| lec_core::validate_records(&records, ctx));
    Ok(setup.report(report))
}

/// IDs explained as `lec id` prints them, from the same code: `(text, all_valid)`, the text the
/// JSON document (`format="json"`) or the table (messages in `lang`). For `python -m lec`.
#[pyfunction]
#[pyo3(signature = (ids, *, policy = None, year = 2567, unmask = false, format = "table", lang = None))]
pub(crate) fn _explain_ids(
    ids: Vec<String>,
    policy: Option<Bound<'_, Policy>>,
    year: u16,
    unmask: bool,
    format: &str,
    lang: Option<&Bound<'_, PyAny>>,
) -> PyResult<(String, bool)> {
    let policy = policy_or_default(policy.as_ref());
    let explained: Vec<lec_core::render::IdExplained> =
        ids.iter().map(|t| lec_core::render::IdExplained::new(t, policy, year, unmask)).collect();
    let valid = explained.iter().all(|e| e.valid);
    let text = match format {
        "json" => crate::text::to_json_text(&explained, Some(2))?,
        "table" => {
            let lang: Lang = match lang {
                Some(l) => from_py(l)?,
                None => Lang::En,
            };
            lec_core::render::id_table(&explained, lang)
        }
        other => return Err(PyValueError::new_err(format!("format must be `table` or `json`, not `{other}`"))),
    };
    Ok((text, valid))
}
