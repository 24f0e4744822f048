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
    INVALID_LOG = "invalid_log"
    """A workflow event log that does not replay (``InvalidLogError``, ``WF_LOG_BROKEN``)."""


class Lang(_StrEnum):
    """A language of the messages."""

    TH = "th"
    """ภาษาไทย."""
    EN = "en"


class Level(_StrEnum):
    """ระดับ — the level of a workflow actor or unit."""

    DEPARTMENT = "department"
    """กรมส่งเสริมการปกครองท้องถิ่น — the Department of Local Administration."""
    PROVINCE = "province"
    """จังหวัด — a provincial DLA office."""
    LAO = "lao"
    """อปท. — a local administrative organisation."""
    INSTITUTION = "institution"
    """สถานศึกษา — an institution."""


class Action(_StrEnum):
    """What a workflow command does."""

    CONFIRM = "confirm"
    """ยืนยันข้อมูล — confirm an institution, an LAO or a province."""
    CONFIRM_HEADCOUNTS = "confirm_headcounts"
    """An LAO confirms its other-affiliation headcounts (§7.3)."""
    CANCEL = "cancel"
    """ยกเลิกการยืนยัน — the level directly above cancels a confirmation (§8)."""
    CANCEL_HEADCOUNTS = "cancel_headcounts"
    """The province cancels an LAO's headcount confirmation: only under the policy
    ``province_may_cancel_headcounts`` (default off; §4.2(4) has the LAO edit instead)."""
    EDIT = "edit"
    """แก้ไขข้อมูล — an institution's records or an LAO's headcounts changed (an LAO's headcount
    edit withdraws its headcount confirmation and its province's)."""
    WITHDRAW = "withdraw"
    """ถอนการยืนยัน — recorded, never commanded: a province's confirmation withdrawn by an LAO's
    headcount edit."""
    SPOT_CHECK = "spot_check"
    """สุ่มตรวจ — the province records a spot check of one of its institutions (§9.4)."""


class RejectionCode(_StrEnum):
    """Why the workflow rejected a command (``WF_*``, the catalogue in docs/findings.md), in
    precedence order: when several apply, the first wins. A rejected command changes nothing."""

    UNKNOWN_UNIT = "WF_UNKNOWN_UNIT"
    """No such institution / LAO / province in the registry."""
    NOT_OPEN = "WF_NOT_OPEN"
    """Before the round opens."""
    CLOSED = "WF_CLOSED"
    """After the round closes."""
    OUT_OF_ORDER = "WF_OUT_OF_ORDER"
    """A command dated before the last recorded event."""
    FORBIDDEN = "WF_FORBIDDEN"
    """The actor may not do this to this unit (wrong level, or outside its subtree)."""
    UNIT_INACTIVE = "WF_UNIT_INACTIVE"
    """A unit the registry marks as taking no part this round confirms."""
    NOTHING_TO_CONFIRM = "WF_NOTHING_TO_CONFIRM"
    """An LAO with no active other-affiliation school in the registry confirms headcounts."""
    CHECK_MISSING = "WF_CHECK_MISSING"
    """A ``spot_check`` command without its check (seed and result)."""
    DEADLINE_PASSED = "WF_DEADLINE_PASSED"
    """An institution or LAO confirms after its level's deadline."""
    ALREADY_CONFIRMED = "WF_ALREADY_CONFIRMED"
    """Confirming what is confirmed."""
    NOT_CONFIRMED = "WF_NOT_CONFIRMED"
    """Cancelling what is not confirmed."""
    LOCKED = "WF_LOCKED"
    """Editing the records of a confirmed institution."""
    PARENT_CONFIRMED = "WF_PARENT_CONFIRMED"
    """Cancelling an institution while its LAO is confirmed, or an LAO while its province is."""
    CHILDREN_PENDING = "WF_CHILDREN_PENDING"
    """An LAO with an unconfirmed institution, or a province with an unconfirmed LAO, confirms."""
    EMPTY = "WF_EMPTY"
    """An institution with no counted records confirms."""
    HAS_ERRORS = "WF_HAS_ERRORS"
    """A unit whose data still has ``error`` findings confirms."""


class ReplayProblem(_StrEnum):
    """What is wrong with a broken event log (``InvalidLogError.problem``)."""

    UNREADABLE = "unreadable"
    """A line that is not an event (a truncated or corrupted line)."""
    SEQUENCE = "sequence"
    """The sequence number is not the next one (an event removed or reordered)."""
    BROKEN_CHAIN = "broken_chain"
    """``prev_hash`` is not the previous event's hash (an event removed, reordered or inserted)."""
    TAMPERED = "tampered"
    """The event's content does not match its hash (a changed byte)."""
    ILLEGAL = "illegal"
    """The event is intact but the rules would not have accepted it (forged with a rebuilt chain)."""


class Per(_StrEnum):
    """Whether a budget item's rate is per pupil per day or per pupil per year."""

    DAY = "day"
    """Per pupil per day (times the item's days)."""
    YEAR = "year"
    """Per pupil per year."""


class DuplicateResolution(_StrEnum):
    """What the budget does with a person recorded at two or more institutions."""

    UNRESOLVED = "unresolved"
    """Counted nowhere, listed as unresolved (no data says which record is right)."""
    FIRST_SEEN = "first_seen"
    """Counted at the institution of the first record in input order."""
    LOWEST_INSTITUTION_CODE = "lowest_institution_code"
    """Counted at the institution with the lowest code."""


class ConfirmationRequired(_StrEnum):
    """Whose confirmation a record needs to count for the budget (when a round is given)."""

    NONE = "none"
    """Not checked."""
    INSTITUTION = "institution"
    """The institution's (the LAO's headcount confirmation for other-affiliation schools)."""
    LAO = "lao"
    """The institution's and its LAO's."""
    PROVINCE = "province"
    """The institution's, its LAO's and its province's."""
