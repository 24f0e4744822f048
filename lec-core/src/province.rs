//! The 77 provinces (จังหวัด) by their 2-digit code (TIS 1099 / DOPA geocode, the same numbers as
//! ISO 3166-2:TH).

use crate::province_table::PROVINCE_TABLE;
use serde::Serialize;

/// จังหวัด — a province of Thailand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Province {
    /// The 2-digit code, e.g. `58` for Mae Hong Son.
    pub code: u8,
    /// ชื่อภาษาไทย — the Thai name.
    pub name_th: &'static str,
    /// The English name.
    pub name_en: &'static str,
}

/// Every province, in code order.
pub fn all() -> impl ExactSizeIterator<Item = Province> {
    PROVINCE_TABLE.iter().map(|&(code, name_th, name_en)| Province { code, name_th, name_en })
}

/// The province with this code, if there is one.
pub fn by_code(code: u8) -> Option<Province> {
    let i = PROVINCE_TABLE.binary_search_by_key(&code, |p| p.0).ok()?;
    PROVINCE_TABLE.get(i).map(|&(code, name_th, name_en)| Province { code, name_th, name_en })
}

/// Whether `code` is a province code.
pub fn is_province(code: u8) -> bool {
    PROVINCE_BITS & (1u128 << (code & 127)) != 0 && code < 128
}

/// Bit `c` set for every province code `c` (all codes are below 128), computed at compile time.
const PROVINCE_BITS: u128 = province_bits();

#[allow(clippy::indexing_slicing)] // const context: `i` stays below the table's length
const fn province_bits() -> u128 {
    let mut bits = 0u128;
    let mut i = 0;
    while i < PROVINCE_TABLE.len() {
        bits |= 1u128 << PROVINCE_TABLE[i].0;
        i += 1;
    }
    bits
}

/// The province with this 2-digit code written as text (`"58"`), if there is one.
pub fn parse(text: &str) -> Option<Province> {
    let t = text.trim();
    if t.len() != 2 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u8>().ok().and_then(by_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_complete() {
        assert_eq!(all().len(), 77);
        assert!(PROVINCE_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(by_code(58).unwrap().name_en, "Mae Hong Son");
        assert_eq!(by_code(42).unwrap().name_th, "เลย");
        assert!(by_code(28).is_none() && !is_province(28) && !is_province(0) && !is_province(200));
        assert!(all().all(|p| is_province(p.code)));
        assert_eq!((0..=255u8).filter(|&c| is_province(c)).count(), 77);
        assert_eq!(parse(" 10 ").unwrap().name_en, "Bangkok");
        assert!(parse("1").is_none() && parse("99").is_none());
    }
}
