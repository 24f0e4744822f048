//! The confirmation workflow (การยืนยันข้อมูล): a round with its calendar, its state and its
//! tamper-evident event log. Commands, events and the state are the core's JSON shapes (the
//! keys of `lec round` and of the event log files), so a host stores them as they are.

use crate::options::{Policy, Registry};
use napi::bindgen_prelude::{ClassInstance, Env};
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
        let now = lec_core::workflow::BangkokTime::parse(&now)
            .ok_or_else(|| type_error(env, &format!("`{now}` is not an RFC 3339 time")))?;
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
}

fn calendar_of(env: &Env, value: &serde_json::Value) -> napi::Result<lec_core::workflow::RoundCalendar> {
    match value {
        serde_json::Value::String(id) => lec_core::workflow::RoundCalendar::builtin(id).ok_or_else(|| {
            let known = lec_core::workflow::calendar::BUILTIN_CALENDARS.join(", ");
            crate::errors::throw(
                env,
                &lec_core::Error::config(
                    format!("ไม่มีปฏิทิน `{id}` (มี {known})"),
                    format!("no shipped calendar `{id}` (there are {known})"),
                ),
            )
        }),
        other => {
            lec_core::workflow::RoundCalendar::from_json(&other.to_string()).map_err(|e| crate::errors::throw(env, &e))
        }
    }
}

fn workflow_policy(policy: Option<&ClassInstance<'_, Policy>>) -> lec_core::workflow::WorkflowPolicy {
    policy.map_or_else(lec_core::workflow::WorkflowPolicy::default, |p| p.inner.workflow.clone())
}

fn json(value: &impl serde::Serialize) -> napi::Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| napi::Error::from_reason(e.to_string()))
}

fn json_all<T: serde::Serialize>(values: &[T]) -> napi::Result<Vec<serde_json::Value>> {
    values.iter().map(json).collect()
}

fn type_error(env: &Env, msg: &str) -> napi::Error {
    match env.throw_type_error(msg, Some("ERR_INVALID_ARG_VALUE")) {
        Ok(()) => napi::Error::new(Status::PendingException, msg),
        Err(e) => e,
    }
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
