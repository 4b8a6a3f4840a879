//! Everything a request handler can reach: configuration, datasets, store,
//! authentication, limits and the static file cache.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use crate::auth::{Authenticator, Caller};
use crate::config::{Config, DatasetConfig};
use crate::dataset::{DatasetError, Snapshot};
use crate::file_cache::FileCache;
use crate::limits::RateLimiter;
use crate::store::{Store, StoreError};

pub struct AppState {
    pub config: Config,
    pub datasets: BTreeMap<String, Arc<DatasetHandle>>,
    pub store: Store,
    pub auth: Authenticator,
    pub limiter: RateLimiter,
    pub files: Arc<FileCache>,
    /// Canonical folders of the data files and paths of the schema files:
    /// never served as static files, whatever the static folder is.
    private_dirs: Vec<PathBuf>,
    private_files: HashSet<PathBuf>,
}

/// A dataset: its current snapshot, swapped whole when a suggestion is
/// accepted, and the lock that serialises changes to its file.
pub struct DatasetHandle {
    pub config: DatasetConfig,
    current: RwLock<Arc<Snapshot>>,
    pub write_lock: tokio::sync::Mutex<()>,
}

impl DatasetHandle {
    pub fn load(config: DatasetConfig) -> Result<Self, DatasetError> {
        let snapshot = Snapshot::load(&config)?;
        let errors = snapshot.validation_errors().len();
        if errors > 0 {
            tracing::warn!(
                dataset = %config.id,
                errors,
                "the data has validation errors (see `vitrine validate`); it is served as it is"
            );
        }
        Ok(DatasetHandle {
            config,
            current: RwLock::new(Arc::new(snapshot)),
            write_lock: tokio::sync::Mutex::new(()),
        })
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn replace(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
    }

    /// True when this caller may read (and suggest changes to) restricted fields.
    pub fn may_read_restricted(&self, caller: &Caller) -> bool {
        match caller {
            Caller::Anonymous => false,
            Caller::Token { name, .. } => match &self.config.restricted_readers {
                None => true,
                Some(readers) => readers.iter().any(|r| r == name),
            },
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("dataset `{id}`: {source}")]
    Dataset { id: String, source: DatasetError },
    #[error("cannot open the database {path}: {source}")]
    Store { path: PathBuf, source: StoreError },
}

impl AppState {
    pub fn new(config: Config) -> Result<AppState, StartError> {
        let mut datasets = BTreeMap::new();
        let mut private_dirs = Vec::new();
        let mut private_files = HashSet::new();
        for dataset in &config.datasets {
            let handle =
                DatasetHandle::load(dataset.clone()).map_err(|source| StartError::Dataset {
                    id: dataset.id.clone(),
                    source,
                })?;
            if let Some(dir) = dataset
                .data
                .canonicalize()
                .ok()
                .and_then(|p| p.parent().map(PathBuf::from))
            {
                private_dirs.push(dir);
            }
            if let Ok(schema) = dataset.schema.canonicalize() {
                private_files.insert(schema);
            }
            datasets.insert(dataset.id.clone(), Arc::new(handle));
        }
        let store = Store::open(&config.database).map_err(|source| StartError::Store {
            path: config.database.clone(),
            source,
        })?;
        if let Ok(db) = config.database.canonicalize() {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = db.clone().into_os_string();
                name.push(suffix);
                private_files.insert(PathBuf::from(name));
            }
        }
        Ok(AppState {
            auth: Authenticator::new(config.tokens.clone()),
            limiter: RateLimiter::new(
                config.limits.suggestions_per_minute,
                config.limits.suggestions_burst,
            ),
            files: Arc::new(FileCache::default()),
            datasets,
            store,
            private_dirs,
            private_files,
            config,
        })
    }

    pub fn dataset(&self, id: &str) -> Result<&Arc<DatasetHandle>, crate::errors::ApiError> {
        self.datasets
            .get(id)
            .ok_or_else(|| crate::errors::ApiError::dataset_not_found(id))
    }

    /// True when `path` is a configured schema file, the database, or lies
    /// in the folder of a configured data file (which holds restricted fields).
    pub fn is_private(&self, path: &Path) -> bool {
        match path.canonicalize() {
            Ok(p) => {
                self.private_files.contains(&p)
                    || self.private_dirs.iter().any(|d| p.starts_with(d))
            }
            Err(_) => false,
        }
    }
}
