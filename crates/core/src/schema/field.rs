//! One field of a Table Schema.

use serde_json::{Map, Value as Json};

use crate::schema::constraints::Constraints;
use crate::schema::extensions::{FieldExtensions, Visibility};
use crate::schema::types::{FieldType, parse_type};

/// A schema field: name, type with options, constraints, Vitrine extensions,
/// and the original descriptor (every key kept, unknown ones included).
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub field_type: FieldType,
    pub title: Option<String>,
    pub description: Option<String>,
    pub constraints: Constraints,
    /// Field-level `missingValues`, when the field overrides the schema's.
    pub missing_values: Option<Vec<String>>,
    pub extensions: FieldExtensions,
    /// The field's JSON descriptor exactly as given.
    pub descriptor: Map<String, Json>,
}

impl Field {
    /// Parses a field descriptor. Errors name the field.
    pub fn from_descriptor(descriptor: &Json, index: usize) -> Result<Field, String> {
        let d = descriptor
            .as_object()
            .ok_or_else(|| format!("field {} is not an object", index + 1))?;
        let name = d
            .get("name")
            .and_then(|n| n.as_str())
            .ok_or_else(|| format!("field {} has no \"name\"", index + 1))?
            .to_string();
        let within = |e: String| format!("field \"{name}\": {e}");
        let type_name = match d.get("type") {
            None => "string",
            Some(Json::String(s)) => s.as_str(),
            Some(_) => return Err(within("\"type\" must be a string".into())),
        };
        let format = match d.get("format") {
            None => None,
            Some(Json::String(s)) => Some(s.as_str()),
            Some(_) => return Err(within("\"format\" must be a string".into())),
        };
        // Frictionless v1 spelled patterns as `fmt:%d/%m/%Y`.
        let format = format.map(|f| f.strip_prefix("fmt:").unwrap_or(f));
        let field_type = parse_type(type_name, format, d).map_err(within)?;
        let missing_values = match d.get("missingValues") {
            None => None,
            Some(v) => Some(crate::schema::string_list(v, "missingValues").map_err(within)?),
        };
        let caster = Field {
            name: name.clone(),
            field_type: field_type.clone(),
            title: None,
            description: None,
            constraints: Constraints::default(),
            missing_values: Some(Vec::new()),
            extensions: FieldExtensions::default(),
            descriptor: Map::new(),
        };
        let constraints = Constraints::parse(d.get("constraints"), &field_type, &|t| {
            caster.cast_standard(t).ok()
        })
        .map_err(within)?;
        let extensions = FieldExtensions::parse(d).map_err(within)?;
        Ok(Field {
            title: d.get("title").and_then(|t| t.as_str()).map(String::from),
            description: d
                .get("description")
                .and_then(|t| t.as_str())
                .map(String::from),
            name,
            field_type,
            constraints,
            missing_values,
            extensions,
            descriptor: d.clone(),
        })
    }

    /// The title in `lang` (from `vitrine:titles`), else `title`, else the name.
    pub fn title_in(&self, lang: &str) -> &str {
        self.extensions
            .titles
            .get(lang)
            .or(self.title.as_deref())
            .unwrap_or(&self.name)
    }

    /// The description in `lang` (from `vitrine:descriptions`), else `description`.
    pub fn description_in(&self, lang: &str) -> Option<&str> {
        self.extensions
            .descriptions
            .get(lang)
            .or(self.description.as_deref())
    }

    /// The display label of an enum value in `lang` (`vitrine:enumLabels`), else the value.
    pub fn enum_label<'a>(&'a self, value: &'a str, lang: &str) -> &'a str {
        self.extensions
            .enum_labels
            .get(value)
            .and_then(|l| l.get(lang))
            .unwrap_or(value)
    }

    pub fn is_restricted(&self) -> bool {
        self.extensions.visibility == Visibility::Restricted
    }

    /// The frictionless `type/format` label used in type-error notes.
    pub fn type_label(&self) -> String {
        format!(
            "{}/{}",
            self.field_type.name(),
            self.field_type.format_name()
        )
    }
}
