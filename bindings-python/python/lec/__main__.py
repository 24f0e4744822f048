"""``python -m lec`` — the ``lec`` command for teams without the Rust binary.

The same subcommands, options, output (table, JSON, CSV) and exit codes as the ``lec`` binary:
``validate`` exits 0 when there is no ``error`` finding, 1 when there are errors, 2 on usage
errors or unreadable input; ``id`` exits 0 when every ID is valid, 1 otherwise. Every verdict
comes from the Rust core; this module only parses arguments and prints.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any, Dict, List, Optional, Sequence, TextIO

from . import (
    Finding,
    LecError,
    Policy,
    Registry,
    Report,
    check_id,
    parse_date,
    validate_files,
)

_CSV_COLUMNS = ["code", "severity", "file", "row", "column", "value", "message_th", "message_en"]


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


def _findings_csv(out: TextIO, findings: List[Finding]) -> None:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(_CSV_COLUMNS)
    for f in findings:
        w.writerow(
            [
                f.code,
                f.severity.value,
                f.file or "",
                "" if f.row is None else str(f.row),
                f.column or "",
                f.value or "",
                f.message_th,
                f.message_en,
            ]
        )


def _findings_table(out: TextIO, report: Report, lang: str) -> None:
    for f in report.registry_findings + report.findings:
        if f.file is not None and f.row is not None:
            place = f"{f.file}:{f.row}"
        elif f.file is not None:
            place = f.file
        else:
            place = ""
        out.write(f"{place:<28} {f.column or '-':<16} {f.severity.value:<8} {f.code:<28} {f.message(lang)}\n")
    doc = report.to_dict()  # the JSON document: newer report fields without new Python classes
    for file in doc["files"]:
        if "format" in file:
            fmt, encoding, header = file.get("format"), file.get("encoding"), file.get("header_row")
            if fmt is None:
                read_as = "unread"
            else:
                read_as = fmt if encoding is None else f"{fmt}, encoding {encoding}"
            at = "" if header is None else f", header at row {header}"
            out.write(f"file {file['path']}: {file['rows']} rows, {file['blank_rows']} blank, {read_as}{at}\n")
        else:
            out.write(f"file {file['path']}: {file['rows']} rows, encoding {file.get('encoding') or 'unread'}\n")
    if doc.get("by_code"):
        out.write("by code: " + ", ".join(f"{c['code']} {c['count']}" for c in doc["by_code"]) + "\n")
    omitted = doc["summary"].get("findings_omitted", 0)
    if omitted:
        out.write(f"listed: {len(report.findings)} findings; {omitted} more counted but not listed\n")
    s = report.summary
    out.write(
        f"summary: {s.rows} rows = {s.records_counted} counted + {s.records_with_errors} with errors + "
        f"{s.records_removed} removed; {s.errors} errors, {s.warnings} warnings, {s.infos} infos\n"
    )


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
        _findings_csv(out, report.registry_findings + report.findings)
    else:
        _findings_table(out, report, args.lang)
    if any(f.code == "FILE_UNREADABLE" for f in report.findings):
        return 2
    return 1 if report.has_errors else 0


def _id(args: argparse.Namespace, out: TextIO) -> int:
    if args.format == "csv":
        raise _Fatal("`lec id` prints table or json, not `csv`")
    policy = _load_policy(args.policy)
    explained: List[Dict[str, Any]] = []
    for text in args.ids:
        check = check_id(text, policy=policy, year=args.year, unmask=args.unmask)
        pid = check.id
        explained.append(
            {
                "input": text,
                "valid": check.valid,
                "kind": None if pid is None else pid.kind.value,
                "normalized": None if pid is None else pid.normalized,
                "masked": None if pid is None else pid.masked,
                "category": None if pid is None else pid.category,
                "province_code": None if pid is None else pid.province_code,
                "gcode_year": None if pid is None else pid.gcode_year,
                "findings": check.findings,
            }
        )
    if args.format == "json":
        doc = [{**e, "findings": [f.to_dict() for f in e["findings"]]} for e in explained]
        out.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        for e in explained:
            verdict = "valid" if e["valid"] else "invalid"
            line = f"{e['input']}: {verdict}, {e['kind'] or 'unknown kind'}"
            if e["masked"] is not None:
                line += f", {e['masked']}"
            if e["category"] is not None:
                line += f", category {e['category']}"
            if e["gcode_year"] is not None:
                line += f", year {e['gcode_year']}"
            out.write(line + "\n")
            for f in e["findings"]:
                out.write(f"  {f.severity.value} {f.code}: {f.message(args.lang)}\n")
    return 0 if all(e["valid"] for e in explained) else 1


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
