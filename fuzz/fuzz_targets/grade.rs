//! Grade parsing: never panics; a parsed grade's code and Thai label parse back to it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::Grade;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(g) = Grade::parse(s) {
        assert_eq!(Grade::parse(g.code()).ok(), Some(g));
        assert_eq!(Grade::parse(g.label_th()).ok(), Some(g));
    }
});
