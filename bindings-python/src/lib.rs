//! The Python binding of `lec` (the package `lec`, native module `lec._lec`): the rules of
//! Thailand's Local Education Center information system, exactly as `lec-core` decides them.
//!
//! Thin by design: every function translates Python values to the core's types, calls the core
//! and translates back; no rule lives here. The one error family of the core maps exhaustively
//! onto `lec.LecError` and its subclasses (`errors`). The core's enums are members of the
//! Python enums of `lec/_enums.py` (`enums`). Work on whole columns, files and data sets runs
//! with the GIL released.
//!
//! The confirmation workflow (rounds, commands, outcomes, the event log) is `workflow`; headcount
//! forms, budget policies and summaries are `budget`. A rejected workflow command is a value
//! (`Rejection`), not an exception; a broken event log is `InvalidLogError`.
//!
//! A panic inside the library (lec-core promises none) reaches Python as PyO3's
//! `PanicException` (a `BaseException`, exported as `lec.PanicException`): PyO3 catches it at
//! every entry point, so the interpreter keeps running.

mod budget;
mod config;
mod enums;
mod errors;
mod ids;
mod report;
mod text;
mod values;
mod workflow;

use pyo3::prelude::*;

/// The rules of Thailand's Local Education Center information system (LEC), from the Rust core.
#[pymodule]
mod _lec {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::errors::{
        _exception_class, FileError, InvalidCodeError, InvalidConfigError, InvalidDateError, InvalidGradeError,
        InvalidIdError, InvalidLogError, LecError,
    };

    #[pymodule_export]
    use crate::enums::{_enum_values, _grade_info, _kind_names};

    #[pymodule_export]
    use crate::ids::{IdCheck, PersonId, check_id, id_error, mask_id, parse_id, validate_ids};

    #[pymodule_export]
    use crate::config::{Institution, Lao, Policy, Registry};

    #[pymodule_export]
    use crate::report::{
        _explain_ids, FileInfo, Finding, Report, Summary, validate_file, validate_files, validate_records,
    };

    #[pymodule_export]
    use crate::values::{
        InstitutionCodeInfo, LaoCodeInfo, Province, ThaiDate, age_in_full_years, age_reference_date, parse_date,
        parse_grade, parse_institution_code, parse_lao_code, province, provinces,
    };

    #[pymodule_export]
    use crate::workflow::{
        _from_json, Accepted, Actor, Command, DataStatus, Event, LogHead, PendingUnit, Rejection, Round, RoundCalendar,
        RoundState, UnitState,
    };

    #[pymodule_export]
    use crate::budget::{
        BudgetItem, BudgetPolicy, BudgetSummary, HeadcountForm, HeadcountReport, ItemAmount, ItemInfo, RateRule,
        RecordTally, UnitBudget, UnresolvedDuplicate, summarise, validate_headcounts,
    };

    /// For the binding's own tests only: panics inside the library on purpose, so that the tests
    /// can prove a panic reaches Python as an exception (`PanicException`) and the interpreter
    /// keeps running. lec-core itself never panics on any input; never call this.
    #[pyfunction]
    fn _debug_panic() {
        lec_core::testing::panic_for_binding_tests()
    }

    /// `BANGKOK` (Asia/Bangkok, UTC+7, as a `datetime.timezone`) and `PanicException`.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("BANGKOK", crate::workflow::bangkok_tz(m.py())?)?;
        m.add("PanicException", m.py().get_type::<pyo3::panic::PanicException>())?;
        Ok(())
    }

    /// The package version (the workspace's).
    #[pymodule_export]
    #[allow(non_upper_case_globals)]
    const __version__: &str = env!("CARGO_PKG_VERSION");
}
