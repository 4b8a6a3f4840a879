//! Frictionless Table Schema (v1 plus the v2 `list` type) with Vitrine's
//! `vitrine:*` extensions.

pub mod constraints;
pub mod extensions;
pub mod field;
pub mod types;

use std::fmt;

use serde_json::{Map, Value as Json};

use crate::name_map::NameMap;

pub use constraints::{Bound, Constraints, FullMatch};
pub use extensions::{
    Category, FieldExtensions, ItemConstraints, Localized, RequiredWhen, SafeUrl, SchemaExtensions,
    Visibility,
};
pub use field::Field;
pub use types::{FieldType, GeoPointFormat, StringFormat, TemporalFormat};

/// Why a schema could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaError {
    /// The text is not JSON.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The JSON is not a Table Schema (no `fields` list, bad keys, …).
    NotTableSchema(String),
    /// A field is invalid; the message names it.
    Field(String),
}

impl SchemaError {
    /// A sentence in French (`lang == "fr"`) or English describing the problem.
    pub fn message(&self, lang: &str) -> String {
        let fr = lang == "fr";
        match self {
            SchemaError::NotJson {
                line,
                column,
                detail,
            } => {
                if fr {
                    format!(
                        "le schéma n'est pas du JSON valide (ligne {line}, colonne {column}) : {detail}"
                    )
                } else {
                    format!("the schema is not valid JSON (line {line}, column {column}): {detail}")
                }
            }
            SchemaError::NotTableSchema(d) => {
                if fr {
                    format!("ce n'est pas un Table Schema : {d}")
                } else {
                    format!("not a Table Schema: {d}")
                }
            }
            SchemaError::Field(d) => {
                if fr {
                    format!("champ invalide dans le schéma : {d}")
                } else {
                    format!("invalid field in the schema: {d}")
                }
            }
        }
    }
}

impl fmt::Display for SchemaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for SchemaError {}

/// A parsed Table Schema.
#[derive(Debug, Clone)]
pub struct Schema {
    pub fields: Vec<Field>,
    /// Texts read as missing (default `[""]`).
    pub missing_values: Vec<String>,
    /// Field names of the primary key (empty when there is none).
    pub primary_key: Vec<String>,
    /// Each unique key is a list of field names.
    pub unique_keys: Vec<Vec<String>>,
    pub extensions: SchemaExtensions,
    /// The schema's JSON descriptor exactly as given (unknown keys kept).
    pub descriptor: Map<String, Json>,
    index: NameMap<usize>,
}

pub(crate) fn string_list(v: &Json, key: &str) -> Result<Vec<String>, String> {
    v.as_array()
        .ok_or_else(|| format!("\"{key}\" must be a list of strings"))?
        .iter()
        .map(|s| {
            s.as_str()
                .map(String::from)
                .ok_or_else(|| format!("\"{key}\" must be a list of strings"))
        })
        .collect()
}

fn key_list(v: &Json, key: &str) -> Result<Vec<String>, String> {
    match v {
        Json::String(s) => Ok(vec![s.clone()]),
        other => string_list(other, key),
    }
}

impl Schema {
    /// Parses a schema from JSON text.
    pub fn from_json(text: &str) -> Result<Schema, SchemaError> {
        let json: Json = serde_json::from_str(text).map_err(|e| SchemaError::NotJson {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })?;
        Schema::from_value(&json)
    }

    /// Parses a schema from JSON bytes (must be UTF-8).
    pub fn from_slice(bytes: &[u8]) -> Result<Schema, SchemaError> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|e| SchemaError::NotJson {
            line: 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count(),
            column: 0,
            detail: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        })?;
        Schema::from_json(text)
    }

    /// Parses a schema from a JSON value.
    pub fn from_value(json: &Json) -> Result<Schema, SchemaError> {
        let not = |m: &str| SchemaError::NotTableSchema(m.to_string());
        let d = json
            .as_object()
            .ok_or_else(|| not("the schema must be a JSON object"))?;
        let list = d
            .get("fields")
            .ok_or_else(|| not("no \"fields\" list"))?
            .as_array()
            .ok_or_else(|| not("\"fields\" must be a list"))?;
        let mut fields = Vec::with_capacity(list.len());
        let mut index = NameMap::new();
        for (i, f) in list.iter().enumerate() {
            let field = Field::from_descriptor(f, i).map_err(SchemaError::Field)?;
            if index.insert(field.name.clone(), i).is_some() {
                return Err(SchemaError::Field(format!(
                    "field \"{}\" is defined twice",
                    field.name
                )));
            }
            fields.push(field);
        }
        let missing_values = match d.get("missingValues") {
            None => vec![String::new()],
            Some(v) => string_list(v, "missingValues").map_err(SchemaError::NotTableSchema)?,
        };
        let primary_key = match d.get("primaryKey") {
            None => Vec::new(),
            Some(v) => key_list(v, "primaryKey").map_err(SchemaError::NotTableSchema)?,
        };
        let mut unique_keys = Vec::new();
        if let Some(v) = d.get("uniqueKeys") {
            for key in v
                .as_array()
                .ok_or_else(|| not("\"uniqueKeys\" must be a list"))?
            {
                unique_keys.push(key_list(key, "uniqueKeys").map_err(SchemaError::NotTableSchema)?);
            }
        }
        for name in primary_key.iter().chain(unique_keys.iter().flatten()) {
            if !index.contains_key(name) {
                return Err(not(&format!("key field \"{name}\" is not in \"fields\"")));
            }
        }
        let extensions = SchemaExtensions::parse(d).map_err(SchemaError::NotTableSchema)?;
        let schema = Schema {
            fields,
            missing_values,
            primary_key,
            unique_keys,
            extensions,
            descriptor: d.clone(),
            index,
        };
        schema.check_references()?;
        Ok(schema)
    }

    fn check_references(&self) -> Result<(), SchemaError> {
        let categories = &self.extensions.categories;
        for f in &self.fields {
            if let Some(rw) = &f.extensions.required_when
                && self.field_index(&rw.field).is_none()
            {
                return Err(SchemaError::Field(format!(
                    "field \"{}\": \"vitrine:requiredWhen\" names unknown field \"{}\"",
                    f.name, rw.field
                )));
            }
            if let Some(c) = &f.extensions.category
                && !categories.is_empty()
                && !categories.iter().any(|k| &k.name == c)
            {
                return Err(SchemaError::Field(format!(
                    "field \"{}\": category \"{c}\" is not in \"vitrine:categories\"",
                    f.name
                )));
            }
        }
        Ok(())
    }

    /// The position of a field by name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.field_index(name).map(|i| &self.fields[i])
    }

    /// The missing values that apply to a field.
    pub fn missing_values_of<'a>(&'a self, field: &'a Field) -> &'a [String] {
        field
            .missing_values
            .as_deref()
            .unwrap_or(&self.missing_values)
    }

    /// The schema without its restricted fields (`vitrine:visibility: restricted`):
    /// the fields, the descriptor's `fields`, and any key naming them are removed.
    pub fn without_restricted(&self) -> Schema {
        let keep = |name: &str| self.field(name).is_some_and(|f| !f.is_restricted());
        let mut schema = self.clone();
        schema.fields.retain(|f| !f.is_restricted());
        schema.index = schema
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.clone(), i))
            .collect();
        if !schema.primary_key.iter().all(|n| keep(n)) {
            schema.primary_key.clear();
            schema.descriptor.remove("primaryKey");
        }
        schema.unique_keys.retain(|k| k.iter().all(|n| keep(n)));
        if schema.descriptor.contains_key("uniqueKeys") {
            let keys: Vec<Json> = schema
                .unique_keys
                .iter()
                .map(|k| Json::Array(k.iter().map(|n| Json::String(n.clone())).collect()))
                .collect();
            schema
                .descriptor
                .insert("uniqueKeys".into(), Json::Array(keys));
        }
        schema.descriptor.insert(
            "fields".into(),
            Json::Array(
                schema
                    .fields
                    .iter()
                    .map(|f| Json::Object(f.descriptor.clone()))
                    .collect(),
            ),
        );
        schema
    }

    /// The schema as JSON (its descriptor).
    pub fn to_json(&self) -> Json {
        Json::Object(self.descriptor.clone())
    }
}
