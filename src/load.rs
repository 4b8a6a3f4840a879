//! Fetching the data and schema files, with errors that say what and where.

use crate::attrs::Attrs;
use crate::dataset::Dataset;
use crate::i18n::{Lang, strings};
use crate::next_paint::next_paint;
use crate::preview::FirstRows;
use crate::slices::{Slice, yield_now};
use gloo_net::http::Response;
use vitrine_core::changeset::{ContentVersion, version_from_etag};
use vitrine_core::load::CsvLoader;
use vitrine_core::{CsvOptions, Schema, Table};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
    /// No column of the data is a field of the schema.
    Header {
        url: String,
        found: vitrine_core::header_match::HeaderMatch,
    },
    /// The `config` attribute is not usable.
    Config(crate::config::ConfigError),
}

impl LoadError {
    /// The URL concerned, when there is one.
    pub fn url(&self) -> Option<&str> {
        match self {
            LoadError::MissingAttribute(_) => None,
            LoadError::Config(error) => error.url(),
            LoadError::Fetch { url, .. }
            | LoadError::Status { url, .. }
            | LoadError::Data { url, .. }
            | LoadError::Schema { url, .. }
            | LoadError::Header { url, .. } => Some(url),
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
            LoadError::Header { found, .. } => {
                format!(
                    "{} — {}",
                    s.bad_header,
                    found.messages(lang.code()).join(" ; ")
                )
            }
            LoadError::Config(error) => format!("{} — {}", s.bad_config, error.describe(lang)),
        }
    }
}

/// How far a load has got, for the progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Progress {
    /// Downloading the data; `total` when the server gave the size.
    Download {
        received: usize,
        total: Option<usize>,
    },
    /// Reading the CSV records (bytes).
    Parse { done: usize, total: usize },
    /// Indexing rows for filters, search and sort.
    Index { done: usize, total: usize },
}

impl Progress {
    /// The percentage done, when known.
    pub fn percent(&self) -> Option<u32> {
        let (done, total) = match *self {
            Progress::Download { received, total } => (received, total?),
            Progress::Parse { done, total } | Progress::Index { done, total } => (done, total),
        };
        (total > 0).then(|| (done.min(total) as f64 * 100.0 / total as f64).floor() as u32)
    }
}

/// Records read between two checks of the clock.
const RECORDS_PER_STEP: usize = 256;

fn fetch_error(url: &str, detail: impl std::fmt::Display) -> LoadError {
    LoadError::Fetch {
        url: url.to_string(),
        detail: detail.to_string(),
    }
}

fn js_detail(value: &JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| format!("{value:?}"))
}

/// Starts a GET of `url` (or takes the loader's request of it).
fn start(url: &str) -> Result<js_sys::Promise, LoadError> {
    crate::prefetch::start(url).map_err(|e| fetch_error(url, js_detail(&e)))
}

/// The response of a started GET of `url`; an error status is an error.
async fn receive(url: &str, pending: js_sys::Promise) -> Result<Response, LoadError> {
    let response: web_sys::Response = JsFuture::from(pending)
        .await
        .map_err(|e| fetch_error(url, js_detail(&e)))?
        .unchecked_into();
    let response = Response::from(response);
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    Ok(response)
}

/// GETs `url`; an error status is an error.
async fn send(url: &str) -> Result<Response, LoadError> {
    receive(url, start(url)?).await
}

/// GETs `url` and returns its body as text (schemas, configs: small files).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let response = send(url).await?;
    response.text().await.map_err(|e| fetch_error(url, e))
}

/// The body's size when the server gave it and the body is not compressed
/// (the stream yields decompressed bytes).
fn announced_size(response: &Response) -> Option<usize> {
    let headers = response.headers();
    if headers
        .get("content-encoding")
        .is_some_and(|e| e != "identity")
    {
        return None;
    }
    headers.get("content-length")?.trim().parse().ok()
}

/// Reads records while the slice has time, as long as some are complete.
fn parse_some(loader: &mut CsvLoader, slice: &Slice) {
    while !slice.is_over() {
        let before = loader.bytes_parsed();
        if loader.step(RECORDS_PER_STEP) || loader.bytes_parsed() == before {
            break;
        }
    }
}

/// The data version the server gave (`X-Vitrine-Version`, else the `ETag`).
fn served_version(response: &Response) -> Option<String> {
    let headers = response.headers();
    ["x-vitrine-version", "etag"]
        .iter()
        .find_map(|h| headers.get(h))
        .and_then(|v| version_from_etag(&v))
}

/// A table and the version edits to it are made against.
pub struct Fetched {
    pub table: Table,
    /// The server's version, else a hash of the bytes.
    pub version: String,
}

/// Downloads (the started GET `pending`) and reads the CSV at `url`,
/// reporting progress, in slices.
async fn fetch_csv(
    url: &str,
    pending: js_sys::Promise,
    on_progress: &dyn Fn(Progress),
    on_first_rows: &dyn Fn(Table),
) -> Result<Fetched, LoadError> {
    on_progress(Progress::Download {
        received: 0,
        total: None,
    });
    let response = receive(url, pending).await?;
    let total = announced_size(&response);
    let served = served_version(&response);
    // The bytes are hashed only when the server gave no version.
    let mut hasher = served.is_none().then(ContentVersion::new);
    // No `reserve(total)`: the loader keeps the file in blocks, each checked
    // as UTF-8 when it is sealed, so no task checks the whole file at once
    // (one block of the announced size would be checked in one piece when
    // the download ends).
    let mut loader = CsvLoader::new(CsvOptions::default());
    // The rows' text is kept packed, a block at a time as the file arrives:
    // the page holds a fraction of the file's size.
    loader.pack_text();
    let mut first_rows = FirstRows::new(total);
    let mut slice = Slice::start();
    // Each chunk is copied into wasm memory here, then into the loader.
    let mut bytes = Vec::new();
    match response.body() {
        Some(stream) => {
            let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
            loop {
                let result = JsFuture::from(reader.read())
                    .await
                    .map_err(|e| fetch_error(url, js_detail(&e)))?;
                let done = js_sys::Reflect::get(&result, &JsValue::from_str("done"))
                    .ok()
                    .and_then(|d| d.as_bool())
                    .unwrap_or(true);
                if done {
                    break;
                }
                let value = js_sys::Reflect::get(&result, &JsValue::from_str("value"))
                    .map_err(|e| fetch_error(url, js_detail(&e)))?;
                let chunk = js_sys::Uint8Array::new(&value);
                let len = chunk.length() as usize;
                let start = loader.bytes_received();
                let received = start + len;
                let progress = Progress::Download {
                    received,
                    total: total.filter(|t| received <= *t),
                };
                // The first rows are shown, and painted, before the rest of
                // the chunk is copied, hashed, kept and parsed.
                let copy = |range: std::ops::Range<usize>, into: &mut [u8]| {
                    chunk
                        .subarray(range.start as u32, range.end as u32)
                        .copy_to(into)
                };
                if let Some(first) = first_rows.take_from(len, copy) {
                    on_first_rows(first);
                    on_progress(progress);
                    next_paint().await;
                    slice = Slice::start();
                }
                bytes.resize(len, 0);
                chunk.copy_to(&mut bytes);
                if let Some(hasher) = &mut hasher {
                    hasher.update(&bytes);
                }
                loader.push(&bytes);
                parse_some(&mut loader, &slice);
                on_progress(progress);
                if slice.is_over() {
                    yield_now().await;
                    slice = Slice::start();
                }
            }
        }
        None => {
            let bytes = response.binary().await.map_err(|e| fetch_error(url, e))?;
            if let Some(hasher) = &mut hasher {
                hasher.update(&bytes);
            }
            loader.push(&bytes);
        }
    }
    drop((bytes, first_rows));
    loader.end();
    let total = loader.bytes_received();
    loop {
        let mut done = false;
        while !done && !slice.is_over() {
            done = loader.step(RECORDS_PER_STEP);
        }
        if done {
            break;
        }
        on_progress(Progress::Parse {
            done: loader.bytes_parsed(),
            total,
        });
        yield_now().await;
        slice = Slice::start();
    }
    let table = loader.finish().map_err(|error| LoadError::Data {
        url: url.to_string(),
        error,
    })?;
    Ok(Fetched {
        table,
        version: served
            .or_else(|| hasher.map(|h| h.finish()))
            .unwrap_or_default(),
    })
}

/// Fetches the schema (when given) and the data (both at once when the
/// loader started them), parses both with `vitrine-core` and indexes the rows, reporting progress
/// and, for a large file, its first rows as soon as they are read.
pub async fn load(
    attrs: &Attrs,
    on_progress: &dyn Fn(Progress),
    on_preview: &dyn Fn(Dataset),
) -> Result<Dataset, LoadError> {
    let src = attrs
        .src
        .clone()
        .ok_or(LoadError::MissingAttribute("src"))?;
    let data = crate::prefetch::take(&src);
    let (schema, schema_text) = match attrs.schema.clone() {
        Some(url) => {
            let text = fetch_text(&url).await?;
            let schema =
                Schema::from_json(&text).map_err(|error| LoadError::Schema { url, error })?;
            (Some(schema), text)
        }
        None => (None, String::new()),
    };
    // The preview takes the schema (no copy before its first paint); the
    // whole file's dataset then reads it again.
    let schema = std::cell::RefCell::new(schema);
    let on_first_rows = |table: Table| {
        let schema = schema.borrow_mut().take();
        if let Some(preview) = Dataset::preview(&src, schema, table) {
            on_preview(preview);
        }
    };
    let data = match data {
        Some(started) => started,
        None => start(&src)?,
    };
    let data = fetch_csv(&src, data, on_progress, &on_first_rows).await?;
    // The download's last slice may have used its time: the schema's
    // second read and the indexing start in a task of their own, so a
    // frame waiting since the first rows is not held up by both.
    yield_now().await;
    let schema = match (schema.into_inner(), &attrs.schema) {
        (None, Some(url)) => {
            Some(
                Schema::from_json(&schema_text).map_err(|error| LoadError::Schema {
                    url: url.clone(),
                    error,
                })?,
            )
        }
        (schema, _) => schema,
    };
    let dataset = Dataset::build(&src, schema, data, attrs, on_progress).await?;
    // The first result (facet counts over every row) in a task of its own,
    // then the first render in another.
    yield_now().await;
    let first = crate::reader::results_query(&crate::url_sync::initial_query(&attrs.url_prefix));
    dataset.run_ahead(&first);
    yield_now().await;
    Ok(dataset)
}
