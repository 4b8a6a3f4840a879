//! The parts of the IA Table Schema the generator needs, read at run time so
//! generated rows follow the schema file.

use serde_json::Value;

pub struct Field {
    pub name: String,
    pub kind: String,
    pub required: bool,
    /// `constraints.enum`, or for a list `vitrine:itemConstraints.enum`.
    pub values: Vec<String>,
    pub delimiter: String,
    /// For lists: `constraints.maxLength` (item count), if any.
    pub max_items: Option<usize>,
}

pub struct Schema {
    pub fields: Vec<Field>,
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Schema {
    pub fn from_json(text: &str) -> Result<Schema, String> {
        let doc: Value =
            serde_json::from_str(text).map_err(|e| format!("schema is not JSON: {e}"))?;
        let fields = doc
            .get("fields")
            .and_then(Value::as_array)
            .ok_or("schema has no `fields` array")?;
        let mut out = Vec::with_capacity(fields.len());
        for f in fields {
            let name = f
                .get("name")
                .and_then(Value::as_str)
                .ok_or("a field has no name")?;
            let kind = f.get("type").and_then(Value::as_str).unwrap_or("string");
            let constraints = f.get("constraints");
            let required = constraints
                .and_then(|c| c.get("required"))
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let values = if kind == "list" {
                strings(f.get("vitrine:itemConstraints").and_then(|c| c.get("enum")))
            } else {
                strings(constraints.and_then(|c| c.get("enum")))
            };
            out.push(Field {
                name: name.to_string(),
                kind: kind.to_string(),
                required,
                values,
                delimiter: f
                    .get("delimiter")
                    .and_then(Value::as_str)
                    .unwrap_or(",")
                    .to_string(),
                max_items: constraints
                    .and_then(|c| c.get("maxLength"))
                    .and_then(Value::as_u64)
                    .map(|n| n as usize),
            });
        }
        Ok(Schema { fields: out })
    }

    pub fn index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn values(&self, name: &str) -> &[String] {
        self.index(name)
            .map(|i| self.fields[i].values.as_slice())
            .unwrap_or(&[])
    }
}
