//! The one error family of the library. Every binding maps [`ErrorKind`] exhaustively onto
//! its own exception hierarchy (Python `lec.LecError` subclasses, a JS `Error` with `code`, …).

use crate::finding::{Finding, FindingCode};
use serde::Serialize;

/// Which family an [`Error`] belongs to; each is one exception class in every binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// เลขประจำตัวประชาชน / รหัส G ไม่ถูกต้อง — a personal ID or G-code that is not valid.
    InvalidId,
    /// รหัสหน่วยงานไม่ถูกต้อง — a province, LAO, institution or school code that is not valid.
    InvalidCode,
    /// วันที่ไม่ถูกต้อง — a date that is not valid.
    InvalidDate,
    /// ระดับชั้นไม่ถูกต้อง — a grade label that is not known.
    InvalidGrade,
    /// การตั้งค่าไม่ถูกต้อง — a policy, registry or other configuration that cannot be used.
    InvalidConfig,
    /// อ่านไฟล์ไม่ได้ — a file that cannot be read.
    File,
    /// บันทึกเหตุการณ์เสียหาย — a workflow event log that does not replay (code `WF_LOG_BROKEN`:
    /// an unreadable line, a broken hash chain, a changed or illegal event).
    InvalidLog,
}

impl ErrorKind {
    /// Every kind, so bindings can prove their mapping is exhaustive.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::InvalidId,
        ErrorKind::InvalidCode,
        ErrorKind::InvalidDate,
        ErrorKind::InvalidGrade,
        ErrorKind::InvalidConfig,
        ErrorKind::File,
        ErrorKind::InvalidLog,
    ];
}

/// An error: its family, a stable code (a finding code such as `ID_CHECKSUM`, or
/// `CONFIG_INVALID`) and a message in Thai and English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{message_en}")]
pub struct Error {
    kind: ErrorKind,
    code: &'static str,
    message_th: String,
    message_en: String,
}

/// The code of an [`ErrorKind::InvalidConfig`] error.
pub const CONFIG_INVALID: &str = "CONFIG_INVALID";

impl Error {
    /// An error of `kind` carrying a finding's code and messages.
    pub fn from_finding(kind: ErrorKind, finding: &Finding) -> Error {
        Error {
            kind,
            code: finding.code.as_str(),
            message_th: finding.message_th.clone(),
            message_en: finding.message_en.clone(),
        }
    }

    /// An error of `kind` for a finding code, built from its templates.
    pub fn finding(kind: ErrorKind, code: FindingCode, value: &str, detail: crate::finding::Detail<'_>) -> Error {
        Error::from_finding(kind, &Finding::new(code, None, Some(value), detail))
    }

    /// An error of `kind` with its own stable code and messages (for the modules above this one,
    /// such as the workflow's log, whose errors are not findings).
    pub fn new(kind: ErrorKind, code: &'static str, th: impl Into<String>, en: impl Into<String>) -> Error {
        Error { kind, code, message_th: th.into(), message_en: en.into() }
    }

    /// A configuration error (`CONFIG_INVALID`): a policy, calendar or registry that cannot be used.
    pub fn config(th: impl Into<String>, en: impl Into<String>) -> Error {
        Error { kind: ErrorKind::InvalidConfig, code: CONFIG_INVALID, message_th: th.into(), message_en: en.into() }
    }

    /// The family.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The message in Thai.
    pub fn message_th(&self) -> &str {
        &self.message_th
    }

    /// The message in English.
    pub fn message_en(&self) -> &str {
        &self.message_en
    }
}

/// The result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
