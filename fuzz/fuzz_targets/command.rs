//! Workflow commands as JSON lines against a small registry: never panics; a rejected command
//! changes nothing; the log of what was accepted replays to the same state.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lec_core::Registry;
use lec_core::workflow::{BangkokTime, Command, Round, RoundCalendar, WorkflowPolicy, replay};
use std::sync::{Arc, OnceLock};

const REGISTRY: &str = "level,code,name,parent,kind
province,58,แม่ฮ่องสอน,,
lao,06580102,ผาบ่อง,58,sao
lao,04580101,เมือง,58,town
institution,3058300001,โรงเรียน,06580102,school
institution,3058600001,ศพด.,06580102,cdc
institution,3058200001,โรงเรียนเทศบาล,04580101,school
other_school,1058100101,บ้านผาบ่อง,06580102,extended
";

fn registry() -> Arc<Registry> {
    static REG: OnceLock<Arc<Registry>> = OnceLock::new();
    REG.get_or_init(|| Arc::new(lec_core::files::read_registry("r.csv", REGISTRY.as_bytes()).expect("registry").0)).clone()
}

#[derive(serde::Deserialize)]
struct Line {
    at: String,
    #[serde(flatten)]
    command: Command,
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut round = Round::new(registry(), RoundCalendar::r2567_2(), WorkflowPolicy::default());
    for line in text.lines() {
        let Ok(l) = serde_json::from_str::<Line>(line) else { continue };
        let Some(at) = BangkokTime::parse(&l.at) else { continue };
        let before = round.state().clone();
        if round.execute(&l.command, at).is_err() {
            assert_eq!(&before, round.state());
        }
    }
    let again = replay(&round.rules(), round.events()).expect("a live log replays");
    assert_eq!(&again, round.state());
});
