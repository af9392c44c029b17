//! Dates in French and English, absolute ("5 septembre 2024", "March 5, 2024", "2024-09-05")
//! and relative ("28 août dernier", "ce 5 septembre", "lundi dernier", "last Friday", "hier",
//! "l'an dernier"), resolved against the publication date, with their granularity.
//!
//! No crate reads French dates as they are written in news, so the patterns are ours. A date
//! without a year takes the year that puts it nearest the publication date; "dernier"/"last"
//! takes the latest one before it, "prochain"/"next" the first one after; after "depuis" or
//! "since" (a start in the past) the latest one on or before it ("depuis le 1er janvier"
//! written in November → January of the same year).

use std::sync::LazyLock;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::{Captures, Regex};
use serde_json::json;

use super::{Candidate, Kind, Lang};

const FR_MONTHS: &str = r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\b|(?:janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec)(?:\.|\b)";
const FR_MONTHS_FULL: &str = r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\b";
const EN_MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)";
const EN_MONTHS_FULL: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b";
const FR_WEEKDAYS: &str = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche";
const EN_WEEKDAYS: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
const SP: &str = r"[\x20\u{a0}\u{202f}]+";
const SP0: &str = r"[\x20\u{a0}\u{202f}]*";

fn regex(pattern: &str) -> Regex {
    super::regex(pattern)
}

/// "vendredi 6 septembre 2024", "1er mars", "28 août dernier".
static FR_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?:(?P<wd>{FR_WEEKDAYS}){SP})?(?P<d>1er|1ᵉʳ|\d{{1,2}}){SP}(?P<m>{FR_MONTHS})(?:{SP}(?P<y>\d{{4}})\b)?(?:{SP}(?P<rel>dernier|prochain)\b)?"
    ))
});

/// "5 September 2024", "Friday, 6th of September".
static EN_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:(?P<wd>{EN_WEEKDAYS}),?{SP})?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{SP}(?:of{SP})?(?P<m>{EN_MONTHS})(?:,?{SP}(?P<y>\d{{4}})\b)?"
    ))
});

/// "September 5, 2024", "Friday, Sept. 6".
static EN_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?:(?P<wd>{EN_WEEKDAYS}),?{SP})?(?P<m>{EN_MONTHS}){SP}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?{SP}(?P<y>\d{{4}})\b)?"
    ))
});

/// "septembre 2024", "September 2024".
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"\b(?P<m>(?i:{FR_MONTHS})|{EN_MONTHS}){SP}(?P<y>\d{{4}})\b")));

/// "en août dernier", "début mars", "in May", "last March": a month named alone after a cue.
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?x)
        (?i:\b(?:en|depuis|début|fin|courant|mi-|au{SP}mois{SP}de|au{SP}mois{SP}d['’]|d['’]ici)){SP0}(?P<m>(?i:{FR_MONTHS_FULL}))(?:{SP}(?P<rel>dernier|prochain)\b)?
        | \b(?:(?P<enrel>last|next)|in|since|during|until|by|early|late|mid-|this){SP0}(?P<enm>{EN_MONTHS_FULL})"
    ))
});

/// "lundi dernier", "ce mardi", "mardi", "last Friday", "on Friday", "Friday".
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?x)
        (?:\b(?P<ce>(?i:ce|cet)){SP})?(?P<fr>(?i:\b(?:{FR_WEEKDAYS})\b))(?:{SP}(?P<rel>dernier|prochain)\b)?
        | (?:\b(?P<enrel>(?i:last|next|this)){SP})?\b(?P<en>{EN_WEEKDAYS})\b"
    ))
});

/// "hier", "aujourd'hui", "yesterday"; "l'an dernier", "le mois dernier", "last year".
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?ix)
        \b(?P<day>aujourd['’]hui|avant-hier|après-demain|hier|demain|yesterday|today|tomorrow)\b
        | (?P<year>l['’]an(?:née)?{SP}(?:(?:dernier|dernière|prochaine|prochain)\b|passée|passé)|cette{SP}année|(?:last|next|this){SP}year\b)
        | (?:le{SP})?(?P<month>mois{SP}(?:dernier|prochain)\b|(?:last|next|this){SP}month\b)"
    ))
});

/// "2024-09-05", "05/09/2024", "5.9.2024".
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"\b(?:(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})|(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<c>\d{4}))\b")
});

/// Which way a date without a year leans from the reference day.
#[derive(Clone, Copy, PartialEq)]
enum Lean {
    Past,
    Future,
    Nearest,
    /// After "depuis"/"since": on or before the reference day.
    Since,
}

/// "depuis le", "since" just before a date: it lies in the past.
static SINCE_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(?:depuis(?:[\x20\u{a0}]+le)?|since)[\x20\u{a0}]+$"));

fn after_since(text: &str, start: usize) -> bool {
    SINCE_BEFORE.is_match(super::textutil::window_before(text, start, 20))
}

fn lean(word: Option<&str>) -> Lean {
    match word.map(str::to_lowercase).as_deref() {
        Some("dernier" | "last") => Lean::Past,
        Some("prochain" | "next") => Lean::Future,
        _ => Lean::Nearest,
    }
}

/// Every date in the text; `today` is the reference day for relative ones.
pub(crate) fn detect(text: &str, lang: Lang, today: NaiveDate, out: &mut Vec<Candidate>) {
    for c in FR_DAY.captures_iter(text) {
        day_month(&c, fr_month, today, text, out);
    }
    for c in EN_DAY_MONTH.captures_iter(text) {
        day_month(&c, en_month, today, text, out);
    }
    for c in EN_MONTH_DAY.captures_iter(text) {
        day_month(&c, en_month, today, text, out);
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let (Some(whole), Some(month), Some(year)) = (c.get(0), c.name("m").and_then(|m| any_month(m.as_str())), c.name("y")) else {
            continue;
        };
        let Ok(year) = year.as_str().parse::<i32>() else { continue };
        if NaiveDate::from_ymd_opt(year, month, 1).is_some() {
            out.push(month_candidate(whole.start(), whole.end(), year, month));
        }
    }
    for c in MONTH_ALONE.captures_iter(text) {
        let (m, rel) = match c.name("m") {
            Some(m) => (m, c.name("rel")),
            None => match c.name("enm") {
                Some(m) => (m, c.name("enrel")),
                None => continue,
            },
        };
        let Some(month) = any_month(m.as_str()) else { continue };
        let start = match c.name("enrel") {
            Some(r) => r.start(),
            None => m.start(),
        };
        let end = rel.filter(|r| r.start() > m.start()).map_or(m.end(), |r| r.end());
        let since = rel.is_none() && c.get(0).is_some_and(|w| {
            let w = w.as_str().to_lowercase();
            w.starts_with("depuis") || w.starts_with("since")
        });
        let lean = if since { Lean::Since } else { lean(rel.map(|r| r.as_str())) };
        if let Some((year, month)) = resolve_month(month, lean, today) {
            out.push(month_candidate(start, end, year, month));
        }
    }
    for c in WEEKDAY.captures_iter(text) {
        let (day, rel, start) = match (c.name("fr"), c.name("en")) {
            (Some(d), _) => (d, c.name("rel"), d.start()),
            (None, Some(d)) => (d, c.name("enrel"), c.name("enrel").map_or(d.start(), |r| r.start())),
            _ => continue,
        };
        let Some(weekday) = weekday(day.as_str()) else { continue };
        // A weekday before a day number is part of a full date, found above.
        let after = text[day.end()..].trim_start_matches([' ', ',', '\u{a0}', '\u{202f}']);
        if after.starts_with(|ch: char| ch.is_ascii_digit()) || after.starts_with("the ") {
            continue;
        }
        let end = rel.filter(|r| r.start() > day.start()).map_or(day.end(), |r| r.end());
        let this = c.name("ce").is_some() || rel.is_some_and(|r| r.as_str().eq_ignore_ascii_case("this"));
        let lean = if this { Lean::Nearest } else { lean(rel.map(|r| r.as_str())) };
        out.push(day_candidate(start, end, resolve_weekday(weekday, lean, today)));
    }
    for c in RELATIVE.captures_iter(text) {
        if let Some(m) = c.name("day") {
            let shift: i64 = match m.as_str().to_lowercase().replace('’', "'").as_str() {
                "avant-hier" => -2,
                "hier" | "yesterday" => -1,
                "demain" | "tomorrow" => 1,
                "après-demain" => 2,
                _ => 0,
            };
            out.push(day_candidate(m.start(), m.end(), shift_days(today, shift)));
        } else if let Some(m) = c.name("year") {
            let words = m.as_str().to_lowercase();
            let year = today.year() + relative_step(&words);
            out.push(Candidate::new(m.start(), m.end(), Kind::Date, json!({"date": format!("{year:04}"), "granularity": "year"})));
        } else if let Some(m) = c.name("month") {
            let words = m.as_str().to_lowercase();
            let first = today.with_day(1).unwrap_or(today);
            let date = match relative_step(&words) {
                -1 => first.checked_sub_months(Months::new(1)),
                1 => first.checked_add_months(Months::new(1)),
                _ => Some(first),
            };
            if let Some(d) = date {
                out.push(month_candidate(m.start(), m.end(), d.year(), d.month()));
            }
        }
    }
    for c in NUMERIC.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
        let date = if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
            NaiveDate::from_ymd_opt(y as i32, m, d)
        } else if let (Some(a), Some(b), Some(y)) = (num("a"), num("b"), num("c")) {
            // French and British write day/month; American English month/day, unless the first
            // number cannot be a month.
            let (d, m) = if lang == Lang::En && a <= 12 && b > 12 { (b, a) } else { (a, b) };
            NaiveDate::from_ymd_opt(y as i32, m, d)
        } else {
            None
        };
        if let Some(date) = date {
            out.push(day_candidate(whole.start(), whole.end(), date));
        }
    }
}

/// -1 for "dernier"/"last"/"passé", +1 for "prochain"/"next", 0 otherwise.
fn relative_step(words: &str) -> i32 {
    if ["dernier", "dernière", "passé", "last"].iter().any(|w| words.contains(w)) {
        -1
    } else if ["prochain", "next"].iter().any(|w| words.contains(w)) {
        1
    } else {
        0
    }
}

fn day_month(c: &Captures, month_of: fn(&str) -> Option<u32>, today: NaiveDate, text: &str, out: &mut Vec<Candidate>) {
    let (Some(whole), Some(d), Some(m)) = (c.get(0), c.name("d"), c.name("m")) else { return };
    let Some(month) = month_of(m.as_str()) else { return };
    let day: u32 = match d.as_str() {
        "1er" | "1ᵉʳ" => 1,
        s => match s.parse() {
            Ok(n) => n,
            Err(_) => return,
        },
    };
    let date = match c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()) {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day),
        None => {
            let since = c.name("rel").is_none() && after_since(text, whole.start());
            resolve_day(day, month, if since { Lean::Since } else { lean(c.name("rel").map(|r| r.as_str())) }, today)
        }
    };
    if let Some(date) = date {
        out.push(day_candidate(whole.start(), whole.end(), date));
    }
}

fn day_candidate(start: usize, end: usize, date: NaiveDate) -> Candidate {
    Candidate::new(start, end, Kind::Date, json!({"date": date.format("%Y-%m-%d").to_string(), "granularity": "day"}))
}

fn month_candidate(start: usize, end: usize, year: i32, month: u32) -> Candidate {
    Candidate::new(start, end, Kind::Date, json!({"date": format!("{year:04}-{month:02}"), "granularity": "month"}))
}

fn shift_days(day: NaiveDate, by: i64) -> NaiveDate {
    if by >= 0 {
        day.checked_add_days(Days::new(by as u64)).unwrap_or(day)
    } else {
        day.checked_sub_days(Days::new(by.unsigned_abs())).unwrap_or(day)
    }
}

/// A day and month without a year, placed around `today`.
fn resolve_day(day: u32, month: u32, lean: Lean, today: NaiveDate) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> =
        (today.year() - 1..=today.year() + 1).filter_map(|y| NaiveDate::from_ymd_opt(y, month, day)).collect();
    match lean {
        Lean::Past => candidates.into_iter().filter(|d| *d < today).max(),
        Lean::Since => candidates.into_iter().filter(|d| *d <= today).max(),
        Lean::Future => candidates.into_iter().filter(|d| *d > today).min(),
        Lean::Nearest => candidates.into_iter().min_by_key(|d| ((*d - today).num_days().abs(), *d > today)),
    }
}

/// A month without a year, placed around `today`'s month.
fn resolve_month(month: u32, lean: Lean, today: NaiveDate) -> Option<(i32, u32)> {
    let index = |y: i32, m: u32| y * 12 + m as i32 - 1;
    let now = index(today.year(), today.month());
    let candidates = (today.year() - 1..=today.year() + 1).map(|y| (y, month));
    match lean {
        Lean::Past => candidates.filter(|&(y, m)| index(y, m) < now).max(),
        Lean::Since => candidates.filter(|&(y, m)| index(y, m) <= now).max(),
        Lean::Future => candidates.filter(|&(y, m)| index(y, m) > now).min(),
        Lean::Nearest => candidates.min_by_key(|&(y, m)| ((index(y, m) - now).abs(), index(y, m) > now)),
    }
}

/// A weekday named alone: the most recent one (today included) by default, as news tells what
/// happened; the one before or after today with "dernier"/"prochain"; the nearest with "ce".
fn resolve_weekday(weekday: Weekday, lean: Lean, today: NaiveDate) -> NaiveDate {
    let back = (7 + today.weekday().num_days_from_monday() as i64 - weekday.num_days_from_monday() as i64) % 7;
    let forward = (7 - back) % 7;
    match lean {
        Lean::Past => shift_days(today, -(if back == 0 { 7 } else { back })),
        Lean::Future => shift_days(today, if forward == 0 { 7 } else { forward }),
        Lean::Since => shift_days(today, -back),
        Lean::Nearest if forward < back => shift_days(today, forward),
        Lean::Nearest => shift_days(today, -back),
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word.to_lowercase().as_str() {
        "lundi" | "monday" => Weekday::Mon,
        "mardi" | "tuesday" => Weekday::Tue,
        "mercredi" | "wednesday" => Weekday::Wed,
        "jeudi" | "thursday" => Weekday::Thu,
        "vendredi" | "friday" => Weekday::Fri,
        "samedi" | "saturday" => Weekday::Sat,
        "dimanche" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn fr_month(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    Some(match w {
        "janvier" | "janv" => 1,
        "février" | "fevrier" | "févr" | "fevr" => 2,
        "mars" => 3,
        "avril" | "avr" => 4,
        "mai" => 5,
        "juin" => 6,
        "juillet" | "juil" => 7,
        "août" | "aout" => 8,
        "septembre" | "sept" => 9,
        "octobre" | "oct" => 10,
        "novembre" | "nov" => 11,
        "décembre" | "decembre" | "déc" | "dec" => 12,
        _ => return None,
    })
}

fn en_month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.');
    Some(match w {
        "January" | "Jan" => 1,
        "February" | "Feb" => 2,
        "March" | "Mar" => 3,
        "April" | "Apr" => 4,
        "May" => 5,
        "June" | "Jun" => 6,
        "July" | "Jul" => 7,
        "August" | "Aug" => 8,
        "September" | "Sept" | "Sep" => 9,
        "October" | "Oct" => 10,
        "November" | "Nov" => 11,
        "December" | "Dec" => 12,
        _ => return None,
    })
}

fn any_month(word: &str) -> Option<u32> {
    en_month(word).or_else(|| fr_month(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, lang: Lang, today: &str) -> Vec<(String, String)> {
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").unwrap();
        let mut out = Vec::new();
        detect(text, lang, today, &mut out);
        let mut out: Vec<(usize, String, String)> = out
            .into_iter()
            .map(|c| (c.start, text[c.start..c.end].to_string(), c.value["date"].as_str().unwrap().to_string()))
            .collect();
        out.sort();
        out.into_iter().map(|(_, t, d)| (t, d)).collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn relative_french_days() {
        assert_eq!(dates("depuis le 28 août dernier", Lang::Fr, "2024-09-06"), [pair("28 août dernier", "2024-08-28")]);
        assert!(dates("ce 5 septembre 2024,", Lang::Fr, "2024-09-06").contains(&pair("5 septembre 2024", "2024-09-05")));
        assert_eq!(dates("le 2 janvier dernier", Lang::Fr, "2024-09-06"), [pair("2 janvier dernier", "2024-01-02")]);
        assert_eq!(dates("le 28 décembre", Lang::Fr, "2024-01-03"), [pair("28 décembre", "2023-12-28")]);
        assert_eq!(dates("le 1er mars prochain", Lang::Fr, "2024-09-06"), [pair("1er mars prochain", "2025-03-01")]);
    }

    #[test]
    fn weekdays_and_words() {
        // 2024-09-06 is a Friday.
        assert_eq!(dates("lundi dernier", Lang::Fr, "2024-09-06"), [pair("lundi dernier", "2024-09-02")]);
        assert_eq!(dates("He left last Friday.", Lang::En, "2024-09-06"), [pair("last Friday", "2024-08-30")]);
        assert_eq!(dates("on Tuesday", Lang::En, "2024-09-06"), [pair("Tuesday", "2024-09-03")]);
        assert_eq!(dates("hier soir", Lang::Fr, "2024-09-06"), [pair("hier", "2024-09-05")]);
        assert_eq!(dates("l'an dernier", Lang::Fr, "2024-09-06"), [pair("l'an dernier", "2023")]);
    }

    #[test]
    fn english_and_numeric_dates() {
        assert!(dates("on September 5, 2024, he", Lang::En, "2024-09-06").contains(&pair("September 5, 2024", "2024-09-05")));
        assert!(dates("the 5th of September", Lang::En, "2024-09-06").contains(&pair("5th of September", "2024-09-05")));
        assert!(dates("in September 2024", Lang::En, "2024-09-06").contains(&pair("September 2024", "2024-09")));
        assert_eq!(dates("le 06/09/2024", Lang::Fr, "2024-09-06"), [pair("06/09/2024", "2024-09-06")]);
        assert_eq!(dates("on 2024-09-05", Lang::En, "2024-09-06"), [pair("2024-09-05", "2024-09-05")]);
        assert_eq!(dates("en août dernier", Lang::Fr, "2024-09-06"), [pair("août dernier", "2024-08")]);
        assert!(dates("You may go. The march was long.", Lang::En, "2024-09-06").is_empty());
    }
}
