//! Articles: from bytes (a file, standard input, a paste) to metadata and the canonical text that
//! every claim anchors to.
//!
//! The pipeline is a pure function of the bytes: [`sniff`] refuses what is not an article (PDF,
//! images, archives) and unpacks gzip, [`decode`] finds the charset, then either [`html`] or
//! [`plaintext`] extracts. The canonical text is the body's blocks in reading order joined by one
//! blank line (`"\n\n"`); the headline is in `title`, not in the text.

pub mod dates;
pub mod decode;
pub mod fetch;
pub mod html;
pub mod language;
pub mod plaintext;
pub mod sniff;
pub mod source;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::ExtractProblem;

/// The default cap on an imported file's size, before and after unpacking.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// An article as the CLI and the app show it. `id` is `None` for an extraction that was not
/// stored; `text` is left out of listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The date the page says it was last updated, `YYYY-MM-DD`.
    pub modified: Option<String>,
    /// ISO 639-1 code.
    pub language: Option<String>,
    pub url: Option<String>,
    /// Hex SHA-256 of the original bytes.
    pub sha256: String,
    /// Which stored version this is (1 for the first import); `None` before it is stored.
    pub version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
}

/// What extraction finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<chrono::NaiveDate>,
    /// When the page says it was last updated ("Mis à jour le …", `article:modified_time`).
    pub modified: Option<chrono::NaiveDate>,
    pub language: Option<String>,
    /// The canonical URL the page declares (`<link rel=canonical>`, `og:url`).
    pub url: Option<String>,
    /// The canonical text: body blocks joined by `"\n\n"`. Never empty.
    pub text: String,
}

/// Whether the document was HTML or plain text (after unpacking and decoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Html,
    Text,
}

/// One extraction: what was found, how the bytes were read, and their digest.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub extracted: Extracted,
    pub kind: Kind,
    /// The charset the bytes were decoded with (`"UTF-8"`, `"windows-1252"`…).
    pub charset: &'static str,
    /// Hex SHA-256 of the bytes as given (before unpacking).
    pub sha256: String,
}

impl Extraction {
    /// The article as shown before it is stored; `url` is the one the caller gives (where a paste
    /// or saved page came from) or else the page's canonical URL.
    pub fn to_article(&self, url: Option<&str>) -> Article {
        let e = &self.extracted;
        Article {
            id: None,
            title: e.title.clone(),
            byline: e.byline.clone(),
            publisher: e.publisher.clone(),
            published: e.published.map(|d| d.format("%Y-%m-%d").to_string()),
            modified: e.modified.map(|d| d.format("%Y-%m-%d").to_string()),
            language: e.language.clone(),
            url: url.map(str::to_string).or_else(|| e.url.clone()),
            sha256: self.sha256.clone(),
            version: None,
            text: Some(e.text.clone()),
        }
    }
}

/// The first `max` bytes of `s`, cut back to a character boundary: a cheap sample of a long text.
pub(crate) fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A byte count as people read it: `"100 MB"`, `"1.5 KB"`, `"12 bytes"` (units of 1024, as the
/// default limit of 20 MB is 20 × 1024 × 1024 bytes).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let shown = format!("{value:.1}");
    let shown = shown.strip_suffix(".0").unwrap_or(&shown);
    format!("{shown} {}", UNITS[unit])
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Extracts an article from the bytes of a file, a download or a paste. `max_bytes` caps both the
/// input and what a gzip file unpacks to.
pub fn extract(bytes: &[u8], max_bytes: u64) -> Result<Extraction, ExtractProblem> {
    extract_with(bytes, max_bytes, None)
}

/// Like [`extract`], for bytes fetched over HTTP with the response's `charset`.
pub fn extract_with(bytes: &[u8], max_bytes: u64, http_charset: Option<&str>) -> Result<Extraction, ExtractProblem> {
    let sha256 = sha256_hex(bytes);
    let unpacked = sniff::unpack(bytes, max_bytes)?;
    let decoded = decode::decode_checked(&unpacked, http_charset);
    let (extracted, kind) = if sniff::looks_like_html(&decoded.text) {
        (html::extract(&decoded.text)?, Kind::Html)
    } else {
        (plaintext::extract(&decoded.text)?, Kind::Text)
    };
    if extracted.text.trim().is_empty() {
        return Err(ExtractProblem::NoText);
    }
    if decoded.malformed {
        refuse_replacement_characters(&extracted, decoded.charset)?;
    }
    Ok(Extraction { extracted, kind, charset: decoded.charset, sha256 })
}

/// How many characters on each side of the first damaged one an error message quotes.
const DAMAGE_CONTEXT_CHARS: usize = 24;

/// Bytes the charset cannot read become U+FFFD (�). Where that lands in what is stored and
/// shown — the text, the title, the byline, the publisher — the article no longer says what the
/// page said, and a quote with a � in it cannot be checked or published, so the import is
/// refused. Damage in what extraction drops (scripts, menus, markup) costs nothing and passes.
fn refuse_replacement_characters(e: &Extracted, charset: &'static str) -> Result<(), ExtractProblem> {
    let fields = [Some(&e.text), e.title.as_ref(), e.byline.as_ref(), e.publisher.as_ref()];
    let damaged: Vec<&String> = fields.into_iter().flatten().filter(|f| f.contains('\u{fffd}')).collect();
    let Some(first) = damaged.first() else { return Ok(()) };
    let count = damaged.iter().map(|f| f.matches('\u{fffd}').count()).sum();
    Err(ExtractProblem::Undecodable { charset, count, near: context_of_first_replacement(first) })
}

/// The characters around the first U+FFFD of `text`, on one line.
fn context_of_first_replacement(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|&c| c == '\u{fffd}').unwrap_or(0);
    let from = at.saturating_sub(DAMAGE_CONTEXT_CHARS);
    let to = (at + DAMAGE_CONTEXT_CHARS + 1).min(chars.len());
    let snippet: String = chars[from..to].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect();
    snippet.trim().to_string()
}
