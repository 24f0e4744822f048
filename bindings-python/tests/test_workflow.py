"""The confirmation workflow through Python: rounds, commands (objects and dicts), outcomes,
time zones, persistence of the event log and state, tamper detection, monitoring, and parity
with `lec round` (same events, byte for byte)."""

from __future__ import annotations

import datetime
import json
import os
import pickle
import subprocess
import threading
from pathlib import Path
from typing import Any, Dict, List
from zoneinfo import ZoneInfo

import pytest

import lec
from conftest import DATA, ROOT

REGISTRY = DATA / "registry.csv"
COMMANDS = DATA / "round-2567-2.jsonl"
SCHOOL, CDC, SAO, TOWN = "3058200001", "3058600001", "06580102", "04580101"
UTC7 = datetime.timezone(datetime.timedelta(hours=7))


@pytest.fixture(scope="module")
def registry() -> lec.Registry:
    return lec.Registry.from_file(REGISTRY)


def inst(code: str, action: str = "confirm", data: lec.DataStatus | None = None) -> lec.Command:
    return lec.Command(lec.Actor(lec.Level.INSTITUTION, code), action, code, data)


def with_status(registry: lec.Registry, code: str, status: str) -> lec.Registry:
    """The example registry with one unit's `status` set."""
    del registry  # the example file is re-read with a status column
    rows = REGISTRY.read_text(encoding="utf-8").splitlines()
    out = [rows[0] + ",status"]
    for row in rows[1:]:
        out.append(row + ("," + status if row.split(",")[1] == code else ","))
    return lec.Registry.from_csv("\n".join(out) + "\n")


def sample_lines() -> List[Dict[str, Any]]:
    """The example command file's lines that are commands (one is not, on purpose)."""
    out = []
    for line in COMMANDS.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def played(registry: lec.Registry) -> lec.Round:
    rnd = lec.Round(registry)
    for line in sample_lines():
        rnd.apply(line)
    return rnd


# --- outcomes ------------------------------------------------------------------------------


def test_accepted_and_rejected_outcomes(registry: lec.Registry) -> None:
    rnd = lec.Round(registry, "2567-2")
    assert rnd.id == "2567/2" and len(rnd) == 0 and rnd.state.head.seq == 0
    ok = rnd.apply(inst(SCHOOL, data=lec.DataStatus(44)), "2024-11-05T10:00:00+07:00")
    assert isinstance(ok, lec.Accepted) and ok and ok.accepted is True
    (event,) = ok.events
    assert (event.seq, event.unit, event.action, event.data) == (1, SCHOOL, lec.Action.CONFIRM, lec.DataStatus(44, 0))
    assert event.actor == lec.Actor("institution", SCHOOL)
    assert event.previous.confirmed is False and event.previous.data is None
    assert event.at == datetime.datetime(2024, 11, 5, 10, 0, tzinfo=UTC7)
    assert event.prev_hash == lec.Round(registry).state.head.hash and len(event.hash) == 64
    assert rnd.events == [event] and rnd.state.head.hash == event.hash
    assert pickle.loads(pickle.dumps(ok)) == ok and repr(ok) == f"Accepted(events=[{event!r}])"

    no = rnd.apply(inst(SCHOOL, data=lec.DataStatus(44)), "2024-11-05T10:05:00+07:00")
    assert isinstance(no, lec.Rejection) and not no and no.accepted is False
    assert no.code is lec.RejectionCode.ALREADY_CONFIRMED and no.code == "WF_ALREADY_CONFIRMED"
    assert str(no) == no.message_en == no.message("en") == f"`{SCHOOL}` is already confirmed"
    assert no.message(lec.Lang.TH) == no.message_th == f"`{SCHOOL}` ยืนยันข้อมูลแล้ว"
    assert no.to_dict() == {"code": "WF_ALREADY_CONFIRMED", "message_th": no.message_th, "message_en": no.message_en}
    assert pickle.loads(pickle.dumps(no)) == no
    assert repr(no) == f"Rejection(code='WF_ALREADY_CONFIRMED', message_en='`{SCHOOL}` is already confirmed')"
    assert len(rnd) == 1

    match rnd.apply(lec.Command(lec.Actor("lao", TOWN), "confirm", TOWN), "2024-11-05T11:00:00+07:00"):
        case lec.Rejection(code=lec.RejectionCode.CHILDREN_PENDING) as r:
            assert "3058500001" in r.message_en
        case other:
            pytest.fail(f"unexpected {other!r}")


def test_a_rejected_command_changes_nothing(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(3)), "2024-11-05T10:00:00+07:00")
    before, log = rnd.state, rnd.to_json()
    for command, at in [
        (inst(CDC, "edit", lec.DataStatus(1)), "2024-11-05T09:00:00+07:00"),  # out of order
        (inst(SCHOOL, data=lec.DataStatus(0)), "2024-11-05T11:00:00+07:00"),  # empty
        (lec.Command(lec.Actor("lao", SAO), "cancel", SCHOOL), "2024-11-05T11:00:00+07:00"),  # forbidden
    ]:
        assert not rnd.apply(command, at)
        assert rnd.state == before and rnd.to_json() == log


def test_every_rejection_code_is_reachable_through_python(registry: lec.Registry) -> None:
    """The shared workflow vector's story (test_vectors.py) rejects with every code; here the
    codes each come from a fresh round, one call each, as the Rust table test does."""
    nov = "2024-11-0{}T{}:00+07:00".format

    def fresh() -> lec.Round:
        return lec.Round(registry)

    def confirmed_sao(r: lec.Round) -> lec.Round:
        for c, at in [
            (inst(CDC, data=lec.DataStatus(35)), nov(5, "10:00")),
            (lec.Command(lec.Actor("lao", SAO), "confirm_headcounts", SAO, lec.DataStatus(2)), nov(6, "10:00")),
            (lec.Command(lec.Actor("lao", SAO), "confirm", SAO), nov(7, "10:00")),
        ]:
            assert r.apply(c, at), c
        return r

    def after(r: lec.Round, c: lec.Command, at: str) -> lec.Round:
        assert r.apply(c, at)
        return r

    cases = {
        lec.RejectionCode.UNKNOWN_UNIT: (fresh(), inst("3058300099"), nov(1, "10:00")),
        lec.RejectionCode.NOT_OPEN: (fresh(), inst(SCHOOL, data=lec.DataStatus(1)), "2024-09-30T23:59:59+07:00"),
        lec.RejectionCode.CLOSED: (fresh(), inst(SCHOOL, data=lec.DataStatus(1)), "2024-11-12T17:00:01+07:00"),
        lec.RejectionCode.OUT_OF_ORDER: (
            after(fresh(), inst(SCHOOL, "edit", lec.DataStatus(3)), nov(5, "10:00")),
            inst(CDC, "edit", lec.DataStatus(3)),
            nov(5, "09:00"),
        ),
        lec.RejectionCode.FORBIDDEN: (
            fresh(),
            lec.Command(lec.Actor("institution", CDC), "confirm", SCHOOL, lec.DataStatus(1)),
            nov(1, "10:00"),
        ),
        lec.RejectionCode.DEADLINE_PASSED: (fresh(), inst(SCHOOL, data=lec.DataStatus(1)), "2024-11-12T00:00:00+07:00"),
        lec.RejectionCode.ALREADY_CONFIRMED: (
            after(fresh(), inst(SCHOOL, data=lec.DataStatus(1)), nov(1, "10:00")),
            inst(SCHOOL, data=lec.DataStatus(1)),
            nov(1, "11:00"),
        ),
        lec.RejectionCode.NOT_CONFIRMED: (fresh(), lec.Command(lec.Actor("lao", TOWN), "cancel", SCHOOL), nov(1, "10:00")),
        lec.RejectionCode.LOCKED: (
            after(fresh(), inst(SCHOOL, data=lec.DataStatus(1)), nov(1, "10:00")),
            inst(SCHOOL, "edit", lec.DataStatus(2)),
            nov(1, "11:00"),
        ),
        lec.RejectionCode.PARENT_CONFIRMED: (
            confirmed_sao(fresh()),
            lec.Command(lec.Actor("lao", SAO), "cancel", CDC),
            nov(8, "10:00"),
        ),
        lec.RejectionCode.CHILDREN_PENDING: (fresh(), lec.Command(lec.Actor("lao", SAO), "confirm", SAO), nov(1, "10:00")),
        lec.RejectionCode.EMPTY: (fresh(), inst(SCHOOL, data=lec.DataStatus(0)), nov(1, "10:00")),
        lec.RejectionCode.HAS_ERRORS: (fresh(), inst(SCHOOL, data=lec.DataStatus(5, 2)), nov(1, "10:00")),
        lec.RejectionCode.UNIT_INACTIVE: (
            lec.Round(with_status(registry, CDC, "ไม่มีนักเรียน")),
            inst(CDC, data=lec.DataStatus(3)),
            nov(1, "10:00"),
        ),
        lec.RejectionCode.NOTHING_TO_CONFIRM: (
            fresh(),
            lec.Command(lec.Actor("lao", TOWN), "confirm_headcounts", TOWN),
            nov(1, "10:00"),
        ),
        lec.RejectionCode.CHECK_MISSING: (
            fresh(),
            lec.Command(lec.Actor("province", "58"), "spot_check", SCHOOL),
            nov(1, "10:00"),
        ),
    }
    assert set(cases) == set(lec.RejectionCode)
    for code, (rnd, command, at) in cases.items():
        outcome = rnd.apply(command, at)
        assert isinstance(outcome, lec.Rejection) and outcome.code is code, (code, outcome)
        assert outcome.message_th and not outcome.message_en.endswith(".")


# --- time ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [
        "2024-11-12T17:00:00+07:00",
        "2024-11-12T10:00:00Z",
        datetime.datetime(2024, 11, 12, 17, 0, tzinfo=UTC7),
        datetime.datetime(2024, 11, 12, 17, 0, tzinfo=lec.BANGKOK),
        datetime.datetime(2024, 11, 12, 10, 0, tzinfo=datetime.timezone.utc),
        datetime.datetime(2024, 11, 12, 17, 0, tzinfo=ZoneInfo("Asia/Bangkok")),
        datetime.datetime(2024, 11, 12, 11, 0, tzinfo=ZoneInfo("Europe/Paris")),
    ],
    ids=str,
)
def test_the_close_is_the_same_instant_in_any_zone(registry: lec.Registry, now: datetime.datetime | str) -> None:
    # 17:00:00 in Bangkok is still in time (bounds are inclusive); one microsecond later is not
    rnd = lec.Round(registry)
    assert rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(1)), now)
    later = (datetime.datetime.fromisoformat(now.replace("Z", "+00:00")) if isinstance(now, str) else now)
    late = rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(2)), later + datetime.timedelta(microseconds=1))
    assert isinstance(late, lec.Rejection) and late.code is lec.RejectionCode.CLOSED
    assert late.message_en == "the round is closed (it closed 12/11/2567 17:00)"
    assert rnd.events[0].at == datetime.datetime(2024, 11, 12, 17, 0, tzinfo=UTC7)


def test_naive_and_foreign_times_are_refused(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    with pytest.raises(ValueError, match="naive datetime"):
        rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(1)), datetime.datetime(2024, 11, 5, 10, 0))
    with pytest.raises(ValueError, match="RFC 3339"):
        rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(1)), "5/11/2567 10:00")
    with pytest.raises(TypeError, match="timezone-aware"):
        rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(1)), datetime.date(2024, 11, 5))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="reads no clock"):
        rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(1)))
    with pytest.raises(ValueError, match="naive"):
        rnd.pending(datetime.datetime(2024, 11, 5))
    assert len(rnd) == 0


def test_calendar_times_are_aware_bangkok_datetimes() -> None:
    cal = lec.RoundCalendar.builtin("2567-2")
    assert cal == lec.RoundCalendar.builtin("2567/2") and cal.id == "2567/2"
    assert (cal.academic_year, cal.round) == (2567, 2)
    assert cal.opens == datetime.datetime(2024, 10, 1, tzinfo=lec.BANGKOK)
    # Python has microseconds, the core nanoseconds: the end of 11 Nov reads .999999
    assert cal.institution_deadline == datetime.datetime(2024, 11, 11, 23, 59, 59, 999999, tzinfo=lec.BANGKOK)
    assert cal.lao_deadline == cal.institution_deadline
    assert cal.province_deadline == cal.closes == datetime.datetime(2024, 11, 12, 17, 0, tzinfo=lec.BANGKOK)
    assert cal.closes.utcoffset() == datetime.timedelta(hours=7) and lec.BANGKOK.utcoffset(None).seconds == 7 * 3600
    assert cal.to_dict()["institution_deadline"] == "2024-11-11T23:59:59.999999999+07:00"
    assert lec.RoundCalendar.from_json(cal.to_json()) == cal
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert repr(cal).startswith("RoundCalendar('2567/2', opens='2024-10-01T00:00:00+07:00'")


def test_calendars_load_from_json_toml_and_files(tmp_path: Path) -> None:
    toml = (
        'academic_year = 2568\nround = 1\nopens = "2025-06-01"\ninstitution_deadline = "2025-06-20"\n'
        'lao_deadline = "2025-06-20"\nprovince_deadline = "2025-06-21T17:00:00+07:00"\n'
        'closes = "2025-06-21T17:00:00+07:00"\n'
    )
    cal = lec.RoundCalendar.from_toml(toml)
    assert cal.id == "2568/1"
    # a bare date is the end of that day in Bangkok
    assert cal.opens == datetime.datetime(2025, 6, 1, 23, 59, 59, 999999, tzinfo=lec.BANGKOK)
    (tmp_path / "cal.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "cal.json").write_text(cal.to_json(), encoding="utf-8")
    assert lec.RoundCalendar.from_file(tmp_path / "cal.toml") == lec.RoundCalendar.from_file(tmp_path / "cal.json") == cal
    with pytest.raises(lec.InvalidConfigError) as info:
        lec.RoundCalendar.from_toml(toml.replace('opens = "2025-06-01"', 'opens = "2025-07-01"'))
    assert info.value.message_en == "the calendar is out of order: `opens` comes after `institution_deadline`"
    with pytest.raises(lec.InvalidConfigError, match="no shipped calendar `2599-1`"):
        lec.RoundCalendar.builtin("2599-1")
    with pytest.raises(lec.FileError):
        lec.RoundCalendar.from_file(tmp_path / "missing.json")


def test_a_round_runs_on_a_loaded_calendar(registry: lec.Registry) -> None:
    cal = lec.RoundCalendar.from_json(
        lec.RoundCalendar.builtin("2567-2").to_json().replace("2024-11-12T17:00:00", "2024-11-13T17:00:00")
    )
    late = "2024-11-13T09:00:00+07:00"
    assert lec.Round(registry).apply(lec.Command(lec.Actor("province", "58"), "confirm", "58"), late).code == "WF_CLOSED"  # type: ignore[union-attr]
    outcome = lec.Round(registry, cal).apply(lec.Command(lec.Actor("province", "58"), "confirm", "58"), late)
    assert isinstance(outcome, lec.Rejection) and outcome.code is lec.RejectionCode.CHILDREN_PENDING
    with pytest.raises(TypeError, match="calendar"):
        lec.Round(registry, 2567)  # type: ignore[arg-type]


def test_the_workflow_policy_comes_from_the_policy(registry: lec.Registry) -> None:
    # the example's CDC and SAO re-confirm late after the province cancelled: allowed by default
    assert played(registry).state.provinces["58"].confirmed
    strict = lec.Round(registry, policy=lec.Policy(workflow={"late_reconfirm_after_cancel": False}))
    codes = [getattr(strict.apply(line), "code", None) for line in sample_lines()]
    assert codes.count(lec.RejectionCode.DEADLINE_PASSED) == 2  # the CDC, then its SAO
    assert "58" not in strict.state.provinces


# --- commands --------------------------------------------------------------------------------


def test_commands_actors_and_data_are_values() -> None:
    c = lec.Command(lec.Actor("lao", SAO), lec.Action.CONFIRM_HEADCOUNTS, SAO, lec.DataStatus(2, 0))
    assert c.actor.level is lec.Level.LAO and c.action is lec.Action.CONFIRM_HEADCOUNTS and c.unit == SAO
    assert c == lec.Command(lec.Actor(lec.Level.LAO, SAO), "confirm_headcounts", SAO, lec.DataStatus(2))
    assert hash(c) == hash(lec.Command.from_dict(c.to_dict())) and lec.Command.from_dict(c.to_dict()) == c
    assert c.to_dict() == {
        "actor": {"level": "lao", "code": SAO},
        "action": "confirm_headcounts",
        "unit": SAO,
        "data": {"counted": 2, "errors": 0},
    }
    assert repr(c) == (
        "Command(actor=Actor(level='lao', code='06580102'), action='confirm_headcounts', unit='06580102', "
        "data=DataStatus(counted=2, errors=0))"
    )
    for v in (c, c.actor, c.data):
        assert pickle.loads(pickle.dumps(v)) == v
    assert lec.Command(lec.Actor("lao", SAO), "confirm", SAO).data is None
    with pytest.raises(ValueError, match="`approve` is not a Action"):
        lec.Command(lec.Actor("lao", SAO), "approve", SAO)
    with pytest.raises(ValueError, match="is not a Level"):
        lec.Actor("school", SCHOOL)
    with pytest.raises(OverflowError):
        lec.DataStatus(-1)


def test_dict_commands_take_the_cli_shape(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    line = {"at": "2024-11-05T10:00:00+07:00", "actor": {"level": "institution", "code": SCHOOL},
            "action": "confirm", "unit": SCHOOL, "data": {"counted": 44, "errors": 0}}
    assert rnd.apply(line)
    assert "at" in line  # the caller's dict is not changed
    del line["at"]
    assert rnd.apply(dict(line, action="edit"), "2024-11-05T11:00:00+07:00").code == "WF_LOCKED"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="give the time once"):
        rnd.apply(dict(line, at="2024-11-05T11:00:00+07:00"), "2024-11-05T11:00:00+07:00")
    with pytest.raises(ValueError, match="not a command: unknown field `when`"):
        rnd.apply(dict(line, when="now"), "2024-11-05T11:00:00+07:00")
    with pytest.raises(ValueError, match="not a command"):
        rnd.apply({"actor": {"level": "lao"}, "action": "confirm", "unit": SAO}, "2024-11-05T11:00:00+07:00")
    with pytest.raises(TypeError, match="a command is a lec.Command"):
        rnd.apply("confirm", "2024-11-05T11:00:00+07:00")  # type: ignore[arg-type]
    assert len(rnd) == 1


# --- persistence and tampering -----------------------------------------------------------------


def test_the_log_replays_to_the_same_state(registry: lec.Registry) -> None:
    rnd = played(registry)
    log = rnd.to_json()
    assert log.count("\n") == len(rnd) == 16 and log.endswith("\n")
    again = lec.Round.from_json(registry, log)
    assert again.state == rnd.state and again.events == rnd.events and again.to_json() == log
    assert lec.Round.from_json(REGISTRY, "\n" + log.replace("\n", "\n\n")).state == rnd.state  # a path; blank lines
    assert lec.Round.from_events(registry, rnd.events).state == rnd.state
    assert lec.Round.from_events(registry, [e.to_dict() for e in rnd.events]).state == rnd.state
    assert [e.to_json() for e in rnd.events] == log.splitlines()
    # the state for a host's database
    state = lec.RoundState.from_json(rnd.state_json())
    assert state == rnd.state == lec.RoundState.from_json(rnd.state.to_json(indent=2))
    assert state.to_dict() == json.loads(rnd.state_json())
    assert state.provinces["58"].confirmed and state.head.seq == 16 and state.head == again.state.head
    assert state.institutions[CDC].data == lec.DataStatus(26, 0)
    assert state.institutions[CDC].confirmed_at == datetime.datetime(2024, 11, 12, 10, 30, tzinfo=UTC7)
    assert repr(state) == "RoundState('2567/2', confirmed: 5 institutions, 3 LAOs, 1 headcounts, 1 provinces; seq=16)"
    for v in (state, state.head, state.institutions[CDC], rnd.events[3]):
        assert pickle.loads(pickle.dumps(v)) == v
    # a replayed round carries on
    assert again.apply(inst("3042600001", data=lec.DataStatus(3)), "2024-11-12T16:59:59+07:00").code == "WF_DEADLINE_PASSED"  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="not a round state"):
        lec.RoundState.from_json("{}")
    with pytest.raises(TypeError, match="lec.Event objects or their dicts"):
        lec.Round.from_events(registry, ["x"])  # type: ignore[list-item]


def _broken(registry: lec.Registry, log: str, **kw: Any) -> lec.InvalidLogError:
    with pytest.raises(lec.InvalidLogError) as info:
        lec.Round.from_json(registry, log, **kw)
    e = info.value
    assert e.code == "WF_LOG_BROKEN" and e.kind is lec.ErrorKind.INVALID_LOG
    assert e.message_en.startswith(f"event {e.index + 1} of the log is bad: ")
    return e


def test_every_kind_of_broken_log_is_named(registry: lec.Registry) -> None:
    log = played(registry).to_json().splitlines(keepends=True)
    e = _broken(registry, "".join(log[:3]) + log[3][:40] + "\n")
    assert (e.index, e.problem) == (3, lec.ReplayProblem.UNREADABLE)
    e = _broken(registry, "".join(log[1:]))
    assert (e.index, e.problem) == (0, lec.ReplayProblem.SEQUENCE)
    e = _broken(registry, "".join(log).replace('"counted":38', '"counted":39'))
    assert (e.index, e.problem) == (3, lec.ReplayProblem.TAMPERED)
    # event 2 of another round: the right number, the wrong link
    other = lec.Round(registry)
    other.apply(inst(SCHOOL, "edit", lec.DataStatus(1)), "2024-11-04T08:00:00+07:00")
    other.apply(inst(SCHOOL, "edit", lec.DataStatus(2)), "2024-11-04T08:30:00+07:00")
    e = _broken(registry, log[0] + other.to_json().splitlines(keepends=True)[1])
    assert (e.index, e.problem) == (1, lec.ReplayProblem.BROKEN_CHAIN)
    # an intact chain the rules would not have written: a stricter policy forbids late re-confirming
    e = _broken(registry, "".join(log), policy=lec.Policy(workflow={"late_reconfirm_after_cancel": False}))
    assert e.problem is lec.ReplayProblem.ILLEGAL and "WF_DEADLINE_PASSED" in e.message_en
    # ... and so would a different calendar: the genesis hash binds the log to its round
    cal = lec.RoundCalendar.from_json(lec.RoundCalendar.builtin("2567-2").to_json().replace('"round": 2', '"round": 1'))
    e = _broken(registry, "".join(log), calendar=cal)
    assert (e.index, e.problem) == (0, lec.ReplayProblem.BROKEN_CHAIN)
    assert {p for p in lec.ReplayProblem} == {
        lec.ReplayProblem.UNREADABLE, lec.ReplayProblem.SEQUENCE, lec.ReplayProblem.BROKEN_CHAIN,
        lec.ReplayProblem.TAMPERED, lec.ReplayProblem.ILLEGAL,
    }


# --- monitoring --------------------------------------------------------------------------------


def test_pending_units_and_deadlines(registry: lec.Registry) -> None:
    rnd = played(registry)
    pending = rnd.pending("2024-11-12T12:00:00+07:00")
    assert [(p.level, p.code, p.overdue, p.waiting_for) for p in pending] == [
        (lec.Level.INSTITUTION, "3042600001", True, []),
        (lec.Level.LAO, "06420101", True, ["3042600001"]),
        (lec.Level.PROVINCE, "42", False, ["06420101"]),
    ]
    assert pending[2].deadline == datetime.datetime(2024, 11, 12, 17, 0, tzinfo=UTC7) and pending[0].name
    assert pending[2].to_dict()["deadline"] == "2024-11-12T17:00:00+07:00"
    assert rnd.pending("2024-11-12T12:00:00+07:00", within="58") == []
    assert [p.code for p in rnd.pending(datetime.datetime(2024, 11, 1, tzinfo=UTC7), within="06420101")] == ["3042600001", "06420101"]
    fresh = lec.Round(registry).pending("2024-11-01T00:00:00+07:00")
    headcounts = [p for p in fresh if p.headcounts]
    assert [(p.level, p.code) for p in headcounts] == [(lec.Level.LAO, SAO)]
    assert not any(p.overdue for p in fresh)
    with pytest.raises(ValueError, match="unit `3058100099` is not in the registry"):
        rnd.pending("2024-11-12T12:00:00+07:00", within="3058100099")


def test_spot_check_sample_is_deterministic(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    a = rnd.spot_check_sample(58, 3, 2567)
    assert a == rnd.spot_check_sample("58", 3, 2567) == lec.Round(registry).spot_check_sample(58, 3, 2567)
    assert len(set(a)) == 3 and all(c.startswith("3058") for c in a)
    assert sorted(rnd.spot_check_sample(58, 99, 1)) == ["3058100001", "3058100002", "3058200001", "3058500001", "3058600001"]
    assert {tuple(rnd.spot_check_sample(58, 2, s)) for s in range(20)} != {tuple(a[:2])}
    with pytest.raises(lec.InvalidCodeError):
        rnd.spot_check_sample(99, 1, 1)
    with pytest.raises(ValueError, match="province `10` is not in the registry"):
        rnd.spot_check_sample(10, 1, 1)
    with pytest.raises(OverflowError):
        rnd.spot_check_sample(58, 1, -1)


def test_data_status_comes_from_the_records() -> None:
    records = [
        {"institution_code": SCHOOL, "person_id": "1580100300018", "first_name": "ก", "last_name": "ข",
         "birth_date": "11/11/2563", "grade": "อ.1"},
        {"institution_code": SCHOOL, "person_id": "1580100300019", "first_name": "ก", "last_name": "ข",
         "birth_date": "11/11/2563", "grade": "อ.1"},
        {"institution_code": SCHOOL, "person_id": "1580100300026", "first_name": "ค", "last_name": "ง",
         "birth_date": "15/03/2564", "grade": "อ.1", "status": "ไม่มีตัวตน"},
    ]
    status = lec.DataStatus.by_institution(records, registry=REGISTRY)
    assert status == {SCHOOL: lec.DataStatus(counted=1, errors=1)}
    report = lec.validate_records(records, registry=REGISTRY)
    assert (status[SCHOOL].counted, status[SCHOOL].errors) == (report.summary.records_counted, report.summary.errors)
    school = lec.DataStatus.by_institution(
        __import__("csv").DictReader((DATA / "school.csv").open(encoding="utf-8-sig"))
    )
    assert school == {SCHOOL: lec.DataStatus(44, 0)}


def test_apply_is_safe_from_many_threads(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    results: List[bool] = []

    def edit(i: int) -> None:
        for j in range(50):
            results.append(bool(rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(i * 100 + j)), "2024-11-05T10:00:00+07:00")))

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 200 and len(rnd) == 200
    assert [e.seq for e in rnd.events] == list(range(1, 201))
    assert lec.Round.from_json(registry, rnd.to_json()).state == rnd.state


# --- parity with `lec round` -------------------------------------------------------------------


@pytest.mark.skipif(not os.environ.get("LEC_CLI"), reason="LEC_CLI (the `lec` binary) not given")
def test_same_verdicts_and_event_log_as_lec_round(registry: lec.Registry, tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    proc = subprocess.run(
        [os.environ["LEC_CLI"], "round", "replay", str(COMMANDS), "--registry", str(REGISTRY),
         "--events-out", str(events)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr  # some lines are rejected on purpose
    cli = [json.loads(line) for line in proc.stdout.splitlines()]
    rnd = lec.Round(registry)
    for n, text in enumerate(COMMANDS.read_text(encoding="utf-8").splitlines(), start=1):
        expected = next(c for c in cli if c.get("line") == n)
        try:
            line = json.loads(text)
        except json.JSONDecodeError:
            assert expected["code"] == "COMMAND_INVALID"
            continue
        outcome = rnd.apply(line)
        if isinstance(outcome, lec.Accepted):
            assert expected == {"line": n, "accepted": True, "events": [e.to_dict() for e in outcome.events]}
        else:
            assert expected == {"line": n, "accepted": False, **outcome.to_dict()}
    assert rnd.to_json() == events.read_text(encoding="utf-8")
    assert cli[-1]["log_head"] == rnd.state.head.to_dict()
    # the pending list of `lec round status`
    status = subprocess.run(
        [os.environ["LEC_CLI"], "round", "status", "--registry", str(REGISTRY), "--log", str(events),
         "--at", "2024-11-12T12:00:00+07:00", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True,
    )
    assert json.loads(status.stdout) == [p.to_dict() for p in rnd.pending("2024-11-12T12:00:00+07:00")]
    sample = subprocess.run(
        [os.environ["LEC_CLI"], "round", "sample", "--registry", str(REGISTRY), "--province", "58",
         "--size", "3", "--seed", "2567"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True,
    )
    assert sample.stdout.split() == rnd.spot_check_sample(58, 3, 2567)


# --- issue 20: officers, spot checks, recorded, headcount edits, unit status -----------------


def test_officers_are_masked_and_kept_in_the_log(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    c = lec.Command(lec.Actor("institution", SCHOOL), "edit", SCHOOL, lec.DataStatus(0, 2), officer="EMP-0042")
    assert c.officer == "EMP-0042"
    assert pickle.loads(pickle.dumps(c)) == c
    out = rnd.apply(c, "2024-11-04T10:00:00+07:00")
    assert isinstance(out, lec.Accepted)
    e = out.events[0]
    assert e.officer == "EMxxxx42" and e.unmasked_officer() == "EMP-0042"
    assert json.loads(e.to_json())["officer"] == "EMP-0042"
    assert lec.Round.from_json(registry, rnd.to_json()).state == rnd.state


def test_spot_checks_and_recorded_show_in_pending(registry: lec.Registry) -> None:
    rnd = lec.Round(registry)
    check = {"seed": 2567, "result": "issues", "note": "two records without a birth date"}
    c = lec.Command(lec.Actor("province", "58"), "spot_check", SCHOOL, officer="P58-0007", check=check)
    assert c.check == check
    assert rnd.apply(c, "2024-11-04T09:00:00+07:00")
    assert rnd.apply(inst(SCHOOL, "edit", lec.DataStatus(3, 1)), "2024-11-04T10:00:00+07:00")
    last = rnd.state.spot_checks[SCHOOL]
    assert (last["result"], last["seed"], last["officer"], last["province"]) == ("issues", 2567, "P5xxxx07", "58")
    pending = {(p.code, p.headcounts): p for p in rnd.pending("2024-11-05T00:00:00+07:00")}
    assert pending[(SCHOOL, False)].recorded and pending[(SCHOOL, False)].last_spot_check == last
    assert not pending[(CDC, False)].recorded and pending[(CDC, False)].last_spot_check is None
    with pytest.raises(ValueError):
        lec.Command(lec.Actor("province", "58"), "spot_check", SCHOOL, check={"seed": 1, "result": "maybe"})


def test_a_headcount_edit_withdraws_the_province(registry: lec.Registry) -> None:
    rnd = played(registry)
    assert rnd.state.provinces["58"].confirmed
    out = rnd.apply(lec.Command(lec.Actor("lao", SAO), "edit", SAO, lec.DataStatus(2)), "2024-11-12T16:59:30+07:00")
    assert isinstance(out, lec.Accepted)
    assert [e.action for e in out.events] == [lec.Action.EDIT, lec.Action.WITHDRAW]
    assert not rnd.state.provinces["58"].confirmed and not rnd.state.headcounts[SAO].confirmed
    assert rnd.apply(lec.Command(lec.Actor("lao", SAO), "confirm_headcounts", SAO), "2024-11-12T16:59:40+07:00")
    assert rnd.apply(lec.Command(lec.Actor("province", "58"), "confirm", "58"), "2024-11-12T16:59:50+07:00")
    assert lec.Round.from_json(registry, rnd.to_json()).state == rnd.state


def test_registry_status_is_exposed(registry: lec.Registry) -> None:
    reg = with_status(registry, CDC, "ยุบรวม")
    assert reg.findings == []
    assert reg.institution(CDC).status == "merged"
    assert reg.institution(SCHOOL).status == "active"
    assert reg.lao(SAO).status == "active"
