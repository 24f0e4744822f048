//! Identities: personal IDs (เลขประจำตัวประชาชน) and G-codes (รหัส G), one by one or in batches.

use crate::config::{Policy, policy_or_default};
use crate::error::LecError;
use crate::types::Finding;
use lec_core::IdKind;
use std::fmt;
use std::sync::Arc;

/// A valid identity: a 13-digit personal ID (เลขประจำตัวประชาชน) or a G-code (รหัส G).
///
/// `toString()` / `description` show the masked form only (`1-2345-xxxxx-xx-1`): read
/// `normalized` on purpose when the full number is needed.
#[derive(Clone, PartialEq, Eq, Hash, uniffi::Record)]
// Kotlin `toString()` and Swift `description` / `debugDescription` call `Display` / `Debug`.
#[uniffi::export(Display, Debug)]
pub struct PersonId {
    /// `Citizen` or `Gcode`.
    pub kind: IdKind,
    /// The normalised form: 13 digits, or `G` + 12 digits (what the person typed, cleaned).
    pub normalized: String,
    /// The masked form for display and reports: `1-2345-xxxxx-xx-1`, `G-64-42-xxxxxxx1`.
    pub masked: String,
    /// ประเภทบุคคล — the person category (first digit, 0–9) of a personal ID; null for a G-code.
    pub category: Option<u8>,
    /// The 2-digit province code the ID names: the issuing registry's (digits 2–3) for a
    /// personal ID, the province part for a G-code.
    pub province_code: Option<String>,
    /// The BE year a G-code was issued (`2564`); null for a personal ID.
    pub gcode_year: Option<u16>,
}

impl From<lec_core::PersonId> for PersonId {
    fn from(id: lec_core::PersonId) -> PersonId {
        PersonId {
            kind: id.kind(),
            normalized: id.normalized(),
            masked: id.masked(),
            category: id.category(),
            province_code: id.province_code().map(|p| format!("{p:02}")),
            gcode_year: id.gcode_year(),
        }
    }
}

/// The masked form only: personal data stays out of logs.
impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked)
    }
}

/// The masked form only: personal data stays out of logs.
impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonId({})", self.masked)
    }
}

/// The result of checking one identity field: the identity when it is usable, whether it is
/// valid (no `Error` finding) and every finding (at most one error, any number of warnings).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IdCheck {
    /// The identity, when the field holds a valid one (warnings may still apply).
    pub id: Option<PersonId>,
    /// Whether the field holds a usable identity: no `Error` finding.
    pub valid: bool,
    /// Everything found, errors first, then warnings in catalogue order.
    pub findings: Vec<Finding>,
}

/// แยกเลขประจำตัว — parses an identity field: a 13-digit personal ID or a G-code, as people
/// type it (dashes, spaces, NBSP, Thai and full-width digits, a lower-case `g`).
///
/// Throws `InvalidId` with the finding code (`ID_EMPTY`, `ID_FORMAT`, `ID_CHECKSUM`,
/// `ID_LEADING_ZERO_LOST`, `ID_EXCEL_MANGLED`, `ID_DUMMY`) and the input masked. Policy warnings
/// (Thai digits, category 9, G-code year…) need `checkId`.
#[uniffi::export]
pub fn parse_id(text: String) -> Result<PersonId, LecError> {
    Ok(lec_core::PersonId::parse(&text)?.into())
}

/// ตรวจเลขประจำตัว — checks one identity field under a policy for an academic year (BE, e.g.
/// 2567): the identity, whether it is valid, and every finding (errors and warnings), exactly
/// as `lec id` reports it. Values in findings are masked unless `unmasked`.
///
/// `policy`: null for the default policy.
#[uniffi::export(default(policy = None, unmasked = false))]
pub fn check_id(text: String, academic_year: u16, policy: Option<Arc<Policy>>, unmasked: bool) -> IdCheck {
    let policy = policy_or_default(policy.as_deref());
    let check = lec_core::check_id(&text, &policy, academic_year, unmasked);
    IdCheck {
        id: check.id.map(PersonId::from),
        valid: check.is_valid(),
        findings: crate::types::findings(check.findings),
    }
}

/// ตรวจเลขประจำตัวทีละชุด — validates many identity fields at once (a class list, a scanned
/// sheet): for each input, in order, null when it is valid, else the code of its first error
/// (`ID_CHECKSUM`, …). Warnings do not make an ID invalid; a policy may raise some to errors.
///
/// `policy`: null for the default policy.
#[uniffi::export(default(policy = None))]
pub fn validate_ids(texts: Vec<String>, academic_year: u16, policy: Option<Arc<Policy>>) -> Vec<Option<String>> {
    let policy = policy_or_default(policy.as_deref());
    texts.iter().map(|t| lec_core::id_error(t, &policy, academic_year).map(|c| c.as_str().to_owned())).collect()
}
