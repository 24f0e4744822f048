//! Grades (ระดับชั้น), Thai dates (วันที่) and unit codes (รหัส อปท., รหัสสถานศึกษา): what
//! a form field means, or why it is refused.

use crate::error::LecError;
use lec_core::{EraReading, InstitutionKind, LaoKind, OwnerClass};

/// A grade (ระดับชั้น) as read from a label.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GradeInfo {
    /// The code: `CD`, `K1`…`K3`, `P1`…`P6`, `M1`…`M6`, `VC1`…`VC3`, `HVC1`, `HVC2`.
    pub code: String,
    /// The Thai label: `ศพด.`, `อ.1`, `ป.6`, `ม.3`, `ปวช.1`, `ปวส.2`.
    pub label_th: String,
}

/// แยกระดับชั้น — reads a grade: Thai labels with or without dots and spaces (`อ.1`, `ป 6`,
/// `ม.๓`, `ประถมศึกษาปีที่ 1`, `ปวช.1`), codes (`K1`, `p6`, `HVC2`) and the child-development
/// labels (`ศพด.`, `เด็กเล็ก`, `CD`). Throws `InvalidGrade` (`GRADE_UNKNOWN`).
#[uniffi::export]
pub fn parse_grade(text: String) -> Result<GradeInfo, LecError> {
    let g = lec_core::Grade::parse(&text)?;
    Ok(GradeInfo { code: g.code().to_owned(), label_th: g.label_th().to_owned() })
}

/// A date as read from a Thai form.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ThaiDate {
    /// The date, ISO `YYYY-MM-DD` (CE).
    pub iso: String,
    /// The date in the Thai form `dd/mm/BBBB` (BE).
    pub be: String,
    /// How the year's era was read (`CeWhereBeExpected`: a CE year typed where BE belongs).
    pub era: EraReading,
    /// Whether Thai digits were used.
    pub thai_digits: bool,
}

/// แยกวันที่ — reads a Thai date: `dd/mm/BBBB` (BE), `d/m/BB`, ISO `YYYY-MM-DD` (CE), Thai month
/// names and abbreviations (`16 พ.ค. 2561`), Thai digits. A year in the other era is read and
/// flagged in `era`. Throws `InvalidDate` (`BIRTHDATE_INVALID`) for impossible dates.
#[uniffi::export]
pub fn parse_thai_date(text: String) -> Result<ThaiDate, LecError> {
    let d = lec_core::parse_thai_date(&text)?;
    Ok(ThaiDate { iso: d.date.to_string(), be: d.to_be_string(), era: d.era, thai_digits: d.thai_digits })
}

/// An LAO code (รหัส อปท.).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LaoInfo {
    /// The 8-digit LEC login `0T PP DD NN`.
    pub login: String,
    /// The 7-digit DLA code (the login without its leading 0).
    pub code7: String,
    /// The LAO's kind, from the type digit T.
    pub kind: LaoKind,
    /// The province code PP.
    pub province: u8,
}

/// แยกรหัส อปท. — reads an LAO code: the 8-digit login `0T PP DD NN` or the 7-digit code, T in
/// 2–6. Throws `InvalidCode` (`LAO_CODE_FORMAT`, or `PROVINCE_UNKNOWN` when PP is not a province).
#[uniffi::export]
pub fn parse_lao_code(text: String) -> Result<LaoInfo, LecError> {
    let c = lec_core::LaoCode::parse(&text)?;
    Ok(LaoInfo { login: c.login(), code7: c.code7(), kind: c.kind(), province: c.province() })
}

/// An institution code (รหัสสถานศึกษา).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct InstitutionInfo {
    /// The 10 digits `30 PP N xxxxx`.
    pub digits: String,
    /// The province code PP.
    pub province: u8,
    /// Who owns it, from the 5th digit N.
    pub owner: OwnerClass,
    /// The kind the code implies without a registry: `ChildDevelopmentCentre` for N in 4–6;
    /// null for N in 1–3 (a school or a college: only the registry tells which).
    pub kind: Option<InstitutionKind>,
}

/// แยกรหัสสถานศึกษา — reads a 10-digit institution code `30 PP N xxxxx`, N in 1–6. Throws
/// `InvalidCode` (`INSTITUTION_CODE_FORMAT`, or `PROVINCE_UNKNOWN` when PP is not a province).
#[uniffi::export]
pub fn parse_institution_code(text: String) -> Result<InstitutionInfo, LecError> {
    let c = lec_core::InstitutionCode::parse(&text)?;
    Ok(InstitutionInfo {
        digits: c.digits(),
        province: c.province(),
        owner: c.owner_class(),
        kind: c.is_cdc().then_some(InstitutionKind::ChildDevelopmentCentre),
    })
}
