//! The `claimdesk` command line: a thin layer over the library, as specified in the CLI contract.
//! Exit status: 0 on success, 2 on a usage error (clap), 1 on any other error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use serde::Serialize;

use claimdesk::article::{self, DEFAULT_MAX_BYTES};
use claimdesk::claim::{ClaimFields, NewEvidence, RatingScale, Stance, Status};
use claimdesk::desk::{self, Span};
use claimdesk::export::{self, ExportFilter, Format};
use claimdesk::store::{ClaimFilter, Db, Profile, Reviewer};
use claimdesk::{settings, Error};

#[derive(Parser)]
#[command(name = "claimdesk", version, about = "Mark up, review and export the claims in news articles")]
struct Cli {
    /// The database file (default: claimdesk/claimdesk.db in the platform data directory).
    #[arg(long, global = true, env = "CLAIMDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Who is acting (default: the operating-system user name); created on first use.
    #[arg(long, global = true, env = "CLAIMDESK_REVIEWER", value_name = "NAME")]
    reviewer: Option<String>,
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
enum Command {
    /// Extract articles and print them; stores nothing.
    Extract {
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<String>,
        #[command(flatten)]
        output: JsonOrLines,
        #[arg(long, default_value_t = DEFAULT_MAX_BYTES, value_name = "BYTES")]
        max_bytes: u64,
    },
    /// Extract an article and store it; prints its id.
    Import {
        #[arg(value_name = "SOURCE")]
        source: String,
        /// Where a saved page or a paste came from.
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        json: bool,
        /// The largest input accepted (default: the import.max_bytes setting, else 20 MB).
        #[arg(long, value_name = "BYTES")]
        max_bytes: Option<u64>,
        /// Store it as a new version of this article, whatever its address.
        #[arg(long, value_name = "ARTICLE_ID")]
        version_of: Option<String>,
    },
    /// List the stored articles.
    Articles {
        #[arg(long)]
        json: bool,
    },
    /// One article.
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// Make or change a claim.
    Claim {
        #[command(subcommand)]
        command: ClaimCommand,
    },
    /// List claims.
    Claims {
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        #[arg(long)]
        json: bool,
    },
    /// Reviewer profiles.
    Reviewer {
        #[command(subcommand)]
        command: ReviewerCommand,
    },
    /// List the reviewers.
    Reviewers {
        #[arg(long)]
        json: bool,
    },
    /// List the rating scales (the one in use is marked; pick one with `config set review.scale KEY`).
    Scales {
        #[arg(long)]
        json: bool,
    },
    /// Add a desk-defined rating scale.
    Scale {
        #[command(subcommand)]
        command: ScaleCommand,
    },
    /// Suggest check-worthy spans in an article's latest version: quantities, percentages,
    /// money, dates, durations, quotes and attributions, with their values.
    Suggest {
        #[arg(value_name = "ARTICLE_ID")]
        article_id: String,
        #[arg(long)]
        json: bool,
    },
    /// How far independent verdicts agree (Cohen's kappa, Krippendorff's alpha).
    Agreement {
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Desk settings used by exports.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Merge claims exported as native JSON (here or on another desk) into this desk.
    ImportClaims {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Export claims (by default the reviewed and published ones).
    Export {
        /// json, csv, claimreview, webannotation, markdown, html, checkthat.
        #[arg(long, value_parser = parse_format)]
        format: Format,
        #[arg(long, value_parser = parse_status)]
        status: Vec<Status>,
        #[arg(long, value_name = "ID")]
        article: Option<String>,
        /// Claims last changed on or after this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        since: Option<NaiveDate>,
        /// Claims last changed on or before this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        until: Option<NaiveDate>,
        /// Claims this reviewer made or gave an independent verdict on.
        #[arg(long = "by", value_name = "NAME")]
        by: Option<String>,
        /// Claims with this tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// csv: start with a byte-order mark, for spreadsheet software.
        #[arg(long)]
        bom: bool,
        /// claimreview: one file per claim in DIR (named after the claim id) instead of one array.
        #[arg(long, value_name = "DIR", conflicts_with = "output")]
        split: Option<PathBuf>,
    },
}

#[derive(Args)]
#[group(multiple = false)]
struct JsonOrLines {
    /// One JSON value (one SOURCE).
    #[arg(long)]
    json: bool,
    /// One JSON object a line.
    #[arg(long)]
    jsonl: bool,
}

#[derive(Subcommand)]
enum ArticleCommand {
    /// One article: its latest version, or the one named.
    Show {
        id: String,
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Every stored version of an article.
    Versions {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ClaimCommand {
    /// Make a claim of a span: the N-th occurrence of a quote, or code-point offsets.
    Add {
        article_id: String,
        #[command(flatten)]
        span: SpanArgs,
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
    /// Every change to a claim: who, when, which field, old → new.
    History {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Give your own, independent verdict on a claim someone else made (a second review); the
    /// claim's verdict stays its author's.
    Review {
        claim_id: String,
        /// A key of the rating scale in use (see `claimdesk scales`).
        #[arg(long)]
        verdict: String,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Accept the edited quote of a claim whose article changed (anchor_state "changed").
    Confirm {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Put an orphaned or changed claim on a span of the article's latest version.
    Reattach {
        claim_id: String,
        #[command(flatten)]
        span: SpanArgs,
        #[arg(long)]
        json: bool,
    },
    /// Keep an orphaned claim as a claim about the version it was made on.
    Keep {
        claim_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change a claim's fields.
    Set {
        claim_id: String,
        #[command(flatten)]
        fields: Fields,
        #[arg(long)]
        json: bool,
    },
}

/// Which span: the N-th occurrence of a quote, or code-point offsets.
#[derive(Args)]
struct SpanArgs {
    #[arg(long, required_unless_present = "start", conflicts_with_all = ["start", "end"])]
    quote: Option<String>,
    #[arg(long, default_value_t = 1, requires = "quote", value_parser = clap::value_parser!(u64).range(1..))]
    occurrence: u64,
    #[arg(long, requires = "end")]
    start: Option<usize>,
    #[arg(long, requires = "start")]
    end: Option<usize>,
}

impl SpanArgs {
    fn into_span(self) -> Result<Span, Failure> {
        match (self.quote, self.start, self.end) {
            (Some(text), _, _) => {
                Ok(Span::Quote { text, occurrence: usize::try_from(self.occurrence).unwrap_or(usize::MAX) })
            }
            (None, Some(start), Some(end)) => Ok(Span::Range { start, end }),
            // clap's argument rules make this unreachable; say so plainly if they change.
            _ => Err(Failure::Message("give --quote TEXT or --start N --end N".into())),
        }
    }
}

#[derive(Args)]
struct Fields {
    #[arg(long)]
    claimant: Option<String>,
    /// The claimant's role or organisation.
    #[arg(long)]
    claimant_role: Option<String>,
    /// A URL identifying the claimant.
    #[arg(long)]
    claimant_url: Option<String>,
    /// A key of the rating scale in use (default scale: true, mostly_true, mixed, mostly_false,
    /// false, unverifiable; see `claimdesk scales`).
    #[arg(long)]
    verdict: Option<String>,
    #[arg(long, value_parser = parse_status)]
    status: Option<Status>,
    #[arg(long)]
    note: Option<String>,
    /// What is claimed, in one sentence.
    #[arg(long)]
    statement: Option<String>,
    /// quantity, prediction, correlation_causation, laws_rules, personal_experience or other.
    #[arg(long = "type", value_name = "TYPE")]
    claim_type: Option<String>,
    /// Why the verdict (markdown).
    #[arg(long)]
    rationale: Option<String>,
    /// Add a tag (repeat for several).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Remove a tag (repeat for several).
    #[arg(long = "untag", value_name = "TAG")]
    untags: Vec<String>,
    /// The reviewer to assign the claim to (created on first use); "" unassigns.
    #[arg(long)]
    assignee: Option<String>,
    /// Add a source consulted for the verdict.
    #[arg(long, value_name = "URL")]
    add_evidence: Option<String>,
    /// The passage of that source that supports or refutes the claim.
    #[arg(long, requires = "add_evidence")]
    evidence_quote: Option<String>,
    #[arg(long, requires = "add_evidence", value_parser = ["supports", "refutes"])]
    evidence_stance: Option<String>,
    #[arg(long, requires = "add_evidence")]
    evidence_title: Option<String>,
    #[arg(long, requires = "add_evidence")]
    evidence_publisher: Option<String>,
    /// When the source was read, YYYY-MM-DD (default: today).
    #[arg(long, requires = "add_evidence", value_name = "DATE")]
    evidence_accessed: Option<String>,
}

impl Fields {
    fn into_claim_fields(self) -> ClaimFields {
        if let Some(warning) = self.statement.as_deref().and_then(claimdesk::claim::statement_warning) {
            eprintln!("warning: {warning}");
        }
        ClaimFields {
            claimant: self.claimant,
            claimant_role: self.claimant_role,
            claimant_url: self.claimant_url,
            verdict: self.verdict,
            status: self.status,
            note: self.note,
            statement: self.statement,
            claim_type: self.claim_type,
            rationale: self.rationale,
            assignee: self.assignee,
            add_tags: self.tags,
            remove_tags: self.untags,
            // Only a claim made from a suggestion carries a value read by claimdesk.
            value: None,
            add_evidence: self.add_evidence.map(|url| NewEvidence {
                url,
                title: self.evidence_title,
                publisher: self.evidence_publisher,
                accessed: self.evidence_accessed,
                quote: self.evidence_quote,
                stance: self.evidence_stance.as_deref().and_then(|s| Stance::parse(s).ok()),
            }),
        }
    }
}

#[derive(Subcommand)]
enum ReviewerCommand {
    /// Create a reviewer (or change their initials or colour).
    Add {
        name: String,
        /// One to three letters shown in badges (default: from the name).
        #[arg(long)]
        initials: Option<String>,
        /// #rrggbb (default: one picked from the name).
        #[arg(long)]
        colour: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ScaleCommand {
    /// Add a scale from a JSON file shaped like an entry of `claimdesk scales --json`.
    Add {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    Set { key: String, value: String },
    Get { key: String },
    List {
        #[arg(long)]
        json: bool,
    },
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).map_err(|e| e.to_string())
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("{s:?} is not a day: write it as YYYY-MM-DD"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).map_err(|e| e.to_string())
}

/// Everything a command can fail with: a library error, or a plain message of the CLI's own.
enum Failure {
    Lib(Error),
    Message(String),
    /// Already reported (per-source errors in `extract --jsonl`).
    Reported,
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Lib(e)
    }
}

type Outcome = Result<(), Failure>;

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let db_path = cli.db.clone().or_else(Db::default_path);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match failure {
                // Any command can find the disk full or the database read-only; say so plainly.
                Failure::Lib(e) => match &db_path {
                    Some(path) => eprintln!("error: {}", desk::database_error(path, e)),
                    None => eprintln!("error: {e}"),
                },
                Failure::Message(m) => eprintln!("error: {m}"),
                Failure::Reported => {}
            }
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Outcome {
    let Cli { db, reviewer, command } = cli;
    let session = Session { db_path: db, reviewer_name: reviewer };
    match command {
        Command::Extract { sources, output, max_bytes } => extract(&sources, output, max_bytes).await,
        Command::Import { source, url, json, max_bytes, version_of } => {
            let db = session.open().await?;
            let max_bytes = match max_bytes {
                Some(n) => n,
                None => settings::max_import_bytes(&db).await?,
            };
            if Path::new(&source).is_dir() {
                if url.is_some() || version_of.is_some() {
                    eprintln!("error: --url and --version-of describe one page; they cannot go with a folder");
                    std::process::exit(2);
                }
                let reviewer = session.reviewer(&db).await?;
                return import_folder(&db, Path::new(&source), &reviewer, max_bytes, json).await;
            }
            let (bytes, mut provenance) = article::source::load(&source, max_bytes).await?;
            provenance.url = url.filter(|u| !u.trim().is_empty());
            provenance.version_of = version_of;
            // The file is read and extracted before a new reviewer is created, so a bad file
            // leaves the database exactly as it was.
            let prepared = desk::prepare_import(&db, &bytes, &source, &provenance, max_bytes).await?;
            let reviewer = session.reviewer(&db).await?;
            let outcome = desk::finish_import(&db, prepared, &bytes, &provenance, &reviewer).await?;
            if let Some(c) = &outcome.carried {
                eprintln!(
                    "new version {}: claims anchored {}, moved {}, changed {} (confirm them), orphaned {}",
                    outcome.article.version.unwrap_or(0),
                    c.anchored,
                    c.moved,
                    c.changed,
                    c.orphaned
                );
            }
            let id = outcome.article.id.clone().unwrap_or_default();
            print_either(json, &outcome.article, || id)
        }
        Command::Articles { json } => {
            let db = session.open().await?;
            let articles = db.articles().await?;
            print_either(json, &articles, || {
                articles
                    .iter()
                    .map(|s| {
                        let a = &s.article;
                        format!(
                            "{}\t{}\t{}\t{} claim(s)\t{}",
                            a.id.as_deref().unwrap_or(""),
                            a.published.as_deref().unwrap_or("-"),
                            a.publisher.as_deref().unwrap_or("-"),
                            s.claims,
                            a.title.as_deref().unwrap_or("(untitled)")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Article { command: ArticleCommand::Versions { id, json } } => {
            let db = session.open().await?;
            let versions = db.versions(&id).await?;
            print_either(json, &versions, || {
                versions
                    .iter()
                    .map(|v| {
                        format!(
                            "{}\t{}\t{}\t{} chars\t{} claim(s)\t{}",
                            v.number,
                            v.imported,
                            v.imported_by,
                            v.chars,
                            v.claims,
                            v.title.as_deref().unwrap_or("(untitled)")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Article { command: ArticleCommand::Show { id, version, json } } => {
            let db = session.open().await?;
            let a = match version {
                Some(n) => db.article_version(&id, n).await?,
                None => db.article(&id).await?,
            };
            print_either(json, &a, || {
                let meta: Vec<&str> =
                    [&a.byline, &a.publisher, &a.published, &a.url].into_iter().flatten().map(String::as_str).collect();
                format!(
                    "{}\n{}\n{}\n\n{}",
                    a.title.as_deref().unwrap_or("(untitled)"),
                    meta.join(" · "),
                    a.id.as_deref().unwrap_or(""),
                    a.text.as_deref().unwrap_or("")
                )
            })
        }
        Command::Claim { command: ClaimCommand::Add { article_id, span, fields, json } } => {
            let span = span.into_span()?;
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = desk::add_claim(&db, &article_id, span, fields.into_claim_fields(), &reviewer).await?;
            let id = claim.id.clone();
            print_either(json, &claim, || id)
        }
        Command::Claim { command: ClaimCommand::Set { claim_id, fields, json } } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = desk::update_claim(&db, &claim_id, fields.into_claim_fields(), &reviewer).await?;
            let id = claim.id.clone();
            print_either(json, &claim, || id)
        }
        Command::Claim { command: ClaimCommand::History { claim_id, json } } => {
            let db = session.open().await?;
            let history = db.claim_history(&claim_id).await?;
            print_either(json, &history, || {
                let shown = |v: &Option<String>| v.as_deref().map_or("∅".to_string(), |v| format!("{v:?}"));
                history
                    .iter()
                    .map(|h| format!("{}\t{}\t{}: {} → {}", h.at, h.reviewer, h.field, shown(&h.old), shown(&h.new)))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Claim { command: ClaimCommand::Confirm { claim_id, json } } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = db.confirm_anchor(&claim_id, &reviewer).await?;
            print_either(json, &claim, || claim.id.clone())
        }
        Command::Claim { command: ClaimCommand::Keep { claim_id, json } } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = db.keep_on_version(&claim_id, &reviewer).await?;
            print_either(json, &claim, || claim.id.clone())
        }
        Command::Claim { command: ClaimCommand::Reattach { claim_id, span, json } } => {
            let span = span.into_span()?;
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = desk::reattach_claim(&db, &claim_id, span, &reviewer).await?;
            print_either(json, &claim, || claim.id.clone())
        }
        Command::Claim { command: ClaimCommand::Review { claim_id, verdict, note, json } } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let claim = desk::review_claim(&db, &claim_id, &verdict, note, &reviewer).await?;
            let review = claim.reviews.iter().find(|r| r.reviewer == reviewer.name);
            print_either(json, &review, || claim.id.clone())
        }
        Command::Reviewer { command: ReviewerCommand::Add { name, initials, colour, json } } => {
            let db = session.open().await?;
            let reviewer = db.set_profile(&name, &Profile { initials, colour }).await?;
            print_either(json, &reviewer, || reviewer.name.clone())
        }
        Command::Reviewers { json } => {
            let db = session.open().await?;
            let reviewers = db.reviewers().await?;
            print_either(json, &reviewers, || {
                reviewers.iter().map(|r| format!("{}\t{}\t{}", r.initials, r.colour, r.name)).collect::<Vec<_>>().join("\n")
            })
        }
        Command::Scales { json } => {
            let db = session.open().await?;
            let in_use = desk::scale(&db).await?.key;
            let scales: Vec<ListedScale> =
                desk::scales(&db).await?.into_iter().map(|scale| ListedScale { in_use: scale.key == in_use, scale }).collect();
            print_either(json, &scales, || scales.iter().map(ListedScale::describe).collect::<Vec<_>>().join("\n\n"))
        }
        Command::Scale { command: ScaleCommand::Add { file, json } } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let text = std::fs::read_to_string(&file).map_err(|source| Error::Read { path: file.clone(), source })?;
            let scale = desk::add_scale(&db, &text, &file.display().to_string(), &reviewer).await?;
            print_either(json, &scale, || scale.key.clone())
        }
        Command::Suggest { article_id, json } => {
            let db = session.open().await?;
            let suggestions = desk::suggest(&db, &article_id).await?;
            print_either(json, &suggestions, || {
                suggestions
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let linked = s.linked_to.map_or(String::new(), |l| format!(" ↔ {l}"));
                        let kind = format!("{:?}", s.kind).to_lowercase();
                        format!("{i}\t{}..{} {kind} {:?} {} score {:.2}{linked}", s.start, s.end, s.text, s.value, s.score)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Agreement { article, json } => {
            let db = session.open().await?;
            let agreement = desk::agreement(&db, article.as_deref()).await?;
            print_either(json, &agreement, || {
                let number = |v: Option<f64>, why: &str| v.map_or(format!("— ({why})"), |v| format!("{v:.3}"));
                format!(
                    "claims with two or more verdicts: {}\nreviewers: {}\nCohen's kappa: {}\nKrippendorff's alpha: {}",
                    agreement.claims,
                    if agreement.reviewers.is_empty() { "-".to_string() } else { agreement.reviewers.join(", ") },
                    number(agreement.cohen_kappa, "needs exactly two reviewers"),
                    number(agreement.krippendorff_alpha, "not defined: too few verdicts or only one verdict used"),
                )
            })
        }
        Command::Claims { article, status, json } => {
            let db = session.open().await?;
            if let Some(id) = &article {
                db.article(id).await?;
            }
            let claims = db.claims(&ClaimFilter { article_id: article, statuses: status.into_iter().collect(), ..ClaimFilter::default() }).await?;
            print_either(json, &claims, || {
                claims
                    .iter()
                    .map(|c| {
                        format!("{}\t{}\t{}\t{}", c.id, c.status, c.verdict.as_deref().unwrap_or("-"), c.quote)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Config { command } => {
            let db = session.open().await?;
            match command {
                ConfigCommand::Set { key, value } => Ok(settings::set(&db, &key, &value).await?),
                ConfigCommand::Get { key } => match settings::get(&db, &key).await? {
                    Some(value) => print_line(&value),
                    None => Err(Failure::Message(format!(
                        "{key} is not set — set it with `claimdesk config set {key} VALUE`"
                    ))),
                },
                ConfigCommand::List { json } => {
                    let all = db.settings().await?;
                    let map: serde_json::Map<String, serde_json::Value> =
                        all.iter().map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone()))).collect();
                    print_either(json, &map, || {
                        all.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join("\n")
                    })
                }
            }
        }
        Command::ImportClaims { file, json } => {
            let db = session.open().await?;
            let reviewer = session.reviewer(&db).await?;
            let report = desk::import_claims(&db, &file, &reviewer).await?;
            print_either(json, &report, || {
                let mut lines = vec![format!(
                    "claims: {} new, {} updated, {} unchanged; articles: {} new ({} versions added); reviewers: {} new",
                    report.claims_created,
                    report.claims_updated,
                    report.claims_unchanged,
                    report.articles_created,
                    report.versions_added,
                    report.reviewers_created
                )];
                if report.claims_skipped > 0 {
                    lines.push(format!(
                        "{} claims already here were left as they are (a Web Annotation file holds only part of a claim; merge changes with the native json export)",
                        report.claims_skipped
                    ));
                }
                for c in &report.conflicts {
                    let kept = if c.kept == "file" { "the file's (newer)" } else { "this desk's (newer)" };
                    lines.push(format!(
                        "conflict: claim {} changed on both sides ({}): kept {kept}, the other side's values are in its history",
                        c.claim_id,
                        c.fields.join(", ")
                    ));
                }
                lines.join("\n")
            })
        }
        Command::Export { format, status, article, since, until, by, tag, output, bom, split } => {
            if split.is_some() && format != Format::Claimreview {
                eprintln!("error: --split writes one ClaimReview file per claim; use it with --format claimreview");
                std::process::exit(2);
            }
            let db = session.open().await?;
            let mut filter = ExportFilter { article_id: article, since, until, reviewer: by, tag, ..ExportFilter::default() };
            if !status.is_empty() {
                filter.statuses = status;
            }
            let export = export::prepare(&db, format, &filter, export::Options { bom }).await?;
            for warning in &export.warnings {
                eprintln!("warning: {warning}");
            }
            match (split, output) {
                (Some(dir), _) => export.write_split(&dir).map(|_| ()).map_err(Failure::from),
                (None, Some(path)) => Ok(export.write_to(&path)?),
                (None, None) => stream_stdout(|out| export.write(out)),
            }
        }
    }
}

/// A scale as `claimdesk scales` lists it.
#[derive(Serialize)]
struct ListedScale {
    #[serde(flatten)]
    scale: RatingScale,
    /// The scale verdicts are given on now (the `review.scale` setting).
    in_use: bool,
}

impl ListedScale {
    fn describe(&self) -> String {
        let mut lines = vec![format!("{}{} — {}", self.scale.key, if self.in_use { " (in use)" } else { "" }, self.scale.name)];
        for r in &self.scale.ratings {
            let value = r.value.map_or("-".to_string(), |v| v.to_string());
            lines.push(format!("  {}\t{value}\t{}\t{} / {}", r.key, r.colour, r.label_en, r.label_fr));
        }
        lines.join("\n")
    }
}

/// The database and acting reviewer named by the global options, opened only when a command
/// needs them.
struct Session {
    db_path: Option<PathBuf>,
    reviewer_name: Option<String>,
}

impl Session {
    async fn open(&self) -> Result<Db, Failure> {
        let path = match &self.db_path {
            Some(p) => p.clone(),
            None => Db::default_path().ok_or_else(|| {
                Failure::Message("no platform data directory was found — pass --db PATH or set CLAIMDESK_DB".into())
            })?,
        };
        let db = Db::open(&path).await.map_err(|e| database_open_error(&path, e))?;
        if let Some(backup) = db.backup_made() {
            eprintln!("backed up {} to {} before upgrading its schema", path.display(), backup.display());
        }
        Ok(db)
    }

    async fn reviewer(&self, db: &Db) -> Result<Reviewer, Failure> {
        let name = match &self.reviewer_name {
            Some(n) => n.clone(),
            None => whoami::username().unwrap_or_default(),
        };
        Ok(db.reviewer(&name).await?)
    }
}

/// Why the database file cannot be opened, in words a reviewer can act on: a folder in its path
/// is a file, it is a folder itself, or the file system refuses writes. Other errors pass as
/// they are (they say enough: not a database, made by a newer claimdesk…).
fn database_open_error(path: &Path, e: Error) -> Error {
    if !matches!(e, Error::OpenDatabase { .. } | Error::Write { .. }) {
        return desk::database_error(path, e);
    }
    let unusable = |why: String| Error::DatabaseUnusable { path: path.to_path_buf(), why };
    if path.is_dir() {
        return unusable("it is a folder; name a file in it, such as claimdesk.db".into());
    }
    // The nearest part of the path that exists must be a folder.
    let folder = path.ancestors().skip(1).find(|a| !a.as_os_str().is_empty() && a.exists());
    if let Some(file) = folder.filter(|f| !f.is_dir()) {
        return unusable(format!("{} is a file, not a folder", file.display()));
    }
    // Ask the file system itself, without writing a byte: open the file for appending, or
    // create it (and remove it again) when it does not exist yet.
    let probe = if path.exists() {
        std::fs::OpenOptions::new().append(true).open(path).map(|_| ())
    } else {
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).and_then(|_| std::fs::remove_file(path))
    };
    match probe {
        Ok(()) => desk::database_error(path, e),
        Err(io) => unusable(match io.kind() {
            std::io::ErrorKind::ReadOnlyFilesystem => "the file system it is on is read-only".into(),
            std::io::ErrorKind::PermissionDenied => "permission denied".into(),
            std::io::ErrorKind::StorageFull => "the disk is full".into(),
            // The folder is there, yet nothing can be made in it (/proc, /sys…).
            std::io::ErrorKind::NotFound => match folder {
                Some(folder) => format!("no file can be created in {}", folder.display()),
                None => "no file can be created there".into(),
            },
            _ => {
                let text = io.to_string();
                let mut chars = text.chars();
                chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
            }
        }),
    }
}

async fn extract(sources: &[String], output: JsonOrLines, max_bytes: u64) -> Outcome {
    if output.json && sources.len() > 1 {
        eprintln!("error: --json prints one article; use --jsonl for several sources");
        std::process::exit(2);
    }
    let mut failed = false;
    for source in sources {
        let result = match article::source::load(source, max_bytes).await {
            Ok((bytes, provenance)) => {
                let charset = provenance.download.as_ref().and_then(|d| d.charset.as_deref());
                article::extract_with(&bytes, max_bytes, charset)
                    .map_err(|problem| Error::Extract { source_name: source.clone(), problem })
            }
            Err(e) => Err(e),
        };
        match (result, output.jsonl) {
            (Ok(extraction), true) => {
                #[derive(Serialize)]
                struct Line<'a> {
                    source: &'a str,
                    #[serde(flatten)]
                    article: article::Article,
                }
                print_line(&json_line(&Line { source, article: extraction.to_article(None) }))?;
            }
            (Ok(extraction), false) => {
                let a = extraction.to_article(None);
                if output.json {
                    print_line(&json_pretty(&a))?;
                } else {
                    print_line(&format!(
                        "{}\n{}\n\n{}\n",
                        a.title.as_deref().unwrap_or("(untitled)"),
                        [&a.byline, &a.publisher, &a.published, &a.language]
                            .into_iter()
                            .flatten()
                            .map(String::as_str)
                            .collect::<Vec<_>>()
                            .join(" · "),
                        a.text.as_deref().unwrap_or("")
                    ))?;
                }
            }
            (Err(e), true) => {
                failed = true;
                eprintln!("error: {e}");
                print_line(&json_line(&serde_json::json!({ "source": source, "error": e.to_string() })))?;
            }
            (Err(e), false) => return Err(e.into()),
        }
    }
    if failed { Err(Failure::Reported) } else { Ok(()) }
}

/// `claimdesk import DIR`: every file under the folder, with a progress bar on a terminal; one bad
/// file is reported and skipped. Exits 1 only when nothing could be imported.
async fn import_folder(db: &Db, dir: &Path, reviewer: &Reviewer, max_bytes: u64, json: bool) -> Outcome {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let report = desk::import_folder(db, dir, reviewer, max_bytes, |step| {
        bar.set_length(step.total as u64);
        bar.set_position(step.done as u64);
        bar.set_message(step.path.clone());
        if let Some(error) = &step.error {
            bar.suspend(|| eprintln!("error: {error} (skipped)"));
        }
    })
    .await;
    bar.finish_and_clear();
    let report = report?;
    let new = report.imported.iter().filter(|o| !o.existing && !o.new_version).count();
    let versions = report.imported.iter().filter(|o| o.new_version).count();
    let existing = report.imported.iter().filter(|o| o.existing).count();
    eprintln!(
        "{} file(s): {new} new article(s), {versions} new version(s), {existing} already imported, {} skipped",
        report.imported.len() + report.failed.len(),
        report.failed.len()
    );
    if report.imported.is_empty() {
        return Err(Failure::Message(format!(
            "no article could be imported from {} — see the errors above",
            dir.display()
        )));
    }
    let articles: Vec<&article::Article> = report.imported.iter().map(|o| &o.article).collect();
    print_either(json, &articles, || {
        articles.iter().filter_map(|a| a.id.clone()).collect::<Vec<_>>().join("\n")
    })
}

fn json_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn json_pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// Prints `value` as JSON with `--json`, else the human form.
fn print_either<T: Serialize>(json: bool, value: &T, human: impl FnOnce() -> String) -> Outcome {
    let text = if json { json_pretty(value) } else { human() };
    if text.is_empty() { Ok(()) } else { print_line(&text) }
}

fn print_line(text: &str) -> Outcome {
    let mut bytes = text.as_bytes().to_vec();
    bytes.push(b'\n');
    write_stdout(&bytes)
}

fn write_stdout(bytes: &[u8]) -> Outcome {
    stream_stdout(|out| out.write_all(bytes))
}

/// Streams output to standard output through a buffer.
fn stream_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Outcome {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // A closed pipe (`claimdesk claims | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::Message(format!("cannot write to standard output: {e}"))),
    }
}
