"""Validating files and records: the Report, its findings, JSON and pandas forms."""

from __future__ import annotations

import csv
import datetime
import json
import os
import pickle
import re
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import lec
from conftest import DATA

STUDENTS = DATA / "students.csv"
REGISTRY = DATA / "registry.csv"
UNMASKED_ID = re.compile(r"(?<!\d)\d{13}(?!\d)")


def codes_by_row(findings: List[lec.Finding]) -> List[Tuple[Any, str]]:
    return [(f.row, f.code) for f in findings]


@pytest.fixture(scope="module")
def report() -> lec.Report:
    return lec.validate_file(STUDENTS, registry=REGISTRY)


def test_every_row_is_accounted_for_and_the_counts_match_the_findings(report: lec.Report) -> None:
    s = report.summary
    assert s.rows == s.records_counted + s.records_with_errors + s.records_removed
    assert s.rows == sum(f.rows for f in report.files) > 0
    severities = [f.severity for f in report.findings]
    assert (s.errors, s.warnings, s.infos) == (
        severities.count(lec.Severity.ERROR),
        severities.count(lec.Severity.WARNING),
        severities.count(lec.Severity.INFO),
    )
    assert report.has_errors and s.errors > 0 and s.records_removed == 1
    assert len(report) == len(report.findings) and list(report) == report.findings


def test_findings_say_where_and_what(report: lec.Report) -> None:
    f = next(f for f in report.findings if f.code == "ID_CHECKSUM")
    assert (f.severity, f.file, f.row, f.column) == (lec.Severity.ERROR, str(STUDENTS), 4, "person_id")
    assert f.value == "1-5801-xxxxx-xx-6"
    assert "`1-5801-xxxxx-xx-6`" in f.message_en and "`1-5801-xxxxx-xx-6`" in f.message_th
    assert f.message() == f.message_en == f.message("en") and f.message(lec.Lang.TH) == f.message_th
    codes = {f.code for f in report.findings}
    assert {"ID_DUPLICATE", "ID_DUPLICATE_ACROSS", "INSTITUTION_NOT_REGISTERED", "RECORD_REMOVED"} <= codes
    rows = [f.row for f in report.findings]
    assert rows == sorted(rows)


def test_personal_ids_are_masked_unless_unmask(report: lec.Report) -> None:
    assert not UNMASKED_ID.search(report.to_json())
    assert not UNMASKED_ID.search(repr(report.findings))
    unmasked = lec.validate_file(STUDENTS, registry=REGISTRY, unmask=True)
    f = next(f for f in unmasked.findings if f.code == "ID_CHECKSUM")
    assert f.value is not None and UNMASKED_ID.fullmatch(f.value)


def test_windows_874_copy_gives_the_same_findings(report: lec.Report) -> None:
    thai = lec.validate_file(DATA / "students-win874.csv", registry=REGISTRY)
    assert thai.files[0].encoding == "windows-874"
    assert [f.code for f in thai.findings if f.code == "FILE_ENCODING"] == ["FILE_ENCODING"]
    strip = [(f.row, f.code, f.column, f.value) for f in thai.findings if f.code != "FILE_ENCODING"]
    assert strip == [(f.row, f.code, f.column, f.value) for f in report.findings]


def test_to_json_is_the_cli_document(report: lec.Report) -> None:
    doc = json.loads(report.to_json())
    assert doc == report.to_dict()
    assert list(doc)[:2] == ["files", "summary"] and "findings" in doc
    assert "registry_findings" not in doc  # the sample registry is clean
    assert doc["summary"]["rows"] == report.summary.rows
    assert doc["summary"] | report.summary.to_dict() == doc["summary"]
    assert doc["findings"] == [f.to_dict() for f in report.findings]
    assert json.loads(report.to_json(indent=None)) == doc and "\n" not in report.to_json(indent=None)
    assert report.to_json(indent=4).startswith('{\n    "files"')


def test_registry_findings_are_reported_with_a_bad_registry() -> None:
    r = lec.validate_file(STUDENTS, registry=DATA / "bad" / "registry-bad.csv")
    assert len(r.registry_findings) == 12
    assert json.loads(r.to_json())["registry_findings"] == [f.to_dict() for f in r.registry_findings]


def test_to_pandas_has_one_row_per_finding(report: lec.Report) -> None:
    pytest.importorskip("pandas")
    df = report.to_pandas()
    assert list(df.columns) == ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"]
    assert len(df) == len(report.findings)
    assert str(df["row"].dtype) == "Int64"
    assert df["code"].tolist() == [f.code for f in report.findings]
    assert (df["severity"] == "error").sum() == report.summary.errors


def test_registry_as_object_or_path_and_options(report: lec.Report) -> None:
    reg = lec.Registry.from_file(REGISTRY)
    assert lec.validate_file(STUDENTS, registry=reg).to_json() == report.to_json()
    without = lec.validate_file(STUDENTS)
    assert "INSTITUTION_NOT_REGISTERED" not in {f.code for f in without.findings}
    with pytest.raises(TypeError):
        lec.validate_file(STUDENTS, registry=42)  # type: ignore[arg-type]


def test_as_of_moves_the_reference_date() -> None:
    row = {"institution_code": "3058200001", "person_id": "1580100123451", "first_name": "ก", "last_name": "ข",
           "birth_date": "01/06/2567", "grade": "อ.1"}
    assert "BIRTHDATE_FUTURE" in {f.code for f in lec.validate_records([row]).findings}
    for as_of in ("10/11/2567", datetime.date(2024, 11, 10), "2024-11-10"):
        codes = {f.code for f in lec.validate_records([row], as_of=as_of).findings}
        assert "BIRTHDATE_FUTURE" not in codes, as_of
    with pytest.raises(lec.InvalidDateError):
        lec.validate_records([row], as_of="31/02/2567")
    with pytest.raises(TypeError):
        lec.validate_records([row], as_of=20241110)  # type: ignore[arg-type]


def test_unreadable_files_are_reported_or_raise(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    # by default the report holds the finding, as the lec command's does
    r = lec.validate_files([STUDENTS, missing])
    last = r.findings[-1]
    assert (last.code, last.file, last.row) == ("FILE_UNREADABLE", str(missing), None)
    assert "no such file" in last.message_en and last.message_th != last.message_en
    assert r.files[-1].encoding is None
    assert r.to_json() == lec.validate_files([STUDENTS, missing], unreadable="report").to_json()
    with pytest.raises(lec.FileError):
        lec.validate_files([STUDENTS, missing], unreadable="raise")
    with pytest.raises(ValueError):
        lec.validate_files([STUDENTS], unreadable="ignore")  # type: ignore[arg-type]
    # a file that opens but is not CSV is a finding either way
    binary = lec.validate_file(DATA / "bad" / "binary.csv")
    assert [f.code for f in binary.findings] == ["FILE_UNREADABLE"]


def test_workbooks_are_read_as_the_lec_command_reads_them() -> None:
    book = DATA / "bad" / "lec-export.xlsx"
    r = lec.validate_files([book])
    cli = os.environ.get("LEC_CLI")  # set by `cargo xtask test`
    if cli:
        out = subprocess.run([cli, "validate", str(book), "--format", "json"], capture_output=True, check=False)
        assert json.loads(out.stdout) == r.to_dict()
    assert r.summary.rows == 11 and r.summary.errors > 0
    assert r.files[0].format == "xlsx"
    # the counts per code and per institution, as in the JSON
    total = r.summary.errors + r.summary.warnings + r.summary.infos
    assert r.by_code == r.to_dict()["by_code"] and sum(c["count"] for c in r.by_code) == total
    assert r.by_institution == r.to_dict()["by_institution"]
    # the same data as CSV and as a workbook in the LEC export layout
    csv_report = lec.validate_file(DATA / "workbooks" / "school-lec.csv", registry=DATA / "workbooks" / "registry.xlsx")
    xlsx_report = lec.validate_file(DATA / "workbooks" / "school-lec.xlsx", registry=REGISTRY)
    assert csv_report.summary == xlsx_report.summary and csv_report.by_code == xlsx_report.by_code
    assert [(f.row, f.code) for f in csv_report.findings] == [(f.row, f.code) for f in xlsx_report.findings]
    # a limit lists fewer findings and counts them all; threads do not change the report
    limited = lec.validate_file(book, limit=2, errors_only=True, threads=1)
    assert len(limited.findings) == 2 and limited.summary.findings_omitted == total - 2
    assert lec.validate_file(book, threads=1).to_json() == lec.validate_file(book, threads=3).to_json()


def test_duplicates_are_found_across_files(tmp_path: Path) -> None:
    header = "institution_code,person_id,first_name,last_name,birth_date,grade\n"
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text(header + "3058200001,1580100123451,กล้า,ใจดี,15/03/2560,ป.1\n", encoding="utf-8")
    b.write_text(header + "3058100001,1580100123451,กล้า,ใจดี,15/03/2560,ป.1\n", encoding="utf-8")
    r = lec.validate_files([a, b])
    assert [(f.file, f.code) for f in r.findings] == [(str(a), "ID_DUPLICATE_ACROSS"), (str(b), "ID_DUPLICATE_ACROSS")]
    assert lec.validate_files(str(a)).summary.rows == 1  # one path given as a plain string


def read_rows(path: Path) -> List[Dict[str, str]]:
    """The records of a CSV file as dicts, without the rows of the wrong width."""
    with path.open(encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if None not in row and None not in row.values()]


def short_rows(path: Path) -> List[int]:
    """The positions (from 0) of the records whose width differs from the header's."""
    with path.open(encoding="utf-8", newline="") as f:
        header, *records = list(csv.reader(f))
    return [i for i, r in enumerate(records) if len(r) != len(header)]


def test_validate_records_gives_the_file_verdicts() -> None:
    rows = read_rows(STUDENTS)
    from_file = lec.validate_file(STUDENTS)
    from_records = lec.validate_records(rows)
    # records count from 1 where the file's first record is row 2; the short row is left out
    expected = [(f.row - 1, f.code) for f in from_file.findings if f.code != "FILE_ROW_SHAPE"]
    assert codes_by_row(from_records.findings) == expected
    assert {f.file for f in from_records.findings} == {"<records>"}


def test_validate_records_with_thai_keys_and_blank_values() -> None:
    row = {"รหัสสถานศึกษา": "3058200001", "เลขประจำตัวประชาชน": None, "ชื่อ": "กล้า", "นามสกุล": "ใจดี",
           "วันเดือนปีเกิด": "15/03/2560", "ระดับชั้น": "ป.1", "unrelated": 1}
    r = lec.validate_records([row])
    assert [f.code for f in r.findings] == ["ID_EMPTY"]
    with pytest.raises(TypeError):
        lec.validate_records(["not a mapping"])
    with pytest.raises(TypeError):
        lec.validate_records({"person_id": "x"})  # type: ignore[arg-type]


def test_validate_records_reads_camel_case_keys_as_node_does() -> None:
    # a JSON form from a JavaScript system: the same columns, camelCase
    row = {"institutionCode": "3058200001", "personId": None, "firstName": "กล้า", "lastName": "ใจดี",
           "birthDate": "15/03/2560", "grade": "ป.1"}
    assert [f.code for f in lec.validate_records([row]).findings] == ["ID_EMPTY"]


def test_validate_records_takes_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    rows = read_rows(STUDENTS)
    expected = codes_by_row(lec.validate_records(rows).findings)
    df = pd.read_csv(STUDENTS, dtype=str, keep_default_na=False)
    df = df.drop(index=short_rows(STUDENTS)).reset_index(drop=True)
    assert len(df) == len(rows)
    assert codes_by_row(lec.validate_records(df).findings) == expected
    pl = pytest.importorskip("polars")
    assert codes_by_row(lec.validate_records(pl.from_pandas(df)).findings) == expected
    pa = pytest.importorskip("pyarrow")
    assert codes_by_row(lec.validate_records(pa.Table.from_pandas(df)).findings) == expected


def test_a_dataframe_read_with_numeric_ids_gets_the_excel_findings(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    p = tmp_path / "ids.csv"
    p.write_text("person_id\n0580100012341\n", encoding="utf-8")
    assert lec.validate_ids(pd.read_csv(p)["person_id"]) == ["ID_LEADING_ZERO_LOST"]
    assert lec.validate_ids(pd.read_csv(p, dtype=str)["person_id"]) == [None]


def test_findings_compare_pickle_and_build(report: lec.Report) -> None:
    f = report.findings[0]
    assert pickle.loads(pickle.dumps(f)) == f and f == report.findings[0]
    assert hash(f) == hash(report.findings[0]) and len(set(report.findings)) == len(report.findings)
    g = lec.Finding("ID_EMPTY", "error", "ไม่ได้กรอก", "the personal ID or G-code is blank", row=3)
    assert (g.code, g.severity, g.row, g.file) == ("ID_EMPTY", lec.Severity.ERROR, 3, None)
    assert g != f and "ID_EMPTY" in repr(g)
    with pytest.raises(ValueError):
        lec.Finding("NO_SUCH_CODE", "error", "", "")
    with pytest.raises(ValueError):
        lec.Finding("ID_EMPTY", "fatal", "", "")
    s = report.summary
    assert s == report.summary and "rows=" in repr(s)
    assert report.files[0] == report.files[0] and "encoding='utf-8'" in repr(report.files[0])
