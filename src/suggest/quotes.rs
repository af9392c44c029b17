//! Quotes and attributions.
//!
//! A quote is a span between quotation marks on one line: « … » (with the spaces French puts
//! inside), “ … ”, or straight "…" taken in pairs; only the outermost of nested quotes, and only
//! quotes of three words or more (« paradis anarchiste » is a term, not a statement).
//!
//! An attribution is a speech verb and its speaker, the span stopping where the speaker does:
//! - after a quote or a clause: "a-t-il confié", "estime-t-elle", ", a indiqué le milliardaire
//!   russe", ", said Mr. Smith";
//! - before what is reported: "le fondateur de Telegram estime (que)", "M. Durov s'est dit",
//!   "the minister said";
//! - "selon Durov", "d'après le ministère", "à en croire l'agence Sputnik", "according to X".
//!
//! The speaker is a noun phrase read by a small grammar ([`noun_phrase`]): an optional
//! determiner or title, nouns and names joined by "de"/"of", ending at punctuation or at a word
//! that cannot belong to it ("ce", "mardi", "dans", "on", "yesterday"…) — so "a indiqué le
//! milliardaire ce 5 septembre" stops at "milliardaire".
//! Organisation names run on through "de"/"of" (up to 14 words, two lowercase words after each
//! name or connector: "l'Institut national de la statistique"), "et de" ("le Conseil du coton et
//! de l'anacarde") and "to" between capitals ("the Committee to Protect Journalists"); a name
//! after a courtesy title stops at "of"/"de" ("Dr. Ngozi Eze of the WHO"). "Mali's government"
//! reads the possessive as a determiner; ", organisers said": a plural noun alone in its clause.
//! "announced" with a noun object after it ("announced on Wednesday a plan") is no attribution.
//!
//! The speaker value ([`person_name`]) drops a role or job title before a name ("Finance
//! Minister Kwame Asante" → "Kwame Asante", "l'économiste Aïssatou Sow" → "Aïssatou Sow") and
//! the determiner before a courtesy title ("le Dr X" → "Dr X"); an appositive name after the
//! role ("son directeur, M. X", "le ministre, le Pr X") is the speaker. "he"/"she"/"il"/"elle"
//! resolve to the last speaker who is not an institution (commission, government, bank…).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::json;

use super::textutil::window_after;
use super::{Candidate, Kind, Lang, Offsets, Suggestion};

/// French speech verbs as past participles (after "a", "a-t-il").
const FR_PARTICIPLES: &str = "déclaré|affirmé|indiqué|expliqué|confié|déploré|souligné|précisé|ajouté|assuré|estimé|dit|annoncé|rappelé|insisté|martelé|reconnu|admis|regretté|dénoncé|avancé|soutenu|prévenu|averti|lancé|écrit|raconté|noté|observé|relevé|jugé|répondu|répliqué|rétorqué|confirmé|démenti|nié|promis|commenté|poursuivi|conclu|signalé|témoigné|plaidé|tranché|lâché|argué|considéré|avoué|protesté|objecté|réagi|fait savoir|fait valoir|laissé entendre|mis en garde|prédit|révélé|certifié|garanti|clamé|revendiqué|accusé|dénoncé|justifié|alerté";
/// French speech verbs in the present, third person.
const FR_PRESENT: &str = "déclare|déclarent|affirme|affirment|indique|indiquent|explique|expliquent|confie|confient|déplore|déplorent|souligne|soulignent|précise|précisent|ajoute|ajoutent|assure|assurent|estime|estiment|dit|disent|annonce|annoncent|rappelle|rappellent|insiste|insistent|martèle|martèlent|reconnaît|reconnait|reconnaissent|admet|admettent|regrette|regrettent|dénonce|dénoncent|avance|avancent|soutient|soutiennent|prévient|préviennent|avertit|avertissent|écrit|écrivent|raconte|racontent|note|notent|observe|observent|relève|relèvent|juge|jugent|répond|répondent|réplique|répliquent|rétorque|rétorquent|confirme|confirment|dément|démentent|nie|nient|promet|promettent|commente|commentent|poursuit|poursuivent|conclut|concluent|signale|signalent|témoigne|témoignent|plaide|plaident|tranche|lâche|argue|arguent|considère|considèrent|pense|pensent|croit|croient|avoue|avouent|certifie|garantit|clame|revendique|prédit|révèle|martèle";
/// French speech verbs in the imperfect, third person (inverted after a quote).
const FR_IMPERFECT: &str = "déclarait|affirmait|indiquait|expliquait|confiait|soulignait|précisait|ajoutait|assurait|estimait|disait|racontait|poursuivait|insistait";
/// Reflexive forms that attribute on their own: "M. Durov s'est dit étonné".
const FR_REFLEXIVE: &str = "s['’](?:est|était)[\\x20\\u{a0}]+(?:dit|dite|dits|dites|déclaré|déclarée|montré|montrée|félicité|félicitée|inquiété|inquiétée|étonné|étonnée|interrogé|interrogée|défendu|défendue|réjoui|réjouie|indigné|indignée)|se[\\x20\\u{a0}]+(?:dit|disent|félicite|félicitent|réjouit|réjouissent|défend|défendent|demande|demandent|dit|inquiète|inquiètent|montre|montrent)";
/// Adverbs that may sit inside a compound verb: "a également déclaré".
const FR_ADVERBS: &str = "également|aussi|encore|ensuite|notamment|alors|enfin|déjà|par ailleurs|pour sa part|quant à lui|toutefois|cependant|plus tard|d'ailleurs|d’ailleurs|lui-même|elle-même";
/// English speech verbs that attribute on their own.
const EN_PAST: &str = "said|told|stated|claimed|added|explained|noted|argued|insisted|warned|wrote|announced|acknowledged|admitted|confirmed|denied|asserted|stressed|emphasized|emphasised|maintained|contended|alleged|replied|responded|tweeted|declared|conceded|recalled|testified|posted|continued|predicted|revealed|complained|boasted|vowed|promised|suggested|estimated";
/// English present-tense verbs, also nouns or less sure: only with "that", a colon or a quote after.
const EN_PRESENT: &str = "says|tells|states|claims|adds|explains|notes|argues|insists|warns|writes|announces|acknowledges|admits|confirms|denies|asserts|stresses|maintains|contends|alleges|believes|thinks|estimates|predicts|suggests";
const EN_ADVERBS: &str = "also|later|again|previously|repeatedly|once|then|further|publicly|recently";

const SP: &str = "[\\x20\\u{a0}]+";

fn regex(pattern: &str) -> Regex {
    super::regex(pattern)
}

/// "a-t-il confié", "ont-elles déclaré", "estime-t-il", "dit-elle".
static FR_CLITIC: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?:(?:a|avait|aurait)-t-(?P<p1>il|elle|on)|(?:ont|avaient|auraient)-(?P<p2>ils|elles))(?:{SP}(?:{FR_ADVERBS}))?{SP}(?:{FR_PARTICIPLES})|(?:{FR_PRESENT}|{FR_IMPERFECT})-(?:t-)?(?P<p3>il|elle|on|ils|elles)\b"
    ))
});

/// After a comma or a closing quote: the verb, then the speaker ("…, a indiqué le milliardaire").
static FR_INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r#"[,»"”][\x20\u{{a0}}\u{{202f}}]*(?P<verb>(?:a|avait){SP}(?:(?:{FR_ADVERBS}){SP})?(?:{FR_PARTICIPLES})|s['’]est{SP}(?:félicité|félicitée|réjoui|réjouie|indigné|indignée|inquiété|inquiétée)|{FR_PRESENT}|{FR_IMPERFECT}){SP}"#
    ))
});

/// The verb after its speaker: "le fondateur de Telegram estime", "M. Durov s'est dit".
static FR_FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?P<verb>(?:a|ont|avait|avaient){SP}(?:(?:{FR_ADVERBS}){SP})?(?:{FR_PARTICIPLES})|{FR_PRESENT}|{FR_IMPERFECT}|(?P<refl>{FR_REFLEXIVE}))"
    ))
});

/// "selon Durov", "d'après le ministère", "à en croire l'agence".
static FR_SELON: LazyLock<Regex> =
    LazyLock::new(|| regex(&format!(r"(?i)(?:\b(?:selon|d['’]après)|à{SP}en{SP}croire){SP}")));

/// "…," said the minister.
static EN_INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(r#"[,"”][\x20\u{{a0}}]*(?P<verb>said|says|added|adds|explained|wrote|writes|noted|argued|insisted|warned|continued|stated|told{SP}reporters){SP}"#))
});

/// "the minister said", "Smith has also claimed", "he says".
static EN_FORWARD: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"\b(?P<verb>(?:(?:has|have|had){SP}(?:(?:{EN_ADVERBS}){SP})?)?(?:(?:{EN_ADVERBS}){SP})?(?P<past>{EN_PAST})|(?P<present>{EN_PRESENT}))\b"
    ))
});

/// "according to the ministry".
static EN_ACCORDING: LazyLock<Regex> = LazyLock::new(|| regex(&format!(r"(?i)\baccording{SP}to{SP}")));

/// A noun object after "announced" (then it reports no speech): "announced on Wednesday a plan".
static NOUN_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)^[\x20\u{a0}]+(?:(?:on[\x20\u{a0}]+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)[\x20\u{a0}]+)?(?:a|an|the|its|their|his|her|plans?|new)\b")
});

/// What must follow a verb that is not sure to be reporting speech: "que", "that", ":", a quote.
static REPORTED: LazyLock<Regex> =
    LazyLock::new(|| regex(r#"^[^.!?\n]{0,60}?(?:\b(?:que|qu['’]|that)\b|[:«"“])"#));

/// Quotes in the text, outermost only, of three words or more.
pub(crate) fn quotes(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut guillemets: Option<usize> = None;
        let mut depth = 0usize;
        let mut curly: Option<usize> = None;
        let mut straight: Option<usize> = None;
        for (i, c) in line.char_indices() {
            match c {
                '«' => {
                    if depth == 0 {
                        guillemets = Some(i);
                    }
                    depth += 1;
                }
                '»' if depth > 0 => {
                    depth -= 1;
                    if depth == 0
                        && let Some(open) = guillemets.take()
                    {
                        spans.push((open, i + c.len_utf8()));
                    }
                }
                '“' if curly.is_none() => curly = Some(i),
                '”' => {
                    if let Some(open) = curly.take() {
                        spans.push((open, i + c.len_utf8()));
                    }
                }
                '"' => match straight.take() {
                    Some(open) => spans.push((open, i + 1)),
                    None => straight = Some(i),
                },
                _ => {}
            }
        }
        spans.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        let mut last_end = 0;
        for (s, e) in spans {
            if s < last_end {
                continue; // inside (or across) a quote already taken
            }
            let inner = &line[s..e];
            let inner = inner.trim_matches(|c: char| matches!(c, '«' | '»' | '“' | '”' | '"') || c.is_whitespace());
            if inner.split_whitespace().count() >= 3 {
                out.push(Candidate::new(line_start + s, line_start + e, Kind::Quote, json!({})));
                last_end = e;
            }
        }
        line_start += line.len() + 1;
    }
    out
}

/// Attributions in the text, overlapping ones included (the caller keeps the longest). Both
/// languages' patterns run whatever the article's language: they hardly overlap, and a French
/// article quotes English speakers (and a guess of the language can be wrong).
pub(crate) fn attributions(text: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    for lang in [Lang::Fr, Lang::En] {
        attributions_in(text, lang, &mut out);
    }
    out
}

fn attributions_in(text: &str, lang: Lang, out: &mut Vec<Candidate>) {
    let speaker =
        |start: usize, end: usize, who: &str| Candidate::new(start, end, Kind::Attribution, json!({"speaker": person_name(who)}));
    match lang {
        Lang::Fr => {
            for c in FR_CLITIC.captures_iter(text) {
                let (Some(whole), Some(p)) = (c.get(0), c.name("p1").or(c.name("p2")).or(c.name("p3"))) else { continue };
                if !standalone(text, whole.start(), whole.end()) {
                    continue;
                }
                out.push(speaker(whole.start(), whole.end(), p.as_str()));
            }
            for c in FR_INVERTED.captures_iter(text) {
                let (Some(verb), Some(whole)) = (c.name("verb"), c.get(0)) else { continue };
                if let Some((end, who)) = noun_phrase(text, whole.end(), text.len()) {
                    let (end, who) = apposition_after(text, end, who).unwrap_or((end, who));
                    out.push(speaker(verb.start(), end, who));
                }
            }
            for c in FR_FORWARD.captures_iter(text) {
                let Some(verb) = c.name("verb") else { continue };
                if !standalone(text, verb.start(), verb.end()) {
                    continue;
                }
                if c.name("refl").is_none() && !REPORTED.is_match(window_after(text, verb.end(), 80)) {
                    continue;
                }
                if let Some((start, who)) = noun_phrase_before(text, verb.start()) {
                    out.push(speaker(start, verb.end(), who));
                }
            }
            for m in FR_SELON.find_iter(text) {
                if super::textutil::char_before(text, m.start()).is_some_and(char::is_alphanumeric) {
                    continue;
                }
                if let Some((end, who)) = noun_phrase(text, m.end(), text.len()) {
                    out.push(speaker(m.start(), end, who));
                }
            }
        }
        Lang::En => {
            for c in EN_INVERTED.captures_iter(text) {
                let (Some(verb), Some(whole)) = (c.name("verb"), c.get(0)) else { continue };
                if let Some((end, who)) = noun_phrase(text, whole.end(), text.len()) {
                    let (end, who) = apposition_after(text, end, who).unwrap_or((end, who));
                    out.push(speaker(verb.start(), end, who));
                }
            }
            for c in EN_FORWARD.captures_iter(text) {
                let Some(verb) = c.name("verb") else { continue };
                let sure = c.name("past").is_some_and(|p| !matches!(p.as_str(), "suggested" | "estimated" | "posted" | "continued"));
                if !sure && !REPORTED.is_match(window_after(text, verb.end(), 80)) {
                    continue;
                }
                // "announced on Wednesday a £2.3bn plan": a noun object, not reported speech.
                if verb.as_str().ends_with("announced") && NOUN_OBJECT.is_match(window_after(text, verb.end(), 80)) {
                    continue;
                }
                if let Some((start, who)) = noun_phrase_before(text, verb.start()) {
                    out.push(speaker(start, verb.end(), who));
                }
            }
            for m in EN_ACCORDING.find_iter(text) {
                if let Some((end, who)) = noun_phrase(text, m.end(), text.len()) {
                    out.push(speaker(m.start(), end, who));
                }
            }
        }
    }
}

/// "a déclaré son président, Moussa Traoré, ce 1er juin": the name set after a common noun
/// phrase is the speaker, and the span runs to it.
fn apposition_after<'a>(text: &'a str, end: usize, who: &str) -> Option<(usize, &'a str)> {
    if who.starts_with(char::is_uppercase) || PRONOUNS.contains(&who.to_lowercase().as_str()) {
        return None;
    }
    let rest = text.get(end..)?.strip_prefix(',')?;
    let name_start = end + 1 + (rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len());
    let (name_end, name) = noun_phrase(text, name_start, text.len())?;
    let closed = text.get(name_end..).is_some_and(|t| t.starts_with([',', '.', ';']) || t.is_empty());
    (person_name(name).starts_with(char::is_uppercase) && closed).then_some((name_end, name))
}

/// Whether the span is whole words: no letter glued before or after it (the patterns use ASCII
/// word boundaries, blind to accented letters).
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = super::textutil::char_before(text, start);
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

const PRONOUNS: &[&str] = &["il", "elle", "ils", "elles", "on", "lui", "eux", "he", "she", "they", "him", "them", "it", "we", "nous", "je", "i"];
const DETERMINERS: &[&str] = &[
    "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "son", "sa", "ses", "leur", "leurs", "notre", "votre",
    "the", "a", "an", "his", "her", "its", "their", "our", "this", "that",
];
const TITLES: &[&str] = &[
    "M.", "MM.", "Mme", "Mme.", "Mmes", "Mlle", "Me", "Mgr", "Dr", "Dr.", "Pr", "Pr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms",
    "Ms.", "Sir", "Dame", "Prof.", "Gen.", "Sen.", "Rep.", "Gov.",
];
const CONNECTORS: &[&str] = &["de", "du", "des", "d'", "d’", "of", "de la", "for", "à", "al-", "van", "von", "bin", "ben", "ibn", "del", "da", "dos"];
/// Words that end a speaker: times, places, verbs and clause words.
const STOP: &[&str] = &[
    "ce", "cet", "cette", "ces", "au", "aux", "en", "dans", "sur", "pour", "par", "avec", "sans", "lors", "après",
    "avant", "pendant", "depuis", "devant", "chez", "contre", "vers", "selon", "qui", "que", "qu'", "qu’", "dont", "où",
    "et", "ou", "mais", "donc", "car", "ni", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "hier", "aujourd'hui", "demain", "également", "aussi", "encore", "ensuite", "notamment", "toutefois", "cependant",
    "pourtant", "ainsi", "alors", "a", "est", "sont", "ont", "était", "avait", "fut", "sera", "ne", "n'", "se", "s'",
    "y", "lesquelles", "lesquels", "laquelle", "lequel", "quoi", "cela", "ça", "ceci", "plusieurs", "certains",
    "on", "in", "at", "to", "from", "with", "by", "during", "after", "before", "who", "which", "and", "or", "but",
    "yesterday", "today", "tomorrow", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "last", "this", "is", "was", "has", "had", "have", "will", "would", "said", "says", "told", "also", "however",
    "when", "while", "as", "if", "not", "been", "being", "are", "were", "there", "here",
];

/// Words in a speaker, with their byte spans: split at spaces, "l'"/"d'" split off their word.
fn words_from(text: &str, from: usize, max: usize) -> Vec<(usize, usize)> {
    let window = window_after(text, from, max);
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in window.char_indices() {
        if c == ' ' || c == '\u{a0}' || c == '\u{202f}' {
            if let Some(s) = start.take() {
                words.push((from + s, from + i));
            }
            continue;
        }
        if c == '\n' {
            if let Some(s) = start.take() {
                words.push((from + s, from + i));
            }
            return words;
        }
        if start.is_none() {
            start = Some(i);
        }
        // "l'agence", "d’utilisateurs": the elided article is a word of its own.
        if (c == '\'' || c == '’')
            && let Some(s) = start
            && i - s == 1
            && matches!(&window[s..i], "l" | "L" | "d" | "D")
        {
            words.push((from + s, from + i + c.len_utf8()));
            start = None;
        }
    }
    if let Some(s) = start {
        words.push((from + s, from + window.len()));
    }
    words
}

/// The speaker starting at byte `from` and ending by `limit`: its end and text. See the module
/// comment.
pub(crate) fn noun_phrase(text: &str, from: usize, limit: usize) -> Option<(usize, &str)> {
    let words = words_from(text, from, 160);
    let mut last_good = None;
    let mut has_det = false;
    let mut seen_name = false;
    let mut det_allowed = true; // at the start and after "de"/"of"
    let mut after_name = 0; // lowercase words since the last name or connector
    let mut seen_title = false;
    for (n, &(s, e)) in words.iter().enumerate() {
        if n >= 14 || s >= limit {
            break;
        }
        let raw = &text[s..e];
        let title = TITLES.contains(&raw);
        // Punctuation closing the word ends the speaker after it ("russe.", "Sputnik,").
        let word = if title { raw } else { raw.trim_end_matches([',', ';', ':', '.', '!', '?', ')', '»', '"', '”', '…']) };
        let closes = word.len() < raw.len();
        if s + word.len() > limit {
            break;
        }
        if word.is_empty() || word.starts_with(['«', '"', '“', '(']) {
            break;
        }
        let lower = word.to_lowercase();
        let lower = lower.as_str();
        if n == 0 && PRONOUNS.contains(&lower) {
            return Some((s + word.len(), word));
        }
        let first_char = word.chars().next()?;
        if first_char.is_ascii_digit() {
            break;
        }
        let next_lower = words.get(n + 1).and_then(|&(ns, ne)| text.get(ns..ne)).map(str::to_lowercase).unwrap_or_default();
        let next_capital = next_lower.len() > 0
            && words.get(n + 1).and_then(|&(ns, ne)| text.get(ns..ne)).is_some_and(|w| w.starts_with(char::is_uppercase));
        let prev_capital = n > 0 && words.get(n - 1).and_then(|&(ps, pe)| text.get(ps..pe)).is_some_and(|w| w.starts_with(char::is_uppercase));
        // "le Conseil du coton et de l'anacarde", "the Committee to Protect Journalists": a
        // name joined on.
        let joins = (matches!(lower, "et" | "and") && has_det && seen_name && CONNECTORS.contains(&next_lower.as_str()))
            || (lower == "to" && prev_capital && next_capital && seen_name);
        if n > 0 && (CONNECTORS.contains(&lower) || joins) {
            // "Dr. Ngozi Eze of the World Health Organization": a person's name ends before "of".
            if seen_title && seen_name && !joins {
                break;
            }
            det_allowed = true;
            after_name = 0;
            if closes {
                break;
            }
            continue;
        }
        if DETERMINERS.contains(&lower) {
            // "le milliardaire le 5": a second determiner starts something else.
            if !det_allowed || closes {
                break;
            }
            has_det = true;
            continue;
        }
        if STOP.contains(&lower) {
            break;
        }
        let capital = first_char.is_uppercase();
        // "Mali's government", "Kenya’s sports ministry": the possessive stands for a determiner.
        if n == 0 && capital && (word.ends_with("'s") || word.ends_with("’s")) {
            has_det = true;
            det_allowed = false;
            continue;
        }
        seen_title = seen_title || title;
        if !title && !capital {
            // A lowercase word: a noun or adjective after a determiner ("le milliardaire russe"),
            // one adjective after a name so introduced ("la Banque mondiale"), never after a bare
            // name ("Smith yesterday" stops).
            if !has_det || (seen_name && after_name >= 2) {
                break;
            }
            if seen_name {
                after_name += 1;
            }
        } else {
            after_name = 0;
        }
        seen_name = seen_name || capital && !title;
        det_allowed = false;
        last_good = Some(s + word.len());
        if closes {
            break;
        }
    }
    let end = last_good?;
    Some((end, text.get(from..end)?))
}

/// The speaker that ends just before the verb at byte `verb_start`: its start and text. The
/// words before the verb are taken back to a clause boundary, then read forward by
/// [`noun_phrase`], which must reach the verb; leading words are dropped until it does
/// ("Ensuite il estime" → "il").
pub(crate) fn noun_phrase_before(text: &str, verb_start: usize) -> Option<(usize, &str)> {
    phrase_before(text, verb_start).or_else(|| apposition_before(text, verb_start)).or_else(|| bare_plural_before(text, verb_start))
}

/// "…, organisers said": a plural common noun alone in its clause is the speaker.
fn bare_plural_before(text: &str, verb_start: usize) -> Option<(usize, &str)> {
    let head = super::textutil::window_before(text, verb_start, 40);
    let trimmed = head.trim_end_matches([' ', '\u{a0}']);
    let word_from = trimmed.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    let word = &trimmed[word_from..];
    let before = trimmed[..word_from].trim_end_matches([' ', '\u{a0}']);
    let boundary = before.is_empty() || before.ends_with([',', ';', ':', '.', '!', '?', '\n']);
    let lower = word.to_lowercase();
    let plural = word.chars().count() > 3 && word.ends_with('s') && word.starts_with(char::is_lowercase);
    let function = STOP.contains(&lower.as_str()) || PRONOUNS.contains(&lower.as_str()) || DETERMINERS.contains(&lower.as_str());
    (boundary && plural && !function && before.len() < trimmed.len()).then(|| (verb_start - head.len() + word_from, word))
}

/// "Le ministre du Commerce, Moussa Diallo, affirme": a name set between commas before the
/// verb is the speaker; the span starts at the noun phrase before it when there is one.
fn apposition_before(text: &str, verb_start: usize) -> Option<(usize, &str)> {
    let head = super::textutil::window_before(text, verb_start, 160);
    let offset = verb_start - head.len();
    let before_comma = head.trim_end_matches([' ', '\u{a0}']).strip_suffix(',')?;
    let name_from = before_comma.rfind(',')? + 1;
    let name_start = offset + name_from + (before_comma[name_from..].len() - before_comma[name_from..].trim_start().len());
    let name_end = offset + before_comma.len();
    let (end, name) = noun_phrase(text, name_start, name_end)?;
    if end != name_end || !name.starts_with(char::is_uppercase) {
        return None;
    }
    let start = phrase_before(text, offset + name_from - 1).map_or(name_start, |(s, _)| s);
    Some((start, name))
}

fn phrase_before(text: &str, verb_start: usize) -> Option<(usize, &str)> {
    let head = super::textutil::window_before(text, verb_start, 120);
    let offset = verb_start - head.len();
    // The clause: after the last comma, quote, colon or line break, or the end of a sentence.
    let mut clause_from = 0;
    for (i, c) in head.char_indices() {
        if matches!(c, ',' | ';' | ':' | '«' | '»' | '"' | '“' | '”' | '(' | ')' | '\n' | '!' | '?') {
            clause_from = i + c.len_utf8();
        } else if c == '.' {
            // "M. Durov", "J. Smith" keep their point; a sentence end does not.
            let word_start =
                head[..i].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(k, c)| k + c.len_utf8());
            let word = &head[word_start..=i];
            let initial = word.chars().count() == 2 && word.starts_with(char::is_uppercase);
            if !TITLES.contains(&word) && !initial {
                clause_from = i + 1;
            }
        }
    }
    let words = words_from(text, offset + clause_from, head.len() - clause_from);
    let target = head.trim_end_matches([' ', '\u{a0}']).len() + offset;
    for &(s, _) in &words[words.len().saturating_sub(8)..] {
        if let Some((end, phrase)) = noun_phrase(text, s, target)
            && end == target
        {
            return Some((s, phrase));
        }
    }
    None
}

/// Job titles and roles set before a name ("Finance Minister Kwame Asante", "Judge Margaret
/// Holloway"), dropped from the speaker value.
const ROLES: &[&str] = &[
    "minister", "president", "secretary", "judge", "commissioner", "governor", "chairman", "chairwoman", "chair",
    "director", "spokesman", "spokeswoman", "spokesperson", "mayor", "senator", "ambassador", "prosecutor", "coach",
    "striker", "captain", "chief", "officer", "executive", "ceo", "leader", "manager", "inspector", "general",
    "ministre", "président", "présidente", "directeur", "directrice", "juge", "gouverneur", "maire", "porte-parole",
];

/// The speaker value: the name with its courtesy title, without the role or the determiner set
/// before it ("le Dr Salif Ouédraogo" → "Dr Salif Ouédraogo", "l’économiste Aïssatou Sow" →
/// "Aïssatou Sow", "Health Minister Dr. Amina Bello" → "Dr. Amina Bello", "the monitoring group
/// NetWatch" → "NetWatch"). A designation with no name after it is kept whole ("le ministre de
/// l’Économie", "the Treasury").
pub(crate) fn person_name(who: &str) -> &str {
    // Word starts (bytes) and words, split at any space.
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in who.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((s, &who[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, &who[s..]));
    }
    let is_role = |w: &str| ROLES.contains(&w.to_lowercase().as_str());
    let name_word = |w: &str| TITLES.contains(&w) || (w.starts_with(char::is_uppercase) && !w.contains(['\'', '’']) && !is_role(w));
    let mut k = words.len();
    while k > 0 && name_word(words[k - 1].1) {
        k -= 1;
    }
    if k == 0 || k == words.len() {
        return who;
    }
    let (tail_start, first) = words[k];
    if !words[k..].iter().any(|(_, w)| !TITLES.contains(w)) {
        return who;
    }
    let boundary = words[k - 1].1;
    let bare = boundary.strip_prefix("l’").or_else(|| boundary.strip_prefix("l'")).unwrap_or(boundary);
    let lower = bare.to_lowercase();
    let function = DETERMINERS.contains(&lower.as_str())
        || CONNECTORS.contains(&lower.as_str())
        || STOP.contains(&lower.as_str())
        || matches!(lower.as_str(), "to" | "and" | "et");
    let common = bare.starts_with(char::is_lowercase) && bare.chars().all(|c| c.is_alphabetic() || c == '-') && !function;
    let det_before_title = DETERMINERS.contains(&lower.as_str()) && TITLES.contains(&first);
    if is_role(bare) || common || det_before_title { who.get(tail_start..).unwrap_or(who) } else { who }
}

/// Heads of speakers that are not people: "she" does not stand for them.
const INSTITUTIONS: &[&str] = &[
    "commission", "government", "ministry", "company", "bank", "agency", "council", "office", "institute", "union",
    "police", "court", "committee", "group", "organisation", "organization", "association", "federation", "party",
    "authority", "regulator", "board", "treasury", "army", "gouvernement", "ministère", "entreprise", "société",
    "banque", "agence", "conseil", "bureau", "institut", "syndicat", "tribunal", "comité", "groupe", "fédération",
    "parti", "autorité", "armée", "cour",
];

fn is_institution(speaker: &str) -> bool {
    speaker.split_whitespace().any(|w| {
        let w = w.strip_prefix("l’").or_else(|| w.strip_prefix("l'")).unwrap_or(w);
        INSTITUTIONS.contains(&w.to_lowercase().as_str())
    })
}

fn is_pronoun(speaker: &str) -> bool {
    PRONOUNS.contains(&speaker.to_lowercase().as_str())
}

/// Replaces pronoun speakers ("il", "he") by the last speaker named before them.
pub(crate) fn resolve_pronouns(candidates: &mut [Candidate]) {
    let mut last: Option<String> = None;
    let mut last_person: Option<String> = None;
    for c in candidates.iter_mut().filter(|c| c.kind == Kind::Attribution) {
        let Some(speaker) = c.value.get("speaker").and_then(|s| s.as_str()).map(str::to_string) else { continue };
        if is_pronoun(&speaker) {
            // "she", "il": a person, so the last speaker who is not an institution.
            let personal = matches!(speaker.to_lowercase().as_str(), "he" | "she" | "il" | "elle");
            let named = if personal { last_person.as_ref().or(last.as_ref()) } else { last.as_ref() };
            if let Some(named) = named {
                c.value = json!({"speaker": named});
            }
        } else {
            if !is_institution(&speaker) {
                last_person = Some(speaker.clone());
            }
            last = Some(speaker);
        }
    }
}

/// Links each quote to the attribution nearest it in its sentence — after it ("», a-t-il
/// confié") or before it ("estime que « … »") — or, after a colon, the one just before it in
/// the previous sentence. Both ways; an attribution goes with one quote.
pub(crate) fn link(text: &str, offsets: &Offsets, out: &mut [Suggestion]) {
    for q in 0..out.len() {
        if out[q].kind != Kind::Quote {
            continue;
        }
        let (q_start, q_end, s_start, s_end) = (out[q].start, out[q].end, out[q].sentence_start, out[q].sentence_end);
        let free = |a: &Suggestion| a.kind == Kind::Attribution && a.linked_to.is_none();
        let mut best: Option<(usize, usize)> = None; // (gap, index)
        for (i, a) in out.iter().enumerate().skip(q + 1) {
            if a.start >= s_end {
                break;
            }
            if free(a) && a.start >= q_end && best.is_none_or(|(g, _)| a.start - q_end < g) {
                best = Some((a.start - q_end, i));
            }
        }
        for i in (0..q).rev() {
            let a = &out[i];
            if a.start + 300 < s_start.min(q_start) {
                break;
            }
            if !free(a) || a.end > q_start {
                continue;
            }
            let between = text.get(offsets.byte(a.end)..offsets.byte(q_start)).unwrap_or_default();
            let colon = between.trim_end().ends_with(':') && q_start - a.end < 200;
            if a.sentence_start != s_start && !colon {
                continue;
            }
            let gap = q_start - a.end + 1; // after the quote wins a tie
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, i));
            }
        }
        if let Some((_, a)) = best {
            out[q].linked_to = Some(a);
            out[a].linked_to = Some(q);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let mut a = attributions(text);
        a.sort_by_key(|c| c.start);
        a.into_iter().map(|c| (text[c.start..c.end].to_string(), c.value["speaker"].as_str().unwrap_or_default().to_string())).collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn french_attributions_stop_at_the_speaker() {
        assert_eq!(found("« C'est faux », a-t-il confié."), [pair("a-t-il confié", "il")]);
        assert_eq!(
            found("Les affirmations sont fausses, a indiqué le milliardaire russe ce 5 septembre."),
            [pair("a indiqué le milliardaire russe", "le milliardaire russe")]
        );
        assert_eq!(
            found("Enfin, le fondateur de Telegram estime également que \"si un pays\"."),
            [pair("le fondateur de Telegram estime", "le fondateur de Telegram")]
        );
        assert_eq!(found("Par ailleurs, selon Durov, la hausse a provoqué."), [pair("selon Durov", "Durov")]);
        assert_eq!(found("M. Durov s'est dit étonné de son interpellation."), [pair("M. Durov s'est dit", "M. Durov")]);
        assert_eq!(found("Ensuite, il estime que les autorités avaient tort."), [pair("il estime", "il")]);
        assert!(found("Les affirmations selon lesquelles Telegram serait un paradis.").is_empty());
        assert!(found("Il estime la maison à 200 000 euros.").is_empty());
    }

    #[test]
    fn english_attributions() {
        assert_eq!(found("\"Traffic fell by 40 percent,\" a spokesperson said."), [pair("a spokesperson said", "a spokesperson")]);
        assert_eq!(found("\"It is false,\" said Mr. Smith on Tuesday."), [pair("said Mr. Smith", "Mr. Smith")]);
        assert_eq!(found("According to the ministry of health, cases rose."), [pair("According to the ministry of health", "the ministry of health")]);
        assert_eq!(found("The mayor claims that crime fell."), [pair("The mayor claims", "The mayor")]);
        assert!(found("The claims of the mayor were false.").is_empty());
    }

    #[test]
    fn quotes_with_french_spaces_and_straight_marks() {
        let text = "Il a dit : «\u{a0}Je les ai aidés à lutter\u{a0}». Puis \" Accuser un PDG est une erreur\", a-t-il dit. Un « paradis anarchiste ».";
        let q: Vec<String> = quotes(text).into_iter().map(|c| text[c.start..c.end].to_string()).collect();
        assert_eq!(q, ["«\u{a0}Je les ai aidés à lutter\u{a0}»", "\" Accuser un PDG est une erreur\""]);
    }
}
