//! The SQLite database. [`Db`] owns the connection pool; each table has its own `impl Db` block in
//! a submodule. Migrations in `migrations/` are applied every time a database is opened.

mod anchors;
mod articles;
mod claims;
mod exchange;
mod reviewers;
mod scales;
mod settings;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

pub use anchors::{CarryReport, Carried, VersionSummary};
pub use articles::{ArticleSummary, ImportOutcome, Version};
pub use claims::{ClaimFilter, HistoryEntry};
pub use exchange::{ClaimParts, Conflict, ExportedVersion, ImportReport};
pub use reviewers::{colour_of, initials_of, Profile, Reviewer};

use crate::error::{Error, Result};

/// How long a connection waits for another writer (another app window, a CLI run) before SQLite
/// reports "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The database: one pool, opened with the settings claimdesk relies on.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
}

impl Db {
    /// Opens (creating if missing, with its folder) the database file at `path` and brings its
    /// schema up to date.
    pub async fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            // WAL lets the app read while the CLI writes; NORMAL is durable across application
            // crashes in WAL mode (only a power loss can drop the last commits).
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| Error::OpenDatabase { path: path.to_path_buf(), source })?;
        let db = Db { pool, path: path.to_path_buf() };
        db.migrate().await?;
        Ok(db)
    }

    /// A private database in memory, for tests and for extraction runs that store nothing.
    pub async fn open_in_memory() -> Result<Db> {
        let path = PathBuf::from(":memory:");
        let options = SqliteConnectOptions::from_str("sqlite::memory:")
            .map_err(|source| Error::OpenDatabase { path: path.clone(), source })?
            .foreign_keys(true);
        // One connection: every connection to ":memory:" is a database of its own.
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .map_err(|source| Error::OpenDatabase { path: path.clone(), source })?;
        let db = Db { pool, path };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        sqlx::migrate!("./migrations")
            .run(&self.pool)
            .await
            .map_err(|source| Error::Migrate { path: self.path.clone(), source })
    }

    /// Where the database file is (`:memory:` for an in-memory one).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits for every connection to finish and closes them (checkpointing the WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// The database file used when none is named: `claimdesk/claimdesk.db` in the platform data
    /// directory (`~/.local/share` on Linux).
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("claimdesk").join("claimdesk.db"))
    }
}

/// Now, as stored: RFC 3339 UTC with milliseconds (sorts as text).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A new id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Converts a stored non-negative integer (offsets, counts) to `usize`.
fn to_usize(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// Converts an offset to what SQLite stores.
fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
