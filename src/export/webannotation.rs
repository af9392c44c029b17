//! W3C Web Annotation JSON-LD (<https://www.w3.org/TR/annotation-model/>), the format annotation
//! tools and repositories exchange.
//!
//! The export is one `AnnotationCollection` holding one `AnnotationPage` (`first`) whose `items`
//! are the claims, one Annotation each, in the document's claim order:
//!
//! ```text
//! {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:uuid:…", "type": "AnnotationCollection",
//!  "label": "claimdesk claims exported …", "total": N,
//!  "first": {"id": "urn:uuid:…", "type": "AnnotationPage", "startIndex": 0, "items": [Annotation…]}}
//! ```
//!
//! `first` is left out when there are no claims (the model wants it only when `total` is above
//! zero). The collection and page ids are name-based UUIDs (version 8, from SHA-256) of the claim
//! ids, so the same set of claims keeps the same collection id from one export to the next.
//!
//! Each Annotation (see [`annotation`]), which also stands alone with its own `@context`:
//!
//! - `@context` `"http://www.w3.org/ns/anno.jsonld"`, `type` `"Annotation"`, `motivation`
//!   `"assessing"`; `id` `urn:uuid:` + the claim id (claim ids are UUIDs and never change);
//! - `created`, `modified`: the claim's; `creator`: `{"type": "Person", "name"}` of the reviewer
//!   who made the claim; `generated`: when the export was made, `generator`:
//!   `{"type": "Software", "name": "claimdesk"}`;
//! - `target`: a SpecificResource whose `source` is the article's URL, or `urn:sha256:` + its
//!   digest for an article without one (as in every export); its `selector` holds two
//!   alternatives for the same span, a `TextQuoteSelector` (`exact` = the quote, with the
//!   claim's `prefix`/`suffix` when not empty) and a `TextPositionSelector` (`start`/`end` as
//!   integers, Unicode code points, end exclusive — what the model counts in — into claimdesk's
//!   canonical text of the version the claim refers to, not into the page's markup); its `state`
//!   is a `TimeState` whose `sourceDate` is when that version was imported, which says which
//!   version the span is on (an orphan kept on an older version points at the older one);
//! - `body`, in this order, each part only when the claim has it (no `body` at all when it has
//!   none):
//!   - the verdict twice: a `TextualBody` with `purpose` `"assessing"` whose `value` is the
//!     verdict's label in the article's language (French for `fr`, else English; the key itself
//!     for a verdict no longer on the scale) with that `language`; and a `TextualBody` with
//!     `purpose` `"classifying"` whose `value` is the verdict key on the desk's rating scale
//!     (`mostly_false`), for programs — a claimdesk import reads the verdict back from it. Both
//!     are the model's own terms: a TextualBody may not carry a `source` (a "must" of the test
//!     suite), and a `claimdesk:` term would need a context of our own that no reader knows;
//!   - the statement: `purpose` `"describing"`;
//!   - the claim type (`quantity`…), then each tag: `purpose` `"tagging"`, `value` the key or tag;
//!   - the rationale: `purpose` `"commenting"`, `format` `"text/markdown"`;
//!   - each piece of evidence, oldest first: a SpecificResource with `purpose` `"linking"`,
//!     `source` its URL, a `TextQuoteSelector` with the quoted passage when there is one, and a
//!     `TimeState` spanning the day it was read (`sourceDateStart`/`sourceDateEnd`).
//!
//!   Text bodies other than the rationale say `format` `"text/plain"`.
//!
//! URLs are written as URIs (non-ASCII characters and characters URIs cannot hold are
//! percent-encoded, as RFC 3987 maps an IRI to a URI), because the model's test suite checks every
//! address against the URI syntax. An article address that is not an absolute URI even then is
//! treated as missing (`urn:sha256:`).
//!
//! Not exported, having no term in the model: the claimant and their role and URL, the evidence's
//! title, publisher and stance, independent reviews, the note (internal), status, assignee and
//! history. The native `json` export keeps everything.

use std::io::Write;

use serde::Serialize;
use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use super::json::{Document, ExportedArticle};
use super::{given, is_french, Streamed};
use crate::claim::{Claim, RatingScale};

pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// Writes the collection with a final newline, one annotation at a time, so that a large set is
/// never held as one value. The header comes first so a reader sees `total` before the items.
pub fn write(doc: &Document, scale: &RatingScale, out: &mut dyn Write) -> std::io::Result<()> {
    let ids: Vec<&str> = doc.claims.iter().map(|c| c.claim.id.as_str()).collect();
    let items = Streamed::new(doc.claims.iter().map(|c| annotation(doc, &c.claim, scale)));
    let collection = Collection {
        context: CONTEXT,
        id: collection_id(&ids, "collection"),
        kind: "AnnotationCollection",
        label: label(doc),
        total: doc.claims.len(),
        first: (!doc.claims.is_empty()).then(|| Page {
            id: collection_id(&ids, "page 1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        }),
    };
    serde_json::to_writer_pretty(&mut *out, &collection)?;
    out.write_all(b"\n")
}

/// The collection, its keys in the order they are written.
#[derive(Serialize)]
#[serde(bound(serialize = "Streamed<I>: Serialize"))]
struct Collection<I> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: String,
    total: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<Page<I>>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "Streamed<I>: Serialize"))]
struct Page<I> {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Streamed<I>,
}

/// The Annotation of one of the document's claims, as the module documentation describes it.
pub fn annotation(doc: &Document, claim: &Claim, scale: &RatingScale) -> Value {
    let article = doc.article_of(claim);
    let mut a = Map::new();
    a.insert("@context".into(), CONTEXT.into());
    a.insert("id".into(), format!("urn:uuid:{}", claim.id).into());
    a.insert("type".into(), "Annotation".into());
    a.insert("motivation".into(), "assessing".into());
    a.insert("created".into(), claim.created.as_str().into());
    a.insert("modified".into(), claim.modified.as_str().into());
    a.insert("creator".into(), json!({"type": "Person", "name": claim.reviewer}));
    a.insert("generated".into(), doc.exported.as_str().into());
    a.insert("generator".into(), json!({"type": "Software", "name": "claimdesk"}));
    let bodies = bodies(claim, article, scale);
    if !bodies.is_empty() {
        a.insert("body".into(), Value::Array(bodies));
    }
    a.insert("target".into(), target(claim, article));
    Value::Object(a)
}

fn bodies(claim: &Claim, article: Option<&ExportedArticle>, scale: &RatingScale) -> Vec<Value> {
    let mut bodies = Vec::new();
    if let Some(verdict) = given(&claim.verdict) {
        let french = article.and_then(|a| a.article.language.as_deref()).is_some_and(is_french);
        let mut assessing = text_body("assessing", verdict, "text/plain");
        if let Some(rating) = scale.rating(verdict) {
            let (label, language) = if french { (&rating.label_fr, "fr") } else { (&rating.label_en, "en") };
            assessing.insert("value".into(), label.as_str().into());
            assessing.insert("language".into(), language.into());
        }
        bodies.push(Value::Object(assessing));
        bodies.push(Value::Object(text_body("classifying", verdict, "text/plain")));
    }
    if let Some(statement) = given(&claim.statement) {
        bodies.push(Value::Object(text_body("describing", statement, "text/plain")));
    }
    let tags = claim.claim_type.map(|t| t.key()).into_iter().chain(claim.tags.iter().map(String::as_str));
    for tag in tags.map(str::trim).filter(|t| !t.is_empty()) {
        bodies.push(Value::Object(text_body("tagging", tag, "text/plain")));
    }
    if let Some(rationale) = given(&claim.rationale) {
        bodies.push(Value::Object(text_body("commenting", rationale, "text/markdown")));
    }
    for evidence in &claim.evidence {
        let mut link = Map::new();
        link.insert("type".into(), "SpecificResource".into());
        link.insert("purpose".into(), "linking".into());
        link.insert("source".into(), as_uri(evidence.url.trim()).into());
        if let Some(quote) = given(&evidence.quote) {
            link.insert("selector".into(), json!({"type": "TextQuoteSelector", "exact": quote}));
        }
        // A day, not an instant: the state is the source as it was at some time that day (UTC).
        if chrono::NaiveDate::parse_from_str(&evidence.accessed, "%Y-%m-%d").is_ok() {
            link.insert(
                "state".into(),
                json!({
                    "type": "TimeState",
                    "sourceDateStart": format!("{}T00:00:00Z", evidence.accessed),
                    "sourceDateEnd": format!("{}T23:59:59Z", evidence.accessed),
                }),
            );
        }
        bodies.push(Value::Object(link));
    }
    bodies
}

fn text_body(purpose: &str, value: &str, format: &str) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("type".into(), "TextualBody".into());
    body.insert("purpose".into(), purpose.into());
    body.insert("value".into(), value.into());
    body.insert("format".into(), format.into());
    body
}

/// The span on the version the claim refers to.
fn target(claim: &Claim, article: Option<&ExportedArticle>) -> Value {
    let mut quote = Map::new();
    quote.insert("type".into(), "TextQuoteSelector".into());
    quote.insert("exact".into(), claim.quote.as_str().into());
    if !claim.prefix.is_empty() {
        quote.insert("prefix".into(), claim.prefix.as_str().into());
    }
    if !claim.suffix.is_empty() {
        quote.insert("suffix".into(), claim.suffix.as_str().into());
    }
    let position = json!({"type": "TextPositionSelector", "start": claim.start, "end": claim.end});
    let mut target = Map::new();
    target.insert("type".into(), "SpecificResource".into());
    target.insert("source".into(), source(claim, article).into());
    target.insert("selector".into(), json!([quote, position]));
    let version = article.and_then(|a| a.versions.iter().find(|v| v.number == i64::from(claim.version)));
    if let Some(version) = version {
        target.insert("state".into(), json!({"type": "TimeState", "sourceDate": version.imported}));
    }
    Value::Object(target)
}

/// The article's address as a URI, else `urn:sha256:` + its digest. Every exported claim's
/// article is in the document; were one missing, the article id (a UUID) still names it.
fn source(claim: &Claim, article: Option<&ExportedArticle>) -> String {
    let Some(article) = article.map(|a| &a.article) else {
        return format!("urn:uuid:{}", claim.article_id);
    };
    match given(&article.url).map(as_uri) {
        Some(url) if is_absolute_uri(&url) => url,
        _ => format!("urn:sha256:{}", article.sha256),
    }
}

fn label(doc: &Document) -> String {
    format!("claimdesk claims exported {}", doc.exported)
}

/// A name-based UUID (version 8, RFC 9562) of the claim ids and what it names (`collection`,
/// `page 1`), as a `urn:uuid:`: the same claims always give the same id.
fn collection_id(claim_ids: &[&str], what: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"claimdesk webannotation ");
    hash.update(what.as_bytes());
    for id in claim_ids {
        hash.update(b"\n");
        hash.update(id.as_bytes());
    }
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x80; // version 8
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 9562 variant
    format!("urn:uuid:{}", uuid::Uuid::from_bytes(bytes))
}

/// An IRI as a URI (RFC 3987 §3.1): every byte of a non-ASCII character percent-encoded, and so
/// are the ASCII characters no URI may hold (space, `"<>\^`{|}`, controls) and a `%` that does
/// not start an escape. Anything already a URI is returned unchanged.
pub fn as_uri(iri: &str) -> String {
    let bytes = iri.as_bytes();
    let mut uri = String::with_capacity(iri.len());
    for (i, &b) in bytes.iter().enumerate() {
        let escape_starts = b == b'%'
            && bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit);
        let keep = b.is_ascii_graphic() && !b"\"<>\\^`{|}".contains(&b) && (b != b'%' || escape_starts);
        if keep {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Whether a URI starts with a scheme (`letter *(letter / digit / "+" / "-" / ".") ":"`) followed
/// by something.
fn is_absolute_uri(uri: &str) -> bool {
    match uri.split_once(':') {
        Some((scheme, rest)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
        }
        None => false,
    }
}

/// A claim as a claimdesk Web Annotation carries it: the span, who made it and when, and the
/// parts the bodies hold (see the module documentation). Everything else a claim has (claimant,
/// status, note, reviews, history) is not in the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    pub claim_id: String,
    /// The target's `source`: the article's URL as a URI, or `urn:sha256:` + a version's digest.
    pub source: String,
    /// When the version the span is on was imported (the target's `TimeState`).
    pub version_imported: Option<String>,
    pub start: usize,
    pub end: usize,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
    pub creator: String,
    pub created: String,
    pub modified: String,
    pub verdict: Option<String>,
    pub statement: Option<String>,
    /// The `tagging` bodies, the claim type (when it is one) first.
    pub tags: Vec<String>,
    pub rationale: Option<String>,
    /// (URL, quoted passage, day read).
    pub evidence: Vec<(String, Option<String>, Option<String>)>,
}

/// The annotations of a collection (or page, or single annotation) claimdesk wrote. An
/// annotation another tool made lacks what a claim needs (a claim id, a TextPositionSelector in
/// code points of claimdesk's canonical text) and is refused with the reason.
pub fn read(value: &Value) -> Result<Vec<Annotated>, String> {
    let items: Vec<&Value> = match value.get("type").and_then(Value::as_str) {
        Some("AnnotationCollection") => match value.get("first") {
            None => Vec::new(),
            Some(page) => items(page)?,
        },
        Some("AnnotationPage") => items(value)?,
        Some("Annotation") => vec![value],
        other => return Err(format!("its type is {other:?}, not an AnnotationCollection, AnnotationPage or Annotation")),
    };
    items.into_iter().enumerate().map(|(i, item)| read_one(item).map_err(|why| format!("annotation {}: {why}", i + 1))).collect()
}

fn items(page: &Value) -> Result<Vec<&Value>, String> {
    match page.get("items") {
        Some(Value::Array(items)) => Ok(items.iter().collect()),
        _ => Err("its page has no items (one page of items is what claimdesk writes)".into()),
    }
}

fn read_one(a: &Value) -> Result<Annotated, String> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let id = text(a, "id").ok_or("it has no id")?;
    let claim_id = id
        .strip_prefix("urn:uuid:")
        .filter(|u| uuid::Uuid::parse_str(u).is_ok())
        .ok_or_else(|| format!("its id {id:?} is not the urn:uuid: of a claimdesk claim"))?
        .to_string();
    let target = a.get("target").ok_or("it has no target")?;
    let source = text(target, "source").ok_or("its target has no source")?;
    let selectors: Vec<&Value> = match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    let of_type = |t: &str| selectors.iter().copied().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let position = of_type("TextPositionSelector").ok_or("its target has no TextPositionSelector")?;
    let offset = |key: &str| {
        position.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok()).ok_or(format!("its TextPositionSelector has no integer {key}"))
    };
    let quote = of_type("TextQuoteSelector").ok_or("its target has no TextQuoteSelector")?;
    let mut annotated = Annotated {
        claim_id,
        source,
        version_imported: target.get("state").and_then(|s| text(s, "sourceDate")),
        start: offset("start")?,
        end: offset("end")?,
        quote: text(quote, "exact").ok_or("its TextQuoteSelector has no exact")?,
        prefix: text(quote, "prefix").unwrap_or_default(),
        suffix: text(quote, "suffix").unwrap_or_default(),
        creator: a.get("creator").and_then(|c| text(c, "name")).ok_or("it has no creator name")?,
        created: text(a, "created").ok_or("it has no created date")?,
        modified: text(a, "modified").or_else(|| text(a, "created")).unwrap_or_default(),
        verdict: None,
        statement: None,
        tags: Vec::new(),
        rationale: None,
        evidence: Vec::new(),
    };
    let bodies: Vec<&Value> = match a.get("body") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for body in bodies {
        let value = text(body, "value");
        match body.get("purpose").and_then(Value::as_str) {
            Some("classifying") => annotated.verdict = value,
            Some("describing") => annotated.statement = value,
            Some("tagging") => annotated.tags.extend(value),
            Some("commenting") => annotated.rationale = value,
            Some("linking") => {
                if let Some(url) = text(body, "source") {
                    let passage = body.get("selector").and_then(|s| text(s, "exact"));
                    let day = body.get("state").and_then(|s| text(s, "sourceDateStart")).and_then(|d| d.get(..10).map(str::to_string));
                    annotated.evidence.push((url, passage, day));
                }
            }
            // The verdict's label (`assessing`) is for people; its key came in `classifying`.
            _ => {}
        }
    }
    Ok(annotated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_become_uris_and_uris_stay_as_they_are() {
        assert_eq!(as_uri("https://example.org/économie?q=a b"), "https://example.org/%C3%A9conomie?q=a%20b");
        assert_eq!(as_uri("https://example.org/a%20b%zz"), "https://example.org/a%20b%25zz");
        assert_eq!(as_uri("https://example.org/{x}|\"y\""), "https://example.org/%7Bx%7D%7C%22y%22");
        let uri = "https://www.example.org/news/2024/09/06/port-record.html?utm=x&b=[1]#top";
        assert_eq!(as_uri(uri), uri);
    }

    #[test]
    fn only_absolute_uris_are_addresses() {
        assert!(is_absolute_uri("https://example.org/a") && is_absolute_uri("urn:sha256:ab") && is_absolute_uri("ftp+x.y-z:1"));
        assert!(!is_absolute_uri("www.example.org/a") && !is_absolute_uri("/a:b") && !is_absolute_uri("1http://a") && !is_absolute_uri("https:"));
    }

    #[test]
    fn no_claims_make_a_collection_without_a_page() {
        let doc = Document {
            format: super::super::json::FORMAT.into(),
            version: super::super::json::VERSION,
            exported: "2024-09-06T10:00:00.000Z".into(),
            reviewers: Vec::new(),
            articles: Vec::new(),
            claims: Vec::new(),
        };
        let mut out = Vec::new();
        write(&doc, &RatingScale::default_scale(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            json!({
                "@context": CONTEXT,
                "id": collection_id(&[], "collection"),
                "type": "AnnotationCollection",
                "label": "claimdesk claims exported 2024-09-06T10:00:00.000Z",
                "total": 0,
            })
        );
        assert!(text.starts_with("{\n  \"@context\": ") && text.ends_with("\n}\n"), "{text}");
    }

    #[test]
    fn collection_ids_are_stable_uuids_of_the_claims() {
        let id = collection_id(&["a", "b"], "collection");
        assert_eq!(id, collection_id(&["a", "b"], "collection"));
        assert_ne!(id, collection_id(&["a", "b"], "page 1"));
        assert_ne!(id, collection_id(&["a", "c"], "collection"));
        assert_ne!(id, collection_id(&["ab"], "collection"));
        let uuid = uuid::Uuid::parse_str(id.strip_prefix("urn:uuid:").unwrap()).unwrap();
        assert_eq!(uuid.get_version_num(), 8);
        assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122);
    }
}
