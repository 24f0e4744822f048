//! Personal IDs and G-codes: `parse_id`, `check_id` and the batch path `validate_ids`.

use crate::config::{Policy, policy_or_default};
use crate::enums::member;
use crate::errors::core;
use crate::report::Finding;
use crate::text::field_text;
use lec_core::FindingCode;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use std::borrow::Cow;

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
    fn new(text: &Bound<'_, PyString>) -> PyResult<PersonId> {
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
pub(crate) fn parse_id(text: &Bound<'_, PyString>) -> PyResult<PersonId> {
    core(lec_core::PersonId::parse(&field_text(text))).map(|inner| PersonId { inner })
}

/// Checks one identity field: `None` when it is a valid ID, else the code of its first error
/// (`ID_CHECKSUM`, `ID_FORMAT`, …) under the policy (default: `Policy()`) and academic year (BE)
/// — the per-request path: nothing is built for a valid ID and nothing is raised for an invalid
/// one. Warnings count only when the policy raises them to errors; `check_id` explains.
#[pyfunction]
#[pyo3(signature = (text, *, policy = None, year = 2567))]
pub(crate) fn id_error(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    policy: Option<Bound<'_, Policy>>,
    year: u16,
) -> Option<Py<PyString>> {
    let policy = policy_or_default(policy.as_ref());
    let code = lec_core::id_error(&field_text(text), policy, year)?;
    Some(match code_strings(py).get(code as usize) {
        Some(Some(s)) => s.clone_ref(py),
        _ => PyString::new(py, code.as_str()).unbind(),
    })
}

/// Masks whatever was typed in an identity field, for showing it in reports and logs: a
/// 13-digit value as `1-2345-xxxxx-xx-3`, a G-code as `G-64-42-xxxxxxx1`; otherwise every digit
/// but the first five and the last becomes `x`. Works on invalid input too.
#[pyfunction]
pub(crate) fn mask_id(text: &Bound<'_, PyString>) -> String {
    lec_core::id::mask_input(&field_text(text))
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
pub(crate) fn check_id(
    text: &Bound<'_, PyString>,
    policy: Option<Bound<'_, Policy>>,
    year: u16,
    unmask: bool,
) -> IdCheck {
    let policy = policy_or_default(policy.as_ref());
    IdCheck { inner: lec_core::check_id(&field_text(text), policy, year, unmask) }
}

/// What one cell of a column holds.
enum CellText<'a> {
    /// A Python `str` that is valid UTF-8, read in place.
    Str(&'a str),
    /// Text made from something else (a number, a string with lone surrogates).
    Owned(String),
    /// `None`, NaN, `pandas.NA`: a blank cell.
    Blank,
}

impl CellText<'_> {
    fn as_str(&self) -> &str {
        match self {
            CellText::Str(s) => s,
            CellText::Owned(s) => s,
            CellText::Blank => "",
        }
    }
}

/// Reads one cell: text as is, a blank for `None`/NaN/NA, numbers as Python writes them (so an
/// ID column read as numbers gets `ID_LEADING_ZERO_LOST` or `ID_EXCEL_MANGLED`, as it should).
pub(crate) fn cell_text(item: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    Ok(match read_cell(item)? {
        CellText::Blank => None,
        cell => Some(cell.as_str().to_owned()),
    })
}

fn read_cell<'a>(item: &'a Bound<'_, PyAny>) -> PyResult<CellText<'a>> {
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(match field_text(s) {
            Cow::Borrowed(t) => CellText::Str(t),
            Cow::Owned(t) => CellText::Owned(t),
        });
    }
    if item.is_none() {
        return Ok(CellText::Blank);
    }
    if item.is_instance_of::<PyInt>() {
        return Ok(match item.extract::<u64>() {
            Ok(n) => CellText::Owned(n.to_string()),
            Err(_) => CellText::Owned(item.str()?.to_string_lossy().into_owned()),
        });
    }
    if let Ok(f) = item.cast::<PyFloat>()
        && f.value().is_nan()
    {
        return Ok(CellText::Blank);
    }
    let type_name = item.get_type().name()?;
    if type_name == "NAType" || type_name == "NaTType" {
        return Ok(CellText::Blank);
    }
    Ok(CellText::Owned(item.str()?.to_string_lossy().into_owned()))
}

/// The texts of a batch of cells copied into one buffer: checking them needs neither the GIL
/// nor a reference to each Python object, and the buffer is reused from batch to batch.
#[derive(Default)]
struct Texts {
    bytes: String,
    ends: Vec<usize>,
}

impl Texts {
    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    fn push(&mut self, item: &Bound<'_, PyAny>) -> PyResult<()> {
        self.bytes.push_str(read_cell(item)?.as_str());
        self.ends.push(self.bytes.len());
        Ok(())
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// The texts of cells `range` (empty when out of range).
    fn slice(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &str> {
        let start = range.start.checked_sub(1).and_then(|i| self.ends.get(i)).copied().unwrap_or(0);
        let ends = self.ends.get(range).unwrap_or_default();
        ends.iter().scan(start, |from, &end| {
            let text = self.bytes.get(*from..end).unwrap_or_default();
            *from = end;
            Some(text)
        })
    }
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

/// Cells read from Python per batch: the batch's texts are checked with the GIL released while
/// the buffer stays small enough to be reused (no fresh memory per call for a long column).
const BATCH: usize = 1 << 17;

/// Batches at least this long are split over the machine's cores.
const PARALLEL_MIN: usize = 1 << 14;

/// `id_error` for every text of `texts`, appended to `out`; a long batch is split over up to
/// 8 threads. A thread that cannot be started leaves its part to the calling thread.
fn id_errors(texts: &Texts, policy: &lec_core::Policy, year: u16, out: &mut Vec<Option<FindingCode>>) {
    let check = |range: std::ops::Range<usize>, out: &mut [Option<FindingCode>]| {
        for (t, o) in texts.slice(range).zip(out.iter_mut()) {
            *o = lec_core::id_error(t, policy, year);
        }
    };
    let n = texts.len();
    let first = out.len();
    out.resize(first + n, None);
    let Some(out) = out.get_mut(first..) else { return };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let threads = cores.min(8).min(n / PARALLEL_MIN).max(1);
    if threads == 1 {
        check(0..n, out);
        return;
    }
    let chunk = n.div_ceil(threads);
    let mut failed = Vec::new();
    std::thread::scope(|scope| {
        let mut mine = None;
        for (i, part) in out.chunks_mut(chunk).enumerate() {
            let range = i * chunk..(i * chunk + part.len());
            if i == 0 {
                mine = Some((range, part)); // the first part stays on this thread
            } else if std::thread::Builder::new().spawn_scoped(scope, move || check(range, part)).is_err() {
                failed.push(i);
            }
        }
        if let Some((range, part)) = mine {
            check(range, part);
        }
    });
    for i in failed {
        let range = i * chunk..((i + 1) * chunk).min(n);
        if let Some(part) = out.get_mut(range.clone()) {
            check(range, part);
        }
    }
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
    let policy = policy_or_default(policy.as_ref());
    let mut codes = Vec::with_capacity(column.len().unwrap_or(0));
    let mut texts = Texts::default();
    let flush = |texts: &mut Texts, codes: &mut Vec<Option<FindingCode>>| {
        py.detach(|| id_errors(texts, policy, year, codes));
        texts.clear();
    };
    if let Ok(list) = column.cast::<PyList>() {
        for item in list.iter() {
            texts.push(&item)?;
            if texts.len() == BATCH {
                flush(&mut texts, &mut codes);
            }
        }
    } else if let Ok(tuple) = column.cast::<PyTuple>() {
        for item in tuple.iter() {
            texts.push(&item)?;
            if texts.len() == BATCH {
                flush(&mut texts, &mut codes);
            }
        }
    } else {
        for item in column.try_iter()? {
            texts.push(&item?)?;
            if texts.len() == BATCH {
                flush(&mut texts, &mut codes);
            }
        }
    }
    flush(&mut texts, &mut codes);
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
