//! How a cell is shown to readers: plain text, a list of chips, a link only
//! when the URL is safe, an email as a `mailto:` link. One decision for the
//! table, the cards and the detail view.

use std::borrow::Cow;

use crate::cast::cast_type;
use crate::locale_format::{Locale, format_value};
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

/// Like [`display_cell`], with numbers, booleans and dates written for
/// `locale` ("1 234,5", "3 mars 2024", "mars 2024"). A value that does not
/// cast against its field is shown as its original text.
pub fn display_cell_in(schema: &Schema, field: usize, text: &str, locale: Locale) -> CellDisplay {
    let shown = display_cell(schema, field, text);
    let (CellDisplay::Text(_), Some(f)) = (&shown, schema.fields.get(field)) else {
        return shown;
    };
    let typed =
        !matches!(f.field_type, FieldType::String(_)) || !f.extensions.date_formats.is_empty();
    if !typed {
        return shown;
    }
    match schema
        .cast(field, text.trim())
        .ok()
        .and_then(|v| format_value(&v, locale))
    {
        Some(formatted) => CellDisplay::Text(formatted),
        None => shown,
    }
}

/// How an enum value or a list item of `field` (a chip, a facet value, an
/// active filter) is shown: its label in `lang` (`vitrine:enumLabels`) when
/// the schema gives one; a typed list item (dates, numbers…) written for
/// `locale` ("3 mars 2024"), as the field's single values are; otherwise
/// the value itself.
pub fn value_label<'a>(
    field: &'a Field,
    value: &'a str,
    lang: &str,
    locale: Locale,
) -> Cow<'a, str> {
    let label = field.enum_label(value, lang);
    if label != value {
        return Cow::Borrowed(label);
    }
    let FieldType::List { item_type, .. } = &field.field_type else {
        return Cow::Borrowed(value);
    };
    if matches!(**item_type, FieldType::String(_)) {
        return Cow::Borrowed(value);
    }
    match cast_type(item_type, value).and_then(|typed| format_value(&typed.into_value(), locale)) {
        Some(formatted) => Cow::Owned(formatted),
        None => Cow::Borrowed(value),
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
    fn labels_of_values_and_list_items() {
        let s = Schema::from_json(
            r#"{"fields":[
            {"name":"jalons","type":"list","delimiter":";","itemType":"date"},
            {"name":"tailles","type":"list","delimiter":";","itemType":"number"},
            {"name":"tags","type":"list","delimiter":";"},
            {"name":"statut","type":"string","constraints":{"enum":["en_cours"]},
             "vitrine:enumLabels":{"en_cours":{"fr":"En cours","en":"Ongoing"}}}
            ]}"#,
        )
        .unwrap();
        let label = |f: usize, v: &str, locale: Locale| {
            let lang = if locale == Locale::Fr { "fr" } else { "en" };
            value_label(&s.fields[f], v, lang, locale).into_owned()
        };
        assert_eq!(label(0, "2024-03-01", Locale::Fr), "1er mars 2024");
        assert_eq!(label(0, "2024-03-01", Locale::En), "March 1, 2024");
        assert_eq!(label(1, "1234.5", Locale::Fr), "1\u{202f}234,5");
        // Not a value of the item type: shown as it is.
        assert_eq!(label(0, "bientôt", Locale::Fr), "bientôt");
        assert_eq!(label(2, "2024-03-01", Locale::Fr), "2024-03-01");
        assert_eq!(label(3, "en_cours", Locale::En), "Ongoing");
        assert_eq!(label(3, "autre", Locale::Fr), "autre");
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
    fn typed_cells_are_written_for_the_locale() {
        let s = Schema::from_json(
            r#"{"fields":[
            {"name":"budget","type":"number"},
            {"name":"quand","type":"string","vitrine:dateFormats":["%d/%m/%Y","%m/%Y"]},
            {"name":"jour","type":"date"},
            {"name":"nom","type":"string"}
            ]}"#,
        )
        .unwrap();
        let text = |f, t, l| display_cell_in(&s, f, t, l);
        assert_eq!(
            text(0, "12345.5", Locale::Fr),
            CellDisplay::Text("12\u{202F}345,5".into())
        );
        assert_eq!(
            text(0, "12345.5", Locale::En),
            CellDisplay::Text("12,345.5".into())
        );
        assert_eq!(
            text(0, "beaucoup", Locale::Fr),
            CellDisplay::Text("beaucoup".into())
        );
        assert_eq!(
            text(1, "03/03/2024", Locale::Fr),
            CellDisplay::Text("3 mars 2024".into())
        );
        assert_eq!(
            text(1, "03/2024", Locale::En),
            CellDisplay::Text("March 2024".into())
        );
        assert_eq!(
            text(2, "2024-03-03", Locale::En),
            CellDisplay::Text("March 3, 2024".into())
        );
        assert_eq!(
            text(3, "1000", Locale::Fr),
            CellDisplay::Text("1000".into())
        );
        assert_eq!(text(0, "", Locale::Fr), CellDisplay::Empty);
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
