//! The registry of units (ทะเบียนหน่วยงาน): provinces → LAOs → institutions, and each LAO's
//! other-affiliation schools. Loaded from rows `level,code,name,parent,kind`; bad rows give
//! findings, never a panic.

use crate::codes::{InstitutionCode, InstitutionKind, LaoCode, LaoKind, SchoolId, check_institution, check_lao_kind};
use crate::finding::{Detail, Finding, FindingCode};
use crate::province;
use crate::text::trim;
use serde::Serialize;
use std::collections::BTreeMap;

/// จังหวัด — a province as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvinceUnit {
    /// The 2-digit province code.
    pub code: u8,
    /// The name as registered.
    pub name: String,
}

/// อปท. — a local administrative organisation as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LaoUnit {
    /// The LAO code (its LEC login is the 8-digit form).
    #[serde(serialize_with = "ser_display")]
    pub code: LaoCode,
    /// The name as registered.
    pub name: String,
    /// The legal kind as registered (the code's type digit may be stale).
    pub kind: LaoKind,
    /// The province it belongs to.
    pub province: u8,
}

/// สถานศึกษา — an institution of an LAO as registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstitutionUnit {
    /// The institution code (also its LEC login).
    #[serde(serialize_with = "ser_display")]
    pub code: InstitutionCode,
    /// The name as registered.
    pub name: String,
    /// School, college or child development centre.
    pub kind: InstitutionKind,
    /// The LAO that runs it.
    #[serde(serialize_with = "ser_display")]
    pub lao: LaoCode,
}

/// สถานศึกษาสังกัดอื่น — a school of another affiliation whose headcounts an LAO enters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OtherSchoolUnit {
    /// The Ministry's 10-digit school ID.
    #[serde(serialize_with = "ser_display")]
    pub code: SchoolId,
    /// The name as registered.
    pub name: String,
    /// โรงเรียนขยายโอกาส — an extended-opportunity school (also ม.1–ม.3).
    pub extended: bool,
    /// The LAO that enters its headcounts.
    #[serde(serialize_with = "ser_display")]
    pub lao: LaoCode,
}

fn ser_display<T: std::fmt::Display, S: serde::Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(v)
}

/// The level of a registry row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    /// จังหวัด.
    Province,
    /// อปท.
    Lao,
    /// สถานศึกษา.
    Institution,
    /// สถานศึกษาสังกัดอื่น.
    OtherSchool,
}

impl UnitLevel {
    /// Parses `province`, `lao`, `institution` or `other_school` (Thai จังหวัด, อปท., สถานศึกษา, สังกัดอื่น too).
    pub fn parse(text: &str) -> Option<UnitLevel> {
        match trim(text).trim_end_matches('.').to_ascii_lowercase().as_str() {
            "province" | "จังหวัด" => Some(UnitLevel::Province),
            "lao" | "อปท" => Some(UnitLevel::Lao),
            "institution" | "สถานศึกษา" => Some(UnitLevel::Institution),
            "other_school" | "สังกัดอื่น" | "สถานศึกษาสังกัดอื่น" => {
                Some(UnitLevel::OtherSchool)
            }
            _ => None,
        }
    }
}

/// One registry row as read, with the row number a spreadsheet shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryRow {
    /// The row number (the header is row 1).
    pub row: u64,
    /// `province`, `lao`, `institution` or `other_school`.
    pub level: String,
    /// The unit's code.
    pub code: String,
    /// The unit's name.
    pub name: String,
    /// The code of the unit above (empty for a province).
    pub parent: String,
    /// The kind: LAO kind, institution kind, or `standard` / `extended`.
    pub kind: String,
}

/// The registry of units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Registry {
    provinces: BTreeMap<u8, ProvinceUnit>,
    laos: BTreeMap<LaoCode, LaoUnit>,
    institutions: BTreeMap<InstitutionCode, InstitutionUnit>,
    other_schools: BTreeMap<SchoolId, OtherSchoolUnit>,
    lao_institutions: BTreeMap<LaoCode, Vec<InstitutionCode>>,
    lao_schools: BTreeMap<LaoCode, Vec<SchoolId>>,
    province_laos: BTreeMap<u8, Vec<LaoCode>>,
}

impl Registry {
    /// Builds a registry from rows in any order (parents are resolved level by level). Rows
    /// that cannot be placed are left out with an `error` finding; inconsistencies that do not
    /// prevent placing a unit are reported and the unit kept.
    pub fn from_rows(rows: impl IntoIterator<Item = RegistryRow>, file: Option<&str>) -> (Registry, Vec<Finding>) {
        let mut by_level: [Vec<RegistryRow>; 4] = Default::default();
        let mut findings = Vec::new();
        let at = |f: Finding, row: u64| f.at(file, Some(row));
        for r in rows {
            match UnitLevel::parse(&r.level) {
                Some(l) => {
                    if let Some(v) = by_level.get_mut(l as usize) {
                        v.push(r);
                    }
                }
                None => findings.push(at(
                    Finding::new(
                        FindingCode::RegistryLevelUnknown,
                        Some("level"),
                        Some(trim(&r.level)),
                        Detail::none(),
                    ),
                    r.row,
                )),
            }
        }
        let mut reg = Registry::default();
        let [provinces, laos, institutions, schools] = by_level;
        let dup = |code: &str, row: u64| {
            at(
                Finding::new(
                    FindingCode::RegistryDuplicate,
                    Some("code"),
                    Some(code),
                    Detail::both("แถวนี้ถูกข้าม", "this row is skipped"),
                ),
                row,
            )
        };
        let parent_unknown = |r: &RegistryRow, what_th: &str, what_en: &str| {
            at(
                Finding::new(
                    FindingCode::RegistryParentUnknown,
                    Some("parent"),
                    Some(trim(&r.parent)),
                    Detail::both(
                        format!("ต้องเป็น{what_th}ในทะเบียน แถวนี้ถูกข้าม"),
                        format!("it must be a registered {what_en}; this row is skipped"),
                    ),
                ),
                r.row,
            )
        };
        let kind_unknown = |r: &RegistryRow, th: &str, en: &str| {
            at(
                Finding::new(
                    FindingCode::RegistryKindUnknown,
                    Some("kind"),
                    Some(trim(&r.kind)),
                    Detail::both(th.to_owned(), en.to_owned()),
                ),
                r.row,
            )
        };
        for r in provinces {
            match province::parse(&r.code) {
                Some(p) if reg.provinces.contains_key(&p.code) => findings.push(dup(trim(&r.code), r.row)),
                Some(p) => {
                    let name = if trim(&r.name).is_empty() { p.name_th.to_owned() } else { trim(&r.name).to_owned() };
                    reg.provinces.insert(p.code, ProvinceUnit { code: p.code, name });
                }
                None => findings.push(at(
                    Finding::new(FindingCode::ProvinceUnknown, Some("code"), Some(trim(&r.code)), Detail::none()),
                    r.row,
                )),
            }
        }
        for r in laos {
            let code = match LaoCode::parse(&r.code) {
                Ok(c) => c,
                Err(e) => {
                    findings.push(at(code_error(&e, &r.code), r.row));
                    continue;
                }
            };
            let Some(kind) = LaoKind::parse(&r.kind) else {
                findings.push(kind_unknown(
                    &r,
                    "ประเภท อปท.: pao city town subdistrict sao หรือ อบจ. เทศบาลนคร เทศบาลเมือง เทศบาลตำบล อบต.",
                    "LAO kinds: pao, city, town, subdistrict, sao or อบจ., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, อบต.",
                ));
                continue;
            };
            let Some(parent) = province::parse(&r.parent).map(|p| p.code).filter(|p| reg.provinces.contains_key(p))
            else {
                findings.push(parent_unknown(&r, "จังหวัด", "province"));
                continue;
            };
            if reg.laos.contains_key(&code) {
                findings.push(dup(&code.login(), r.row));
                continue;
            }
            if let Some(f) = check_lao_kind(code, kind) {
                findings.push(at(f, r.row));
            }
            if code.province() != parent {
                findings.push(at(
                    Finding::new(
                        FindingCode::LaoProvinceMismatch,
                        Some("code"),
                        Some(&code.login()),
                        Detail::same(format!("{:02} / {:02}", code.province(), parent)),
                    ),
                    r.row,
                ));
            }
            reg.province_laos.entry(parent).or_default().push(code);
            reg.laos.insert(code, LaoUnit { code, name: trim(&r.name).to_owned(), kind, province: parent });
        }
        for r in institutions {
            let code = match InstitutionCode::parse(&r.code) {
                Ok(c) => c,
                Err(e) => {
                    findings.push(at(code_error(&e, &r.code), r.row));
                    continue;
                }
            };
            let Some(kind) = InstitutionKind::parse(&r.kind) else {
                findings.push(kind_unknown(
                    &r,
                    "ประเภทสถานศึกษา: school college cdc หรือ โรงเรียน วิทยาลัย ศพด.",
                    "institution kinds: school, college, cdc or โรงเรียน, วิทยาลัย, ศพด.",
                ));
                continue;
            };
            let Some(lao) = LaoCode::parse(&r.parent).ok().and_then(|c| reg.laos.get(&c)).map(|l| (l.code, l.kind))
            else {
                findings.push(parent_unknown(&r, "อปท.", "LAO"));
                continue;
            };
            if reg.institutions.contains_key(&code) {
                findings.push(dup(&code.digits(), r.row));
                continue;
            }
            findings.extend(check_institution(code, kind, lao.0, lao.1).into_iter().map(|f| at(f, r.row)));
            reg.lao_institutions.entry(lao.0).or_default().push(code);
            reg.institutions.insert(code, InstitutionUnit { code, name: trim(&r.name).to_owned(), kind, lao: lao.0 });
        }
        for r in schools {
            let code = match SchoolId::parse(&r.code) {
                Ok(c) => c,
                Err(e) => {
                    findings.push(at(code_error(&e, &r.code), r.row));
                    continue;
                }
            };
            let extended = match trim(&r.kind).to_ascii_lowercase().as_str() {
                "standard" | "ปกติ" | "" => false,
                "extended" | "ขยายโอกาส" => true,
                _ => {
                    findings.push(kind_unknown(
                        &r,
                        "ประเภทโรงเรียนสังกัดอื่น: standard หรือ extended (ขยายโอกาส)",
                        "other-affiliation school kinds: standard or extended",
                    ));
                    continue;
                }
            };
            let Some(lao) = LaoCode::parse(&r.parent).ok().filter(|c| reg.laos.contains_key(c)) else {
                findings.push(parent_unknown(&r, "อปท.", "LAO"));
                continue;
            };
            if reg.other_schools.contains_key(&code) {
                findings.push(dup(&code.digits(), r.row));
                continue;
            }
            reg.lao_schools.entry(lao).or_default().push(code);
            reg.other_schools.insert(code, OtherSchoolUnit { code, name: trim(&r.name).to_owned(), extended, lao });
        }
        findings.sort_by_key(|f| f.row);
        (reg, findings)
    }

    /// The province with this code.
    pub fn province(&self, code: u8) -> Option<&ProvinceUnit> {
        self.provinces.get(&code)
    }

    /// The LAO with this code.
    pub fn lao(&self, code: LaoCode) -> Option<&LaoUnit> {
        self.laos.get(&code)
    }

    /// The institution with this code.
    pub fn institution(&self, code: InstitutionCode) -> Option<&InstitutionUnit> {
        self.institutions.get(&code)
    }

    /// The other-affiliation school with this ID.
    pub fn other_school(&self, code: SchoolId) -> Option<&OtherSchoolUnit> {
        self.other_schools.get(&code)
    }

    /// Every province, by code.
    pub fn provinces(&self) -> impl Iterator<Item = &ProvinceUnit> {
        self.provinces.values()
    }

    /// Every LAO, by code.
    pub fn laos(&self) -> impl Iterator<Item = &LaoUnit> {
        self.laos.values()
    }

    /// Every institution, by code.
    pub fn institutions(&self) -> impl Iterator<Item = &InstitutionUnit> {
        self.institutions.values()
    }

    /// Every other-affiliation school, by code.
    pub fn other_schools(&self) -> impl Iterator<Item = &OtherSchoolUnit> {
        self.other_schools.values()
    }

    /// The LAOs of a province, in registry order.
    pub fn laos_of(&self, province: u8) -> &[LaoCode] {
        self.province_laos.get(&province).map_or(&[], Vec::as_slice)
    }

    /// The institutions of an LAO, in registry order.
    pub fn institutions_of(&self, lao: LaoCode) -> &[InstitutionCode] {
        self.lao_institutions.get(&lao).map_or(&[], Vec::as_slice)
    }

    /// The other-affiliation schools of an LAO, in registry order.
    pub fn other_schools_of(&self, lao: LaoCode) -> &[SchoolId] {
        self.lao_schools.get(&lao).map_or(&[], Vec::as_slice)
    }

    /// Loads a registry CSV (`level,code,name,parent,kind`, UTF-8 or Windows-874). A file that
    /// cannot be read or lacks a column is an error; bad rows are findings.
    #[cfg(feature = "files")]
    pub fn from_csv(name: &str, bytes: &[u8]) -> crate::error::Result<(Registry, Vec<Finding>)> {
        crate::files::read_registry(name, bytes)
    }
}

fn code_error(e: &crate::error::Error, raw: &str) -> Finding {
    let code = FindingCode::parse(e.code()).unwrap_or(FindingCode::InstitutionCodeFormat);
    Finding::new(code, Some("code"), Some(trim(raw)), Detail::none())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: u64, level: &str, code: &str, parent: &str, kind: &str) -> RegistryRow {
        RegistryRow {
            row: n,
            level: level.into(),
            code: code.into(),
            name: format!("unit {n}"),
            parent: parent.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn builds_in_any_order_and_reports_bad_rows() {
        let rows = vec![
            row(2, "institution", "3058600101", "06580101", "cdc"),
            row(3, "lao", "06580101", "58", "sao"),
            row(4, "province", "58", "", ""),
            row(5, "other_school", "1058100101", "06580101", "extended"),
            row(6, "institution", "3058100101", "06580101", "school"),
            row(7, "institution", "3058300102", "06589999", "school"),
            row(8, "lao", "06580101", "58", "sao"),
            row(9, "district", "1", "", ""),
            row(10, "lao", "05580201", "58", "อบต."),
            row(11, "institution", "30586", "06580101", "cdc"),
            row(12, "lao", "06580301", "58", "village"),
            row(13, "province", "99", "", ""),
        ];
        let (reg, findings) = Registry::from_rows(rows, Some("r.csv"));
        let codes: Vec<_> = findings.iter().map(|f| (f.row.unwrap(), f.code.as_str())).collect();
        assert_eq!(
            codes,
            [
                (6, "INSTITUTION_OWNER_MISMATCH"),
                (7, "REGISTRY_PARENT_UNKNOWN"),
                (8, "REGISTRY_DUPLICATE"),
                (9, "REGISTRY_LEVEL_UNKNOWN"),
                (10, "LAO_KIND_MISMATCH"),
                (11, "INSTITUTION_CODE_FORMAT"),
                (12, "REGISTRY_KIND_UNKNOWN"),
                (13, "PROVINCE_UNKNOWN"),
            ]
        );
        let sao = LaoCode::parse("06580101").unwrap();
        assert_eq!(reg.institutions_of(sao).len(), 2);
        assert_eq!(reg.laos_of(58).len(), 2);
        assert!(reg.other_school(SchoolId::parse("1058100101").unwrap()).unwrap().extended);
        assert_eq!(reg.lao(LaoCode::parse("05580201").unwrap()).unwrap().kind, LaoKind::Sao);
    }
}
