//! `vitrine validate` on the IA library sample data: no error on
//! `data/projets.csv` (and on the data package), exactly the errors of
//! `data/projets-avec-erreurs.expected.json` on the flawed file.

use std::collections::BTreeSet;
use std::process::Command;

use serde_json::Value as Json;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
const SCHEMA: &str = "schema/bibliotheque-ia.schema.json";

/// Runs `vitrine validate DATA [--schema …] --format json`; returns the exit
/// code and the parsed report.
fn validate(data: &str, with_schema: bool) -> (i32, Json) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitrine"));
    cmd.current_dir(ROOT)
        .args(["validate", data, "--format", "json"]);
    if with_schema {
        cmd.args(["--schema", SCHEMA]);
    }
    let out = cmd.output().expect("vitrine runs");
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{data}: not a JSON report ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().unwrap_or(-1), report)
}

type Key = (String, u64, Option<u64>, Option<String>, String);

/// An error as in the expected list. A report's note (`constraint "enum" is
/// …`, `type is "string/email"`) is reduced to the constraint name or the
/// `type/format` label; an empty field name counts as null.
fn key(e: &Json, from_report: bool) -> Key {
    let kind = e["type"].as_str().unwrap_or("").to_string();
    let note = e["note"].as_str().unwrap_or("");
    let quoted = note.split('"').nth(1).unwrap_or("");
    let note = match kind.as_str() {
        _ if !from_report => note.to_string(),
        "constraint-error" if quoted.starts_with("vitrine:itemConstraints") => {
            "vitrine:itemConstraints".to_string()
        }
        "constraint-error" | "type-error" => quoted.to_string(),
        _ => String::new(),
    };
    (
        kind,
        e["rowNumber"].as_u64().unwrap_or(0),
        e["fieldNumber"].as_u64(),
        e["fieldName"]
            .as_str()
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        note,
    )
}

#[test]
fn sample_data_is_valid() {
    for (data, with_schema) in [
        ("data/projets.csv", true),
        ("data/projets.json", true),
        ("data/datapackage.json", false),
    ] {
        let (code, report) = validate(data, with_schema);
        assert_eq!(report["errors"], Json::Array(vec![]), "{data}");
        assert_eq!((code, &report["valid"]), (0, &Json::Bool(true)), "{data}");
    }
}

#[test]
fn flawed_data_reports_exactly_the_documented_errors() {
    let (code, report) = validate("data/projets-avec-erreurs.csv", true);
    assert_eq!(code, 1);
    let got: Vec<Key> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| key(e, true))
        .collect();
    let unique: BTreeSet<Key> = got.iter().cloned().collect();
    assert_eq!(unique.len(), got.len(), "an error is reported twice");
    let expected_text = std::fs::read(format!("{ROOT}/data/projets-avec-erreurs.expected.json"));
    let expected: Vec<Json> = serde_json::from_slice(&expected_text.unwrap()).unwrap();
    let expected: BTreeSet<Key> = expected.iter().map(|e| key(e, false)).collect();
    assert_eq!(unique, expected);
}
