//! The article's language: the page's own `lang` attribute when it has one, else a guess from the
//! text among the languages the desk works in (French and English).

use std::sync::LazyLock;

use whatlang::{Detector, Lang};

/// Below this many letters a guess is not worth making.
const MIN_LETTERS: usize = 20;

/// How much text the guess looks at; the start of an article is plenty.
const MAX_SAMPLE_BYTES: usize = 10_000;

/// Below this confidence (0–1) the guess is dropped. With two candidate languages whatlang's
/// confidence is high for any real sentence; short or mixed snippets fall under it.
const MIN_CONFIDENCE: f64 = 0.2;

static DETECTOR: LazyLock<Detector> =
    LazyLock::new(|| Detector::with_allowlist(vec![Lang::Fra, Lang::Eng]));

/// Guesses French or English from the text; `None` when the text is too short, not in Latin
/// script, or the guess is unreliable. Returns an ISO 639-1 code.
pub fn detect(text: &str) -> Option<String> {
    let sample = super::head(text, MAX_SAMPLE_BYTES);
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return None;
    }
    let info = DETECTOR.detect(sample)?;
    if info.script() != whatlang::Script::Latin || info.confidence() < MIN_CONFIDENCE {
        return None;
    }
    match info.lang() {
        Lang::Fra => Some("fr".to_string()),
        Lang::Eng => Some("en".to_string()),
        _ => None,
    }
}

/// The primary language of a `lang` attribute: `fr-FR` → `fr`, `EN_us` → `en`. The three-letter
/// codes for French and English (`fra`, `fre`, `eng`) map to their two-letter forms; anything
/// else that is not a two-letter subtag gives `None`.
pub fn normalise_lang_attr(attr: &str) -> Option<String> {
    let primary = attr.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary);
    }
    match primary.as_str() {
        "fra" | "fre" => Some("fr".to_string()),
        "eng" => Some("en".to_string()),
        _ => None,
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french() {
        let text = "Le conseil municipal a voté mardi un budget de 12 millions d’euros pour la réfection du pont.";
        assert_eq!(detect(text).as_deref(), Some("fr"));
    }

    #[test]
    fn english() {
        let text = "The city council voted on Tuesday for a budget of 12 million euros to repair the bridge.";
        assert_eq!(detect(text).as_deref(), Some("en"));
    }

    #[test]
    fn too_short_or_not_latin() {
        assert_eq!(detect("Bonjour"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("12 345 678 901 234 567 890 123"), None);
        assert_eq!(
            detect("Москва — столица России, крупнейший город страны."),
            None
        );
    }

    #[test]
    fn lang_attribute() {
        assert_eq!(normalise_lang_attr("fr-FR").as_deref(), Some("fr"));
        assert_eq!(normalise_lang_attr(" EN_us ").as_deref(), Some("en"));
        assert_eq!(normalise_lang_attr("de").as_deref(), Some("de"));
        assert_eq!(normalise_lang_attr("fra").as_deref(), Some("fr"));
        assert_eq!(normalise_lang_attr("eng-GB").as_deref(), Some("en"));
        assert_eq!(normalise_lang_attr(""), None);
        assert_eq!(normalise_lang_attr("x-klingon"), None);
        assert_eq!(normalise_lang_attr("français"), None);
        assert_eq!(normalise_lang_attr("12"), None);
    }
}
