//! Types shared by every part of the API: the core's small enums (mirrored with
//! `#[uniffi::remote]`, so lec-core stays free of UniFFI) and [`Finding`].

use lec_core::{EraReading, IdKind, InstitutionKind, LaoKind, OwnerClass, RecordStatus, Severity};

/// Which kind of identity an ID is.
#[uniffi::remote(Enum)]
pub enum IdKind {
    /// เลขประจำตัวประชาชน — a 13-digit personal ID.
    Citizen,
    /// รหัส G — a G-code for a learner without civil-registration evidence or Thai nationality.
    Gcode,
}

/// How serious a finding is. An `Error` blocks confirmation of the unit it belongs to; a
/// `Warning` does not; an `Info` only tells.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// ข้อมูลเพื่อทราบ — for information only.
    Info,
    /// คำเตือน — worth a look; does not block confirmation.
    Warning,
    /// ข้อผิดพลาด — blocks confirmation of the unit.
    Error,
}

/// What a record counts as.
#[uniffi::remote(Enum)]
pub enum RecordStatus {
    /// No `Error` finding: counted.
    Counted,
    /// At least one `Error` finding: not counted until fixed.
    HasErrors,
    /// Marked removed / not existing (ไม่มีตัวตน, จำหน่าย, …): reported, never counted.
    Removed,
}

/// Which era a date's year was written in, and whether that looks like a mistake.
#[uniffi::remote(Enum)]
pub enum EraReading {
    /// Written in the era the form expects (BE for `dd/mm/yyyy` and Thai month names, CE for ISO).
    AsExpected,
    /// A `dd/mm/yyyy` or Thai-month year that looks CE where BE is expected: read as CE.
    CeWhereBeExpected,
    /// An ISO year that looks BE where CE is expected: read as BE.
    BeWhereCeExpected,
}

/// ประเภท อปท. — the legal kind of a local administrative organisation (LAO).
#[uniffi::remote(Enum)]
pub enum LaoKind {
    /// องค์การบริหารส่วนจังหวัด (อบจ.) — provincial administrative organisation. Type digit 2.
    Pao,
    /// เทศบาลนคร — city municipality. Type digit 3.
    City,
    /// เทศบาลเมือง — town municipality. Type digit 4.
    Town,
    /// เทศบาลตำบล — subdistrict municipality. Type digit 5.
    Subdistrict,
    /// องค์การบริหารส่วนตำบล (อบต.) — subdistrict administrative organisation. Type digit 6.
    Sao,
}

/// The owner class an institution code's 5th digit names.
#[uniffi::remote(Enum)]
pub enum OwnerClass {
    /// อบจ. — a provincial administrative organisation (digit 1 or 4).
    Pao,
    /// เทศบาล — a municipality of any kind (digit 2 or 5).
    Municipality,
    /// อบต. — a subdistrict administrative organisation (digit 3 or 6).
    Sao,
}

/// ประเภทสถานศึกษา — the kind of an institution.
#[uniffi::remote(Enum)]
pub enum InstitutionKind {
    /// โรงเรียน — a school.
    School,
    /// วิทยาลัย — a vocational / technology college.
    College,
    /// ศูนย์พัฒนาเด็กเล็ก (ศพด.) — a child development centre.
    ChildDevelopmentCentre,
}

/// ผลการตรวจ — one finding: a stable code, a severity, where it was found and a message in
/// Thai and English. The codes are the catalogue of `docs/findings.md`, the same in every
/// language. Personal IDs in `value` and the messages are masked unless the caller asked for
/// them unmasked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    /// The stable code, e.g. `ID_CHECKSUM`.
    pub code: String,
    /// How serious it is (the catalogue's default unless the policy says otherwise).
    pub severity: Severity,
    /// The field it concerns (`person_id`, `birth_date`, …), if any.
    pub column: Option<String>,
    /// The offending value, if any (personal IDs masked unless asked otherwise).
    pub value: Option<String>,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

impl From<lec_core::Finding> for Finding {
    fn from(f: lec_core::Finding) -> Finding {
        Finding {
            code: f.code.as_str().to_owned(),
            severity: f.severity,
            column: f.column,
            value: f.value,
            message_th: f.message_th,
            message_en: f.message_en,
        }
    }
}

/// Converts core findings.
pub(crate) fn findings(list: Vec<lec_core::Finding>) -> Vec<Finding> {
    list.into_iter().map(Finding::from).collect()
}
