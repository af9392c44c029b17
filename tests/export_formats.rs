//! The CSV and ClaimReview exports (issue #6), built from the native export's document: CSV as
//! RFC 4180 with the Claim JSON keys for columns, ClaimReview as schema.org JSON-LD with the desk's
//! settings, each checked before it is written.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::{Value, json};

use claimdesk::Error;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::article::source::Provenance;
use claimdesk::claim::{Claim, ClaimFields, NewEvidence, RatingScale, Stance, Status};
use claimdesk::desk::{self, Span};
use claimdesk::export::json::{self, Document};
use claimdesk::export::{self, ExportFilter, claimreview, csv};
use claimdesk::settings;
use claimdesk::store::Db;

/// A French article in the reference shape: title line, date line, paragraphs.
const PORT: &str = "Le port de Bamako annonce un trafic record
Publié le vendredi 6 septembre 2024 | aBamako.com

Le port sec de Bamako a traité 24 millions de tonnes de marchandises en 2023, selon son directeur général.

Le trafic de conteneurs a progressé de 12 % en un an, affirme le communiqué de la direction du port.

Pour le ministre des Transports, Bamako est désormais la première plateforme logistique de la région.

Les délais de dédouanement ont été réduits à 48 heures, assure la direction dans son communiqué.
";

/// An English article in the same shape.
const HARBOUR: &str = "Harbour traffic reaches a record high
Published Monday, 15 January 2024 | Example News

The harbour handled 24 million tonnes of goods in 2023, according to its general manager.

Container traffic grew by 12 percent in one year, the management said in a statement on Monday.

The transport minister said the harbour is now the busiest logistics hub in the whole region.
";

const PORT_URL: &str = "https://www.abamako.com/news/port-record.html";

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

async fn import(db: &Db, text: &str, url: Option<&str>) -> String {
    let awa = db.reviewer("Awa").await.unwrap();
    let provenance = Provenance {
        url: url.map(str::to_string),
        ..Provenance::default()
    };
    let outcome = desk::import(
        db,
        text.as_bytes(),
        "article.txt",
        &provenance,
        &awa,
        DEFAULT_MAX_BYTES,
    )
    .await
    .unwrap();
    outcome.article.id.unwrap()
}

/// Makes a claim of `quote` by Awa and takes it through review to `reviewed`.
async fn reviewed_claim(db: &Db, article: &str, quote: &str, fields: ClaimFields) -> Claim {
    let awa = db.reviewer("Awa").await.unwrap();
    let fields = ClaimFields {
        status: Some(Status::InReview),
        ..fields
    };
    let claim = desk::add_claim(
        db,
        article,
        Span::Quote {
            text: quote.into(),
            occurrence: 1,
        },
        fields,
        &awa,
    )
    .await
    .unwrap();
    let to_reviewed = ClaimFields {
        status: Some(Status::Reviewed),
        ..ClaimFields::default()
    };
    desk::update_claim(db, &claim.id, to_reviewed, &awa)
        .await
        .unwrap()
}

fn fields(statement: &str, verdict: &str) -> ClaimFields {
    ClaimFields {
        statement: Some(statement.into()),
        verdict: Some(verdict.into()),
        ..ClaimFields::default()
    }
}

async fn document(db: &Db) -> Document {
    json::document(db, &ExportFilter::default()).await.unwrap()
}

async fn configure_desk(db: &Db) {
    settings::set(db, "desk.name", "Vérif Sahel").await.unwrap();
    settings::set(db, "desk.url", "https://verif-sahel.example")
        .await
        .unwrap();
    settings::set(
        db,
        "claimreview.url_pattern",
        "https://verif-sahel.example/verifications/{id}",
    )
    .await
    .unwrap();
}

/// The ClaimReview object of the claim with this id.
/// The CSV bytes of a document.
fn csv_bytes(doc: &Document, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    csv::write(doc, bom, &mut bytes).unwrap();
    bytes
}

fn review_of<'a>(doc: &Document, reviews: &'a [Value], claim_id: &str) -> &'a Value {
    assert_eq!(doc.claims.len(), reviews.len(), "one review per claim");
    let i = doc.claims.iter().position(|c| c.claim.id == claim_id).unwrap();
    &reviews[i]
}

// ---------------------------------------------------------------------------------------------
// A tiny RFC 4180 reader, strict enough to catch a writer that is not
// ---------------------------------------------------------------------------------------------

/// Records of `text`: every record ends with CRLF; a quoted field may hold anything, with `""`
/// for a quote; an unquoted field may hold neither quotes, CR nor LF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("unterminated quoted field") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(
                    c != '"' && c != '\n',
                    "{c:?} in an unquoted field after {field:?}"
                );
                field.push(c);
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "a record ends with CRLF");
                records.push(std::mem::take(&mut record));
            }
            other => panic!("after a field: {other:?} (every record ends with CRLF)"),
        }
    }
    assert!(record.is_empty(), "the last record ends with CRLF");
    records
}

/// What a CSV cell holds for a Claim JSON value, by the export's documented rules.
fn expected_cell(key: &str, value: &Value) -> String {
    match (key, value) {
        (_, Value::Null) => String::new(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Number(n)) => n.to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        ("tags", Value::Array(tags)) => tags
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("; "),
        ("evidence", Value::Array(items)) => items
            .iter()
            .map(|e| e["url"].as_str().unwrap())
            .collect::<Vec<_>>()
            .join(" "),
        ("reviews", Value::Array(items)) => items
            .iter()
            .map(|r| {
                format!(
                    "{}: {}",
                    r["reviewer"].as_str().unwrap(),
                    r["verdict"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => panic!("no CSV rule for {key}: {value}"),
    }
}

/// The keys of a JSON object in the order they are written (serde_json's `Value` may sort them).
struct KeysInOrder(Vec<String>);

impl<'de> serde::Deserialize<'de> for KeysInOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    map.next_value::<IgnoredAny>()?;
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn csv_header_is_the_claim_json_keys_in_the_claim_order() {
    let db = Db::open_in_memory().await.unwrap();
    let article = import(&db, PORT, Some(PORT_URL)).await;
    let claim = reviewed_claim(
        &db,
        &article,
        "24 millions de tonnes",
        fields("Le port a traité 24 Mt en 2023", "true"),
    )
    .await;

    // Only a claim made from a suggestion has a `value` key: give this one a value so that every
    // key is there.
    let claim = claimdesk::claim::Claim { value: Some(serde_json::json!({"type": "quantity", "number": 24_000_000})), ..claim };
    let KeysInOrder(keys) = serde_json::from_str(&serde_json::to_string(&claim).unwrap()).unwrap();
    assert_eq!(
        csv::COLUMNS.as_slice(),
        keys.as_slice(),
        "the columns are the Claim JSON keys, in order"
    );

    let text = String::from_utf8(csv_bytes(&document(&db).await, false)).unwrap();
    assert!(
        text.starts_with(&format!("{}\r\n", keys.join(","))),
        "{text}"
    );
    assert_eq!(parse_csv(&text)[0], keys);
}

#[tokio::test]
async fn csv_quotes_what_rfc_4180_says_and_reads_back_as_the_json() {
    let db = Db::open_in_memory().await.unwrap();
    let article = import(&db, PORT, Some(PORT_URL)).await;
    let moussa = db.reviewer("Moussa").await.unwrap();
    let tricky = ClaimFields {
        // Each field needs quoting for one reason alone: a comma, a CR, an LF, a quote (CRLF below).
        claimant: Some("Ministère des Transports, Mali".into()),
        claimant_role: Some("porte-parole\rdu ministère".into()),
        note: Some("Deux lignes :\nla première ; puis la seconde".into()),
        rationale: Some("**Faux** : l’ANSD dit \"12 %\" et non 24 %.".into()),
        add_tags: vec!["port".into(), "économie".into()],
        add_evidence: Some(NewEvidence {
            url: "https://www.instat.gov.ml/rapport-2023".into(),
            title: Some("Rapport, 2023".into()),
            accessed: Some("2024-09-07".into()),
            stance: Some(Stance::Refutes),
            ..NewEvidence::default()
        }),
        ..fields(
            "Le trafic a \"progressé\" de 12 %, en un an",
            "mostly_false",
        )
    };
    let first = reviewed_claim(&db, &article, "12 % en un an", tricky).await;
    let awa = db.reviewer("Awa").await.unwrap();
    let more_evidence = ClaimFields {
        add_evidence: Some(NewEvidence {
            url: "https://example.org/b?x=1,2".into(),
            ..NewEvidence::default()
        }),
        ..ClaimFields::default()
    };
    desk::update_claim(&db, &first.id, more_evidence, &awa)
        .await
        .unwrap();
    desk::review_claim(&db, &first.id, "false", Some("d’accord".into()), &moussa)
        .await
        .unwrap();
    reviewed_claim(
        &db,
        &article,
        "réduits à 48 heures",
        ClaimFields {
            note: Some("Fanta\r\nKeïta".into()),
            ..ClaimFields::default()
        },
    )
    .await;

    let doc = document(&db).await;
    assert_eq!(doc.claims.len(), 2);
    let text = String::from_utf8(csv_bytes(&doc, false)).unwrap();
    assert!(
        text.contains("\"Le trafic a \"\"progressé\"\" de 12 %, en un an\""),
        "quotes doubled inside quotes: {text}"
    );
    assert!(
        text.contains(",\"Deux lignes :\nla première ; puis la seconde\","),
        "LF kept inside quotes"
    );
    assert!(
        text.contains(",\"porte-parole\rdu ministère\","),
        "CR alone is quoted too"
    );
    assert!(text.contains(",\"Fanta\r\nKeïta\","), "CRLF inside quotes");
    assert!(
        text.contains(",\"Ministère des Transports, Mali\","),
        "a comma is quoted"
    );
    assert!(
        text.contains(",\"**Faux** : l’ANSD dit \"\"12 %\"\" et non 24 %.\","),
        "a quote alone is quoted"
    );
    assert!(
        text.contains(",port; économie,"),
        "no quotes where none are needed: {text}"
    );

    let records = parse_csv(&text);
    assert_eq!(
        records.len(),
        1 + doc.claims.len(),
        "a header and one row per claim"
    );
    for (row, claim) in records[1..].iter().zip(doc.claims.iter().map(|c| &c.claim)) {
        assert_eq!(row.len(), csv::COLUMNS.len());
        let value = serde_json::to_value(claim).unwrap();
        for (cell, key) in row.iter().zip(csv::COLUMNS) {
            assert_eq!(
                cell,
                &expected_cell(key, &value[key]),
                "claim {} column {key}",
                claim.id
            );
        }
    }
    let row = &records[1 + doc.claims.iter().position(|c| c.claim.id == first.id).unwrap()];
    let cell = |key: &str| row[csv::COLUMNS.iter().position(|k| *k == key).unwrap()].as_str();
    assert_eq!(
        cell("evidence"),
        "https://www.instat.gov.ml/rapport-2023 https://example.org/b?x=1,2"
    );
    assert_eq!(cell("reviews"), "Moussa: false");
    assert_eq!(cell("tags"), "port; économie");
    assert_eq!(cell("type"), "");
    assert_eq!(cell("kept_on_version"), "false");
}

#[tokio::test]
async fn csv_bom_is_an_option_and_an_empty_set_is_the_header_alone() {
    let db = Db::open_in_memory().await.unwrap();
    let empty = document(&db).await;
    let plain = csv_bytes(&empty, false);
    assert_eq!(
        plain,
        format!("{}\r\n", csv::COLUMNS.join(",")).into_bytes()
    );
    let with_bom = csv_bytes(&empty, true);
    assert_eq!(&with_bom[..3], [0xEF, 0xBB, 0xBF], "U+FEFF in UTF-8");
    assert_eq!(&with_bom[3..], plain.as_slice());
    assert!(plain.starts_with(b"id,article_id,"));
}

// ---------------------------------------------------------------------------------------------
// ClaimReview
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn claimreview_has_every_field_with_the_verdict_in_french_for_a_french_article() {
    let db = Db::open_in_memory().await.unwrap();
    configure_desk(&db).await;
    let article = import(&db, PORT, Some(PORT_URL)).await;
    let claim = reviewed_claim(
        &db,
        &article,
        "24 millions de tonnes",
        ClaimFields {
            claimant: Some("Moussa Diallo".into()),
            claimant_role: Some("directeur général du port".into()),
            claimant_url: Some("https://example.org/moussa-diallo".into()),
            ..fields(
                "Le port sec de Bamako a traité 24 millions de tonnes en 2023",
                "mostly_false",
            )
        },
    )
    .await;
    let doc = document(&db).await;
    let scale = desk::scale(&db).await.unwrap();
    let check = claimreview::check(&doc, &scale);
    assert!(check.is_ok() && check.warnings.is_empty(), "{check:?}");

    let desk_settings = claimreview::desk(&db).await.unwrap();
    let reviews = claimreview::reviews(&doc, &scale, &desk_settings).collect::<Vec<_>>();
    let review = review_of(&doc, &reviews, &claim.id);
    assert_eq!(
        review,
        &json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": format!("https://verif-sahel.example/verifications/{}", claim.id),
            "claimReviewed": "Le port sec de Bamako a traité 24 millions de tonnes en 2023",
            "datePublished": &claim.modified[..10],
            "author": {"@type": "Organization", "name": "Vérif Sahel", "url": "https://verif-sahel.example"},
            "reviewRating": {
                "@type": "Rating",
                "alternateName": "Plutôt faux",
                "ratingValue": 2,
                "bestRating": 5,
                "worstRating": 1
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": {
                    "@type": "Person",
                    "name": "Moussa Diallo",
                    "jobTitle": "directeur général du port",
                    "sameAs": "https://example.org/moussa-diallo"
                },
                "datePublished": "2024-09-06",
                "appearance": {"@type": "CreativeWork", "url": PORT_URL}
            }
        })
    );
    assert!(
        chrono::NaiveDate::parse_from_str(review["datePublished"].as_str().unwrap(), "%Y-%m-%d")
            .is_ok()
    );

    let mut bytes = Vec::new();
    export::write_json_array(&mut bytes, reviews.iter()).unwrap();
    assert!(
        bytes.ends_with(b"]\n") && bytes.starts_with(b"[\n"),
        "a pretty JSON array and a newline"
    );
    let back: Vec<Value> = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(back, reviews);
}

#[tokio::test]
async fn claimreview_rating_values_only_for_verdicts_on_the_numeric_scale() {
    let db = Db::open_in_memory().await.unwrap();
    configure_desk(&db).await;
    let article = import(&db, HARBOUR, Some("https://news.example/harbour")).await;
    let off = reviewed_claim(
        &db,
        &article,
        "24 million tonnes",
        fields("The harbour handled 24 Mt of goods in 2023", "unverifiable"),
    )
    .await;
    let on = reviewed_claim(
        &db,
        &article,
        "12 percent",
        fields("Container traffic grew 12% in a year", "true"),
    )
    .await;
    let org = ClaimFields {
        claimant: Some("Ministry of Transport".into()),
        ..fields("The harbour is the region's busiest hub", "mixed")
    };
    let by_org = reviewed_claim(&db, &article, "the busiest logistics hub", org).await;

    let doc = document(&db).await;
    let scale = desk::scale(&db).await.unwrap();
    assert!(claimreview::check(&doc, &scale).is_ok());
    let reviews = claimreview::reviews(&doc, &scale, &claimreview::desk(&db).await.unwrap()).collect::<Vec<_>>();

    let rating = &review_of(&doc, &reviews, &off.id)["reviewRating"];
    assert_eq!(
        rating,
        &json!({"@type": "Rating", "alternateName": "Unverifiable"}),
        "English, and no numbers off the scale"
    );
    let rating = &review_of(&doc, &reviews, &on.id)["reviewRating"];
    assert_eq!(
        rating,
        &json!({"@type": "Rating", "alternateName": "True", "ratingValue": 5, "bestRating": 5, "worstRating": 1})
    );

    let item = &review_of(&doc, &reviews, &by_org.id)["itemReviewed"];
    assert_eq!(
        item["author"],
        json!({"@type": "Organization", "name": "Ministry of Transport"})
    );
    assert_eq!(item["datePublished"], "2024-01-15");
    assert!(
        review_of(&doc, &reviews, &off.id)["itemReviewed"]
            .get("author")
            .is_none(),
        "no claimant, no author"
    );

    // The AFP-style scale: the same rule on other values.
    let afp = RatingScale::afp_scale();
    let mut doc = doc;
    let i = doc.claims.iter().position(|c| c.claim.id == on.id).unwrap();
    doc.claims[i].claim.verdict = Some("satire".into());
    let j = doc.claims.iter().position(|c| c.claim.id == off.id).unwrap();
    doc.claims[j].claim.verdict = Some("misleading".into());
    doc.claims.retain(|c| c.claim.id != by_org.id);
    assert!(claimreview::check(&doc, &afp).is_ok());
    let reviews = claimreview::reviews(&doc, &afp, &claimreview::desk(&db).await.unwrap()).collect::<Vec<_>>();
    assert_eq!(
        review_of(&doc, &reviews, &on.id)["reviewRating"],
        json!({"@type": "Rating", "alternateName": "Satire"})
    );
    assert_eq!(
        review_of(&doc, &reviews, &off.id)["reviewRating"],
        json!({"@type": "Rating", "alternateName": "Misleading", "ratingValue": 2, "bestRating": 5, "worstRating": 1})
    );
}

#[tokio::test]
async fn claimreview_names_an_article_without_url_by_its_sha256() {
    let db = Db::open_in_memory().await.unwrap();
    configure_desk(&db).await;
    let article_id = import(&db, PORT, None).await;
    let claim = reviewed_claim(
        &db,
        &article_id,
        "réduits à 48 heures",
        fields("Le dédouanement prend 48 heures", "mixed"),
    )
    .await;
    let doc = document(&db).await;
    let article = &doc.articles[0].article;
    assert!(article.url.is_none(), "a paste without --url has no URL");

    let scale = desk::scale(&db).await.unwrap();
    let reviews = claimreview::reviews(&doc, &scale, &claimreview::desk(&db).await.unwrap()).collect::<Vec<_>>();
    let item = &review_of(&doc, &reviews, &claim.id)["itemReviewed"];
    assert_eq!(
        item["appearance"],
        json!({
            "@type": "CreativeWork",
            "url": format!("urn:sha256:{}", article.sha256),
            "headline": "Le port de Bamako annonce un trafic record",
            "publisher": {"@type": "Organization", "name": "aBamako.com"},
            "datePublished": "2024-09-06"
        })
    );
    assert_eq!(article.sha256.len(), 64);
    assert_eq!(
        review_of(&doc, &reviews, &claim.id)["reviewRating"]["alternateName"],
        "Mitigé"
    );
}

#[tokio::test]
async fn check_refuses_a_claim_without_verdict_or_statement_and_warns_on_a_long_statement() {
    let db = Db::open_in_memory().await.unwrap();
    let article = import(&db, PORT, Some(PORT_URL)).await;
    let no_verdict = reviewed_claim(
        &db,
        &article,
        "24 millions de tonnes",
        ClaimFields {
            statement: Some("Le port a traité 24 Mt en 2023".into()),
            ..ClaimFields::default()
        },
    )
    .await;
    assert_eq!(
        (no_verdict.status, no_verdict.verdict.as_deref()),
        (Status::Reviewed, None),
        "the store lets it through"
    );
    let no_statement = reviewed_claim(
        &db,
        &article,
        "12 % en un an",
        ClaimFields {
            verdict: Some("true".into()),
            ..ClaimFields::default()
        },
    )
    .await;
    let long = "Le ministre des Transports affirme que Bamako est désormais la première plateforme logistique de toute la région";
    assert!(long.chars().count() > 75);
    let wordy = reviewed_claim(
        &db,
        &article,
        "première plateforme logistique",
        fields(long, "mostly_false"),
    )
    .await;
    let fine = reviewed_claim(
        &db,
        &article,
        "réduits à 48 heures",
        fields("Le dédouanement prend 48 heures", "mixed"),
    )
    .await;

    let mut doc = document(&db).await;
    let scale = desk::scale(&db).await.unwrap();
    let check = claimreview::check(&doc, &scale);
    assert!(!check.is_ok());
    assert_eq!(check.problems.len(), 2, "{:?}", check.problems);
    let about = |id: &str| {
        check
            .problems
            .iter()
            .find(|p| p.contains(id))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        about(&no_verdict.id).contains("no verdict") && about(&no_verdict.id).contains("--verdict"),
        "{check:?}"
    );
    assert!(
        about(&no_verdict.id).contains("reviewed"),
        "names the status: {check:?}"
    );
    assert!(
        about(&no_statement.id).contains("no statement")
            && about(&no_statement.id).contains("--statement"),
        "{check:?}"
    );
    assert_eq!(check.warnings.len(), 1, "{:?}", check.warnings);
    assert!(
        check.warnings[0].contains(&wordy.id) && check.warnings[0].contains("characters"),
        "{:?}",
        check.warnings
    );
    assert!(
        check
            .problems
            .iter()
            .chain(&check.warnings)
            .all(|m| !m.contains(&fine.id))
    );

    // A blank statement counts as none; a verdict off the scale is refused with the scale's keys.
    let i = doc.claims.iter().position(|c| c.claim.id == fine.id).unwrap();
    doc.claims[i].claim.statement = Some("   ".into());
    doc.claims[i].claim.verdict = Some("pants_on_fire".into());
    let check = claimreview::check(&doc, &scale);
    let about_fine: Vec<&String> = check
        .problems
        .iter()
        .filter(|p| p.contains(&fine.id))
        .collect();
    assert_eq!(about_fine.len(), 2, "{about_fine:?}");
    assert!(
        about_fine
            .iter()
            .any(|p| p.contains("\"pants_on_fire\"") && p.contains("mostly_false")),
        "{about_fine:?}"
    );

    // With only the good claims left, the export may go ahead: the long statement only warns.
    doc.claims.retain(|c| c.claim.id == wordy.id);
    let check = claimreview::check(&doc, &scale);
    assert!(check.is_ok() && check.warnings.len() == 1, "{check:?}");
}

#[tokio::test]
async fn check_refuses_a_scale_without_numeric_values_or_below_one() {
    let db = Db::open_in_memory().await.unwrap();
    let article = import(&db, PORT, Some(PORT_URL)).await;
    reviewed_claim(
        &db,
        &article,
        "24 millions de tonnes",
        fields("Le port a traité 24 Mt en 2023", "false"),
    )
    .await;
    let doc = document(&db).await;

    let mut words_only = RatingScale::default_scale();
    words_only.key = "words".into();
    for r in &mut words_only.ratings {
        r.value = None;
    }
    let check = claimreview::check(&doc, &words_only);
    assert_eq!(check.problems.len(), 1, "{check:?}");
    assert!(
        check.problems[0].contains("\"words\"") && check.problems[0].contains("numeric"),
        "{check:?}"
    );

    let mut from_zero = RatingScale::default_scale();
    for r in &mut from_zero.ratings {
        r.value = r.value.map(|v| v - 1);
    }
    let check = claimreview::check(&doc, &from_zero);
    assert_eq!(check.problems.len(), 1, "{check:?}");
    assert!(
        check.problems[0].contains("value 0") && check.problems[0].contains("worstRating"),
        "{check:?}"
    );
}

#[tokio::test]
async fn a_missing_desk_setting_is_refused_naming_the_key() {
    let db = Db::open_in_memory().await.unwrap();
    let e = claimreview::desk(&db).await.unwrap_err();
    assert!(
        matches!(&e, Error::MissingSetting { key, .. } if key == "desk.name"),
        "{e}"
    );
    let message = e.to_string();
    assert!(
        message.contains("claimdesk config set desk.name VALUE"),
        "{message}"
    );
    assert!(
        message.contains("desk.url") && message.contains("claimreview.url_pattern"),
        "all missing keys: {message}"
    );

    settings::set(&db, "desk.name", "Vérif Sahel")
        .await
        .unwrap();
    settings::set(&db, "desk.url", "https://verif-sahel.example")
        .await
        .unwrap();
    let e = claimreview::desk(&db).await.unwrap_err();
    assert!(
        matches!(&e, Error::MissingSetting { key, .. } if key == "claimreview.url_pattern"),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("claimdesk config set claimreview.url_pattern VALUE"),
        "{e}"
    );
    assert!(!e.to_string().contains("also not set"), "{e}");

    settings::set(
        &db,
        "claimreview.url_pattern",
        "https://verif-sahel.example/v/{id}",
    )
    .await
    .unwrap();
    let desk_settings = claimreview::desk(&db).await.unwrap();
    assert_eq!(
        desk_settings,
        claimreview::Desk {
            name: "Vérif Sahel".into(),
            url: "https://verif-sahel.example".into(),
            url_pattern: "https://verif-sahel.example/v/{id}".into(),
        }
    );
}

#[tokio::test]
async fn other_formats_warn_about_a_reviewed_claim_without_verdict() {
    let db = Db::open_in_memory().await.unwrap();
    let article_id = import(&db, PORT, None).await;
    let bare = reviewed_claim(&db, &article_id, "réduits à 48 heures", ClaimFields::default()).await;
    reviewed_claim(&db, &article_id, "24 millions de tonnes", fields("Le port a traité 24 millions de tonnes", "true")).await;
    for format in [export::Format::Csv, export::Format::Json, export::Format::Html] {
        let export = export::prepare(&db, format, &ExportFilter::default(), export::Options::default()).await.unwrap();
        assert_eq!(export.claims(), 2, "{format:?}: a warning, not a refusal");
        assert_eq!(export.warnings.len(), 1, "{format:?}: {:?}", export.warnings);
        assert!(export.warnings[0].contains(&bare.id) && export.warnings[0].contains("has no verdict"), "{:?}", export.warnings);
    }
}
