//! Claim sets between desks: what the native export reads in bulk (every version of an article
//! with its text, the history of many claims at once) and the merge of an imported document.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
// Dynamic SQL here is assembled only from constants, never from input.
use sqlx::AssertSqlSafe;

use super::claims::{append_entry, Tx, CLAIM_FROM};
use super::{new_id, now, to_i64, ClaimFilter, Db, HistoryEntry, Reviewer};
use crate::claim::Claim;
use crate::error::{Error, Result};
use crate::export::json::{Document, ExportedArticle, ExportedClaim};

/// One stored version of an article as the native format carries it: its metadata and canonical
/// text, but not the original bytes (the snapshot stays on the desk that imported it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ExportedVersion {
    pub number: i64,
    /// Hex SHA-256 of the original bytes.
    pub sha256: String,
    /// `html` or `text`: what the original was.
    pub kind: String,
    pub charset: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub language: Option<String>,
    pub url: Option<String>,
    /// For a downloaded page: when, and from which address after redirects.
    pub fetched: Option<String>,
    pub fetched_url: Option<String>,
    pub imported: String,
    pub imported_by: String,
    pub text: String,
}

/// What [`Db::exported_claims`] reads of each claim besides its own columns. The lists and the
/// history are most of the work of a large export (a correlated subquery per claim each), and
/// several formats show none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimParts {
    /// Tags, evidence and independent verdicts; left empty when false.
    pub lists: bool,
    /// The history; left empty when false.
    pub history: bool,
}

impl ClaimParts {
    pub const ALL: ClaimParts = ClaimParts { lists: true, history: true };
}

/// Each claim as two JSON values, the Claim JSON and its history, built by SQLite: moving a claim's tags, evidence, verdicts and history from SQLite to Rust row by row
/// (hundreds of thousands of rows in a large export) costs more than parsing one JSON value per
/// claim. The parts are built as JSONB (SQLite's binary JSON) and turned into text once.
const EXPORTED_CLAIM: &str = r#"SELECT json(jsonb_object(
        'id', c.id, 'article_id', c.article_id, 'version', v.number, 'start', c.start, 'end', c."end",
        'quote', c.quote, 'prefix', c.prefix, 'suffix', c.suffix, 'claimant', c.claimant, 'verdict', c.verdict,
        'status', c.status, 'note', c.note, 'reviewer', cr.name, 'modified_by', mr.name,
        'created', c.created, 'modified', c.modified, 'statement', c.statement, 'type', c.claim_type,
        'claimant_role', c.claimant_role, 'claimant_url', c.claimant_url, 'rationale', c.rationale,
        'assignee', asg.name, 'anchor_state', c.anchor_state, 'previous_quote', c.previous_quote,
        'kept_on_version', jsonb(CASE WHEN c.kept_on_version THEN 'true' ELSE 'false' END),
        'value', jsonb(c.value),
        {LISTS})), {HISTORY}
    {CLAIM_FROM}{WHERE} ORDER BY c.article_id, c.start, c."end", c.created, c.id"#;

const LISTS: &str = r#"'tags', (SELECT jsonb_group_array(t.tag ORDER BY t.tag) FROM claim_tags t WHERE t.claim_id = c.id),
        'evidence', (SELECT jsonb_group_array(jsonb_object(
                'url', e.url, 'title', e.title, 'publisher', e.publisher, 'accessed', e.accessed, 'quote', e.quote,
                'stance', e.stance, 'added', e.added, 'added_by', er.name) ORDER BY e.added, e.rowid)
            FROM evidence e JOIN reviewers er ON er.id = e.added_by WHERE e.claim_id = c.id),
        'reviews', (SELECT jsonb_group_array(jsonb_object('reviewer', rr.name, 'verdict', r.verdict, 'note', r.note, 'at', r.at)
                ORDER BY r.at, rr.name)
            FROM claim_reviews r JOIN reviewers rr ON rr.id = r.reviewer_id WHERE r.claim_id = c.id)"#;

const NO_LISTS: &str = "'tags', jsonb_array(), 'evidence', jsonb_array(), 'reviews', jsonb_array()";

const HISTORY: &str = r#"json((SELECT jsonb_group_array(jsonb_object('at', h.at, 'reviewer', hr.name, 'field', h.field, 'old', h.old, 'new', h.new)
                ORDER BY h.id)
            FROM claim_history h JOIN reviewers hr ON hr.id = h.reviewer_id WHERE h.claim_id = c.id))"#;

const NO_HISTORY: &str = "'[]'";

impl Db {
    /// The claims `filter` selects, in the order [`Db::claims`] lists them, with the `parts` asked
    /// for (the others left empty).
    pub async fn exported_claims(&self, filter: &ClaimFilter, parts: ClaimParts) -> Result<Vec<ExportedClaim>> {
        let (conditions, values) = filter.to_sql();
        let sql = EXPORTED_CLAIM
            .replace("{LISTS}", if parts.lists { LISTS } else { NO_LISTS })
            .replace("{HISTORY}", if parts.history { HISTORY } else { NO_HISTORY })
            // Walk the claims in article and text order through their index: sorting 100,000
            // built JSON values instead spills to a temporary file and costs more than the rest.
            .replace("{CLAIM_FROM}", &CLAIM_FROM.replace("FROM claims c", "FROM claims c INDEXED BY claims_by_article"))
            .replace("{WHERE}", &conditions);
        let mut query = sqlx::query_as::<_, (String, String)>(AssertSqlSafe(sql));
        for value in values {
            query = query.bind(value);
        }
        let rows = query.fetch_all(&self.pool).await?;
        // The JSON is built above from stored values; one that does not parse (an unknown status
        // written by some other program) is reported, not skipped.
        let unreadable = |e: serde_json::Error| Error::UnreadableClaim(e.to_string());
        rows.iter()
            .map(|(claim, history)| {
                Ok(ExportedClaim { claim: serde_json::from_str(claim).map_err(unreadable)?, history: serde_json::from_str(history).map_err(unreadable)? })
            })
            .collect()
    }

    /// Every version of an article, oldest first, with its text.
    pub async fn exported_versions(&self, article_id: &str) -> Result<Vec<ExportedVersion>> {
        Ok(sqlx::query_as(
            "SELECT v.number, v.sha256, v.kind, v.charset, v.title, v.byline, v.publisher, v.published, v.modified,
                    v.language, v.url, v.fetched, v.fetched_url, v.imported, r.name AS imported_by, v.text
               FROM article_versions v JOIN reviewers r ON r.id = v.imported_by
              WHERE v.article_id = ? ORDER BY v.number",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// When an article was first stored.
    pub async fn article_created(&self, article_id: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT created FROM articles WHERE id = ?").bind(article_id).fetch_optional(&self.pool).await?)
    }

    /// The history of each of `claim_ids`, oldest change first: one query, whatever their number.
    pub async fn histories(&self, claim_ids: &[&str]) -> Result<HashMap<String, Vec<HistoryEntry>>> {
        let ids = serde_json::to_string(claim_ids).unwrap_or_default();
        let rows: Vec<(String, String, String, String, Option<String>, Option<String>)> = sqlx::query_as(
            "SELECT h.claim_id, h.at, r.name, h.field, h.old, h.new
               FROM claim_history h JOIN reviewers r ON r.id = h.reviewer_id
              WHERE h.claim_id IN (SELECT value FROM json_each(?)) ORDER BY h.claim_id, h.id",
        )
        .bind(ids)
        .fetch_all(&self.pool)
        .await?;
        let mut by_claim: HashMap<String, Vec<HistoryEntry>> = HashMap::new();
        for (claim_id, at, reviewer, field, old, new) in rows {
            by_claim.entry(claim_id).or_default().push(HistoryEntry { at, reviewer, field, old, new });
        }
        Ok(by_claim)
    }
}

/// What importing a native document did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub reviewers_created: usize,
    pub articles_created: usize,
    pub versions_added: usize,
    pub claims_created: usize,
    /// Claims the file had a newer version of.
    pub claims_updated: usize,
    pub claims_unchanged: usize,
    /// From a Web Annotation file: claims this desk already holds, left as they are (the format
    /// carries only part of a claim; merge changes through the native format).
    pub claims_skipped: usize,
    /// Claims changed both here and in the file: the newer `modified` won, the other side's
    /// values are in the claim's history.
    pub conflicts: Vec<Conflict>,
}

/// A claim both sides changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub claim_id: String,
    /// `file` or `desk`: whose version the claim now has.
    pub kept: &'static str,
    /// The Claim keys whose values differed.
    pub fields: Vec<String>,
}

/// The keys the history does not track: they change with every change, or never.
const UNTRACKED: [&str; 4] = ["id", "modified", "modified_by", "created"];

impl Db {
    /// Merges a native document into the desk, in one transaction (all or nothing): missing
    /// reviewers and articles are created (an article also when this desk has the same page under
    /// another id: its versions are matched by SHA-256); claims match by id; for a claim both
    /// sides hold, the newer `modified` wins and the other side's differing values are appended
    /// to its history, recorded under `importer`. Nothing else is recorded, so importing the same
    /// file twice changes nothing the second time.
    pub async fn import_document(&self, doc: &Document, importer: &Reviewer) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        // Read what the desk holds of the file's claims first: the comparisons need whole claims.
        let mut local: HashMap<String, ExportedClaim> = HashMap::new();
        let ids: Vec<&str> = doc.claims.iter().map(|c| c.claim.id.as_str()).collect();
        let present: Vec<String> = sqlx::query_scalar("SELECT id FROM claims WHERE id IN (SELECT value FROM json_each(?))")
            .bind(serde_json::to_string(&ids).unwrap_or_default())
            .fetch_all(&self.pool)
            .await?;
        let present: Vec<&str> = present.iter().map(String::as_str).collect();
        let mut histories = self.histories(&present).await?;
        for id in present {
            let history = histories.remove(id).unwrap_or_default();
            local.insert(id.to_string(), ExportedClaim { claim: self.claim(id).await?, history });
        }
        let now = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let people = reviewers(&mut tx, doc, &mut report).await?;
        let person = |name: &str| -> Result<String> {
            people.get(name).cloned().ok_or_else(|| Error::ImportInvalid(format!("the reviewer {name:?} is not in the file")))
        };
        let mut places: HashMap<(String, i64), Place> = HashMap::new();
        for article in &doc.articles {
            let mapped = article_versions(&mut tx, article, &person, &mut report).await?;
            for (number, place) in mapped {
                places.insert((article.article.id.clone().unwrap_or_default(), number), place);
            }
        }
        for incoming in &doc.claims {
            let claim = &incoming.claim;
            let place = places.get(&(claim.article_id.clone(), i64::from(claim.version))).ok_or_else(|| {
                Error::ImportInvalid(format!(
                    "claim {} refers to version {} of article {}, which the file does not hold",
                    claim.id, claim.version, claim.article_id
                ))
            })?;
            check_span(claim, &place.text)?;
            let mut claim = claim.clone();
            claim.article_id = place.article_id.clone();
            match local.get(&claim.id) {
                None => {
                    insert_claim(&mut tx, &claim, &place.version_id, &person).await?;
                    append_history(&mut tx, &claim.id, &incoming.history, &[], &person).await?;
                    report.claims_created += 1;
                }
                Some(here) => {
                    // The histories tell who changed what since the two sides parted: entries only
                    // the file has are changes made there, entries only the desk has changes
                    // made here.
                    let changed_here = here.history.iter().any(|e| !incoming.history.contains(e));
                    let changed_there = incoming.history.iter().any(|e| !here.history.contains(e));
                    append_history(&mut tx, &claim.id, &incoming.history, &here.history, &person).await?;
                    let differences = differences(&here.claim, &claim);
                    if differences.is_empty() || !changed_there {
                        // The same claim, or the file is behind the desk: only its missing history
                        // entries (if any) were needed.
                        report.claims_unchanged += usize::from(!changed_there);
                        report.claims_updated += usize::from(changed_there);
                        continue;
                    }
                    if !changed_here {
                        // The file is ahead of the desk: take its version.
                        delete_parts(&mut tx, &claim.id).await?;
                        insert_claim(&mut tx, &claim, &place.version_id, &person).await?;
                        report.claims_updated += 1;
                        continue;
                    }
                    let file_wins = claim.modified > here.claim.modified;
                    let (winner, loser) = if file_wins { (&claim, &here.claim) } else { (&here.claim, &claim) };
                    if file_wins {
                        delete_parts(&mut tx, &claim.id).await?;
                        insert_claim(&mut tx, &claim, &place.version_id, &person).await?;
                    }
                    // The losing side's values, each as a change to the winning value.
                    let changes: Vec<(String, Option<String>, Option<String>)> = differences
                        .iter()
                        .map(|key| (key.clone(), field_text(loser, key), field_text(winner, key)))
                        .collect();
                    for (field, old, new) in &changes {
                        append_entry(&mut tx, &claim.id, &now, &importer.id, field, old.as_deref(), new.as_deref()).await?;
                    }
                    if file_wins {
                        report.claims_updated += 1;
                    }
                    report.conflicts.push(Conflict {
                        claim_id: claim.id.clone(),
                        kept: if file_wins { "file" } else { "desk" },
                        fields: differences,
                    });
                }
            }
        }
        tx.commit().await?;
        Ok(report)
    }
}

/// Where a claim's version is on this desk.
struct Place {
    article_id: String,
    version_id: String,
    text: String,
}

/// The desk's id for every reviewer the file names, creating the missing ones (with the file's
/// id, date and profile when it has them).
async fn reviewers(tx: &mut Tx<'_>, doc: &Document, report: &mut ImportReport) -> Result<HashMap<String, String>> {
    let mut names: Vec<&str> = doc.reviewers.iter().map(|r| r.name.as_str()).collect();
    for article in &doc.articles {
        names.extend(article.versions.iter().map(|v| v.imported_by.as_str()));
    }
    for c in &doc.claims {
        let claim = &c.claim;
        names.extend([claim.reviewer.as_str(), claim.modified_by.as_str()]);
        names.extend(claim.assignee.as_deref());
        names.extend(claim.reviews.iter().map(|r| r.reviewer.as_str()));
        names.extend(claim.evidence.iter().map(|e| e.added_by.as_str()));
        names.extend(c.history.iter().map(|h| h.reviewer.as_str()));
    }
    let mut ids = HashMap::new();
    for name in names {
        if ids.contains_key(name) {
            continue;
        }
        if name.trim().is_empty() || name.trim() != name {
            return Err(Error::ImportInvalid(format!("the reviewer name {name:?} is blank or has surrounding spaces")));
        }
        let known: Option<String> = sqlx::query_scalar("SELECT id FROM reviewers WHERE name = ?").bind(name).fetch_optional(&mut **tx).await?;
        let id = match known {
            Some(id) => id,
            None => {
                let profile = doc.reviewers.iter().find(|r| r.name == name);
                let taken: Option<String> = match profile {
                    Some(p) => sqlx::query_scalar("SELECT id FROM reviewers WHERE id = ?").bind(&p.id).fetch_optional(&mut **tx).await?,
                    None => None,
                };
                let id = match (profile, taken) {
                    (Some(p), None) => p.id.clone(),
                    _ => new_id(),
                };
                let colour = profile.map(|p| p.colour.to_lowercase()).filter(|c| crate::claim::is_colour(c));
                sqlx::query("INSERT INTO reviewers (id, name, created, initials, colour) VALUES (?, ?, ?, ?, ?)")
                    .bind(&id)
                    .bind(name)
                    .bind(profile.map_or_else(now, |p| p.created.clone()))
                    .bind(profile.map(|p| p.initials.clone()))
                    .bind(colour)
                    .execute(&mut **tx)
                    .await?;
                report.reviewers_created += 1;
                id
            }
        };
        ids.insert(name.to_string(), id);
    }
    Ok(ids)
}

/// Finds or creates the article and each of its versions; returns where each of the file's
/// version numbers is on this desk.
async fn article_versions(
    tx: &mut Tx<'_>,
    exported: &ExportedArticle,
    person: &impl Fn(&str) -> Result<String>,
    report: &mut ImportReport,
) -> Result<Vec<(i64, Place)>> {
    let file_id = exported
        .article
        .id
        .clone()
        .ok_or_else(|| Error::ImportInvalid(format!("an article ({:?}) has no id", exported.article.title)))?;
    if exported.versions.is_empty() {
        return Err(Error::ImportInvalid(format!("article {file_id} has no versions")));
    }
    let known: Option<String> = sqlx::query_scalar("SELECT id FROM articles WHERE id = ?").bind(&file_id).fetch_optional(&mut **tx).await?;
    // The same page imported separately on this desk has another id but the same bytes.
    let mut article_id = known.clone();
    if article_id.is_none() {
        for v in &exported.versions {
            let same: Option<String> =
                sqlx::query_scalar("SELECT article_id FROM article_versions WHERE sha256 = ?").bind(&v.sha256).fetch_optional(&mut **tx).await?;
            if same.is_some() {
                article_id = same;
                break;
            }
        }
    }
    let article_id = match article_id {
        Some(id) => id,
        None => {
            sqlx::query("INSERT INTO articles (id, url, created) VALUES (?, ?, ?)")
                .bind(&file_id)
                .bind(&exported.article.url)
                .bind(&exported.created)
                .execute(&mut **tx)
                .await?;
            report.articles_created += 1;
            file_id.clone()
        }
    };
    let mut places = Vec::new();
    for v in &exported.versions {
        let by_sha: Option<(String, String, i64, String)> =
            sqlx::query_as("SELECT id, article_id, number, text FROM article_versions WHERE sha256 = ?")
                .bind(&v.sha256)
                .fetch_optional(&mut **tx)
                .await?;
        let place = match by_sha {
            Some((version_id, owner, _, text)) if owner == article_id => Place { article_id: article_id.clone(), version_id, text },
            Some((_, owner, _, _)) => {
                return Err(Error::ImportInvalid(format!(
                    "version {} of article {file_id} is stored here as part of another article ({owner})",
                    v.number
                )));
            }
            None => {
                let next: i64 = sqlx::query_scalar("SELECT coalesce(MAX(number), 0) + 1 FROM article_versions WHERE article_id = ?")
                    .bind(&article_id)
                    .fetch_one(&mut **tx)
                    .await?;
                // Keep the file's numbering when it fits after what is here.
                let number = v.number.max(next);
                let kind = if v.kind == "html" { "html" } else { "text" };
                let version_id = new_id();
                sqlx::query(
                    "INSERT INTO article_versions (id, article_id, number, sha256, original, kind, charset, title, byline, publisher,
                         published, modified, language, url, fetched, fetched_url, text, imported, imported_by)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                )
                .bind(&version_id)
                .bind(&article_id)
                .bind(number)
                .bind(&v.sha256)
                // The snapshot of the original page stays on the desk that imported it; the
                // canonical text stands in for it.
                .bind(v.text.as_bytes())
                .bind(kind)
                .bind(&v.charset)
                .bind(&v.title)
                .bind(&v.byline)
                .bind(&v.publisher)
                .bind(&v.published)
                .bind(&v.modified)
                .bind(&v.language)
                .bind(&v.url)
                .bind(&v.fetched)
                .bind(&v.fetched_url)
                .bind(&v.text)
                .bind(&v.imported)
                .bind(person(&v.imported_by)?)
                .execute(&mut **tx)
                .await?;
                report.versions_added += 1;
                Place { article_id: article_id.clone(), version_id, text: v.text.clone() }
            }
        };
        places.push((v.number, place));
    }
    Ok(places)
}

/// The span must be the quote in its version's text, or every offset after it would lie.
fn check_span(claim: &Claim, text: &str) -> Result<()> {
    let quote: Option<String> =
        (claim.start < claim.end).then(|| text.chars().skip(claim.start).take(claim.end - claim.start).collect());
    match quote {
        Some(q) if q == claim.quote && q.chars().count() == claim.end - claim.start => Ok(()),
        _ => Err(Error::ImportInvalid(format!(
            "claim {}: {}..{} in version {} of its article is not its quote {:?}",
            claim.id, claim.start, claim.end, claim.version, claim.quote
        ))),
    }
}

/// Stores the claim as the file has it: a new row, or every column of the existing one replaced
/// (the row stays, for its history refers to it).
async fn insert_claim(tx: &mut Tx<'_>, claim: &Claim, version_id: &str, person: &impl Fn(&str) -> Result<String>) -> Result<()> {
    let assignee = claim.assignee.as_deref().map(person).transpose()?;
    sqlx::query(
        r#"INSERT INTO claims (id, article_id, version_id, start, "end", quote, prefix, suffix, claimant, verdict, status, note,
               created, created_by, modified, modified_by, statement, claim_type, claimant_role, claimant_url, rationale,
               assignee_id, anchor_state, previous_quote, kept_on_version, value)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id, version_id = excluded.version_id,
               start = excluded.start, "end" = excluded."end", quote = excluded.quote, prefix = excluded.prefix,
               suffix = excluded.suffix, claimant = excluded.claimant, verdict = excluded.verdict, status = excluded.status,
               note = excluded.note, created = excluded.created, created_by = excluded.created_by,
               modified = excluded.modified, modified_by = excluded.modified_by, statement = excluded.statement,
               claim_type = excluded.claim_type, claimant_role = excluded.claimant_role,
               claimant_url = excluded.claimant_url, rationale = excluded.rationale, assignee_id = excluded.assignee_id,
               anchor_state = excluded.anchor_state, previous_quote = excluded.previous_quote,
               kept_on_version = excluded.kept_on_version, value = excluded.value"#,
    )
    .bind(&claim.id)
    .bind(&claim.article_id)
    .bind(version_id)
    .bind(to_i64(claim.start))
    .bind(to_i64(claim.end))
    .bind(&claim.quote)
    .bind(&claim.prefix)
    .bind(&claim.suffix)
    .bind(&claim.claimant)
    .bind(&claim.verdict)
    .bind(claim.status.key())
    .bind(&claim.note)
    .bind(&claim.created)
    .bind(person(&claim.reviewer)?)
    .bind(&claim.modified)
    .bind(person(&claim.modified_by)?)
    .bind(&claim.statement)
    .bind(claim.claim_type.map(|t| t.key()))
    .bind(&claim.claimant_role)
    .bind(&claim.claimant_url)
    .bind(&claim.rationale)
    .bind(assignee)
    .bind(claim.anchor_state.key())
    .bind(&claim.previous_quote)
    .bind(claim.kept_on_version)
    .bind(claim.value.as_ref().map(|v| v.to_string()))
    .execute(&mut **tx)
    .await?;
    for tag in &claim.tags {
        sqlx::query("INSERT OR IGNORE INTO claim_tags (claim_id, tag) VALUES (?, ?)").bind(&claim.id).bind(tag).execute(&mut **tx).await?;
    }
    for e in &claim.evidence {
        sqlx::query(
            "INSERT INTO evidence (id, claim_id, url, title, publisher, accessed, quote, stance, added, added_by)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(new_id())
        .bind(&claim.id)
        .bind(&e.url)
        .bind(&e.title)
        .bind(&e.publisher)
        .bind(&e.accessed)
        .bind(&e.quote)
        .bind(e.stance.map(|s| s.key()))
        .bind(&e.added)
        .bind(person(&e.added_by)?)
        .execute(&mut **tx)
        .await?;
    }
    for r in &claim.reviews {
        sqlx::query("INSERT OR REPLACE INTO claim_reviews (claim_id, reviewer_id, verdict, note, at) VALUES (?, ?, ?, ?, ?)")
            .bind(&claim.id)
            .bind(person(&r.reviewer)?)
            .bind(&r.verdict)
            .bind(&r.note)
            .bind(&r.at)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Removes a claim's tags, evidence and independent verdicts, before the file's replace them.
async fn delete_parts(tx: &mut Tx<'_>, claim_id: &str) -> Result<()> {
    for table in ["claim_tags", "evidence", "claim_reviews"] {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {table} WHERE claim_id = ?"))).bind(claim_id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Appends the file's history entries this desk lacks, in the file's order; returns how many.
async fn append_history(
    tx: &mut Tx<'_>,
    claim_id: &str,
    incoming: &[HistoryEntry],
    here: &[HistoryEntry],
    person: &impl Fn(&str) -> Result<String>,
) -> Result<usize> {
    let mut added = 0;
    for entry in incoming.iter().filter(|e| !here.contains(e)) {
        let reviewer_id = person(&entry.reviewer)?;
        append_entry(tx, claim_id, &entry.at, &reviewer_id, &entry.field, entry.old.as_deref(), entry.new.as_deref()).await?;
        added += 1;
    }
    Ok(added)
}

/// The Claim JSON keys whose values differ, the untracked ones aside.
fn differences(a: &Claim, b: &Claim) -> Vec<String> {
    let (Ok(Value::Object(a)), Ok(Value::Object(b))) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return Vec::new();
    };
    a.iter()
        .filter(|(key, value)| !UNTRACKED.contains(&key.as_str()) && b.get(key.as_str()) != Some(value))
        .map(|(key, _)| key.clone())
        .collect()
}

/// A claim field as the history holds it: text as is, other values as compact JSON, null as none.
fn field_text(claim: &Claim, key: &str) -> Option<String> {
    match serde_json::to_value(claim).ok()?.get(key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
