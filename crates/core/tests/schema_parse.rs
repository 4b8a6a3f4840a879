//! Parsing Table Schemas: types, formats, constraints, keys and extensions.

use vitrine_core::schema::{FieldType, SafeUrl, StringFormat, Visibility};
use vitrine_core::{CastError, Schema, SchemaError, Value, value::Date};

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/real-schemas");

#[test]
fn real_schemas_load_as_they_are() {
    for name in ["irve-statique", "stationnement", "dispositif-aide"] {
        let text = std::fs::read_to_string(format!("{REAL}/{name}/schema.json")).unwrap();
        let schema = Schema::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(schema.fields.len() > 10, "{name}");
    }
    let text = std::fs::read_to_string(format!("{REAL}/stationnement/schema.json")).unwrap();
    let s = Schema::from_json(&text).unwrap();
    assert_eq!(s.primary_key, vec!["id"]);
    assert!(
        s.descriptor.contains_key("custom_checks"),
        "unknown keys are kept"
    );
}

#[test]
fn unknown_type_names_the_field() {
    let e = Schema::from_json(r#"{"fields":[{"name":"ok"},{"name":"budget","type":"money"}]}"#)
        .unwrap_err();
    assert!(
        matches!(&e, SchemaError::Field(m) if m.contains("budget") && m.contains("money")),
        "{e}"
    );
    assert!(matches!(
        Schema::from_json("{fields"),
        Err(SchemaError::NotJson { .. })
    ));
    assert!(matches!(
        Schema::from_json("[1]"),
        Err(SchemaError::NotTableSchema(_))
    ));
}

#[test]
fn extensions_are_typed() {
    let s = Schema::from_json(
        r#"{
        "vitrine:categories": [{"name": "GEN", "titles": {"fr": "Général", "en": "General"}}],
        "primaryKey": ["id"],
        "uniqueKeys": [["nom", "siret"]],
        "fields": [
          {"name": "id", "type": "integer"},
          {"name": "nom", "vitrine:titles": {"fr": "Nom", "en": "Name"}, "vitrine:category": "GEN"},
          {"name": "siret", "vitrine:siret": true, "vitrine:visibility": "restricted"},
          {"name": "site", "vitrine:safeUrl": "allow-relative"},
          {"name": "statut", "constraints": {"enum": ["En cours", "Abandonné"]},
           "vitrine:enumLabels": {"Abandonné": {"fr": "Abandonné", "en": "Abandoned"}}},
          {"name": "motif", "vitrine:requiredWhen": {"field": "statut", "in": ["Abandonné"]}},
          {"name": "debut", "vitrine:dateFormats": ["%d/%m/%Y", "%m/%Y"]},
          {"name": "themes", "type": "list", "delimiter": ";", "itemType": "string",
           "vitrine:itemConstraints": {"enum": ["a", "b"]}}
        ]}"#,
    )
    .unwrap();
    assert_eq!(
        s.unique_keys,
        vec![vec!["nom".to_string(), "siret".to_string()]]
    );
    assert_eq!(s.extensions.categories[0].titles.get("en"), Some("General"));
    let nom = s.field("nom").unwrap();
    assert_eq!(nom.title_in("en"), "Name");
    assert_eq!(nom.title_in("de"), "Nom");
    assert_eq!(
        s.field("siret").unwrap().extensions.visibility,
        Visibility::Restricted
    );
    assert_eq!(
        s.field("site").unwrap().extensions.safe_url,
        Some(SafeUrl::AllowRelative)
    );
    assert_eq!(
        s.field("statut").unwrap().enum_label("Abandonné", "en"),
        "Abandoned"
    );
    assert_eq!(
        s.field("motif")
            .unwrap()
            .extensions
            .required_when
            .as_ref()
            .unwrap()
            .field,
        "statut"
    );
    let debut = s.field("debut").unwrap();
    assert_eq!(
        debut.cast("03/2024"),
        Ok(Value::Date(Date {
            year: 2024,
            month: Some(3),
            day: None
        }))
    );
    assert!(matches!(
        debut.cast("2024-03"),
        Err(CastError::DateFormats { .. })
    ));
    assert!(matches!(
        s.field("themes").unwrap().field_type,
        FieldType::List { .. }
    ));

    let public = s.without_restricted();
    assert!(public.field("siret").is_none());
    assert!(
        public.to_json()["fields"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["name"] != "siret")
    );
    assert!(public.unique_keys.is_empty());
    assert_eq!(public.primary_key, vec!["id"]);
}

#[test]
fn casts_every_type() {
    let s = Schema::from_json(
        r#"{"missingValues": ["", "NA"], "fields": [
        {"name": "i", "type": "integer"},
        {"name": "n", "type": "number", "decimalChar": ",", "groupChar": " "},
        {"name": "b", "type": "boolean", "trueValues": ["oui"], "falseValues": ["non"]},
        {"name": "d", "type": "date", "format": "%d/%m/%Y"},
        {"name": "e", "type": "string", "format": "email"},
        {"name": "g", "type": "geopoint", "format": "array"},
        {"name": "l", "type": "list", "itemType": "integer"},
        {"name": "y", "type": "year"},
        {"name": "ym", "type": "yearmonth"},
        {"name": "o", "type": "object"}
    ]}"#,
    )
    .unwrap();
    assert_eq!(s.cast(0, "NA"), Ok(Value::Null));
    assert_eq!(s.cast(0, "42"), Ok(Value::Integer(42)));
    assert!(
        matches!(s.cast(0, "4.2"), Err(CastError::Type { expected }) if expected == "integer/default")
    );
    assert_eq!(s.cast(1, "1 234,5"), Ok(Value::Number(1234.5)));
    assert_eq!(s.cast(2, "oui"), Ok(Value::Boolean(true)));
    assert!(s.cast(2, "true").is_err());
    assert_eq!(
        s.cast(3, "01/03/2024"),
        Ok(Value::Date(Date {
            year: 2024,
            month: Some(3),
            day: Some(1)
        }))
    );
    assert!(s.cast(4, "pas un email").is_err());
    assert_eq!(
        s.cast(5, "[2.3, 48.8]"),
        Ok(Value::GeoPoint {
            lon: 2.3,
            lat: 48.8
        })
    );
    assert_eq!(
        s.cast(6, "1,2"),
        Ok(Value::List(vec![Value::Integer(1), Value::Integer(2)]))
    );
    assert!(s.cast(6, "1,x").is_err());
    assert_eq!(s.cast(7, "2024"), Ok(Value::Year(2024)));
    assert_eq!(
        s.cast(8, "2024-03"),
        Ok(Value::YearMonth {
            year: 2024,
            month: 3
        })
    );
    assert!(s.cast(9, "[1]").is_err());
    assert!(matches!(
        s.fields[4].field_type,
        FieldType::String(StringFormat::Email)
    ));
}
