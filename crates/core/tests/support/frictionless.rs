//! Running frictionless-py, the reference validator, and reducing both its
//! answers and Vitrine's to comparable keys (error type, row number, field
//! number), for the differential tests `conformance.rs` and
//! `conformance_generated.rs`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value as Json;
use vitrine_core::validate::ValidationError;

/// An error as the comparison sees it: type, `rowNumber`, `fieldNumber`.
pub type Key = (String, Option<u64>, Option<u64>);

/// The repository's root (the workspace above `crates/core`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs frictionless on every (schema, data) pair in one Python process
/// (`tests/conformance/frictionless_errors.py`) and returns its report per
/// pair; `None` when python3 or frictionless is not installed.
pub fn run(cases: &[(&Path, &Path)]) -> Option<Vec<Json>> {
    let probe = Command::new("python3")
        .args(["-c", "import frictionless"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        return None;
    }
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("tests/conformance/frictionless_errors.py"));
    for (schema, data) in cases {
        cmd.arg(schema).arg(data);
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "frictionless helper failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the frictionless helper prints JSON"))
}

/// Keys of `[type, rowNumber, fieldNumber]` triples (as `case.json` lists
/// deliberate differences), sorted.
pub fn keys_of(errors: &[Json]) -> Vec<Key> {
    sorted(errors.iter().map(|e| {
        (
            e[0].as_str().unwrap_or("").to_string(),
            e[1].as_u64(),
            e[2].as_u64(),
        )
    }))
}

/// The sorted keys of one frictionless report.
pub fn frictionless_keys(report: &Json) -> Vec<Key> {
    sorted(report["errors"].as_array().into_iter().flatten().map(|e| {
        (
            e["type"].as_str().unwrap_or("").to_string(),
            e["rowNumber"].as_u64(),
            e["fieldNumber"].as_u64(),
        )
    }))
}

/// The sorted keys of Vitrine's errors.
pub fn vitrine_keys(errors: &[ValidationError]) -> Vec<Key> {
    sorted(errors.iter().map(|e| {
        (
            e.error_type.name().to_string(),
            e.row_number.map(|r| r as u64),
            e.field_number.map(|f| f as u64),
        )
    }))
}

/// What one side reports that the other does not, as a failure line.
pub fn difference(name: &str, ours: &[Key], expected: &[Key]) -> Option<String> {
    if ours == expected {
        return None;
    }
    let missing: Vec<_> = expected.iter().filter(|k| !ours.contains(k)).collect();
    let extra: Vec<_> = ours.iter().filter(|k| !expected.contains(k)).collect();
    Some(format!(
        "{name}: Vitrine misses {missing:?}, reports in addition {extra:?}"
    ))
}

fn sorted(keys: impl Iterator<Item = Key>) -> Vec<Key> {
    let mut keys: Vec<Key> = keys.collect();
    keys.sort();
    keys
}
