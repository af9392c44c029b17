//! Quantities, percentages and money, from digits and from number words.
//!
//! Digits first become [`Token`]s (the traps are left out here: phone numbers, ordinals "1er"
//! "21st", times "14h30", identifiers "COVID-19", "article 12", "Ligue 1", network names "5G", version
//! numbers "3.5.1"); then
//! each token is extended by what follows or precedes it — a multiplier ("950 millions",
//! "1.2bn"), a percent sign or words, a currency — and becomes a quantity, a percentage, an
//! amount of money or, for a year standing alone, a date. Currency signs glued before the digits
//! include ₦ (NGN), GH¢ (GHS), KSh (KES) and "R" (ZAR, only glued: "R99"); "shillings" with no
//! country are Kenyan (KES), "francs guinéens" GNF.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{json, Map, Value};

use super::textutil::{char_before, is_space, window_after, window_before, word_before};
use super::{number_words, Candidate, Kind, Lang};

/// A number in the text, digits or words, before what it counts is known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Written in words ("quatre").
    pub words: bool,
    /// A lone "un"/"une"/"one": an article more often than a count.
    pub article: bool,
    /// Four digits without separators between 1800 and 2099: maybe a year.
    pub year_like: bool,
}

/// Digits with French or English separators. Leftmost-first: grouped forms before plain ones.
static DIGITS: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?:\bR|\b)(?:\d{1,3}(?:[\x20\u{a0}\u{202f}\u{2009}]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)",
    )
});

/// Phone numbers, whose digit groups must not become quantities: French ("01 23 45 67 89"),
/// international ("+223 20 22 33 44", "+1 555 123 4567") and North American ("(555) 123-4567").
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?x)
        \b0\d(?:[\x20.\-\u{a0}]?\d{2}){4}\b
        | \+\d{1,3}(?:[\x20.\-\u{a0}]?\(?\d{1,4}\)?){2,5}
        | (?:\(\d{3}\)|\b\d{3})[\x20.\-]\d{3}[\x20.\-]\d{4}\b
        | \b0\d{2,4}[\x20.\-]\d{3,4}[\x20.\-]?\d{3,4}\b",
    )
});

/// Runs of digit groups ("20 22 33 44"): a phone number unless they group thousands
/// ("1 000 000"); checked by [`is_phone_run`].
static DIGIT_RUN: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"\b\d{1,4}(?:[\x20\u{a0}.\-]\d{2,4}){2,}\b"));

/// Whether a run of digit groups reads as a phone number: eight digits or more, in groups that
/// are not thousands (the first of one to three digits, then threes).
fn is_phone_run(run: &str) -> bool {
    let groups: Vec<&str> = run.split([' ', '\u{a0}', '.', '-']).collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    let thousands = groups.first().is_some_and(|g| g.len() <= 3) && groups.iter().skip(1).all(|g| g.len() == 3);
    digits >= 8 && !thousands
}

/// A multiplier word after a number.
static MULTIPLIER: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"(?i)^[\x20\u{a0}\u{202f}\u{2009}]*(milliards?|millions?|billions?|trillions?|mille|thousand|mds?|mrds?|bn)\b")
});

/// A multiplier glued to the digits: "3k", "1.2bn", "5M" (money).
static ATTACHED_MULTIPLIER: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"^(bn|mn|Mds|mds|Md|md|k|K|M|m|B)\b"));

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?i)^[\x20\u{a0}\u{202f}\u{2009}]*(?:(%)|(points?[\x20\u{a0}]+de[\x20\u{a0}]+pourcentage|percentage[\x20\u{a0}]+points?)\b|(pour[\x20\u{a0}]?cent|pourcent|per[\x20\u{a0}]?cent|percent)\b)",
    )
});

/// A currency after the number ("3 000 euros", "950 millions d'euros", "500 000 francs CFA").
static CURRENCY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?ix)^[\x20\u{a0}\u{202f}\u{2009}]*(?:(de|d['’]|of)[\x20\u{a0}]*)?
        (€|\$|£|¥|
         euros?\b|
         dollars?(?:[\x20\u{a0}]+(?:américains|us|canadiens|australiens))?\b|
         francs?[\x20\u{a0}]+cfa\b|f?cfa\b|f[\x20\u{a0}]cfa\b|
         francs?[\x20\u{a0}]+suisses\b|francs?[\x20\u{a0}]+guinéens\b|francs?\b|
         livres?[\x20\u{a0}]+sterling\b|pounds?[\x20\u{a0}]+sterling\b|
         yens?\b|yuans?\b|roubles?\b|rubles?\b|dirhams?\b|nairas?\b|cedis?\b|rands?\b|roupies?\b|rupees?\b|shillings?\b|
         usd\b|eur\b|gbp\b|xof\b|xaf\b|chf\b|cad\b|jpy\b|cny\b|rub\b)",
    )
});

/// A counted noun after a number: "3 000 personnes", "950 millions d'utilisateurs".
static NOUN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(r"^[\x20\u{a0}\u{202f}\u{2009}]*(?:(de|d['’]|of)[\x20\u{a0}]*)?(\p{Ll}[\p{L}\-]*|[a-zA-Z]{1,3}\b|°C|°F|m²|km²)")
});

/// "le nombre d'utilisateurs de Telegram à 950 millions": the noun counted, named before.
static NUMBER_OF: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"(?i)\b(?:nombre|number)[\x20\u{a0}]+(?:de|d['’]|of)[\x20\u{a0}]*(\p{L}[\p{L}\-]*)"));

/// Ordinal endings glued to digits: "1er", "2e", "3ème", "21st", "2nd".
static ORDINAL_SUFFIX: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"^(?:er|re|ère|ere|e|ème|eme|è|nd|st|rd|th|ᵉ|ᵉʳ|ʳᵉ|°)(?:\P{L}|$)"));

/// Vague quantities: "des millions de publications", "des centaines de milliers de", "thousands
/// of people", "une dizaine de", "a dozen".
static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    super::regex(
        r"(?ix)
        \b(?:des|de|plusieurs|quelques|les|par)[\x20\u{a0}]+(dizaines|centaines|milliers|millions|milliards)
          (?:[\x20\u{a0}]+(?:de|d['’])[\x20\u{a0}]*(centaines|milliers|millions|milliards))?
          [\x20\u{a0}]+(?:de|d['’])[\x20\u{a0}]*(\p{L}[\p{L}\-]*)
        | \b(?:une|un)[\x20\u{a0}]+(dizaine|douzaine|quinzaine|vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|centaine|millier)
          [\x20\u{a0}]+(?:de|d['’])[\x20\u{a0}]*(\p{L}[\p{L}\-]*)
        | \b(tens|dozens|hundreds|thousands|millions|billions)
          (?:[\x20\u{a0}]+of[\x20\u{a0}]+(thousands|millions))?
          [\x20\u{a0}]+of[\x20\u{a0}]+(\p{L}[\p{L}\-]*)",
    )
});

/// Words that are not counted nouns after a number.
const NOT_NOUNS: &[&str] = &[
    "de", "du", "des", "d", "le", "la", "les", "l", "et", "ou", "en", "à", "au", "aux", "pour", "par", "sur", "dans",
    "avec", "sans", "que", "qui", "qu", "il", "elle", "ils", "elles", "on", "ce", "cette", "ces", "se", "sa", "son",
    "ses", "leur", "leurs", "est", "sont", "a", "ont", "était", "fut", "plus", "moins", "selon", "après", "avant",
    "depuis", "pendant", "contre", "entre", "vers", "chez", "lors", "dont", "comme", "mais", "donc", "car", "ni",
    "si", "environ", "près", "fois", "the", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from",
    "that", "which", "who", "is", "are", "was", "were", "has", "have", "had", "be", "been", "it", "its", "this",
    "these", "those", "than", "as", "after", "before", "since", "during", "about", "more", "less", "per", "times",
    "y", "ne", "n", "pas", "s", "un", "une", "of", "over", "up", "out", "into", "x",
];

/// Words before a number that make it an identifier, not a quantity ("article 12", "n° 5").
const IDENTIFIER_WORDS: &[&str] = &[
    "article", "art.", "n°", "no.", "nº", "numéro", "number", "page", "p.", "chapitre", "chapter", "section",
    "vol.", "volume", "loi", "law", "résolution", "resolution", "décret", "route", "rn", "ligne", "line", "bus",
    "tome", "version", "room", "salle", "lot", "code", "pp.", "§", "ligue", "league", "division", "formula", "formule",
];

/// Words before a year-like number that make it a count ("plus de 2000 manifestants").
const COUNT_CUES: &[&str] = &[
    "environ", "près", "plus", "moins", "quelque", "les", "des", "ces", "nos", "vos", "leurs", "about", "around",
    "some", "nearly", "almost", "over", "than", "these", "those", "approximately", "roughly",
];

/// Words before a year-like number that make it a year ("en 2023", "since 2013").
const YEAR_CUES: &[&str] = &[
    "en", "in", "depuis", "since", "de", "d'", "d’", "from", "until", "till", "to", "jusqu'en", "jusqu’en", "avant",
    "après", "before", "after", "by", "dès", "année", "year", "an", "l'an", "l’an", "fin", "début", "mi", "printemps",
    "été", "automne", "hiver", "summer", "winter", "spring", "fall", "autumn", "of", "et", "and", "ou", "or", "au",
    "à", "vers", "circa", "pour", "for", "during", "durant", "pendant", "le", "la", "l'", "the", "entre", "between",
];

/// Every number in the text, digits and words, in text order, the traps left out.
pub(crate) fn tokens(text: &str, lang: Lang) -> Vec<Token> {
    let mut phones: Vec<(usize, usize)> = PHONE.find_iter(text).map(|m| (m.start(), m.end())).collect();
    phones.extend(DIGIT_RUN.find_iter(text).filter(|m| is_phone_run(m.as_str())).map(|m| (m.start(), m.end())));
    phones.sort_unstable();
    // Merge overlaps so that the spans stay sorted by end too (the lookup below needs it).
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(phones.len());
    for (s, e) in phones {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let phones = merged;
    let in_phone = |start: usize, end: usize| {
        let i = phones.partition_point(|&(_, e)| e <= start);
        phones.get(i).is_some_and(|&(s, _)| s < end)
    };
    let mut out = Vec::new();
    let mut skip_until = 0;
    for m in DIGITS.find_iter(text) {
        // "R99": the rand sign glued to the digits is read by `currency_before`.
        let (start, end) = (m.start() + usize::from(m.as_str().starts_with('R')), m.end());
        if start < skip_until || in_phone(start, end) {
            continue;
        }
        let after = &text[end..];
        // "3.5.1", "192.168.0.1": a dotted identifier, skipped whole.
        if let Some(rest) = after.strip_prefix(['.', ',', ':', '/'])
            && rest.starts_with(|c: char| c.is_ascii_digit())
        {
            skip_until = end + 1 + rest.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/'))).unwrap_or(rest.len());
            continue;
        }
        // "1er", "2e", "21st": ordinals.
        if ORDINAL_SUFFIX.is_match(after) {
            continue;
        }
        // "14h30", "14 h", "10:30": times of day.
        if is_time(after) {
            continue;
        }
        // "COVID-19", "F-16": part of a name.
        if char_before(text, start) == Some('-')
            && char_before(text, start - 1).is_some_and(char::is_alphabetic)
        {
            continue;
        }
        // "5G", "4G": a digit glued to one capital letter is a name (but "1GB" is a quantity).
        let mut glued = after.chars();
        if glued.next().is_some_and(|c| c.is_ascii_uppercase()) && !glued.next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        // "n°5", "#3".
        if matches!(char_before(text, start), Some('°' | '#' | 'º' | '§')) {
            continue;
        }
        if let Some((_, word)) = word_before(text, start)
            && IDENTIFIER_WORDS.contains(&elided(word).to_lowercase().as_str())
        {
            continue;
        }
        let Some(raw) = text.get(start..end) else { continue };
        let Some(value) = parse_digits(raw, lang) else { continue };
        let year_like = raw.len() == 4 && raw.bytes().all(|b| b.is_ascii_digit()) && (1800.0..2100.0).contains(&value);
        out.push(Token { start, end, value, words: false, article: false, year_like });
    }
    for w in number_words::find(text, lang) {
        out.push(Token { start: w.start, end: w.end, value: w.value, words: true, article: w.article, year_like: false });
    }
    out.sort_by_key(|t| t.start);
    out
}

/// A word without its elided article: "l'article" → "article".
fn elided(word: &str) -> &str {
    word.rsplit(['\'', '’']).next().unwrap_or(word)
}

fn is_time(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('h' | 'H') => {
            // "14h", "14h30" — but not "14 habitants" (glued: always a time).
            !chars.next().is_some_and(char::is_alphabetic)
        }
        Some(':') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(' ' | '\u{a0}' | '\u{202f}') => {
            let rest = after.trim_start_matches(is_space);
            let mut r = rest.chars();
            matches!(r.next(), Some('h')) && !r.next().is_some_and(char::is_alphabetic)
        }
        _ => false,
    }
}

/// The value of digits with separators. Spaces always group thousands. Otherwise, in English a
/// comma groups and a point is decimal; in French a comma is decimal, and a point groups when
/// it is followed by exactly three digits ("1.000 cas"), else it is decimal ("3.5").
pub(crate) fn parse_digits(raw: &str, lang: Lang) -> Option<f64> {
    let s: String = raw.chars().filter(|&c| !is_space(c)).collect();
    let commas = s.matches(',').count();
    let points = s.matches('.').count();
    let groups_of_three = |sep: char| s.split(sep).skip(1).all(|g| g.len() == 3);
    let normal = match (commas, points) {
        (0, 0) => s,
        (_, 0) => {
            if lang == Lang::En && groups_of_three(',') || commas > 1 {
                s.replace(',', "")
            } else {
                s.replace(',', ".")
            }
        }
        (0, _) => {
            if lang == Lang::Fr && groups_of_three('.') || points > 1 {
                s.replace('.', "")
            } else {
                s
            }
        }
        _ => {
            // Both: the last one is the decimal mark.
            let last_comma = s.rfind(',').unwrap_or(0);
            let last_point = s.rfind('.').unwrap_or(0);
            if last_comma > last_point {
                s.replace('.', "").replace(',', ".")
            } else {
                s.replace(',', "")
            }
        }
    };
    normal.parse().ok()
}

/// How much a multiplier word multiplies; French "billion" is 10¹², English 10⁹.
fn multiplier_value(word: &str, lang: Lang) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "mille" | "thousand" | "k" => 1e3,
        "million" | "millions" | "mn" | "m" => 1e6,
        "milliard" | "milliards" | "md" | "mds" | "mrd" | "mrds" | "bn" | "b" => 1e9,
        "billion" | "billions" => {
            if lang == Lang::Fr {
                1e12
            } else {
                1e9
            }
        }
        "trillion" | "trillions" => {
            if lang == Lang::Fr {
                1e18
            } else {
                1e12
            }
        }
        _ => return None,
    })
}

/// The currency code of a currency word or sign.
fn currency_code(word: &str) -> Option<&'static str> {
    let w = word.to_lowercase().replace('\u{a0}', " ");
    let w = w.as_str();
    Some(match w {
        "€" | "eur" => "EUR",
        "$" | "usd" => "USD",
        "£" | "gbp" => "GBP",
        "¥" | "jpy" => "JPY",
        "xof" | "cfa" | "fcfa" | "f cfa" => "XOF",
        "xaf" => "XAF",
        "chf" => "CHF",
        "cad" => "CAD",
        "cny" => "CNY",
        "rub" => "RUB",
        _ if w.starts_with("euro") => "EUR",
        _ if w.starts_with("dollar") => {
            if w.contains("canadien") {
                "CAD"
            } else if w.contains("australien") {
                "AUD"
            } else {
                "USD"
            }
        }
        _ if w.starts_with("franc") && w.contains("suisse") => "CHF",
        _ if w.starts_with("franc") && w.contains("guinéen") => "GNF",
        // "Shillings" with no country: the Kenyan shilling, the one the desk's articles cite.
        _ if w.starts_with("shilling") => "KES",
        // Plain "francs" in the desk's articles are CFA francs (West Africa, BCEAO).
        _ if w.starts_with("franc") => "XOF",
        _ if w.contains("sterling") => "GBP",
        _ if w.starts_with("yen") => "JPY",
        _ if w.starts_with("yuan") => "CNY",
        _ if w.starts_with("roubl") || w.starts_with("rubl") => "RUB",
        _ if w.starts_with("dirham") => "MAD",
        _ if w.starts_with("naira") => "NGN",
        _ if w.starts_with("cedi") => "GHS",
        _ if w.starts_with("rand") => "ZAR",
        _ if w.starts_with("roupie") || w.starts_with("rupee") => "INR",
        _ => return None,
    })
}

/// A currency sign or code just before byte `at` ("$1.2 billion", "€ 300", "US$ 5"): its start
/// and code.
fn currency_before(text: &str, at: usize) -> Option<(usize, &'static str)> {
    let head = window_before(text, at, 8);
    let trimmed = head.trim_end_matches(is_space);
    if head.len() - trimmed.len() > 1 {
        return None;
    }
    const PREFIXES: &[(&str, &str)] = &[
        ("US$", "USD"), ("CA$", "CAD"), ("C$", "CAD"), ("A$", "AUD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"),
        ("¥", "JPY"), ("USD", "USD"), ("EUR", "EUR"), ("GBP", "GBP"), ("CHF", "CHF"), ("XOF", "XOF"), ("FCFA", "XOF"),
        ("₦", "NGN"), ("GH¢", "GHS"), ("GH₵", "GHS"), ("₵", "GHS"), ("KSh", "KES"), ("Ksh", "KES"), ("R", "ZAR"),
    ];
    for (prefix, code) in PREFIXES {
        if let Some(rest) = trimmed.strip_suffix(prefix) {
            // A code must stand alone ("USD 5", not "BUSD 5").
            if prefix.chars().all(char::is_alphabetic) && rest.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            // "R" is the rand only glued to its digits ("R99", not "Group R 5").
            if *prefix == "R" && head.len() != trimmed.len() {
                continue;
            }
            return Some((at - (head.len() - rest.len()), code));
        }
    }
    None
}

/// Reads what follows a number's digits: a multiplier (end, factor).
fn multiplier_after(text: &str, end: usize, lang: Lang, token: &Token) -> Option<(usize, f64)> {
    let after = window_after(text, end, 24);
    // "$4.5 billion" is English wording whatever the article's language: 10⁹, not 10¹².
    let lang = match currency_before(text, token.start) {
        Some((_, "USD" | "GBP" | "CAD" | "AUD")) => Lang::En,
        _ => lang,
    };
    if !token.words
        && let Some(c) = ATTACHED_MULTIPLIER.captures(after)
    {
        let word = &c[1];
        // "5m", "3M" are metres and companies as often as millions: only with money around.
        // "5mn" is five minutes in French.
        let money_only = matches!(word, "m" | "M" | "B" | "K" | "mn");
        let money = currency_before(text, token.start).is_some() || CURRENCY_AFTER.is_match(&after[word.len()..]);
        if !money_only || money {
            return Some((end + word.len(), multiplier_value(word, lang)?));
        }
    }
    let c = MULTIPLIER.captures(after)?;
    let word = c.get(1)?.as_str();
    Some((end + c.get(0)?.end(), multiplier_value(word, lang)?))
}

/// Quantities, percentages, money and lone years from the tokens.
pub(crate) fn detect(text: &str, lang: Lang, tokens: &[Token], out: &mut Vec<Candidate>) {
    for token in tokens {
        let mut end = token.end;
        let mut value = token.value;
        // "deux millions": text2num read the multiplier with the number.
        let mut multiplied = token.words && ends_with_multiplier(&text[token.start..token.end]);
        if let Some((m_end, factor)) = multiplier_after(text, end, lang, token) {
            end = m_end;
            value *= factor;
            multiplied = true;
        }
        let after = window_after(text, end, 40);
        // "2.5 percentage points", "0,5 point de pourcentage": a quantity of points (read below
        // as a number with its unit), not a percentage.
        if let Some(c) = PERCENT.captures(after).filter(|c| c.get(2).is_none()) {
            let span_end = end + c.get(0).map_or(0, |m| m.end());
            let mut v = Map::new();
            v.insert("number".into(), number_json(value));
            out.push(Candidate::new(token.start, span_end, Kind::Percent, Value::Object(v)));
            continue;
        }
        if let Some(c) = CURRENCY_AFTER.captures(after)
            && let Some(code) = c.get(2).and_then(|m| currency_code(m.as_str()))
        {
            // "de"/"d'" before a currency only after a multiplier: "950 millions d'euros".
            if c.get(1).is_none() || multiplied {
                let span_end = end + c.get(0).map_or(0, |m| m.end());
                let start = currency_before(text, token.start).map_or(token.start, |(s, _)| s);
                out.push(Candidate::new(start, span_end, Kind::Money, json!({"number": number_json(value), "currency": code})));
                continue;
            }
        }
        if let Some((start, code)) = currency_before(text, token.start) {
            out.push(Candidate::new(start, end, Kind::Money, json!({"number": number_json(value), "currency": code})));
            continue;
        }
        if token.year_like && !multiplied && is_year(text, token) {
            out.push(Candidate::new(
                token.start,
                token.end,
                Kind::Date,
                json!({"date": format!("{:04}", value as i64), "granularity": "year"}),
            ));
            continue;
        }
        if token.article && !multiplied {
            continue;
        }
        let mut v = Map::new();
        v.insert("number".into(), number_json(value));
        if let Some(unit) = counted_noun(text, end, multiplied).or_else(|| noun_named_before(text, token.start)) {
            v.insert("unit".into(), json!(unit));
        }
        out.push(Candidate::new(token.start, end, Kind::Quantity, Value::Object(v)));
    }
}

fn ends_with_multiplier(words: &str) -> bool {
    let last = words.rsplit([' ', '-', '\u{a0}']).next().unwrap_or(words).to_lowercase();
    matches!(
        last.as_str(),
        "mille" | "million" | "millions" | "milliard" | "milliards" | "thousand" | "billion" | "billions" | "trillion"
    )
}

/// "de 4 500 à 9 000 francs CFA", "entre 3 et 5 %", "10-15%": the first number of a range
/// takes the currency or percent sign written after the second.
static RANGE_JOIN: LazyLock<Regex> =
    LazyLock::new(|| super::regex(r"^[\x20\u{a0}]*(?:à|to|et|and|ou|or|-|–)[\x20\u{a0}]*$"));

pub(crate) fn share_range_units(text: &str, out: &mut [Candidate]) {
    out.sort_by_key(|c| c.start);
    for i in 1..out.len() {
        let (head, tail) = out.split_at_mut(i);
        let (first, second) = (&mut head[i - 1], &tail[0]);
        let bare = first.kind == Kind::Quantity && first.value.get("unit").is_none() && first.value.get("vague").is_none();
        if !bare || !matches!(second.kind, Kind::Money | Kind::Percent) || first.end > second.start {
            continue;
        }
        if !RANGE_JOIN.is_match(&text[first.end..second.start]) {
            continue;
        }
        first.kind = second.kind;
        if let (Some(v), Some(code)) = (first.value.as_object_mut(), second.value.get("currency")) {
            v.insert("currency".into(), code.clone());
        }
    }
}

/// Whether a year-like number is a year: "en 2023", "2024 sera pire" — not "plus de 2000" nor
/// "2000 manifestants".
fn is_year(text: &str, token: &Token) -> bool {
    if counted_before(text, token.start) {
        return false;
    }
    let cue = word_before(text, token.start).is_some_and(|(_, w)| YEAR_CUES.contains(&w.to_lowercase().as_str()));
    cue || counted_noun(text, token.end, false).is_none()
}

/// Whether the word before a year-like number makes it a count ("plus de 2000").
fn counted_before(text: &str, at: usize) -> bool {
    let Some((word_start, word)) = word_before(text, at) else { return false };
    let word = word.to_lowercase();
    if COUNT_CUES.contains(&word.as_str()) {
        return true;
    }
    // "plus de 2000", "près de 2000", "more than 2000"
    if matches!(word.as_str(), "de" | "d'" | "d’") {
        return word_before(text, word_start).is_some_and(|(_, w)| matches!(w.to_lowercase().as_str(), "plus" | "près" | "moins" | "autour"));
    }
    false
}

/// The noun counted after a number: "3 000 personnes", "950 millions d'utilisateurs".
fn counted_noun(text: &str, end: usize, multiplied: bool) -> Option<String> {
    let after = window_after(text, end, 60);
    let c = NOUN_AFTER.captures(after)?;
    // "3 de ces", "2 of the": only a multiplied number takes "de"/"of" before its noun.
    if c.get(1).is_some() && !multiplied {
        return None;
    }
    let noun = c.get(2)?.as_str().trim_end_matches('-');
    let lower = noun.to_lowercase();
    if noun.chars().count() < 1 || NOT_NOUNS.contains(&lower.as_str()) {
        return None;
    }
    // A glued unit must be glued ("5km"); a spaced abbreviation must be a known unit.
    let spaced = c.get(0).is_some_and(|m| m.start() < c.get(2).map_or(0, |n| n.start()));
    if noun.len() <= 3 && noun.chars().any(char::is_uppercase) && spaced && !is_unit(noun) {
        return None;
    }
    Some(noun.to_string())
}

fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "km" | "m" | "cm" | "mm" | "kg" | "g" | "mg" | "t" | "l" | "ml" | "ha" | "km²" | "m²" | "°C" | "°F" | "GW" | "MW" | "kW"
            | "kWh" | "GWh" | "TWh" | "Go" | "Mo" | "GB" | "MB" | "TB" | "To" | "mi" | "ft" | "lb" | "lbs" | "oz" | "mph"
            | "km/h"
    )
}

/// "le nombre d'utilisateurs de Telegram à 950 millions": the noun named before the number, in
/// the same sentence.
fn noun_named_before(text: &str, at: usize) -> Option<String> {
    let head = window_before(text, at, 120);
    let head = head.rsplit(['.', '!', '?', '\n', ';']).next().unwrap_or(head);
    let c = NUMBER_OF.captures_iter(head).last()?;
    Some(c.get(1)?.as_str().to_string())
}

/// Vague quantities: "des millions de publications" (number 10⁶, vague, unit "publications").
pub(crate) fn detect_vague(text: &str, out: &mut Vec<Candidate>) {
    for c in VAGUE.captures_iter(text) {
        let Some(whole) = c.get(0) else { continue };
        let (first, second, noun) = if c.get(1).is_some() {
            (c.get(1), c.get(2), c.get(3))
        } else if c.get(4).is_some() {
            (c.get(4), None, c.get(5))
        } else {
            (c.get(6), c.get(7), c.get(8))
        };
        let Some(base) = first.and_then(|m| magnitude(m.as_str())) else { continue };
        let magnitude = base * second.and_then(|m| magnitude(m.as_str())).unwrap_or(1.0);
        let Some(noun) = noun.map(|m| m.as_str()) else { continue };
        let is_currency = matches!(noun.to_lowercase().as_str(), "euros" | "dollars" | "francs" | "fcfa" | "cfa" | "livres");
        let code = currency_code(noun).filter(|_| is_currency);
        let value = match code {
            Some(code) => json!({"number": number_json(magnitude), "currency": code, "vague": true}),
            None => json!({"number": number_json(magnitude), "unit": noun, "vague": true}),
        };
        let kind = if code.is_some() { Kind::Money } else { Kind::Quantity };
        out.push(Candidate::new(whole.start(), whole.end(), kind, value));
    }
}

/// The order of magnitude of a vague quantity word.
fn magnitude(word: &str) -> Option<f64> {
    Some(match word.to_lowercase().as_str() {
        "dizaine" | "dizaines" | "tens" => 10.0,
        "douzaine" | "dozens" => 12.0,
        "quinzaine" => 15.0,
        "vingtaine" => 20.0,
        "trentaine" => 30.0,
        "quarantaine" => 40.0,
        "cinquantaine" => 50.0,
        "soixantaine" => 60.0,
        "centaine" | "centaines" | "hundreds" => 100.0,
        "millier" | "milliers" | "thousands" => 1e3,
        "millions" => 1e6,
        "milliards" | "billions" => 1e9,
        _ => return None,
    })
}

/// A number as JSON: an integer when it is one (950000000, not 950000000.0).
pub(crate) fn number_json(value: f64) -> Value {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        json!(value as i64)
    } else {
        // Products like 2.3 × 10⁹ pick up binary noise; 12 significant digits are plenty.
        let rounded: f64 = format!("{value:.12e}").parse().unwrap_or(value);
        json!(rounded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_by_language() {
        assert_eq!(parse_digits("1 000 000", Lang::Fr), Some(1_000_000.0));
        assert_eq!(parse_digits("1\u{202f}000", Lang::Fr), Some(1000.0));
        assert_eq!(parse_digits("2,3", Lang::Fr), Some(2.3));
        assert_eq!(parse_digits("3.5", Lang::Fr), Some(3.5));
        assert_eq!(parse_digits("1.000", Lang::Fr), Some(1000.0));
        assert_eq!(parse_digits("1,000", Lang::En), Some(1000.0));
        assert_eq!(parse_digits("1,000,000.5", Lang::En), Some(1_000_000.5));
        assert_eq!(parse_digits("1.000.000,5", Lang::Fr), Some(1_000_000.5));
        assert_eq!(parse_digits("2,3", Lang::En), Some(2.3));
    }

    #[test]
    fn numbers_as_json() {
        assert_eq!(number_json(950e6), json!(950_000_000));
        assert_eq!(number_json(2.3 * 1e9), json!(2_300_000_000i64));
        assert_eq!(number_json(2.5), json!(2.5));
    }

    #[test]
    fn phones_and_ordinals_are_not_tokens() {
        let t = tokens("Appelez le 01 23 45 67 89 ou le +223 20 22 33 44 avant le 1er mars, 21st time", Lang::Fr);
        assert!(t.iter().all(|t| t.words), "{t:?}");
    }
}
