"""lec — the rules of Thailand's Local Education Center information system (LEC).

The same verdicts as the Rust library ``lec-core`` and the ``lec`` command, because they *are*
the Rust library: this package only translates Python values to it and back.

Identity::

    >>> import lec
    >>> pid = lec.parse_id("1-2345-45678-78-1")
    >>> pid
    PersonId(1-2345-xxxxx-xx-1)
    >>> pid.kind, pid.category, pid.province_code
    (<IdKind.CITIZEN: 'citizen'>, 1, '23')
    >>> lec.validate_ids(["1234545678781", "1234545678782", ""])
    [None, 'ID_CHECKSUM', 'ID_EMPTY']

Files and records::

    report = lec.validate_file("students.csv", registry="registry.csv", year=2567)
    report.summary.errors, report.to_json(), report.to_pandas()

The confirmation workflow (the library reads no clock: ``now`` is an aware ``datetime`` or an
RFC 3339 string)::

    round = lec.Round(registry, "2567-2")
    outcome = round.apply(lec.Command(lec.Actor("lao", "06580102"), "confirm", "06580102"),
                          "2024-11-08T10:30:00+07:00")
    outcome.events if outcome else outcome.code          # Accepted, or a Rejection (WF_*)
    log = round.to_json()                                # the event log; lec.Round.from_json(registry, log)

Headcounts and budget::

    forms = lec.validate_headcounts("headcounts.csv", registry=registry)
    budget = lec.summarise(registry, records, forms, round=round)
    budget.total, budget.to_pandas()

Errors are ``lec.LecError`` (a ``ValueError``) subclasses with ``code``, ``kind``,
``message_th`` and ``message_en``. Personal IDs are masked in every ``repr``, finding and
report unless the caller passes ``unmask=True``.
"""

from __future__ import annotations

from . import _lec
from ._enums import (
    Action,
    CheckLevel,
    ConfirmationRequired,
    DuplicateResolution,
    EraReading,
    ErrorKind,
    Grade,
    IdKind,
    InstitutionKind,
    Lang,
    LaoKind,
    Level,
    OwnerClass,
    Per,
    RejectionCode,
    ReplayProblem,
    Severity,
)
from ._lec import (
    BANGKOK,
    Accepted,
    Actor,
    BudgetItem,
    BudgetPolicy,
    BudgetSummary,
    Command,
    DataStatus,
    Event,
    FileError,
    FileInfo,
    Finding,
    HeadcountForm,
    HeadcountReport,
    IdCheck,
    Institution,
    InstitutionCode,
    InvalidCodeError,
    InvalidConfigError,
    InvalidDateError,
    InvalidGradeError,
    InvalidIdError,
    InvalidLogError,
    ItemAmount,
    ItemInfo,
    Lao,
    LaoCode,
    LecError,
    LogHead,
    PanicException,
    PendingUnit,
    PersonId,
    Policy,
    Province,
    RateRule,
    RecordTally,
    Registry,
    Rejection,
    Report,
    Round,
    RoundCalendar,
    RoundState,
    Summary,
    ThaiDate,
    UnitBudget,
    UnitState,
    UnresolvedDuplicate,
    age_in_full_years,
    age_reference_date,
    check_id,
    id_error,
    mask_id,
    parse_date,
    parse_grade,
    parse_id,
    parse_institution_code,
    parse_lao_code,
    province,
    provinces,
    summarise,
    validate_file,
    validate_files,
    validate_headcounts,
    validate_ids,
    validate_records,
)
from ._types import CodeCount, InstitutionCount

#: A headcount report's files and counts have the shape of a student report's (one report
#: shape): these names stay for code written before.
HeadcountFile = FileInfo
HeadcountSummary = Summary

__version__: str = _lec.__version__

# Each exception class carries its ErrorKind as the class attribute `kind` (the native module
# cannot import the enums while it loads); `_exception_class` is the core's exhaustive mapping.
for _kind in ErrorKind:
    setattr(_lec._exception_class(_kind.value), "kind", _kind)
del _kind

__all__ = [
    # enums
    "Action",
    "CheckLevel",
    "ConfirmationRequired",
    "DuplicateResolution",
    "EraReading",
    "ErrorKind",
    "Grade",
    "IdKind",
    "InstitutionKind",
    "Lang",
    "LaoKind",
    "Level",
    "OwnerClass",
    "Per",
    "RejectionCode",
    "ReplayProblem",
    "Severity",
    # errors
    "FileError",
    "InvalidCodeError",
    "InvalidConfigError",
    "InvalidDateError",
    "InvalidGradeError",
    "InvalidIdError",
    "InvalidLogError",
    "LecError",
    "PanicException",
    # identities
    "IdCheck",
    "PersonId",
    "check_id",
    "id_error",
    "mask_id",
    "parse_id",
    "validate_ids",
    # dates, grades, units
    "Institution",
    "InstitutionCode",
    "Lao",
    "LaoCode",
    "Province",
    "ThaiDate",
    "age_in_full_years",
    "age_reference_date",
    "parse_date",
    "parse_grade",
    "parse_institution_code",
    "parse_lao_code",
    "province",
    "provinces",
    # configuration
    "Policy",
    "Registry",
    # validation
    "FileInfo",
    "Finding",
    "Report",
    "Summary",
    "validate_file",
    "validate_files",
    "validate_records",
    # the confirmation workflow
    "BANGKOK",
    "Accepted",
    "Actor",
    "Command",
    "DataStatus",
    "Event",
    "LogHead",
    "PendingUnit",
    "Rejection",
    "Round",
    "RoundCalendar",
    "RoundState",
    "UnitState",
    # headcounts and budget
    "BudgetItem",
    "BudgetPolicy",
    "BudgetSummary",
    "HeadcountFile",
    "CodeCount",
    "InstitutionCount",
    "HeadcountForm",
    "HeadcountReport",
    "HeadcountSummary",
    "ItemAmount",
    "ItemInfo",
    "RateRule",
    "RecordTally",
    "UnitBudget",
    "UnresolvedDuplicate",
    "summarise",
    "validate_headcounts",
    "__version__",
]
