"""The shared test vectors: the same files and the same assertions as lec-core/tests/vectors.rs."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any, Dict

import pytest

import lec
from conftest import load_vectors

IDS = load_vectors("ids.json")
GRADES = load_vectors("grades.json")["vectors"]
DATES = load_vectors("dates.json")["vectors"]
CODES = load_vectors("codes.json")
WORKFLOW = load_vectors("workflow.json")
RECORDS = load_vectors("records.json")
BUDGET = load_vectors("budget.json")


def test_the_vector_files_are_not_empty() -> None:
    assert len(IDS["vectors"]) > 30
    assert len(GRADES) > 10 and len(DATES) > 10
    assert CODES["lao"] and CODES["institution"]


@pytest.mark.parametrize("v", IDS["vectors"], ids=lambda v: repr(v["input"]))
def test_id_vector(v: Dict[str, Any]) -> None:
    assert IDS["policy"] == "default"
    year = IDS["academic_year"]
    check = lec.check_id(v["input"], year=year)
    assert [f.code for f in check.findings] == v["codes"]
    assert check.valid is v["valid"]
    pid = check.id
    assert (pid.kind.value if pid else None) == v["kind"]
    assert (pid.normalized if pid else None) == v["normalized"]
    assert (pid.masked if pid else None) == v["masked"]
    assert (pid.category if pid else None) == v["category"]
    assert (pid.province_code if pid else None) == v["province_code"]
    assert (pid.gcode_year if pid else None) == v["gcode_year"]
    # parse_id agrees: it raises exactly when the identity itself is not valid
    if pid is None:
        with pytest.raises(lec.InvalidIdError) as info:
            lec.parse_id(v["input"])
        assert info.value.code == check.error_code
    else:
        assert lec.parse_id(v["input"]) == pid
    # the batch path agrees with the full check
    assert lec.validate_ids([v["input"]], year=year) == [check.error_code]


def test_batch_path_agrees_on_the_whole_file_at_once() -> None:
    inputs = [v["input"] for v in IDS["vectors"]]
    expected = [lec.check_id(t, year=IDS["academic_year"]).error_code for t in inputs]
    assert lec.validate_ids(inputs, year=IDS["academic_year"]) == expected
    assert expected.count(None) == sum(v["valid"] for v in IDS["vectors"])


@pytest.mark.parametrize("v", GRADES, ids=lambda v: repr(v["input"]))
def test_grade_vector(v: Dict[str, Any]) -> None:
    if v["code"] is None:
        with pytest.raises(lec.InvalidGradeError) as info:
            lec.parse_grade(v["input"])
        assert info.value.code == "GRADE_UNKNOWN"
    else:
        g = lec.parse_grade(v["input"])
        assert isinstance(g, lec.Grade)
        assert g.value == v["code"] and g is lec.Grade(v["code"])


@pytest.mark.parametrize("v", DATES, ids=lambda v: repr(v["input"]))
def test_date_vector(v: Dict[str, Any]) -> None:
    if v["date"] is None:
        with pytest.raises(lec.InvalidDateError) as info:
            lec.parse_date(v["input"])
        assert info.value.code == "BIRTHDATE_INVALID"
    else:
        d = lec.parse_date(v["input"])
        assert d.date == datetime.date.fromisoformat(v["date"])
        assert d.era == lec.EraReading(v["era"])


@pytest.mark.parametrize("v", CODES["lao"], ids=lambda v: repr(v["input"]))
def test_lao_code_vector(v: Dict[str, Any]) -> None:
    if v["error"] is not None:
        with pytest.raises(lec.InvalidCodeError) as info:
            lec.parse_lao_code(v["input"])
        assert info.value.code == v["error"]
    else:
        c = lec.parse_lao_code(v["input"])
        assert (c.login, c.kind, c.province) == (v["login"], lec.LaoKind(v["kind"]), v["province"])


@pytest.mark.parametrize("v", CODES["institution"], ids=lambda v: repr(v["input"]))
def test_institution_code_vector(v: Dict[str, Any]) -> None:
    if v["error"] is not None:
        with pytest.raises(lec.InvalidCodeError) as info:
            lec.parse_institution_code(v["input"])
        assert info.value.code == v["error"]
    else:
        c = lec.parse_institution_code(v["input"])
        assert ("cdc" if c.is_cdc else "school_or_college") == v["class"]
        assert c.owner_class == lec.OwnerClass(v["owner"])
        assert c.province == v["province"]


@pytest.fixture(scope="module")
def workflow_round() -> tuple[lec.Round, list[object]]:
    """The vector's round, played step by step; the outcomes beside it."""
    registry = lec.Registry.from_csv(WORKFLOW["registry_csv"], "registry.csv")
    assert registry.findings == []
    rnd = lec.Round(registry, WORKFLOW["calendar"])
    return rnd, [rnd.apply(step["command"]) for step in WORKFLOW["steps"]]


def test_workflow_vector_verdicts(workflow_round: tuple[lec.Round, list[object]]) -> None:
    rnd, outcomes = workflow_round
    got = ["accepted" if isinstance(o, lec.Accepted) else o.code.value for o in outcomes]  # type: ignore[attr-defined]
    assert got == [step["expect"] for step in WORKFLOW["steps"]]
    # every rejection code is exercised
    assert {c.value for c in lec.RejectionCode} <= set(got)


def test_workflow_vector_final_state(workflow_round: tuple[lec.Round, list[object]]) -> None:
    rnd, _ = workflow_round
    final = WORKFLOW["final"]
    assert len(rnd.events) == final["events"]
    state = rnd.state
    for level in ("institutions", "laos", "headcounts", "provinces"):
        confirmed = sorted(code for code, unit in getattr(state, level).items() if unit.confirmed)
        assert confirmed == final["confirmed"][level], level
    # and the log replays to it
    assert lec.Round.from_json(lec.Registry.from_csv(WORKFLOW["registry_csv"]), rnd.to_json()).state == state


@pytest.mark.parametrize("v", WORKFLOW["spot_check"], ids=lambda v: f"{v['province']}-{v['size']}-{v['seed']}")
def test_spot_check_vector(workflow_round: tuple[lec.Round, list[object]], v: Dict[str, Any]) -> None:
    rnd, _ = workflow_round
    assert rnd.spot_check_sample(v["province"], v["size"], v["seed"]) == v["sample"]


def test_deadline_vector() -> None:
    """§5 note: an LAO's institutions may face an earlier deadline than the LAO's own."""
    doc = load_vectors("deadlines.json")
    registry = lec.Registry.from_csv(doc["registry_csv"], "registry.csv")
    rnd = lec.Round(registry, lec.RoundCalendar.from_json(json.dumps(doc["calendar"])))
    outcomes = [rnd.apply(s["command"]) for s in doc["steps"]]
    got = ["accepted" if isinstance(o, lec.Accepted) else o.code.value for o in outcomes]  # type: ignore[attr-defined]
    assert got == [s["expect"] for s in doc["steps"]]
    p = doc["pending"]
    units = {u.code: u for u in rnd.pending(p["at"], p["within"]) if not u.headcounts}
    for want in p["units"]:
        unit = units[want["code"]]
        deadline = unit.deadline.astimezone(lec.BANGKOK)
        assert deadline.date().isoformat() == want["deadline_day"] and (deadline.hour, deadline.minute) == (23, 59)
        assert unit.overdue is want["overdue"]


@pytest.mark.parametrize("v", RECORDS["vectors"], ids=lambda v: v["note"])
def test_record_vector(v: Dict[str, Any]) -> None:
    policy = lec.Policy.from_json(json.dumps(v["policy"]))
    report = lec.validate_records([v["record"]], year=RECORDS["academic_year"], policy=policy)
    assert [f.code for f in report.findings] == v["codes"], v["note"]


@pytest.mark.parametrize("case", BUDGET["cases"], ids=lambda c: c["name"])
def test_budget_vector(case: Dict[str, Any], tmp_path: Path) -> None:
    registry = lec.Registry.from_csv(BUDGET["registry_csv"], "registry.csv")
    assert registry.findings == []
    forms_file = tmp_path / "headcounts.csv"
    forms_file.write_text(BUDGET["headcounts_csv"], encoding="utf-8")
    forms = lec.validate_headcounts(forms_file, registry=registry)
    doc = lec.BudgetPolicy.builtin().to_dict()
    doc.update(case["budget_policy"])
    rnd = None
    if case["round_commands"] is not None:
        rnd = lec.Round(registry, BUDGET["calendar"])
        for command in case["round_commands"]:
            assert isinstance(rnd.apply(command), lec.Accepted), command
    s = lec.summarise(registry, BUDGET["records"], forms, budget_policy=lec.BudgetPolicy.from_json(json.dumps(doc)),
                      round=rnd).to_dict()
    for key, value in case["records"].items():
        assert s["records"][key] == value, (case["name"], key)
    for want in case["units"]:
        level, code = want["level"], want["code"]
        got = s["total"] if level == "total" else next(u for u in s[level + "s"] if u["code"] == code)
        at = f"{case['name']}: {level} {code}"
        assert got.get("excluded") == want["excluded"], at
        assert got["confirmed"] == want["confirmed"], at
        items = {i["item"]: [i["heads"], i["amount_satang"]] for i in got["items"]}
        for item, expected in want["items"].items():
            assert items[item] == expected, (at, item)
