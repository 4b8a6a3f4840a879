//! Durable storage of suggestions and the audit log in SQLite (WAL mode,
//! `synchronous=FULL`).
//!
//! All writes go through one writer thread that groups the jobs waiting in
//! its queue into a single transaction (group commit): each job runs in its
//! own savepoint, the transaction commits once (one fsync), and only then is
//! every job told its outcome. A caller therefore never hears "stored"
//! before the data is on disk. Reads use a separate connection.

use std::path::Path;
use std::sync::{Arc, Mutex, mpsc};

use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::oneshot;

use crate::records::{AuditEntry, NewSuggestion, Status, StoredSuggestion};

/// Most jobs committed in one transaction.
const MAX_BATCH: usize = 512;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS suggestions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset         TEXT NOT NULL,
    dataset_version TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    created_at      TEXT NOT NULL,
    message         TEXT NOT NULL,
    author_name     TEXT,
    author_email    TEXT,
    consent         INTEGER NOT NULL,
    changes         TEXT NOT NULL,
    restricted      INTEGER NOT NULL,
    decided_at      TEXT,
    decided_by      TEXT,
    reason          TEXT
);
CREATE INDEX IF NOT EXISTS suggestions_status ON suggestions(status, id);
CREATE TABLE IF NOT EXISTS audit (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset        TEXT NOT NULL,
    suggestion_id  INTEGER NOT NULL REFERENCES suggestions(id),
    action         TEXT NOT NULL,
    moderator      TEXT NOT NULL,
    at             TEXT NOT NULL,
    version_before TEXT,
    version_after  TEXT,
    reason         TEXT,
    changes        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_dataset ON audit(dataset, id);
";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database writer has stopped")]
    WriterGone,
}

type Reply = Box<dyn FnOnce(Result<(), String>) + Send>;
type Job = Box<dyn FnOnce(&Connection) -> (bool, Reply) + Send>;

pub struct Store {
    jobs: Mutex<Option<mpsc::Sender<Job>>>,
    reader: Arc<Mutex<Connection>>,
    writer_thread: Mutex<Option<std::thread::JoinHandle<()>>>,
}

fn open(path: &Path) -> Result<Connection, rusqlite::Error> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(conn)
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(parent);
        }
        let writer = open(path)?;
        writer.execute_batch(SCHEMA)?;
        let reader = open(path)?;
        let (tx, rx) = mpsc::channel::<Job>();
        let handle = std::thread::Builder::new()
            .name("vitrine-db-writer".into())
            .spawn(move || writer_loop(writer, rx))
            .map_err(|_| StoreError::WriterGone)?;
        Ok(Store {
            jobs: Mutex::new(Some(tx)),
            reader: Arc::new(Mutex::new(reader)),
            writer_thread: Mutex::new(Some(handle)),
        })
    }

    /// Runs `f` in the writer's transaction; resolves once it is committed.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<T, StoreError>>();
        let job: Job = Box::new(move |conn| {
            let result = f(conn);
            let ok = result.is_ok();
            let reply: Reply = Box::new(move |committed| {
                let outcome = match (result, committed) {
                    (Ok(v), Ok(())) => Ok(v),
                    (Err(e), _) => Err(StoreError::Sqlite(e)),
                    (Ok(_), Err(msg)) => Err(StoreError::Sqlite(
                        rusqlite::Error::ToSqlConversionFailure(msg.into()),
                    )),
                };
                let _ = tx.send(outcome);
            });
            (ok, reply)
        });
        {
            let guard = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
            let sender = guard.as_ref().ok_or(StoreError::WriterGone)?;
            sender.send(job).map_err(|_| StoreError::WriterGone)?;
        }
        rx.await.map_err(|_| StoreError::WriterGone)?
    }

    /// Runs a read on the reader connection, off the async threads.
    pub async fn read<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    {
        let reader = self.reader.clone();
        tokio::task::spawn_blocking(move || {
            let conn = reader.lock().unwrap_or_else(|e| e.into_inner());
            f(&conn).map_err(StoreError::from)
        })
        .await
        .map_err(|_| StoreError::WriterGone)?
    }

    /// Stops accepting jobs, lets the writer finish its queue, and waits for it.
    pub fn close(&self) {
        self.jobs.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(handle) = self
            .writer_thread
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
        {
            let _ = handle.join();
        }
    }

    pub async fn insert_suggestion(&self, s: NewSuggestion) -> Result<i64, StoreError> {
        self.write(move |conn| {
            conn.prepare_cached(
                "INSERT INTO suggestions (dataset, dataset_version, created_at, message,
                     author_name, author_email, consent, changes, restricted)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                s.dataset,
                s.dataset_version,
                s.created_at,
                s.message,
                s.author_name,
                s.author_email,
                s.consent,
                s.changes_json,
                s.restricted
            ])?;
            Ok(conn.last_insert_rowid())
        })
        .await
    }

    pub async fn suggestion(&self, id: i64) -> Result<Option<StoredSuggestion>, StoreError> {
        self.read(move |conn| {
            conn.prepare_cached(&format!(
                "SELECT {SUGGESTION_COLUMNS} FROM suggestions WHERE id = ?1"
            ))?
            .query_row([id], StoredSuggestion::from_row)
            .optional()
        })
        .await
    }

    pub async fn suggestions(
        &self,
        status: Option<Status>,
        dataset: Option<String>,
        after: i64,
        limit: u32,
    ) -> Result<Vec<StoredSuggestion>, StoreError> {
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {SUGGESTION_COLUMNS} FROM suggestions
                 WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR dataset = ?2) AND id > ?3
                 ORDER BY id LIMIT ?4"
            ))?;
            let rows = stmt.query_map(
                params![status.map(Status::as_str), dataset, after, limit],
                StoredSuggestion::from_row,
            )?;
            rows.collect()
        })
        .await
    }

    /// Marks a pending suggestion decided and appends the audit entry, in one
    /// transaction. Returns false (and changes nothing) when it was no longer pending.
    pub async fn decide(&self, entry: AuditEntry) -> Result<bool, StoreError> {
        self.write(move |conn| {
            let updated = conn
                .prepare_cached(
                    "UPDATE suggestions SET status = ?1, decided_at = ?2, decided_by = ?3, reason = ?4
                     WHERE id = ?5 AND status = 'pending'",
                )?
                .execute(params![
                    entry.action.as_str(),
                    entry.at,
                    entry.moderator,
                    entry.reason,
                    entry.suggestion_id
                ])?;
            if updated == 0 {
                return Ok(false);
            }
            conn.prepare_cached(
                "INSERT INTO audit (dataset, suggestion_id, action, moderator, at,
                     version_before, version_after, reason, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                entry.dataset,
                entry.suggestion_id,
                entry.action.as_str(),
                entry.moderator,
                entry.at,
                entry.version_before,
                entry.version_after,
                entry.reason,
                entry.changes_json
            ])?;
            Ok(true)
        })
        .await
    }

    pub async fn history(
        &self,
        dataset: String,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, dataset, suggestion_id, action, moderator, at, version_before,
                        version_after, reason, changes
                 FROM audit WHERE dataset = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![dataset, limit], AuditEntry::from_row)?;
            rows.collect()
        })
        .await
    }
}

const SUGGESTION_COLUMNS: &str = "id, dataset, dataset_version, status, created_at, message, \
     author_name, author_email, consent, changes, restricted, decided_at, decided_by, reason";

fn writer_loop(mut conn: Connection, rx: mpsc::Receiver<Job>) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let mut replies = Vec::with_capacity(batch.len());
        let outcome = (|| -> Result<(), rusqlite::Error> {
            let tx = conn.transaction()?;
            for job in batch {
                tx.execute_batch("SAVEPOINT job")?;
                let (ok, reply) = job(&tx);
                if ok {
                    tx.execute_batch("RELEASE job")?;
                } else {
                    tx.execute_batch("ROLLBACK TO job; RELEASE job")?;
                }
                replies.push(reply);
            }
            tx.commit()
        })();
        let committed = outcome.map_err(|e| {
            tracing::error!(error = %e, "database commit failed");
            e.to_string()
        });
        for reply in replies {
            reply(committed.clone());
        }
    }
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE)");
}

impl Drop for Store {
    fn drop(&mut self) {
        self.close();
    }
}
