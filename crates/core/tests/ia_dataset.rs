//! The IA library dataset (`schema/bibliotheque-ia.schema.json`,
//! `data/projets.csv`, `data/projets-avec-erreurs.csv`) against vitrine-core.
//!
//! `data/projets.csv` (and its JSON twin) must validate without error, and
//! `data/projets-avec-erreurs.csv` must report exactly the errors listed in
//! `data/projets-avec-erreurs.expected.json` — the same list
//! `tests/ia-dataset/check_frictionless.py` checks against frictionless-py.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use vitrine_core::schema::{SafeUrl, Visibility};
use vitrine_core::siret::check_siret;
use vitrine_core::url::check_safe_url;
use vitrine_core::{CastError, CsvOptions, Schema, Table, load_csv, load_json, validate};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{ROOT}/{path}")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn schema() -> Schema {
    Schema::from_slice(&read("schema/bibliotheque-ia.schema.json")).expect("the IA schema parses")
}

fn table(path: &str) -> Table {
    load_csv(&read(path), CsvOptions::default()).unwrap_or_else(|e| panic!("{path}: {e:?}"))
}

/// (rowNumber, fieldNumber, note) of the expected errors of one `type`.
fn expected(kind: &str) -> BTreeSet<(u64, u64, String)> {
    let list: Vec<Json> =
        serde_json::from_slice(&read("data/projets-avec-erreurs.expected.json")).unwrap();
    list.iter()
        .filter(|e| e["type"] == kind)
        .map(|e| {
            (
                e["rowNumber"].as_u64().unwrap(),
                e["fieldNumber"].as_u64().unwrap_or(0),
                e["note"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn ia_schema_has_the_model_fields_and_extensions() {
    let schema = schema();
    assert_eq!(schema.fields.len(), 37);
    assert_eq!(schema.fields[0].name, "id");
    assert_eq!(schema.primary_key, vec!["id".to_string()]);
    let restricted = schema
        .fields
        .iter()
        .filter(|f| f.extensions.visibility == Visibility::Restricted);
    assert_eq!(restricted.count(), 12);
    assert_eq!(schema.extensions.categories.len(), 6);
    for f in &schema.fields {
        let category = f
            .extensions
            .category
            .as_deref()
            .expect("every field has a category");
        assert!(
            schema
                .extensions
                .categories
                .iter()
                .any(|c| c.name == category)
        );
        assert!(
            f.extensions.titles.get("en").is_some(),
            "{} has an English title",
            f.name
        );
    }
    let field = |name: &str| schema.field(name).unwrap();
    assert!(field("coll_siret").extensions.siret);
    assert_eq!(
        field("url_infos").extensions.safe_url,
        Some(SafeUrl::Absolute)
    );
    assert_eq!(
        field("image_url").extensions.safe_url,
        Some(SafeUrl::AllowRelative)
    );
    assert_eq!(field("projet_date").extensions.date_formats.len(), 2);
    let when = field("status_abandon")
        .extensions
        .required_when
        .clone()
        .unwrap();
    assert_eq!(
        (when.field.as_str(), when.values),
        ("projet_status", vec!["Abandonné".to_string()])
    );
    let items = field("audience_service")
        .extensions
        .item_constraints
        .clone()
        .unwrap();
    assert_eq!(items.enum_values.map(|v| v.len()), Some(9));
    assert_eq!(
        field("erreur").enum_label("1 - faible", "en"),
        "1 - small: the AI system meets the expected objectives"
    );
}

#[test]
fn ia_sample_cells_all_cast_and_pass_the_siret_and_url_rules() {
    let schema = schema();
    let table = table("data/projets.csv");
    let header: Vec<String> = table.header().iter().map(String::from).collect();
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(header, names);
    assert!(table.len() >= 40);
    for (r, row) in table.rows().iter().enumerate() {
        assert_eq!(row.len(), 37, "row {}", r + 2);
        for (i, text) in row.iter().enumerate() {
            let field = &schema.fields[i];
            assert!(
                schema.cast(i, &text).is_ok(),
                "row {} {}: {text:?}",
                r + 2,
                field.name
            );
            if text.is_empty() {
                continue;
            }
            if field.extensions.siret {
                assert!(check_siret(&text).is_ok(), "row {} SIRET {text}", r + 2);
            }
            if let Some(rule) = field.extensions.safe_url {
                assert!(
                    check_safe_url(&text, rule).is_ok(),
                    "row {} URL {text}",
                    r + 2
                );
            }
        }
    }
}

#[test]
fn ia_flawed_file_cast_errors_are_where_expected() {
    let schema = schema();
    let table = table("data/projets-avec-erreurs.csv");
    let mut type_errors = BTreeSet::new();
    let mut date_formats = BTreeSet::new();
    for (r, row) in table.rows().iter().enumerate() {
        let row_number = r as u64 + 2;
        for (i, text) in row.iter().enumerate().take(schema.fields.len()) {
            match schema.cast(i, &text) {
                Err(CastError::Type { expected }) => {
                    type_errors.insert((row_number, i as u64 + 1, expected));
                }
                Err(CastError::DateFormats { .. }) => {
                    date_formats.insert(row_number);
                }
                Ok(_) => {}
            }
        }
    }
    assert_eq!(type_errors, expected("type-error"));
    // Row 13 is the expected `vitrine:dateFormats` error; row 17 (ISO order)
    // also fails the formats, but its `pattern` error is the one reported.
    assert_eq!(date_formats, BTreeSet::from([13, 17]));
    let rows = table.rows();
    assert!(
        check_siret(&rows[2].get(3).unwrap()).is_err(),
        "row 4: bad checksum"
    );
    assert!(
        check_safe_url(&rows[8].get(33).unwrap(), SafeUrl::Absolute).is_err(),
        "row 10: javascript:"
    );
    assert_eq!(rows[9].len(), 38, "row 11: one extra cell");
    assert_eq!(rows[12].len(), 38, "row 14: unquoted comma");
    assert_eq!(rows[16].len(), 35, "row 18: two missing cells");
}

/// (type, rowNumber, fieldNumber, fieldName, note) with the note reduced to
/// the constraint name (`constraint "enum" is …` → `enum`,
/// `vitrine:itemConstraints.enum` → `vitrine:itemConstraints`) or the
/// `type/format` label (`type is "string/email"` → `string/email`).
type Key = (String, u64, Option<u64>, Option<String>, String);

fn short_note(kind: &str, note: &str) -> String {
    let quoted = note.split('"').nth(1).unwrap_or("");
    match kind {
        "constraint-error" if quoted.starts_with("vitrine:itemConstraints") => {
            "vitrine:itemConstraints".to_string()
        }
        "constraint-error" | "type-error" => quoted.to_string(),
        _ => String::new(),
    }
}

fn expected_errors() -> BTreeSet<Key> {
    let list: Vec<Json> =
        serde_json::from_slice(&read("data/projets-avec-erreurs.expected.json")).unwrap();
    list.iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap().to_string(),
                e["rowNumber"].as_u64().unwrap(),
                e["fieldNumber"].as_u64(),
                e["fieldName"].as_str().map(str::to_string),
                e["note"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn reported(path: &str) -> Vec<Key> {
    let report = validate(&schema(), &table(path));
    report
        .errors
        .iter()
        .map(|e| {
            let kind = e.error_type.name().to_string();
            let note = short_note(&kind, &e.note);
            (
                kind,
                e.row_number.unwrap_or(0) as u64,
                e.field_number.map(|n| n as u64),
                // frictionless and vitrine-core name an extra cell "": the
                // expected list writes null, as for a row-level error.
                e.field_name.clone().filter(|n| !n.is_empty()),
                note,
            )
        })
        .collect()
}

#[test]
fn ia_sample_validates_without_error() {
    assert_eq!(reported("data/projets.csv"), Vec::<Key>::new());
}

#[test]
fn ia_flawed_file_reports_exactly_the_expected_errors() {
    let got = reported("data/projets-avec-erreurs.csv");
    let unique: BTreeSet<Key> = got.iter().cloned().collect();
    assert_eq!(
        unique.len(),
        got.len(),
        "an error is reported twice: {got:?}"
    );
    assert_eq!(unique, expected_errors());
}

#[test]
fn ia_json_twin_validates_without_error_and_matches_the_csv() {
    let schema = schema();
    let json = load_json(&read("data/projets.json")).expect("projets.json loads");
    let csv = table("data/projets.csv");
    assert!(
        validate(&schema, &json).errors.is_empty(),
        "{:?}",
        validate(&schema, &json).errors
    );
    assert_eq!(json.len(), csv.len());
    let names: Vec<String> = csv.header().iter().map(String::from).collect();
    for (a, b) in json.rows().iter().zip(csv.rows()) {
        for (i, name) in names.iter().enumerate() {
            let j = json
                .header()
                .iter()
                .position(|h| h == *name)
                .expect("same columns");
            assert_eq!(a.get(j), b.get(i), "{name}");
        }
    }
}
