//! Thai dates: `dd/mm/BBBB` (Buddhist Era), `d/m/BB`, ISO `YYYY-MM-DD` (Common Era), Thai
//! month names and abbreviations (`16 พ.ค. 2561`), Thai digits; and ages counted day-for-day.

use crate::error::{Error, ErrorKind};
use crate::finding::{Detail, FindingCode};
use crate::text::{digit_value, is_space, trim};
use chrono::{Datelike, NaiveDate};

/// พ.ศ. = ค.ศ. + 543 — the offset between Buddhist Era and Common Era years.
pub const BE_OFFSET: i32 = 543;

/// Which era a date's year was written in, and whether that looks like a mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EraReading {
    /// Written in the era the form expects (BE for `dd/mm/yyyy` and Thai month names, CE for ISO).
    AsExpected,
    /// A `dd/mm/yyyy` or Thai-month year that looks CE where BE is expected: read as CE.
    CeWhereBeExpected,
    /// An ISO year that looks BE where CE is expected: read as BE.
    BeWhereCeExpected,
}

/// A parsed date with how it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ThaiDate {
    /// The date (proleptic Gregorian, CE).
    pub date: NaiveDate,
    /// How the year's era was read.
    pub era: EraReading,
    /// Whether Thai digits were used.
    pub thai_digits: bool,
}

impl ThaiDate {
    /// The date in the Thai form `dd/mm/BBBB`.
    pub fn to_be_string(&self) -> String {
        format_be(self.date)
    }
}

/// Formats a date as `dd/mm/BBBB` (BE).
pub fn format_be(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year() + BE_OFFSET)
}

const THAI_MONTHS: [(&str, &str); 12] = [
    ("มกราคม", "มค"),
    ("กุมภาพันธ์", "กพ"),
    ("มีนาคม", "มีค"),
    ("เมษายน", "เมย"),
    ("พฤษภาคม", "พค"),
    ("มิถุนายน", "มิย"),
    ("กรกฎาคม", "กค"),
    ("สิงหาคม", "สค"),
    ("กันยายน", "กย"),
    ("ตุลาคม", "ตค"),
    ("พฤศจิกายน", "พย"),
    ("ธันวาคม", "ธค"),
];

/// The oldest and newest CE years a birth date may have.
const MIN_CE_YEAR: i32 = 1900;
const MAX_CE_YEAR: i32 = 2200;

/// Parses a date in any accepted form. Errors carry `BIRTHDATE_INVALID`.
pub fn parse_thai_date(text: &str) -> Result<ThaiDate, Error> {
    parse_date(text).ok_or_else(|| {
        Error::finding(ErrorKind::InvalidDate, FindingCode::BirthdateInvalid, trim(text), Detail::none())
    })
}

/// A word of a date (a month name or an era), dots dropped, on the stack: the longest word that
/// can match (`พฤศจิกายน`) has 9 characters; a longer one only needs to be known not to match.
#[derive(Clone, Copy)]
struct Word {
    chars: [char; 12],
    len: usize,
    too_long: bool,
}

impl Word {
    const EMPTY: Word = Word { chars: ['\0'; 12], len: 0, too_long: false };

    fn is_empty(&self) -> bool {
        self.len == 0 && !self.too_long
    }

    fn push(&mut self, c: char) {
        match self.chars.get_mut(self.len) {
            Some(slot) => {
                *slot = c;
                self.len += 1;
            }
            None => self.too_long = true,
        }
    }

    fn is(&self, s: &str) -> bool {
        !self.too_long && self.chars.get(..self.len).is_some_and(|w| w.iter().copied().eq(s.chars()))
    }
}

/// The words of a date: how many (up to 3 kept; a third already rules the text out) and the
/// first two.
struct Words {
    n: usize,
    first: [Word; 2],
    current: Word,
}

impl Words {
    fn end_word(&mut self) {
        if !self.current.is_empty() {
            if let Some(slot) = self.first.get_mut(self.n) {
                *slot = self.current;
            }
            self.n = (self.n + 1).min(3);
            self.current = Word::EMPTY;
        }
    }
}

pub(crate) fn parse_date(text: &str) -> Option<ThaiDate> {
    let t = trim(text);
    if t.is_empty() {
        return None;
    }
    // tokens: digit runs and non-digit runs (spaces dropped, dots kept out of names); no
    // allocation, as this runs once per record
    let mut nums: [u32; 3] = [0; 3];
    let mut widths: [usize; 3] = [0; 3];
    let mut n = 0usize;
    let mut words = Words { n: 0, first: [Word::EMPTY; 2], current: Word::EMPTY };
    // the separators `/` and `-` seen between numbers: up to two kept, more rule the text out
    let mut seps: [char; 2] = ['\0'; 2];
    let mut n_seps = 0usize;
    let mut thai = false;
    let mut in_num = false;
    for c in t.chars() {
        if let Some((d, th)) = digit_value(c) {
            thai |= th;
            if !in_num {
                words.end_word();
                if n == 3 {
                    return None;
                }
                n += 1;
                in_num = true;
            }
            let i = n - 1;
            let slot = nums.get_mut(i)?;
            *slot = slot.checked_mul(10)?.checked_add(u32::from(d))?;
            *widths.get_mut(i)? += 1;
        } else {
            in_num = false;
            if is_space(c) {
                words.end_word();
            } else if matches!(c, '/' | '-') && words.current.is_empty() {
                if let Some(slot) = seps.get_mut(n_seps) {
                    *slot = c;
                }
                n_seps += 1;
            } else if c != '.' {
                words.current.push(c);
            }
        }
    }
    words.end_word();
    let no_words = words.n == 0;
    if n != 3 && (n != 2 || no_words) {
        return None;
    }
    let [a, b, c] = nums;
    let [_, _, wc] = widths;
    let seps_are = |s: char| n_seps == 2 && seps == [s, s];
    if no_words {
        if seps_are('-') && widths[0] == 4 {
            // ISO: YYYY-MM-DD, CE expected
            let (year, era) = if a >= 2400 {
                (a as i32 - BE_OFFSET, EraReading::BeWhereCeExpected)
            } else {
                (a as i32, EraReading::AsExpected)
            };
            return make(year, b, c, era, thai);
        }
        if seps_are('/') || seps_are('-') {
            // d/m/yyyy (BE expected) or d/m/yy (BE, 25yy)
            return match wc {
                4 if c >= 2400 => make(c as i32 - BE_OFFSET, b, a, EraReading::AsExpected, thai),
                4 => make(c as i32, b, a, EraReading::CeWhereBeExpected, thai),
                2 => make(2500 + c as i32 - BE_OFFSET, b, a, EraReading::AsExpected, thai),
                _ => None,
            };
        }
        return None;
    }
    // Thai month name: d <month> [พ.ศ.|ค.ศ.] yyyy
    if n != 2 || n_seps != 0 || words.n > 2 {
        return None;
    }
    let [month_word, era_word] = words.first;
    let month = THAI_MONTHS.iter().position(|(full, abbr)| month_word.is(full) || month_word.is(abbr))? as u32 + 1;
    let ce_marked = match words.n {
        1 => false,
        _ if era_word.is("พศ") => false,
        _ if era_word.is("คศ") => true,
        _ => return None,
    };
    let (year_num, year_width) = (b, widths[1]);
    let (year, era) = match (ce_marked, year_width) {
        (true, 4) => (year_num as i32, EraReading::AsExpected),
        (false, 4) if year_num >= 2400 => (year_num as i32 - BE_OFFSET, EraReading::AsExpected),
        (false, 4) => (year_num as i32, EraReading::CeWhereBeExpected),
        (false, 2) => (2500 + year_num as i32 - BE_OFFSET, EraReading::AsExpected),
        _ => return None,
    };
    make(year, month, a, era, thai)
}

fn make(year: i32, month: u32, day: u32, era: EraReading, thai_digits: bool) -> Option<ThaiDate> {
    if !(MIN_CE_YEAR..=MAX_CE_YEAR).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day).map(|date| ThaiDate { date, era, thai_digits })
}

/// Age in full years on `on`, counted day-for-day (a birthday on `on` counts); negative when
/// born after `on`. A 29 February birthday is reached on 1 March in common years.
pub fn full_years(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The day ages are counted to in academic year `academic_year_be` (16 May by default).
pub fn age_reference_date(academic_year_be: u16, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(i32::from(academic_year_be) - BE_OFFSET, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn accepted_forms() {
        let cases = [
            ("16/05/2561", d(2018, 5, 16), EraReading::AsExpected),
            ("6/5/2561", d(2018, 5, 6), EraReading::AsExpected),
            ("16/5/61", d(2018, 5, 16), EraReading::AsExpected),
            ("2018-05-16", d(2018, 5, 16), EraReading::AsExpected),
            ("16 พ.ค. 2561", d(2018, 5, 16), EraReading::AsExpected),
            ("16 พฤษภาคม 2561", d(2018, 5, 16), EraReading::AsExpected),
            ("16 พฤษภาคม พ.ศ. 2561", d(2018, 5, 16), EraReading::AsExpected),
            ("16พ.ค.61", d(2018, 5, 16), EraReading::AsExpected),
            ("๑๖/๐๕/๒๕๖๑", d(2018, 5, 16), EraReading::AsExpected),
            ("16/05/2018", d(2018, 5, 16), EraReading::CeWhereBeExpected),
            ("2561-05-16", d(2018, 5, 16), EraReading::BeWhereCeExpected),
            ("1 ม.ค. ค.ศ. 2018", d(2018, 1, 1), EraReading::AsExpected),
            ("16-05-2561", d(2018, 5, 16), EraReading::AsExpected),
        ];
        for (t, date, era) in cases {
            let p = parse_thai_date(t).unwrap_or_else(|e| panic!("{t}: {e}"));
            assert_eq!((p.date, p.era), (date, era), "{t}");
        }
        assert!(parse_thai_date("๑๖/๐๕/๒๕๖๑").unwrap().thai_digits);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for t in [
            "",
            "31/02/2561",
            "29/02/2562",
            "00/01/2561",
            "1/13/2561",
            "16/05/256",
            "16 พค",
            "16 foo 2561",
            "2561",
            "1/2/3/4",
            "16/05/1800",
            "12:30",
            "99999999999/1/2561",
        ] {
            assert_eq!(parse_thai_date(t).unwrap_err().code(), "BIRTHDATE_INVALID", "{t}");
        }
        assert!(parse_thai_date("29/02/2563").is_ok());
    }

    #[test]
    fn ages_count_day_for_day() {
        let on = d(2024, 5, 16);
        assert_eq!(full_years(d(2022, 5, 16), on), 2);
        assert_eq!(full_years(d(2022, 5, 17), on), 1);
        assert_eq!(full_years(d(2020, 2, 29), d(2023, 2, 28)), 2);
        assert_eq!(full_years(d(2020, 2, 29), d(2023, 3, 1)), 3);
        assert_eq!(full_years(d(2025, 1, 1), on), -1);
        assert_eq!(age_reference_date(2567, 5, 16), Some(on));
        assert_eq!(format_be(on), "16/05/2567");
    }
}
