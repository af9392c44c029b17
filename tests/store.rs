//! The library as the CLI and the app use it: import, claims, workflow, export, against a real
//! SQLite file.

use claimdesk::anchor;
use claimdesk::article::source::Provenance;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::claim::{ClaimFields, Status};
use claimdesk::desk::{self, Span};
use claimdesk::export::{self, ExportFilter};
use claimdesk::store::{ClaimFilter, Db};
use claimdesk::Error;

const FR: &str = include_str!("fixtures/messagerie-fr.txt");

async fn temp_db() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("nested/folder/claimdesk.db")).await.unwrap();
    (dir, db)
}

async fn imported(db: &Db) -> String {
    let reviewer = db.reviewer("Awa").await.unwrap();
    let outcome = desk::import(db, FR.as_bytes(), "messagerie-fr.txt", &Provenance::default(), &reviewer, DEFAULT_MAX_BYTES)
        .await
        .unwrap();
    assert!(!outcome.existing && !outcome.new_version);
    assert_eq!(outcome.article.version, Some(1));
    outcome.article.id.unwrap()
}

#[tokio::test]
async fn opening_creates_the_folder_and_sets_wal_and_foreign_keys() {
    let (dir, db) = temp_db().await;
    assert!(dir.path().join("nested/folder/claimdesk.db").exists());
    let pool_check = Db::open(db.path()).await.unwrap(); // a second open migrates nothing and works
    drop(pool_check);
    let conn = sqlx::sqlite::SqliteConnectOptions::new().filename(db.path());
    use sqlx::ConnectOptions;
    let mut conn = conn.connect().await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut conn).await.unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn the_same_bytes_twice_give_the_same_article() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let reviewer = db.reviewer("Awa").await.unwrap();
    let again = desk::import(&db, FR.as_bytes(), "again", &Provenance::default(), &reviewer, DEFAULT_MAX_BYTES).await.unwrap();
    assert!(again.existing);
    assert_eq!(again.article.id.as_deref(), Some(id.as_str()));
    assert_eq!(db.articles().await.unwrap().len(), 1);
    assert_eq!(db.original(&id).await.unwrap(), FR.as_bytes(), "the original bytes are kept as they were");
}

#[tokio::test]
async fn a_claim_after_an_emoji_is_counted_in_code_points() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let reviewer = db.reviewer("Awa").await.unwrap();
    let claim = desk::add_claim(
        &db,
        &id,
        Span::Quote { text: "950 millions".into(), occurrence: 1 },
        ClaimFields { verdict: Some("mostly_true".into()), claimant: Some(" Idrissa Maïga ".into()), ..Default::default() },
        &reviewer,
    )
    .await
    .unwrap();
    let text = db.article(&id).await.unwrap().text.unwrap();
    assert!(text.starts_with("📱"), "the fixture's body opens with a non-BMP character");
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[claim.start..claim.end].iter().collect::<String>(), "950 millions");
    assert_eq!(claim.quote, "950 millions");
    assert_eq!(claim.claimant.as_deref(), Some("Idrissa Maïga"));
    assert_eq!(claim.status, Status::Draft);
    assert_eq!(claim.reviewer, "Awa");
    let described = anchor::describe(&text, claim.start, claim.end).unwrap();
    assert_eq!((claim.prefix.as_str(), claim.suffix.as_str()), (described.quote.prefix.as_str(), described.quote.suffix.as_str()));

    // The same span by offsets gives the same quote.
    let by_range = desk::add_claim(&db, &id, Span::Range { start: claim.start, end: claim.end }, ClaimFields::default(), &reviewer)
        .await
        .unwrap();
    assert_eq!(by_range.quote, "950 millions");
}

#[tokio::test]
async fn bad_spans_quotes_verdicts_and_statuses_are_refused_with_the_value() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let r = db.reviewer("Awa").await.unwrap();
    let quote = |text: &str, occurrence| Span::Quote { text: text.into(), occurrence };
    let e = desk::add_claim(&db, &id, quote("un milliard", 1), ClaimFields::default(), &r).await.unwrap_err();
    assert!(matches!(e, Error::QuoteNotFound { .. }), "{e}");
    let e = desk::add_claim(&db, &id, quote("950 millions", 2), ClaimFields::default(), &r).await.unwrap_err();
    assert!(e.to_string().contains("occurs 1 time(s)"), "{e}");
    let e = desk::add_claim(&db, &id, Span::Range { start: 5, end: 100_000 }, ClaimFields::default(), &r).await.unwrap_err();
    assert!(matches!(e, Error::BadSpan { end: 100_000, .. }), "{e}");
    let e = desk::add_claim(&db, &id, quote("950 millions", 1), ClaimFields { verdict: Some("bogus".into()), ..Default::default() }, &r)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("\"bogus\""), "{e}");
    let e = desk::add_claim(&db, &id, quote("950 millions", 1), ClaimFields { status: Some(Status::Reviewed), ..Default::default() }, &r)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NewClaimStatus(_)), "{e}");
    let e = desk::add_claim(&db, "no-such-article", quote("x", 1), ClaimFields::default(), &r).await.unwrap_err();
    assert!(matches!(e, Error::ArticleNotFound(_)), "{e}");
    assert!(db.claims(&ClaimFilter::default()).await.unwrap().is_empty(), "nothing was stored by refused calls");
}

#[tokio::test]
async fn edits_follow_the_workflow_and_record_who_changed_what() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    let claim = desk::add_claim(&db, &id, Span::Quote { text: "pendant quatre jours".into(), occurrence: 1 }, ClaimFields::default(), &awa)
        .await
        .unwrap();
    let set = |status| ClaimFields { status: Some(status), ..Default::default() };
    let e = desk::update_claim(&db, &claim.id, set(Status::Published), &moussa).await.unwrap_err();
    assert!(matches!(e, Error::Transition { .. }), "{e}");
    assert_eq!(db.claim(&claim.id).await.unwrap().status, Status::Draft, "a refused move changes nothing");

    desk::update_claim(&db, &claim.id, set(Status::InReview), &moussa).await.unwrap();
    let patch = ClaimFields { verdict: Some("false".into()), note: Some("Suspension de 3 jours selon le régulateur.".into()), ..Default::default() };
    let c = desk::update_claim(&db, &claim.id, patch, &moussa).await.unwrap();
    assert_eq!(c.verdict.as_deref(), Some("false"));
    assert_eq!(c.status, Status::InReview, "fields not in the patch stay");
    assert_eq!((c.reviewer.as_str(), c.modified_by.as_str()), ("Awa", "Moussa"));
    assert!(c.modified > c.created);

    let c = desk::update_claim(&db, &claim.id, ClaimFields { note: Some("  ".into()), ..Default::default() }, &awa).await.unwrap();
    assert_eq!(c.note, None, "a blank value clears the field");
    assert_eq!(c.verdict.as_deref(), Some("false"));
    let e = desk::update_claim(&db, "nope", set(Status::InReview), &awa).await.unwrap_err();
    assert!(matches!(e, Error::ClaimNotFound(_)), "{e}");
}

#[tokio::test]
async fn the_native_export_takes_reviewed_claims_with_their_articles_and_reviewers() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    let reviewed = desk::add_claim(
        &db,
        &id,
        Span::Quote { text: "950 millions".into(), occurrence: 1 },
        ClaimFields { status: Some(Status::InReview), verdict: Some("mostly_true".into()), ..Default::default() },
        &awa,
    )
    .await
    .unwrap();
    desk::update_claim(&db, &reviewed.id, ClaimFields { status: Some(Status::Reviewed), ..Default::default() }, &moussa)
        .await
        .unwrap();
    desk::add_claim(&db, &id, Span::Quote { text: "700 millions".into(), occurrence: 1 }, ClaimFields::default(), &awa)
        .await
        .unwrap();

    let doc = export::json::document(&db, &ExportFilter::default()).await.unwrap();
    assert_eq!(doc.claims.len(), 1, "drafts are not exported by default");
    assert_eq!(doc.claims[0].claim.id, reviewed.id);
    assert_eq!(doc.articles.len(), 1);
    let names: Vec<_> = doc.reviewers.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Awa", "Moussa"]);
    let text = doc.articles[0].article.text.as_deref().unwrap();
    let claim = &doc.claims[0].claim;
    let quote: String = text.chars().skip(claim.start).take(claim.end - claim.start).collect();
    assert_eq!(quote, "950 millions");

    let again = export::json::document(&db, &ExportFilter::default()).await.unwrap();
    let strip = |d: &export::json::Document| {
        let mut v = serde_json::to_value(d).unwrap();
        v.as_object_mut().unwrap().remove("exported");
        v
    };
    assert_eq!(strip(&doc), strip(&again), "two exports of the same data differ only in `exported`");

    let all = ExportFilter { statuses: Status::ALL.to_vec(), article_id: Some(id.clone()), ..ExportFilter::default() };
    assert_eq!(export::json::document(&db, &all).await.unwrap().claims.len(), 2);
    let unknown = ExportFilter { article_id: Some("missing".into()), ..ExportFilter::default() };
    assert!(matches!(export::json::document(&db, &unknown).await.unwrap_err(), Error::ArticleNotFound(_)));
}

#[tokio::test]
async fn settings_are_checked_before_they_are_stored() {
    let (_dir, db) = temp_db().await;
    claimdesk::settings::set(&db, "desk.name", "Desk Sahel").await.unwrap();
    assert_eq!(claimdesk::settings::get(&db, "desk.name").await.unwrap().as_deref(), Some("Desk Sahel"));
    assert!(claimdesk::settings::set(&db, "desk.url", "not a url").await.is_err());
    assert_eq!(claimdesk::settings::get(&db, "desk.url").await.unwrap(), None);
    assert!(claimdesk::settings::get(&db, "desk.nope").await.is_err());
}

#[tokio::test]
async fn reviewers_are_created_once_by_name() {
    let db = Db::open_in_memory().await.unwrap();
    let a = db.reviewer("Awa").await.unwrap();
    let b = db.reviewer(" Awa ").await.unwrap();
    assert_eq!(a, b);
    assert!(matches!(db.reviewer("  ").await.unwrap_err(), Error::EmptyReviewer));
}

fn from(url: &str) -> Provenance {
    Provenance { url: Some(url.to_string()), ..Provenance::default() }
}

#[tokio::test]
async fn the_same_address_with_new_content_is_a_new_version_and_claims_are_carried_to_it() {
    let (_dir, db) = temp_db().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let url = "https://courrier-sahel.example/tech/kalimba";
    let v1 = desk::import(&db, FR.as_bytes(), "v1", &from(url), &awa, DEFAULT_MAX_BYTES).await.unwrap();
    let id = v1.article.id.clone().unwrap();
    let claim = desk::add_claim(&db, &id, Span::Quote { text: "950 millions".into(), occurrence: 1 }, ClaimFields::default(), &awa)
        .await
        .unwrap();
    assert_eq!(claim.version, 1);

    let corrected = FR.replace("950 millions d’utilisateurs actifs", "900 millions d’utilisateurs actifs");
    let v2 = desk::import(&db, corrected.as_bytes(), "v2", &from(url), &awa, DEFAULT_MAX_BYTES).await.unwrap();
    assert!(v2.new_version && !v2.existing);
    assert_eq!(v2.article.id.as_deref(), Some(id.as_str()), "same article");
    assert_eq!(v2.article.version, Some(2));
    assert!(db.article(&id).await.unwrap().text.unwrap().contains("900 millions"), "the article shows its latest version");
    assert_eq!(db.articles().await.unwrap().len(), 1);
    // The corrected figure: the claim is carried to version 2 as changed, awaiting confirmation.
    let carried = db.claim(&claim.id).await.unwrap();
    assert_eq!((carried.version, carried.anchor_state), (2, claimdesk::anchor::AnchorState::Changed));
    assert_eq!((carried.quote.as_str(), carried.previous_quote.as_deref()), ("900 millions", Some("950 millions")));
    assert_eq!(v2.carried.map(|c| c.changed), Some(1));

    let other = desk::import(&db, corrected.as_bytes(), "elsewhere", &from("https://other.example/x"), &awa, DEFAULT_MAX_BYTES)
        .await
        .unwrap();
    assert!(other.existing, "identical bytes are the same snapshot whatever the address");
    let elsewhere = desk::import(&db, b"Un autre article, sans rapport, publi\xc3\xa9 ailleurs.", "p", &from("https://other.example/x"), &awa, DEFAULT_MAX_BYTES)
        .await
        .unwrap();
    assert!(!elsewhere.new_version && !elsewhere.existing);
    assert_ne!(elsewhere.article.id.as_deref(), Some(id.as_str()));
}

#[tokio::test]
async fn a_folder_imports_what_it_can_and_reports_the_rest() {
    let (dir, db) = temp_db().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let folder = dir.path().join("story");
    std::fs::create_dir_all(folder.join("sub")).unwrap();
    std::fs::write(folder.join("a.txt"), FR).unwrap();
    std::fs::write(folder.join("sub/b.html"), include_str!("fixtures/messagerie-fr.html")).unwrap();
    std::fs::write(folder.join("c.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(folder.join(".hidden.txt"), FR).unwrap();
    let mut steps = Vec::new();
    let report = desk::import_folder(&db, &folder, &awa, DEFAULT_MAX_BYTES, |s| steps.push(s.clone())).await.unwrap();
    assert_eq!(report.imported.len(), 2);
    assert_eq!(report.failed.len(), 1);
    assert!(report.failed[0].path.ends_with("c.pdf") && report.failed[0].error.contains("PDF"), "{:?}", report.failed);
    assert_eq!(steps.iter().map(|s| (s.done, s.total)).collect::<Vec<_>>(), [(1, 3), (2, 3), (3, 3)]);
    assert!(steps[1].error.is_some(), "progress names the file that failed as it happens");

    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let e = desk::import_folder(&db, &empty, &awa, DEFAULT_MAX_BYTES, |_| {}).await.unwrap_err();
    assert!(e.to_string().contains("has no files"), "{e}");
}

#[tokio::test]
async fn every_change_is_in_the_history_and_the_history_cannot_be_rewritten() {
    let (_dir, db) = temp_db().await;
    let id = imported(&db).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    let claim = desk::add_claim(
        &db,
        &id,
        Span::Quote { text: "950 millions".into(), occurrence: 1 },
        ClaimFields { claimant: Some("Idrissa Maïga".into()), ..Default::default() },
        &awa,
    )
    .await
    .unwrap();
    let fields = |verdict: &str, note: Option<&str>| ClaimFields {
        verdict: Some(verdict.into()),
        note: note.map(str::to_string),
        ..Default::default()
    };
    desk::update_claim(&db, &claim.id, fields("mostly_true", Some("selon le communiqué")), &moussa).await.unwrap();
    let unchanged = desk::update_claim(&db, &claim.id, fields("mostly_true", None), &awa).await.unwrap();
    assert_eq!(unchanged.modified_by, "Moussa", "a change that changes nothing writes nothing");
    desk::update_claim(&db, &claim.id, fields("false", Some("")), &awa).await.unwrap();
    let refused = desk::update_claim(&db, &claim.id, ClaimFields { status: Some(Status::Published), ..Default::default() }, &awa).await;
    assert!(refused.is_err());

    let history = db.claim_history(&claim.id).await.unwrap();
    let rows: Vec<(&str, &str, Option<&str>, Option<&str>)> =
        history.iter().map(|h| (h.reviewer.as_str(), h.field.as_str(), h.old.as_deref(), h.new.as_deref())).collect();
    assert_eq!(
        rows,
        [
            ("Awa", "claimant", None, Some("Idrissa Maïga")),
            ("Awa", "status", None, Some("draft")),
            ("Moussa", "verdict", None, Some("mostly_true")),
            ("Moussa", "note", None, Some("selon le communiqué")),
            ("Awa", "verdict", Some("mostly_true"), Some("false")),
            ("Awa", "note", Some("selon le communiqué"), None),
        ]
    );
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at));

    let pool_path = db.path().to_path_buf();
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(pool_path).connect().await.unwrap();
    let tamper = sqlx::query("UPDATE claim_history SET new = 'true'").execute(&mut conn).await;
    assert!(tamper.unwrap_err().to_string().contains("append-only"));
    assert!(sqlx::query("DELETE FROM claim_history").execute(&mut conn).await.is_err());
    assert!(matches!(db.claim_history("nope").await.unwrap_err(), Error::ClaimNotFound(_)));
}
