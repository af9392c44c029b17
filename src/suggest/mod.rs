//! Claim suggestions: the check-worthy spans of an article's canonical text, found offline, in
//! French and English, each with a normalised value — so that a reviewer starts from "950
//! millions → 950 000 000" rather than from a blank page (issue #7).
//!
//! [`suggest`] runs a few small detectors, each a module named after what it finds:
//!
//! - [`numbers`]: quantities, percentages and amounts of money, from digits ("1 000 000",
//!   "2,3", "3.5", "950 millions", "$1.2bn") and from number words ([`number_words`], checked
//!   by `text2num`: "quatre", "deux cent mille"); vague quantities ("des millions de
//!   publications", "thousands of people") are marked `vague`; a year where a number stands
//!   alone ("en 2023") is a date.
//! - [`dates`]: absolute and relative dates, resolved against the publication date.
//! - [`durations`]: "pendant quatre jours" → `P4D`, "for three weeks" → `P3W`.
//! - [`quotes`]: quoted statements and the attributions that go with them.
//! - [`score`]: how check-worthy each sentence is.
//!
//! Detectors propose candidates in byte offsets; [`suggest`] keeps one of any overlapping
//! numeric candidates (money, then percent, date, duration, quantity; then the longer), links
//! quotes to attributions, and converts offsets to code points once, through a table built once
//! per text.
//!
//! Conventions a labelled set has to follow to compare (they are also in the README):
//! - a quantity's span is the number with its multiplier ("950 millions"); the counted noun
//!   goes to `unit` only ("utilisateurs"). A vague quantity's span is the whole phrase with its
//!   noun ("des millions de publications"), the noun also in `unit`, `number` the order of
//!   magnitude (1 000 000) and `vague: true`;
//! - a percentage's span includes its sign or words ("2,3 %", "40 percent"), money its currency
//!   ("950 millions d'euros", "$1.2 billion");
//! - a date's span leaves out the article or preposition before it ("le", "ce", "en") but keeps
//!   the weekday and "dernier"/"prochain"/"last"/"next" ("28 août dernier", "last Friday");
//! - a duration's span includes the preposition that makes it one ("pendant quatre jours");
//! - a quote's span includes its quotation marks; its value is `{}` (the text is in `text`);
//! - an attribution's span is the verb and the speaker, in the order they come ("a-t-il
//!   confié", "a indiqué le milliardaire russe", "le fondateur de Telegram estime", "selon
//!   Durov"); its value is `{"speaker": …}`, where a pronoun ("il", "he") is replaced by the
//!   last speaker named before it in the text, if any.
//!
//! Relative dates need a reference day: the publication date, else today (UTC).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

pub use accept::{draft, find, keys, ClaimDraft, SuggestionKey};

mod accept;
mod dates;
mod durations;
mod number_words;
mod numbers;
mod quotes;
mod score;

/// What a suggested span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Quantity,
    Percent,
    Money,
    Date,
    Duration,
    Quote,
    Attribution,
}

/// One suggested span of an article's canonical text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    /// Code points into the text, `end` exclusive.
    pub start: usize,
    pub end: usize,
    /// Exactly the text's code points `start..end`.
    pub text: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    /// The normalised value: `{"number", "unit"?, "vague"?}` for quantities and percentages,
    /// `{"number", "currency"}` for money, `{"date", "granularity"}` for dates, `{"iso"}` for
    /// durations, `{"speaker"}` for attributions, `{}` for quotes.
    pub value: Value,
    /// The sentence holding the span, in code points.
    pub sentence_start: usize,
    pub sentence_end: usize,
    /// The sentence's check-worthiness in [0, 1].
    pub score: f64,
    /// The index in the returned list of the linked suggestion (a quote's attribution and back).
    pub linked_to: Option<usize>,
}

/// Suggestions over an article's canonical text, in text order. `published` resolves relative
/// dates; `language` is "fr", "en" or None (then guessed from the text).
pub fn suggest(text: &str, published: Option<NaiveDate>, language: Option<&str>) -> Vec<Suggestion> {
    let lang = match language.map(|l| l.trim().to_ascii_lowercase()) {
        Some(l) if l.starts_with("en") => Lang::En,
        Some(l) if l.starts_with("fr") => Lang::Fr,
        _ => guess_language(text),
    };
    let today = published.unwrap_or_else(|| chrono::Utc::now().date_naive());

    let tokens = numbers::tokens(text, lang);
    let mut numeric = Vec::new();
    numbers::detect(text, lang, &tokens, &mut numeric);
    numbers::share_range_units(text, &mut numeric);
    numbers::detect_vague(text, &mut numeric);
    dates::detect(text, lang, today, &mut numeric);
    durations::detect(text, lang, &tokens, today, &mut numeric);
    let quoted = quotes::quotes(text);
    let mut attributions = quotes::attributions(text);

    let mut kept = keep_disjoint(numeric);
    // An attribution inside a quote belongs to the quoted speaker's own story, not to this one.
    attributions.retain(|a| !quoted.iter().any(|q| a.start < q.end && q.start < a.end));
    kept.extend(keep_disjoint(attributions));
    kept.extend(quoted);
    kept.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    quotes::resolve_pronouns(&mut kept);

    let offsets = Offsets::new(text);
    let sentences = crate::sentence::sentences(text);
    let mut out: Vec<Suggestion> = kept
        .into_iter()
        .map(|c| {
            let start = offsets.code_point(c.start);
            let end = offsets.code_point(c.end);
            let (sentence_start, sentence_end) = sentence_of(&sentences, start).unwrap_or((start, end));
            Suggestion {
                start,
                end,
                text: text.get(c.start..c.end).unwrap_or_default().to_string(),
                kind: c.kind,
                value: c.value,
                sentence_start,
                sentence_end,
                score: 0.0,
                linked_to: None,
            }
        })
        .collect();
    quotes::link(text, &offsets, &mut out);
    score::score(text, &offsets, &mut out);
    out
}

/// Compiles a detector's pattern with ASCII word boundaries. A Unicode `\b` keeps the regex
/// crate off its fast DFA on non-ASCII text (the whole run was three times slower on French
/// text); so a boundary next to an accented letter cannot be written as `\b` in a pattern and
/// is checked in code instead. The patterns are constants: a failure is a bug, caught by tests.
pub(crate) fn regex(pattern: &str) -> regex::Regex {
    regex::Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("a detector pattern compiles")
}

/// The two languages the detectors know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

/// French or English from the text: whatlang when it is sure, else a count of common words;
/// French when nothing tells (the desk's articles are mostly French).
fn guess_language(text: &str) -> Lang {
    match crate::article::language::detect(text).as_deref() {
        Some("en") => return Lang::En,
        Some("fr") => return Lang::Fr,
        _ => {}
    }
    let sample = crate::article::head(text, 20_000).to_lowercase();
    let count = |words: &[&str]| sample.split(|c: char| !c.is_alphabetic()).filter(|w| words.contains(w)).count();
    let fr = count(&["le", "la", "les", "des", "est", "une", "du", "que", "dans", "pour"]);
    let en = count(&["the", "and", "of", "is", "that", "was", "for", "with", "to"]);
    if en > fr { Lang::En } else { Lang::Fr }
}

/// A span a detector proposes, in byte offsets into the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: Value,
}

impl Candidate {
    pub fn new(start: usize, end: usize, kind: Kind, value: Value) -> Candidate {
        Candidate { start, end, kind, value }
    }
}

/// Which of two overlapping numeric candidates wins: the lower rank, then the longer span.
fn rank(kind: Kind) -> u8 {
    match kind {
        Kind::Money => 0,
        Kind::Percent => 1,
        Kind::Date => 2,
        Kind::Duration => 3,
        Kind::Quantity => 4,
        Kind::Attribution => 5,
        Kind::Quote => 6,
    }
}

/// The candidates that do not overlap, better ranked and longer ones first. Accepted spans are
/// kept in a map by start so that each check looks at two neighbours only (no quadratic scan).
fn keep_disjoint(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by_key(|c| (rank(c.kind), std::cmp::Reverse(c.end - c.start), c.start));
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut kept = Vec::new();
    for c in candidates {
        if c.start >= c.end {
            continue;
        }
        let before = taken.range(..c.end).next_back().is_some_and(|(_, &end)| end > c.start);
        if before {
            continue;
        }
        taken.insert(c.start, c.end);
        kept.push(c);
    }
    kept
}

/// The sentence (code points) that holds the code point `at`.
fn sentence_of(sentences: &[(usize, usize)], at: usize) -> Option<(usize, usize)> {
    let i = sentences.partition_point(|&(_, end)| end <= at);
    sentences.get(i).copied().filter(|&(start, _)| start <= at)
}

/// Byte offset ↔ code point conversions for one text, built once.
pub(crate) struct Offsets {
    /// The code point index of each byte offset that starts a character, and of the end.
    code_points: Vec<u32>,
    /// The byte offset of each code point, and of the end.
    bytes: Vec<usize>,
}

impl Offsets {
    pub fn new(text: &str) -> Offsets {
        let mut code_points = vec![0u32; text.len() + 1];
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut n: u32 = 0;
        for (b, c) in text.char_indices() {
            for slot in &mut code_points[b..b + c.len_utf8()] {
                *slot = n;
            }
            bytes.push(b);
            n += 1;
        }
        code_points[text.len()] = n;
        bytes.push(text.len());
        Offsets { code_points, bytes }
    }

    pub fn code_point(&self, byte: usize) -> usize {
        self.code_points.get(byte).copied().unwrap_or(0) as usize
    }

    pub fn byte(&self, code_point: usize) -> usize {
        self.bytes.get(code_point).copied().unwrap_or_else(|| self.bytes.last().copied().unwrap_or(0))
    }
}

/// Shared text helpers for the detectors.
pub(crate) mod textutil {
    /// Spaces that may separate a number from its unit or digit groups: ordinary, no-break,
    /// narrow no-break (French typography) and thin.
    pub fn is_space(c: char) -> bool {
        matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}')
    }

    /// The char just before byte `at`.
    pub fn char_before(text: &str, at: usize) -> Option<char> {
        text.get(..at)?.chars().next_back()
    }

    /// The word (letters, apostrophes within) that ends just before byte `at`, skipping spaces;
    /// with the byte where it starts.
    pub fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
        let head = text.get(..at)?;
        let trimmed = head.trim_end_matches(is_space);
        let end = trimmed.len();
        let start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| c.is_alphabetic() || c == '\'' || c == '’' || c == '.' || c == '°')
            .last()
            .map(|(i, _)| i)?;
        Some((start, &text[start..end]))
    }

    /// A window of at most `max` bytes ending at byte `at`, cut at a char boundary.
    pub fn window_before(text: &str, at: usize, max: usize) -> &str {
        let mut from = at.saturating_sub(max);
        while from < at && !text.is_char_boundary(from) {
            from += 1;
        }
        text.get(from..at).unwrap_or_default()
    }

    /// The text from `at` to at most `max` bytes further, cut at a char boundary.
    pub fn window_after(text: &str, at: usize, max: usize) -> &str {
        let mut to = (at + max).min(text.len());
        while to > at && !text.is_char_boundary(to) {
            to -= 1;
        }
        text.get(at..to).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points() {
        let text = "📱 é 950";
        let o = Offsets::new(text);
        assert_eq!(o.code_point(0), 0);
        assert_eq!(o.code_point(4), 1);
        assert_eq!(o.code_point(text.len()), 7);
        assert_eq!(o.byte(7), text.len());
        assert_eq!(o.byte(2), 5);
    }

    #[test]
    fn disjoint_keeps_the_better_ranked() {
        let kept = keep_disjoint(vec![
            Candidate::new(0, 6, Kind::Quantity, Value::Null),
            Candidate::new(0, 12, Kind::Money, Value::Null),
            Candidate::new(13, 20, Kind::Quantity, Value::Null),
            Candidate::new(10, 15, Kind::Date, Value::Null),
        ]);
        let kinds: Vec<Kind> = kept.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [Kind::Money, Kind::Quantity]);
    }
}
