//! Makes the desk the export benchmark (bench/export.sh) reads: `CLAIMS` reviewed claims (default
//! 100,000) over articles of 100 claims each, every claim with a statement, claimant, verdict,
//! tags, one piece of evidence and a short history — what a busy desk accumulates over years.
//! It is stored through `import_document`, the merge `claimdesk import-claims` uses, in one
//! transaction.
//!
//! usage: export_bench_data DB [CLAIMS]

use claimdesk::article::{sha256_hex, Article};
use claimdesk::claim::{Claim, ClaimType, Evidence, RatingScale, Stance, Status};
use claimdesk::export::json::{Document, ExportedArticle, ExportedClaim, FORMAT, VERSION};
use claimdesk::store::{Db, ExportedVersion, HistoryEntry, Reviewer};

const PER_ARTICLE: usize = 100;
const AT: &str = "2024-09-06T10:00:00.000Z";

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: export_bench_data DB [CLAIMS]");
        std::process::exit(2);
    };
    let claims: usize = args.next().map_or(100_000, |n| n.parse().unwrap_or_else(|_| panic!("CLAIMS must be a number, not {n:?}")));
    let scale = RatingScale::default_scale();
    let reviewers: Vec<Reviewer> = ["Awa Traoré", "Moussa Diallo"]
        .iter()
        .enumerate()
        .map(|(i, name)| Reviewer {
            id: format!("00000000-0000-4000-8000-00000000000{i}"),
            name: name.to_string(),
            initials: claimdesk::store::initials_of(name),
            colour: claimdesk::store::colour_of(name),
            created: AT.into(),
        })
        .collect();
    let mut doc = Document {
        format: FORMAT.into(),
        version: VERSION,
        exported: AT.into(),
        reviewers: reviewers.clone(),
        articles: Vec::new(),
        claims: Vec::new(),
    };
    for a in 0..claims.div_ceil(PER_ARTICLE) {
        let article_id = uuid(1, a);
        let mut text = format!("📦 Le port numéro {a} annonce un trafic record\n\n");
        let mut spans = Vec::new();
        for s in 0..PER_ARTICLE {
            let figure = format!("{} millions de tonnes", 10 + (a * 7 + s) % 90);
            let sentence = format!("Selon « la direction {s} », le port a traité {figure} en 2023, un record historique pour l’entreprise. ");
            let before_figure = sentence.split(figure.as_str()).next().unwrap_or_default().chars().count();
            let start = text.chars().count() + before_figure;
            text.push_str(&sentence);
            spans.push((start, start + figure.chars().count(), figure));
            if s % 10 == 9 {
                text.push_str("\n\n");
            }
        }
        let sha256 = sha256_hex(text.as_bytes());
        let chars: Vec<char> = text.chars().collect();
        let context = |from: usize, to: usize| chars[from.min(chars.len())..to.min(chars.len())].iter().collect::<String>();
        for (s, (start, end, figure)) in spans.into_iter().enumerate() {
            if doc.claims.len() == claims {
                break;
            }
            let n = a * PER_ARTICLE + s;
            let rating = &scale.ratings[n % scale.ratings.len()];
            let author = &reviewers[n % 2].name;
            doc.claims.push(ExportedClaim {
                claim: Claim {
                    id: uuid(2, n),
                    article_id: article_id.clone(),
                    version: 1,
                    start,
                    end,
                    quote: figure.clone(),
                    prefix: context(start.saturating_sub(32), start),
                    suffix: context(end, end + 32),
                    claimant: Some(format!("Direction {s}")),
                    verdict: Some(rating.key.clone()),
                    status: Status::Reviewed,
                    note: Some("Chiffre à recouper avec le rapport annuel.".into()),
                    reviewer: author.clone(),
                    modified_by: author.clone(),
                    created: AT.into(),
                    modified: AT.into(),
                    statement: Some(format!("Le port {a} a traité {figure} en 2023")),
                    claim_type: Some(ClaimType::Quantity),
                    claimant_role: Some("direction du port".into()),
                    claimant_url: None,
                    rationale: Some("Le rapport annuel donne un chiffre **différent**.\n\nVoir le tableau 2.".into()),
                    tags: vec!["port".into(), "économie".into()],
                    evidence: vec![Evidence {
                        url: format!("https://port.example/rapport-{a}.pdf"),
                        title: Some("Rapport annuel 2023".into()),
                        publisher: Some("Port".into()),
                        accessed: "2024-09-06".into(),
                        quote: Some("23,4 millions de tonnes".into()),
                        stance: Some(Stance::Refutes),
                        added: AT.into(),
                        added_by: author.clone(),
                    }],
                    assignee: None,
                    reviews: Vec::new(),
                    anchor_state: claimdesk::anchor::AnchorState::Anchored,
                    previous_quote: None,
                    kept_on_version: false,
                    value: None,
                },
                history: vec![
                    HistoryEntry { at: AT.into(), reviewer: author.clone(), field: "verdict".into(), old: None, new: Some(rating.key.clone()) },
                    HistoryEntry { at: AT.into(), reviewer: author.clone(), field: "status".into(), old: Some("in_review".into()), new: Some("reviewed".into()) },
                ],
            });
        }
        doc.articles.push(ExportedArticle {
            article: Article {
                id: Some(article_id),
                title: Some(format!("Le port numéro {a} annonce un trafic record")),
                byline: None,
                publisher: Some("aBamako.com".into()),
                published: Some("2024-09-06".into()),
                modified: None,
                language: Some("fr".into()),
                url: (a % 2 == 0).then(|| format!("https://www.abamako.example/port-{a}.html")),
                sha256: sha256.clone(),
                version: Some(1),
                text: Some(text.clone()),
            },
            created: AT.into(),
            versions: vec![ExportedVersion {
                number: 1,
                sha256,
                kind: "text".into(),
                charset: "utf-8".into(),
                title: Some(format!("Le port numéro {a} annonce un trafic record")),
                byline: None,
                publisher: Some("aBamako.com".into()),
                published: Some("2024-09-06".into()),
                modified: None,
                language: Some("fr".into()),
                url: (a % 2 == 0).then(|| format!("https://www.abamako.example/port-{a}.html")),
                fetched: None,
                fetched_url: None,
                imported: AT.into(),
                imported_by: reviewers[0].name.clone(),
                text,
            }],
        });
    }
    let db = Db::open(std::path::Path::new(&path)).await.unwrap_or_else(|e| panic!("cannot open {path}: {e}"));
    let importer = db.reviewer("Bench").await.unwrap_or_else(|e| panic!("{e}"));
    let report = db.import_document(&doc, &importer).await.unwrap_or_else(|e| panic!("cannot store the desk: {e}"));
    for (key, value) in [
        ("desk.name", "Vérif Sahel"),
        ("desk.url", "https://verif-sahel.example"),
        ("claimreview.url_pattern", "https://verif-sahel.example/verifications/{id}"),
    ] {
        claimdesk::settings::set(&db, key, value).await.unwrap_or_else(|e| panic!("{e}"));
    }
    db.close().await;
    println!("{} claims over {} articles in {path}", report.claims_created, report.articles_created);
}

/// A fixed, valid UUID per (kind, n), so two runs make the same desk.
fn uuid(kind: u8, n: usize) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}
