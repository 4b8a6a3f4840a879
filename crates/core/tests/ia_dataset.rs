//! The IA library dataset (`schema/bibliotheque-ia.schema.json`,
//! `data/projets.csv`, `data/projets-avec-erreurs.csv`) against vitrine-core.
//!
//! The expected errors of the flawed file are listed in
//! `data/projets-avec-erreurs.expected.json`; these tests check the parts the
//! schema parser, the casting and the SIRET/URL rules decide.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use vitrine_core::schema::{SafeUrl, Visibility};
use vitrine_core::siret::check_siret;
use vitrine_core::url::check_safe_url;
use vitrine_core::{CastError, CsvOptions, Schema, Table, load_csv};

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
    let header: Vec<&str> = table.header().iter().collect();
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(header, names);
    assert!(table.len() >= 40);
    for (r, row) in table.rows().iter().enumerate() {
        assert_eq!(row.len(), 37, "row {}", r + 2);
        for (i, text) in row.iter().enumerate() {
            let field = &schema.fields[i];
            assert!(
                schema.cast(i, text).is_ok(),
                "row {} {}: {text:?}",
                r + 2,
                field.name
            );
            if text.is_empty() {
                continue;
            }
            if field.extensions.siret {
                assert!(check_siret(text).is_ok(), "row {} SIRET {text}", r + 2);
            }
            if let Some(rule) = field.extensions.safe_url {
                assert!(
                    check_safe_url(text, rule).is_ok(),
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
            match schema.cast(i, text) {
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
        check_siret(rows[2].get(3).unwrap()).is_err(),
        "row 4: bad checksum"
    );
    assert!(
        check_safe_url(rows[8].get(33).unwrap(), SafeUrl::Absolute).is_err(),
        "row 10: javascript:"
    );
    assert_eq!(rows[9].len(), 38, "row 11: one extra cell");
    assert_eq!(rows[12].len(), 38, "row 14: unquoted comma");
    assert_eq!(rows[16].len(), 35, "row 18: two missing cells");
}
