"""``python -m lec`` — the ``lec`` command for teams without the Rust binary.

The same subcommands, options, output (table, JSON, CSV) and exit codes as the ``lec`` binary,
printed by the same code (the core's renderers: ``Report.to_table``, ``Report.to_csv``):
``validate`` exits 0 when there is no ``error`` finding, 1 when there are errors, 2 on usage
errors or unreadable input; ``id`` exits 0 when every ID is valid, 1 otherwise. Every verdict
and every line printed comes from the Rust core; this module only parses arguments.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence, TextIO

from . import (
    LecError,
    Policy,
    Registry,
    parse_date,
    validate_files,
)
from ._lec import _explain_ids

class _Fatal(Exception):
    """Ends the run with exit code 2 and a message on stderr."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lec",
        description="The rules of Thailand's Local Education Center information system (LEC).",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--year", type=int, default=2567, help="the academic year, BE (default 2567)")
        p.add_argument("--policy", help="a policy file (JSON or TOML) overriding the documented defaults")
        p.add_argument("--unmask", action="store_true", help="show personal IDs unmasked in findings")
        p.add_argument("--lang", choices=["en", "th"], default="en", help="the language of messages in table output")

    v = sub.add_parser(
        "validate",
        help="validate student-record CSV files and print every finding",
        description="Validate student-record CSV files (UTF-8, with or without BOM, or Windows-874) and print "
        "every finding. Exit 0: no error; 1: errors found; 2: usage or unreadable input.",
    )
    v.add_argument("files", nargs="+", help="student files (CSV)")
    v.add_argument("--registry", help="the registry of units (CSV level,code,name,parent,kind)")
    v.add_argument("--format", choices=["table", "json", "csv"], default="table")
    v.add_argument("--as-of", dest="as_of", help="the data's reference date, e.g. 10/11/2567 or 2024-11-10")
    common(v)

    i = sub.add_parser(
        "id",
        help="explain personal IDs and G-codes",
        description="Explain personal IDs and G-codes. Exit 0 when every ID is valid, 1 otherwise.",
    )
    i.add_argument("ids", nargs="+", help="personal IDs or G-codes")
    i.add_argument("--format", choices=["table", "json", "csv"], default="table")
    common(i)
    return parser


def _load_policy(path: Optional[str]) -> Optional[Policy]:
    if path is None:
        return None
    try:
        return Policy.from_file(path)
    except LecError as e:
        raise _Fatal(f"policy file `{path}`: {e.message_en}") from e


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    policy = _load_policy(args.policy)
    registry = None
    if args.registry is not None:
        try:
            registry = Registry.from_file(args.registry)
        except LecError as e:
            raise _Fatal(f"registry `{args.registry}`: {e.message_en}") from e
    as_of = None
    if args.as_of is not None:
        try:
            as_of = parse_date(args.as_of).date
        except LecError as e:
            raise _Fatal(f"`{args.as_of}` is not a date for --as-of") from e
    report = validate_files(
        args.files,
        registry=registry,
        year=args.year,
        policy=policy,
        unmask=args.unmask,
        as_of=as_of,
        unreadable="report",
    )
    if args.format == "json":
        out.write(report.to_json() + "\n")
    elif args.format == "csv":
        out.write(report.to_csv())
    else:
        out.write(report.to_table(args.lang))
    if any(f.code == "FILE_UNREADABLE" for f in report.findings):
        return 2
    return 1 if report.has_errors else 0


def _id(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "csv":
        raise _Fatal("`lec id` prints table or json, not `csv`")
    policy = _load_policy(args.policy)
    text, valid = _explain_ids(
        list(args.ids), policy=policy, year=args.year, unmask=args.unmask, format=args.format, lang=args.lang
    )
    out.write(text if args.format != "json" else text + "\n")
    return 0 if valid else 1


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """Runs the command with ``argv`` (default: the process's arguments); returns the exit code."""
    args = _parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    try:
        if args.command == "validate":
            return _validate(args, stream)
        return _id(args, stream)
    except _Fatal as e:
        print(f"lec: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
