//! Two versions of a text and selectors on the first → `anchor::describe`, `anchor::anchor`,
//! `anchor::match_quote` and `anchor::reanchor_all`, with the cheap invariants checked: every
//! offset is inside the text in code points, a described quote is the text at its span, a
//! described span anchors back to itself, every placement but an orphan has a position, and an
//! anchored or moved claim's new span is exactly its quote.
//!
//! Input: old text, 0xFF, new text, 0xFF, then the bytes that choose the selectors (spans of the
//! old text, described; or selectors made up from pieces of both texts and arbitrary strings,
//! as a file from elsewhere could hold). 0xFF never occurs in UTF-8, so two versions of a text
//! joined by it are a valid seed.

#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use claimdesk::anchor::{self, AnchorState, Selectors, TextPosition, TextQuote};
use libfuzzer_sys::fuzz_target;

/// Claims per input: enough for the shared diff to matter, few enough to stay fast.
const MAX_SELECTORS: usize = 12;

fn piece(chars: &[char], u: &mut Unstructured) -> arbitrary::Result<String> {
    if chars.is_empty() {
        return String::arbitrary(u);
    }
    let a = u.choose_index(chars.len() + 1)?;
    let b = u.choose_index(chars.len() + 1)?;
    let (a, b) = (a.min(b), a.max(b).min(a.min(b) + 200));
    Ok(chars[a..b].iter().collect())
}

fn text_or_piece(chars: &[char], u: &mut Unstructured) -> arbitrary::Result<String> {
    if bool::arbitrary(u)? { piece(chars, u) } else { String::arbitrary(u) }
}

fn offset(len: usize, u: &mut Unstructured) -> arbitrary::Result<usize> {
    Ok(match u.int_in_range(0..=7u8)? {
        0 => usize::MAX,
        1 => usize::arbitrary(u)?,
        _ => u.choose_index(len + 2)?,
    })
}

fn in_bounds(p: TextPosition, len: usize) -> bool {
    p.start <= p.end && p.end <= len
}

fn slice(chars: &[char], p: TextPosition) -> String {
    chars[p.start..p.end].iter().collect()
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let old = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let new = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let mut u = Unstructured::new(parts.next().unwrap_or_default());
    let old_chars: Vec<char> = old.chars().collect();
    let new_chars: Vec<char> = new.chars().collect();

    let mut selectors: Vec<Selectors> = Vec::new();
    // With no choice bytes, a few spans spread over the old text.
    if u.is_empty() && !old_chars.is_empty() {
        let n = old_chars.len();
        for (a, b) in [(0, n.min(12)), (n / 3, (n / 3 + 20).min(n)), (n / 2, (n / 2 + 7).min(n))] {
            selectors.extend(anchor::describe(&old, a, b));
        }
    }
    while selectors.len() < MAX_SELECTORS && !u.is_empty() {
        let made_up = u.ratio(1, 4).unwrap_or(false);
        if made_up {
            let s = Selectors {
                quote: TextQuote {
                    exact: text_or_piece(&old_chars, &mut u).unwrap_or_default(),
                    prefix: text_or_piece(&old_chars, &mut u).unwrap_or_default(),
                    suffix: text_or_piece(&new_chars, &mut u).unwrap_or_default(),
                },
                position: TextPosition {
                    start: offset(old_chars.len(), &mut u).unwrap_or(0),
                    end: offset(old_chars.len(), &mut u).unwrap_or(0),
                },
            };
            selectors.push(s);
            continue;
        }
        let start = offset(old_chars.len(), &mut u).unwrap_or(0);
        let end = offset(old_chars.len(), &mut u).unwrap_or(0);
        let Some(s) = anchor::describe(&old, start, end) else {
            assert!(start >= end || end > old_chars.len(), "describe refused the span {start}..{end} of {} code points", old_chars.len());
            continue;
        };
        assert_eq!(s.position, TextPosition { start, end });
        assert_eq!(s.quote.exact, slice(&old_chars, s.position), "described quote is not the text at {start}..{end}");
        assert!(s.quote.prefix.chars().count() <= anchor::CONTEXT_CHARS && s.quote.suffix.chars().count() <= anchor::CONTEXT_CHARS);
        assert!(old[..].contains(&format!("{}{}{}", s.quote.prefix, s.quote.exact, s.quote.suffix)));
        // The documented round trip: on the text it was made on, a span anchors to itself.
        assert_eq!(anchor::anchor(&s, &old), Some(s.position), "a described span does not anchor back to itself");
        selectors.push(s);
    }

    for s in &selectors {
        if let Some(p) = anchor::anchor(s, &new) {
            assert!(in_bounds(p, new_chars.len()), "anchor gave {p:?} in a text of {}", new_chars.len());
        }
        let hint = Some(s.position.start);
        if let Some(m) = anchor::match_quote(&new, &s.quote, hint) {
            assert!(in_bounds(m.position, new_chars.len()), "match_quote gave {:?} in a text of {}", m.position, new_chars.len());
            for score in [m.score, m.quote_similarity, m.prefix_similarity, m.suffix_similarity] {
                assert!(score.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&score), "match_quote score {score}");
            }
        }
    }

    let placements = anchor::reanchor_all(&selectors, &old, &new);
    assert_eq!(placements.len(), selectors.len());
    for (s, p) in selectors.iter().zip(&placements) {
        match (p.state, p.position) {
            (AnchorState::Orphaned, None) => {}
            (AnchorState::Orphaned, Some(_)) | (_, None) => panic!("placement {p:?}: state and position disagree"),
            (state, Some(pos)) => {
                assert!(in_bounds(pos, new_chars.len()), "reanchor gave {pos:?} in a text of {}", new_chars.len());
                if matches!(state, AnchorState::Anchored | AnchorState::Moved) {
                    assert_eq!(
                        slice(&new_chars, pos),
                        s.quote.exact,
                        "{state:?} ({}) at {pos:?} does not read as the quote",
                        p.method
                    );
                }
            }
        }
    }
});
