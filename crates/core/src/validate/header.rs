//! The header row: columns matched to fields by name, label errors.

use super::errors::{Detail, ErrorType, ValidationError};
use crate::schema::Schema;
use crate::table::Row;

/// Maps header columns to schema fields and reports label errors.
pub(crate) fn check_header(
    schema: &Schema,
    header: &Row,
    out: &mut Vec<ValidationError>,
) -> Vec<Option<usize>> {
    let labels: Vec<&str> = (0..header.len())
        .map(|c| header.get_plain(c).unwrap_or(""))
        .collect();
    if labels.is_empty() {
        out.push(ValidationError::new(
            ErrorType::BlankHeader,
            Detail::BlankHeader,
            String::new(),
        ));
        return Vec::new();
    }
    let mut matched = vec![false; schema.fields.len()];
    let mut columns = Vec::with_capacity(labels.len());
    let mut extra = Vec::new();
    let mut positional = Vec::new();
    for (c, label) in labels.iter().enumerate() {
        let earlier: Vec<usize> = (0..c)
            .filter(|&k| labels[k] == *label)
            .map(|k| k + 1)
            .collect();
        let at_field = schema
            .fields
            .get(c)
            .map(|f| f.name.clone())
            .unwrap_or_default();
        let mut mapped = None;
        if label.is_empty() {
            let mut e =
                ValidationError::new(ErrorType::BlankLabel, Detail::BlankLabel, String::new());
            e.field_name = Some(at_field);
            e.field_number = Some(c + 1);
            positional.push(e);
        } else if !earlier.is_empty() {
            let note = format!(
                "at position \"{}\"",
                earlier
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let detail = Detail::DuplicateLabel {
                label: label.to_string(),
                positions: earlier,
            };
            let mut e = ValidationError::new(ErrorType::DuplicateLabel, detail, note);
            e.field_name = Some(at_field);
            e.field_number = Some(c + 1);
            positional.push(e);
        } else if let Some(fi) = schema.field_index(label) {
            matched[fi] = true;
            mapped = Some(fi);
        } else {
            let mut e = ValidationError::new(
                ErrorType::ExtraLabel,
                Detail::ExtraLabel {
                    label: label.to_string(),
                },
                String::new(),
            );
            e.field_name = Some(String::new());
            e.field_number = Some(c + 1);
            extra.push(e);
        }
        columns.push(mapped);
    }
    out.extend(extra);
    // A blank or repeated label stands, by position, for the schema field at
    // that position (as frictionless pairs them), so that field is not missing.
    for (fi, f) in schema.fields.iter().enumerate() {
        let stands_in = labels
            .get(fi)
            .is_some_and(|l| l.is_empty() || labels[..fi].contains(l));
        if !matched[fi]
            && stands_in
            && columns[fi].is_none()
            && schema.field_index(&f.name) == Some(fi)
        {
            matched[fi] = true;
            columns[fi] = Some(fi);
        }
    }
    let mut next = labels.len() + 1;
    for (fi, f) in schema.fields.iter().enumerate() {
        if !matched[fi] {
            let mut e =
                ValidationError::new(ErrorType::MissingLabel, Detail::MissingLabel, String::new());
            e.field_name = Some(f.name.clone());
            e.field_number = Some(next);
            e.titles = (f.title_in("fr").to_string(), f.title_in("en").to_string());
            next += 1;
            out.push(e);
        }
    }
    out.extend(positional);
    columns
}
