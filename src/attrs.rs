//! The `<vitrine-table>` element's attributes, as the app's properties.

use crate::i18n::Lang;
use std::collections::BTreeMap;
use yew::Properties;

/// What the loader passes in: every attribute present on the element, plus
/// `base` (the page's base URL), `page-lang` and `browser-lang`.
pub type RawAttributes = BTreeMap<String, String>;

#[derive(Properties, Clone, Debug, PartialEq)]
pub struct Attrs {
    /// Absolute URL of the data file, resolved against the page.
    pub src: Option<String>,
    /// Absolute URL of the Table Schema, resolved against the page.
    pub schema: Option<String>,
    pub lang: Lang,
    /// How many rows the table shows at most.
    pub page_size: usize,
}

pub const DEFAULT_PAGE_SIZE: usize = 200;

impl Attrs {
    /// Reads the raw attributes; `resolve` turns a relative URL into an absolute one.
    pub fn from_raw(raw: &RawAttributes, resolve: impl Fn(&str, &str) -> Option<String>) -> Attrs {
        let base = raw.get("base").map(String::as_str).unwrap_or_default();
        let url = |name: &str| {
            raw.get(name)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| resolve(v, base).unwrap_or_else(|| v.to_string()))
        };
        let text = |name: &str| raw.get(name).map(String::as_str).unwrap_or_default();
        Attrs {
            src: url("src"),
            schema: url("schema"),
            lang: Lang::pick([text("lang"), text("page-lang"), text("browser-lang")]),
            page_size: text("page-size")
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .unwrap_or(DEFAULT_PAGE_SIZE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawAttributes {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn resolves_urls_and_language() {
        let attrs = Attrs::from_raw(
            &raw(&[
                ("src", "data.csv"),
                ("base", "http://h/p/"),
                ("page-lang", "en"),
            ]),
            |u, b| Some(format!("{b}{u}")),
        );
        assert_eq!(attrs.src.as_deref(), Some("http://h/p/data.csv"));
        assert_eq!(attrs.schema, None);
        assert_eq!(attrs.lang, Lang::En);
        assert_eq!(attrs.page_size, DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn lang_attribute_wins_and_page_size_is_read() {
        let attrs = Attrs::from_raw(
            &raw(&[("lang", "fr"), ("page-lang", "en"), ("page-size", "25")]),
            |u, _| Some(u.to_string()),
        );
        assert_eq!(attrs.lang, Lang::Fr);
        assert_eq!(attrs.page_size, 25);
    }
}
