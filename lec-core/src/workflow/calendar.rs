//! The round calendar (ปฏิทินการบันทึกข้อมูล): when a round opens, each level's confirmation
//! deadline and the close — all Asia/Bangkok (UTC+7, no daylight saving), as data.

use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Asia/Bangkok: UTC+7 all year round.
#[allow(clippy::panic)] // evaluated at compile time: a bad constant fails the build, never a caller
pub const BANGKOK: FixedOffset = match FixedOffset::east_opt(7 * 3600) {
    Some(o) => o,
    None => panic!("UTC+7 is a valid offset"),
};

/// Asia/Bangkok: UTC+7 all year round.
pub fn bangkok() -> FixedOffset {
    BANGKOK
}

/// A Bangkok wall-clock instant known at compile time.
#[allow(clippy::panic)] // only used in constants: a bad date fails the build, never a caller
const fn bkk(y: i32, m: u32, d: u32, h: u32, mi: u32, s: u32, nano: u32) -> BangkokTime {
    let date = match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("a real date"),
    };
    let time = match NaiveTime::from_hms_nano_opt(h, mi, s, nano) {
        Some(t) => t,
        None => panic!("a real time"),
    };
    let local = chrono::NaiveDateTime::new(date, time);
    let utc = match local.checked_sub_offset(BANGKOK) {
        Some(u) => u,
        None => panic!("in range"),
    };
    BangkokTime(DateTime::from_naive_utc_and_offset(utc, BANGKOK))
}

/// An instant in Asia/Bangkok time, written RFC 3339 with `+07:00`. In calendar files a bare
/// date (`2024-11-11`) means the end of that day (23:59:59.999999999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BangkokTime(DateTime<FixedOffset>);

impl BangkokTime {
    /// The instant, in +07:00.
    pub fn new<Tz: TimeZone>(t: DateTime<Tz>) -> BangkokTime {
        BangkokTime(t.with_timezone(&BANGKOK))
    }

    /// Parses RFC 3339 (`2024-11-11T16:30:00+07:00`, any offset) or, as the end of that day in
    /// Bangkok, a date (`2024-11-11`).
    pub fn parse(text: &str) -> Option<BangkokTime> {
        let t = text.trim();
        if let Ok(d) = DateTime::parse_from_rfc3339(t) {
            return Some(BangkokTime::new(d));
        }
        let date = NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()?;
        let end = NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999)?;
        BANGKOK.from_local_datetime(&date.and_time(end)).single().map(BangkokTime)
    }

    /// The instant.
    pub fn instant(self) -> DateTime<FixedOffset> {
        self.0
    }

    /// Thai display: `12/11/2567 17:00` (BE date, Bangkok time).
    pub fn display_th(self) -> String {
        let t = self.0;
        format!("{} {}", crate::date::format_be(t.date_naive()), t.format("%H:%M"))
    }
}

impl fmt::Display for BangkokTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false))
    }
}

impl Serialize for BangkokTime {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for BangkokTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<BangkokTime, D::Error> {
        let s = String::deserialize(d)?;
        BangkokTime::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not an RFC 3339 time or a date")))
    }
}

/// The calendar of one round: academic year, round number, opening, deadlines and close.
/// Every bound is inclusive: a command at exactly the deadline is in time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundCalendar {
    /// ปีการศึกษา — the academic year, BE (2567).
    pub academic_year: u16,
    /// ครั้งที่ — the round of the year (1 or 2).
    pub round: u8,
    /// เปิดระบบ — entry opens.
    pub opens: BangkokTime,
    /// Institutions confirm by.
    pub institution_deadline: BangkokTime,
    /// LAOs confirm (their institutions and their other-affiliation headcounts) by.
    pub lao_deadline: BangkokTime,
    /// Provinces confirm by.
    pub province_deadline: BangkokTime,
    /// ปิดระบบ — nothing may be written after this.
    pub closes: BangkokTime,
    /// กำหนดยืนยันของสถานศึกษาในสังกัด — earlier deadlines for the institutions of chosen LAOs
    /// (§5 note: an institution agrees with its LAO on the day it confirms, so that the LAO has
    /// time to check), by the LAO's 8-digit login (7 digits accepted). Each lies between the
    /// opening and the LAO deadline; the institutions of other LAOs keep `institution_deadline`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub lao_institution_deadlines: BTreeMap<String, BangkokTime>,
}

/// The calendars shipped with the library, by id.
pub const BUILTIN_CALENDARS: &[&str] = &["2567-2"];

impl RoundCalendar {
    /// Round 2567/2 of circular มท 0816.2/ว 4094: opens 1 Oct 2567 (2024-10-01 00:00); institutions
    /// and LAOs confirm by the end of Mon 11 Nov 2567; provinces by Tue 12 Nov 2567 17:00, when
    /// entry closes.
    pub const fn r2567_2() -> RoundCalendar {
        RoundCalendar {
            academic_year: 2567,
            round: 2,
            opens: bkk(2024, 10, 1, 0, 0, 0, 0),
            institution_deadline: bkk(2024, 11, 11, 23, 59, 59, 999_999_999),
            lao_deadline: bkk(2024, 11, 11, 23, 59, 59, 999_999_999),
            province_deadline: bkk(2024, 11, 12, 17, 0, 0, 0),
            closes: bkk(2024, 11, 12, 17, 0, 0, 0),
            lao_institution_deadlines: BTreeMap::new(),
        }
    }

    /// A shipped calendar by id (`2567-2`); for another id an error (`CONFIG_INVALID`) whose
    /// message names the calendars that ship.
    pub fn builtin(id: &str) -> Result<RoundCalendar> {
        match id.trim() {
            "2567-2" | "2567/2" => Ok(RoundCalendar::r2567_2()),
            _ => {
                let known = BUILTIN_CALENDARS.join(", ");
                Err(Error::config(
                    format!("ไม่มีปฏิทิน `{id}` ในตัว (มี {known})"),
                    format!("no shipped calendar `{id}` (there are {known})"),
                ))
            }
        }
    }

    /// Loads a calendar from JSON.
    pub fn from_json(text: &str) -> Result<RoundCalendar> {
        let c: RoundCalendar = serde_json::from_str(text).map_err(|e| {
            Error::config(format!("อ่านปฏิทิน (JSON) ไม่ได้: {e}"), format!("cannot read the calendar (JSON): {e}"))
        })?;
        c.validated()
    }

    /// Loads a calendar from TOML.
    pub fn from_toml(text: &str) -> Result<RoundCalendar> {
        let c: RoundCalendar = toml::from_str(text).map_err(|e| {
            let e = e.to_string().trim().replace('\n', " ");
            Error::config(format!("อ่านปฏิทิน (TOML) ไม่ได้: {e}"), format!("cannot read the calendar (TOML): {e}"))
        })?;
        c.validated()
    }

    /// The deadline of the institutions of an LAO: the LAO's own institution deadline if the
    /// calendar gives one, else `institution_deadline`.
    pub fn institution_deadline_of(&self, lao: crate::codes::LaoCode) -> BangkokTime {
        self.lao_institution_deadlines.get(&lao.login()).copied().unwrap_or(self.institution_deadline)
    }

    fn validated(mut self) -> Result<RoundCalendar> {
        let mut own = BTreeMap::new();
        for (key, at) in std::mem::take(&mut self.lao_institution_deadlines) {
            let Ok(lao) = crate::codes::LaoCode::parse(&key) else {
                return Err(Error::config(
                    format!("ปฏิทินไม่ถูกต้อง: `{key}` ใน `lao_institution_deadlines` ไม่ใช่รหัส อปท."),
                    format!("the calendar is invalid: `{key}` in `lao_institution_deadlines` is not an LAO code"),
                ));
            };
            if at < self.opens || at > self.lao_deadline {
                return Err(Error::config(
                    format!("ปฏิทินไม่ถูกต้อง: กำหนดของสถานศึกษาใน `{key}` ต้องอยู่ระหว่าง `opens` และ `lao_deadline`"),
                    format!(
                        "the calendar is out of order: the institution deadline of `{key}` must lie between `opens` and `lao_deadline`"
                    ),
                ));
            }
            own.insert(lao.login(), at);
        }
        self.lao_institution_deadlines = own;
        let order = [
            ("opens", self.opens),
            ("institution_deadline", self.institution_deadline),
            ("lao_deadline", self.lao_deadline),
            ("province_deadline", self.province_deadline),
            ("closes", self.closes),
        ];
        for w in order.windows(2) {
            if let [(a, ta), (b, tb)] = w
                && ta > tb
            {
                return Err(Error::config(
                    format!("ปฏิทินไม่ถูกต้อง: `{a}` ต้องไม่อยู่หลัง `{b}`"),
                    format!("the calendar is out of order: `{a}` comes after `{b}`"),
                ));
            }
        }
        Ok(self)
    }

    /// `2567/2`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.academic_year, self.round)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_calendar_matches_its_data_file() {
        let file = RoundCalendar::from_json(include_str!("../../data/calendar-2567-2.json")).unwrap();
        assert_eq!(file, RoundCalendar::r2567_2());
        assert_eq!(RoundCalendar::builtin("2567/2"), Ok(file.clone()));
        assert_eq!(file.province_deadline.to_string(), "2024-11-12T17:00:00+07:00");
        assert_eq!(file.institution_deadline.to_string(), "2024-11-11T23:59:59.999999999+07:00");
        assert_eq!(file.province_deadline.display_th(), "12/11/2567 17:00");
        let back: RoundCalendar = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
        assert_eq!(back, file);
    }

    #[test]
    fn times_parse_in_any_offset_and_order_is_checked() {
        let a = BangkokTime::parse("2024-11-12T10:00:00Z").unwrap();
        assert_eq!(a.to_string(), "2024-11-12T17:00:00+07:00");
        assert!(BangkokTime::parse("12/11/2567").is_none());
        let bad = r#"{"academic_year":2567,"round":2,"opens":"2024-12-01","institution_deadline":"2024-11-11","lao_deadline":"2024-11-11","province_deadline":"2024-11-12","closes":"2024-11-12"}"#;
        assert_eq!(RoundCalendar::from_json(bad).unwrap_err().code(), "CONFIG_INVALID");
        let toml = "academic_year = 2568\nround = 1\nopens = \"2025-06-01\"\ninstitution_deadline = \"2025-06-20\"\nlao_deadline = \"2025-06-20\"\nprovince_deadline = \"2025-06-21T17:00:00+07:00\"\ncloses = \"2025-06-21T17:00:00+07:00\"\n";
        assert_eq!(RoundCalendar::from_toml(toml).unwrap().id(), "2568/1");
    }

    #[test]
    fn an_lao_may_give_its_institutions_an_earlier_deadline() {
        let json = r#"{"academic_year":2567,"round":2,"opens":"2024-10-01T00:00:00+07:00","institution_deadline":"2024-11-11","lao_deadline":"2024-11-11","province_deadline":"2024-11-12T17:00:00+07:00","closes":"2024-11-12T17:00:00+07:00","lao_institution_deadlines":{"6580102":"2024-11-08"}}"#;
        let c = RoundCalendar::from_json(json).unwrap();
        let sao = crate::codes::LaoCode::parse("06580102").unwrap();
        let town = crate::codes::LaoCode::parse("04580101").unwrap();
        assert_eq!(c.institution_deadline_of(sao).to_string(), "2024-11-08T23:59:59.999999999+07:00");
        assert_eq!(c.institution_deadline_of(town), c.institution_deadline);
        assert!(c.lao_institution_deadlines.contains_key("06580102"), "keys are normalised to the login");
        let late = json.replace("2024-11-08", "2024-11-12");
        assert_eq!(RoundCalendar::from_json(&late).unwrap_err().code(), "CONFIG_INVALID");
        let bad = json.replace("6580102", "65801");
        assert_eq!(RoundCalendar::from_json(&bad).unwrap_err().code(), "CONFIG_INVALID");
    }
}
