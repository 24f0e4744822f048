"""The enums of the lec rules, as Python enums.

Every member's value is the core's name for it, the same string as in the JSON output
(``Severity.ERROR == "error"``, ``Grade.K1 == "K1"``). The members are ``str`` subclasses, so they
compare equal to those strings, sort, hash and serialise like them. The test suite checks that
each class lists exactly the core's variants, in the core's order.
"""

from __future__ import annotations

import enum
from typing import Optional, Tuple

from . import _lec

__all__ = [
    "CheckLevel",
    "EraReading",
    "ErrorKind",
    "Grade",
    "IdKind",
    "InstitutionKind",
    "Lang",
    "LaoKind",
    "OwnerClass",
    "Severity",
]


class _StrEnum(str, enum.Enum):
    """A ``str`` enum whose ``str()`` is its value (as ``enum.StrEnum`` of Python 3.11)."""

    def __str__(self) -> str:
        return str(self.value)


class Severity(_StrEnum):
    """How serious a finding is: an ``error`` blocks confirmation of its unit, a ``warning``
    does not, an ``info`` only tells."""

    INFO = "info"
    """ข้อมูลเพื่อทราบ — for information only."""
    WARNING = "warning"
    """คำเตือน — worth a look; does not block confirmation."""
    ERROR = "error"
    """ข้อผิดพลาด — blocks confirmation of the unit."""


class IdKind(_StrEnum):
    """Which kind of identity a ``PersonId`` is."""

    CITIZEN = "citizen"
    """เลขประจำตัวประชาชน — a 13-digit personal ID."""
    GCODE = "gcode"
    """รหัส G — a G-code, for a learner without civil-registration evidence or Thai nationality."""


class CheckLevel(_StrEnum):
    """How a check that the policy tunes reports: as an error, a warning, an info, or not at all."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    OFF = "off"


class Grade(_StrEnum):
    """ระดับชั้น — a grade, valued by its code. ``Grade.parse("ป.6")`` reads Thai labels and codes."""

    CD = "CD"
    """เด็กเล็ก (ศพด.) — a child of a child development centre."""
    K1 = "K1"
    """อนุบาล 1 (อ.1)."""
    K2 = "K2"
    K3 = "K3"
    P1 = "P1"
    """ประถมศึกษาปีที่ 1 (ป.1)."""
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"
    P5 = "P5"
    P6 = "P6"
    M1 = "M1"
    """มัธยมศึกษาปีที่ 1 (ม.1)."""
    M2 = "M2"
    M3 = "M3"
    M4 = "M4"
    M5 = "M5"
    M6 = "M6"
    VC1 = "VC1"
    """ประกาศนียบัตรวิชาชีพ ปีที่ 1 (ปวช.1)."""
    VC2 = "VC2"
    VC3 = "VC3"
    HVC1 = "HVC1"
    """ประกาศนียบัตรวิชาชีพชั้นสูง ปีที่ 1 (ปวส.1)."""
    HVC2 = "HVC2"

    @staticmethod
    def parse(text: str) -> "Grade":
        """Parses a Thai label (``อ.1``, ``ป 6``, ``ม.๓``) or a code (``K1``, ``p6``); raises
        ``InvalidGradeError``."""
        return _lec.parse_grade(text)

    @property
    def label_th(self) -> str:
        """The Thai label: ``ศพด.``, ``อ.1``, ``ป.6``, ``ม.3``, ``ปวช.1``, ``ปวส.2``."""
        return _lec._grade_info(self)[0]

    @property
    def usual_age(self) -> Optional[Tuple[int, int]]:
        """The usual age range in full years on the reference day (16 May), inclusive;
        ``None`` for child development (its bounds are policy values)."""
        return _lec._grade_info(self)[1]


class InstitutionKind(_StrEnum):
    """ประเภทสถานศึกษา — the kind of an institution, valued by its registry token."""

    SCHOOL = "school"
    """โรงเรียน — a school."""
    COLLEGE = "college"
    """วิทยาลัย — a vocational / technology college."""
    CDC = "cdc"
    """ศูนย์พัฒนาเด็กเล็ก (ศพด.) — a child development centre."""

    @property
    def name_th(self) -> str:
        """The Thai name."""
        return _lec._kind_names("InstitutionKind", self)[0]

    @property
    def name_en(self) -> str:
        """The English name."""
        return _lec._kind_names("InstitutionKind", self)[1]


class LaoKind(_StrEnum):
    """ประเภท อปท. — the legal kind of a local administrative organisation, by registry token."""

    PAO = "pao"
    """องค์การบริหารส่วนจังหวัด (อบจ.). Type digit 2."""
    CITY = "city"
    """เทศบาลนคร. Type digit 3."""
    TOWN = "town"
    """เทศบาลเมือง. Type digit 4."""
    SUBDISTRICT = "subdistrict"
    """เทศบาลตำบล. Type digit 5."""
    SAO = "sao"
    """องค์การบริหารส่วนตำบล (อบต.). Type digit 6."""

    @property
    def name_th(self) -> str:
        """The Thai name."""
        return _lec._kind_names("LaoKind", self)[0]

    @property
    def name_en(self) -> str:
        """The English name."""
        return _lec._kind_names("LaoKind", self)[1]


class OwnerClass(_StrEnum):
    """The owner class an institution code's 5th digit names."""

    PAO = "pao"
    """อบจ. (N = 1 or 4)."""
    MUNICIPALITY = "municipality"
    """เทศบาล of any kind (N = 2 or 5)."""
    SAO = "sao"
    """อบต. (N = 3 or 6)."""


class EraReading(_StrEnum):
    """Which era a date's year was written in, and whether that looks like a mistake."""

    AS_EXPECTED = "as_expected"
    """Written in the era the form expects (BE for ``dd/mm/yyyy`` and Thai months, CE for ISO)."""
    CE_WHERE_BE_EXPECTED = "ce_where_be_expected"
    """A ``dd/mm/yyyy`` or Thai-month year that looks CE: read as CE."""
    BE_WHERE_CE_EXPECTED = "be_where_ce_expected"
    """An ISO year that looks BE: read as BE."""


class ErrorKind(_StrEnum):
    """The family of an error: each is one exception class (``InvalidIdError``, …)."""

    INVALID_ID = "invalid_id"
    INVALID_CODE = "invalid_code"
    INVALID_DATE = "invalid_date"
    INVALID_GRADE = "invalid_grade"
    INVALID_CONFIG = "invalid_config"
    FILE = "file"


class Lang(_StrEnum):
    """A language of the messages."""

    TH = "th"
    """ภาษาไทย."""
    EN = "en"
