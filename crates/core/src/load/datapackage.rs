//! `datapackage.json`: the first tabular resource gives the data and schema.
//! Files named by the package are read through a caller-supplied resolver.

use serde_json::Value as Json;

use super::{CsvOptions, LoadError, load_csv, load_json};
use crate::schema::Schema;
use crate::table::Table;

/// A resolved tabular resource.
#[derive(Debug, Clone)]
pub struct Package {
    /// The resource's `name` (or its position when unnamed).
    pub resource: String,
    pub schema: Schema,
    pub table: Table,
}

fn is_tabular(r: &Json) -> bool {
    r.get("profile").and_then(Json::as_str) == Some("tabular-data-resource")
        || r.get("type").and_then(Json::as_str) == Some("table")
        || r.get("schema").is_some()
}

/// Reads a datapackage.json. `resolve` returns the bytes of a path named by
/// the package (relative to it), or a message saying why it cannot.
pub fn load_datapackage(
    bytes: &[u8],
    resolve: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Package, LoadError> {
    let err = |m: String| LoadError::DataPackage(m);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let json: Json = serde_json::from_slice(bytes).map_err(|e| {
        err(format!(
            "not JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let resources = json
        .get("resources")
        .and_then(Json::as_array)
        .ok_or_else(|| err("no \"resources\" list".into()))?;
    let (pos, resource) = resources
        .iter()
        .enumerate()
        .find(|(_, r)| is_tabular(r))
        .ok_or_else(|| err("no tabular resource (one with a \"schema\")".into()))?;
    let name = resource
        .get("name")
        .and_then(Json::as_str)
        .map(String::from)
        .unwrap_or_else(|| format!("resource {}", pos + 1));
    let schema = match resource.get("schema") {
        Some(Json::String(path)) => {
            let bytes =
                resolve(path).map_err(|m| err(format!("{name}: schema \"{path}\": {m}")))?;
            Schema::from_slice(&bytes)
                .map_err(|e| err(format!("{name}: schema \"{path}\": {e}")))?
        }
        Some(v @ Json::Object(_)) => {
            Schema::from_value(v).map_err(|e| err(format!("{name}: schema: {e}")))?
        }
        _ => {
            return Err(err(format!(
                "{name}: \"schema\" must be a path or an object"
            )));
        }
    };
    let table = if let Some(Json::Array(rows)) = resource.get("data") {
        super::json::table_from_json(rows)?
    } else {
        let path = match resource.get("path") {
            Some(Json::String(p)) => p.clone(),
            Some(Json::Array(paths)) => paths
                .first()
                .and_then(Json::as_str)
                .map(String::from)
                .ok_or_else(|| err(format!("{name}: empty \"path\" list")))?,
            _ => return Err(err(format!("{name}: no \"path\" or \"data\""))),
        };
        let data = resolve(&path).map_err(|m| err(format!("{name}: data \"{path}\": {m}")))?;
        let format = resource.get("format").and_then(Json::as_str).unwrap_or("");
        if format == "json" || path.to_ascii_lowercase().ends_with(".json") {
            load_json(&data)?
        } else {
            let delimiter = resource
                .pointer("/dialect/delimiter")
                .and_then(Json::as_str)
                .and_then(|d| d.bytes().next());
            load_csv(&data, CsvOptions { delimiter })?
        }
    };
    Ok(Package {
        resource: name,
        schema,
        table,
    })
}
