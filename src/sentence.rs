//! Splits an article's canonical text into sentences, for French and English news.
//!
//! [`sentences`] returns code-point spans (`start`, `end` exclusive), like claim offsets, so that
//! a sentence and a claim can be compared directly. The rules, kept few so that a reviewer can
//! predict them:
//!
//! - A line break always ends a sentence: headings, date lines and list items without final
//!   punctuation are sentences of their own.
//! - Within a line, a sentence ends after a run of `.`, `!`, `?` or `…` (so `?!`, `...`), with
//!   the closing quotes and brackets that follow it (`»` also after a space, as French sets it),
//!   when whitespace and then an uppercase letter, a digit or anything but a lowercase letter
//!   follow. A lowercase letter continues the sentence: `« Vraiment ? » s'étonne-t-il`,
//!   `etc. et`, `"Really?" he asked`.
//! - A single `.` does not end a sentence after an initial (`J. K. Rowling`, `M. Diallo`), a
//!   title or abbreviation of [`ABBREVIATIONS`] (`Dr.`, `Mme.`, `av. J.-C.`), one of
//!   [`BEFORE_NUMBER`] when a digit follows (`p. 12`, `env. 300`), after a dotted acronym
//!   (`the U.S. Army`: so `in the U.S. The` does not break either), or a number opening its line
//!   (a numbered list: `1. Premier point`). Decimals (`3.5`), addresses (`example.com`) and
//!   `2,3` never break, as no space follows the point.
//! - No sentence ends inside quotation marks that close on the same line (`« … »`, `“ … ”`,
//!   `"…"`): a quoted statement stays with the words that introduce and attribute it.
//! - Sentences are trimmed of whitespace; blank lines give none.
//!
//! `etc.` and `J.-C.` end a sentence before a capital letter, as they usually do there.

/// Words that a single `.` after them never ends a sentence with: titles and abbreviations that
/// always introduce something. Compared with the case as written.
pub const ABBREVIATIONS: &[&str] = &[
    // French
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Me", "Mgr", "Dr", "Pr", "St", "Ste", "av", "apr",
    "cf", "Cf", "vs", "boul", "bd",
    // English
    "Mr", "Mrs", "Ms", "Messrs", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt",
    "Cmdr", "Adm", "Rev", "Hon", "Pres", "Mt", "Ft", "e.g", "i.e", "approx", "Dept",
];

/// Abbreviations that a single `.` does not end a sentence after when a number follows:
/// `p. 12`, `n. 3`, `No. 5`, `art. 4`, `env. 300`. Compared in lowercase.
pub const BEFORE_NUMBER: &[&str] =
    &["p", "pp", "n", "no", "nr", "nos", "vol", "art", "arts", "fig", "ch", "chap", "env", "ca", "tél", "tel", "al"];

/// The sentences of `text`, as code-point spans in text order, trimmed of whitespace.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut line_start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || is_line_break(chars[i]) {
            split_line(&chars, line_start, i, &mut out);
            line_start = i + 1;
        }
    }
    out
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Closing quotes and brackets that belong to the sentence they follow.
fn is_closer(c: char) -> bool {
    matches!(c, '»' | '›' | '"' | '”' | '’' | '\'' | ')' | ']')
}

/// Splits `chars[start..end]`, one line, pushing its trimmed sentences.
fn split_line(chars: &[char], start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let quoted = quoted_spans(chars, start, end);
    let line_first = (start..end).find(|&i| !chars[i].is_whitespace()).unwrap_or(end);
    let mut sentence_start = start;
    let mut i = start;
    while i < end {
        if !is_terminator(chars[i]) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < end && is_terminator(chars[i]) {
            i += 1;
        }
        let run = &chars[run_start..i];
        // The closers that follow; French sets a (no-break) space before `»`.
        let mut boundary = i;
        loop {
            let mut k = boundary;
            while k < end && chars[k].is_whitespace() {
                k += 1;
            }
            let spaced = k > boundary;
            match chars.get(k) {
                Some(&c) if k < end && is_closer(c) && (!spaced || matches!(c, '»' | '›')) => boundary = k + 1,
                _ => break,
            }
        }
        i = boundary;
        // A sentence ends only before whitespace (`3.5` and `example.com` go on).
        if boundary >= end || !chars[boundary].is_whitespace() {
            continue;
        }
        let Some(next) = (boundary..end).find(|&k| !chars[k].is_whitespace()) else {
            continue; // only whitespace to the end of the line: the line's end closes the sentence
        };
        if quoted.iter().any(|&(open, close)| open < run_start && close >= boundary) {
            continue;
        }
        let word_from = word_start(chars, start, run_start);
        if ends_sentence(run, &chars[word_from..run_start], chars[next], word_from == line_first) {
            push_trimmed(chars, sentence_start, boundary, out);
            sentence_start = boundary;
        }
    }
    push_trimmed(chars, sentence_start, end, out);
}

/// Whether a run of terminators after `word`, followed (after whitespace) by `next`, ends the
/// sentence. `opens_line`: the word is the first of its line.
fn ends_sentence(run: &[char], word: &[char], next: char, opens_line: bool) -> bool {
    if next.is_lowercase() {
        return false;
    }
    if run != ['.'] {
        return true;
    }
    let word: String = word.iter().collect();
    let word = word.trim_start_matches(['(', '[', '«', '"', '“', '‘', '\'']);
    if word.is_empty() {
        return true;
    }
    // An initial (`J.`, `M.`) or the last of a dotted acronym (`U.S.`, `U.N.`).
    let initial = word.split('.').all(|part| {
        let mut letters = part.chars();
        matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase())
    });
    if initial || ABBREVIATIONS.contains(&word) {
        return false;
    }
    if next.is_ascii_digit() && BEFORE_NUMBER.contains(&word.to_lowercase().as_str()) {
        return false;
    }
    // `1. Premier point`: a numbered list item, not a sentence that ends with a number.
    !(opens_line && word.chars().all(|c| c.is_ascii_digit()))
}

/// Where the non-whitespace characters just before `at` start, not before `from`.
fn word_start(chars: &[char], from: usize, at: usize) -> usize {
    let mut k = at;
    while k > from && !chars[k - 1].is_whitespace() {
        k -= 1;
    }
    k
}

/// The spans `(open, close)` of quotation marks that open and close within `chars[start..end]`:
/// `« »`, `“ ”`, and straight double quotes taken in pairs. An unclosed mark is ignored.
fn quoted_spans(chars: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut straight: Option<usize> = None;
    for (i, &c) in chars.iter().enumerate().take(end).skip(start) {
        match c {
            '«' | '“' => open.push((c, i)),
            '»' | '”' => {
                let opener = if c == '»' { '«' } else { '“' };
                if let Some(at) = open.iter().rposition(|&(o, _)| o == opener) {
                    spans.push((open[at].1, i));
                    open.truncate(at);
                }
            }
            '"' => match straight.take() {
                Some(o) => spans.push((o, i)),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    spans
}

fn push_trimmed(chars: &[char], start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut s = start;
    let mut e = end;
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sentences of `text` as strings.
    fn split(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text).into_iter().map(|(s, e)| chars[s..e].iter().collect()).collect()
    }

    #[test]
    fn plain_sentences_in_both_languages() {
        assert_eq!(split("Il pleut. Le vent souffle! Vraiment?"), ["Il pleut.", "Le vent souffle!", "Vraiment?"]);
        assert_eq!(split("It rains. The wind blows. Does it?"), ["It rains.", "The wind blows.", "Does it?"]);
        assert_eq!(split("Vraiment ?! Oui."), ["Vraiment ?!", "Oui."]);
        assert_eq!(split("What?! No way."), ["What?!", "No way."]);
        assert_eq!(split("   "), Vec::<String>::new());
        assert_eq!(split(""), Vec::<String>::new());
        assert_eq!(split("Sans point final"), ["Sans point final"]);
    }

    #[test]
    fn lines_are_sentences_of_their_own() {
        let text = "Technologie\n\nLa messagerie revendique 950 millions d’utilisateurs\nPublié le mardi 3 septembre 2024 | Le Courrier du Sahel\n\nPremière phrase. Deuxième.\n";
        assert_eq!(
            split(text),
            [
                "Technologie",
                "La messagerie revendique 950 millions d’utilisateurs",
                "Publié le mardi 3 septembre 2024 | Le Courrier du Sahel",
                "Première phrase.",
                "Deuxième."
            ]
        );
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_end_a_sentence() {
        assert_eq!(split("M. Diallo est arrivé. Mme. Traoré aussi."), ["M. Diallo est arrivé.", "Mme. Traoré aussi."]);
        assert_eq!(split("Dr. Smith met Mr. Jones. They talked."), ["Dr. Smith met Mr. Jones.", "They talked."]);
        assert_eq!(split("J. K. Rowling wrote it. George W. Bush read it."), ["J. K. Rowling wrote it.", "George W. Bush read it."]);
        assert_eq!(split("Fondée en 52 av. J.-C. par les Romains. Elle a grandi."), ["Fondée en 52 av. J.-C. par les Romains.", "Elle a grandi."]);
        assert_eq!(split("Des fruits, des légumes, etc. et du pain. Puis rien."), ["Des fruits, des légumes, etc. et du pain.", "Puis rien."]);
        assert_eq!(split("Des fruits, des légumes, etc. Le lendemain, rien."), ["Des fruits, des légumes, etc.", "Le lendemain, rien."]);
        assert_eq!(split("See p. 12 and No. 5 for details. Then stop."), ["See p. 12 and No. 5 for details.", "Then stop."]);
        assert_eq!(split("Il y en a env. 300 au total. C'est peu."), ["Il y en a env. 300 au total.", "C'est peu."]);
        assert_eq!(split("Many, e.g. Paris, agree. Others do not."), ["Many, e.g. Paris, agree.", "Others do not."]);
        assert_eq!(split("Officials in the U.S. said so. The U.S. Army agreed."), ["Officials in the U.S. said so.", "The U.S. Army agreed."]);
    }

    #[test]
    fn numbers_decimals_and_addresses() {
        assert_eq!(split("Le taux est de 2,3 % contre 3.5 % en 2023. Il baisse."), ["Le taux est de 2,3 % contre 3.5 % en 2023.", "Il baisse."]);
        assert_eq!(split("Voir example.com pour 1.000 cas. 2024 sera pire."), ["Voir example.com pour 1.000 cas.", "2024 sera pire."]);
        assert_eq!(split("1. Premier point du plan\n2. Second point"), ["1. Premier point du plan", "2. Second point"]);
        assert_eq!(split("Il est né en 1960. 25 ans plus tard, il partait."), ["Il est né en 1960.", "25 ans plus tard, il partait."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split("« Nous supprimons des centaines de messages. Chaque jour », a-t-il déclaré. Puis il est parti."),
            ["« Nous supprimons des centaines de messages. Chaque jour », a-t-il déclaré.", "Puis il est parti."]
        );
        assert_eq!(split("Il a dit : « C'est faux. » Puis il est parti."), ["Il a dit : « C'est faux. »", "Puis il est parti."]);
        assert_eq!(split("Il a dit : «\u{a0}C'est faux.\u{a0}» Puis rien."), ["Il a dit : «\u{a0}C'est faux.\u{a0}»", "Puis rien."]);
        assert_eq!(split("« Vraiment ? » s'étonne-t-il. Oui."), ["« Vraiment ? » s'étonne-t-il.", "Oui."]);
        assert_eq!(split("\"Traffic fell by 40 percent,\" a spokesperson said. Then nothing."), ["\"Traffic fell by 40 percent,\" a spokesperson said.", "Then nothing."]);
        assert_eq!(split("\"Really?\" he asked. \"Yes.\" She left."), ["\"Really?\" he asked.", "\"Yes.\"", "She left."]);
        assert_eq!(split("He said “No. Never.” Then he left."), ["He said “No. Never.”", "Then he left."]);
        assert_eq!(split("(Voir plus bas.) La suite."), ["(Voir plus bas.)", "La suite."]);
        // An unclosed quote does not swallow the rest of the line.
        assert_eq!(split("« Ouvert. Jamais fermé. Fin."), ["« Ouvert.", "Jamais fermé.", "Fin."]);
    }

    #[test]
    fn ellipses() {
        assert_eq!(split("Et puis… Plus rien. Attendez... Non."), ["Et puis…", "Plus rien.", "Attendez...", "Non."]);
        assert_eq!(split("Et puis… plus rien. Bon."), ["Et puis… plus rien.", "Bon."]);
        assert_eq!(split("Il a dit […] que non. Fin."), ["Il a dit […] que non.", "Fin."]);
    }

    #[test]
    fn spans_are_code_points_and_trimmed() {
        let text = "📱 Lancée en 2013. Elle compte 950 millions d’utilisateurs.  \n";
        let spans = sentences(text);
        assert_eq!(spans, [(0, 17), (18, 58)]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[18..58].iter().collect::<String>(), "Elle compte 950 millions d’utilisateurs.");
    }
}
