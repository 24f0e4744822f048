"""The core's one error family maps onto one exception hierarchy, every kind to its own class,
and every kind is raised for real by the API (the mapping is exhaustive on both sides)."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Callable, Dict, Type

import pytest

import lec
from lec import _lec

EXPECTED: Dict[lec.ErrorKind, Type[lec.LecError]] = {
    lec.ErrorKind.INVALID_ID: lec.InvalidIdError,
    lec.ErrorKind.INVALID_CODE: lec.InvalidCodeError,
    lec.ErrorKind.INVALID_DATE: lec.InvalidDateError,
    lec.ErrorKind.INVALID_GRADE: lec.InvalidGradeError,
    lec.ErrorKind.INVALID_CONFIG: lec.InvalidConfigError,
    lec.ErrorKind.FILE: lec.FileError,
    lec.ErrorKind.INVALID_LOG: lec.InvalidLogError,
}

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def _replay_a_tampered_log() -> object:
    """Records one event, changes a byte of it (the data status it carried) and replays the log."""
    registry = lec.Registry.from_file(DATA / "registry.csv")
    rnd = lec.Round(registry)
    command = lec.Command(lec.Actor("institution", "3058200001"), "confirm", "3058200001", lec.DataStatus(44, 0))
    assert rnd.apply(command, "2024-11-05T10:00:00+07:00")
    log = rnd.to_json().replace('"counted":44', '"counted":45')
    return lec.Round.from_json(registry, log)

# One real call of the API per kind, with the code it must carry.
TRIGGERS: Dict[lec.ErrorKind, tuple[Callable[[], object], str]] = {
    lec.ErrorKind.INVALID_ID: (lambda: lec.parse_id("1234545678782"), "ID_CHECKSUM"),
    lec.ErrorKind.INVALID_CODE: (lambda: lec.parse_lao_code("15810401"), "LAO_CODE_FORMAT"),
    lec.ErrorKind.INVALID_DATE: (lambda: lec.parse_date("31/02/2561"), "BIRTHDATE_INVALID"),
    lec.ErrorKind.INVALID_GRADE: (lambda: lec.parse_grade("ป.9"), "GRADE_UNKNOWN"),
    lec.ErrorKind.INVALID_CONFIG: (lambda: lec.Policy.from_json('{"cdc_minimum": 3}'), "CONFIG_INVALID"),
    lec.ErrorKind.FILE: (lambda: lec.Registry.from_file("/nonexistent/registry.csv"), "FILE_UNREADABLE"),
    lec.ErrorKind.INVALID_LOG: (_replay_a_tampered_log, "WF_LOG_BROKEN"),
}


def test_every_core_error_kind_has_an_expectation_and_a_trigger() -> None:
    kinds = _lec._enum_values("ErrorKind")
    assert [k.value for k in lec.ErrorKind] == kinds
    assert set(EXPECTED) == set(lec.ErrorKind) == set(TRIGGERS)


@pytest.mark.parametrize("kind", list(lec.ErrorKind), ids=str)
def test_kind_maps_to_its_own_class(kind: lec.ErrorKind) -> None:
    cls = _lec._exception_class(kind.value)
    assert cls is EXPECTED[kind] and cls.kind is kind
    assert issubclass(cls, lec.LecError) and issubclass(cls, ValueError)
    assert cls.__module__ == "lec" and cls.__doc__


def test_classes_are_distinct_and_lec_error_is_a_value_error() -> None:
    assert len(set(EXPECTED.values())) == len(EXPECTED)
    assert lec.LecError.__bases__ == (ValueError,)
    for cls in EXPECTED.values():
        assert cls.__bases__ == (lec.LecError,)
    with pytest.raises(ValueError):
        _lec._exception_class("no_such_kind")


@pytest.mark.parametrize("kind", list(lec.ErrorKind), ids=str)
def test_the_api_raises_each_kind(kind: lec.ErrorKind) -> None:
    call, code = TRIGGERS[kind]
    with pytest.raises(lec.LecError) as info:
        call()
    e = info.value
    assert type(e) is EXPECTED[kind]
    assert e.kind is kind and e.code == code
    assert str(e) == e.message_en and e.args == (e.message_en,)
    assert e.message_th and e.message_en
    # the house style of messages: lower-case start, no trailing period
    assert not e.message_en[0].isupper() and not e.message_en.endswith(".")
    assert "::" not in e.message_en


def test_messages_mask_personal_ids() -> None:
    with pytest.raises(lec.InvalidIdError) as info:
        lec.parse_id("1234545678782")
    for text in (str(info.value), info.value.message_th, repr(info.value)):
        assert "1234545678782" not in text and "1-2345-xxxxx-xx-2" in text


def test_file_errors_name_the_file_and_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(lec.FileError) as info:
        lec.validate_file(missing, unreadable="raise")
    assert info.value.code == "FILE_UNREADABLE"
    assert f"`{missing}`" in info.value.message_en and "no such file" in info.value.message_en


def test_errors_can_be_caught_as_value_error_and_pickled() -> None:
    try:
        lec.parse_grade("x")
    except ValueError as e:
        assert isinstance(e, lec.InvalidGradeError)
    again = pickle.loads(pickle.dumps(lec.InvalidIdError("plain")))
    assert type(again) is lec.InvalidIdError and str(again) == "plain"
    with pytest.raises(lec.InvalidIdError) as info:
        lec.parse_id("12345")
    raised = pickle.loads(pickle.dumps(info.value))
    assert (raised.code, raised.kind, raised.message_th) == ("ID_FORMAT", lec.ErrorKind.INVALID_ID, info.value.message_th)


def test_a_broken_log_names_its_first_bad_event() -> None:
    with pytest.raises(lec.InvalidLogError) as info:
        _replay_a_tampered_log()
    e = info.value
    assert (e.index, e.problem) == (0, lec.ReplayProblem.TAMPERED)
    assert e.message_en == "event 1 of the log is bad: its content does not match its hash"
    raised = pickle.loads(pickle.dumps(e))
    assert (raised.code, raised.index, raised.problem) == ("WF_LOG_BROKEN", 0, lec.ReplayProblem.TAMPERED)
