//! The operations a reviewer performs, shared by the CLI and the desktop app: each checks the
//! desk's rules, then stores. Neither front end writes to the database any other way.

use crate::anchor;
use crate::article::{self, Article};
use crate::claim::{Claim, ClaimPatch, NewClaim, RatingScale, Status};
use crate::error::{Error, Result};
use crate::store::{Db, Reviewer};

/// The rating scale in use. (Desk-defined scales come with the claim-record work; until then every
/// desk uses the default scale.)
pub fn scale() -> RatingScale {
    RatingScale::default_scale()
}

/// Extracts an article from `bytes` and stores it with its original bytes. Importing bytes that
/// were imported before stores nothing and returns the existing article with `true`.
/// `source_name` names the input in error messages; `url` records where it came from.
pub async fn import(
    db: &Db,
    bytes: &[u8],
    source_name: &str,
    url: Option<&str>,
    reviewer: &Reviewer,
    max_bytes: u64,
) -> Result<(Article, bool)> {
    if let Some(id) = db.article_id_by_sha256(&article::sha256_hex(bytes)).await? {
        return Ok((db.article(&id).await?, true));
    }
    let extraction = article::extract(bytes, max_bytes)
        .map_err(|problem| Error::Extract { source_name: source_name.to_string(), problem })?;
    db.insert_article(&extraction, bytes, url.filter(|u| !u.trim().is_empty()), reviewer).await
}

/// Which span of the article a new claim covers.
#[derive(Debug, Clone)]
pub enum Span {
    /// The `occurrence`-th (1-based) exact occurrence of `text` in the canonical text.
    Quote { text: String, occurrence: usize },
    /// Code points, `end` exclusive.
    Range { start: usize, end: usize },
}

/// Makes a claim of a span of the article's latest version.
pub async fn add_claim(
    db: &Db,
    article_id: &str,
    span: Span,
    fields: NewClaim,
    reviewer: &Reviewer,
) -> Result<Claim> {
    if let Some(status) = fields.status.filter(|s| !matches!(s, Status::Draft | Status::InReview)) {
        return Err(Error::NewClaimStatus(status.key().to_string()));
    }
    check_verdict(fields.verdict.as_deref())?;
    let version = db.latest_version(article_id).await?;
    let text = &version.text;
    let (start, end) = match span {
        Span::Range { start, end } => (start, end),
        Span::Quote { text: quote, occurrence } => {
            anchor::find_occurrence(text, &quote, occurrence).map_err(|found| match found {
                0 => Error::QuoteNotFound { article_id: article_id.to_string(), quote: quote.clone() },
                found => Error::OccurrenceNotFound {
                    article_id: article_id.to_string(),
                    quote: quote.clone(),
                    found,
                    wanted: occurrence,
                },
            })?
        }
    };
    let selectors = anchor::describe(text, start, end).ok_or(Error::BadSpan {
        start,
        end,
        len: anchor::char_len(text),
    })?;
    db.insert_claim(&version, &selectors, fields, reviewer).await
}

/// Changes a claim's fields; a status change must follow the workflow.
pub async fn update_claim(db: &Db, claim_id: &str, patch: ClaimPatch, reviewer: &Reviewer) -> Result<Claim> {
    check_verdict(patch.verdict.as_deref())?;
    db.update_claim(claim_id, patch, reviewer).await
}

/// An empty verdict clears it; any other must be on the scale.
fn check_verdict(verdict: Option<&str>) -> Result<()> {
    match verdict.filter(|v| !v.trim().is_empty()) {
        Some(key) => scale().check(key),
        None => Ok(()),
    }
}
