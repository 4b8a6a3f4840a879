//! The server configuration: a TOML file (`vitrine.toml`), overridden by
//! command-line flags and `VITRINE_*` environment variables.
//!
//! Every problem is reported with the key it concerns
//! (`datasets[1].schema: file not found: …`), and the server refuses to start.
//! Relative paths are resolved against the directory of the config file.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub const DEFAULT_ADDR: &str = "127.0.0.1:8810";

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    #[serde(default)]
    pub server: ServerSection,
    #[serde(default)]
    pub limits: Limits,
    #[serde(default)]
    pub datasets: Vec<DatasetConfig>,
    #[serde(default)]
    pub tokens: Vec<TokenConfig>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ServerSection {
    pub addr: Option<String>,
    /// Folder of the widget bundle and demo page (default `dist`).
    pub static_dir: Option<PathBuf>,
    /// SQLite file holding suggestions and the audit log (default `vitrine.sqlite`).
    pub database: Option<PathBuf>,
    /// Origins of partner sites allowed to call the API from a browser;
    /// `"*"` allows any origin.
    #[serde(default)]
    pub cors_origins: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Largest accepted request body, in bytes (larger: 413).
    #[serde(default = "default_max_body")]
    pub max_body_bytes: usize,
    /// Most changes in one suggestion.
    #[serde(default = "default_max_changes")]
    pub max_changes: usize,
    /// Suggestions accepted per client address per minute (0: no limit).
    #[serde(default = "default_per_minute")]
    pub suggestions_per_minute: u32,
    /// How many suggestions a client may send at once before the rate applies.
    #[serde(default = "default_burst")]
    pub suggestions_burst: u32,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    #[serde(default)]
    pub trust_forwarded_for: bool,
}

fn default_max_body() -> usize {
    256 * 1024
}
fn default_max_changes() -> usize {
    1000
}
fn default_per_minute() -> u32 {
    30
}
fn default_burst() -> u32 {
    10
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: default_max_body(),
            max_changes: default_max_changes(),
            suggestions_per_minute: default_per_minute(),
            suggestions_burst: default_burst(),
            trust_forwarded_for: false,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetConfig {
    /// URL-safe identifier: `/api/datasets/{id}`.
    pub id: String,
    /// Title shown in the list (defaults to the schema's title, then the id).
    pub title: Option<String>,
    /// The CSV file the server reads and, on accepted suggestions, rewrites.
    pub data: PathBuf,
    /// The Table Schema (JSON).
    pub schema: PathBuf,
    /// Names of the tokens allowed to read restricted fields; absent means
    /// every token (moderators and readers), `[]` means nobody.
    pub restricted_readers: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads restricted fields and moderates suggestions.
    #[default]
    Moderator,
    /// Only reads restricted fields.
    Reader,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenConfig {
    /// Who holds the token; recorded in the audit log.
    pub name: String,
    /// Argon2 PHC string printed by `vitrine token`.
    pub hash: String,
    #[serde(default)]
    pub role: Role,
}

/// Values given on the command line or in the environment; they win over the file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub addr: Option<String>,
    pub static_dir: Option<PathBuf>,
    pub database: Option<PathBuf>,
}

/// The configuration the server runs with, checked and with paths resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub static_dir: PathBuf,
    pub database: PathBuf,
    pub cors_origins: Vec<String>,
    pub limits: Limits,
    pub datasets: Vec<DatasetConfig>,
    pub tokens: Vec<TokenConfig>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("invalid configuration: {key}: {message}")]
    Key { key: String, message: String },
}

fn key_error(key: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError::Key {
        key: key.into(),
        message: message.into(),
    }
}

impl Config {
    /// Loads `path` (when given or when the default file exists) and applies
    /// the overrides. `explicit` says the path was asked for, so a missing
    /// file is an error rather than an empty configuration.
    pub fn load(path: &Path, explicit: bool, overrides: &Overrides) -> Result<Config, ConfigError> {
        let (file, base) = if path.exists() || explicit {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            let base = path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            (Self::parse_text(&text, path)?, base)
        } else {
            tracing::warn!(path = %path.display(), "no config file: serving static files only");
            (FileConfig::default(), PathBuf::from("."))
        };
        Self::from_file(file, &base, overrides)
    }

    pub fn parse_text(text: &str, path: &Path) -> Result<FileConfig, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    pub fn from_file(
        file: FileConfig,
        base: &Path,
        overrides: &Overrides,
    ) -> Result<Config, ConfigError> {
        let resolve = |p: &Path| {
            if p.is_absolute() || base.as_os_str().is_empty() {
                p.to_path_buf()
            } else {
                base.join(p)
            }
        };
        let (addr_text, addr_key) = match (&overrides.addr, &file.server.addr) {
            (Some(a), _) => (a.clone(), "--addr"),
            (None, Some(a)) => (a.clone(), "server.addr"),
            (None, None) => (DEFAULT_ADDR.to_string(), "server.addr"),
        };
        let addr: SocketAddr = addr_text.parse().map_err(|e| {
            key_error(
                addr_key,
                format!("`{addr_text}` is not an address like 127.0.0.1:8810 ({e})"),
            )
        })?;
        let static_dir = match (&overrides.static_dir, &file.server.static_dir) {
            (Some(p), _) => p.clone(),
            (None, Some(p)) => resolve(p),
            (None, None) => resolve(Path::new("dist")),
        };
        let database = match (&overrides.database, &file.server.database) {
            (Some(p), _) => p.clone(),
            (None, Some(p)) => resolve(p),
            (None, None) => resolve(Path::new("vitrine.sqlite")),
        };
        for (i, origin) in file.server.cors_origins.iter().enumerate() {
            let ok = origin == "*"
                || ((origin.starts_with("http://") || origin.starts_with("https://"))
                    && !origin.ends_with('/')
                    && origin.parse::<axum::http::HeaderValue>().is_ok());
            if !ok {
                return Err(key_error(
                    format!("server.cors_origins[{i}]"),
                    format!(
                        "`{origin}` is not an origin like https://partner.example (no path, no trailing slash) or \"*\""
                    ),
                ));
            }
        }
        let limits = file.limits;
        if limits.max_body_bytes < 1024 {
            return Err(key_error("limits.max_body_bytes", "must be at least 1024"));
        }
        if limits.max_changes == 0 {
            return Err(key_error("limits.max_changes", "must be at least 1"));
        }
        let tokens = check_tokens(file.tokens)?;
        let datasets = check_datasets(file.datasets, &tokens, &resolve)?;
        Ok(Config {
            addr,
            static_dir,
            database,
            cors_origins: file.server.cors_origins,
            limits,
            datasets,
            tokens,
        })
    }
}

fn check_tokens(tokens: Vec<TokenConfig>) -> Result<Vec<TokenConfig>, ConfigError> {
    let mut names = HashSet::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.name.trim().is_empty() {
            return Err(key_error(format!("tokens[{i}].name"), "must not be empty"));
        }
        if !names.insert(token.name.clone()) {
            return Err(key_error(
                format!("tokens[{i}].name"),
                format!("`{}` is used twice", token.name),
            ));
        }
        if let Err(e) = argon2::PasswordHash::new(&token.hash) {
            return Err(key_error(
                format!("tokens[{i}].hash"),
                format!("not an argon2 hash as printed by `vitrine token` ({e})"),
            ));
        }
    }
    Ok(tokens)
}

fn check_datasets(
    datasets: Vec<DatasetConfig>,
    tokens: &[TokenConfig],
    resolve: &dyn Fn(&Path) -> PathBuf,
) -> Result<Vec<DatasetConfig>, ConfigError> {
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(datasets.len());
    for (i, mut dataset) in datasets.into_iter().enumerate() {
        let id_ok = !dataset.id.is_empty()
            && dataset.id.len() <= 100
            && dataset
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
            && !dataset.id.starts_with('.');
        if !id_ok {
            return Err(key_error(
                format!("datasets[{i}].id"),
                format!("`{}` must be letters, digits, `-`, `_` or `.`", dataset.id),
            ));
        }
        if !ids.insert(dataset.id.clone()) {
            return Err(key_error(
                format!("datasets[{i}].id"),
                format!("`{}` is used twice", dataset.id),
            ));
        }
        dataset.data = resolve(&dataset.data);
        dataset.schema = resolve(&dataset.schema);
        for (key, path) in [("data", &dataset.data), ("schema", &dataset.schema)] {
            if !path.is_file() {
                return Err(key_error(
                    format!("datasets[{i}].{key}"),
                    format!("file not found: {}", path.display()),
                ));
            }
        }
        if let Some(readers) = &dataset.restricted_readers {
            for (j, name) in readers.iter().enumerate() {
                if !tokens.iter().any(|t| &t.name == name) {
                    return Err(key_error(
                        format!("datasets[{i}].restricted_readers[{j}]"),
                        format!("no token named `{name}` in [[tokens]]"),
                    ));
                }
            }
        }
        out.push(dataset);
    }
    Ok(out)
}
