#!/usr/bin/env python3
"""Checks the IA library schema and datasets with frictionless-py.

- the schema is a valid Table Schema with the 36 fields of the data model
  plus `id`, and the agreed public/restricted split;
- data/projets.csv has no error, for frictionless and for the `vitrine:*`
  checks of vitrine_extensions.py; data/projets.json holds the same rows;
- data/datapackage.json is a valid data package whose resources validate;
- on data/projets-avec-erreurs.csv, frictionless reports exactly the expected
  errors it can express, and vitrine_extensions.py exactly the others
  (listed as Vitrine-only extensions).

Exits 1 on any disagreement, and 0 with a SKIP line when Python 3.8+ or the
`frictionless` package is missing.

Usage: python3 tests/ia-dataset/check_frictionless.py [REPO_ROOT]
       python3 tests/ia-dataset/check_frictionless.py --report FILE.csv
         (prints FILE's errors in Vitrine's report shape, one JSON object a line)
"""

from __future__ import annotations

import csv
import json
import os
import sys

if sys.version_info < (3, 8):
    print("SKIP ia-dataset: Python 3.8 or later is needed")
    sys.exit(0)

try:
    import frictionless
    from frictionless import Package, Resource, Schema, system
except ImportError:
    print("SKIP ia-dataset: the Python package `frictionless` is not installed (pip install frictionless)")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from vitrine_extensions import check_row  # noqa: E402

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) == 2 else os.path.join(HERE, "..", ".."))
SCHEMA = os.path.join("schema", "bibliotheque-ia.schema.json")
DATA = "data"

# The data model's fields, in its order, and its public/restricted lists.
MODEL_FIELDS = """coll_nom nom_projet coll_siret coll_type projet_date projet_status status_abandon
partenaires projet_contact financement budget usage_description mise_en_oeuvre theme sous_theme
audience_service herbergement nom_algorithme algorithme_description algorithme_operations
type_algorithme impact_environnement donnees_source donnees_acces risque risque_categorie
proportionalite decision erreur explicabilite reversibilite objection url_infos url_ressources
image_url date""".split()
PUBLIC = """coll_nom nom_projet coll_siret coll_type projet_date projet_status status_abandon
partenaires usage_description mise_en_oeuvre theme sous_theme audience_service url_infos
image_url date""".split()
RESTRICTED = """projet_contact financement budget herbergement nom_algorithme algorithme_description
algorithme_operations type_algorithme impact_environnement donnees_source donnees_acces
url_ressources""".split()
RISK_AND_EVALUATION = """risque risque_categorie proportionalite decision erreur explicabilite
reversibilite objection""".split()

failures: list[str] = []


def fail(message: str) -> None:
    failures.append(message)
    print("FAIL", message)


def ok(message: str) -> None:
    print("ok  ", message)


def key(error: dict) -> tuple:
    return (error["type"], error["rowNumber"], error["fieldNumber"], error["fieldName"], error["note"])


def frictionless_errors(report) -> list[dict]:
    """Frictionless errors in Vitrine's report shape (note = constraint or type)."""
    out = []
    for task in report.tasks:
        for e in task.errors:
            d = e.to_descriptor()
            note = d.get("note", "")
            if d["type"] == "constraint-error":
                note = note.split('"')[1]  # 'constraint "enum" is "…"' -> enum
            elif d["type"] == "type-error":
                note = note.split('"')[1]  # 'type is "date/%d/%m/%Y"' -> date/%d/%m/%Y
            else:
                note = ""
            out.append(
                {
                    "type": d["type"],
                    "rowNumber": d.get("rowNumber"),
                    "fieldNumber": d.get("fieldNumber") if d["type"] != "primary-key" else None,
                    "fieldName": d.get("fieldName") or None,
                    "note": note,
                }
            )
    return out


def vitrine_errors(schema: dict, path: str, standard: list[dict]) -> list[dict]:
    """The `vitrine:*` errors of a CSV file, skipping cells frictionless already reported."""
    skip: dict[int, set] = {}
    for e in standard:
        if e["fieldName"]:
            skip.setdefault(e["rowNumber"], set()).add(e["fieldName"])
    out = []
    with open(path, newline="", encoding="utf-8") as f:
        for n, cells in enumerate(csv.reader(f), start=1):
            if n == 1:
                continue
            out.extend(check_row(schema, n, cells, skip.get(n, set()), schema.get("missingValues", [""])))
    return out


def check_schema() -> dict:
    with open(SCHEMA, encoding="utf-8") as f:
        descriptor = json.load(f)
    report = frictionless.validate(SCHEMA, type="schema")
    if report.valid:
        ok("frictionless accepts schema/bibliotheque-ia.schema.json")
    else:
        fail(f"frictionless rejects the schema: {report.flatten(['type', 'note'])}")
    Schema.from_descriptor(SCHEMA)
    names = [f["name"] for f in descriptor["fields"]]
    if names != ["id"] + MODEL_FIELDS:
        fail(f"field names differ from the data model: {names}")
    else:
        ok("37 fields: id + the 36 fields of the data model, in its order")
    if descriptor.get("primaryKey") != ["id"]:
        fail("primaryKey must be ['id']")
    visibility = {f["name"]: f.get("vitrine:visibility", "public") for f in descriptor["fields"]}
    expected = {n: "public" for n in PUBLIC + RISK_AND_EVALUATION + ["id"]}
    expected.update({n: "restricted" for n in RESTRICTED})
    if visibility != expected:
        diff = {n: v for n, v in visibility.items() if expected.get(n) != v}
        fail(f"visibility differs from the reference: {diff}")
    else:
        ok("16 public + 8 risk/evaluation public + id; 12 restricted")
    categories = [c["name"] for c in descriptor["vitrine:categories"]]
    for field in descriptor["fields"]:
        if field.get("vitrine:category") not in categories:
            fail(f"{field['name']}: unknown vitrine:category")
    return descriptor


def check_valid_dataset(descriptor: dict) -> None:
    path = os.path.join(DATA, "projets.csv")
    report = frictionless.validate(Resource(path=path, schema=Schema.from_descriptor(SCHEMA)))
    standard = frictionless_errors(report)
    extra = vitrine_errors(descriptor, path, standard)
    if standard or extra:
        fail(f"data/projets.csv has errors: {standard + extra}")
    else:
        rows = report.tasks[0].stats["rows"]
        ok(f"data/projets.csv: {rows} rows, no frictionless error, no vitrine:* error")

    # Relative logos exist next to the data and are well-formed SVG.
    import xml.etree.ElementTree as ElementTree

    with open(path, newline="", encoding="utf-8") as f:
        logos = {row["image_url"] for row in csv.DictReader(f) if "://" not in row["image_url"]}
    for logo in sorted(logos):
        try:
            root = ElementTree.parse(os.path.join(DATA, logo)).getroot()
            if not root.tag.endswith("svg"):
                fail(f"{logo} is not an SVG image")
        except (OSError, ElementTree.ParseError) as e:
            fail(f"logo {logo}: {e}")
    ok(f"{len(logos)} logos referenced by data/projets.csv exist under data/ and are SVG")

    # projets.json holds the same rows: the same cell texts (list fields as
    # the same `|`-delimited strings), empty cells as null.
    with open(path, newline="", encoding="utf-8") as f:
        from_csv = [{n: (None if v == "" else v) for n, v in row.items()} for row in csv.DictReader(f)]
    with open(os.path.join(DATA, "projets.json"), encoding="utf-8") as f:
        from_json = json.load(f)
    if from_json != from_csv:
        fail("data/projets.json does not hold the same rows as data/projets.csv")
    else:
        ok("data/projets.json holds the same rows as data/projets.csv")

    try:
        import ijson  # noqa: F401  (frictionless reads JSON tables with it)
    except ImportError:
        print("SKIP data/datapackage.json: frictionless needs `ijson` to read JSON tables (pip install 'frictionless[json]')")
        return
    # The package refers to ../schema/, which frictionless only follows when trusted.
    with system.use_context(trusted=True):
        package = Package(os.path.join(DATA, "datapackage.json"))
        if not package.resources[0].path.endswith(".csv"):
            fail("the first resource of data/datapackage.json must be the CSV table")
        report = frictionless.validate(os.path.join(DATA, "datapackage.json"))
    counts = {task.name: task.stats.get("rows") for task in report.tasks}
    if report.valid and all(n == len(from_csv) for n in counts.values()):
        ok(f"data/datapackage.json is valid and its resources validate ({counts} rows)")
    elif report.valid:
        fail(f"data/datapackage.json: resources read {counts} rows, expected {len(from_csv)} each")
    else:
        fail(f"data/datapackage.json: {report.flatten(['type', 'rowNumber', 'fieldName', 'note'])}")


def check_flawed_dataset(descriptor: dict) -> None:
    path = os.path.join(DATA, "projets-avec-erreurs.csv")
    with open(os.path.join(DATA, "projets-avec-erreurs.expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    report = frictionless.validate(Resource(path=path, schema=Schema.from_descriptor(SCHEMA)))
    standard = frictionless_errors(report)
    extensions = vitrine_errors(descriptor, path, standard)

    expected_standard = [e for e in expected if not e["note"].startswith("vitrine:")]
    expected_extensions = [e for e in expected if e["note"].startswith("vitrine:")]
    compare("frictionless", sorted(map(key, standard)), sorted(map(key, expected_standard)))
    compare("vitrine:* reference checks", sorted(map(key, extensions)), sorted(map(key, expected_extensions)))
    print(f"     {len(expected_standard)} expected errors are frictionless errors; "
          f"{len(expected_extensions)} are Vitrine-only extensions:")
    for e in expected_extensions:
        print(f"       row {e['rowNumber']}, {e['fieldName']}: {e['note']}")


def compare(who: str, got: list, want: list) -> None:
    if got == want:
        ok(f"data/projets-avec-erreurs.csv: {who} report exactly the {len(want)} expected errors")
        return
    for e in want:
        if e not in got:
            fail(f"{who}: expected error not reported: {e}")
    for e in got:
        if e not in want:
            fail(f"{who}: unexpected error: {e}")


def report_file(path: str) -> int:
    """`--report FILE`: print FILE's errors (frictionless + vitrine:*) as JSON lines."""
    path = os.path.abspath(path)
    os.chdir(ROOT)
    with open(SCHEMA, encoding="utf-8") as f:
        descriptor = json.load(f)
    with system.use_context(trusted=True):
        report = frictionless.validate(Resource(path=path, schema=Schema.from_descriptor(SCHEMA)))
    standard = frictionless_errors(report)
    errors = standard + vitrine_errors(descriptor, path, standard)
    errors.sort(key=lambda e: (e["rowNumber"] or 0, e["fieldNumber"] or 0))
    for e in errors:
        print(json.dumps(e, ensure_ascii=False))
    return 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--report":
        return report_file(sys.argv[2])
    os.chdir(ROOT)  # frictionless refuses absolute data paths unless trusted
    print(f"ia-dataset checks with frictionless {frictionless.__version__} in {ROOT}")
    descriptor = check_schema()
    check_valid_dataset(descriptor)
    check_flawed_dataset(descriptor)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("all ia-dataset checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
