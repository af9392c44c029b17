//! Every input the fuzz targets in `fuzz/` found a crash, a broken invariant or a hang with
//! (issue #8), minimised, through the same library entry point as the target that found it. They
//! run with `cargo test` on stable; the fuzzing itself (`scripts/fuzz.sh`) needs nightly.
//!
//! A new one: minimise the artifact (`cargo +nightly fuzz tmin TARGET ARTIFACT`), fix the cause,
//! add a test here named after the target and what broke, with the input inline (or as a file
//! under `tests/fixtures/fuzz/`).

use claimdesk::anchor::{self, TextPosition, TextQuote};

/// `anchor` target: `match_quote` with a hint far past the end of the text (a stored position a
/// file can hold, or one from a longer version) scored the position as `1 - distance / length`,
/// about -5.8e13 here and -1e17 for `usize::MAX`, out of the documented 0..=1, and so large that
/// the candidates' differences vanished below f64 precision. The hint now counts from the end.
#[test]
fn anchor_match_quote_score_stays_in_range_with_a_hint_past_the_end() {
    // Two copies with the same context: only the position tells them apart.
    let text = "Hier, le fondateur a parlé. Puis le fondateur a parlé.";
    let quote = TextQuote { exact: "le fondateur".into(), prefix: "Aujourd'hui, ".into(), suffix: " a parlé.".into() };
    for hint in [Some(usize::MAX), Some(1 << 40), Some(text.chars().count() + 10), Some(0), None] {
        let m = anchor::match_quote(text, &quote, hint).expect("the quote is in the text");
        for score in [m.score, m.quote_similarity, m.prefix_similarity, m.suffix_similarity] {
            assert!((0.0..=1.0).contains(&score), "hint {hint:?}: score {score}");
        }
    }
    // Past the end, the occurrence nearest the end wins the tie, as the nearest to the hint.
    let far = anchor::match_quote(text, &quote, Some(usize::MAX)).unwrap();
    assert_eq!(far.position, TextPosition { start: 33, end: 45 });
    let near = anchor::match_quote(text, &quote, Some(0)).unwrap();
    assert_eq!(near.position, TextPosition { start: 6, end: 18 });
}

/// `suggest` target, by construction rather than by a find: relative dates resolve against the
/// publication date, which an imported file can set to any day chrono holds; at the edges of the
/// calendar "next year" or "in three weeks" has no date, and must not panic on overflow.
#[test]
fn suggest_resolves_relative_dates_at_the_edges_of_the_calendar() {
    use chrono::NaiveDate;
    let fr = "Demain, hier, l'an prochain, l'année dernière, lundi prochain, dans trois semaines, il y a 200 000 ans, \
              depuis le 3 mars, le 29 février, en 262143, pendant 4 000 000 jours, d'ici 2099 siècles.";
    let en = "Tomorrow, yesterday, next year, last year, next Monday, in three weeks, 200,000 years ago, \
              since March 3, on February 29, in 262143, for 4,000,000 days, by 2099 centuries.";
    for day in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::from_ymd_opt(0, 1, 1).unwrap()] {
        for (text, language) in [(fr, "fr"), (en, "en")] {
            for s in claimdesk::suggest::suggest(text, Some(day), Some(language)) {
                assert!(s.start < s.end && s.end <= text.chars().count());
            }
        }
    }
}
