//! The three schema.data.gouv.fr schemas in `tests/real-schemas/`: their
//! valid examples pass and the invalid one gives frictionless's two errors
//! (also checked live against frictionless by the conformance test).

use vitrine_core::{CsvOptions, Schema, load_csv, validate};

const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/real-schemas");

fn report(dir: &str, file: &str) -> vitrine_core::Report {
    let schema =
        Schema::from_slice(&std::fs::read(format!("{REAL}/{dir}/schema.json")).unwrap()).unwrap();
    let data = std::fs::read(format!("{REAL}/{dir}/{file}")).unwrap();
    validate(&schema, &load_csv(&data, CsvOptions::default()).unwrap())
}

#[test]
fn valid_examples_pass() {
    for (dir, file) in [
        ("irve-statique", "exemple-valide.csv"),
        ("stationnement", "exemple-valide.csv"),
        ("dispositif-aide", "exemple.csv"),
    ] {
        let r = report(dir, file);
        assert!(r.valid, "{dir}/{file}: {:?}", r.errors);
    }
}

#[test]
fn invalid_example_gives_frictionless_errors() {
    let r = report("stationnement", "exemple-invalide.csv");
    let got: Vec<(&str, Option<usize>, Option<usize>, String)> = r
        .errors
        .iter()
        .map(|e| {
            (
                e.error_type.name(),
                e.row_number,
                e.field_number,
                e.note.clone(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "constraint-error",
                Some(2),
                Some(1),
                r#"constraint "pattern" is "^([013-9]\d|2[AB1-9])\d{3}-P-\d{3}$""#.to_string()
            ),
            (
                "constraint-error",
                Some(2),
                Some(21),
                r#"constraint "enum" is "['gratuit', 'normal_payant', 'tarif_special']""#
                    .to_string()
            ),
        ]
    );
}
