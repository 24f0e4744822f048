"""Typed shapes of the plain data the core's reports hold (converted once, through serde)."""

from __future__ import annotations

from typing import TypedDict


class CodeCount(TypedDict):
    """How many findings of one code (and severity) a report holds, listed or not."""

    code: str
    severity: str
    count: int


class InstitutionCount(TypedDict):
    """The counts of one institution (สถานศึกษา), or of the rows and findings of none."""

    institution: str | None
    name: str | None
    rows: int
    records_counted: int
    records_with_errors: int
    records_removed: int
    errors: int
    warnings: int
    infos: int
