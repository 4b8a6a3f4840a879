//! Field types and their type-specific options.

use crate::cast::strptime::Pattern;

/// The format of a `string` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringFormat {
    Default,
    Email,
    Uri,
    Uuid,
    Binary,
    /// A format Vitrine does not check (e.g. `wkt`); any text is accepted.
    Other(String),
}

/// The format of a `date`, `time` or `datetime` field.
#[derive(Debug, Clone, PartialEq)]
pub enum TemporalFormat {
    /// ISO 8601 (`2024-03-01`, `12:30:00`, `2024-03-01T12:30:00Z`).
    Default,
    /// Any common format (ISO, `01/03/2024`, `1 mars 2024` is not included).
    Any,
    /// A strptime pattern such as `%d/%m/%Y`.
    Pattern(Pattern),
}

/// The format of a `geopoint` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoPointFormat {
    /// `"lon, lat"`.
    Default,
    /// `[lon, lat]` as JSON.
    Array,
    /// `{"lon": …, "lat": …}` as JSON.
    Object,
}

/// A field's type with its type-specific options.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldType {
    String(StringFormat),
    Integer {
        bare_number: bool,
    },
    Number {
        decimal_char: String,
        group_char: String,
        bare_number: bool,
        /// True when one of decimalChar, groupChar or bareNumber was given.
        customized: bool,
    },
    Boolean {
        true_values: Vec<String>,
        false_values: Vec<String>,
    },
    Date(TemporalFormat),
    Time(TemporalFormat),
    DateTime(TemporalFormat),
    Year,
    YearMonth,
    Duration,
    Object,
    Array,
    GeoPoint(GeoPointFormat),
    Any,
    /// Table Schema v2 `list`: items separated by `delimiter`, each of `item_type`.
    List {
        delimiter: String,
        item_type: Box<FieldType>,
    },
}

impl FieldType {
    /// The Table Schema name of the type (`"string"`, `"integer"`, …).
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::String(_) => "string",
            FieldType::Integer { .. } => "integer",
            FieldType::Number { .. } => "number",
            FieldType::Boolean { .. } => "boolean",
            FieldType::Date(_) => "date",
            FieldType::Time(_) => "time",
            FieldType::DateTime(_) => "datetime",
            FieldType::Year => "year",
            FieldType::YearMonth => "yearmonth",
            FieldType::Duration => "duration",
            FieldType::Object => "object",
            FieldType::Array => "array",
            FieldType::GeoPoint(_) => "geopoint",
            FieldType::Any => "any",
            FieldType::List { .. } => "list",
        }
    }

    /// The format name as frictionless prints it (`"default"`, `"%d/%m/%Y"`, …).
    pub fn format_name(&self) -> String {
        match self {
            FieldType::String(f) => match f {
                StringFormat::Default => "default".into(),
                StringFormat::Email => "email".into(),
                StringFormat::Uri => "uri".into(),
                StringFormat::Uuid => "uuid".into(),
                StringFormat::Binary => "binary".into(),
                StringFormat::Other(s) => s.clone(),
            },
            FieldType::Date(f) | FieldType::Time(f) | FieldType::DateTime(f) => match f {
                TemporalFormat::Default => "default".into(),
                TemporalFormat::Any => "any".into(),
                TemporalFormat::Pattern(p) => p.source().to_string(),
            },
            FieldType::GeoPoint(f) => match f {
                GeoPointFormat::Default => "default".into(),
                GeoPointFormat::Array => "array".into(),
                GeoPointFormat::Object => "object".into(),
            },
            _ => "default".into(),
        }
    }
}

/// Parses a type name with its options from a field descriptor.
pub(crate) fn parse_type(
    type_name: &str,
    format: Option<&str>,
    descriptor: &serde_json::Map<String, serde_json::Value>,
) -> Result<FieldType, String> {
    let fmt = format.unwrap_or("default");
    let bare_number = descriptor
        .get("bareNumber")
        .and_then(|v| v.as_bool())
        .unwrap_or(true);
    let temporal = |fmt: &str| -> Result<TemporalFormat, String> {
        Ok(match fmt {
            "default" => TemporalFormat::Default,
            "any" => TemporalFormat::Any,
            pattern => TemporalFormat::Pattern(Pattern::parse(pattern)?),
        })
    };
    let strings = |key: &str, default: &[&str]| -> Vec<String> {
        match descriptor.get(key).and_then(|v| v.as_array()) {
            Some(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect(),
            None => default.iter().map(|s| s.to_string()).collect(),
        }
    };
    Ok(match type_name {
        "string" => FieldType::String(match fmt {
            "default" => StringFormat::Default,
            "email" => StringFormat::Email,
            "uri" => StringFormat::Uri,
            "uuid" => StringFormat::Uuid,
            "binary" => StringFormat::Binary,
            other => StringFormat::Other(other.to_string()),
        }),
        "integer" => FieldType::Integer { bare_number },
        "number" => FieldType::Number {
            decimal_char: descriptor
                .get("decimalChar")
                .and_then(|v| v.as_str())
                .unwrap_or(".")
                .to_string(),
            group_char: descriptor
                .get("groupChar")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            bare_number,
            customized: ["decimalChar", "groupChar", "bareNumber"]
                .iter()
                .any(|k| descriptor.contains_key(*k)),
        },
        "boolean" => FieldType::Boolean {
            true_values: strings("trueValues", &["true", "True", "TRUE", "1"]),
            false_values: strings("falseValues", &["false", "False", "FALSE", "0"]),
        },
        "date" => FieldType::Date(temporal(fmt)?),
        "time" => FieldType::Time(temporal(fmt)?),
        "datetime" => FieldType::DateTime(temporal(fmt)?),
        "year" => FieldType::Year,
        "yearmonth" => FieldType::YearMonth,
        "duration" => FieldType::Duration,
        "object" => FieldType::Object,
        "array" => FieldType::Array,
        "geopoint" => FieldType::GeoPoint(match fmt {
            "array" => GeoPointFormat::Array,
            "object" => GeoPointFormat::Object,
            _ => GeoPointFormat::Default,
        }),
        "any" => FieldType::Any,
        "list" => {
            let delimiter = descriptor
                .get("delimiter")
                .and_then(|v| v.as_str())
                .unwrap_or(",")
                .to_string();
            if delimiter.is_empty() {
                return Err("a list delimiter cannot be empty".into());
            }
            let item = descriptor
                .get("itemType")
                .and_then(|v| v.as_str())
                .unwrap_or("string");
            let item_type = match item {
                "list" | "object" | "array" | "geopoint" | "any" | "duration" => {
                    return Err(format!("\"{item}\" is not a valid list itemType"));
                }
                other => parse_type(other, None, &serde_json::Map::new())?,
            };
            FieldType::List {
                delimiter,
                item_type: Box::new(item_type),
            }
        }
        other => return Err(format!("unknown type \"{other}\"")),
    })
}
