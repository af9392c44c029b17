//! The reviewer's decisions on suggestions: which ones were dismissed, per article.

use super::{now, Db, Reviewer};
use crate::error::Result;
use crate::suggest::{Kind, SuggestionKey};

/// A dismissed suggestion, with who dismissed it and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dismissal {
    #[serde(flatten)]
    pub key: SuggestionKey,
    pub by: String,
    pub at: String,
}

#[derive(sqlx::FromRow)]
struct DismissalRow {
    kind: String,
    text: String,
    occurrence: i64,
    by: String,
    at: String,
}

impl Db {
    /// The suggestions dismissed on article `article_id`. A row whose type this build no longer
    /// knows is left out (and left alone).
    pub async fn dismissals(&self, article_id: &str) -> Result<Vec<Dismissal>> {
        let rows: Vec<DismissalRow> = sqlx::query_as(
            "SELECT d.kind, d.text, d.occurrence, r.name AS by, d.dismissed_at AS at
               FROM suggestion_dismissals d JOIN reviewers r ON r.id = d.dismissed_by
              WHERE d.article_id = ? ORDER BY d.dismissed_at, d.kind, d.text, d.occurrence",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let kind: Kind = serde_json::from_value(serde_json::Value::String(row.kind)).ok()?;
                let key = SuggestionKey { kind, text: row.text, occurrence: usize::try_from(row.occurrence).ok()? };
                Some(Dismissal { key, by: row.by, at: row.at })
            })
            .collect())
    }

    /// Remembers that `key` was dismissed on article `article_id` (again: keeps the first time).
    pub async fn dismiss_suggestion(&self, article_id: &str, key: &SuggestionKey, reviewer: &Reviewer) -> Result<()> {
        sqlx::query(
            "INSERT INTO suggestion_dismissals (article_id, kind, text, occurrence, dismissed_by, dismissed_at)
             VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(article_id)
        .bind(kind_key(key.kind))
        .bind(&key.text)
        .bind(super::to_i64(key.occurrence))
        .bind(&reviewer.id)
        .bind(now())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Forgets a dismissal: the suggestion shows again. True when there was one.
    pub async fn restore_suggestion(&self, article_id: &str, key: &SuggestionKey) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM suggestion_dismissals WHERE article_id = ? AND kind = ? AND text = ? AND occurrence = ?",
        )
        .bind(article_id)
        .bind(kind_key(key.kind))
        .bind(&key.text)
        .bind(super::to_i64(key.occurrence))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }
}

/// How a type is stored: as `claimdesk suggest --json` names it.
fn kind_key(kind: Kind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => s,
        // Kind serialises as a plain lowercase string; nothing else can come out.
        _ => format!("{kind:?}").to_lowercase(),
    }
}
