//! Small helpers for `__repr__`.

use pyo3::prelude::*;
use pyo3::types::PyString;

/// A string as Python's `repr()` writes it (`'โรงเรียน'`, quotes and escapes as Python does).
pub(crate) fn repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s).repr().map_or_else(|_| format!("{s:?}"), |r| r.to_string_lossy().into_owned())
}

/// An optional string as Python's `repr()` writes it (`None` when absent).
pub(crate) fn repr_opt(py: Python<'_>, s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| repr(py, s))
}
