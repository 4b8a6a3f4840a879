"""Print frictionless-py's validation errors for DATA against SCHEMA as JSON.

Usage: python3 frictionless_errors.py SCHEMA DATA [SCHEMA DATA ...]

Output: one JSON list with, per pair, {"errors": [{"type", "rowNumber",
"fieldNumber", "fieldName", "note"}]}. One process for all pairs, because
starting Python and frictionless takes about a second.
"""

import json
import os
import sys

import frictionless


def errors_of(schema_path: str, data_path: str) -> dict:
    here = os.getcwd()
    schema_path = os.path.abspath(schema_path)
    data_path = os.path.abspath(data_path)
    with open(schema_path, encoding="utf-8") as f:
        descriptor = json.load(f)
    # frictionless refuses absolute paths unless trusted: read relative to the file.
    os.chdir(os.path.dirname(os.path.abspath(data_path)))
    resource = frictionless.Resource(
        os.path.basename(data_path), schema=frictionless.Schema.from_descriptor(descriptor)
    )
    report = frictionless.validate(resource)
    errors = []
    for task in report.tasks:
        for e in task.errors:
            errors.append(
                {
                    "type": e.type,
                    "rowNumber": getattr(e, "row_number", None),
                    "fieldNumber": getattr(e, "field_number", None),
                    "fieldName": getattr(e, "field_name", None),
                    "note": e.note,
                }
            )
    for e in report.errors:
        errors.append({"type": e.type, "rowNumber": None, "fieldNumber": None, "fieldName": None, "note": e.note})
    os.chdir(here)
    return {"errors": errors}


def main() -> int:
    args = sys.argv[1:]
    results = [errors_of(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]
    print(json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
