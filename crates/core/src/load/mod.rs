//! Loading tables from bytes: CSV, JSON and datapackage.json.

mod buffer;
pub mod csv;
pub mod datapackage;
mod incremental;
pub mod json;
mod records;
mod rows;

use std::fmt;

pub use self::csv::{CsvOptions, load_csv, load_csv_owned, sniff_delimiter};
pub use datapackage::{Package, load_datapackage};
pub use incremental::CsvLoader;
pub use json::load_json;

/// Loads CSV or JSON data, chosen by the file name's extension (`.json`)
/// or, failing that, by the first non-blank byte (`[` or `{`).
pub fn load_data(bytes: &[u8], name: &str, options: CsvOptions) -> Result<crate::Table, LoadError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if name.to_ascii_lowercase().ends_with(".json") || matches!(first, Some(b'[') | Some(b'{')) {
        load_json(bytes)
    } else {
        load_csv(bytes, options)
    }
}

/// Why a data file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// A NUL byte: the file is binary, not text.
    Binary { byte: usize, line: usize },
    /// The bytes are not UTF-8 from this offset.
    InvalidUtf8 { byte: usize, line: usize },
    /// A quoted field opened at this line is never closed.
    UnclosedQuote { line: usize, byte: usize },
    /// Any other CSV problem.
    Csv(String),
    /// The JSON data is not valid JSON or not a table.
    Json(String),
    /// A datapackage.json could not be used (no tabular resource, missing file…).
    DataPackage(String),
}

impl LoadError {
    /// A sentence in French (`lang == "fr"`) or English.
    pub fn message(&self, lang: &str) -> String {
        let fr = lang == "fr";
        match self {
            LoadError::Binary { byte, line } => {
                if fr {
                    format!(
                        "fichier binaire, pas du texte : octet nul à la position {byte} (ligne {line})"
                    )
                } else {
                    format!("binary file, not text: NUL byte at offset {byte} (line {line})")
                }
            }
            LoadError::InvalidUtf8 { byte, line } => {
                if fr {
                    format!(
                        "encodage invalide : UTF-8 attendu, octet invalide à la position {byte} (ligne {line})"
                    )
                } else {
                    format!(
                        "invalid encoding: expected UTF-8, invalid byte at offset {byte} (line {line})"
                    )
                }
            }
            LoadError::UnclosedQuote { line, byte } => {
                if fr {
                    format!(
                        "guillemet non fermé : le champ ouvert ligne {line} (position {byte}) court jusqu'à la fin du fichier"
                    )
                } else {
                    format!(
                        "unclosed quote: the field opened on line {line} (offset {byte}) runs to the end of the file"
                    )
                }
            }
            LoadError::Csv(d) => {
                if fr {
                    format!("CSV illisible : {d}")
                } else {
                    format!("unreadable CSV: {d}")
                }
            }
            LoadError::Json(d) => {
                if fr {
                    format!("JSON illisible : {d}")
                } else {
                    format!("unreadable JSON: {d}")
                }
            }
            LoadError::DataPackage(d) => {
                if fr {
                    format!("datapackage illisible : {d}")
                } else {
                    format!("unusable datapackage: {d}")
                }
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for LoadError {}
