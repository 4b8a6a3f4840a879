//! How a data file's columns match its schema's fields: the columns the
//! schema does not describe (readers never see them) and the fields the
//! data lacks (shown empty). Messages in French or English.

use crate::schema::Schema;
use crate::table::{Row, Text};

/// The differences between a header and a schema, matched by name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HeaderMatch {
    /// Labels of the data's columns that no field describes, in file order.
    pub unknown_columns: Vec<String>,
    /// Names of the public fields no column holds, in schema order
    /// (restricted fields are normally left out of the data readers get).
    pub absent_fields: Vec<String>,
}

/// Compares the header row of a file with the schema's field names.
pub fn header_match(schema: &Schema, header: &Row) -> HeaderMatch {
    let labels: Vec<Text<'_>> = header.iter().collect();
    let labels: Vec<&str> = labels.iter().map(|l| l.trim()).collect();
    HeaderMatch {
        unknown_columns: labels
            .iter()
            .filter(|l| !l.is_empty() && schema.field_index(l).is_none())
            .map(|l| l.to_string())
            .collect(),
        absent_fields: schema
            .fields
            .iter()
            .filter(|f| !f.is_restricted() && !labels.contains(&f.name.as_str()))
            .map(|f| f.name.clone())
            .collect(),
    }
}

impl HeaderMatch {
    /// Every column is described and every field is present.
    pub fn is_exact(&self) -> bool {
        self.unknown_columns.is_empty() && self.absent_fields.is_empty()
    }

    /// One sentence per kind of difference, in French (`"fr"`) or English.
    pub fn messages(&self, lang: &str) -> Vec<String> {
        let fr = lang == "fr";
        let mut out = Vec::new();
        if !self.unknown_columns.is_empty() {
            let list = self.unknown_columns.join(", ");
            out.push(if fr {
                format!("colonnes des données absentes du schéma (non affichées) : {list}")
            } else {
                format!("columns in the data missing from the schema (not shown): {list}")
            });
        }
        if !self.absent_fields.is_empty() {
            let list = self.absent_fields.join(", ");
            out.push(if fr {
                format!("champs du schéma absents des données (affichés vides) : {list}")
            } else {
                format!("schema fields missing from the data (shown empty): {list}")
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_columns_and_absent_fields() {
        let schema = Schema::from_json(
            r#"{"fields":[{"name":"id","type":"string"},{"name":"nom","type":"string"},{"name":"ville","type":"string"},
            {"name":"contact","type":"string","vitrine:visibility":"restricted"}]}"#,
        )
        .unwrap();
        let found = header_match(&schema, &Row::new(&["nom", "secret", "id", ""]));
        assert_eq!(found.unknown_columns, ["secret"]);
        assert_eq!(found.absent_fields, ["ville"]);
        assert!(!found.is_exact());
        assert_eq!(
            found.messages("fr"),
            [
                "colonnes des données absentes du schéma (non affichées) : secret",
                "champs du schéma absents des données (affichés vides) : ville"
            ]
        );
        assert_eq!(
            found.messages("en")[0],
            "columns in the data missing from the schema (not shown): secret"
        );
        assert!(header_match(&schema, &Row::new(&["ville", "id", "nom"])).is_exact());
    }
}
