//! One error type for the library. Every message is lowercase, names the offending value and,
//! where there is one, says what to do next — the CLI and the app show them as they are.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },

    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },

    #[error("cannot read standard input: {0}")]
    Stdin(std::io::Error),

    #[error("cannot fetch {url}: {problem}")]
    Fetch { url: String, problem: String },

    #[error("{source_name}: {problem}")]
    Extract { source_name: String, problem: ExtractProblem },

    #[error("cannot open the database {path}: {source} — check the path and its permissions, or pass another with --db")]
    OpenDatabase { path: PathBuf, source: sqlx::Error },

    #[error("cannot bring the database {path} up to date: {source}")]
    Migrate { path: PathBuf, source: sqlx::migrate::MigrateError },

    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),

    #[error("the folder {0} has no files to import — put saved pages or text files in it (hidden files and links are left out)")]
    EmptyFolder(PathBuf),

    #[error("no article with id {0} — list them with `claimdesk articles`")]
    ArticleNotFound(String),

    #[error("no claim with id {0} — list them with `claimdesk claims`")]
    ClaimNotFound(String),

    #[error("the quote {quote:?} does not occur in article {article_id}")]
    QuoteNotFound { article_id: String, quote: String },

    #[error("the quote {quote:?} occurs {found} time(s) in article {article_id}, so occurrence {wanted} does not exist")]
    OccurrenceNotFound { article_id: String, quote: String, found: usize, wanted: usize },

    #[error("the span {start}..{end} is not inside the article text, which is {len} characters long (start < end ≤ length)")]
    BadSpan { start: usize, end: usize, len: usize },

    #[error("unknown verdict {key:?} — the rating scale's keys are: {known}")]
    UnknownVerdict { key: String, known: String },

    #[error("unknown claim type {key:?} — the types are: {known}")]
    UnknownClaimType { key: String, known: String },

    #[error("unknown stance {0:?} — evidence either supports or refutes the claim")]
    UnknownStance(String),

    #[error("{what} {value:?} is not a web address — it must start with http:// or https://")]
    NotAUrl { what: &'static str, value: String },

    #[error("the access date {0:?} is not a date — write it as YYYY-MM-DD")]
    BadDate(String),

    #[error("unknown status {0:?} — use one of draft, in_review, reviewed, published, rejected")]
    UnknownStatus(String),

    #[error("a claim cannot move from {from} to {to} — from {from} it can go to: {allowed}")]
    Transition { from: String, to: String, allowed: String },

    #[error("a new claim starts as draft or in_review, not {0}")]
    NewClaimStatus(String),

    #[error("unknown setting {key:?} — the settings are: {known}")]
    UnknownSetting { key: String, known: String },

    #[error("the {export} export needs the setting {key}, which is not set — set it with `claimdesk config set {key} VALUE`{also}")]
    MissingSetting { key: String, export: &'static str, also: String },

    #[error("the export refuses: {0}")]
    ExportInvalid(String),

    #[error("cannot import the claims: {0}")]
    ImportInvalid(String),

    #[error("{path} is not a claimdesk export ({why}): import-claims reads what `claimdesk export --format json` writes")]
    NotAnExport { path: std::path::PathBuf, why: String },

    #[error("unknown export format {0:?}: use json, csv, claimreview, webannotation, markdown, html or checkthat")]
    UnknownFormat(String),

    #[error("the date range selects nothing: --since {since} is after --until {until}")]
    EmptyDateRange { since: chrono::NaiveDate, until: chrono::NaiveDate },

    #[error("one file per claim is written for ClaimReview only, not for {0}: use --format claimreview with --split")]
    SplitNeedsClaimReview(String),

    #[error("bad value {value:?} for {key}: {why}")]
    BadSetting { key: String, value: String, why: String },

    #[error("the reviewer name must not be empty — pass --reviewer NAME or set CLAIMDESK_REVIEWER")]
    EmptyReviewer,

    #[error("the rating scale {key:?} is not usable: {why}")]
    BadScale { key: String, why: String },

    #[error("unknown rating scale {key:?} — the scales are: {known} (add one with `claimdesk scale add FILE`)")]
    UnknownScale { key: String, known: String },

    #[error("a rating scale with the key {0:?} exists already — give the new one another key")]
    ScaleExists(String),

    #[error("cannot switch to the rating scale {key:?}: {count} claim(s) have verdicts it does not have ({verdicts}) — change those verdicts first")]
    ScaleDoesNotFit { key: String, count: usize, verdicts: String },

    #[error("{reviewer} made claim {claim_id}, so their verdict is the claim's own — a second review must come from another reviewer (--reviewer NAME)")]
    OwnClaimReview { claim_id: String, reviewer: String },

    #[error("claim {0} needs a second reviewer's verdict before it can be reviewed (the desk setting review.second_reviewer is on) — another reviewer runs `claimdesk claim review {0} --verdict KEY`")]
    NeedsSecondReview(String),

    #[error("article {article_id} has no version {number} — list its versions with `claimdesk article versions {article_id}`")]
    VersionNotFound { article_id: String, number: u32 },

    #[error("claim {claim_id} has no changed quote to confirm (its anchor is {state})")]
    NothingToConfirm { claim_id: String, state: &'static str },

    #[error("claim {claim_id} is not an orphan (its anchor is {state}), so there is nothing to keep — only orphans stay on an older version")]
    NotAnOrphan { claim_id: String, state: &'static str },

    #[error("unknown anchor state {0:?} in the database — it holds anchored, moved, changed or orphaned; the file may come from a newer claimdesk")]
    UnknownAnchorState(String),

    #[error("the database holds a claim this claimdesk cannot read ({0}); the file may come from a newer claimdesk")]
    UnreadableClaim(String),

    #[error("bad {what} {value:?}: {why}")]
    BadProfile { what: &'static str, value: String, why: &'static str },

    #[error("the article id {0:?} is not a valid id (ids are UUIDs)")]
    BadId(String),

    #[error("article {article_id} has no {kind} suggestion {text:?} (occurrence {occurrence}) — the article may have changed; list its suggestions again")]
    SuggestionNotFound { article_id: String, kind: String, text: String, occurrence: usize },

    #[error("{source_name}: claimdesk failed while extracting this page ({why}) — nothing was stored; please report the page, and paste its text instead for now")]
    ExtractionFailed { source_name: String, why: String },

    #[error("the database {path} was made by a newer claimdesk (it has schema version {version}; this claimdesk knows versions up to {known}) — open it with that claimdesk or a newer one; it was left as it is")]
    NewerDatabase { path: PathBuf, version: i64, known: i64 },

    #[error("{0} is a SQLite database but not a claimdesk one (it has tables but no claimdesk schema history), so it was left as it is — pass another file with --db")]
    NotClaimdeskDatabase(PathBuf),

    #[error("cannot back up the database {path} to {backup} before upgrading its schema: {problem} — the database was not upgraded and is as it was; free some disk space or make its folder writable (and delete any partial copy), then open it again")]
    Backup { path: PathBuf, backup: PathBuf, problem: String },

    #[error("cannot bring the database {path} up to date: {source} — a copy made just before the upgrade is at {backup}")]
    UpgradeFailed { path: PathBuf, backup: PathBuf, source: sqlx::migrate::MigrateError },

    #[error("cannot read {0}: there is no such file — check the path")]
    NoSuchFile(PathBuf),

    #[error("cannot read {path}: it is a link to {target}, which does not exist — import the file itself")]
    DanglingLink { path: PathBuf, target: PathBuf },

    #[error("cannot read {0}: it is a folder, not a file — name a file (`claimdesk import FOLDER` imports every file in a folder)")]
    IsAFolder(PathBuf),

    #[error("cannot read {path}: it is a {kind}, not a file — save the article to a file and import that, or pipe it to `claimdesk import -`")]
    NotAFile { path: PathBuf, kind: &'static str },

    #[error("cannot read {0}: permission denied — ask its owner for read access, or import it as a user who can read it")]
    ReadDenied(PathBuf),

    #[error("cannot read {path}: {why} — the file or its disk may be damaged; copy it elsewhere and try again")]
    ReadFailed { path: PathBuf, why: String },

    #[error("cannot use the database {path}: {why} — pass a database in a writable folder with --db PATH (or CLAIMDESK_DB)")]
    DatabaseUnusable { path: PathBuf, why: String },

    #[error("the disk holding the database {0} is full, so nothing was stored — free some space and try again")]
    DiskFull(PathBuf),

    #[error("the database {0} cannot be written (the file or its folder is read-only), so nothing was stored — make both writable, or pass another with --db PATH")]
    ReadOnlyDatabase(PathBuf),
}

/// Why an article could not be extracted. Kept apart from [`Error`] so extraction stays a pure
/// function of bytes that the benchmark and fuzzers can call without a database.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractProblem {
    #[error("the input is empty — there is no text to import; check that this is the file you meant (a failed download or save leaves an empty file)")]
    Empty,
    #[error("this is a PDF file, and PDF import is not supported yet — copy the article text and paste it instead")]
    Pdf,
    #[error("this is a {0} file, not an article — import a saved HTML page, a text file or pasted text")]
    Binary(&'static str),
    #[error("no article text found — paste the text instead")]
    NoText,
    #[error("the input is {} ({size} bytes), over the {limit}-byte limit ({}) — check that this is the file you meant; if it really is one article, raise the limit with `claimdesk config set import.max_bytes N` (or --max-bytes)", crate::article::human_size(*.size), crate::article::human_size(*.limit))]
    TooLarge { size: u64, limit: u64 },
    #[error("the compressed file unpacks to more than {limit} bytes ({}), the import limit, so unpacking stopped there — this is not one saved article; if you expected one, unpack it yourself and import the page inside", crate::article::human_size(*.limit))]
    GzipTooLarge { limit: u64 },
    #[error("the compressed file is damaged: {0}")]
    BadGzip(String),
    #[error("{count} character(s) of the article could not be read as {charset} and would be stored as � (the first near {near:?}) — the file is damaged or not in {charset}: save the page again, or copy the article text from a browser and paste it instead")]
    Undecodable { charset: &'static str, count: usize, near: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
