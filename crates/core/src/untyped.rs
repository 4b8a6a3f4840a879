//! The schema assumed for data published without one: every column a text field.

use crate::schema::Schema;
use serde_json::{Map, Value};

/// A schema with one `string` field per header label, in order. Duplicate
/// or blank labels are named like frictionless does (`field2`, …).
pub fn text_schema<S: AsRef<str>>(header: &[S]) -> Schema {
    let mut names: Vec<String> = Vec::new();
    for (i, label) in header.iter().enumerate() {
        let label = label.as_ref();
        let mut name = if label.trim().is_empty() || names.iter().any(|n| n == label) {
            format!("field{}", i + 1)
        } else {
            label.to_owned()
        };
        while names.contains(&name) {
            name.push('_');
        }
        names.push(name);
    }
    // Built as values (`json!` with variables would bring serde_json's
    // value serializer into the widget's bundle for this alone).
    let fields = names
        .into_iter()
        .map(|name| {
            let mut field = Map::new();
            field.insert("name".to_owned(), Value::String(name));
            field.insert("type".to_owned(), "string".into());
            Value::Object(field)
        })
        .collect();
    let mut schema = Map::new();
    schema.insert("fields".to_owned(), Value::Array(fields));
    Schema::from_value(&Value::Object(schema))
        .expect("a schema of string fields with distinct names is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_text_field_per_label() {
        let s = text_schema(&["id", "nom", "", "nom"]);
        let names: Vec<&str> = s.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["id", "nom", "field3", "field4"]);
        assert!(s.cast(1, "x").is_ok());
    }
}
