"""frictionless with lec's schema (schema.json) plus a row check of the personal ID's check digit
by python-stdnum: the closest a general validator comes to `lec validate`. Prints one JSON line:
rows, errors, seconds. Used by `cargo xtask bench files`."""
import json
import sys
import time

import stdnum.th.pin
from frictionless import Check, Checklist, Resource, Schema, errors


class ThaiPersonalId(Check):
    """The 13-digit check digit of `person_id`, as python-stdnum computes it."""

    type = "thai-personal-id"
    Errors = [errors.RowError]

    def validate_row(self, row):
        value = row["person_id"]
        if value is not None and not stdnum.th.pin.is_valid(value):
            yield errors.RowError.from_row(row, note="the check digit of the personal ID is wrong")


def main(path, schema):
    start = time.perf_counter()
    with open(schema, encoding="utf-8") as f:
        descriptor = json.load(f)
    # frictionless reads only paths under the working directory: run this from the data's
    resource = Resource(path, schema=Schema.from_descriptor(descriptor))
    report = resource.validate(Checklist(checks=[ThaiPersonalId()]), limit_errors=10**9)
    seconds = time.perf_counter() - start
    task = report.tasks[0]
    if task.errors and task.errors[0].type == "resource-error":
        sys.exit(f"frictionless could not read {path}: {task.errors[0].message}")
    print(json.dumps({"rows": task.stats.get("rows"), "errors": task.stats["errors"], "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
