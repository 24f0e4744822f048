# %% [markdown]
# # Checking a school's student file with `lec` (notebook-style)
#
# The cells below (`# %%`) are what a data team would run in Jupyter, VS Code or a pipeline:
# check IDs, a whole column, a file against the registry, records already in memory, and a
# stricter policy. Every verdict comes from the Rust core, the same as the `lec` command.
# `cargo xtask test` runs this file from top to bottom; the `assert`s keep it honest.
#
#     pip install lec pandas        # pandas only for the DataFrame cells
#     python examples/python/validate_school.py

# %%
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd  # type: ignore[import-untyped]  # (no pandas-stubs in the test environment)

import lec

DATA = Path(__file__).resolve().parents[1] / "data"
print("lec", lec.__version__)

# %% [markdown]
# ## 1. One ID
#
# `parse_id` normalises what people type and returns a typed ID; its `repr` is masked.

# %%
pid = lec.parse_id("1-5801-00300-01-8")
print(pid, pid.kind, "category", pid.category, "province", lec.province(pid.province_code or "").name_en)
assert pid.kind is lec.IdKind.CITIZEN and pid.category == 1

# %% [markdown]
# `check_id` gives every finding (errors and warnings) with Thai and English messages.

# %%
for text in ["1580100300018", "158010030001", "1.58010E+12", "๑๕๘๐๑๐๐๓๐๐๐๑๘", "G644200000001"]:
    check = lec.check_id(text)
    codes = ", ".join(f"{f.code} ({f.severity})" for f in check.findings) or "ok"
    print(f"{lec.mask_id(text):>20}  valid={check.valid!s:5}  {codes}")
assert lec.check_id("158010030001").error_code == "ID_FORMAT"

try:
    lec.parse_id("1580100300019")
except lec.InvalidIdError as e:
    print(e.code, "|", e.message_th, "|", e.message_en)

# %% [markdown]
# ## 2. A whole column
#
# `validate_ids` takes a list, a pandas Series, a pyarrow or polars column: `None` for a valid
# ID, else the error code. It releases the GIL while it works. Read ID columns as text: a column
# read as numbers has lost its leading zeros, and `lec` says so (`ID_LEADING_ZERO_LOST`).

# %%
students = pd.read_csv(DATA / "students.csv", dtype=str, keep_default_na=False)
students["id_error"] = lec.validate_ids(students["person_id"])
bad = students[students["id_error"].notna()]
print(pd.DataFrame({"person_id": bad["person_id"].map(lec.mask_id), "error": bad["id_error"]}).to_string())
assert "ID_CHECKSUM" in set(students["id_error"])

column = "person_id\n0580100012341\n"
as_numbers = pd.read_csv(io.StringIO(column))  # pandas guesses int64: the leading 0 is gone
as_text = pd.read_csv(io.StringIO(column), dtype=str)
print("read as numbers:", lec.validate_ids(as_numbers["person_id"]), "as text:", lec.validate_ids(as_text["person_id"]))
assert lec.validate_ids(as_numbers["person_id"]) == ["ID_LEADING_ZERO_LOST"]

# %% [markdown]
# ## 3. The file, against the registry of units
#
# The same report as `lec validate --format json`: every row is accounted for
# (`rows = counted + with errors + removed`), IDs masked.

# %%
report = lec.validate_file(DATA / "students.csv", registry=DATA / "registry.csv", year=2567)
s = report.summary
print(s)
assert s.rows == s.records_counted + s.records_with_errors + s.records_removed

findings = report.to_pandas()
print(findings.groupby(["severity", "code"]).size().to_string())
print(findings.loc[findings["severity"] == "error", ["row", "column", "value", "message_th"]].head(8).to_string())

# %% [markdown]
# The JSON document is the CLI's, for the next step of a pipeline.

# %%
doc = json.loads(report.to_json())
print(sorted(doc), doc["summary"]["errors"], "errors")
assert doc["summary"]["errors"] == s.errors

# %% [markdown]
# ## 4. Records already in memory
#
# A list of dicts or a DataFrame, with English or Thai column names.

# %%
records = [
    {"รหัสสถานศึกษา": "3058200001", "เลขประจำตัวประชาชน": "1580100300018", "ชื่อ": "น้ำฝน", "นามสกุล": "ศรีสุข",
     "วันเดือนปีเกิด": "11/11/2563", "ระดับชั้น": "อ.1"},
    {"institution_code": "3058200001", "person_id": "1580100300018", "first_name": "กล้า", "last_name": "คำแก้ว",
     "birth_date": "15/03/2018", "grade": "K1"},
]
in_memory = lec.validate_records(records, registry=DATA / "registry.csv")
for f in in_memory.findings:
    print(f.row, f.code, f.severity, f.message_en)
assert {f.code for f in in_memory.findings} >= {"ID_DUPLICATE", "BIRTHDATE_ERA_SUSPECT"}

# %% [markdown]
# ## 5. A stricter policy
#
# Every rule the circular leaves open is a policy value; a ministry's file loads with
# `lec.Policy.from_file`. Here category-9 IDs become errors.

# %%
strict = lec.Policy(reserved_category_9="error")
print(strict)
print(lec.validate_ids(["9580100012344"]), "->", lec.validate_ids(["9580100012344"], policy=strict))
strict_report = lec.validate_file(DATA / "students.csv", registry=DATA / "registry.csv", policy=strict)
print("errors:", report.summary.errors, "->", strict_report.summary.errors)
assert strict_report.summary.errors == report.summary.errors + 1
