//! A bounded retry for the SQLITE_BUSY that SQLite returns without waiting out the busy timeout.
//!
//! The busy timeout makes a connection wait for another process's lock, and every write
//! transaction here is `BEGIN IMMEDIATE`, so writes wait their turn instead of failing. One step
//! still fails at once: switching a new database file to WAL. `PRAGMA journal_mode = WAL` reads
//! the file header, then asks for the write lock; when another process is switching the same new
//! file at that moment, SQLite reports SQLITE_BUSY straight away instead of waiting (waiting while
//! holding a read lock could deadlock), so two processes opening a new database at the same
//! instant would see "database is locked". Trying the open again a moment later works: by then the
//! file is in WAL mode and the switch is a no-op.

use std::future::Future;
use std::time::{Duration, Instant};

use super::BUSY_TIMEOUT;

/// The pause between attempts: the other process's switch to WAL takes a few milliseconds.
const PAUSE: Duration = Duration::from_millis(10);

/// Runs `attempt` again while it fails with SQLITE_BUSY, for at most the busy timeout (as long as
/// SQLite itself would have waited); any other outcome is returned as it is.
pub(super) async fn while_busy<T, F, Fut>(mut attempt: F) -> Result<T, sqlx::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let deadline = Instant::now() + BUSY_TIMEOUT;
    loop {
        match attempt().await {
            Err(e) if is_busy(&e) && Instant::now() + PAUSE < deadline => tokio::time::sleep(PAUSE).await,
            outcome => return outcome,
        }
    }
}

/// SQLITE_BUSY or one of its extended codes (BUSY_RECOVERY, BUSY_SNAPSHOT, BUSY_TIMEOUT): their
/// low byte is 5.
pub(super) fn is_busy(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_lock_held_elsewhere_is_busy_and_other_errors_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.db");
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(&path).create_if_missing(true);
        use sqlx::{ConnectOptions, Connection};
        let mut holder = options.connect().await.unwrap();
        sqlx::query("CREATE TABLE t (x)").execute(&mut holder).await.unwrap();
        let mut tx = holder.begin_with("BEGIN EXCLUSIVE").await.unwrap();
        sqlx::query("INSERT INTO t VALUES (1)").execute(&mut *tx).await.unwrap();
        let mut other = options.clone().busy_timeout(Duration::ZERO).connect().await.unwrap();
        let busy = sqlx::query("SELECT x FROM t").fetch_all(&mut other).await.unwrap_err();
        assert!(is_busy(&busy), "{busy}");
        tx.rollback().await.unwrap(); // dropping would roll back only at the next use of the connection
        let missing = sqlx::query("SELECT x FROM nowhere").fetch_all(&mut other).await;
        assert!(!is_busy(&missing.unwrap_err()));
    }

    #[tokio::test]
    async fn busy_attempts_are_retried_until_the_lock_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.path().join("busy.db")).create_if_missing(true);
        let holder = sqlx::SqlitePool::connect_with(options.clone()).await.unwrap();
        sqlx::query("CREATE TABLE t (x)").execute(&holder).await.unwrap();
        let tx = holder.begin_with("BEGIN EXCLUSIVE").await.unwrap();
        let release = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150)).await;
            tx.commit().await.unwrap();
        });
        let attempts = std::sync::atomic::AtomicUsize::new(0);
        let rows = while_busy(|| {
            attempts.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let options = options.clone().busy_timeout(Duration::ZERO);
            async move {
                use sqlx::ConnectOptions;
                let mut conn = options.connect().await?;
                sqlx::query("SELECT x FROM t").fetch_all(&mut conn).await
            }
        })
        .await;
        release.await.unwrap();
        assert!(rows.is_ok(), "{rows:?}");
        assert!(attempts.into_inner() > 1, "the first attempt should have met the lock");
    }
}
