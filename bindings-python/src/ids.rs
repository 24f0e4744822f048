//! Personal IDs and G-codes: `parse_id`, `check_id` and the batch path `validate_ids`.

use crate::config::{Policy, policy_or_default};
use crate::enums::member;
use crate::errors::core;
use crate::report::Finding;
use lec_core::FindingCode;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

/// เลขประจำตัวประชาชน / รหัส G — a valid personal ID (13 digits) or G-code (`G` + 12 digits).
///
/// `PersonId(text)` parses like `parse_id`. `repr()` and `str()` show the masked form
/// (`1-2345-xxxxx-xx-1`); the digits are only in `normalized`, which the caller asks for.
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PersonId {
    pub(crate) inner: lec_core::PersonId,
}

#[pymethods]
impl PersonId {
    #[new]
    fn new(text: &str) -> PyResult<PersonId> {
        parse_id(text)
    }

    /// `IdKind.CITIZEN` (a 13-digit personal ID) or `IdKind.GCODE`.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.kind())
    }

    /// The normalised form, unmasked: 13 digits, or `G` + 12 digits.
    #[getter]
    fn normalized(&self) -> String {
        self.inner.normalized()
    }

    /// The masked form for reports: `1-2345-xxxxx-xx-1`, `G-64-42-xxxxxxx1`.
    #[getter]
    fn masked(&self) -> String {
        self.inner.masked()
    }

    /// ประเภทบุคคล — the person category (first digit, 0–9) of a personal ID; `None` for a G-code.
    #[getter]
    fn category(&self) -> Option<u8> {
        self.inner.category()
    }

    /// The 2-digit province code the ID names (`"10"`): the issuing registry's for a personal ID,
    /// the province part of a G-code.
    #[getter]
    fn province_code(&self) -> Option<String> {
        self.inner.province_code().map(|p| format!("{p:02}"))
    }

    /// The BE year a G-code was issued (`2564`); `None` for a personal ID.
    #[getter]
    fn gcode_year(&self) -> Option<u16> {
        self.inner.gcode_year()
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.inner)
    }

    fn __str__(&self) -> String {
        self.inner.masked()
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, PyType>, (String,)) {
        (py.get_type::<PersonId>(), (self.inner.normalized(),))
    }
}

/// Parses a personal ID or G-code, normalising what people type (dashes, spaces, NBSP, Thai and
/// full-width digits, a lower-case `g`). Raises `InvalidIdError` (`code` `ID_CHECKSUM`,
/// `ID_FORMAT`, …) when it is not one; warnings need a policy: see `check_id`.
#[pyfunction]
pub(crate) fn parse_id(text: &str) -> PyResult<PersonId> {
    core(lec_core::PersonId::parse(text)).map(|inner| PersonId { inner })
}

/// Masks whatever was typed in an identity field, for showing it in reports and logs: a
/// 13-digit value as `1-2345-xxxxx-xx-3`, a G-code as `G-64-42-xxxxxxx1`; otherwise every digit
/// but the first five and the last becomes `x`. Works on invalid input too.
#[pyfunction]
pub(crate) fn mask_id(text: &str) -> String {
    lec_core::id::mask_input(text)
}

/// The result of checking one identity field: the ID when valid and every finding.
#[pyclass(module = "lec", frozen)]
pub(crate) struct IdCheck {
    inner: lec_core::IdCheck,
}

#[pymethods]
impl IdCheck {
    /// The identity when the field holds a valid one (warnings may still apply), else `None`.
    #[getter]
    fn id(&self) -> Option<PersonId> {
        self.inner.id.map(|inner| PersonId { inner })
    }

    /// Everything found: at most one error, any number of warnings.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner.findings.iter().cloned().map(Finding::from).collect()
    }

    /// Whether the field holds a usable identity (no `error` finding).
    #[getter]
    fn valid(&self) -> bool {
        self.inner.is_valid()
    }

    /// The code of the first `error` finding, if any.
    #[getter]
    fn error_code(&self) -> Option<&'static str> {
        self.inner.error_code().map(FindingCode::as_str)
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.inner.findings.iter().map(|f| f.code.as_str()).collect();
        let id = self.inner.id.map_or_else(|| "None".to_owned(), |i| format!("{i:?}"));
        format!(
            "IdCheck(valid={}, id={id}, codes=[{}])",
            if self.inner.is_valid() { "True" } else { "False" },
            codes.iter().map(|c| format!("'{c}'")).collect::<Vec<_>>().join(", ")
        )
    }
}

/// Checks one identity field under a policy (default: `Policy()`) for an academic year (BE):
/// the ID when valid and every finding (Thai digits, category 9, G-code year, …). Values in
/// findings are masked unless `unmask=True`.
#[pyfunction]
#[pyo3(signature = (text, *, policy = None, year = 2567, unmask = false))]
pub(crate) fn check_id(text: &str, policy: Option<Bound<'_, Policy>>, year: u16, unmask: bool) -> IdCheck {
    let policy = policy_or_default(policy.as_ref());
    IdCheck { inner: lec_core::check_id(text, policy, year, unmask) }
}

/// One cell of a column, kept alive while the GIL is released.
enum Cell<'py> {
    /// A Python `str` (its UTF-8 text is read without copying).
    Str(Bound<'py, PyString>),
    /// Text made from something else (a number, a string with lone surrogates).
    Owned(String),
    /// `None`, NaN, `pandas.NA`: a blank cell.
    Blank,
}

impl Cell<'_> {
    fn text(&self) -> &str {
        match self {
            // `to_str` succeeded when the cell was made, so this cannot fail
            Cell::Str(s) => s.to_str().unwrap_or_default(),
            Cell::Owned(s) => s,
            Cell::Blank => "",
        }
    }
}

/// Reads one cell: text as is, a blank for `None`/NaN/NA, numbers as Python writes them (so an
/// ID column read as numbers gets `ID_LEADING_ZERO_LOST` or `ID_EXCEL_MANGLED`, as it should).
pub(crate) fn cell_text(item: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    Ok(match to_cell(item.clone())? {
        Cell::Str(s) => Some(s.to_str()?.to_owned()),
        Cell::Owned(s) => Some(s),
        Cell::Blank => None,
    })
}

fn to_cell(item: Bound<'_, PyAny>) -> PyResult<Cell<'_>> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(if s.to_str().is_ok() {
            Cell::Str(s.clone())
        } else {
            Cell::Owned(s.to_string_lossy().into_owned())
        });
    }
    if item.is_none() {
        return Ok(Cell::Blank);
    }
    if item.is_instance_of::<PyInt>() {
        return Ok(match item.extract::<u64>() {
            Ok(n) => Cell::Owned(n.to_string()),
            Err(_) => Cell::Owned(item.str()?.to_string_lossy().into_owned()),
        });
    }
    if let Ok(f) = item.cast::<PyFloat>()
        && f.value().is_nan()
    {
        return Ok(Cell::Blank);
    }
    let type_name = item.get_type().name()?;
    if type_name == "NAType" || type_name == "NaTType" {
        return Ok(Cell::Blank);
    }
    Ok(Cell::Owned(item.str()?.to_string_lossy().into_owned()))
}

/// A column as something to iterate: a list or tuple as is; a pandas / polars Series, a pyarrow
/// array or a numpy array through its own `to_pylist` / `to_list` / `tolist`; any other iterable.
fn column<'py>(values: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if values.is_instance_of::<PyList>() || values.is_instance_of::<PyTuple>() {
        return Ok(values.clone());
    }
    if values.is_instance_of::<PyString>() || values.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "validate_ids takes a column of IDs (a list, a Series, …), not one string: use parse_id or check_id",
        ));
    }
    if values.hasattr("columns")? || values.hasattr("column_names")? {
        return Err(PyTypeError::new_err("validate_ids takes one column, not a whole table: pass df[\"person_id\"]"));
    }
    for method in ["to_pylist", "to_list", "tolist"] {
        if values.hasattr(method)? {
            return values.call_method0(method);
        }
    }
    Ok(values.clone())
}

/// Columns shorter than this are checked on the calling thread; longer ones are split over the
/// machine's cores (the GIL is released, so the other threads need no Python).
const PARALLEL_CHUNK: usize = 1 << 16;

/// `id_error` for every text, split over up to 8 threads for a long column. A thread that cannot
/// be started leaves its part to the calling thread.
fn id_errors(texts: &[&str], policy: &lec_core::Policy, year: u16) -> Vec<Option<FindingCode>> {
    let check = |part: &[&str], out: &mut [Option<FindingCode>]| {
        for (t, o) in part.iter().zip(out.iter_mut()) {
            *o = lec_core::id_error(t, policy, year);
        }
    };
    let mut out = vec![None; texts.len()];
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = cores.min(8).min(texts.len() / PARALLEL_CHUNK).max(1);
    if threads == 1 {
        check(texts, &mut out);
        return out;
    }
    let chunk = texts.len().div_ceil(threads);
    let mut failed = Vec::new();
    std::thread::scope(|scope| {
        let mut mine = None;
        for (i, (part, out)) in texts.chunks(chunk).zip(out.chunks_mut(chunk)).enumerate() {
            if i == 0 {
                mine = Some((part, out)); // the first part stays on this thread
            } else if std::thread::Builder::new().spawn_scoped(scope, move || check(part, out)).is_err() {
                failed.push(i);
            }
        }
        if let Some((part, out)) = mine {
            check(part, out);
        }
    });
    for i in failed {
        let range = i * chunk..((i + 1) * chunk).min(texts.len());
        if let (Some(part), Some(out)) = (texts.get(range.clone()), out.get_mut(range)) {
            check(part, out);
        }
    }
    out
}

/// The Python strings of the finding codes, made once, indexed by the code's discriminant.
fn code_strings(py: Python<'_>) -> &Vec<Option<Py<PyString>>> {
    static CODES: PyOnceLock<Vec<Option<Py<PyString>>>> = PyOnceLock::new();
    CODES.get_or_init(py, || {
        let mut by_index: Vec<Option<Py<PyString>>> = (0..FindingCode::ALL.len()).map(|_| None).collect();
        for &c in FindingCode::ALL {
            if let Some(slot) = by_index.get_mut(c as usize) {
                *slot = Some(PyString::intern(py, c.as_str()).unbind());
            }
        }
        by_index
    })
}

/// The batch path for a whole column: for each value `None` when it is a valid ID, else the
/// code of its error (`ID_CHECKSUM`, `ID_FORMAT`, …) under the policy and academic year.
/// Accepts a list, a tuple, any iterable of `str`, and a pandas Series, pyarrow array or polars
/// Series of strings; `None`/NaN count as blank (`ID_EMPTY`); numbers are read as Python writes
/// them. The checking runs with the GIL released.
#[pyfunction]
#[pyo3(signature = (values, *, policy = None, year = 2567))]
pub(crate) fn validate_ids<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    policy: Option<Bound<'py, Policy>>,
    year: u16,
) -> PyResult<Bound<'py, PyList>> {
    let column = column(values)?;
    let mut cells: Vec<Cell<'py>> = Vec::with_capacity(column.len().unwrap_or(0));
    if let Ok(list) = column.cast::<PyList>() {
        for item in list.iter() {
            cells.push(to_cell(item)?);
        }
    } else if let Ok(tuple) = column.cast::<PyTuple>() {
        for item in tuple.iter() {
            cells.push(to_cell(item)?);
        }
    } else {
        for item in column.try_iter()? {
            cells.push(to_cell(item?)?);
        }
    }
    let texts: Vec<&str> = cells.iter().map(Cell::text).collect();
    let policy = policy_or_default(policy.as_ref());
    let codes = py.detach(|| id_errors(&texts, policy, year));
    let strings = code_strings(py);
    let none = py.None();
    PyList::new(
        py,
        codes.iter().map(|c| match c {
            None => none.clone_ref(py),
            Some(code) => match strings.get(*code as usize) {
                Some(Some(s)) => s.clone_ref(py).into_any(),
                _ => PyString::new(py, code.as_str()).into_any().unbind(),
            },
        }),
    )
}
