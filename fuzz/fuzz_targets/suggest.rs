//! An article's canonical text, a publication date and a language → `suggest::suggest`, with the
//! invariants every suggestion promises checked: code-point offsets inside the text, `text` equal
//! to the text's code points `start..end`, a sentence that starts at or before the span, a score
//! in [0, 1], links that point inside the list.
//!
//! Input: the text (lossy UTF-8), then optionally a 0xFF byte (never part of UTF-8, so a plain
//! text file is a valid seed) and the bytes that pick the language and the publication date.
//! Without them: no language given (it is guessed), published 2024-01-15.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

const LANGUAGES: [&str; 7] = ["fr", "en", "FR", "en-GB", " fr-CA ", "de", ""];

fn default_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 15).unwrap_or_default()
}

/// (language, published) from the parameter bytes.
fn parameters(u: &mut Unstructured) -> arbitrary::Result<(Option<String>, Option<NaiveDate>)> {
    let language = match u.int_in_range(0..=9u8)? {
        0..=2 => None,
        n @ 3..=8 => Some(LANGUAGES[usize::from(n - 3) % LANGUAGES.len()].to_string()),
        _ => Some(String::arbitrary(u)?),
    };
    let published = match u.int_in_range(0..=7u8)? {
        // Relative dates resolve against today then: not reproducible, so rarely.
        0 => None,
        // Any day chrono can hold: a `published` read from an imported file can be year 200000.
        1 | 2 => Some(NaiveDate::from_num_days_from_ce_opt(i32::arbitrary(u)?).unwrap_or(NaiveDate::MAX)),
        3 => Some(if bool::arbitrary(u)? { NaiveDate::MIN } else { NaiveDate::MAX }),
        // Around now: what articles have.
        _ => Some(default_day() + chrono::Days::new(u64::from(u.int_in_range(0..=20_000u16)?)) - chrono::Days::new(10_000)),
    };
    Ok((language, published))
}

fuzz_target!(|data: &[u8]| {
    let (text_bytes, params) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    let text = String::from_utf8_lossy(text_bytes);
    let (language, published) = match params {
        Some(p) => parameters(&mut Unstructured::new(p)).unwrap_or((None, Some(default_day()))),
        None => (None, Some(default_day())),
    };

    let out = claimdesk::suggest::suggest(&text, published, language.as_deref());

    let chars: Vec<char> = text.chars().collect();
    let mut previous_start = 0;
    for (i, s) in out.iter().enumerate() {
        assert!(s.start < s.end && s.end <= chars.len(), "suggestion {i}: span {}..{} outside 0..{}", s.start, s.end, chars.len());
        let at: String = chars[s.start..s.end].iter().collect();
        assert_eq!(s.text, at, "suggestion {i} ({:?}): text is not the text at {}..{}", s.kind, s.start, s.end);
        assert!(s.start >= previous_start, "suggestion {i}: not in text order");
        previous_start = s.start;
        assert!(
            s.sentence_start <= s.start && s.sentence_start <= s.sentence_end && s.sentence_end <= chars.len(),
            "suggestion {i}: sentence {}..{} for span {}..{}",
            s.sentence_start,
            s.sentence_end,
            s.start,
            s.end
        );
        assert!(s.score.is_finite() && (0.0..=1.0).contains(&s.score), "suggestion {i}: score {}", s.score);
        if let Some(j) = s.linked_to {
            assert!(j < out.len() && j != i, "suggestion {i}: linked to {j} of {}", out.len());
        }
        // Every value serialises (the CLI and the app send them as JSON).
        assert!(serde_json::to_string(s).is_ok());
    }
});
