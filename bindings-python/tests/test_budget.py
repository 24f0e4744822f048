"""Headcount forms, budget policies and budget summaries through Python: the `HC_*` verdicts, a
worked example per known rate (the numbers computed by hand here), reconciliation of the totals,
exclusions and duplicates, DataFrames, and parity with `lec headcount` / `lec budget`."""

from __future__ import annotations

import csv
import json
import os
import pickle
import subprocess
from pathlib import Path
from typing import Dict, List

import pandas as pd  # type: ignore[import-untyped]
import pytest

import lec
from conftest import DATA, ROOT

REGISTRY = DATA / "registry.csv"
HEADCOUNTS = DATA / "headcounts.csv"
HEADER = "lao_code,school_code,school_name,extended,closed,K1,K2,K3,P1,P2,P3,P4,P5,P6,M1,M2,M3"
FULL = ["5", "6", "7", "10", "11", "12", "9", "8", "10", "", "", ""]


def school_records() -> List[Dict[str, str]]:
    with (DATA / "school.csv").open(encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def form_file(tmp_path: Path, *rows: str, name: str = "forms.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def row(extended: str = "no", closed: str = "", counts: List[str] = FULL, school: str = "1058100102") -> str:
    return ",".join(["06580102", school, "บ้านห้วยเดื่อ", extended, closed, *counts])


# --- headcount forms ---------------------------------------------------------------------------


def test_the_example_forms_are_clean_and_counted() -> None:
    report = lec.validate_headcounts(HEADCOUNTS, registry=REGISTRY)
    assert not report.has_errors and len(report) == 0 and list(report) == []
    assert report.summary.to_dict() == {"rows": 2, "errors": 0, "warnings": 0, "infos": 0, "records_counted": 2,
                                        "records_with_errors": 0, "records_removed": 0, "findings_omitted": 0}
    assert isinstance(report.summary, lec.Summary) and isinstance(report.files[0], lec.FileInfo)
    assert report.by_code == []
    (file,) = report.files
    assert (file.path, file.encoding, file.rows, file.blank_rows) == (str(HEADCOUNTS), "utf-8", 2, 0)
    extended, standard = report.forms
    assert (extended.row, extended.lao, extended.school, extended.extended, extended.closed) == (
        2, "06580102", "1058100101", True, False)
    assert extended.count(lec.Grade.M1) == 15 and extended.count("K1") == 8
    assert standard.counts[lec.Grade.K1] == 0 and standard.counts[lec.Grade.M1] is None and standard.count("M1") == 0
    assert standard.to_dict()["counts"]["P3"] == 6
    assert repr(report) == "HeadcountReport(files=1, rows=2, errors=0, warnings=0, records_counted=2)"


@pytest.mark.parametrize(
    "form,codes",
    [
        (row(), []),
        (row(counts=FULL[:3] + [""] + FULL[4:]), ["HC_MISSING"]),
        (row(extended="ใช่"), ["HC_MISSING", "HC_MISSING", "HC_MISSING"]),
        (row(counts=["๐"] + FULL[1:]), ["HC_NOT_ARABIC"]),
        (row(counts=FULL[:1] + ["-2", "3.5"] + FULL[3:]), ["HC_INVALID", "HC_INVALID"]),
        (row(counts=FULL[:9] + ["4", "", ""]), ["HC_OUT_OF_RANGE"]),
        (row(counts=FULL[:9] + ["0", "", ""]), []),
        (row(closed="yes", counts=["0"] * 12), []),
        (row(closed="yes"), ["HC_CLOSED_NONZERO"]),
        (row(extended="maybe"), ["HC_INVALID"]),
    ],
)
def test_a_verdict_per_headcount_code(tmp_path: Path, form: str, codes: List[str]) -> None:
    report = lec.validate_headcounts(form_file(tmp_path, form))
    assert [f.code for f in report.findings] == codes
    assert report.has_errors is bool(codes) and report.summary.records_counted == (0 if codes else 1)


def test_registry_checks_and_duplicates(tmp_path: Path) -> None:
    path = form_file(
        tmp_path,
        row(school="1058100101"),                     # registered as extended
        row(school="1058100199"),                     # not one of the LAO's schools
        row(),
        row(),                                        # the same school twice
    )
    codes = [(f.row, f.code) for f in lec.validate_headcounts(path, registry=REGISTRY).findings]
    assert codes == [(2, "HC_EXTENDED_MISMATCH"), (3, "HC_SCHOOL_NOT_REGISTERED"), (5, "HC_DUPLICATE_SCHOOL")]
    assert [f.code for f in lec.validate_headcounts(path).findings] == ["HC_DUPLICATE_SCHOOL"]


def test_thai_digits_follow_the_policy(tmp_path: Path) -> None:
    path = form_file(tmp_path, row(counts=["๑๒"] + FULL[1:]))
    (finding,) = lec.validate_headcounts(path).findings
    assert finding.severity is lec.Severity.ERROR
    lenient = lec.validate_headcounts(path, policy=lec.Policy(headcount_thai_digits="warning"))
    assert [f.severity for f in lenient.findings] == [lec.Severity.WARNING]
    assert lenient.forms[0].count("K1") == 12 and not lenient.has_errors


def test_several_files_and_unreadable_ones(tmp_path: Path) -> None:
    a = form_file(tmp_path, row(), name="a.csv")
    b = form_file(tmp_path, row(school="1058100101", extended="yes", counts=["1"] * 12), name="b.csv")
    report = lec.validate_headcounts([a, str(b)])
    assert [f.path for f in report.files] == [str(a), str(b)] and report.summary.records_counted == 2
    with pytest.raises(lec.FileError) as info:
        lec.validate_headcounts([a, tmp_path / "missing.csv"])
    assert info.value.code == "FILE_UNREADABLE" and "no such file" in info.value.message_en
    bad = tmp_path / "bad.csv"
    bad.write_text("lao_code,school_code\n06580102,1058100101\n", encoding="utf-8")
    codes = {f.code for f in lec.validate_headcounts(bad).findings}
    assert codes == {"FILE_COLUMN_MISSING"}


def test_headcount_findings_as_a_dataframe(tmp_path: Path) -> None:
    report = lec.validate_headcounts(form_file(tmp_path, row(closed="yes"), row(school="1058100101")))
    df = report.to_pandas()
    assert list(df.columns) == ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"]
    assert df["row"].dtype == "Int64" and df["code"].tolist() == ["HC_CLOSED_NONZERO"]
    assert json.loads(report.to_json()) == report.to_dict() and report.to_json(indent=None).count("\n") == 0


# --- budget policy -----------------------------------------------------------------------------


def test_the_shipped_2567_policy() -> None:
    p = lec.BudgetPolicy.builtin(2567)
    assert p == lec.BudgetPolicy.builtin() and (p.id, p.academic_year) == ("2567", 2567)
    assert p.gcode_learners_count is True
    assert p.duplicate_resolution is lec.DuplicateResolution.UNRESOLVED
    assert p.confirmation_required is lec.ConfirmationRequired.LAO  # §9.2: a confirmed LAO's data counts
    lunch = p.item("lunch")
    # young children count for lunch (cover letter item 4) at a rate nobody published
    assert lunch is not None and lunch.per is lec.Per.DAY and lunch.days == 200 and not lunch.rate_known
    assert [(r.grades, r.enrolment_min, r.enrolment_max, r.satang) for r in lunch.rates] == [
        ([lec.Grade.CD], None, None, None), (None, 1, 40, 3600), (None, 41, 100, 2700), (None, 101, 120, 2400),
        (None, 121, None, 2200)]
    assert all(r.source for i in p.items for r in i.rates), "every rate names its source"
    assert lunch.rate("CD", 10) is None
    assert [lunch.rate("P1", n) for n in (1, 40, 41, 100, 101, 120, 121, 5000)] == [
        3600, 3600, 2700, 2700, 2400, 2400, 2200, 2200]
    assert lunch.grades[0] is lec.Grade.CD
    assert lunch.institution_kinds == [lec.InstitutionKind.SCHOOL, lec.InstitutionKind.CDC]
    milk = p.item("milk")
    assert milk is not None and milk.days == 260 and not milk.rate_known and milk.rate("K1") is None
    assert p.item("nothing") is None and lunch.source and lunch.rates[1].to_dict()["satang"] == 3600
    assert pickle.loads(pickle.dumps(p)) == p == lec.BudgetPolicy.from_json(p.to_json())
    with pytest.raises(lec.InvalidConfigError, match="no budget policy ships for academic year `2599`"):
        lec.BudgetPolicy.builtin(2599)


def test_budget_policies_load_from_files(tmp_path: Path) -> None:
    p = lec.BudgetPolicy.builtin()
    doc = p.to_dict()
    doc["duplicate_resolution"] = "first_seen"
    (tmp_path / "p.json").write_text(json.dumps(doc), encoding="utf-8")
    loaded = lec.BudgetPolicy.from_file(tmp_path / "p.json")
    assert loaded.duplicate_resolution is lec.DuplicateResolution.FIRST_SEEN and loaded != p
    shipped = ROOT / "lec-core" / "data" / "budget-2567.toml"
    assert lec.BudgetPolicy.from_file(shipped) == lec.BudgetPolicy.from_toml(shipped.read_text(encoding="utf-8")) == p
    doc["items"].append(doc["items"][0])
    with pytest.raises(lec.InvalidConfigError, match="budget item `lunch` appears twice"):
        lec.BudgetPolicy.from_json(json.dumps(doc))


# --- summaries ---------------------------------------------------------------------------------


def test_worked_example_per_known_rate() -> None:
    s = lec.summarise(REGISTRY, school_records(), HEADCOUNTS)
    assert s.records.to_dict() == {"rows": 45, "counted": 44, "removed": 1, "with_errors": 0, "not_confirmed": 0,
                                   "unregistered": 0, "inactive": 0, "gcode_excluded": 0,
                                   "duplicates_not_counted": 0}
    school = next(u for u in s.institutions if u.code == "3058200001")
    heads = {str(g): n for g, n in school.heads_by_grade.items()}
    assert heads == {"K1": 5, "K2": 5, "K3": 5, "P1": 5, "P2": 5, "P3": 5, "P4": 4, "P5": 5, "P6": 5}
    # lunch: 44 pupils of อ.1–ป.6 is the 41–100 tier, 27 baht a day, 200 days
    assert school.item("lunch") == school.items[0]
    assert (school.items[0].heads, school.items[0].amount_satang) == (44, 44 * 2700 * 200)
    # uniforms (per year): 15 pre-school pupils at 300 baht, 29 primary at 360 baht
    uniforms = school.item("uniforms")
    assert uniforms is not None and uniforms.amount_satang == 15 * 30000 + 29 * 36000
    # milk: the heads, but no amount (the price per pack is unknown)
    milk = school.item("milk")
    assert milk is not None and (milk.heads, milk.amount_satang) == (44, None)
    # other-affiliation schools count for lunch from their forms: 91 (41–100 tier) and 34 (1–40 tier)
    lunch = {u.code: u.item("lunch") for u in s.schools}
    assert {c: (i.heads, i.amount_satang) for c, i in lunch.items() if i} == {
        "1058100101": (91, 91 * 2700 * 200),
        "1058100102": (34, 34 * 3600 * 200),
    }
    province = next(u for u in s.provinces if u.code == "58")
    assert province.item("lunch").amount_satang == (44 * 2700 + 91 * 2700 + 34 * 3600) * 200  # type: ignore[union-attr]
    assert province.item("milk").amount_satang is None  # type: ignore[union-attr]
    assert s.total.level == "total" and s.total.item("lunch") == province.item("lunch")
    assert [i.id for i in s.items] == [i.id for i in lec.BudgetPolicy.builtin().items]
    assert {i.id: i.rate_known for i in s.items}["lunch"] is False  # the young children's rate


def test_totals_reconcile() -> None:
    """A province is the sum of its LAOs, an LAO of its institutions and schools, the total of the
    provinces: heads always, amounts where every part's is known."""
    registry = lec.Registry.from_file(REGISTRY)
    forms = lec.validate_headcounts(HEADCOUNTS, registry=registry)
    records = school_records()
    records += [dict(r, **{"รหัสสถานศึกษา": "3058100001", "เลขประจำตัวประชาชน": ""}) for r in records[:3]]
    s = lec.summarise(registry, records, forms)

    def lao_of(code: str) -> str | None:
        inst = registry.institution(code)
        return inst.lao if inst else None

    def province_of(code: str) -> str:
        lao = registry.lao(code)
        assert lao is not None
        return f"{lao.province:02}"

    school_lao = {f.school: f.lao for f in forms.forms}
    checked = 0

    def add(parts: List[lec.UnitBudget], unit: lec.UnitBudget) -> None:
        nonlocal checked
        for i, item in enumerate(unit.items):
            assert item.heads == sum(p.items[i].heads for p in parts), (unit, item)
            amounts = [p.items[i].amount_satang for p in parts]
            expected = None if None in amounts else sum(a for a in amounts if a is not None)
            assert item.amount_satang == expected, (unit, item)
            checked += 1

    for lao in s.laos:
        parts = [u for u in s.institutions if lao_of(u.code) == lao.code]
        parts += [u for u in s.schools if school_lao.get(u.code) == lao.code]
        add(parts, lao)
    for p in s.provinces:
        add([u for u in s.laos if province_of(u.code) == p.code], p)
    add(s.provinces, s.total)
    assert checked == (len(s.laos) + len(s.provinces) + 1) * len(s.items)
    assert s.total.item("lunch").heads == 44 + 91 + 34  # type: ignore[union-attr]


def test_records_as_a_dataframe_count_the_same() -> None:
    records = school_records()
    as_list = lec.summarise(REGISTRY, records, HEADCOUNTS)
    as_frame = lec.summarise(REGISTRY, pd.DataFrame(records), HEADCOUNTS)
    assert as_frame.to_dict() == as_list.to_dict()


def test_duplicates_are_placed_by_the_policy_and_masked() -> None:
    records = school_records()
    twin = dict(records[0], **{"รหัสสถานศึกษา": "3058100001"})  # the same pupil at the PAO's school
    s = lec.summarise(REGISTRY, records + [twin])
    (dup,) = s.unresolved_duplicates
    assert dup.institutions == ["3058100001", "3058200001"]
    assert dup.person == lec.mask_id(records[0]["เลขประจำตัวประชาชน"]) and "xxxxx" in dup.person
    assert s.records.duplicates_not_counted == 2 and s.records.counted == 43
    assert lec.summarise(REGISTRY, records + [twin], unmask=True).unresolved_duplicates[0].person == records[0][
        "เลขประจำตัวประชาชน"]
    doc = lec.BudgetPolicy.builtin().to_dict()
    doc["duplicate_resolution"] = "lowest_institution_code"
    placed = lec.summarise(REGISTRY, records + [twin], budget_policy=lec.BudgetPolicy.from_json(json.dumps(doc)))
    assert placed.unresolved_duplicates == [] and placed.records.counted == 44
    assert next(u for u in placed.institutions if u.code == "3058100001").items[0].heads == 1


def test_only_confirmed_units_count_with_a_round() -> None:
    registry = lec.Registry.from_file(REGISTRY)
    rnd = lec.Round(registry)
    records = school_records()
    open_round = lec.summarise(registry, records, HEADCOUNTS, round=rnd)
    assert open_round.confirmation_checked and open_round.records.not_confirmed == 44
    assert {u.excluded for u in open_round.institutions} == {"not_confirmed"}
    assert {u.excluded for u in open_round.schools} == {"not_confirmed"}
    assert {u.code: u.confirmed for u in open_round.provinces} == {"42": False, "58": False}
    for line in (DATA / "round-2567-2.jsonl").read_text(encoding="utf-8").splitlines():
        try:
            rnd.apply(json.loads(line))
        except json.JSONDecodeError:
            pass
    done = lec.summarise(registry, records, HEADCOUNTS, round=rnd)
    assert done.records.counted == 44
    # beside each province, whether it confirmed: the sample round's Loei did not
    assert {u.code: u.confirmed for u in done.provinces} == {"42": False, "58": True} and done.total.confirmed is None and done.to_dict() == lec.summarise(
        registry, records, HEADCOUNTS, round=lec.RoundState.from_json(rnd.state_json())).to_dict()
    assert not lec.summarise(registry, records, HEADCOUNTS).confirmation_checked
    with pytest.raises(TypeError, match="lec.Round or a lec.RoundState"):
        lec.summarise(registry, records, round="2567-2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="headcounts must be"):
        lec.summarise(registry, records, 42)  # type: ignore[arg-type]


def test_rows_and_dataframe_one_per_unit_and_item() -> None:
    s = lec.summarise(REGISTRY, school_records(), HEADCOUNTS)
    rows = s.rows()
    units = len(s.provinces) + len(s.laos) + len(s.institutions) + len(s.schools) + 1
    assert len(rows) == units * len(s.items)
    assert rows[0] == {"level": "province", "code": "42", "name": "เลย", "excluded": None, "confirmed": None,
                       "item": "lunch", "heads": 0, "amount_satang": 0}
    assert all(isinstance(r["amount_satang"], int) or r["amount_satang"] is None for r in rows)
    df = s.to_pandas()
    assert list(df.columns) == ["level", "code", "name", "excluded", "confirmed", "item", "heads", "amount_satang"]
    assert str(df["amount_satang"].dtype) == "Int64" and str(df["heads"].dtype) == "Int64"
    total = df[(df["level"] == "total") & (df["item"] == "lunch")]["amount_satang"].iloc[0]
    assert total == s.total.items[0].amount_satang
    assert df[(df["level"] == "total") & (df["item"] == "milk")]["amount_satang"].isna().all()
    assert json.loads(s.to_json()) == s.to_dict() and s.to_dict()["policy"] == "2567"
    assert repr(s).startswith("BudgetSummary(policy='2567', academic_year=2567, institutions=6, schools=2")


def test_summarise_arguments() -> None:
    with pytest.raises(lec.FileError):
        lec.summarise(REGISTRY, [], "missing-headcounts.csv")
    with pytest.raises(lec.InvalidConfigError):
        lec.summarise(REGISTRY, [], year=2599)
    with pytest.raises(TypeError, match="list of records"):
        lec.summarise(REGISTRY, {"person_id": "1"})
    empty = lec.summarise(REGISTRY, [])
    assert empty.records.rows == 0 and empty.total.items[0].heads == 0
    assert {u.excluded for u in empty.schools} == {"no_form"}
    # a school without a form: its lunch and milk are unknown (None), never 0
    assert all(u.item("lunch").amount_satang is None and u.item("milk").amount_satang is None  # type: ignore[union-attr]
               for u in empty.schools)
    assert all(u.item("uniforms").amount_satang == 0 for u in empty.schools)  # type: ignore[union-attr]
    assert all(u.confirmed is None for u in empty.provinces)


# --- parity with the command -------------------------------------------------------------------


def cli(*args: str) -> str:
    proc = subprocess.run([os.environ["LEC_CLI"], *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout


@pytest.mark.skipif(not os.environ.get("LEC_CLI"), reason="LEC_CLI (the `lec` binary) not given")
def test_same_documents_as_lec_headcount_and_lec_budget(tmp_path: Path) -> None:
    report = lec.validate_headcounts(HEADCOUNTS, registry=REGISTRY)
    assert cli("headcount", str(HEADCOUNTS), "--registry", str(REGISTRY), "--format", "json") == report.to_json() + "\n"
    bad = form_file(tmp_path, row(closed="yes"), row(school="1058100101"), row(counts=["๑"] + FULL[1:]))
    assert cli("headcount", str(bad), "--format", "json") == lec.validate_headcounts(bad).to_json() + "\n"

    records = school_records()
    s = lec.summarise(REGISTRY, records, HEADCOUNTS)
    args = ["budget", "--registry", str(REGISTRY), "--records", str(DATA / "school.csv"), "--headcounts", str(HEADCOUNTS)]
    assert cli(*args, "--format", "json") == s.to_json() + "\n"
    as_csv = list(csv.DictReader(cli(*args, "--format", "csv").splitlines()))
    def text(v: object) -> str:
        return "" if v is None else str(v).lower() if isinstance(v, bool) else str(v)

    assert as_csv == [{k: text(v) for k, v in r.items()} for r in s.rows()]

    events = tmp_path / "events.jsonl"
    subprocess.run([os.environ["LEC_CLI"], "round", "replay", str(DATA / "round-2567-2.jsonl"), "--registry",
                    str(REGISTRY), "--events-out", str(events)], cwd=ROOT, capture_output=True)
    rnd = lec.Round.from_json(REGISTRY, events.read_text(encoding="utf-8"))
    confirmed = lec.summarise(REGISTRY, records, HEADCOUNTS, round=rnd)
    assert cli(*args, "--log", str(events), "--format", "json") == confirmed.to_json() + "\n"
