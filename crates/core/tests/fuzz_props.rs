//! Fuzzing by property: arbitrary bytes as CSV, JSON or schema, and
//! arbitrary schemas over arbitrary data, never make the library panic.

use proptest::prelude::*;
use vitrine_core::{
    CsvOptions, Schema, load_csv, load_datapackage, load_json, validate, validate::NoRow,
    validate_cell, write_csv,
};

fn field() -> impl Strategy<Value = String> {
    let types = prop_oneof![
        Just("string"),
        Just("integer"),
        Just("number"),
        Just("boolean"),
        Just("date"),
        Just("time"),
        Just("datetime"),
        Just("year"),
        Just("yearmonth"),
        Just("duration"),
        Just("object"),
        Just("array"),
        Just("geopoint"),
        Just("any"),
        Just("list"),
    ];
    let formats = prop_oneof![
        Just(""),
        Just(r#","format": "email""#),
        Just(r#","format": "uri""#),
        Just(r#","format": "uuid""#),
        Just(r#","format": "%d/%m/%Y""#),
        Just(r#","format": "any""#),
        Just(r#","format": "array""#),
        Just(r#","format": "binary""#),
    ];
    let extras = prop_oneof![
        Just(""),
        Just(r#","constraints": {"required": true, "unique": true}"#),
        Just(
            r#","constraints": {"enum": ["a", "1", "2024-01-01"], "minLength": 1, "maxLength": 3}"#
        ),
        Just(r#","constraints": {"minimum": 1, "maximum": 10}"#),
        Just(r#","constraints": {"pattern": "[a-c]+|\\d"}"#),
        Just(r#","vitrine:siret": true, "vitrine:safeUrl": "allow-relative""#),
        Just(r#","vitrine:dateFormats": ["%d/%m/%Y", "%m/%Y"]"#),
        Just(r#","vitrine:requiredWhen": {"field": "f0", "in": ["a"]}"#),
        Just(r#","vitrine:itemConstraints": {"enum": ["a"], "maxLength": 2}, "delimiter": ";""#),
        Just(r#","decimalChar": ",", "groupChar": " ", "bareNumber": false"#),
    ];
    (types, formats, extras).prop_map(|(t, f, e)| format!(r#""type": "{t}"{f}{e}"#))
}

fn schema_text() -> impl Strategy<Value = String> {
    (proptest::collection::vec(field(), 1..5), any::<bool>()).prop_map(|(fields, pk)| {
        let fields: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| format!(r#"{{"name": "f{i}", {f}}}"#))
            .collect();
        let pk = if pk {
            r#""primaryKey": ["f0"], "missingValues": ["", "NA"], "#
        } else {
            ""
        };
        format!(r#"{{{pk}"fields": [{}]}}"#, fields.join(", "))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        if let Ok(t) = load_csv(&bytes, CsvOptions::default()) {
            prop_assert_eq!(write_csv(&t), bytes.clone());
        }
        let _ = load_json(&bytes);
        let _ = Schema::from_slice(&bytes);
        let _ = load_datapackage(&bytes, &|_| Err("no files".into()));
    }

    #[test]
    fn arbitrary_schema_text_never_panics(text in "[{}\\[\\]\":,a-z0-9 %]{0,120}") {
        let _ = Schema::from_json(&text);
    }

    #[test]
    fn arbitrary_data_against_arbitrary_schemas_never_panics(
        schema in schema_text(),
        data in "(f0,f1,f2\n)?([a-c0-9,;\"\n/:.%-]|NA|2024-01-01|é|\\[1,2\\]|\\{\\}){0,80}",
    ) {
        let schema = Schema::from_json(&schema).unwrap();
        if let Ok(table) = load_csv(data.as_bytes(), CsvOptions::default()) {
            let report = validate(&schema, &table);
            prop_assert_eq!(report.valid, report.errors.is_empty());
            for e in &report.errors {
                prop_assert!(!e.message_in("fr").is_empty() && !e.message_in("en").is_empty());
            }
        }
        for text in data.split('\n') {
            let _ = validate_cell(&schema, "f0", text, &NoRow, "fr");
            let _ = schema.cast(0, text);
        }
    }
}
