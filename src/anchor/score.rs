//! How much a candidate place in a text looks like a quote: the weights and thresholds every
//! anchoring decision uses, and the similarity measures behind them.
//!
//! Scores follow Hypothesis's `match-quote.ts`: a weighted sum of the quote's similarity, the
//! prefix's, the suffix's, and (as a tie-breaker only) closeness to where the quote used to be.
//! Similarities are `1 − Levenshtein distance / length`, measured on code points after
//! [`fold`]ing typography, so an apostrophe or a guillemet that changed costs nothing in the score
//! (the claim still becomes `changed`: states compare the raw text).

use std::sync::OnceLock;

use super::search::{Pattern, edit_distance};

/// Weight of the quote's own similarity. From Hypothesis's `match-quote.ts`: the quote matters
/// most…
pub const QUOTE_WEIGHT: f64 = 50.0;
/// …then the 32 code points before it…
pub const PREFIX_WEIGHT: f64 = 20.0;
/// …and after it…
pub const SUFFIX_WEIGHT: f64 = 20.0;
/// …and closeness to the expected position only breaks near-ties.
pub const POSITION_WEIGHT: f64 = 2.0;

/// Context (the mean of prefix and suffix similarity) at or above which the surroundings of a
/// candidate confirm it. Two unrelated 32-code-point windows of French or English prose score
/// 0.1–0.35 (the tests check a table of them stays below this); a context with a word inserted or
/// an apostrophe changed keeps 0.7–1.0.
pub const MIN_CONTEXT: f64 = 0.5;

/// Among identical quotes found elsewhere, the best context must beat the runner-up's by this
/// much; otherwise the choice would be a guess and the claim is orphaned instead.
pub const CONTEXT_MARGIN: f64 = 0.1;

/// Quote similarity from which the text at the place the character diff maps a claim to is its
/// edited form (`changed`). At most 40 % of the code points edited: "950 millions" →
/// "900 millions" is 0.92, a word inserted into a short phrase ≈ 0.7, a sentence rewritten
/// beyond recognition ≤ 0.5. The diff located the place, and [`MIN_CONTEXT`] must also hold (or
/// the quote be self-evident, see [`SELF_EVIDENT_SIMILARITY`]).
pub const MIN_CHANGED_SIMILARITY: f64 = 0.6;

/// Context at or above which both sides of a candidate are essentially intact: found by search,
/// it then needs only [`MIN_CHANGED_SIMILARITY`], like a place the diff vouches for.
pub const STRONG_CONTEXT: f64 = 0.9;

/// Share of the quote's code points the diff keeps, in order, inside the new span, from which
/// that span is the quote's edited form even when words were added to it ("28 mai" → "28
/// désormais mai": similarity 0.58, all of the old text kept). The new span may be at most twice
/// as long, and [`MIN_CONTEXT`] must hold.
pub const MIN_RETAINED: f64 = 0.75;

/// Share of a full 32-code-point side of context that must match for that side to be intact: a
/// passage that moved keeps the side that moved with it (a paragraph's inside), give or take an
/// edit. Chance gave at most 0.75 in the benchmark's unrelated articles.
pub const INTACT_SIDE: f64 = 0.85;

/// Context a place found by searching (no diff vouching for it) needs on average, unless one
/// side is intact ([`INTACT_SIDE`]) or the quote self-evident. Two half-similar sides are what
/// chance gives a short common phrase ("a déclaré", "selon elle") in another passage: searched
/// for in the benchmark's unrelated articles, such phrases found places with sides of 0.3–0.75
/// (mean ≤ 0.57); a passage that really moved keeps one side whole, or both mostly (0.69 and
/// 0.84 after edits on both sides).
pub const SEARCH_CONTEXT: f64 = 0.75;

/// A quote shorter than this, found by searching, needs one side of its context intact
/// ([`INTACT_SIDE`]): a few common words with a fairly similar context elsewhere are what chance
/// produces (3 in 100,000 claims on the benchmark's unrelated articles before this rule).
pub const SHORT_QUOTE_CHARS: usize = 16;

/// Quote similarity a text found by searching (no diff to vouch for the place) needs to be the
/// claim's edited form: stricter than [`MIN_CHANGED_SIMILARITY`], as a search looks at many
/// places and a wrong placement is worse than an orphan.
pub const MIN_FUZZY_SIMILARITY: f64 = 0.75;

/// A quote at least [`SELF_EVIDENT_CHARS`] long whose text is this similar needs no context:
/// it is its own evidence (a whole paragraph moved with new neighbours) — if it occurred once in
/// the old text, so no other passage can claim it.
pub const SELF_EVIDENT_SIMILARITY: f64 = 0.9;
/// See [`SELF_EVIDENT_SIMILARITY`]: as long as both sides of context together. (Phrases of 32
/// and 41 code points, 90 % similar, turned up in an unrelated article of the benchmark.)
pub const SELF_EVIDENT_CHARS: usize = 64;

/// A fuzzy match must beat the best non-overlapping alternative's score by this much (scores
/// are in `0..=1`), or the choice is ambiguous and the claim is orphaned.
pub const FUZZY_MARGIN: f64 = 0.05;

/// Equal runs of the diff at least this long are "kept text": a candidate that is mostly kept
/// text from elsewhere in the old version is that passage, not the claim's (short equal runs
/// are the diff pairing stray letters in rewritten text, and prove nothing).
pub const OWNED_RUN_CHARS: usize = 16;

/// Folds typographic variants to one character, one code point for one (offsets stay valid):
/// curly and straight apostrophes and quotes, guillemets, no-break and thin spaces, dashes,
/// the ellipsis. Case is kept.
pub fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{2039}' | '\u{203A}' => '"',
        '\u{00A0}' | '\u{202F}' | '\u{2000}'..='\u{200A}' | '\t' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2026}' => '.',
        c => c,
    }
}

/// `text` folded (see [`fold`]), as code points.
pub(crate) fn folded(text: &str) -> Vec<char> {
    text.chars().map(fold).collect()
}

/// `1 − distance / longer length` on folded code points: 1.0 for texts equal up to
/// typography, 0.0 for nothing in common. Both empty: 1.0.
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_chars(&folded(a), &folded(b))
}

pub(crate) fn similarity_chars(a: &[char], b: &[char]) -> f64 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 1.0;
    }
    1.0 - edit_distance(a, b) as f64 / longer as f64
}

/// What an empty stored context says about a candidate that does have text on that side: the
/// quote used to start (or end) the text and no longer does — neither support nor refutation.
const UNKNOWN_CONTEXT: f64 = 0.5;

/// A stored prefix and suffix (folded), compiled for matching against a text.
///
/// The prefix is matched against the text just before a candidate, anchored at the candidate and
/// free at the far end (up to half its length more or less text): text inserted next to the
/// quote costs its length once, and context cut short by an insertion further away costs
/// nothing. A fixed window would count a shift twice (every code point both missing and extra).
pub(crate) struct Context {
    pub prefix: Vec<char>,
    pub suffix: Vec<char>,
    /// Compiled on first use: most claims are placed without measuring context.
    compiled: OnceLock<(Pattern, Pattern)>,
}

impl Context {
    pub fn new(prefix: Vec<char>, suffix: Vec<char>) -> Self {
        Context {
            prefix,
            suffix,
            compiled: OnceLock::new(),
        }
    }

    /// The reversed prefix and the suffix, compiled.
    fn patterns(&self) -> &(Pattern, Pattern) {
        self.compiled.get_or_init(|| {
            let reversed: Vec<char> = self.prefix.iter().rev().copied().collect();
            (Pattern::new(&reversed), Pattern::new(&self.suffix))
        })
    }

    /// Edits between the stored prefix and the text ending at `start` (`None`: no stored prefix).
    pub fn prefix_edits(&self, text: &[char], start: usize) -> Option<usize> {
        let len = self.prefix.len();
        (len > 0).then(|| {
            let from = start.saturating_sub(len + len / 2);
            anchored_edits(
                &self.patterns().0,
                len,
                text[from..start].iter().rev().copied(),
            )
        })
    }

    /// Edits between the stored suffix and the text starting at `end` (`None`: no stored suffix).
    pub fn suffix_edits(&self, text: &[char], end: usize) -> Option<usize> {
        let len = self.suffix.len();
        (len > 0).then(|| {
            let to = (end + len + len / 2).min(text.len());
            anchored_edits(&self.patterns().1, len, text[end..to].iter().copied())
        })
    }

    /// How well the stored prefix matches the text just before `start`, in `0..=1`.
    pub fn prefix_similarity(&self, text: &[char], start: usize) -> f64 {
        side_similarity(
            self.prefix_edits(text, start),
            self.prefix.len(),
            start == 0,
        )
    }

    /// How well the stored suffix matches the text just after `end`, in `0..=1`.
    pub fn suffix_similarity(&self, text: &[char], end: usize) -> f64 {
        side_similarity(
            self.suffix_edits(text, end),
            self.suffix.len(),
            end == text.len(),
        )
    }

    /// How many sides (0, 1, 2) are intact, given their similarities: [`INTACT_SIDE`] of a full
    /// [`CONTEXT_CHARS`](super::CONTEXT_CHARS) code points matching. A short stored side (the
    /// text's start or end was near) cannot be intact: one matching "." proves nothing.
    pub fn intact_sides(&self, prefix: f64, suffix: f64) -> usize {
        let intact = |len: usize, similarity: f64| {
            len as f64 * similarity >= INTACT_SIDE * super::CONTEXT_CHARS as f64
        };
        usize::from(intact(self.prefix.len(), prefix))
            + usize::from(intact(self.suffix.len(), suffix))
    }
}

/// The fewest edits turning `pattern` (`len` code points) into a prefix of `text`.
fn anchored_edits(pattern: &Pattern, len: usize, text: impl Iterator<Item = char>) -> usize {
    let mut best = len;
    pattern.scan(text, false, |_, d| best = best.min(d));
    best
}

fn side_similarity(edits: Option<usize>, len: usize, at_text_edge: bool) -> f64 {
    match edits {
        None if at_text_edge => 1.0,
        None => UNKNOWN_CONTEXT,
        Some(d) => 1.0 - d as f64 / len as f64,
    }
}

/// One candidate place for a quote, with its scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scored {
    pub start: usize,
    pub end: usize,
    pub quote: f64,
    pub prefix: f64,
    pub suffix: f64,
    /// Weighted sum in `0..=1`.
    pub total: f64,
}

impl Scored {
    /// The mean of prefix and suffix similarity.
    pub fn context(&self) -> f64 {
        (self.prefix + self.suffix) / 2.0
    }

    pub fn overlaps(&self, other: &Scored) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The folded quote selector a candidate is scored against.
pub(crate) struct Query {
    pub exact: Vec<char>,
    pub context: Context,
    /// The quote compiled for edit distances, on first use.
    compiled: OnceLock<Pattern>,
}

impl Query {
    pub fn new(quote: &super::TextQuote) -> Self {
        Query {
            exact: folded(&quote.exact),
            context: Context::new(folded(&quote.prefix), folded(&quote.suffix)),
            compiled: OnceLock::new(),
        }
    }

    /// The Levenshtein distance between the quote and `text` (folded).
    pub fn distance(&self, text: &[char]) -> usize {
        if self.exact.is_empty() || text.is_empty() {
            return self.exact.len().max(text.len());
        }
        let pattern = self.compiled.get_or_init(|| Pattern::new(&self.exact));
        let mut last = self.exact.len();
        pattern.scan(text.iter().copied(), false, |_, d| last = d);
        last
    }

    /// `1 − distance / longer length` between the quote and `text` (folded).
    pub fn similarity(&self, text: &[char]) -> f64 {
        let longer = self.exact.len().max(text.len());
        if longer == 0 {
            return 1.0;
        }
        1.0 - self.distance(text) as f64 / longer as f64
    }

    /// Whether a place found by searching — no diff vouching for it — is tied to the claim's
    /// passage: its context [`SEARCH_CONTEXT`] on average (not enough for a quote shorter than
    /// [`SHORT_QUOTE_CHARS`]), or one side intact ([`INTACT_SIDE`]), or the quote self-evident.
    pub fn anchored_by_context(&self, c: &Scored, unique_in_old: &dyn Fn() -> bool) -> bool {
        (c.context() >= SEARCH_CONTEXT && self.exact.len() >= SHORT_QUOTE_CHARS)
            || self.context.intact_sides(c.prefix, c.suffix) > 0
            || self.self_evident(c, unique_in_old)
    }

    fn self_evident(&self, c: &Scored, unique_in_old: &dyn Fn() -> bool) -> bool {
        c.quote >= SELF_EVIDENT_SIMILARITY
            && self.exact.len() >= SELF_EVIDENT_CHARS
            && unique_in_old()
    }

    /// Edits between the quote with its context and the text around `start..end`: how the
    /// edges of a found place are chosen. Ties go to fewer edits inside the quote, so text
    /// inserted right at an edge stays outside the quote, as in the diff mapping.
    pub fn edits(&self, text: &[char], start: usize, end: usize) -> (usize, usize) {
        let inside = self.distance(&text[start..end]);
        let around = self.context.prefix_edits(text, start).unwrap_or(0)
            + self.context.suffix_edits(text, end).unwrap_or(0);
        (inside + around, inside)
    }

    /// Scores `text[start..end]` (folded text) as the place of this quote; `hint` is where the
    /// quote is expected to start, if known.
    pub fn score(&self, text: &[char], start: usize, end: usize, hint: Option<usize>) -> Scored {
        let quote = self.similarity(&text[start..end]);
        self.score_with(text, start, end, quote, hint)
    }

    /// Like [`Query::score`] when the quote similarity is already known.
    pub fn score_with(
        &self,
        text: &[char],
        start: usize,
        end: usize,
        quote: f64,
        hint: Option<usize>,
    ) -> Scored {
        let prefix = self.context.prefix_similarity(text, start);
        let suffix = self.context.suffix_similarity(text, end);
        // A hint past the end (a stored position from a longer version, or any number a file
        // holds) counts from the end: candidates keep their order and their differences, and the
        // score stays in 0..=1 (a hint of usize::MAX made it about -1e17, where candidates'
        // differences vanish below f64 precision).
        let position = match hint {
            Some(hint) => 1.0 - start.abs_diff(hint.min(text.len())) as f64 / text.len().max(1) as f64,
            None => 1.0,
        };
        let total = (QUOTE_WEIGHT * quote
            + PREFIX_WEIGHT * prefix
            + SUFFIX_WEIGHT * suffix
            + POSITION_WEIGHT * position)
            / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT);
        Scored {
            start,
            end,
            quote,
            prefix,
            suffix,
            total,
        }
    }

    /// Whether a candidate is the quote's edited form, given the quote similarity the step
    /// requires: that similarity with supporting context ([`MIN_CONTEXT`]); or
    /// [`MIN_CHANGED_SIMILARITY`] with the context intact on both sides ([`STRONG_CONTEXT`]: the
    /// surroundings vouch for the place as the diff does); or a self-evident quote
    /// ([`SELF_EVIDENT_SIMILARITY`]). `unique_in_old`: the quote occurred once in the old text,
    /// so a self-evident match cannot be another passage's.
    pub fn is_edited_form(
        &self,
        c: &Scored,
        min_quote: f64,
        unique_in_old: &dyn Fn() -> bool,
    ) -> bool {
        (c.quote >= min_quote && c.context() >= MIN_CONTEXT)
            || (c.quote >= MIN_CHANGED_SIMILARITY && c.context() >= STRONG_CONTEXT)
            || (c.quote >= min_quote && self.self_evident(c, unique_in_old))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_code_point_per_code_point() {
        let raw = "« l’opposition » — 950\u{a0}millions…";
        let f = folded(raw);
        assert_eq!(f.len(), raw.chars().count());
        assert_eq!(
            f.iter().collect::<String>(),
            "\" l'opposition \" - 950 millions."
        );
    }

    #[test]
    fn similarity_ignores_typography_but_counts_edits() {
        assert_eq!(similarity("l'opposition", "l’opposition"), 1.0);
        assert!((similarity("950 millions", "900 millions") - 11.0 / 12.0).abs() < 1e-9);
        assert_eq!(similarity("", ""), 1.0);
        assert_eq!(similarity("abc", ""), 0.0);
    }

    #[test]
    fn context_shifted_by_an_insertion_costs_the_insertion_once() {
        let stored = folded(" pour l’année prochaine, en hausse");
        let context = Context::new(Vec::new(), stored.clone());
        let text = folded("QUOTE et plus pour l’année prochaine, en hausse de 6 %");
        // " et plus" (8 code points) inserted between the quote and its suffix.
        assert_eq!(context.suffix_edits(&text, 5), Some(8));
        let text = folded("QUOTE pour l’année prochaine, en hausse de 6 %");
        assert_eq!(context.suffix_edits(&text, 5), Some(0));
        assert_eq!(context.suffix_similarity(&text, 5), 1.0);
    }

    #[test]
    fn unrelated_contexts_stay_below_the_context_threshold() {
        // Pairs of 32-code-point windows from unrelated sentences in the same language.
        let pairs = [
            (
                "selon l’agence de presse russe, ",
                "a indiqué le ministère mardi soir",
            ),
            (
                "les autorités françaises avaient",
                "le nombre d’utilisateurs a doublé",
            ),
            (
                "the minister said on Tuesday tha",
                "according to figures released by",
            ),
            (
                "de la plateforme, a-t-il déclaré",
                "dans un communiqué publié lundi ",
            ),
        ];
        for (a, b) in pairs {
            // `a` as a stored prefix and suffix, `b` as the text on both sides of a candidate.
            let text = folded(&format!("{b}QUOTE{b}"));
            let n = b.chars().count();
            let context = Context::new(folded(a), folded(a));
            let p = context.prefix_similarity(&text, n);
            let s = context.suffix_similarity(&text, n + 5);
            assert!(p < MIN_CONTEXT - 0.1, "{p} for {a:?} / {b:?}");
            assert!(s < MIN_CONTEXT - 0.1, "{s} for {a:?} / {b:?}");
        }
    }
}
