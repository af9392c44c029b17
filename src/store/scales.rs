use super::{now, Db, Reviewer};
use crate::claim::RatingScale;
use crate::error::{Error, Result};

impl Db {
    /// The scales the desk added, oldest first.
    pub async fn added_scales(&self) -> Result<Vec<RatingScale>> {
        let rows: Vec<(String, String)> =
            sqlx::query_as("SELECT key, definition FROM rating_scales ORDER BY added, key").fetch_all(&self.pool).await?;
        rows.into_iter()
            .map(|(key, definition)| {
                serde_json::from_str(&definition).map_err(|e| Error::BadScale { key, why: format!("its stored definition is damaged: {e}") })
            })
            .collect()
    }

    /// Stores a desk scale the caller has checked; a key already stored is refused.
    pub async fn insert_scale(&self, scale: &RatingScale, reviewer: &Reviewer) -> Result<()> {
        let definition = serde_json::to_string(scale).map_err(|e| Error::BadScale { key: scale.key.clone(), why: e.to_string() })?;
        let inserted = sqlx::query(
            "INSERT INTO rating_scales (key, definition, added, added_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING",
        )
        .bind(&scale.key)
        .bind(definition)
        .bind(now())
        .bind(&reviewer.id)
        .execute(&self.pool)
        .await?;
        if inserted.rows_affected() == 0 {
            return Err(Error::ScaleExists(scale.key.clone()));
        }
        Ok(())
    }

    /// Every (claim id, verdict key) given, as a claim's verdict or in a review.
    pub async fn verdicts_in_use(&self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, verdict FROM claims WHERE verdict IS NOT NULL
             UNION SELECT claim_id, verdict FROM claim_reviews",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}
