//! Codes of units: LAO codes (รหัส อปท.), institution codes (รหัสสถานศึกษา) and the Ministry of
//! Education's 10-digit school IDs of other-affiliation schools, with their consistency checks.

use crate::error::{Error, ErrorKind};
use crate::finding::{Detail, Finding, FindingCode};
use crate::province;
use crate::text::{digit_value, trim};
use serde::{Deserialize, Serialize};
use std::fmt;

/// ประเภท อปท. — the legal kind of a local administrative organisation (LAO).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl LaoKind {
    /// Every kind, by type digit.
    pub const ALL: [LaoKind; 5] = [LaoKind::Pao, LaoKind::City, LaoKind::Town, LaoKind::Subdistrict, LaoKind::Sao];

    /// The type digit of the DLA LAO code (2–6).
    pub fn type_digit(self) -> u8 {
        self as u8 + 2
    }

    /// The kind a type digit names.
    pub fn from_type_digit(d: u8) -> Option<LaoKind> {
        LaoKind::ALL.get(usize::from(d.checked_sub(2)?)).copied()
    }

    /// The token used in registry files: `pao`, `city`, `town`, `subdistrict`, `sao`.
    pub fn token(self) -> &'static str {
        ["pao", "city", "town", "subdistrict", "sao"].get(self as usize).copied().unwrap_or("")
    }

    /// The Thai name: อบจ., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, อบต.
    pub fn name_th(self) -> &'static str {
        ["อบจ.", "เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "อบต."].get(self as usize).copied().unwrap_or("")
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        [
            "provincial administrative organisation",
            "city municipality",
            "town municipality",
            "subdistrict municipality",
            "subdistrict administrative organisation",
        ]
        .get(self as usize)
        .copied()
        .unwrap_or("")
    }

    /// Parses a registry token, English (`pao`, …) or Thai (`อบจ.`, `เทศบาลนคร`, …).
    pub fn parse(text: &str) -> Option<LaoKind> {
        let t = trim(text).trim_end_matches('.');
        let lower = t.to_ascii_lowercase();
        LaoKind::ALL.into_iter().find(|k| {
            lower == k.token()
                || t == k.name_th().trim_end_matches('.')
                || matches!((k, t), (LaoKind::Pao, "องค์การบริหารส่วนจังหวัด") | (LaoKind::Sao, "องค์การบริหารส่วนตำบล"))
        })
    }

    /// Who owns institutions of this kind of LAO.
    pub fn owner_class(self) -> OwnerClass {
        match self {
            LaoKind::Pao => OwnerClass::Pao,
            LaoKind::City | LaoKind::Town | LaoKind::Subdistrict => OwnerClass::Municipality,
            LaoKind::Sao => OwnerClass::Sao,
        }
    }
}

/// The owner class an institution code's 5th digit names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerClass {
    /// อบจ. — a provincial administrative organisation (N = 1 or 4).
    Pao,
    /// เทศบาล — a municipality of any kind (N = 2 or 5).
    Municipality,
    /// อบต. — a subdistrict administrative organisation (N = 3 or 6).
    Sao,
}

impl OwnerClass {
    fn name_th(self) -> &'static str {
        match self {
            OwnerClass::Pao => "อบจ.",
            OwnerClass::Municipality => "เทศบาล",
            OwnerClass::Sao => "อบต.",
        }
    }
    fn name_en(self) -> &'static str {
        match self {
            OwnerClass::Pao => "a PAO",
            OwnerClass::Municipality => "a municipality",
            OwnerClass::Sao => "an SAO",
        }
    }
}

/// ประเภทสถานศึกษา — the kind of an institution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstitutionKind {
    /// โรงเรียน — a school.
    School,
    /// วิทยาลัย — a vocational / technology college.
    College,
    /// ศูนย์พัฒนาเด็กเล็ก (ศพด.) — a child development centre.
    #[serde(rename = "cdc")]
    ChildDevelopmentCentre,
}

impl InstitutionKind {
    /// The token used in registry files: `school`, `college`, `cdc`.
    pub fn token(self) -> &'static str {
        match self {
            InstitutionKind::School => "school",
            InstitutionKind::College => "college",
            InstitutionKind::ChildDevelopmentCentre => "cdc",
        }
    }

    /// The Thai name.
    pub fn name_th(self) -> &'static str {
        match self {
            InstitutionKind::School => "โรงเรียน",
            InstitutionKind::College => "วิทยาลัย",
            InstitutionKind::ChildDevelopmentCentre => "ศูนย์พัฒนาเด็กเล็ก",
        }
    }

    /// The English name.
    pub fn name_en(self) -> &'static str {
        match self {
            InstitutionKind::School => "school",
            InstitutionKind::College => "college",
            InstitutionKind::ChildDevelopmentCentre => "child development centre",
        }
    }

    /// Parses a registry token, English or Thai (`school`/`โรงเรียน`, `college`/`วิทยาลัย`,
    /// `cdc`/`ศพด.`/`ศูนย์พัฒนาเด็กเล็ก`; the newer name สถานพัฒนาเด็กปฐมวัย and
    /// `early_childhood_centre` read as a CDC too).
    pub fn parse(text: &str) -> Option<InstitutionKind> {
        let t = trim(text).trim_end_matches('.');
        match t.to_ascii_lowercase().as_str() {
            "school" | "โรงเรียน" => Some(InstitutionKind::School),
            "college" | "วิทยาลัย" => Some(InstitutionKind::College),
            "cdc"
            | "ศพด"
            | "ศูนย์พัฒนาเด็กเล็ก"
            | "สถานพัฒนาเด็กปฐมวัย"
            | "child development centre"
            | "early_childhood_centre"
            | "early childhood centre" => Some(InstitutionKind::ChildDevelopmentCentre),
            _ => None,
        }
    }

    /// Whether this kind is a child development centre.
    pub fn is_cdc(self) -> bool {
        self == InstitutionKind::ChildDevelopmentCentre
    }
}

/// Reads exactly `N` ASCII / Thai / full-width digits (after trimming), or `None`.
fn fixed_digits<const N: usize>(text: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    let mut n = 0;
    for c in trim(text).chars() {
        let (d, _) = digit_value(c)?;
        *out.get_mut(n)? = d;
        n += 1;
    }
    (n == N).then_some(out)
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |a, &x| a * 10 + u32::from(x))
}

/// รหัส อปท. — the 7-digit DLA LAO code (type, province, district, running number); its LEC
/// login is `0` + the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LaoCode(u32);

impl LaoCode {
    /// Parses the 8-digit login `0T PP DD NN` or the 7-digit code, T in 2–6. Errors:
    /// `LAO_CODE_FORMAT`, or `PROVINCE_UNKNOWN` when PP is not a province.
    pub fn parse(text: &str) -> Result<LaoCode, Error> {
        let digits: Option<[u8; 7]> = fixed_digits::<8>(text)
            .filter(|d| d[0] == 0)
            .map(|d| {
                let mut s = [0u8; 7];
                s.copy_from_slice(&d[1..]);
                s
            })
            .or_else(|| fixed_digits::<7>(text));
        let fail = |code| Error::finding(ErrorKind::InvalidCode, code, trim(text), Detail::none());
        let d = digits.filter(|d| (2..=6).contains(&d[0])).ok_or_else(|| fail(FindingCode::LaoCodeFormat))?;
        let code = LaoCode(num(&d));
        if !province::is_province(code.province()) {
            return Err(Error::finding(
                ErrorKind::InvalidCode,
                FindingCode::ProvinceUnknown,
                &format!("{:02}", code.province()),
                Detail::none(),
            ));
        }
        Ok(code)
    }

    /// The kind the type digit names (may be stale: compare with the recorded kind).
    pub fn kind(self) -> LaoKind {
        LaoKind::from_type_digit((self.0 / 1_000_000) as u8).unwrap_or(LaoKind::Sao)
    }

    /// The province code (digits 2–3 of the 7-digit code).
    pub fn province(self) -> u8 {
        ((self.0 / 10_000) % 100) as u8
    }

    /// The district code (`01` for a PAO).
    pub fn district(self) -> u8 {
        ((self.0 / 100) % 100) as u8
    }

    /// The 7-digit code, e.g. `5810401`.
    pub fn code7(self) -> String {
        format!("{:07}", self.0)
    }

    /// The 8-digit LEC login, e.g. `05810401`.
    pub fn login(self) -> String {
        format!("{:08}", self.0)
    }
}

impl fmt::Display for LaoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08}", self.0)
    }
}

/// รหัสสถานศึกษา — a DLA institution code `30 PP N xxxxx` (also its LEC login).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstitutionCode(u64);

impl InstitutionCode {
    /// Parses a 10-digit institution code. Errors: `INSTITUTION_CODE_FORMAT`, or
    /// `PROVINCE_UNKNOWN` when PP is not a province.
    pub fn parse(text: &str) -> Result<InstitutionCode, Error> {
        let d = fixed_digits::<10>(text).filter(|d| d[0] == 3 && d[1] == 0 && (1..=6).contains(&d[4])).ok_or_else(
            || Error::finding(ErrorKind::InvalidCode, FindingCode::InstitutionCodeFormat, trim(text), Detail::none()),
        )?;
        let code = InstitutionCode(d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x)));
        if !province::is_province(code.province()) {
            return Err(Error::finding(
                ErrorKind::InvalidCode,
                FindingCode::ProvinceUnknown,
                &format!("{:02}", code.province()),
                Detail::none(),
            ));
        }
        Ok(code)
    }

    /// The province code (`PP`).
    pub fn province(self) -> u8 {
        ((self.0 / 1_000_000) % 100) as u8
    }

    /// The owner and kind digit `N` (1–6).
    pub fn owner_digit(self) -> u8 {
        ((self.0 / 100_000) % 10) as u8
    }

    /// The owner class `N` names.
    pub fn owner_class(self) -> OwnerClass {
        match self.owner_digit() {
            1 | 4 => OwnerClass::Pao,
            2 | 5 => OwnerClass::Municipality,
            _ => OwnerClass::Sao,
        }
    }

    /// Whether `N` names a child development centre (4–6) rather than a school / college (1–3).
    pub fn is_cdc(self) -> bool {
        self.owner_digit() >= 4
    }

    /// The 10 digits.
    pub fn digits(self) -> String {
        format!("{:010}", self.0)
    }

    /// The code as a number (the 10 digits read in base 10).
    pub fn as_u64(self) -> u64 {
        self.0
    }
}

impl fmt::Display for InstitutionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:010}", self.0)
    }
}

/// สังกัด — the affiliation the first two digits of a Ministry school ID name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Affiliation {
    /// สพฐ. — Office of the Basic Education Commission (10).
    Obec,
    /// สช. — private schools (11).
    Private,
    /// กศน. — non-formal education (12).
    NonFormal,
    /// สอศ. — vocational education (13).
    Vocational,
    /// สกอ. / อว. — higher education (14).
    HigherEducation,
    /// โรงเรียนมหิดลวิทยานุสรณ์ (15).
    MahidolWittayanusorn,
    /// สถ. — the Department of Local Administration (30).
    Local,
    /// สำนักการศึกษา กทม. — Bangkok's education office (31).
    Bangkok,
    /// Another affiliation code.
    Other(u8),
}

impl Affiliation {
    /// The affiliation a 2-digit prefix names.
    pub fn from_prefix(p: u8) -> Affiliation {
        match p {
            10 => Affiliation::Obec,
            11 => Affiliation::Private,
            12 => Affiliation::NonFormal,
            13 => Affiliation::Vocational,
            14 => Affiliation::HigherEducation,
            15 => Affiliation::MahidolWittayanusorn,
            30 => Affiliation::Local,
            31 => Affiliation::Bangkok,
            other => Affiliation::Other(other),
        }
    }
}

/// รหัสโรงเรียน 10 หลัก — a Ministry of Education school ID (other-affiliation schools).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchoolId(u64);

impl SchoolId {
    /// Parses 10 digits. Errors: `SCHOOL_CODE_FORMAT`.
    pub fn parse(text: &str) -> Result<SchoolId, Error> {
        fixed_digits::<10>(text)
            .filter(|d| d[0] != 0)
            .map(|d| SchoolId(d.iter().fold(0u64, |a, &x| a * 10 + u64::from(x))))
            .ok_or_else(|| {
                Error::finding(ErrorKind::InvalidCode, FindingCode::SchoolCodeFormat, trim(text), Detail::none())
            })
    }

    /// The affiliation (digits 1–2).
    pub fn affiliation(self) -> Affiliation {
        Affiliation::from_prefix((self.0 / 100_000_000) as u8)
    }

    /// The province code (digits 3–4, most likely the province).
    pub fn province(self) -> u8 {
        ((self.0 / 1_000_000) % 100) as u8
    }

    /// The 10 digits.
    pub fn digits(self) -> String {
        format!("{:010}", self.0)
    }
}

impl fmt::Display for SchoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:010}", self.0)
    }
}

/// `LAO_KIND_MISMATCH` (a warning: type digits are known to be stale) when the code's type
/// digit disagrees with the LAO's recorded kind.
pub fn check_lao_kind(code: LaoCode, recorded: LaoKind) -> Option<Finding> {
    let named = code.kind();
    (named != recorded).then(|| {
        Finding::new(
            FindingCode::LaoKindMismatch,
            Some("kind"),
            Some(&code.login()),
            Detail::both(
                format!("รหัสระบุ{} แต่บันทึกเป็น{}", named.name_th(), recorded.name_th()),
                format!("the code says {}, the record {}", named.name_en(), recorded.name_en()),
            ),
        )
    })
}

/// The consistency of an institution with its LAO: `INSTITUTION_OWNER_MISMATCH` (error) when
/// N's owner class disagrees with the LAO's kind, `INSTITUTION_KIND_MISMATCH` (error) when N's
/// kind disagrees with the recorded kind, `INSTITUTION_PROVINCE_MISMATCH` (warning) when PP
/// differs from the LAO's province.
pub fn check_institution(
    code: InstitutionCode,
    kind: InstitutionKind,
    lao: LaoCode,
    lao_kind: LaoKind,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let value = code.digits();
    let owner = code.owner_class();
    let expected = lao_kind.owner_class();
    if owner != expected {
        out.push(Finding::new(
            FindingCode::InstitutionOwnerMismatch,
            Some("code"),
            Some(&value),
            Detail::both(
                format!("รหัสระบุสังกัด{} แต่ อปท. {} เป็น{}", owner.name_th(), lao.login(), lao_kind.name_th()),
                format!("the code names {}, LAO {} is a {}", owner.name_en(), lao.login(), lao_kind.name_en()),
            ),
        ));
    }
    if code.is_cdc() != kind.is_cdc() {
        let (th, en) = if code.is_cdc() {
            ("ศูนย์พัฒนาเด็กเล็ก", "a child development centre")
        } else {
            ("โรงเรียนหรือวิทยาลัย", "a school or college")
        };
        out.push(Finding::new(
            FindingCode::InstitutionKindMismatch,
            Some("kind"),
            Some(&value),
            Detail::both(
                format!("รหัสระบุ{th} แต่บันทึกเป็น{}", kind.name_th()),
                format!("the code names {en}, the record a {}", kind.name_en()),
            ),
        ));
    }
    if code.province() != lao.province() {
        out.push(Finding::new(
            FindingCode::InstitutionProvinceMismatch,
            Some("code"),
            Some(&value),
            Detail::both(
                format!("{:02} กับ {:02} ของ อปท. {}", code.province(), lao.province(), lao.login()),
                format!("{:02} against {:02} of LAO {}", code.province(), lao.province(), lao.login()),
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lao_codes() {
        let c = LaoCode::parse("05810401").unwrap();
        assert_eq!(c, LaoCode::parse("5810401").unwrap());
        assert_eq!(
            (c.kind(), c.province(), c.district(), c.login(), c.code7()),
            (LaoKind::Subdistrict, 81, 4, "05810401".into(), "5810401".into())
        );
        for bad in ["15810401", "07810401", "0581040", "581040a", "", "010000000"] {
            assert_eq!(LaoCode::parse(bad).unwrap_err().code(), "LAO_CODE_FORMAT", "{bad}");
        }
        assert_eq!(LaoCode::parse("05990401").unwrap_err().code(), "PROVINCE_UNKNOWN");
        assert_eq!(LaoKind::parse("อบต."), Some(LaoKind::Sao));
        assert_eq!(LaoKind::parse("เทศบาลนคร"), Some(LaoKind::City));
        assert_eq!(LaoKind::parse("PAO"), Some(LaoKind::Pao));
        assert!(check_lao_kind(c, LaoKind::Subdistrict).is_none());
        assert_eq!(
            check_lao_kind(LaoCode::parse("06580101").unwrap(), LaoKind::Subdistrict).unwrap().code,
            FindingCode::LaoKindMismatch
        );
    }

    #[test]
    fn institution_codes() {
        let c = InstitutionCode::parse("3058600101").unwrap();
        assert_eq!((c.province(), c.owner_digit(), c.owner_class(), c.is_cdc()), (58, 6, OwnerClass::Sao, true));
        for bad in ["3158600101", "3058700101", "3058000101", "305860010", "30586001011"] {
            assert_eq!(InstitutionCode::parse(bad).unwrap_err().code(), "INSTITUTION_CODE_FORMAT", "{bad}");
        }
        assert_eq!(InstitutionCode::parse("3099600101").unwrap_err().code(), "PROVINCE_UNKNOWN");
        let sao = LaoCode::parse("06580101").unwrap();
        assert!(check_institution(c, InstitutionKind::ChildDevelopmentCentre, sao, LaoKind::Sao).is_empty());
        let codes = |f: Vec<Finding>| f.into_iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(
            codes(check_institution(c, InstitutionKind::School, sao, LaoKind::Pao)),
            [FindingCode::InstitutionOwnerMismatch, FindingCode::InstitutionKindMismatch]
        );
        let other = InstitutionCode::parse("3057600101").unwrap();
        assert_eq!(
            codes(check_institution(other, InstitutionKind::ChildDevelopmentCentre, sao, LaoKind::Sao)),
            [FindingCode::InstitutionProvinceMismatch]
        );
    }

    #[test]
    fn school_ids() {
        let s = SchoolId::parse("1058100101").unwrap();
        assert_eq!((s.affiliation(), s.province()), (Affiliation::Obec, 58));
        assert_eq!(SchoolId::parse("105810010").unwrap_err().code(), "SCHOOL_CODE_FORMAT");
    }
}
