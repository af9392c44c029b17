//! What a reviewer does with a suggestion: make a claim of it, or dismiss it. Pure functions over
//! a list of suggestions; the desk stores the outcome.
//!
//! A suggestion has no stored id: the list is recomputed from the text each time. It is named by
//! a [`SuggestionKey`] — its type, its text and which occurrence of that pair it is — which stays
//! the same when the article gets a new version that moves the passage.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{score, Kind, Suggestion};
use crate::claim::ClaimType;

/// Names one suggestion of an article: the `occurrence`-th (from 0) suggestion of type `kind`
/// whose text is `text`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SuggestionKey {
    #[serde(rename = "type")]
    pub kind: Kind,
    pub text: String,
    pub occurrence: usize,
}

/// The key of each suggestion of `list`, in the same order.
pub fn keys(list: &[Suggestion]) -> Vec<SuggestionKey> {
    let mut seen: std::collections::HashMap<(Kind, &str), usize> = std::collections::HashMap::new();
    list.iter()
        .map(|s| {
            let n = seen.entry((s.kind, s.text.as_str())).or_insert(0);
            let key = SuggestionKey { kind: s.kind, text: s.text.clone(), occurrence: *n };
            *n += 1;
            key
        })
        .collect()
}

/// The index in `list` of the suggestion named `key`.
pub fn find(list: &[Suggestion], key: &SuggestionKey) -> Option<usize> {
    keys(list).iter().position(|k| k == key)
}

/// A claim as a suggestion proposes it, for the reviewer to correct.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimDraft {
    /// The span the claim is anchored to, in code points.
    pub start: usize,
    pub end: usize,
    pub claim_type: ClaimType,
    /// The value read, as `claimdesk suggest` gives it; None for a quote or an attribution.
    pub value: Option<Value>,
    /// The speaker of the quote holding the span, or of an attribution in its sentence.
    pub claimant: Option<String>,
    /// The sentence holding the span: the draft of the normalised statement.
    pub statement: String,
}

/// The claim suggestion `index` of `list` (made over `text`) proposes. An attribution proposes a
/// claim on what was said: its quote when it has one, else its sentence.
pub fn draft(text: &str, list: &[Suggestion], index: usize) -> Option<ClaimDraft> {
    let s = list.get(index)?;
    let (start, end) = match s.kind {
        Kind::Attribution => match s.linked_to.and_then(|i| list.get(i)) {
            Some(quote) => (quote.start, quote.end),
            None => (s.sentence_start, s.sentence_end),
        },
        _ => (s.start, s.end),
    };
    let sentence = code_points(text, s.sentence_start, s.sentence_end).trim().to_string();
    let value = match s.kind {
        Kind::Quote | Kind::Attribution => None,
        _ => Some(s.value.clone()),
    };
    Some(ClaimDraft {
        start,
        end,
        claim_type: claim_type(list, s, start, end, &sentence),
        value,
        claimant: claimant(list, s, start, end),
        statement: sentence,
    })
}

/// Full Fact's type for a claim on `start..end`: a quantity when a figure is the claim or is in
/// the quote claimed; else what the sentence's wording says (causal, legal); else "other".
fn claim_type(list: &[Suggestion], s: &Suggestion, start: usize, end: usize, sentence: &str) -> ClaimType {
    let numeric = |k: Kind| matches!(k, Kind::Quantity | Kind::Percent | Kind::Money);
    if numeric(s.kind) || list.iter().any(|o| numeric(o.kind) && start <= o.start && o.end <= end) {
        return ClaimType::Quantity;
    }
    match score::cue_type(sentence) {
        Some(score::CueType::Causal) => ClaimType::CorrelationCausation,
        Some(score::CueType::Legal) => ClaimType::LawsRules,
        None => ClaimType::Other,
    }
}

/// Who makes the claim on `start..end`: the speaker of the quote it is in (or is), else of an
/// attribution in the same sentence.
fn claimant(list: &[Suggestion], s: &Suggestion, start: usize, end: usize) -> Option<String> {
    let speaker = |a: &Suggestion| a.value.get("speaker").and_then(Value::as_str).map(str::to_string);
    if s.kind == Kind::Attribution {
        return speaker(s);
    }
    let quoted_by = list.iter().filter(|q| q.kind == Kind::Quote && q.start <= start && end <= q.end).find_map(|q| {
        q.linked_to.and_then(|i| list.get(i)).filter(|a| a.kind == Kind::Attribution).and_then(speaker)
    });
    quoted_by.or_else(|| {
        list.iter()
            .filter(|a| a.kind == Kind::Attribution)
            .filter(|a| a.sentence_start == s.sentence_start && a.sentence_end == s.sentence_end)
            // A speaker attached to another quote of the sentence did not say this.
            .filter(|a| a.linked_to.is_none() || s.kind == Kind::Quote)
            .find_map(speaker)
    })
}

fn code_points(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suggest::suggest;

    const TEXT: &str = "Telegram compte 950 millions d’utilisateurs, selon Pavel Durov. \
« Je les ai personnellement aidés », a-t-il confié. Il a été retenu pendant quatre jours parce que la justice l’accuse.";

    fn index(list: &[Suggestion], text: &str) -> usize {
        list.iter().position(|s| s.text == text).unwrap_or_else(|| panic!("no suggestion {text:?} in {list:#?}"))
    }

    #[test]
    fn keys_count_occurrences_of_the_same_type_and_text() {
        let text = "Il y a 3 chats. Il y a 3 chiens. Et 3 % de souris.";
        let list = suggest(text, None, Some("fr"));
        let keys = keys(&list);
        let threes: Vec<usize> = keys.iter().filter(|k| k.text == "3").map(|k| k.occurrence).collect();
        assert_eq!(threes, vec![0, 1]);
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(find(&list, key), Some(i));
        }
        assert_eq!(find(&list, &SuggestionKey { kind: Kind::Quantity, text: "3".into(), occurrence: 2 }), None);
    }

    #[test]
    fn a_quantity_draft_carries_its_value_sentence_and_the_sentence_speaker() {
        let list = suggest(TEXT, None, Some("fr"));
        let d = draft(TEXT, &list, index(&list, "950 millions")).expect("draft");
        assert_eq!(d.claim_type, ClaimType::Quantity);
        assert_eq!(d.value.as_ref().and_then(|v| v.get("number")).and_then(Value::as_f64), Some(950_000_000.0));
        assert_eq!(d.statement, "Telegram compte 950 millions d’utilisateurs, selon Pavel Durov.");
        assert_eq!(d.claimant.as_deref(), Some("Pavel Durov"));
        assert_eq!(code_points(TEXT, d.start, d.end), "950 millions");
    }

    #[test]
    fn a_quote_or_its_attribution_drafts_a_claim_on_the_quote_with_its_speaker() {
        let list = suggest(TEXT, None, Some("fr"));
        let quote = index(&list, "« Je les ai personnellement aidés »");
        let by_quote = draft(TEXT, &list, quote).expect("draft");
        assert_eq!(by_quote.claimant.as_deref(), Some("Pavel Durov"), "the pronoun resolves to the last speaker");
        assert_eq!(by_quote.value, None);
        assert_eq!(by_quote.claim_type, ClaimType::Other);
        let attribution = list[quote].linked_to.expect("linked");
        let by_attribution = draft(TEXT, &list, attribution).expect("draft");
        assert_eq!((by_attribution.start, by_attribution.end), (by_quote.start, by_quote.end));
        assert_eq!(by_attribution.claimant, by_quote.claimant);
    }

    #[test]
    fn the_sentence_wording_gives_the_type_of_a_non_numeric_claim() {
        let list = suggest(TEXT, None, Some("fr"));
        let d = draft(TEXT, &list, index(&list, "pendant quatre jours")).expect("draft");
        assert_eq!(d.value, Some(serde_json::json!({"iso": "P4D"})));
        assert_eq!(d.claim_type, ClaimType::CorrelationCausation, "'parce que' is causal wording");
        assert_eq!(draft(TEXT, &list, list.len()), None);
    }
}
