//! Core enums as members of real Python `enum.Enum` classes. The classes are written out in
//! `lec/_enums.py` (with their docs); their values are the core's serde names, the same strings
//! as the CLI's JSON. `_enum_values` hands the tests the core's list so the two cannot drift.

use lec_core::budget::{ConfirmationRequired, DuplicateResolution, Per};
use lec_core::finding::Lang;
use lec_core::workflow::{Action, Level, RejectionCode, ReplayProblem};
use lec_core::{CheckLevel, EraReading, ErrorKind, Grade, IdKind, InstitutionKind, LaoKind, OwnerClass, Severity};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use serde::Serialize;

/// A core enum mirrored by a Python enum class of `lec._enums`.
pub(crate) trait PyEnum: Copy + PartialEq + Serialize + Send + Sync + 'static {
    /// The Python class name.
    const CLASS: &'static str;
    /// The Python class (imported once).
    fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>>;
    /// Every variant with its Python member (looked up once).
    fn members(py: Python<'_>) -> PyResult<&[(Self, Py<PyAny>)]>;
    /// Every variant, in the core's order.
    fn all() -> Vec<Self>;
}

macro_rules! py_enum {
    ($ty:ty, $name:literal, $all:expr) => {
        impl PyEnum for $ty {
            const CLASS: &'static str = $name;
            fn class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
                static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                CLASS.import(py, "lec._enums", $name)
            }
            fn members(py: Python<'_>) -> PyResult<&[(Self, Py<PyAny>)]> {
                static MEMBERS: PyOnceLock<Vec<($ty, Py<PyAny>)>> = PyOnceLock::new();
                MEMBERS
                    .get_or_try_init(py, || {
                        let class = Self::class(py)?;
                        Self::all().into_iter().map(|v| Ok((v, class.call1((value(v),))?.unbind()))).collect()
                    })
                    .map(Vec::as_slice)
            }
            fn all() -> Vec<Self> {
                $all
            }
        }
    };
}

// Where the core has no `ALL`, the closure's `match` fails to compile when a variant is added,
// so the list beside it cannot fall behind.
py_enum!(Severity, "Severity", {
    let _ = |s: Severity| match s {
        Severity::Info | Severity::Warning | Severity::Error => (),
    };
    vec![Severity::Info, Severity::Warning, Severity::Error]
});
py_enum!(IdKind, "IdKind", {
    let _ = |k: IdKind| match k {
        IdKind::Citizen | IdKind::Gcode => (),
    };
    vec![IdKind::Citizen, IdKind::Gcode]
});
py_enum!(CheckLevel, "CheckLevel", {
    let _ = |k: CheckLevel| match k {
        CheckLevel::Error | CheckLevel::Warning | CheckLevel::Info | CheckLevel::Off => (),
    };
    vec![CheckLevel::Error, CheckLevel::Warning, CheckLevel::Info, CheckLevel::Off]
});
py_enum!(Grade, "Grade", Grade::ALL.to_vec());
py_enum!(InstitutionKind, "InstitutionKind", {
    let _ = |k: InstitutionKind| match k {
        InstitutionKind::School | InstitutionKind::College | InstitutionKind::ChildDevelopmentCentre => (),
    };
    vec![InstitutionKind::School, InstitutionKind::College, InstitutionKind::ChildDevelopmentCentre]
});
py_enum!(LaoKind, "LaoKind", LaoKind::ALL.to_vec());
py_enum!(OwnerClass, "OwnerClass", {
    let _ = |k: OwnerClass| match k {
        OwnerClass::Pao | OwnerClass::Municipality | OwnerClass::Sao => (),
    };
    vec![OwnerClass::Pao, OwnerClass::Municipality, OwnerClass::Sao]
});
py_enum!(EraReading, "EraReading", {
    let _ = |k: EraReading| match k {
        EraReading::AsExpected | EraReading::CeWhereBeExpected | EraReading::BeWhereCeExpected => (),
    };
    vec![EraReading::AsExpected, EraReading::CeWhereBeExpected, EraReading::BeWhereCeExpected]
});
py_enum!(ErrorKind, "ErrorKind", ErrorKind::ALL.to_vec());
py_enum!(Lang, "Lang", {
    let _ = |k: Lang| match k {
        Lang::Th | Lang::En => (),
    };
    vec![Lang::Th, Lang::En]
});

py_enum!(Level, "Level", {
    let _ = |k: Level| match k {
        Level::Department | Level::Province | Level::Lao | Level::Institution => (),
    };
    vec![Level::Department, Level::Province, Level::Lao, Level::Institution]
});
py_enum!(Action, "Action", {
    let _ = |k: Action| match k {
        Action::Confirm
        | Action::ConfirmHeadcounts
        | Action::Cancel
        | Action::CancelHeadcounts
        | Action::Edit
        | Action::Withdraw
        | Action::SpotCheck => (),
    };
    vec![
        Action::Confirm,
        Action::ConfirmHeadcounts,
        Action::Cancel,
        Action::CancelHeadcounts,
        Action::Edit,
        Action::Withdraw,
        Action::SpotCheck,
    ]
});
py_enum!(RejectionCode, "RejectionCode", RejectionCode::ALL.to_vec());
py_enum!(ReplayProblem, "ReplayProblem", {
    let _ = |k: ReplayProblem| match k {
        ReplayProblem::Unreadable
        | ReplayProblem::Sequence
        | ReplayProblem::BrokenChain
        | ReplayProblem::Tampered
        | ReplayProblem::Illegal => (),
    };
    vec![
        ReplayProblem::Unreadable,
        ReplayProblem::Sequence,
        ReplayProblem::BrokenChain,
        ReplayProblem::Tampered,
        ReplayProblem::Illegal,
    ]
});
py_enum!(Per, "Per", {
    let _ = |k: Per| match k {
        Per::Day | Per::Year => (),
    };
    vec![Per::Day, Per::Year]
});
py_enum!(DuplicateResolution, "DuplicateResolution", {
    let _ = |k: DuplicateResolution| match k {
        DuplicateResolution::Unresolved
        | DuplicateResolution::FirstSeen
        | DuplicateResolution::LowestInstitutionCode => (),
    };
    vec![DuplicateResolution::Unresolved, DuplicateResolution::FirstSeen, DuplicateResolution::LowestInstitutionCode]
});
py_enum!(ConfirmationRequired, "ConfirmationRequired", {
    let _ = |k: ConfirmationRequired| match k {
        ConfirmationRequired::None
        | ConfirmationRequired::Institution
        | ConfirmationRequired::Lao
        | ConfirmationRequired::Province => (),
    };
    vec![
        ConfirmationRequired::None,
        ConfirmationRequired::Institution,
        ConfirmationRequired::Lao,
        ConfirmationRequired::Province,
    ]
});

/// The value of a variant: its serde name (`error`, `citizen`, `K1`, `invalid_id`, …).
pub(crate) fn value<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// The Python enum member of a core variant.
pub(crate) fn member<T: PyEnum>(py: Python<'_>, v: T) -> PyResult<Bound<'_, PyAny>> {
    match T::members(py)?.iter().find(|(x, _)| *x == v) {
        Some((_, m)) => Ok(m.bind(py).clone()),
        None => T::class(py)?.call1((value(v),)),
    }
}

/// The core variant named by a Python enum member or its value (a `str` either way: the
/// members are `str` subclasses whose string is their value).
pub(crate) fn from_py<T: PyEnum>(v: &Bound<'_, PyAny>) -> PyResult<T> {
    let text: String = v.extract()?;
    T::all().into_iter().find(|x| value(*x) == text).ok_or_else(|| {
        PyValueError::new_err(format!("`{text}` is not a {} (one of {})", T::CLASS, values::<T>().join(", ")))
    })
}

fn values<T: PyEnum>() -> Vec<String> {
    T::all().into_iter().map(value).collect()
}

/// The values of a core enum, in the core's order, by the Python class name: the tests compare
/// them with the members of `lec._enums` so that neither side can drift.
#[pyfunction]
pub(crate) fn _enum_values(name: &str) -> PyResult<Vec<String>> {
    Ok(match name {
        "Severity" => values::<Severity>(),
        "IdKind" => values::<IdKind>(),
        "CheckLevel" => values::<CheckLevel>(),
        "Grade" => values::<Grade>(),
        "InstitutionKind" => values::<InstitutionKind>(),
        "LaoKind" => values::<LaoKind>(),
        "OwnerClass" => values::<OwnerClass>(),
        "EraReading" => values::<EraReading>(),
        "ErrorKind" => values::<ErrorKind>(),
        "Lang" => values::<Lang>(),
        "Level" => values::<Level>(),
        "Action" => values::<Action>(),
        "RejectionCode" => values::<RejectionCode>(),
        "ReplayProblem" => values::<ReplayProblem>(),
        "Per" => values::<Per>(),
        "DuplicateResolution" => values::<DuplicateResolution>(),
        "ConfirmationRequired" => values::<ConfirmationRequired>(),
        _ => return Err(PyValueError::new_err(format!("`{name}` is not an enum of lec"))),
    })
}

/// The Thai label and the usual age range (full years on the reference day) of a grade code.
#[pyfunction]
pub(crate) fn _grade_info(code: &Bound<'_, PyAny>) -> PyResult<(&'static str, Option<(u32, u32)>)> {
    let g: Grade = from_py(code)?;
    Ok((g.label_th(), g.usual_age()))
}

/// The Thai and English names of an institution or LAO kind (`InstitutionKind` / `LaoKind`).
#[pyfunction]
pub(crate) fn _kind_names(enum_name: &str, value: &Bound<'_, PyAny>) -> PyResult<(&'static str, &'static str)> {
    match enum_name {
        "InstitutionKind" => {
            let k: InstitutionKind = from_py(value)?;
            Ok((k.name_th(), k.name_en()))
        }
        "LaoKind" => {
            let k: LaoKind = from_py(value)?;
            Ok((k.name_th(), k.name_en()))
        }
        _ => Err(PyValueError::new_err(format!("`{enum_name}` has no names"))),
    }
}
