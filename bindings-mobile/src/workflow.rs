//! The confirmation workflow (การยืนยันข้อมูล, §4.3, §5–§9 of the circular): a [`Round`] with its
//! calendar, state and tamper-evident event log. Institutions confirm their records, an LAO once
//! all its institutions have (and, separately, its other-affiliation headcounts), a province once
//! all its LAOs have; the level directly above cancels a confirmation so data can be fixed.

use crate::config::{Policy, Registry, policy_or_default, registry_of};
use crate::error::LecError;
use crate::record::StudentRecord;
use lec_core::workflow::{Action, Actor, CheckResult, DataStatus, Level, ReplayProblem, SpotCheck};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

/// ระดับ — the level of an actor or a unit.
#[uniffi::remote(Enum)]
pub enum Level {
    /// กรมส่งเสริมการปกครองท้องถิ่น — the Department of Local Administration.
    Department,
    /// จังหวัด — a provincial DLA office.
    Province,
    /// อปท. — a local administrative organisation.
    Lao,
    /// สถานศึกษา — an institution.
    Institution,
}

/// What a command does.
#[uniffi::remote(Enum)]
pub enum Action {
    /// ยืนยันข้อมูล — confirm an institution, an LAO or a province.
    Confirm,
    /// ยืนยันข้อมูลจำนวนนักเรียนสถานศึกษาสังกัดอื่น — an LAO confirms its other-affiliation headcounts (§7.3).
    ConfirmHeadcounts,
    /// ยกเลิกการยืนยัน — the level directly above cancels a confirmation (§8).
    Cancel,
    /// The province cancels an LAO's headcount confirmation: only under the policy
    /// `province_may_cancel_headcounts` (default off; §4.2(4) has the LAO edit instead).
    CancelHeadcounts,
    /// แก้ไขข้อมูล — an institution's records (unit: the institution) or an LAO's headcounts
    /// (unit: the LAO) changed. An LAO's headcount edit withdraws its headcount confirmation and,
    /// if the province had confirmed, the province's.
    Edit,
    /// ถอนการยืนยัน — recorded, never commanded: a province's confirmation withdrawn by an LAO's
    /// headcount edit.
    Withdraw,
    /// สุ่มตรวจ — the province records a spot check of one of its institutions (§9.4).
    SpotCheck,
}

/// ผลการสุ่มตรวจ — the result of a spot check.
#[uniffi::remote(Enum)]
pub enum CheckResult {
    /// ถูกต้อง — nothing wrong found.
    Ok,
    /// พบข้อบกพร่อง — issues found (the note says which).
    Issues,
}

/// การสุ่มตรวจ — a province's spot check of an institution (§9.4): the seed of the sample it
/// came from, the result and a note.
#[uniffi::remote(Record)]
pub struct SpotCheck {
    /// The seed of the sample the institution was drawn in.
    pub seed: u64,
    /// `Ok` or `Issues`.
    pub result: CheckResult,
    /// What was found (may be empty).
    #[uniffi(default = "")]
    pub note: String,
}

/// An institution's last spot check, as the round keeps it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SpotCheckRecord {
    /// When, RFC 3339 in Bangkok time.
    pub at: String,
    /// The province that checked.
    pub province: String,
    /// The officer who checked, masked (personal data), if named.
    pub officer: Option<String>,
    /// The check.
    pub check: SpotCheck,
}

impl From<&lec_core::workflow::SpotCheckRecord> for SpotCheckRecord {
    fn from(c: &lec_core::workflow::SpotCheckRecord) -> SpotCheckRecord {
        SpotCheckRecord {
            at: c.at.to_string(),
            province: c.province.clone(),
            officer: c.officer.as_deref().map(lec_core::workflow::mask_officer),
            check: c.check.clone(),
        }
    }
}

/// ผู้ดำเนินการ — who issues a command: a level and the code of the user's unit (the LEC login:
/// the province code, the LAO's 8-digit login, the institution code; any name for the department).
#[uniffi::remote(Record)]
pub struct Actor {
    /// The level.
    pub level: Level,
    /// The unit's code.
    pub code: String,
}

/// The state of a unit's data: records counted and `Error` findings still open (for
/// headcounts: schools and error findings of their forms).
#[uniffi::remote(Record)]
pub struct DataStatus {
    /// Records (or headcount forms) that count.
    pub counted: u64,
    /// `Error` findings still open.
    pub errors: u64,
}

/// What is wrong with an event log.
#[uniffi::remote(Enum)]
pub enum ReplayProblem {
    /// A line that is not an event (a truncated or corrupted line).
    Unreadable,
    /// The sequence number is not the next one (an event removed or reordered).
    Sequence,
    /// `prevHash` is not the previous event's hash (an event removed, reordered or inserted).
    BrokenChain,
    /// The event's content does not match its hash (a changed byte).
    Tampered,
    /// The event is intact but the rules would not have accepted it (forged with a rebuilt chain).
    Illegal,
}

/// A command to the workflow: who does what to which unit.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoundCommand {
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: Action,
    /// The target unit's code: a 2-digit province, an 8-digit LAO login (7 digits accepted), a
    /// 10-digit institution code.
    pub unit: String,
    /// The unit's data status: on an institution's `Confirm` (else the last `Edit`'s is used),
    /// on `ConfirmHeadcounts`, and on `Edit`.
    #[uniffi(default = None)]
    pub data: Option<DataStatus>,
    /// ผู้รับผิดชอบ — the responsible officer who acts (an identifier such as a staff ID). Part
    /// of the event and its hash.
    #[uniffi(default = None)]
    pub officer: Option<String>,
    /// A `SpotCheck` command's check.
    #[uniffi(default = None)]
    pub check: Option<SpotCheck>,
}

impl From<RoundCommand> for lec_core::workflow::Command {
    fn from(c: RoundCommand) -> lec_core::workflow::Command {
        lec_core::workflow::Command {
            actor: c.actor,
            action: c.action,
            unit: c.unit,
            data: c.data,
            officer: c.officer,
            check: c.check,
        }
    }
}

/// The confirmation state of one unit (or of an LAO's headcounts).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnitState {
    /// Confirmed now.
    pub confirmed: bool,
    /// When it was last confirmed (while confirmed), RFC 3339 in Bangkok time.
    pub confirmed_at: Option<String>,
    /// The last known data status.
    pub data: Option<DataStatus>,
    /// Its confirmation was cancelled (or withdrawn by a headcount edit), whenever that
    /// happened: it may confirm again until the close.
    pub may_reconfirm_late: bool,
}

impl From<lec_core::workflow::UnitState> for UnitState {
    fn from(s: lec_core::workflow::UnitState) -> UnitState {
        UnitState {
            confirmed: s.confirmed,
            confirmed_at: s.confirmed_at.map(|t| t.to_string()),
            data: s.data,
            may_reconfirm_late: s.may_reconfirm_late,
        }
    }
}

/// One accepted command, as recorded in the event log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoundEvent {
    /// Sequence number, from 1.
    pub seq: u64,
    /// When, RFC 3339 in Bangkok time (`2024-11-11T16:30:00+07:00`).
    pub at: String,
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: Action,
    /// The unit's canonical code.
    pub unit: String,
    /// The data status the command carried.
    pub data: Option<DataStatus>,
    /// The responsible officer named by the command, masked (personal data: `EMxxxx42`); `json`
    /// keeps it as recorded.
    pub officer: Option<String>,
    /// A `SpotCheck` event's check.
    pub check: Option<SpotCheck>,
    /// The unit's state before the event (for headcount actions: the headcounts' state).
    pub previous: UnitState,
    /// The previous event's hash (the round's genesis hash for the first event).
    pub prev_hash: String,
    /// SHA-256 (hex) of this event without its hash, chained to `prevHash`.
    pub hash: String,
    /// The event as one line of the event log (JSON): what to store.
    pub json: String,
}

impl From<&lec_core::workflow::Event> for RoundEvent {
    fn from(e: &lec_core::workflow::Event) -> RoundEvent {
        RoundEvent {
            seq: e.seq,
            at: e.at.to_string(),
            actor: e.actor.clone(),
            action: e.action,
            unit: e.unit.clone(),
            data: e.data,
            officer: e.officer.as_deref().map(lec_core::workflow::mask_officer),
            check: e.check.clone(),
            previous: e.previous.into(),
            prev_hash: e.prev_hash.clone(),
            hash: e.hash.clone(),
            json: event_json(e),
        }
    }
}

/// One event as a log line. Serialising its plain fields cannot fail; an empty line would only
/// make the log fail its own replay, never pass it.
fn event_json(e: &lec_core::workflow::Event) -> String {
    serde_json::to_string(e).unwrap_or_default()
}

/// The state of a round: every unit acted on (absent units are unconfirmed, with no data), by
/// canonical code, and the head of the event log.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RoundStatus {
    /// The round's id, e.g. `2567/2`.
    pub round: String,
    /// Institutions by 10-digit code.
    pub institutions: HashMap<String, UnitState>,
    /// LAOs by 8-digit login.
    pub laos: HashMap<String, UnitState>,
    /// LAOs' other-affiliation headcounts by 8-digit login.
    pub headcounts: HashMap<String, UnitState>,
    /// Provinces by 2-digit code.
    pub provinces: HashMap<String, UnitState>,
    /// Each spot-checked institution's last check, by institution code.
    pub spot_checks: HashMap<String, SpotCheckRecord>,
    /// The sequence number of the last event (0: none yet).
    pub last_seq: u64,
    /// The last event's hash (the genesis hash before any event).
    pub last_hash: String,
}

/// What `Round.apply` decided.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Outcome {
    /// The command was accepted: its events are recorded in the round; store them, in order.
    Accepted {
        /// The events recorded (one, or two for an LAO's headcount edit that withdraws its
        /// province's confirmation).
        events: Vec<RoundEvent>,
    },
    /// The command was rejected and changed nothing: exactly one code and why.
    Rejected {
        /// The stable code (`WF_CLOSED`, `WF_FORBIDDEN`, …; the catalogue is `docs/findings.md`).
        code: String,
        /// The reason in Thai.
        message_th: String,
        /// The reason in English.
        message_en: String,
    },
}

/// ปฏิทินการบันทึกข้อมูล — a round's calendar: opening, each level's confirmation deadline and
/// the close, all Asia/Bangkok. Every bound is inclusive.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct RoundCalendar(lec_core::workflow::RoundCalendar);

#[uniffi::export]
impl RoundCalendar {
    /// A calendar shipped with the library, by id (`2567-2`, or `2567/2`). Throws
    /// `InvalidConfig` (`CONFIG_INVALID`) for an unknown id.
    #[uniffi::constructor]
    pub fn builtin(id: String) -> Result<RoundCalendar, LecError> {
        Ok(RoundCalendar(lec_core::workflow::RoundCalendar::builtin(&id)?))
    }

    /// Loads a calendar from JSON (`academic_year`, `round`, `opens`, `institution_deadline`,
    /// `lao_deadline`, `province_deadline`, `closes`; RFC 3339 times, a bare date meaning the
    /// end of that day in Bangkok). Throws `InvalidConfig` when it is not a usable calendar.
    #[uniffi::constructor]
    pub fn from_json(text: String) -> Result<RoundCalendar, LecError> {
        Ok(RoundCalendar(lec_core::workflow::RoundCalendar::from_json(&text)?))
    }

    /// The round's id, e.g. `2567/2`.
    pub fn id(&self) -> String {
        self.0.id()
    }
}

/// รอบการยืนยันข้อมูล — one round of the confirmation workflow, with its rules (registry,
/// calendar, the policy's workflow rules), its state and its event log. `apply` checks a command
/// and records its events; `toJson` is the event log to keep, and `Round.fromJson` rebuilds the
/// round from it, checking every link of its hash chain. Thread-safe: commands are applied one
/// at a time.
#[derive(Debug, uniffi::Object)]
pub struct Round(Mutex<lec_core::workflow::Round>);

impl Round {
    fn inner(&self) -> MutexGuard<'_, lec_core::workflow::Round> {
        // a poisoned lock means a panic mid-command, which the core never does; the state
        // itself is only changed after a command is accepted
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[uniffi::export]
impl Round {
    /// A new round with no events. `policy`: its workflow rules (null: the default policy).
    #[uniffi::constructor(default(policy = None))]
    pub fn new(registry: Arc<Registry>, calendar: Arc<RoundCalendar>, policy: Option<Arc<Policy>>) -> Round {
        let workflow = policy_or_default(policy.as_deref()).workflow.clone();
        Round(Mutex::new(lec_core::workflow::Round::new(registry.shared(), calendar.0.clone(), workflow)))
    }

    /// Rebuilds a round from its event log (JSON lines, as `toJson` wrote it; blank lines
    /// skipped), checking each event: its sequence number, its link to the previous hash, its
    /// own hash, and that the rules accept it as recorded. Throws `LecException.InvalidLog`
    /// (`WF_LOG_BROKEN`) naming the first bad event.
    #[uniffi::constructor(default(policy = None))]
    pub fn from_json(
        registry: Arc<Registry>,
        calendar: Arc<RoundCalendar>,
        log: String,
        policy: Option<Arc<Policy>>,
    ) -> Result<Round, crate::error::LecError> {
        let workflow = policy_or_default(policy.as_deref()).workflow.clone();
        let events = lec_core::workflow::parse_event_log(&log)?;
        let round = lec_core::workflow::Round::from_events(registry.shared(), calendar.0.clone(), workflow, events)?;
        Ok(Round(Mutex::new(round)))
    }

    /// ดำเนินการ — applies a command at `now` (the library reads no clock): `Accepted` with the
    /// events recorded, or `Rejected` with the one code that applies first (a rejected command
    /// changes nothing).
    pub fn apply(&self, command: RoundCommand, now: SystemTime) -> Outcome {
        let now = lec_core::workflow::BangkokTime::new(chrono::DateTime::<chrono::Utc>::from(now));
        match self.inner().execute(&command.into(), now) {
            Ok(events) => Outcome::Accepted { events: events.iter().map(RoundEvent::from).collect() },
            Err(r) => Outcome::Rejected {
                code: r.code.as_str().to_owned(),
                message_th: r.message_th,
                message_en: r.message_en,
            },
        }
    }

    /// The round's id, e.g. `2567/2`.
    pub fn id(&self) -> String {
        self.inner().calendar().id()
    }

    /// The current state.
    pub fn status(&self) -> RoundStatus {
        let round = self.inner();
        let s = round.state();
        let map = |m: &std::collections::BTreeMap<String, lec_core::workflow::UnitState>| {
            m.iter().map(|(k, v)| (k.clone(), UnitState::from(*v))).collect()
        };
        RoundStatus {
            round: s.round.clone(),
            institutions: map(&s.institutions),
            laos: map(&s.laos),
            headcounts: map(&s.headcounts),
            provinces: map(&s.provinces),
            spot_checks: s.spot_checks.iter().map(|(k, v)| (k.clone(), SpotCheckRecord::from(v))).collect(),
            last_seq: s.head.seq,
            last_hash: s.head.hash.clone(),
        }
    }

    /// The event log so far, oldest first.
    pub fn events(&self) -> Vec<RoundEvent> {
        self.inner().events().iter().map(RoundEvent::from).collect()
    }

    /// The event log as JSON lines (one event a line, oldest first): the round's whole
    /// persistent state, for `Round.fromJson`.
    pub fn to_json(&self) -> String {
        self.inner().events().iter().map(|e| event_json(e) + "\n").collect()
    }

    /// The current state as the core's JSON (`round`, `institutions`, `laos`, `headcounts`,
    /// `provinces`, `head`), for a host's database; it can always be rebuilt from `toJson`.
    pub fn state_json(&self) -> String {
        // plain maps and strings: serialising cannot fail
        serde_json::to_string(self.inner().state()).unwrap_or_default()
    }
}

/// สถานะข้อมูลของสถานศึกษา — the data status of every institution in a set of records, as
/// confirming needs it: records counted and `Error` findings per institution code, duplicates
/// across institutions included; removed records neither count nor err.
#[uniffi::export(default(policy = None, registry = None))]
pub fn data_status_by_institution(
    records: Vec<StudentRecord>,
    academic_year: u16,
    policy: Option<Arc<Policy>>,
    registry: Option<Arc<Registry>>,
) -> HashMap<String, DataStatus> {
    let policy = policy_or_default(policy.as_deref());
    let mut ctx = lec_core::Context::new(&policy, academic_year);
    ctx.registry = registry_of(&registry);
    let records: Vec<lec_core::StudentRecord> = records.into_iter().map(Into::into).collect();
    lec_core::workflow::DataStatus::by_institution(&records, ctx).into_iter().collect()
}
