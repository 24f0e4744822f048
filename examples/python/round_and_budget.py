# %% [markdown]
# # A confirmation round and its budget with `lec` (notebook-style)
#
# What a provincial office's data team would run: play a round of the confirmation workflow
# (institutions confirm, the LAO confirms, a late fix goes back down and up again, the province
# confirms before the close), keep its tamper-evident event log, see who is still pending, draw
# the spot-check sample, check the other-affiliation headcount forms and summarise the budget.
# Every decision comes from the Rust core, the same as `lec round`, `lec headcount` and
# `lec budget`. `cargo xtask test` runs this file from top to bottom; the `assert`s keep it honest.
#
#     pip install lec pandas        # pandas only for the DataFrame cells
#     python examples/python/round_and_budget.py

# %%
from __future__ import annotations

import csv
import datetime
from pathlib import Path

import lec

DATA = Path(__file__).resolve().parents[1] / "data"
registry = lec.Registry.from_file(DATA / "registry.csv")
print(registry)

# %% [markdown]
# ## 1. The round and its calendar
#
# Round 2567/2 ships with the library. Every time is Asia/Bangkok; the library reads no clock,
# so each command carries its own `now`: an aware `datetime` (`tzinfo=lec.BANGKOK`, or any zone)
# or an RFC 3339 string.

# %%
calendar = lec.RoundCalendar.builtin("2567-2")
print(calendar.id, "closes", calendar.closes.isoformat())
rnd = lec.Round(registry, calendar)


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(2024, 11, day, hour, minute, second, tzinfo=lec.BANGKOK)


# %% [markdown]
# ## 2. Institutions confirm their records
#
# Confirming an institution takes its data status: records counted and open errors. The library
# derives it from the records themselves (`DataStatus.by_institution`).

# %%
with (DATA / "school.csv").open(encoding="utf-8-sig") as f:
    records = list(csv.DictReader(f))
status = lec.DataStatus.by_institution(records, registry=registry)
print(status)


def institution(code: str, action: str = "confirm", data: lec.DataStatus | None = None) -> lec.Command:
    return lec.Command(lec.Actor(lec.Level.INSTITUTION, code), action, code, data)


for code, data, when in [
    ("3058100001", lec.DataStatus(412), at(4, 9)),
    ("3058100002", lec.DataStatus(230), at(4, 9, 30)),
    ("3058200001", status["3058200001"], at(5, 10)),
    ("3058500001", lec.DataStatus(38), at(5, 11, 30)),
    ("3058600001", lec.DataStatus(27), at(6, 15)),
]:
    accepted = rnd.apply(institution(code, data=data), when)
    assert isinstance(accepted, lec.Accepted), accepted
    print(accepted.events[0])

# %% [markdown]
# A rejected command is a value, not an exception: it carries exactly one `WF_*` code and the
# reason in Thai and English, and changes nothing.

# %%
outcome = rnd.apply(institution("3058200001", "edit", lec.DataStatus(43)), at(6, 16))
print(outcome.accepted, outcome)
assert isinstance(outcome, lec.Rejection) and outcome.code is lec.RejectionCode.LOCKED
print(outcome.message_th)

# %% [markdown]
# ## 3. LAOs confirm, then a late fix goes down and back up
#
# Commands may also be plain dicts in the JSON shape of `lec round replay`, with their `at`.

# %%
for line in [
    {"at": "2024-11-07T09:00:00+07:00", "actor": {"level": "lao", "code": "02580101"}, "action": "confirm", "unit": "02580101"},
    {"at": "2024-11-07T10:00:00+07:00", "actor": {"level": "lao", "code": "04580101"}, "action": "confirm", "unit": "04580101"},
    {"at": "2024-11-08T10:00:00+07:00", "actor": {"level": "lao", "code": "06580102"}, "action": "confirm_headcounts",
     "unit": "06580102", "data": {"counted": 2, "errors": 0}},
    {"at": "2024-11-08T10:30:00+07:00", "actor": {"level": "lao", "code": "06580102"}, "action": "confirm", "unit": "06580102"},
    # 12 Nov: the CDC must fix a record. The province cancels the LAO, the LAO the CDC ...
    {"at": "2024-11-12T09:05:00+07:00", "actor": {"level": "province", "code": "58"}, "action": "cancel", "unit": "06580102"},
    {"at": "2024-11-12T09:10:00+07:00", "actor": {"level": "lao", "code": "06580102"}, "action": "cancel", "unit": "3058600001"},
    # ... the CDC edits and confirms again (late, allowed after a cancel), and back up
    {"at": "2024-11-12T10:00:00+07:00", "actor": {"level": "institution", "code": "3058600001"}, "action": "edit",
     "unit": "3058600001", "data": {"counted": 26, "errors": 0}},
    {"at": "2024-11-12T10:30:00+07:00", "actor": {"level": "institution", "code": "3058600001"}, "action": "confirm", "unit": "3058600001"},
    {"at": "2024-11-12T11:00:00+07:00", "actor": {"level": "lao", "code": "06580102"}, "action": "confirm", "unit": "06580102"},
]:
    result = rnd.apply(line)
    assert result, result

# %% [markdown]
# ## 4. Who is still pending?

# %%
for p in rnd.pending(at(12, 12)):
    late = "OVERDUE" if p.overdue else ""
    print(f"{p.level:<12} {p.code:<10} due {p.deadline:%d/%m %H:%M} {late:<8} waiting for {p.waiting_for}")
assert [p.code for p in rnd.pending(at(12, 12), within="58")] == ["58"]

# %% [markdown]
# The province spot-checks institutions at random (§9.4): the same seed gives the same sample on
# every platform and in every binding.

# %%
sample = rnd.spot_check_sample(58, 2, seed=2567)
print("spot-check:", sample)
assert sample == ["3058100002", "3058600001"]

# %% [markdown]
# The province confirms before 17:00 of 12 Nov; one second after the close, nothing is accepted.

# %%
province = lec.Command(lec.Actor("province", "58"), "confirm", "58")
assert rnd.apply(province, at(12, 16, 59))
closed = rnd.apply(lec.Command(lec.Actor("province", "42"), "confirm", "42"), at(12, 17, 0, 1))
print(closed)
assert isinstance(closed, lec.Rejection) and closed.code is lec.RejectionCode.CLOSED

# %% [markdown]
# ## 5. The event log: keep it, replay it, trust it
#
# `to_json()` is the log (JSON lines, each event chained to the previous by SHA-256);
# `Round.from_json` rebuilds the round from it and names the first bad event of a log that was
# changed.

# %%
log = rnd.to_json()
print(len(rnd), "events; head", rnd.state.head.hash[:16], "…")
again = lec.Round.from_json(registry, log)
assert again.state == rnd.state

tampered = log.replace('"counted":412', '"counted":500')
try:
    lec.Round.from_json(registry, tampered)
except lec.InvalidLogError as e:
    print(e.code, e.problem, "at event", e.index + 1, "|", e.message_en)
    assert e.problem is lec.ReplayProblem.TAMPERED and e.index == 0

# %% [markdown]
# ## 6. Headcount forms of other-affiliation schools

# %%
forms = lec.validate_headcounts(DATA / "headcounts.csv", registry=registry)
print(forms, forms.summary)
for form in forms.forms:
    print(form.school, form.school_name, "extended" if form.extended else "standard",
          sum(n or 0 for n in form.counts.values()), "pupils")
assert not forms.has_errors

# %% [markdown]
# ## 7. The budget summary
#
# Only confirmed units count (the round's state is passed); amounts are whole satang, `None`
# where a rate is unknown (the milk price, the per-head items), and totals reconcile.

# %%
budget = lec.summarise(registry, records, forms, round=rnd)
print(budget.records)
lunch = budget.total.item("lunch")
assert lunch is not None and lunch.amount_satang is not None
print(f"lunch: {lunch.heads} pupils, {lunch.amount_satang / 100:,.2f} baht")
# 44 pupils of the municipal school (41–100 tier: 27 baht) and the two other-affiliation schools'
# 91 (27 baht) and 34 (1–40 tier: 36 baht) pupils of อ.1–ป.6, for 200 days
assert lunch.amount_satang == (44 * 27 + 91 * 27 + 34 * 36) * 100 * 200

# %%
try:
    import pandas as pd  # type: ignore[import-untyped]  # (no pandas-stubs in the test environment)
except ImportError:
    pd = None
if pd is not None:
    df = budget.to_pandas()
    by_lao = df[df["level"] == "lao"].pivot(index="code", columns="item", values="amount_satang")
    print(by_lao[["lunch", "milk", "uniforms"]].to_string())
    assert by_lao.loc["06580102", "lunch"] == (91 * 27 + 34 * 36) * 100 * 200
