//! Differential test against frictionless-py, the reference validator.
//!
//! Every case in `tests/conformance/cases/*/` (schema.json + data.csv) and
//! every example file of `tests/real-schemas/` is validated by Vitrine
//! and by frictionless (through `tests/conformance/frictionless_errors.py`),
//! and the errors are compared by type, row number and field number.
//!
//! Deliberate differences are listed in the case's `case.json`:
//! `vitrineOnly` / `frictionlessOnly` errors, or `vitrineFails` when Vitrine
//! refuses a file that frictionless reads. frictionless's answers are also
//! stored in each case's `frictionless.json`, so the comparison still runs
//! when Python or frictionless is missing (the test says so).
//! `VITRINE_UPDATE_CONFORMANCE=1` rewrites those files from a live run.

#[path = "support/frictionless.rs"]
mod frictionless;

use std::path::PathBuf;

use frictionless::{difference, frictionless_keys, keys_of, root, vitrine_keys};
use serde_json::Value as Json;
use vitrine_core::{CsvOptions, Schema, load_data, validate};

struct Case {
    name: String,
    schema: PathBuf,
    data: PathBuf,
    /// Where frictionless's answer is stored (`None` for the shared real schemas).
    snapshot: Option<PathBuf>,
    spec: Json,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let dir = root().join("tests/conformance/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let spec = std::fs::read_to_string(path.join("case.json"))
            .ok()
            .map(|t| serde_json::from_str(&t).expect("case.json is JSON"))
            .unwrap_or(Json::Null);
        out.push(Case {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            schema: path.join("schema.json"),
            data: path.join("data.csv"),
            snapshot: Some(path.join("frictionless.json")),
            spec,
        });
    }
    let real = root().join("tests/real-schemas");
    for (dir, files) in [
        ("irve-statique", &["exemple-valide.csv"][..]),
        (
            "stationnement",
            &["exemple-valide.csv", "exemple-invalide.csv"][..],
        ),
        ("dispositif-aide", &["exemple.csv"][..]),
    ] {
        for f in files {
            assert!(
                real.join(dir).join(f).exists(),
                "missing tests/real-schemas/{dir}/{f}"
            );
            out.push(Case {
                name: format!("real-schemas/{dir}/{f}"),
                schema: real.join(dir).join("schema.json"),
                data: real.join(dir).join(f),
                snapshot: None,
                spec: Json::Null,
            });
        }
    }
    out
}

/// frictionless's reports of every case, from one Python process.
fn run_frictionless(cases: &[Case]) -> Option<Vec<Json>> {
    let pairs: Vec<_> = cases
        .iter()
        .map(|c| (c.schema.as_path(), c.data.as_path()))
        .collect();
    frictionless::run(&pairs)
}

#[test]
fn vitrine_agrees_with_frictionless() {
    let cases = cases();
    assert!(cases.len() >= 15, "corpus not found");
    let live = run_frictionless(&cases);
    if live.is_none() {
        println!(
            "python3 with frictionless is not available: comparing with the stored frictionless.json answers only \
             (install it with `pip install frictionless` for a live comparison)"
        );
    }
    let update = std::env::var_os("VITRINE_UPDATE_CONFORMANCE").is_some();
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let stored = case
            .snapshot
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .and_then(|t| serde_json::from_str::<Json>(&t).ok());
        let reference = match (&live, &stored) {
            (Some(l), _) => l[i].clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => {
                println!(
                    "{}: skipped (no frictionless and no stored answer)",
                    case.name
                );
                continue;
            }
        };
        if let (Some(l), Some(path)) = (&live, &case.snapshot) {
            if update {
                std::fs::write(path, serde_json::to_string_pretty(&l[i]).unwrap() + "\n").unwrap();
            } else if stored.as_ref().map(frictionless_keys) != Some(frictionless_keys(&l[i])) {
                failures.push(format!(
                    "{}: stored frictionless.json differs from live frictionless (rerun with VITRINE_UPDATE_CONFORMANCE=1 after review)",
                    case.name
                ));
            }
        }
        let schema = Schema::from_slice(&std::fs::read(&case.schema).unwrap())
            .unwrap_or_else(|e| panic!("{}: schema: {e}", case.name));
        let bytes = std::fs::read(&case.data).unwrap();
        let loaded = load_data(&bytes, &case.data.to_string_lossy(), CsvOptions::default());
        if case.spec["vitrineFails"].as_bool() == Some(true) {
            match loaded {
                Err(e) => println!("{}: refused as intended ({})", case.name, e.message("en")),
                Ok(_) => failures.push(format!("{}: Vitrine should refuse this file", case.name)),
            }
            continue;
        }
        let table = loaded.unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let report = validate(&schema, &table);
        let ours = vitrine_keys(&report.errors);
        let mut expected = frictionless_keys(&reference);
        let only = |k: &str| keys_of(case.spec[k].as_array().map(Vec::as_slice).unwrap_or(&[]));
        for k in only("frictionlessOnly") {
            match expected.iter().position(|e| *e == k) {
                Some(p) => {
                    expected.remove(p);
                }
                None => failures.push(format!(
                    "{}: listed frictionless-only error {k:?} not reported by frictionless",
                    case.name
                )),
            }
        }
        expected.extend(only("vitrineOnly"));
        expected.sort();
        if !case.spec.is_null() {
            println!(
                "{}: deliberate difference: {}",
                case.name,
                case.spec["reason"].as_str().unwrap_or("")
            );
        }
        failures.extend(difference(&case.name, &ours, &expected));
    }
    assert!(
        failures.is_empty(),
        "differences with frictionless:\n{}",
        failures.join("\n")
    );
}
