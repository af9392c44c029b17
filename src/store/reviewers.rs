use serde::Serialize;

use super::{new_id, now, Db};
use crate::error::{Error, Result};

/// Someone who makes and reviews claims. Names are unique, like git authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Reviewer {
    pub id: String,
    pub name: String,
    pub created: String,
}

impl Db {
    /// The reviewer called `name`, created on first use.
    pub async fn reviewer(&self, name: &str) -> Result<Reviewer> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::EmptyReviewer);
        }
        sqlx::query("INSERT INTO reviewers (id, name, created) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")
            .bind(new_id())
            .bind(name)
            .bind(now())
            .execute(&self.pool)
            .await?;
        Ok(sqlx::query_as("SELECT id, name, created FROM reviewers WHERE name = ?")
            .bind(name)
            .fetch_one(&self.pool)
            .await?)
    }

    /// The reviewers with these names, by name.
    pub async fn reviewers_named(&self, names: &[String]) -> Result<Vec<Reviewer>> {
        let mut found = Vec::with_capacity(names.len());
        for name in names {
            let r: Option<Reviewer> = sqlx::query_as("SELECT id, name, created FROM reviewers WHERE name = ?")
                .bind(name)
                .fetch_optional(&self.pool)
                .await?;
            found.extend(r);
        }
        found.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(found)
    }
}
