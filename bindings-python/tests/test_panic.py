"""A panic inside the library reaches Python as an exception, and the interpreter — and the
package — keep working afterwards.

lec-core never panics on any input (its tests and fuzz targets check that); `_lec._debug_panic`
panics on purpose. PyO3 catches every panic at the boundary of each call and raises
`lec.PanicException` (PyO3's `pyo3_runtime.PanicException`, a `BaseException`): a bug in lec
must not pass for invalid data, so it is deliberately not a `LecError` / `ValueError` that a
pipeline's `except ValueError:` would swallow as a bad row.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import List

import pytest

import lec
from lec import _lec
from conftest import DATA


def test_a_panic_is_an_exception_and_the_interpreter_carries_on() -> None:
    for _ in range(3):
        with pytest.raises(lec.PanicException) as info:
            _lec._debug_panic()
        assert "deliberate panic for a binding's panic-safety test" in str(info.value)
    e = info.value
    assert isinstance(e, BaseException) and not isinstance(e, Exception) and not isinstance(e, lec.LecError)
    assert lec.PanicException is _lec.PanicException and issubclass(lec.PanicException, BaseException)
    # the API works as before: IDs, errors, a file, a round
    assert lec.parse_id("1234545678781").masked == "1-2345-xxxxx-xx-1"
    assert lec.validate_ids(["1234545678782"]) == ["ID_CHECKSUM"]
    with pytest.raises(lec.InvalidIdError):
        lec.parse_id("1234545678782")
    assert lec.validate_file(DATA / "school.csv").summary.rows == 45
    rnd = lec.Round(lec.Registry.from_file(DATA / "registry.csv"))
    assert rnd.apply(lec.Command(lec.Actor("lao", "06580102"), "edit", "06580102", lec.DataStatus(2)),
                     "2024-11-05T10:00:00+07:00")


def test_a_panic_in_a_thread_stays_in_that_thread() -> None:
    caught: List[BaseException] = []

    def worker() -> None:
        try:
            _lec._debug_panic()
        except BaseException as e:  # noqa: B036 - PanicException is a BaseException on purpose
            caught.append(e)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(caught) == 4 and all(isinstance(e, lec.PanicException) for e in caught)
    assert lec.validate_ids(["1234545678781"] * 3) == [None, None, None]


def test_an_uncaught_panic_ends_only_that_script_with_a_traceback() -> None:
    code = "import lec, lec._lec as m\ntry:\n    m._debug_panic()\nexcept lec.PanicException:\n    print('caught')\nprint(lec.parse_id('1234545678781'))\nm._debug_panic()\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8")
    assert proc.stdout.splitlines() == ["caught", "1-2345-xxxxx-xx-1"]
    assert proc.returncode == 1 and "PanicException: deliberate panic" in proc.stderr
    assert "Fatal Python error" not in proc.stderr and "Aborted" not in proc.stderr
