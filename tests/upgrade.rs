//! Upgrades: a database made by any released claimdesk opens with this build, is copied next to
//! itself before its schema changes, and keeps every row. The databases are the fixtures in
//! `tests/fixtures/upgrade/` (one per released schema version, made by `make.py` there).

use std::path::{Path, PathBuf};

use sqlx::sqlite::{SqliteConnectOptions, SqliteRow};
use sqlx::{AssertSqlSafe, Connection, Row, SqliteConnection};

use claimdesk::anchor::AnchorState;
use claimdesk::claim::Status;
use claimdesk::store::{initials_of, ClaimFilter, Db};
use claimdesk::Error;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/upgrade");
const MIGRATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");

// The fixtures' data (make.py): ids and values every fixture has.
const TELECOMS: &str = "5e1d7c3a-8f2b-4b6e-a0d4-7c9e1f2a0001";
const PORT: &str = "5e1d7c3a-8f2b-4b6e-a0d4-7c9e1f2a0002";
const C_USERS: &str = "c1a1e000-0000-4000-8000-000000000001";
const C_MOBILE: &str = "c1a1e000-0000-4000-8000-000000000002";
const C_FIBRE: &str = "c1a1e000-0000-4000-8000-000000000003";
const C_OPINION: &str = "c1a1e000-0000-4000-8000-000000000005";

const CLAIM_RECORD: i64 = 20261130020000;
const REVIEW_WORKFLOW: i64 = 20261130030000;
const ANCHOR_STATE: i64 = 20261130040000;

/// (version, file name without `.sql`) of every migration, oldest first: the schema versions.
fn migrations() -> Vec<(i64, String)> {
    let mut found: Vec<(i64, String)> = std::fs::read_dir(MIGRATIONS)
        .unwrap()
        .filter_map(|entry| {
            let name = entry.unwrap().file_name().into_string().ok()?;
            let stem = name.strip_suffix(".sql")?.to_string();
            let version = stem.split('_').next()?.parse().ok()?;
            Some((version, stem))
        })
        .collect();
    found.sort();
    found
}

/// (version, path) of every fixture, oldest first.
fn fixtures() -> Vec<(i64, PathBuf)> {
    let mut found: Vec<(i64, PathBuf)> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .filter_map(|entry| {
            let path = entry.unwrap().path();
            if path.extension()? != "db" {
                return None;
            }
            let version = path.file_name()?.to_str()?.split('_').next()?.parse().ok()?;
            Some((version, path))
        })
        .collect();
    found.sort();
    found
}

fn newest_version() -> i64 {
    migrations().last().unwrap().0
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

/// A connection to a database file that does not change it (no journal, no locks, no WAL).
async fn read_only(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new().filename(path).read_only(true).immutable(true);
    SqliteConnection::connect_with(&options).await.unwrap()
}

async fn rows(conn: &mut SqliteConnection, sql: &str) -> Vec<SqliteRow> {
    sqlx::query(AssertSqlSafe(sql.to_string())).fetch_all(conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn scalar(conn: &mut SqliteConnection, sql: &str) -> i64 {
    sqlx::query_scalar(AssertSqlSafe(sql.to_string())).fetch_one(conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn tables(conn: &mut SqliteConnection, schema: &str) -> Vec<String> {
    let sql = format!("SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' ORDER BY name");
    rows(conn, &sql).await.iter().map(|r| r.get(0)).collect()
}

async fn columns(conn: &mut SqliteConnection, schema: &str, table: &str) -> Vec<String> {
    let sql = format!("SELECT name FROM pragma_table_info('{table}', '{schema}') ORDER BY cid");
    rows(conn, &sql).await.iter().map(|r| r.get(0)).collect()
}

/// Every row of every table of the attached database `old` is in `main`, column for column, and
/// each table has as many rows in both; `grown` may have gained rows (sqlx's own, for one).
async fn assert_rows_kept(conn: &mut SqliteConnection, what: &str, grown: &[&str]) {
    for table in tables(conn, "old").await {
        let cols = columns(conn, "old", &table).await.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
        let lost = format!("SELECT {cols} FROM old.\"{table}\" EXCEPT SELECT {cols} FROM main.\"{table}\"");
        let missing = scalar(conn, &format!("SELECT count(*) FROM ({lost})")).await;
        assert_eq!(missing, 0, "{what}: {missing} row(s) of {table} lost or changed");
        let before = scalar(conn, &format!("SELECT count(*) FROM old.\"{table}\"")).await;
        let after = scalar(conn, &format!("SELECT count(*) FROM main.\"{table}\"")).await;
        if grown.contains(&table.as_str()) {
            assert!(after >= before, "{what}: {table} went from {before} to {after} rows");
        } else {
            assert_eq!(after, before, "{what}: {table} went from {before} to {after} rows");
        }
    }
}

async fn assert_sound(conn: &mut SqliteConnection, what: &str) {
    let integrity: Vec<String> = rows(conn, "PRAGMA integrity_check").await.iter().map(|r| r.get(0)).collect();
    assert_eq!(integrity, ["ok"], "{what}: integrity_check");
    let dangling = rows(conn, "PRAGMA foreign_key_check").await.len();
    assert_eq!(dangling, 0, "{what}: {dangling} row(s) break a foreign key");
}

#[test]
fn every_released_schema_version_has_a_fixture() {
    let all = migrations();
    let fixtures: Vec<i64> = fixtures().iter().map(|(v, _)| *v).collect();
    // The newest schema is this build's own; each older one is a release some desk may still run.
    for (version, stem) in &all[..all.len() - 1] {
        assert!(
            fixtures.contains(version),
            "no upgrade fixture for schema version {stem}: run `python3 tests/fixtures/upgrade/make.py` \
             after adding its data step (tests/fixtures/upgrade/README.md)"
        );
    }
    for version in fixtures {
        assert!(all.iter().any(|(v, _)| *v == version), "the fixture for {version} has no migration of that version");
    }
}

#[tokio::test]
async fn every_fixture_upgrades_with_a_backup_and_every_row_intact() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 6, "the fixtures are missing: {FIXTURES}");
    for (version, fixture) in fixtures {
        upgrade(version, &fixture).await;
    }
}

/// Opens a copy of the fixture `committed` (a database at schema `version`) and checks what the
/// upgrade did.
async fn upgrade(version: i64, committed: &Path) {
    let what = committed.file_name().unwrap().to_string_lossy().to_string();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claimdesk.db");
    std::fs::copy(committed, &path).unwrap();
    // What the fixture held, in a folder of its own: attaching it must not touch the committed file.
    let pristine_dir = tempfile::tempdir().unwrap();
    let fixture = &pristine_dir.path().join("fixture.db");
    std::fs::copy(&path, fixture).unwrap();
    let newest = newest_version();

    let db = Db::open(&path).await.unwrap_or_else(|e| panic!("{what}: {e}"));
    let expected_backup = (version < newest).then(|| dir.path().join(format!("claimdesk.db.before-{newest}.bak")));
    assert_eq!(db.backup_made(), expected_backup.as_deref(), "{what}: the backup");
    db.close().await;

    // The file itself: sound, at the newest schema, with every row it had.
    let mut conn = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&path)).await.unwrap();
    assert_sound(&mut conn, &what).await;
    let applied = scalar(&mut conn, "SELECT count(*) FROM _sqlx_migrations WHERE success").await;
    assert_eq!(applied as usize, migrations().len(), "{what}: migrations applied");
    sqlx::query("ATTACH DATABASE ? AS old").bind(fixture.to_str().unwrap()).execute(&mut conn).await.unwrap();
    assert_rows_kept(&mut conn, &what, &["_sqlx_migrations"]).await;
    conn.close().await.unwrap();

    // The backup: a sound database at the fixture's schema with exactly the fixture's rows.
    if let Some(backup) = &expected_backup {
        let bytes = std::fs::read(backup).unwrap_or_else(|e| panic!("{what}: {}: {e}", backup.display()));
        assert!(bytes.starts_with(b"SQLite format 3\0"), "{what}: the backup is not a SQLite database");
        let mut conn = read_only(backup).await;
        assert_sound(&mut conn, &format!("{what} backup")).await;
        let newest_in_backup = scalar(&mut conn, "SELECT max(version) FROM _sqlx_migrations").await;
        assert_eq!(newest_in_backup, version, "{what}: the backup's schema version");
        sqlx::query("ATTACH DATABASE ? AS old").bind(fixture.to_str().unwrap()).execute(&mut conn).await.unwrap();
        assert_rows_kept(&mut conn, &format!("{what} backup"), &[]).await;
        let schema = "SELECT type, name, sql FROM {}.sqlite_schema";
        let differ = scalar(
            &mut conn,
            &format!(
                "SELECT (SELECT count(*) FROM ({} EXCEPT {})) + (SELECT count(*) FROM ({} EXCEPT {}))",
                schema.replace("{}", "main"),
                schema.replace("{}", "old"),
                schema.replace("{}", "old"),
                schema.replace("{}", "main")
            ),
        )
        .await;
        assert_eq!(differ, 0, "{what}: the backup's schema is not the fixture's");
        conn.close().await.unwrap();
    }

    // Opening again upgrades nothing, so copies nothing.
    let db = Db::open(&path).await.unwrap();
    assert_eq!(db.backup_made(), None, "{what}: a second backup");
    let backups = listing(dir.path()).into_iter().filter(|n| n.ends_with(".bak")).count();
    assert_eq!(backups, usize::from(expected_backup.is_some()), "{what}: backups in {}", dir.path().display());

    read_through_the_library(&db, version, fixture, &what).await;
    db.close().await;
}

/// The data as the CLI and the app read it, against the fixture's rows and known values.
async fn read_through_the_library(db: &Db, version: i64, fixture: &Path, what: &str) {
    let mut old = read_only(fixture).await;
    let old_tables = tables(&mut old, "main").await;
    let has = |table: &str| old_tables.iter().any(|t| t == table);
    let claim_columns = columns(&mut old, "main", "claims").await;
    let has_column = |c: &str| claim_columns.iter().any(|n| n == c);

    // Reviewers: names with a curly apostrophe and accents; profiles chosen or derived.
    let reviewers = db.reviewers().await.unwrap();
    let names: Vec<&str> = reviewers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Awa Traoré", "Moussa Diarra", "Zoé L’Hermite"], "{what}");
    let zoe = &reviewers[2];
    if version >= REVIEW_WORKFLOW {
        assert_eq!((zoe.initials.as_str(), zoe.colour.as_str()), ("ZLH", "#ad1457"), "{what}");
    } else {
        assert_eq!(zoe.initials, initials_of(&zoe.name), "{what}");
    }

    // Articles and their versions; the text code point for code point.
    let articles = db.articles().await.unwrap();
    assert_eq!(articles.len(), 2, "{what}");
    for article_id in [TELECOMS, PORT] {
        let versions = db.versions(article_id).await.unwrap();
        let stored = rows(
            &mut old,
            &format!("SELECT number, text, sha256 FROM article_versions WHERE article_id = '{article_id}' ORDER BY number"),
        )
        .await;
        assert_eq!(versions.len(), stored.len(), "{what}: versions of {article_id}");
        for (v, row) in versions.iter().zip(&stored) {
            let text: String = row.get("text");
            assert_eq!(v.number, row.get::<i64, _>("number"), "{what}");
            assert_eq!(v.sha256, row.get::<String, _>("sha256"), "{what}");
            assert_eq!(v.chars as usize, text.chars().count(), "{what}");
            let read = db.version_text(article_id, v.number as u32).await.unwrap();
            let (read, stored): (Vec<char>, Vec<char>) = (read.chars().collect(), text.chars().collect());
            assert_eq!(read, stored, "{what}: text of {article_id} v{}", v.number);
        }
    }
    let telecoms = db.article(TELECOMS).await.unwrap();
    let text = telecoms.text.as_deref().unwrap();
    let pieces = [
        "Télécoms\u{a0}: l’Afrique de l’Ouest veut «\u{202f}rattraper son retard\u{202f}»",
        "📱 Telegram",
        "cafe\u{301}s de Dakar",
        "2,30\u{a0}€. 🤔",
    ];
    for piece in pieces {
        assert!(text.contains(piece), "{what}: {piece:?} is not in the text");
    }
    assert_eq!(telecoms.language.as_deref(), Some("fr"), "{what}");
    assert_eq!(telecoms.publisher.as_deref(), Some("Le Courrier du Sahel"), "{what}");

    // Claims: every stored field, read back through the library.
    let claims = db.claims(&ClaimFilter::default()).await.unwrap();
    let stored = rows(
        &mut old,
        "SELECT c.*, v.number AS version_number, v.text AS version_text FROM claims c
           JOIN article_versions v ON v.id = c.version_id ORDER BY c.id",
    )
    .await;
    assert_eq!(claims.len(), stored.len(), "{what}: claims");
    let optional = |row: &SqliteRow, column: &str| -> Option<String> {
        if has_column(column) { row.get(column) } else { None }
    };
    for row in &stored {
        let id: String = row.get("id");
        let claim = db.claim(&id).await.unwrap();
        let at = format!("{what}: claim {id}");
        assert_eq!(claim.version as i64, row.get::<i64, _>("version_number"), "{at}");
        assert_eq!((claim.start as i64, claim.end as i64), (row.get("start"), row.get("end")), "{at}");
        assert_eq!(claim.quote, row.get::<String, _>("quote"), "{at}");
        assert_eq!(claim.prefix, row.get::<String, _>("prefix"), "{at}");
        assert_eq!(claim.suffix, row.get::<String, _>("suffix"), "{at}");
        let version_text: String = row.get("version_text");
        let spanned: String = version_text.chars().skip(claim.start).take(claim.end - claim.start).collect();
        assert_eq!(spanned, claim.quote, "{at}: the offsets do not hold the quote");
        assert_eq!(claim.claimant, row.get::<Option<String>, _>("claimant"), "{at}");
        assert_eq!(claim.verdict, row.get::<Option<String>, _>("verdict"), "{at}");
        assert_eq!(claim.status.key(), row.get::<String, _>("status"), "{at}");
        assert_eq!(claim.note, row.get::<Option<String>, _>("note"), "{at}");
        assert_eq!((claim.created.as_str(), claim.modified.as_str()), (row.get("created"), row.get("modified")), "{at}");
        assert_eq!(claim.statement, optional(row, "statement"), "{at}");
        assert_eq!(claim.claim_type.map(|t| t.key().to_string()), optional(row, "claim_type"), "{at}");
        assert_eq!(claim.claimant_role, optional(row, "claimant_role"), "{at}");
        assert_eq!(claim.claimant_url, optional(row, "claimant_url"), "{at}");
        assert_eq!(claim.rationale, optional(row, "rationale"), "{at}");
        assert_eq!(claim.anchor_state.key(), optional(row, "anchor_state").as_deref().unwrap_or("anchored"), "{at}");
        assert_eq!(claim.previous_quote, optional(row, "previous_quote"), "{at}");
        let kept = has_column("kept_on_version") && row.get::<bool, _>("kept_on_version");
        assert_eq!(claim.kept_on_version, kept, "{at}");
        let count = |table: &str| {
            if has(table) { format!("SELECT count(*) FROM {table} WHERE claim_id = '{id}'") } else { "SELECT 0".into() }
        };
        assert_eq!(claim.tags.len() as i64, scalar(&mut old, &count("claim_tags")).await, "{at}: tags");
        assert_eq!(claim.evidence.len() as i64, scalar(&mut old, &count("evidence")).await, "{at}: evidence");
        assert_eq!(claim.reviews.len() as i64, scalar(&mut old, &count("claim_reviews")).await, "{at}: reviews");

        // The history, entry for entry (none was kept before the schema had it).
        let history = db.claim_history(&id).await.unwrap();
        let stored_history = if has("claim_history") {
            rows(
                &mut old,
                &format!(
                    "SELECT h.at, r.name, h.field, h.old, h.new FROM claim_history h JOIN reviewers r ON r.id = h.reviewer_id
                      WHERE h.claim_id = '{id}' ORDER BY h.id"
                ),
            )
            .await
        } else {
            Vec::new()
        };
        assert_eq!(history.len(), stored_history.len(), "{at}: history");
        for (entry, row) in history.iter().zip(&stored_history) {
            assert_eq!(entry.at, row.get::<String, _>(0), "{at}");
            assert_eq!(entry.reviewer, row.get::<String, _>(1), "{at}");
            assert_eq!(entry.field, row.get::<String, _>(2), "{at}");
            assert_eq!(entry.old, row.get::<Option<String>, _>(3), "{at}");
            assert_eq!(entry.new, row.get::<Option<String>, _>(4), "{at}");
        }
    }
    let of_telecoms = db.claims(&ClaimFilter { article_id: Some(TELECOMS.into()), ..Default::default() }).await.unwrap();
    assert_eq!(of_telecoms.len(), 5, "{what}");

    // Known values, written out, so a generator bug cannot hide behind comparing a fixture with
    // itself.
    let users = db.claim(C_USERS).await.unwrap();
    assert_eq!((users.start, users.end), (155, 189), "{what}");
    assert_eq!(users.verdict.as_deref(), Some("mostly_true"), "{what}");
    assert_eq!(users.status, Status::Reviewed, "{what}");
    assert_eq!(users.reviewer, "Awa Traoré", "{what}");
    if version >= ANCHOR_STATE {
        assert_eq!(users.quote, "980 millions d’utilisateurs actifs", "{what}");
        assert_eq!(users.anchor_state, AnchorState::Changed, "{what}");
        assert_eq!(users.previous_quote.as_deref(), Some("950 millions d’utilisateurs actifs"), "{what}");
        assert_eq!(users.version, 3, "{what}");
        let opinion = db.claim(C_OPINION).await.unwrap();
        let kept = (opinion.anchor_state, opinion.kept_on_version, opinion.version);
        assert_eq!(kept, (AnchorState::Orphaned, true, 1), "{what}");
    } else {
        assert_eq!(users.quote, "950 millions d’utilisateurs actifs", "{what}");
        assert_eq!((users.anchor_state, users.version), (AnchorState::Anchored, 1), "{what}");
    }
    if version >= CLAIM_RECORD {
        assert_eq!(users.tags, ["réseaux sociaux", "télécoms"], "{what}");
        assert_eq!(users.assignee.as_deref(), Some("Moussa Diarra"), "{what}");
        assert_eq!(users.evidence[1].quote.as_deref(), Some("Aucune donnée par application n’est publiée."), "{what}");
    }
    if version >= REVIEW_WORKFLOW {
        assert_eq!(users.reviews.len(), 1, "{what}");
        let review = &users.reviews[0];
        assert_eq!((review.reviewer.as_str(), review.verdict.as_str()), ("Moussa Diarra", "mixed"), "{what}");
    }
    let mobile = db.claim(C_MOBILE).await.unwrap();
    assert_eq!((mobile.start, mobile.end, mobile.status), (282, 350, Status::Published), "{what}");
    assert_eq!(mobile.quote, "le taux de pénétration du mobile a atteint 112\u{202f}% au Sénégal fin 2023", "{what}");
    let fibre_history = db.claim_history(C_FIBRE).await.unwrap();
    if let Some(first) = fibre_history.first() {
        assert_eq!(
            (first.reviewer.as_str(), first.field.as_str(), first.old.as_deref(), first.new.as_deref()),
            ("Zoé L’Hermite", "status", Some("draft"), Some("in_review")),
            "{what}"
        );
    }

    // Settings, as stored.
    let stored: Vec<(String, String)> =
        rows(&mut old, "SELECT key, value FROM settings ORDER BY key").await.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(db.settings().await.unwrap(), stored, "{what}: settings");
    assert_eq!(db.setting("desk.name").await.unwrap().as_deref(), Some("Desk Sahel — Vérif’"), "{what}");
    old.close().await.unwrap();
}

/// The oldest fixture, copied to `name` in a new folder.
fn oldest_fixture_at(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(&fixtures()[0].1, &path).unwrap();
    (dir, path)
}

#[tokio::test]
async fn an_older_backup_is_never_overwritten() {
    let (dir, path) = oldest_fixture_at("claimdesk.db");
    let newest = newest_version();
    let older = dir.path().join(format!("claimdesk.db.before-{newest}.bak"));
    std::fs::write(&older, "a backup from an earlier attempt").unwrap();

    let db = Db::open(&path).await.unwrap();
    let made = dir.path().join(format!("claimdesk.db.before-{newest}.2.bak"));
    assert_eq!(db.backup_made(), Some(made.as_path()));
    assert_eq!(std::fs::read_to_string(&older).unwrap(), "a backup from an earlier attempt");
    db.close().await;
}

#[tokio::test]
async fn a_failed_backup_leaves_the_database_as_it_was() {
    // Running as root, no folder is read-only to the tests; a file name the file system accepts
    // for the database (240 bytes) but not for its backup (over 255) makes VACUUM INTO fail.
    let name = format!("{}.db", "d".repeat(237));
    let (dir, path) = oldest_fixture_at(&name);
    let before = std::fs::read(&path).unwrap();

    let err = Db::open(&path).await.unwrap_err();
    let Error::Backup { path: db_path, backup, .. } = &err else { panic!("expected a backup error, got {err}") };
    assert_eq!(db_path, &path);
    let message = err.to_string();
    assert!(message.starts_with("cannot back up the database"), "{message}");
    assert!(message.contains(&backup.display().to_string()) && message.contains("was not upgraded"), "{message}");
    assert!(std::fs::read(&path).unwrap() == before, "the database changed");
    assert_eq!(listing(dir.path()), [name], "files left beside the database");
}

#[tokio::test]
async fn a_database_from_a_newer_claimdesk_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claimdesk.db");
    Db::open(&path).await.unwrap().close().await;
    let mut conn = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&path)).await.unwrap();
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000000, 'from the future', TRUE, x'00', 1)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = Db::open(&path).await.unwrap_err();
    assert!(matches!(err, Error::NewerDatabase { version: 29991231000000, .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("made by a newer claimdesk") && message.contains(&path.display().to_string()), "{message}");
    assert!(std::fs::read(&path).unwrap() == before, "the database changed");
    assert_eq!(listing(dir.path()), ["claimdesk.db"], "files left beside the database");
}

#[tokio::test]
async fn a_sqlite_file_that_is_not_claimdesk_s_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.db");
    let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)").execute(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    let before = std::fs::read(&path).unwrap();

    let err = Db::open(&path).await.unwrap_err();
    assert!(matches!(err, Error::NotClaimdeskDatabase(_)), "{err}");
    assert!(std::fs::read(&path).unwrap() == before, "the file changed");
    assert_eq!(listing(dir.path()), ["photos.db"]);
}

#[tokio::test]
async fn new_and_in_memory_databases_are_not_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("claimdesk.db")).await.unwrap();
    assert_eq!(db.backup_made(), None);
    db.close().await;
    assert!(listing(dir.path()).iter().all(|n| !n.ends_with(".bak")));
    assert_eq!(Db::open_in_memory().await.unwrap().backup_made(), None);
}

#[test]
fn the_cli_says_where_the_backup_is() {
    let (dir, path) = oldest_fixture_at("desk.db");
    let out = assert_cmd::Command::cargo_bin("claimdesk").unwrap().arg("--db").arg(&path).arg("articles").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let backup = dir.path().join(format!("desk.db.before-{}.bak", newest_version()));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let said = format!("backed up {} to {} before upgrading its schema\n", path.display(), backup.display());
    assert!(stderr.contains(&said), "{stderr}");
    assert!(backup.exists());
}
