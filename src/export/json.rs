//! The native format: everything needed to rebuild the exported claims elsewhere.
//! `{"format": "claimdesk", "version": 1, "exported", "reviewers", "articles", "claims"}`; each
//! article also carries every stored version (metadata and canonical text) and each claim its
//! history. `schema/claimdesk-export.schema.json` describes it.

use std::collections::BTreeSet;
use std::io::Write;

use serde::{Deserialize, Serialize};

use super::ExportFilter;
use crate::article::Article;
use crate::claim::Claim;
use crate::error::Result;
use crate::store::{ClaimParts, Db, ExportedVersion, HistoryEntry, Reviewer};

pub const FORMAT: &str = "claimdesk";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    pub version: u32,
    pub exported: String,
    pub reviewers: Vec<Reviewer>,
    pub articles: Vec<ExportedArticle>,
    pub claims: Vec<ExportedClaim>,
}

/// An article as its latest version shows it (with that version's text), when it was first
/// stored, and every version its claims may refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedArticle {
    #[serde(flatten)]
    pub article: Article,
    pub created: String,
    pub versions: Vec<ExportedVersion>,
}

/// A claim with every change ever made to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedClaim {
    #[serde(flatten)]
    pub claim: Claim,
    pub history: Vec<HistoryEntry>,
}

impl Document {
    /// The article a claim belongs to (every exported claim's article is in the document).
    /// [`document`] orders articles by id, so this is a binary search; a document read from
    /// elsewhere may not be ordered, hence the scan when the search misses.
    pub fn article_of(&self, claim: &Claim) -> Option<&ExportedArticle> {
        let id = Some(claim.article_id.as_str());
        match self.articles.binary_search_by(|a| a.article.id.as_deref().cmp(&id)) {
            Ok(i) => self.articles.get(i),
            Err(_) => self.articles.iter().find(|a| a.article.id.as_deref() == id),
        }
    }
}

/// Gathers the claims the filter selects, with every article and reviewer they mention, in a
/// stable order so that two exports of the same data differ only in `exported`.
pub async fn document(db: &Db, filter: &ExportFilter) -> Result<Document> {
    document_with(db, filter, ClaimParts::ALL).await
}

/// [`document`] with only the `parts` of each claim a format reads (the others left empty).
pub async fn document_with(db: &Db, filter: &ExportFilter, parts: ClaimParts) -> Result<Document> {
    if let Some(id) = &filter.article_id {
        db.article(id).await?; // a clear error for an unknown article, not an empty export
    }
    let claims = db.exported_claims(&filter.claim_filter(), parts).await?;
    let article_ids: BTreeSet<&str> = claims.iter().map(|c| c.claim.article_id.as_str()).collect();
    let mut articles = Vec::with_capacity(article_ids.len());
    let mut names: BTreeSet<String> = BTreeSet::new();
    for id in article_ids {
        let versions = db.exported_versions(id).await?;
        names.extend(versions.iter().map(|v| v.imported_by.clone()));
        let created = db.article_created(id).await?.unwrap_or_default();
        articles.push(ExportedArticle { article: db.article(id).await?, created, versions });
    }
    for c in &claims {
        let claim = &c.claim;
        names.extend([&claim.reviewer, &claim.modified_by].into_iter().chain(&claim.assignee).cloned());
        names.extend(claim.reviews.iter().map(|r| r.reviewer.clone()));
        names.extend(c.history.iter().map(|h| h.reviewer.clone()));
    }
    let reviewers = db.reviewers_named(&names.into_iter().collect::<Vec<_>>()).await?;
    Ok(Document { format: FORMAT.to_string(), version: VERSION, exported: crate::store::now(), reviewers, articles, claims })
}

/// Writes the document as pretty-printed JSON with a final newline.
pub fn write(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, doc)?;
    out.write_all(b"\n")
}
