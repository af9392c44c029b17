//! Re-anchoring claims on a new version of an article (issue #5).
//!
//! - The edit corpus in `tests/fixtures/versions/`: pairs of versions (`NAME.v1.txt`,
//!   `NAME.v2.txt`) and the expected fate of each claim made on v1 (`NAME.expected.json`).
//! - In the spirit of Hypothesis's `match-quote` tests: tables that must score in order, not
//!   magic scores; identical quotes told apart by context; unrelated text finds nothing.
//! - `describe(anchor(s)) == s` round trips, and code-point offsets around emoji.

use std::fs;
use std::path::Path;

use claimdesk::anchor::{
    AnchorState, Placement, Selectors, TextPosition, TextQuote, anchor, char_len, describe,
    find_occurrence, match_quote, reanchor, reanchor_all,
};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    quote: String,
    occurrence: usize,
    state: AnchorState,
    /// The text expected at the new place; absent for orphaned claims.
    new_quote: Option<String>,
    /// Which occurrence of `new_quote` in v2 is the new place (default 1).
    new_occurrence: Option<usize>,
}

struct Pair {
    name: String,
    v1: String,
    v2: String,
    claims: Vec<Expected>,
}

fn corpus() -> Vec<Pair> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/versions");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".expected.json").map(str::to_string)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 8, "the corpus has {} pairs", names.len());
    names
        .into_iter()
        .map(|name| {
            let read = |ext: &str| fs::read_to_string(dir.join(format!("{name}.{ext}"))).unwrap();
            let claims = serde_json::from_str(&read("expected.json")).unwrap();
            Pair {
                v1: read("v1.txt"),
                v2: read("v2.txt"),
                claims,
                name,
            }
        })
        .collect()
}

fn selectors_on(text: &str, quote: &str, occurrence: usize) -> Selectors {
    let (start, end) = find_occurrence(text, quote, occurrence)
        .unwrap_or_else(|found| panic!("{quote:?} #{occurrence}: only {found} in the text"));
    describe(text, start, end).unwrap()
}

/// The text of `text` at `position`, in code points.
fn at(text: &str, position: TextPosition) -> String {
    text.chars()
        .skip(position.start)
        .take(position.end - position.start)
        .collect()
}

#[test]
fn the_edit_corpus_finds_every_recoverable_claim_and_misplaces_none() {
    let (mut recoverable, mut found, mut orphans, mut kept_orphaned) = (0, 0, 0, 0);
    let mut wrong_placements = Vec::new();
    let mut wrong_states = Vec::new();
    let mut total = 0;
    let mut by_step = std::collections::BTreeMap::new();
    for pair in corpus() {
        let selectors: Vec<Selectors> = pair
            .claims
            .iter()
            .map(|c| selectors_on(&pair.v1, &c.quote, c.occurrence))
            .collect();
        let placements = reanchor_all(&selectors, &pair.v1, &pair.v2);
        assert_eq!(placements.len(), selectors.len());
        for (claim, placement) in pair.claims.iter().zip(&placements) {
            total += 1;
            let label = format!(
                "{}: {:?} #{} → {:?} by {}",
                pair.name, claim.quote, claim.occurrence, placement.state, placement.method
            );
            let expected_span = claim.new_quote.as_ref().map(|q| {
                let (s, e) = find_occurrence(&pair.v2, q, claim.new_occurrence.unwrap_or(1))
                    .unwrap_or_else(|_| panic!("{label}: new_quote not in v2"));
                TextPosition { start: s, end: e }
            });
            match expected_span {
                Some(span) => {
                    recoverable += 1;
                    match placement.position {
                        Some(p) if p == span => found += 1,
                        Some(p) => wrong_placements.push(format!(
                            "{label} at {:?}, expected {:?}",
                            at(&pair.v2, p),
                            claim.new_quote
                        )),
                        None => {}
                    }
                }
                None => {
                    orphans += 1;
                    match placement.position {
                        None => kept_orphaned += 1,
                        Some(p) => wrong_placements.push(format!(
                            "{label} at {:?}, expected an orphan",
                            at(&pair.v2, p)
                        )),
                    }
                }
            }
            if placement.state != claim.state {
                wrong_states.push(format!("{label}, expected {:?}", claim.state));
            }
            *by_step
                .entry((format!("{:?}", placement.state), placement.method))
                .or_insert(0) += 1;
            println!("  {label}");
            // Orphans have no position, and only orphans.
            assert_eq!(
                placement.position.is_none(),
                placement.state == AnchorState::Orphaned,
                "{label}"
            );
            assert_eq!(placement.method == "none", placement.position.is_none());
        }
    }
    println!(
        "edit corpus: {total} claims; found {found}/{recoverable} recoverable; \
         {kept_orphaned}/{orphans} expected orphans orphaned; {} wrong placements; {} wrong states",
        wrong_placements.len(),
        wrong_states.len()
    );
    println!("  by state and step: {by_step:?}");
    for line in wrong_placements.iter().chain(&wrong_states) {
        println!("  {line}");
    }
    assert!(total >= 60, "the corpus has {total} claims");
    assert!(wrong_placements.is_empty(), "{wrong_placements:#?}");
    assert_eq!(found, recoverable);
    assert!(wrong_states.is_empty(), "{wrong_states:#?}");
}

#[test]
fn every_state_and_step_appears_in_the_corpus() {
    let (mut states, mut methods) = (Vec::new(), Vec::new());
    for pair in corpus() {
        let selectors: Vec<Selectors> = pair
            .claims
            .iter()
            .map(|c| selectors_on(&pair.v1, &c.quote, c.occurrence))
            .collect();
        for p in reanchor_all(&selectors, &pair.v1, &pair.v2) {
            states.push(p.state);
            methods.push(p.method);
        }
    }
    for s in [
        AnchorState::Anchored,
        AnchorState::Moved,
        AnchorState::Changed,
        AnchorState::Orphaned,
    ] {
        assert!(states.contains(&s), "{s:?}");
    }
    for m in ["position", "diff", "fuzzy", "none"] {
        assert!(methods.contains(&m), "{m}");
    }
}

// --- Scoring tables, in the spirit of Hypothesis's match-quote tests ---------------------------

const BUDGET: &str = "Le conseil municipal a adopté mardi soir un budget de 48 millions d’euros \
     pour l’année prochaine, en hausse de 6 % par rapport à l’exercice précédent.";

const REPEATS: &str = "Le maire a promis une baisse des impôts. L’opposition a promis une baisse \
     des loyers. Les syndicats ont promis une grève. Le préfet a promis une baisse des \
     contrôles.";

fn quote(exact: &str, prefix: &str, suffix: &str) -> TextQuote {
    TextQuote {
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: suffix.into(),
    }
}

fn assert_descending(label: &str, scores: &[f64]) {
    for w in scores.windows(2) {
        assert!(w[1] < w[0], "{label}: {scores:?} must strictly decrease");
    }
}

#[test]
fn quote_scores_fall_as_the_quote_worsens() {
    // Descending similarity to "un budget de 48 millions".
    let quotes = [
        "un budget de 48 millions",
        "un budjet de 48 millions",
        "un budjet de 84 millions",
        "une dette de 84 millions",
    ];
    let scores: Vec<f64> = quotes
        .iter()
        .map(|q| match_quote(BUDGET, &quote(q, "", ""), None).unwrap().score)
        .collect();
    assert_descending("quote", &scores);
    let best = match_quote(BUDGET, &quote(quotes[1], "", ""), None).unwrap();
    assert_eq!(at(BUDGET, best.position), "un budget de 48 millions");
    assert!(best.quote_similarity < 1.0 && best.quote_similarity > 0.9);
}

#[test]
fn prefix_scores_fall_as_the_prefix_worsens() {
    let prefixes = [
        "a adopté mardi soir ",
        "a adopté mardi matin ",
        "a voté lundi matin ",
        "n’a rien voté du tout ",
    ];
    let scores: Vec<f64> = prefixes
        .iter()
        .map(|p| {
            let m = match_quote(BUDGET, &quote("un budget", p, ""), None).unwrap();
            assert_eq!(at(BUDGET, m.position), "un budget");
            m.score
        })
        .collect();
    assert_descending("prefix", &scores);
}

#[test]
fn suffix_scores_fall_as_the_suffix_worsens() {
    let suffixes = [
        " pour l’année prochaine",
        " pour l'année prochaine",
        " pour les années à venir",
        " sans aucune hausse",
    ];
    let scores: Vec<f64> = suffixes
        .iter()
        .map(|s| {
            match_quote(BUDGET, &quote("48 millions d’euros", "", s), None)
                .unwrap()
                .score
        })
        .collect();
    // The straight apostrophe is typography: it scores like the curly one.
    assert_eq!(scores[0], scores[1]);
    assert_descending("suffix", &scores[1..]);
}

#[test]
fn identical_quotes_are_told_apart_by_context() {
    // (quote, prefix, suffix, the text from the expected place on)
    let table = [
        (
            "a promis",
            "Le maire ",
            "",
            "a promis une baisse des impôts",
        ),
        (
            "a promis",
            "L’opposition ",
            "",
            "a promis une baisse des loyers",
        ),
        (
            "a promis",
            "Le préfet ",
            "",
            "a promis une baisse des contrôles",
        ),
        // Approximate prefixes.
        ("a promis", "Le mair ", "", "a promis une baisse des impôts"),
        (
            "a promis",
            "L'oposition ",
            "",
            "a promis une baisse des loyers",
        ),
        // Exact and approximate suffixes.
        ("une baisse", "", " des loyers", "une baisse des loyers"),
        (
            "une baisse",
            "",
            " des controles",
            "une baisse des contrôles",
        ),
        ("une baisse", "", " des impots", "une baisse des impôts"),
        // Approximate quote, context decides.
        ("une baise", "", " des loyers", "une baisse des loyers"),
    ];
    for (exact, prefix, suffix, expected) in table {
        let m = match_quote(REPEATS, &quote(exact, prefix, suffix), None).unwrap();
        let start = char_len(&REPEATS[..REPEATS.find(expected).unwrap()]);
        assert_eq!(
            m.position.start, start,
            "{exact:?} after {prefix:?} before {suffix:?}"
        );
        // anchor() decides the same with a stale position.
        let s = Selectors {
            quote: quote(exact, prefix, suffix),
            position: TextPosition { start: 0, end: 1 },
        };
        assert_eq!(
            anchor(&s, REPEATS).map(|p| p.start),
            Some(start),
            "{exact:?}"
        );
    }
}

#[test]
fn the_position_hint_only_breaks_ties() {
    let a = char_len(&REPEATS[..REPEATS.find("une baisse des loyers").unwrap()]);
    let b = char_len(&REPEATS[..REPEATS.find("une baisse des contrôles").unwrap()]);
    let q = quote("une baisse", "", "");
    assert_eq!(match_quote(REPEATS, &q, Some(a)).unwrap().position.start, a);
    assert_eq!(match_quote(REPEATS, &q, Some(b)).unwrap().position.start, b);
    // No hint: the first.
    let first = char_len(&REPEATS[..REPEATS.find("une baisse").unwrap()]);
    assert_eq!(
        match_quote(REPEATS, &q, None).unwrap().position.start,
        first
    );
    // The hint does not beat the context.
    let q = quote("une baisse", "", " des impôts");
    assert_eq!(
        match_quote(REPEATS, &q, Some(b)).unwrap().position.start,
        first
    );
}

#[test]
fn unrelated_text_finds_nothing() {
    let unrelated = "The harbour expansion will not open before 2027, the port authority said \
         on Monday, the third delay since construction began.";
    let q = quote(
        "un budget de 48 millions d’euros",
        "a adopté mardi soir ",
        " pour",
    );
    assert_eq!(match_quote(unrelated, &q, None), None);
    let s = selectors_on(BUDGET, "un budget de 48 millions d’euros", 1);
    assert_eq!(anchor(&s, unrelated), None);
    let p = reanchor(&s, BUDGET, unrelated);
    assert_eq!(p.state, AnchorState::Orphaned);
    assert_eq!((p.position, p.method), (None, "none"));
    // Empty quote or text.
    assert_eq!(match_quote("", &q, None), None);
    assert_eq!(match_quote(BUDGET, &quote("", "a", "b"), None), None);
}

#[test]
fn text_in_the_same_place_is_changed_only_when_it_resembles_the_quote() {
    let old = "Premier paragraphe inchangé, assez long pour servir de contexte.\n\n\
         Le ministre a annoncé une hausse de 3 % des impôts locaux.\n\n\
         Dernier paragraphe inchangé, lui aussi assez long pour le contexte.";
    let s = selectors_on(
        old,
        "Le ministre a annoncé une hausse de 3 % des impôts locaux.",
        1,
    );
    // (replacement sentence, expected state)
    let table = [
        (
            "Le ministre a annoncé une hausse de 4 % des impôts locaux.",
            AnchorState::Changed,
        ),
        (
            "Le ministre a annoncé jeudi une hausse de 3 % des impôts locaux.",
            AnchorState::Changed,
        ),
        (
            "Le gouvernement renonce finalement à toute réforme fiscale cette année.",
            AnchorState::Orphaned,
        ),
        (
            "Les chiffres du chômage seront publiés vendredi par l’Insee.",
            AnchorState::Orphaned,
        ),
    ];
    for (sentence, expected) in table {
        let new = old.replace(&s.quote.exact, sentence);
        let p = reanchor(&s, old, &new);
        assert_eq!(p.state, expected, "{sentence}");
        if expected == AnchorState::Changed {
            assert_eq!(at(&new, p.position.unwrap()), sentence);
            assert_eq!(p.method, "diff");
        }
    }
}

#[test]
fn a_repeated_quote_whose_passage_went_is_orphaned_not_moved_to_a_twin() {
    let old = "Le maire a promis une baisse des impôts lors du conseil de janvier.\n\n\
         Paragraphe supprimé : le maire a promis une baisse des impôts devant les commerçants.\n\n\
         Un paragraphe qui reste.";
    let new = "Le maire a promis une baisse des impôts lors du conseil de janvier.\n\n\
         Un paragraphe qui reste.";
    let first = selectors_on(old, "a promis une baisse des impôts", 1);
    let second = selectors_on(old, "a promis une baisse des impôts", 2);
    let placed = reanchor_all(&[first.clone(), second], old, new);
    assert_eq!(placed[0].state, AnchorState::Anchored);
    assert_eq!(placed[0].position, Some(first.position));
    assert_eq!(placed[1].state, AnchorState::Orphaned);
}

#[test]
fn identical_passages_that_context_cannot_separate_are_orphaned() {
    // Two identical sentences with identical surroundings; the paragraph of the first goes, and
    // the claim on it must not land on the second by guesswork.
    let para = "Le texte sera examiné au Sénat le 12 mars, a précisé le ministère.";
    let old = format!("Intro.\n\n{para}\n\n{para}\n\nFin.");
    let s = selectors_on(&old, "examiné au Sénat le 12 mars", 1);
    let t = selectors_on(&old, "examiné au Sénat le 12 mars", 2);
    let new = format!("Intro.\n\n{para}\n\nFin.");
    let placed = reanchor_all(&[s, t], &old, &new);
    // One of the two survives (which one is the diff's call); never both on the same span.
    let placed_count = placed.iter().filter(|p| p.position.is_some()).count();
    assert_eq!(placed_count, 1, "{placed:?}");
}

#[test]
fn a_similar_sentence_never_adopts_a_deleted_claim() {
    let claim = "Le ministre a annoncé une hausse de 3 % des impôts locaux dès janvier.";
    let kept = "Le ministre a annoncé une baisse de 2 % des impôts fonciers dès janvier.";
    let old = format!(
        "Premier paragraphe, qui reste.\n\n{claim} Il l’a dit à Lyon.\n\nAilleurs, on lit \
         ceci : {kept}\n\nDernier paragraphe."
    );
    let s = selectors_on(&old, claim, 1);
    // The claim's paragraph goes; a similar sentence stays elsewhere (text the diff keeps).
    let new = format!(
        "Premier paragraphe, qui reste.\n\nAilleurs, on lit ceci : {kept}\n\nDernier paragraphe."
    );
    assert_eq!(reanchor(&s, &old, &new).state, AnchorState::Orphaned);
    // …or arrives as new text in another context.
    let new = format!(
        "Premier paragraphe, qui reste.\n\nUn paragraphe nouveau : {kept}\n\nDernier paragraphe."
    );
    assert_eq!(reanchor(&s, &old, &new).state, AnchorState::Orphaned);
    // The same sentence edited, in the claim's own context, is the claim.
    let edited = claim.replace("3 %", "3,5 %");
    let new = old.replace(claim, &edited);
    let p = reanchor(&s, &old, &new);
    assert_eq!(p.state, AnchorState::Changed);
    assert_eq!(at(&new, p.position.unwrap()), edited);
}

#[test]
fn a_moved_and_edited_paragraph_is_found() {
    let claim = "la plateforme compte désormais 950 millions d’utilisateurs actifs";
    let para = format!("Selon son fondateur, {claim}, contre 700 millions en 2022.");
    let old = format!(
        "Titre.\n\n{para}\n\nUn autre paragraphe.\n\nUn troisième, plus long que les autres."
    );
    let s = selectors_on(&old, claim, 1);
    let moved = para.replace("950", "900");
    let new = format!(
        "Titre.\n\nUn autre paragraphe.\n\nUn troisième, plus long que les autres.\n\n{moved}"
    );
    let p = reanchor(&s, &old, &new);
    assert_eq!(p.state, AnchorState::Changed);
    assert_eq!(at(&new, p.position.unwrap()), claim.replace("950", "900"));
    // Far from where it was, with unchanged paragraphs in between: found by the search.
    let filler: Vec<String> = (1..=12)
        .map(|i| format!("Paragraphe de remplissage numéro {i}, inchangé entre les deux versions."))
        .collect();
    let old = format!("Titre.\n\n{para}\n\n{}", filler.join("\n\n"));
    let new = format!("Titre.\n\n{}\n\n{moved}", filler.join("\n\n"));
    let s = selectors_on(&old, claim, 1);
    let p = reanchor(&s, &old, &new);
    assert_eq!((p.state, p.method), (AnchorState::Changed, "fuzzy"));
    assert_eq!(at(&new, p.position.unwrap()), claim.replace("950", "900"));
}

#[test]
fn a_place_found_never_cuts_a_word_the_quote_did_not() {
    // "1" stood alone; "127" is another number, not "1" with "27" after it.
    let old = "Le total atteint 1 492 habitants selon la mairie de la commune.";
    let s = selectors_on(old, "atteint 1", 1);
    let new = old.replace("atteint 1 492", "atteint 127 492");
    let p = reanchor(&s, old, &new);
    assert_eq!(p.state, AnchorState::Changed);
    assert_eq!(at(&new, p.position.unwrap()), "atteint 127");
    // An elided article and its word are one word: "hôpital" is not cut from "l’hôpital".
    let old = "Au conseil, le directeur de l’hôpital a démissionné lundi soir.";
    let s = selectors_on(old, "l’hôpital a démissionné", 1);
    let new = old.replace("l’hôpital a démissionné", "l’hôpital aurait démissionné");
    let p = reanchor(&s, old, &new);
    assert_eq!(
        at(&new, p.position.unwrap()),
        "l’hôpital aurait démissionné"
    );
}

#[test]
fn claims_carried_to_another_article_are_all_orphaned() {
    // A "new version" that is another article (a wrong page fetched): even the phrases both
    // share are coincidences, and no claim may land on them.
    let pairs = corpus();
    let pair = |name: &str| pairs.iter().find(|p| p.name == name).unwrap();
    let (fr, other) = (pair("fr-chiffres"), pair("fr-insertions"));
    let shared = "millions d’euros";
    assert!(fr.v1.contains(shared) && other.v2.contains(shared));
    let selectors: Vec<Selectors> = fr
        .claims
        .iter()
        .map(|c| selectors_on(&fr.v1, &c.quote, c.occurrence))
        .chain(std::iter::once(selectors_on(&fr.v1, shared, 1)))
        .collect();
    for p in reanchor_all(&selectors, &fr.v1, &other.v2) {
        assert_eq!(p.state, AnchorState::Orphaned, "{p:?}");
    }
}

// --- Round trips and code points --------------------------------------------------------------

/// Spans starting and ending on word boundaries, every `step`-th.
fn spans(text: &str, step: usize) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let bounds: Vec<usize> = (0..=chars.len())
        .filter(|&i| i == 0 || i == chars.len() || chars[i - 1] == ' ' || chars[i] == ' ')
        .collect();
    let mut out = Vec::new();
    for (n, &s) in bounds.iter().enumerate().step_by(step) {
        for &len in &[1usize, 3, 12] {
            if let Some(&e) = bounds.get(n + len)
                && e > s
            {
                out.push((s, e));
            }
        }
    }
    out
}

#[test]
fn describe_anchor_round_trips_on_the_corpus_texts() {
    let mut checked = 0;
    for pair in corpus() {
        for text in [&pair.v1, &pair.v2] {
            for (s, e) in spans(text, 3) {
                let sel = describe(text, s, e).unwrap();
                let position = anchor(&sel, text).expect("anchors on its own text");
                assert_eq!(position, sel.position);
                assert_eq!(describe(text, position.start, position.end).unwrap(), sel);
                checked += 1;
            }
        }
        // Every claim of the pair: unchanged text keeps every claim in place.
        let selectors: Vec<Selectors> = pair
            .claims
            .iter()
            .map(|c| selectors_on(&pair.v1, &c.quote, c.occurrence))
            .collect();
        for (sel, p) in selectors
            .iter()
            .zip(reanchor_all(&selectors, &pair.v1, &pair.v1))
        {
            assert_eq!(p.state, AnchorState::Anchored);
            assert_eq!(p.method, "position");
            assert_eq!(p.position, Some(sel.position));
        }
    }
    assert!(checked > 1000, "{checked}");
}

const EMOJI: &str = "📰 Telegram compte 950 millions d’utilisateurs 🚀🚀, selon son fondateur 👨‍💻. \
     « C’est énorme », dit-il 🙂.";

#[test]
fn describe_anchor_round_trips_with_emoji() {
    for (s, e) in spans(EMOJI, 1) {
        let sel = describe(EMOJI, s, e).unwrap();
        let p = anchor(&sel, EMOJI).unwrap();
        assert_eq!(describe(EMOJI, p.start, p.end).unwrap(), sel);
    }
    // A stale position is corrected from the quote, in code points.
    let mut sel = selectors_on(EMOJI, "selon son fondateur 👨‍💻", 1);
    let expected = sel.position;
    sel.position = TextPosition { start: 0, end: 5 };
    assert_eq!(anchor(&sel, EMOJI), Some(expected));
    // "👨‍💻" is three code points (man, zero-width joiner, laptop).
    assert_eq!(
        expected.end - expected.start,
        "selon son fondateur ".len() + 3
    );
}

#[test]
fn reanchoring_counts_code_points_not_bytes_or_utf16() {
    let sel = selectors_on(EMOJI, "950 millions", 1);
    assert_eq!(sel.position, TextPosition { start: 18, end: 30 });
    // Two emoji inserted in front: two code points (eight bytes, four UTF-16 units).
    let new = format!("🔥🔥{EMOJI}");
    let p = reanchor(&sel, EMOJI, &new);
    assert_eq!(p.state, AnchorState::Moved);
    assert_eq!(p.position, Some(TextPosition { start: 20, end: 32 }));
    // A corrected figure after the emoji, with a curly apostrophe made straight nearby.
    let new = EMOJI
        .replace("950", "900")
        .replace("d’utilisateurs", "d'utilisateurs");
    let sel = selectors_on(EMOJI, "950 millions d’utilisateurs", 1);
    let p = reanchor(&sel, EMOJI, &new);
    assert_eq!(p.state, AnchorState::Changed);
    assert_eq!(at(&new, p.position.unwrap()), "900 millions d'utilisateurs");
    let sel = selectors_on(EMOJI, "dit-il 🙂", 1);
    let p = reanchor(&sel, EMOJI, &new);
    assert_eq!(p.state, AnchorState::Anchored);
}

// --- The API's promises ---------------------------------------------------------------------

#[test]
fn reanchor_is_reanchor_all_of_one() {
    for pair in corpus().iter().take(3) {
        for c in &pair.claims {
            let s = selectors_on(&pair.v1, &c.quote, c.occurrence);
            assert_eq!(
                reanchor(&s, &pair.v1, &pair.v2),
                reanchor_all(std::slice::from_ref(&s), &pair.v1, &pair.v2)[0]
            );
        }
    }
}

#[test]
fn stale_selectors_are_found_again_from_their_quote() {
    let old = "Un paragraphe d’introduction.\n\nLe budget atteint 48 millions d’euros cette année.";
    let mut s = selectors_on(old, "48 millions d’euros", 1);
    s.position = TextPosition { start: 2, end: 5 };
    let new = format!("Un chapô ajouté.\n\n{old}");
    let p = reanchor(&s, old, &new);
    assert_eq!(p.state, AnchorState::Moved);
    assert_eq!(at(&new, p.position.unwrap()), "48 millions d’euros");
}

#[test]
fn a_span_across_paragraphs_follows_them() {
    let old = "Premier paragraphe.\n\nLa fin de celui-ci.\n\nLe début du suivant, qui continue.";
    let s = selectors_on(old, "celui-ci.\n\nLe début", 1);
    let new = format!("Inséré.\n\n{}", old.replace("La fin", "La toute fin"));
    let p = reanchor(&s, old, &new);
    assert_eq!(p.state, AnchorState::Moved);
    assert_eq!(at(&new, p.position.unwrap()), "celui-ci.\n\nLe début");
}

#[test]
fn empty_or_impossible_selectors_are_orphaned() {
    let s = Selectors {
        quote: quote("", "", ""),
        position: TextPosition { start: 0, end: 0 },
    };
    assert_eq!(reanchor(&s, BUDGET, BUDGET).state, AnchorState::Orphaned);
    assert_eq!(anchor(&s, BUDGET), None);
    let s = Selectors {
        quote: quote("absent de partout", "", ""),
        position: TextPosition {
            start: 500,
            end: 517,
        },
    };
    assert_eq!(reanchor(&s, BUDGET, BUDGET).state, AnchorState::Orphaned);
    assert!(reanchor_all(&[], BUDGET, BUDGET).is_empty());
    // Empty versions.
    let s = selectors_on(BUDGET, "48 millions", 1);
    assert_eq!(reanchor(&s, BUDGET, "").state, AnchorState::Orphaned);
    assert_eq!(reanchor(&s, "", "").state, AnchorState::Orphaned);
    assert_eq!(reanchor(&s, "", BUDGET).state, AnchorState::Anchored);
}

#[test]
fn placements_serialize_in_snake_case() {
    let p = Placement {
        state: AnchorState::Orphaned,
        position: None,
        method: "none",
    };
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"state":"orphaned","position":null,"method":"none"}"#
    );
    let s: AnchorState = serde_json::from_str(r#""changed""#).unwrap();
    assert_eq!(s, AnchorState::Changed);
}
