//! The one error family of `lec_core` (`ErrorKind`, seven kinds) as one Python exception hierarchy:
//! `lec.LecError` (a `ValueError`) and one subclass per kind, mapped by an exhaustive `match`
//! so that a new kind fails to compile until it has its class.

use lec_core::workflow::ReplayError;
use lec_core::{Error, ErrorKind};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyType;

create_exception!(
    lec,
    LecError,
    PyValueError,
    "The base class of every error the lec rules raise (a `ValueError`).\n\nAttributes: `code` (the stable code, e.g. `ID_CHECKSUM`), `kind` (an `ErrorKind`),\n`message_th` and `message_en` (the message in Thai and in English)."
);
create_exception!(
    lec,
    InvalidIdError,
    LecError,
    "เลขประจำตัวประชาชน / รหัส G ไม่ถูกต้อง — a personal ID or G-code that is not valid."
);
create_exception!(
    lec,
    InvalidCodeError,
    LecError,
    "รหัสหน่วยงานไม่ถูกต้อง — a province, LAO, institution or school code that is not valid."
);
create_exception!(lec, InvalidDateError, LecError, "วันที่ไม่ถูกต้อง — a date that is not valid.");
create_exception!(lec, InvalidGradeError, LecError, "ระดับชั้นไม่ถูกต้อง — a grade label that is not known.");
create_exception!(
    lec,
    InvalidConfigError,
    LecError,
    "การตั้งค่าไม่ถูกต้อง — a policy, registry or other configuration that cannot be used."
);
create_exception!(lec, FileError, LecError, "อ่านไฟล์ไม่ได้ — a file that cannot be read.");
create_exception!(
    lec,
    InvalidLogError,
    LecError,
    "บันทึกเหตุการณ์เสียหาย — a workflow event log that does not replay (code `WF_LOG_BROKEN`: an\nunreadable line, a broken hash chain, a changed or illegal event).\n\nBesides `code`, `kind` and the messages: `index` (the 0-based position of the first bad\nevent in the log) and `problem` (a `ReplayProblem`)."
);

/// The exception class of an error kind. No wildcard: a new `ErrorKind` must get its class here.
pub(crate) fn exception_type(py: Python<'_>, kind: ErrorKind) -> Bound<'_, PyType> {
    match kind {
        ErrorKind::InvalidId => py.get_type::<InvalidIdError>(),
        ErrorKind::InvalidCode => py.get_type::<InvalidCodeError>(),
        ErrorKind::InvalidDate => py.get_type::<InvalidDateError>(),
        ErrorKind::InvalidGrade => py.get_type::<InvalidGradeError>(),
        ErrorKind::InvalidConfig => py.get_type::<InvalidConfigError>(),
        ErrorKind::File => py.get_type::<FileError>(),
        ErrorKind::InvalidLog => py.get_type::<InvalidLogError>(),
    }
}

/// The Python exception for a core error: its class by kind, `str()` the English message,
/// and the attributes `code`, `message_th`, `message_en` (`kind` is an attribute of each class,
/// set by `lec/__init__.py` from `_exception_class`).
pub(crate) fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let exc = exception_type(py, e.kind()).call1((e.message_en(),))?;
        exc.setattr("code", e.code())?;
        exc.setattr("message_th", e.message_th())?;
        exc.setattr("message_en", e.message_en())?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

/// The `InvalidLogError` of a broken event log: the core's error (`WF_LOG_BROKEN`) with the
/// replay's `index` (the first bad event, 0-based) and `problem` (a `ReplayProblem`) added.
pub(crate) fn replay_err(py: Python<'_>, e: ReplayError) -> PyErr {
    let (index, problem) = (e.index, e.problem);
    let err = to_py_err(py, &Error::from(e));
    let add = || -> PyResult<()> {
        let value = err.value(py);
        value.setattr("index", index)?;
        value.setattr("problem", crate::enums::member(py, problem)?)?;
        Ok(())
    };
    match add() {
        Ok(()) => err,
        Err(e) => e,
    }
}

/// A core error on its way to Python (`?` in functions returning `PyResult`).
pub(crate) struct CoreError(pub(crate) Error);

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> PyErr {
        Python::attach(|py| to_py_err(py, &e.0))
    }
}

impl From<Error> for CoreError {
    fn from(e: Error) -> CoreError {
        CoreError(e)
    }
}

/// Maps a core result for `?` in a `PyResult` function.
pub(crate) fn core<T>(r: Result<T, Error>) -> PyResult<T> {
    r.map_err(|e| PyErr::from(CoreError(e)))
}

/// The exception class of an error kind, by its name (`invalid_id`, …): lets the tests prove
/// the mapping covers every kind.
#[pyfunction]
pub(crate) fn _exception_class(py: Python<'_>, kind: &str) -> PyResult<Py<PyType>> {
    ErrorKind::ALL
        .into_iter()
        .find(|k| crate::enums::value(*k) == kind)
        .map(|k| exception_type(py, k).unbind())
        .ok_or_else(|| PyValueError::new_err(format!("`{kind}` is not an error kind")))
}
