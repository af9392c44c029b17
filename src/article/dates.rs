//! Reading dates as French and English news sites write them, and recognising the "published
//! on" line under a headline.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// A line that gives an article's date, such as `Publié le vendredi 6 septembre 2024 | aBamako.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    pub date: NaiveDate,
    /// The text after a `|`, trimmed (`aBamako.com`); `None` when there is none.
    pub publisher: Option<String>,
    /// True for "Mis à jour le…", "Updated…": the date of a revision, not of publication.
    pub updated: bool,
}

// The patterns below are constants: a bad one fails every test here, so `unwrap` on `Regex::new`
// cannot fail on any input.

/// Longest line taken for a date line; anything longer is prose.
const MAX_DATE_LINE_CHARS: usize = 200;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[t\s,;|.+z]|\b)").unwrap()
});
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\b").unwrap());
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{1,2})(?:er|st|nd|rd|th|e)?\s+(?:de\s+|of\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})\b",
    )
    .unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap()
});
static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:le|on|the)\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lun|mer|jeu|ven|sam|dim|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?(?:(?:le|the)\s+)?",
    )
    .unwrap()
});
/// What may follow the date on a date line: a time and a time zone (matched at the start).
static TIME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[\s,\-–—·•/]*(?:(?:(?:à|at|a|@|vers)\s*)?\d{1,2}\s*(?:h|:)\s*(?:\d{2})?(?:\s*(?:min|mn))?(?::\d{2})?(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*\(?(?:gmt|utc|cet|cest|est|edt|pst|pdt|bst|wat|heure de paris|heure locale|[+\-]\d{1,2}(?::?\d{2})?)\)?)?)?",
    )
    .unwrap()
});
static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(publiée?|publie|parue?|postée?|mise? en ligne|mise? à jour|mise? a jour|m\.?à\.?j\.?|maj|dernière mise à jour|derniere mise a jour|modifiée?|actualisée?|date de publication|publication|published|first published|posted|updated|last updated|modified|last modified)(?:\s+le|\s+on)?\s*:?\s*)",
    )
    .unwrap()
});

/// The lead-in verbs (as [`PREFIX`] captures them, lower case) that date a revision.
const UPDATE_VERBS: &[&str] = &[
    "mis à jour",
    "mise à jour",
    "mis a jour",
    "mise a jour",
    "m.à.j",
    "màj",
    "m.àj",
    "mà.j",
    "maj",
    "dernière",
    "derniere",
    "modifi",
    "actualis",
    "updated",
    "last",
    "modified",
];

/// Parses a French or English date at the start of `s`: "vendredi 6 septembre 2024",
/// "1er août 2024", "6 sept. 2024", "Monday, 15 January 2024", "January 15, 2024",
/// "Sept. 6, 2024", "2024-09-06", "06/09/2024" (day first), "2025-03-14T09:30:00+01:00" (the
/// date as written, whatever the offset). A time after the date is allowed; other text is not
/// looked at.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let norm = normalise(s);
    find_date(&norm).map(|(date, _)| date)
}

/// Recognises a line that dates the article: "Publié le vendredi 6 septembre 2024 | aBamako.com",
/// "Published Monday, 15 January 2024 | Example News", "Mis à jour le 7 sept. 2024 à 14h32",
/// "Updated 6 September 2024", or a bare date ("6 septembre 2024"). Only a time may follow the
/// date before the `|`; prose that happens to start with "Published…" is not a date line.
pub fn date_line(line: &str) -> Option<DateLine> {
    date_line_with_prefix(line).map(|(line, _)| line)
}

/// Like [`date_line`], and also says whether the line had a "Publié le" / "Updated" lead-in (a
/// bare date may be a site header's today's date rather than the article's).
pub(crate) fn date_line_with_prefix(line: &str) -> Option<(DateLine, bool)> {
    date_line_parts(line).map(|p| (p.line, p.prefixed))
}

/// Everything a date line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateParts {
    pub line: DateLine,
    /// The line had a "Publié le" / "Updated" lead-in.
    pub prefixed: bool,
    /// The date of a revision given after the first date ("…, mis à jour le 7 septembre 2024").
    pub revised: Option<NaiveDate>,
    /// The byline before the date ("Par Jean Dupont" in "Par Jean Dupont - Publié le …"), as
    /// written.
    pub byline: Option<String>,
}

/// Reads a date line: [`date_line`]'s shapes, and also one that opens with a short byline before
/// the date ("Par Jean Dupont - Publié le 6 septembre 2024", "Par Lucie Arnaud – Le 22 avril
/// 2025 à 17:45", "By Jane Doe | Updated Sept. 6, 2024 | The Courier").
pub(crate) fn date_line_parts(line: &str) -> Option<DateParts> {
    if line.chars().count() > MAX_DATE_LINE_CHARS {
        return None;
    }
    let segments: Vec<&str> = line.split('|').collect();
    let publisher_after = |i: usize| {
        segments
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .map(|s| clean(s))
            .rfind(|s| !s.is_empty())
    };
    let first = segments.first().copied().unwrap_or_default();
    if let Some(parts) = parse_segment(first, publisher_after(0)) {
        return Some(parts);
    }
    // "Par Jean Dupont - Publié le …": a short name, a separator, a lead-in.
    let norm = normalise(first);
    for sep in [" - ", " – ", " — ", " · ", " • ", ", ", " / "] {
        if let Some((head, tail)) = norm.split_once(sep)
            && is_short_name(head)
            && let Some(parts) = parse_segment(tail, publisher_after(0))
        {
            let written = first.split_once(sep).map_or(head, |(h, _)| h);
            return Some(DateParts {
                byline: byline_of(written),
                ..parts
            });
        }
    }
    // "By Jane Doe | Updated …": the name alone before the first `|`.
    if segments.len() >= 2
        && is_short_name(&normalise(first))
        && PREFIX.is_match(&normalise(segments[1]))
    {
        return parse_segment(segments[1], publisher_after(1)).map(|parts| DateParts {
            byline: byline_of(first),
            ..parts
        });
    }
    None
}

/// "Par Jean Dupont" / "By Jane Doe" as written, when the head of a date line is a byline.
fn byline_of(head: &str) -> Option<String> {
    let head = clean(head);
    let lower = head.to_lowercase();
    (lower.starts_with("par ") || lower.starts_with("by ")).then_some(head)
}

/// A few words without digits: what a byline before a date looks like.
fn is_short_name(s: &str) -> bool {
    let words = s.split_whitespace().count();
    (1..=6).contains(&words) && !s.chars().any(|c| c.is_ascii_digit())
}

/// One `|`-separated segment that should hold the date (with or without a lead-in).
fn parse_segment(segment: &str, publisher: Option<String>) -> Option<DateParts> {
    let norm = normalise(segment);
    let (rest, updated, prefixed) = match PREFIX.captures(&norm) {
        Some(c) => {
            let verb = c.get(1).map_or("", |m| m.as_str());
            let updated = UPDATE_VERBS.iter().any(|p| verb.starts_with(p));
            (&norm[c.get(0).map_or(0, |m| m.end())..], updated, true)
        }
        None => (norm.as_str(), false, false),
    };
    let (date, end) = find_date(rest)?;
    let revised = tail_after_date(&rest[end..])?;
    Some(DateParts {
        line: DateLine {
            date,
            publisher,
            updated,
        },
        prefixed,
        revised,
        byline: None,
    })
}

/// What follows a date on a date line: at most a time (`Some(None)`), perhaps followed by a
/// second dated clause (`Some(Some(date))` when that clause dates a revision, "…, mis à jour le 7
/// septembre 2024 à 08h15"). `None` when prose follows.
fn tail_after_date(tail: &str) -> Option<Option<NaiveDate>> {
    let after_time = TIME_TAIL.find(tail).map_or(tail, |m| &tail[m.end()..]);
    if after_time
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .is_empty()
    {
        return Some(None);
    }
    second_date_line(after_time).map(|(date, updated)| updated.then_some(date))
}

/// "…, mis à jour le 7 septembre 2024 à 08h15" after a first date: the second date and whether
/// it dates a revision.
fn second_date_line(tail: &str) -> Option<(NaiveDate, bool)> {
    let tail = tail.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | '-' | '–' | '—' | '·' | '•' | '(' | '/')
    });
    let tail = tail.trim_end_matches([')', ' ', '.']);
    let c = PREFIX.captures(tail)?;
    let verb = c.get(1).map_or("", |m| m.as_str());
    let updated = UPDATE_VERBS.iter().any(|p| verb.starts_with(p));
    let rest = &tail[c.get(0).map_or(0, |m| m.end())..];
    let (date, end) = find_date(rest)?;
    let after = &rest[end..];
    let after_time = TIME_TAIL.find(after).map_or(after, |m| &after[m.end()..]);
    after_time
        .trim_matches(|c: char| c.is_whitespace() || c == '.')
        .is_empty()
        .then_some((date, updated))
}

/// Trims a segment, counting no-break spaces as spaces.
fn clean(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace()).to_string()
}

/// Lower-cases, turns no-break and thin spaces into spaces, and collapses whitespace runs.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// A date at the start of the normalised `s` (after a weekday or "le"/"on"), and where it ends.
fn find_date(s: &str) -> Option<(NaiveDate, usize)> {
    let start = LEAD_IN.find(s).map_or(0, |m| m.end());
    let s2 = &s[start..];
    let num = |m: Option<regex::Match>| m.and_then(|m| m.as_str().parse::<u32>().ok());
    if let Some(c) = ISO.captures(s2) {
        let end = c.get(3)?.end();
        return ymd(num(c.get(1))? as i32, num(c.get(2))?, num(c.get(3))?)
            .map(|d| (d, start + end));
    }
    if let Some(c) = NUMERIC_DMY.captures(s2) {
        let end = c.get(0)?.end();
        return ymd(num(c.get(3))? as i32, num(c.get(2))?, num(c.get(1))?)
            .map(|d| (d, start + end));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(s2) {
        let month = month_number(c.get(2)?.as_str())?;
        let end = c.get(0)?.end();
        return ymd(num(c.get(3))? as i32, month, num(c.get(1))?).map(|d| (d, start + end));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(s2) {
        let month = month_number(c.get(1)?.as_str())?;
        let end = c.get(0)?.end();
        return ymd(num(c.get(3))? as i32, month, num(c.get(2))?).map(|d| (d, start + end));
    }
    None
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1800..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The month a French or English month name or abbreviation (lower case) names.
fn month_number(word: &str) -> Option<u32> {
    let n = match word {
        "janvier" | "janv" | "jan" | "january" => 1,
        "février" | "fevrier" | "févr" | "fevr" | "fév" | "fev" | "feb" | "february" => 2,
        "mars" | "mar" | "march" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "jun" | "june" => 6,
        "juillet" | "juil" | "jul" | "july" => 7,
        "août" | "aout" | "aoû" | "aou" | "aug" | "august" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "décembre" | "decembre" | "déc" | "dec" | "december" => 12,
        _ => return None,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn french_dates() {
        assert_eq!(parse_date("vendredi 6 septembre 2024"), d(2024, 9, 6));
        assert_eq!(parse_date("6 septembre 2024"), d(2024, 9, 6));
        assert_eq!(parse_date("1er août 2024"), d(2024, 8, 1));
        assert_eq!(parse_date("1er aout 2024"), d(2024, 8, 1));
        assert_eq!(parse_date("6 sept. 2024"), d(2024, 9, 6));
        assert_eq!(parse_date("Mardi 17 Décembre 2024"), d(2024, 12, 17));
        assert_eq!(parse_date("le 3 févr. 2023 à 10h05"), d(2023, 2, 3));
        assert_eq!(parse_date("6\u{a0}septembre\u{a0}2024"), d(2024, 9, 6));
        assert_eq!(parse_date("06/09/2024"), d(2024, 9, 6));
        assert_eq!(parse_date("06.09.2024"), d(2024, 9, 6));
    }

    #[test]
    fn english_dates() {
        assert_eq!(parse_date("Monday, 15 January 2024"), d(2024, 1, 15));
        assert_eq!(parse_date("15 January 2024"), d(2024, 1, 15));
        assert_eq!(parse_date("January 15, 2024"), d(2024, 1, 15));
        assert_eq!(parse_date("Sept. 6, 2024"), d(2024, 9, 6));
        assert_eq!(parse_date("Mar 3, 2024"), d(2024, 3, 3));
        assert_eq!(parse_date("Friday, September 6th, 2024"), d(2024, 9, 6));
        assert_eq!(parse_date("the 1st of May 2024"), d(2024, 5, 1));
    }

    #[test]
    fn iso_dates() {
        assert_eq!(parse_date("2024-09-06"), d(2024, 9, 6));
        assert_eq!(parse_date("2025-03-14T09:30:00+01:00"), d(2025, 3, 14));
        assert_eq!(parse_date("2025-03-14T23:30:00-05:00"), d(2025, 3, 14));
        assert_eq!(parse_date(" 2024-09-06 10:00 "), d(2024, 9, 6));
        assert_eq!(parse_date("2024/09/06"), d(2024, 9, 6));
    }

    #[test]
    fn not_dates() {
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("31 février 2024"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("6 septembrement 2024"), None);
        assert_eq!(parse_date("Il était une fois"), None);
        assert_eq!(parse_date("950 millions 2024"), None);
        assert_eq!(parse_date("32/01/2024"), None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("Publié le vendredi 6 septembre 2024 \u{a0}|\u{a0} aBamako.com"),
            Some(DateLine {
                date: d(2024, 9, 6).unwrap(),
                publisher: Some("aBamako.com".into()),
                updated: false
            })
        );
        assert_eq!(
            date_line("Published Monday, 15 January 2024 | Example News"),
            Some(DateLine {
                date: d(2024, 1, 15).unwrap(),
                publisher: Some("Example News".into()),
                updated: false
            })
        );
        assert_eq!(
            date_line("Mis à jour le 7 sept. 2024 à 14h32"),
            Some(DateLine {
                date: d(2024, 9, 7).unwrap(),
                publisher: None,
                updated: true
            })
        );
        assert_eq!(
            date_line("Updated 6 September 2024"),
            Some(DateLine {
                date: d(2024, 9, 6).unwrap(),
                publisher: None,
                updated: true
            })
        );
        assert_eq!(
            date_line("Publié le : 06/09/2024 à 10:15 GMT").map(|l| l.date),
            d(2024, 9, 6)
        );
        assert_eq!(
            date_line("6 septembre 2024 |").map(|l| l.publisher),
            Some(None)
        );
        assert_eq!(
            date_line("Publié le 6 septembre 2024 à 10h00, mis à jour le 7 septembre 2024 à 08h15")
                .map(|l| (l.date, l.updated)),
            Some((d(2024, 9, 6).unwrap(), false))
        );
        assert_eq!(
            date_line("Posted on March 3, 2024 at 9:45 am").map(|l| l.date),
            d(2024, 3, 3)
        );
    }

    #[test]
    fn more_date_lines() {
        let parts = |s: &str| {
            date_line_parts(s).map(|p| (p.line.date, p.line.updated, p.prefixed, p.revised))
        };
        assert_eq!(
            parts("Publié le 6 septembre 2024 à 10h00, mis à jour le 7 septembre 2024 à 08h15"),
            Some((d(2024, 9, 6).unwrap(), false, true, d(2024, 9, 7)))
        );
        assert_eq!(
            parts("Publié le 06/09/2024 à 10h00 - MAJ le 07/09/2024 à 11h30"),
            Some((d(2024, 9, 6).unwrap(), false, true, d(2024, 9, 7)))
        );
        assert_eq!(
            parts("Mis en ligne le vendredi 6 septembre 2024 à 18h05"),
            Some((d(2024, 9, 6).unwrap(), false, true, None))
        );
        assert_eq!(
            parts("Par Jean Dupont - Publié le 6 septembre 2024 à 10h00"),
            Some((d(2024, 9, 6).unwrap(), false, true, None))
        );
        assert_eq!(
            parts("By Jane Doe | Updated Sept. 6, 2024 | The Courier").map(|p| (p.0, p.1)),
            Some((d(2024, 9, 6).unwrap(), true))
        );
        assert_eq!(
            date_line_parts("By Jane Doe | Updated Sept. 6, 2024 | The Courier")
                .and_then(|p| p.line.publisher),
            Some("The Courier".to_string())
        );
        assert_eq!(
            parts("Sept. 6, 2024"),
            Some((d(2024, 9, 6).unwrap(), false, false, None))
        );
        assert_eq!(
            parts("Updated: 6 September 2024, 2:45 PM BST"),
            Some((d(2024, 9, 6).unwrap(), true, true, None))
        );
        // A byline that is a sentence, or a lead-in inside prose, is not a date line.
        assert_eq!(parts("Le rapport a été publié le 6 septembre 2024."), None);
        assert_eq!(
            parts("Le ministre, qui parlait mardi devant la presse - publié le 6 septembre 2024"),
            None
        );
    }

    #[test]
    fn prose_is_not_a_date_line() {
        assert_eq!(
            date_line("Published 15 January 2024, the report found that rents rose by 12 percent."),
            None
        );
        assert_eq!(
            date_line("Le 6 septembre 2024, le ministre a annoncé sa démission."),
            None
        );
        assert_eq!(date_line("Publié par la rédaction"), None);
        assert_eq!(date_line("Commentaires"), None);
        assert_eq!(date_line(""), None);
    }

    #[test]
    fn prefix_is_reported() {
        assert_eq!(
            date_line_with_prefix("Publié le 6 septembre 2024").map(|x| x.1),
            Some(true)
        );
        assert_eq!(
            date_line_with_prefix("Vendredi 6 septembre 2024").map(|x| x.1),
            Some(false)
        );
    }
}
