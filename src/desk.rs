//! The operations a reviewer performs, shared by the CLI and the desktop app: each checks the
//! desk's rules, then stores. Neither front end writes to the database any other way.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::agreement::{self, Agreement, Ratings};
use crate::anchor::{self, AnchorState, Selectors, TextPosition, TextQuote};
use crate::article::source::Provenance;
use crate::article;
use crate::claim::{Claim, ClaimFields, ClaimType, Evidence, RatingScale, Status, DEFAULT_SCALE};
use crate::error::{Error, Result};
use crate::settings;
use crate::export::{json, webannotation};
use crate::suggest::{Kind as SuggestionKind, Suggestion, SuggestionKey};
use crate::store::{CarryReport, Carried, ClaimFilter, Db, ExportedVersion, ImportOutcome, ImportReport, Reviewer};

/// Every rating scale the desk can use: the built-in ones, then the ones it added.
pub async fn scales(db: &Db) -> Result<Vec<RatingScale>> {
    let mut scales = RatingScale::built_in();
    scales.extend(db.added_scales().await?);
    Ok(scales)
}

fn find_scale(scales: Vec<RatingScale>, key: &str) -> Result<RatingScale> {
    let known = scales.iter().map(|s| s.key.as_str()).collect::<Vec<_>>().join(", ");
    scales.into_iter().find(|s| s.key == key).ok_or_else(|| Error::UnknownScale { key: key.to_string(), known })
}

/// The rating scale in use: the `review.scale` setting, else the default scale.
pub async fn scale(db: &Db) -> Result<RatingScale> {
    let key = db.setting(settings::REVIEW_SCALE).await?.unwrap_or_else(|| DEFAULT_SCALE.to_string());
    find_scale(scales(db).await?, &key)
}

/// Adds a desk-defined scale from its JSON definition (`{"key", "name", "ratings": [{"key",
/// "value", "label_en", "label_fr", "colour"}...]}`, worst rating first).
pub async fn add_scale(db: &Db, json: &str, source_name: &str, reviewer: &Reviewer) -> Result<RatingScale> {
    let bad = |e: serde_json::Error| Error::BadScale {
        key: source_name.to_string(),
        why: format!("{e} — see `claimdesk scales --json` for the shape"),
    };
    let mut value: serde_json::Value = serde_json::from_str(json).map_err(bad)?;
    // An entry copied from `claimdesk scales --json` says whether it is in use; that is the
    // desk's setting, not part of the scale.
    if let Some(entry) = value.as_object_mut() {
        entry.remove("in_use");
    }
    let scale: RatingScale = serde_json::from_value(value).map_err(bad)?;
    scale.validate()?;
    if RatingScale::built_in().iter().any(|s| s.key == scale.key) {
        return Err(Error::ScaleExists(scale.key));
    }
    db.insert_scale(&scale, reviewer).await?;
    Ok(scale)
}

/// Refuses to switch to a scale that does not exist, or that lacks verdicts claims already have
/// (they would become verdicts nobody can read or export).
pub async fn check_scale_switch(db: &Db, key: &str) -> Result<()> {
    let scale = find_scale(scales(db).await?, key)?;
    let mut claims = std::collections::BTreeSet::new();
    let mut verdicts = std::collections::BTreeSet::new();
    for (claim_id, verdict) in db.verdicts_in_use().await? {
        if scale.rating(&verdict).is_none() {
            claims.insert(claim_id);
            verdicts.insert(verdict);
        }
    }
    if claims.is_empty() {
        return Ok(());
    }
    Err(Error::ScaleDoesNotFit {
        key: key.to_string(),
        count: claims.len(),
        verdicts: verdicts.into_iter().collect::<Vec<_>>().join(", "),
    })
}

/// Extracts an article from `bytes` and stores it with its original bytes (see
/// [`Db::store_import`]: the same bytes again store nothing; the same page with new content becomes
/// a new version). `source_name` names the input in error messages. Bytes that are not an article
/// are refused before anything is written.
pub async fn import(
    db: &Db,
    bytes: &[u8],
    source_name: &str,
    provenance: &Provenance,
    reviewer: &Reviewer,
    max_bytes: u64,
) -> Result<ImportOutcome> {
    let prepared = prepare_import(db, bytes, source_name, provenance, max_bytes).await?;
    finish_import(db, prepared, bytes, provenance, reviewer).await
}

/// An import checked and extracted, before anything is written.
#[derive(Debug)]
pub enum PreparedImport {
    /// The same bytes were imported before: there is nothing to store.
    Existing(ImportOutcome),
    /// An article to store.
    New(article::Extraction),
}

/// The first half of [`import`]: reads the database, writes nothing. A caller that has a write
/// of its own to make first (the CLI creates a new reviewer) makes it only once this succeeded,
/// so a bad file leaves the database as it was.
pub async fn prepare_import(
    db: &Db,
    bytes: &[u8],
    source_name: &str,
    provenance: &Provenance,
    max_bytes: u64,
) -> Result<PreparedImport> {
    if let Some(id) = db.article_id_by_sha256(&article::sha256_hex(bytes)).await? {
        let article = db.article(&id).await?;
        return Ok(PreparedImport::Existing(ImportOutcome { article, existing: true, new_version: false, carried: None }));
    }
    let charset = provenance.download.as_ref().and_then(|d| d.charset.as_deref()).map(str::to_string);
    // Extraction is CPU work (a hostile page can take seconds): on a blocking thread, so the
    // app's two async workers keep answering the window meanwhile. A bug that panics in it is
    // reported as this page's error instead of taking the app down.
    let owned = bytes.to_vec();
    let extraction = tokio::task::spawn_blocking(move || article::extract_with(&owned, max_bytes, charset.as_deref()))
        .await
        .map_err(|e| Error::ExtractionFailed { source_name: source_name.to_string(), why: panic_message(e) })?
        .map_err(|problem| Error::Extract { source_name: source_name.to_string(), problem })?;
    Ok(PreparedImport::New(extraction))
}

/// What a panicked task said, for an error message.
fn panic_message(e: tokio::task::JoinError) -> String {
    match e.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string()),
        Err(e) => e.to_string(),
    }
}

/// The second half of [`import`]: stores what [`prepare_import`] extracted (one transaction) and
/// carries the claims over to a new version.
pub async fn finish_import(
    db: &Db,
    prepared: PreparedImport,
    bytes: &[u8],
    provenance: &Provenance,
    reviewer: &Reviewer,
) -> Result<ImportOutcome> {
    let extraction = match prepared {
        PreparedImport::Existing(outcome) => return Ok(outcome),
        PreparedImport::New(extraction) => extraction,
    };
    let mut outcome =
        db.store_import(&extraction, bytes, provenance, reviewer).await.map_err(|e| database_error(db.path(), e))?;
    if outcome.new_version {
        let article_id = outcome.article.id.clone().unwrap_or_default();
        let carried = carry_claims(db, &article_id, reviewer).await.map_err(|e| database_error(db.path(), e))?;
        outcome.carried = Some(carried);
    }
    Ok(outcome)
}

/// Says what a reviewer can act on when SQLite cannot write: the disk is full, or the database is
/// read-only. Other errors pass unchanged. (SQLite rolls the transaction back either way, so the
/// database is as it was.)
pub fn database_error(path: &Path, e: Error) -> Error {
    // SQLite's primary result codes (the low byte of the extended code sqlx reports).
    const SQLITE_READONLY: i64 = 8;
    const SQLITE_FULL: i64 = 13;
    use sqlx::migrate::MigrateError;
    let sqlite = match &e {
        Error::Database(sqlx::Error::Database(d))
        | Error::OpenDatabase { source: sqlx::Error::Database(d), .. }
        | Error::Migrate { source: MigrateError::Execute(sqlx::Error::Database(d)), .. }
        | Error::Migrate { source: MigrateError::ExecuteMigration(sqlx::Error::Database(d), _), .. } => Some(d),
        _ => None,
    };
    let code = sqlite.and_then(|d| d.code()).and_then(|c| c.parse::<i64>().ok()).map(|c| c & 0xff);
    match code {
        Some(SQLITE_FULL) => Error::DiskFull(path.to_path_buf()),
        Some(SQLITE_READONLY) => Error::ReadOnlyDatabase(path.to_path_buf()),
        _ => e,
    }
}

/// Carries every claim of an article that is not on its latest version (and that the reviewer
/// did not keep on an older one) over to the latest version: anchored, moved, changed (awaiting
/// confirmation) or orphaned — never dropped. Safe to run again: claims already on the latest
/// version are left alone, so an import interrupted before this step is completed next time.
pub async fn carry_claims(db: &Db, article_id: &str, reviewer: &Reviewer) -> Result<CarryReport> {
    let latest = db.latest_version(article_id).await?;
    let filter = ClaimFilter { article_id: Some(article_id.to_string()), statuses: Vec::new(), ..ClaimFilter::default() };
    let mut by_version: std::collections::BTreeMap<u32, Vec<Claim>> = std::collections::BTreeMap::new();
    for claim in db.claims(&filter).await? {
        if i64::from(claim.version) != latest.number && !claim.kept_on_version {
            by_version.entry(claim.version).or_default().push(claim);
        }
    }
    let mut carried = Vec::new();
    for (number, claims) in by_version {
        let old_text = db.version_text(article_id, number).await?;
        let selectors: Vec<Selectors> = claims.iter().map(selectors_of).collect();
        // One character diff per old version, shared by all its claims.
        let placements = anchor::reanchor_all(&selectors, &old_text, &latest.text);
        for (claim, placement) in claims.into_iter().zip(placements) {
            let to = placement.position.and_then(|p| anchor::describe(&latest.text, p.start, p.end));
            let state = if to.is_some() { placement.state } else { AnchorState::Orphaned };
            carried.push(Carried { claim, to, state });
        }
    }
    db.place_claims(&latest, &carried, reviewer).await
}

/// The W3C selectors a claim stores.
pub fn selectors_of(claim: &Claim) -> Selectors {
    Selectors {
        quote: TextQuote { exact: claim.quote.clone(), prefix: claim.prefix.clone(), suffix: claim.suffix.clone() },
        position: TextPosition { start: claim.start, end: claim.end },
    }
}

/// Puts an orphaned (or changed) claim on a span of its article's latest version.
pub async fn reattach_claim(db: &Db, claim_id: &str, span: Span, reviewer: &Reviewer) -> Result<Claim> {
    let claim = db.claim(claim_id).await?;
    let version = db.latest_version(&claim.article_id).await?;
    let selectors = locate(&version.text, &claim.article_id, span)?;
    db.reattach(claim_id, &version, &selectors, reviewer).await
}

/// One step of a folder import, for progress displays.
#[derive(Debug, Clone, Serialize)]
pub struct FolderProgress {
    /// Files handled so far, this one included.
    pub done: usize,
    pub total: usize,
    pub path: String,
    /// Why this file was skipped, if it was.
    pub error: Option<String>,
}

/// A file of a folder import that could not be imported.
#[derive(Debug, Clone, Serialize)]
pub struct FolderFailure {
    pub path: String,
    pub error: String,
}

/// What a folder import did.
#[derive(Debug, Clone, Serialize)]
pub struct FolderReport {
    pub imported: Vec<ImportOutcome>,
    pub failed: Vec<FolderFailure>,
}

/// The files under `dir` (subfolders included, hidden files and symbolic links left out), sorted.
pub fn folder_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| article::source::read_error(&folder, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| article::source::read_error(&folder, e))?;
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            // file_type() does not follow links, so a link cannot lead the walk in circles.
            match entry.file_type() {
                Ok(t) if t.is_dir() => pending.push(entry.path()),
                Ok(t) if t.is_file() => files.push(entry.path()),
                _ => {}
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Imports every file under `dir`. A file that fails is reported through `progress` and in the
/// report, and the batch goes on; an empty folder is an error.
pub async fn import_folder(
    db: &Db,
    dir: &Path,
    reviewer: &Reviewer,
    max_bytes: u64,
    mut progress: impl FnMut(&FolderProgress),
) -> Result<FolderReport> {
    let files = folder_files(dir)?;
    if files.is_empty() {
        return Err(Error::EmptyFolder(dir.to_path_buf()));
    }
    let mut report = FolderReport { imported: Vec::new(), failed: Vec::new() };
    for (i, file) in files.iter().enumerate() {
        let name = file.display().to_string();
        let result = match article::source::read(&name, max_bytes) {
            Ok(bytes) => import(db, &bytes, &name, &Provenance::default(), reviewer, max_bytes).await,
            Err(e) => Err(e),
        };
        let error = match result {
            Ok(outcome) => {
                report.imported.push(outcome);
                None
            }
            // The database failing is not one bad file: stop rather than fail every file after it.
            Err(
                e @ (Error::Database(_)
                | Error::OpenDatabase { .. }
                | Error::DiskFull(_)
                | Error::ReadOnlyDatabase(_)),
            ) => return Err(e),
            Err(e) => {
                let message = e.to_string();
                report.failed.push(FolderFailure { path: name.clone(), error: message.clone() });
                Some(message)
            }
        };
        progress(&FolderProgress { done: i + 1, total: files.len(), path: name, error });
    }
    Ok(report)
}

/// Which span of the article a new claim covers.
#[derive(Debug, Clone)]
pub enum Span {
    /// The `occurrence`-th (1-based) exact occurrence of `text` in the canonical text.
    Quote { text: String, occurrence: usize },
    /// Code points, `end` exclusive.
    Range { start: usize, end: usize },
}

/// Makes a claim of a span of the article's latest version.
pub async fn add_claim(
    db: &Db,
    article_id: &str,
    span: Span,
    fields: ClaimFields,
    reviewer: &Reviewer,
) -> Result<Claim> {
    if let Some(status) = fields.status.filter(|s| !matches!(s, Status::Draft | Status::InReview)) {
        return Err(Error::NewClaimStatus(status.key().to_string()));
    }
    prepare(db, &fields).await?;
    let version = db.latest_version(article_id).await?;
    let selectors = locate(&version.text, article_id, span)?;
    db.insert_claim(&version, &selectors, fields, reviewer).await
}

/// The selectors of a span of `text`, or why there is no such span.
fn locate(text: &str, article_id: &str, span: Span) -> Result<Selectors> {
    let (start, end) = match span {
        Span::Range { start, end } => (start, end),
        Span::Quote { text: quote, occurrence } => {
            anchor::find_occurrence(text, &quote, occurrence).map_err(|found| match found {
                0 => Error::QuoteNotFound { article_id: article_id.to_string(), quote: quote.clone() },
                found => Error::OccurrenceNotFound {
                    article_id: article_id.to_string(),
                    quote: quote.clone(),
                    found,
                    wanted: occurrence,
                },
            })?
        }
    };
    anchor::describe(text, start, end).ok_or(Error::BadSpan { start, end, len: anchor::char_len(text) })
}

/// Changes a claim's fields; a status change must follow the workflow, and when the desk requires
/// it, a claim becomes `reviewed` only after someone other than its author gave a verdict.
pub async fn update_claim(db: &Db, claim_id: &str, fields: ClaimFields, reviewer: &Reviewer) -> Result<Claim> {
    prepare(db, &fields).await?;
    if fields.status == Some(Status::Reviewed) && settings::second_reviewer_required(db).await? {
        let claim = db.claim(claim_id).await?;
        // A move the workflow refuses anyway is reported as such, not as a missing sign-off.
        claim.status.check_move(Status::Reviewed)?;
        // Reviews are never deleted, so a sign-off seen here cannot vanish before the update.
        if claim.status != Status::Reviewed && !claim.reviews.iter().any(|r| r.reviewer != claim.reviewer) {
            return Err(Error::NeedsSecondReview(claim_id.to_string()));
        }
    }
    db.update_claim(claim_id, fields, reviewer).await
}

/// The acting reviewer's independent verdict on a claim someone else made. It does not change
/// the claim's verdict; it counts for agreement and, when the desk requires it, as the second
/// reviewer's sign-off.
pub async fn review_claim(db: &Db, claim_id: &str, verdict: &str, note: Option<String>, reviewer: &Reviewer) -> Result<Claim> {
    let verdict = verdict.trim();
    scale(db).await?.check(verdict)?;
    db.review_claim(claim_id, verdict, note, reviewer).await
}

/// How far independent verdicts agree, over the claims of one article or of all: every claim with
/// at least two verdicts counts, its own verdict being its author's.
pub async fn agreement(db: &Db, article_id: Option<&str>) -> Result<Agreement> {
    if let Some(id) = article_id {
        db.article(id).await?; // an unknown article is an error, not "no claims"
    }
    let filter = ClaimFilter { article_id: article_id.map(str::to_string), statuses: Vec::new(), ..ClaimFilter::default() };
    let units: Vec<Ratings> = db
        .claims(&filter)
        .await?
        .into_iter()
        .map(|claim| {
            let mut ratings: Ratings = claim.reviews.into_iter().map(|r| (r.reviewer, r.verdict)).collect();
            if let Some(verdict) = claim.verdict {
                ratings.insert(claim.reviewer, verdict);
            }
            ratings
        })
        .collect();
    Ok(agreement::agreement(&units))
}

/// Checks the fields a reviewer set (an empty value clears a field and is always fine), and
/// creates the assignee on first use, like any reviewer.
async fn prepare(db: &Db, fields: &ClaimFields) -> Result<()> {
    let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
    if let Some(key) = given(&fields.verdict) {
        scale(db).await?.check(&key)?;
    }
    if let Some(key) = given(&fields.claim_type) {
        ClaimType::parse(&key)?;
    }
    if let Some(url) = given(&fields.claimant_url) {
        check_url("the claimant's URL", &url)?;
    }
    if let Some(evidence) = &fields.add_evidence {
        check_url("the evidence URL", evidence.url.trim())?;
        if let Some(date) = &evidence.accessed {
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| Error::BadDate(date.clone()))?;
        }
    }
    if let Some(name) = given(&fields.assignee) {
        db.reviewer(&name).await?;
    }
    Ok(())
}

fn check_url(what: &'static str, url: &str) -> Result<()> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => Ok(()),
        _ => Err(Error::NotAUrl { what, value: url.to_string() }),
    }
}

/// Merges a claim set into this desk: a native export (`claimdesk export --format json`, here or
/// on another desk; see [`Db::import_document`] for how claims both sides changed are settled), or
/// a Web Annotation collection claimdesk wrote (see [`import_annotations`]).
pub async fn import_claims(db: &Db, path: &Path, reviewer: &Reviewer) -> Result<ImportReport> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.to_path_buf(), source })?;
    let not_export = |why: String| Error::NotAnExport { path: path.to_path_buf(), why };
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| not_export(format!("not JSON: {e}")))?;
    if value.get("format").is_none() && value.get("type").is_some() {
        let annotations = webannotation::read(&value).map_err(not_export)?;
        return import_annotations(db, annotations, reviewer).await;
    }
    match value.get("format").and_then(|f| f.as_str()) {
        Some(json::FORMAT) => {}
        Some(other) => return Err(not_export(format!("its format is {other:?}"))),
        None => return Err(not_export("it has no \"format\": \"claimdesk\"".to_string())),
    }
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v >= 1 && v <= u64::from(json::VERSION) => {}
        Some(v) => {
            return Err(not_export(format!("it is version {v} of the format; this claimdesk reads versions 1 to {}", json::VERSION)));
        }
        None => return Err(not_export("it has no format version".to_string())),
    }
    let doc: json::Document = serde_json::from_value(value).map_err(|e| not_export(e.to_string()))?;
    db.import_document(&doc, reviewer).await
}

/// Adds the claims of a claimdesk Web Annotation collection that this desk lacks, on articles it
/// holds (found by URL, or by the digest in a `urn:sha256:` target) and on the version each
/// annotation's `TimeState` names. The format carries only part of a claim, so a claim the desk
/// already has is skipped rather than merged (the native format merges changes), and a new one
/// gets what the annotation holds: status `reviewed` when it has a verdict, else `in_review`.
/// Claims on an older version are then carried to the latest, as after a re-import.
pub async fn import_annotations(db: &Db, annotations: Vec<webannotation::Annotated>, reviewer: &Reviewer) -> Result<ImportReport> {
    let known = db.articles().await?;
    let mut articles: Vec<json::ExportedArticle> = Vec::new();
    let mut claims = Vec::new();
    let mut skipped = 0;
    for a in annotations {
        match db.claim(&a.claim_id).await {
            Ok(_) => {
                skipped += 1;
                continue;
            }
            Err(Error::ClaimNotFound(_)) => {}
            Err(e) => return Err(e),
        }
        let article_id = match a.source.strip_prefix("urn:sha256:") {
            Some(digest) => db.article_id_by_sha256(digest).await?,
            None => known
                .iter()
                .find(|s| s.article.url.as_deref().map(webannotation::as_uri).as_deref() == Some(a.source.as_str()))
                .and_then(|s| s.article.id.clone()),
        }
        .ok_or_else(|| {
            Error::ImportInvalid(format!(
                "claim {}: its article {} is not on this desk — import the article first",
                a.claim_id, a.source
            ))
        })?;
        if !articles.iter().any(|e| e.article.id.as_deref() == Some(article_id.as_str())) {
            let versions = db.exported_versions(&article_id).await?;
            let created = db.article_created(&article_id).await?.unwrap_or_default();
            articles.push(json::ExportedArticle { article: db.article(&article_id).await?, created, versions });
        }
        // The TimeState names the version by when it was imported — on the desk that exported
        // it. Here the same version was imported at another time, so failing that, the span
        // decides: the latest version whose text holds the quote at those offsets.
        let holds_quote = |v: &&ExportedVersion| {
            v.text.chars().skip(a.start).take(a.end.saturating_sub(a.start)).eq(a.quote.chars()) && a.start < a.end
        };
        let versions = articles
            .iter()
            .find(|e| e.article.id.as_deref() == Some(article_id.as_str()))
            .map(|e| e.versions.as_slice())
            .unwrap_or_default();
        let version = versions
            .iter()
            .find(|v| Some(&v.imported) == a.version_imported.as_ref() && holds_quote(v))
            .or_else(|| versions.iter().rev().find(holds_quote))
            .ok_or_else(|| {
                Error::ImportInvalid(format!(
                    "claim {}: no version of {} on this desk holds its quote {:?} at {}..{}",
                    a.claim_id, a.source, a.quote, a.start, a.end
                ))
            })?;
        claims.push(json::ExportedClaim { claim: annotated_claim(a, &article_id, version.number), history: Vec::new() });
    }
    let doc = json::Document {
        format: json::FORMAT.to_string(),
        version: json::VERSION,
        exported: crate::store::now(),
        reviewers: Vec::new(),
        articles,
        claims,
    };
    let mut report = db.import_document(&doc, reviewer).await?;
    report.claims_skipped = skipped;
    for article in &doc.articles {
        carry_claims(db, article.article.id.as_deref().unwrap_or_default(), reviewer).await?;
    }
    Ok(report)
}

/// The claim an annotation describes, on `version` of the article.
fn annotated_claim(a: webannotation::Annotated, article_id: &str, version: i64) -> Claim {
    let mut tags = a.tags;
    // The type comes first among the tagging bodies, when the claim has one.
    let claim_type = tags.first().and_then(|t| ClaimType::parse(t).ok());
    if claim_type.is_some() {
        tags.remove(0);
    }
    tags.sort();
    tags.dedup();
    let day = a.modified.get(..10).unwrap_or_default().to_string();
    let evidence = a
        .evidence
        .into_iter()
        .map(|(url, quote, accessed)| Evidence {
            url,
            title: None,
            publisher: None,
            accessed: accessed.unwrap_or_else(|| day.clone()),
            quote,
            stance: None,
            added: a.modified.clone(),
            added_by: a.creator.clone(),
        })
        .collect();
    Claim {
        id: a.claim_id,
        article_id: article_id.to_string(),
        version: u32::try_from(version).unwrap_or(1),
        start: a.start,
        end: a.end,
        quote: a.quote,
        prefix: a.prefix,
        suffix: a.suffix,
        claimant: None,
        status: if a.verdict.is_some() { Status::Reviewed } else { Status::InReview },
        verdict: a.verdict,
        note: None,
        reviewer: a.creator.clone(),
        modified_by: a.creator,
        created: a.created,
        modified: a.modified,
        statement: a.statement,
        claim_type,
        claimant_role: None,
        claimant_url: None,
        rationale: a.rationale,
        tags,
        evidence,
        assignee: None,
        reviews: Vec::new(),
        anchor_state: AnchorState::Anchored,
        previous_quote: None,
        kept_on_version: false,
        value: None,
    }
}

/// Claim suggestions over an article's latest version (issue #7): its canonical text read with
/// the patterns of its language, relative dates resolved against its publication date.
pub async fn suggest(db: &Db, article_id: &str) -> Result<Vec<Suggestion>> {
    Ok(suggest_with_text(db, article_id).await?.1)
}

/// The article's latest text and the suggestions over it.
async fn suggest_with_text(db: &Db, article_id: &str) -> Result<(String, Vec<Suggestion>)> {
    let article = db.article(article_id).await?;
    let text = article.text.unwrap_or_default();
    let published = article.published.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let list = crate::suggest::suggest(&text, published, article.language.as_deref());
    Ok((text, list))
}

/// A suggestion as the reviewer sees it: the suggestion, the `occurrence` that names it with its
/// type and text (see [`SuggestionKey`]), and what was done with it — dismissed (by whom), or
/// already covered by a claim on the latest version.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewedSuggestion {
    #[serde(flatten)]
    pub suggestion: Suggestion,
    pub occurrence: usize,
    pub dismissed_by: Option<String>,
    /// A claim whose span covers the suggestion (for an attribution: covers its quote).
    pub claim_id: Option<String>,
}

/// The suggestions over an article's latest version, each with the reviewer's decision on it.
pub async fn review_suggestions(db: &Db, article_id: &str) -> Result<Vec<ReviewedSuggestion>> {
    let list = suggest(db, article_id).await?;
    let dismissals = db.dismissals(article_id).await?;
    let claims = db.claims(&ClaimFilter { article_id: Some(article_id.to_string()), ..ClaimFilter::default() }).await?;
    let latest = db.latest_version(article_id).await?.number;
    let on_latest: Vec<&Claim> =
        claims.iter().filter(|c| i64::from(c.version) == latest && c.anchor_state != AnchorState::Orphaned).collect();
    let covering = |s: &Suggestion| {
        on_latest.iter().find(|c| c.start <= s.start && s.end <= c.end).map(|c| c.id.clone())
    };
    let keys = crate::suggest::keys(&list);
    let out = list
        .iter()
        .zip(keys)
        .map(|(s, key)| {
            // An attribution is settled with its quote.
            let claim_id = covering(s).or_else(|| {
                (s.kind == SuggestionKind::Attribution).then(|| s.linked_to.and_then(|i| list.get(i)).and_then(covering)).flatten()
            });
            ReviewedSuggestion {
                dismissed_by: dismissals.iter().find(|d| d.key == key).map(|d| d.by.clone()),
                occurrence: key.occurrence,
                claim_id,
                suggestion: s.clone(),
            }
        })
        .collect();
    Ok(out)
}

/// Makes a claim of the suggestion `key` names on the article's latest version: anchored to its
/// span (an attribution's: its quote's, or its sentence's), pre-filled with its type, the value
/// read, the claimant (from the attribution) and its sentence as the draft statement.
pub async fn accept_suggestion(db: &Db, article_id: &str, key: &SuggestionKey, reviewer: &Reviewer) -> Result<Claim> {
    let (text, list) = suggest_with_text(db, article_id).await?;
    let draft = crate::suggest::find(&list, key)
        .and_then(|i| crate::suggest::draft(&text, &list, i))
        .ok_or_else(|| suggestion_not_found(article_id, key))?;
    let fields = ClaimFields {
        claim_type: Some(draft.claim_type.key().to_string()),
        claimant: draft.claimant,
        statement: Some(draft.statement),
        // The suggestion's type goes with the value: a percentage and a count read alike.
        value: draft.value.map(|v| typed_value(key.kind, v)),
        ..ClaimFields::default()
    };
    add_claim(db, article_id, Span::Range { start: draft.start, end: draft.end }, fields, reviewer).await
}

/// `value` with `"type": kind` first.
fn typed_value(kind: SuggestionKind, value: serde_json::Value) -> serde_json::Value {
    let mut typed = serde_json::Map::new();
    typed.insert("type".to_string(), serde_json::to_value(kind).unwrap_or(serde_json::Value::Null));
    if let serde_json::Value::Object(fields) = value {
        typed.extend(fields);
    }
    serde_json::Value::Object(typed)
}

/// Dismisses the suggestion `key` names (with its linked quote or attribution: one is not
/// worth a look without the other), remembered for this article.
pub async fn dismiss_suggestion(db: &Db, article_id: &str, key: &SuggestionKey, reviewer: &Reviewer) -> Result<()> {
    for key in with_linked(db, article_id, key).await? {
        db.dismiss_suggestion(article_id, &key, reviewer).await?;
    }
    Ok(())
}

/// Shows a dismissed suggestion again (with its linked quote or attribution).
pub async fn restore_suggestion(db: &Db, article_id: &str, key: &SuggestionKey) -> Result<()> {
    for key in with_linked(db, article_id, key).await? {
        db.restore_suggestion(article_id, &key).await?;
    }
    Ok(())
}

/// `key` and the key of the suggestion linked to it, if any.
async fn with_linked(db: &Db, article_id: &str, key: &SuggestionKey) -> Result<Vec<SuggestionKey>> {
    let list = suggest(db, article_id).await?;
    let keys = crate::suggest::keys(&list);
    let index = keys.iter().position(|k| k == key).ok_or_else(|| suggestion_not_found(article_id, key))?;
    let linked = list[index].linked_to.and_then(|i| keys.get(i)).cloned();
    Ok(std::iter::once(key.clone()).chain(linked).collect())
}

fn suggestion_not_found(article_id: &str, key: &SuggestionKey) -> Error {
    Error::SuggestionNotFound {
        article_id: article_id.to_string(),
        kind: format!("{:?}", key.kind).to_lowercase(),
        text: key.text.clone(),
        occurrence: key.occurrence,
    }
}
