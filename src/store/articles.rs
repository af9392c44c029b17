use std::collections::BTreeMap;

use serde::Serialize;
// Dynamic SQL here is assembled only from constants and `?` placeholders, never from input.
use sqlx::AssertSqlSafe;

use super::{new_id, now, to_usize, CarryReport, Db, Reviewer};
use crate::article::source::Provenance;
use crate::article::{Article, Extraction, Kind};
use crate::error::{Error, Result};

/// An article in a listing: the article without its text, and how many claims it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    #[serde(flatten)]
    pub article: Article,
    pub claims: usize,
    /// Claims per status key (statuses without claims left out): the article's progress.
    pub statuses: BTreeMap<String, usize>,
    /// Claims per verdict key (claims without a verdict not counted).
    pub verdicts: BTreeMap<String, usize>,
}

/// The stored snapshot a claim's offsets refer to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Version {
    pub id: String,
    pub article_id: String,
    pub number: i64,
    pub text: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub article: Article,
    /// The same bytes were imported before: nothing was stored.
    pub existing: bool,
    /// The page was imported before from the same address with other content: this is its new
    /// version.
    pub new_version: bool,
    /// For a new version: what became of the claims made on earlier ones.
    pub carried: Option<CarryReport>,
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: String,
    url: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    language: Option<String>,
    sha256: String,
    version: i64,
    text: Option<String>,
    claims: i64,
}

impl ArticleRow {
    fn into_summary(self) -> ArticleSummary {
        ArticleSummary {
            claims: to_usize(self.claims),
            statuses: BTreeMap::new(),
            verdicts: BTreeMap::new(),
            article: Article {
                id: Some(self.id),
                title: self.title,
                byline: self.byline,
                publisher: self.publisher,
                published: self.published,
                modified: self.modified,
                language: self.language,
                url: self.url,
                sha256: self.sha256,
                version: u32::try_from(self.version).ok(),
                text: self.text,
            },
        }
    }
}

/// Each article joined to its latest version. `{text}` is replaced by the text column or NULL.
const ARTICLE_SELECT: &str = "SELECT a.id, a.url, v.title, v.byline, v.publisher, v.published, v.modified, v.language,
        v.sha256, v.number AS version, {text} AS text,
        (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims
   FROM articles a
   JOIN article_versions v ON v.article_id = a.id
    AND v.number = (SELECT MAX(number) FROM article_versions WHERE article_id = a.id)";

impl Db {
    /// The article that already has a version with these exact bytes.
    pub async fn article_id_by_sha256(&self, sha256: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT article_id FROM article_versions WHERE sha256 = ?")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Stores an extraction: nothing when the same bytes are stored already; a new version of an
    /// article imported before from the same address (the URL the reviewer gave, the URL it was
    /// downloaded from, or the page's canonical URL); else a new article. One write transaction,
    /// so two processes importing at once cannot both create the article.
    pub async fn store_import(
        &self,
        extraction: &Extraction,
        original: &[u8],
        provenance: &Provenance,
        reviewer: &Reviewer,
    ) -> Result<ImportOutcome> {
        let e = &extraction.extracted;
        let download = provenance.download.as_ref();
        // Where it came from, most telling first; the article keeps the first of these.
        let addresses: Vec<&str> = [provenance.url.as_deref(), download.map(|d| d.final_url.as_str()), e.url.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .collect();

        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let existing: Option<String> = sqlx::query_scalar("SELECT article_id FROM article_versions WHERE sha256 = ?")
            .bind(&extraction.sha256)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = existing {
            tx.rollback().await?;
            return Ok(ImportOutcome { article: self.article(&id).await?, existing: true, new_version: false, carried: None });
        }
        let mut same_page: Option<(String, i64)> = None;
        if let Some(id) = &provenance.version_of {
            same_page = sqlx::query_as("SELECT article_id, MAX(number) FROM article_versions WHERE article_id = ? GROUP BY article_id")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if same_page.is_none() {
                return Err(Error::ArticleNotFound(id.clone()));
            }
        }
        // The address is asked only when the reviewer did not say which article this is.
        let to_ask = if same_page.is_some() { &[][..] } else { &addresses[..] };
        for address in to_ask {
            same_page = sqlx::query_as(
                "SELECT a.id, (SELECT MAX(number) FROM article_versions WHERE article_id = a.id)
                   FROM articles a
                  WHERE a.url = ?1
                     OR a.id IN (SELECT article_id FROM article_versions WHERE url = ?1 OR fetched_url = ?1)
                  ORDER BY a.created LIMIT 1",
            )
            .bind(address)
            .fetch_optional(&mut *tx)
            .await?;
            if same_page.is_some() {
                break;
            }
        }
        let now = now();
        let (article_id, number, new_version) = match same_page {
            Some((id, latest)) => (id, latest + 1, true),
            None => {
                let id = new_id();
                sqlx::query("INSERT INTO articles (id, url, created) VALUES (?, ?, ?)")
                    .bind(&id)
                    .bind(addresses.first())
                    .bind(&now)
                    .execute(&mut *tx)
                    .await?;
                (id, 1, false)
            }
        };
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        sqlx::query(
            "INSERT INTO article_versions (id, article_id, number, sha256, original, kind, charset,
                 title, byline, publisher, published, modified, language, url, text,
                 imported, imported_by, fetched, fetched_url)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(&article_id)
        .bind(number)
        .bind(&extraction.sha256)
        .bind(original)
        .bind(match extraction.kind {
            Kind::Html => "html",
            Kind::Text => "text",
        })
        .bind(extraction.charset)
        .bind(&e.title)
        .bind(&e.byline)
        .bind(&e.publisher)
        .bind(date(e.published))
        .bind(date(e.modified))
        .bind(&e.language)
        .bind(&e.url)
        .bind(&e.text)
        .bind(&now)
        .bind(&reviewer.id)
        .bind(download.map(|d| d.fetched.as_str()))
        .bind(download.map(|d| d.final_url.as_str()))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ImportOutcome { article: self.article(&article_id).await?, existing: false, new_version, carried: None })
    }

    /// One article as version `number` shows it, with that version's text.
    pub async fn article_version(&self, id: &str, number: u32) -> Result<Article> {
        self.article(id).await?; // an unknown article is reported as such, not as a missing version
        let latest_join = "(SELECT MAX(number) FROM article_versions WHERE article_id = a.id)";
        let sql = format!("{} WHERE a.id = ?", ARTICLE_SELECT.replace("{text}", "v.text").replace(latest_join, "?"));
        let row: Option<ArticleRow> =
            sqlx::query_as(AssertSqlSafe(sql)).bind(i64::from(number)).bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| r.into_summary().article)
            .ok_or_else(|| Error::VersionNotFound { article_id: id.to_string(), number })
    }

    /// One article with the text of its latest version.
    pub async fn article(&self, id: &str) -> Result<Article> {
        let sql = format!("{} WHERE a.id = ?", ARTICLE_SELECT.replace("{text}", "v.text"));
        let row: Option<ArticleRow> = sqlx::query_as(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.map(|r| r.into_summary().article).ok_or_else(|| Error::ArticleNotFound(id.to_string()))
    }

    /// Every article, most recently imported first, without text.
    pub async fn articles(&self) -> Result<Vec<ArticleSummary>> {
        let sql = format!("{} ORDER BY a.created DESC, a.id", ARTICLE_SELECT.replace("{text}", "NULL"));
        let rows: Vec<ArticleRow> = sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
        let mut summaries: Vec<ArticleSummary> = rows.into_iter().map(ArticleRow::into_summary).collect();
        let counts: Vec<(String, String, Option<String>, i64)> =
            sqlx::query_as("SELECT article_id, status, verdict, count(*) FROM claims GROUP BY article_id, status, verdict")
                .fetch_all(&self.pool)
                .await?;
        let index: std::collections::HashMap<String, usize> =
            summaries.iter().enumerate().filter_map(|(i, s)| Some((s.article.id.clone()?, i))).collect();
        for (article_id, status, verdict, n) in counts {
            let Some(&i) = index.get(&article_id) else { continue };
            let summary = &mut summaries[i];
            *summary.statuses.entry(status).or_default() += to_usize(n);
            if let Some(verdict) = verdict {
                *summary.verdicts.entry(verdict).or_default() += to_usize(n);
            }
        }
        Ok(summaries)
    }

    /// The latest version of an article: the text new claims are made on.
    pub async fn latest_version(&self, article_id: &str) -> Result<Version> {
        let v: Option<Version> = sqlx::query_as(
            "SELECT id, article_id, number, text FROM article_versions WHERE article_id = ? ORDER BY number DESC LIMIT 1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?;
        v.ok_or_else(|| Error::ArticleNotFound(article_id.to_string()))
    }

    /// The original bytes of an article's latest version, as imported.
    pub async fn original(&self, article_id: &str) -> Result<Vec<u8>> {
        let bytes: Option<Vec<u8>> = sqlx::query_scalar(
            "SELECT original FROM article_versions WHERE article_id = ? ORDER BY number DESC LIMIT 1",
        )
        .bind(article_id)
        .fetch_optional(&self.pool)
        .await?;
        bytes.ok_or_else(|| Error::ArticleNotFound(article_id.to_string()))
    }
}
