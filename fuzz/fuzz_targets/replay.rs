//! Event-log replay of arbitrary text: never panics; a log that replays yields a state whose
//! head is the log's last event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::Registry;
use lec_core::workflow::{Rules, RoundCalendar, WorkflowPolicy, parse_event_log, replay};
use std::sync::OnceLock;

const REGISTRY: &str = "level,code,name,parent,kind
province,58,แม่ฮ่องสอน,,
lao,06580102,ผาบ่อง,58,sao
institution,3058300001,โรงเรียน,06580102,school
institution,3058600001,ศพด.,06580102,cdc
";

fn registry() -> &'static Registry {
    static REG: OnceLock<Registry> = OnceLock::new();
    REG.get_or_init(|| lec_core::files::read_registry("r.csv", REGISTRY.as_bytes()).expect("registry").0)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(events) = parse_event_log(text) else { return };
    let calendar = RoundCalendar::r2567_2();
    let policy = WorkflowPolicy::default();
    let rules = Rules { registry: registry(), calendar: &calendar, policy: &policy };
    match replay(&rules, &events) {
        Ok(state) => assert_eq!(state.head.seq as usize, events.len()),
        Err(e) => assert!(e.index < events.len()),
    }
});
