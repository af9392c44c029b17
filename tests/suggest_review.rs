//! What a reviewer does with suggestions (issue #7, in the app): make a pre-filled claim of one,
//! dismiss one (remembered per article, across versions), see which are settled, and get a clear
//! error for a suggestion that is no longer there.

use claimdesk::article::source::Provenance;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::claim::ClaimType;
use claimdesk::desk::{self, ReviewedSuggestion};
use claimdesk::store::Db;
use claimdesk::suggest::{Kind, SuggestionKey};
use serde_json::json;

const V1: &str = "Telegram compte 950 millions d’utilisateurs, selon Pavel Durov.\n\n\
« Je les ai personnellement aidés », a-t-il confié. Il a été retenu pendant quatre jours parce que la justice l’accuse.\n\n\
La plateforme a été lancée en 2013.";

/// V1 with a paragraph added at the top: every passage moves.
const V2: &str = "Mise à jour : la société a réagi lundi.\n\n\
Telegram compte 950 millions d’utilisateurs, selon Pavel Durov.\n\n\
« Je les ai personnellement aidés », a-t-il confié. Il a été retenu pendant quatre jours parce que la justice l’accuse.\n\n\
La plateforme a été lancée en 2013.";

async fn desk_with(text: &str) -> (Db, String) {
    let db = Db::open_in_memory().await.unwrap();
    let awa = db.reviewer("Awa").await.unwrap();
    let outcome = desk::import(&db, text.as_bytes(), "article.txt", &Provenance::default(), &awa, DEFAULT_MAX_BYTES).await.unwrap();
    (db, outcome.article.id.unwrap())
}

fn key(kind: Kind, text: &str) -> SuggestionKey {
    SuggestionKey { kind, text: text.to_string(), occurrence: 0 }
}

fn get<'a>(list: &'a [ReviewedSuggestion], kind: Kind, text: &str) -> &'a ReviewedSuggestion {
    list.iter()
        .find(|s| s.suggestion.kind == kind && s.suggestion.text == text)
        .unwrap_or_else(|| panic!("no {kind:?} {text:?} in {:#?}", list.iter().map(|s| &s.suggestion.text).collect::<Vec<_>>()))
}

#[tokio::test]
async fn accepting_a_figure_makes_a_claim_prefilled_with_type_value_claimant_and_sentence() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let claim = desk::accept_suggestion(&db, &id, &key(Kind::Quantity, "950 millions"), &awa).await.unwrap();
    assert_eq!(claim.quote, "950 millions");
    assert_eq!(claim.claim_type, Some(ClaimType::Quantity));
    assert_eq!(claim.claimant.as_deref(), Some("Pavel Durov"));
    assert_eq!(claim.statement.as_deref(), Some("Telegram compte 950 millions d’utilisateurs, selon Pavel Durov."));
    assert_eq!(claim.value, Some(json!({"type": "quantity", "number": 950_000_000, "unit": "utilisateurs"})));
    assert_eq!(claim.reviewer, "Awa");
    // Stored, not only returned: read back, and in the history like any new claim.
    let stored = db.claim(&claim.id).await.unwrap();
    assert_eq!(stored, claim);
    let history = db.claim_history(&claim.id).await.unwrap();
    assert!(history.iter().any(|h| h.field == "statement"), "{history:?}");
    // The suggestion is now settled by that claim.
    let list = desk::review_suggestions(&db, &id).await.unwrap();
    assert_eq!(get(&list, Kind::Quantity, "950 millions").claim_id.as_deref(), Some(claim.id.as_str()));
    assert_eq!(get(&list, Kind::Duration, "pendant quatre jours").claim_id, None);
}

#[tokio::test]
async fn accepting_an_attribution_claims_its_quote_with_the_speaker_and_settles_both() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let claim = desk::accept_suggestion(&db, &id, &key(Kind::Attribution, "a-t-il confié"), &awa).await.unwrap();
    assert_eq!(claim.quote, "« Je les ai personnellement aidés »");
    assert_eq!(claim.claimant.as_deref(), Some("Pavel Durov"), "the pronoun resolves to the last speaker named");
    assert_eq!(claim.value, None, "a quote has no value to read");
    let list = desk::review_suggestions(&db, &id).await.unwrap();
    assert_eq!(get(&list, Kind::Quote, "« Je les ai personnellement aidés »").claim_id.as_deref(), Some(claim.id.as_str()));
    assert_eq!(get(&list, Kind::Attribution, "a-t-il confié").claim_id.as_deref(), Some(claim.id.as_str()));
}

#[tokio::test]
async fn a_duration_claim_takes_its_type_from_the_causal_wording_and_keeps_its_iso_value() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let claim = desk::accept_suggestion(&db, &id, &key(Kind::Duration, "pendant quatre jours"), &awa).await.unwrap();
    assert_eq!(claim.value, Some(json!({"type": "duration", "iso": "P4D"})));
    assert_eq!(claim.claim_type, Some(ClaimType::CorrelationCausation));
    let year = desk::accept_suggestion(&db, &id, &key(Kind::Date, "2013"), &awa).await.unwrap();
    assert_eq!(year.value, Some(json!({"type": "date", "date": "2013", "granularity": "year"})));
    assert_eq!(year.claim_type, Some(ClaimType::Other));
}

#[tokio::test]
async fn a_dismissal_is_remembered_for_the_article_with_its_linked_partner_and_survives_a_new_version() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    desk::dismiss_suggestion(&db, &id, &key(Kind::Quote, "« Je les ai personnellement aidés »"), &awa).await.unwrap();
    desk::dismiss_suggestion(&db, &id, &key(Kind::Date, "2013"), &awa).await.unwrap();
    // Twice is the same as once.
    desk::dismiss_suggestion(&db, &id, &key(Kind::Date, "2013"), &awa).await.unwrap();
    let list = desk::review_suggestions(&db, &id).await.unwrap();
    assert_eq!(get(&list, Kind::Quote, "« Je les ai personnellement aidés »").dismissed_by.as_deref(), Some("Awa"));
    assert_eq!(get(&list, Kind::Attribution, "a-t-il confié").dismissed_by.as_deref(), Some("Awa"), "its attribution goes with it");
    assert_eq!(get(&list, Kind::Date, "2013").dismissed_by.as_deref(), Some("Awa"));
    assert_eq!(get(&list, Kind::Quantity, "950 millions").dismissed_by, None);
    assert_eq!(db.dismissals(&id).await.unwrap().len(), 3);

    // A new version moves every passage: the dismissals still apply.
    let provenance = Provenance { version_of: Some(id.clone()), ..Provenance::default() };
    desk::import(&db, V2.as_bytes(), "v2.txt", &provenance, &awa, DEFAULT_MAX_BYTES).await.unwrap();
    let list = desk::review_suggestions(&db, &id).await.unwrap();
    let year = get(&list, Kind::Date, "2013");
    assert_eq!(year.dismissed_by.as_deref(), Some("Awa"));
    assert!(year.suggestion.start > 40, "offsets are on the new version: {}", year.suggestion.start);

    // Restored, it shows again (the quote with its attribution).
    desk::restore_suggestion(&db, &id, &key(Kind::Attribution, "a-t-il confié")).await.unwrap();
    let list = desk::review_suggestions(&db, &id).await.unwrap();
    assert_eq!(get(&list, Kind::Quote, "« Je les ai personnellement aidés »").dismissed_by, None);
    assert_eq!(get(&list, Kind::Attribution, "a-t-il confié").dismissed_by, None);
    assert_eq!(get(&list, Kind::Date, "2013").dismissed_by.as_deref(), Some("Awa"));
}

#[tokio::test]
async fn dismissals_belong_to_their_article() {
    let (db, first) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let other = desk::import(&db, format!("{V1}\n\nAutre article.").as_bytes(), "b.txt", &Provenance::default(), &awa, DEFAULT_MAX_BYTES)
        .await
        .unwrap()
        .article
        .id
        .unwrap();
    desk::dismiss_suggestion(&db, &first, &key(Kind::Quantity, "950 millions"), &awa).await.unwrap();
    let list = desk::review_suggestions(&db, &other).await.unwrap();
    assert_eq!(get(&list, Kind::Quantity, "950 millions").dismissed_by, None);
}

#[tokio::test]
async fn a_suggestion_that_is_not_there_is_refused_with_what_to_do_and_nothing_is_stored() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let missing = SuggestionKey { kind: Kind::Quantity, text: "950 millions".into(), occurrence: 1 };
    let err = desk::accept_suggestion(&db, &id, &missing, &awa).await.unwrap_err().to_string();
    assert!(err.contains("no quantity suggestion \"950 millions\" (occurrence 1)") && err.contains("list its suggestions again"), "{err}");
    let err = desk::dismiss_suggestion(&db, &id, &key(Kind::Money, "950 millions"), &awa).await.unwrap_err().to_string();
    assert!(err.contains("no money suggestion"), "{err}");
    assert!(db.dismissals(&id).await.unwrap().is_empty());
    let claims = db.claims(&claimdesk::store::ClaimFilter { article_id: Some(id.clone()), ..Default::default() }).await.unwrap();
    assert!(claims.is_empty());
    let err = desk::review_suggestions(&db, "00000000-0000-0000-0000-000000000000").await.unwrap_err().to_string();
    assert!(err.contains("00000000-0000-0000-0000-000000000000"), "{err}");
}

#[tokio::test]
async fn the_value_of_a_claim_goes_into_the_native_export_and_back() {
    let (db, id) = desk_with(V1).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let claim = desk::accept_suggestion(&db, &id, &key(Kind::Quantity, "950 millions"), &awa).await.unwrap();
    let exported = claimdesk::export::prepare(
        &db,
        claimdesk::export::Format::Json,
        &claimdesk::export::ExportFilter { statuses: Vec::new(), ..Default::default() },
        claimdesk::export::Options::default(),
    )
    .await
    .unwrap();
    let mut out = Vec::new();
    exported.write(&mut out).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let text = doc.to_string();
    assert!(text.contains(r#""value":{"number":950000000,"type":"quantity","unit":"utilisateurs"}"#) || text.contains(r#""value":{"type":"quantity","number":950000000,"unit":"utilisateurs"}"#), "{text}");

    let fresh = Db::open_in_memory().await.unwrap();
    let path = std::env::temp_dir().join(format!("claimdesk-value-{}.json", std::process::id()));
    std::fs::write(&path, &out).unwrap();
    let bea = fresh.reviewer("Béa").await.unwrap();
    desk::import_claims(&fresh, &path, &bea).await.unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(fresh.claim(&claim.id).await.unwrap().value, claim.value);
}
