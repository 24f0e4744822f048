//! The confirmation workflow (การยืนยันข้อมูล): a round with its calendar, its state and its
//! tamper-evident event log. Commands, events and the state are the core's JSON shapes (the
//! keys of `lec round` and of the event log files), so a host stores them as they are.

use crate::errors::{invalid_value, out_of_range, throw, unreadable, whole};
use crate::options::{Policy, Registry};
use lec_core::workflow::{BangkokTime, RoundCalendar, Rules, UnitId, WorkflowPolicy};
use napi::bindgen_prelude::{BigInt, ClassInstance, Either, Env};
use napi::{JsValue, Status};
use napi_derive::napi;
use std::sync::Arc;

/// A rejected command: exactly one stable code (`WF_CLOSED`, `WF_FORBIDDEN`, …; the catalogue is
/// `docs/findings.md`) and why, in Thai and English. A rejected command changes nothing.
#[napi(object, object_from_js = false)]
pub struct Rejection {
    /// The code, e.g. `WF_DEADLINE_PASSED`.
    pub code: String,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

/// What `Round.apply` decided: the events recorded (one per accepted command), or the rejection.
#[napi(object, object_from_js = false, use_nullable = true)]
pub struct ApplyResult {
    /// Whether the command was accepted (its events are recorded in the round).
    pub accepted: bool,
    /// The events recorded: store them, in order, in the host's database.
    #[napi(ts_type = "Array<RoundEvent>")]
    pub events: Vec<serde_json::Value>,
    /// Why the command was rejected, when it was.
    pub rejection: Option<Rejection>,
}

#[doc = " รอบการยืนยันข้อมูล — one round of the confirmation workflow: institutions confirm their"]
/// records, an LAO once all its institutions have (and its other-affiliation headcounts), a
/// province once all its LAOs have; the level directly above cancels a confirmation so data can
/// be fixed; all within the round's calendar. The event log (`events`) is the record to keep:
/// `Round.fromEvents` rebuilds the round from it, checking every link of its hash chain.
#[napi]
pub struct Round {
    inner: lec_core::workflow::Round,
}

#[napi]
impl Round {
    /// A new round with no events. `calendar` is a shipped calendar's id (`2567-2`) or a
    /// calendar object with the keys of a calendar file (`academic_year`, `round`, `opens`,
    /// `institution_deadline`, `lao_deadline`, `province_deadline`, `closes`); the workflow
    /// rules come from `policy` (its `workflow` keys; default: `new Policy()`).
    #[napi(catch_unwind, constructor)]
    pub fn new(
        env: &Env,
        registry: &Registry,
        #[napi(ts_arg_type = "string | RoundCalendar")] calendar: serde_json::Value,
        policy: Option<ClassInstance<'_, Policy>>,
    ) -> napi::Result<Round> {
        let calendar = calendar_of(env, &calendar)?;
        let workflow = workflow_policy(policy.as_ref());
        Ok(Round { inner: lec_core::workflow::Round::new(Arc::clone(&registry.inner), calendar, workflow) })
    }

    /// Rebuilds a round from its event log (as `events` gave it), checking each event: its
    /// sequence number, its link to the previous hash, its own hash, and that the rules accept
    /// it as recorded. A broken log throws an `InvalidLogError` (kind `invalid_log`, code
    /// `WF_LOG_BROKEN`) with the `index` of the first bad event and the `problem` (`unreadable`,
    /// `sequence`, `broken_chain`, `tampered`, `illegal`).
    #[napi(catch_unwind, factory)]
    pub fn from_events(
        env: &Env,
        registry: &Registry,
        #[napi(ts_arg_type = "string | RoundCalendar")] calendar: serde_json::Value,
        #[napi(ts_arg_type = "Array<RoundEvent>")] events: Vec<serde_json::Value>,
        policy: Option<ClassInstance<'_, Policy>>,
    ) -> napi::Result<Round> {
        let calendar = calendar_of(env, &calendar)?;
        let workflow = workflow_policy(policy.as_ref());
        let mut parsed = Vec::with_capacity(events.len());
        for (index, e) in events.into_iter().enumerate() {
            match serde_json::from_value::<lec_core::workflow::Event>(e) {
                Ok(e) => parsed.push(e),
                Err(e) => {
                    let en = format!("event {} of the log is bad: not an event ({e})", index + 1);
                    let th = format!("บันทึกเหตุการณ์ลำดับที่ {} ไม่ถูกต้อง: ไม่ใช่บันทึกเหตุการณ์ ({e})", index + 1);
                    return Err(throw_log_broken(env, index, "unreadable", &th, &en));
                }
            }
        }
        lec_core::workflow::Round::from_events(Arc::clone(&registry.inner), calendar, workflow, parsed)
            .map(|inner| Round { inner })
            .map_err(|e| {
                let problem = serde_json::to_value(e.problem).ok();
                let problem = problem.as_ref().and_then(|p| p.as_str()).unwrap_or("unreadable");
                throw_log_broken(env, e.index, problem, &e.message_th, &e.message_en)
            })
    }

    /// Applies a command at `now` (RFC 3339, e.g. `2024-11-11T16:30:00+07:00` or
    /// `new Date().toISOString()`; the library reads no clock): the events recorded, or the one
    /// rejection that applies first. A command that is not a command, or a `now` that is not a
    /// time, throws a `TypeError`.
    #[napi(catch_unwind, ts_args_type = "command: RoundCommand, now: string")]
    pub fn apply(&mut self, env: &Env, command: serde_json::Value, now: String) -> napi::Result<ApplyResult> {
        let command: lec_core::workflow::Command =
            serde_json::from_value(command).map_err(|e| type_error(env, &format!("not a workflow command: {e}")))?;
        let now = time(env, &now)?;
        match self.inner.execute(&command, now) {
            Ok(events) => Ok(ApplyResult { accepted: true, events: json_all(&events)?, rejection: None }),
            Err(r) => Ok(ApplyResult {
                accepted: false,
                events: Vec::new(),
                rejection: Some(Rejection {
                    code: r.code.as_str().to_owned(),
                    message_th: r.message_th,
                    message_en: r.message_en,
                }),
            }),
        }
    }

    /// The round's id, e.g. `2567/2`.
    #[napi(getter)]
    pub fn id(&self) -> String {
        self.inner.calendar().id()
    }

    /// The current state: every unit acted on (absent units are unconfirmed), and the head of
    /// the event log.
    #[napi(getter, ts_return_type = "RoundState")]
    pub fn state(&self) -> napi::Result<serde_json::Value> {
        json(self.inner.state())
    }

    /// The event log so far, oldest first.
    #[napi(getter, ts_return_type = "Array<RoundEvent>")]
    pub fn events(&self) -> napi::Result<Vec<serde_json::Value>> {
        json_all(self.inner.events())
    }

    /// The calendar, with the keys of a calendar file.
    #[napi(getter, ts_return_type = "RoundCalendar")]
    pub fn calendar(&self) -> napi::Result<serde_json::Value> {
        json(self.inner.calendar())
    }

    /// The units that have not confirmed at `now` (RFC 3339, as for `apply`), in registry order
    /// (each LAO's institutions, the LAO, its headcounts, then the province): the deadline each
    /// faces, whether it is overdue and which units below it it waits for — what `lec round
    /// status` lists. `within` (a province, LAO or institution code) limits the list to that
    /// unit's part of the tree. A `now` that is not a time, or a `within` that is no registered
    /// unit, throws a `TypeError` (code `ERR_INVALID_ARG_VALUE`).
    #[napi(catch_unwind)]
    pub fn pending(&self, env: &Env, now: String, within: Option<String>) -> napi::Result<Vec<PendingUnit>> {
        let now = time(env, &now)?;
        let within = match within {
            None => None,
            Some(code) => Some(
                UnitId::resolve(self.inner.registry(), &code)
                    .ok_or_else(|| invalid_value(env, &format!("unit `{}` is not in the registry", code.trim())))?,
            ),
        };
        let list = lec_core::workflow::pending(&self.inner.rules(), self.inner.state(), now, within);
        Ok(list.iter().map(PendingUnit::from).collect())
    }

    /// The province's random spot-check sample (§9.4) drawn under this round's rules: see
    /// `spotCheckSample`, which gives the same institutions for the round's registry.
    #[napi(catch_unwind, ts_args_type = "province: number | string, size: number, seed: number | bigint")]
    pub fn spot_check_sample(
        &self,
        env: &Env,
        province: Either<f64, String>,
        size: f64,
        seed: Either<f64, BigInt>,
    ) -> napi::Result<Vec<String>> {
        sample(env, &self.inner.rules(), &province, size, &seed)
    }
}

impl Round {
    /// The core's state, for the budget summary's confirmations.
    pub(crate) fn core_state(&self) -> &lec_core::workflow::RoundState {
        self.inner.state()
    }
}

/// A unit that has not confirmed yet (an entry of `Round.pending`).
#[napi(object, object_from_js = false)]
pub struct PendingUnit {
    /// The unit's level.
    #[napi(ts_type = "'institution' | 'lao' | 'province'")]
    pub level: String,
    /// Whether this is an LAO's confirmation of its other-affiliation headcounts (rather than
    /// of its institutions).
    pub headcounts: bool,
    /// The unit's code: a 10-digit institution, an 8-digit LAO login, a 2-digit province.
    pub code: String,
    /// The unit's registered name.
    pub name: String,
    /// The deadline it faces, RFC 3339 in Asia/Bangkok time (`2024-11-12T17:00:00+07:00`).
    pub deadline: String,
    /// The deadline has passed (and it may not confirm late).
    pub overdue: bool,
    /// Its confirmation was cancelled (or withdrawn by a headcount edit): it may still confirm
    /// until the close.
    pub may_confirm_late: bool,
    /// The units directly below it that keep it from confirming: an LAO's unconfirmed
    /// institutions; a province's unconfirmed LAOs, and LAOs whose other-affiliation headcounts
    /// are unconfirmed written `06580102 (headcounts)` (when the policy asks for them). Units the
    /// registry marks as taking no part this round are not waited for.
    pub waiting_for: Vec<String>,
    /// It has recorded something (§9.2): its last data status holds a record (an LAO: one of
    /// its institutions or its headcounts has; a province: one of its LAOs has).
    pub recorded: bool,
    /// An institution's last spot check (`at`, `province`, `officer` masked, `seed`, `result`
    /// `ok` / `issues`, `note`), if any.
    #[napi(ts_type = "SpotCheckRecord | undefined")]
    pub last_spot_check: Option<serde_json::Value>,
}

impl From<&lec_core::workflow::PendingUnit> for PendingUnit {
    fn from(p: &lec_core::workflow::PendingUnit) -> PendingUnit {
        PendingUnit {
            level: p.level.as_str().to_owned(),
            headcounts: p.headcounts,
            code: p.code.clone(),
            name: p.name.clone(),
            deadline: p.deadline.to_string(),
            overdue: p.overdue,
            may_confirm_late: p.may_confirm_late,
            waiting_for: p.waiting_for.clone(),
            recorded: p.recorded,
            last_spot_check: p.last_spot_check.as_ref().and_then(|c| {
                let mut c = c.clone();
                c.officer = c.officer.as_deref().map(lec_core::workflow::mask_officer);
                serde_json::to_value(c).ok()
            }),
        }
    }
}

/// A province's random spot-check sample of institutions (§9.4): `size` of them (all when it
/// has fewer), drawn without replacement by SplitMix64 from `seed`, in draw order — the same
/// seed gives the same sample on every platform and in every binding (and `lec round sample`).
/// The draw depends on the registry alone. `province` is its code (`58` or `'58'`); `seed` a
/// whole number, or a `bigint` for seeds beyond 2^53 (up to 2^64 − 1).
///
/// A code that is no province throws an `InvalidCodeError` (`PROVINCE_UNKNOWN`); a province not
/// in the registry a `TypeError` (`ERR_INVALID_ARG_VALUE`); a negative or fractional `size` or
/// `seed` a `RangeError` (`ERR_OUT_OF_RANGE`).
#[napi(
    catch_unwind,
    ts_args_type = "registry: Registry, province: number | string, size: number, seed: number | bigint"
)]
pub fn spot_check_sample(
    env: &Env,
    registry: &Registry,
    province: Either<f64, String>,
    size: f64,
    seed: Either<f64, BigInt>,
) -> napi::Result<Vec<String>> {
    // the sample reads only the registry of the rules; the calendar and workflow policy are
    // those a round made with the defaults has
    let calendar = RoundCalendar::r2567_2();
    let policy = WorkflowPolicy::default();
    let rules = Rules { registry: &registry.inner, calendar: &calendar, policy: &policy };
    sample(env, &rules, &province, size, &seed)
}

fn sample(
    env: &Env,
    rules: &Rules<'_>,
    province: &Either<f64, String>,
    size: f64,
    seed: &Either<f64, BigInt>,
) -> napi::Result<Vec<String>> {
    let found = match province {
        Either::A(n) => whole(*n).and_then(|n| u8::try_from(n).ok()).and_then(lec_core::province::by_code),
        Either::B(text) => lec_core::province::parse(text),
    };
    let Some(p) = found else {
        let shown = match province {
            Either::A(n) => n.to_string(),
            Either::B(text) => text.trim().to_owned(),
        };
        let e = lec_core::Error::finding(
            lec_core::ErrorKind::InvalidCode,
            lec_core::FindingCode::ProvinceUnknown,
            &shown,
            lec_core::finding::Detail::none(),
        );
        return Err(throw(env, &e));
    };
    if rules.registry.province(p.code).is_none() {
        return Err(invalid_value(env, &format!("province `{:02}` is not in the registry", p.code)));
    }
    let size = whole(size)
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| out_of_range(env, &format!("`size` must be a whole number from 0, not `{size}`")))?;
    let seed = match seed {
        Either::A(n) => whole(*n).ok_or_else(|| {
            out_of_range(
                env,
                &format!("`seed` must be a whole number from 0 to 2^53 − 1 (or a bigint up to 2^64 − 1), not `{n}`"),
            )
        })?,
        Either::B(b) => match b.get_u64() {
            (false, v, true) => v,
            _ => return Err(out_of_range(env, "`seed` must be a bigint from 0 to 2^64 − 1")),
        },
    };
    Ok(lec_core::workflow::spot_check_sample(rules, p.code, size, seed).iter().map(|c| c.digits()).collect())
}

/// A round calendar shipped with the library, by id (`2567-2` or `2567/2`): round 2567/2 of
#[doc = " circular มท 0816.2/ว 4094 opens 2024-10-01 00:00; institutions and LAOs confirm by the end of"]
/// 2024-11-11, provinces by 2024-11-12 17:00, when entry closes. An unknown id throws an
/// `InvalidConfigError` (`CONFIG_INVALID`).
#[napi(catch_unwind, ts_return_type = "RoundCalendar")]
pub fn builtin_calendar(env: &Env, id: String) -> napi::Result<serde_json::Value> {
    json(&builtin(env, &id)?)
}

/// Reads a round calendar from JSON text with the keys of a calendar file (`academic_year`,
/// `round`, `opens`, `institution_deadline`, `lao_deadline`, `province_deadline`, `closes`; RFC
/// 3339 times, a bare date meaning the end of that day in Bangkok): the calendar with every time
/// written out in full. A missing or unknown key, a bad time or bounds out of order throw an
/// `InvalidConfigError` (`CONFIG_INVALID`).
#[napi(catch_unwind, ts_return_type = "RoundCalendar")]
pub fn calendar_from_json(env: &Env, text: String) -> napi::Result<serde_json::Value> {
    json(&RoundCalendar::from_json(&text).map_err(|e| throw(env, &e))?)
}

/// Reads a round calendar from TOML text (the keys of `calendarFromJson`).
#[napi(catch_unwind, ts_return_type = "RoundCalendar")]
pub fn calendar_from_toml(env: &Env, text: String) -> napi::Result<serde_json::Value> {
    json(&RoundCalendar::from_toml(&text).map_err(|e| throw(env, &e))?)
}

/// Reads a round calendar file: TOML when its name ends in `.toml`, JSON otherwise. An
/// unreadable file throws a `FileError` (`FILE_UNREADABLE`), one that is no calendar an
/// `InvalidConfigError`.
#[napi(catch_unwind, ts_return_type = "RoundCalendar")]
pub fn calendar_from_file(env: &Env, path: String) -> napi::Result<serde_json::Value> {
    let text = std::fs::read_to_string(&path).map_err(|e| throw(env, &unreadable(&path, &e)))?;
    let toml = std::path::Path::new(&path).extension().is_some_and(|x| x.eq_ignore_ascii_case("toml"));
    let calendar = if toml { RoundCalendar::from_toml(&text) } else { RoundCalendar::from_json(&text) };
    json(&calendar.map_err(|e| throw(env, &e))?)
}

/// A shipped calendar, or the `CONFIG_INVALID` error naming the ones there are.
fn builtin(env: &Env, id: &str) -> napi::Result<RoundCalendar> {
    RoundCalendar::builtin(id).map_err(|e| throw(env, &e))
}

/// A time argument (RFC 3339, or a date meaning the end of that day in Bangkok).
fn time(env: &Env, now: &str) -> napi::Result<BangkokTime> {
    BangkokTime::parse(now).ok_or_else(|| type_error(env, &format!("`{now}` is not an RFC 3339 time")))
}

fn calendar_of(env: &Env, value: &serde_json::Value) -> napi::Result<RoundCalendar> {
    match value {
        serde_json::Value::String(id) => builtin(env, id),
        other => RoundCalendar::from_json(&other.to_string()).map_err(|e| throw(env, &e)),
    }
}

fn workflow_policy(policy: Option<&ClassInstance<'_, Policy>>) -> WorkflowPolicy {
    policy.map_or_else(WorkflowPolicy::default, |p| p.inner.workflow.clone())
}

fn json(value: &impl serde::Serialize) -> napi::Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| napi::Error::from_reason(e.to_string()))
}

fn json_all<T: serde::Serialize>(values: &[T]) -> napi::Result<Vec<serde_json::Value>> {
    values.iter().map(json).collect()
}

fn type_error(env: &Env, msg: &str) -> napi::Error {
    invalid_value(env, msg)
}

/// Throws the `WF_LOG_BROKEN` error of a broken event log (family `invalid_log`), with the
/// index of the first bad event and what is wrong with it.
fn throw_log_broken(env: &Env, index: usize, problem: &str, th: &str, en: &str) -> napi::Error {
    let thrown = env.create_error(napi::Error::new(Status::GenericFailure, en)).and_then(|mut obj| {
        let (name, kind) = crate::errors::family(lec_core::ErrorKind::InvalidLog);
        obj.set("code", "WF_LOG_BROKEN")?;
        obj.set("name", name)?;
        obj.set("kind", kind)?;
        obj.set("index", u32::try_from(index).unwrap_or(u32::MAX))?;
        obj.set("problem", problem)?;
        obj.set("messageTh", th)?;
        obj.set("messageEn", en)?;
        env.throw(obj.to_unknown())
    });
    match thrown {
        Ok(()) => napi::Error::new(Status::PendingException, en),
        Err(e) => e,
    }
}

/// Masks a responsible officer's identifier for display (personal data, like IDs): a 13-digit
/// citizen ID as IDs are masked (`1-2345-xxxxx-xx-3`); otherwise the first two and the last two
/// characters are kept and the others become `x` (`EMxxxx42`). The event log keeps officers as
/// recorded.
#[napi(catch_unwind)]
pub fn mask_officer(officer: String) -> String {
    lec_core::workflow::mask_officer(&officer)
}
