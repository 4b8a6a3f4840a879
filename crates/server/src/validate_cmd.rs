//! `vitrine validate DATA [--schema SCHEMA] [--format text|json] [--lang fr|en]`.
//!
//! Exit code 0 when the data is valid, 1 when it has errors, 2 when the
//! schema or the data cannot be read.

use std::path::{Path, PathBuf};

use vitrine_core::{
    CsvOptions, Report, Schema, ValidateOptions, load_data, load_datapackage, validate_with,
};

/// Output format of `vitrine validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Arguments of `vitrine validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Data file: CSV, JSON (array of objects or {"data": [...]}) or datapackage.json.
    pub data: PathBuf,
    /// Table Schema (JSON). Not needed for a datapackage.json.
    #[arg(long)]
    pub schema: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Language of the messages: fr or en.
    #[arg(long, default_value = "fr")]
    pub lang: String,
    /// CSV delimiter (sniffed among , ; tab | when absent).
    #[arg(long)]
    pub delimiter: Option<char>,
}

fn read(path: &Path, lang: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| {
        if lang == "fr" {
            format!("{} : lecture impossible : {e}", path.display())
        } else {
            format!("{}: cannot read: {e}", path.display())
        }
    })
}

fn is_datapackage(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .is_some_and(|v| v.get("resources").is_some())
}

/// Runs the command and returns the process exit code.
pub fn run(args: &ValidateArgs) -> i32 {
    let lang = if args.lang == "en" { "en" } else { "fr" };
    match load_and_validate(args, lang) {
        Ok(report) => {
            match args.format {
                Format::Json => println!("{}", report.to_json()),
                Format::Text => print!("{}", render_text(&report, &args.data, lang)),
            }
            if report.valid { 0 } else { 1 }
        }
        Err(message) => {
            match args.format {
                Format::Json => println!(
                    "{}",
                    serde_json::json!({ "valid": false, "error": message })
                ),
                Format::Text => {}
            }
            eprintln!("vitrine validate: {message}");
            2
        }
    }
}

fn load_and_validate(args: &ValidateArgs, lang: &str) -> Result<Report, String> {
    let data_name = args.data.display().to_string();
    let bytes = read(&args.data, lang)?;
    let delimiter = args.delimiter.and_then(|c| u8::try_from(c).ok());
    let (schema, table) = if args.schema.is_none() && is_datapackage(&bytes) {
        let base = args
            .data
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let resolve = |p: &str| std::fs::read(base.join(p)).map_err(|e| e.to_string());
        let package = load_datapackage(&bytes, &resolve)
            .map_err(|e| format!("{data_name}: {}", e.message(lang)))?;
        (package.schema, package.table)
    } else {
        let schema_path = args.schema.as_ref().ok_or_else(|| {
            if lang == "fr" {
                format!(
                    "{data_name} : aucun schéma : passez --schema SCHEMA ou un datapackage.json"
                )
            } else {
                format!("{data_name}: no schema: pass --schema SCHEMA or a datapackage.json")
            }
        })?;
        let schema_bytes = read(schema_path, lang)?;
        let schema = Schema::from_slice(&schema_bytes)
            .map_err(|e| format!("{}: {}", schema_path.display(), e.message(lang)))?;
        let table = load_data(&bytes, &data_name, CsvOptions { delimiter })
            .map_err(|e| format!("{data_name}: {}", e.message(lang)))?;
        (schema, table)
    };
    Ok(validate_with(
        &schema,
        &table,
        &ValidateOptions {
            lang: lang.to_string(),
        },
    ))
}

/// A readable report: a summary line, then the errors grouped by row.
pub fn render_text(report: &Report, data: &Path, lang: &str) -> String {
    let fr = lang == "fr";
    let name = data.display();
    if report.valid {
        return if fr {
            format!("✓ {name} : valide\n")
        } else {
            format!("✓ {name}: valid\n")
        };
    }
    let counts: Vec<String> = report
        .counts()
        .iter()
        .map(|(t, n)| format!("{} {n}", t.name()))
        .collect();
    let n = report.errors.len();
    let mut out = if fr {
        format!(
            "✗ {name} : {n} erreur{} ({})\n",
            if n > 1 { "s" } else { "" },
            counts.join(", ")
        )
    } else {
        format!(
            "✗ {name}: {n} error{} ({})\n",
            if n > 1 { "s" } else { "" },
            counts.join(", ")
        )
    };
    let mut current: Option<Option<usize>> = None;
    for e in &report.errors {
        if current != Some(e.row_number) {
            current = Some(e.row_number);
            out.push('\n');
            out.push_str(&match (e.row_number, fr) {
                (None, true) => "En-tête\n".to_string(),
                (None, false) => "Header\n".to_string(),
                (Some(r), true) => format!("Ligne {r}\n"),
                (Some(r), false) => format!("Row {r}\n"),
            });
        }
        let place = match (&e.field_name, e.field_number) {
            (Some(f), Some(c)) if !f.is_empty() => format!("{f} (col. {c})"),
            (_, Some(c)) => format!("col. {c}"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "  [{}] {place}{}{}\n",
            e.error_type.name(),
            match (place.is_empty(), fr) {
                (true, _) => "",
                (false, true) => " : ",
                (false, false) => ": ",
            },
            e.message
        ));
    }
    out
}
