//! The Python binding of `lec` (the package `lec`, native module `lec._lec`): the rules of
//! Thailand's Local Education Center information system, exactly as `lec-core` decides them.
//!
//! Thin by design: every function translates Python values to the core's types, calls the core
//! and translates back; no rule lives here. The one error family of the core maps exhaustively
//! onto `lec.LecError` and its subclasses (`errors`). The core's enums are members of the
//! Python enums of `lec/_enums.py` (`enums`). Work on whole columns, files and data sets runs
//! with the GIL released.
//!
//! Where later core features go: the confirmation workflow (rounds, commands, rejections, event
//! log) as a `workflow` module beside these, its rejection as a `LecError` subclass carrying
//! the `WF_*` code; the budget (headcount forms, eligibility, summaries) as a `budget` module.

mod config;
mod enums;
mod errors;
mod ids;
mod report;
mod text;
mod values;

use pyo3::prelude::*;

/// The rules of Thailand's Local Education Center information system (LEC), from the Rust core.
#[pymodule]
mod _lec {
    #[pymodule_export]
    use crate::errors::{
        _exception_class, FileError, InvalidCodeError, InvalidConfigError, InvalidDateError, InvalidGradeError,
        InvalidIdError, LecError,
    };

    #[pymodule_export]
    use crate::enums::{_enum_values, _grade_info, _kind_names};

    #[pymodule_export]
    use crate::ids::{IdCheck, PersonId, check_id, mask_id, parse_id, validate_ids};

    #[pymodule_export]
    use crate::config::{Institution, Lao, Policy, Registry};

    #[pymodule_export]
    use crate::report::{FileInfo, Finding, Report, Summary, validate_file, validate_files, validate_records};

    #[pymodule_export]
    use crate::values::{
        InstitutionCodeInfo, LaoCodeInfo, Province, ThaiDate, age_in_full_years, age_reference_date, parse_date,
        parse_grade, parse_institution_code, parse_lao_code, province, provinces,
    };

    /// The package version (the workspace's).
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = env!("CARGO_PKG_VERSION");
}
