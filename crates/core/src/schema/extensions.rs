//! Vitrine's `vitrine:*` Table Schema extensions, parsed into typed values.
//!
//! The keys and their meaning are defined in `docs/schema-extensions.md`.

use std::collections::BTreeMap;

use crate::name_map::TextMap;

use serde_json::{Map, Value as Json};

/// A text given per language (`{"fr": "…", "en": "…"}`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Localized(pub TextMap);

impl Localized {
    /// The text in `lang`, else in French, else in English, else any language.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .get(lang)
            .or_else(|| self.0.get("fr"))
            .or_else(|| self.0.get("en"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn parse(value: Option<&Json>, key: &str) -> Result<Self, String> {
        let Some(value) = value else {
            return Ok(Self::default());
        };
        let obj = value
            .as_object()
            .ok_or_else(|| format!("\"{key}\" must be an object of texts by language"))?;
        let mut map = TextMap::new();
        for (lang, text) in obj {
            let text = text
                .as_str()
                .ok_or_else(|| format!("\"{key}\".\"{lang}\" must be a string"))?;
            map.insert(lang.clone(), text.to_string());
        }
        Ok(Self(map))
    }
}

/// Who may see a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Visibility {
    #[default]
    Public,
    /// Only sent to authorised users; stripped for anonymous readers.
    Restricted,
}

/// The `vitrine:safeUrl` rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafeUrl {
    /// An absolute `http://` or `https://` URL.
    Absolute,
    /// An absolute http(s) URL or a relative reference without a scheme.
    AllowRelative,
}

/// The `vitrine:requiredWhen` rule: required when `field`'s value is one of `values`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequiredWhen {
    pub field: String,
    pub values: Vec<String>,
}

/// The `vitrine:itemConstraints` rule: constraints on every item of a `list` field.
#[derive(Debug, Clone, Default)]
pub struct ItemConstraints {
    pub enum_values: Option<Vec<String>>,
    pub pattern: Option<crate::schema::constraints::FullMatch>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    /// `enum_values` as a set, for long lists (built when the schema is read).
    enum_set: rustc_hash::FxHashSet<String>,
}

impl ItemConstraints {
    /// Whether `item` is one of `enum_values` (any item when there is none).
    pub fn allows(&self, item: &str) -> bool {
        match &self.enum_values {
            None => true,
            Some(values) if values.len() == self.enum_set.len() => self.enum_set.contains(item),
            // Values with duplicates, or changed since the schema was read.
            Some(values) => values.iter().any(|v| v == item),
        }
    }
}

/// A schema-level category (`vitrine:categories`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub titles: Localized,
}

/// All `vitrine:*` keys of one field.
#[derive(Debug, Clone, Default)]
pub struct FieldExtensions {
    pub titles: Localized,
    pub descriptions: Localized,
    pub category: Option<String>,
    pub visibility: Visibility,
    pub siret: bool,
    pub safe_url: Option<SafeUrl>,
    pub date_formats: Vec<crate::cast::strptime::Pattern>,
    pub required_when: Option<RequiredWhen>,
    pub item_constraints: Option<ItemConstraints>,
    /// Display labels of enum values: value → labels per language.
    pub enum_labels: BTreeMap<String, Localized>,
}

fn strings(value: &Json, key: &str) -> Result<Vec<String>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("\"{key}\" must be a list of strings"))?
        .iter()
        .map(|v| {
            v.as_str()
                .map(String::from)
                .ok_or_else(|| format!("\"{key}\" must be a list of strings"))
        })
        .collect()
}

fn usize_of(value: Option<&Json>, key: &str) -> Result<Option<usize>, String> {
    match value {
        None => Ok(None),
        Some(v) => v
            .as_u64()
            .map(|n| Some(n as usize))
            .ok_or_else(|| format!("\"{key}\" must be a non-negative integer")),
    }
}

impl FieldExtensions {
    pub(crate) fn parse(d: &Map<String, Json>) -> Result<Self, String> {
        let mut ext = FieldExtensions {
            titles: Localized::parse(d.get("vitrine:titles"), "vitrine:titles")?,
            descriptions: Localized::parse(d.get("vitrine:descriptions"), "vitrine:descriptions")?,
            ..Default::default()
        };
        if let Some(v) = d.get("vitrine:category") {
            let name = v.as_str().ok_or("\"vitrine:category\" must be a string")?;
            ext.category = Some(name.to_string());
        }
        if let Some(v) = d.get("vitrine:visibility") {
            ext.visibility = match v.as_str() {
                Some("public") => Visibility::Public,
                Some("restricted") => Visibility::Restricted,
                _ => {
                    return Err(
                        "\"vitrine:visibility\" must be \"public\" or \"restricted\"".into(),
                    );
                }
            };
        }
        if let Some(v) = d.get("vitrine:siret") {
            ext.siret = v
                .as_bool()
                .ok_or("\"vitrine:siret\" must be true or false")?;
        }
        if let Some(v) = d.get("vitrine:safeUrl") {
            ext.safe_url = match v {
                Json::Bool(true) => Some(SafeUrl::Absolute),
                Json::Bool(false) => None,
                Json::String(s) if s == "allow-relative" => Some(SafeUrl::AllowRelative),
                _ => return Err("\"vitrine:safeUrl\" must be true or \"allow-relative\"".into()),
            };
        }
        if let Some(v) = d.get("vitrine:dateFormats") {
            for pattern in strings(v, "vitrine:dateFormats")? {
                ext.date_formats
                    .push(crate::cast::strptime::Pattern::parse(&pattern)?);
            }
        }
        if let Some(v) = d.get("vitrine:requiredWhen") {
            let obj = v
                .as_object()
                .ok_or("\"vitrine:requiredWhen\" must be {\"field\": …, \"in\": […]}")?;
            let field = obj
                .get("field")
                .and_then(|f| f.as_str())
                .ok_or("\"vitrine:requiredWhen\" needs a \"field\" name")?;
            let values = strings(
                obj.get("in")
                    .ok_or("\"vitrine:requiredWhen\" needs an \"in\" list")?,
                "vitrine:requiredWhen.in",
            )?;
            ext.required_when = Some(RequiredWhen {
                field: field.to_string(),
                values,
            });
        }
        if let Some(v) = d.get("vitrine:itemConstraints") {
            let obj = v
                .as_object()
                .ok_or("\"vitrine:itemConstraints\" must be an object")?;
            let mut ic = ItemConstraints::default();
            if let Some(e) = obj.get("enum") {
                let values = strings(e, "vitrine:itemConstraints.enum")?;
                ic.enum_set = values.iter().cloned().collect();
                ic.enum_values = Some(values);
            }
            if let Some(p) = obj.get("pattern") {
                let p = p
                    .as_str()
                    .ok_or("\"vitrine:itemConstraints.pattern\" must be a string")?;
                ic.pattern = Some(crate::schema::constraints::FullMatch::new(p)?);
            }
            ic.min_length = usize_of(obj.get("minLength"), "vitrine:itemConstraints.minLength")?;
            ic.max_length = usize_of(obj.get("maxLength"), "vitrine:itemConstraints.maxLength")?;
            ext.item_constraints = Some(ic);
        }
        if let Some(v) = d.get("vitrine:enumLabels") {
            let obj = v
                .as_object()
                .ok_or("\"vitrine:enumLabels\" must be an object")?;
            for (value, labels) in obj {
                ext.enum_labels.insert(
                    value.clone(),
                    Localized::parse(Some(labels), "vitrine:enumLabels")?,
                );
            }
        }
        Ok(ext)
    }
}

/// All `vitrine:*` keys of the schema itself.
#[derive(Debug, Clone, Default)]
pub struct SchemaExtensions {
    pub titles: Localized,
    pub descriptions: Localized,
    /// Categories in display order.
    pub categories: Vec<Category>,
}

impl SchemaExtensions {
    pub(crate) fn parse(d: &Map<String, Json>) -> Result<Self, String> {
        let mut ext = SchemaExtensions {
            titles: Localized::parse(d.get("vitrine:titles"), "vitrine:titles")?,
            descriptions: Localized::parse(d.get("vitrine:descriptions"), "vitrine:descriptions")?,
            categories: Vec::new(),
        };
        if let Some(v) = d.get("vitrine:categories") {
            let list = v
                .as_array()
                .ok_or("\"vitrine:categories\" must be a list")?;
            for item in list {
                let name = item
                    .get("name")
                    .and_then(|n| n.as_str())
                    .ok_or("each of \"vitrine:categories\" needs a \"name\"")?;
                let titles = Localized::parse(item.get("titles"), "vitrine:categories.titles")?;
                ext.categories.push(Category {
                    name: name.to_string(),
                    titles,
                });
            }
        }
        Ok(ext)
    }
}
