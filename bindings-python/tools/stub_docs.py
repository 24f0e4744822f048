"""Keeps the docstrings of the hand-written stub ``python/lec/_lec.pyi`` equal to the Rust doc
comments, which PyO3 puts on the native objects at run time.

    python tools/stub_docs.py check   # exit 1 and list every docstring that differs
    python tools/stub_docs.py write   # rewrite the stub's docstrings from the runtime ones

The pytest suite runs ``check``: a doc comment changed in Rust fails the tests until the stub
follows (``write`` does it), so editors and type checkers show the same documentation as
``help()``. Dunder methods are skipped (their runtime docs are Python's generic ones).
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

STUB = Path(__file__).resolve().parent.parent / "python" / "lec" / "_lec.pyi"

Node = ast.AST


def _entries(tree: ast.Module) -> Iterator[Tuple[List[str], Any]]:
    """Every documented definition of the stub: its attribute path and its ast node."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            yield [node.name], node
            if isinstance(node, ast.ClassDef):
                for member in node.body:
                    if isinstance(member, ast.FunctionDef) and not member.name.startswith("__"):
                        yield [node.name, member.name], member


def _runtime_doc(path: List[str]) -> Optional[str]:
    import lec._lec as native

    obj: Any = native
    for name in path:
        obj = inspect.getattr_static(obj, name, None) if isinstance(obj, type) else getattr(obj, name, None)
        if obj is None:
            return None
    if isinstance(obj, (staticmethod, classmethod)):
        obj = obj.__func__
    doc = getattr(obj, "__doc__", None)
    return inspect.cleandoc(doc) if doc else None


def _stub_doc(node: Any) -> Optional[str]:
    doc = ast.get_docstring(node, clean=True)
    return doc


def differences(text: Optional[str] = None) -> List[str]:
    """Every definition whose stub docstring differs from its runtime doc, as messages."""
    tree = ast.parse(STUB.read_text(encoding="utf-8") if text is None else text)
    out = []
    for path, node in _entries(tree):
        want = _runtime_doc(path)
        have = _stub_doc(node)
        if want != have:
            out.append(f"{'.'.join(path)}: stub {have!r} != runtime {want!r}")
    return out


def _docstring_lines(doc: str, indent: str) -> List[str]:
    lines = doc.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').split("\n")
    if len(lines) == 1:
        return [f'{indent}"""{lines[0]}"""']
    body = [f"{indent}{line}" if line else "" for line in lines[1:]]
    return [f'{indent}"""{lines[0]}'] + body + [f'{indent}"""']


def _first_line(node: Any) -> int:
    """The line index where a statement starts (its first decorator, if any)."""
    lines = [int(node.lineno)] + [int(d.lineno) for d in getattr(node, "decorator_list", [])]
    return min(lines) - 1


def write() -> int:
    """Rewrites the stub's docstrings from the runtime docs; returns how many changed."""
    src = STUB.read_text(encoding="utf-8")
    lines = src.split("\n")
    edits = []  # (first line index, last line index inclusive, replacement lines)
    for path, node in _entries(ast.parse(src)):
        want = _runtime_doc(path)
        if want is None or want == _stub_doc(node):
            continue
        indent = " " * (node.col_offset + 4)
        doc_lines = _docstring_lines(want, indent)
        first = node.body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            edits.append((first.lineno - 1, int(first.end_lineno or first.lineno) - 1, doc_lines))
            continue
        line = lines[first.lineno - 1]
        head = line[: first.col_offset].rstrip()
        is_ellipsis = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and first.value.value is Ellipsis
        if is_ellipsis and head.endswith(":"):
            # `def f(...) -> T: ...`: the docstring takes the place of the `...`
            edits.append((first.lineno - 1, first.lineno - 1, [head] + doc_lines))
        else:
            at = _first_line(first)
            edits.append((at, at - 1, doc_lines))
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        lines[start : end + 1] = replacement
    STUB.write_text("\n".join(lines), encoding="utf-8")
    return len(edits)


def main(argv: List[str]) -> int:
    if argv[1:] == ["check"]:
        diffs = differences()
        for d in diffs:
            print(d)
        return 1 if diffs else 0
    if argv[1:] == ["write"]:
        n = write()
        print(f"{n} docstrings written to {STUB}")
        return 0 if not differences() else 1
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
