//! The other single values a form holds: grades, Thai dates, LAO and institution codes.

use crate::errors::throw;
use chrono::Datelike;
use napi::bindgen_prelude::Env;
use napi_derive::napi;

#[doc = " ระดับชั้น — a grade."]
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct Grade {
    /// The code: `CD` (child development), `K1`–`K3`, `P1`–`P6`, `M1`–`M6`, `VC1`–`VC3`, `HVC1`, `HVC2`.
    pub code: String,
    /// The Thai label: `ศพด.`, `อ.1`, `ป.6`, `ม.3`, `ปวช.1`, `ปวส.2`.
    pub label_th: String,
}

/// Parses a grade: Thai labels with or without dots and spaces (`อ.1`, `ป 6`, `ม.๓`,
#[doc = " `ประถมศึกษาปีที่ 1`), codes (`K1`, `p6`) and child-development labels (`ศพด.`, `เด็กเล็ก`)."]
/// Throws an `InvalidGradeError` with code `GRADE_UNKNOWN`.
#[napi(catch_unwind)]
pub fn parse_grade(env: &Env, text: String) -> napi::Result<Grade> {
    let g = lec_core::Grade::parse(&text).map_err(|e| throw(env, &e))?;
    Ok(Grade { code: g.code().to_owned(), label_th: g.label_th().to_owned() })
}

/// How a date's year was read: `as_expected` (BE for `dd/mm/yyyy` and Thai month names, CE for
/// ISO); `ce_where_be_expected` (a `dd/mm/yyyy` or Thai-month year that looks CE: read as CE);
/// `be_where_ce_expected` (an ISO year that looks BE: read as BE).
#[napi(string_enum = "snake_case")]
pub enum EraReading {
    /// Written in the era the form expects (BE for `dd/mm/yyyy` and Thai month names, CE for ISO).
    AsExpected,
    /// A `dd/mm/yyyy` or Thai-month year that looks CE where BE is expected: read as CE.
    CeWhereBeExpected,
    /// An ISO year that looks BE where CE is expected: read as BE.
    BeWhereCeExpected,
}

/// A date as read from Thai input.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ThaiDate {
    /// The date, ISO `YYYY-MM-DD` in the Common Era.
    pub date: String,
    /// The date in the Thai form `dd/mm/BBBB` (Buddhist Era).
    pub be: String,
    /// The CE year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
    /// How the year's era was read (a suspect era is `BIRTHDATE_ERA_SUSPECT` in a record).
    pub era: EraReading,
    /// Whether Thai digits were used.
    pub thai_digits: bool,
}

/// Parses a Thai date: `dd/mm/BBBB` (BE), `d/m/BB`, ISO `YYYY-MM-DD` (CE), Thai month names and
/// abbreviations (`16 พ.ค. 2561`), Thai digits. Throws an `InvalidDateError` with code
/// `BIRTHDATE_INVALID` for anything else or an impossible date.
#[napi(catch_unwind)]
pub fn parse_thai_date(env: &Env, text: String) -> napi::Result<ThaiDate> {
    let d = lec_core::parse_thai_date(&text).map_err(|e| throw(env, &e))?;
    Ok(ThaiDate {
        date: d.date.to_string(),
        be: d.to_be_string(),
        year: d.date.year(),
        month: d.date.month(),
        day: d.date.day(),
        era: match d.era {
            lec_core::EraReading::AsExpected => EraReading::AsExpected,
            lec_core::EraReading::CeWhereBeExpected => EraReading::CeWhereBeExpected,
            lec_core::EraReading::BeWhereCeExpected => EraReading::BeWhereCeExpected,
        },
        thai_digits: d.thai_digits,
    })
}

#[doc = " รหัส อปท. — an LAO code."]
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct LaoCode {
    /// The 8-digit LEC login, e.g. `05810401`.
    pub login: String,
    /// The 7-digit DLA code, e.g. `5810401`.
    pub code7: String,
    /// The kind the type digit names: `pao`, `city`, `town`, `subdistrict` or `sao`.
    #[napi(ts_type = "'pao' | 'city' | 'town' | 'subdistrict' | 'sao'")]
    pub kind: String,
    /// The province code, e.g. `58`.
    pub province: u32,
    /// The district code (`1` for a PAO).
    pub district: u32,
}

/// Parses an LAO code: the 8-digit login `0T PP DD NN` or the 7-digit code, T in 2–6. Throws an
/// `InvalidCodeError` with code `LAO_CODE_FORMAT`, or `PROVINCE_UNKNOWN` when PP is no province.
#[napi(catch_unwind)]
pub fn parse_lao_code(env: &Env, text: String) -> napi::Result<LaoCode> {
    let c = lec_core::LaoCode::parse(&text).map_err(|e| throw(env, &e))?;
    Ok(LaoCode {
        login: c.login(),
        code7: c.code7(),
        kind: c.kind().token().to_owned(),
        province: u32::from(c.province()),
        district: u32::from(c.district()),
    })
}

#[doc = " รหัสสถานศึกษา — an institution code `30 PP N xxxxx`."]
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct InstitutionCode {
    /// The 10 digits (also the institution's LEC login).
    pub code: String,
    /// The province code `PP`.
    pub province: u32,
    /// The owner class the 5th digit names: `pao` (1, 4), `municipality` (2, 5) or `sao` (3, 6).
    #[napi(ts_type = "'pao' | 'municipality' | 'sao'")]
    pub owner: String,
    /// Whether the 5th digit names a child development centre (4–6) rather than a school or
    /// college (1–3).
    pub cdc: bool,
}

/// Parses an institution code. Throws an `InvalidCodeError` with code
/// `INSTITUTION_CODE_FORMAT`, or `PROVINCE_UNKNOWN` when PP is no province.
#[napi(catch_unwind)]
pub fn parse_institution_code(env: &Env, text: String) -> napi::Result<InstitutionCode> {
    let c = lec_core::InstitutionCode::parse(&text).map_err(|e| throw(env, &e))?;
    Ok(InstitutionCode {
        code: c.digits(),
        province: u32::from(c.province()),
        owner: match c.owner_class() {
            lec_core::OwnerClass::Pao => "pao",
            lec_core::OwnerClass::Municipality => "municipality",
            lec_core::OwnerClass::Sao => "sao",
        }
        .to_owned(),
        cdc: c.is_cdc(),
    })
}
