"""The Python enums list exactly the core's variants with the core's values."""

from __future__ import annotations

import enum
import json
import pickle

import pytest

import lec
from lec import _lec
from conftest import ROOT

ENUMS = [
    lec.Severity,
    lec.IdKind,
    lec.CheckLevel,
    lec.Grade,
    lec.InstitutionKind,
    lec.LaoKind,
    lec.OwnerClass,
    lec.EraReading,
    lec.ErrorKind,
    lec.Lang,
    lec.Level,
    lec.Action,
    lec.RejectionCode,
    lec.ReplayProblem,
    lec.Per,
    lec.DuplicateResolution,
    lec.ConfirmationRequired,
]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_members_are_the_core_variants_in_order(cls: type[enum.Enum]) -> None:
    assert [m.value for m in cls] == _lec._enum_values(cls.__name__)


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_members_are_strings_that_pickle_and_serialise(cls: type[enum.Enum]) -> None:
    assert issubclass(cls, str) and issubclass(cls, enum.Enum) and cls.__doc__
    for m in cls:
        assert m == m.value and str(m) == m.value
        assert pickle.loads(pickle.dumps(m)) is m
        assert json.loads(json.dumps(m)) == m.value


def test_unknown_enum_name_is_refused() -> None:
    with pytest.raises(ValueError):
        _lec._enum_values("Colour")


def test_grade_helpers_come_from_the_core() -> None:
    assert lec.Grade.P6.label_th == "ป.6" and lec.Grade.CD.label_th == "ศพด."
    assert lec.Grade.CD.usual_age is None
    assert lec.Grade.K1.usual_age == (3, 3)
    assert lec.Grade.parse("ม.๓") is lec.Grade.M3
    assert lec.InstitutionKind.CDC.name_th == "ศูนย์พัฒนาเด็กเล็ก"
    assert lec.LaoKind.SAO.name_en == "subdistrict administrative organisation"
    with pytest.raises(ValueError):
        _lec._kind_names("Grade", "K1")


def test_every_enum_of_the_package_is_checked_against_the_core() -> None:
    from lec import _enums

    assert {getattr(_enums, n) for n in _enums.__all__} == set(ENUMS)
    assert all(n in lec.__all__ for n in _enums.__all__)


def test_rejection_codes_are_the_wf_codes_of_the_catalogue() -> None:
    catalogue = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    for code in lec.RejectionCode:
        assert code.value.startswith("WF_") and f"`{code.value}`" in catalogue, code
