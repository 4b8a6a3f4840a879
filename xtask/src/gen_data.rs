//! `cargo xtask gen-data --rows N --out FILE [--invalid-rate R] [--seed S] [--schema PATH]`
//!
//! Writes a CSV of N IA-shaped rows (all fields of
//! `schema/bibliotheque-ia.schema.json`, `id` included) for benchmarks and
//! load tests. The schema is read at run time: enumerated values, list
//! delimiters and required flags come from it, so the rows follow the schema.
//!
//! - Deterministic: the same arguments give the same bytes (SplitMix64 seeded
//!   with `--seed`, default 1).
//! - Realistic sizes: long French descriptions assembled from phrase banks,
//!   about 1.6 KB a row on average.
//! - Valid by default: valid SIRETs (Luhn), values from the schema's
//!   enumerations, sub-themes of the chosen theme, real dates, http(s) URLs,
//!   relative logo paths, unique ids.
//! - `--invalid-rate R` (0 to 1): that fraction of rows gets exactly one
//!   error, drawn in turn from [`Defect`]: a value outside an enumeration, a
//!   SIRET with a wrong checksum, a 9-digit SIRET, an email without `@`, a
//!   `javascript:` URL, an impossible date, a missing required value, an
//!   abandoned project without explanation, a list item outside its
//!   enumeration, three sub-themes, an ISO-ordered start date, a duplicate
//!   id, an extra cell, two missing cells. The counts are printed at the end.

mod defects;
mod phrases;
mod rng;
mod schema;
mod taxonomy;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use defects::inject;
pub use defects::{DEFECTS, Defect};
use rng::Rng;
use schema::Schema;
use taxonomy::sub_themes;

#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    pub rows: usize,
    pub out: PathBuf,
    pub invalid_rate: f64,
    pub seed: u64,
    pub schema: PathBuf,
}

const USAGE: &str =
    "usage: cargo xtask gen-data --rows N --out FILE [--invalid-rate R] [--seed S] [--schema PATH]";

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, String> {
        let mut rows = None;
        let mut out = None;
        let mut invalid_rate = 0.0;
        let mut seed = 1;
        let mut schema = workspace_root().join("schema/bibliotheque-ia.schema.json");
        let mut it = args.iter();
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
            match flag.as_str() {
                "--rows" => rows = Some(value()?.parse().map_err(|e| format!("--rows: {e}"))?),
                "--out" => out = Some(PathBuf::from(value()?)),
                "--invalid-rate" => {
                    invalid_rate = value()?
                        .parse()
                        .map_err(|e| format!("--invalid-rate: {e}"))?;
                    if !(0.0..=1.0).contains(&invalid_rate) {
                        return Err("--invalid-rate must be between 0 and 1".into());
                    }
                }
                "--seed" => seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
                "--schema" => schema = PathBuf::from(value()?),
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown argument {other}\n{USAGE}")),
            }
        }
        Ok(Options {
            rows: rows.ok_or(format!("--rows is required\n{USAGE}"))?,
            out: out.ok_or(format!("--out is required\n{USAGE}"))?,
            invalid_rate,
            seed,
            schema,
        })
    }
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Entry point of `cargo xtask gen-data`.
pub fn run(args: &[String]) -> Result<(), String> {
    let opts = Options::parse(args)?;
    let text = std::fs::read_to_string(&opts.schema)
        .map_err(|e| format!("{}: {e}", opts.schema.display()))?;
    let schema = Schema::from_json(&text)?;
    if let Some(dir) = opts.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let file = File::create(&opts.out).map_err(|e| format!("{}: {e}", opts.out.display()))?;
    let start = std::time::Instant::now();
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let stats = generate(&schema, opts.rows, opts.invalid_rate, opts.seed, &mut out)?;
    out.flush().map_err(|e| e.to_string())?;
    let bytes = std::fs::metadata(&opts.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "gen-data: {} rows, {} bytes ({:.0} B/row) in {:.2?} -> {}",
        opts.rows,
        bytes,
        bytes as f64 / opts.rows.max(1) as f64,
        start.elapsed(),
        opts.out.display()
    );
    if stats.iter().any(|(_, n)| *n > 0) {
        eprintln!("gen-data: injected errors:");
        for (defect, n) in stats.iter().filter(|(_, n)| *n > 0) {
            eprintln!("  {defect:?}: {n}");
        }
    }
    Ok(())
}

/// Writes the header and `rows` rows as CSV; returns the injected error counts.
pub fn generate<W: Write>(
    schema: &Schema,
    rows: usize,
    invalid_rate: f64,
    seed: u64,
    out: W,
) -> Result<Vec<(Defect, usize)>, String> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer
        .write_record(schema.fields.iter().map(|f| f.name.as_str()))
        .map_err(|e| e.to_string())?;
    let mut rng = Rng::new(seed);
    let mut counts: Vec<(Defect, usize)> = DEFECTS.iter().map(|d| (*d, 0)).collect();
    let mut previous_id = String::new();
    let mut next_defect = 0;
    for n in 0..rows {
        let mut row = gen_row(schema, &mut rng, n);
        if invalid_rate > 0.0 && rng.chance(invalid_rate) {
            let defect = DEFECTS[next_defect % DEFECTS.len()];
            next_defect += 1;
            if inject(schema, &mut row, defect, &previous_id) {
                counts[DEFECTS.iter().position(|d| *d == defect).unwrap_or(0)].1 += 1;
            }
        }
        if let Some(i) = schema.index("id") {
            previous_id.clone_from(&row[i]);
        }
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    Ok(counts)
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// Appends the digit that makes `prefix` pass the Luhn check.
fn with_check_digit(prefix: &str) -> String {
    (0..10)
        .map(|d| format!("{prefix}{d}"))
        .find(|s| luhn_ok(s))
        .unwrap_or_else(|| format!("{prefix}0"))
}

/// A SIRET whose SIREN (9 digits) and SIRET (14 digits) both pass Luhn.
fn siret(rng: &mut Rng, prefix: &str) -> String {
    let mut siren = prefix.to_string();
    while siren.len() < 8 {
        siren.push(char::from(b'0' + rng.below(10) as u8));
    }
    let siren = with_check_digit(&siren);
    with_check_digit(&format!("{siren}{:04}", rng.range(1, 60)))
}

fn date(rng: &mut Rng, years: (usize, usize)) -> String {
    format!(
        "{:02}/{:02}/{}",
        rng.range(1, 28),
        rng.range(1, 12),
        rng.range(years.0, years.1)
    )
}

fn pick_or(rng: &mut Rng, values: &[String], fallback: &str) -> String {
    if values.is_empty() {
        fallback.to_string()
    } else {
        rng.pick_str(values).to_string()
    }
}

fn gen_row(schema: &Schema, rng: &mut Rng, n: usize) -> Vec<String> {
    let coll_type = pick_or(rng, schema.values("coll_type"), "Commune");
    let place = phrases::place_name(rng);
    let coll_nom = format!("{} {place}", phrases::authority_prefix(&coll_type, rng));
    let place_slug = phrases::slug(&place);
    let theme = pick_or(rng, schema.values("theme"), "");
    let status = pick_or(rng, schema.values("projet_status"), "");
    let algorithm = rng.pick(phrases::ALGORITHM_NAMES);
    let id = format!("{place_slug}-{}-{n}", phrases::slug(algorithm));
    let mut row = Vec::with_capacity(schema.fields.len());
    for field in &schema.fields {
        let optional_empty = !field.required && rng.chance(0.15);
        let value = match field.name.as_str() {
            "id" => id.clone(),
            "coll_nom" => coll_nom.clone(),
            "nom_projet" => format!("{} — {}", algorithm, theme.to_lowercase()),
            "coll_siret" => {
                let prefix = phrases::siren_prefix(&coll_type, rng);
                siret(rng, prefix)
            }
            "coll_type" => coll_type.clone(),
            "projet_date" if rng.chance(0.5) => {
                format!("{:02}/{}", rng.range(1, 12), rng.range(2018, 2025))
            }
            "projet_date" => date(rng, (2018, 2025)),
            "projet_status" => status.clone(),
            "status_abandon" if status == "Abandonné" => {
                rng.pick(phrases::ABANDON_REASONS).to_string()
            }
            "status_abandon" => String::new(),
            "theme" => theme.clone(),
            "sous_theme" => {
                let k = rng_count(rng, field.max_items.unwrap_or(2));
                sub_themes(schema, rng, &theme, k)
            }
            "partenaires" if optional_empty => String::new(),
            "partenaires" => {
                let k = rng.range(1, 3);
                (0..k)
                    .map(|_| rng.pick(phrases::PARTNERS))
                    .collect::<Vec<_>>()
                    .join(&field.delimiter)
            }
            "projet_contact" => format!("{}@{place_slug}.example", rng.pick(phrases::SERVICES)),
            "financement" => rng.pick(phrases::FUNDING).to_string(),
            "usage_description" => phrases::paragraph(rng, 2, 4),
            "nom_algorithme" => algorithm.to_string(),
            "algorithme_description" => phrases::paragraph(rng, 1, 2),
            "algorithme_operations" => phrases::operations(rng, 1, 3),
            "impact_environnement" => {
                format!("Estimation : {} kg eq. CO2 par an.", rng.range(5, 4000))
            }
            "risque" | "proportionalite" => phrases::paragraph(rng, 1, 1),
            "decision" => rng.pick(phrases::DECISIONS).to_string(),
            "objection" => rng.pick(phrases::OBJECTIONS).to_string(),
            "reversibilite" => rng.pick(phrases::REVERSIBILITY).to_string(),
            "url_infos" => format!("https://www.{place_slug}.example/projets/{id}"),
            "url_ressources" => format!("https://data.{place_slug}.example/jeux/{id}"),
            "image_url" => format!("logos/{}.svg", rng.pick(phrases::LOGOS)),
            "date" => date(rng, (2023, 2025)),
            _ if field.kind == "list" && !field.values.is_empty() => {
                let k = rng.range(1, field.max_items.unwrap_or(3).min(3));
                rng.sample(&field.values, k).join(&field.delimiter)
            }
            _ if !field.values.is_empty() => rng.pick_str(&field.values).to_string(),
            _ => phrases::sentence(rng),
        };
        let keep = field.required || !optional_empty || field.name == "status_abandon";
        row.push(if keep { value } else { String::new() });
    }
    row
}

fn rng_count(rng: &mut Rng, max: usize) -> usize {
    if max >= 2 && rng.chance(0.4) { 2 } else { 1 }
}

#[cfg(test)]
mod tests;
