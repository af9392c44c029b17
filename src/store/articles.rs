use serde::Serialize;
// Dynamic SQL here is assembled only from constants and `?` placeholders, never from input.
use sqlx::AssertSqlSafe;

use super::{new_id, now, to_usize, Db, Reviewer};
use crate::article::{Article, Extraction, Kind};
use crate::error::{Error, Result};

/// An article in a listing: the article without its text, and how many claims it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    #[serde(flatten)]
    pub article: Article,
    pub claims: usize,
}

/// The stored snapshot a claim's offsets refer to.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Version {
    pub id: String,
    pub article_id: String,
    pub number: i64,
    pub text: String,
}

#[derive(sqlx::FromRow)]
struct ArticleRow {
    id: String,
    url: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    language: Option<String>,
    sha256: String,
    text: Option<String>,
    claims: i64,
}

impl ArticleRow {
    fn into_summary(self) -> ArticleSummary {
        ArticleSummary {
            claims: to_usize(self.claims),
            article: Article {
                id: Some(self.id),
                title: self.title,
                byline: self.byline,
                publisher: self.publisher,
                published: self.published,
                language: self.language,
                url: self.url,
                sha256: self.sha256,
                text: self.text,
            },
        }
    }
}

/// Each article joined to its latest version. `{text}` is replaced by the text column or NULL.
const ARTICLE_SELECT: &str = "SELECT a.id, a.url, v.title, v.byline, v.publisher, v.published, v.language, v.sha256, {text} AS text,
        (SELECT COUNT(*) FROM claims c WHERE c.article_id = a.id) AS claims
   FROM articles a
   JOIN article_versions v ON v.article_id = a.id
    AND v.number = (SELECT MAX(number) FROM article_versions WHERE article_id = a.id)";

fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(e) if e.is_unique_violation())
}

impl Db {
    /// The article that already has a version with these exact bytes.
    pub async fn article_id_by_sha256(&self, sha256: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT article_id FROM article_versions WHERE sha256 = ?")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await?)
    }

    /// Stores a new article with its first version, in one transaction. Returns the article and
    /// whether it existed already (the same bytes imported before, perhaps by another process at
    /// the same moment).
    pub async fn insert_article(
        &self,
        extraction: &Extraction,
        original: &[u8],
        url: Option<&str>,
        reviewer: &Reviewer,
    ) -> Result<(Article, bool)> {
        if let Some(id) = self.article_id_by_sha256(&extraction.sha256).await? {
            return Ok((self.article(&id).await?, true));
        }
        let article = extraction.to_article(url);
        let id = new_id();
        let now = now();
        let e = &extraction.extracted;
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO articles (id, url, created) VALUES (?, ?, ?)")
            .bind(&id)
            .bind(&article.url)
            .bind(&now)
            .execute(&mut *tx)
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO article_versions (id, article_id, number, sha256, original, kind, charset,
                 title, byline, publisher, published, language, url, text, imported, imported_by)
             VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(&id)
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
        .bind(&article.published)
        .bind(&e.language)
        .bind(&e.url)
        .bind(&e.text)
        .bind(&now)
        .bind(&reviewer.id)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if is_unique_violation(&err) => {
                // Another writer stored the same bytes between our check and our insert.
                tx.rollback().await?;
                let existing = self.article_id_by_sha256(&extraction.sha256).await?;
                let existing = existing.ok_or(Error::Database(err))?;
                return Ok((self.article(&existing).await?, true));
            }
            Err(err) => return Err(err.into()),
        }
        tx.commit().await?;
        Ok((self.article(&id).await?, false))
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
        Ok(rows.into_iter().map(ArticleRow::into_summary).collect())
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
