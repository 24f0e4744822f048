"""The batch path releases the GIL: another Python thread keeps running while it works.

A worker thread records timestamps as fast as it can while the main thread makes one long call.
A thread can only run Python code while it holds the GIL, so timestamps in the middle of the
call prove the call released it. The same measurement around a call that holds the GIL
(`sorted` of a large list of floats) finds none, which shows the measurement tells them apart.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from pathlib import Path
from typing import Callable, List

import pytest

import lec

N = 1_500_000
VALUES = ["1234545678781", "1-2345-45678-78-2", "g6442-00000001", "๑๒๓๔๕๔๕๖๗๘๗๘๑", "12345"] * (N // 5)


def stamps_in_the_middle(call: Callable[[], object]) -> tuple[int, float]:
    """How many worker timestamps fall in the middle half of `call`, and how long it took."""
    stamps: List[float] = []
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            stamps.append(time.perf_counter())

    t = threading.Thread(target=worker)
    t.start()
    try:
        time.sleep(0.02)
        t0 = time.perf_counter()
        call()
        t1 = time.perf_counter()
    finally:
        stop.set()
        t.join()
    d = t1 - t0
    margin = max(d / 4, 0.03)  # the edges: where the threads may hand the GIL over anyway
    return sum(1 for s in stamps if t0 + margin < s < t1 - margin), d


@pytest.fixture
def short_switch_interval():  # type: ignore[no-untyped-def]
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    yield
    sys.setswitchinterval(old)


def test_validate_ids_lets_another_thread_run(short_switch_interval) -> None:  # type: ignore[no-untyped-def]
    results = []
    for _ in range(3):  # a loaded machine may starve the worker once; three times is no accident
        inside, took = stamps_in_the_middle(lambda: lec.validate_ids(VALUES))
        results.append((inside, round(took, 3)))
        if inside >= 100:
            break
    assert results[-1][0] >= 100, f"the worker did not run during validate_ids: {results}"


@pytest.fixture(scope="module")
def long_log() -> tuple[lec.Registry, str]:
    """An event log of 20,000 edits of one institution's data status."""
    registry = lec.Registry.from_file(Path(__file__).resolve().parents[2] / "examples" / "data" / "registry.csv")
    rnd = lec.Round(registry)
    actor = lec.Actor("institution", "3058200001")
    for i in range(20_000):
        rnd.apply(lec.Command(actor, "edit", "3058200001", lec.DataStatus(i)), "2024-11-05T10:00:00+07:00")
    return registry, rnd.to_json()


def test_replaying_a_log_lets_another_thread_run(short_switch_interval, long_log) -> None:  # type: ignore[no-untyped-def]
    registry, log = long_log
    results = []
    for _ in range(3):
        inside, took = stamps_in_the_middle(lambda: lec.Round.from_json(registry, log))
        results.append((inside, round(took, 3)))
        if inside >= 100:
            break
    assert results[-1][0] >= 100, f"the worker did not run during Round.from_json: {results}"
    assert len(lec.Round.from_json(registry, log)) == 20_000


def test_the_measurement_sees_a_call_that_holds_the_gil(short_switch_interval) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(2567)
    data = [rng.random() for _ in range(1_000_000)]
    results = []
    for _ in range(3):  # on a loaded machine the OS may pause the main thread at the edges once
        inside, took = stamps_in_the_middle(lambda: sorted(data))
        results.append((inside, round(took, 3)))
        if inside == 0:
            break
    assert results[-1][1] > 0.1, f"the control call is too short to mean anything: {results}"
    assert results[-1][0] == 0, f"the worker ran while sorted() held the GIL: {results}"
