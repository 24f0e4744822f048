"""Personal IDs: the PersonId object, check_id, and the batch path over every kind of column."""

from __future__ import annotations

import copy
import pickle
from typing import Any, Iterator, List

import pytest

import lec

VALID = "1234545678781"
VALUES = [VALID, "1-2345-45678-78-2", "", "g6442-00000001", "๑๒๓๔๕๔๕๖๗๘๗๘๑", "abc"]
EXPECTED = [None, "ID_CHECKSUM", "ID_EMPTY", None, None, "ID_FORMAT"]


def test_person_id_accessors() -> None:
    p = lec.parse_id(" 1-2345-45678-78-1 ")
    assert p.kind is lec.IdKind.CITIZEN
    assert (p.normalized, p.masked, p.category, p.province_code, p.gcode_year) == (
        VALID,
        "1-2345-xxxxx-xx-1",
        1,
        "23",
        None,
    )
    g = lec.PersonId("g6442-00000001")
    assert g.kind is lec.IdKind.GCODE
    assert (g.normalized, g.masked, g.category, g.province_code, g.gcode_year) == (
        "G644200000001",
        "G-64-42-xxxxxxx1",
        None,
        "42",
        2564,
    )


def test_person_id_is_masked_in_repr_and_str() -> None:
    p = lec.parse_id(VALID)
    assert repr(p) == "PersonId(1-2345-xxxxx-xx-1)" and str(p) == "1-2345-xxxxx-xx-1"
    assert VALID not in repr(p) + str(p) + repr([p]) + f"{p}"


def test_person_id_equality_hash_and_pickling() -> None:
    a, b = lec.parse_id(VALID), lec.PersonId("1 2345 45678 78 1")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != lec.parse_id("3100600445635") and a != VALID
    for other in (pickle.loads(pickle.dumps(a)), copy.copy(a), copy.deepcopy(a)):
        assert other == a and type(other) is lec.PersonId
    with pytest.raises(AttributeError):
        a.normalized = "x"  # type: ignore[misc]


def test_mask_id_masks_invalid_input_too() -> None:
    assert lec.mask_id(VALID) == "1-2345-xxxxx-xx-1"
    assert lec.mask_id("1234545678782") == "1-2345-xxxxx-xx-2"
    assert lec.mask_id("123454567878") == "12345xxxxxx8"
    assert lec.mask_id("g6442-00000001") == "G-64-42-xxxxxxx1"


def test_check_id_reports_warnings_and_honours_the_policy_and_masking() -> None:
    c = lec.check_id("๑๒๓๔๕๔๕๖๗๘๗๘๑")
    assert c.valid and c.error_code is None and c.id == lec.parse_id(VALID)
    assert [f.code for f in c.findings] == ["ID_THAI_DIGITS"]
    assert c.findings[0].value == "1-2345-xxxxx-xx-1"
    assert lec.check_id("๑๒๓๔๕๔๕๖๗๘๗๘๑", unmask=True).findings[0].value == VALID
    nine = "9580100012344"
    assert lec.check_id(nine).valid
    strict = lec.Policy(reserved_category_9="error")
    c9 = lec.check_id(nine, policy=strict)
    assert not c9.valid and c9.error_code == "ID_RESERVED_CATEGORY"
    assert "valid=False" in repr(c9) and nine not in repr(c9)


def test_gcode_year_range_follows_the_academic_year() -> None:
    assert [f.code for f in lec.check_id("G684200000001", year=2567).findings] == ["GCODE_YEAR"]
    assert lec.check_id("G684200000001", year=2568).findings == []


def test_a_long_column_split_over_threads_keeps_its_order() -> None:
    # long enough to be split over the cores; each position must get its own verdict back
    values = VALUES * 50_000
    assert lec.validate_ids(values) == EXPECTED * 50_000
    shifted = values[1:] + values[:1]
    assert lec.validate_ids(shifted) == (EXPECTED * 50_000)[1:] + EXPECTED[:1]


def test_a_column_longer_than_one_batch_agrees_with_check_id_cell_by_cell() -> None:
    # the column is read in batches of 131,072 cells; strings, blanks, numbers and a string with
    # a lone surrogate on every side of the batch edges must each get check_id's verdict
    cells: List[Any] = [VALID, None, 1234545678781, 234545678781, float("nan"), "12\ud800", "1-2345-45678-78-2", "abc"]
    column = [cells[(i * 7) % len(cells)] for i in range(300_007)]
    one = {repr(c): lec.check_id("" if c is None or c != c else str(c)).error_code for c in cells}
    expected = [one[repr(c)] for c in column]
    assert lec.validate_ids(column) == expected
    assert lec.validate_ids(tuple(column)) == expected
    assert lec.validate_ids(iter(column)) == expected


def test_a_lone_surrogate_is_a_finding_not_a_unicode_error() -> None:
    # what a broken decode leaves in a string: read as U+FFFD, as in a column
    assert lec.check_id("1101400123451\ud800").error_code == "ID_FORMAT"
    with pytest.raises(lec.InvalidIdError) as e:
        lec.parse_id("\udc80")
    assert e.value.code == "ID_FORMAT"
    masked = lec.mask_id("11014\ud80000123451")
    assert masked.startswith("11014\ufffd") and masked.endswith("xxxxxxx1"), masked
    with pytest.raises(lec.InvalidGradeError):
        lec.parse_grade("ป.\ud800")
    with pytest.raises(lec.InvalidCodeError):
        lec.parse_lao_code("0658\ud800")
    with pytest.raises(lec.InvalidDateError):
        lec.parse_date("16/05/\ud800")


def test_validate_ids_on_lists_tuples_and_iterables() -> None:
    assert lec.validate_ids(VALUES) == EXPECTED
    assert lec.validate_ids(tuple(VALUES)) == EXPECTED

    def gen() -> Iterator[str]:
        yield from VALUES

    assert lec.validate_ids(gen()) == EXPECTED
    assert lec.validate_ids([]) == []


def test_validate_ids_reads_blanks_and_numbers_as_a_spreadsheet_would() -> None:
    nan = float("nan")
    # an ID column read as numbers: the leading zero is gone, or Excel turned it into a float
    values: List[Any] = [None, nan, 1234545678781, 580100012341, 123454567878, 1.11203e12, 1234545678781.0]
    assert lec.validate_ids(values) == [
        "ID_EMPTY",
        "ID_EMPTY",
        None,
        "ID_LEADING_ZERO_LOST",
        "ID_FORMAT",
        "ID_EXCEL_MANGLED",
        "ID_EXCEL_MANGLED",
    ]


def test_validate_ids_refuses_a_single_string_and_a_whole_table() -> None:
    with pytest.raises(TypeError, match="not one string"):
        lec.validate_ids(VALID)
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="one column"):
        lec.validate_ids(pd.DataFrame({"person_id": VALUES}))


def test_validate_ids_policy_changes_the_verdict() -> None:
    nine = "9580100012344"
    assert lec.validate_ids([nine]) == [None]
    assert lec.validate_ids([nine], policy=lec.Policy(reserved_category_9="error")) == ["ID_RESERVED_CATEGORY"]


def test_validate_ids_takes_a_pandas_series_with_missing_values() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(VALUES + [None], dtype="string")  # pandas' own NA for the blank
    assert s.isna().iloc[-1]
    assert lec.validate_ids(s) == EXPECTED + ["ID_EMPTY"]
    assert lec.validate_ids(pd.Series(VALUES, dtype=object)) == EXPECTED
    assert lec.validate_ids(pd.Series(VALUES, dtype="string[pyarrow]")) == EXPECTED


def test_validate_ids_takes_a_pandas_column_read_as_numbers() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series([1234545678781, 580100012341], dtype="int64")
    assert lec.validate_ids(s) == [None, "ID_LEADING_ZERO_LOST"]
    with_blank = pd.Series([1234545678781.0, None])
    assert lec.validate_ids(with_blank) == ["ID_EXCEL_MANGLED", "ID_EMPTY"]


def test_validate_ids_takes_pyarrow_arrays() -> None:
    pa = pytest.importorskip("pyarrow")
    assert lec.validate_ids(pa.array(VALUES + [None])) == EXPECTED + ["ID_EMPTY"]
    assert lec.validate_ids(pa.chunked_array([VALUES[:3], VALUES[3:]])) == EXPECTED
    assert lec.validate_ids(pa.array(VALUES, type=pa.large_string())) == EXPECTED


def test_validate_ids_takes_a_polars_series() -> None:
    pl = pytest.importorskip("polars")
    assert lec.validate_ids(pl.Series("person_id", VALUES + [None])) == EXPECTED + ["ID_EMPTY"]


def test_validate_ids_takes_a_numpy_array() -> None:
    np = pytest.importorskip("numpy")
    assert lec.validate_ids(np.array(VALUES)) == EXPECTED


def test_validate_ids_returns_shared_code_strings() -> None:
    out = lec.validate_ids(["12345", "67890"])
    assert out == ["ID_FORMAT", "ID_FORMAT"] and out[0] is out[1]


AWKWARD = [
    "๑๑๐๑๔๐๐๑๒๓๔๕๑",  # Thai digits
    "１１０１４００１２３４５１",  # full-width digits
    "1-1014-00123-45-1",
    " 1101400123451\r\n",
    "\ufeff1101400123451",  # a BOM
    "",
    "   ",
    "1101400123452",
    "g6442-00000001",
    "G684200000001",
    "1.10140E+12",
    "110140012345",
    "9580100012344",
    "1101400123451\ud800",  # a lone surrogate
    "\U0001d7cf101400123451",  # beyond the BMP
]


def test_id_error_agrees_with_check_id_on_every_vector_and_awkward_input() -> None:
    from conftest import load_vectors

    IDS = load_vectors("ids.json")

    year = IDS["academic_year"]
    for v in IDS["vectors"]:
        assert lec.id_error(v["input"], year=year) == (None if v["valid"] else v["codes"][0]), v["input"]
    for text in [v["input"] for v in IDS["vectors"]] + AWKWARD:
        assert lec.id_error(text, year=year) == lec.check_id(text, year=year).error_code, repr(text)
        assert lec.id_error(text) == lec.check_id(text).error_code, repr(text)
    strict = lec.Policy(reserved_category_9="error")
    for text in AWKWARD:
        assert lec.id_error(text, policy=strict) == lec.check_id(text, policy=strict).error_code, repr(text)
    assert lec.id_error("9580100012344", policy=strict) == "ID_RESERVED_CATEGORY"
    assert lec.id_error("G684200000001", year=2567) is None  # a warning, not an error
    # the same shared code strings the batch returns
    assert lec.id_error("1101400123452") is lec.validate_ids(["1101400123452"])[0]
    with pytest.raises(TypeError):
        lec.id_error(1101400123451)  # type: ignore[arg-type]
