"""Smoke test of the built wheel, run by `cargo xtask test` in a fresh virtualenv that has only
the wheel installed (no pytest, no pandas): the package users get, not the source tree.

    python smoke_wheel.py REPO_ROOT

Prints one line per check and closes with `smoke: N passed, N failed`; exits 1 on a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
import traceback
from importlib import metadata, resources
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
CHECKS: List[Tuple[str, Callable[[], None]]] = []


def check(fn: Callable[[], None]) -> Callable[[], None]:
    CHECKS.append((fn.__name__, fn))
    return fn


@check
def installed_from_the_wheel_into_this_environment() -> None:
    import lec

    assert Path(lec.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()), lec.__file__
    wheel = metadata.distribution("lec").read_text("WHEEL") or ""
    assert "abi3" in wheel, wheel
    assert metadata.version("lec") == lec.__version__


@check
def ships_the_stub_and_py_typed() -> None:
    files = {p.name for p in resources.files("lec").iterdir()}
    assert {"_lec.pyi", "py.typed", "__init__.py", "__main__.py", "_enums.py"} <= files, files


@check
def parses_and_masks_ids() -> None:
    import lec

    p = lec.parse_id("1-2345-45678-78-1")
    assert repr(p) == "PersonId(1-2345-xxxxx-xx-1)" and p.kind is lec.IdKind.CITIZEN
    assert lec.validate_ids(["1234545678781", "1234545678782", None]) == [None, "ID_CHECKSUM", "ID_EMPTY"]


@check
def raises_the_exception_hierarchy() -> None:
    import lec

    try:
        lec.parse_id("12345")
    except ValueError as e:
        assert type(e) is lec.InvalidIdError and isinstance(e, lec.LecError)
        assert e.code == "ID_FORMAT" and e.kind is lec.ErrorKind.INVALID_ID
    else:
        raise AssertionError("no exception")


@check
def validates_the_sample_school_file() -> None:
    import lec

    r = lec.validate_file(DATA / "school.csv", registry=DATA / "registry.csv")
    assert not r.has_errors and r.summary.rows > 0
    assert json.loads(r.to_json())["summary"]["rows"] == r.summary.rows


@check
def works_without_pandas() -> None:
    import lec

    try:
        import pandas  # noqa: F401
    except ImportError:
        pass
    else:
        raise AssertionError("pandas is installed here: this environment should hold the wheel only")
    r = lec.validate_records([{"person_id": "1234545678781"}])
    try:
        r.to_pandas()
    except ImportError as e:
        assert "pip install pandas" in str(e)
    else:
        raise AssertionError("to_pandas() without pandas did not raise ImportError")


@check
def plays_a_round_and_replays_its_log() -> None:
    import lec

    registry = lec.Registry.from_file(DATA / "registry.csv")
    rnd = lec.Round(registry, "2567-2")
    ok = rnd.apply(lec.Command(lec.Actor("institution", "3058200001"), "confirm", "3058200001", lec.DataStatus(44)),
                   "2024-11-05T10:00:00+07:00")
    assert isinstance(ok, lec.Accepted) and ok.events[0].seq == 1
    no = rnd.apply({"actor": {"level": "province", "code": "58"}, "action": "confirm", "unit": "58"},
                   "2024-11-12T17:00:01+07:00")
    assert isinstance(no, lec.Rejection) and no.code is lec.RejectionCode.CLOSED
    assert lec.Round.from_json(registry, rnd.to_json()).state == rnd.state
    try:
        lec.Round.from_json(registry, rnd.to_json().replace('"counted":44', '"counted":4'))
    except lec.InvalidLogError as e:
        assert e.code == "WF_LOG_BROKEN" and e.problem is lec.ReplayProblem.TAMPERED
    else:
        raise AssertionError("a tampered log replayed")


@check
def summarises_the_budget_without_pandas() -> None:
    import lec

    forms = lec.validate_headcounts(DATA / "headcounts.csv", registry=DATA / "registry.csv")
    s = lec.summarise(DATA / "registry.csv", [], forms)
    lunch = s.total.item("lunch")
    assert lunch is not None and lunch.heads == 91 + 34 and len(s.rows()) > 0
    try:
        s.to_pandas()
    except ImportError as e:
        assert "pip install pandas" in str(e)
    else:
        raise AssertionError("to_pandas() without pandas did not raise ImportError")


@check
def a_panic_is_an_exception() -> None:
    import lec
    from lec import _lec

    try:
        _lec._debug_panic()
    except lec.PanicException:
        pass
    assert lec.parse_id("1234545678781").kind is lec.IdKind.CITIZEN


@check
def runs_as_a_command() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "lec", "validate", str(DATA / "school.csv"), "--registry", str(DATA / "registry.csv")],
        capture_output=True,
    )
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "lec", "id", "1234545678782"], capture_output=True)
    assert bad.returncode == 1 and b"ID_CHECKSUM" in bad.stdout


def main() -> int:
    passed = failed = 0
    for name, fn in CHECKS:
        try:
            fn()
        except Exception:
            failed += 1
            print(f"FAILED {name}")
            traceback.print_exc()
        else:
            passed += 1
            print(f"ok {name}")
    print(f"smoke: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
