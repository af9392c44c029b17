use serde::{Deserialize, Serialize};
// Dynamic SQL here is assembled only from constants and `?` placeholders, never from input.
use sqlx::AssertSqlSafe;

use super::{new_id, now, to_i64, to_usize, Db, Reviewer, Version};
use crate::anchor::{AnchorState, Selectors};
use crate::claim::{Claim, ClaimFields, ClaimType, Evidence, Review, Stance, Status};
use crate::error::{Error, Result};

/// Which claims to list. An empty `statuses` means every status; every other `None` selects
/// everything.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    pub article_id: Option<String>,
    pub statuses: Vec<Status>,
    /// Last changed on or after this day (UTC).
    pub since: Option<chrono::NaiveDate>,
    /// Last changed on or before this day (UTC).
    pub until: Option<chrono::NaiveDate>,
    /// Made by this reviewer, or given an independent verdict by them.
    pub reviewer: Option<String>,
    /// Carrying this tag.
    pub tag: Option<String>,
}

impl ClaimFilter {
    /// The filter as a ` WHERE …` clause on `claims c` (empty when it selects everything) and the
    /// values for its `?` placeholders, in order.
    pub(super) fn to_sql(&self) -> (String, Vec<String>) {
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        if let Some(article_id) = &self.article_id {
            conditions.push("c.article_id = ?".to_string());
            values.push(article_id.clone());
        }
        if !self.statuses.is_empty() {
            let marks = vec!["?"; self.statuses.len()].join(", ");
            conditions.push(format!("c.status IN ({marks})"));
            values.extend(self.statuses.iter().map(|s| s.key().to_string()));
        }
        // Stored timestamps are RFC 3339 UTC, so their first ten characters are the UTC day.
        if let Some(day) = self.since {
            conditions.push("substr(c.modified, 1, 10) >= ?".to_string());
            values.push(day.format("%Y-%m-%d").to_string());
        }
        if let Some(day) = self.until {
            conditions.push("substr(c.modified, 1, 10) <= ?".to_string());
            values.push(day.format("%Y-%m-%d").to_string());
        }
        if let Some(name) = &self.reviewer {
            conditions.push(
                "EXISTS (SELECT 1 FROM reviewers r WHERE r.name = ?
                          AND (r.id = c.created_by OR r.id IN (SELECT reviewer_id FROM claim_reviews WHERE claim_id = c.id)))"
                    .to_string(),
            );
            values.push(name.clone());
        }
        if let Some(tag) = &self.tag {
            conditions.push("c.id IN (SELECT claim_id FROM claim_tags WHERE tag = ?)".to_string());
            values.push(tag.clone());
        }
        if conditions.is_empty() {
            return (String::new(), values);
        }
        (format!(" WHERE {}", conditions.join(" AND ")), values)
    }
}

/// One change to one field of a claim. `field` is the Claim JSON key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct HistoryEntry {
    pub at: String,
    pub reviewer: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
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
    reviewer: String,
    modified_by: String,
    created: String,
    modified: String,
    anchor_state: String,
    previous_quote: Option<String>,
    kept_on_version: bool,
    /// JSON, see [`Claim::value`].
    value: Option<String>,
    #[sqlx(flatten)]
    fields: Editable,
}

impl ClaimRow {
    fn into_claim(self) -> Result<Claim> {
        let f = self.fields;
        Ok(Claim {
            status: Status::parse(&f.status)?,
            claim_type: f.claim_type.as_deref().map(ClaimType::parse).transpose()?,
            id: self.id,
            article_id: self.article_id,
            version: u32::try_from(self.version).unwrap_or(0),
            start: to_usize(self.start),
            end: to_usize(self.end),
            quote: self.quote,
            prefix: self.prefix,
            suffix: self.suffix,
            claimant: f.claimant,
            verdict: f.verdict,
            note: f.note,
            reviewer: self.reviewer,
            modified_by: self.modified_by,
            created: self.created,
            modified: self.modified,
            statement: f.statement,
            claimant_role: f.claimant_role,
            claimant_url: f.claimant_url,
            rationale: f.rationale,
            assignee: f.assignee,
            tags: Vec::new(),
            evidence: Vec::new(),
            reviews: Vec::new(),
            anchor_state: AnchorState::parse(&self.anchor_state)?,
            previous_quote: self.previous_quote,
            kept_on_version: self.kept_on_version,
            // The column only takes valid JSON (a CHECK in its migration).
            value: self.value.as_deref().and_then(|v| serde_json::from_str(v).ok()),
        })
    }
}

/// The fields a reviewer edits one value at a time, as stored (the assignee by name).
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow)]
struct Editable {
    claimant: Option<String>,
    claimant_role: Option<String>,
    claimant_url: Option<String>,
    verdict: Option<String>,
    status: String,
    note: Option<String>,
    statement: Option<String>,
    claim_type: Option<String>,
    rationale: Option<String>,
    assignee: Option<String>,
}

/// The editable columns, for SELECTs that read an [`Editable`] (`c` is claims, `asg` the
/// assignee's reviewer row).
const EDITABLE_COLUMNS: &str = "c.claimant, c.claimant_role, c.claimant_url, c.verdict, c.status, c.note,
        c.statement, c.claim_type, c.rationale, asg.name AS assignee";

pub(super) const CLAIM_FROM: &str = "FROM claims c
   JOIN article_versions v ON v.id = c.version_id
   JOIN reviewers cr ON cr.id = c.created_by
   JOIN reviewers mr ON mr.id = c.modified_by
   LEFT JOIN reviewers asg ON asg.id = c.assignee_id";

fn claim_select() -> String {
    format!(
        r#"SELECT c.id, c.article_id, v.number AS version, c.start, c."end", c.quote, c.prefix, c.suffix,
        cr.name AS reviewer, mr.name AS modified_by, c.created, c.modified,
        c.anchor_state, c.previous_quote, c.kept_on_version, c.value, {EDITABLE_COLUMNS}
   {CLAIM_FROM}"#
    )
}

/// A text field as stored: trimmed, and an empty or blank value clears it.
fn cleared(value: String) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Notes and rationales keep their inner layout; only a blank one is cleared.
fn cleared_text(value: String) -> Option<String> {
    (!value.trim().is_empty()).then_some(value)
}

pub(super) type Change = (&'static str, Option<String>, Option<String>);

impl Editable {
    /// The values after `fields` are applied: a missing field stays, a blank one is cleared.
    fn apply(mut self, fields: &ClaimFields) -> Editable {
        let set = |slot: &mut Option<String>, value: &Option<String>| {
            if let Some(v) = value {
                *slot = cleared(v.clone());
            }
        };
        set(&mut self.claimant, &fields.claimant);
        set(&mut self.claimant_role, &fields.claimant_role);
        set(&mut self.claimant_url, &fields.claimant_url);
        set(&mut self.verdict, &fields.verdict);
        set(&mut self.statement, &fields.statement);
        set(&mut self.claim_type, &fields.claim_type);
        set(&mut self.assignee, &fields.assignee);
        if let Some(note) = &fields.note {
            self.note = cleared_text(note.clone());
        }
        if let Some(rationale) = &fields.rationale {
            self.rationale = cleared_text(rationale.clone());
        }
        if let Some(status) = fields.status {
            self.status = status.key().to_string();
        }
        self
    }

    /// The fields that differ from `self` to `next`, as (Claim JSON key, old, new).
    fn changes(&self, next: &Editable) -> Vec<Change> {
        let status = |s: &str| (!s.is_empty()).then(|| s.to_string());
        [
            ("claimant", self.claimant.clone(), next.claimant.clone()),
            ("claimant_role", self.claimant_role.clone(), next.claimant_role.clone()),
            ("claimant_url", self.claimant_url.clone(), next.claimant_url.clone()),
            ("verdict", self.verdict.clone(), next.verdict.clone()),
            ("status", status(&self.status), status(&next.status)),
            ("note", self.note.clone(), next.note.clone()),
            ("statement", self.statement.clone(), next.statement.clone()),
            ("type", self.claim_type.clone(), next.claim_type.clone()),
            ("rationale", self.rationale.clone(), next.rationale.clone()),
            ("assignee", self.assignee.clone(), next.assignee.clone()),
        ]
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .collect()
    }
}

#[derive(sqlx::FromRow)]
struct EvidenceRow {
    claim_id: String,
    url: String,
    title: Option<String>,
    publisher: Option<String>,
    accessed: String,
    quote: Option<String>,
    stance: Option<String>,
    added: String,
    added_by: String,
}

impl Db {
    /// Stores a new claim on `version` at the span `selectors` describes, with its initial values
    /// in the history, in one transaction. The caller has checked the fields (verdict on the
    /// scale, starting status, URLs) and created the assignee.
    pub async fn insert_claim(
        &self,
        version: &Version,
        selectors: &Selectors,
        fields: ClaimFields,
        reviewer: &Reviewer,
    ) -> Result<Claim> {
        let id = new_id();
        let now = now();
        let status = fields.status.unwrap_or(Status::Draft);
        let initial = Editable::default().apply(&ClaimFields { status: Some(status), ..fields.clone() });
        // IMMEDIATE, like every write transaction here: the write lock is taken up front, waiting
        // out another writer for the busy timeout. A deferred one that read before its first write
        // would fail there at once with "database is locked" (SQLITE_BUSY_SNAPSHOT) whenever
        // another process committed in between; this one writes first today, but need not stay so.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            r#"INSERT INTO claims (id, article_id, version_id, start, "end", quote, prefix, suffix, status,
                   created, created_by, modified, modified_by, value)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"#,
        )
        .bind(&id)
        .bind(&version.article_id)
        .bind(&version.id)
        .bind(to_i64(selectors.position.start))
        .bind(to_i64(selectors.position.end))
        .bind(&selectors.quote.exact)
        .bind(&selectors.quote.prefix)
        .bind(&selectors.quote.suffix)
        .bind(&initial.status)
        .bind(&now)
        .bind(&reviewer.id)
        .bind(&now)
        .bind(&reviewer.id)
        .bind(fields.value.as_ref().map(|v| v.to_string()))
        .execute(&mut *tx)
        .await?;
        write_editable(&mut tx, &id, &initial, &now, reviewer).await?;
        let mut changes = Editable::default().changes(&initial);
        changes.extend(write_collections(&mut tx, &id, &fields, &now, reviewer).await?);
        record(&mut tx, &id, &now, reviewer, changes).await?;
        tx.commit().await?;
        self.claim(&id).await
    }

    pub async fn claim(&self, id: &str) -> Result<Claim> {
        let sql = format!("{} WHERE c.id = ?", claim_select());
        let row: Option<ClaimRow> = sqlx::query_as(AssertSqlSafe(sql)).bind(id).fetch_optional(&self.pool).await?;
        let claim = row.ok_or_else(|| Error::ClaimNotFound(id.to_string()))?.into_claim()?;
        Ok(self.attach(vec![claim]).await?.remove(0))
    }

    /// Claims in text order within each article.
    pub async fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let (conditions, values) = filter.to_sql();
        let sql = format!(r#"{}{conditions} ORDER BY c.article_id, c.start, c."end", c.created, c.id"#, claim_select());
        let mut query = sqlx::query_as::<_, ClaimRow>(AssertSqlSafe(sql));
        for value in values {
            query = query.bind(value);
        }
        let claims = query.fetch_all(&self.pool).await?.into_iter().map(ClaimRow::into_claim).collect::<Result<_>>()?;
        self.attach(claims).await
    }

    /// Fills in the tags, evidence and reviews of `claims`: three queries, whatever the number of
    /// claims.
    async fn attach(&self, mut claims: Vec<Claim>) -> Result<Vec<Claim>> {
        if claims.is_empty() {
            return Ok(claims);
        }
        let ids = serde_json::to_string(&claims.iter().map(|c| c.id.as_str()).collect::<Vec<_>>()).unwrap_or_default();
        let tags: Vec<(String, String)> = sqlx::query_as(
            "SELECT claim_id, tag FROM claim_tags WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY claim_id, tag",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        let evidence: Vec<EvidenceRow> = sqlx::query_as(
            "SELECT e.claim_id, e.url, e.title, e.publisher, e.accessed, e.quote, e.stance, e.added, r.name AS added_by
               FROM evidence e JOIN reviewers r ON r.id = e.added_by
              WHERE e.claim_id IN (SELECT value FROM json_each(?)) ORDER BY e.claim_id, e.added, e.rowid",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        let reviews: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT cr.claim_id, r.name, cr.verdict, cr.note, cr.at FROM claim_reviews cr JOIN reviewers r ON r.id = cr.reviewer_id
              WHERE cr.claim_id IN (SELECT value FROM json_each(?)) ORDER BY cr.claim_id, cr.at, r.name",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        let index: std::collections::HashMap<String, usize> =
            claims.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        for (claim_id, tag) in tags {
            if let Some(&i) = index.get(&claim_id) {
                claims[i].tags.push(tag);
            }
        }
        for e in evidence {
            if let Some(&i) = index.get(&e.claim_id) {
                claims[i].evidence.push(Evidence {
                    stance: e.stance.as_deref().map(Stance::parse).transpose()?,
                    url: e.url,
                    title: e.title,
                    publisher: e.publisher,
                    accessed: e.accessed,
                    quote: e.quote,
                    added: e.added,
                    added_by: e.added_by,
                });
            }
        }
        for (claim_id, reviewer, verdict, note, at) in reviews {
            if let Some(&i) = index.get(&claim_id) {
                claims[i].reviews.push(Review { reviewer, verdict, note, at });
            }
        }
        Ok(claims)
    }

    /// Stores `reviewer`'s independent verdict on a claim (replacing theirs, if they gave one) and
    /// records it in the claim's history as `reviews`. The claim's author cannot review it: their
    /// verdict is the claim's own. The caller has checked the verdict against the scale.
    pub async fn review_claim(&self, id: &str, verdict: &str, note: Option<String>, reviewer: &Reviewer) -> Result<Claim> {
        let note = note.and_then(cleared_text);
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let author: Option<String> =
            sqlx::query_scalar("SELECT created_by FROM claims WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
        match author {
            None => return Err(Error::ClaimNotFound(id.to_string())),
            Some(author) if author == reviewer.id => {
                return Err(Error::OwnClaimReview { claim_id: id.to_string(), reviewer: reviewer.name.clone() })
            }
            Some(_) => {}
        }
        let before: Option<(String, Option<String>)> =
            sqlx::query_as("SELECT verdict, note FROM claim_reviews WHERE claim_id = ? AND reviewer_id = ?")
                .bind(id)
                .bind(&reviewer.id)
                .fetch_optional(&mut *tx)
                .await?;
        let describe = |verdict: &str, note: &Option<String>| match note {
            Some(note) => format!("{}: {verdict} — {note}", reviewer.name),
            None => format!("{}: {verdict}", reviewer.name),
        };
        let old = before.map(|(v, n)| describe(&v, &n));
        let new = describe(verdict, &note);
        if old.as_deref() == Some(new.as_str()) {
            tx.rollback().await?;
            return self.claim(id).await;
        }
        let now = now();
        sqlx::query(
            "INSERT INTO claim_reviews (claim_id, reviewer_id, verdict, note, at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (claim_id, reviewer_id) DO UPDATE SET verdict = excluded.verdict, note = excluded.note, at = excluded.at",
        )
        .bind(id)
        .bind(&reviewer.id)
        .bind(verdict)
        .bind(&note)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        record(&mut tx, id, &now, reviewer, vec![("reviews", old, Some(new))]).await?;
        tx.commit().await?;
        self.claim(id).await
    }

    /// Applies a change to a claim and records each changed field in its history, in one write
    /// transaction: the status move is checked against the workflow inside it, so two writers
    /// cannot both move a claim from the same status. A change that changes nothing writes
    /// nothing. The caller has checked the fields and created the assignee.
    pub async fn update_claim(&self, id: &str, fields: ClaimFields, reviewer: &Reviewer) -> Result<Claim> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let sql = format!("SELECT {EDITABLE_COLUMNS} FROM claims c LEFT JOIN reviewers asg ON asg.id = c.assignee_id WHERE c.id = ?");
        let current: Option<Editable> = sqlx::query_as(AssertSqlSafe(sql)).bind(id).fetch_optional(&mut *tx).await?;
        let current = current.ok_or_else(|| Error::ClaimNotFound(id.to_string()))?;
        if let Some(to) = fields.status {
            Status::parse(&current.status)?.check_move(to)?;
        }
        let next = current.clone().apply(&fields);
        let now = now();
        let mut changes = current.changes(&next);
        if !changes.is_empty() {
            write_editable(&mut tx, id, &next, &now, reviewer).await?;
        }
        changes.extend(write_collections(&mut tx, id, &fields, &now, reviewer).await?);
        if changes.is_empty() {
            tx.rollback().await?;
            return self.claim(id).await;
        }
        sqlx::query("UPDATE claims SET modified = ?, modified_by = ? WHERE id = ?")
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

pub(super) type Tx<'a> = sqlx::Transaction<'a, sqlx::Sqlite>;

/// Stores the one-value fields (the assignee by name: the caller has created that reviewer).
async fn write_editable(tx: &mut Tx<'_>, id: &str, e: &Editable, now: &str, reviewer: &Reviewer) -> Result<()> {
    sqlx::query(
        "UPDATE claims SET claimant = ?, claimant_role = ?, claimant_url = ?, verdict = ?, status = ?, note = ?,
             statement = ?, claim_type = ?, rationale = ?,
             assignee_id = (SELECT id FROM reviewers WHERE name = ?),
             modified = ?, modified_by = ?
         WHERE id = ?",
    )
    .bind(&e.claimant)
    .bind(&e.claimant_role)
    .bind(&e.claimant_url)
    .bind(&e.verdict)
    .bind(&e.status)
    .bind(&e.note)
    .bind(&e.statement)
    .bind(&e.claim_type)
    .bind(&e.rationale)
    .bind(&e.assignee)
    .bind(now)
    .bind(&reviewer.id)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds and removes tags and adds evidence; returns the changes for the history (`tags` as the
/// sorted list before and after, `evidence` as the URL added).
async fn write_collections(
    tx: &mut Tx<'_>,
    id: &str,
    fields: &ClaimFields,
    now: &str,
    reviewer: &Reviewer,
) -> Result<Vec<Change>> {
    let mut changes = Vec::new();
    if !fields.add_tags.is_empty() || !fields.remove_tags.is_empty() {
        let before: Vec<String> = sqlx::query_scalar("SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        for tag in fields.add_tags.iter().filter_map(|t| cleared(t.clone())) {
            sqlx::query("INSERT INTO claim_tags (claim_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(tag)
                .execute(&mut **tx)
                .await?;
        }
        for tag in fields.remove_tags.iter().filter_map(|t| cleared(t.clone())) {
            sqlx::query("DELETE FROM claim_tags WHERE claim_id = ? AND tag = ?").bind(id).bind(tag).execute(&mut **tx).await?;
        }
        let after: Vec<String> = sqlx::query_scalar("SELECT tag FROM claim_tags WHERE claim_id = ? ORDER BY tag")
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
        if before != after {
            let list = |tags: Vec<String>| (!tags.is_empty()).then(|| tags.join(", "));
            changes.push(("tags", list(before), list(after)));
        }
    }
    if let Some(e) = &fields.add_evidence {
        let accessed = e.accessed.clone().unwrap_or_else(|| now.chars().take(10).collect());
        sqlx::query(
            "INSERT INTO evidence (id, claim_id, url, title, publisher, accessed, quote, stance, added, added_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(id)
        .bind(e.url.trim())
        .bind(e.title.clone().and_then(cleared))
        .bind(e.publisher.clone().and_then(cleared))
        .bind(accessed)
        .bind(e.quote.clone().and_then(cleared_text))
        .bind(e.stance.map(Stance::key))
        .bind(now)
        .bind(&reviewer.id)
        .execute(&mut **tx)
        .await?;
        changes.push(("evidence", None, Some(e.url.trim().to_string())));
    }
    Ok(changes)
}

/// Appends changes to a claim's history inside the caller's transaction.
pub(super) async fn record(tx: &mut Tx<'_>, claim_id: &str, at: &str, reviewer: &Reviewer, changes: Vec<Change>) -> Result<()> {
    for (field, old, new) in changes {
        append_entry(tx, claim_id, at, &reviewer.id, field, old.as_deref(), new.as_deref()).await?;
    }
    Ok(())
}

/// Appends one entry to a claim's history inside the caller's transaction.
pub(super) async fn append_entry(
    tx: &mut Tx<'_>,
    claim_id: &str,
    at: &str,
    reviewer_id: &str,
    field: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO claim_history (claim_id, at, reviewer_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(claim_id)
        .bind(at)
        .bind(reviewer_id)
        .bind(field)
        .bind(old)
        .bind(new)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
