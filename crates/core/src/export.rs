//! Exporting chosen rows of a table (a reader's filtered results) as CSV or
//! JSON, with the schema's public fields only.

use crate::schema::Schema;
use crate::table::{Dialect, Row, Table, Text};
use crate::write::write_row;

/// The public fields of `schema` that the table has, as (name, table column).
fn public_columns<'a>(schema: &'a Schema, table: &Table) -> Vec<(&'a str, Option<usize>)> {
    schema
        .fields
        .iter()
        .filter(|f| !f.is_restricted())
        .map(|f| (f.name.as_str(), table.column(&f.name)))
        .collect()
}

/// CSV (comma, `\n`, UTF-8 without BOM) of `rows` (row positions in
/// `table`, in the given order) with a header of the public field names.
pub fn export_csv(schema: &Schema, table: &Table, rows: &[u32]) -> Vec<u8> {
    let columns = public_columns(schema, table);
    let dialect = Dialect::default();
    let mut out = Vec::new();
    let header: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    write_row(&mut out, &Row::new(&header), &dialect);
    out.push(b'\n');
    for &row in rows {
        let cells: Vec<Text<'_>> = columns
            .iter()
            .map(|(_, col)| {
                col.and_then(|c| table.cell(row as usize, c))
                    .unwrap_or_default()
            })
            .collect();
        write_row(&mut out, &Row::new(&cells), &dialect);
        out.push(b'\n');
    }
    out
}

/// A JSON array with one object per row: public field name to cell text,
/// `null` for a missing value. Keys in the schema's field order, as the CSV
/// export's columns. Pretty-printed with two-space indents as
/// `serde_json::to_string_pretty` writes them (written by hand so the
/// widget's bundle carries no JSON serializer).
pub fn export_json(schema: &Schema, table: &Table, rows: &[u32]) -> String {
    let columns = public_columns(schema, table);
    if rows.is_empty() {
        return "[]".to_owned();
    }
    let mut out = String::from("[");
    for (i, &row) in rows.iter().enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        for (j, (name, col)) in columns.iter().enumerate() {
            out.push_str(if j == 0 { "\n    " } else { ",\n    " });
            write_json_string(name, &mut out);
            out.push_str(": ");
            let text = col
                .and_then(|c| table.cell(row as usize, c))
                .unwrap_or_default();
            let missing = schema
                .field(name)
                .is_some_and(|f| schema.missing_values_of(f).iter().any(|m| *m == *text));
            if missing || text.is_empty() {
                out.push_str("null");
            } else {
                write_json_string(&text, &mut out);
            }
        }
        out.push_str(if columns.is_empty() { "}" } else { "\n  }" });
    }
    out.push_str("\n]");
    out
}

/// Writes `text` as a JSON string literal, escaped as serde_json escapes.
fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 0xf]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CsvOptions, load_csv};

    fn fixture() -> (Schema, Table) {
        let schema = Schema::from_json(
            r#"{"fields":[{"name":"id","type":"integer"},{"name":"nom","type":"string"},
            {"name":"secret","type":"string","vitrine:visibility":"restricted"}]}"#,
        )
        .unwrap();
        let table = load_csv(
            b"id,secret,nom\n1,s1,\"A, b\"\n2,s2,\n3,s3,C\n",
            CsvOptions::default(),
        )
        .unwrap();
        (schema, table)
    }

    #[test]
    fn csv_has_public_fields_of_the_chosen_rows_in_order() {
        let (schema, table) = fixture();
        let csv = String::from_utf8(export_csv(&schema, &table, &[2, 0])).unwrap();
        assert_eq!(csv, "id,nom\n3,C\n1,\"A, b\"\n");
        assert!(!csv.contains("s1"));
    }

    /// A JSON object whose keys serde_json writes in the order given.
    struct Ordered(Vec<(String, serde_json::Value)>);

    impl serde::Serialize for Ordered {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (key, value) in &self.0 {
                map.serialize_entry(key, value)?;
            }
            map.end()
        }
    }

    /// The reference: the same objects written by serde_json, keys in the
    /// schema's order.
    fn serde_json_export(schema: &Schema, table: &Table, rows: &[u32]) -> String {
        let columns = public_columns(schema, table);
        let objects: Vec<Ordered> = rows
            .iter()
            .map(|&row| {
                let object = columns
                    .iter()
                    .map(|(name, col)| {
                        let text = col
                            .and_then(|c| table.cell(row as usize, c))
                            .unwrap_or_default();
                        let missing = schema.field(name).is_some_and(|f| {
                            schema.missing_values_of(f).iter().any(|m| *m == *text)
                        });
                        let value = if missing || text.is_empty() {
                            serde_json::Value::Null
                        } else {
                            serde_json::Value::String(text.to_string())
                        };
                        ((*name).to_owned(), value)
                    })
                    .collect();
                Ordered(object)
            })
            .collect();
        serde_json::to_string_pretty(&objects).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn json_is_written_as_serde_json_writes_it(
            names in proptest::collection::hash_set("[a-zé\"\\\\ _]{1,6}", 0..5),
            cells in proptest::collection::vec("(\\PC|[\\x00-\\x1f\\x7f\"\\\\]){0,8}", 0..20),
            rows in proptest::collection::vec(0u32..4, 0..5),
        ) {
            let names: Vec<String> = names.into_iter().collect();
            let fields: Vec<serde_json::Value> = names
                .iter()
                .map(|n| serde_json::json!({"name": n, "type": "string"}))
                .collect();
            let schema = Schema::from_json(&serde_json::json!({"fields": fields}).to_string()).unwrap();
            let width = names.len();
            let table_rows: Vec<Row> = (0..4)
                .map(|r| {
                    let row: Vec<String> = (0..width)
                        .map(|c| cells.get(r * width + c).cloned().unwrap_or_default())
                        .collect();
                    Row::new(&row)
                })
                .collect();
            let table = Table::new(&names, table_rows);
            proptest::prop_assert_eq!(
                export_json(&schema, &table, &rows),
                serde_json_export(&schema, &table, &rows)
            );
        }
    }

    #[test]
    fn json_has_nulls_for_missing_values_and_no_restricted_field() {
        let (schema, table) = fixture();
        let json = export_json(&schema, &table, &[1]);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, serde_json::json!([{"id": "2", "nom": null}]));
    }

    #[test]
    fn json_keys_follow_the_schema_s_order() {
        let schema = Schema::from_json(
            r#"{"fields":[{"name":"zone","type":"string"},{"name":"annee","type":"string"},
            {"name":"Nom","type":"string"}]}"#,
        )
        .unwrap();
        let table = load_csv(b"Nom,annee,zone\nA,2024,Nord\n", CsvOptions::default()).unwrap();
        assert_eq!(
            export_json(&schema, &table, &[0]),
            "[\n  {\n    \"zone\": \"Nord\",\n    \"annee\": \"2024\",\n    \"Nom\": \"A\"\n  }\n]"
        );
    }
}
