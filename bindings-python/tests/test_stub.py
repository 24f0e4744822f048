"""The hand-written stub documents what the native module does (stubtest checks the shapes)."""

from __future__ import annotations

import sys
from pathlib import Path

import lec

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

import stub_docs  # noqa: E402


def test_stub_docstrings_are_the_rust_doc_comments() -> None:
    assert stub_docs.differences() == []


def test_every_public_name_is_documented() -> None:
    for name in lec.__all__:
        obj = getattr(lec, name)
        if name == "__version__":
            assert obj == lec._lec.__version__ and obj.count(".") == 2
            continue
        assert obj.__doc__ and obj.__doc__.strip(), name
    assert lec.__doc__ and lec._lec.__doc__


def test_the_package_docstring_examples_run() -> None:
    import doctest

    result = doctest.testmod(lec, verbose=False)
    assert result.attempted >= 3 and result.failed == 0
