//! Generated part of the differential corpus: random schemas and data,
//! from fixed seeds, validated by Vitrine and by frictionless-py, errors
//! compared by type, row number and field number.
//!
//! Each case draws 3–8 fields among the types and constraints both tools
//! implement the same way (string with minLength/maxLength/pattern/enum,
//! integer and number with minimum/maximum, boolean, ISO date, year;
//! required and unique anywhere), then 15–40 rows of mostly valid values
//! with injected faults: values of the wrong type, values breaking each
//! constraint, empty required cells, duplicates in unique columns, short
//! rows (missing-cell), long rows (extra-cell) and blank rows. The files
//! are written under `CARGO_TARGET_TMPDIR` and checked in one Python run.
//!
//! Deliberate differences: none on this feature set, where both tools
//! must agree (and do, on every generated case). The generator draws no
//! `vitrine:*` extension, the only place where Vitrine deliberately reports
//! more than frictionless; those differences are listed, case by case, in
//! the hand-written corpus (`tests/conformance/cases/*/case.json`, checked
//! by `tests/conformance.rs`), so any difference here is a bug.
//! Without python3 + frictionless the test says so and skips.
//! `VITRINE_CONFORMANCE_CASES=N` changes the number of cases (default 60).

#[path = "support/frictionless.rs"]
mod frictionless;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use frictionless::{Key, difference, frictionless_keys, vitrine_keys};
use serde_json::Value as Json;
use vitrine_core::{CsvOptions, Schema, load_data, validate};

/// xorshift64*: the same corpus on every run and every machine.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Integer,
    Number,
    Boolean,
    Date,
    Year,
}

struct FieldPlan {
    name: String,
    kind: Kind,
    required: bool,
    unique: bool,
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: bool,
    enumeration: Option<Vec<&'static str>>,
    minimum: Option<i64>,
    maximum: Option<i64>,
}

const WORDS: &[&str] = &[
    "eau",
    "école",
    "déchets",
    "mobilité",
    "énergie",
    "voirie",
    "santé",
    "culture",
    "sport",
    "numérique",
    "forêt",
    "littoral",
];
const ENUM: &[&str] = &["Eau", "Mobilité", "Déchets", "Énergie", "Culture"];

fn plan_field(rng: &mut Rng, i: usize) -> FieldPlan {
    let kind = [
        Kind::Text,
        Kind::Text,
        Kind::Integer,
        Kind::Number,
        Kind::Boolean,
        Kind::Date,
        Kind::Year,
    ][rng.below(7)];
    let mut f = FieldPlan {
        name: format!("champ_{i}"),
        kind,
        required: rng.chance(40),
        unique: rng.chance(15),
        min_length: None,
        max_length: None,
        pattern: false,
        enumeration: None,
        minimum: None,
        maximum: None,
    };
    match kind {
        Kind::Text => match rng.below(4) {
            0 => f.enumeration = Some(ENUM.to_vec()),
            1 => f.pattern = true,
            2 => {
                f.min_length = Some(3);
                f.max_length = Some(12);
            }
            _ => {}
        },
        Kind::Integer | Kind::Number if rng.chance(60) => {
            f.minimum = Some(0);
            f.maximum = Some(1000);
        }
        _ => {}
    }
    f
}

fn schema_json(fields: &[FieldPlan]) -> String {
    let fields: Vec<Json> = fields
        .iter()
        .map(|f| {
            let mut c = serde_json::Map::new();
            if f.required {
                c.insert("required".into(), Json::Bool(true));
            }
            if f.unique {
                c.insert("unique".into(), Json::Bool(true));
            }
            if let Some(n) = f.min_length {
                c.insert("minLength".into(), n.into());
            }
            if let Some(n) = f.max_length {
                c.insert("maxLength".into(), n.into());
            }
            if f.pattern {
                c.insert("pattern".into(), "[A-Z]{2}-[0-9]{3}".into());
            }
            if let Some(values) = &f.enumeration {
                c.insert("enum".into(), values.clone().into());
            }
            if let Some(n) = f.minimum {
                c.insert("minimum".into(), n.into());
            }
            if let Some(n) = f.maximum {
                c.insert("maximum".into(), n.into());
            }
            let kind = match f.kind {
                Kind::Text => "string",
                Kind::Integer => "integer",
                Kind::Number => "number",
                Kind::Boolean => "boolean",
                Kind::Date => "date",
                Kind::Year => "year",
            };
            let mut field = serde_json::json!({"name": f.name, "type": kind});
            if !c.is_empty() {
                field["constraints"] = Json::Object(c);
            }
            field
        })
        .collect();
    serde_json::json!({ "fields": fields }).to_string()
}

/// A valid value; `row` makes values distinct where a column is unique.
fn valid(rng: &mut Rng, f: &FieldPlan, row: usize) -> String {
    match f.kind {
        Kind::Text if f.pattern => format!("AB-{:03}", row % 1000),
        Kind::Text if f.enumeration.is_some() => rng.pick(ENUM).to_string(),
        Kind::Text if f.min_length.is_some() => format!("{} {row}", rng.pick(&WORDS[..6])),
        Kind::Text => format!("{} {} {row}", rng.pick(WORDS), rng.pick(WORDS)),
        Kind::Integer => (row * 7 % 1000).to_string(),
        Kind::Number => format!("{}.{}", row * 3 % 1000, rng.below(100)),
        Kind::Boolean => rng
            .pick(&["true", "false", "True", "FALSE", "1", "0"])
            .to_string(),
        Kind::Date => format!(
            "20{:02}-{:02}-{:02}",
            10 + row % 15,
            1 + row % 12,
            1 + row % 28
        ),
        Kind::Year => (1990 + row % 40).to_string(),
    }
}

/// A value of the right type that breaks one of the field's constraints,
/// or a value of the wrong type.
fn faulty(rng: &mut Rng, f: &FieldPlan) -> String {
    let wrong_type = || match f.kind {
        Kind::Text => None,
        Kind::Integer => Some("12.5"),
        Kind::Number => Some("douze"),
        Kind::Boolean => Some("oui"),
        Kind::Date => Some("2024-02-30"),
        Kind::Year => Some("20x4"),
    };
    let broken = match f.kind {
        Kind::Text if f.pattern => Some(rng.pick(&["ab-123", "AB-12", "ABC-123"]).to_string()),
        Kind::Text if f.enumeration.is_some() => Some(rng.pick(&["eau", "Autre"]).to_string()),
        Kind::Text if f.min_length.is_some() => Some(
            rng.pick(&["é", "ab", "une valeur bien trop longue"])
                .to_string(),
        ),
        Kind::Integer | Kind::Number if f.minimum.is_some() => {
            Some(rng.pick(&["-1", "1001", "5000"]).to_string())
        }
        _ => None,
    };
    match (broken, wrong_type()) {
        (Some(b), Some(t)) => {
            if rng.chance(50) {
                b
            } else {
                t.to_string()
            }
        }
        (Some(b), None) => b,
        (None, Some(t)) => t.to_string(),
        (None, None) => String::new(),
    }
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The CSV text of a case.
fn data_csv(rng: &mut Rng, fields: &[FieldPlan]) -> String {
    let mut out = String::new();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    out.push_str(&names.join(","));
    out.push('\n');
    let rows = 15 + rng.below(26);
    let mut previous: Vec<String> = Vec::new();
    for row in 0..rows {
        match rng.below(40) {
            0 => {
                out.push_str(&",".repeat(fields.len() - 1));
                out.push('\n');
                continue;
            }
            1 => {
                // A short row.
                let keep = rng.below(fields.len());
                let cells: Vec<String> = fields[..keep.max(1)]
                    .iter()
                    .map(|f| csv_cell(&valid(rng, f, row)))
                    .collect();
                writeln!(out, "{}", cells.join(",")).unwrap();
                continue;
            }
            _ => {}
        }
        let mut cells: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(c, f)| {
                let roll = rng.below(100);
                if roll < 6 {
                    String::new()
                } else if roll < 14 {
                    faulty(rng, f)
                } else if roll < 17 && f.unique && !previous.is_empty() {
                    previous[c].clone()
                } else {
                    valid(rng, f, row)
                }
            })
            .collect();
        previous = cells.clone();
        if rng.below(40) == 0 {
            cells.push("en trop".into());
        }
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        writeln!(out, "{}", line.join(",")).unwrap();
    }
    out
}

fn write_cases(dir: &Path, count: u64) -> Vec<(PathBuf, PathBuf)> {
    std::fs::create_dir_all(dir).expect("corpus directory");
    (0..count)
        .map(|seed| {
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (seed + 1).wrapping_mul(0x1000_0000_01b3));
            let fields: Vec<FieldPlan> = (0..3 + rng.below(6))
                .map(|i| plan_field(&mut rng, i))
                .collect();
            let schema = dir.join(format!("case-{seed:03}.schema.json"));
            let data = dir.join(format!("case-{seed:03}.csv"));
            std::fs::write(&schema, schema_json(&fields)).expect("schema written");
            std::fs::write(&data, data_csv(&mut rng, &fields)).expect("data written");
            (schema, data)
        })
        .collect()
}

fn frictionless_errors(cases: &[(PathBuf, PathBuf)]) -> Option<Vec<Vec<Key>>> {
    let pairs: Vec<_> = cases
        .iter()
        .map(|(schema, data)| (schema.as_path(), data.as_path()))
        .collect();
    let reports = frictionless::run(&pairs)?;
    Some(reports.iter().map(frictionless_keys).collect())
}

fn vitrine_errors(schema: &Path, data: &Path) -> Vec<Key> {
    let schema =
        Schema::from_slice(&std::fs::read(schema).unwrap()).expect("generated schema loads");
    let bytes = std::fs::read(data).unwrap();
    let table = load_data(&bytes, &data.to_string_lossy(), CsvOptions::default())
        .expect("generated data loads");
    vitrine_keys(&validate(&schema, &table).errors)
}

#[test]
fn generated_corpus_agrees_with_frictionless() {
    let count = std::env::var("VITRINE_CONFORMANCE_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(60);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("conformance-generated");
    let cases = write_cases(&dir, count);
    let Some(reference) = frictionless_errors(&cases) else {
        println!(
            "SKIPPED: python3 with frictionless is not available (pip install frictionless); \
             the generated corpus was written to {} but not compared",
            dir.display()
        );
        return;
    };
    let mut failures = Vec::new();
    let mut compared = 0;
    for ((schema, data), expected) in cases.iter().zip(&reference) {
        let ours = vitrine_errors(schema, data);
        compared += expected.len();
        failures.extend(difference(&data.display().to_string(), &ours, expected));
    }
    println!(
        "{} generated cases, {compared} frictionless errors compared",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "differences with frictionless on generated cases:\n{}",
        failures.join("\n")
    );
}
