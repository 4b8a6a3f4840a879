//! Fetching the data and schema files, with errors that say what and where.

use crate::attrs::Attrs;
use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use gloo_net::http::Request;

/// Why the widget could not show its data.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// A required attribute is absent.
    MissingAttribute(&'static str),
    /// The request did not complete (network, CORS, invalid URL).
    Fetch { url: String, detail: String },
    /// The server answered with an error status.
    Status {
        url: String,
        status: u16,
        status_text: String,
    },
    /// The data file could not be read as CSV or JSON.
    Data {
        url: String,
        error: vitrine_core::LoadError,
    },
    /// The schema could not be read as a Table Schema.
    Schema {
        url: String,
        error: vitrine_core::SchemaError,
    },
}

impl LoadError {
    /// The URL concerned, when there is one.
    pub fn url(&self) -> Option<&str> {
        match self {
            LoadError::MissingAttribute(_) => None,
            LoadError::Fetch { url, .. }
            | LoadError::Status { url, .. }
            | LoadError::Data { url, .. }
            | LoadError::Schema { url, .. } => Some(url),
        }
    }

    /// What went wrong, in the interface language.
    pub fn describe(&self, lang: Lang) -> String {
        let s = strings(lang);
        match self {
            LoadError::MissingAttribute(name) => format!("{} : {name}", s.missing_attribute),
            LoadError::Fetch { detail, .. } => format!("{} — {detail}", s.fetch_failed),
            LoadError::Status {
                status,
                status_text,
                ..
            } => format!("{} {status} {status_text}", s.http_status)
                .trim_end()
                .to_string(),
            LoadError::Data { error, .. } => {
                format!("{} — {}", s.bad_data, error.message(lang.code()))
            }
            LoadError::Schema { error, .. } => {
                format!("{} — {}", s.bad_schema, error.message(lang.code()))
            }
        }
    }
}

/// A fetched file's body.
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The version the server gave (`X-Vitrine-Version`, else the `ETag`).
    pub version: Option<String>,
}

impl Fetched {
    /// The body as text, with invalid UTF-8 replaced (for schemas; data bytes
    /// go to `vitrine-core` as they are so it can report encoding errors).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

/// GETs `url` and returns its body.
pub async fn fetch_text(url: &str) -> Result<Fetched, LoadError> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Fetch {
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let headers = response.headers();
    let version = ["x-vitrine-version", "etag"]
        .iter()
        .find_map(|h| headers.get(h))
        .and_then(|v| vitrine_core::changeset::version_from_etag(&v));
    let bytes = response.binary().await.map_err(|e| LoadError::Fetch {
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    Ok(Fetched { bytes, version })
}

/// Fetches the schema (when given) and the data, and parses both with `vitrine-core`.
pub async fn load(attrs: &Attrs) -> Result<Dataset, LoadError> {
    let src = attrs
        .src
        .clone()
        .ok_or(LoadError::MissingAttribute("src"))?;
    let schema = match attrs.schema.clone() {
        Some(url) => {
            let fetched = fetch_text(&url).await?;
            Some((url, fetched.text()))
        }
        None => None,
    };
    let data = fetch_text(&src).await?;
    Dataset::parse(
        &src,
        &data,
        schema.as_ref().map(|(u, t)| (u.as_str(), t.as_str())),
        attrs,
    )
}
