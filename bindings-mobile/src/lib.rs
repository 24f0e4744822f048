//! # lec-mobile
//!
//! The rules of Thailand's Local Education Center information system (LEC, ระบบสารสนเทศทาง
//! การศึกษาท้องถิ่น) for Android and iOS, through [UniFFI](https://mozilla.github.io/uniffi-rs/):
//! the same verdicts as the server, offline, in a teacher's phone.
//!
//! This crate is a thin binding of `lec-core`: it translates types and errors and never decides
//! a rule itself. Kotlin (package `lec`) and Swift (module `Lec`) are generated from this
//! library by `uniffi-bindgen` (library mode); the names are set in `uniffi.toml`. Doc
//! comments of exported items reach the generated Kotlin and Swift, so they name the API as
//! those languages spell it (`checkId`, `Policy.fromJson`).
//!
//! - identities: [`parse_id`], [`check_id`], [`validate_ids`] ([`ids`])
//! - records: [`validate_record`] ([`record`])
//! - policy and registry: [`Policy`], [`Registry`] ([`config`])
//! - grades, Thai dates, LAO and institution codes ([`units`])
//! - the confirmation workflow: [`Round`], [`RoundCalendar`] ([`workflow`])
//! - every failure is one [`LecError`] variant per `lec_core::ErrorKind` ([`error`]), a broken
//!   workflow event log included (`InvalidLog`)

uniffi::setup_scaffolding!("lec");

pub mod config;
pub mod error;
pub mod ids;
pub mod record;
pub mod types;
pub mod units;
pub mod workflow;

pub use config::{Policy, Registry};
pub use error::LecError;
pub use ids::{IdCheck, PersonId, check_id, parse_id, validate_ids};
pub use record::{RecordResult, StudentRecord, validate_record};
pub use types::Finding;
pub use units::{
    GradeInfo, InstitutionInfo, LaoInfo, ThaiDate, parse_grade, parse_institution_code, parse_lao_code, parse_thai_date,
};
pub use workflow::{
    Outcome, Round, RoundCalendar, RoundCommand, RoundEvent, RoundStatus, UnitState, data_status_by_institution,
};

/// For the binding's own tests only: panics inside the library on purpose, so that the tests
/// can prove a panic reaches Kotlin and Swift as an exception (`InternalException`) and the app
/// keeps running. lec-core itself never panics on any input; never call this.
#[uniffi::export]
pub fn debug_panic_for_tests() {
    lec_core::testing::panic_for_binding_tests()
}
