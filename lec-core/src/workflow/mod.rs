//! The confirmation workflow (การยืนยันข้อมูล, §4.3, §5–§9 of the circular): institutions confirm
//! their records, an LAO confirms once all its institutions have (and, separately, its
//! other-affiliation headcounts), a province once all its LAOs have; the level directly above
//! cancels a confirmation so data can be fixed; all against the round's calendar.
//!
//! [`apply`] is a pure function: state, command and `now` in; the events to record, or exactly
//! one [`Rejection`], out. No clock is read: the caller passes `now`. Events form a
//! tamper-evident chain (each carries the SHA-256 of the previous one) and [`replay`] rebuilds
//! the state bit for bit, naming the first bad event of a broken log.

pub mod calendar;
mod log;
mod monitor;

pub use crate::policy::WorkflowPolicy;
pub use calendar::{BangkokTime, RoundCalendar};
pub use log::{ReplayError, ReplayProblem, parse_event_log, replay};
pub use monitor::{PendingUnit, pending, spot_check_sample};

/// Masks an officer's identifier for output (personal data, like IDs): a 13-digit citizen ID as
/// IDs are masked (`1-2345-xxxxx-xx-3`); otherwise the first two and the last two characters are
/// kept and the others become `x` (`EMxxxxxx23`); four characters or fewer keep only the first.
pub fn mask_officer(officer: &str) -> String {
    let t = trim(officer);
    if t.len() == 13 && t.bytes().all(|b| b.is_ascii_digit()) {
        return crate::id::mask_input(t);
    }
    let n = t.chars().count();
    t.chars()
        .enumerate()
        .map(|(i, c)| if (n > 4 && (i < 2 || i + 2 >= n)) || (n <= 4 && i == 0) { c } else { 'x' })
        .collect()
}

use crate::codes::{InstitutionCode, LaoCode};
use crate::registry::Registry;
use crate::text::trim;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// ระดับ — the level of an actor or a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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

impl Level {
    /// `department`, `province`, `lao` or `institution`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Department => "department",
            Level::Province => "province",
            Level::Lao => "lao",
            Level::Institution => "institution",
        }
    }
}

/// ผู้ดำเนินการ — who issues a command: a level and the code of the user's unit (the LEC login:
/// the province code, the LAO's 8-digit login, the institution code; any name for the department).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The level.
    pub level: Level,
    /// The unit's code.
    pub code: String,
}

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// ยืนยันข้อมูล — confirm an institution, an LAO or a province.
    Confirm,
    /// ยืนยันข้อมูลจำนวนนักเรียนสถานศึกษาสังกัดอื่น — an LAO confirms its other-affiliation headcounts (§7.3).
    ConfirmHeadcounts,
    /// ยกเลิกการยืนยัน — the level directly above cancels a confirmation (§8).
    Cancel,
    /// The province cancels an LAO's headcount confirmation. The circular does not give the
    /// province this (§4.2(4): the LAO edits and the province confirms again); allowed only under
    /// the policy `province_may_cancel_headcounts` (default off).
    CancelHeadcounts,
    /// แก้ไขข้อมูล — an institution's records (unit: the institution) or an LAO's headcounts (unit:
    /// the LAO) changed. An LAO's headcount edit withdraws its headcount confirmation and, if the
    /// province had confirmed, the province's (§4.2(4)).
    Edit,
    /// ถอนการยืนยัน — recorded, never commanded: a province's confirmation withdrawn because one of
    /// its LAOs edited its headcounts (the event that follows that edit, by the same actor).
    Withdraw,
    /// สุ่มตรวจ — the province records a spot check of one of its institutions (§9.4): the sample
    /// seed, the result and a note ([`SpotCheck`]).
    SpotCheck,
}

impl Action {
    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "confirm",
            Action::ConfirmHeadcounts => "confirm_headcounts",
            Action::Cancel => "cancel",
            Action::CancelHeadcounts => "cancel_headcounts",
            Action::Edit => "edit",
            Action::Withdraw => "withdraw",
            Action::SpotCheck => "spot_check",
        }
    }
}

/// ผลการสุ่มตรวจ — the result of a spot check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckResult {
    /// ถูกต้อง — nothing wrong found.
    Ok,
    /// พบข้อบกพร่อง — issues found (the note says which).
    Issues,
}

/// การสุ่มตรวจ — a province's spot check of an institution (§9.4), as a `spot_check` command
/// carries it: the sample it came from (the seed of [`spot_check_sample`]), the result and a
/// note. When is the command's time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotCheck {
    /// The seed of the sample the institution was drawn in.
    pub seed: u64,
    /// `ok` or `issues`.
    pub result: CheckResult,
    /// What was found (free text; may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An institution's last spot check, as the state keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotCheckRecord {
    /// When.
    pub at: BangkokTime,
    /// The province that checked.
    pub province: String,
    /// The officer who checked, if named (unmasked: mask with [`mask_officer`] for output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer: Option<String>,
    /// The check.
    #[serde(flatten)]
    pub check: SpotCheck,
}

/// The state of a unit's data: records counted and `error` findings (for headcounts: schools
/// and error findings of their forms).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStatus {
    /// Records (or headcount forms) that count.
    pub counted: u64,
    /// `error` findings still open.
    pub errors: u64,
}

impl DataStatus {
    /// The data status of every institution in a set of records, as confirming needs it:
    /// records counted and `error` findings per institution code (the code as written, trimmed),
    /// duplicates across institutions included. Removed records neither count nor err.
    pub fn by_institution<'r>(
        records: impl IntoIterator<Item = &'r crate::record::StudentRecord>,
        ctx: crate::record::Context<'_>,
    ) -> BTreeMap<String, DataStatus> {
        let records: Vec<&crate::record::StudentRecord> = records.into_iter().collect();
        let report = crate::validate::validate_records(records.iter().copied(), ctx);
        let mut errors_by_row: BTreeMap<u64, u64> = BTreeMap::new();
        let mut removed_rows = std::collections::BTreeSet::new();
        for f in &report.findings {
            let Some(row) = f.row else { continue };
            if f.severity == crate::finding::Severity::Error {
                *errors_by_row.entry(row).or_default() += 1;
            }
            if f.code == crate::finding::FindingCode::RecordRemoved {
                removed_rows.insert(row);
            }
        }
        let mut out: BTreeMap<String, DataStatus> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            let row = i as u64 + 1;
            let key = InstitutionCode::parse(&r.institution_code)
                .map(|c| c.digits())
                .unwrap_or_else(|_| trim(&r.institution_code).to_owned());
            let entry = out.entry(key).or_default();
            if removed_rows.contains(&row) {
                continue;
            }
            match errors_by_row.get(&row) {
                Some(&n) => entry.errors += n,
                None => entry.counted += 1,
            }
        }
        out
    }
}

/// A command to the workflow, as a caller (or one line of `lec round replay`) gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Command {
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: Action,
    /// The target unit's code: a 2-digit province, an 8-digit LAO login (7 digits accepted), a
    /// 10-digit institution code.
    pub unit: String,
    /// The unit's data status: on an institution's `confirm` (else the last `edit`'s is used),
    /// on `confirm_headcounts`, and on `edit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataStatus>,
    /// ผู้รับผิดชอบ — the responsible officer who acts (an identifier such as a staff ID; blank:
    /// not named). Recorded in the event and its hash; personal data, masked in output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer: Option<String>,
    /// The spot check a `spot_check` command records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<SpotCheck>,
}

impl Command {
    /// A command with no data status, officer or check.
    pub fn new(actor: Actor, action: Action, unit: impl Into<String>) -> Command {
        Command { actor, action, unit: unit.into(), data: None, officer: None, check: None }
    }
}

macro_rules! rejection_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $th:literal, $en:literal; )*) => {
        /// A stable rejection code (`WF_*`, findings.md). A rejected command changes nothing.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum RejectionCode {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )*
        }

        impl RejectionCode {
            /// Every code, in precedence order (when several apply, the first wins).
            pub const ALL: &'static [RejectionCode] = &[$(RejectionCode::$variant),*];

            /// The stable code string, e.g. `WF_CLOSED`.
            pub fn as_str(self) -> &'static str {
                match self { $(RejectionCode::$variant => $code,)* }
            }

            fn templates(self) -> (&'static str, &'static str) {
                match self { $(RejectionCode::$variant => ($th, $en),)* }
            }

            /// Looks a code up by its string form.
            pub fn parse(code: &str) -> Option<RejectionCode> {
                match code { $($code => Some(RejectionCode::$variant),)* _ => None }
            }
        }
    };
}

rejection_codes! {
    /// No such institution / LAO / province in the registry.
    UnknownUnit = "WF_UNKNOWN_UNIT",
        "ไม่พบหน่วยงาน `{u}` ในทะเบียน",
        "unit `{u}` is not in the registry";
    /// Before the round opens.
    NotOpen = "WF_NOT_OPEN",
        "ระบบยังไม่เปิด (เปิด {t})",
        "the round is not open yet (it opens {t})";
    /// After the round closes.
    Closed = "WF_CLOSED",
        "ระบบปิดการบันทึกข้อมูลแล้ว ({t})",
        "the round is closed (it closed {t})";
    /// A command dated before the last recorded event.
    OutOfOrder = "WF_OUT_OF_ORDER",
        "เวลาของคำสั่งอยู่ก่อนเหตุการณ์ล่าสุด ({t})",
        "the command is dated before the last recorded event ({t})";
    /// The actor may not do this to this unit (wrong level, or outside its subtree).
    Forbidden = "WF_FORBIDDEN",
        "{a} `{c}` ไม่มีสิทธิ์{x}หน่วยงาน `{u}`",
        "{a} `{c}` may not {x} unit `{u}`";
    /// A unit the registry marks as taking no part this round (inactive, closed, merged, or
    /// under such a unit) confirms.
    UnitInactive = "WF_UNIT_INACTIVE",
        "`{u}` ไม่ได้ร่วมการบันทึกข้อมูลรอบนี้ (สถานะในทะเบียน: {p}) ยืนยันไม่ได้",
        "`{u}` takes no part in this round (registry status: {p}) and cannot confirm";
    /// An LAO with no active other-affiliation school in the registry confirms headcounts.
    NothingToConfirm = "WF_NOTHING_TO_CONFIRM",
        "`{u}` ไม่มีโรงเรียนสังกัดอื่นในทะเบียน ไม่มีจำนวนนักเรียนให้ยืนยัน",
        "`{u}` has no other-affiliation school in the registry: there are no headcounts to confirm";
    /// A `spot_check` command without its check (seed and result).
    CheckMissing = "WF_CHECK_MISSING",
        "การสุ่มตรวจ `{u}` ต้องระบุ seed และผลการตรวจ (ok หรือ issues)",
        "a spot check of `{u}` needs its seed and result (ok or issues)";
    /// An institution or LAO confirms after its level's deadline.
    DeadlinePassed = "WF_DEADLINE_PASSED",
        "พ้นกำหนดยืนยันข้อมูลของ `{u}` แล้ว ({t})",
        "the confirmation deadline of `{u}` has passed ({t})";
    /// Confirming what is confirmed.
    AlreadyConfirmed = "WF_ALREADY_CONFIRMED",
        "`{u}` ยืนยันข้อมูลแล้ว",
        "`{u}` is already confirmed";
    /// Cancelling what is not confirmed.
    NotConfirmed = "WF_NOT_CONFIRMED",
        "`{u}` ยังไม่ได้ยืนยันข้อมูล",
        "`{u}` is not confirmed";
    /// Editing the records of a confirmed institution.
    Locked = "WF_LOCKED",
        "ข้อมูลของ `{u}` ยืนยันแล้ว ต้องยกเลิกการยืนยันก่อนแก้ไข",
        "the data of `{u}` is confirmed: its confirmation must be cancelled before an edit";
    /// Cancelling an institution while its LAO is confirmed, or an LAO while its province is.
    ParentConfirmed = "WF_PARENT_CONFIRMED",
        "หน่วยงานต้นสังกัด `{p}` ยืนยันข้อมูลแล้ว ต้องยกเลิกการยืนยันของ `{p}` ก่อน",
        "the unit above, `{p}`, is confirmed: its confirmation must be cancelled first";
    /// An LAO with an unconfirmed institution, or a province with an unconfirmed LAO, confirms.
    ChildrenPending = "WF_CHILDREN_PENDING",
        "`{u}` ยังมีหน่วยงานในสังกัดที่ยังไม่ยืนยันข้อมูล: {p}",
        "`{u}` still has units that have not confirmed: {p}";
    /// An institution with no counted records confirms.
    Empty = "WF_EMPTY",
        "`{u}` ไม่มีข้อมูลนักเรียนที่นับได้ ยืนยันไม่ได้",
        "`{u}` has no counted records to confirm";
    /// A unit whose data still has `error` findings confirms.
    HasErrors = "WF_HAS_ERRORS",
        "ข้อมูลของ `{u}` ยังมีข้อผิดพลาด {p} รายการ",
        "the data of `{u}` still has {p} errors";
}

impl fmt::Display for RejectionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A rejected command: exactly one code, and why, in Thai and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message_en}")]
pub struct Rejection {
    /// The code.
    pub code: RejectionCode,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

#[derive(Default)]
struct Fill<'a> {
    unit: &'a str,
    time: String,
    parent: String,
    actor_level: (&'a str, &'a str),
    actor_code: &'a str,
    verb: (&'a str, &'a str),
}

fn reject(code: RejectionCode, f: Fill<'_>) -> Rejection {
    let (th, en) = code.templates();
    let fill = |t: &str, lang_th: bool| {
        t.replace("{u}", f.unit)
            .replace("{t}", &f.time)
            .replace("{p}", &f.parent)
            .replace("{a}", if lang_th { f.actor_level.0 } else { f.actor_level.1 })
            .replace("{c}", f.actor_code)
            .replace("{x}", if lang_th { f.verb.0 } else { f.verb.1 })
    };
    Rejection { code, message_th: fill(th, true), message_en: fill(en, false) }
}

/// The confirmation state of one unit (or of an LAO's headcounts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitState {
    /// Confirmed now.
    pub confirmed: bool,
    /// When it was last confirmed (while confirmed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<BangkokTime>,
    /// The last known data status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataStatus>,
    /// It confirmed and that confirmation was cancelled (or withdrawn by a headcount edit): it
    /// may confirm again until the close, past its level's deadline, whenever the cancel
    /// happened (policy `late_reconfirm_after_cancel`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub may_reconfirm_late: bool,
}

impl UnitState {
    /// Whether the unit has recorded anything (§9.2): its last known data status holds at least
    /// one record or headcount form, counted or with errors. Known from the `data` of its `edit`
    /// and `confirm` commands.
    pub fn recorded(&self) -> bool {
        self.data.is_some_and(|d| d.counted + d.errors > 0)
    }
}

/// The head of the event log: the last sequence number, its hash and its time.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogHead {
    /// The last event's sequence number (0: none yet).
    pub seq: u64,
    /// The last event's hash (before any event: the round's genesis hash).
    pub hash: String,
    /// The last event's time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<BangkokTime>,
}

/// The state of a round: every unit that has been acted on (absent units are unconfirmed, with
/// no data), and the head of the event log. Serialisable for the host's database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoundState {
    /// The round, `2567/2`.
    pub round: String,
    /// Institutions, by code.
    pub institutions: BTreeMap<String, UnitState>,
    /// LAOs, by 8-digit login.
    pub laos: BTreeMap<String, UnitState>,
    /// LAOs' other-affiliation headcounts, by the LAO's login.
    pub headcounts: BTreeMap<String, UnitState>,
    /// Provinces, by 2-digit code.
    pub provinces: BTreeMap<String, UnitState>,
    /// Each spot-checked institution's last check (§9.4), by institution code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub spot_checks: BTreeMap<String, SpotCheckRecord>,
    /// The head of the event log.
    pub head: LogHead,
}

impl RoundState {
    /// The state of a round before any event.
    pub fn new(calendar: &RoundCalendar) -> RoundState {
        RoundState {
            round: calendar.id(),
            institutions: BTreeMap::new(),
            laos: BTreeMap::new(),
            headcounts: BTreeMap::new(),
            provinces: BTreeMap::new(),
            spot_checks: BTreeMap::new(),
            head: LogHead { seq: 0, hash: log::genesis_hash(calendar), at: None },
        }
    }

    fn get(&self, target: Target) -> UnitState {
        let (map, key) = self.slot(target);
        map.get(&key).copied().unwrap_or_default()
    }

    fn slot(&self, target: Target) -> (&BTreeMap<String, UnitState>, String) {
        match target {
            Target::Unit(UnitId::Institution(c)) => (&self.institutions, c.digits()),
            Target::Unit(UnitId::Lao(c)) => (&self.laos, c.login()),
            Target::Unit(UnitId::Province(p)) => (&self.provinces, format!("{p:02}")),
            Target::Headcounts(c) => (&self.headcounts, c.login()),
        }
    }

    fn slot_mut(&mut self, target: Target) -> &mut UnitState {
        let (map, key) = match target {
            Target::Unit(UnitId::Institution(c)) => (&mut self.institutions, c.digits()),
            Target::Unit(UnitId::Lao(c)) => (&mut self.laos, c.login()),
            Target::Unit(UnitId::Province(p)) => (&mut self.provinces, format!("{p:02}")),
            Target::Headcounts(c) => (&mut self.headcounts, c.login()),
        };
        map.entry(key).or_default()
    }

    /// Whether an institution is confirmed.
    pub fn institution_confirmed(&self, code: InstitutionCode) -> bool {
        self.get(Target::Unit(UnitId::Institution(code))).confirmed
    }

    /// Whether an LAO is confirmed.
    pub fn lao_confirmed(&self, code: LaoCode) -> bool {
        self.get(Target::Unit(UnitId::Lao(code))).confirmed
    }

    /// Whether an LAO's other-affiliation headcounts are confirmed.
    pub fn headcounts_confirmed(&self, code: LaoCode) -> bool {
        self.get(Target::Headcounts(code)).confirmed
    }

    /// Whether a province is confirmed.
    pub fn province_confirmed(&self, code: u8) -> bool {
        self.get(Target::Unit(UnitId::Province(code))).confirmed
    }
}

/// A unit of the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum UnitId {
    /// A province by code.
    Province(u8),
    /// An LAO.
    Lao(LaoCode),
    /// An institution.
    Institution(InstitutionCode),
}

impl UnitId {
    /// Resolves a unit code against the registry by its form: 2 digits a province, 7–8 an LAO,
    /// 10 an institution. `None` when no such unit is registered.
    pub fn resolve(registry: &Registry, code: &str) -> Option<UnitId> {
        let t = trim(code);
        match t.chars().count() {
            2 => crate::province::parse(t)
                .map(|p| p.code)
                .filter(|p| registry.province(*p).is_some())
                .map(UnitId::Province),
            7 | 8 => LaoCode::parse(t).ok().filter(|c| registry.lao(*c).is_some()).map(UnitId::Lao),
            10 => {
                InstitutionCode::parse(t).ok().filter(|c| registry.institution(*c).is_some()).map(UnitId::Institution)
            }
            _ => None,
        }
    }

    /// The level of the unit.
    pub fn level(self) -> Level {
        match self {
            UnitId::Province(_) => Level::Province,
            UnitId::Lao(_) => Level::Lao,
            UnitId::Institution(_) => Level::Institution,
        }
    }

    /// The canonical code: `58`, `06580102`, `3058600001`.
    pub fn code(self) -> String {
        match self {
            UnitId::Province(p) => format!("{p:02}"),
            UnitId::Lao(c) => c.login(),
            UnitId::Institution(c) => c.digits(),
        }
    }
}

/// What an action acts on: a unit's own confirmation, or an LAO's headcount confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Unit(UnitId),
    Headcounts(LaoCode),
}

impl Target {
    /// The headcount actions, and an edit of an LAO (its headcounts), act on the LAO's
    /// headcounts; every other action on the unit itself (a spot check: the institution).
    fn of(action: Action, unit: UnitId) -> Target {
        match (action, unit) {
            (Action::ConfirmHeadcounts | Action::CancelHeadcounts | Action::Edit, UnitId::Lao(c)) => {
                Target::Headcounts(c)
            }
            _ => Target::Unit(unit),
        }
    }
}

/// What a command is checked against: the registry, the calendar and the workflow policy.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// The registry of units.
    pub registry: &'a Registry,
    /// The round's calendar.
    pub calendar: &'a RoundCalendar,
    /// The workflow policy.
    pub policy: &'a WorkflowPolicy,
}

/// One accepted command, as recorded: who, what, when, the unit's previous state, and the
/// hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Sequence number, from 1.
    pub seq: u64,
    /// When (Asia/Bangkok).
    pub at: BangkokTime,
    /// Who.
    pub actor: Actor,
    /// What.
    pub action: Action,
    /// The unit's canonical code.
    pub unit: String,
    /// The data status the command carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataStatus>,
    /// The responsible officer named by the command (unmasked: the log is the record; mask
    /// with [`mask_officer`] for output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub officer: Option<String>,
    /// The spot check a `spot_check` event records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<SpotCheck>,
    /// The unit's state before the event (for headcount actions: the headcounts' state).
    pub previous: UnitState,
    /// The previous event's hash (the round's genesis hash for the first event).
    pub prev_hash: String,
    /// SHA-256 (hex) of this event without its hash, chained to `prev_hash`.
    pub hash: String,
}

fn level_names(level: Level) -> (&'static str, &'static str) {
    match level {
        Level::Department => ("กรม", "the department"),
        Level::Province => ("จังหวัด", "province"),
        Level::Lao => ("อปท.", "LAO"),
        Level::Institution => ("สถานศึกษา", "institution"),
    }
}

fn verb(action: Action) -> (&'static str, &'static str) {
    match action {
        Action::Confirm => ("ยืนยันข้อมูลของ", "confirm"),
        Action::ConfirmHeadcounts => ("ยืนยันจำนวนนักเรียนสังกัดอื่นของ", "confirm the other-affiliation headcounts of"),
        Action::Cancel => ("ยกเลิกการยืนยันของ", "cancel the confirmation of"),
        Action::CancelHeadcounts => ("ยกเลิกการยืนยันจำนวนนักเรียนสังกัดอื่นของ", "cancel the headcount confirmation of"),
        Action::Edit => ("แก้ไขข้อมูลของ", "edit the data of"),
        Action::Withdraw => ("ถอนการยืนยันของ", "withdraw the confirmation of"),
        Action::SpotCheck => ("สุ่มตรวจ", "spot-check"),
    }
}

/// Whether `actor` may perform `action` on `unit` (the authorization rules, §8 and the
/// subtree rule): each unit confirms and edits itself; the level directly above cancels.
pub fn is_allowed(rules: &Rules<'_>, actor: &Actor, action: Action, unit: UnitId) -> bool {
    let reg = rules.registry;
    let is_inst =
        |c: InstitutionCode| actor.level == Level::Institution && InstitutionCode::parse(&actor.code).ok() == Some(c);
    let is_lao = |c: LaoCode| actor.level == Level::Lao && LaoCode::parse(&actor.code).ok() == Some(c);
    let is_prov =
        |p: u8| actor.level == Level::Province && crate::province::parse(&actor.code).map(|x| x.code) == Some(p);
    match (action, unit) {
        (Action::Confirm | Action::Edit, UnitId::Institution(c)) => is_inst(c),
        (Action::Confirm | Action::ConfirmHeadcounts | Action::Edit, UnitId::Lao(c)) => is_lao(c),
        (Action::Confirm, UnitId::Province(p)) => is_prov(p),
        (Action::Cancel, UnitId::Institution(c)) => reg.institution(c).is_some_and(|i| is_lao(i.lao)),
        (Action::SpotCheck, UnitId::Institution(c)) => {
            reg.institution(c).and_then(|i| reg.lao(i.lao)).is_some_and(|l| is_prov(l.province))
        }
        (Action::Cancel, UnitId::Lao(c)) => reg.lao(c).is_some_and(|l| is_prov(l.province)),
        (Action::CancelHeadcounts, UnitId::Lao(c)) => {
            rules.policy.province_may_cancel_headcounts && reg.lao(c).is_some_and(|l| is_prov(l.province))
        }
        (Action::Cancel, UnitId::Province(_)) => {
            actor.level == Level::Department
                && !trim(&actor.code).is_empty()
                && rules.policy.department_may_cancel_province
        }
        _ => false,
    }
}

fn deadline(rules: &Rules<'_>, target: Target) -> BangkokTime {
    let c = rules.calendar;
    match target {
        Target::Unit(UnitId::Institution(i)) => match rules.registry.institution(i) {
            Some(u) => c.institution_deadline_of(u.lao),
            None => c.institution_deadline,
        },
        Target::Unit(UnitId::Lao(_)) | Target::Headcounts(_) => c.lao_deadline,
        Target::Unit(UnitId::Province(_)) => c.province_deadline,
    }
}

/// Checks a command against the rules and the state at `now`: the events to record (one, or
/// two for an LAO's headcount edit that withdraws its province's confirmation), or the one rejection that applies first in the order of findings.md.
/// Nothing is changed: record the events with [`RoundState::record`] (or use [`Round`]).
pub fn apply(
    rules: &Rules<'_>,
    state: &RoundState,
    command: &Command,
    now: BangkokTime,
) -> Result<Vec<Event>, Rejection> {
    let unit_text = trim(&command.unit);
    let Some(unit) = UnitId::resolve(rules.registry, unit_text) else {
        return Err(reject(RejectionCode::UnknownUnit, Fill { unit: unit_text, ..Fill::default() }));
    };
    let code = unit.code();
    let fill = || Fill { unit: &code, ..Fill::default() };
    let cal = rules.calendar;
    if now < cal.opens {
        return Err(reject(RejectionCode::NotOpen, Fill { time: cal.opens.display_th(), ..fill() }));
    }
    if now > cal.closes {
        return Err(reject(RejectionCode::Closed, Fill { time: cal.closes.display_th(), ..fill() }));
    }
    if let Some(last) = state.head.at
        && now < last
    {
        return Err(reject(RejectionCode::OutOfOrder, Fill { time: last.to_string(), ..fill() }));
    }
    if !is_allowed(rules, &command.actor, command.action, unit) {
        return Err(reject(
            RejectionCode::Forbidden,
            Fill {
                actor_level: level_names(command.actor.level),
                actor_code: trim(&command.actor.code),
                verb: verb(command.action),
                ..fill()
            },
        ));
    }
    let target = Target::of(command.action, unit);
    let current = state.get(target);
    let confirming = matches!(command.action, Action::Confirm | Action::ConfirmHeadcounts);
    if confirming && let Some(status) = inactive_status(rules.registry, unit) {
        return Err(reject(RejectionCode::UnitInactive, Fill { parent: status, ..fill() }));
    }
    if command.action == Action::ConfirmHeadcounts
        && let UnitId::Lao(l) = unit
        && rules.registry.active_other_schools_of(l).next().is_none()
    {
        return Err(reject(RejectionCode::NothingToConfirm, fill()));
    }
    if command.action == Action::SpotCheck && command.check.is_none() {
        return Err(reject(RejectionCode::CheckMissing, fill()));
    }
    if confirming {
        let due = deadline(rules, target);
        if now > due && !(rules.policy.late_reconfirm_after_cancel && current.may_reconfirm_late) {
            return Err(reject(RejectionCode::DeadlinePassed, Fill { time: due.display_th(), ..fill() }));
        }
    }
    check_state(rules, state, command, target, current).map_err(|(c, parent)| reject(c, Fill { parent, ..fill() }))?;
    let actor = Actor { level: command.actor.level, code: trim(&command.actor.code).to_owned() };
    let officer = command.officer.as_deref().map(trim).filter(|o| !o.is_empty()).map(str::to_owned);
    let mut event = Event {
        seq: state.head.seq + 1,
        at: now,
        actor: actor.clone(),
        action: command.action,
        unit: code,
        data: command.data,
        officer: officer.clone(),
        check: if command.action == Action::SpotCheck { command.check.clone() } else { None },
        previous: current,
        prev_hash: state.head.hash.clone(),
        hash: String::new(),
    };
    event.hash = log::event_hash(&event);
    let mut events = vec![event];
    // §4.2(4): an LAO's headcount edit withdraws the province's confirmation too
    if let (Action::Edit, Target::Headcounts(l)) = (command.action, target)
        && let Some(p) = rules.registry.lao(l).map(|u| u.province)
        && state.province_confirmed(p)
    {
        let prev_hash = events.last().map(|e| e.hash.clone()).unwrap_or_default();
        let mut withdraw = Event {
            seq: state.head.seq + 2,
            at: now,
            actor,
            action: Action::Withdraw,
            unit: format!("{p:02}"),
            data: None,
            officer,
            check: None,
            previous: state.get(Target::Unit(UnitId::Province(p))),
            prev_hash,
            hash: String::new(),
        };
        withdraw.hash = log::event_hash(&withdraw);
        events.push(withdraw);
    }
    Ok(events)
}

/// The registry status that keeps a unit from confirming, if it takes no part this round (its
/// own status, or the status of the unit above it that takes no part).
fn inactive_status(reg: &Registry, unit: UnitId) -> Option<String> {
    let (own, lao, province) = match unit {
        UnitId::Institution(i) => {
            let u = reg.institution(i)?;
            let l = reg.lao(u.lao)?;
            (u.status, Some(l.status), reg.province(l.province).map(|p| p.status))
        }
        UnitId::Lao(c) => {
            let l = reg.lao(c)?;
            (l.status, None, reg.province(l.province).map(|p| p.status))
        }
        UnitId::Province(p) => (reg.province(p)?.status, None, None),
    };
    [Some(own), lao, province].into_iter().flatten().find(|s| !s.is_active()).map(|s| s.as_str().to_owned())
}

/// The state preconditions, in the order of findings.md; the error carries the `{p}` detail.
fn check_state(
    rules: &Rules<'_>,
    state: &RoundState,
    command: &Command,
    target: Target,
    current: UnitState,
) -> Result<(), (RejectionCode, String)> {
    let reg = rules.registry;
    match (command.action, target) {
        (Action::Confirm, Target::Unit(unit)) => {
            if current.confirmed {
                return Err((RejectionCode::AlreadyConfirmed, String::new()));
            }
            match unit {
                UnitId::Institution(_) => {
                    let data = command.data.or(current.data);
                    match data {
                        None => return Err((RejectionCode::Empty, String::new())),
                        Some(d) if d.counted == 0 => return Err((RejectionCode::Empty, String::new())),
                        Some(d) if d.errors > 0 => return Err((RejectionCode::HasErrors, d.errors.to_string())),
                        Some(_) => {}
                    }
                }
                UnitId::Lao(_) => {
                    let pending = waiting_for(rules, state, unit);
                    if !pending.is_empty() {
                        return Err((RejectionCode::ChildrenPending, list(&pending)));
                    }
                    if let Some(d) = command.data
                        && d.errors > 0
                    {
                        return Err((RejectionCode::HasErrors, d.errors.to_string()));
                    }
                }
                UnitId::Province(_) => {
                    let pending = waiting_for(rules, state, unit);
                    if !pending.is_empty() {
                        return Err((RejectionCode::ChildrenPending, list(&pending)));
                    }
                }
            }
        }
        (Action::ConfirmHeadcounts, _) => {
            if current.confirmed {
                return Err((RejectionCode::AlreadyConfirmed, String::new()));
            }
            if let Some(d) = command.data.or(current.data)
                && d.errors > 0
            {
                return Err((RejectionCode::HasErrors, d.errors.to_string()));
            }
        }
        (Action::Cancel | Action::CancelHeadcounts, _) => {
            if !current.confirmed {
                return Err((RejectionCode::NotConfirmed, String::new()));
            }
            let parent = match target {
                Target::Unit(UnitId::Institution(c)) => {
                    reg.institution(c).map(|i| i.lao).filter(|l| state.lao_confirmed(*l)).map(|l| l.login())
                }
                Target::Unit(UnitId::Lao(c)) | Target::Headcounts(c) => {
                    reg.lao(c).map(|l| l.province).filter(|p| state.province_confirmed(*p)).map(|p| format!("{p:02}"))
                }
                Target::Unit(UnitId::Province(_)) => None,
            };
            if let Some(p) = parent {
                return Err((RejectionCode::ParentConfirmed, p));
            }
        }
        (Action::Edit, Target::Unit(_)) => {
            if current.confirmed {
                return Err((RejectionCode::Locked, String::new()));
            }
        }
        // §4.2(4): the LAO edits its headcounts whenever the round is open; the edit withdraws
        (Action::Edit, Target::Headcounts(_)) => {}
        (Action::SpotCheck, _) | (Action::Withdraw, _) | (Action::Confirm, Target::Headcounts(_)) => {}
    }
    Ok(())
}

/// The units below `unit` that keep it from confirming (§7.2, §9.2): an LAO's unconfirmed
/// active institutions; a province's unconfirmed active LAOs and, when the policy asks, the
/// LAOs whose other-affiliation headcounts (of active schools) are unconfirmed. Units the
/// registry marks as taking no part are not waited for. Both the `WF_CHILDREN_PENDING` refusal and the
/// pending list read it.
pub(crate) fn waiting_for(rules: &Rules<'_>, state: &RoundState, unit: UnitId) -> Vec<String> {
    let reg = rules.registry;
    match unit {
        UnitId::Institution(_) => Vec::new(),
        UnitId::Lao(c) => {
            reg.active_institutions_of(c).filter(|i| !state.institution_confirmed(*i)).map(|i| i.digits()).collect()
        }
        UnitId::Province(p) => {
            let laos: Vec<LaoCode> = reg.active_laos_of(p).collect();
            let mut out: Vec<String> = laos.iter().filter(|l| !state.lao_confirmed(**l)).map(|l| l.login()).collect();
            if rules.policy.province_requires_headcounts {
                out.extend(
                    laos.iter()
                        .filter(|l| {
                            reg.active_other_schools_of(**l).next().is_some() && !state.headcounts_confirmed(**l)
                        })
                        .map(|l| format!("{} (headcounts)", l.login())),
                );
            }
            out
        }
    }
}

fn list(codes: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut s = codes.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if codes.len() > SHOWN {
        s.push_str(&format!(" (+{})", codes.len() - SHOWN));
    }
    s
}

impl RoundState {
    /// Records accepted events (from [`apply`]) into the state.
    pub fn record(&mut self, rules: &Rules<'_>, events: &[Event]) {
        for e in events {
            self.record_one(rules, e);
        }
    }

    fn record_one(&mut self, rules: &Rules<'_>, e: &Event) {
        let Some(unit) = UnitId::resolve(rules.registry, &e.unit) else { return };
        let target = Target::of(e.action, unit);
        if e.action == Action::SpotCheck {
            if let Some(check) = &e.check {
                let record = SpotCheckRecord {
                    at: e.at,
                    province: e.actor.code.clone(),
                    officer: e.officer.clone(),
                    check: check.clone(),
                };
                self.spot_checks.insert(e.unit.clone(), record);
            }
            self.head = LogHead { seq: e.seq, hash: e.hash.clone(), at: Some(e.at) };
            return;
        }
        let slot = self.slot_mut(target);
        match e.action {
            Action::Confirm | Action::ConfirmHeadcounts => {
                slot.confirmed = true;
                slot.confirmed_at = Some(e.at);
                slot.may_reconfirm_late = false;
                if e.data.is_some() {
                    slot.data = e.data;
                }
            }
            // whenever it happens, a cancel (or a withdrawal) lets the unit confirm again until
            // the close: it had confirmed (by its deadline, or late by this same right)
            Action::Cancel | Action::CancelHeadcounts | Action::Withdraw => {
                slot.confirmed = false;
                slot.confirmed_at = None;
                slot.may_reconfirm_late = true;
            }
            Action::Edit => {
                slot.data = e.data;
                // only a headcount edit can reach a confirmed slot: it withdraws (§4.2(4))
                if slot.confirmed {
                    slot.confirmed = false;
                    slot.confirmed_at = None;
                    slot.may_reconfirm_late = true;
                }
            }
            Action::SpotCheck => {}
        }
        self.head = LogHead { seq: e.seq, hash: e.hash.clone(), at: Some(e.at) };
    }
}

/// A round with its rules, state and event log: the convenient owner for hosts and bindings.
#[derive(Debug, Clone)]
pub struct Round {
    registry: std::sync::Arc<Registry>,
    calendar: RoundCalendar,
    policy: WorkflowPolicy,
    state: RoundState,
    events: Vec<Event>,
}

impl Round {
    /// A new round with no events.
    pub fn new(registry: std::sync::Arc<Registry>, calendar: RoundCalendar, policy: WorkflowPolicy) -> Round {
        let state = RoundState::new(&calendar);
        Round { registry, calendar, policy, state, events: Vec::new() }
    }

    /// Rebuilds a round from its event log, checking every link and every event's legality.
    pub fn from_events(
        registry: std::sync::Arc<Registry>,
        calendar: RoundCalendar,
        policy: WorkflowPolicy,
        events: Vec<Event>,
    ) -> Result<Round, ReplayError> {
        let state = {
            let rules = Rules { registry: &registry, calendar: &calendar, policy: &policy };
            replay(&rules, &events)?
        };
        Ok(Round { registry, calendar, policy, state, events })
    }

    /// The rules the round checks against.
    pub fn rules(&self) -> Rules<'_> {
        Rules { registry: &self.registry, calendar: &self.calendar, policy: &self.policy }
    }

    /// Applies a command at `now`: on acceptance the events are recorded and returned.
    pub fn execute(&mut self, command: &Command, now: BangkokTime) -> Result<Vec<Event>, Rejection> {
        let rules = Rules { registry: &self.registry, calendar: &self.calendar, policy: &self.policy };
        let events = apply(&rules, &self.state, command, now)?;
        self.state.record(&rules, &events);
        self.events.extend(events.iter().cloned());
        Ok(events)
    }

    /// The current state.
    pub fn state(&self) -> &RoundState {
        &self.state
    }

    /// The event log so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The calendar.
    pub fn calendar(&self) -> &RoundCalendar {
        &self.calendar
    }

    /// The registry.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }
}
