use serde::{Deserialize, Serialize};

use super::{new_id, now, Db};
use crate::claim::is_colour;
use crate::error::{Error, Result};

/// Someone who makes and reviews claims. Names are unique, like git authors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reviewer {
    pub id: String,
    pub name: String,
    /// What the app shows in badges; chosen, or derived from the name.
    pub initials: String,
    /// `#rrggbb`, chosen or derived from the name, so each reviewer keeps one colour everywhere.
    pub colour: String,
    pub created: String,
}

#[derive(sqlx::FromRow)]
struct ReviewerRow {
    id: String,
    name: String,
    initials: Option<String>,
    colour: Option<String>,
    created: String,
}

impl From<ReviewerRow> for Reviewer {
    fn from(row: ReviewerRow) -> Reviewer {
        Reviewer {
            initials: row.initials.unwrap_or_else(|| initials_of(&row.name)),
            colour: row.colour.unwrap_or_else(|| colour_of(&row.name)),
            id: row.id,
            name: row.name,
            created: row.created,
        }
    }
}

/// What a reviewer chooses for their profile; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub initials: Option<String>,
    pub colour: Option<String>,
}

/// "Awa Traoré" → "AT", "Jean-Marc" → "J": the first letters of the first and last words.
pub fn initials_of(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    match words.as_slice() {
        [] => String::new(),
        [one] => first(one),
        [head, .., last] => first(head) + &first(last),
    }
}

/// Colours far enough apart to tell reviewers apart, and dark enough for white initials.
const PALETTE: [&str; 10] =
    ["#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#2e7d32", "#4527a0", "#d84315", "#37474f", "#0277bd", "#558b2f"];

/// A stable colour for a name (FNV-1a over its bytes picks from the palette).
pub fn colour_of(name: &str) -> String {
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    PALETTE[(hash % PALETTE.len() as u64) as usize].to_string()
}

const REVIEWER_COLUMNS: &str = "SELECT id, name, initials, colour, created FROM reviewers";

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
        let row: ReviewerRow = sqlx::query_as(sqlx::AssertSqlSafe(format!("{REVIEWER_COLUMNS} WHERE name = ?")))
            .bind(name)
            .fetch_one(&self.pool)
            .await?;
        Ok(row.into())
    }

    /// Creates the reviewer `name` if needed and sets the parts of their profile given.
    pub async fn set_profile(&self, name: &str, profile: &Profile) -> Result<Reviewer> {
        // Checked as stored: some letters grow when uppercased ("ß" → "SS").
        let initials = profile.initials.as_deref().map(|i| i.trim().to_uppercase());
        let initials = initials.as_deref();
        if let Some(i) = initials
            && (i.is_empty() || i.chars().count() > 3 || !i.chars().all(char::is_alphanumeric))
        {
            return Err(Error::BadProfile { what: "initials", value: i.into(), why: "use one to three letters or digits" });
        }
        let colour = profile.colour.as_deref().map(|c| c.trim().to_lowercase());
        if let Some(c) = &colour
            && !is_colour(c)
        {
            return Err(Error::BadProfile { what: "colour", value: c.clone(), why: "write it as #rrggbb, e.g. #1565c0" });
        }
        let reviewer = self.reviewer(name).await?;
        sqlx::query("UPDATE reviewers SET initials = coalesce(?, initials), colour = coalesce(?, colour) WHERE id = ?")
            .bind(initials)
            .bind(colour)
            .bind(&reviewer.id)
            .execute(&self.pool)
            .await?;
        self.reviewer(name).await
    }

    /// Every reviewer, by name.
    pub async fn reviewers(&self) -> Result<Vec<Reviewer>> {
        let rows: Vec<ReviewerRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!("{REVIEWER_COLUMNS} ORDER BY name")))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(Reviewer::from).collect())
    }

    /// The reviewers with these names, by name.
    pub async fn reviewers_named(&self, names: &[String]) -> Result<Vec<Reviewer>> {
        let mut found: Vec<Reviewer> = self.reviewers().await?.into_iter().filter(|r| names.contains(&r.name)).collect();
        found.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_come_from_the_first_and_last_words() {
        assert_eq!(initials_of("Awa Traoré"), "AT");
        assert_eq!(initials_of("jean-marc"), "J");
        assert_eq!(initials_of("Marie Claire de la Tour"), "MT");
        assert_eq!(initials_of("élodie ndiaye"), "ÉN");
    }

    #[test]
    fn a_name_keeps_its_colour() {
        assert_eq!(colour_of("Awa Traoré"), colour_of("Awa Traoré"));
        assert!(is_colour(&colour_of("x")));
    }
}
