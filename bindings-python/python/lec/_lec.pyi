import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, NoReturn, final

from lec._types import CodeCount, InstitutionCount
from lec._enums import (
    Action,
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

__all__ = [
    "Accepted",
    "Actor",
    "age_in_full_years",
    "age_reference_date",
    "BANGKOK",
    "BudgetItem",
    "BudgetPolicy",
    "BudgetSummary",
    "check_id",
    "Command",
    "DataStatus",
    "Event",
    "FileError",
    "FileInfo",
    "Finding",
    "HeadcountForm",
    "HeadcountReport",
    "IdCheck",
    "Institution",
    "InstitutionCode",
    "InvalidCodeError",
    "InvalidConfigError",
    "InvalidDateError",
    "InvalidGradeError",
    "InvalidIdError",
    "InvalidLogError",
    "ItemAmount",
    "ItemInfo",
    "Lao",
    "LaoCode",
    "LecError",
    "LogHead",
    "id_error",
    "mask_id",
    "PanicException",
    "parse_date",
    "parse_grade",
    "parse_id",
    "parse_institution_code",
    "parse_lao_code",
    "PendingUnit",
    "PersonId",
    "Policy",
    "Province",
    "province",
    "provinces",
    "RateRule",
    "RecordTally",
    "Registry",
    "Rejection",
    "Report",
    "Round",
    "RoundCalendar",
    "RoundState",
    "summarise",
    "Summary",
    "ThaiDate",
    "UnitBudget",
    "UnitState",
    "UnresolvedDuplicate",
    "validate_file",
    "validate_files",
    "validate_headcounts",
    "validate_ids",
    "validate_records",
    "__version__",
    "_debug_panic",
    "_explain_ids",
    "_enum_values",
    "_exception_class",
    "_from_json",
    "_grade_info",
    "_kind_names",
]

__version__: str

BANGKOK: datetime.timezone
"""Asia/Bangkok (UTC+7 all year, no daylight saving) as a `datetime.timezone`: the zone of every
workflow time, for building aware datetimes (`datetime(2024, 11, 11, 16, 30, tzinfo=BANGKOK)`)."""

_StrPath = str | os.PathLike[str]

# errors

class LecError(ValueError):
    """The base class of every error the lec rules raise (a `ValueError`).

    Attributes: `code` (the stable code, e.g. `ID_CHECKSUM`), `kind` (an `ErrorKind`),
    `message_th` and `message_en` (the message in Thai and in English).
    """
    code: str
    kind: ErrorKind
    message_th: str
    message_en: str

class InvalidIdError(LecError):
    """เลขประจำตัวประชาชน / รหัส G ไม่ถูกต้อง — a personal ID or G-code that is not valid."""
class InvalidCodeError(LecError):
    """รหัสหน่วยงานไม่ถูกต้อง — a province, LAO, institution or school code that is not valid."""
class InvalidDateError(LecError):
    """วันที่ไม่ถูกต้อง — a date that is not valid."""
class InvalidGradeError(LecError):
    """ระดับชั้นไม่ถูกต้อง — a grade label that is not known."""
class InvalidConfigError(LecError):
    """การตั้งค่าไม่ถูกต้อง — a policy, registry or other configuration that cannot be used."""
class FileError(LecError):
    """อ่านไฟล์ไม่ได้ — a file that cannot be read."""
class InvalidLogError(LecError):
    """บันทึกเหตุการณ์เสียหาย — a workflow event log that does not replay (code `WF_LOG_BROKEN`: an
    unreadable line, a broken hash chain, a changed or illegal event).

    Besides `code`, `kind` and the messages: `index` (the 0-based position of the first bad
    event in the log) and `problem` (a `ReplayProblem`).
    """
    index: int
    problem: ReplayProblem

class PanicException(BaseException):
    """The exception raised when Rust code called from Python panics.

    Like SystemExit, this exception is derived from BaseException so that
    it will typically propagate all the way through the stack and cause the
    Python interpreter to exit.
    """

def _debug_panic() -> NoReturn:
    """For the binding's own tests only: panics inside the library on purpose, so that the tests
    can prove a panic reaches Python as an exception (`PanicException`) and the interpreter
    keeps running. lec-core itself never panics on any input; never call this.
    """
def _from_json(class_name: str, text: str) -> Any:
    """Rebuilds a workflow value from its JSON document (what `__reduce__` pickles): `class_name` is
    `Event`, `Command`, `UnitState`, `LogHead`, `RoundState`, `Accepted`, `Rejection` or `RoundCalendar`.
    """

def _exception_class(kind: str) -> type[LecError]:
    """The exception class of an error kind, by its name (`invalid_id`, …): lets the tests prove
    the mapping covers every kind.
    """
def _enum_values(name: str) -> list[str]:
    """The values of a core enum, in the core's order, by the Python class name: the tests compare
    them with the members of `lec._enums` so that neither side can drift.
    """
def _grade_info(code: str) -> tuple[str, tuple[int, int] | None]:
    """The Thai label and the usual age range (full years on the reference day) of a grade code."""
def _kind_names(enum_name: str, value: str) -> tuple[str, str]:
    """The Thai and English names of an institution or LAO kind (`InstitutionKind` / `LaoKind`)."""

# identities

@final
class PersonId:
    """เลขประจำตัวประชาชน / รหัส G — a valid personal ID (13 digits) or G-code (`G` + 12 digits).

    `PersonId(text)` parses like `parse_id`. `repr()` and `str()` show the masked form
    (`1-2345-xxxxx-xx-1`); the digits are only in `normalized`, which the caller asks for.
    """
    def __new__(cls, text: str) -> PersonId: ...
    @property
    def kind(self) -> IdKind:
        """`IdKind.CITIZEN` (a 13-digit personal ID) or `IdKind.GCODE`."""
    @property
    def normalized(self) -> str:
        """The normalised form, unmasked: 13 digits, or `G` + 12 digits."""
    @property
    def masked(self) -> str:
        """The masked form for reports: `1-2345-xxxxx-xx-1`, `G-64-42-xxxxxxx1`."""
    @property
    def category(self) -> int | None:
        """ประเภทบุคคล — the person category (first digit, 0–9) of a personal ID; `None` for a G-code."""
    @property
    def province_code(self) -> str | None:
        """The 2-digit province code the ID names (`"10"`): the issuing registry's for a personal ID,
        the province part of a G-code.
        """
    @property
    def gcode_year(self) -> int | None:
        """The BE year a G-code was issued (`2564`); `None` for a personal ID."""
    def __reduce__(self) -> tuple[type[PersonId], tuple[str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_id(text: str) -> PersonId:
    """Parses a personal ID or G-code, normalising what people type (dashes, spaces, NBSP, Thai and
    full-width digits, a lower-case `g`). Raises `InvalidIdError` (`code` `ID_CHECKSUM`,
    `ID_FORMAT`, …) when it is not one; warnings need a policy: see `check_id`.
    """

@final
class IdCheck:
    """The result of checking one identity field: the ID when valid and every finding."""
    @property
    def id(self) -> PersonId | None:
        """The identity when the field holds a valid one (warnings may still apply), else `None`."""
    @property
    def findings(self) -> list[Finding]:
        """Everything found: at most one error, any number of warnings."""
    @property
    def valid(self) -> bool:
        """Whether the field holds a usable identity (no `error` finding)."""
    @property
    def error_code(self) -> str | None:
        """The code of the first `error` finding, if any."""

def id_error(text: str, *, policy: Policy | None = None, year: int = 2567) -> str | None:
    """Checks one identity field: `None` when it is a valid ID, else the code of its first error
    (`ID_CHECKSUM`, `ID_FORMAT`, …) under the policy (default: `Policy()`) and academic year (BE)
    — the per-request path: nothing is built for a valid ID and nothing is raised for an invalid
    one. Warnings count only when the policy raises them to errors; `check_id` explains.
    """
def mask_id(text: str) -> str:
    """Masks whatever was typed in an identity field, for showing it in reports and logs: a
    13-digit value as `1-2345-xxxxx-xx-3`, a G-code as `G-64-42-xxxxxxx1`; otherwise every digit
    but the first five and the last becomes `x`. Works on invalid input too.
    """
def check_id(text: str, *, policy: Policy | None = None, year: int = 2567, unmask: bool = False) -> IdCheck:
    """Checks one identity field under a policy (default: `Policy()`) for an academic year (BE):
    the ID when valid and every finding (Thai digits, category 9, G-code year, …). Values in
    findings are masked unless `unmask=True`.
    """
def validate_ids(values: Iterable[Any], *, policy: Policy | None = None, year: int = 2567) -> list[str | None]:
    """The batch path for a whole column: for each value `None` when it is a valid ID, else the
    code of its error (`ID_CHECKSUM`, `ID_FORMAT`, …) under the policy and academic year.
    Accepts a list, a tuple, any iterable of `str`, and a pandas Series, pyarrow array or polars
    Series of strings; `None`/NaN count as blank (`ID_EMPTY`); numbers are read as Python writes
    them. The checking runs with the GIL released.
    """

# configuration

@final
class Policy:
    """The policy: every rule the circular leaves open, with documented defaults (CDC ages, the
    G-code year range, how category 9 and unknown registry provinces are reported, the grades
    each institution kind offers, the statuses that mean removed).

    `Policy()` is the default; `Policy(cdc_min_age_years=3, reserved_category_9="error")`
    changes some rules (unknown names are refused with `InvalidConfigError`); `from_json`,
    `from_toml` and `from_file` load a ministry's file. Equal policies compare equal; policies
    pickle.
    """
    def __new__(cls, **overrides: Any) -> Policy: ...
    @staticmethod
    def from_json(text: str) -> Policy:
        """Loads a policy from JSON text; keys left out keep their defaults, unknown keys are
        refused. Raises `InvalidConfigError`.
        """
    @staticmethod
    def from_toml(text: str) -> Policy:
        """Loads a policy from TOML text (as `examples/policy-default.toml`). Raises
        `InvalidConfigError`.
        """
    @staticmethod
    def from_file(path: _StrPath) -> Policy:
        """Loads a policy file: JSON when its name ends in `.json`, TOML when it ends in `.toml`,
        else told by its text (the rule every front shares). Raises `FileError` when it cannot be
        read, `InvalidConfigError` when it is not a policy.
        """
    def to_json(self) -> str:
        """The policy as JSON (every key, the defaults included), loadable by `from_json`."""
    def to_dict(self) -> dict[str, Any]:
        """The policy as a `dict` (the JSON document)."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Registry:
    """ทะเบียนหน่วยงาน — the registry of units: provinces → LAOs → institutions, and each LAO's
    other-affiliation schools, from a CSV `level,code,name,parent,kind` (English or Thai kind
    tokens). Rows that cannot be used are `findings`, never an exception; a file that cannot be
    read or lacks a column raises `FileError`.
    """
    @staticmethod
    def from_file(path: _StrPath, *, sheet: str | None = None) -> Registry:
        """Loads a registry file: CSV in any encoding `validate_files` reads, or a workbook
        (`.xlsx`, `.xls`, `.ods`: every sheet with the registry's header, or `sheet`), with the
        columns `level,code,name,parent,kind` (or their Thai names) in any order.
        """
    @staticmethod
    def from_csv(data: bytes | str, name: str = "<registry>") -> Registry:
        """Loads a registry from a file's content (`bytes`: CSV in any supported encoding or a
        workbook; or `str`); `name` is what findings give as the file.
        """
    @property
    def name(self) -> str:
        """The file name or path the registry was read from."""
    @property
    def findings(self) -> list[Finding]:
        """The rows that could not be used or look inconsistent (unknown parent, code format, …)."""
    @property
    def province_count(self) -> int:
        """How many provinces are registered."""
    @property
    def lao_count(self) -> int:
        """How many LAOs are registered."""
    @property
    def institution_count(self) -> int:
        """How many institutions of LAOs are registered."""
    @property
    def other_school_count(self) -> int:
        """How many other-affiliation schools are registered."""
    def institution(self, code: str) -> Institution | None:
        """The registered institution with this code, or `None`. Raises `InvalidCodeError` when
        `code` is not an institution code.
        """
    def lao(self, code: str) -> Lao | None:
        """The registered LAO with this code (8-digit login or 7-digit code), or `None`. Raises
        `InvalidCodeError` when `code` is not an LAO code.
        """

@final
class Institution:
    """สถานศึกษา — an institution of an LAO as registered."""
    @property
    def code(self) -> str:
        """The 10-digit institution code (also its LEC login)."""
    @property
    def name(self) -> str:
        """The name as registered."""
    @property
    def kind(self) -> InstitutionKind:
        """School, college or child development centre (`InstitutionKind`)."""
    @property
    def lao(self) -> str:
        """The 8-digit login of the LAO that runs it."""
    @property
    def status(self) -> str:
        """The registry status: `active`, `inactive`, `closed` or `merged` (its own row's)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Lao:
    """อปท. — a local administrative organisation as registered."""
    @property
    def code(self) -> str:
        """The 8-digit LEC login."""
    @property
    def name(self) -> str:
        """The name as registered."""
    @property
    def kind(self) -> LaoKind:
        """The legal kind as registered (`LaoKind`; the code's type digit may be stale)."""
    @property
    def province(self) -> int:
        """The province code it belongs to."""
    @property
    def status(self) -> str:
        """The registry status: `active`, `inactive`, `closed` or `merged`."""
    def __eq__(self, value: object, /) -> bool: ...

# findings and reports

@final
class Finding:
    """One finding: a stable `code`, a `severity`, where it was found (`file`, `row` — the row
    number a spreadsheet shows —, `column`), the offending `value` (personal IDs masked unless
    the caller asked otherwise) and the message in Thai and English.
    """
    def __new__(
        cls,
        code: str,
        severity: Severity | str,
        message_th: str,
        message_en: str,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> Finding: ...
    @property
    def code(self) -> str:
        """The stable code, e.g. `ID_CHECKSUM` (the catalogue is docs/findings.md)."""
    @property
    def severity(self) -> Severity:
        """`Severity.ERROR` blocks confirmation, `Severity.WARNING` does not, `Severity.INFO` tells."""
    @property
    def file(self) -> str | None:
        """The file it was found in, if any."""
    @property
    def row(self) -> int | None:
        """The row number a spreadsheet shows (a CSV's header is row 1, its first record row 2)."""
    @property
    def column(self) -> str | None:
        """The column / field name (`person_id`, `birth_date`, …), if any."""
    @property
    def value(self) -> str | None:
        """The offending value (personal IDs masked unless the caller asked otherwise), if any."""
    @property
    def message_th(self) -> str:
        """The message in Thai."""
    @property
    def message_en(self) -> str:
        """The message in English."""
    def message(self, lang: Lang | str | None = None) -> str:
        """The message in a language: `"th"` or `"en"` (a `Lang`)."""
    def to_dict(self) -> dict[str, Any]:
        """The finding as a `dict` of plain values, as in the JSON output."""
    def __reduce__(
        self,
    ) -> tuple[
        type[Finding], tuple[str, str, str, str, str | None, int | None, str | None, str | None]
    ]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Summary:
    """The counts of a report: `rows = records_counted + records_with_errors + records_removed`."""
    @property
    def rows(self) -> int:
        """Records read, over every file (blank rows are not records)."""
    @property
    def errors(self) -> int:
        """Findings of severity `error`."""
    @property
    def warnings(self) -> int:
        """Findings of severity `warning`."""
    @property
    def infos(self) -> int:
        """Findings of severity `info`."""
    @property
    def records_counted(self) -> int:
        """Records with no `error` finding: they count."""
    @property
    def records_with_errors(self) -> int:
        """Records with at least one `error` finding: they do not count until fixed."""
    @property
    def records_removed(self) -> int:
        """Records marked removed / not existing: reported, never counted."""
    @property
    def findings_omitted(self) -> int:
        """Findings counted above but not listed in `findings` (beyond `limit`, or below the
        severity asked for with `errors_only`).
        """
    def to_dict(self) -> dict[str, int]:
        """The counts as a `dict`, as in the JSON output."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class FileInfo:
    """One input file as read."""
    @property
    def path(self) -> str:
        """The path or name given."""
    @property
    def encoding(self) -> str | None:
        """The text encoding detected (`utf-8`, `utf-8-bom`, `utf-16le`, `windows-874`), or `None`
        when the file could not be read.
        """
    @property
    def rows(self) -> int:
        """Records read (blank rows are not records)."""
    @property
    def blank_rows(self) -> int:
        """Rows with every cell blank: skipped, not records."""
    @property
    def sheet(self) -> str | None:
        """The sheet's name, for a sheet of a workbook."""
    @property
    def format(self) -> str | None:
        """What the file was read as: `csv`, `xlsx`, `xls` or `ods` (`None` when it could not be
        read).
        """
    @property
    def header_row(self) -> int | None:
        """The row of the header (the last one, when the header spans merged rows), if found."""
    @property
    def header_rows(self) -> int:
        """Non-blank rows up to and including the header (a title block above it, the header)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Report:
    """The result of validating a data set: `files`, `summary`, `findings` (ordered by file, then
    row) and, when a registry was used, its `registry_findings`.
    """
    @property
    def files(self) -> list[FileInfo]:
        """The files read, in the order given."""
    @property
    def summary(self) -> Summary:
        """The counts."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding about the data, ordered by file, then row."""
    @property
    def by_code(self) -> list[CodeCount]:
        """How many findings of each code (and severity), in catalogue order — every finding,
        listed or not: `code`, `severity`, `count`.
        """
    @property
    def by_institution(self) -> list[InstitutionCount]:
        """The counts per institution, by code (the rows and findings of no institution last):
        `institution`, `name`, `rows`, `records_counted`, `records_with_errors`,
        `records_removed`, `errors`, `warnings`, `infos`.
        """
    @property
    def registry_findings(self) -> list[Finding]:
        """The findings about the registry used, if any (bad rows, inconsistent codes)."""
    @property
    def has_errors(self) -> bool:
        """Whether any finding about the data is an `error`."""
    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON, the same document as `lec validate --format json` (`files`,
        `summary`, `findings`, and `registry_findings` when there are any). `indent=None` for
        one line.
        """
    def to_dict(self) -> dict[str, Any]:
        """The report as a `dict` (the JSON document)."""
    def to_table(self, lang: Lang | str | None = None) -> str:
        """The report as the `lec validate` table (the same text, from the same code): a line per
        finding (the registry's first), a line per file, the counts per code and the summary;
        messages in `lang` (`"th"` or `"en"`, a `Lang`).
        """
    def to_csv(self) -> str:
        """The findings as the `lec validate --format csv` text (the registry's first): `code`,
        `severity`, `file`, `row`, `column`, `value`, `message_th`, `message_en`.
        """
    def to_pandas(self) -> Any:
        """Every finding as a pandas DataFrame with the columns `code`, `severity`, `file`, `row`
        (nullable integer), `column`, `value`, `message_th`, `message_en` — the registry's
        findings first, as in the CSV output. Needs pandas (raises `ImportError` without it).
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...

def validate_files(
    paths: _StrPath | Iterable[_StrPath],
    *,
    registry: Registry | _StrPath | None = None,
    year: int = 2567,
    policy: Policy | None = None,
    unmask: bool = False,
    as_of: datetime.date | str | None = None,
    unreadable: Literal["raise", "report"] = "report",
    sheet: str | None = None,
    limit: int | None = None,
    errors_only: bool = False,
    threads: int | None = None,
) -> Report:
    """Validates student files as one data set (duplicates are found across files), through the
    core's one way in — the same reading as the `lec validate` command: CSV (UTF-8 with or
    without BOM, UTF-16 with BOM or Windows-874 / TIS-620, detected; `,` `;` or tab) and
    workbooks (`.xlsx`, `.xls`, `.ods`, told by their content: every sheet with a student table,
    or `sheet`), LEC's own export layout (a title block, merged header rows), English or Thai
    headers in any order. Files are streamed: memory holds a few chunks of rows and the duplicate
    index. A file that cannot be opened is a `FILE_UNREADABLE` finding of the report (as the
    `lec` command does), or with `unreadable="raise"` raises `FileError`; problems inside a file
    are always findings. Runs with the GIL released.

    `registry` is a `Registry` or the path of a registry file (CSV or workbook); `year` the
    academic year (BE); `policy` a `Policy` (default `Policy()`); `unmask=True` shows personal
    IDs unmasked; `as_of` the data's reference date (a `datetime.date` or text such as
    `10/11/2567`; default 16 May of the academic year); `limit` lists at most that many findings
    (all are counted); `errors_only` lists errors only; `threads` checks rows on that many
    threads (default: the machine's cores; the report is the same for any number).
    """
def validate_file(
    path: _StrPath,
    *,
    registry: Registry | _StrPath | None = None,
    year: int = 2567,
    policy: Policy | None = None,
    unmask: bool = False,
    as_of: datetime.date | str | None = None,
    unreadable: Literal["raise", "report"] = "report",
    sheet: str | None = None,
    limit: int | None = None,
    errors_only: bool = False,
    threads: int | None = None,
) -> Report:
    """Validates one student file: `validate_files([path], …)`."""
def validate_records(
    rows: Iterable[Any],
    *,
    registry: Registry | _StrPath | None = None,
    year: int = 2567,
    policy: Policy | None = None,
    unmask: bool = False,
    as_of: datetime.date | str | None = None,
) -> Report:
    """Validates records already in memory as one data set: a list of dicts (or any iterable of
    mappings) or a pandas / polars DataFrame, with the column names of a student file (English
    `person_id` or camelCase `personId`, or Thai). Findings give the file as `<records>` and
    the row as the record's position, counting from 1. Takes the same options as
    `validate_files`; the checking runs with the GIL released.
    """

# dates, grades, units

@final
class ThaiDate:
    """A date as read from a Thai form: the `date` (`datetime.date`, CE), how its year's era was
    read (`era`, an `EraReading`) and whether Thai digits were used. `str()` is `dd/mm/BBBB`.
    """
    @property
    def date(self) -> datetime.date:
        """The date (proleptic Gregorian, CE)."""
    @property
    def era(self) -> EraReading:
        """`EraReading.AS_EXPECTED`, or which era confusion was read through."""
    @property
    def thai_digits(self) -> bool:
        """Whether the date was written with Thai digits."""
    def to_be_string(self) -> str:
        """The date in the Thai form `dd/mm/BBBB` (BE)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_date(text: str) -> ThaiDate:
    """Parses a date as Thai forms write it: `dd/mm/BBBB` (BE), `d/m/BB`, ISO `YYYY-MM-DD` (CE),
    Thai month names and abbreviations (`16 พ.ค. 2561`), Thai digits. A year in the other era
    is read and flagged in `era`. Raises `InvalidDateError` (`BIRTHDATE_INVALID`).
    """
def age_in_full_years(birth: datetime.date, on: datetime.date) -> int:
    """Age in full years on a day, counted day-for-day (a birthday on `on` counts; 29 February is
    reached on 1 March in common years); negative when born after `on`.
    """
def age_reference_date(year: int, *, policy: Policy | None = None) -> datetime.date:
    """The day ages are counted to in an academic year (BE): 16 May unless the policy says
    otherwise.
    """
def parse_grade(text: str) -> Grade:
    """Parses a grade: Thai labels with or without dots and spaces (`อ.1`, `ป 6`, `ม.๓`,
    `ประถมศึกษาปีที่ 1`), codes (`K1`, `p6`, `M3`, `VC1`, `HVC2`) and the child-development
    labels (`ศพด.`, `เด็กเล็ก`, `CD`). Returns a `Grade`; raises `InvalidGradeError`
    (`GRADE_UNKNOWN`).
    """

@final
class Province:
    """จังหวัด — a province: its 2-digit `code`, Thai and English names."""
    @property
    def code(self) -> int:
        """The 2-digit code, e.g. `58` for Mae Hong Son."""
    @property
    def name_th(self) -> str:
        """ชื่อภาษาไทย — the Thai name."""
    @property
    def name_en(self) -> str:
        """The English name."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def province(code: int | str) -> Province:
    """The province with a code (`58` or `"58"`). Raises `InvalidCodeError` (`PROVINCE_UNKNOWN`)."""
def provinces() -> list[Province]:
    """The 77 provinces, in code order."""

@final
class LaoCode:
    """รหัส อปท. — an LAO code: the 8-digit `login` (`0T PP DD NN`), the 7-digit `code7`, the
    `kind` its type digit names, the `province` and `district`. `str()` is the login.
    """
    @property
    def login(self) -> str:
        """The 8-digit LEC login, e.g. `05810401`."""
    @property
    def code7(self) -> str:
        """The 7-digit DLA code, e.g. `5810401`."""
    @property
    def kind(self) -> LaoKind:
        """The kind the type digit names (`LaoKind`; it may be stale: compare with the registry)."""
    @property
    def province(self) -> int:
        """The province code."""
    @property
    def district(self) -> int:
        """The district code (`1` for a PAO)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_lao_code(text: str) -> LaoCode:
    """Parses an LAO code: the 8-digit login `0T PP DD NN` or the 7-digit code, T in 2–6. Raises
    `InvalidCodeError` (`LAO_CODE_FORMAT`, or `PROVINCE_UNKNOWN`).
    """

@final
class InstitutionCode:
    """รหัสสถานศึกษา — an institution code `30 PP N xxxxx`: its `digits`, `province`, the owner
    digit N and what it names (`owner_class`, `is_cdc`). `str()` is the 10 digits.
    """
    @property
    def digits(self) -> str:
        """The 10 digits."""
    @property
    def province(self) -> int:
        """The province code (PP)."""
    @property
    def owner_digit(self) -> int:
        """The owner digit N (1–6)."""
    @property
    def owner_class(self) -> OwnerClass:
        """The owner class N names (`OwnerClass`: PAO, municipality or SAO)."""
    @property
    def is_cdc(self) -> bool:
        """Whether N names a child development centre (4–6) rather than a school or college (1–3)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def parse_institution_code(text: str) -> InstitutionCode:
    """Parses an institution code (10 digits `30 PP N xxxxx`, N in 1–6). Raises `InvalidCodeError`
    (`INSTITUTION_CODE_FORMAT`, or `PROVINCE_UNKNOWN`).
    """


# the confirmation workflow

@final
class RoundCalendar:
    """ปฏิทินการบันทึกข้อมูล — a round's calendar: academic year, round, opening, each level's
    confirmation deadline and the close, all Asia/Bangkok (UTC+7). Every bound is inclusive: a
    command at exactly the deadline is in time.

    `RoundCalendar.builtin("2567-2")` is round 2567/2 of circular มท 0816.2/ว 4094 (opens
    2024-10-01 00:00; institutions and LAOs confirm by the end of 2024-11-11; provinces by
    2024-11-12 17:00, when entry closes); `from_json`, `from_toml` and `from_file` load others
    (RFC 3339 times, a bare date meaning the end of that day in Bangkok). Calendars compare equal
    by value and pickle.
    """
    @staticmethod
    def builtin(id: str) -> RoundCalendar:
        """A calendar shipped with the library, by id (`2567-2`, or `2567/2`). Raises
        `InvalidConfigError` for an unknown id.
        """
    @staticmethod
    def from_json(text: str) -> RoundCalendar:
        """Loads a calendar from JSON (`academic_year`, `round`, `opens`, `institution_deadline`,
        `lao_deadline`, `province_deadline`, `closes`). Raises `InvalidConfigError` when it is not
        a usable calendar (a missing or unknown key, a bad time, bounds out of order).
        """
    @staticmethod
    def from_toml(text: str) -> RoundCalendar:
        """Loads a calendar from TOML (the same keys as JSON). Raises `InvalidConfigError`."""
    @staticmethod
    def from_file(path: _StrPath) -> RoundCalendar:
        """Loads a calendar file: JSON when its name ends in `.json`, TOML when it ends in
        `.toml`, else told by its text (the rule every front shares). Raises `FileError` when it
        cannot be read, `InvalidConfigError` when it is not a calendar.
        """
    @property
    def id(self) -> str:
        """The round's id, e.g. `2567/2`."""
    @property
    def academic_year(self) -> int:
        """ปีการศึกษา — the academic year, BE (2567)."""
    @property
    def round(self) -> int:
        """ครั้งที่ — the round of the year (1 or 2)."""
    @property
    def opens(self) -> datetime.datetime:
        """เปิดระบบ — entry opens (an aware `datetime`, UTC+7)."""
    @property
    def institution_deadline(self) -> datetime.datetime:
        """Institutions confirm by."""
    @property
    def lao_deadline(self) -> datetime.datetime:
        """LAOs confirm (their institutions and their other-affiliation headcounts) by."""
    @property
    def province_deadline(self) -> datetime.datetime:
        """Provinces confirm by."""
    @property
    def closes(self) -> datetime.datetime:
        """ปิดระบบ — nothing may be written after this."""
    def to_json(self) -> str:
        """The calendar as JSON (RFC 3339 times with nanoseconds), loadable by `from_json`."""
    def to_dict(self) -> dict[str, Any]:
        """The calendar as a `dict` (the JSON document: times as RFC 3339 strings)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Actor:
    """ผู้ดำเนินการ — who issues a command: a `level` (`Level`) and the code of the user's unit (its
    LEC login: the 2-digit province code, the LAO's 8-digit login, the 10-digit institution code;
    any name for the department).
    """
    def __new__(cls, level: Level | str, code: str) -> Actor: ...
    @property
    def level(self) -> Level:
        """The level (`Level`)."""
    @property
    def code(self) -> str:
        """The unit's code."""
    def to_dict(self) -> dict[str, Any]:
        """The actor as a `dict` (`level`, `code`), as in the command JSON."""
    def __reduce__(self) -> tuple[type[Actor], tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class DataStatus:
    """สถานะข้อมูล — the state of a unit's data as confirming needs it: records `counted` and
    `errors` (open `error` findings). For an LAO's headcounts: forms counted and their errors.
    `DataStatus.by_institution(records)` derives it for every institution from its records.
    """
    def __new__(cls, counted: int, errors: int = 0) -> DataStatus: ...
    @property
    def counted(self) -> int:
        """Records (or headcount forms) that count."""
    @property
    def errors(self) -> int:
        """`error` findings still open."""
    @staticmethod
    def by_institution(
        records: Iterable[Any],
        *,
        registry: Registry | _StrPath | None = None,
        year: int = 2567,
        policy: Policy | None = None,
        as_of: datetime.date | str | None = None,
    ) -> dict[str, DataStatus]:
        """The data status of every institution in a set of records, as confirming needs it:
        records counted and `error` findings per institution code, duplicates across institutions
        included; removed records neither count nor err. `records` as for `validate_records` (a
        list of dicts, a DataFrame); the other options as there. Runs with the GIL released.
        """
    def to_dict(self) -> dict[str, int]:
        """The status as a `dict` (`counted`, `errors`), as in the command JSON."""
    def __reduce__(self) -> tuple[type[DataStatus], tuple[int, int]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Command:
    """คำสั่ง — a command to the workflow: who (`actor`), what (`action`, an `Action`), the target
    `unit`'s code (a 2-digit province, an 8-digit LAO login or 7-digit code, a 10-digit
    institution code) and, on an institution's `confirm`, a `confirm_headcounts` or an `edit`,
    the unit's `data` status. `Round.apply` also takes plain dicts in the JSON shape of `lec round
    replay` (`{"actor": {"level": …, "code": …}, "action": …, "unit": …, "data": {…}}`).
    """
    def __new__(
        cls,
        actor: Actor,
        action: Action | str,
        unit: str,
        data: DataStatus | None = None,
        *,
        officer: str | None = None,
        check: Mapping[str, Any] | None = None,
    ) -> Command: ...
    @staticmethod
    def from_dict(value: Mapping[str, Any]) -> Command:
        """A command from a `dict` in the JSON shape of a `lec round replay` line, without its `at`
        (`actor`, `action`, `unit`, optional `data`). Raises `ValueError` when it is not one.
        """
    @property
    def actor(self) -> Actor:
        """Who."""
    @property
    def action(self) -> Action:
        """What (`Action`)."""
    @property
    def unit(self) -> str:
        """The target unit's code, as given."""
    @property
    def data(self) -> DataStatus | None:
        """The unit's data status, if the command carries one."""
    @property
    def officer(self) -> str | None:
        """The responsible officer who acts, as given (`None`: not named)."""
    @property
    def check(self) -> dict[str, Any] | None:
        """A `spot_check`'s check as a `dict` (`seed`, `result` `"ok"` / `"issues"`, `note`), if any."""
    def to_dict(self) -> dict[str, Any]:
        """The command as a `dict` in the JSON shape of a `lec round replay` line (without `at`)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class UnitState:
    """The confirmation state of one unit (or of an LAO's other-affiliation headcounts)."""
    @property
    def confirmed(self) -> bool:
        """Confirmed now."""
    @property
    def confirmed_at(self) -> datetime.datetime | None:
        """When it was last confirmed (while confirmed), an aware `datetime`."""
    @property
    def data(self) -> DataStatus | None:
        """The last known data status."""
    @property
    def may_reconfirm_late(self) -> bool:
        """Its confirmation was cancelled (or withdrawn by a headcount edit), whenever that happened:
        it may confirm again until the close (policy `workflow.late_reconfirm_after_cancel`).
        """
    def to_dict(self) -> dict[str, Any]:
        """The state as a `dict` (the core's JSON: keys without a value are left out)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class LogHead:
    """The head of the event log: the last event's sequence number (0: none yet), its hash (before
    any event: the round's genesis hash) and its time.
    """
    @property
    def seq(self) -> int:
        """The last event's sequence number (0: none yet)."""
    @property
    def hash(self) -> str:
        """The last event's hash (SHA-256, hex; before any event: the round's genesis hash)."""
    @property
    def at(self) -> datetime.datetime | None:
        """The last event's time."""
    def to_dict(self) -> dict[str, Any]:
        """The head as a `dict` (the core's JSON)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class RoundState:
    """The state of a round: every unit that has been acted on, by canonical code (absent units are
    unconfirmed, with no data), and the head of the event log. `to_json` / `RoundState.from_json`
    carry it to and from a host's database; it can always be rebuilt from the event log.
    """
    @staticmethod
    def from_json(text: str) -> RoundState:
        """Reads a state from the JSON `to_json` (or `Round.state_json`) wrote. Raises `ValueError`
        when it is not one.
        """
    @property
    def round(self) -> str:
        """The round, e.g. `2567/2`."""
    @property
    def institutions(self) -> dict[str, UnitState]:
        """Institutions acted on, by 10-digit code."""
    @property
    def laos(self) -> dict[str, UnitState]:
        """LAOs acted on, by 8-digit login."""
    @property
    def headcounts(self) -> dict[str, UnitState]:
        """LAOs' other-affiliation headcounts acted on, by the LAO's login."""
    @property
    def provinces(self) -> dict[str, UnitState]:
        """Provinces acted on, by 2-digit code."""
    @property
    def spot_checks(self) -> dict[str, dict[str, Any]]:
        """Each spot-checked institution's last check, by institution code, as `dict`s (`at`,
        `province`, `officer` masked, `seed`, `result`, `note`).
        """
    @property
    def head(self) -> LogHead:
        """The head of the event log."""
    def to_json(self, indent: int | None = None) -> str:
        """The state as the core's JSON (`round`, `institutions`, `laos`, `headcounts`,
        `provinces`, `head`), for a host's database. `indent=None` for one line.
        """
    def to_dict(self) -> dict[str, Any]:
        """The state as a `dict` (the JSON document)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Event:
    """เหตุการณ์ — one accepted command as recorded: sequence number, time, who, what, the unit's
    canonical code, the data status it carried, the unit's state before (`previous`), and the
    hash chain (`prev_hash`, `hash`: SHA-256 of the event's content chained to the previous
    event). `to_json` is its line in the event log.
    """
    @property
    def seq(self) -> int:
        """Sequence number, from 1."""
    @property
    def at(self) -> datetime.datetime:
        """When (an aware `datetime`, UTC+7)."""
    @property
    def actor(self) -> Actor:
        """Who."""
    @property
    def action(self) -> Action:
        """What (`Action`)."""
    @property
    def unit(self) -> str:
        """The unit's canonical code (`58`, `06580102`, `3058600001`)."""
    @property
    def data(self) -> DataStatus | None:
        """The data status the command carried."""
    @property
    def previous(self) -> UnitState:
        """The unit's state before the event (for headcount actions: the headcounts' state)."""
    @property
    def officer(self) -> str | None:
        """The responsible officer named by the command, masked (personal data: `EMxxxx42`); `None`
        when not named. `unmasked_officer()` gives it as recorded; `to_json` keeps it as recorded.
        """
    def unmasked_officer(self) -> str | None:
        """The responsible officer as recorded (unmasked)."""
    @property
    def check(self) -> dict[str, Any] | None:
        """A `spot_check` event's check as a `dict` (`seed`, `result`, `note`), if any."""
    @property
    def prev_hash(self) -> str:
        """The previous event's hash (the round's genesis hash for the first event)."""
    @property
    def hash(self) -> str:
        """SHA-256 (hex) of this event without its hash, chained to `prev_hash`."""
    def to_json(self) -> str:
        """The event as one line of the event log (JSON, as `lec round replay --events-out` writes)."""
    def to_dict(self) -> dict[str, Any]:
        """The event as a `dict` (the JSON document)."""
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Accepted:
    """What `Round.apply` returns when the command was accepted: the `events` it recorded (one, or
    two for an LAO's headcount edit that withdraws its province's confirmation), in order. Truthy;
    `accepted` is `True`.
    """
    @property
    def events(self) -> list[Event]:
        """The events recorded, oldest first."""
    @property
    def accepted(self) -> Literal[True]:
        """`True`: the command was accepted."""
    def __bool__(self) -> Literal[True]: ...
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Rejection:
    """What `Round.apply` returns when the command was rejected: exactly one `code` (a
    `RejectionCode`, `WF_*`) and why, in Thai and English. A rejected command changes nothing.
    Falsy; `accepted` is `False`. Not an exception: rejections are expected outcomes.
    """
    @property
    def code(self) -> RejectionCode:
        """The code (`RejectionCode`, e.g. `RejectionCode.CLOSED` == `"WF_CLOSED"`)."""
    @property
    def message_th(self) -> str:
        """The reason in Thai."""
    @property
    def message_en(self) -> str:
        """The reason in English."""
    def message(self, lang: Lang | str | None = None) -> str:
        """The reason in a language: `"th"` or `"en"` (a `Lang`)."""
    @property
    def accepted(self) -> Literal[False]:
        """`False`: the command was rejected."""
    def to_dict(self) -> dict[str, str]:
        """The rejection as a `dict` (`code`, `message_th`, `message_en`)."""
    def __bool__(self) -> Literal[False]: ...
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class PendingUnit:
    """A unit that has not confirmed yet: its `level` (`Level`; `headcounts` is `True` for an LAO's
    other-affiliation headcounts), `code`, registered `name`, the `deadline` it faces, whether it
    is `overdue` or `may_confirm_late`, and the units below it it is `waiting_for`.
    """
    @property
    def level(self) -> Level:
        """The unit's level (`Level.INSTITUTION`, `Level.LAO`, `Level.PROVINCE`)."""
    @property
    def headcounts(self) -> bool:
        """Whether this is an LAO's headcount confirmation."""
    @property
    def code(self) -> str:
        """The unit's code."""
    @property
    def name(self) -> str:
        """The unit's registered name."""
    @property
    def deadline(self) -> datetime.datetime:
        """The deadline it faces (an aware `datetime`, UTC+7)."""
    @property
    def overdue(self) -> bool:
        """The deadline has passed (and it may not confirm late)."""
    @property
    def may_confirm_late(self) -> bool:
        """Its confirmation was cancelled (or withdrawn): it may still confirm until the close."""
    @property
    def waiting_for(self) -> list[str]:
        """The units below it that have not confirmed (it cannot confirm before they do)."""
    @property
    def recorded(self) -> bool:
        """It has recorded something (§9.2): its last data status holds a record (an LAO: one of its
        institutions or its headcounts has; a province: one of its LAOs has).
        """
    @property
    def last_spot_check(self) -> dict[str, Any] | None:
        """An institution's last spot check as a `dict` (`at`, `province`, `officer` masked, `seed`,
        `result`, `note`), if any.
        """
    def to_dict(self) -> dict[str, Any]:
        """The pending unit as a `dict` (the JSON of `lec round status --format json`)."""
    def __eq__(self, value: object, /) -> bool: ...

_Time = datetime.datetime | str

@final
class Round:
    """รอบการยืนยันข้อมูล — one round of the confirmation workflow: its rules (the registry, the
    calendar — default `2567-2` —, the workflow section of the policy), its state and its event
    log.

    `apply(command, now)` checks a command and, when accepted, records its events: it returns
    `Accepted` (the events) or a `Rejection` (exactly one `WF_*` code; nothing changed). The
    library reads no clock: `now` is a timezone-aware `datetime` or an RFC 3339 string. Persist
    the round with `to_json()` (the event log, JSON lines) and rebuild it with
    `Round.from_json(registry, log)`, which checks every link of the hash chain and raises
    `InvalidLogError` on a broken log; `state_json()` is the current state for a host's database.
    Thread-safe: commands are applied one at a time, with the GIL released.
    """
    def __new__(
        cls, registry: Registry | _StrPath, calendar: RoundCalendar | str | None = None, policy: Policy | None = None
    ) -> Round: ...
    @staticmethod
    def from_json(
        registry: Registry | _StrPath, log: str, *, calendar: RoundCalendar | str | None = None, policy: Policy | None = None
    ) -> Round:
        """Rebuilds a round from its event log (JSON lines, as `to_json` or `lec round replay
        --events-out` wrote it; blank lines skipped), checking each event: its sequence number,
        its link to the previous hash, its own hash, and that the rules accept it as recorded.
        Raises `InvalidLogError` (`WF_LOG_BROKEN`, with `index` and `problem`) naming the first
        bad event. Runs with the GIL released.
        """
    @staticmethod
    def from_events(
        registry: Registry | _StrPath,
        events: Iterable[Event | Mapping[str, Any]],
        *,
        calendar: RoundCalendar | str | None = None,
        policy: Policy | None = None,
    ) -> Round:
        """Rebuilds a round from events (`Event` objects or their dicts), checking them as
        `from_json` does. Raises `InvalidLogError` naming the first bad event.
        """
    def apply(self, command: Command | Mapping[str, Any], now: _Time | None = None) -> Accepted | Rejection:
        """ดำเนินการ — applies a command at `now`: `Accepted` with the events recorded, or a
        `Rejection` with the one code that applies first (a rejected command changes nothing).

        `command` is a `Command` or a dict in the JSON shape of a `lec round replay` line, whose
        `at` may stand in for `now`. `now` is a timezone-aware `datetime` (any zone) or an RFC
        3339 string; a naive `datetime` raises `ValueError` (its zone is unknowable: use
        `tzinfo=lec.BANGKOK`). A command that is not one raises `ValueError` / `TypeError`.
        """
    @property
    def id(self) -> str:
        """The round's id, e.g. `2567/2`."""
    @property
    def calendar(self) -> RoundCalendar:
        """The round's calendar."""
    @property
    def state(self) -> RoundState:
        """The current state."""
    @property
    def events(self) -> list[Event]:
        """The event log so far, oldest first."""
    def to_json(self) -> str:
        """The event log as JSON lines (one event a line, oldest first; the same bytes as `lec round
        replay --events-out`): the round's whole persistent state, for `Round.from_json`.
        """
    def state_json(self) -> str:
        """The current state as the core's JSON (`round`, `institutions`, `laos`, `headcounts`,
        `provinces`, `head`), for a host's database; `RoundState.from_json` reads it back.
        """
    def pending(self, now: _Time, within: str | None = None) -> list[PendingUnit]:
        """The units that have not confirmed at `now` (an aware `datetime` or RFC 3339 string), with
        the deadline each faces, whether it is overdue and whom it waits for, in registry order;
        `within` a unit's code (a province, LAO or institution) limits the list to its subtree.
        Raises `ValueError` when `within` is not a registered unit.
        """
    def spot_check_sample(self, province: int | str, size: int, seed: int) -> list[str]:
        """A province's random spot-check sample of institutions (§9.4): `size` of them (all when it
        has fewer), drawn by SplitMix64 from `seed` — the same seed gives the same sample on every
        platform and in every binding. `province` is its code (`58` or `"58"`). Raises
        `InvalidCodeError` for a code that is no province, `ValueError` for a province not in the
        registry.
        """
    def __len__(self) -> int: ...

# headcounts and budget

def validate_headcounts(
    paths: _StrPath | Iterable[_StrPath], *, registry: Registry | _StrPath | None = None, policy: Policy | None = None
) -> HeadcountReport:
    """Checks headcount-form CSV files of other-affiliation schools (จำนวนนักเรียนของสถานศึกษาสังกัดอื่น)
    as `lec headcount` does: `lao_code`, `school_code`, `school_name`, `extended`, `closed`, then
    a count per grade `K1 … M3` (or `อ.1 … ม.3`). Every grade from อ.1 to ป.6 must hold a number —
    a blank is not 0 (`HC_MISSING`) — and ม.1–ม.3 too for an extended-opportunity school; counts
    are whole numbers (`HC_INVALID`) in Arabic numerals (`HC_NOT_ARABIC`); a closed school is all
    zeros (`HC_CLOSED_NONZERO`); with a `registry` (a `Registry` or its path) each school must be
    one of its LAO's other-affiliation schools. `policy` decides how Thai digits are reported.

    `paths` is one path or several. Problems inside a file are findings; a file that cannot be
    opened raises `FileError`. Runs with the GIL released.
    """

@final
class HeadcountForm:
    """One checked headcount form (one school): where it was (`row`), the `lao` and `school` codes
    when valid, the `school_name` as entered, `extended`, `closed`, the `counts` per grade and
    whether it `has_errors` (a form with an error counts for nothing).
    """
    @property
    def row(self) -> int:
        """The row number a spreadsheet shows."""
    @property
    def lao(self) -> str | None:
        """The LAO's 8-digit login, when its code is valid."""
    @property
    def school(self) -> str | None:
        """The school's 10-digit Ministry ID, when valid."""
    @property
    def school_name(self) -> str:
        """The school's name as entered."""
    @property
    def extended(self) -> bool:
        """An extended-opportunity school (ม.1–ม.3 required too)."""
    @property
    def closed(self) -> bool:
        """Announced closed (all zeros)."""
    @property
    def counts(self) -> dict[Grade, int | None]:
        """The counts by `Grade` (`K1` … `M3`, in form order); `None` for a blank or unusable cell."""
    @property
    def has_errors(self) -> bool:
        """Whether the form has an `error` finding (it then counts for nothing)."""
    def count(self, grade: Grade | str) -> int:
        """The count of a grade (0 when blank, unusable or not on the form)."""
    def to_dict(self) -> dict[str, Any]:
        """The form as a `dict`: `row`, `lao`, `school`, `school_name`, `extended`, `closed`,
        `counts` (grade code → count or `None`), `has_errors`.
        """
    def __eq__(self, value: object, /) -> bool: ...

@final
class HeadcountReport:
    """The result of checking headcount forms — the same shape as a `Report`: `files`, `summary`,
    `findings` (by file and row), `has_errors`, `to_json()` (the document of `lec headcount
    --format json`), `to_pandas()`; and the checked `forms`, which `summarise` counts.
    """
    @property
    def files(self) -> list[FileInfo]:
        """The files read, in the order given."""
    @property
    def summary(self) -> Summary:
        """The counts (a form is a record: `records_counted`, `records_with_errors`)."""
    @property
    def by_code(self) -> list[CodeCount]:
        """How many findings of each code (and severity), in catalogue order: `code`, `severity`,
        `count`.
        """
    @property
    def findings(self) -> list[Finding]:
        """Every finding, by file and row."""
    @property
    def forms(self) -> list[HeadcountForm]:
        """The checked forms, in input order."""
    @property
    def has_errors(self) -> bool:
        """Whether any finding is an `error`."""
    def to_json(self, indent: int | None = 2) -> str:
        """The report as JSON, the same document as `lec headcount --format json` (`files`,
        `summary`, `findings`). `indent=None` for one line.
        """
    def to_dict(self) -> dict[str, Any]:
        """The report as a `dict` (the JSON document)."""
    def to_pandas(self) -> Any:
        """Every finding as a pandas DataFrame with the columns of `Report.to_pandas()`. Needs
        pandas (raises `ImportError` without it).
        """
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...

@final
class RateRule:
    """One rate of a budget item: for some `grades` (all the item's when `None`) and, for a tiered
    item, a range of the school's enrolment; `satang` is `None` when the rate is unknown.
    """
    @property
    def grades(self) -> list[Grade] | None:
        """The grades it applies to (`None`: all the item's grades)."""
    @property
    def enrolment_min(self) -> int | None:
        """The lowest enrolment of the tier (inclusive)."""
    @property
    def enrolment_max(self) -> int | None:
        """The highest enrolment of the tier (inclusive)."""
    @property
    def satang(self) -> int | None:
        """The rate in satang (1 baht = 100 satang); `None` when unknown."""
    @property
    def source(self) -> str | None:
        """Where the rate comes from, or why it is unknown."""
    @property
    def note(self) -> str | None:
        """Why the rate is what it is, or why it is unknown."""
    def to_dict(self) -> dict[str, Any]:
        """The rule as a `dict` (the policy's JSON)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class BudgetItem:
    """รายการงบประมาณ — a budget item: who counts (`grades`, `institution_kinds`,
    `other_affiliation_schools`) and at what rate (`per` day or year, `days`, `rates`), with the
    `source` of its figures.
    """
    @property
    def id(self) -> str:
        """A short stable id: `lunch`, `milk`, `teaching`, `uniforms`, …"""
    @property
    def name_th(self) -> str:
        """The Thai name."""
    @property
    def name_en(self) -> str:
        """The English name."""
    @property
    def source(self) -> str:
        """Where the figures come from."""
    @property
    def grades(self) -> list[Grade]:
        """The grades that count (`Grade` members)."""
    @property
    def institution_kinds(self) -> list[InstitutionKind]:
        """The kinds of LAO institution that count (`InstitutionKind` members)."""
    @property
    def other_affiliation_schools(self) -> bool:
        """Whether other-affiliation schools count (from their headcount forms)."""
    @property
    def per(self) -> Per:
        """`Per.DAY` or `Per.YEAR`."""
    @property
    def days(self) -> int | None:
        """Days a year, for a per-day item (`None`: unknown)."""
    @property
    def days_source(self) -> str | None:
        """Where the days come from."""
    @property
    def tier_enrolment_grades(self) -> list[Grade]:
        """For a tiered item: the grades whose counted heads make the school's enrolment."""
    @property
    def rates(self) -> list[RateRule]:
        """The rates; the first that matches a grade (and enrolment) applies."""
    @property
    def rate_known(self) -> bool:
        """Whether every rate (and, per day, the days) is known."""
    def rate(self, grade: Grade | str, enrolment: int = 0) -> int | None:
        """The rate in satang for a grade at a school of `enrolment` pupils (the tier's grades):
        `None` when no rule matches or its rate is unknown.
        """
    def to_dict(self) -> dict[str, Any]:
        """The item as a `dict` (the policy's JSON)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class BudgetPolicy:
    """นโยบายงบประมาณ — a year's budget policy, as data: for each item (lunch, milk, the per-head
    items, …) which grades and institution kinds count, the rates in satang and the source of
    every number; unknown figures are marked unknown, never invented. Whether G-code learners
    count, what happens to a person recorded at two institutions, whose confirmation records need.

    `BudgetPolicy.builtin(2567)` ships with the library; `from_toml`, `from_json` and `from_file`
    load another. Equal policies compare equal; policies pickle.
    """
    @staticmethod
    def builtin(academic_year: int = 2567) -> BudgetPolicy:
        """The policy shipped for an academic year (BE). Raises `InvalidConfigError` when none ships."""
    @staticmethod
    def from_toml(text: str) -> BudgetPolicy:
        """Loads a policy from TOML (as `lec-core/data/budget-2567.toml`). Raises
        `InvalidConfigError`.
        """
    @staticmethod
    def from_json(text: str) -> BudgetPolicy:
        """Loads a policy from JSON (the same keys). Raises `InvalidConfigError`."""
    @staticmethod
    def from_file(path: _StrPath) -> BudgetPolicy:
        """Loads a budget policy file: JSON when its name ends in `.json`, TOML when it ends in
        `.toml`, else told by its text (the rule every front shares, as `lec budget
        --budget-policy`). Raises `FileError` when it cannot be read, `InvalidConfigError` when it
        is not a budget policy.
        """
    @property
    def id(self) -> str:
        """An id, e.g. `2567`."""
    @property
    def academic_year(self) -> int:
        """The academic year, BE."""
    @property
    def fiscal_years(self) -> list[int]:
        """The fiscal years the academic year spans."""
    @property
    def gcode_learners_count(self) -> bool:
        """Whether learners with a G-code count."""
    @property
    def duplicate_resolution(self) -> DuplicateResolution:
        """Persons recorded at several institutions (`DuplicateResolution`)."""
    @property
    def confirmation_required(self) -> ConfirmationRequired:
        """Whose confirmation records need to count (`ConfirmationRequired`)."""
    @property
    def items(self) -> list[BudgetItem]:
        """The items, in the policy's order."""
    def item(self, id: str) -> BudgetItem | None:
        """The item with this id, or `None`."""
    def to_json(self) -> str:
        """The policy as JSON, loadable by `from_json`."""
    def to_dict(self) -> dict[str, Any]:
        """The policy as a `dict` (the JSON document)."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class ItemAmount:
    """Heads and amount of one item at one unit: `heads` who count, `amount_satang` (`None` when a
    rate or the days are unknown).
    """
    @property
    def item(self) -> str:
        """The item's id."""
    @property
    def heads(self) -> int:
        """Learners who count for it."""
    @property
    def amount_satang(self) -> int | None:
        """The amount in satang (an `int`; 1 baht = 100 satang); `None` when a rate or the days are
        unknown.
        """
    def to_dict(self) -> dict[str, Any]:
        """The amount as a `dict` (`item`, `heads`, `amount_satang`)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class UnitBudget:
    """The budget of one unit: `level` (`institution`, `school`, `lao`, `province` or `total`),
    `code`, `name`, why an institution or school counts for nothing (`excluded`: `inactive`,
    `not_confirmed`, `has_errors`, `no_form`, `form_has_errors`), the heads by grade and the
    `items`' heads and amounts.
    """
    @property
    def level(self) -> Literal["institution", "school", "lao", "province", "total"]:
        """`institution`, `school`, `lao`, `province` or `total`."""
    @property
    def code(self) -> str:
        """The unit's code (empty for the total)."""
    @property
    def name(self) -> str:
        """The unit's name."""
    @property
    def excluded(self) -> Literal["inactive", "not_confirmed", "has_errors", "no_form", "form_has_errors"] | None:
        """For an institution or school: why it counts for nothing (`inactive`, `not_confirmed`,
        `has_errors`, or for a school whose amounts are then unknown, `None`: `no_form`,
        `form_has_errors`); else `None`.
        """
    @property
    def confirmed(self) -> bool | None:
        """Whether the unit has confirmed (an institution, a school's LAO headcounts, an LAO, a
        province) when the summary was made with a `round`; `None` otherwise and for the total.
        """
    @property
    def heads_by_grade(self) -> dict[Grade, int]:
        """Learners who count, by `Grade`."""
    @property
    def items(self) -> list[ItemAmount]:
        """Per item, in the policy's order."""
    def item(self, id: str) -> ItemAmount | None:
        """The amount of the item with this id, or `None`."""
    def to_dict(self) -> dict[str, Any]:
        """The unit as a `dict` (the JSON of `lec budget --format json`)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class RecordTally:
    """What happened to the records given: `rows = counted + removed + with_errors + not_confirmed +
    unregistered + inactive + gcode_excluded + duplicates_not_counted`.
    """
    @property
    def rows(self) -> int:
        """Records given."""
    @property
    def counted(self) -> int:
        """Records that count."""
    @property
    def removed(self) -> int:
        """Removed / not-existing records (never count)."""
    @property
    def with_errors(self) -> int:
        """Records with an `error` finding of their own, or of an institution with one."""
    @property
    def not_confirmed(self) -> int:
        """Records of institutions not (yet) confirmed."""
    @property
    def unregistered(self) -> int:
        """Records of institutions not in the registry."""
    @property
    def inactive(self) -> int:
        """Records of inactive institutions (registry `status` inactive, closed or merged)."""
    @property
    def gcode_excluded(self) -> int:
        """G-code learners left out by the policy."""
    @property
    def duplicates_not_counted(self) -> int:
        """Records of a person recorded elsewhere too, not counted here."""
    def to_dict(self) -> dict[str, int]:
        """The tally as a `dict`, as in the JSON output."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class UnresolvedDuplicate:
    """A person recorded at several institutions whom the policy could not place: the `person`
    (masked unless `unmask=True`) and the `institutions`' codes.
    """
    @property
    def person(self) -> str:
        """The identity (masked unless the summary was made with `unmask=True`)."""
    @property
    def institutions(self) -> list[str]:
        """The institutions, by code."""
    def to_dict(self) -> dict[str, Any]:
        """The duplicate as a `dict` (`person`, `institutions`)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class ItemInfo:
    """An item as a summary describes it: `id`, names, and whether every rate is known."""
    @property
    def id(self) -> str:
        """The id."""
    @property
    def name_th(self) -> str:
        """The Thai name."""
    @property
    def name_en(self) -> str:
        """The English name."""
    @property
    def rate_known(self) -> bool:
        """Whether every rate is known (else amounts are `None` where it is needed)."""
    def to_dict(self) -> dict[str, Any]:
        """The item as a `dict`."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class BudgetSummary:
    """The budget summary (สรุปจำนวนนักเรียนเพื่อจัดสรรงบประมาณ): heads and amounts per institution,
    other-affiliation school, LAO, province and in total, under a `BudgetPolicy`. Totals
    reconcile (a province is the sum of its LAOs, an LAO of its institutions and schools) and
    every record is accounted for in `records`. Amounts are integers in satang, `None` where a
    rate is unknown.
    """
    @property
    def policy(self) -> str:
        """The budget policy's id."""
    @property
    def academic_year(self) -> int:
        """The academic year."""
    @property
    def confirmation_checked(self) -> bool:
        """Whether confirmations were checked (a round was given and the policy asks)."""
    @property
    def items(self) -> list[ItemInfo]:
        """The items."""
    @property
    def institutions(self) -> list[UnitBudget]:
        """Every registered institution, by code."""
    @property
    def schools(self) -> list[UnitBudget]:
        """Every other-affiliation school (registered, or with a form), by code."""
    @property
    def laos(self) -> list[UnitBudget]:
        """Every LAO, in registry order."""
    @property
    def provinces(self) -> list[UnitBudget]:
        """Every province, in registry order."""
    @property
    def total(self) -> UnitBudget:
        """The whole data set."""
    @property
    def records(self) -> RecordTally:
        """What happened to the records."""
    @property
    def unresolved_duplicates(self) -> list[UnresolvedDuplicate]:
        """Persons recorded at several institutions and counted nowhere."""
    def to_json(self, indent: int | None = 2) -> str:
        """The summary as JSON, the same document as `lec budget --format json`. `indent=None` for
        one line.
        """
    def to_dict(self) -> dict[str, Any]:
        """The summary as a `dict` (the JSON document)."""
    def rows(self) -> list[dict[str, Any]]:
        """One `dict` per unit and item — `level`, `code`, `name`, `excluded`, `confirmed` (`None`
        without a round), `item`, `heads`, `amount_satang` (an `int`, `None` when unknown) — in the
        order of `lec budget --format csv`: provinces, LAOs, institutions, schools, the total.
        """
    def to_pandas(self) -> Any:
        """`rows()` as a pandas DataFrame: one row per unit and item; `heads` and `amount_satang`
        are nullable integers (`Int64`: satang, `<NA>` where a rate is unknown — so a plain
        `sum()` would skip unknowns: the `province` and `total` rows are the reconciled sums).
        Needs pandas (raises `ImportError` without it).
        """

def summarise(
    registry: Registry | _StrPath,
    records: Iterable[Any],
    headcounts: HeadcountReport | _StrPath | Iterable[_StrPath] | None = None,
    *,
    budget_policy: BudgetPolicy | None = None,
    policy: Policy | None = None,
    year: int = 2567,
    round: Round | RoundState | None = None,
    unmask: bool = False,
) -> BudgetSummary:
    """Summarises budget headcounts and amounts (as `lec budget`): who counts for which item under a
    `BudgetPolicy`, per institution, other-affiliation school, LAO, province and in total.

    `registry` is a `Registry` or its path; `records` the student records (a list of dicts, a
    DataFrame, as for `validate_records`); `headcounts` the other-affiliation forms (a
    `HeadcountReport`, or the path(s) of form files, checked against the registry). `budget_policy`
    defaults to the one shipped for `year`; `policy` the record rules (and how headcount files
    are checked); `year` the academic year (BE); `round` a `Round` or `RoundState`: then only
    confirmed units count, as the budget policy requires; `unmask=True` shows the personal IDs
    of unresolved duplicates. Runs with the GIL released.
    """

def _explain_ids(
    ids: list[str],
    *,
    policy: Policy | None = None,
    year: int = 2567,
    unmask: bool = False,
    format: str = "table",
    lang: Lang | str | None = None,
) -> tuple[str, bool]:
    """IDs explained as `lec id` prints them, from the same code: `(text, all_valid)`, the text the
    JSON document (`format="json"`) or the table (messages in `lang`). For `python -m lec`.
    """
