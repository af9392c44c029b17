//! Check-worthiness of a sentence, in [0, 1], from what it holds.
//!
//! Each suggestion in the sentence and each kind of cue found in it adds a weight, combined as
//! independent chances (one minus the product of the misses), so that the score grows with
//! evidence and never reaches one. Numbers weigh most (they can be checked against a source), then quotes and cues. A second
//! suggestion of a kind already present weighs half. The weights are a starting point, to be
//! tuned against the labelled set.

use std::sync::LazyLock;

use regex::RegexSet;

use super::{Kind, Offsets, Suggestion};

fn weight(kind: Kind) -> f64 {
    match kind {
        Kind::Quantity => 0.35,
        Kind::Percent | Kind::Money => 0.45,
        Kind::Date | Kind::Duration => 0.2,
        Kind::Quote => 0.3,
        Kind::Attribution => 0.2,
    }
}

/// Cues, by kind: comparatives, superlatives, causal wording, legal wording.
static CUES: LazyLock<RegexSet> = LazyLock::new(|| {
    // ASCII word boundaries, as in every detector (see `super::regex`); words ending in an
    // accented letter are matched as prefixes.
    let patterns = [
        r"(?i)\b(?:plus|moins|davantage|autant|hausse|baisse|augmentation|diminution|croissance|recul|more|less|fewer|higher|lower|increase[sd]?|decrease[sd]?|rise|rose|fell|doubled|tripled|compared|than)\b|(?i:\bdoubl|\bquadrupl|\btripl)",
        r"(?i)\b(?:le|la|les)\s+(?:plus|moins)\b|(?i)\b(?:record|jamais|premier|seul|seule|unique|the\s+most|the\s+least|largest|biggest|highest|lowest|first|only|never|ever|best|worst)\b|(?i:\bpremi)",
        r"(?i)\b(?:parce\s+que|car|en\s+raison|because|due\s+to|caused|led\s+to|result(?:ed)?\s+in|owing\s+to|therefore|donc)\b|(?i:cause\s+d|\bgr[aâ]ce\s+[aà]|\bprovoqu|\bentra[iî]n|\bcaus|\bconduit\s+[aà])",
        r"(?i)\b(?:inculp|mis\s+en\s+examen|condamn|ill[eé]gal|loi\b|tribunal|justice|proc[eè]s|plainte|accus|crime|d[eé]lit|interdi|charged|indicted|convicted|illegal|unlawful|law\b|court\b|sued|lawsuit|trial|banned)",
    ];
    RegexSet::new(patterns.map(|p| p.replace(r"\b", r"(?-u:\b)"))).expect("cue patterns")
});
const CUE_WEIGHT: f64 = 0.15;
/// The positions in [`CUES`] of the causal and the legal wording.
const CAUSAL_CUE: usize = 2;
const LEGAL_CUE: usize = 3;

/// Wording that says what kind of claim a sentence makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueType {
    Causal,
    Legal,
}

/// The kind of claim `sentence`'s wording points to: causal wording first (a cause is what a
/// checker has to establish), then legal wording.
pub(crate) fn cue_type(sentence: &str) -> Option<CueType> {
    let found = CUES.matches(sentence);
    if found.matched(CAUSAL_CUE) {
        Some(CueType::Causal)
    } else if found.matched(LEGAL_CUE) {
        Some(CueType::Legal)
    } else {
        None
    }
}

/// Sets each suggestion's score to its sentence's.
pub(crate) fn score(text: &str, offsets: &Offsets, out: &mut [Suggestion]) {
    let mut i = 0;
    while i < out.len() {
        // Suggestions come in text order, so one sentence's are (nearly always) together; a
        // suggestion whose sentence started earlier is scored with its own sentence anyway.
        let sentence = (out[i].sentence_start, out[i].sentence_end);
        let mut j = i;
        while j < out.len() && (out[j].sentence_start, out[j].sentence_end) == sentence {
            j += 1;
        }
        let s = sentence_score(text, offsets, sentence, &out[i..j]);
        for suggestion in &mut out[i..j] {
            suggestion.score = s;
        }
        i = j;
    }
}

fn sentence_score(text: &str, offsets: &Offsets, (start, end): (usize, usize), held: &[Suggestion]) -> f64 {
    let mut miss = 1.0;
    let mut seen: Vec<Kind> = Vec::new();
    for s in held {
        let w = if seen.contains(&s.kind) { weight(s.kind) / 2.0 } else { weight(s.kind) };
        seen.push(s.kind);
        miss *= 1.0 - w;
    }
    let sentence = text.get(offsets.byte(start)..offsets.byte(end)).unwrap_or_default();
    for _ in CUES.matches(sentence).iter() {
        miss *= 1.0 - CUE_WEIGHT;
    }
    let score = 1.0 - miss;
    (score * 1000.0).round() / 1000.0
}
