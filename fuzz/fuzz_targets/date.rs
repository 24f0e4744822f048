//! Thai date parsing: never panics; a parsed date printed in BE parses back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::date::format_be;
use lec_core::parse_thai_date;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(d) = parse_thai_date(s) {
        let again = parse_thai_date(&format_be(d.date)).expect("a printed date parses");
        assert_eq!(again.date, d.date);
    }
});
