//! The formats reviewed claim sets leave claimdesk in.
//!
//! An export is made in two steps: [`prepare`] gathers the claims the filter selects and checks
//! that they make a valid document in the format (refusing with every reason when not), then
//! [`Export::write`] streams the document out claim by claim, so that a large set is never held
//! as one giant string.

pub mod checkthat;
pub mod claimreview;
pub mod csv;
pub mod json;
pub mod report;
pub mod webannotation;

use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::claim::{RatingScale, Status};
use crate::error::{Error, Result};
use crate::store::{ClaimFilter, ClaimParts, Db};

/// The formats `claimdesk export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The native format, lossless.
    Json,
    Csv,
    Claimreview,
    /// W3C Web Annotation JSON-LD.
    Webannotation,
    /// A readable report per article.
    Markdown,
    /// The same report as one self-contained, printable page.
    Html,
    /// CheckThat! check-worthiness TSV, one row per sentence.
    Checkthat,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Csv,
        Format::Claimreview,
        Format::Webannotation,
        Format::Markdown,
        Format::Html,
        Format::Checkthat,
    ];

    /// The name `--format` takes.
    pub fn key(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Claimreview => "claimreview",
            Format::Webannotation => "webannotation",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Checkthat => "checkthat",
        }
    }

    pub fn parse(key: &str) -> Result<Format> {
        Format::ALL.into_iter().find(|f| f.key() == key).ok_or_else(|| Error::UnknownFormat(key.to_string()))
    }

    /// What of each claim the format shows besides its own fields: loading only that makes a
    /// large export several times faster. (`formats_read_only_the_parts_they_load` checks that
    /// each format's output is the same from a full document.)
    pub fn parts(self) -> ClaimParts {
        match self {
            Format::Json => ClaimParts::ALL,
            Format::Csv | Format::Webannotation | Format::Markdown | Format::Html => ClaimParts { lists: true, history: false },
            Format::Claimreview | Format::Checkthat => ClaimParts { lists: false, history: false },
        }
    }

    /// The usual file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json | Format::Claimreview => "json",
            Format::Csv => "csv",
            Format::Webannotation => "jsonld",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Checkthat => "tsv",
        }
    }
}

/// Which claims an export takes.
#[derive(Debug, Clone)]
pub struct ExportFilter {
    pub statuses: Vec<Status>,
    pub article_id: Option<String>,
    /// Claims last changed on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Claims last changed on or before this day (UTC).
    pub until: Option<NaiveDate>,
    /// Claims this reviewer made or gave an independent verdict on.
    pub reviewer: Option<String>,
    /// Claims with this tag.
    pub tag: Option<String>,
}

impl Default for ExportFilter {
    /// What a desk hands on: the reviewed and published claims of every article.
    fn default() -> Self {
        ExportFilter {
            statuses: vec![Status::Reviewed, Status::Published],
            article_id: None,
            since: None,
            until: None,
            reviewer: None,
            tag: None,
        }
    }
}

impl ExportFilter {
    /// The same selection, as the store lists claims.
    pub fn claim_filter(&self) -> ClaimFilter {
        ClaimFilter {
            article_id: self.article_id.clone(),
            statuses: self.statuses.clone(),
            since: self.since,
            until: self.until,
            reviewer: self.reviewer.clone(),
            tag: self.tag.clone(),
        }
    }

    fn check(&self) -> Result<()> {
        match (self.since, self.until) {
            (Some(since), Some(until)) if since > until => Err(Error::EmptyDateRange { since, until }),
            _ => Ok(()),
        }
    }
}

/// Format options that only some formats read.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// csv: start with a byte order mark, for spreadsheet software.
    pub bom: bool,
}

/// A checked export, ready to be written.
#[derive(Debug, Clone)]
pub struct Export {
    pub format: Format,
    pub doc: json::Document,
    /// The scale verdicts are given on.
    pub scale: RatingScale,
    /// Not fatal, but worth telling the reviewer (a statement too long for a search snippet…).
    pub warnings: Vec<String>,
    options: Options,
    /// For ClaimReview: the desk that publishes the reviews.
    desk: Option<claimreview::Desk>,
}

/// Gathers the claims `filter` selects and checks they make a valid `format` document; refuses
/// with every reason otherwise (nothing is written then).
pub async fn prepare(db: &Db, format: Format, filter: &ExportFilter, options: Options) -> Result<Export> {
    filter.check()?;
    let doc = json::document_with(db, filter, format.parts()).await?;
    let scale = crate::desk::scale(db).await?;
    let mut export = Export { format, doc, scale, warnings: Vec::new(), options, desk: None };
    if format == Format::Claimreview {
        export.desk = Some(claimreview::desk(db).await?);
        let check = claimreview::check(&export.doc, &export.scale);
        if !check.problems.is_empty() {
            return Err(Error::ExportInvalid(check.problems.join("; ")));
        }
        export.warnings = check.warnings;
    } else {
        // Only ClaimReview cannot represent a reviewed claim without a verdict; the other formats
        // can, but a desk handing such a set on should know.
        for claim in export.doc.claims.iter().map(|c| &c.claim) {
            if matches!(claim.status, Status::Reviewed | Status::Published) && given(&claim.verdict).is_none() {
                export.warnings.push(format!(
                    "claim {} is {} but has no verdict — give it one with `claimdesk claim set {} --verdict KEY`",
                    claim.id, claim.status, claim.id
                ));
            }
        }
    }
    Ok(export)
}

impl Export {
    /// How many claims it holds.
    pub fn claims(&self) -> usize {
        self.doc.claims.len()
    }

    /// Streams the document to `out`.
    pub fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match self.format {
            Format::Json => json::write(&self.doc, out),
            Format::Csv => csv::write(&self.doc, self.options.bom, out),
            Format::Claimreview => match &self.desk {
                Some(desk) => claimreview::write(&self.doc, &self.scale, desk, out),
                None => Ok(()), // `prepare` always reads the desk for ClaimReview
            },
            Format::Webannotation => webannotation::write(&self.doc, &self.scale, out),
            Format::Markdown => report::write_markdown(&self.doc, &self.scale, out),
            Format::Html => report::write_html(&self.doc, &self.scale, out),
            Format::Checkthat => checkthat::write(&self.doc, out),
        }
    }

    /// Writes the document to `path`, whole or not at all (see [`write_file`]).
    pub fn write_to(&self, path: &Path) -> Result<()> {
        write_file(path, |out| self.write(out))
    }

    /// ClaimReview: one file per claim in `dir`, named after the claim id. Returns how many.
    pub fn write_split(&self, dir: &Path) -> Result<usize> {
        let Some(desk) = &self.desk else {
            return Err(Error::SplitNeedsClaimReview(self.format.key().to_string()));
        };
        std::fs::create_dir_all(dir).map_err(|source| Error::Write { path: dir.to_path_buf(), source })?;
        for claim in &self.doc.claims {
            let review = claimreview::review_of(&self.doc, &claim.claim, &self.scale, desk);
            write_file(&dir.join(format!("{}.json", claim.claim.id)), |out| write_json_array(out, std::iter::once(review)))?;
        }
        Ok(self.doc.claims.len())
    }
}

/// A text field's value, trimmed; `None` when it is absent or blank: what every format leaves out
/// rather than writing empty.
pub(crate) fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The `YYYY-MM-DD` of a stored timestamp (`2024-09-06T10:00:00.000Z`), or the value itself if it
/// does not start with a date.
pub(crate) fn date_part(timestamp: &str) -> &str {
    match timestamp.get(..10) {
        Some(date) if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok() => date,
        _ => timestamp,
    }
}

/// An ISO 639-1 code (or a tag such as `fr-FR`) for French.
pub(crate) fn is_french(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or_default();
    primary.eq_ignore_ascii_case("fr")
}

/// Writes `items` as a pretty-printed JSON array with a final newline — the bytes
/// `serde_json::to_vec_pretty` makes of the whole array — one item at a time.
pub fn write_json_array<T: Serialize>(out: &mut dyn Write, items: impl Iterator<Item = T>) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &Streamed::new(items))?;
    out.write_all(b"\n")
}

/// An iterator serialised as a JSON array as it is walked, so that a large export goes to its
/// file item by item instead of through one giant value. It can be serialised once.
pub(crate) struct Streamed<I>(std::cell::RefCell<Option<I>>);

impl<I> Streamed<I> {
    pub(crate) fn new(items: I) -> Streamed<I> {
        Streamed(std::cell::RefCell::new(Some(items)))
    }
}

impl<I: Iterator<Item = T>, T: Serialize> Serialize for Streamed<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self.0.borrow_mut().take() {
            Some(items) => serializer.collect_seq(items),
            None => Err(serde::ser::Error::custom("a streamed array can be written only once")),
        }
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so a failed or
/// interrupted export never leaves a half-written file where a good one was.
pub fn write_file(path: &Path, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let write_error = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|file| {
            let mut out = BufWriter::new(file);
            write(&mut out)?;
            out.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(write_error)
}

/// A bare claim for the format modules' unit tests: the span, reviewed, nothing else filled.
#[cfg(test)]
pub(crate) fn test_claim(start: usize, end: usize, quote: &str) -> crate::claim::Claim {
    crate::claim::Claim {
        id: "c1".into(),
        article_id: "a1".into(),
        version: 1,
        start,
        end,
        quote: quote.into(),
        prefix: String::new(),
        suffix: String::new(),
        claimant: None,
        verdict: None,
        status: Status::Reviewed,
        note: None,
        reviewer: "Awa".into(),
        modified_by: "Awa".into(),
        created: String::new(),
        modified: String::new(),
        statement: None,
        claim_type: None,
        claimant_role: None,
        claimant_url: None,
        rationale: None,
        tags: Vec::new(),
        evidence: Vec::new(),
        assignee: None,
        reviews: Vec::new(),
        anchor_state: crate::anchor::AnchorState::Anchored,
        previous_quote: None,
        kept_on_version: false,
        value: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_array_is_the_array_serde_prints() {
        let items = vec![serde_json::json!({"a": [1, 2], "b": {"c": "x\ny"}}), serde_json::json!("z"), serde_json::json!([])];
        for n in 0..=items.len() {
            let mut streamed = Vec::new();
            write_json_array(&mut streamed, items[..n].iter()).unwrap();
            let mut whole = serde_json::to_vec_pretty(&items[..n]).unwrap();
            whole.push(b'\n');
            assert_eq!(String::from_utf8(streamed).unwrap(), String::from_utf8(whole).unwrap(), "{n} items");
        }
    }

    #[test]
    fn formats_have_one_name_each() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.key()).unwrap(), format);
        }
        assert!(Format::parse("xml").unwrap_err().to_string().contains("xml"));
    }
}
