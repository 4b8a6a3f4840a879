//! The `config` attribute: inline JSON, or the URL of a JSON file, whose
//! keys are read by `vitrine-core` (`reader_config`). Relative `src` and
//! `schema` in a config file resolve against the file's URL.

use crate::attrs::{Attrs, RawAttributes, browser_resolve};
use crate::i18n::Lang;
use crate::load::{LoadError, fetch_text};
use vitrine_core::reader_config::parse_config;

/// Why the config could not be used.
#[derive(Clone, Debug, PartialEq)]
pub enum ConfigError {
    /// The config file could not be fetched.
    Fetch(Box<LoadError>),
    /// The JSON is not a valid config; `url` is the file's, `None` inline.
    Invalid {
        url: Option<String>,
        error: vitrine_core::reader_config::ConfigError,
    },
}

impl ConfigError {
    pub fn url(&self) -> Option<&str> {
        match self {
            ConfigError::Fetch(error) => error.url(),
            ConfigError::Invalid { url, .. } => url.as_deref(),
        }
    }

    /// What went wrong, in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            ConfigError::Fetch(error) => error.describe(lang),
            ConfigError::Invalid { error, .. } => error.message(lang.code()),
        }
    }
}

/// Whether the attribute holds the JSON itself rather than a URL.
fn is_inline(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

/// Reads the config named by the `config` attribute (none: empty).
pub async fn read_config(attrs: &Attrs) -> Result<RawAttributes, ConfigError> {
    let Some(text) = attrs.config.as_deref() else {
        return Ok(RawAttributes::new());
    };
    let base = attrs
        .raw
        .get("base")
        .map(String::as_str)
        .unwrap_or_default();
    let (json, url) = if is_inline(text) {
        (text.to_string(), None)
    } else {
        let url = browser_resolve(text.trim(), base).unwrap_or_else(|| text.trim().to_string());
        let body = fetch_text(&url)
            .await
            .map_err(|e| ConfigError::Fetch(Box::new(e)))?;
        (body, Some(url))
    };
    let mut config = parse_config(&json).map_err(|error| ConfigError::Invalid {
        url: url.clone(),
        error,
    })?;
    let against = url.as_deref().unwrap_or(base);
    for key in ["src", "schema"] {
        if let Some(value) = config.get_mut(key)
            && let Some(absolute) = browser_resolve(value, against)
        {
            *value = absolute;
        }
    }
    Ok(config)
}
