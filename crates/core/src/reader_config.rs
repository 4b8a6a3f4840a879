//! The `config` of a `<vitrine-table>`: a JSON object whose keys are the
//! element's attribute names (`"facets": ["theme"]`, `"page-size": 24`…)
//! plus `columns` (the table's first columns). Each key is checked, with a
//! precise error in French or English naming the key; the result is the
//! attribute text each key stands for, which the element's own attributes
//! then override.

use crate::name_map::TextMap;

use serde_json::Value as Json;

/// What a key's value must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    Text,
    /// A list of field names: an array of strings, or a comma-separated string.
    Names,
    /// A whole number from 1 to 1000.
    Count,
}

/// The keys a config may hold, with what each expects.
pub const KEYS: &[(&str, Expected)] = &[
    ("src", Expected::Text),
    ("schema", Expected::Text),
    ("lang", Expected::Text),
    ("view", Expected::Text),
    ("facets", Expected::Names),
    ("search-fields", Expected::Names),
    ("card-title", Expected::Text),
    ("card-image", Expected::Text),
    ("card-subtitle", Expected::Names),
    ("card-tags", Expected::Names),
    ("page-size", Expected::Count),
    ("columns", Expected::Names),
];

/// Why a config cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// Not JSON; the parser's message gives the line and column.
    Json(String),
    /// JSON, but not an object.
    NotObject,
    UnknownKey(String),
    WrongType {
        key: String,
        expected: Expected,
    },
    /// A value outside the allowed ones (`view`, `lang`).
    BadValue {
        key: String,
        value: String,
        allowed: &'static str,
    },
}

impl ConfigError {
    /// The key concerned, when there is one.
    pub fn key(&self) -> Option<&str> {
        match self {
            ConfigError::Json(_) | ConfigError::NotObject => None,
            ConfigError::UnknownKey(key)
            | ConfigError::WrongType { key, .. }
            | ConfigError::BadValue { key, .. } => Some(key),
        }
    }

    /// A sentence in French (`lang == "fr"`) or English.
    pub fn message(&self, lang: &str) -> String {
        let fr = lang == "fr";
        match self {
            ConfigError::Json(detail) if fr => format!("JSON invalide : {detail}"),
            ConfigError::Json(detail) => format!("invalid JSON: {detail}"),
            ConfigError::NotObject if fr => "un objet JSON { … } est attendu".into(),
            ConfigError::NotObject => "a JSON object { … } is expected".into(),
            ConfigError::UnknownKey(key) => {
                let known: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
                if fr {
                    format!(
                        "clé inconnue « {key} » (clés possibles : {})",
                        known.join(", ")
                    )
                } else {
                    format!("unknown key \"{key}\" (known keys: {})", known.join(", "))
                }
            }
            ConfigError::WrongType { key, expected } => {
                let what = match (expected, fr) {
                    (Expected::Text, true) => "une chaîne de caractères",
                    (Expected::Text, false) => "a string",
                    (Expected::Names, true) => "une liste de noms de champs (tableau de chaînes)",
                    (Expected::Names, false) => "a list of field names (array of strings)",
                    (Expected::Count, true) => "un nombre entier de 1 à 1000",
                    (Expected::Count, false) => "a whole number from 1 to 1000",
                };
                if fr {
                    format!("« {key} » doit être {what}")
                } else {
                    format!("\"{key}\" must be {what}")
                }
            }
            ConfigError::BadValue {
                key,
                value,
                allowed,
            } => {
                if fr {
                    format!(
                        "« {key} » ne peut pas valoir « {value} » (valeurs possibles : {allowed})"
                    )
                } else {
                    format!("\"{key}\" cannot be \"{value}\" (allowed: {allowed})")
                }
            }
        }
    }
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for ConfigError {}

/// Reads a config's JSON text into attribute texts (lists joined by commas).
pub fn parse_config(text: &str) -> Result<TextMap, ConfigError> {
    let json: Json = serde_json::from_str(text).map_err(|e| ConfigError::Json(e.to_string()))?;
    let Json::Object(object) = json else {
        return Err(ConfigError::NotObject);
    };
    let mut out = TextMap::new();
    for (key, value) in &object {
        let Some((_, expected)) = KEYS.iter().find(|(k, _)| k == key) else {
            return Err(ConfigError::UnknownKey(key.clone()));
        };
        let wrong = || ConfigError::WrongType {
            key: key.clone(),
            expected: *expected,
        };
        let text = match (expected, value) {
            (Expected::Text | Expected::Names, Json::String(s)) => s.trim().to_string(),
            (Expected::Names, Json::Array(items)) => items
                .iter()
                .map(|i| i.as_str().map(str::trim).ok_or_else(wrong))
                .collect::<Result<Vec<_>, _>>()?
                .join(","),
            (Expected::Count, Json::Number(n)) => n
                .as_u64()
                .filter(|n| (1..=1000).contains(n))
                .ok_or_else(wrong)?
                .to_string(),
            _ => return Err(wrong()),
        };
        check_value(key, &text)?;
        out.insert(key.clone(), text);
    }
    Ok(out)
}

fn check_value(key: &str, text: &str) -> Result<(), ConfigError> {
    let allowed = match key {
        "view" if !matches!(text, "table" | "cards") => "table, cards",
        "lang" => {
            let primary = text
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if matches!(primary.as_str(), "fr" | "en") {
                return Ok(());
            }
            "fr, en"
        }
        _ => return Ok(()),
    };
    Err(ConfigError::BadValue {
        key: key.to_string(),
        value: text.to_string(),
        allowed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_become_attribute_texts() {
        let config = parse_config(
            r#"{"facets": ["theme", " coll_type "], "page-size": 24, "view": "cards",
                "card-title": "nom_projet", "search-fields": "nom_projet,coll_nom", "lang": "en-GB"}"#,
        )
        .unwrap();
        assert_eq!(config["facets"], "theme,coll_type");
        assert_eq!(config["page-size"], "24");
        assert_eq!(config["view"], "cards");
        assert_eq!(config["search-fields"], "nom_projet,coll_nom");
        assert_eq!(config.len(), 6);
        assert!(parse_config("{}").unwrap().is_empty());
    }

    #[test]
    fn each_mistake_names_its_key() {
        let err = |text: &str| parse_config(text).unwrap_err();
        assert!(matches!(err("{\"view\": "), ConfigError::Json(_)));
        assert!(err("{\"view\": ").message("fr").contains("line 1"));
        assert_eq!(err("[1]"), ConfigError::NotObject);
        assert_eq!(err(r#"{"facet": "theme"}"#).key(), Some("facet"));
        assert!(
            err(r#"{"facet": "theme"}"#)
                .message("fr")
                .starts_with("clé inconnue « facet »")
        );
        assert_eq!(
            err(r#"{"page-size": 0}"#),
            ConfigError::WrongType {
                key: "page-size".into(),
                expected: Expected::Count
            }
        );
        assert_eq!(err(r#"{"page-size": "24"}"#).key(), Some("page-size"));
        assert_eq!(err(r#"{"facets": ["theme", 3]}"#).key(), Some("facets"));
        assert_eq!(err(r#"{"card-title": ["a"]}"#).key(), Some("card-title"));
        assert_eq!(
            err(r#"{"view": "grid"}"#).message("en"),
            "\"view\" cannot be \"grid\" (allowed: table, cards)"
        );
        assert_eq!(
            err(r#"{"lang": "de"}"#).message("fr"),
            "« lang » ne peut pas valoir « de » (valeurs possibles : fr, en)"
        );
        assert_eq!(
            err(r#"{"page-size": 2.5}"#).message("en"),
            "\"page-size\" must be a whole number from 1 to 1000"
        );
    }
}
