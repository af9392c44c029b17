//! Durations: a number and a unit of time ("pendant quatre jours" → `P4D`, "for three weeks"
//! → `P3W`, "48 heures" → `PT48H`), with the preposition that makes it a duration in the span.
//! "il y a quatre jours" and "four days ago" are not durations but dates, counted back from the
//! publication date. Hyphenated adjectives and ages are durations too ("a three-year programme"
//! → `P3Y`, "the 26-year-old" with "-old" in the span); "dans les trois prochains mois" and "for
//! up to 45 years" run from the preposition ("up to", "jusqu'à" sit inside).
//! Two durations with only spaces between, the second starting with its digits, both of clock units or both of calendar units, are
//! one ("in 2 hours 16 minutes" → `PT2H16M`, "in" taken as its preposition).

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Regex;
use serde_json::json;

use super::numbers::Token;
use super::textutil::{window_after, window_before};
use super::{Candidate, Kind, Lang};

/// A unit of time right after a number.
static UNIT: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?i)^(?:[\x20\u{a0}\u{202f}]*(?:(?:prochaine?s|derniers|dernières|next|last|past)[\x20\u{a0}]+)?|-)(secondes?|seconds?|minutes?|mins?|heures?|hours?|hrs?|h|jours?|journées?|days?|semaines?|weeks?|mois|months?|années?|ans?|years?|décennies?|decades?|siècles?|centuries|century)\b(?:-old\b)?",
    )
});

/// The preposition before a number that makes a duration of it; approximations may follow it.
static CUE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?i)\b(pendant|durant|depuis|en|sur|pour|dans(?:[\x20\u{a0}]+les)?|for|during|over|within|après|after)[\x20\u{a0}]+(?:jusqu['’]à[\x20\u{a0}]+|up[\x20\u{a0}]+to[\x20\u{a0}]+|(?:plus|moins|près)[\x20\u{a0}]+d['’e][\x20\u{a0}]*|environ[\x20\u{a0}]+|(?:more|less)[\x20\u{a0}]+than[\x20\u{a0}]+|about[\x20\u{a0}]+|nearly[\x20\u{a0}]+|almost[\x20\u{a0}]+|some[\x20\u{a0}]+|au[\x20\u{a0}]+moins[\x20\u{a0}]+|at[\x20\u{a0}]+least[\x20\u{a0}]+)?$",
    )
});

/// "il y a" before, or "ago" after: a date counted back.
static AGO_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"(?i)\bil[\x20\u{a0}]+y[\x20\u{a0}]+a[\x20\u{a0}]+(?:(?:plus|moins|près)[\x20\u{a0}]+d['’e][\x20\u{a0}]*|environ[\x20\u{a0}]+)?$"));
static AGO_AFTER: LazyLock<Regex> = LazyLock::new(|| super::regex(r"^[\x20\u{a0}]+ago\b"));

/// "for a week": the English article as the number one, after a cue only ("un"/"une" are
/// number tokens already).
static ONE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?i)\b(?:for|during|over|within)[\x20\u{a0}]+(?:a|an)[\x20\u{a0}]+(second|minute|hour|day|week|month|year|decade|century)\b",
    )
});

#[derive(Clone, Copy)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

fn unit(word: &str) -> Option<Unit> {
    let w = word.to_lowercase();
    let w = w.as_str();
    Some(match w {
        "h" | "hr" | "hrs" => Unit::Hour,
        "min" | "mins" => Unit::Minute,
        "mois" => Unit::Month,
        "an" | "ans" => Unit::Year,
        _ if w.starts_with("sec") => Unit::Second,
        _ if w.starts_with("minute") => Unit::Minute,
        _ if w.starts_with("heure") || w.starts_with("hour") => Unit::Hour,
        _ if w.starts_with("jour") || w.starts_with("day") => Unit::Day,
        _ if w.starts_with("semaine") || w.starts_with("week") => Unit::Week,
        _ if w.starts_with("month") => Unit::Month,
        _ if w.starts_with("année") || w.starts_with("year") => Unit::Year,
        _ if w.starts_with("décenni") || w.starts_with("decade") => Unit::Decade,
        _ if w.starts_with("siècle") || w.starts_with("centur") => Unit::Century,
        _ => return None,
    })
}

/// The ISO 8601 duration of `n` units: P4D, P3W, PT48H, P1.5Y.
fn iso(n: f64, unit: Unit) -> String {
    let num = |v: f64| {
        if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{}", (v * 1000.0).round() / 1000.0) }
    };
    match unit {
        Unit::Second => format!("PT{}S", num(n)),
        Unit::Minute => format!("PT{}M", num(n)),
        Unit::Hour => format!("PT{}H", num(n)),
        Unit::Day => format!("P{}D", num(n)),
        Unit::Week => format!("P{}W", num(n)),
        Unit::Month => format!("P{}M", num(n)),
        Unit::Year => format!("P{}Y", num(n)),
        Unit::Decade => format!("P{}Y", num(n * 10.0)),
        Unit::Century => format!("P{}Y", num(n * 100.0)),
    }
}

/// Durations after the number tokens, and "il y a N jours" / "N days ago" as dates.
pub(crate) fn detect(text: &str, _lang: Lang, tokens: &[Token], today: NaiveDate, all: &mut Vec<Candidate>) {
    let mut found = Vec::new();
    let out = &mut found;
    for token in tokens {
        let after = window_after(text, token.end, 24);
        let Some(c) = UNIT.captures(after) else { continue };
        let (Some(whole), Some(word)) = (c.get(0), c.get(1)) else { continue };
        // "14 h" is a time of day, found as such nowhere: leave it.
        if word.as_str().eq_ignore_ascii_case("h") {
            continue;
        }
        let Some(unit) = unit(word.as_str()) else { continue };
        let end = token.end + whole.end();
        let before = window_before(text, token.start, 48);
        if let Some(ago) = AGO_BEFORE.find(before) {
            let start = token.start - (before.len() - ago.start());
            if let Some(c) = counted_back(start, end, token.value, unit, today) {
                out.push(c);
            }
            continue;
        }
        if let Some(ago) = AGO_AFTER.find(&text[end..]) {
            let start = cue_start(before, token.start);
            if let Some(c) = counted_back(start, end + ago.end(), token.value, unit, today) {
                out.push(c);
            }
            continue;
        }
        let start = cue_start(before, token.start);
        out.push(Candidate::new(start, end, Kind::Duration, json!({"iso": iso(token.value, unit)})));
    }
    for c in ONE_UNIT.captures_iter(text) {
        let (Some(whole), Some(word)) = (c.get(0), c.get(1)) else { continue };
        if let Some(unit) = unit(word.as_str()) {
            out.push(Candidate::new(whole.start(), whole.end(), Kind::Duration, json!({"iso": iso(1.0, unit)})));
        }
    }
    all.extend(compound(text, found));
}

/// "2 hours 16 minutes", "14 minutes 28.6 seconds": two durations of time units (or two of
/// calendar units) with only spaces between make one (PT2H16M); "in" before it is its
/// preposition ("in 2 hours 16 minutes", a race time).
fn compound(text: &str, mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_by_key(|c| c.start);
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for c in found {
        if let Some(prev) = out.last_mut()
            && prev.kind == Kind::Duration
            && c.kind == Kind::Duration
            && c.start >= prev.end
            && text.get(c.start..).is_some_and(|t| t.starts_with(|ch: char| ch.is_ascii_digit()))
            && text.get(prev.end..c.start).is_some_and(|gap| !gap.is_empty() && gap.chars().all(|ch| matches!(ch, ' ' | '\u{a0}' | '\u{202f}')))
            && let (Some(a), Some(b)) = (prev.value.get("iso").and_then(|v| v.as_str()), c.value.get("iso").and_then(|v| v.as_str()))
            && a.starts_with("PT") == b.starts_with("PT")
        {
            let skip = if b.starts_with("PT") { 2 } else { 1 };
            let iso = format!("{a}{}", b.get(skip..).unwrap_or_default());
            let mut start = prev.start;
            if let Some(head) = text.get(..start)
                && let Some(cut) = head.strip_suffix(' ').and_then(|h| h.strip_suffix("in"))
                && !cut.chars().next_back().is_some_and(char::is_alphanumeric)
            {
                start = cut.len();
            }
            *prev = Candidate::new(start, c.end, Kind::Duration, json!({"iso": iso}));
            continue;
        }
        out.push(c);
    }
    out
}

/// Where the duration starts: at its preposition when there is one.
fn cue_start(before: &str, token_start: usize) -> usize {
    match CUE_BEFORE.find(before) {
        Some(m) => token_start - (before.len() - m.start()),
        None => token_start,
    }
    .min(token_start)
}

/// "il y a quatre jours", "three weeks ago": a date that many units before `today`.
fn counted_back(start: usize, end: usize, n: f64, unit: Unit, today: NaiveDate) -> Option<Candidate> {
    if n.fract() != 0.0 || n < 0.0 {
        return None;
    }
    let n = n as u64;
    let (date, granularity) = match unit {
        Unit::Day => (today.checked_sub_days(Days::new(n))?, "day"),
        Unit::Week => (today.checked_sub_days(Days::new(n * 7))?, "day"),
        Unit::Month => (today.checked_sub_months(Months::new(u32::try_from(n).ok()?))?, "month"),
        Unit::Year => (today.with_year(today.year() - i32::try_from(n).ok()?)?, "year"),
        _ => return None,
    };
    let formatted = match granularity {
        "day" => date.format("%Y-%m-%d").to_string(),
        "month" => date.format("%Y-%m").to_string(),
        _ => date.format("%Y").to_string(),
    };
    Some(Candidate::new(start, end, Kind::Date, json!({"date": formatted, "granularity": granularity})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn durations(text: &str, lang: Lang) -> Vec<(String, String)> {
        let today = NaiveDate::from_ymd_opt(2024, 9, 6).unwrap();
        let tokens = super::super::numbers::tokens(text, lang);
        let mut out = Vec::new();
        detect(text, lang, &tokens, today, &mut out);
        out.into_iter()
            .map(|c| {
                let v = c.value.get("iso").or_else(|| c.value.get("date")).and_then(|v| v.as_str()).unwrap_or_default().to_string();
                (text[c.start..c.end].to_string(), v)
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn durations_in_both_languages() {
        assert_eq!(durations("retenu pendant quatre jours", Lang::Fr), [pair("pendant quatre jours", "P4D")]);
        assert_eq!(durations("for three weeks", Lang::En), [pair("for three weeks", "P3W")]);
        assert_eq!(durations("en garde à vue 48 heures", Lang::Fr), [pair("48 heures", "PT48H")]);
        assert_eq!(durations("depuis plus de 20 ans", Lang::Fr), [pair("depuis plus de 20 ans", "P20Y")]);
        assert_eq!(durations("pendant une semaine", Lang::Fr), [pair("pendant une semaine", "P1W")]);
        assert_eq!(durations("for two decades", Lang::En), [pair("for two decades", "P20Y")]);
    }

    #[test]
    fn hyphenated_and_cued_durations() {
        assert_eq!(durations("a three-year programme", Lang::En), [pair("three-year", "P3Y")]);
        assert_eq!(durations("the 26-year-old scored", Lang::En), [pair("26-year-old", "P26Y")]);
        assert_eq!(durations("a seven-week trial", Lang::En), [pair("seven-week", "P7W")]);
        assert_eq!(durations("borrow for up to 45 years", Lang::En), [pair("for up to 45 years", "P45Y")]);
        assert_eq!(durations("dans les trois prochains mois", Lang::Fr), [pair("dans les trois prochains mois", "P3M")]);
        assert_eq!(durations("won on Sunday in 2 hours 16 minutes", Lang::En), [pair("in 2 hours 16 minutes", "PT2H16M")]);
        assert_eq!(durations("in 14 minutes 28.6 seconds", Lang::En), [pair("in 14 minutes 28.6 seconds", "PT14M28.6S")]);
        assert_eq!(durations("de 9 mois à 14 ans pendant 10 jours", Lang::Fr), [pair("9 mois", "P9M"), pair("14 ans", "P14Y"), pair("pendant 10 jours", "P10D")]);
    }

    #[test]
    fn counted_back_is_a_date() {
        assert_eq!(durations("il y a quatre jours", Lang::Fr), [pair("il y a quatre jours", "2024-09-02")]);
        assert_eq!(durations("three years ago", Lang::En), [pair("three years ago", "2021")]);
    }
}
