//! # lec-core
//!
//! The rules of Thailand's Local Education Center information system (LEC, ระบบสารสนเทศทาง
//! การศึกษาท้องถิ่น), as set by the Department of Local Administration's circular มท 0816.2/ว 4094
//! (23 September 2567) and the public facts around it: personal IDs and G-codes, province, LAO
//! and institution codes, grades, Thai dates and ages, student records and whole data sets.
//!
//! Every check reports a [`Finding`] with a stable [`FindingCode`], a [`Severity`] and a
//! message in Thai and English. Every rule the circular leaves open is a field of [`Policy`]
//! with a documented default. The crate does no I/O in its rules and reads no clock: callers
//! hand in bytes, records and the academic year.
//!
//! ```
//! use lec_core::{PersonId, IdKind};
//! let id = PersonId::parse("1-2345-45678-78-1")?;
//! assert_eq!(id.kind(), IdKind::Citizen);
//! assert_eq!(id.masked(), "1-2345-xxxxx-xx-1");
//! assert_eq!(PersonId::parse("1234545678782").unwrap_err().code(), "ID_CHECKSUM");
//! # Ok::<(), lec_core::Error>(())
//! ```
#![forbid(unsafe_code)]

pub mod budget;
pub mod codes;
pub mod config;
pub mod date;
pub mod error;
pub mod finding;
pub mod grade;
pub mod headcount;
pub mod id;
pub mod policy;
pub mod province;
mod province_table;
pub mod record;
pub mod registry;
pub mod render;
pub mod report;
#[doc(hidden)]
pub mod testing;
mod text;
pub mod validate;
pub mod workflow;

#[cfg(feature = "files")]
pub mod files;

pub use codes::{Affiliation, InstitutionCode, InstitutionKind, LaoCode, LaoKind, OwnerClass, SchoolId};
pub use config::{Config, ConfigFormat, DEFAULT_ACADEMIC_YEAR, DEFAULT_CALENDAR};
pub use date::{EraReading, ThaiDate, parse_thai_date};
pub use error::{Error, ErrorKind, Result};
pub use finding::{Finding, FindingCode, Lang, Severity};
pub use grade::Grade;
pub use headcount::HeadcountReport;
pub use id::{IdCheck, IdKind, PersonId, check_id, id_error};
pub use policy::{CdcAgeCriterionScope, CheckLevel, Policy};
pub use province::Province;
pub use record::{Context, Field, RecordCheck, RecordStatus, StudentRecord, validate_record};
pub use registry::Registry;
pub use report::{CodeCount, FileInfo, InstitutionCount, Report, Summary};
pub use validate::{Validator, validate_records};
