use std::collections::HashSet;

use super::*;
use taxonomy::TAXONOMY;

const SCHEMA: &str = include_str!("../../../schema/bibliotheque-ia.schema.json");

fn schema() -> Schema {
    Schema::from_json(SCHEMA).expect("the IA schema parses")
}

fn generate_bytes(rows: usize, rate: f64, seed: u64) -> Vec<u8> {
    let mut out = Vec::new();
    generate(&schema(), rows, rate, seed, &mut out).expect("generation succeeds");
    out
}

fn records(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn real_date(text: &str, with_day: bool) -> bool {
    let parts: Vec<u32> = text.split('/').filter_map(|p| p.parse().ok()).collect();
    let (day, month, year) = match (with_day, parts.as_slice()) {
        (true, [d, m, y]) => (*d, *m, *y),
        (false, [m, y]) => (1, *m, *y),
        _ => return false,
    };
    let days = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Schema rules the generator promises to respect, checked independently.
fn problems(schema: &Schema, row: &[String], seen_ids: &mut HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    if row.len() != schema.fields.len() {
        out.push(format!("{} cells", row.len()));
        return out;
    }
    let cell = |name: &str| row[schema.index(name).unwrap()].as_str();
    for (field, value) in schema.fields.iter().zip(row) {
        if value.is_empty() {
            if field.required {
                out.push(format!("{} required", field.name));
            }
            continue;
        }
        if field.kind == "list" {
            let items: Vec<&str> = value.split(field.delimiter.as_str()).collect();
            if field.max_items.is_some_and(|m| items.len() > m) {
                out.push(format!("{} too many items", field.name));
            }
            if !field.values.is_empty()
                && items.iter().any(|i| !field.values.iter().any(|v| v == i))
            {
                out.push(format!("{} item", field.name));
            }
        } else if !field.values.is_empty() && !field.values.contains(value) {
            out.push(format!("{} enum", field.name));
        }
    }
    let siret = cell("coll_siret");
    if siret.len() != 14 || !siret.bytes().all(|b| b.is_ascii_digit()) || !luhn_ok(siret) {
        out.push("coll_siret".into());
    }
    let contact = cell("projet_contact");
    if !contact.is_empty() && !contact.contains('@') {
        out.push("projet_contact".into());
    }
    if !cell("url_infos").is_empty() && !cell("url_infos").starts_with("https://") {
        out.push("url_infos".into());
    }
    if !real_date(cell("date"), true) {
        out.push("date".into());
    }
    let start = cell("projet_date");
    if !real_date(start, true) && !real_date(start, false) {
        out.push("projet_date".into());
    }
    if (cell("projet_status") == "Abandonné") == cell("status_abandon").is_empty() {
        out.push("status_abandon".into());
    }
    if !seen_ids.insert(cell("id").to_string()) {
        out.push("duplicate id".into());
    }
    out
}

#[test]
fn same_seed_gives_the_same_bytes() {
    assert_eq!(generate_bytes(200, 0.1, 7), generate_bytes(200, 0.1, 7));
    assert_ne!(generate_bytes(200, 0.1, 7), generate_bytes(200, 0.1, 8));
}

#[test]
fn rows_have_every_schema_field_and_follow_the_schema() {
    let schema = schema();
    let (header, rows) = records(&generate_bytes(500, 0.0, 1));
    let names: Vec<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(header, names);
    assert_eq!(names.len(), 37);
    assert_eq!(rows.len(), 500);
    let mut seen = HashSet::new();
    for row in &rows {
        assert_eq!(
            problems(&schema, row, &mut seen),
            Vec::<String>::new(),
            "{row:?}"
        );
    }
}

#[test]
fn sub_themes_belong_to_the_theme() {
    let schema = schema();
    let (_, rows) = records(&generate_bytes(300, 0.0, 3));
    let (theme, sub) = (
        schema.index("theme").unwrap(),
        schema.index("sous_theme").unwrap(),
    );
    for row in rows {
        let (_, allowed) = TAXONOMY
            .iter()
            .find(|(t, _)| *t == row[theme])
            .expect("known theme");
        for item in row[sub].split('|').filter(|s| !s.is_empty()) {
            assert!(
                allowed.contains(&item),
                "{item} is not a sub-theme of {}",
                row[theme]
            );
        }
    }
}

#[test]
fn every_enumerated_value_is_used() {
    let schema = schema();
    let (_, rows) = records(&generate_bytes(2000, 0.0, 5));
    for name in [
        "coll_type",
        "projet_status",
        "theme",
        "type_algorithme",
        "risque_categorie",
    ] {
        let i = schema.index(name).unwrap();
        for value in schema.values(name) {
            assert!(rows.iter().any(|r| &r[i] == value), "{name} never {value}");
        }
    }
}

#[test]
fn rows_weigh_about_1_6_kb() {
    let bytes = generate_bytes(1000, 0.0, 1);
    let per_row = bytes.len() / 1000;
    assert!((1400..=1800).contains(&per_row), "{per_row} bytes per row");
}

#[test]
fn invalid_rate_one_breaks_every_row_with_each_kind_in_turn() {
    let schema = schema();
    let rows_count = DEFECTS.len() * 3;
    let mut out = Vec::new();
    let counts = generate(&schema, rows_count, 1.0, 11, &mut out).unwrap();
    let (_, rows) = records(&out);
    let mut seen = HashSet::new();
    for (n, row) in rows.iter().enumerate() {
        let found = problems(&schema, row, &mut seen);
        assert!(!found.is_empty(), "row {n} has no error: {row:?}");
    }
    assert!(counts.iter().all(|(_, n)| *n == 3), "{counts:?}");
}

#[test]
fn invalid_rate_breaks_about_that_fraction() {
    let schema = schema();
    let (_, rows) = records(&generate_bytes(2000, 0.1, 2));
    let mut seen = HashSet::new();
    let broken = rows
        .iter()
        .filter(|r| !problems(&schema, r, &mut seen).is_empty())
        .count();
    assert!(
        (140..=260).contains(&broken),
        "{broken} broken rows of 2000"
    );
}

#[test]
fn options_parse_flags_and_defaults() {
    let args: Vec<String> = ["--rows", "10", "--out", "x.csv"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let o = Options::parse(&args).unwrap();
    assert_eq!(
        (o.rows, o.out.as_path(), o.invalid_rate, o.seed),
        (10, Path::new("x.csv"), 0.0, 1)
    );
    let args: Vec<String> = [
        "--rows",
        "5",
        "--out",
        "y",
        "--invalid-rate",
        "0.25",
        "--seed",
        "9",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let o = Options::parse(&args).unwrap();
    assert_eq!((o.invalid_rate, o.seed), (0.25, 9));
    for bad in [
        &["--out", "x"][..],
        &["--rows", "x", "--out", "y"],
        &["--rows", "1", "--out", "y", "--invalid-rate", "2"],
        &["--bogus"],
    ] {
        let args: Vec<String> = bad.iter().map(|s| s.to_string()).collect();
        assert!(Options::parse(&args).is_err(), "{bad:?}");
    }
}

#[test]
fn generated_sirets_pass_luhn_for_siren_and_siret() {
    let mut rng = Rng::new(4);
    for _ in 0..200 {
        let s = siret(&mut rng, "21");
        assert_eq!(s.len(), 14);
        assert!(luhn_ok(&s) && luhn_ok(&s[..9]), "{s}");
    }
    assert!(luhn_ok("21380412300015") && !luhn_ok("21380412300016"));
}
