//! Small helpers for `__repr__` and JSON documents.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// The text of a field value as typed: borrowed when it is valid UTF-8, else a copy with each
/// lone surrogate (which a file or a broken decode can leave) read as U+FFFD, so it gets the
/// same finding it gets in a column (`ID_FORMAT`, …) instead of a `UnicodeEncodeError`.
pub(crate) fn field_text<'a>(s: &'a Bound<'_, PyString>) -> std::borrow::Cow<'a, str> {
    s.to_str().map_or_else(|_| std::borrow::Cow::Owned(s.to_string_lossy().into_owned()), std::borrow::Cow::Borrowed)
}

/// A string as Python's `repr()` writes it (`'โรงเรียน'`, quotes and escapes as Python does).
pub(crate) fn repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map_or_else(|_| format!("{s:?}"), |r| r.to_string_lossy().into_owned())
}

/// An optional string as Python's `repr()` writes it (`None` when absent).
pub(crate) fn repr_opt(py: Python<'_>, s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| repr(py, s))
}

/// A serialisable core value as plain Python values (dicts, lists, str, int, bool, `None`):
/// the JSON document, through Python's `json` module.
pub(crate) fn to_py_json<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// A serialisable core value as JSON text: `indent` spaces per level, or one line for `None`
/// (the CLI's `--format json` documents use 2).
pub(crate) fn to_json_text<T: serde::Serialize>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let bytes = match indent {
        None => serde_json::to_vec(value),
        Some(n) => {
            let pad = vec![b' '; n];
            let mut buf = Vec::new();
            let mut ser =
                serde_json::Serializer::with_formatter(&mut buf, serde_json::ser::PrettyFormatter::with_indent(&pad));
            value.serialize(&mut ser).map(|()| buf)
        }
    };
    bytes
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))
        .and_then(|b| String::from_utf8(b).map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string())))
}

/// A list of strings as Python's `repr()` writes it (`['a', 'b']`).
pub(crate) fn repr_list(py: Python<'_>, items: &[impl AsRef<str>]) -> String {
    let parts: Vec<String> = items.iter().map(|s| repr(py, s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}
