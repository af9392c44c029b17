//! schema.org ClaimReview JSON-LD, the markup search engines and fact-check aggregators read.
//!
//! One ClaimReview object per claim:
//!
//! - `@context` `"https://schema.org"`, `@type` `"ClaimReview"`;
//! - `url`: the `claimreview.url_pattern` setting with `{id}` replaced by the claim id;
//! - `claimReviewed`: the claim's one-sentence statement;
//! - `datePublished`: the date (`YYYY-MM-DD`) the claim was last modified;
//! - `author`: the desk, `{"@type": "Organization", "name": desk.name, "url": desk.url}`;
//! - `reviewRating`: `{"@type": "Rating", "alternateName"}`, the verdict's label in the article's
//!   language (French for `fr`, else English), with `ratingValue`, `bestRating` (the scale's
//!   highest numeric value) and `worstRating` (its lowest) when the verdict has a numeric value —
//!   none of the three for a verdict off the numeric scale, such as `unverifiable`;
//! - `itemReviewed`: `{"@type": "Claim"}` with `author` (the claimant, see [`claimant`]),
//!   `datePublished` (the article's publication date, when known) and `appearance` (the article:
//!   `{"@type": "CreativeWork", "url"}`, or for an article without a URL one identified as
//!   `urn:sha256:` + its digest, with its `headline`, `publisher` and `datePublished`).
//!
//! A field with nothing to put in it is left out rather than written empty. The rationale is not
//! exported: it is markdown, and ClaimReview readers do not show a review body.
//!
//! [`check`] says what would make the markup invalid or misleading; exports refuse while it finds
//! problems.

use std::io::Write;

use serde_json::{Map, Value, json};

use super::json::Document;
use super::{date_part, given, is_french};
use crate::article::Article;
use crate::claim::{Claim, RatingScale};
use crate::error::{Error, Result};
use crate::settings;
use crate::store::Db;

pub const CONTEXT: &str = "https://schema.org";

/// The settings a ClaimReview export needs, in the order they are asked for.
pub const SETTINGS: [&str; 3] = ["desk.name", "desk.url", "claimreview.url_pattern"];

/// The desk that publishes the reviews, from its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    pub name: String,
    pub url: String,
    /// Where each review lives, with `{id}` for the claim id.
    pub url_pattern: String,
}

/// Reads `desk.name`, `desk.url` and `claimreview.url_pattern`. A missing one is
/// [`Error::MissingSetting`] naming the first missing key and the command that sets it (and the other
/// missing keys, so that one round of `config set` is enough).
pub async fn desk(db: &Db) -> Result<Desk> {
    let mut values = Vec::with_capacity(SETTINGS.len());
    let mut missing = Vec::new();
    for key in SETTINGS {
        let value = settings::get(db, key)
            .await?
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        if value.is_none() {
            missing.push(key);
        }
        values.push(value.unwrap_or_default());
    }
    if let Some((first, others)) = missing.split_first() {
        let also = if others.is_empty() { String::new() } else { format!(" (also not set: {})", others.join(", ")) };
        return Err(Error::MissingSetting { key: first.to_string(), export: "ClaimReview", also });
    }
    let [name, url, url_pattern]: [String; 3] = values.try_into().unwrap_or_default();
    Ok(Desk {
        name,
        url,
        url_pattern,
    })
}

/// What [`check`] found. Any problem makes the export refuse; warnings are shown and the export
/// goes ahead. Each message names the claim and what to change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Check {
    pub problems: Vec<String>,
    pub warnings: Vec<String>,
}

impl Check {
    /// No problems (there may be warnings).
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks that every claim of the document makes a valid ClaimReview on `scale`: the scale has
/// numeric values of at least 1 (for `bestRating`/`worstRating`); each claim has a statement (the
/// required `claimReviewed`) and a verdict that is on the scale (the required `alternateName`),
/// and its article is in the document. A statement over
/// [`STATEMENT_WARN_CHARS`](crate::claim::STATEMENT_WARN_CHARS) characters is a warning.
pub fn check(doc: &Document, scale: &RatingScale) -> Check {
    let mut check = Check::default();
    let values: Vec<i32> = scale.ratings.iter().filter_map(|r| r.value).collect();
    if values.is_empty() {
        check.problems.push(format!(
            "the rating scale {:?} has no numeric values, and ClaimReview needs them for ratingValue — give its ratings values (`claimdesk scale add FILE`) or use another scale (`claimdesk config set review.scale KEY`)",
            scale.key
        ));
    } else if let Some(low) = values.iter().copied().filter(|&v| v < 1).min() {
        check.problems.push(format!(
            "the rating scale {:?} has the value {low}, but ClaimReview ratings start at 1 (worstRating) — number its ratings from 1 (`claimdesk scale add FILE`) or use another scale (`claimdesk config set review.scale KEY`)",
            scale.key
        ));
    }
    for claim in doc.claims.iter().map(|c| &c.claim) {
        let id = &claim.id;
        match given(&claim.statement) {
            None => check.problems.push(format!(
                "claim {id} has no statement, which ClaimReview requires (claimReviewed) — set it with `claimdesk claim set {id} --statement TEXT`"
            )),
            Some(statement) => {
                if let Some(warning) = crate::claim::statement_warning(statement) {
                    check.warnings.push(format!("claim {id}: {warning}"));
                }
            }
        }
        match given(&claim.verdict) {
            None => check.problems.push(format!(
                "claim {id} is {} but has no verdict, which ClaimReview requires (reviewRating) — give it one with `claimdesk claim set {id} --verdict KEY`",
                claim.status
            )),
            Some(verdict) if scale.rating(verdict).is_none() => {
                let known: Vec<&str> = scale.ratings.iter().map(|r| r.key.as_str()).collect();
                check.problems.push(format!(
                    "claim {id} has the verdict {verdict:?}, which is not on the rating scale {:?} ({}) — change it with `claimdesk claim set {id} --verdict KEY`",
                    scale.key,
                    known.join(", ")
                ));
            }
            Some(_) => {}
        }
        if article_of(doc, claim).is_none() {
            check.problems.push(format!(
                "claim {id}: its article {} is not in the export",
                claim.article_id
            ));
        }
    }
    check
}

/// One ClaimReview object per claim, in the document's claim order. Meant for a document
/// [`check`] passed; otherwise what is missing is left out of the markup.
pub fn reviews<'a>(doc: &'a Document, scale: &'a RatingScale, desk: &'a Desk) -> impl Iterator<Item = Value> + 'a {
    doc.claims.iter().map(move |c| review_of(doc, &c.claim, scale, desk))
}

/// The ClaimReview object of one of the document's claims.
pub fn review_of(doc: &Document, claim: &Claim, scale: &RatingScale, desk: &Desk) -> Value {
    review(claim, article_of(doc, claim), scale, desk)
}

/// Writes the reviews as a pretty-printed JSON array with a final newline, one at a time.
pub fn write(doc: &Document, scale: &RatingScale, desk: &Desk, out: &mut dyn Write) -> std::io::Result<()> {
    super::write_json_array(out, reviews(doc, scale, desk))
}

fn review(claim: &Claim, article: Option<&Article>, scale: &RatingScale, desk: &Desk) -> Value {
    let mut review = Map::new();
    review.insert("@context".into(), CONTEXT.into());
    review.insert("@type".into(), "ClaimReview".into());
    review.insert(
        "url".into(),
        desk.url_pattern.replace("{id}", &claim.id).into(),
    );
    if let Some(statement) = given(&claim.statement) {
        review.insert("claimReviewed".into(), statement.into());
    }
    review.insert("datePublished".into(), date_part(&claim.modified).into());
    review.insert(
        "author".into(),
        json!({"@type": "Organization", "name": desk.name, "url": desk.url}),
    );
    let french = article
        .and_then(|a| a.language.as_deref())
        .is_some_and(is_french);
    if let Some(rating) = given(&claim.verdict).and_then(|v| rating(scale, v, french)) {
        review.insert("reviewRating".into(), rating);
    }
    review.insert("itemReviewed".into(), item_reviewed(claim, article));
    Value::Object(review)
}

/// `{"@type": "Rating", "alternateName"}`, with the numeric values when the verdict has one.
fn rating(scale: &RatingScale, verdict: &str, french: bool) -> Option<Value> {
    let r = scale.rating(verdict)?;
    let mut rating = Map::new();
    rating.insert("@type".into(), "Rating".into());
    let label = if french { &r.label_fr } else { &r.label_en };
    rating.insert("alternateName".into(), label.as_str().into());
    let values = scale.ratings.iter().filter_map(|r| r.value);
    if let (Some(value), Some(best), Some(worst)) = (r.value, values.clone().max(), values.min()) {
        rating.insert("ratingValue".into(), value.into());
        rating.insert("bestRating".into(), best.into());
        rating.insert("worstRating".into(), worst.into());
    }
    Some(Value::Object(rating))
}

fn item_reviewed(claim: &Claim, article: Option<&Article>) -> Value {
    let mut item = Map::new();
    item.insert("@type".into(), "Claim".into());
    if let Some(name) = given(&claim.claimant) {
        item.insert(
            "author".into(),
            claimant(
                name,
                given(&claim.claimant_role),
                given(&claim.claimant_url),
            ),
        );
    }
    if let Some(article) = article {
        if let Some(published) = given(&article.published) {
            item.insert("datePublished".into(), published.into());
        }
        item.insert("appearance".into(), appearance(article));
    }
    Value::Object(item)
}

/// The article the claim appears in: its URL, or for an article without one, `urn:sha256:` + its
/// digest with what identifies it to a reader.
fn appearance(article: &Article) -> Value {
    let mut work = Map::new();
    work.insert("@type".into(), "CreativeWork".into());
    if let Some(url) = given(&article.url) {
        work.insert("url".into(), url.into());
        return Value::Object(work);
    }
    work.insert(
        "url".into(),
        format!("urn:sha256:{}", article.sha256).into(),
    );
    if let Some(title) = given(&article.title) {
        work.insert("headline".into(), title.into());
    }
    if let Some(publisher) = given(&article.publisher) {
        work.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": publisher}),
        );
    }
    if let Some(published) = given(&article.published) {
        work.insert("datePublished".into(), published.into());
    }
    Value::Object(work)
}

/// The claimant as `itemReviewed.author`: an Organization when [`is_organisation`] says the name
/// is one, else a Person. Both get `sameAs` = the claimant's URL; the role is a Person's
/// `jobTitle` and an Organization's `description`.
pub fn claimant(name: &str, role: Option<&str>, url: Option<&str>) -> Value {
    let organisation = is_organisation(name);
    let mut author = Map::new();
    author.insert(
        "@type".into(),
        if organisation {
            "Organization"
        } else {
            "Person"
        }
        .into(),
    );
    author.insert("name".into(), name.into());
    if let Some(role) = role {
        author.insert(
            if organisation {
                "description"
            } else {
                "jobTitle"
            }
            .into(),
            role.into(),
        );
    }
    if let Some(url) = url {
        author.insert("sameAs".into(), url.into());
    }
    Value::Object(author)
}

/// Words that make a claimant's name an organisation's, in lowercase (French and English).
pub const ORGANISATION_WORDS: &[&str] = &[
    "agence",
    "agency",
    "ambassade",
    "armée",
    "army",
    "assemblée",
    "assembly",
    "association",
    "authority",
    "autorité",
    "bank",
    "banque",
    "collectif",
    "comité",
    "commission",
    "committee",
    "company",
    "compagnie",
    "confédération",
    "conseil",
    "corporation",
    "council",
    "cour",
    "court",
    "department",
    "direction",
    "douane",
    "douanes",
    "embassy",
    "entreprise",
    "federation",
    "fédération",
    "fondation",
    "foundation",
    "gendarmerie",
    "gouvernement",
    "government",
    "group",
    "groupe",
    "hôpital",
    "hospital",
    "institut",
    "institute",
    "ministère",
    "ministry",
    "mairie",
    "mouvement",
    "movement",
    "ong",
    "ngo",
    "office",
    "organisation",
    "organization",
    "parti",
    "party",
    "police",
    "préfecture",
    "présidence",
    "sénat",
    "senate",
    "société",
    "syndicat",
    "tribunal",
    "union",
    "université",
    "university",
];

/// Legal forms that end a company's name; matched with their case, so that "sa" in a sentence
/// does not count.
pub const LEGAL_FORMS: &[&str] = &[
    "SA", "SAS", "SARL", "SUARL", "GIE", "Inc", "Ltd", "LLC", "PLC", "GmbH", "Corp",
];

/// Whether a claimant's name reads as an organisation's rather than a person's. The rule, kept
/// simple so that a reviewer can predict it:
///
/// - a single word of capitals and digits, at least two characters long: an acronym such as
///   `ANSD`, `OMS`, `UNICEF`, `G20`;
/// - or a name with one of [`ORGANISATION_WORDS`] as a whole word, in any case (`Ministère de la
///   Santé`, `Agence nationale de la statistique`, `World Health Organization`);
/// - or a name ending with a legal form in its usual case (`Orange SA`, `Acme Inc.`).
///
/// Anything else is a person. `ministre` is not an organisation word: a minister is a person.
pub fn is_organisation(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let acronym = |w: &str| {
        w.chars().count() >= 2
            && w.chars().any(char::is_alphabetic)
            && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    match words.as_slice() {
        [] => false,
        [one] if acronym(one) => true,
        [.., last] if LEGAL_FORMS.contains(last) => true,
        _ => words
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str())),
    }
}

fn article_of<'a>(doc: &'a Document, claim: &Claim) -> Option<&'a Article> {
    doc.article_of(claim).map(|a| &a.article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_are_told_from_people_by_a_stated_rule() {
        for org in [
            "ANSD",
            "OMS",
            "BCEAO",
            "G20",
            "Ministère de la Santé",
            "le ministère des Transports",
            "Agence nationale de la statistique",
            "Direction générale du port",
            "World Health Organization",
            "Orange SA",
            "Acme Inc.",
            "Syndicat des enseignants",
        ] {
            assert!(is_organisation(org), "{org}");
        }
        for person in [
            "Awa Traoré",
            "Moussa DIALLO",
            "le ministre des Transports",
            "Sa Majesté le roi",
            "Amadou Ba",
            "X",
            "",
        ] {
            assert!(!is_organisation(person), "{person}");
        }
    }

    #[test]
    fn dates_and_languages() {
        assert_eq!(date_part("2024-09-06T10:00:00.000Z"), "2024-09-06");
        assert_eq!(date_part("yesterday"), "yesterday");
        assert!(is_french("fr") && is_french("FR") && is_french("fr-SN"));
        assert!(!is_french("en") && !is_french("fra_x") && !is_french(""));
    }

    #[test]
    fn a_claimant_is_typed_and_described() {
        let person = claimant(
            "Awa Traoré",
            Some("ministre de la Santé"),
            Some("https://example.org/awa"),
        );
        assert_eq!(
            person,
            json!({"@type": "Person", "name": "Awa Traoré", "jobTitle": "ministre de la Santé", "sameAs": "https://example.org/awa"})
        );
        let org = claimant("ANSD", Some("statistiques"), None);
        assert_eq!(
            org,
            json!({"@type": "Organization", "name": "ANSD", "description": "statistiques"})
        );
    }
}
