// Dynamic SQL here is assembled only from constants and `?` placeholders, never from input.
use sqlx::AssertSqlSafe;

use super::{new_id, now, to_i64, to_usize, Db, Reviewer, Version};
use crate::anchor::Selectors;
use crate::claim::{Claim, ClaimFields, Status};
use crate::error::{Error, Result};

/// Which claims to list. An empty `statuses` means every status.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub article_id: Option<String>,
    pub statuses: Vec<Status>,
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    id: String,
    article_id: String,
    version: i64,
    start: i64,
    end: i64,
    quote: String,
    prefix: String,
    suffix: String,
    claimant: Option<String>,
    verdict: Option<String>,
    status: String,
    note: Option<String>,
    reviewer: String,
    modified_by: String,
    created: String,
    modified: String,
}

impl ClaimRow {
    fn into_claim(self) -> Result<Claim> {
        Ok(Claim {
            status: Status::parse(&self.status)?,
            id: self.id,
            article_id: self.article_id,
            version: u32::try_from(self.version).unwrap_or(0),
            start: to_usize(self.start),
            end: to_usize(self.end),
            quote: self.quote,
            prefix: self.prefix,
            suffix: self.suffix,
            claimant: self.claimant,
            verdict: self.verdict,
            note: self.note,
            reviewer: self.reviewer,
            modified_by: self.modified_by,
            created: self.created,
            modified: self.modified,
        })
    }
}

const CLAIM_SELECT: &str = r#"SELECT c.id, c.article_id, v.number AS version, c.start, c."end", c.quote, c.prefix, c.suffix,
        c.claimant, c.verdict, c.status, c.note, cr.name AS reviewer, mr.name AS modified_by,
        c.created, c.modified
   FROM claims c
   JOIN article_versions v ON v.id = c.version_id
   JOIN reviewers cr ON cr.id = c.created_by
   JOIN reviewers mr ON mr.id = c.modified_by"#;

/// A text field as stored: an empty or blank value clears it.
fn cleared(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

impl Db {
    /// Stores a new claim on `version` at the span `selectors` describes. The caller has checked
    /// the fields (verdict on the scale, starting status).
    pub async fn insert_claim(
        &self,
        version: &Version,
        selectors: &Selectors,
        fields: ClaimFields,
        reviewer: &Reviewer,
    ) -> Result<Claim> {
        let id = new_id();
        let now = now();
        sqlx::query(
            r#"INSERT INTO claims (id, article_id, version_id, start, "end", quote, prefix, suffix,
                   claimant, verdict, status, note, created, created_by, modified, modified_by)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        )
        .bind(&id)
        .bind(&version.article_id)
        .bind(&version.id)
        .bind(to_i64(selectors.position.start))
        .bind(to_i64(selectors.position.end))
        .bind(&selectors.quote.exact)
        .bind(&selectors.quote.prefix)
        .bind(&selectors.quote.suffix)
        .bind(cleared(fields.claimant.map(|c| c.trim().to_string())))
        .bind(cleared(fields.verdict))
        .bind(fields.status.unwrap_or(Status::Draft).key())
        .bind(cleared(fields.note))
        .bind(&now)
        .bind(&reviewer.id)
        .bind(&now)
        .bind(&reviewer.id)
        .execute(&self.pool)
        .await?;
        self.claim(&id).await
    }

    pub async fn claim(&self, id: &str) -> Result<Claim> {
        let sql = format!("{CLAIM_SELECT} WHERE c.id = ?");
        let row: Option<ClaimRow> = sqlx::query_as(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        row.ok_or_else(|| Error::ClaimNotFound(id.to_string()))?.into_claim()
    }

    /// Claims in text order within each article.
    pub async fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let mut conditions = Vec::new();
        if filter.article_id.is_some() {
            conditions.push("c.article_id = ?".to_string());
        }
        if !filter.statuses.is_empty() {
            let marks = vec!["?"; filter.statuses.len()].join(", ");
            conditions.push(format!("c.status IN ({marks})"));
        }
        let mut sql = CLAIM_SELECT.to_string();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(r#" ORDER BY c.article_id, c.start, c."end", c.created, c.id"#);
        let mut query = sqlx::query_as::<_, ClaimRow>(AssertSqlSafe(sql));
        if let Some(article_id) = &filter.article_id {
            query = query.bind(article_id);
        }
        for status in &filter.statuses {
            query = query.bind(status.key());
        }
        query.fetch_all(&self.pool).await?.into_iter().map(ClaimRow::into_claim).collect()
    }

    /// Applies a change to a claim. The status move is checked against the workflow inside the
    /// same write transaction, so two writers cannot both move a claim from the same status.
    /// The caller has checked the verdict against the scale.
    pub async fn update_claim(&self, id: &str, patch: ClaimFields, reviewer: &Reviewer) -> Result<Claim> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<String> = sqlx::query_scalar("SELECT status FROM claims WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let current = Status::parse(&current.ok_or_else(|| Error::ClaimNotFound(id.to_string()))?)?;
        if let Some(to) = patch.status {
            current.check_move(to)?;
        }
        sqlx::query(
            "UPDATE claims SET
                 claimant = CASE WHEN ?1 THEN ?2 ELSE claimant END,
                 verdict  = CASE WHEN ?3 THEN ?4 ELSE verdict END,
                 status   = COALESCE(?5, status),
                 note     = CASE WHEN ?6 THEN ?7 ELSE note END,
                 modified = ?8, modified_by = ?9
             WHERE id = ?10",
        )
        .bind(patch.claimant.is_some())
        .bind(cleared(patch.claimant.map(|c| c.trim().to_string())))
        .bind(patch.verdict.is_some())
        .bind(cleared(patch.verdict))
        .bind(patch.status.map(Status::key))
        .bind(patch.note.is_some())
        .bind(cleared(patch.note))
        .bind(now())
        .bind(&reviewer.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        self.claim(id).await
    }
}
