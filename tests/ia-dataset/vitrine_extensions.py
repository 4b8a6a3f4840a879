"""A small reference implementation of Vitrine's `vitrine:*` cell checks.

Frictionless ignores the `vitrine:*` keys of a Table Schema. This module
checks them on raw cell text, following docs/schema-extensions.md, so that
the expected errors of data/projets-avec-erreurs.csv that frictionless cannot
express are still checked against an independent implementation.

Rules shared with vitrine-core:
- a cell that already has a standard (frictionless) error is not checked
  again for `vitrine:*` keys: one mistake, one message;
- empty cells are only checked by `vitrine:requiredWhen`;
- every error is a `constraint-error` whose note is the key, e.g.
  `vitrine:siret`.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def siret_ok(value: str) -> bool:
    if not re.fullmatch(r"\d{14}", value):
        return False
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_SIREN + "00048":
        return sum(int(c) for c in value) % 5 == 0
    return luhn_ok(value)


def safe_url_ok(value: str, mode) -> bool:
    parts = urlsplit(value)
    if parts.scheme:
        return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    if mode == "allow-relative":
        # A relative reference: no scheme, no authority, no control characters.
        return not value.startswith("//") and not re.search(r"[\s\x00-\x1f]", value)
    return False


def date_formats_ok(value: str, formats) -> bool:
    for fmt in formats:
        try:
            datetime.strptime(value, fmt)
            return True
        except ValueError:
            continue
    return False


def item_errors(items, constraints) -> bool:
    """True when one of the list items breaks `vitrine:itemConstraints`."""
    for item in items:
        if "enum" in constraints and item not in constraints["enum"]:
            return True
        if "pattern" in constraints and not re.fullmatch(constraints["pattern"], item):
            return True
        if "minLength" in constraints and len(item) < constraints["minLength"]:
            return True
        if "maxLength" in constraints and len(item) > constraints["maxLength"]:
            return True
    return False


def check_row(schema: dict, row_number: int, cells: list, skip: set, missing_values=("",)):
    """Vitrine-only errors of one data row, in the report shape.

    `cells` are the raw texts of the row; `skip` holds the field names whose
    cell already has a standard error.
    """
    fields = schema["fields"]
    by_name = {f["name"]: i for i, f in enumerate(fields)}
    errors = []

    def cell(i):
        return cells[i] if i < len(cells) else None

    def error(i, key):
        errors.append(
            {
                "type": "constraint-error",
                "rowNumber": row_number,
                "fieldNumber": i + 1,
                "fieldName": fields[i]["name"],
                "note": key,
            }
        )

    for i, field in enumerate(fields):
        if field["name"] in skip:
            continue
        text = cell(i)
        if text is None:
            continue
        if text in missing_values:
            rule = field.get("vitrine:requiredWhen")
            if rule:
                other = cell(by_name[rule["field"]])
                if other in rule["in"]:
                    error(i, "vitrine:requiredWhen")
            continue
        if field.get("vitrine:siret") and not siret_ok(text):
            error(i, "vitrine:siret")
        elif "vitrine:safeUrl" in field and not safe_url_ok(text, field["vitrine:safeUrl"]):
            error(i, "vitrine:safeUrl")
        elif "vitrine:dateFormats" in field and not date_formats_ok(text, field["vitrine:dateFormats"]):
            error(i, "vitrine:dateFormats")
        elif "vitrine:itemConstraints" in field and field["type"] == "list":
            items = text.split(field.get("delimiter", ","))
            if item_errors(items, field["vitrine:itemConstraints"]):
                error(i, "vitrine:itemConstraints")
    return errors
