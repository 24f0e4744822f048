//! ID parsing: never panics; normalising is idempotent; a parsed ID re-parses to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::id::{mask_input, normalize_id_text};
use lec_core::{PersonId, Policy, check_id, id_error};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let policy = Policy::default();
    let check = check_id(s, &policy, 2567, false);
    assert_eq!(id_error(s, &policy, 2567), check.error_code());
    let once = normalize_id_text(s);
    assert_eq!(normalize_id_text(&once), once);
    let _ = mask_input(s);
    if let Ok(id) = PersonId::parse(s) {
        assert_eq!(PersonId::parse(&id.normalized()).ok(), Some(id));
        assert!(!id.masked().contains(&id.normalized()[5..12]) || id.normalized()[5..12].chars().all(|c| c == 'x'));
    }
});
