//! The schema assumed for data published without one: every column a text field.

use crate::schema::Schema;

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
    let fields: Vec<serde_json::Value> = names
        .into_iter()
        .map(|name| serde_json::json!({ "name": name, "type": "string" }))
        .collect();
    Schema::from_value(&serde_json::json!({ "fields": fields }))
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
