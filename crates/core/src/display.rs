//! How a cell is shown to readers: plain text, a list of chips, a link only
//! when the URL is safe, an email as a `mailto:` link. One decision for the
//! table, the cards and the detail view.

use crate::schema::{Field, FieldType, SafeUrl, Schema, StringFormat};
use crate::url::check_safe_url;

/// A cell as readers see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellDisplay {
    /// A missing value (empty or one of the schema's missing values).
    Empty,
    Text(String),
    /// Values of an enum or a list, each shown as a chip.
    Chips(Vec<String>),
    /// An `http`/`https` link: `href` and the text shown.
    Link {
        href: String,
        text: String,
    },
    /// An email address; `href` is the `mailto:` URL.
    Email {
        href: String,
        text: String,
    },
}

/// How the cell `text` of field `field` (index in `schema`) is shown.
pub fn display_cell(schema: &Schema, field: usize, text: &str) -> CellDisplay {
    let Some(f) = schema.fields.get(field) else {
        return plain(text);
    };
    let trimmed = text.trim();
    if trimmed.is_empty() || schema.missing_values_of(f).iter().any(|m| m == text) {
        return CellDisplay::Empty;
    }
    match &f.field_type {
        FieldType::List { delimiter, .. } => CellDisplay::Chips(list_items(trimmed, delimiter)),
        FieldType::String(StringFormat::Email) => CellDisplay::Email {
            href: format!("mailto:{trimmed}"),
            text: trimmed.to_owned(),
        },
        _ if is_link_field(f) => match check_safe_url(trimmed, SafeUrl::Absolute) {
            Ok(()) => CellDisplay::Link {
                href: trimmed.to_owned(),
                text: trimmed.to_owned(),
            },
            Err(_) => plain(text),
        },
        _ if f.constraints.enum_values.is_some() => CellDisplay::Chips(vec![trimmed.to_owned()]),
        _ => plain(text),
    }
}

/// Whether a field holds links (`format: uri` or `vitrine:safeUrl`).
pub fn is_link_field(field: &Field) -> bool {
    field.extensions.safe_url.is_some()
        || matches!(field.field_type, FieldType::String(StringFormat::Uri))
}

/// The items of a list cell, trimmed, empty items dropped.
pub fn list_items(text: &str, delimiter: &str) -> Vec<String> {
    let delimiter = if delimiter.is_empty() { "," } else { delimiter };
    text.split(delimiter)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `url` may be used as an image or link source: an absolute
/// http(s) URL or a relative reference (resolved by the caller).
pub fn is_safe_resource(url: &str) -> bool {
    check_safe_url(url.trim(), SafeUrl::AllowRelative).is_ok()
}

fn plain(text: &str) -> CellDisplay {
    CellDisplay::Text(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        Schema::from_json(
            r#"{"fields":[
            {"name":"nom","type":"string"},
            {"name":"mail","type":"string","format":"email"},
            {"name":"site","type":"string","vitrine:safeUrl":true},
            {"name":"tags","type":"list","delimiter":";"},
            {"name":"statut","type":"string","constraints":{"enum":["En cours","Abandonné"]}}
            ],"missingValues":["","NA"]}"#,
        )
        .unwrap()
    }

    #[test]
    fn each_kind_of_cell() {
        let s = schema();
        assert_eq!(display_cell(&s, 0, "Bus"), CellDisplay::Text("Bus".into()));
        assert_eq!(display_cell(&s, 0, "NA"), CellDisplay::Empty);
        assert_eq!(display_cell(&s, 0, "  "), CellDisplay::Empty);
        assert_eq!(
            display_cell(&s, 1, "a@b.fr"),
            CellDisplay::Email {
                href: "mailto:a@b.fr".into(),
                text: "a@b.fr".into()
            }
        );
        assert_eq!(
            display_cell(&s, 3, "Eau; Mobilité ;"),
            CellDisplay::Chips(vec!["Eau".into(), "Mobilité".into()])
        );
        assert_eq!(
            display_cell(&s, 4, "En cours"),
            CellDisplay::Chips(vec!["En cours".into()])
        );
    }

    #[test]
    fn only_http_links_are_links() {
        let s = schema();
        assert!(matches!(
            display_cell(&s, 2, "https://exemple.fr/p"),
            CellDisplay::Link { .. }
        ));
        for hostile in [
            "javascript:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "/relatif",
        ] {
            assert_eq!(
                display_cell(&s, 2, hostile),
                CellDisplay::Text(hostile.into()),
                "{hostile}"
            );
        }
        assert!(is_safe_resource("logos/a.svg"));
        assert!(!is_safe_resource("javascript:alert(1)"));
    }
}
