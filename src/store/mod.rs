//! The SQLite database. [`Db`] owns the connection pool; each table has its own `impl Db` block in
//! a submodule. Migrations in `migrations/` are applied every time a database is opened; before
//! they change an existing database, a copy of it is written next to it (see [`Db::open`]).

mod anchors;
mod articles;
mod claims;
mod exchange;
mod retry;
mod reviewers;
mod scales;
mod settings;
mod suggestions;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::Connection;

pub use anchors::{CarryReport, Carried, VersionSummary};
pub use articles::{ArticleSummary, ImportOutcome, Version};
pub use claims::{ClaimFilter, HistoryEntry};
pub use exchange::{ClaimParts, Conflict, ExportedVersion, ImportReport};
pub use reviewers::{colour_of, initials_of, Profile, Reviewer};
pub use suggestions::Dismissal;

use crate::error::{Error, Result};

/// How long a connection waits for another writer (another app window, a CLI run) before SQLite
/// reports "database is locked".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Every schema version this build knows, embedded at compile time from `migrations/` (build.rs
/// rebuilds when a file is added there).
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The database: one pool, opened with the settings claimdesk relies on.
#[derive(Debug, Clone)]
pub struct Db {
    pool: SqlitePool,
    path: PathBuf,
    /// The copy written before this open upgraded the schema, if it did.
    backup: Option<PathBuf>,
}

impl Db {
    /// Opens (creating if missing, with its folder) the database file at `path` and brings its
    /// schema up to date.
    ///
    /// When an existing database lacks migrations this build has, it is first copied with
    /// `VACUUM INTO` to `<file>.before-<newest version>.bak` next to it ([`Db::backup_made`] says
    /// where); if that copy cannot be written nothing is migrated. A database that has migrations
    /// this build does not know (made by a newer claimdesk), or a SQLite file that is not a
    /// claimdesk database, is refused and left as it is.
    pub async fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        }
        // Before anything changes the file (even the switch to WAL below), see whether it must be
        // refused, or copied because its schema is about to change. Anything but an existing file
        // (nothing yet, a folder) is left to the open below to create or report.
        let backup = if path.is_file() { back_up_before_upgrade(path).await? } else { None };
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            // WAL lets the app read while the CLI writes; NORMAL is durable across application
            // crashes in WAL mode (only a power loss can drop the last commits).
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        // Retried while busy: two processes switching one new file to WAL at once (see retry.rs).
        let pool = retry::while_busy(|| SqlitePoolOptions::new().max_connections(4).connect_with(options.clone()))
            .await
            .map_err(|source| Error::OpenDatabase { path: path.to_path_buf(), source })?;
        let db = Db { pool, path: path.to_path_buf(), backup };
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
        let db = Db { pool, path, backup: None };
        db.migrate().await?;
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        let failed = |source| match &self.backup {
            Some(backup) => Error::UpgradeFailed { path: self.path.clone(), backup: backup.clone(), source },
            None => Error::Migrate { path: self.path.clone(), source },
        };
        // One write transaction around all of it (issue #8): two processes opening a new file at
        // once would otherwise both find migration 1 missing, both apply it, and the second fails
        // with "table reviewers already exists". BEGIN IMMEDIATE makes the second wait (busy
        // timeout) and then find nothing left to apply; sqlx runs each migration in a savepoint.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(|e| failed(e.into()))?;
        MIGRATOR.run(&mut *tx).await.map_err(failed)?;
        tx.commit().await.map_err(|e| failed(e.into()))
    }

    /// Where this open copied the database before upgrading its schema; `None` when it did not
    /// upgrade (new, in-memory or up-to-date database). The CLI and the app tell the user.
    pub fn backup_made(&self) -> Option<&Path> {
        self.backup.as_deref()
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

/// Looks at an existing database file before claimdesk's own settings or migrations touch it,
/// on a connection of its own that only reads: refuses a database from a newer claimdesk and a
/// SQLite file that is not claimdesk's, and copies a claimdesk database that is about to be
/// upgraded. Returns where the copy went, if one was made.
async fn back_up_before_upgrade(path: &Path) -> Result<Option<PathBuf>> {
    let options = SqliteConnectOptions::new().filename(path).busy_timeout(BUSY_TIMEOUT);
    let mut conn = SqliteConnection::connect_with(&options)
        .await
        .map_err(|source| Error::OpenDatabase { path: path.to_path_buf(), source })?;
    let outcome = inspect_and_copy(&mut conn, path).await;
    // Closing the last connection removes the WAL and shared-memory files, so a refused database
    // is left exactly as it was. The connection wrote nothing, so a failure to close loses nothing.
    let _ = conn.close().await;
    outcome
}

async fn inspect_and_copy(conn: &mut SqliteConnection, path: &Path) -> Result<Option<PathBuf>> {
    let opening = |source| Error::OpenDatabase { path: path.to_path_buf(), source };
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_schema WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'")
            .fetch_all(&mut *conn)
            .await
            .map_err(opening)?;
    let applied: Vec<i64> = if tables.iter().any(|t| t == "_sqlx_migrations") {
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&mut *conn)
            .await
            .map_err(opening)?
    } else {
        Vec::new()
    };
    if applied.is_empty() {
        // Tables but no migration applied: someone else's database, which migrating would fill
        // with claimdesk's tables. No tables at all: a new database, nothing to keep.
        if tables.iter().any(|t| t != "_sqlx_migrations") {
            return Err(Error::NotClaimdeskDatabase(path.to_path_buf()));
        }
        return Ok(None);
    }

    let known: Vec<i64> = MIGRATOR.iter().filter(|m| !m.migration_type.is_down_migration()).map(|m| m.version).collect();
    let newest_known = known.iter().copied().max().unwrap_or(0);
    if let Some(&newer) = applied.iter().filter(|v| !known.contains(v)).max() {
        return Err(Error::NewerDatabase { path: path.to_path_buf(), version: newer, known: newest_known });
    }
    if known.iter().all(|v| applied.contains(v)) {
        return Ok(None); // up to date
    }

    let backup = free_backup_path(path, newest_known);
    let failed = |problem: String| Error::Backup { path: path.to_path_buf(), backup: backup.clone(), problem };
    let target = backup.to_str().ok_or_else(|| failed("the backup's path is not valid UTF-8".into()))?;
    // VACUUM INTO writes a consistent, compact copy (the WAL's commits included) and refuses to
    // write over a file that has content, so even a race with another open cannot overwrite an
    // older backup.
    sqlx::query("VACUUM INTO ?").bind(target).execute(&mut *conn).await.map_err(|e| failed(e.to_string()))?;
    // SQLite does not flush the copy to disk; do it before the migrations touch the original.
    sync_file_and_folder(&backup).map_err(|e| failed(e.to_string()))?;
    Ok(Some(backup))
}

/// `<file>.before-<version>.bak` next to the database, or `<file>.before-<version>.2.bak`, `.3.bak`…
/// when that name is taken (an earlier attempt at the same upgrade left it): a backup is never
/// overwritten. A name that cannot even be looked at counts as free; writing it will say why.
fn free_backup_path(db: &Path, version: i64) -> PathBuf {
    let file_name = db.file_name().unwrap_or(std::ffi::OsStr::new("claimdesk.db"));
    let mut n = 1_u32;
    loop {
        let mut name = file_name.to_os_string();
        name.push(if n == 1 { format!(".before-{version}.bak") } else { format!(".before-{version}.{n}.bak") });
        let candidate = db.with_file_name(name);
        if std::fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

/// Flushes a new file and the folder entry that names it, so both survive a power loss.
fn sync_file_and_folder(file: &Path) -> std::io::Result<()> {
    std::fs::File::open(file)?.sync_all()?;
    // Opening a folder to sync it works on Unix only; elsewhere the file's own sync has to do.
    #[cfg(unix)]
    {
        let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::File::open(dir)?.sync_all()?;
    }
    Ok(())
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
