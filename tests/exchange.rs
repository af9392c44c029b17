//! Claim sets between desks: the native export loses nothing (a JSON Schema describes it, and an
//! export imported into an empty desk exports the same document), and `import-claims` merges —
//! creating what is missing, settling claims changed on both sides by their `modified`, keeping
//! the losing side in the history, and changing nothing when the same file comes again.

mod common;

use std::path::Path;

use proptest::prelude::*;
use serde_json::Value;

use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::article::source::Provenance;
use claimdesk::claim::{ClaimFields, NewEvidence, Stance, Status};
use claimdesk::desk::{self, Span};
use claimdesk::export::{self, ExportFilter, Format, Options};
use claimdesk::store::{ClaimParts, Db, ImportReport};
use claimdesk::Error;

const PORT: &str = "📦 Le port de Bamako annonce un trafic record
Publié le vendredi 6 septembre 2024 | aBamako.com

Le port sec de Bamako a traité 24 millions de tonnes de marchandises en 2023, selon son directeur général.

Le trafic de conteneurs a progressé de 12 % en un an, affirme le communiqué de la direction du port.

Les délais de dédouanement ont été réduits à 48 heures, assure la direction dans son communiqué.
";

/// The same article after an edit: the figure corrected, the last paragraph gone.
const PORT_V2: &str = "📦 Le port de Bamako annonce un trafic record
Publié le vendredi 6 septembre 2024 | aBamako.com

Le port sec de Bamako a traité 23 millions de tonnes de marchandises en 2023, selon son directeur général.

Le trafic de conteneurs a progressé de 12 % en un an, affirme le communiqué de la direction du port.
";

const HARBOUR: &str = "Harbour traffic reaches a record high
Published Monday, 15 January 2024 | Example News

The harbour handled 24 million tonnes of goods in 2023, according to its general manager.

Container traffic grew by 12 percent in one year, the management said in a statement on Monday.
";

// ---------------------------------------------------------------------------------------------
// A desk with everything a claim set can hold
// ---------------------------------------------------------------------------------------------

async fn import(db: &Db, text: &str, url: Option<&str>, version_of: Option<&str>) -> String {
    let awa = db.reviewer("Awa").await.unwrap();
    let provenance =
        Provenance { url: url.map(str::to_string), version_of: version_of.map(str::to_string), ..Provenance::default() };
    desk::import(db, text.as_bytes(), "article.txt", &provenance, &awa, DEFAULT_MAX_BYTES).await.unwrap().article.id.unwrap()
}

async fn claim(db: &Db, who: &str, article: &str, quote: &str, fields: ClaimFields) -> String {
    let reviewer = db.reviewer(who).await.unwrap();
    desk::add_claim(db, article, Span::Quote { text: quote.into(), occurrence: 1 }, fields, &reviewer).await.unwrap().id
}

async fn set(db: &Db, who: &str, id: &str, fields: ClaimFields) {
    let reviewer = db.reviewer(who).await.unwrap();
    desk::update_claim(db, id, fields, &reviewer).await.unwrap();
}

fn status(s: Status) -> ClaimFields {
    ClaimFields { status: Some(s), ..ClaimFields::default() }
}

/// Two articles (one with a URL and two versions, one pasted without), claims with every field,
/// evidence, tags, a second reviewer's verdict, a history, an orphan kept on version 1.
async fn rich_desk(db: &Db) -> (String, String) {
    let port = import(db, PORT, Some("https://www.abamako.com/news/port-record.html"), None).await;
    let harbour = import(db, HARBOUR, None, None).await;
    let figure = claim(
        db,
        "Awa",
        &port,
        "24 millions de tonnes",
        ClaimFields {
            statement: Some("Le port sec de Bamako a traité 24 millions de tonnes en 2023".into()),
            claim_type: Some("quantity".into()),
            claimant: Some("Directeur général du port".into()),
            claimant_role: Some("directeur général".into()),
            claimant_url: Some("https://port.example/direction".into()),
            rationale: Some("Le rapport annuel dit **23,4 millions**.\n\nVoir le tableau 2.".into()),
            note: Some("À recouper avec la douane".into()),
            verdict: Some("mostly_true".into()),
            assignee: Some("Moussa".into()),
            add_tags: vec!["port".into(), "économie".into()],
            add_evidence: Some(NewEvidence {
                url: "https://port.example/rapport-2023.pdf".into(),
                title: Some("Rapport annuel 2023".into()),
                publisher: Some("Port de Bamako".into()),
                accessed: Some("2024-09-07".into()),
                quote: Some("23,4 millions de tonnes".into()),
                stance: Some(Stance::Refutes),
            }),
            ..ClaimFields::default()
        },
    )
    .await;
    let second = NewEvidence { url: "https://douane.example/stats".into(), stance: Some(Stance::Supports), ..NewEvidence::default() };
    set(db, "Awa", &figure, ClaimFields { add_evidence: Some(second), ..ClaimFields::default() }).await;
    set(db, "Awa", &figure, status(Status::InReview)).await;
    let moussa = db.reviewer("Moussa").await.unwrap();
    desk::review_claim(db, &figure, "mixed", Some("Chiffre arrondi".into()), &moussa).await.unwrap();
    set(db, "Awa", &figure, status(Status::Reviewed)).await;

    let delay = claim(db, "Moussa", &port, "réduits à 48 heures", ClaimFields { verdict: Some("unverifiable".into()), ..ClaimFields::default() }).await;
    set(db, "Moussa", &delay, status(Status::InReview)).await;
    set(db, "Moussa", &delay, status(Status::Reviewed)).await;
    set(db, "Moussa", &delay, status(Status::Published)).await;

    let english = claim(db, "Awa", &harbour, "grew by 12 percent", ClaimFields { verdict: Some("true".into()), ..ClaimFields::default() }).await;
    set(db, "Awa", &english, status(Status::InReview)).await;
    set(db, "Awa", &english, status(Status::Reviewed)).await;
    claim(db, "Awa", &harbour, "its general manager", ClaimFields::default()).await; // a draft

    // The article changes: the figure's claim is carried (changed), the delay's is orphaned and
    // kept on version 1.
    import(db, PORT_V2, None, Some(&port)).await;
    let awa = db.reviewer("Awa").await.unwrap();
    db.keep_on_version(&delay, &awa).await.unwrap();
    (port, harbour)
}

fn every_status() -> ExportFilter {
    ExportFilter { statuses: Status::ALL.to_vec(), ..ExportFilter::default() }
}

async fn native(db: &Db, filter: &ExportFilter) -> Value {
    let export = export::prepare(db, Format::Json, filter, Options::default()).await.unwrap();
    let mut bytes = Vec::new();
    export.write(&mut bytes).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

fn without_exported(mut doc: Value) -> Value {
    doc.as_object_mut().unwrap().remove("exported");
    doc
}

async fn import_value(db: &Db, dir: &Path, doc: &Value) -> Result<ImportReport, Error> {
    let path = dir.join(format!("import-{}.json", claimdesk::store::new_id()));
    std::fs::write(&path, serde_json::to_vec_pretty(doc).unwrap()).unwrap();
    let importer = db.reviewer("Importer").await.unwrap();
    desk::import_claims(db, &path, &importer).await
}

// ---------------------------------------------------------------------------------------------
// Lossless
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_native_export_holds_versions_history_and_evidence_and_fits_its_schema() {
    let db = Db::open_in_memory().await.unwrap();
    let (port, _) = rich_desk(&db).await;
    let doc = native(&db, &every_status()).await;
    schema::check(&doc);

    let article = doc["articles"].as_array().unwrap().iter().find(|a| a["id"] == port.as_str()).unwrap();
    let versions = article["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let text = |v: &Value| v["text"].as_str().unwrap().to_string();
    assert!(text(&versions[0]).contains("24 millions") && text(&versions[0]).contains("48 heures"));
    assert!(text(&versions[1]).contains("23 millions") && !text(&versions[1]).contains("48 heures"));
    assert_eq!(article["version"], 2);

    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 4);
    let figure = claims.iter().find(|c| c["tags"] == serde_json::json!(["port", "économie"])).unwrap();
    assert_eq!(figure["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(figure["evidence"][0]["added_by"], "Awa");
    assert_eq!(figure["reviews"][0]["reviewer"], "Moussa");
    let fields: Vec<&str> = figure["history"].as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"status") && fields.contains(&"evidence") && fields.contains(&"quote"), "{fields:?}");
    let kept = claims.iter().find(|c| c["kept_on_version"] == true).unwrap();
    assert_eq!((kept["version"].as_u64(), kept["anchor_state"].as_str()), (Some(1), Some("orphaned")));

    let names: Vec<&str> = doc["reviewers"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Awa", "Moussa"]);
}

#[tokio::test]
async fn the_export_query_reads_claims_as_the_desk_lists_them() {
    // Exports read claims through one JSON query of their own (for speed); it must agree with
    // the store's ordinary reads, field for field, in the same order, for every filter.
    let db = Db::open_in_memory().await.unwrap();
    let (port, _) = rich_desk(&db).await;
    let filters = [
        every_status(),
        ExportFilter::default(),
        ExportFilter { article_id: Some(port), ..every_status() },
        ExportFilter { reviewer: Some("Moussa".into()), ..every_status() },
        ExportFilter { tag: Some("économie".into()), ..every_status() },
        ExportFilter { since: chrono::NaiveDate::from_ymd_opt(2000, 1, 1), until: chrono::NaiveDate::from_ymd_opt(2000, 12, 31), ..every_status() },
    ];
    for filter in filters {
        let exported = db.exported_claims(&filter.claim_filter(), ClaimParts::ALL).await.unwrap();
        let listed = db.claims(&filter.claim_filter()).await.unwrap();
        assert_eq!(exported.iter().map(|c| &c.claim).collect::<Vec<_>>(), listed.iter().collect::<Vec<_>>(), "{filter:?}");
        for c in &exported {
            assert_eq!(c.history, db.claim_history(&c.claim.id).await.unwrap());
        }
    }
    let moussa = db.claims(&ExportFilter { reviewer: Some("Moussa".into()), ..every_status() }.claim_filter()).await.unwrap();
    assert_eq!(moussa.len(), 2, "Moussa made one claim and gave a second verdict on another");
}

#[tokio::test]
async fn formats_read_only_the_parts_they_load() {
    // Each format loads only the parts of a claim it shows (Format::parts); were one to read a
    // part it does not load, its output would differ from the same export of a full document.
    let db = Db::open_in_memory().await.unwrap();
    rich_desk(&db).await;
    for (key, value) in [
        ("desk.name", "Vérif Sahel"),
        ("desk.url", "https://verif-sahel.example"),
        ("claimreview.url_pattern", "https://verif-sahel.example/v/{id}"),
    ] {
        claimdesk::settings::set(&db, key, value).await.unwrap();
    }
    let awa = db.reviewer("Awa").await.unwrap();
    for claim in db.claims(&ExportFilter::default().claim_filter()).await.unwrap() {
        let statement = ClaimFields { statement: Some(format!("Affirmation {}", claim.quote)), ..ClaimFields::default() };
        desk::update_claim(&db, &claim.id, statement, &awa).await.unwrap();
    }
    for format in Format::ALL {
        let mut export = export::prepare(&db, format, &ExportFilter::default(), Options { bom: true }).await.unwrap();
        let mut partial = Vec::new();
        export.write(&mut partial).unwrap();
        let mut full_doc = export::json::document(&db, &ExportFilter::default()).await.unwrap();
        full_doc.exported = export.doc.exported.clone();
        export.doc = full_doc;
        let mut full = Vec::new();
        export.write(&mut full).unwrap();
        assert!(!partial.is_empty());
        assert_eq!(String::from_utf8_lossy(&partial), String::from_utf8_lossy(&full), "{format:?}");
    }
}

#[tokio::test]
async fn an_export_imported_into_an_empty_desk_exports_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    let here = Db::open_in_memory().await.unwrap();
    rich_desk(&here).await;
    let first = native(&here, &every_status()).await;

    let there = Db::open_in_memory().await.unwrap();
    let report = import_value(&there, dir.path(), &first).await.unwrap();
    assert_eq!((report.claims_created, report.articles_created, report.versions_added), (4, 2, 3));
    assert!(report.conflicts.is_empty());
    let second = native(&there, &every_status()).await;
    assert_eq!(without_exported(first.clone()), without_exported(second));

    // And again: nothing changes, nothing is added to any history.
    let again = import_value(&there, dir.path(), &first).await.unwrap();
    assert_eq!(again, ImportReport { claims_unchanged: 4, ..ImportReport::default() });
    assert_eq!(without_exported(first), without_exported(native(&there, &every_status()).await));
}

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

/// Two laptops start from the same set; each changes the figure's claim.
async fn two_laptops() -> (tempfile::TempDir, Db, Db, String) {
    let dir = tempfile::tempdir().unwrap();
    let awa = Db::open_in_memory().await.unwrap();
    rich_desk(&awa).await;
    let start = native(&awa, &every_status()).await;
    let moussa = Db::open_in_memory().await.unwrap();
    import_value(&moussa, dir.path(), &start).await.unwrap();
    let figure = start["claims"].as_array().unwrap().iter().find(|c| c["type"] == "quantity").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    (dir, awa, moussa, figure)
}

fn note(text: &str) -> ClaimFields {
    ClaimFields { note: Some(text.into()), ..ClaimFields::default() }
}

#[tokio::test]
async fn a_claim_changed_only_in_the_file_is_updated_with_its_history() {
    let (dir, awa, moussa, figure) = two_laptops().await;
    set(&awa, "Awa", &figure, note("Confirmé par la douane")).await;
    let report = import_value(&moussa, dir.path(), &native(&awa, &every_status()).await).await.unwrap();
    assert_eq!(report.claims_updated, 1, "{report:?}");
    // Only the claims' own history came over: the import recorded nothing of its own.
    let there = moussa.claim_history(&figure).await.unwrap();
    assert_eq!(there, awa.claim_history(&figure).await.unwrap());
    assert_eq!(moussa.claim(&figure).await.unwrap().note.as_deref(), Some("Confirmé par la douane"));
    assert!(report.conflicts.is_empty(), "the desk had not changed it: {report:?}");
}

#[tokio::test]
async fn a_claim_changed_on_both_sides_keeps_the_newer_and_records_the_other() {
    let (dir, awa, moussa, figure) = two_laptops().await;
    set(&moussa, "Moussa", &figure, note("Version de Moussa")).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await; // Awa's change is the newer
    set(&awa, "Awa", &figure, note("Version d’Awa")).await;
    let file = native(&awa, &every_status()).await;

    let report = import_value(&moussa, dir.path(), &file).await.unwrap();
    assert_eq!(report.conflicts.len(), 1, "{report:?}");
    let conflict = &report.conflicts[0];
    assert_eq!((conflict.claim_id.as_str(), conflict.kept), (figure.as_str(), "file"));
    assert!(conflict.fields.contains(&"note".to_string()), "{conflict:?}");
    let claim = moussa.claim(&figure).await.unwrap();
    assert_eq!(claim.note.as_deref(), Some("Version d’Awa"));
    let history = moussa.claim_history(&figure).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.field.as_str(), last.old.as_deref(), last.new.as_deref(), last.reviewer.as_str()),
        ("note", Some("Version de Moussa"), Some("Version d’Awa"), "Importer"),
        "the losing value is in the history"
    );
    assert!(history.iter().any(|h| h.new.as_deref() == Some("Version de Moussa")), "Moussa's own change stays");

    // The same file again: nothing changes.
    let before = native(&moussa, &every_status()).await;
    let again = import_value(&moussa, dir.path(), &file).await.unwrap();
    assert_eq!(again.conflicts, [], "{again:?}");
    assert_eq!(without_exported(before), without_exported(native(&moussa, &every_status()).await));
}

#[tokio::test]
async fn an_older_file_does_not_overwrite_a_newer_desk() {
    let (dir, awa, moussa, figure) = two_laptops().await;
    set(&awa, "Awa", &figure, note("Ancienne version")).await;
    let file = native(&awa, &every_status()).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    set(&moussa, "Moussa", &figure, note("Nouvelle version")).await;

    let report = import_value(&moussa, dir.path(), &file).await.unwrap();
    assert_eq!(report.conflicts.len(), 1);
    assert_eq!(report.conflicts[0].kept, "desk");
    assert_eq!(moussa.claim(&figure).await.unwrap().note.as_deref(), Some("Nouvelle version"));
    let history = moussa.claim_history(&figure).await.unwrap();
    assert!(history.iter().any(|h| h.field == "note" && h.old.as_deref() == Some("Ancienne version")), "{history:?}");

    let before = native(&moussa, &every_status()).await;
    let again = import_value(&moussa, dir.path(), &file).await.unwrap();
    assert_eq!(again.conflicts, [], "the desk now holds the file's changes: {again:?}");
    assert_eq!(without_exported(before), without_exported(native(&moussa, &every_status()).await), "recorded once");
}

#[tokio::test]
async fn the_same_page_imported_on_both_desks_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let awa = Db::open_in_memory().await.unwrap();
    let article = import(&awa, HARBOUR, None, None).await;
    claim(&awa, "Awa", &article, "grew by 12 percent", ClaimFields::default()).await;
    let moussa = Db::open_in_memory().await.unwrap();
    let theirs = import(&moussa, HARBOUR, None, None).await;
    assert_ne!(article, theirs, "two desks give the same page two ids");

    let report = import_value(&moussa, dir.path(), &native(&awa, &every_status()).await).await.unwrap();
    assert_eq!((report.articles_created, report.versions_added, report.claims_created), (0, 0, 1));
    let claims = desk_claims(&moussa).await;
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0]["article_id"], theirs.as_str(), "the claim joins the desk's own copy");
}

async fn desk_claims(db: &Db) -> Vec<Value> {
    native(db, &every_status()).await["claims"].as_array().unwrap().clone()
}

// ---------------------------------------------------------------------------------------------
// Web Annotation collections made by claimdesk
// ---------------------------------------------------------------------------------------------

async fn web_annotations(db: &Db) -> Value {
    let export = export::prepare(db, Format::Webannotation, &ExportFilter::default(), Options::default()).await.unwrap();
    let mut bytes = Vec::new();
    export.write(&mut bytes).unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn a_web_annotation_collection_adds_its_claims_to_the_same_articles_here() {
    let dir = tempfile::tempdir().unwrap();
    let awa = Db::open_in_memory().await.unwrap();
    rich_desk(&awa).await;
    let collection = web_annotations(&awa).await;

    // Another desk imported the same pages itself (other ids, other import times).
    let moussa = Db::open_in_memory().await.unwrap();
    let port = import(&moussa, PORT, Some("https://www.abamako.com/news/port-record.html"), None).await;
    import(&moussa, PORT_V2, None, Some(&port)).await;
    import(&moussa, HARBOUR, None, None).await;
    let report = import_value(&moussa, dir.path(), &collection).await.unwrap();
    assert_eq!((report.claims_created, report.articles_created, report.claims_skipped), (3, 0, 0), "{report:?}");

    let claims = desk_claims(&moussa).await;
    let figure = claims.iter().find(|c| c["type"] == "quantity").unwrap();
    assert_eq!(figure["verdict"], "mostly_true");
    assert_eq!(figure["statement"], "Le port sec de Bamako a traité 24 millions de tonnes en 2023");
    assert_eq!(figure["tags"], serde_json::json!(["port", "économie"]));
    assert_eq!(figure["evidence"][0]["url"], "https://port.example/rapport-2023.pdf");
    assert_eq!(figure["evidence"][0]["quote"], "23,4 millions de tonnes");
    assert_eq!(figure["article_id"], port.as_str());
    assert_eq!(figure["status"], "reviewed");
    // The figure's claim was on version 2 there ("23 millions" is a changed quote awaiting
    // confirmation); the delay's on version 1 only, where its text still is.
    let delay = claims.iter().find(|c| c["quote"] == "réduits à 48 heures").unwrap();
    assert_eq!((delay["version"].as_u64(), delay["anchor_state"].as_str()), (Some(1), Some("orphaned")));

    let again = import_value(&moussa, dir.path(), &collection).await.unwrap();
    assert_eq!((again.claims_created, again.claims_skipped), (0, 3), "claims already here are left alone");
}

#[tokio::test]
async fn a_web_annotation_on_an_article_not_here_or_from_another_tool_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let awa = Db::open_in_memory().await.unwrap();
    rich_desk(&awa).await;
    let collection = web_annotations(&awa).await;
    let empty = Db::open_in_memory().await.unwrap();
    let error = import_value(&empty, dir.path(), &collection).await.unwrap_err().to_string();
    assert!(error.contains("is not on this desk — import the article first"), "{error}");

    let foreign = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://example.org/anno1", "type": "Annotation",
        "target": "http://example.org/page"
    });
    let error = import_value(&empty, dir.path(), &foreign).await.unwrap_err().to_string();
    assert!(error.contains("\"http://example.org/anno1\" is not the urn:uuid: of a claimdesk claim"), "{error}");
    assert!(desk_claims(&empty).await.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Bad files
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bad_files_are_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let source = Db::open_in_memory().await.unwrap();
    rich_desk(&source).await;
    let good = native(&source, &every_status()).await;
    let db = Db::open_in_memory().await.unwrap();
    let importer = db.reviewer("Importer").await.unwrap();

    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let refused = |path: &Path, phrases: &[&str]| {
        let path = path.to_path_buf();
        let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
        let db = &db;
        let importer = &importer;
        async move {
            let error = desk::import_claims(db, &path, importer).await.unwrap_err().to_string();
            for phrase in &phrases {
                assert!(error.contains(phrase.as_str()), "{path:?}: {error:?} lacks {phrase:?}");
            }
        }
    };
    refused(&write("notes.txt", b"pas du JSON"), &["notes.txt", "not JSON"]).await;
    refused(&write("other.json", br#"{"format": "claimreview", "version": 1}"#), &["other.json", "\"claimreview\""]).await;
    refused(&write("future.json", br#"{"format": "claimdesk", "version": 99}"#), &["version 99"]).await;
    refused(&dir.path().join("missing.json"), &["missing.json"]).await;
    let mut no_claims = good.clone();
    no_claims.as_object_mut().unwrap().remove("claims");
    refused(&write("partial.json", no_claims.to_string().as_bytes()), &["claims"]).await;

    // A claim whose offsets do not hold its quote would corrupt every offset after it.
    let mut shifted = good.clone();
    let first = &mut shifted["claims"][0];
    let id = first["id"].as_str().unwrap().to_string();
    first["start"] = Value::from(first["start"].as_u64().unwrap() + 1);
    refused(&write("shifted.json", shifted.to_string().as_bytes()), &[&id, "is not its quote"]).await;
    assert!(desk_claims(&db).await.is_empty(), "a refused file stores no claim");
    assert!(db.articles().await.unwrap().is_empty(), "nor an article: one transaction");
}

// ---------------------------------------------------------------------------------------------
// The CLI
// ---------------------------------------------------------------------------------------------

#[test]
fn import_claims_from_the_command_line_reports_what_it_did() {
    let from = common::Desk::new();
    let article = from.file("port.txt", PORT);
    let id = from.run("Awa", &["import", &article]).trim().to_string();
    let claim = from.json("Awa", &["claim", "add", &id, "--quote", "24 millions de tonnes", "--verdict", "false", "--json"]);
    let claim_id = claim["id"].as_str().unwrap();
    from.run("Awa", &["claim", "set", claim_id, "--status", "in_review"]);
    from.run("Awa", &["claim", "set", claim_id, "--status", "reviewed"]);
    let file = from.dir.path().join("set.json");
    from.run("Awa", &["export", "--format", "json", "-o", file.to_str().unwrap()]);

    let to = common::Desk::new();
    let out = to.run("Moussa", &["import-claims", file.to_str().unwrap()]);
    assert!(out.contains("claims: 1 new, 0 updated, 0 unchanged; articles: 1 new (1 versions added)"), "{out}");
    let report = to.json("Moussa", &["import-claims", file.to_str().unwrap(), "--json"]);
    assert_eq!(report["claims_unchanged"], 1);
    let claims = to.json("Moussa", &["claims", "--json"]);
    assert_eq!(claims[0]["id"], claim_id);
    assert_eq!(claims[0]["reviewer"], "Awa");

    common::fails(to.by("Moussa"), &["import-claims", &to.file("bad.json", "[]")], &["bad.json", "not a claimdesk export"]);
}

// ---------------------------------------------------------------------------------------------
// The round trip over generated claim sets
// ---------------------------------------------------------------------------------------------

const WORDS: [&str; 16] = [
    "le", "port", "a", "traité", "24", "millions", "de", "tonnes", "l’État", "« record »", "😀", "naïve", "coûts", "Ünïcode", "x\u{301}", "tax",
];

/// A generated desk: articles made of words, claims on word spans with random fields.
#[derive(Debug, Clone)]
struct Generated {
    articles: Vec<Vec<usize>>,
    claims: Vec<GeneratedClaim>,
}

#[derive(Debug, Clone)]
struct GeneratedClaim {
    article: usize,
    first_word: usize,
    words: usize,
    steps: usize,
    verdict: usize,
    statement: Option<String>,
    note: Option<String>,
    tags: Vec<usize>,
    evidence: usize,
}

fn generated() -> impl Strategy<Value = Generated> {
    let article = prop::collection::vec(0..WORDS.len(), 6..40);
    let claim = (0..3usize, 0..40usize, 1..5usize, 0..4usize, 0..6usize, prop::option::of("[a-zé’ \n]{0,20}"), prop::option::of("\\PC{0,12}"), prop::collection::vec(0..4usize, 0..3), 0..3usize)
        .prop_map(|(article, first_word, words, steps, verdict, statement, note, tags, evidence)| GeneratedClaim {
            article,
            first_word,
            words,
            steps,
            verdict,
            statement,
            note,
            tags,
            evidence,
        });
    (prop::collection::vec(article, 1..4), prop::collection::vec(claim, 0..8)).prop_map(|(articles, claims)| Generated { articles, claims })
}

async fn build(g: &Generated) -> Db {
    let db = Db::open_in_memory().await.unwrap();
    let mut ids = Vec::new();
    for (n, words) in g.articles.iter().enumerate() {
        let body: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
        let text = format!("Article {n}\n\n{}.\n", body.join(" "));
        ids.push((import(&db, &text, None, None).await, words.clone()));
    }
    let verdicts = ["true", "mostly_true", "mixed", "mostly_false", "false", "unverifiable"];
    for (i, c) in g.claims.iter().enumerate() {
        let (id, words) = &ids[c.article % ids.len()];
        let first = c.first_word % words.len();
        let last = (first + c.words).min(words.len());
        let quote = words[first..last].iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let who = if i % 2 == 0 { "Awa" } else { "Moussa" };
        let fields = ClaimFields {
            statement: c.statement.clone(),
            note: c.note.clone(),
            verdict: Some(verdicts[c.verdict].into()),
            add_tags: c.tags.iter().map(|t| format!("tag{t}")).collect(),
            ..ClaimFields::default()
        };
        let reviewer = db.reviewer(who).await.unwrap();
        // The same quote may appear earlier: claim its first occurrence.
        let Ok(made) = desk::add_claim(&db, id, Span::Quote { text: quote, occurrence: 1 }, fields, &reviewer).await else {
            continue;
        };
        for e in 0..c.evidence {
            let evidence = NewEvidence { url: format!("https://source{e}.example/{i}"), ..NewEvidence::default() };
            set(&db, who, &made.id, ClaimFields { add_evidence: Some(evidence), ..ClaimFields::default() }).await;
        }
        for s in [Status::InReview, Status::Reviewed, Status::Published].into_iter().take(c.steps) {
            set(&db, who, &made.id, status(s)).await;
        }
    }
    db
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_claim_set_survives_the_round_trip(g in generated()) {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let dir = tempfile::tempdir().unwrap();
            let here = build(&g).await;
            let first = native(&here, &every_status()).await;
            schema::check(&first);
            let there = Db::open_in_memory().await.unwrap();
            import_value(&there, dir.path(), &first).await.unwrap();
            let second = native(&there, &every_status()).await;
            assert_eq!(without_exported(first), without_exported(second));
        });
    }
}

/// A JSON Schema checker for the keywords `schema/claimdesk-export.schema.json` uses, so the
/// schema is checked on every test run without a validator dependency. An unknown keyword fails
/// the test rather than being ignored.
mod schema {
    use super::*;

    pub fn check(doc: &Value) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/claimdesk-export.schema.json");
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut errors = Vec::new();
        validate(&schema, &schema, doc, "$", &mut errors);
        assert!(errors.is_empty(), "the export does not fit its schema:\n{}", errors.join("\n"));
    }

    /// Schemas that deliberately do not fit: the checker must see each problem.
    #[test]
    fn the_checker_sees_what_does_not_fit() {
        let schema = serde_json::json!({
            "$defs": {"n": {"type": "integer", "minimum": 1}},
            "type": "object", "required": ["a"], "additionalProperties": false,
            "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"enum": ["x", null]}, "c": {"type": "string", "pattern": "^z", "minLength": 2},
                           "d": {"oneOf": [{"type": "null"}, {"type": "array", "items": {"const": 1}, "minItems": 1}]}}
        });
        let errors = |doc: Value| {
            let mut errors = Vec::new();
            validate(&schema, &schema, &doc, "$", &mut errors);
            errors
        };
        assert!(errors(serde_json::json!({"a": 1, "b": null, "c": "zz", "d": [1]})).is_empty());
        for bad in [
            serde_json::json!({}),
            serde_json::json!({"a": 0}),
            serde_json::json!({"a": 1.5}),
            serde_json::json!({"a": 1, "e": 1}),
            serde_json::json!({"a": 1, "b": "y"}),
            serde_json::json!({"a": 1, "c": "az"}),
            serde_json::json!({"a": 1, "c": "z"}),
            serde_json::json!({"a": 1, "d": []}),
            serde_json::json!({"a": 1, "d": [2]}),
        ] {
            assert!(!errors(bad.clone()).is_empty(), "{bad} should not fit");
        }
    }

    fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        let Some(rules) = schema.as_object() else { return };
        let mut fail = |why: String| errors.push(format!("{at}: {why}"));
        let mut nested: Vec<(Value, Value, String)> = Vec::new();
        for (keyword, rule) in rules {
            match keyword.as_str() {
                "$schema" | "$id" | "$defs" | "title" | "description" => {}
                "$ref" => {
                    let name = rule.as_str().and_then(|r| r.strip_prefix("#/$defs/")).unwrap();
                    nested.push((root["$defs"][name].clone(), value.clone(), at.to_string()));
                }
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => unreachable!(),
                    };
                    if !types.iter().any(|t| is_type(value, t)) {
                        fail(format!("{value} is not {types:?}"));
                    }
                }
                "const" => {
                    if value != rule {
                        fail(format!("{value} is not {rule}"));
                    }
                }
                "enum" => {
                    if !rule.as_array().unwrap().contains(value) {
                        fail(format!("{value} is not one of {rule}"));
                    }
                }
                "required" => {
                    for key in rule.as_array().unwrap().iter().filter_map(Value::as_str) {
                        if value.as_object().is_some_and(|o| !o.contains_key(key)) {
                            fail(format!("{key} is missing"));
                        }
                    }
                }
                "additionalProperties" => {
                    assert_eq!(rule, &Value::Bool(false), "only additionalProperties: false is supported");
                    let known = rules.get("properties").and_then(Value::as_object);
                    for key in value.as_object().map(|o| o.keys().collect::<Vec<_>>()).unwrap_or_default() {
                        if !known.is_some_and(|k| k.contains_key(key)) {
                            fail(format!("{key} is not in the schema"));
                        }
                    }
                }
                "properties" => {
                    if let Some(object) = value.as_object() {
                        for (key, property) in rule.as_object().unwrap() {
                            if let Some(v) = object.get(key) {
                                nested.push((property.clone(), v.clone(), format!("{at}.{key}")));
                            }
                        }
                    }
                }
                "items" => {
                    for (i, item) in value.as_array().into_iter().flatten().enumerate() {
                        nested.push((rule.clone(), item.clone(), format!("{at}[{i}]")));
                    }
                }
                "minItems" => {
                    if value.as_array().is_some_and(|a| (a.len() as u64) < rule.as_u64().unwrap()) {
                        fail(format!("fewer than {rule} items"));
                    }
                }
                "minLength" | "maxLength" => {
                    let limit = rule.as_u64().unwrap() as usize;
                    if let Some(n) = value.as_str().map(|s| s.chars().count()) {
                        if (keyword == "minLength" && n < limit) || (keyword == "maxLength" && n > limit) {
                            fail(format!("{value} breaks {keyword} {limit}"));
                        }
                    }
                }
                "minimum" => {
                    if value.as_f64().is_some_and(|n| n < rule.as_f64().unwrap()) {
                        fail(format!("{value} is below {rule}"));
                    }
                }
                "pattern" => {
                    let pattern = regex::Regex::new(rule.as_str().unwrap()).unwrap();
                    if value.as_str().is_some_and(|s| !pattern.is_match(s)) {
                        fail(format!("{value} does not match {rule}"));
                    }
                }
                "oneOf" => {
                    let fits = rule
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|option| {
                            let mut e = Vec::new();
                            validate(root, option, value, at, &mut e);
                            e.is_empty()
                        })
                        .count();
                    if fits != 1 {
                        fail(format!("{value} fits {fits} of the oneOf options, not one"));
                    }
                }
                other => panic!("the schema uses {other:?}, which this checker does not know"),
            }
        }
        for (schema, value, at) in nested {
            validate(root, &schema, &value, &at, errors);
        }
    }

    fn is_type(value: &Value, name: &str) -> bool {
        match name {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => panic!("unknown type {name:?}"),
        }
    }
}
