//! The tamper-evident event log: each event carries the SHA-256 of its own content chained to
//! the previous event's hash; [`replay`] checks every link and re-applies every event.

use super::{
    Action, Actor, BangkokTime, Command, DataStatus, Event, RoundCalendar, RoundState, Rules, SpotCheck, UnitState,
    apply,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // writing to a String cannot fail
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The hash a round's log starts from: binds the log to its round.
pub(super) fn genesis_hash(calendar: &RoundCalendar) -> String {
    hex(&Sha256::digest(format!("lec round {}", calendar.id()).as_bytes()))
}

/// The fields of an event that its hash covers (everything but the hash), in a fixed order.
#[derive(Serialize)]
struct Hashed<'a> {
    seq: u64,
    at: &'a BangkokTime,
    actor: &'a Actor,
    action: Action,
    unit: &'a str,
    data: &'a Option<DataStatus>,
    // absent when not named: the hashes of logs without officers or checks stay as they were
    #[serde(skip_serializing_if = "Option::is_none")]
    officer: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: &'a Option<SpotCheck>,
    previous: &'a UnitState,
    prev_hash: &'a str,
}

/// SHA-256 (hex) of the event's canonical JSON without its `hash`.
pub(super) fn event_hash(e: &Event) -> String {
    let body = Hashed {
        seq: e.seq,
        at: &e.at,
        actor: &e.actor,
        action: e.action,
        unit: &e.unit,
        data: &e.data,
        officer: &e.officer,
        check: &e.check,
        previous: &e.previous,
        prev_hash: &e.prev_hash,
    };
    // serialising these plain fields cannot fail; an empty body would only break the chain
    let json = serde_json::to_vec(&body).unwrap_or_default();
    hex(&Sha256::digest(&json))
}

/// What is wrong with a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplayProblem {
    /// A line that is not an event (a truncated or corrupted line).
    Unreadable,
    /// The sequence number is not the next one (an event removed or reordered).
    Sequence,
    /// `prev_hash` is not the previous event's hash (an event removed, reordered or inserted).
    BrokenChain,
    /// The event's content does not match its hash (a changed byte).
    Tampered,
    /// The event is intact but the rules would not have accepted it (forged with a rebuilt chain).
    Illegal,
}

/// A broken log: the first bad event (0-based index into the log, 1-based line in a file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message_en}")]
pub struct ReplayError {
    /// The index of the first bad event.
    pub index: usize,
    /// What is wrong.
    pub problem: ReplayProblem,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

/// A log that does not replay is an [`crate::Error`] of kind `InvalidLog` (the error type sits
/// below the workflow: the conversion lives here).
impl From<ReplayError> for crate::error::Error {
    fn from(e: ReplayError) -> crate::error::Error {
        crate::error::Error::new(crate::error::ErrorKind::InvalidLog, e.code(), e.message_th, e.message_en)
    }
}

impl ReplayError {
    fn new(index: usize, problem: ReplayProblem, detail_en: String, detail_th: String) -> ReplayError {
        let n = index + 1;
        ReplayError {
            index,
            problem,
            message_th: format!("บันทึกเหตุการณ์ลำดับที่ {n} ไม่ถูกต้อง: {detail_th}"),
            message_en: format!("event {n} of the log is bad: {detail_en}"),
        }
    }

    /// The stable code `WF_LOG_BROKEN`.
    pub fn code(&self) -> &'static str {
        "WF_LOG_BROKEN"
    }
}

/// Reads a JSON-lines event log (blank lines skipped). The first line that is not an event is
/// an `Unreadable` error naming it.
pub fn parse_event_log(text: &str) -> Result<Vec<Event>, ReplayError> {
    let mut events = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match serde_json::from_str::<Event>(line) {
            Ok(e) => events.push(e),
            Err(e) => {
                let index = events.len();
                return Err(ReplayError::new(
                    index,
                    ReplayProblem::Unreadable,
                    format!("not an event ({e})"),
                    format!("ไม่ใช่บันทึกเหตุการณ์ ({e})"),
                ));
            }
        }
    }
    Ok(events)
}

/// Rebuilds a round's state from its log, checking each event in turn: its sequence number,
/// its link to the previous hash, its own hash, and that the rules accept it as recorded. The
/// first bad event stops the replay: no state is returned from a broken log.
pub fn replay(rules: &Rules<'_>, events: &[Event]) -> Result<RoundState, ReplayError> {
    let mut state = RoundState::new(rules.calendar);
    let mut i = 0;
    while let Some(e) = events.get(i) {
        check_link(&state.head.seq, &state.head.hash, e, i)?;
        if e.action == Action::Withdraw {
            // recorded only after the edit that causes it, never on its own
            return Err(ReplayError::new(
                i,
                ReplayProblem::Illegal,
                "a withdrawal that no edit before it caused".to_owned(),
                "การถอนการยืนยันที่ไม่มีการแก้ไขข้อมูลก่อนหน้าเป็นเหตุ".to_owned(),
            ));
        }
        let command = Command {
            actor: e.actor.clone(),
            action: e.action,
            unit: e.unit.clone(),
            data: e.data,
            officer: e.officer.clone(),
            check: e.check.clone(),
        };
        match apply(rules, &state, &command, e.at) {
            Ok(again) => {
                // a command may record several events (an edit and the withdrawal it causes)
                for (k, want) in again.iter().enumerate() {
                    let Some(got) = events.get(i + k) else {
                        return Err(ReplayError::new(
                            i + k,
                            ReplayProblem::Sequence,
                            "the log ends before an event the rules record here".to_owned(),
                            "บันทึกสิ้นสุดก่อนเหตุการณ์ที่กฎบันทึกไว้ที่นี่".to_owned(),
                        ));
                    };
                    if let Some(prev) = k.checked_sub(1).and_then(|p| again.get(p)) {
                        check_link(&prev.seq, &prev.hash, got, i + k)?;
                    }
                    if got != want {
                        return Err(ReplayError::new(
                            i + k,
                            ReplayProblem::Illegal,
                            "the rules record it differently".to_owned(),
                            "กฎบันทึกเหตุการณ์นี้ต่างออกไป".to_owned(),
                        ));
                    }
                }
                state.record(rules, &again);
                i += again.len().max(1);
            }
            Err(r) => {
                return Err(ReplayError::new(
                    i,
                    ReplayProblem::Illegal,
                    format!("the rules reject it ({}: {})", r.code, r.message_en),
                    format!("กฎไม่ยอมรับ ({}: {})", r.code, r.message_th),
                ));
            }
        }
    }
    Ok(state)
}

/// Checks one event's sequence number, its link to the event before and its own hash.
fn check_link(prev_seq: &u64, prev_hash: &str, e: &Event, i: usize) -> Result<(), ReplayError> {
    if e.seq != prev_seq + 1 {
        return Err(ReplayError::new(
            i,
            ReplayProblem::Sequence,
            format!("sequence number `{}` where {} was expected", e.seq, prev_seq + 1),
            format!("ลำดับ `{}` แต่ควรเป็น {}", e.seq, prev_seq + 1),
        ));
    }
    if e.prev_hash != prev_hash {
        return Err(ReplayError::new(
            i,
            ReplayProblem::BrokenChain,
            "it does not link to the previous event".to_owned(),
            "ไม่เชื่อมโยงกับเหตุการณ์ก่อนหน้า".to_owned(),
        ));
    }
    if event_hash(e) != e.hash {
        return Err(ReplayError::new(
            i,
            ReplayProblem::Tampered,
            "its content does not match its hash".to_owned(),
            "เนื้อหาไม่ตรงกับค่าแฮช".to_owned(),
        ));
    }
    Ok(())
}
