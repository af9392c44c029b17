//! The native format: everything needed to rebuild the exported claims elsewhere.
//! `{"format": "claimdesk", "version": 1, "exported", "reviewers", "articles", "claims"}`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::ExportFilter;
use crate::article::Article;
use crate::claim::Claim;
use crate::error::Result;
use crate::store::{ClaimFilter, Db, Reviewer};

pub const FORMAT: &str = "claimdesk";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub format: &'static str,
    pub version: u32,
    pub exported: String,
    pub reviewers: Vec<Reviewer>,
    pub articles: Vec<Article>,
    pub claims: Vec<Claim>,
}

/// Gathers the claims the filter selects, with every article and reviewer they mention, in a
/// stable order so that two exports of the same data differ only in `exported`.
pub async fn document(db: &Db, filter: &ExportFilter) -> Result<Document> {
    if let Some(id) = &filter.article_id {
        db.article(id).await?; // a clear error for an unknown article, not an empty export
    }
    let claims = db
        .claims(&ClaimFilter { article_id: filter.article_id.clone(), statuses: filter.statuses.clone() })
        .await?;
    let article_ids: BTreeSet<&str> = claims.iter().map(|c| c.article_id.as_str()).collect();
    let mut articles = Vec::with_capacity(article_ids.len());
    for id in article_ids {
        articles.push(db.article(id).await?);
    }
    let names: BTreeSet<String> = claims
        .iter()
        .flat_map(|c| {
            let people = [&c.reviewer, &c.modified_by].into_iter().chain(&c.assignee);
            people.chain(c.reviews.iter().map(|r| &r.reviewer)).cloned().collect::<Vec<_>>()
        })
        .collect();
    let reviewers = db.reviewers_named(&names.into_iter().collect::<Vec<_>>()).await?;
    Ok(Document { format: FORMAT, version: VERSION, exported: crate::store::now(), reviewers, articles, claims })
}

/// The document as pretty-printed JSON with a final newline.
pub fn to_bytes(doc: &Document) -> Vec<u8> {
    // Serialising plain data structures cannot fail.
    let mut bytes = serde_json::to_vec_pretty(doc).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
