//! Spans of canonical text, the W3C selectors that describe them, and finding them again.
//!
//! Every offset here is a count of Unicode code points (Rust `char`s), as the W3C
//! TextPositionSelector requires — not bytes, not UTF-16 units. The webview converts to UTF-16 at
//! its edge; nothing else does.
//!
//! A guided tour:
//!
//! - [`describe`] turns a span into [`Selectors`] (a TextQuoteSelector with 32 code points of
//!   context each side, and a TextPositionSelector); [`find_occurrence`] finds the n-th copy of a
//!   quote to describe.
//! - [`anchor`] finds selectors in a text with nothing else to go on (position + quote check,
//!   then the exact quote, then an approximate one); `describe(anchor(s))` gives `s` back on the
//!   text it was made on.
//! - [`reanchor_all`] carries claims from one version of an article to the next: position check,
//!   then the character diff between the versions, then a search scored like Hypothesis's
//!   `match-quote.ts`, then orphan — each claim ends [`AnchorState::Anchored`], `Moved`,
//!   `Changed` (the reviewer confirms) or `Orphaned`. The steps are in `reanchor.rs`; the diff and
//!   its offset map in `align.rs`; the scoring weights and every threshold, with why, in
//!   `score.rs`; the bit-parallel approximate search in `search.rs`.
//! - [`match_quote`] exposes the scoring itself, for explanations and tests.

mod align;
mod reanchor;
mod score;
mod search;

pub use align::DIFF_DEADLINE;
pub use reanchor::{
    AnchorState, Placement, QuoteMatch, anchor, match_quote, reanchor, reanchor_all,
};
pub use score::{
    CONTEXT_MARGIN, FUZZY_MARGIN, INTACT_SIDE, MIN_CHANGED_SIMILARITY, MIN_CONTEXT,
    MIN_FUZZY_SIMILARITY, MIN_RETAINED, OWNED_RUN_CHARS, POSITION_WEIGHT, PREFIX_WEIGHT,
    QUOTE_WEIGHT, SEARCH_CONTEXT, SELF_EVIDENT_CHARS, SELF_EVIDENT_SIMILARITY, SHORT_QUOTE_CHARS,
    STRONG_CONTEXT, SUFFIX_WEIGHT, fold, similarity,
};

use serde::{Deserialize, Serialize};

/// How many code points of context a TextQuoteSelector keeps on each side (W3C and Hypothesis
/// both use 32).
pub const CONTEXT_CHARS: usize = 32;

/// A W3C TextQuoteSelector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextQuote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// A W3C TextPositionSelector: `end` exclusive, code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextPosition {
    pub start: usize,
    pub end: usize,
}

/// Both selectors for one span, as a claim stores them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selectors {
    pub quote: TextQuote,
    pub position: TextPosition,
}

/// The byte offset of code point `index` in `text` (`text.len()` for the end).
fn byte_offset(text: &str, index: usize) -> Option<usize> {
    if index == 0 {
        return Some(0);
    }
    match text.char_indices().nth(index) {
        Some((byte, _)) => Some(byte),
        None if text.chars().count() == index => Some(text.len()),
        None => None,
    }
}

/// The length of `text` in code points.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Describes the span `start..end` (code points) of `text`, or `None` when the span is empty or
/// not inside the text.
pub fn describe(text: &str, start: usize, end: usize) -> Option<Selectors> {
    if start >= end {
        return None;
    }
    let start_byte = byte_offset(text, start)?;
    let end_byte = byte_offset(text, end)?;
    let before = &text[..start_byte];
    let after = &text[end_byte..];
    let prefix_from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(b, _)| b);
    let suffix_to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(b, _)| b);
    Some(Selectors {
        quote: TextQuote {
            exact: text[start_byte..end_byte].to_string(),
            prefix: before[prefix_from..].to_string(),
            suffix: after[..suffix_to].to_string(),
        },
        position: TextPosition { start, end },
    })
}

/// The code-point span of the `occurrence`-th (1-based) exact occurrence of `quote` in `text`.
/// Occurrences may overlap ("aa" occurs twice in "aaa"). Returns the number found when there is
/// no such occurrence.
pub fn find_occurrence(
    text: &str,
    quote: &str,
    occurrence: usize,
) -> Result<(usize, usize), usize> {
    if quote.is_empty() || occurrence == 0 {
        return Err(0);
    }
    let quote_chars = char_len(quote);
    let mut found = 0;
    let mut from = 0;
    while let Some(pos) = text[from..].find(quote) {
        let byte = from + pos;
        found += 1;
        if found == occurrence {
            let start = char_len(&text[..byte]);
            return Ok((start, start + quote_chars));
        }
        // Step one character forward, not past the match, so overlapping occurrences count.
        from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
    }
    Err(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_counts_code_points_not_bytes_or_utf16() {
        // "📰" is one code point, four UTF-8 bytes and two UTF-16 units.
        let text = "📰 Telegram compte 950 millions d’utilisateurs.";
        let (start, end) = find_occurrence(text, "950 millions", 1).unwrap();
        assert_eq!((start, end), (18, 30));
        let s = describe(text, start, end).unwrap();
        assert_eq!(s.quote.exact, "950 millions");
        assert_eq!(s.quote.prefix, "📰 Telegram compte ");
        assert_eq!(s.quote.suffix, " d’utilisateurs.");
        assert_eq!(s.position, TextPosition { start: 18, end: 30 });
    }

    #[test]
    fn context_is_cut_at_32_code_points() {
        let text = format!("{}QUOTE{}", "é".repeat(40), "ü".repeat(40));
        let s = describe(&text, 40, 45).unwrap();
        assert_eq!(s.quote.exact, "QUOTE");
        assert_eq!(s.quote.prefix, "é".repeat(32));
        assert_eq!(s.quote.suffix, "ü".repeat(32));
    }

    #[test]
    fn describe_refuses_empty_or_outside_spans() {
        assert!(describe("abc", 1, 1).is_none());
        assert!(describe("abc", 2, 1).is_none());
        assert!(describe("abc", 1, 4).is_none());
        assert_eq!(describe("abc", 0, 3).unwrap().quote.exact, "abc");
    }

    #[test]
    fn occurrences_are_one_based_and_may_overlap() {
        assert_eq!(find_occurrence("aaa", "aa", 1), Ok((0, 2)));
        assert_eq!(find_occurrence("aaa", "aa", 2), Ok((1, 3)));
        assert_eq!(find_occurrence("aaa", "aa", 3), Err(2));
        assert_eq!(find_occurrence("abc", "x", 1), Err(0));
        assert_eq!(find_occurrence("abc", "", 1), Err(0));
    }
}
