//! Articles pasted as text: one paragraph a line, wrapped in whatever the browser selection
//! caught (navigation rows, section labels, photo credits, "Commentaires").
//!
//! The shape we read: chrome, the headline, a date line ("Publié le … | publisher"), caption
//! and credit lines, the body, trailing chrome and a short signature. Without a date line, a
//! first line that reads like a headline is the title. Everything is decided by general rules
//! (what a date line, a credit, a navigation row, a paragraph look like), never by a site's
//! strings.

use chrono::NaiveDate;

use super::Extracted;
use super::dates::{self, DateLine};
use super::language;
use crate::error::ExtractProblem;

/// How far from the top a date line is looked for (in non-empty lines).
const MAX_HEAD_LINES: usize = 40;
/// Longest line taken for a headline.
const MAX_TITLE_CHARS: usize = 200;
/// Longest line taken for a signature/byline.
const MAX_SIGNATURE_CHARS: usize = 40;

/// One non-empty line: as pasted (for the navigation-row test) and cleaned.
#[derive(Debug)]
struct Line {
    raw: String,
    text: String,
}

/// Extracts title, date, publisher, byline, language and the body from pasted text.
pub fn extract(text: &str) -> Result<Extracted, ExtractProblem> {
    let lines = split_lines(text);
    if lines.is_empty() {
        return Err(ExtractProblem::NoText);
    }

    let mut out = Extracted::default();
    let body_start = match find_date_block(&lines) {
        Some(block) => read_head_with_date(&lines, &block, &mut out),
        None => read_head_without_date(&lines, &mut out),
    };
    let blocks = read_body(&lines[body_start..], &mut out);
    if blocks.is_empty() {
        return Err(ExtractProblem::NoText);
    }
    out.text = blocks.join("\n\n");
    out.language = language::detect(&out.text);
    if out.modified.is_none() {
        out.modified = find_update_line(&lines);
    }
    Ok(out)
}

/// Splits into non-empty cleaned lines. Handles CRLF, CR and a BOM.
fn split_lines(text: &str) -> Vec<Line> {
    text.trim_start_matches('\u{feff}')
        .split(['\n', '\r'])
        .filter_map(|raw| {
            let text = clean_line(raw);
            (!text.is_empty()).then(|| Line {
                raw: raw.to_string(),
                text,
            })
        })
        .collect()
}

/// Trims a line (any whitespace, no-break spaces included) and collapses runs of ASCII spaces and
/// tabs into one space; nothing else is changed.
pub(crate) fn clean_line(raw: &str) -> String {
    let trimmed =
        raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
    let mut out = String::with_capacity(trimmed.len());
    let mut in_run = false;
    for c in trimmed.chars() {
        if c == ' ' || c == '\t' {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// The lines that date the article: the index of the first and one past the last, and the date
/// and publisher they give.
struct DateBlock {
    start: usize,
    end: usize,
    line: DateLine,
    /// The revision date a line of the block gives ("Mis à jour le …").
    modified: Option<NaiveDate>,
}

/// Finds the date line near the top: the first with a "Publié le"/"Published" lead-in, else the
/// first bare date right under a line that reads like a headline (a bare date at the very top is
/// usually the site header's date of the day). Consecutive date lines (published, then updated)
/// form one block; the publication date wins over an update.
fn find_date_block(lines: &[Line]) -> Option<DateBlock> {
    let head = &lines[..lines.len().min(MAX_HEAD_LINES)];
    let found =
        head.iter()
            .enumerate()
            .find_map(|(i, l)| match dates::date_line_with_prefix(&l.text) {
                Some((dl, true)) => Some((i, dl)),
                _ => None,
            });
    let found = found.or_else(|| {
        head.iter().enumerate().skip(1).find_map(|(i, l)| {
            match dates::date_line_with_prefix(&l.text) {
                Some((dl, false)) if is_headline_like(&lines[i - 1]) => Some((i, dl)),
                _ => None,
            }
        })
    });
    let (start, first) = found?;
    let mut end = start + 1;
    let revision = |l: &Line| {
        dates::date_line_parts(&l.text).and_then(|p| {
            if p.line.updated {
                Some(p.line.date)
            } else {
                p.revised
            }
        })
    };
    let mut modified = revision(&lines[start]);
    let mut best = first;
    while let Some(next) = lines.get(end).and_then(|l| dates::date_line(&l.text)) {
        if modified.is_none() {
            modified = revision(&lines[end]);
        }
        if best.updated && !next.updated {
            let publisher = best.publisher.take();
            best = DateLine {
                publisher: next.publisher.clone().or(publisher),
                ..next
            };
        } else if best.publisher.is_none() {
            best.publisher = next.publisher;
        }
        end += 1;
    }
    Some(DateBlock {
        start,
        end,
        line: best,
        modified,
    })
}

/// A line of its own that dates a revision ("Mis à jour le 7 sept. 2024 à 14h32", "Updated 6
/// September 2024") anywhere in the text.
fn find_update_line(lines: &[Line]) -> Option<NaiveDate> {
    lines.iter().find_map(|l| {
        dates::date_line_parts(&l.text)
            .filter(|p| p.prefixed && p.line.updated)
            .map(|p| p.line.date)
    })
}

/// With a date line: the title is the line above it (skipping a "Par …"/"By …" byline), and the
/// body starts at the first paragraph after it that is not a credit, a caption or the headline
/// again. Returns the index where the body starts.
fn read_head_with_date(lines: &[Line], block: &DateBlock, out: &mut Extracted) -> usize {
    out.published = Some(block.line.date);
    out.modified = block.modified;
    out.publisher = block.line.publisher.clone();

    let mut above = block.start;
    if above > 0
        && let Some(name) = byline_line(&lines[above - 1].text)
    {
        out.byline = Some(name);
        above -= 1;
    }
    if above > 0 && is_headline_like(&lines[above - 1]) {
        out.title = Some(lines[above - 1].text.clone());
    }

    let title = out.title.clone().unwrap_or_default();
    let mut i = block.end;
    while i < lines.len() {
        let text = &lines[i].text;
        if out.byline.is_none()
            && let Some(name) = byline_line(text)
        {
            out.byline = Some(name);
            i += 1;
            continue;
        }
        let junk = is_chrome_word(text)
            || is_credit(text)
            || (!title.is_empty() && near_duplicate(text, &title))
            || dates::date_line(text).is_some();
        if !junk && is_paragraph_like(text) {
            return i;
        }
        i += 1;
    }
    // No line reads like a paragraph: take everything after the date that is not junk.
    block.end
}

/// Without a date line: skip leading navigation rows, chrome words and section labels; a first
/// remaining line that reads like a headline, with more text after it, is the title.
fn read_head_without_date(lines: &[Line], out: &mut Extracted) -> usize {
    let mut i = 0;
    while i + 1 < lines.len() && i < MAX_HEAD_LINES {
        let l = &lines[i];
        if is_nav_row(&l.raw) || is_chrome_word(&l.text) || is_section_label(&l.text) {
            i += 1;
        } else {
            break;
        }
    }
    if i + 1 < lines.len() && is_headline_like(&lines[i]) && !is_paragraph_like(&lines[i].text) {
        out.title = Some(lines[i].text.clone());
        i += 1;
        if let Some(name) = lines.get(i).and_then(|l| byline_line(&l.text)) {
            out.byline = Some(name);
            i += 1;
        }
    }
    i
}

/// The body: stops at a "Commentaires"/"Comments" heading, drops chrome words and "Lire aussi"
/// teasers, and turns a final short signature into the byline.
fn read_body(lines: &[Line], out: &mut Extracted) -> Vec<String> {
    let title = out.title.clone().unwrap_or_default();
    let mut blocks: Vec<String> = Vec::new();
    for (n, l) in lines.iter().enumerate() {
        let text = &l.text;
        if is_end_marker(text) && !blocks.is_empty() {
            break;
        }
        if is_chrome_word(text) || is_read_also(text) {
            continue;
        }
        // Credits and a repeat of the headline right at the start are picture furniture.
        if blocks.is_empty()
            && (is_credit(text) || (!title.is_empty() && near_duplicate(text, &title)))
        {
            continue;
        }
        if n == 0 && is_nav_row(&l.raw) {
            continue;
        }
        blocks.push(text.clone());
    }
    if blocks.len() >= 2
        && let Some(last) = blocks.last()
        && let Some(name) = signature(last)
    {
        if out.byline.is_none() {
            out.byline = Some(name);
        }
        blocks.pop();
    }
    blocks
}

/// Words a page's chrome is made of, which never make a paragraph on their own (compared
/// lower-case, without a trailing colon).
#[rustfmt::skip]
const CHROME_WORDS: &[&str] = &[
    // French
    "commentaire", "commentaires", "commenter", "réagir", "réagissez", "partager", "partagez",
    "partager l'article", "partager l’article", "partager cet article", "lire aussi", "à lire aussi",
    "a lire aussi", "lire la suite", "voir aussi", "à voir aussi", "sur le même sujet",
    "dans la même rubrique", "publicité", "imprimer", "envoyer", "envoyer à un ami", "s'abonner",
    "s’abonner", "abonnez-vous", "newsletter", "suivez-nous", "accueil", "retour", "rechercher", "fermer",
    "tweeter", "j'aime", "j’aime",
    // English
    "vous aimerez aussi", "à découvrir aussi", "à découvrir",
    "comment", "comments", "share", "share this", "share this article", "share this story", "read more",
    "you may also like", "you might also like", "recommended for you",
    "read also", "see also", "also read", "related", "related articles", "related stories", "more stories",
    "print", "email", "e-mail", "tweet", "advertisement", "sponsored", "subscribe", "sign up", "log in",
    "menu", "search", "close", "home", "follow us", "like",
    // Networks
    "facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "instagram", "youtube",
];

/// True for a line that is only a chrome word ("Comment", "Commentaires", "Partager", "Share",
/// "Lire aussi", "Read more"…).
pub(crate) fn is_chrome_word(text: &str) -> bool {
    let lower = text
        .trim()
        .trim_end_matches([':', ' ', '\u{a0}'])
        .to_lowercase();
    CHROME_WORDS.contains(&lower.as_str())
}

/// "Lire aussi : …", "À lire aussi – …", "Read more: …": a teaser for another article.
pub(crate) fn is_read_also(text: &str) -> bool {
    // "[Related: …]", "(Lire aussi : …)"
    let lower = text
        .trim()
        .trim_start_matches(['[', '(', '»', '>', '→', '•', ' ', '\u{a0}'])
        .to_lowercase();
    #[rustfmt::skip]
    const PREFIXES: &[&str] = &[
        "lire aussi", "à lire aussi", "a lire aussi", "lire également", "à lire également",
        "voir aussi", "à voir aussi", "à lire", "à voir", "sur le même sujet", "read more",
        "read also", "also read", "see also", "related article", "related story", "related post",
        "related", "more", "also",
    ];
    PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            let rest = rest.trim_start_matches([' ', '\u{a0}']);
            rest.is_empty() || rest.starts_with([':', '-', '–', '—', '>', '»', '|', '→'])
        })
    }) && text.chars().count() <= 300
}

/// Headings that end the article in a paste: what follows is comments or other articles.
fn is_end_marker(text: &str) -> bool {
    let lower = text.trim().trim_end_matches([':', ' ']).to_lowercase();
    #[rustfmt::skip]
    const MARKERS: &[&str] = &[
        "commentaires", "vos commentaires", "réactions", "vos réactions", "laisser un commentaire",
        "ajouter un commentaire", "articles similaires", "sur le même sujet", "dans la même rubrique",
        "les plus lus", "comments", "leave a comment", "leave a reply", "related articles",
        "related stories", "more stories", "most read",
    ];
    if MARKERS.contains(&lower.as_str()) {
        return true;
    }
    // "12 commentaires", "3 comments"
    let mut words = lower.split_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(n), Some("commentaires" | "commentaire" | "comments" | "comment" | "réactions"), None)
            if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// A photo credit or caption marker: "© Autre presse par DR", "Photo : AFP", "Crédit : …".
pub(crate) fn is_credit(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    if lower.contains('©') || lower.starts_with("(c)") || lower == "dr" {
        return true;
    }
    #[rustfmt::skip]
    const PREFIXES: &[&str] = &[
        "photo", "photos", "crédit", "crédits", "credit", "credits", "image", "illustration", "légende",
        "caption", "copyright",
    ];
    let first: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
    PREFIXES.contains(&first.as_str()) && text.chars().count() <= 200
}

/// A line of navigation links pasted as one row: at least four short items separated by runs of
/// spaces (no-break or not), tabs, pipes or bullets.
pub(crate) fn is_nav_row(raw: &str) -> bool {
    let mut items: Vec<&str> = Vec::new();
    let mut last = 0;
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        let is_sep_char = |c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/');
        if is_sep_char(c) {
            let mut j = k;
            while j < chars.len() && is_sep_char(chars[j].1) {
                j += 1;
            }
            let run: String = chars[k..j].iter().map(|(_, c)| *c).collect();
            let is_separator = run.chars().count() >= 2
                && run.chars().filter(|c| *c == ' ').count() < run.chars().count()
                || run.chars().count() >= 3
                || run.contains(['|', '•', '·', '\t']);
            if is_separator {
                items.push(&raw[last..pos]);
                last = chars.get(j).map_or(raw.len(), |(p, _)| *p);
            }
            k = j;
        } else {
            k += 1;
        }
    }
    items.push(&raw[last..]);
    let items: Vec<&str> = items
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    items.len() >= 4
        && items
            .iter()
            .all(|item| item.split_whitespace().count() <= 3 && !item.ends_with(['.', '!', '?']))
}

/// A one- or two-word label with no sentence punctuation ("NEWS", "International").
fn is_section_label(text: &str) -> bool {
    text.split_whitespace().count() <= 2
        && text.chars().count() <= 30
        && !text.ends_with(['.', '!', '?', ':'])
}

/// A line that can be a headline: a few words, not a sentence ending in a period, not chrome.
fn is_headline_like(line: &Line) -> bool {
    let text = line.text.as_str();
    let words = text.split_whitespace().count();
    (3..=40).contains(&words)
        && text.chars().count() <= MAX_TITLE_CHARS
        && !text.ends_with(['.', ',', ';', ':'])
        && !text.ends_with("...")
        && !is_chrome_word(text)
        && !is_nav_row(&line.raw)
        && !is_credit(text)
        && dates::date_line(text).is_none()
}

/// A line that reads like body text: a sentence of some length, or a long line.
fn is_paragraph_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let ends_sentence = text
        .trim_end()
        .ends_with(['.', '!', '?', '…', '»', '"', '”', ')', ':']);
    (words >= 8 && ends_sentence) || words >= 25
}

/// "Par Jean Dupont", "By Jane Doe" on a line of its own → the name.
fn byline_line(text: &str) -> Option<String> {
    const PREFIXES: &[&str] = &[
        "par ",
        "by ",
        "de notre correspondant ",
        "de notre envoyé spécial ",
    ];
    let rest = PREFIXES.iter().find_map(|p| strip_prefix_ci(text, p))?;
    let name = rest.trim();
    let words = name.split_whitespace().count();
    let looks_like_name = (1..=6).contains(&words)
        && name.chars().count() <= 80
        && !name.ends_with(['.', '!', '?'])
        && name.chars().next().is_some_and(char::is_uppercase);
    looks_like_name.then(|| name.to_string())
}

/// `text` without `prefix` (lower case), compared case-insensitively character by character so
/// the cut falls on a character boundary of `text` whatever lower-casing does to lengths.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let mut want = prefix.chars();
    let mut expected = want.next();
    for (i, c) in text.char_indices() {
        let Some(e) = expected else {
            return Some(&text[i..]);
        };
        let mut lower = c.to_lowercase();
        if lower.next() != Some(e) || lower.next().is_some() {
            return None;
        }
        expected = want.next();
    }
    expected.is_none().then_some("")
}

/// A closing signature: a short line of a few words with no sentence punctuation ("Rk",
/// "Jean Dupont", "Par A. T."). Returns the name without "Par"/"By".
pub(crate) fn signature(text: &str) -> Option<String> {
    if let Some(name) = byline_line(text) {
        return Some(name);
    }
    let words = text.split_whitespace().count();
    // Initials ("A. T.", "M.K.") end in a period without being a sentence.
    let initials = text.chars().count() <= 12
        && text
            .split_whitespace()
            .all(|w| w.trim_end_matches('.').chars().count() <= 3);
    let ok = (1..=5).contains(&words)
        && text.chars().count() <= MAX_SIGNATURE_CHARS
        && (initials || !text.ends_with(['.', '!', '?', '…', ':', ';', ',', '»', '"', '”']))
        && text.chars().any(char::is_alphabetic)
        && !text.chars().any(|c| c.is_ascii_digit())
        && !is_chrome_word(text);
    ok.then(|| text.to_string())
}

/// True when two lines are the same headline give or take a few characters (a caption that
/// repeats the title with a typo, different quotes or case).
pub(crate) fn near_duplicate(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> Vec<char> {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() > 1000 || short.len() * 10 < long.len() * 7 {
        return false;
    }
    let distance = levenshtein(short, long);
    distance * 5 <= long.len() // at least 80 % alike
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    const NAV: &str = "Accueil\u{a0} \u{a0} \u{a0}  Régions\u{a0} \u{a0} \u{a0}  Sports\u{a0} \u{a0} \u{a0}  Économie\u{a0} \u{a0} \u{a0}  Annonces";

    fn french_paste() -> String {
        [
            NAV,
            "ACTUALITÉ",
            "Commenter",
            "",
            "Société",
            "",
            "La coopérative de Ségou double sa production de riz en deux ans",
            "Publié le mardi 14 mai 2024 \u{a0}|\u{a0} Le Fleuve Info",
            "Ségou",
            "© Archives par DR",
            "La coopérative de Ségou double sa production de riz en 2 ans",
            "Commenter",
            "",
            "",
            "Réunie en assemblée générale samedi dernier, la coopérative rizicole de Ségou a annoncé une récolte de 4 200 tonnes.",
            "",
            "« Nous n’avions jamais vu ça », a confié sa présidente.",
            "",
            "La coopérative compte désormais 950 membres.",
            "",
            "A. T.",
            "Commentaires",
            "Aucun commentaire pour le moment.",
        ]
        .join("\n")
    }

    #[test]
    fn french_paste_in_the_reference_shape() {
        let e = extract(&french_paste()).unwrap();
        assert_eq!(
            e.title.as_deref(),
            Some("La coopérative de Ségou double sa production de riz en deux ans")
        );
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 5, 14));
        assert_eq!(e.publisher.as_deref(), Some("Le Fleuve Info"));
        assert_eq!(e.byline.as_deref(), Some("A. T."));
        assert_eq!(e.language.as_deref(), Some("fr"));
        assert_eq!(
            e.text,
            "Réunie en assemblée générale samedi dernier, la coopérative rizicole de Ségou a annoncé une récolte de 4 200 tonnes.\n\n\
             « Nous n’avions jamais vu ça », a confié sa présidente.\n\n\
             La coopérative compte désormais 950 membres."
        );
    }

    #[test]
    fn crlf_and_bom() {
        let text = format!("\u{feff}{}", french_paste().replace('\n', "\r\n"));
        let e = extract(&text).unwrap();
        assert_eq!(
            e.title.as_deref(),
            Some("La coopérative de Ségou double sa production de riz en deux ans")
        );
        assert!(e.text.starts_with("Réunie en assemblée"));
        assert!(!e.text.contains('\r'));
    }

    #[test]
    fn spaces_are_collapsed_but_nothing_else() {
        let text = "Un titre de test assez long\nLe   maire\ta dit  « oui »\u{a0}!  Puis il est parti , sans  rien ajouter.\n";
        let e = extract(text).unwrap();
        assert_eq!(e.title.as_deref(), Some("Un titre de test assez long"));
        assert_eq!(
            e.text,
            "Le maire a dit « oui »\u{a0}! Puis il est parti , sans rien ajouter."
        );
    }

    #[test]
    fn english_paste() {
        let text = "Home    World    Business    Sport    Culture\n\
                    The harbour reopens after six months of dredging work\n\
                    Published Monday, 15 January 2024 | Example News\n\
                    Photo: Example News\n\
                    The harbour of Port Elsa reopened on Sunday after six months of dredging, the port authority said.\n\
                    Ships of up to 40,000 tonnes can now dock again, it added.\n\
                    Share\n\
                    Comments\n\
                    Great news for the town!";
        let e = extract(text).unwrap();
        assert_eq!(
            e.title.as_deref(),
            Some("The harbour reopens after six months of dredging work")
        );
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 1, 15));
        assert_eq!(e.publisher.as_deref(), Some("Example News"));
        assert_eq!(e.byline, None);
        assert_eq!(e.language.as_deref(), Some("en"));
        assert_eq!(
            e.text,
            "The harbour of Port Elsa reopened on Sunday after six months of dredging, the port authority said.\n\n\
             Ships of up to 40,000 tonnes can now dock again, it added."
        );
    }

    #[test]
    fn byline_under_the_title() {
        let text = "Rents rise again in the capital\nBy Jane Doe\nUpdated 6 September 2024\nRents rose by 4 percent in the second quarter, the statistics office said on Friday.";
        let e = extract(text).unwrap();
        assert_eq!(e.title.as_deref(), Some("Rents rise again in the capital"));
        assert_eq!(e.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
    }

    #[test]
    fn revision_dates() {
        let text = "Un titre de presse ordinaire\nPublié le 6 septembre 2024 à 10h00, mis à jour le 7 septembre 2024 à 08h15\nLe texte de l’article commence ici et continue assez longtemps pour compter.";
        let e = extract(text).unwrap();
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.modified, NaiveDate::from_ymd_opt(2024, 9, 7));

        let text = "Un titre de presse ordinaire\nPublié le 6 septembre 2024\nLe texte de l’article commence ici et continue assez longtemps pour compter.\nLa suite du texte, elle aussi assez longue pour être un paragraphe.\nMis à jour le 8 sept. 2024 à 14h32";
        let e = extract(text).unwrap();
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.modified, NaiveDate::from_ymd_opt(2024, 9, 8));

        let e = extract("Le pont rouvrira en mars\n\nLes travaux touchent à leur fin, selon la mairie, qui l’a dit mardi.").unwrap();
        assert_eq!(e.modified, None);
    }

    #[test]
    fn published_wins_over_updated() {
        let text = "Un titre de presse ordinaire\nMis à jour le 7 sept. 2024 à 14h32\nPublié le 6 septembre 2024 | Le Journal\nLe texte de l’article commence ici et continue assez longtemps pour compter.";
        let e = extract(text).unwrap();
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.modified, NaiveDate::from_ymd_opt(2024, 9, 7));
        assert_eq!(e.publisher.as_deref(), Some("Le Journal"));
        assert_eq!(e.title.as_deref(), Some("Un titre de presse ordinaire"));
    }

    #[test]
    fn no_date_line_with_headline() {
        let text = "Le pont rouvrira en mars\n\nLes travaux de réfection du pont touchent à leur fin, selon la mairie.\n\nLa circulation reprendra le 3 mars.";
        let e = extract(text).unwrap();
        assert_eq!(e.title.as_deref(), Some("Le pont rouvrira en mars"));
        assert_eq!(e.published, None);
        assert_eq!(
            e.text,
            "Les travaux de réfection du pont touchent à leur fin, selon la mairie.\n\nLa circulation reprendra le 3 mars."
        );
    }

    #[test]
    fn no_date_line_with_chrome_on_top() {
        let text = "Home | World | Sport | Culture\nWORLD\nShare\nFerry service resumes after the storm\n\
                    The ferry between the two islands resumed on Tuesday after a three-day halt, the operator said.\n\
                    Read more: Storm warnings lifted\nComments\nFirst!";
        let e = extract(text).unwrap();
        assert_eq!(
            e.title.as_deref(),
            Some("Ferry service resumes after the storm")
        );
        assert_eq!(
            e.text,
            "The ferry between the two islands resumed on Tuesday after a three-day halt, the operator said."
        );
        assert_eq!(e.language.as_deref(), Some("en"));
    }

    #[test]
    fn no_date_line_no_headline() {
        let text = "Les travaux de réfection du pont touchent à leur fin, selon la mairie.\nLa circulation reprendra le 3 mars.";
        let e = extract(text).unwrap();
        assert_eq!(e.title, None);
        assert_eq!(e.text, text.replace('\n', "\n\n"));
    }

    #[test]
    fn a_single_line_is_the_text() {
        let e = extract("Juste une phrase sans titre").unwrap();
        assert_eq!(e.title, None);
        assert_eq!(e.text, "Juste une phrase sans titre");
    }

    #[test]
    fn nothing_left() {
        assert_eq!(extract(""), Err(ExtractProblem::NoText));
        assert_eq!(extract(" \n\r\n\t"), Err(ExtractProblem::NoText));
        assert_eq!(
            extract("Commentaires\nPartager"),
            Err(ExtractProblem::NoText)
        );
    }

    #[test]
    fn helpers() {
        assert!(is_nav_row(NAV));
        assert!(is_nav_row("Home | World | Business | Sport"));
        assert!(!is_nav_row(
            "Publié le vendredi 6 septembre 2024 \u{a0}|\u{a0} aBamako.com"
        ));
        assert!(!is_nav_row(
            "Un paragraphe ordinaire, avec des mots et une fin."
        ));
        assert!(is_credit("© Autre presse par DR"));
        assert!(is_credit("Photo : AFP"));
        assert!(!is_credit(
            "Photographier la ville est interdit depuis mardi, a dit le préfet."
        ));
        assert!(is_chrome_word("Comment"));
        assert!(is_chrome_word("Lire aussi :"));
        assert!(!is_chrome_word("Comment expliquer cette hausse ?"));
        assert!(is_read_also("Lire aussi : Le pont rouvrira en mars"));
        assert!(!is_read_also(
            "Lire aussitôt le rapport était une priorité."
        ));
        assert!(near_duplicate(
            "Depuis son inculpation, le patron s’exprime",
            "Depuis son d’inculpation, le patron s’exprime"
        ));
        assert!(!near_duplicate(
            "Le pont rouvrira en mars",
            "La circulation reprendra le 3 mars."
        ));
        assert_eq!(signature("Rk").as_deref(), Some("Rk"));
        assert_eq!(signature("Par Jean Dupont").as_deref(), Some("Jean Dupont"));
        assert_eq!(
            signature("La coopérative compte désormais 950 membres."),
            None
        );
        assert_eq!(
            clean_line("  a \t\t b\u{a0}\u{a0}c  \r"),
            "a b\u{a0}\u{a0}c"
        );
    }
}
