"""Policies and registries: loading, equality, pickling, and their effect on verdicts."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import lec
from conftest import DATA, ROOT


def test_default_policy_file_is_the_default_policy() -> None:
    assert lec.Policy.from_file(ROOT / "examples" / "policy-default.toml") == lec.Policy()
    assert repr(lec.Policy()) == "Policy()"


def test_policy_from_text_kwargs_and_files(tmp_path: Path) -> None:
    p = lec.Policy(cdc_min_age_years=3, reserved_category_9=lec.CheckLevel.ERROR)
    assert p.to_dict()["cdc_min_age_years"] == 3 and p.to_dict()["reserved_category_9"] == "error"
    assert p == lec.Policy.from_json('{"cdc_min_age_years": 3, "reserved_category_9": "error"}')
    assert p == lec.Policy.from_toml('cdc_min_age_years = 3\nreserved_category_9 = "error"\n')
    assert p == lec.Policy.from_json(p.to_json()) and p != lec.Policy()
    assert repr(p) == "Policy(reserved_category_9='error', cdc_min_age_years=3)" or repr(p) == (
        "Policy(cdc_min_age_years=3, reserved_category_9='error')"
    )
    assert pickle.loads(pickle.dumps(p)) == p
    j = tmp_path / "p.json"
    j.write_text(p.to_json(), encoding="utf-8")
    assert lec.Policy.from_file(j) == p and lec.Policy.from_file(str(j)) == p
    grades = lec.Policy(grades_offered={"school": [lec.Grade.K1], "college": [], "child_development_centre": ["CD"]})
    assert grades.to_dict()["grades_offered"]["school"] == ["K1"]


@pytest.mark.parametrize(
    "make",
    [
        lambda: lec.Policy(no_such_rule=1),
        lambda: lec.Policy(age_reference_month=2, age_reference_day=30),
        lambda: lec.Policy.from_json("{"),
        lambda: lec.Policy.from_toml("x = "),
        lambda: lec.Policy(reserved_category_9="sometimes"),
    ],
)
def test_bad_policies_are_invalid_config(make) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(lec.InvalidConfigError) as info:
        make()
    assert info.value.code == "CONFIG_INVALID" and info.value.kind is lec.ErrorKind.INVALID_CONFIG


def test_policy_file_that_cannot_be_read_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(lec.FileError):
        lec.Policy.from_file(tmp_path / "none.toml")


def test_policy_changes_record_verdicts() -> None:
    row = {"institution_code": "3058500001", "person_id": "1580100123451", "first_name": "ก", "last_name": "ข",
           "birth_date": "01/01/2565", "grade": "ศพด.", "status": "ย้ายเข้า"}
    assert "AGE_CDC_CRITERION" not in {f.code for f in lec.validate_records([row]).findings}
    strict = lec.Policy(cdc_min_age_years=3)
    assert "AGE_CDC_CRITERION" in {f.code for f in lec.validate_records([row], policy=strict).findings}
    # the criterion judges children newly transferring in (§4.3.2(1)) unless the scope is `all`
    enrolled = {**row, "status": "ปกติ"}
    assert "AGE_CDC_CRITERION" not in {f.code for f in lec.validate_records([enrolled], policy=strict).findings}
    every = lec.Policy(cdc_min_age_years=3, cdc_age_criterion_scope="all")
    assert "AGE_CDC_CRITERION" in {f.code for f in lec.validate_records([enrolled], policy=every).findings}
    assert lec.age_reference_date(2567) == lec.age_reference_date(2567, policy=lec.Policy())
    assert lec.age_reference_date(2567, policy=lec.Policy(age_reference_month=6, age_reference_day=1)).month == 6


def test_registry_from_file_and_lookups() -> None:
    reg = lec.Registry.from_file(DATA / "registry.csv")
    assert (reg.province_count, reg.lao_count, reg.institution_count, reg.other_school_count) == (2, 4, 6, 2)
    assert reg.findings == [] and reg.name.endswith("registry.csv")
    inst = reg.institution("3058200001")
    assert inst is not None
    assert (inst.code, inst.kind, inst.lao) == ("3058200001", lec.InstitutionKind.SCHOOL, "04580101")
    assert inst.name == "โรงเรียนเทศบาล 1" and "'โรงเรียนเทศบาล 1'" in repr(inst)
    assert reg.institution("3058200099") is None
    lao = reg.lao("4580101")
    assert lao is not None and (lao.code, lao.kind, lao.province) == ("04580101", lec.LaoKind.TOWN, 58)
    with pytest.raises(lec.InvalidCodeError):
        reg.institution("12345")


def test_registry_from_csv_content_and_bad_rows() -> None:
    text = (DATA / "registry.csv").read_text(encoding="utf-8")
    assert lec.Registry.from_csv(text).institution_count == 6
    assert lec.Registry.from_csv(text.encode("cp874"), name="r.csv").name == "r.csv"
    bad = lec.Registry.from_file(DATA / "bad" / "registry-bad.csv")
    assert [f.code for f in bad.findings][:3] == ["PROVINCE_UNKNOWN", "LAO_KIND_MISMATCH", "LAO_PROVINCE_MISMATCH"]
    assert all(f.file and f.file.endswith("registry-bad.csv") and f.row for f in bad.findings)
    with pytest.raises(lec.FileError) as info:
        lec.Registry.from_csv("level,code\nprovince,58\n")
    assert info.value.code == "FILE_COLUMN_MISSING"
    with pytest.raises(TypeError):
        lec.Registry.from_csv(42)  # type: ignore[arg-type]


def test_dates_provinces_and_codes() -> None:
    d = lec.parse_date("๑๖/๐๕/๒๕๖๑")
    assert d.thai_digits and str(d) == "16/05/2561" == d.to_be_string()
    assert d.date == lec.parse_date("2018-05-16").date and d != lec.parse_date("2018-05-16")
    assert d == lec.parse_date("๑๖/๐๕/๒๕๖๑") and hash(d) == hash(lec.parse_date("๑๖/๐๕/๒๕๖๑"))
    assert lec.age_in_full_years(d.date, lec.age_reference_date(2567)) == 6
    assert lec.province(58).name_en == "Mae Hong Son" and lec.province("42").name_th == "เลย"
    assert len(lec.provinces()) == 77 and len(set(lec.provinces())) == 77
    for bad in (99, "99", 1000):
        with pytest.raises(lec.InvalidCodeError) as info:
            lec.province(bad)
        assert info.value.code == "PROVINCE_UNKNOWN"
    lao = lec.parse_lao_code("5810401")
    assert str(lao) == "05810401" and lao.code7 == "5810401" and lao.district == 4
    assert lec.parse_institution_code("3058600101").owner_digit == 6
