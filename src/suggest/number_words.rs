//! Numbers written in words ("quatre", "deux cent mille", "nine hundred and fifty"): a regex
//! finds runs of number words, `text2num` reads them. A run it cannot read whole is read from
//! the left, longest part first ("deux et trois" → 2, then 3).

use std::sync::LazyLock;

use regex::Regex;
use text2num::{text2digits, Language};

use super::Lang;

/// A number in words: byte span and value. `article`: a lone "un", "une" or "one", which is
/// far more often an article or a pronoun than a count.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WordNumber {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    pub article: bool,
}

const FR_WORDS: &str = "zéro|zero|une|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts|vingt|trente|quarante|cinquante|soixante|cents|cent|mille|millions|million|milliards|milliard";
const EN_WORDS: &str = "zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|millions|million|billions|billion|trillion";

fn run_regex(words: &str, connector: &str) -> Regex {
    let word = format!(r"(?:{words})\b");
    let pattern = format!(r"(?i)\b{word}(?:(?:[\x20\u{{a0}}\u{{202f}}]+|-)(?:{word}|{connector}\b))*");
    super::regex(&pattern)
}

/// "-year", "-week": a hyphenated unit of time after a number word.
static TIME_UNIT_AFTER: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"(?i)^-(?:second|minute|hour|day|week|month|year|decade|century)s?\b"));

static FR_RUN: LazyLock<Regex> = LazyLock::new(|| run_regex(FR_WORDS, "et"));
static EN_RUN: LazyLock<Regex> = LazyLock::new(|| run_regex(EN_WORDS, "and"));
static FRENCH: LazyLock<Language> = LazyLock::new(Language::french);
static ENGLISH: LazyLock<Language> = LazyLock::new(Language::english);

/// The longest run read at once; longer runs are lists ("un, deux, trois") or noise.
const MAX_RUN_WORDS: usize = 10;

/// Every number in words in `text`, in text order.
pub(crate) fn find(text: &str, lang: Lang) -> Vec<WordNumber> {
    let (run, interpreter, connector) = match lang {
        Lang::Fr => (&*FR_RUN, &*FRENCH, "et"),
        Lang::En => (&*EN_RUN, &*ENGLISH, "and"),
    };
    let mut out = Vec::new();
    for m in run.find_iter(text) {
        // "mille-feuille", "sept-heures": a hyphen into a word that is not a number — except an
        // English unit of time ("three-year", "seven-week": a duration).
        let after = &text[m.end()..];
        if after.starts_with('-') && after[1..].chars().next().is_some_and(char::is_alphabetic) && !TIME_UNIT_AFTER.is_match(after) {
            continue;
        }
        // The words of the run, with their byte spans (hyphenated parts stay one word).
        let words: Vec<(usize, usize)> = split_words(m.as_str(), m.start());
        let mut i = 0;
        while i < words.len() {
            // A multiplier cannot start a number: "700 millions un an" is 700 millions (read with
            // its digits elsewhere), then "un an", not "millions un" = 1 000 001.
            if is_multiplier(&text[words[i].0..words[i].1]) {
                i += 1;
                continue;
            }
            let mut read = None;
            let last = words.len().min(i + MAX_RUN_WORDS);
            for j in (i + 1..=last).rev() {
                let (start, end) = (words[i].0, words[j - 1].1);
                let first = &text[words[i].0..words[i].1];
                let final_word = &text[words[j - 1].0..words[j - 1].1];
                if first.eq_ignore_ascii_case(connector) || final_word.eq_ignore_ascii_case(connector) {
                    continue;
                }
                if let Some(value) = read_number(&text[start..end], interpreter) {
                    read = Some((j, start, end, value));
                    break;
                }
            }
            match read {
                Some((j, start, end, value)) => {
                    if let Some(found) = accept(text, start, end, value, j - i) {
                        out.push(found);
                    }
                    i = j;
                }
                None => i += 1,
            }
        }
    }
    out
}

/// A word that multiplies the number before it and is never one on its own.
fn is_multiplier(word: &str) -> bool {
    ["million", "millions", "milliard", "milliards", "billion", "billions", "trillion", "trillions"]
        .iter()
        .any(|m| word.eq_ignore_ascii_case(m))
}

fn split_words(run: &str, offset: usize) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in run.char_indices() {
        if super::textutil::is_space(c) {
            if let Some(s) = start.take() {
                words.push((offset + s, offset + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((offset + s, offset + run.len()));
    }
    words
}

/// The value of a phrase that is a whole cardinal number, through text2num.
fn read_number(phrase: &str, interpreter: &Language) -> Option<f64> {
    let normalised = phrase.to_lowercase().replace(['-', '\u{a0}', '\u{202f}'], " ");
    let digits = text2digits(&normalised, interpreter).ok()?;
    // Ordinals come back with a suffix ("5ème"); a cardinal is digits only.
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether a number in words is one worth a suggestion, and how to mark it.
fn accept(text: &str, start: usize, end: usize, value: f64, words: usize) -> Option<WordNumber> {
    let phrase = text[start..end].to_lowercase();
    if words == 1 {
        // A bare multiplier in the plural is a vague quantity ("des millions de"), found elsewhere.
        if matches!(phrase.as_str(), "millions" | "milliards" | "billions" | "cents" | "vingts") {
            return None;
        }
        // "pour cent", "per cent": the sign of a percentage, not a hundred.
        if matches!(phrase.as_str(), "cent" | "cents") {
            let before = super::textutil::word_before(text, start).map(|(_, w)| w.to_lowercase());
            if matches!(before.as_deref(), Some("pour" | "per")) {
                return None;
            }
        }
        // "un bâtiment neuf", "tout neuf": the adjective, not nine.
        if phrase == "neuf" {
            let before = super::textutil::word_before(text, start).map(|(_, w)| w.to_lowercase());
            if matches!(before.as_deref(), Some("tout" | "flambant" | "du" | "de" | "à" | "remis" | "état" | "quoi")) {
                return None;
            }
        }
        if matches!(phrase.as_str(), "zéro" | "zero") {
            return None;
        }
    }
    let article = words == 1 && matches!(phrase.as_str(), "un" | "une" | "one");
    Some(WordNumber { start, end, value, article })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, lang: Lang) -> Vec<(String, f64, bool)> {
        find(text, lang).into_iter().map(|w| (text[w.start..w.end].to_string(), w.value, w.article)).collect()
    }

    #[test]
    fn french_number_words() {
        assert_eq!(found("pendant quatre jours", Lang::Fr), [("quatre".to_string(), 4.0, false)]);
        assert_eq!(found("deux cent mille manifestants", Lang::Fr), [("deux cent mille".to_string(), 200_000.0, false)]);
        assert_eq!(found("vingt-cinq ans", Lang::Fr), [("vingt-cinq".to_string(), 25.0, false)]);
        assert_eq!(found("un homme", Lang::Fr), [("un".to_string(), 1.0, true)]);
        assert_eq!(found("cinq pour cent", Lang::Fr), [("cinq".to_string(), 5.0, false)]);
        assert!(found("un immeuble tout neuf", Lang::Fr).iter().all(|(w, _, _)| w != "neuf"));
        assert!(found("des millions de publications", Lang::Fr).is_empty());
        assert!(found("le premier jour", Lang::Fr).is_empty());
        // After digits, the multiplier belongs to them; the "un" after it is its own word.
        assert_eq!(found("contre 700 millions un an plus tôt", Lang::Fr), [("un".to_string(), 1.0, true)]);
        assert!(found("2,3 milliards deux fois", Lang::Fr).iter().all(|(w, _, _)| !w.contains("milliards")));
    }

    #[test]
    fn english_number_words() {
        assert_eq!(found("nine hundred and fifty people", Lang::En), [("nine hundred and fifty".to_string(), 950.0, false)]);
        assert_eq!(found("for three weeks", Lang::En), [("three".to_string(), 3.0, false)]);
        assert!(found("the first time", Lang::En).is_empty());
    }
}
