//! Every rule the circular leaves open, as one serde-loadable value with documented defaults,
//! so a ministry can change a rule without a release (`facts.md` marks what is assumed).

use crate::error::{Error, Result};
use crate::finding::Severity;
use crate::grade::Grade;
use serde::{Deserialize, Serialize};

/// How a check that a policy may tune reports: as an error, a warning, an info, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckLevel {
    /// Report as an `error` (blocks confirmation).
    Error,
    /// Report as a `warning`.
    Warning,
    /// Report as an `info`.
    Info,
    /// Do not report.
    Off,
}

impl CheckLevel {
    /// The severity to report with, or `None` when the check is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            CheckLevel::Error => Some(Severity::Error),
            CheckLevel::Warning => Some(Severity::Warning),
            CheckLevel::Info => Some(Severity::Info),
            CheckLevel::Off => None,
        }
    }
}

/// Which child development centre records the age criterion (`AGE_CDC_CRITERION`) judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CdcAgeCriterionScope {
    /// Only children newly transferring in (เด็กเล็กย้ายเข้ามาเรียนใหม่, §4.3.2(1)): records whose
    /// status is one of [`Policy::new_arrival_statuses`]. The default: the circular asks it of
    /// a child whose record is being added, not of children already enrolled.
    NewArrivals,
    /// Every child development centre record, whatever its status.
    All,
}

/// The grades each kind of institution may hold (`GRADE_NOT_OFFERED` otherwise).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradesOffered {
    /// โรงเรียน — a school. Default: อ.1–ม.6.
    pub school: Vec<Grade>,
    /// วิทยาลัย — a college. Default: ม.1–ม.6, ปวช.1–3, ปวส.1–2.
    pub college: Vec<Grade>,
    /// ศูนย์พัฒนาเด็กเล็ก — a child development centre. Default: child development only (§3).
    pub child_development_centre: Vec<Grade>,
}

impl Default for GradesOffered {
    fn default() -> Self {
        use Grade::*;
        GradesOffered {
            school: vec![K1, K2, K3, P1, P2, P3, P4, P5, P6, M1, M2, M3, M4, M5, M6],
            college: vec![M1, M2, M3, M4, M5, M6, Vc1, Vc2, Vc3, Hvc1, Hvc2],
            child_development_centre: vec![ChildDevelopment],
        }
    }
}

/// Limits on what a file may hold (ขีดจำกัดของไฟล์), so that a hostile or broken file gets a
/// true answer in bounded memory and time. Each breach is its own finding (docs/findings.md);
/// the limits apply to every table read from a file (student files, and whatever else is read
/// through `lec_core::files`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileLimits {
    /// The longest row of a CSV file, in bytes (`FILE_ROW_TOO_LONG`; the rest of the file is
    /// not read). Default 16 MiB: a longer row is almost surely a quote that never closes.
    pub max_row_bytes: u64,
    /// The most cells a row may have (`FILE_TOO_MANY_COLUMNS`). Default 16,384 (Excel's limit).
    pub max_columns: u64,
    /// The longest cell, in bytes of UTF-8 (`FILE_CELL_TOO_LONG`). Default 131,072: Excel's
    /// 32,767 characters of Thai text (three bytes each) and then some.
    pub max_cell_bytes: u64,
    /// The largest a workbook's part (a sheet, the shared strings, …) may inflate to, in bytes
    /// (`FILE_PART_TOO_LARGE`; the workbook is not read). Default 1 GiB (an `.xlsx` sheet is
    /// streamed: about a million student rows).
    pub max_part_bytes: u64,
    /// The largest a part read whole into memory may inflate to: an `.xlsx` workbook's shared
    /// strings and an `.ods` workbook's content (`FILE_PART_TOO_LARGE`). Default 64 MiB, which
    /// keeps reading a workbook under 200 MB of memory.
    pub max_whole_part_bytes: u64,
}

impl Default for FileLimits {
    fn default() -> Self {
        FileLimits {
            max_row_bytes: 16 * 1024 * 1024,
            max_columns: 16_384,
            max_cell_bytes: 131_072,
            max_part_bytes: 1024 * 1024 * 1024,
            max_whole_part_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The policy: every tunable rule with its default. Unknown keys in a policy file are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// How an ID of category 9 (reserved, not issued in the ordinary way) is reported.
    /// Default `warning` (findings.md `ID_RESERVED_CATEGORY`).
    pub reserved_category_9: CheckLevel,
    /// How an ID whose digits 2–3 are not a province code is reported. Default `warning`
    /// (new provinces and municipal registries exist: never reject, facts.md).
    pub unknown_registry_province: CheckLevel,
    /// How a G-code whose province part is not a province code is reported. Default `warning`.
    pub gcode_unknown_province: CheckLevel,
    /// The first plausible G-code year, BE. Default 2561 (the G-code system started in
    /// academic year 2561, facts.md).
    pub gcode_first_year_be: u16,
    /// The last plausible G-code year, BE; `None` (default) means the academic year checked.
    pub gcode_last_year_be: Option<u16>,
    /// The month (1–12) of the day ages are counted to. Default 5 (16 May, facts.md).
    pub age_reference_month: u32,
    /// The day of the month ages are counted to. Default 16.
    pub age_reference_day: u32,
    /// A child development centre's minimum age in full years on the reference day
    /// (`AGE_CDC_CRITERION`, an error). Default 2 — assumed, see facts.md.
    pub cdc_min_age_years: u32,
    /// Which child development centre records the age criterion applies to. Default
    /// `new_arrivals` (§4.3.2(1): a child newly transferring in); `all` judges every record.
    pub cdc_age_criterion_scope: CdcAgeCriterionScope,
    /// Student statuses that mean a child newly transferring in or new this round (ย้ายเข้า,
    /// เข้าใหม่, …), compared case-insensitively after trimming: the records the CDC age
    /// criterion judges under `new_arrivals`. They are current statuses too.
    pub new_arrival_statuses: Vec<String>,
    /// A child development centre child of this many full years or more is unusual
    /// (`AGE_GRADE_UNUSUAL`, a warning). Default 4.
    pub cdc_unusual_age_years: u32,
    /// How many years from the grade's usual age an age may be before `AGE_GRADE_UNUSUAL`.
    /// Default 2 ("more than 2 years off").
    pub unusual_age_tolerance_years: u32,
    /// Student statuses that mean removed / not existing (`RECORD_REMOVED`, never counted),
    /// compared case-insensitively after trimming.
    pub removed_statuses: Vec<String>,
    /// Student statuses that mean a current student (a blank status is current too). Any
    /// other status gets `STATUS_UNKNOWN` and is treated as current.
    pub current_statuses: Vec<String>,
    /// Which grades each kind of institution holds.
    pub grades_offered: GradesOffered,
    /// How a headcount written with Thai digits is reported (`HC_NOT_ARABIC`): as an `error`
    /// (default: the circular insists on Arabic numerals, and the count is not used), or as a
    /// `warning` / `info` / `off` (the count is read as if in Arabic digits).
    pub headcount_thai_digits: CheckLevel,
    /// The confirmation workflow's tunable rules.
    pub workflow: WorkflowPolicy,
    /// Limits on what a file may hold.
    pub file_limits: FileLimits,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            reserved_category_9: CheckLevel::Warning,
            unknown_registry_province: CheckLevel::Warning,
            gcode_unknown_province: CheckLevel::Warning,
            gcode_first_year_be: 2561,
            gcode_last_year_be: None,
            age_reference_month: 5,
            age_reference_day: 16,
            cdc_min_age_years: 2,
            cdc_age_criterion_scope: CdcAgeCriterionScope::NewArrivals,
            new_arrival_statuses: ["ย้ายเข้า", "ย้ายเข้าใหม่", "เข้าใหม่", "transferred in", "transferred_in", "new"]
                .map(String::from)
                .to_vec(),
            cdc_unusual_age_years: 4,
            unusual_age_tolerance_years: 2,
            removed_statuses: [
                "removed",
                "not existing",
                "not_existing",
                "ไม่มีตัวตน",
                "จำหน่าย",
                "จำหน่ายออก",
                "ย้ายออก",
                "ลาออก",
                "เสียชีวิต",
                "ออกกลางคัน",
            ]
            .map(String::from)
            .to_vec(),
            current_statuses: ["active", "current", "ปกติ", "กำลังศึกษา", "เรียนอยู่", "มีตัวตน", "ย้ายเข้า"]
                .map(String::from)
                .to_vec(),
            grades_offered: GradesOffered::default(),
            headcount_thai_digits: CheckLevel::Error,
            workflow: WorkflowPolicy::default(),
            file_limits: FileLimits::default(),
        }
    }
}

impl Policy {
    /// Loads a policy from JSON; keys left out keep their defaults.
    pub fn from_json(text: &str) -> Result<Policy> {
        let p: Policy = serde_json::from_str(text).map_err(|e| {
            Error::config(format!("อ่านนโยบาย (JSON) ไม่ได้: {e}"), format!("cannot read the policy (JSON): {e}"))
        })?;
        p.validated()
    }

    /// Loads a policy from TOML; keys left out keep their defaults.
    pub fn from_toml(text: &str) -> Result<Policy> {
        let p: Policy = toml::from_str(text).map_err(|e| {
            let e = e.to_string().trim().replace('\n', " ");
            Error::config(format!("อ่านนโยบาย (TOML) ไม่ได้: {e}"), format!("cannot read the policy (TOML): {e}"))
        })?;
        p.validated()
    }

    fn validated(self) -> Result<Policy> {
        if chrono::NaiveDate::from_ymd_opt(2000, self.age_reference_month, self.age_reference_day).is_none() {
            return Err(Error::config(
                format!("วันอ้างอิงอายุ `{}/{}` ไม่ใช่วันที่ที่มีจริง", self.age_reference_day, self.age_reference_month),
                format!(
                    "the age reference day `{}/{}` is not a real day",
                    self.age_reference_day, self.age_reference_month
                ),
            ));
        }
        if let Some(last) = self.gcode_last_year_be
            && last < self.gcode_first_year_be
        {
            return Err(Error::config(
                format!("ปีสุดท้ายของรหัส G `{last}` มาก่อนปีแรก"),
                format!("the last G-code year `{last}` is before the first"),
            ));
        }
        let l = &self.file_limits;
        for (key, value) in [
            ("max_row_bytes", l.max_row_bytes),
            ("max_columns", l.max_columns),
            ("max_cell_bytes", l.max_cell_bytes),
            ("max_part_bytes", l.max_part_bytes),
            ("max_whole_part_bytes", l.max_whole_part_bytes),
        ] {
            if value == 0 {
                return Err(Error::config(
                    format!("ขีดจำกัดของไฟล์ `{key}` ต้องมากกว่า 0"),
                    format!("the file limit `{key}` must be more than 0"),
                ));
            }
        }
        Ok(self)
    }

    /// Whether a student status means removed / not existing.
    pub fn is_removed_status(&self, status: &str) -> bool {
        let s = crate::text::trim(status);
        !s.is_empty() && self.removed_statuses.iter().any(|r| r.trim().eq_ignore_ascii_case(s))
    }

    /// Whether a student status means a current student (blank counts as current, and so does
    /// a new arrival).
    pub fn is_current_status(&self, status: &str) -> bool {
        let s = crate::text::trim(status);
        s.is_empty()
            || self.current_statuses.iter().any(|r| r.trim().eq_ignore_ascii_case(s))
            || self.is_new_arrival_status(s)
    }

    /// Whether a student status means a child newly transferring in or new this round.
    pub fn is_new_arrival_status(&self, status: &str) -> bool {
        let s = crate::text::trim(status);
        !s.is_empty() && self.new_arrival_statuses.iter().any(|r| r.trim().eq_ignore_ascii_case(s))
    }

    /// Whether the CDC age criterion judges a record of this status (`None`: no status column).
    pub fn cdc_age_criterion_applies(&self, status: Option<&str>) -> bool {
        match self.cdc_age_criterion_scope {
            CdcAgeCriterionScope::All => true,
            CdcAgeCriterionScope::NewArrivals => status.is_some_and(|s| self.is_new_arrival_status(s)),
        }
    }
}

/// Tunable workflow rules the circular leaves implicit (`lec-rules.md` §5, derived rules): part of
/// the policy (`[workflow]`), used by [`crate::workflow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkflowPolicy {
    /// A unit whose confirmation the level above cancelled after its level's deadline may
    /// confirm again until the close (otherwise one late fix would block its province for
    /// good). Default `true`.
    pub late_reconfirm_after_cancel: bool,
    /// The department may cancel a province's confirmation while the round is open. Default
    /// `true` (assumed).
    pub department_may_cancel_province: bool,
    /// A province confirms only when every LAO that has other-affiliation schools has
    /// confirmed their headcounts too (§9.1: the province checks them). Default `true`.
    pub province_requires_headcounts: bool,
    /// The province may cancel an LAO's headcount confirmation (`cancel_headcounts`). The
    /// circular does not give it this: the LAO edits its headcounts itself, which withdraws the
    /// confirmations (§4.2(4)). Default `false`.
    pub province_may_cancel_headcounts: bool,
}

impl Default for WorkflowPolicy {
    fn default() -> Self {
        WorkflowPolicy {
            late_reconfirm_after_cancel: true,
            department_may_cancel_province: true,
            province_requires_headcounts: true,
            province_may_cancel_headcounts: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_files_keep_defaults_and_unknown_keys_are_refused() {
        let p = Policy::from_json(r#"{"cdc_min_age_years": 3, "reserved_category_9": "error"}"#).unwrap();
        assert_eq!(p.cdc_min_age_years, 3);
        assert_eq!(p.reserved_category_9, CheckLevel::Error);
        assert_eq!(p.gcode_first_year_be, 2561);
        let e = Policy::from_json(r#"{"cdc_minimum": 3}"#).unwrap_err();
        assert_eq!(e.code(), "CONFIG_INVALID");
        let t = Policy::from_toml("cdc_unusual_age_years = 5\n[grades_offered]\nschool = [\"K1\", \"P1\"]\ncollege = []\nchild_development_centre = [\"CD\"]\n").unwrap();
        assert_eq!(t.grades_offered.school, vec![Grade::K1, Grade::P1]);
        assert!(Policy::from_toml("age_reference_month = 2\nage_reference_day = 30").is_err());
        let round = serde_json::to_string(&Policy::default()).unwrap();
        assert_eq!(Policy::from_json(&round).unwrap(), Policy::default());
    }

    #[test]
    fn statuses() {
        let p = Policy::default();
        assert!(p.is_removed_status(" ไม่มีตัวตน ") && p.is_removed_status("Removed"));
        assert!(p.is_current_status("") && p.is_current_status("ปกติ") && !p.is_current_status("??"));
        // a new arrival is a current student, and only it is judged by the CDC age criterion
        assert!(p.is_current_status(" เข้าใหม่ ") && p.is_new_arrival_status("Transferred In"));
        assert!(!p.is_new_arrival_status("ปกติ") && !p.is_new_arrival_status(""));
        assert!(p.cdc_age_criterion_applies(Some("ย้ายเข้า")) && p.cdc_age_criterion_applies(Some("NEW")));
        assert!(!p.cdc_age_criterion_applies(Some("ปกติ")) && !p.cdc_age_criterion_applies(None));
        let all = Policy::from_toml("cdc_age_criterion_scope = \"all\"").unwrap();
        assert!(all.cdc_age_criterion_applies(None) && all.cdc_age_criterion_applies(Some("ปกติ")));
        assert!(Policy::from_toml("cdc_age_criterion_scope = \"some\"").is_err());
    }
}
