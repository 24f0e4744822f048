//! Headcount forms of other-affiliation schools, budget policies and budget summaries: every
//! rule is `lec_core::headcount`'s and `lec_core::budget`'s; this module only translates.

use crate::config::{Policy, RegistryArg, policy_or_default, unreadable};
use crate::enums::{from_py, member};
use crate::errors::core;
use crate::report::{FileInfo, Finding, Setup, Summary, records_arg};
use crate::text::{repr, repr_list, repr_opt, to_json_text, to_py_json};
use lec_core::budget::{self as bg, BudgetInput};
use lec_core::headcount::{HEADCOUNT_GRADES, HeadcountReport as CoreHeadcountReport};
use lec_core::{Error, Grade};
use pyo3::exceptions::{PyImportError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use std::path::PathBuf;

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// One path (`str` / `os.PathLike`) or an iterable of them.
fn paths_arg(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if paths.is_instance_of::<PyString>() || paths.hasattr("__fspath__")? {
        return Ok(vec![paths.extract()?]);
    }
    paths.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect()
}

/// Reads and checks headcount files into one report, with the GIL released. A file that cannot
/// be opened is a `FILE_UNREADABLE` core error (`FileError`).
fn check_headcount_files(
    py: Python<'_>,
    paths: &[PathBuf],
    policy: &lec_core::Policy,
    registry: Option<&lec_core::Registry>,
) -> PyResult<CoreHeadcountReport> {
    core(py.detach(|| {
        let mut report = CoreHeadcountReport::default();
        for path in paths {
            let name = path.display().to_string();
            let file = std::fs::File::open(path).map_err(|e| unreadable(&name, &e))?;
            report.add_file(&name, std::io::BufReader::new(file), None, policy, registry);
        }
        Ok::<_, Error>(report)
    }))
}

// ---------------------------------------------------------------------------------------------
// headcount forms

/// Checks headcount-form CSV files of other-affiliation schools (จำนวนนักเรียนของสถานศึกษาสังกัดอื่น)
/// as `lec headcount` does: `lao_code`, `school_code`, `school_name`, `extended`, `closed`, then
/// a count per grade `K1 … M3` (or `อ.1 … ม.3`). Every grade from อ.1 to ป.6 must hold a number —
/// a blank is not 0 (`HC_MISSING`) — and ม.1–ม.3 too for an extended-opportunity school; counts
/// are whole numbers (`HC_INVALID`) in Arabic numerals (`HC_NOT_ARABIC`); a closed school is all
/// zeros (`HC_CLOSED_NONZERO`); with a `registry` (a `Registry` or its path) each school must be
/// one of its LAO's other-affiliation schools. `policy` decides how Thai digits are reported.
///
/// `paths` is one path or several. Problems inside a file are findings; a file that cannot be
/// opened raises `FileError`. Runs with the GIL released.
#[pyfunction]
#[pyo3(signature = (paths, *, registry = None, policy = None))]
pub(crate) fn validate_headcounts<'py>(
    py: Python<'py>,
    paths: &Bound<'py, PyAny>,
    registry: Option<&Bound<'py, PyAny>>,
    policy: Option<Bound<'py, Policy>>,
) -> PyResult<HeadcountReport> {
    let paths = paths_arg(paths)?;
    let registry = match registry {
        Some(r) if !r.is_none() => Some(RegistryArg::from_py(py, r)?),
        _ => None,
    };
    let policy = policy_or_default(policy.as_ref());
    let inner = check_headcount_files(py, &paths, policy, registry.as_ref().map(|r| &*r.get().inner))?;
    Ok(HeadcountReport { inner })
}

/// One checked headcount form (one school): where it was (`row`), the `lao` and `school` codes
/// when valid, the `school_name` as entered, `extended`, `closed`, the `counts` per grade and
/// whether it `has_errors` (a form with an error counts for nothing).
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct HeadcountForm {
    inner: lec_core::headcount::HeadcountForm,
}

#[pymethods]
impl HeadcountForm {
    /// The row number a spreadsheet shows.
    #[getter]
    fn row(&self) -> u64 {
        self.inner.row
    }

    /// The LAO's 8-digit login, when its code is valid.
    #[getter]
    fn lao(&self) -> Option<String> {
        self.inner.lao.map(|l| l.login())
    }

    /// The school's 10-digit Ministry ID, when valid.
    #[getter]
    fn school(&self) -> Option<String> {
        self.inner.school.map(|s| s.digits())
    }

    /// The school's name as entered.
    #[getter]
    fn school_name(&self) -> &str {
        &self.inner.school_name
    }

    /// An extended-opportunity school (ม.1–ม.3 required too).
    #[getter]
    fn extended(&self) -> bool {
        self.inner.extended
    }

    /// Announced closed (all zeros).
    #[getter]
    fn closed(&self) -> bool {
        self.inner.closed
    }

    /// The counts by `Grade` (`K1` … `M3`, in form order); `None` for a blank or unusable cell.
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (g, c) in HEADCOUNT_GRADES.iter().zip(self.inner.counts.iter()) {
            out.set_item(member(py, *g)?, *c)?;
        }
        Ok(out)
    }

    /// Whether the form has an `error` finding (it then counts for nothing).
    #[getter]
    fn has_errors(&self) -> bool {
        self.inner.has_errors
    }

    /// The count of a grade (0 when blank, unusable or not on the form).
    fn count(&self, grade: &Bound<'_, PyAny>) -> PyResult<u32> {
        let g: Grade = from_py(grade)?;
        Ok(self.inner.count(g))
    }

    /// The form as a `dict`: `row`, `lao`, `school`, `school_name`, `extended`, `closed`,
    /// `counts` (grade code → count or `None`), `has_errors`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("row", self.row())?;
        d.set_item("lao", self.lao())?;
        d.set_item("school", self.school())?;
        d.set_item("school_name", self.school_name())?;
        d.set_item("extended", self.extended())?;
        d.set_item("closed", self.closed())?;
        let counts = PyDict::new(py);
        for (g, c) in HEADCOUNT_GRADES.iter().zip(self.inner.counts.iter()) {
            counts.set_item(g.code(), *c)?;
        }
        d.set_item("counts", counts)?;
        d.set_item("has_errors", self.has_errors())?;
        Ok(d)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "HeadcountForm(row={}, school={}, school_name={}, has_errors={})",
            self.inner.row,
            repr_opt(py, self.school().as_deref()),
            repr(py, &self.inner.school_name),
            py_bool(self.inner.has_errors)
        )
    }
}

/// The columns of `HeadcountReport.to_pandas()` (those of `Report.to_pandas()`).
const FINDING_COLUMNS: [&str; 8] = ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"];

/// The result of checking headcount forms — the same shape as a `Report`: `files`, `summary`,
/// `findings` (by file and row), `has_errors`, `to_json()` (the document of `lec headcount
/// --format json`), `to_pandas()`; and the checked `forms`, which `summarise` counts.
#[pyclass(module = "lec", frozen)]
pub(crate) struct HeadcountReport {
    pub(crate) inner: CoreHeadcountReport,
}

#[pymethods]
impl HeadcountReport {
    /// The files read, in the order given.
    #[getter]
    fn files(&self) -> Vec<FileInfo> {
        self.inner.files.iter().cloned().map(|inner| FileInfo { inner }).collect()
    }

    /// The counts (a form is a record: `records_counted`, `records_with_errors`).
    #[getter]
    fn summary(&self) -> Summary {
        Summary { inner: self.inner.summary }
    }

    /// How many findings of each code (and severity), in catalogue order: `code`, `severity`,
    /// `count`.
    #[getter]
    fn by_code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner.by_code)
    }

    /// Every finding, by file and row.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner.findings.iter().cloned().map(Finding::from).collect()
    }

    /// The checked forms, in input order.
    #[getter]
    fn forms(&self) -> Vec<HeadcountForm> {
        self.inner.forms.iter().cloned().map(|inner| HeadcountForm { inner }).collect()
    }

    /// Whether any finding is an `error`.
    #[getter]
    fn has_errors(&self) -> bool {
        self.inner.has_errors()
    }

    /// The report as JSON, the same document as `lec headcount --format json` (`files`,
    /// `summary`, `findings`). `indent=None` for one line.
    #[pyo3(signature = (indent = Some(2)), text_signature = "(self, /, indent=2)")]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json_text(&self.inner, indent)
    }

    /// The report as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// Every finding as a pandas DataFrame with the columns of `Report.to_pandas()`. Needs
    /// pandas (raises `ImportError` without it).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas").map_err(|_| {
            PyImportError::new_err(
                "HeadcountReport.to_pandas needs pandas, which is not installed (pip install pandas)",
            )
        })?;
        let rows = PyList::empty(py);
        for f in &self.inner.findings {
            rows.append(to_py_json(py, f)?)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", FINDING_COLUMNS.to_vec())?;
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
            "HeadcountReport(files={}, rows={}, errors={}, warnings={}, records_counted={})",
            self.inner.files.len(),
            s.rows,
            s.errors,
            s.warnings,
            s.records_counted
        )
    }
}

// ---------------------------------------------------------------------------------------------
// budget policy

/// One rate of a budget item: for some `grades` (all the item's when `None`) and, for a tiered
/// item, a range of the school's enrolment; `satang` is `None` when the rate is unknown.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct RateRule {
    inner: bg::RateRule,
}

#[pymethods]
impl RateRule {
    /// The grades it applies to (`None`: all the item's grades).
    #[getter]
    fn grades<'py>(&self, py: Python<'py>) -> PyResult<Option<Vec<Bound<'py, PyAny>>>> {
        self.inner.grades.as_ref().map(|g| g.iter().map(|g| member(py, *g)).collect()).transpose()
    }

    /// The lowest enrolment of the tier (inclusive).
    #[getter]
    fn enrolment_min(&self) -> Option<u64> {
        self.inner.enrolment_min
    }

    /// The highest enrolment of the tier (inclusive).
    #[getter]
    fn enrolment_max(&self) -> Option<u64> {
        self.inner.enrolment_max
    }

    /// The rate in satang (1 baht = 100 satang); `None` when unknown.
    #[getter]
    fn satang(&self) -> Option<u64> {
        self.inner.satang
    }

    /// Where the rate comes from, or why it is unknown.
    #[getter]
    fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// Why the rate is what it is, or why it is unknown.
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// The rule as a `dict` (the policy's JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        let grades = r.grades.as_ref().map_or_else(
            || "None".to_owned(),
            |g| format!("[{}]", g.iter().map(|g| format!("'{}'", g.code())).collect::<Vec<_>>().join(", ")),
        );
        let opt = |v: Option<u64>| v.map_or_else(|| "None".to_owned(), |v| v.to_string());
        format!(
            "RateRule(grades={grades}, enrolment_min={}, enrolment_max={}, satang={})",
            opt(r.enrolment_min),
            opt(r.enrolment_max),
            opt(r.satang)
        )
    }
}

/// รายการงบประมาณ — a budget item: who counts (`grades`, `institution_kinds`,
/// `other_affiliation_schools`) and at what rate (`per` day or year, `days`, `rates`), with the
/// `source` of its figures.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct BudgetItem {
    inner: bg::BudgetItem,
}

fn grade_list<'py>(py: Python<'py>, grades: &[Grade]) -> PyResult<Vec<Bound<'py, PyAny>>> {
    grades.iter().map(|g| member(py, *g)).collect()
}

#[pymethods]
impl BudgetItem {
    /// A short stable id: `lunch`, `milk`, `teaching`, `uniforms`, …
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The Thai name.
    #[getter]
    fn name_th(&self) -> &str {
        &self.inner.name_th
    }

    /// The English name.
    #[getter]
    fn name_en(&self) -> &str {
        &self.inner.name_en
    }

    /// Where the figures come from.
    #[getter]
    fn source(&self) -> &str {
        &self.inner.source
    }

    /// The grades that count (`Grade` members).
    #[getter]
    fn grades<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        grade_list(py, &self.inner.grades)
    }

    /// The kinds of LAO institution that count (`InstitutionKind` members).
    #[getter]
    fn institution_kinds<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.institution_kinds.iter().map(|k| member(py, *k)).collect()
    }

    /// Whether other-affiliation schools count (from their headcount forms).
    #[getter]
    fn other_affiliation_schools(&self) -> bool {
        self.inner.other_affiliation_schools
    }

    /// `Per.DAY` or `Per.YEAR`.
    #[getter]
    fn per<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.per)
    }

    /// Days a year, for a per-day item (`None`: unknown).
    #[getter]
    fn days(&self) -> Option<u32> {
        self.inner.days
    }

    /// Where the days come from.
    #[getter]
    fn days_source(&self) -> Option<&str> {
        self.inner.days_source.as_deref()
    }

    /// For a tiered item: the grades whose counted heads make the school's enrolment.
    #[getter]
    fn tier_enrolment_grades<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        grade_list(py, &self.inner.tier_enrolment_grades)
    }

    /// The rates; the first that matches a grade (and enrolment) applies.
    #[getter]
    fn rates(&self) -> Vec<RateRule> {
        self.inner.rates.iter().cloned().map(|inner| RateRule { inner }).collect()
    }

    /// Whether every rate (and, per day, the days) is known.
    #[getter]
    fn rate_known(&self) -> bool {
        self.inner.rate_known()
    }

    /// The rate in satang for a grade at a school of `enrolment` pupils (the tier's grades):
    /// `None` when no rule matches or its rate is unknown.
    #[pyo3(signature = (grade, enrolment = 0))]
    fn rate(&self, grade: &Bound<'_, PyAny>, enrolment: u64) -> PyResult<Option<u64>> {
        let g: Grade = from_py(grade)?;
        Ok(self.inner.rate(g, enrolment))
    }

    /// The item as a `dict` (the policy's JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "BudgetItem(id={}, name_en={}, per={}, rate_known={})",
            repr(py, &self.inner.id),
            repr(py, &self.inner.name_en),
            repr(py, &crate::enums::value(self.inner.per)),
            py_bool(self.inner.rate_known())
        )
    }
}

/// นโยบายงบประมาณ — a year's budget policy, as data: for each item (lunch, milk, the per-head
/// items, …) which grades and institution kinds count, the rates in satang and the source of
/// every number; unknown figures are marked unknown, never invented. Whether G-code learners
/// count, what happens to a person recorded at two institutions, whose confirmation records need.
///
/// `BudgetPolicy.builtin(2567)` ships with the library; `from_toml`, `from_json` and `from_file`
/// load another. Equal policies compare equal; policies pickle.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct BudgetPolicy {
    inner: bg::BudgetPolicy,
}

#[pymethods]
impl BudgetPolicy {
    /// The policy shipped for an academic year (BE). Raises `InvalidConfigError` when none ships.
    #[staticmethod]
    #[pyo3(signature = (academic_year = 2567))]
    fn builtin(academic_year: u16) -> PyResult<BudgetPolicy> {
        core(bg::BudgetPolicy::builtin(academic_year).map(|inner| BudgetPolicy { inner }))
    }

    /// Loads a policy from TOML (as `lec-core/data/budget-2567.toml`). Raises
    /// `InvalidConfigError`.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<BudgetPolicy> {
        core(bg::BudgetPolicy::from_toml(text)).map(|inner| BudgetPolicy { inner })
    }

    /// Loads a policy from JSON (the same keys). Raises `InvalidConfigError`.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<BudgetPolicy> {
        core(bg::BudgetPolicy::from_json(text)).map(|inner| BudgetPolicy { inner })
    }

    /// Loads a budget policy file: JSON when its name ends in `.json`, TOML when it ends in
    /// `.toml`, else told by its text (the rule every front shares, as `lec budget
    /// --budget-policy`). Raises `FileError` when it cannot be read, `InvalidConfigError` when it
    /// is not a budget policy.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<BudgetPolicy> {
        crate::config::read_config(py, &path).map(|inner| BudgetPolicy { inner })
    }

    /// An id, e.g. `2567`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The academic year, BE.
    #[getter]
    fn academic_year(&self) -> u16 {
        self.inner.academic_year
    }

    /// The fiscal years the academic year spans.
    #[getter]
    fn fiscal_years(&self) -> Vec<u16> {
        self.inner.fiscal_years.clone()
    }

    /// Whether learners with a G-code count.
    #[getter]
    fn gcode_learners_count(&self) -> bool {
        self.inner.gcode_learners_count
    }

    /// Persons recorded at several institutions (`DuplicateResolution`).
    #[getter]
    fn duplicate_resolution<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.duplicate_resolution)
    }

    /// Whose confirmation records need to count (`ConfirmationRequired`).
    #[getter]
    fn confirmation_required<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.confirmation_required)
    }

    /// The items, in the policy's order.
    #[getter]
    fn items(&self) -> Vec<BudgetItem> {
        self.inner.items.iter().cloned().map(|inner| BudgetItem { inner }).collect()
    }

    /// The item with this id, or `None`.
    fn item(&self, id: &str) -> Option<BudgetItem> {
        self.inner.items.iter().find(|i| i.id == id).cloned().map(|inner| BudgetItem { inner })
    }

    /// The policy as JSON, loadable by `from_json`.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&self.inner, Some(2))
    }

    /// The policy as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        Ok((py.get_type::<BudgetPolicy>().getattr("from_json")?, (to_json_text(&self.inner, None)?,)))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let ids: Vec<&str> = self.inner.items.iter().map(|i| i.id.as_str()).collect();
        format!(
            "BudgetPolicy(id={}, academic_year={}, items={})",
            repr(py, &self.inner.id),
            self.inner.academic_year,
            repr_list(py, &ids)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// the summary

/// Heads and amount of one item at one unit: `heads` who count, `amount_satang` (`None` when a
/// rate or the days are unknown).
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct ItemAmount {
    inner: bg::ItemAmount,
}

#[pymethods]
impl ItemAmount {
    /// The item's id.
    #[getter]
    fn item(&self) -> &str {
        &self.inner.item
    }

    /// Learners who count for it.
    #[getter]
    fn heads(&self) -> u64 {
        self.inner.heads
    }

    /// The amount in satang (an `int`; 1 baht = 100 satang); `None` when a rate or the days are
    /// unknown.
    #[getter]
    fn amount_satang(&self) -> Option<u64> {
        self.inner.amount_satang
    }

    /// The amount as a `dict` (`item`, `heads`, `amount_satang`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let a = self.inner.amount_satang.map_or_else(|| "None".to_owned(), |a| a.to_string());
        format!("ItemAmount(item={}, heads={}, amount_satang={a})", repr(py, &self.inner.item), self.inner.heads)
    }
}

/// The budget of one unit: `level` (`institution`, `school`, `lao`, `province` or `total`),
/// `code`, `name`, why an institution or school counts for nothing (`excluded`: `inactive`,
/// `not_confirmed`, `has_errors`, `no_form`, `form_has_errors`), the heads by grade and the
/// `items`' heads and amounts.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct UnitBudget {
    inner: bg::UnitBudget,
}

#[pymethods]
impl UnitBudget {
    /// `institution`, `school`, `lao`, `province` or `total`.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level
    }

    /// The unit's code (empty for the total).
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// The unit's name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// For an institution or school: why it counts for nothing (`inactive`, `not_confirmed`,
    /// `has_errors`, or for a school whose amounts are then unknown, `None`: `no_form`,
    /// `form_has_errors`); else `None`.
    #[getter]
    fn excluded(&self) -> Option<&'static str> {
        self.inner.excluded
    }

    /// Whether the unit has confirmed (an institution, a school's LAO headcounts, an LAO, a
    /// province) when the summary was made with a `round`; `None` otherwise and for the total.
    #[getter]
    fn confirmed(&self) -> Option<bool> {
        self.inner.confirmed
    }

    /// Learners who count, by `Grade`.
    #[getter]
    fn heads_by_grade<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (g, n) in &self.inner.heads_by_grade {
            out.set_item(member(py, *g)?, *n)?;
        }
        Ok(out)
    }

    /// Per item, in the policy's order.
    #[getter]
    fn items(&self) -> Vec<ItemAmount> {
        self.inner.items.iter().cloned().map(|inner| ItemAmount { inner }).collect()
    }

    /// The amount of the item with this id, or `None`.
    fn item(&self, id: &str) -> Option<ItemAmount> {
        self.inner.items.iter().find(|i| i.item == id).cloned().map(|inner| ItemAmount { inner })
    }

    /// The unit as a `dict` (the JSON of `lec budget --format json`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let heads: u64 = self.inner.heads_by_grade.values().sum();
        format!(
            "UnitBudget(level={}, code={}, name={}, heads={heads}, excluded={})",
            repr(py, self.inner.level),
            repr(py, &self.inner.code),
            repr(py, &self.inner.name),
            repr_opt(py, self.inner.excluded)
        )
    }
}

/// What happened to the records given: `rows = counted + removed + with_errors + not_confirmed +
/// unregistered + inactive + gcode_excluded + duplicates_not_counted`.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct RecordTally {
    inner: bg::RecordTally,
}

#[pymethods]
impl RecordTally {
    /// Records given.
    #[getter]
    fn rows(&self) -> u64 {
        self.inner.rows
    }

    /// Records that count.
    #[getter]
    fn counted(&self) -> u64 {
        self.inner.counted
    }

    /// Removed / not-existing records (never count).
    #[getter]
    fn removed(&self) -> u64 {
        self.inner.removed
    }

    /// Records with an `error` finding of their own, or of an institution with one.
    #[getter]
    fn with_errors(&self) -> u64 {
        self.inner.with_errors
    }

    /// Records of institutions not (yet) confirmed.
    #[getter]
    fn not_confirmed(&self) -> u64 {
        self.inner.not_confirmed
    }

    /// Records of institutions not in the registry.
    #[getter]
    fn unregistered(&self) -> u64 {
        self.inner.unregistered
    }

    /// Records of inactive institutions (registry `status` inactive, closed or merged).
    #[getter]
    fn inactive(&self) -> u64 {
        self.inner.inactive
    }

    /// G-code learners left out by the policy.
    #[getter]
    fn gcode_excluded(&self) -> u64 {
        self.inner.gcode_excluded
    }

    /// Records of a person recorded elsewhere too, not counted here.
    #[getter]
    fn duplicates_not_counted(&self) -> u64 {
        self.inner.duplicates_not_counted
    }

    /// The tally as a `dict`, as in the JSON output.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        format!(
            "RecordTally(rows={}, counted={}, removed={}, with_errors={}, not_confirmed={}, unregistered={}, inactive={}, gcode_excluded={}, duplicates_not_counted={})",
            r.rows,
            r.counted,
            r.removed,
            r.with_errors,
            r.not_confirmed,
            r.unregistered,
            r.inactive,
            r.gcode_excluded,
            r.duplicates_not_counted
        )
    }
}

/// A person recorded at several institutions whom the policy could not place: the `person`
/// (masked unless `unmask=True`) and the `institutions`' codes.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct UnresolvedDuplicate {
    inner: bg::UnresolvedDuplicate,
}

#[pymethods]
impl UnresolvedDuplicate {
    /// The identity (masked unless the summary was made with `unmask=True`).
    #[getter]
    fn person(&self) -> &str {
        &self.inner.person
    }

    /// The institutions, by code.
    #[getter]
    fn institutions(&self) -> Vec<String> {
        self.inner.institutions.clone()
    }

    /// The duplicate as a `dict` (`person`, `institutions`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "UnresolvedDuplicate(person={}, institutions={})",
            repr(py, &self.inner.person),
            repr_list(py, &self.inner.institutions)
        )
    }
}

/// An item as a summary describes it: `id`, names, and whether every rate is known.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct ItemInfo {
    inner: bg::ItemInfo,
}

#[pymethods]
impl ItemInfo {
    /// The id.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The Thai name.
    #[getter]
    fn name_th(&self) -> &str {
        &self.inner.name_th
    }

    /// The English name.
    #[getter]
    fn name_en(&self) -> &str {
        &self.inner.name_en
    }

    /// Whether every rate is known (else amounts are `None` where it is needed).
    #[getter]
    fn rate_known(&self) -> bool {
        self.inner.rate_known
    }

    /// The item as a `dict`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "ItemInfo(id={}, name_en={}, rate_known={})",
            repr(py, &self.inner.id),
            repr(py, &self.inner.name_en),
            py_bool(self.inner.rate_known)
        )
    }
}

/// The columns of `BudgetSummary.rows()` and `to_pandas()` (those of `lec budget --format csv`).
const BUDGET_COLUMNS: [&str; 8] = ["level", "code", "name", "excluded", "confirmed", "item", "heads", "amount_satang"];

/// The budget summary (สรุปจำนวนนักเรียนเพื่อจัดสรรงบประมาณ): heads and amounts per institution,
/// other-affiliation school, LAO, province and in total, under a `BudgetPolicy`. Totals
/// reconcile (a province is the sum of its LAOs, an LAO of its institutions and schools) and
/// every record is accounted for in `records`. Amounts are integers in satang, `None` where a
/// rate is unknown.
#[pyclass(module = "lec", frozen)]
pub(crate) struct BudgetSummary {
    inner: bg::BudgetSummary,
}

fn unit_list(units: &[bg::UnitBudget]) -> Vec<UnitBudget> {
    units.iter().cloned().map(|inner| UnitBudget { inner }).collect()
}

impl BudgetSummary {
    /// Every unit in the order of `lec budget --format csv`: provinces, LAOs, institutions,
    /// schools, the total.
    fn units(&self) -> impl Iterator<Item = &bg::UnitBudget> {
        let s = &self.inner;
        s.provinces.iter().chain(&s.laos).chain(&s.institutions).chain(&s.schools).chain(std::iter::once(&s.total))
    }
}

#[pymethods]
impl BudgetSummary {
    /// The budget policy's id.
    #[getter]
    fn policy(&self) -> &str {
        &self.inner.policy
    }

    /// The academic year.
    #[getter]
    fn academic_year(&self) -> u16 {
        self.inner.academic_year
    }

    /// Whether confirmations were checked (a round was given and the policy asks).
    #[getter]
    fn confirmation_checked(&self) -> bool {
        self.inner.confirmation_checked
    }

    /// The items.
    #[getter]
    fn items(&self) -> Vec<ItemInfo> {
        self.inner.items.iter().cloned().map(|inner| ItemInfo { inner }).collect()
    }

    /// Every registered institution, by code.
    #[getter]
    fn institutions(&self) -> Vec<UnitBudget> {
        unit_list(&self.inner.institutions)
    }

    /// Every other-affiliation school (registered, or with a form), by code.
    #[getter]
    fn schools(&self) -> Vec<UnitBudget> {
        unit_list(&self.inner.schools)
    }

    /// Every LAO, in registry order.
    #[getter]
    fn laos(&self) -> Vec<UnitBudget> {
        unit_list(&self.inner.laos)
    }

    /// Every province, in registry order.
    #[getter]
    fn provinces(&self) -> Vec<UnitBudget> {
        unit_list(&self.inner.provinces)
    }

    /// The whole data set.
    #[getter]
    fn total(&self) -> UnitBudget {
        UnitBudget { inner: self.inner.total.clone() }
    }

    /// What happened to the records.
    #[getter]
    fn records(&self) -> RecordTally {
        RecordTally { inner: self.inner.records }
    }

    /// Persons recorded at several institutions and counted nowhere.
    #[getter]
    fn unresolved_duplicates(&self) -> Vec<UnresolvedDuplicate> {
        self.inner.unresolved_duplicates.iter().cloned().map(|inner| UnresolvedDuplicate { inner }).collect()
    }

    /// The summary as JSON, the same document as `lec budget --format json`. `indent=None` for
    /// one line.
    #[pyo3(signature = (indent = Some(2)), text_signature = "(self, /, indent=2)")]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json_text(&self.inner, indent)
    }

    /// The summary as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    /// One `dict` per unit and item — `level`, `code`, `name`, `excluded`, `confirmed` (`None`
    /// without a round), `item`, `heads`, `amount_satang` (an `int`, `None` when unknown) — in the
    /// order of `lec budget --format csv`: provinces, LAOs, institutions, schools, the total.
    fn rows<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for u in self.units() {
            for it in &u.items {
                let d = PyDict::new(py);
                let values: [Bound<'py, PyAny>; 8] = [
                    u.level.into_pyobject(py)?.into_any(),
                    u.code.as_str().into_pyobject(py)?.into_any(),
                    u.name.as_str().into_pyobject(py)?.into_any(),
                    u.excluded.into_pyobject(py)?.into_any(),
                    u.confirmed.into_pyobject(py)?.into_any().to_owned(),
                    it.item.as_str().into_pyobject(py)?.into_any(),
                    it.heads.into_pyobject(py)?.into_any(),
                    it.amount_satang.into_pyobject(py)?.into_any(),
                ];
                for (k, v) in BUDGET_COLUMNS.iter().zip(values) {
                    d.set_item(k, v)?;
                }
                out.append(d)?;
            }
        }
        Ok(out)
    }

    /// `rows()` as a pandas DataFrame: one row per unit and item; `heads` and `amount_satang`
    /// are nullable integers (`Int64`: satang, `<NA>` where a rate is unknown — so a plain
    /// `sum()` would skip unknowns: the `province` and `total` rows are the reconciled sums).
    /// Needs pandas (raises `ImportError` without it).
    fn to_pandas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pd = py.import("pandas").map_err(|_| {
            PyImportError::new_err("BudgetSummary.to_pandas needs pandas, which is not installed (pip install pandas)")
        })?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", BUDGET_COLUMNS.to_vec())?;
        let df = pd.getattr("DataFrame")?.call((self.rows(py)?,), Some(&kwargs))?;
        let types = PyDict::new(py);
        types.set_item("heads", "Int64")?;
        types.set_item("amount_satang", "Int64")?;
        types.set_item("confirmed", "boolean")?;
        df.call_method1("astype", (types,))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let s = &self.inner;
        format!(
            "BudgetSummary(policy={}, academic_year={}, institutions={}, schools={}, laos={}, provinces={}, records_counted={})",
            repr(py, &s.policy),
            s.academic_year,
            s.institutions.len(),
            s.schools.len(),
            s.laos.len(),
            s.provinces.len(),
            s.records.counted
        )
    }
}

/// Summarises budget headcounts and amounts (as `lec budget`): who counts for which item under a
/// `BudgetPolicy`, per institution, other-affiliation school, LAO, province and in total.
///
/// `registry` is a `Registry` or its path; `records` the student records (a list of dicts, a
/// DataFrame, as for `validate_records`); `headcounts` the other-affiliation forms (a
/// `HeadcountReport`, or the path(s) of form files, checked against the registry). `budget_policy`
/// defaults to the one shipped for `year`; `policy` the record rules (and how headcount files
/// are checked); `year` the academic year (BE); `round` a `Round` or `RoundState`: then only
/// confirmed units count, as the budget policy requires; `unmask=True` shows the personal IDs
/// of unresolved duplicates. Runs with the GIL released.
#[pyfunction]
#[pyo3(signature = (registry, records, headcounts = None, *, budget_policy = None, policy = None, year = 2567, round = None, unmask = false))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn summarise<'py>(
    py: Python<'py>,
    registry: &Bound<'py, PyAny>,
    records: &Bound<'py, PyAny>,
    headcounts: Option<&Bound<'py, PyAny>>,
    budget_policy: Option<Bound<'py, BudgetPolicy>>,
    policy: Option<Bound<'py, Policy>>,
    year: u16,
    round: Option<&Bound<'py, PyAny>>,
    unmask: bool,
) -> PyResult<BudgetSummary> {
    let setup = Setup::new(py, Some(registry), year, policy, unmask, None)?;
    let reg = match &setup.registry {
        Some(r) => r.get().inner.clone(),
        None => return Err(PyTypeError::new_err("summarise needs a registry")),
    };
    let budget = match &budget_policy {
        Some(b) => b.get().inner.clone(),
        None => BudgetPolicy::builtin(year)?.inner,
    };
    let state = match round {
        Some(r) if !r.is_none() => Some(crate::workflow::state_arg(py, r)?),
        _ => None,
    };
    let checked;
    let forms: &[lec_core::headcount::HeadcountForm] = match headcounts {
        Some(h) if !h.is_none() => {
            if let Ok(report) = h.cast::<HeadcountReport>() {
                checked = report.get().inner.forms.clone();
            } else {
                let paths = paths_arg(h).map_err(|_| {
                    PyTypeError::new_err("headcounts must be a lec.HeadcountReport or the path(s) of headcount files")
                })?;
                let policy = policy_or_default(setup.policy.as_ref());
                checked = check_headcount_files(py, &paths, policy, Some(&reg))?.forms;
            }
            &checked
        }
        _ => &[],
    };
    let records = records_arg(records)?;
    let ctx = setup.context();
    let input = BudgetInput { registry: &reg, context: ctx, headcounts: forms, confirmations: state.as_ref() };
    let inner = py.detach(|| bg::summarise(&input, &records, &budget));
    Ok(BudgetSummary { inner })
}
