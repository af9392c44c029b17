//! Where claims stand when their article changes: carrying them to a new version, and the
//! reviewer's triage (confirm a changed quote, re-attach an orphan, keep it on its version).

use serde::Serialize;

use super::claims::{record, Change, Tx};
use super::{now, to_i64, Db, Reviewer, Version};
use crate::anchor::{AnchorState, Selectors};
use crate::claim::Claim;
use crate::error::{Error, Result};

/// One stored version of an article, for listings (no text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct VersionSummary {
    pub number: i64,
    pub sha256: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// YYYY-MM-DD, as the page says.
    pub published: Option<String>,
    pub modified: Option<String>,
    /// When it was imported (RFC 3339) and by whom.
    pub imported: String,
    pub imported_by: String,
    /// The canonical text's length in code points.
    pub chars: i64,
    /// Claims whose span refers to this version.
    pub claims: i64,
}

/// What became of the claims of an article when a new version came in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CarryReport {
    pub anchored: usize,
    pub moved: usize,
    pub changed: usize,
    pub orphaned: usize,
}

impl CarryReport {
    pub fn count(&mut self, state: AnchorState) {
        match state {
            AnchorState::Anchored => self.anchored += 1,
            AnchorState::Moved => self.moved += 1,
            AnchorState::Changed => self.changed += 1,
            AnchorState::Orphaned => self.orphaned += 1,
        }
    }
}

/// A claim carried to a new version: where it was, and where it is now (`None`: orphaned, the
/// span stays where it was).
#[derive(Debug, Clone)]
pub struct Carried {
    pub claim: Claim,
    pub to: Option<Selectors>,
    pub state: AnchorState,
}

impl Db {
    /// The canonical text of version `number` of an article.
    pub async fn version_text(&self, article_id: &str, number: u32) -> Result<String> {
        let text: Option<String> = sqlx::query_scalar("SELECT text FROM article_versions WHERE article_id = ? AND number = ?")
            .bind(article_id)
            .bind(i64::from(number))
            .fetch_optional(&self.pool)
            .await?;
        text.ok_or_else(|| Error::VersionNotFound { article_id: article_id.to_string(), number })
    }

    /// Every version of an article, oldest first.
    pub async fn versions(&self, article_id: &str) -> Result<Vec<VersionSummary>> {
        self.article(article_id).await?;
        Ok(sqlx::query_as(
            "SELECT v.number, v.sha256, v.title, v.url, v.published, v.modified, v.imported, r.name AS imported_by,
                    length(v.text) AS chars,
                    (SELECT count(*) FROM claims c WHERE c.version_id = v.id) AS claims
               FROM article_versions v JOIN reviewers r ON r.id = v.imported_by
              WHERE v.article_id = ? ORDER BY v.number",
        )
        .bind(article_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Stores where each claim landed on `latest`, with the history of what moved, in one
    /// transaction, and counts the states the claims end in. A claim that was `changed` and not
    /// yet confirmed stays `changed` (and keeps its previous quote) until the reviewer confirms it.
    pub async fn place_claims(&self, latest: &Version, carried: &[Carried], reviewer: &Reviewer) -> Result<CarryReport> {
        let now = now();
        let mut report = CarryReport::default();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        for c in carried {
            let old = &c.claim;
            let Some(to) = &c.to else {
                report.count(AnchorState::Orphaned);
                let changes = vec![("anchor_state", Some(old.anchor_state.key().to_string()), Some("orphaned".to_string()))];
                if old.anchor_state != AnchorState::Orphaned {
                    set_state(&mut tx, &old.id, AnchorState::Orphaned, old.previous_quote.as_deref()).await?;
                    record(&mut tx, &old.id, &now, reviewer, changes).await?;
                }
                continue;
            };
            let awaiting = old.anchor_state == AnchorState::Changed;
            let (state, previous) = match c.state {
                AnchorState::Changed => (AnchorState::Changed, old.previous_quote.clone().or_else(|| Some(old.quote.clone()))),
                _ if awaiting => (AnchorState::Changed, old.previous_quote.clone()),
                state => (state, None),
            };
            report.count(state);
            move_span(&mut tx, &old.id, latest, to, &now, reviewer).await?;
            set_state(&mut tx, &old.id, state, previous.as_deref()).await?;
            let mut changes: Vec<Change> =
                vec![("version", Some(old.version.to_string()), Some(latest.number.to_string()))];
            if old.quote != to.quote.exact {
                changes.push(("quote", Some(old.quote.clone()), Some(to.quote.exact.clone())));
            }
            if old.anchor_state != state {
                changes.push(("anchor_state", Some(old.anchor_state.key().to_string()), Some(state.key().to_string())));
            }
            record(&mut tx, &old.id, &now, reviewer, changes).await?;
        }
        tx.commit().await?;
        Ok(report)
    }

    /// The reviewer accepts the edited quote of a `changed` claim.
    pub async fn confirm_anchor(&self, claim_id: &str, reviewer: &Reviewer) -> Result<Claim> {
        let claim = self.claim(claim_id).await?;
        if claim.anchor_state != AnchorState::Changed {
            return Err(Error::NothingToConfirm { claim_id: claim_id.to_string(), state: claim.anchor_state.key() });
        }
        let now = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        set_state(&mut tx, claim_id, AnchorState::Anchored, None).await?;
        touch(&mut tx, claim_id, &now, reviewer).await?;
        record(&mut tx, claim_id, &now, reviewer, vec![("anchor_state", Some("changed".into()), Some("anchored".into()))]).await?;
        tx.commit().await?;
        self.claim(claim_id).await
    }

    /// Puts a claim on a span of `version` (the latest) chosen by the reviewer: an orphan
    /// re-attached, or a changed claim placed by hand.
    pub async fn reattach(&self, claim_id: &str, version: &Version, to: &Selectors, reviewer: &Reviewer) -> Result<Claim> {
        let claim = self.claim(claim_id).await?;
        if claim.article_id != version.article_id {
            return Err(Error::ClaimNotFound(claim_id.to_string()));
        }
        let now = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        move_span(&mut tx, claim_id, version, to, &now, reviewer).await?;
        set_state(&mut tx, claim_id, AnchorState::Anchored, None).await?;
        sqlx::query("UPDATE claims SET kept_on_version = 0 WHERE id = ?").bind(claim_id).execute(&mut *tx).await?;
        let mut changes: Vec<Change> = Vec::new();
        if i64::from(claim.version) != version.number {
            changes.push(("version", Some(claim.version.to_string()), Some(version.number.to_string())));
        }
        changes.push(("quote", Some(claim.quote.clone()), Some(to.quote.exact.clone())));
        if claim.anchor_state != AnchorState::Anchored {
            changes.push(("anchor_state", Some(claim.anchor_state.key().to_string()), Some("anchored".into())));
        }
        record(&mut tx, claim_id, &now, reviewer, changes).await?;
        tx.commit().await?;
        self.claim(claim_id).await
    }

    /// The reviewer keeps an orphan as a claim about the version it refers to: new versions no
    /// longer try to carry it.
    pub async fn keep_on_version(&self, claim_id: &str, reviewer: &Reviewer) -> Result<Claim> {
        let claim = self.claim(claim_id).await?;
        if claim.anchor_state != AnchorState::Orphaned {
            return Err(Error::NotAnOrphan { claim_id: claim_id.to_string(), state: claim.anchor_state.key() });
        }
        if claim.kept_on_version {
            return Ok(claim);
        }
        let now = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("UPDATE claims SET kept_on_version = 1 WHERE id = ?").bind(claim_id).execute(&mut *tx).await?;
        touch(&mut tx, claim_id, &now, reviewer).await?;
        record(&mut tx, claim_id, &now, reviewer, vec![("kept_on_version", Some("false".into()), Some("true".into()))]).await?;
        tx.commit().await?;
        self.claim(claim_id).await
    }
}

async fn set_state(tx: &mut Tx<'_>, claim_id: &str, state: AnchorState, previous_quote: Option<&str>) -> Result<()> {
    sqlx::query("UPDATE claims SET anchor_state = ?, previous_quote = ? WHERE id = ?")
        .bind(state.key())
        .bind(previous_quote)
        .bind(claim_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn touch(tx: &mut Tx<'_>, claim_id: &str, now: &str, reviewer: &Reviewer) -> Result<()> {
    sqlx::query("UPDATE claims SET modified = ?, modified_by = ? WHERE id = ?")
        .bind(now)
        .bind(&reviewer.id)
        .bind(claim_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Points a claim's span at `to` on `version`.
async fn move_span(tx: &mut Tx<'_>, claim_id: &str, version: &Version, to: &Selectors, now: &str, reviewer: &Reviewer) -> Result<()> {
    sqlx::query(
        r#"UPDATE claims SET version_id = ?, start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ? WHERE id = ?"#,
    )
    .bind(&version.id)
    .bind(to_i64(to.position.start))
    .bind(to_i64(to.position.end))
    .bind(&to.quote.exact)
    .bind(&to.quote.prefix)
    .bind(&to.quote.suffix)
    .bind(claim_id)
    .execute(&mut **tx)
    .await?;
    touch(tx, claim_id, now, reviewer).await
}
