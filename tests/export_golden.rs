//! Golden files for the native JSON, CSV and ClaimReview exports of the project's own fixture
//! articles (the other formats have theirs in tests/export_webannotation.rs and
//! tests/export_reports.rs). Ids, timestamps and today's date are normalised (see
//! `common::stable`); `UPDATE_GOLDEN=1` rewrites the files after an intended change.

mod common;

use common::{golden, Desk};

const FR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/messagerie-fr.txt");
const EN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/breaking-en.txt");

/// A desk with a reviewed claim on each fixture article, one of them with every field; and the
/// two article ids.
fn desk() -> (Desk, String, String) {
    let desk = Desk::new();
    let fr = desk.run("Awa", &["import", FR]).trim().to_string();
    let en = desk.run("Awa", &["import", EN, "--url", "https://news.example/bridge"]).trim().to_string();
    let figure = desk
        .run("Awa", &[
            "claim", "add", &fr, "--quote", "950 millions", "--status", "in_review",
            "--claimant", "Idrissa Maïga", "--claimant-role", "fondateur de Kalimba",
            "--verdict", "mostly_false", "--statement", "Kalimba compte 950 millions d’utilisateurs actifs par mois",
            "--type", "quantity", "--tag", "audience", "--rationale", "Le rapport **AppScope** compte 610 millions.",
            "--note", "À recouper, « avec » le régulateur",
        ])
        .trim()
        .to_string();
    desk.run("Awa", &[
        "claim", "set", &figure, "--add-evidence", "https://appscope.example/rapports/2024-06",
        "--evidence-quote", "610 millions d’utilisateurs actifs mensuels", "--evidence-stance", "refutes",
        "--evidence-title", "Rapport d’audience, juin 2024", "--evidence-accessed", "2024-09-05",
    ]);
    desk.run("Awa", &["claim", "set", &figure, "--status", "reviewed"]);
    let bridge = desk
        .run("Moussa", &[
            "claim", "add", &en, "--quote", "12 million euros", "--status", "in_review", "--verdict", "unverifiable",
            "--statement", "The bridge repair costs 12 million euros",
        ])
        .trim()
        .to_string();
    desk.run("Moussa", &["claim", "set", &bridge, "--status", "reviewed"]);
    for (key, value) in [
        ("desk.name", "Vérif Sahel"),
        ("desk.url", "https://verif-sahel.example"),
        ("claimreview.url_pattern", "https://verif-sahel.example/verifications/{id}"),
    ] {
        desk.run("Awa", &["config", "set", key, value]);
    }
    (desk, fr, en)
}

#[test]
fn json_csv_and_claimreview_match_their_golden_files() {
    // One export per article: articles are listed by id, and ids are new each run.
    let (desk, fr, en) = desk();
    for (name, article) in [("messagerie-fr", &fr), ("breaking-en", &en)] {
        for (format, extension) in [("json", "json"), ("csv", "csv"), ("claimreview", "json")] {
            let out = desk.run("Awa", &["export", "--format", format, "--article", article]);
            golden(&format!("{format}/{name}.{extension}"), &out);
        }
    }
}
