//! The confirmation workflow (การยืนยันข้อมูล): round calendars, commands, the round with its
//! state and tamper-evident event log, rejections, the pending list and the spot-check sample.
//! Every decision is `lec_core::workflow`'s; this module only translates.

use crate::config::{Policy, RegistryArg, policy_or_default};
use crate::enums::{from_py, member};
use crate::errors::{core, replay_err};
use crate::report::{Setup, records_arg};
use crate::text::{repr, repr_list, to_json_text, to_py_json};
use chrono::{DateTime, Utc};
use lec_core::finding::Lang;
use lec_core::workflow::{self as wf, BangkokTime, UnitId};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyDict, PyString, PyTzInfo};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

// ---------------------------------------------------------------------------------------------
// time

/// A workflow instant from Python: a timezone-aware `datetime` (any zone: it is converted to
/// Asia/Bangkok) or an RFC 3339 string. A naive `datetime` is refused: which zone it meant is
/// unknowable, and guessing would move a deadline by the host's offset from UTC+7.
pub(crate) fn time_arg(py: Python<'_>, value: &Bound<'_, PyAny>, what: &str) -> PyResult<BangkokTime> {
    if let Ok(s) = value.cast::<PyString>() {
        let text = s.to_str()?;
        return BangkokTime::parse(text).ok_or_else(|| {
            PyValueError::new_err(format!(
                "{what} `{text}` is not an RFC 3339 time such as `2024-11-11T16:30:00+07:00`"
            ))
        });
    }
    if let Ok(dt) = value.cast::<PyDateTime>() {
        if dt.call_method0("utcoffset")?.is_none() {
            return Err(PyValueError::new_err(format!(
                "{what} is a naive datetime (no tzinfo): give it a time zone, e.g. \
                 `datetime(2024, 11, 11, 16, 30, tzinfo=lec.BANGKOK)`, or pass an RFC 3339 string"
            )));
        }
        let utc: DateTime<Utc> = dt.call_method1("astimezone", (PyTzInfo::utc(py)?,))?.extract()?;
        return Ok(BangkokTime::new(utc));
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a timezone-aware datetime.datetime or an RFC 3339 string, not `{}`",
        value.get_type().name()?
    )))
}

/// A workflow instant as an aware `datetime` in UTC+7 (microseconds: Python has no nanoseconds,
/// so a deadline at 23:59:59.999999999 reads 23:59:59.999999).
fn time_py<'py>(py: Python<'py>, t: BangkokTime) -> PyResult<Bound<'py, PyDateTime>> {
    t.instant().into_pyobject(py)
}

fn time_opt_py<'py>(py: Python<'py>, t: Option<BangkokTime>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
    t.map(|t| time_py(py, t)).transpose()
}

/// Asia/Bangkok (UTC+7, no daylight saving) as a `datetime.timezone`.
pub(crate) fn bangkok_tz(py: Python<'_>) -> PyResult<Bound<'_, PyTzInfo>> {
    wf::calendar::bangkok().into_pyobject(py)
}

/// A `__reduce__` that rebuilds a value from its JSON through `lec._lec._from_json`.
fn reduce_json<'py, T: serde::Serialize>(
    py: Python<'py>,
    class: &str,
    value: &T,
) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
    let f = py.import("lec._lec")?.getattr("_from_json")?;
    Ok((f, (class.to_owned(), to_json_text(value, None)?)))
}

fn from_json_str<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> PyResult<T> {
    serde_json::from_str(text).map_err(|e| PyValueError::new_err(format!("not a {what}: {e}")))
}

/// Rebuilds a workflow value from its JSON document (what `__reduce__` pickles): `class_name` is
/// `Event`, `Command`, `UnitState`, `LogHead`, `RoundState`, `Accepted`, `Rejection` or `RoundCalendar`.
#[pyfunction]
pub(crate) fn _from_json(py: Python<'_>, class_name: &str, text: &str) -> PyResult<Py<PyAny>> {
    Ok(match class_name {
        "Event" => Event { inner: from_json_str("event", text)? }.into_pyobject(py)?.into_any().unbind(),
        "Command" => Command { inner: from_json_str("command", text)? }.into_pyobject(py)?.into_any().unbind(),
        "UnitState" => UnitState { inner: from_json_str("unit state", text)? }.into_pyobject(py)?.into_any().unbind(),
        "LogHead" => LogHead { inner: from_json_str("log head", text)? }.into_pyobject(py)?.into_any().unbind(),
        "RoundState" => RoundState::from_json(text)?.into_pyobject(py)?.into_any().unbind(),
        "Rejection" => Rejection { inner: from_json_str("rejection", text)? }.into_pyobject(py)?.into_any().unbind(),
        "Accepted" => {
            Accepted { events: from_json_str("list of events", text)? }.into_pyobject(py)?.into_any().unbind()
        }
        "RoundCalendar" => RoundCalendar::from_json(text)?.into_pyobject(py)?.into_any().unbind(),
        _ => return Err(PyValueError::new_err(format!("`{class_name}` is not a workflow class"))),
    })
}

// ---------------------------------------------------------------------------------------------
// calendar

/// ปฏิทินการบันทึกข้อมูล — a round's calendar: academic year, round, opening, each level's
/// confirmation deadline and the close, all Asia/Bangkok (UTC+7). Every bound is inclusive: a
/// command at exactly the deadline is in time.
///
/// `RoundCalendar.builtin("2567-2")` is round 2567/2 of circular มท 0816.2/ว 4094 (opens
/// 2024-10-01 00:00; institutions and LAOs confirm by the end of 2024-11-11; provinces by
/// 2024-11-12 17:00, when entry closes); `from_json`, `from_toml` and `from_file` load others
/// (RFC 3339 times, a bare date meaning the end of that day in Bangkok). Calendars compare equal
/// by value and pickle.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct RoundCalendar {
    pub(crate) inner: wf::RoundCalendar,
}

#[pymethods]
impl RoundCalendar {
    /// A calendar shipped with the library, by id (`2567-2`, or `2567/2`). Raises
    /// `InvalidConfigError` for an unknown id.
    #[staticmethod]
    fn builtin(id: &str) -> PyResult<RoundCalendar> {
        core(wf::RoundCalendar::builtin(id).map(|inner| RoundCalendar { inner }))
    }

    /// Loads a calendar from JSON (`academic_year`, `round`, `opens`, `institution_deadline`,
    /// `lao_deadline`, `province_deadline`, `closes`). Raises `InvalidConfigError` when it is not
    /// a usable calendar (a missing or unknown key, a bad time, bounds out of order).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RoundCalendar> {
        core(wf::RoundCalendar::from_json(text)).map(|inner| RoundCalendar { inner })
    }

    /// Loads a calendar from TOML (the same keys as JSON). Raises `InvalidConfigError`.
    #[staticmethod]
    fn from_toml(text: &str) -> PyResult<RoundCalendar> {
        core(wf::RoundCalendar::from_toml(text)).map(|inner| RoundCalendar { inner })
    }

    /// Loads a calendar file: JSON when its name ends in `.json`, TOML when it ends in
    /// `.toml`, else told by its text (the rule every front shares). Raises `FileError` when it
    /// cannot be read, `InvalidConfigError` when it is not a calendar.
    #[staticmethod]
    fn from_file(py: Python<'_>, path: PathBuf) -> PyResult<RoundCalendar> {
        crate::config::read_config(py, &path).map(|inner| RoundCalendar { inner })
    }

    /// The round's id, e.g. `2567/2`.
    #[getter]
    fn id(&self) -> String {
        self.inner.id()
    }

    /// ปีการศึกษา — the academic year, BE (2567).
    #[getter]
    fn academic_year(&self) -> u16 {
        self.inner.academic_year
    }

    /// ครั้งที่ — the round of the year (1 or 2).
    #[getter]
    fn round(&self) -> u8 {
        self.inner.round
    }

    /// เปิดระบบ — entry opens (an aware `datetime`, UTC+7).
    #[getter]
    fn opens<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.opens)
    }

    /// Institutions confirm by.
    #[getter]
    fn institution_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.institution_deadline)
    }

    /// LAOs confirm (their institutions and their other-affiliation headcounts) by.
    #[getter]
    fn lao_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.lao_deadline)
    }

    /// Provinces confirm by.
    #[getter]
    fn province_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.province_deadline)
    }

    /// ปิดระบบ — nothing may be written after this.
    #[getter]
    fn closes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.closes)
    }

    /// The calendar as JSON (RFC 3339 times with nanoseconds), loadable by `from_json`.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&self.inner, Some(2))
    }

    /// The calendar as a `dict` (the JSON document: times as RFC 3339 strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "RoundCalendar", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let c = &self.inner;
        format!(
            "RoundCalendar({}, opens={}, institution_deadline={}, lao_deadline={}, province_deadline={}, closes={})",
            repr(py, &c.id()),
            repr(py, &c.opens.to_string()),
            repr(py, &c.institution_deadline.to_string()),
            repr(py, &c.lao_deadline.to_string()),
            repr(py, &c.province_deadline.to_string()),
            repr(py, &c.closes.to_string())
        )
    }
}

/// The calendar argument of `Round`: a `RoundCalendar`, a shipped calendar's id, or `None` for
/// `2567-2` (the `lec round` default).
fn calendar_arg(calendar: Option<&Bound<'_, PyAny>>) -> PyResult<wf::RoundCalendar> {
    match calendar {
        None => RoundCalendar::builtin("2567-2").map(|c| c.inner),
        Some(c) if c.is_none() => RoundCalendar::builtin("2567-2").map(|c| c.inner),
        Some(c) => {
            if let Ok(c) = c.cast::<RoundCalendar>() {
                Ok(c.get().inner.clone())
            } else if let Ok(id) = c.extract::<&str>() {
                RoundCalendar::builtin(id).map(|c| c.inner)
            } else {
                Err(PyTypeError::new_err(
                    "calendar must be a lec.RoundCalendar or the id of a shipped calendar (\"2567-2\")",
                ))
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// commands

/// ผู้ดำเนินการ — who issues a command: a `level` (`Level`) and the code of the user's unit (its
/// LEC login: the 2-digit province code, the LAO's 8-digit login, the 10-digit institution code;
/// any name for the department).
#[pyclass(module = "lec", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Actor {
    inner: wf::Actor,
}

#[pymethods]
impl Actor {
    #[new]
    fn new(level: &Bound<'_, PyAny>, code: String) -> PyResult<Actor> {
        Ok(Actor { inner: wf::Actor { level: from_py(level)?, code } })
    }

    /// The level (`Level`).
    #[getter]
    fn level<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.level)
    }

    /// The unit's code.
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// The actor as a `dict` (`level`, `code`), as in the command JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, pyo3::types::PyType>, (&'static str, String)) {
        (py.get_type::<Actor>(), (self.inner.level.as_str(), self.inner.code.clone()))
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!("Actor(level={}, code={})", repr(py, self.inner.level.as_str()), repr(py, &self.inner.code))
    }
}

/// สถานะข้อมูล — the state of a unit's data as confirming needs it: records `counted` and
/// `errors` (open `error` findings). For an LAO's headcounts: forms counted and their errors.
/// `DataStatus.by_institution(records)` derives it for every institution from its records.
#[pyclass(module = "lec", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct DataStatus {
    inner: wf::DataStatus,
}

#[pymethods]
impl DataStatus {
    #[new]
    #[pyo3(signature = (counted, errors = 0))]
    fn new(counted: u64, errors: u64) -> DataStatus {
        DataStatus { inner: wf::DataStatus { counted, errors } }
    }

    /// Records (or headcount forms) that count.
    #[getter]
    fn counted(&self) -> u64 {
        self.inner.counted
    }

    /// `error` findings still open.
    #[getter]
    fn errors(&self) -> u64 {
        self.inner.errors
    }

    /// The data status of every institution in a set of records, as confirming needs it:
    /// records counted and `error` findings per institution code, duplicates across institutions
    /// included; removed records neither count nor err. `records` as for `validate_records` (a
    /// list of dicts, a DataFrame); the other options as there. Runs with the GIL released.
    #[staticmethod]
    #[pyo3(signature = (records, *, registry = None, year = 2567, policy = None, as_of = None))]
    fn by_institution<'py>(
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        registry: Option<&Bound<'py, PyAny>>,
        year: u16,
        policy: Option<Bound<'py, Policy>>,
        as_of: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let setup = Setup::new(py, registry, year, policy, false, as_of)?;
        let records = records_arg(records)?;
        let ctx = setup.context();
        let map = py.detach(|| wf::DataStatus::by_institution(&records, ctx));
        let out = PyDict::new(py);
        for (code, inner) in map {
            out.set_item(code, DataStatus { inner })?;
        }
        Ok(out)
    }

    /// The status as a `dict` (`counted`, `errors`), as in the command JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> (Bound<'py, pyo3::types::PyType>, (u64, u64)) {
        (py.get_type::<DataStatus>(), (self.inner.counted, self.inner.errors))
    }

    fn __repr__(&self) -> String {
        format!("DataStatus(counted={}, errors={})", self.inner.counted, self.inner.errors)
    }
}

/// คำสั่ง — a command to the workflow: who (`actor`), what (`action`, an `Action`), the target
/// `unit`'s code (a 2-digit province, an 8-digit LAO login or 7-digit code, a 10-digit
/// institution code) and, on an institution's `confirm`, a `confirm_headcounts` or an `edit`,
/// the unit's `data` status. `Round.apply` also takes plain dicts in the JSON shape of `lec round
/// replay` (`{"actor": {"level": …, "code": …}, "action": …, "unit": …, "data": {…}}`).
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct Command {
    inner: wf::Command,
}

#[pymethods]
impl Command {
    #[new]
    #[pyo3(signature = (actor, action, unit, data = None, *, officer = None, check = None))]
    fn new(
        py: Python<'_>,
        actor: Actor,
        action: &Bound<'_, PyAny>,
        unit: String,
        data: Option<DataStatus>,
        officer: Option<String>,
        check: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Command> {
        let check = match check {
            Some(c) => {
                let text: String = py.import("json")?.call_method1("dumps", (c,))?.extract()?;
                Some(from_json_str::<wf::SpotCheck>("spot check", &text)?)
            }
            None => None,
        };
        Ok(Command {
            inner: wf::Command {
                actor: actor.inner,
                action: from_py(action)?,
                unit,
                data: data.map(|d| d.inner),
                officer,
                check,
            },
        })
    }

    /// The responsible officer who acts, as given (`None`: not named).
    #[getter]
    fn officer(&self) -> Option<&str> {
        self.inner.officer.as_deref()
    }

    /// A `spot_check`'s check as a `dict` (`seed`, `result` `"ok"` / `"issues"`, `note`), if any.
    #[getter]
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.check.as_ref().map(|c| to_py_json(py, c)).transpose()
    }

    /// A command from a `dict` in the JSON shape of a `lec round replay` line, without its `at`
    /// (`actor`, `action`, `unit`, optional `data`). Raises `ValueError` when it is not one.
    #[staticmethod]
    fn from_dict(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Command> {
        let text: String = py.import("json")?.call_method1("dumps", (value,))?.extract()?;
        from_json_str("command", &text).map(|inner| Command { inner })
    }

    /// Who.
    #[getter]
    fn actor(&self) -> Actor {
        Actor { inner: self.inner.actor.clone() }
    }

    /// What (`Action`).
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.action)
    }

    /// The target unit's code, as given.
    #[getter]
    fn unit(&self) -> &str {
        &self.inner.unit
    }

    /// The unit's data status, if the command carries one.
    #[getter]
    fn data(&self) -> Option<DataStatus> {
        self.inner.data.map(|inner| DataStatus { inner })
    }

    /// The command as a `dict` in the JSON shape of a `lec round replay` line (without `at`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "Command", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let data = self.data().map(|d| format!(", data={}", d.__repr__())).unwrap_or_default();
        format!(
            "Command(actor={}, action={}, unit={}{data})",
            self.actor().__repr__(py),
            repr(py, self.inner.action.as_str()),
            repr(py, &self.inner.unit)
        )
    }
}

/// A command argument: a `Command`, or a dict in the `lec round replay` line shape whose `at` (if
/// any) is returned beside it.
fn command_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<(wf::Command, Option<BangkokTime>)> {
    if let Ok(c) = value.cast::<Command>() {
        return Ok((c.get().inner.clone(), None));
    }
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "a command is a lec.Command or a dict in the JSON shape of `lec round replay`, not `{}`",
            value.get_type().name()?
        )));
    };
    let dict = dict.copy()?;
    let at = match dict.get_item("at")? {
        Some(at) => {
            dict.del_item("at")?;
            Some(time_arg(py, &at, "the command's `at`")?)
        }
        None => None,
    };
    Ok((Command::from_dict(py, dict.as_any())?.inner, at))
}

// ---------------------------------------------------------------------------------------------
// states and events

/// The confirmation state of one unit (or of an LAO's other-affiliation headcounts).
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct UnitState {
    inner: wf::UnitState,
}

#[pymethods]
impl UnitState {
    /// Confirmed now.
    #[getter]
    fn confirmed(&self) -> bool {
        self.inner.confirmed
    }

    /// When it was last confirmed (while confirmed), an aware `datetime`.
    #[getter]
    fn confirmed_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        time_opt_py(py, self.inner.confirmed_at)
    }

    /// The last known data status.
    #[getter]
    fn data(&self) -> Option<DataStatus> {
        self.inner.data.map(|inner| DataStatus { inner })
    }

    /// Its confirmation was cancelled (or withdrawn by a headcount edit), whenever that happened:
    /// it may confirm again until the close (policy `workflow.late_reconfirm_after_cancel`).
    #[getter]
    fn may_reconfirm_late(&self) -> bool {
        self.inner.may_reconfirm_late
    }

    /// The state as a `dict` (the core's JSON: keys without a value are left out).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "UnitState", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        unit_state_repr(py, &self.inner)
    }
}

fn unit_state_repr(py: Python<'_>, s: &wf::UnitState) -> String {
    let mut parts = vec![format!("confirmed={}", if s.confirmed { "True" } else { "False" })];
    if let Some(t) = s.confirmed_at {
        parts.push(format!("confirmed_at={}", repr(py, &t.to_string())));
    }
    if let Some(d) = s.data {
        parts.push(format!("data={}", DataStatus { inner: d }.__repr__()));
    }
    if s.may_reconfirm_late {
        parts.push("may_reconfirm_late=True".to_owned());
    }
    format!("UnitState({})", parts.join(", "))
}

/// The head of the event log: the last event's sequence number (0: none yet), its hash (before
/// any event: the round's genesis hash) and its time.
#[pyclass(module = "lec", frozen, eq, hash)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct LogHead {
    inner: wf::LogHead,
}

#[pymethods]
impl LogHead {
    /// The last event's sequence number (0: none yet).
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// The last event's hash (SHA-256, hex; before any event: the round's genesis hash).
    #[getter]
    fn hash(&self) -> &str {
        &self.inner.hash
    }

    /// The last event's time.
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        time_opt_py(py, self.inner.at)
    }

    /// The head as a `dict` (the core's JSON).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "LogHead", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let at = self.inner.at.map_or_else(|| "None".to_owned(), |t| repr(py, &t.to_string()));
        format!("LogHead(seq={}, hash={}, at={at})", self.inner.seq, repr(py, &self.inner.hash))
    }
}

/// The state of a round: every unit that has been acted on, by canonical code (absent units are
/// unconfirmed, with no data), and the head of the event log. `to_json` / `RoundState.from_json`
/// carry it to and from a host's database; it can always be rebuilt from the event log.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct RoundState {
    pub(crate) inner: wf::RoundState,
}

fn unit_states<'py>(
    py: Python<'py>,
    map: &std::collections::BTreeMap<String, wf::UnitState>,
) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (code, inner) in map {
        out.set_item(code, UnitState { inner: *inner })?;
    }
    Ok(out)
}

#[pymethods]
impl RoundState {
    /// Reads a state from the JSON `to_json` (or `Round.state_json`) wrote. Raises `ValueError`
    /// when it is not one.
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<RoundState> {
        from_json_str("round state", text).map(|inner| RoundState { inner })
    }

    /// The round, e.g. `2567/2`.
    #[getter]
    fn round(&self) -> &str {
        &self.inner.round
    }

    /// Institutions acted on, by 10-digit code.
    #[getter]
    fn institutions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        unit_states(py, &self.inner.institutions)
    }

    /// LAOs acted on, by 8-digit login.
    #[getter]
    fn laos<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        unit_states(py, &self.inner.laos)
    }

    /// LAOs' other-affiliation headcounts acted on, by the LAO's login.
    #[getter]
    fn headcounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        unit_states(py, &self.inner.headcounts)
    }

    /// Provinces acted on, by 2-digit code.
    #[getter]
    fn provinces<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        unit_states(py, &self.inner.provinces)
    }

    /// Each spot-checked institution's last check, by institution code, as `dict`s (`at`,
    /// `province`, `officer` masked, `seed`, `result`, `note`).
    #[getter]
    fn spot_checks<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let out = PyDict::new(py);
        for (code, c) in &self.inner.spot_checks {
            out.set_item(code, to_py_json(py, &masked_check(c))?)?;
        }
        Ok(out)
    }

    /// The head of the event log.
    #[getter]
    fn head(&self) -> LogHead {
        LogHead { inner: self.inner.head.clone() }
    }

    /// The state as the core's JSON (`round`, `institutions`, `laos`, `headcounts`,
    /// `provinces`, `head`), for a host's database. `indent=None` for one line.
    #[pyo3(signature = (indent = None), text_signature = "(self, /, indent=None)")]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json_text(&self.inner, indent)
    }

    /// The state as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "RoundState", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let s = &self.inner;
        let confirmed =
            |m: &std::collections::BTreeMap<String, wf::UnitState>| m.values().filter(|u| u.confirmed).count();
        format!(
            "RoundState({}, confirmed: {} institutions, {} LAOs, {} headcounts, {} provinces; seq={})",
            repr(py, &s.round),
            confirmed(&s.institutions),
            confirmed(&s.laos),
            confirmed(&s.headcounts),
            confirmed(&s.provinces),
            s.head.seq
        )
    }
}

/// เหตุการณ์ — one accepted command as recorded: sequence number, time, who, what, the unit's
/// canonical code, the data status it carried, the unit's state before (`previous`), and the
/// hash chain (`prev_hash`, `hash`: SHA-256 of the event's content chained to the previous
/// event). `to_json` is its line in the event log.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Event {
    inner: wf::Event,
}

#[pymethods]
impl Event {
    /// Sequence number, from 1.
    #[getter]
    fn seq(&self) -> u64 {
        self.inner.seq
    }

    /// When (an aware `datetime`, UTC+7).
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.at)
    }

    /// Who.
    #[getter]
    fn actor(&self) -> Actor {
        Actor { inner: self.inner.actor.clone() }
    }

    /// What (`Action`).
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.action)
    }

    /// The unit's canonical code (`58`, `06580102`, `3058600001`).
    #[getter]
    fn unit(&self) -> &str {
        &self.inner.unit
    }

    /// The data status the command carried.
    #[getter]
    fn data(&self) -> Option<DataStatus> {
        self.inner.data.map(|inner| DataStatus { inner })
    }

    /// The unit's state before the event (for headcount actions: the headcounts' state).
    #[getter]
    fn previous(&self) -> UnitState {
        UnitState { inner: self.inner.previous }
    }

    /// The responsible officer named by the command, masked (personal data: `EMxxxx42`); `None`
    /// when not named. `unmasked_officer()` gives it as recorded; `to_json` keeps it as recorded.
    #[getter]
    fn officer(&self) -> Option<String> {
        self.inner.officer.as_deref().map(wf::mask_officer)
    }

    /// The responsible officer as recorded (unmasked).
    fn unmasked_officer(&self) -> Option<&str> {
        self.inner.officer.as_deref()
    }

    /// A `spot_check` event's check as a `dict` (`seed`, `result`, `note`), if any.
    #[getter]
    fn check<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.check.as_ref().map(|c| to_py_json(py, c)).transpose()
    }

    /// The previous event's hash (the round's genesis hash for the first event).
    #[getter]
    fn prev_hash(&self) -> &str {
        &self.inner.prev_hash
    }

    /// SHA-256 (hex) of this event without its hash, chained to `prev_hash`.
    #[getter]
    fn hash(&self) -> &str {
        &self.inner.hash
    }

    /// The event as one line of the event log (JSON, as `lec round replay --events-out` writes).
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&self.inner, None)
    }

    /// The event as a `dict` (the JSON document).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "Event", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let e = &self.inner;
        let data = e.data.map(|d| format!(", data={}", DataStatus { inner: d }.__repr__())).unwrap_or_default();
        format!(
            "Event(seq={}, at={}, actor={}, action={}, unit={}{data})",
            e.seq,
            repr(py, &e.at.to_string()),
            self.actor().__repr__(py),
            repr(py, e.action.as_str()),
            repr(py, &e.unit)
        )
    }
}

/// What `Round.apply` returns when the command was accepted: the `events` it recorded (one, or
/// two for an LAO's headcount edit that withdraws its province's confirmation), in order. Truthy;
/// `accepted` is `True`.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Accepted {
    events: Vec<wf::Event>,
}

#[pymethods]
impl Accepted {
    /// The events recorded, oldest first.
    #[getter]
    fn events(&self) -> Vec<Event> {
        self.events.iter().cloned().map(|inner| Event { inner }).collect()
    }

    /// `True`: the command was accepted.
    #[getter]
    fn accepted(&self) -> bool {
        true
    }

    fn __bool__(&self) -> bool {
        true
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "Accepted", &self.events)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let events: Vec<String> = self.events().iter().map(|e| e.__repr__(py)).collect();
        format!("Accepted(events=[{}])", events.join(", "))
    }
}

/// What `Round.apply` returns when the command was rejected: exactly one `code` (a
/// `RejectionCode`, `WF_*`) and why, in Thai and English. A rejected command changes nothing.
/// Falsy; `accepted` is `False`. Not an exception: rejections are expected outcomes.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct Rejection {
    inner: wf::Rejection,
}

#[pymethods]
impl Rejection {
    /// The code (`RejectionCode`, e.g. `RejectionCode.CLOSED` == `"WF_CLOSED"`).
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.code)
    }

    /// The reason in Thai.
    #[getter]
    fn message_th(&self) -> &str {
        &self.inner.message_th
    }

    /// The reason in English.
    #[getter]
    fn message_en(&self) -> &str {
        &self.inner.message_en
    }

    /// The reason in a language: `"th"` or `"en"` (a `Lang`).
    #[pyo3(signature = (lang = None))]
    fn message(&self, lang: Option<&Bound<'_, PyAny>>) -> PyResult<&str> {
        let lang: Lang = match lang {
            Some(l) if !l.is_none() => from_py(l)?,
            _ => Lang::En,
        };
        Ok(match lang {
            Lang::Th => &self.inner.message_th,
            Lang::En => &self.inner.message_en,
        })
    }

    /// `False`: the command was rejected.
    #[getter]
    fn accepted(&self) -> bool {
        false
    }

    /// The rejection as a `dict` (`code`, `message_th`, `message_en`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __bool__(&self) -> bool {
        false
    }

    fn __str__(&self) -> &str {
        &self.inner.message_en
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (String, String))> {
        reduce_json(py, "Rejection", &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Rejection(code={}, message_en={})",
            repr(py, self.inner.code.as_str()),
            repr(py, &self.inner.message_en)
        )
    }
}

/// A spot check for output: the officer masked.
fn masked_check(c: &wf::SpotCheckRecord) -> wf::SpotCheckRecord {
    let mut c = c.clone();
    c.officer = c.officer.as_deref().map(wf::mask_officer);
    c
}

/// A unit that has not confirmed yet: its `level` (`Level`; `headcounts` is `True` for an LAO's
/// other-affiliation headcounts), `code`, registered `name`, the `deadline` it faces, whether it
/// is `overdue` or `may_confirm_late`, and the units below it it is `waiting_for`.
#[pyclass(module = "lec", frozen, eq)]
#[derive(Clone, PartialEq)]
pub(crate) struct PendingUnit {
    inner: wf::PendingUnit,
}

#[pymethods]
impl PendingUnit {
    /// The unit's level (`Level.INSTITUTION`, `Level.LAO`, `Level.PROVINCE`).
    #[getter]
    fn level<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        member(py, self.inner.level)
    }

    /// Whether this is an LAO's headcount confirmation.
    #[getter]
    fn headcounts(&self) -> bool {
        self.inner.headcounts
    }

    /// The unit's code.
    #[getter]
    fn code(&self) -> &str {
        &self.inner.code
    }

    /// The unit's registered name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The deadline it faces (an aware `datetime`, UTC+7).
    #[getter]
    fn deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        time_py(py, self.inner.deadline)
    }

    /// The deadline has passed (and it may not confirm late).
    #[getter]
    fn overdue(&self) -> bool {
        self.inner.overdue
    }

    /// Its confirmation was cancelled (or withdrawn): it may still confirm until the close.
    #[getter]
    fn may_confirm_late(&self) -> bool {
        self.inner.may_confirm_late
    }

    /// The units below it that have not confirmed (it cannot confirm before they do).
    #[getter]
    fn waiting_for(&self) -> Vec<String> {
        self.inner.waiting_for.clone()
    }

    /// It has recorded something (§9.2): its last data status holds a record (an LAO: one of its
    /// institutions or its headcounts has; a province: one of its LAOs has).
    #[getter]
    fn recorded(&self) -> bool {
        self.inner.recorded
    }

    /// An institution's last spot check as a `dict` (`at`, `province`, `officer` masked, `seed`,
    /// `result`, `note`), if any.
    #[getter]
    fn last_spot_check<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.last_spot_check.as_ref().map(|c| to_py_json(py, &masked_check(c))).transpose()
    }

    /// The pending unit as a `dict` (the JSON of `lec round status --format json`).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let p = &self.inner;
        format!(
            "PendingUnit(level={}, headcounts={}, code={}, deadline={}, overdue={}, waiting_for={})",
            repr(py, p.level.as_str()),
            if p.headcounts { "True" } else { "False" },
            repr(py, &p.code),
            repr(py, &p.deadline.to_string()),
            if p.overdue { "True" } else { "False" },
            repr_list(py, &p.waiting_for)
        )
    }
}

// ---------------------------------------------------------------------------------------------
// the round

/// รอบการยืนยันข้อมูล — one round of the confirmation workflow: its rules (the registry, the
/// calendar — default `2567-2` —, the workflow section of the policy), its state and its event
/// log.
///
/// `apply(command, now)` checks a command and, when accepted, records its events: it returns
/// `Accepted` (the events) or a `Rejection` (exactly one `WF_*` code; nothing changed). The
/// library reads no clock: `now` is a timezone-aware `datetime` or an RFC 3339 string. Persist
/// the round with `to_json()` (the event log, JSON lines) and rebuild it with
/// `Round.from_json(registry, log)`, which checks every link of the hash chain and raises
/// `InvalidLogError` on a broken log; `state_json()` is the current state for a host's database.
/// Thread-safe: commands are applied one at a time, with the GIL released.
#[pyclass(module = "lec", frozen)]
pub(crate) struct Round {
    inner: Mutex<wf::Round>,
}

impl Round {
    fn lock(&self) -> MutexGuard<'_, wf::Round> {
        // the core's round changes only after a command is accepted; a poisoned lock (a panic
        // mid-command, which the core never does) leaves it as it was
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn rules_from<'py>(
        py: Python<'py>,
        registry: &Bound<'py, PyAny>,
        calendar: Option<&Bound<'py, PyAny>>,
        policy: Option<&Bound<'py, Policy>>,
    ) -> PyResult<(Arc<lec_core::Registry>, wf::RoundCalendar, wf::WorkflowPolicy)> {
        let registry = RegistryArg::from_py(py, registry)?.get().inner.clone();
        let calendar = calendar_arg(calendar)?;
        let workflow = policy_or_default(policy).workflow.clone();
        Ok((registry, calendar, workflow))
    }

    fn replayed(
        py: Python<'_>,
        rules: (Arc<lec_core::Registry>, wf::RoundCalendar, wf::WorkflowPolicy),
        log: &str,
    ) -> PyResult<Round> {
        let (registry, calendar, workflow) = rules;
        let round = py.detach(|| {
            let events = wf::parse_event_log(log)?;
            wf::Round::from_events(registry, calendar, workflow, events)
        });
        match round {
            Ok(round) => Ok(Round { inner: Mutex::new(round) }),
            Err(e) => Err(replay_err(py, e)),
        }
    }
}

#[pymethods]
impl Round {
    #[new]
    #[pyo3(signature = (registry, calendar = None, policy = None))]
    fn new<'py>(
        py: Python<'py>,
        registry: &Bound<'py, PyAny>,
        calendar: Option<&Bound<'py, PyAny>>,
        policy: Option<Bound<'py, Policy>>,
    ) -> PyResult<Round> {
        let (registry, calendar, workflow) = Round::rules_from(py, registry, calendar, policy.as_ref())?;
        Ok(Round { inner: Mutex::new(wf::Round::new(registry, calendar, workflow)) })
    }

    /// Rebuilds a round from its event log (JSON lines, as `to_json` or `lec round replay
    /// --events-out` wrote it; blank lines skipped), checking each event: its sequence number,
    /// its link to the previous hash, its own hash, and that the rules accept it as recorded.
    /// Raises `InvalidLogError` (`WF_LOG_BROKEN`, with `index` and `problem`) naming the first
    /// bad event. Runs with the GIL released.
    #[staticmethod]
    #[pyo3(signature = (registry, log, *, calendar = None, policy = None))]
    fn from_json<'py>(
        py: Python<'py>,
        registry: &Bound<'py, PyAny>,
        log: &str,
        calendar: Option<&Bound<'py, PyAny>>,
        policy: Option<Bound<'py, Policy>>,
    ) -> PyResult<Round> {
        let rules = Round::rules_from(py, registry, calendar, policy.as_ref())?;
        Round::replayed(py, rules, log)
    }

    /// Rebuilds a round from events (`Event` objects or their dicts), checking them as
    /// `from_json` does. Raises `InvalidLogError` naming the first bad event.
    #[staticmethod]
    #[pyo3(signature = (registry, events, *, calendar = None, policy = None))]
    fn from_events<'py>(
        py: Python<'py>,
        registry: &Bound<'py, PyAny>,
        events: &Bound<'py, PyAny>,
        calendar: Option<&Bound<'py, PyAny>>,
        policy: Option<Bound<'py, Policy>>,
    ) -> PyResult<Round> {
        let rules = Round::rules_from(py, registry, calendar, policy.as_ref())?;
        let json = py.import("json")?;
        let mut log = String::new();
        for item in events.try_iter()? {
            let item = item?;
            let line = match item.cast::<Event>() {
                Ok(e) => to_json_text(&e.get().inner, None)?,
                Err(_) if item.is_instance_of::<PyDict>() => json.call_method1("dumps", (&item,))?.extract()?,
                Err(_) => {
                    return Err(PyTypeError::new_err(format!(
                        "events must be lec.Event objects or their dicts, not `{}`",
                        item.get_type().name()?
                    )));
                }
            };
            log.push_str(&line);
            log.push('\n');
        }
        Round::replayed(py, rules, &log)
    }

    /// ดำเนินการ — applies a command at `now`: `Accepted` with the events recorded, or a
    /// `Rejection` with the one code that applies first (a rejected command changes nothing).
    ///
    /// `command` is a `Command` or a dict in the JSON shape of a `lec round replay` line, whose
    /// `at` may stand in for `now`. `now` is a timezone-aware `datetime` (any zone) or an RFC
    /// 3339 string; a naive `datetime` raises `ValueError` (its zone is unknowable: use
    /// `tzinfo=lec.BANGKOK`). A command that is not one raises `ValueError` / `TypeError`.
    #[pyo3(signature = (command, now = None))]
    fn apply<'py>(
        &self,
        py: Python<'py>,
        command: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (command, at) = command_arg(py, command)?;
        let now = match (now.filter(|n| !n.is_none()), at) {
            (Some(now), None) => time_arg(py, now, "now")?,
            (None, Some(at)) => at,
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err("give the time once: as `now` or as the command's `at`, not both"));
            }
            (None, None) => {
                return Err(PyTypeError::new_err("apply needs the time: `now` (the library reads no clock)"));
            }
        };
        let outcome = py.detach(|| self.lock().execute(&command, now));
        match outcome {
            Ok(events) => Ok(Accepted { events }.into_pyobject(py)?.into_any()),
            Err(inner) => Ok(Rejection { inner }.into_pyobject(py)?.into_any()),
        }
    }

    /// The round's id, e.g. `2567/2`.
    #[getter]
    fn id(&self, py: Python<'_>) -> String {
        py.detach(|| self.lock().calendar().id())
    }

    /// The round's calendar.
    #[getter]
    fn calendar(&self, py: Python<'_>) -> RoundCalendar {
        RoundCalendar { inner: py.detach(|| self.lock().calendar().clone()) }
    }

    /// The current state.
    #[getter]
    fn state(&self, py: Python<'_>) -> RoundState {
        RoundState { inner: py.detach(|| self.lock().state().clone()) }
    }

    /// The event log so far, oldest first.
    #[getter]
    fn events(&self, py: Python<'_>) -> Vec<Event> {
        py.detach(|| self.lock().events().to_vec()).into_iter().map(|inner| Event { inner }).collect()
    }

    /// The event log as JSON lines (one event a line, oldest first; the same bytes as `lec round
    /// replay --events-out`): the round's whole persistent state, for `Round.from_json`.
    fn to_json(&self, py: Python<'_>) -> PyResult<String> {
        py.detach(|| {
            let round = self.lock();
            let mut log = String::new();
            for e in round.events() {
                log.push_str(&serde_json::to_string(e).map_err(|e| e.to_string())?);
                log.push('\n');
            }
            Ok::<_, String>(log)
        })
        .map_err(PyValueError::new_err)
    }

    /// The current state as the core's JSON (`round`, `institutions`, `laos`, `headcounts`,
    /// `provinces`, `head`), for a host's database; `RoundState.from_json` reads it back.
    fn state_json(&self, py: Python<'_>) -> PyResult<String> {
        let state = py.detach(|| self.lock().state().clone());
        to_json_text(&state, None)
    }

    /// The units that have not confirmed at `now` (an aware `datetime` or RFC 3339 string), with
    /// the deadline each faces, whether it is overdue and whom it waits for, in registry order;
    /// `within` a unit's code (a province, LAO or institution) limits the list to its subtree.
    /// Raises `ValueError` when `within` is not a registered unit.
    #[pyo3(signature = (now, within = None))]
    fn pending<'py>(
        &self,
        py: Python<'py>,
        now: &Bound<'py, PyAny>,
        within: Option<&str>,
    ) -> PyResult<Vec<PendingUnit>> {
        let now = time_arg(py, now, "now")?;
        let list = py.detach(|| {
            let round = self.lock();
            let within = match within {
                Some(code) => match UnitId::resolve(round.registry(), code) {
                    Some(u) => Some(u),
                    None => return Err(format!("unit `{}` is not in the registry", code.trim())),
                },
                None => None,
            };
            Ok(wf::pending(&round.rules(), round.state(), now, within))
        });
        Ok(list.map_err(PyValueError::new_err)?.into_iter().map(|inner| PendingUnit { inner }).collect())
    }

    /// A province's random spot-check sample of institutions (§9.4): `size` of them (all when it
    /// has fewer), drawn by SplitMix64 from `seed` — the same seed gives the same sample on every
    /// platform and in every binding. `province` is its code (`58` or `"58"`). Raises
    /// `InvalidCodeError` for a code that is no province, `ValueError` for a province not in the
    /// registry.
    fn spot_check_sample(
        &self,
        py: Python<'_>,
        province: &Bound<'_, PyAny>,
        size: usize,
        seed: u64,
    ) -> PyResult<Vec<String>> {
        let p = crate::values::province_arg(province)?.code;
        let codes = py.detach(|| {
            let round = self.lock();
            if round.registry().province(p).is_none() {
                return Err(format!("province `{p:02}` is not in the registry"));
            }
            Ok(wf::spot_check_sample(&round.rules(), p, size, seed).iter().map(|c| c.digits()).collect())
        });
        codes.map_err(PyValueError::new_err)
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        py.detach(|| self.lock().events().len())
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        let (id, n, hash) = py.detach(|| {
            let r = self.lock();
            (r.calendar().id(), r.events().len(), r.state().head.hash.clone())
        });
        format!("Round({}, events={n}, head={})", repr(py, &id), repr(py, hash.get(..12).unwrap_or(&hash)))
    }
}

/// A `Round` or a `RoundState` argument, as the state to check confirmations against.
pub(crate) fn state_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<wf::RoundState> {
    if let Ok(r) = value.cast::<Round>() {
        let r = r.get();
        return Ok(py.detach(|| r.lock().state().clone()));
    }
    if let Ok(s) = value.cast::<RoundState>() {
        return Ok(s.get().inner.clone());
    }
    Err(PyTypeError::new_err(format!(
        "round must be a lec.Round or a lec.RoundState, not `{}`",
        value.get_type().name()?
    )))
}
