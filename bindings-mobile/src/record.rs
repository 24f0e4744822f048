//! Student / child records (ข้อมูลนักเรียนหรือเด็กเล็ก) and the rules one record must meet.

use crate::config::{Policy, Registry, policy_or_default, registry_of};
use crate::error::LecError;
use crate::ids::PersonId;
use crate::types::{Finding, findings};
use lec_core::{Context, RecordStatus};
use std::fmt;
use std::sync::Arc;

/// ข้อมูลนักเรียน — one student / child record as entered; every field is text, as typed.
/// Optional fields left null are not checked (the column is absent); `""` is a blank cell.
///
/// `toString()` / `description` show the institution, the masked ID and the grade only.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
#[uniffi::export(Display)]
pub struct StudentRecord {
    /// รหัสสถานศึกษา — the institution code (`30 PP N xxxxx`).
    pub institution_code: String,
    /// เลขประจำตัวประชาชน or รหัส G — the personal ID or G-code.
    pub person_id: String,
    /// ชื่อ — the first name.
    pub first_name: String,
    /// นามสกุล — the last name.
    pub last_name: String,
    /// วันเดือนปีเกิด — the birth date (`16/05/2561`, `16 พ.ค. 2561`, `2018-05-16`, …).
    pub birth_date: String,
    /// ระดับชั้น — the grade (`ป.1`, `อ.2`, `ม.3`, `K1`, `ศพด.`, …).
    pub grade: String,
    /// คำนำหน้า — the name prefix (เด็กชาย, เด็กหญิง, …).
    #[uniffi(default = None)]
    pub prefix: Option<String>,
    /// เพศ — sex (ชาย / หญิง, male / female, …).
    #[uniffi(default = None)]
    pub sex: Option<String>,
    /// ห้อง — the room.
    #[uniffi(default = None)]
    pub room: Option<String>,
    /// สัญชาติ — nationality.
    #[uniffi(default = None)]
    pub nationality: Option<String>,
    /// สภาพนักเรียน — the student status (a removed / not-existing value is never counted).
    #[uniffi(default = None)]
    pub status: Option<String>,
}

impl From<StudentRecord> for lec_core::StudentRecord {
    fn from(r: StudentRecord) -> lec_core::StudentRecord {
        // every field named: a new core field fails to compile here
        lec_core::StudentRecord {
            institution_code: r.institution_code,
            person_id: r.person_id,
            prefix: r.prefix,
            first_name: r.first_name,
            last_name: r.last_name,
            sex: r.sex,
            birth_date: r.birth_date,
            grade: r.grade,
            room: r.room,
            nationality: r.nationality,
            status: r.status,
        }
    }
}

/// Institution, masked personal ID and grade: no names, no unmasked ID.
impl fmt::Display for StudentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "StudentRecord(institution_code={}, person_id={}, grade={})",
            self.institution_code,
            lec_core::id::mask_input(&self.person_id),
            self.grade
        )
    }
}

/// Same as `Display`: personal data stays out of logs.
impl fmt::Debug for StudentRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// The result of checking one record: what it counts as, every finding, and what was read.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RecordResult {
    /// `Counted` (no error), `HasErrors`, or `Removed` (reported, never counted).
    pub status: RecordStatus,
    /// The findings, in rule order (institution, identity, names, sex, room, grade, birth date).
    pub findings: Vec<Finding>,
    /// The identity, when valid.
    pub person: Option<PersonId>,
    /// The institution code's 10 digits, when valid.
    pub institution_code: Option<String>,
    /// The grade's code (`K1`, `P6`, `M3`, `VC1`, `HVC2`, `CD`), when known.
    pub grade: Option<String>,
    /// The birth date, ISO `YYYY-MM-DD` (CE), when valid.
    pub birth_date: Option<String>,
}

/// ตรวจข้อมูลนักเรียน — checks one record against every rule one record can break (duplicates
/// need the whole data set), for an academic year (BE, e.g. 2567).
///
/// - `policy`: null for the default policy.
/// - `registry`: when given, the institution must be registered and its registered kind
///   decides which grades it may hold.
/// - `asOf`: the data's reference date (nobody may be born after it), in any accepted date
///   form; null for the age reference day (16 May) of the academic year. Throws `InvalidDate`
///   when it is not a date.
/// - `unmasked`: show personal IDs unmasked in findings (default: masked).
#[uniffi::export(default(policy = None, registry = None, as_of = None, unmasked = false))]
pub fn validate_record(
    record: StudentRecord,
    academic_year: u16,
    policy: Option<Arc<Policy>>,
    registry: Option<Arc<Registry>>,
    as_of: Option<String>,
    unmasked: bool,
) -> Result<RecordResult, LecError> {
    let policy = policy_or_default(policy.as_deref());
    let mut ctx = Context::new(&policy, academic_year);
    ctx.registry = registry_of(&registry);
    ctx.unmasked = unmasked;
    if let Some(text) = as_of {
        ctx.as_of = lec_core::parse_thai_date(&text)?.date;
    }
    let check = lec_core::validate_record(&record.into(), &ctx);
    Ok(RecordResult {
        status: check.status,
        findings: findings(check.findings),
        person: check.person.map(PersonId::from),
        institution_code: check.institution.map(|c| c.digits()),
        grade: check.grade.map(|g| g.code().to_owned()),
        birth_date: check.birth_date.map(|d| d.to_string()),
    })
}
