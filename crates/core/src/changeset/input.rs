//! Which editor a field gets, decided from its schema.

use crate::schema::{Field, FieldType, StringFormat, TemporalFormat};

/// The kind of input an editor types a field's value in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// One of the field's `enum` values.
    Select(Vec<String>),
    /// Several of the allowed item values, joined by `delimiter`.
    MultiSelect {
        options: Vec<String>,
        delimiter: String,
    },
    /// A date typed in the schema's format(s), as strptime patterns.
    Date(Vec<String>),
    Email,
    Url,
    Number,
    /// Long text.
    TextArea,
    Text,
}

/// Text longer than this (in the data, or allowed by `maxLength`) gets a textarea.
const LONG_TEXT: usize = 80;

/// The editor of `field`; `longest` is the length in characters of its
/// longest value in the data (long free text gets a textarea).
pub fn input_kind(field: &Field, longest: usize) -> InputKind {
    if let Some(values) = &field.constraints.enum_raw {
        let options = values.iter().map(crate::json_text::as_text).collect();
        return InputKind::Select(options);
    }
    if !field.extensions.date_formats.is_empty() {
        let patterns = field.extensions.date_formats.iter();
        return InputKind::Date(patterns.map(|p| p.source().to_string()).collect());
    }
    match &field.field_type {
        FieldType::List { delimiter, .. } => {
            match field
                .extensions
                .item_constraints
                .as_ref()
                .and_then(|i| i.enum_values.clone())
            {
                Some(options) => InputKind::MultiSelect {
                    options,
                    delimiter: delimiter.clone(),
                },
                None => InputKind::Text,
            }
        }
        FieldType::Boolean {
            true_values,
            false_values,
        } => InputKind::Select(
            true_values
                .iter()
                .take(1)
                .chain(false_values.iter().take(1))
                .cloned()
                .collect(),
        ),
        FieldType::Date(TemporalFormat::Pattern(p)) => InputKind::Date(vec![p.source().into()]),
        FieldType::Date(_) => InputKind::Date(vec!["%Y-%m-%d".into()]),
        FieldType::Integer { .. } | FieldType::Number { .. } => InputKind::Number,
        FieldType::String(StringFormat::Email) => InputKind::Email,
        FieldType::String(StringFormat::Uri) => InputKind::Url,
        _ if field.extensions.safe_url.is_some() => InputKind::Url,
        FieldType::String(StringFormat::Default)
            if longest > LONG_TEXT
                || field
                    .constraints
                    .max_length
                    .is_some_and(|m| m > 2 * LONG_TEXT) =>
        {
            InputKind::TextArea
        }
        _ => InputKind::Text,
    }
}

/// How a date is typed, for the interface: `%d/%m/%Y` → `JJ/MM/AAAA`
/// (French) or `DD/MM/YYYY`; several patterns joined by "ou"/"or".
pub fn date_hint(patterns: &[String], lang: &str) -> String {
    let fr = lang == "fr";
    let shown: Vec<String> = patterns
        .iter()
        .map(|p| {
            let (d, m, y) = if fr {
                ("JJ", "MM", "AAAA")
            } else {
                ("DD", "MM", "YYYY")
            };
            p.replace("%d", d)
                .replace("%m", m)
                .replace("%Y", y)
                .replace("%y", &y[2..])
        })
        .collect();
    shown.join(if fr { " ou " } else { " or " })
}
