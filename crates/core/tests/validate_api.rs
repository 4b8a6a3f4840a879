//! The validation entry points: whole tables, one cell, one record; JSON and
//! datapackage loading; messages that say what was expected.

use std::collections::HashMap;

use vitrine_core::validate::NoRow;
use vitrine_core::{
    CsvOptions, ErrorType, LoadError, Schema, ValidateOptions, load_csv, load_datapackage,
    load_json, validate, validate_cell, validate_row, validate_with,
};

const SCHEMA: &str = r#"{
  "primaryKey": "id",
  "fields": [
    {"name": "id", "type": "integer"},
    {"name": "siret", "title": "SIRET", "vitrine:titles": {"fr": "SIRET", "en": "SIRET number"}, "vitrine:siret": true},
    {"name": "statut", "constraints": {"required": true, "enum": ["En cours", "Abandonné"]}},
    {"name": "motif", "vitrine:requiredWhen": {"field": "statut", "in": ["Abandonné"]}},
    {"name": "site", "vitrine:safeUrl": true}
  ]
}"#;

fn schema() -> Schema {
    Schema::from_json(SCHEMA).unwrap()
}

#[test]
fn siret_message_says_what_was_expected() {
    let errors = validate_cell(&schema(), "siret", "802954785", &NoRow, "fr");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].error_type, ErrorType::ConstraintError);
    assert_eq!(
        errors[0].message,
        "SIRET invalide : 14 chiffres attendus, 9 reçus."
    );
    assert_eq!(
        errors[0].message_in("en"),
        "Invalid SIRET: 14 digits expected, 9 given."
    );
    assert!(errors[0].note.contains("vitrine:siret"));
    assert_eq!(errors[0].field_number, Some(2));
    assert!(validate_cell(&schema(), "siret", "73282932000074", &NoRow, "fr").is_empty());
}

#[test]
fn required_when_uses_the_row() {
    let s = schema();
    let row: HashMap<String, String> = [("statut".to_string(), "Abandonné".to_string())].into();
    let errors = validate_cell(&s, "motif", "", &row, "en");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].note.contains("vitrine:requiredWhen"));
    assert_eq!(
        errors[0].message,
        "\"motif\" is required when \"statut\" is \"Abandonné\": a value is expected."
    );
    let ongoing: HashMap<String, String> = [("statut".to_string(), "En cours".to_string())].into();
    assert!(validate_cell(&s, "motif", "", &ongoing, "en").is_empty());
}

#[test]
fn validate_row_checks_every_field() {
    let row: HashMap<String, String> = [
        ("id", "x"),
        ("statut", "Abandonné"),
        ("site", "javascript:alert(1)"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let errors = validate_row(&schema(), &row, "fr");
    let kinds: Vec<(ErrorType, Option<String>)> = errors
        .iter()
        .map(|e| (e.error_type, e.field_name.clone()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (ErrorType::TypeError, Some("id".into())),
            (ErrorType::ConstraintError, Some("motif".into())),
            (ErrorType::ConstraintError, Some("site".into())),
        ]
    );
}

#[test]
fn table_report_numbers_rows_like_frictionless() {
    let csv =
        "id,siret,statut,motif,site\n1,73282932000074,En cours,,https://a.fr\n1,,Fini,,\n,,,,\n";
    let table = load_csv(csv.as_bytes(), CsvOptions::default()).unwrap();
    let report = validate(&schema(), &table);
    assert!(!report.valid);
    let got: Vec<(&str, Option<usize>, Option<usize>)> = report
        .errors
        .iter()
        .map(|e| (e.error_type.name(), e.row_number, e.field_number))
        .collect();
    assert_eq!(
        got,
        vec![
            ("constraint-error", Some(3), Some(3)),
            ("primary-key", Some(3), None),
            ("blank-row", Some(4), None)
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
    let first = &json["errors"][0];
    for key in [
        "type",
        "rowNumber",
        "fieldNumber",
        "fieldName",
        "cell",
        "note",
        "message",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        first["note"],
        "constraint \"enum\" is \"['En cours', 'Abandonné']\""
    );
    let en = validate_with(&schema(), &table, &ValidateOptions { lang: "en".into() });
    assert!(
        en.errors[0]
            .message
            .starts_with("Value \"Fini\" is not allowed")
    );
}

#[test]
fn json_rows_and_datapackages_load() {
    let rows = br#"[{"id": 1, "statut": "En cours"}, {"id": 2, "statut": "Abandonn\u00e9", "motif": null}]"#;
    let t = load_json(rows).unwrap();
    assert_eq!(t.header().to_vec(), vec!["id", "statut", "motif"]);
    assert_eq!(t.cell(1, 0).as_deref(), Some("2"));
    let wrapped = load_json(br#"{"data": [["id", "statut"], [3, "En cours"]]}"#).unwrap();
    assert_eq!(wrapped.cell(0, 1).as_deref(), Some("En cours"));
    assert!(matches!(
        load_json(b"{\"data\": 3}"),
        Err(LoadError::Json(_))
    ));
    assert!(matches!(load_json(b"[1, 2"), Err(LoadError::Json(m)) if m.contains("line 1")));

    let package = br#"{"resources": [
        {"name": "notes", "path": "README.md"},
        {"name": "projets", "path": "data/projets.csv", "schema": "schema.json", "dialect": {"delimiter": ";"}}
    ]}"#;
    let resolve = |p: &str| match p {
        "schema.json" => Ok(SCHEMA.as_bytes().to_vec()),
        "data/projets.csv" => Ok(b"id;statut\n1;En cours\n".to_vec()),
        other => Err(format!("no such file: {other}")),
    };
    let p = load_datapackage(package, &resolve).unwrap();
    assert_eq!(p.resource, "projets");
    assert_eq!(p.table.dialect.delimiter, b';');
    let report = validate(&p.schema, &p.table);
    assert_eq!(
        report
            .errors
            .iter()
            .map(|e| e.error_type)
            .collect::<Vec<_>>(),
        vec![
            ErrorType::MissingLabel,
            ErrorType::MissingLabel,
            ErrorType::MissingLabel
        ]
    );
    let missing =
        br#"{"resources": [{"name": "x", "path": "absent.csv", "schema": "schema.json"}]}"#;
    let e = load_datapackage(missing, &resolve).unwrap_err();
    assert!(e.to_string().contains("absent.csv"), "{e}");
}

#[test]
fn restricted_fields_are_stripped_from_schema_and_table() {
    let s = Schema::from_json(
        r#"{"fields": [{"name": "nom"}, {"name": "email", "vitrine:visibility": "restricted"}, {"name": "ville"}]}"#,
    )
    .unwrap();
    let t = load_csv(b"nom,email,ville\nA,a@x.fr,Lyon\n", CsvOptions::default()).unwrap();
    let public = t.without_restricted(&s);
    assert_eq!(public.header().to_vec(), vec!["nom", "ville"]);
    assert_eq!(public.row(0).unwrap().to_vec(), vec!["A", "Lyon"]);
    assert_eq!(
        vitrine_core::write_csv(&public),
        b"nom,ville\nA,Lyon\n".to_vec()
    );
    assert!(validate(&s.without_restricted(), &public).valid);
}
