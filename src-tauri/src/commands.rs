//! The commands the web view may call (each granted in capabilities/main.json). Each is a shell
//! over one library function; errors reach the UI as their message. Offsets are code points.
//! File paths never come from the web view: the host opens the dialog and uses what the reviewer
//! picked.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};

use claimdesk::article::source::Provenance;
use claimdesk::article::{self, Article};
use claimdesk::claim::{self, Claim, ClaimFields, RatingScale, Status};
use claimdesk::desk::{self, FolderProgress, FolderReport, Span};
use claimdesk::export::{self, claimreview, ExportFilter};
use claimdesk::agreement::Agreement;
use claimdesk::compare::{self, Segment};
use claimdesk::store::{ArticleSummary, ClaimFilter, HistoryEntry, ImportOutcome, ImportReport, Reviewer, VersionSummary};
use claimdesk::settings;
use claimdesk::suggest::SuggestionKey;

use crate::startup::AppState;

type Reply<T> = Result<T, String>;

fn message(e: claimdesk::Error) -> String {
    e.to_string()
}

#[derive(Serialize)]
pub struct Session {
    reviewer: Reviewer,
    /// The reviewer was named at start-up: the app need not ask who is reviewing.
    chosen: bool,
    database: String,
    scale: RatingScale,
    transitions: std::collections::BTreeMap<&'static str, Vec<&'static str>>,
    /// `reviewed` needs a second reviewer's verdict (the review.second_reviewer setting).
    second_reviewer: bool,
    /// Where the database was copied before this start upgraded its schema, if it did.
    backup: Option<String>,
}

#[derive(Serialize)]
pub struct ExportOutcome {
    /// The file written, or the folder for one file per claim.
    path: String,
    claims: usize,
    /// Not fatal, but worth telling the reviewer (a statement too long for a search snippet…).
    warnings: Vec<String>,
    /// One file per claim was written into the folder `path`.
    split: bool,
}

async fn current_session(state: &AppState) -> Reply<Session> {
    Ok(Session {
        reviewer: state.acting(),
        chosen: state.chosen,
        database: state.db.path().display().to_string(),
        scale: desk::scale(&state.db).await.map_err(message)?,
        transitions: claim::transitions(),
        second_reviewer: settings::second_reviewer_required(&state.db).await.map_err(message)?,
        backup: state.db.backup_made().map(|p| p.display().to_string()),
    })
}

#[tauri::command]
pub async fn session(state: State<'_, AppState>) -> Reply<Session> {
    current_session(&state).await
}

#[tauri::command]
pub async fn list_reviewers(state: State<'_, AppState>) -> Reply<Vec<Reviewer>> {
    state.db.reviewers().await.map_err(message)
}

/// Makes `name` the acting reviewer (created on first use) for everything the app does next.
#[tauri::command]
pub async fn choose_reviewer(state: State<'_, AppState>, name: String) -> Reply<Session> {
    let reviewer = state.db.reviewer(&name).await.map_err(message)?;
    state.set_acting(reviewer);
    current_session(&state).await
}

#[tauri::command]
pub async fn review_claim(state: State<'_, AppState>, id: String, verdict: String, note: Option<String>) -> Reply<Claim> {
    desk::review_claim(&state.db, &id, &verdict, note, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn agreement(state: State<'_, AppState>, article_id: Option<String>) -> Reply<Agreement> {
    desk::agreement(&state.db, article_id.as_deref()).await.map_err(message)
}

#[tauri::command]
pub async fn list_articles(state: State<'_, AppState>) -> Reply<Vec<ArticleSummary>> {
    state.db.articles().await.map_err(message)
}

#[tauri::command]
pub async fn get_article(state: State<'_, AppState>, id: String) -> Reply<Article> {
    state.db.article(&id).await.map_err(message)
}

#[tauri::command]
pub async fn import_text(
    state: State<'_, AppState>,
    text: String,
    url: Option<String>,
    version_of: Option<String>,
) -> Reply<ImportOutcome> {
    let provenance = Provenance { url: url.filter(|u| !u.trim().is_empty()), download: None, version_of };
    let max_bytes = settings::max_import_bytes(&state.db).await.map_err(message)?;
    desk::import(&state.db, text.as_bytes(), "pasted text", &provenance, &state.acting(), max_bytes)
        .await
        .map_err(message)
}

#[tauri::command]
pub async fn import_url(state: State<'_, AppState>, url: String) -> Reply<ImportOutcome> {
    let url = url.trim();
    if !article::source::is_url(url) {
        return Err(format!("{url:?} is not a web address — it must start with http:// or https://"));
    }
    let max_bytes = settings::max_import_bytes(&state.db).await.map_err(message)?;
    let (bytes, provenance) = article::source::load(url, max_bytes).await.map_err(message)?;
    desk::import(&state.db, &bytes, url, &provenance, &state.acting(), max_bytes).await.map_err(message)
}

#[tauri::command]
pub async fn import_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    on_progress: Channel<FolderProgress>,
) -> Reply<Option<FolderReport>> {
    let dialog = start_in_home(&app, app.dialog().file().set_title("Import a folder of articles"));
    let Some(dir) = pick(move || dialog.blocking_pick_folder()).await? else {
        return Ok(None);
    };
    let max_bytes = settings::max_import_bytes(&state.db).await.map_err(message)?;
    let report = desk::import_folder(&state.db, &dir, &state.acting(), max_bytes, |step| {
        // A closed window cannot take progress; the import itself goes on.
        let _ = on_progress.send(step.clone());
    })
    .await
    .map_err(message)?;
    Ok(Some(report))
}

#[tauri::command]
pub async fn import_file(
    app: AppHandle,
    state: State<'_, AppState>,
    version_of: Option<String>,
) -> Reply<Option<ImportOutcome>> {
    let dialog = start_in_home(
        &app,
        app.dialog()
            .file()
            .set_title("Import an article")
            .add_filter("Saved pages and text", &["html", "htm", "xhtml", "gz", "txt", "text"]),
    );
    let Some(path) = pick(move || dialog.blocking_pick_file()).await? else {
        return Ok(None);
    };
    let source = path.display().to_string();
    let max_bytes = settings::max_import_bytes(&state.db).await.map_err(message)?;
    let bytes = article::source::read(&source, max_bytes).map_err(message)?;
    let provenance = Provenance { version_of, ..Provenance::default() };
    desk::import(&state.db, &bytes, &source, &provenance, &state.acting(), max_bytes)
        .await
        .map(Some)
        .map_err(message)
}

#[tauri::command]
pub async fn list_claims(state: State<'_, AppState>, article_id: Option<String>) -> Reply<Vec<Claim>> {
    let filter = ClaimFilter { article_id, statuses: Vec::new(), ..ClaimFilter::default() };
    state.db.claims(&filter).await.map_err(message)
}

#[tauri::command]
pub async fn create_claim(
    state: State<'_, AppState>,
    article_id: String,
    start: usize,
    end: usize,
    fields: ClaimFields,
) -> Reply<Claim> {
    desk::add_claim(&state.db, &article_id, Span::Range { start, end }, fields, &state.acting())
        .await
        .map_err(message)
}

#[tauri::command]
pub async fn update_claim(state: State<'_, AppState>, id: String, fields: ClaimFields) -> Reply<Claim> {
    desk::update_claim(&state.db, &id, fields, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn list_versions(state: State<'_, AppState>, article_id: String) -> Reply<Vec<VersionSummary>> {
    state.db.versions(&article_id).await.map_err(message)
}

#[tauri::command]
pub async fn get_version(state: State<'_, AppState>, article_id: String, number: u32) -> Reply<Article> {
    state.db.article_version(&article_id, number).await.map_err(message)
}

#[tauri::command]
pub async fn compare_versions(state: State<'_, AppState>, article_id: String, from: u32, to: u32) -> Reply<Vec<Segment>> {
    let old = state.db.version_text(&article_id, from).await.map_err(message)?;
    let new = state.db.version_text(&article_id, to).await.map_err(message)?;
    Ok(compare::compare(&old, &new))
}

#[tauri::command]
pub async fn confirm_anchor(state: State<'_, AppState>, id: String) -> Reply<Claim> {
    state.db.confirm_anchor(&id, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn reattach_claim(state: State<'_, AppState>, id: String, start: usize, end: usize) -> Reply<Claim> {
    desk::reattach_claim(&state.db, &id, Span::Range { start, end }, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn keep_on_version(state: State<'_, AppState>, id: String) -> Reply<Claim> {
    state.db.keep_on_version(&id, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn claim_history(state: State<'_, AppState>, id: String) -> Reply<Vec<HistoryEntry>> {
    state.db.claim_history(&id).await.map_err(message)
}

/// Which claims an export takes, as the export dialog sends it. Days are `YYYY-MM-DD`; an empty
/// or missing value selects everything.
#[derive(Deserialize)]
pub struct ExportChoice {
    statuses: Vec<Status>,
    article_id: Option<String>,
    since: Option<String>,
    until: Option<String>,
    reviewer: Option<String>,
    tag: Option<String>,
}

impl ExportChoice {
    fn into_filter(self) -> Reply<ExportFilter> {
        Ok(ExportFilter {
            statuses: self.statuses,
            article_id: given(self.article_id),
            since: day(self.since, "since")?,
            until: day(self.until, "until")?,
            reviewer: given(self.reviewer),
            tag: given(self.tag),
        })
    }
}

/// `None` for a missing or blank value (a select left on "any").
fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// A `YYYY-MM-DD` day from a date field; `None` when it is empty.
fn day<T: std::str::FromStr>(value: Option<String>, what: &str) -> Reply<Option<T>> {
    given(value)
        .map(|v| v.parse().map_err(|_| format!("the {what} date {v:?} is not a day of the form YYYY-MM-DD")))
        .transpose()
}

/// How many claims the export dialog's choice selects (its live count).
#[tauri::command]
pub async fn count_export(state: State<'_, AppState>, choice: ExportChoice) -> Reply<usize> {
    let filter = choice.into_filter()?;
    Ok(state.db.claims(&filter.claim_filter()).await.map_err(message)?.len())
}

/// Exports the claims `choice` selects in `format` (a `Format::key`) to a file the reviewer picks
/// — or, with `split` (ClaimReview only), one file per claim into a folder they pick. The export
/// is checked first, so a refusal reaches the reviewer before any dialog opens; null when they
/// cancel the dialog.
#[tauri::command]
pub async fn export_claims(
    app: AppHandle,
    state: State<'_, AppState>,
    format: String,
    choice: ExportChoice,
    bom: bool,
    split: bool,
) -> Reply<Option<ExportOutcome>> {
    let format = export::Format::parse(&format).map_err(message)?;
    let filter = choice.into_filter()?;
    let export = export::prepare(&state.db, format, &filter, export::Options { bom }).await.map_err(message)?;
    if split {
        let dialog = start_in_home(&app, app.dialog().file().set_title("Export claims: choose a folder for the ClaimReview files"));
        let Some(dir) = pick(move || dialog.blocking_pick_folder()).await? else {
            return Ok(None);
        };
        let claims = export.write_split(&dir).map_err(message)?;
        return Ok(Some(ExportOutcome { path: dir.display().to_string(), claims, warnings: export.warnings, split: true }));
    }
    let extension = format.extension();
    let dialog = app
        .dialog()
        .file()
        .set_title("Export claims")
        .set_file_name(format!("claimdesk-{}.{extension}", chrono_today()))
        .add_filter(format!("{} (.{extension})", format.key()), &[extension]);
    let Some(path) = pick(move || dialog.blocking_save_file()).await? else {
        return Ok(None);
    };
    export.write_to(&path).map_err(message)?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), claims: export.claims(), warnings: export.warnings, split: false }))
}

/// Merges a claim set exported as native JSON (here or on another desk), from a file the
/// reviewer picks, under the acting reviewer; null when they cancel the dialog.
#[tauri::command]
pub async fn import_claims(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<ImportReport>> {
    let dialog = start_in_home(
        &app,
        app.dialog().file().set_title("Import claims").add_filter("claimdesk export (native JSON or Web Annotation)", &["json", "jsonld"]),
    );
    let Some(path) = pick(move || dialog.blocking_pick_file()).await? else {
        return Ok(None);
    };
    desk::import_claims(&state.db, &path, &state.acting()).await.map(Some).map_err(message)
}

/// A setting the ClaimReview export needs, and its value (null: not set).
#[derive(Serialize)]
pub struct DeskSetting {
    key: &'static str,
    value: Option<String>,
}

/// The settings the ClaimReview export reads, so the export dialog can offer to fill the
/// missing ones.
#[tauri::command]
pub async fn claimreview_settings(state: State<'_, AppState>) -> Reply<Vec<DeskSetting>> {
    let mut found = Vec::new();
    for key in claimreview::SETTINGS {
        found.push(DeskSetting { key, value: settings::get(&state.db, key).await.map_err(message)? });
    }
    Ok(found)
}

/// Sets one of the ClaimReview settings (checked as `claimdesk config set` checks it). The other
/// desk settings stay with the command line: the window has no business changing import limits
/// or the review rules.
#[tauri::command]
pub async fn set_claimreview_setting(state: State<'_, AppState>, key: String, value: String) -> Reply<()> {
    if !claimreview::SETTINGS.contains(&key.as_str()) {
        return Err(format!("{key:?} is not a ClaimReview setting ({})", claimreview::SETTINGS.join(", ")));
    }
    settings::set(&state.db, &key, &value).await.map_err(message)
}

/// Opens dialogs in the home folder: GTK otherwise starts on "Recent", where no folder can be
/// chosen.
fn start_in_home(app: &AppHandle, dialog: FileDialogBuilder<tauri::Wry>) -> FileDialogBuilder<tauri::Wry> {
    match app.path().home_dir() {
        Ok(home) => dialog.set_directory(home),
        Err(_) => dialog,
    }
}

/// Runs a blocking file dialog off the async workers and turns its answer into a local path.
async fn pick(
    open: impl FnOnce() -> Option<tauri_plugin_dialog::FilePath> + Send + 'static,
) -> Reply<Option<PathBuf>> {
    let picked = tauri::async_runtime::spawn_blocking(open).await.map_err(|e| format!("the file dialog failed: {e}"))?;
    picked
        .map(|p| p.into_path().map_err(|e| format!("the chosen file is not a local path: {e}")))
        .transpose()
}

fn chrono_today() -> String {
    claimdesk::store::now().chars().take(10).collect()
}

/// The suggestions over the article's latest version, with what the reviewers did with each.
#[tauri::command]
pub async fn list_suggestions(state: State<'_, AppState>, article_id: String) -> Reply<Vec<desk::ReviewedSuggestion>> {
    desk::review_suggestions(&state.db, &article_id).await.map_err(message)
}

/// Makes a pre-filled claim of a suggestion.
#[tauri::command]
pub async fn accept_suggestion(state: State<'_, AppState>, article_id: String, key: SuggestionKey) -> Reply<Claim> {
    desk::accept_suggestion(&state.db, &article_id, &key, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn dismiss_suggestion(state: State<'_, AppState>, article_id: String, key: SuggestionKey) -> Reply<()> {
    desk::dismiss_suggestion(&state.db, &article_id, &key, &state.acting()).await.map_err(message)
}

#[tauri::command]
pub async fn restore_suggestion(state: State<'_, AppState>, article_id: String, key: SuggestionKey) -> Reply<()> {
    desk::restore_suggestion(&state.db, &article_id, &key).await.map_err(message)
}
