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


def test_every_public_member_of_the_native_classes_is_documented() -> None:
    import inspect

    missing = []
    for name in lec._lec.__all__:
        cls = getattr(lec._lec, name)
        if not isinstance(cls, type) or issubclass(cls, BaseException):
            continue
        for member, value in vars(cls).items():
            if member.startswith("_"):
                continue
            if not (getattr(value, "__doc__", None) or "").strip():
                missing.append(f"{name}.{member}")
        assert inspect.getdoc(cls), name
    assert missing == []


def test_the_stub_lists_every_native_name() -> None:
    import ast

    tree = ast.parse(stub_docs.STUB.read_text(encoding="utf-8"))
    declared = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    declared |= {t.id for n in tree.body if isinstance(n, ast.AnnAssign) for t in [n.target] if isinstance(t, ast.Name)}
    assert set(lec._lec.__all__) <= declared
