//! The one error type of the binding: each `lec_core::ErrorKind` is one variant, so Kotlin
//! gets one `LecException` subclass per kind and Swift one `LecError` case per kind.

use lec_core::ErrorKind;
use std::fmt;

/// ข้อผิดพลาด — why lec refused an input. One variant per error family of the core; every
/// variant carries the stable `code` (a finding code such as `ID_CHECKSUM`, or
/// `CONFIG_INVALID`) and the explanation in English and Thai. Personal IDs in the details are
/// masked.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum LecError {
    /// เลขประจำตัวประชาชน / รหัส G ไม่ถูกต้อง — a personal ID or G-code that is not valid.
    InvalidId {
        /// The stable code, e.g. `ID_CHECKSUM`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// รหัสหน่วยงานไม่ถูกต้อง — a province, LAO, institution or school code that is not valid.
    InvalidCode {
        /// The stable code, e.g. `INSTITUTION_CODE_FORMAT`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// วันที่ไม่ถูกต้อง — a date that is not valid.
    InvalidDate {
        /// The stable code, `BIRTHDATE_INVALID`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// ระดับชั้นไม่ถูกต้อง — a grade label that is not known.
    InvalidGrade {
        /// The stable code, `GRADE_UNKNOWN`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// การตั้งค่าไม่ถูกต้อง — a policy, registry or other configuration that cannot be used.
    InvalidConfig {
        /// The stable code, `CONFIG_INVALID`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// อ่านไฟล์ไม่ได้ — a file that cannot be read.
    File {
        /// The stable code, e.g. `FILE_UNREADABLE`.
        code: String,
        /// The explanation in English.
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
    },
    /// บันทึกเหตุการณ์เสียหาย — a workflow event log that does not replay: it cannot be trusted,
    /// and no round is built from it.
    InvalidLog {
        /// The stable code, `WF_LOG_BROKEN`.
        code: String,
        /// The explanation in English (it names the first bad event).
        detail_en: String,
        /// The explanation in Thai.
        detail_th: String,
        /// The index (from 0) of the first bad event, i.e. its line in the log minus one, when known.
        index: Option<u64>,
        /// What is wrong with it, when known.
        problem: Option<lec_core::workflow::ReplayProblem>,
    },
}

impl LecError {
    /// The stable code of any variant.
    pub fn code(&self) -> &str {
        match self {
            LecError::InvalidId { code, .. }
            | LecError::InvalidCode { code, .. }
            | LecError::InvalidDate { code, .. }
            | LecError::InvalidGrade { code, .. }
            | LecError::InvalidConfig { code, .. }
            | LecError::File { code, .. }
            | LecError::InvalidLog { code, .. } => code,
        }
    }

    /// The English explanation of any variant.
    pub fn detail_en(&self) -> &str {
        match self {
            LecError::InvalidId { detail_en, .. }
            | LecError::InvalidCode { detail_en, .. }
            | LecError::InvalidDate { detail_en, .. }
            | LecError::InvalidGrade { detail_en, .. }
            | LecError::InvalidConfig { detail_en, .. }
            | LecError::File { detail_en, .. }
            | LecError::InvalidLog { detail_en, .. } => detail_en,
        }
    }
}

impl fmt::Display for LecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail_en())
    }
}

impl std::error::Error for LecError {}

impl From<lec_core::Error> for LecError {
    /// Maps each core error family to its variant. No wildcard: a new `ErrorKind` in the core
    /// fails to compile here until it has its own variant.
    fn from(e: lec_core::Error) -> LecError {
        let code = e.code().to_owned();
        let detail_en = e.message_en().to_owned();
        let detail_th = e.message_th().to_owned();
        match e.kind() {
            ErrorKind::InvalidId => LecError::InvalidId { code, detail_en, detail_th },
            ErrorKind::InvalidCode => LecError::InvalidCode { code, detail_en, detail_th },
            ErrorKind::InvalidDate => LecError::InvalidDate { code, detail_en, detail_th },
            ErrorKind::InvalidGrade => LecError::InvalidGrade { code, detail_en, detail_th },
            ErrorKind::InvalidConfig => LecError::InvalidConfig { code, detail_en, detail_th },
            ErrorKind::File => LecError::File { code, detail_en, detail_th },
            ErrorKind::InvalidLog => LecError::InvalidLog { code, detail_en, detail_th, index: None, problem: None },
        }
    }
}

impl From<lec_core::workflow::ReplayError> for LecError {
    /// A broken log, with the first bad event's index and what is wrong with it.
    fn from(e: lec_core::workflow::ReplayError) -> LecError {
        let (index, problem) = (e.index as u64, e.problem);
        match LecError::from(lec_core::Error::from(e)) {
            LecError::InvalidLog { code, detail_en, detail_th, .. } => {
                LecError::InvalidLog { code, detail_en, detail_th, index: Some(index), problem: Some(problem) }
            }
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_variant() {
        let variants: Vec<std::mem::Discriminant<LecError>> = ErrorKind::ALL
            .iter()
            .map(|&k| {
                let e = lec_core::Error::from_finding(
                    k,
                    &lec_core::Finding::new(lec_core::FindingCode::IdFormat, None, Some("x"), Default::default()),
                );
                std::mem::discriminant(&LecError::from(e))
            })
            .collect();
        for (i, a) in variants.iter().enumerate() {
            assert_eq!(variants.iter().filter(|b| *b == a).count(), 1, "kind {:?} shares a variant", ErrorKind::ALL[i]);
        }
    }
}
