// Dynamic SQL here is assembled only from constants and `?` placeholders, never from input.
use sqlx::AssertSqlSafe;

use serde::Serialize;

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
    /// Stores a new claim on `version` at the span `selectors` describes, with its initial field
    /// values in the history. The caller has checked the fields (verdict on the scale, starting
    /// status).
    pub async fn insert_claim(
        &self,
        version: &Version,
        selectors: &Selectors,
        fields: ClaimFields,
        reviewer: &Reviewer,
    ) -> Result<Claim> {
        let id = new_id();
        let now = now();
        let initial = Editable::default().apply(ClaimFields { status: Some(fields.status.unwrap_or(Status::Draft)), ..fields });
        let mut tx = self.pool.begin().await?;
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
        .bind(&initial.claimant)
        .bind(&initial.verdict)
        .bind(&initial.status)
        .bind(&initial.note)
        .bind(&now)
        .bind(&reviewer.id)
        .bind(&now)
        .bind(&reviewer.id)
        .execute(&mut *tx)
        .await?;
        record(&mut tx, &id, &now, reviewer, Editable::default().changes(&initial)).await?;
        tx.commit().await?;
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

    /// Applies a change to a claim and records each changed field in its history, in one write
    /// transaction: the status move is checked against the workflow inside it, so two writers
    /// cannot both move a claim from the same status. A change that changes nothing writes
    /// nothing. The caller has checked the verdict against the scale.
    pub async fn update_claim(&self, id: &str, fields: ClaimFields, reviewer: &Reviewer) -> Result<Claim> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<Editable> =
            sqlx::query_as("SELECT claimant, verdict, status, note FROM claims WHERE id = ?")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        let current = current.ok_or_else(|| Error::ClaimNotFound(id.to_string()))?;
        if let Some(to) = fields.status {
            Status::parse(&current.status)?.check_move(to)?;
        }
        let next = current.clone().apply(fields);
        let changes = current.changes(&next);
        if changes.is_empty() {
            tx.rollback().await?;
            return self.claim(id).await;
        }
        let now = now();
        sqlx::query(
            "UPDATE claims SET claimant = ?, verdict = ?, status = ?, note = ?, modified = ?, modified_by = ?
             WHERE id = ?",
        )
        .bind(&next.claimant)
        .bind(&next.verdict)
        .bind(&next.status)
        .bind(&next.note)
        .bind(&now)
        .bind(&reviewer.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        record(&mut tx, id, &now, reviewer, changes).await?;
        tx.commit().await?;
        self.claim(id).await
    }

    /// Every recorded change to a claim, oldest first.
    pub async fn claim_history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        self.claim(id).await?; // an unknown claim is an error, not an empty history
        Ok(sqlx::query_as(
            "SELECT h.at, r.name AS reviewer, h.field, h.old, h.new
               FROM claim_history h JOIN reviewers r ON r.id = h.reviewer_id
              WHERE h.claim_id = ? ORDER BY h.id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?)
    }
}

/// One change to one field of a claim. `field` is the Claim JSON key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct HistoryEntry {
    pub at: String,
    pub reviewer: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The fields a reviewer edits, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
struct Editable {
    claimant: Option<String>,
    verdict: Option<String>,
    status: String,
    note: Option<String>,
}

impl Editable {
    /// The values after `fields` are applied: a missing field stays, a blank one is cleared.
    fn apply(mut self, fields: ClaimFields) -> Editable {
        if let Some(claimant) = fields.claimant {
            self.claimant = cleared(Some(claimant.trim().to_string()));
        }
        if let Some(verdict) = fields.verdict {
            self.verdict = cleared(Some(verdict));
        }
        if let Some(status) = fields.status {
            self.status = status.key().to_string();
        }
        if let Some(note) = fields.note {
            self.note = cleared(Some(note));
        }
        self
    }

    /// The fields that differ from `self` to `next`, as (Claim JSON key, old, new).
    fn changes(&self, next: &Editable) -> Vec<(&'static str, Option<String>, Option<String>)> {
        let status = |s: &str| (!s.is_empty()).then(|| s.to_string());
        [
            ("claimant", self.claimant.clone(), next.claimant.clone()),
            ("verdict", self.verdict.clone(), next.verdict.clone()),
            ("status", status(&self.status), status(&next.status)),
            ("note", self.note.clone(), next.note.clone()),
        ]
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .collect()
    }
}

/// Appends changes to a claim's history inside the caller's transaction.
async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Sqlite>,
    claim_id: &str,
    at: &str,
    reviewer: &Reviewer,
    changes: Vec<(&'static str, Option<String>, Option<String>)>,
) -> Result<()> {
    for (field, old, new) in changes {
        sqlx::query("INSERT INTO claim_history (claim_id, at, reviewer_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?)")
            .bind(claim_id)
            .bind(at)
            .bind(&reviewer.id)
            .bind(field)
            .bind(old)
            .bind(new)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
