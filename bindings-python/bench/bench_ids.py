"""Benchmark: 1,000,000 personal IDs in one process, side by side.

1. python-stdnum ``stdnum.th.pin.is_valid`` per ID (the usual pure-Python check),
2. ``lec.id_error`` per ID (``None`` or the code: nothing built, nothing raised),
3. ``lec.parse_id`` per ID (invalid ones raise ``lec.InvalidIdError``, caught),
4. ``lec.validate_ids`` on the whole list (one call, GIL released).

The IDs are 13-digit strings of categories 1–8 (stdnum refuses categories 0 and 9, lec accepts
them: leaving them out keeps the verdicts comparable), one in ten with a wrong check digit. The
four must agree on every ID before any time is reported. The four take turns, --repeat rounds
(a machine whose speed drifts slows them alike); each timing is the best round. Goals (issues 6
and 17): ``parse_id`` at least 20x python-stdnum per ID, ``id_error`` at least 50x, the batch at
least 100x.

    python bench/bench_ids.py [--count 1000000] [--repeat 3] [--seed 2567]
    python bench/bench_ids.py --calls NAME COUNT   # COUNT calls of one per-ID runner, for callgrind
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
from typing import Callable, List, Optional

import lec


def make_ids(count: int, seed: int) -> List[str]:
    """`count` IDs; every tenth has a wrong check digit (computed here, not by lec or stdnum)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        digits = [rng.randint(1, 8)] + [rng.randint(0, 9) for _ in range(11)]
        check = (11 - sum(d * w for d, w in zip(digits, range(13, 1, -1))) % 11) % 10
        if i % 10 == 0:
            check = (check + 1) % 10
        out.append("".join(map(str, digits)) + str(check))
    return out


def best_of(repeat: int, run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def lec_id_error(ids: List[str]) -> List[bool]:
    id_error = lec.id_error
    return [id_error(text) is None for text in ids]


def lec_per_id(ids: List[str]) -> List[bool]:
    out = []
    parse, error = lec.parse_id, lec.InvalidIdError
    for text in ids:
        try:
            parse(text)
            out.append(True)
        except error:
            out.append(False)
    return out


def cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--count", type=int, default=1_000_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--seed", type=int, default=2567)
    p.add_argument("--calls", nargs=2, metavar=("NAME", "COUNT"), help="callgrind mode: stdnum, id_error or parse_id")
    args = p.parse_args(argv)

    from stdnum import __version__ as stdnum_version
    from stdnum.th import pin

    if args.calls:
        # a warm-up of 20,000 calls, then COUNT more over 10,000 distinct IDs; prints nothing
        run = {"stdnum": lambda ids: [pin.is_valid(t) for t in ids], "id_error": lec_id_error, "parse_id": lec_per_id}
        ids = make_ids(10_000, args.seed)
        count = int(args.calls[1])
        run[args.calls[0]]((ids * 2)[:20_000])
        run[args.calls[0]]((ids * (count // 10_000 + 1))[:count])
        return 0

    print(f"date:    {time.strftime('%Y-%m-%d', time.gmtime())} (UTC)")
    print(f"machine: {cpu()}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load is not None:
        print(f"load:    {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1, 5, 15 min)")
    print(f"python:  {platform.python_implementation()} {platform.python_version()}")
    print(f"lec:     {lec.__version__} ({lec._lec.__file__})")
    print(f"stdnum:  python-stdnum {stdnum_version}")
    print(f"ids:     {args.count:,} (seed {args.seed}), best of {args.repeat}")

    ids = make_ids(args.count, args.seed)
    reference = [pin.is_valid(t) for t in ids]
    if (
        reference != lec_per_id(ids)
        or reference != lec_id_error(ids)
        or reference != [code is None for code in lec.validate_ids(ids)]
    ):
        print("error: lec and python-stdnum disagree on some ID", file=sys.stderr)
        return 1
    print(f"verdicts agree on every ID ({reference.count(False):,} invalid)")

    runners: List[Callable[[], object]] = [
        lambda: [pin.is_valid(t) for t in ids],
        lambda: lec_id_error(ids),
        lambda: lec_per_id(ids),
        lambda: lec.validate_ids(ids),
    ]
    best = [float("inf")] * len(runners)
    for _ in range(args.repeat):
        for i, run in enumerate(runners):
            best[i] = min(best[i], best_of(1, run))
    t_stdnum, t_error, t_parse, t_batch = best

    print()
    print(f"{'':36} {'total':>9} {'per ID':>10} {'IDs/s':>12} {'vs stdnum':>10}")
    for name, t in [
        ("python-stdnum th.pin.is_valid", t_stdnum),
        ("lec.id_error (per ID)", t_error),
        ("lec.parse_id (per ID)", t_parse),
        ("lec.validate_ids (whole list)", t_batch),
    ]:
        per = t / args.count
        print(f"{name:36} {t:8.3f}s {per * 1e9:8.0f}ns {args.count / t:12,.0f} {t_stdnum / t:9.1f}x")
    goals = [
        ("parse_id >= 20x", t_stdnum / t_parse >= 20),
        ("id_error >= 50x", t_stdnum / t_error >= 50),
        ("batch >= 100x", t_stdnum / t_batch >= 100),
    ]
    print()
    print("goals:   " + ", ".join(f"{g}: {'met' if ok else 'NOT met'}" for g, ok in goals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
