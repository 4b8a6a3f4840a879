//! A dataset as the server holds it: the schema and table parsed by
//! vitrine-core, and the bodies served to readers (public view without the
//! restricted fields, full view with them), prepared once per version.
//!
//! This module is the server's only door to vitrine-core's data rules:
//! parsing, restricted-field removal and writing all happen in core.
//! Checking and applying changesets lives in `dataset_changes.rs`.

use std::collections::HashSet;

use serde_json::{Map, Value as Json};
use vitrine_core::validate::{ValidateOptions, ValidationError, validate_with};
use vitrine_core::{CsvOptions, Schema, Table, load_csv, write_csv};

use crate::config::DatasetConfig;
use crate::dataset_file::version_of;
use crate::representation::{Effort, Representation};

pub use crate::dataset_changes::{ApplyError, Checked};

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("schema {path}: {message}")]
    Schema { path: String, message: String },
    #[error("data {path}: {message}")]
    Data { path: String, message: String },
}

/// What one kind of reader receives.
pub struct View {
    pub csv: Representation,
    pub json: Representation,
    pub schema: Representation,
}

/// One version of a dataset, immutable; an accepted suggestion makes a new one.
pub struct Snapshot {
    version: String,
    title: String,
    pub(crate) schema: Schema,
    schema_bytes: Vec<u8>,
    pub(crate) table: Table,
    restricted: HashSet<String>,
    public: View,
    full: View,
    /// vitrine-core's validation errors of the whole data, computed once.
    errors: std::sync::OnceLock<Vec<ValidationError>>,
}

/// The bare version from a `datasetVersion` or an ETag (`W/"v.full.json"` → `v`),
/// read by vitrine-core as the widget reads it.
pub fn normalize_version(text: &str) -> String {
    vitrine_core::changeset::version_from_etag(text).unwrap_or_default()
}

impl Snapshot {
    pub fn load(config: &DatasetConfig) -> Result<Snapshot, DatasetError> {
        let read = |p: &std::path::Path| {
            std::fs::read(p).map_err(|source| DatasetError::Read {
                path: p.display().to_string(),
                source,
            })
        };
        let data = read(&config.data)?;
        let schema = read(&config.schema)?;
        Snapshot::from_bytes(config, data, schema)
    }

    pub fn from_bytes(
        config: &DatasetConfig,
        data: Vec<u8>,
        schema_bytes: Vec<u8>,
    ) -> Result<Snapshot, DatasetError> {
        let schema = Schema::from_slice(&schema_bytes).map_err(|e| DatasetError::Schema {
            path: config.schema.display().to_string(),
            message: e.message("en"),
        })?;
        let table = load_csv(&data, CsvOptions::default()).map_err(|e| DatasetError::Data {
            path: config.data.display().to_string(),
            message: e.message("en"),
        })?;
        let version = version_of(&data, &schema_bytes);
        let restricted: HashSet<String> = schema
            .fields
            .iter()
            .filter(|f| f.is_restricted())
            .map(|f| f.name.clone())
            .collect();
        let title = config
            .title
            .clone()
            .or_else(|| schema.extensions.titles.get("fr").map(String::from))
            .or_else(|| {
                schema
                    .descriptor
                    .get("title")
                    .and_then(Json::as_str)
                    .map(String::from)
            })
            .unwrap_or_else(|| config.id.clone());

        let public_schema = schema.without_restricted();
        let public_table = table.without_restricted(&schema);
        let public = build_view(
            &version,
            "",
            write_csv(&public_table),
            &public_table,
            &public_schema,
        );
        let full = build_view(&version, ".full", data, &table, &schema);
        Ok(Snapshot {
            version,
            title,
            schema,
            schema_bytes,
            table,
            restricted,
            public,
            full,
            errors: std::sync::OnceLock::new(),
        })
    }

    pub fn version(&self) -> &str {
        &self.version
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn row_count(&self) -> usize {
        self.table.len()
    }

    /// The full view (with restricted fields) or the public one.
    pub fn view(&self, full: bool) -> &View {
        if full { &self.full } else { &self.public }
    }

    pub fn is_restricted(&self, field: &str) -> bool {
        self.restricted.contains(field)
    }

    /// vitrine-core's validation errors of the whole data (messages in English).
    pub fn validation_errors(&self) -> &[ValidationError] {
        self.errors.get_or_init(|| {
            let options = ValidateOptions { lang: "en".into() };
            validate_with(&self.schema, &self.table, &options).errors
        })
    }

    pub fn schema_bytes(&self) -> &[u8] {
        &self.schema_bytes
    }
}

fn build_view(version: &str, suffix: &str, csv: Vec<u8>, table: &Table, schema: &Schema) -> View {
    let json = serde_json::to_vec(&rows_as_json(table)).unwrap_or_default();
    let schema_json = serde_json::to_vec_pretty(&schema.to_json()).unwrap_or_default();
    View {
        csv: Representation::new(
            "text/csv; charset=utf-8; header=present",
            &format!("{version}{suffix}"),
            csv,
            Effort::Fast,
        ),
        json: Representation::new(
            "application/json",
            &format!("{version}{suffix}.json"),
            json,
            Effort::Fast,
        ),
        schema: Representation::new(
            "application/json",
            &format!("{version}{suffix}.schema"),
            schema_json,
            Effort::Fast,
        ),
    }
}

/// The rows as a JSON array of objects, each cell's text under its header
/// label (missing cells as `""`).
fn rows_as_json(table: &Table) -> Json {
    let labels: Vec<String> = table.header().to_vec();
    let rows = table
        .rows()
        .iter()
        .map(|row| {
            let mut object = Map::with_capacity(labels.len());
            for (i, label) in labels.iter().enumerate() {
                object.insert(
                    label.clone(),
                    Json::String(row.get(i).unwrap_or_default().to_string()),
                );
            }
            Json::Object(object)
        })
        .collect();
    Json::Array(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_etags_and_versions() {
        assert_eq!(normalize_version("abc123"), "abc123");
        assert_eq!(normalize_version("\"abc123\""), "abc123");
        assert_eq!(normalize_version("W/\"abc123.full.json\""), "abc123");
    }
}
