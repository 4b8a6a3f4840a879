//! The `<vitrine-table>` element's attributes, as the app's properties.

use crate::i18n::Lang;
use vitrine_core::query::View;
use yew::Properties;

/// What the loader passes in: every attribute present on the element, plus
/// `base` (the page's base URL), `page-lang` and `browser-lang`.
pub type RawAttributes = vitrine_core::name_map::TextMap;

#[derive(Properties, Clone, Debug, PartialEq)]
pub struct Attrs {
    /// Absolute URL of the data file, resolved against the page.
    pub src: Option<String>,
    /// Absolute URL of the Table Schema, resolved against the page.
    pub schema: Option<String>,
    pub lang: Lang,
    /// How many cards are shown before "show more".
    pub page_size: usize,
    /// The view shown first (`table` or `cards`), unless the URL says otherwise.
    pub view: View,
    /// Comma-separated facet fields (`None`: the schema's enum fields).
    pub facets: Option<String>,
    /// Comma-separated searched fields (`None`: the public text fields).
    pub search_fields: Option<String>,
    /// Field roles on cards.
    pub card: CardRoles,
    /// Prefix of this widget's parameters in the page URL.
    pub url_prefix: String,
    /// Comma-separated fields shown first in the table (`None`: the card
    /// roles, then the schema's order).
    pub columns: Option<String>,
    /// The `config` attribute: inline JSON or the URL of a JSON file.
    pub config: Option<String>,
    /// The attributes as given, to apply over a config once it is read.
    pub raw: RawAttributes,
    /// "Proposer une modification" mode (off with `readonly` or `suggest="off"`).
    pub suggest: bool,
    /// Where proposals are POSTed (`None`: no server, download only).
    pub suggest_url: Option<String>,
    /// Restricted fields may be edited in the detail form.
    pub suggest_restricted: bool,
}

/// Which field plays which role on a card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardRoles {
    pub title: String,
    pub image: String,
    pub subtitle: Vec<String>,
    pub tags: Vec<String>,
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

pub const DEFAULT_PAGE_SIZE: usize = 60;

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
        let or = |name: &str, default: &str| {
            let value = text(name).trim();
            if value.is_empty() {
                default.to_string()
            } else {
                value.to_string()
            }
        };
        let optional = |name: &str| {
            raw.get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let src = url("src");
        let off = |v: Option<&String>| {
            v.is_some_and(|v| matches!(v.trim(), "off" | "false" | "no" | "0"))
        };
        let suggest_url = match raw.get("suggest-url").map(|v| v.trim()) {
            Some("") | None => src.as_deref().and_then(suggestions_endpoint),
            Some(_) => url("suggest-url"),
        };
        Attrs {
            suggest: !raw.contains_key("readonly") && !off(raw.get("suggest")),
            suggest_url,
            suggest_restricted: raw.contains_key("suggest-restricted")
                && !off(raw.get("suggest-restricted")),
            src,
            schema: url("schema"),
            lang: Lang::pick([text("lang"), text("page-lang"), text("browser-lang")]),
            page_size: text("page-size")
                .trim()
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .unwrap_or(DEFAULT_PAGE_SIZE),
            view: View::parse(text("view").trim()).unwrap_or(View::Table),
            facets: optional("facets"),
            search_fields: optional("search-fields"),
            card: CardRoles {
                title: or("card-title", "nom_projet"),
                image: or("card-image", "image_url"),
                subtitle: list(&or("card-subtitle", "coll_nom,coll_type")),
                tags: list(&or("card-tags", "projet_status,theme,audience_service")),
            },
            url_prefix: match optional("id") {
                Some(id) => format!("{id}-"),
                None => "vt-".to_string(),
            },
            columns: optional("columns"),
            config: optional("config"),
            raw: raw.clone(),
        }
    }

    /// These attributes over a config's values (attribute texts by name,
    /// URLs already absolute): an attribute given on the element wins.
    pub fn over_config(
        &self,
        config: &RawAttributes,
        resolve: impl Fn(&str, &str) -> Option<String>,
    ) -> Attrs {
        let mut merged = config.clone();
        for (name, value) in &self.raw {
            if !value.trim().is_empty() {
                merged.insert(name.clone(), value.clone());
            }
        }
        merged.remove("config");
        let mut attrs = Attrs::from_raw(&merged, resolve);
        attrs.config = self.config.clone();
        attrs.raw = self.raw.clone();
        attrs
    }
}

/// Resolves `url` against `base` with the browser's URL parser.
pub fn browser_resolve(url: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(url, base)
        .ok()
        .map(|u| u.href())
}

/// The Vitrine server's suggestion endpoint for data served from
/// `…/api/datasets/{id}` (or its `data.csv`/`data.json` aliases).
pub fn suggestions_endpoint(src: &str) -> Option<String> {
    let path_end = src.find(['?', '#']).unwrap_or(src.len());
    let (base, rest) = src[..path_end].split_once("/api/datasets/")?;
    let id = rest.split('/').next().filter(|id| !id.is_empty())?;
    let tail = &rest[id.len()..];
    matches!(tail, "" | "/" | "/data.csv" | "/data.json")
        .then(|| format!("{base}/api/datasets/{id}/suggestions"))
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
        assert_eq!(attrs.view, View::Table);
        assert_eq!(attrs.url_prefix, "vt-");
        assert_eq!(attrs.card.subtitle, ["coll_nom", "coll_type"]);
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

    #[test]
    fn view_roles_and_prefix_are_read() {
        let attrs = Attrs::from_raw(
            &raw(&[
                ("view", "cards"),
                ("id", "ia"),
                ("card-tags", " theme , "),
                ("facets", "theme"),
            ]),
            |u, _| Some(u.to_string()),
        );
        assert_eq!(attrs.view, View::Cards);
        assert_eq!(attrs.url_prefix, "ia-");
        assert_eq!(attrs.card.tags, ["theme"]);
        assert_eq!(attrs.card.title, "nom_projet");
        assert_eq!(attrs.facets.as_deref(), Some("theme"));
    }

    #[test]
    fn attributes_override_the_config() {
        let attrs = Attrs::from_raw(
            &raw(&[("config", "{}"), ("view", "cards"), ("facets", " ")]),
            |u, _| Some(u.to_string()),
        );
        assert_eq!(attrs.config.as_deref(), Some("{}"));
        let config = raw(&[
            ("view", "table"),
            ("facets", "theme,coll_type"),
            ("page-size", "12"),
            ("columns", "nom_projet,theme"),
            ("src", "https://h/data.csv"),
        ]);
        let merged = attrs.over_config(&config, |u, _| Some(u.to_string()));
        assert_eq!(merged.view, View::Cards);
        assert_eq!(merged.facets.as_deref(), Some("theme,coll_type"));
        assert_eq!(merged.page_size, 12);
        assert_eq!(merged.columns.as_deref(), Some("nom_projet,theme"));
        assert_eq!(merged.src.as_deref(), Some("https://h/data.csv"));
        assert_eq!(merged.config, attrs.config);
    }

    #[test]
    fn suggestions_go_to_the_server_of_the_data() {
        let attrs = Attrs::from_raw(
            &raw(&[("src", "http://h/api/datasets/ia/data.csv?x=1")]),
            |u, _| Some(u.to_string()),
        );
        assert!(attrs.suggest && !attrs.suggest_restricted);
        assert_eq!(
            attrs.suggest_url.as_deref(),
            Some("http://h/api/datasets/ia/suggestions")
        );
        let plain = Attrs::from_raw(&raw(&[("src", "http://h/data.csv")]), |u, _| {
            Some(u.to_string())
        });
        assert_eq!(plain.suggest_url, None);
        let set = Attrs::from_raw(
            &raw(&[
                ("src", "d.csv"),
                ("suggest-url", "/s"),
                ("suggest-restricted", ""),
            ]),
            |u, _| Some(format!("http://h{u}")),
        );
        assert_eq!(set.suggest_url.as_deref(), Some("http://h/s"));
        assert!(set.suggest_restricted);
        for off in [&[("readonly", "")][..], &[("suggest", "off")][..]] {
            assert!(!Attrs::from_raw(&raw(off), |u, _| Some(u.to_string())).suggest);
        }
    }
}
