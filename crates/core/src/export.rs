//! Exporting chosen rows of a table (a reader's filtered results) as CSV or
//! JSON, with the schema's public fields only.

use crate::schema::Schema;
use crate::table::{Dialect, Row, Table};
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
        let cells: Vec<&str> = columns
            .iter()
            .map(|(_, col)| col.and_then(|c| table.cell(row as usize, c)).unwrap_or(""))
            .collect();
        write_row(&mut out, &Row::new(&cells), &dialect);
        out.push(b'\n');
    }
    out
}

/// A JSON array with one object per row: public field name to cell text,
/// `null` for a missing value.
pub fn export_json(schema: &Schema, table: &Table, rows: &[u32]) -> String {
    let columns = public_columns(schema, table);
    let objects: Vec<serde_json::Value> = rows
        .iter()
        .map(|&row| {
            let object = columns
                .iter()
                .map(|(name, col)| {
                    let text = col.and_then(|c| table.cell(row as usize, c)).unwrap_or("");
                    let missing = schema
                        .field(name)
                        .is_some_and(|f| schema.missing_values_of(f).iter().any(|m| m == text));
                    let value = if missing || text.is_empty() {
                        serde_json::Value::Null
                    } else {
                        serde_json::Value::String(text.to_owned())
                    };
                    ((*name).to_owned(), value)
                })
                .collect();
            serde_json::Value::Object(object)
        })
        .collect();
    serde_json::to_string_pretty(&objects).unwrap_or_else(|_| "[]".to_owned())
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

    #[test]
    fn json_has_nulls_for_missing_values_and_no_restricted_field() {
        let (schema, table) = fixture();
        let json = export_json(&schema, &table, &[1]);
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed, serde_json::json!([{"id": "2", "nom": null}]));
    }
}
