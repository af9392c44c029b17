//! CheckThat!: sentence-level check-worthiness data, for teams that build claim detectors.
//!
//! The layout of the CLEF CheckThat! lab's check-worthiness task (task 1, 2024: the English
//! political-debate files): UTF-8 text, one header line `Sentence_id<TAB>Text<TAB>class_label`,
//! then one line per sentence, fields separated by a TAB, lines ended by LF, nothing quoted.
//!
//! - `Sentence_id`: `<article id>-<n>`, `n` counting the sentences of the article's latest
//!   version from 1 in text order. The same text always gives the same ids, and article ids make
//!   them unique across articles and desks.
//! - `Text`: the sentence, as [`crate::sentence::sentences`] cuts the article's canonical text
//!   (latest version), with every TAB, CR, LF or other line separator replaced by a space, as the
//!   layout has no quoting.
//! - `class_label`: `Yes` when the sentence overlaps (shares at least one code point with) a claim
//!   of the export whose status is not `rejected`; `No` otherwise.
//!
//! What it takes, and from which articles:
//!
//! - Every article with at least one exported claim on its latest version gives all its
//!   sentences, in text order; articles follow the export's order. An article none of whose
//!   exported claims is on its latest version is left out: its sentences could not be labelled.
//! - Only claims on the article's latest version count. An orphan kept on an older version (or
//!   not yet triaged) is skipped, as its offsets are into another text.
//! - Claims count whatever their status in the export except `rejected`: with the default filter
//!   (`reviewed`, `published`) each marks its sentences `Yes`. A `rejected` claim ("not a claim,
//!   or not worth checking") marks nothing: its sentences are `No` unless another claim overlaps
//!   them. Rejected claims only reach the export with `--status rejected` (add `--status
//!   reviewed --status published` to keep the others); then an article whose exported claims are
//!   all rejected is still written, every sentence `No` — negative examples a reviewer confirmed.
//! - The rest of a claim (verdict, claimant…) is not in this layout; the native `json` export has
//!   it.

use std::collections::HashMap;
use std::io::Write;

use super::json::{Document, ExportedArticle};
use crate::claim::{Claim, Status};
use crate::anchor::AnchorState;

/// The header line's fields.
pub const COLUMNS: [&str; 3] = ["Sentence_id", "Text", "class_label"];

/// Writes the sentences of the document's articles with their labels.
pub fn write(doc: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(COLUMNS.join("\t").as_bytes())?;
    out.write_all(b"\n")?;
    let mut by_article: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for c in &doc.claims {
        by_article.entry(c.claim.article_id.as_str()).or_default().push(&c.claim);
    }
    let mut line = String::new();
    for article in &doc.articles {
        let Some(id) = article.article.id.as_deref() else { continue };
        let Some(claims) = by_article.get(id) else { continue };
        let Some((latest, text)) = latest_text(article) else { continue };
        let on_latest: Vec<&Claim> =
            claims.iter().copied().filter(|c| c.version == latest && c.anchor_state != AnchorState::Orphaned).collect();
        if on_latest.is_empty() {
            continue;
        }
        let rows = rows(text, &on_latest);
        for (n, (sentence, worthy)) in rows.iter().enumerate() {
            line.clear();
            line.push_str(id);
            line.push('-');
            line.push_str(&(n + 1).to_string());
            line.push('\t');
            push_cell(&mut line, sentence);
            line.push('\t');
            line.push_str(if *worthy { "Yes" } else { "No" });
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
    }
    Ok(())
}

/// The latest version's number and canonical text: the article's own, else its last version's.
fn latest_text(article: &ExportedArticle) -> Option<(u32, &str)> {
    let last = article.versions.iter().max_by_key(|v| v.number);
    let number = article.article.version.or_else(|| last.and_then(|v| u32::try_from(v.number).ok()))?;
    let text = article
        .article
        .text
        .as_deref()
        .or_else(|| article.versions.iter().find(|v| i64::from(number) == v.number).map(|v| v.text.as_str()))?;
    Some((number, text))
}

/// Each sentence of `text` with whether a claim of `claims` (all on this text) that is not
/// rejected overlaps it. Claims are swept in order of their start, so a long article with many
/// claims costs a sort and a binary search per claim, not sentences × claims.
pub fn rows<'t>(text: &'t str, claims: &[&Claim]) -> Vec<(&'t str, bool)> {
    let spans = crate::sentence::sentences(text);
    let mut worthy = vec![false; spans.len()];
    for claim in claims.iter().filter(|c| c.status != Status::Rejected) {
        // The first sentence that ends after the claim starts, then every one that starts before
        // it ends.
        let first = spans.partition_point(|&(_, end)| end <= claim.start);
        for (i, &(start, _)) in spans.iter().enumerate().skip(first) {
            if start >= claim.end {
                break;
            }
            worthy[i] = true;
        }
    }
    let bytes = byte_offsets(text);
    spans
        .iter()
        .zip(worthy)
        .map(|(&(s, e), w)| {
            // Spans come from `text` itself, so the offsets are in range; `get` keeps a mistake
            // from panicking.
            let sentence = bytes.get(s).zip(bytes.get(e)).and_then(|(&a, &b)| text.get(a..b)).unwrap_or_default();
            (sentence, w)
        })
        .collect()
}

/// The byte offset of every code point of `text`, and of its end.
fn byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect()
}

/// A cell: the layout has no quoting, so separators become spaces.
fn push_cell(out: &mut String, text: &str) {
    for c in text.chars() {
        let separator = matches!(c, '\t' | '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}');
        out.push(if separator { ' ' } else { c });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Status;

    fn claim(start: usize, end: usize, status: Status) -> Claim {
        Claim { id: "c".into(), article_id: "a".into(), status, ..crate::export::test_claim(start, end, "") }
    }

    const TEXT: &str = "📱 Titre\n\nUne phrase. Deux phrases. Trois.";

    #[test]
    fn a_sentence_is_worthy_when_a_claim_overlaps_it() {
        // "Deux" starts at code point 21: after the emoji (one code point) the offsets are code
        // points, not bytes.
        let chars: Vec<char> = TEXT.chars().collect();
        assert_eq!(chars[21..25].iter().collect::<String>(), "Deux");
        let deux = claim(21, 25, Status::Reviewed);
        assert_eq!(
            rows(TEXT, &[&deux]),
            [("📱 Titre", false), ("Une phrase.", false), ("Deux phrases.", true), ("Trois.", false)]
        );
        // A claim across a boundary marks both sentences; one that takes the space after a
        // sentence marks nothing beyond it.
        let across = claim(19, 24, Status::Published);
        let worthy: Vec<bool> = rows(TEXT, &[&across]).into_iter().map(|r| r.1).collect();
        assert_eq!(worthy, [false, true, true, false]);
        let ends_at_dot = claim(10, 21, Status::Reviewed);
        let worthy: Vec<bool> = rows(TEXT, &[&ends_at_dot]).into_iter().map(|r| r.1).collect();
        assert_eq!(worthy, [false, true, false, false]);
    }

    #[test]
    fn a_rejected_claim_marks_nothing() {
        let rejected = claim(21, 25, Status::Rejected);
        assert!(rows(TEXT, &[&rejected]).iter().all(|r| !r.1));
        let reviewed = claim(22, 24, Status::Reviewed);
        assert!(rows(TEXT, &[&rejected, &reviewed])[2].1, "another claim still marks the sentence");
    }

    #[test]
    fn cells_hold_no_separators() {
        let mut cell = String::new();
        push_cell(&mut cell, "a\tb\nc\r\u{2028}d");
        assert_eq!(cell, "a b c  d");
    }
}
