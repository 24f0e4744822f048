//! The registry loader: never panics; every loaded institution hangs under a loaded LAO.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::Registry;

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"level,code,name,parent,kind\n".to_vec();
    bytes.extend_from_slice(data);
    for input in [&bytes[..], data] {
        if let Ok((reg, _)) = lec_core::files::read_registry("fuzz.csv", input) {
            for i in reg.institutions() {
                assert!(reg.lao(i.lao).is_some());
            }
            for l in reg.laos() {
                assert!(reg.province(l.province).is_some());
            }
        }
    }
});
