//! JSON data: an array of objects, an array of arrays (first one is the
//! header), or either wrapped as `{"data": [...]}`.

use serde_json::Value as Json;

use super::LoadError;
use crate::table::{Row, Table};

/// The text of a JSON value as a cell: strings as they are, `null` empty,
/// numbers and booleans as written, objects and arrays as JSON.
fn cell_text(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        other => crate::json_text::as_text(other),
    }
}

/// Builds a table from parsed JSON rows.
pub fn table_from_json(rows: &[Json]) -> Result<Table, LoadError> {
    if rows.is_empty() {
        return Ok(Table::new::<&str>(&[], Vec::new()));
    }
    if rows.iter().all(Json::is_array) {
        let header: Vec<String> = rows[0]
            .as_array()
            .into_iter()
            .flatten()
            .map(cell_text)
            .collect();
        let body = rows[1..]
            .iter()
            .map(|r| {
                Row::new(
                    &r.as_array()
                        .into_iter()
                        .flatten()
                        .map(cell_text)
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        return Ok(Table::new(&header, body));
    }
    let mut header: Vec<String> = Vec::new();
    let mut index = crate::name_map::NameMap::new();
    for (i, r) in rows.iter().enumerate() {
        let obj = r.as_object().ok_or_else(|| {
            LoadError::Json(format!(
                "row {} is not an object (expected an array of objects)",
                i + 1
            ))
        })?;
        for k in obj.keys() {
            if !index.contains_key(k) {
                index.insert(k.clone(), header.len());
                header.push(k.clone());
            }
        }
    }
    let body = rows
        .iter()
        .map(|r| {
            let obj = r.as_object().expect("checked above");
            let cells: Vec<String> = header
                .iter()
                .map(|k| obj.get(k).map(cell_text).unwrap_or_default())
                .collect();
            Row::new(&cells)
        })
        .collect();
    Ok(Table::new(&header, body))
}

/// Reads JSON data bytes into a [`Table`].
pub fn load_json(bytes: &[u8]) -> Result<Table, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    super::csv::check_text(bytes)?;
    let json: Json = serde_json::from_slice(bytes)
        .map_err(|e| LoadError::Json(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    let rows = match &json {
        Json::Array(rows) => rows,
        Json::Object(obj) => match obj.get("data") {
            Some(Json::Array(rows)) => rows,
            _ => {
                return Err(LoadError::Json(
                    "expected an array of rows or {\"data\": [...]}".into(),
                ));
            }
        },
        _ => {
            return Err(LoadError::Json(
                "expected an array of rows or {\"data\": [...]}".into(),
            ));
        }
    };
    table_from_json(rows)
}
