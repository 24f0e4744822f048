import datetime
import os
from collections.abc import Iterable, Iterator
from typing import Any, Literal, final

from lec._enums import EraReading, ErrorKind, Grade, IdKind, InstitutionKind, Lang, LaoKind, OwnerClass, Severity

__all__ = [
    "FileError",
    "FileInfo",
    "Finding",
    "IdCheck",
    "Institution",
    "InstitutionCode",
    "InvalidCodeError",
    "InvalidConfigError",
    "InvalidDateError",
    "InvalidGradeError",
    "InvalidIdError",
    "Lao",
    "LaoCode",
    "LecError",
    "PersonId",
    "Policy",
    "Province",
    "Registry",
    "Report",
    "Summary",
    "ThaiDate",
    "__version__",
    "_enum_values",
    "_exception_class",
    "_grade_info",
    "_kind_names",
    "age_in_full_years",
    "age_reference_date",
    "check_id",
    "parse_date",
    "parse_grade",
    "parse_id",
    "parse_institution_code",
    "parse_lao_code",
    "mask_id",
    "province",
    "provinces",
    "validate_file",
    "validate_files",
    "validate_ids",
    "validate_records",
]

__version__: str

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
        """Loads a policy file: TOML when its name ends in `.toml`, JSON otherwise. Raises
        `FileError` when it cannot be read, `InvalidConfigError` when it is not a policy.
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
    def from_file(path: _StrPath) -> Registry:
        """Loads a registry CSV file (UTF-8, with or without BOM, or Windows-874)."""
    @staticmethod
    def from_csv(data: bytes | str, name: str = "<registry>") -> Registry:
        """Loads a registry from CSV content (`bytes` in any supported encoding, or `str`); `name`
        is what findings give as the file.
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
    unreadable: Literal["raise", "report"] = "raise",
) -> Report:
    """Validates student-record CSV files as one data set (duplicates are found across files):
    UTF-8 with or without BOM, UTF-16 with BOM or Windows-874 / TIS-620 (detected), `,` `;` or
    tab, English or Thai headers in any order. A file that cannot be opened raises `FileError`,
    or with `unreadable="report"` becomes a `FILE_UNREADABLE` finding (as the `lec` command
    does); problems inside a file are always findings. Runs with the GIL released.

    `registry` is a `Registry` or the path of a registry CSV; `year` the academic year (BE);
    `policy` a `Policy` (default `Policy()`); `unmask=True` shows personal IDs unmasked;
    `as_of` the data's reference date (a `datetime.date` or text such as `10/11/2567`; default
    16 May of the academic year).
    """
def validate_file(
    path: _StrPath,
    *,
    registry: Registry | _StrPath | None = None,
    year: int = 2567,
    policy: Policy | None = None,
    unmask: bool = False,
    as_of: datetime.date | str | None = None,
    unreadable: Literal["raise", "report"] = "raise",
) -> Report:
    """Validates one student-record CSV file: `validate_files([path], …)`."""
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
    or Thai). Findings give the file as `<records>` and the row as the record's position,
    counting from 1. Takes the same options as `validate_files`; the checking runs with the GIL
    released.
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
