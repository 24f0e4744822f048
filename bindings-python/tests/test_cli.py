"""`python -m lec`: the `lec` command's options, output and exit codes, from the Rust core.

With the environment variable LEC_CLI naming the `lec` binary (`cargo xtask test` sets it), the
parity tests run both on the same arguments and require the same stdout and exit code."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from typing import List

import pytest

import lec
from lec.__main__ import main
from conftest import ROOT


def run(args: List[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(args, out=out)
    return code, out.getvalue()


def test_validate_exit_codes_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out = run(["validate", "examples/data/students.csv", "--format", "json"])
    assert code == 1
    assert json.loads(out) == lec.validate_file("examples/data/students.csv").to_dict()
    code, _ = run(["validate", "examples/data/school.csv", "--registry", "examples/data/registry.csv"])
    assert code == 0
    code, out = run(["validate", "examples/data/school.csv", "missing.csv", "--format", "json"])
    assert code == 2 and json.loads(out)["findings"][-1]["code"] == "FILE_UNREADABLE"


def test_fatal_problems_exit_2(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert run(["validate", "examples/data/school.csv", "--policy", "missing.toml"])[0] == 2
    assert "lec: policy file `missing.toml`" in capsys.readouterr().err
    assert run(["validate", "examples/data/school.csv", "--registry", "missing.csv"])[0] == 2
    assert run(["validate", "examples/data/school.csv", "--as-of", "31/02/2567"])[0] == 2
    assert run(["id", "1234545678781", "--format", "csv"])[0] == 2
    with pytest.raises(SystemExit) as info:
        run(["validate"])
    assert info.value.code == 2


def test_id_explains_and_exits_by_validity() -> None:
    code, out = run(["id", "1234545678781", "g6442-00000001", "--format", "json"])
    assert code == 0
    doc = json.loads(out)
    assert [d["kind"] for d in doc] == ["citizen", "gcode"]
    assert doc[0]["masked"] == "1-2345-xxxxx-xx-1" and doc[0]["findings"] == []
    code, out = run(["id", "1234545678782"])
    assert code == 1 and out.startswith("1234545678782: invalid, unknown kind\n  error ID_CHECKSUM: ")


def test_python_dash_m_runs_the_module() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "lec", "validate", "examples/data/school.csv", "--format", "csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "code,severity,file,row,column,value,message_th,message_en"


PARITY = [
    ["validate", "examples/data/students.csv"],
    ["validate", "examples/data/students.csv", "--lang", "th"],
    ["validate", "examples/data/students.csv", "--registry", "examples/data/registry.csv", "--format", "json"],
    ["validate", "examples/data/students.csv", "--registry", "examples/data/registry.csv", "--format", "csv"],
    ["validate", "examples/data/school.csv", "--registry", "examples/data/registry.csv"],
    ["validate", "examples/data/students-win874.csv", "examples/data/students.csv", "--format", "json"],
    ["validate", "examples/data/students.csv", "--registry", "examples/data/bad/registry-bad.csv", "--format", "json"],
    ["validate", "examples/data/students.csv", "--registry", "examples/data/bad/registry-bad.csv"],
    ["validate", "examples/data/bad/binary.csv", "examples/data/bad/missing-column.csv", "nope.csv", "--format", "json"],
    ["validate", "examples/data/students.csv", "--unmask", "--as-of", "10/11/2567", "--format", "json"],
    ["validate", "examples/data/students.csv", "--policy", "examples/policy-default.toml", "--year", "2568"],
    ["id", "1234545678781", "1234545678782", "g6442-00000001", "๑๒๓๔๕๔๕๖๗๘๗๘๑", "", "--format", "json"],
    ["id", "1234545678781", "1234545678782", "G604200000001", "9580100012344", "--unmask"],
    ["id", "1234545678781", "--lang", "th"],
]


@pytest.mark.skipif(not os.environ.get("LEC_CLI"), reason="LEC_CLI (the `lec` binary) not given")
@pytest.mark.parametrize("args", PARITY, ids=lambda a: " ".join(a))
def test_same_output_and_exit_code_as_the_lec_binary(args: List[str]) -> None:
    def go(cmd: List[str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd + args, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")

    rust = go([os.environ["LEC_CLI"]])
    python = go([sys.executable, "-m", "lec"])
    assert (python.returncode, python.stdout) == (rust.returncode, rust.stdout)
