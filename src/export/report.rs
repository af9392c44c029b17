//! Readable reports: Markdown and a self-contained, printable HTML page.
//!
//! Both say the same things in the same order. A title, the export date and how many articles and
//! claims; then, per article (in the export's order), its headline, where it comes from (publisher,
//! byline, publication and update dates, address, which version the text is when there are
//! several), a summary (how many claims per verdict, in the scale's order, then verdicts off the
//! scale, then claims without one) and each claim, in text order (claims kept on an older version
//! after those on the latest, by version):
//!
//! - its number and verdict label; its quote in context: the sentence(s) it is in, at most
//!   [`CONTEXT_MAX`] code points either side, cut at a word boundary (`…` marks a cut); from that
//!   version's text, or from the claim's stored prefix and suffix when the text does not match;
//! - claimant (with role and address), statement, type, status, which version it refers to when
//!   not the latest ("refers to: version 1 of 2 (kept as it was)") or its quote changed there,
//!   tags, note, when it last changed and by whom;
//! - its rationale, then its evidence (title linked to the source, publisher, date accessed,
//!   whether it supports or refutes the claim, the passage quoted).
//!
//! Headings and labels are in the article's language: French for `fr`, else English (the
//! report's own title is French when every article is). Verdicts use the scale's `label_fr` or
//! `label_en` accordingly.
//!
//! Article text and metadata come from web pages and are hostile until proven otherwise, so no
//! input ever becomes markup:
//!
//! - HTML: every input string is escaped (`& < > " '`); the rationale (markdown) is shown as
//!   escaped text, one `<p>` per paragraph with its line breaks kept, not rendered. Only `http`
//!   and `https` addresses become links, with `rel="noopener noreferrer"`. The page has no
//!   script and loads nothing: its style is inline, and a Content-Security-Policy forbids
//!   anything else. `@media print` keeps each claim on one page and prints link addresses.
//! - Markdown: input text is put on one line (whitespace runs become one space) with the
//!   characters that could make emphasis, code, links, HTML or headings backslash-escaped
//!   (``\ ` * _ [ ] < > # | ~ &``). The rationale stays markdown, quoted (`> `), but with its `<`,
//!   `[` and `]` escaped, so it can hold no HTML, link or image; in a code span the escape
//!   shows as a backslash. Links are only made for http(s) addresses.

use std::collections::HashMap;
use std::io::Write;

use super::json::{Document, ExportedArticle};
use super::{date_part, given, is_french};
use crate::anchor::AnchorState;
use crate::claim::{Claim, ClaimType, RatingScale, Stance, Status};

/// At most this many code points of context either side of a quote.
pub const CONTEXT_MAX: usize = 160;

// ---------------------------------------------------------------------------------------------
// Languages
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fr,
}

impl Lang {
    /// French for an ISO 639-1 `fr` (or a tag such as `fr-SN`), else English.
    fn of(language: Option<&str>) -> Lang {
        if language.is_some_and(|l| is_french(l.trim())) { Lang::Fr } else { Lang::En }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    fn words(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

/// The report's own words in one language.
struct Words {
    title: &'static str,
    exported: &'static str,
    article: (&'static str, &'static str),
    claim: (&'static str, &'static str),
    claim_heading: &'static str,
    nothing: &'static str,
    untitled: &'static str,
    source: &'static str,
    byline: &'static str,
    published: &'static str,
    updated: &'static str,
    address: &'static str,
    version: &'static str,
    of: &'static str,
    summary: &'static str,
    no_verdict: &'static str,
    claimant: &'static str,
    statement: &'static str,
    kind: &'static str,
    status: &'static str,
    tags: &'static str,
    note: &'static str,
    changed: &'static str,
    rationale: &'static str,
    evidence: &'static str,
    accessed: &'static str,
    supports: &'static str,
    refutes: &'static str,
    refers_to: &'static str,
    on_version: &'static str,
    kept: &'static str,
    not_found: &'static str,
    quote_changed: &'static str,
    /// What precedes a colon: nothing in English, a no-break space in French.
    colon: &'static str,
    statuses: [&'static str; 5],
    types: [&'static str; 6],
}

const EN: Words = Words {
    title: "Fact-check report",
    exported: "Exported",
    article: ("article", "articles"),
    claim: ("claim", "claims"),
    claim_heading: "Claim",
    nothing: "No claims to report.",
    untitled: "Untitled article",
    source: "Source",
    byline: "By",
    published: "Published",
    updated: "Updated",
    address: "Address",
    version: "Version",
    of: "of",
    summary: "Summary",
    no_verdict: "No verdict",
    claimant: "Claimant",
    statement: "Statement",
    kind: "Type",
    status: "Status",
    tags: "Tags",
    note: "Note",
    changed: "Last changed",
    rationale: "Rationale",
    evidence: "Evidence",
    accessed: "accessed",
    supports: "supports the claim",
    refutes: "refutes the claim",
    refers_to: "Refers to",
    on_version: "version",
    kept: "kept as it was",
    not_found: "not found in the latest version",
    quote_changed: "the quoted text changed, awaiting confirmation",
    colon: "",
    statuses: ["draft", "in review", "reviewed", "published", "rejected"],
    types: ["Quantity", "Prediction", "Correlation or causation", "Laws and rules", "Personal experience", "Other"],
};

const FR: Words = Words {
    title: "Rapport de vérification",
    exported: "Exporté le",
    article: ("article", "articles"),
    claim: ("affirmation", "affirmations"),
    claim_heading: "Affirmation",
    nothing: "Aucune affirmation à présenter.",
    untitled: "Article sans titre",
    source: "Source",
    byline: "Par",
    published: "Publié le",
    updated: "Mis à jour le",
    address: "Adresse",
    version: "Version",
    of: "sur",
    summary: "Bilan",
    no_verdict: "Sans verdict",
    claimant: "Auteur de l’affirmation",
    statement: "Énoncé",
    kind: "Type",
    status: "Statut",
    tags: "Mots-clés",
    note: "Note",
    changed: "Dernière modification",
    rationale: "Argumentaire",
    evidence: "Sources",
    accessed: "consultée le",
    supports: "confirme l’affirmation",
    refutes: "contredit l’affirmation",
    refers_to: "Porte sur",
    on_version: "la version",
    kept: "conservée telle quelle",
    not_found: "introuvable dans la dernière version",
    quote_changed: "le passage cité a changé, à confirmer",
    colon: "\u{a0}",
    statuses: ["brouillon", "en relecture", "vérifiée", "publiée", "rejetée"],
    types: ["Quantité", "Prédiction", "Corrélation ou causalité", "Lois et règles", "Expérience personnelle", "Autre"],
};

impl Words {
    fn count(&self, n: usize, (one, many): (&str, &str)) -> String {
        format!("{n} {}", if n == 1 { one } else { many })
    }

    fn label(&self, label: &str) -> String {
        format!("{label}{}:", self.colon)
    }

    fn status(&self, status: Status) -> &'static str {
        let i = Status::ALL.iter().position(|s| *s == status).unwrap_or_default();
        self.statuses[i]
    }

    fn claim_type(&self, kind: ClaimType) -> &'static str {
        let i = ClaimType::ALL.iter().position(|t| *t == kind).unwrap_or_default();
        self.types[i]
    }

    fn stance(&self, stance: Stance) -> &'static str {
        match stance {
            Stance::Supports => self.supports,
            Stance::Refutes => self.refutes,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What both formats show
// ---------------------------------------------------------------------------------------------

/// An article with its claims, in the order the report shows them.
struct Group<'a> {
    article: &'a ExportedArticle,
    lang: Lang,
    /// The latest version's number.
    latest: u32,
    claims: Vec<&'a Claim>,
}

/// The document's articles that have claims, each with its claims in text order.
fn groups(doc: &Document) -> Vec<Group<'_>> {
    let mut by_article: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for c in &doc.claims {
        by_article.entry(c.claim.article_id.as_str()).or_default().push(&c.claim);
    }
    doc.articles
        .iter()
        .filter_map(|article| {
            let mut claims = by_article.remove(article.article.id.as_deref()?)?;
            let latest = article
                .article
                .version
                .or_else(|| article.versions.iter().filter_map(|v| u32::try_from(v.number).ok()).max())
                .unwrap_or(1);
            claims.sort_by(|a, b| {
                (a.version != latest, a.version, a.start, a.end, &a.id).cmp(&(b.version != latest, b.version, b.start, b.end, &b.id))
            });
            let lang = Lang::of(article.article.language.as_deref());
            Some(Group { article, lang, latest, claims })
        })
        .collect()
}

impl Group<'_> {
    fn words(&self) -> &'static Words {
        self.lang.words()
    }

    fn title(&self) -> &str {
        given(&self.article.article.title).unwrap_or(self.words().untitled)
    }

    /// How many versions the article has.
    fn versions(&self) -> usize {
        self.article.versions.len().max(self.latest as usize)
    }

    /// "2 of 3", when the article has more than one version.
    fn version_line(&self) -> Option<String> {
        let n = self.versions();
        (n > 1).then(|| format!("{} {} {n}", self.latest, self.words().of))
    }

    /// "version 1 of 2 (kept as it was)": the version a claim refers to, when it is not the
    /// latest or its quote changed there.
    fn version_note(&self, claim: &Claim) -> Option<String> {
        let w = self.words();
        let why = if claim.version != self.latest && claim.kept_on_version {
            Some(w.kept)
        } else if claim.version != self.latest && claim.anchor_state == AnchorState::Orphaned {
            Some(w.not_found)
        } else if claim.anchor_state == AnchorState::Changed {
            Some(w.quote_changed)
        } else {
            None
        };
        if claim.version == self.latest && why.is_none() {
            return None;
        }
        let mut note = format!("{} {} {} {}", w.on_version, claim.version, w.of, self.versions());
        if let Some(why) = why {
            note.push_str(&format!(" ({why})"));
        }
        Some(note)
    }

    /// How many claims per verdict: the scale's verdicts in its order, then others by key, then
    /// claims without a verdict.
    fn summary(&self, scale: &RatingScale) -> Vec<(Option<String>, usize)> {
        let mut counts: Vec<(Option<String>, usize)> = Vec::new();
        for claim in &self.claims {
            let key = given(&claim.verdict).map(str::to_string);
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, n)) => *n += 1,
                None => counts.push((key, 1)),
            }
        }
        let rank = |key: &Option<String>| match key {
            Some(k) => match scale.ratings.iter().position(|r| r.key == *k) {
                Some(i) => (0, i, k.clone()),
                None => (1, 0, k.clone()),
            },
            None => (2, 0, String::new()),
        };
        counts.sort_by_key(|(key, _)| rank(key));
        counts
    }
}

/// An article's version texts, each split into sentences once, for its claims' context.
struct Texts<'a> {
    article: &'a ExportedArticle,
    prepared: HashMap<u32, Option<Prepared>>,
}

struct Prepared {
    chars: Vec<char>,
    sentences: Vec<(usize, usize)>,
}

impl Prepared {
    fn new(text: &str) -> Prepared {
        Prepared { chars: text.chars().collect(), sentences: crate::sentence::sentences(text) }
    }
}

impl<'a> Texts<'a> {
    fn new(article: &'a ExportedArticle) -> Texts<'a> {
        Texts { article, prepared: HashMap::new() }
    }

    /// The claim's quote in context, from its version's text when it matches.
    fn context(&mut self, claim: &Claim) -> Context {
        let article = self.article;
        let prepared = self.prepared.entry(claim.version).or_insert_with(|| {
            let stored = article.versions.iter().find(|v| v.number == i64::from(claim.version)).map(|v| v.text.as_str());
            let latest = article.article.text.as_deref().filter(|_| article.article.version == Some(claim.version));
            stored.or(latest).map(Prepared::new)
        });
        prepared.as_ref().and_then(|p| context_in(p, claim)).unwrap_or_else(|| stored_context(claim))
    }
}

/// A quote with the text around it; `cut_*`: the context stops short of its sentence there.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Context {
    before: String,
    quote: String,
    after: String,
    cut_before: bool,
    cut_after: bool,
}

/// The sentences the claim is in, at most [`CONTEXT_MAX`] code points either side, cut at word
/// boundaries. `None` when the claim's offsets do not give its quote on this text.
fn context_in(p: &Prepared, claim: &Claim) -> Option<Context> {
    let chars = &p.chars;
    let (start, end) = (claim.start, claim.end);
    if start >= end || end > chars.len() || !chars[start..end].iter().copied().eq(claim.quote.chars()) {
        return None;
    }
    let first = p.sentences.partition_point(|&(_, e)| e <= start);
    let mut from = match p.sentences.get(first) {
        Some(&(s, _)) if s <= start => s,
        _ => start,
    };
    let last = p.sentences.partition_point(|&(s, _)| s < end);
    let mut to = match last.checked_sub(1).and_then(|i| p.sentences.get(i)) {
        Some(&(_, e)) if e >= end => e,
        _ => end,
    };
    let mut cut_before = false;
    if start - from > CONTEXT_MAX {
        cut_before = true;
        from = start - CONTEXT_MAX;
        // On to the next word's start, unless the quote is preceded by one huge word.
        let mut k = from;
        while k < start && !chars[k - 1].is_whitespace() {
            k += 1;
        }
        while k < start && chars[k].is_whitespace() {
            k += 1;
        }
        if k < start {
            from = k;
        }
    }
    let mut cut_after = false;
    if to - end > CONTEXT_MAX {
        cut_after = true;
        to = end + CONTEXT_MAX;
        let mut k = to;
        while k > end && !chars[k].is_whitespace() {
            k -= 1;
        }
        while k > end && chars[k - 1].is_whitespace() {
            k -= 1;
        }
        if k > end {
            to = k;
        }
    }
    Some(Context {
        before: chars[from..start].iter().collect(),
        quote: claim.quote.clone(),
        after: chars[end..to].iter().collect(),
        cut_before,
        cut_after,
    })
}

/// The context the claim carries (its prefix and suffix), from the line the quote is on, cut at
/// word boundaries: for a claim whose text is not in the export or does not match.
fn stored_context(claim: &Claim) -> Context {
    // A prefix or suffix shorter than the stored length reaches the text's start or end.
    let full = crate::anchor::CONTEXT_CHARS;
    let line_break = |c: char| c == '\n' || c == '\r';
    let (mut before, mut cut_before) = match claim.prefix.rfind(line_break) {
        Some(i) => (&claim.prefix[i + 1..], false),
        None => (claim.prefix.as_str(), claim.prefix.chars().count() >= full),
    };
    if cut_before {
        // Drop the first word, which the stored prefix may have cut.
        before = before.find(char::is_whitespace).map_or(before, |i| &before[i..]);
        cut_before = !before.trim().is_empty();
    }
    let (mut after, mut cut_after) = match claim.suffix.find(line_break) {
        Some(i) => (&claim.suffix[..i], false),
        None => (claim.suffix.as_str(), claim.suffix.chars().count() >= full),
    };
    if cut_after {
        after = after.rfind(char::is_whitespace).map_or(after, |i| &after[..i]);
        cut_after = !after.trim().is_empty();
    }
    Context {
        before: before.trim_start().to_string(),
        quote: claim.quote.clone(),
        after: after.trim_end().to_string(),
        cut_before,
        cut_after,
    }
}

/// The document's language: French when every article with claims is French.
fn report_lang(groups: &[Group]) -> Lang {
    if !groups.is_empty() && groups.iter().all(|g| g.lang == Lang::Fr) { Lang::Fr } else { Lang::En }
}

fn verdict_label<'s>(scale: &'s RatingScale, key: &'s str, lang: Lang) -> &'s str {
    match scale.rating(key) {
        Some(r) if lang == Lang::Fr => &r.label_fr,
        Some(r) => &r.label_en,
        None => key,
    }
}

fn verdict_colour<'s>(scale: &'s RatingScale, key: Option<&str>) -> Option<&'s str> {
    key.and_then(|k| scale.rating(k)).map(|r| r.colour.as_str()).filter(|c| crate::claim::is_colour(c))
}

/// An address safe to link to: http(s), with nothing that could end an attribute or a Markdown
/// destination early.
fn link_target(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let http = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | '\'' | '\\' | '`'));
    (http && clean && url.len() > "https://".len()).then_some(url)
}


/// The claimant with their role, e.g. "Idrissa Maïga (fondateur)".
fn claimant(claim: &Claim) -> Option<String> {
    let name = given(&claim.claimant)?;
    Some(match given(&claim.claimant_role) {
        Some(role) => format!("{name} ({role})"),
        None => name.to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// Writes the Markdown report.
pub fn write_markdown(doc: &Document, scale: &RatingScale, out: &mut dyn Write) -> std::io::Result<()> {
    let groups = groups(doc);
    let w = report_lang(&groups).words();
    let mut text = format!(
        "# {}\n\n{} {} · {} · {}\n",
        w.title,
        w.exported,
        md(date_part(&doc.exported)),
        w.count(groups.len(), w.article),
        w.count(groups.iter().map(|g| g.claims.len()).sum(), w.claim)
    );
    if groups.is_empty() {
        text.push_str(&format!("\n{}\n", w.nothing));
    }
    out.write_all(text.as_bytes())?;
    for group in &groups {
        out.write_all(md_article(group, scale).as_bytes())?;
        let mut texts = Texts::new(group.article);
        for (i, claim) in group.claims.iter().enumerate() {
            let context = texts.context(claim);
            out.write_all(md_claim(group, scale, claim, i + 1, &context).as_bytes())?;
        }
    }
    Ok(())
}

fn md_article(g: &Group, scale: &RatingScale) -> String {
    let w = g.words();
    let a = &g.article.article;
    let mut s = format!("\n## {}\n\n", md(g.title()));
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(publisher) = given(&a.publisher) {
        facts.push((w.source, md(publisher)));
    }
    if let Some(byline) = given(&a.byline) {
        facts.push((w.byline, md(byline)));
    }
    if let Some(published) = given(&a.published) {
        facts.push((w.published, md(published)));
    }
    if let Some(updated) = given(&a.modified) {
        facts.push((w.updated, md(updated)));
    }
    if let Some(url) = given(&a.url) {
        facts.push((w.address, md_url(url)));
    }
    if let Some(version) = g.version_line() {
        facts.push((w.version, md(&version)));
    }
    for (label, value) in facts {
        s.push_str(&format!("- **{}** {value}\n", w.label(label)));
    }
    let summary: Vec<String> = g
        .summary(scale)
        .into_iter()
        .map(|(key, n)| {
            let label = key.as_deref().map_or(w.no_verdict, |k| verdict_label(scale, k, g.lang));
            format!("{}{}: {n}", md(label), w.colon)
        })
        .collect();
    s.push_str(&format!("\n**{}** {} — {}\n", w.label(w.summary), w.count(g.claims.len(), w.claim), summary.join(" · ")));
    s
}

fn md_claim(g: &Group, scale: &RatingScale, claim: &Claim, n: usize, context: &Context) -> String {
    let w = g.words();
    let verdict = given(&claim.verdict).map_or(w.no_verdict, |k| verdict_label(scale, k, g.lang));
    let mut s = format!("\n### {} {n} — {}\n\n", w.claim_heading, md(verdict));
    // The quote in context, on one line of a block quote so that nothing in it can start a block.
    // Spaces at the quote's edges go outside the `**` so that the emphasis opens and closes.
    let quote = context.quote.as_str();
    let mut line = String::new();
    if context.cut_before {
        line.push('…');
    }
    line.push_str(&md_spaced(&context.before));
    if quote.starts_with(char::is_whitespace) && !context.before.ends_with(char::is_whitespace) {
        line.push(' ');
    }
    line.push_str(&format!("**{}**", md(quote)));
    if quote.ends_with(char::is_whitespace) && !context.after.starts_with(char::is_whitespace) {
        line.push(' ');
    }
    line.push_str(&md_spaced(&context.after));
    if context.cut_after {
        line.push('…');
    }
    s.push_str(&format!("> {}\n\n", md_line_start(&line)));
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(name) = claimant(claim) {
        let link = given(&claim.claimant_url).and_then(link_target);
        facts.push((w.claimant, match link {
            Some(url) => format!("[{}](<{url}>)", md(&name)),
            None => md(&name),
        }));
    }
    if let Some(statement) = given(&claim.statement) {
        facts.push((w.statement, md(statement)));
    }
    if let Some(kind) = claim.claim_type {
        facts.push((w.kind, md(w.claim_type(kind))));
    }
    facts.push((w.status, md(w.status(claim.status))));
    if let Some(note) = g.version_note(claim) {
        facts.push((w.refers_to, md(&note)));
    }
    if !claim.tags.is_empty() {
        facts.push((w.tags, md(&claim.tags.join(", "))));
    }
    if let Some(note) = given(&claim.note) {
        facts.push((w.note, md(note)));
    }
    facts.push((w.changed, md(&format!("{} ({})", date_part(&claim.modified), claim.modified_by))));
    for (label, value) in facts {
        s.push_str(&format!("- **{}** {value}\n", w.label(label)));
    }
    if let Some(rationale) = given(&claim.rationale) {
        s.push_str(&format!("\n**{}**\n\n", w.label(w.rationale)));
        for line in rationale.lines() {
            let line = md_markdown_line(line.trim_end());
            s.push_str(if line.is_empty() { ">\n" } else { "> " });
            if !line.is_empty() {
                s.push_str(&line);
                s.push('\n');
            }
        }
    }
    if !claim.evidence.is_empty() {
        s.push_str(&format!("\n**{}**\n\n", w.label(w.evidence)));
        for e in &claim.evidence {
            // An address that cannot be linked is shown, so that nothing is hidden.
            let mut item = match (link_target(&e.url), given(&e.title)) {
                (Some(url), Some(title)) => format!("[{}](<{url}>)", md(title)),
                (Some(url), None) => format!("<{url}>"),
                (None, Some(title)) => format!("{} ({})", md(title), md(&e.url)),
                (None, None) => md(&e.url),
            };
            let mut details = Vec::new();
            if let Some(publisher) = given(&e.publisher) {
                details.push(md(publisher));
            }
            if !e.accessed.trim().is_empty() {
                details.push(format!("{} {}", w.accessed, md(e.accessed.trim())));
            }
            if let Some(stance) = e.stance {
                details.push(md(w.stance(stance)));
            }
            if !details.is_empty() {
                item.push_str(" — ");
                item.push_str(&details.join(" · "));
            }
            s.push_str(&format!("- {item}\n"));
            if let Some(quote) = given(&e.quote) {
                s.push_str(&format!("  > {}\n", md_line_start(&md(quote))));
            }
        }
    }
    s
}

/// Untrusted text as literal Markdown inline text: trimmed, on one line, with every character
/// that could start emphasis, code, a link, an image, HTML, an entity, a heading, a table or
/// strikethrough escaped.
fn md(text: &str) -> String {
    md_spaced(text.trim())
}

/// [`md`] without the trimming: a whitespace run at either end stays, as one space.
fn md_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    if space {
        out.push(' ');
    }
    out
}

/// A line of escaped text that follows a block marker (`> `, `- `): escapes what would make it a
/// list item, a heading underline or a numbered item there.
fn md_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    match line.chars().next() {
        Some('-' | '+' | '=') => format!("\\{line}"),
        Some(_) if digits > 0 && matches!(after_digits, Some('.' | ')')) => {
            format!("{}\\{}", &line[..digits], &line[digits..])
        }
        _ => line.to_string(),
    }
}

/// A line of the rationale: Markdown kept, but `<`, `[` and `]` escaped unless they already are,
/// so that it makes no HTML, autolink, link or image.
fn md_markdown_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            // An escape pair stays as it is: both characters are literal already.
            '\\' => {
                out.push('\\');
                if let Some(next) = chars.next() {
                    out.push(next);
                }
            }
            '<' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// An address: an autolink when it is a safe http(s) one, else escaped text.
fn md_url(url: &str) -> String {
    match link_target(url) {
        Some(url) => format!("<{url}>"),
        None => md(url),
    }
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif; color: #1b1b1b; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
header { border-bottom: 3px solid #1b1b1b; margin-bottom: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .5rem; line-height: 1.25; }
h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
h4 { font-size: 1rem; margin: .75rem 0 .25rem; }
.meta, .source { color: #555; }
.source { list-style: none; padding: 0; margin: 0 0 .75rem; }
.summary { display: flex; flex-wrap: wrap; gap: .25rem .75rem; list-style: none; padding: 0; }
.claim { border: 1px solid #d0d0d0; border-radius: 6px; padding: .75rem 1rem; margin: 1rem 0; }
.context { margin: .5rem 0 .75rem; padding: .25rem .75rem; border-left: 4px solid #9e9e9e; background: #f7f7f7; }
mark { background: #ffe98a; color: inherit; padding: 0 .1em; }
.verdict { display: inline-block; padding: 0 .5em; border-radius: 3px; background: #616161; color: #fff; font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.rationale p { white-space: pre-wrap; margin: .25rem 0 .5rem; }
.evidence blockquote { margin: .25rem 0 .25rem 1rem; color: #444; }
a { color: #0b57d0; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; }
  h2 { break-before: page; page-break-before: always; }
  header + article h2 { break-before: auto; page-break-before: auto; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .claim { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
  a[href]::after { content: \" (\" attr(href) \")\"; font-size: .85em; overflow-wrap: anywhere; }
  .verdict, mark, .context { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// Writes the HTML report: one self-contained page.
pub fn write_html(doc: &Document, scale: &RatingScale, out: &mut dyn Write) -> std::io::Result<()> {
    let groups = groups(doc);
    let lang = report_lang(&groups);
    let w = lang.words();
    let mut head = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">{} {} · {} · {}</p>\n</header>\n",
        lang.code(),
        esc(w.title),
        esc(w.title),
        esc(w.exported),
        esc(date_part(&doc.exported)),
        esc(&w.count(groups.len(), w.article)),
        esc(&w.count(groups.iter().map(|g| g.claims.len()).sum(), w.claim)),
    );
    if groups.is_empty() {
        head.push_str(&format!("<p>{}</p>\n", esc(w.nothing)));
    }
    out.write_all(head.as_bytes())?;
    for group in &groups {
        out.write_all(html_article(group, scale).as_bytes())?;
        let mut texts = Texts::new(group.article);
        for (i, claim) in group.claims.iter().enumerate() {
            let context = texts.context(claim);
            out.write_all(html_claim(group, scale, claim, i + 1, &context).as_bytes())?;
        }
        out.write_all(b"</article>\n")?;
    }
    out.write_all(b"</body>\n</html>\n")
}

/// The article's `lang`: its own language tag when it looks like one, else the report's words'.
fn html_lang(g: &Group) -> String {
    let tag = given(&g.article.article.language)
        .filter(|t| t.len() <= 35 && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_string);
    tag.unwrap_or_else(|| g.lang.code().to_string())
}

fn html_article(g: &Group, scale: &RatingScale) -> String {
    let w = g.words();
    let a = &g.article.article;
    let mut s = format!("<article lang=\"{}\">\n<h2>{}</h2>\n<ul class=\"source\">\n", esc(&html_lang(g)), esc(g.title()));
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(publisher) = given(&a.publisher) {
        facts.push((w.source, esc(publisher)));
    }
    if let Some(byline) = given(&a.byline) {
        facts.push((w.byline, esc(byline)));
    }
    if let Some(published) = given(&a.published) {
        facts.push((w.published, esc(published)));
    }
    if let Some(updated) = given(&a.modified) {
        facts.push((w.updated, esc(updated)));
    }
    if let Some(url) = given(&a.url) {
        facts.push((w.address, html_link(url, url)));
    }
    if let Some(version) = g.version_line() {
        facts.push((w.version, esc(&version)));
    }
    for (label, value) in facts {
        s.push_str(&format!("<li><b>{}</b> {value}</li>\n", esc(&w.label(label))));
    }
    s.push_str(&format!(
        "</ul>\n<p><b>{}</b> {}</p>\n<ul class=\"summary\">\n",
        esc(&w.label(w.summary)),
        esc(&w.count(g.claims.len(), w.claim))
    ));
    for (key, n) in g.summary(scale) {
        s.push_str(&format!("<li>{} {n}</li>\n", html_verdict(scale, key.as_deref(), g.lang)));
    }
    s.push_str("</ul>\n");
    s
}

fn html_verdict(scale: &RatingScale, key: Option<&str>, lang: Lang) -> String {
    let label = key.map_or(lang.words().no_verdict, |k| verdict_label(scale, k, lang));
    match verdict_colour(scale, key) {
        // `is_colour` allows only `#rrggbb`, so the colour cannot leave the style attribute.
        Some(colour) => format!("<span class=\"verdict\" style=\"background: {colour}\">{}</span>", esc(label)),
        None => format!("<span class=\"verdict\">{}</span>", esc(label)),
    }
}

fn html_claim(g: &Group, scale: &RatingScale, claim: &Claim, n: usize, context: &Context) -> String {
    let w = g.words();
    let mut s = format!(
        "<section class=\"claim\" id=\"claim-{}\">\n<h3>{} {n} — {}</h3>\n<blockquote class=\"context\">{}{}<mark>{}</mark>{}{}</blockquote>\n<dl>\n",
        esc(&claim.id),
        esc(w.claim_heading),
        html_verdict(scale, given(&claim.verdict), g.lang),
        if context.cut_before { "…" } else { "" },
        esc(&context.before),
        esc(&context.quote),
        esc(&context.after),
        if context.cut_after { "…" } else { "" },
    );
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(name) = claimant(claim) {
        facts.push((w.claimant, match given(&claim.claimant_url) {
            Some(url) => html_link(url, &name),
            None => esc(&name),
        }));
    }
    if let Some(statement) = given(&claim.statement) {
        facts.push((w.statement, esc(statement)));
    }
    if let Some(kind) = claim.claim_type {
        facts.push((w.kind, esc(w.claim_type(kind))));
    }
    facts.push((w.status, esc(w.status(claim.status))));
    if let Some(note) = g.version_note(claim) {
        facts.push((w.refers_to, esc(&note)));
    }
    if !claim.tags.is_empty() {
        facts.push((w.tags, esc(&claim.tags.join(", "))));
    }
    if let Some(note) = given(&claim.note) {
        facts.push((w.note, esc(note)));
    }
    facts.push((w.changed, esc(&format!("{} ({})", date_part(&claim.modified), claim.modified_by))));
    for (label, value) in facts {
        s.push_str(&format!("<dt>{}</dt><dd>{value}</dd>\n", esc(label)));
    }
    s.push_str("</dl>\n");
    if let Some(rationale) = given(&claim.rationale) {
        s.push_str(&format!("<div class=\"rationale\">\n<h4>{}</h4>\n", esc(w.rationale)));
        for paragraph in paragraphs(rationale) {
            s.push_str(&format!("<p>{}</p>\n", esc(&paragraph)));
        }
        s.push_str("</div>\n");
    }
    if !claim.evidence.is_empty() {
        s.push_str(&format!("<h4>{}</h4>\n<ul class=\"evidence\">\n", esc(w.evidence)));
        for e in &claim.evidence {
            let title = given(&e.title).unwrap_or(e.url.trim());
            let mut item = html_link(&e.url, title);
            let mut details = Vec::new();
            if let Some(publisher) = given(&e.publisher) {
                details.push(esc(publisher));
            }
            if !e.accessed.trim().is_empty() {
                details.push(format!("{} {}", esc(w.accessed), esc(e.accessed.trim())));
            }
            if let Some(stance) = e.stance {
                details.push(esc(w.stance(stance)));
            }
            if !details.is_empty() {
                item.push_str(" — ");
                item.push_str(&details.join(" · "));
            }
            if let Some(quote) = given(&e.quote) {
                item.push_str(&format!("<blockquote>{}</blockquote>", esc(quote)));
            }
            s.push_str(&format!("<li>{item}</li>\n"));
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
    s
}

/// The text's paragraphs: runs of lines between blank lines, their line breaks kept.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line.trim_end());
        }
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// `text` linked to `url` when it is a safe http(s) address; else `text` alone (the address
/// shown after it when it differs, so that nothing is hidden).
fn html_link(url: &str, text: &str) -> String {
    match link_target(url) {
        Some(target) => format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", esc(target), esc(text)),
        None if text.trim() == url.trim() => esc(text),
        None => format!("{} ({})", esc(text), esc(url.trim())),
    }
}

/// Text for HTML content or a quoted attribute value.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(text: &str, quote: &str) -> Claim {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        let end = start + quote.chars().count();
        let described = crate::anchor::describe(text, start, end).unwrap();
        Claim { prefix: described.quote.prefix, suffix: described.quote.suffix, ..crate::export::test_claim(start, end, quote) }
    }

    fn prepared(text: &str) -> Prepared {
        Prepared::new(text)
    }

    #[test]
    fn the_context_is_the_sentence_the_quote_is_in() {
        let text = "📱 Titre\n\nUne phrase avant. Il compte 950 millions d’utilisateurs actifs. Une après.";
        let c = claim(text, "950 millions");
        let context = context_in(&prepared(text), &c).unwrap();
        assert_eq!(
            context,
            Context {
                before: "Il compte ".into(),
                quote: "950 millions".into(),
                after: " d’utilisateurs actifs.".into(),
                cut_before: false,
                cut_after: false
            }
        );
    }

    #[test]
    fn a_long_sentence_is_cut_at_word_boundaries() {
        let long = "mot ".repeat(60);
        let text = format!("Début {long}CITATION {long}fin.");
        let c = claim(&text, "CITATION");
        let context = context_in(&prepared(&text), &c).unwrap();
        assert!(context.cut_before && context.cut_after);
        assert!(context.before.starts_with("mot ") && context.before.chars().count() <= CONTEXT_MAX);
        assert!(context.after.ends_with("mot") && context.after.chars().count() <= CONTEXT_MAX);
    }

    #[test]
    fn a_quote_that_does_not_match_falls_back_on_the_stored_context() {
        let text = "Avant le passage, voici la citation exacte et la suite du texte qui continue longtemps.";
        let mut c = claim(text, "la citation exacte");
        assert!(context_in(&prepared("Un autre texte."), &c).is_none());
        c.prefix = "mots coupés en plein milieu avant ".into(); // 34 chars: cut at a word boundary
        let stored = stored_context(&c);
        assert_eq!(stored.before, "coupés en plein milieu avant ");
        assert!(stored.cut_before);
    }

    #[test]
    fn markdown_text_is_escaped_and_on_one_line() {
        assert_eq!(md("a *b* _c_ [d](e) <f> #g `h` |i| ~j~ &k; \\l"), "a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> \\#g \\`h\\` \\|i\\| \\~j\\~ \\&k; \\\\l");
        assert_eq!(md("  deux\n\nlignes\t "), "deux lignes");
        assert_eq!(md_line_start("- item"), "\\- item");
        assert_eq!(md_line_start("12. item"), "12\\. item");
        assert_eq!(md_line_start("12 items"), "12 items");
    }

    #[test]
    fn the_rationale_keeps_markdown_but_no_link_image_or_html() {
        assert_eq!(md_markdown_line("**Faux** : voir [ici](javascript:alert(1))"), "**Faux** : voir \\[ici\\](javascript:alert(1))");
        assert_eq!(md_markdown_line("<script>x</script> ![i](http://x)"), "\\<script>x\\</script> !\\[i\\](http://x)");
        // An escaped backslash before `<` does not let the `<` through.
        assert_eq!(md_markdown_line("\\\\<b>"), "\\\\\\<b>");
        assert_eq!(md_markdown_line("déjà \\[échappé\\]"), "déjà \\[échappé\\]");
    }

    #[test]
    fn only_plain_http_addresses_are_linked() {
        assert_eq!(link_target(" https://example.org/a?b=1&c=2 "), Some("https://example.org/a?b=1&c=2"));
        assert_eq!(link_target("HTTP://EXAMPLE.ORG"), Some("HTTP://EXAMPLE.ORG"));
        for bad in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "https://", "https://x\" onmouseover=\"y", "https://x>y", "ftp://x", " java\tscript:x"] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
        assert_eq!(
            html_link("https://a.example/?q=\"x\"", "t"),
            "t (https://a.example/?q=&quot;x&quot;)",
            "an address with a quote is shown, not linked"
        );
        assert_eq!(html_link("https://a.example/x?y=1&z=2", "<b>"), "<a href=\"https://a.example/x?y=1&amp;z=2\" rel=\"noopener noreferrer\">&lt;b&gt;</a>");
    }

    #[test]
    fn html_escapes_the_five_characters() {
        assert_eq!(esc("<img src=x onerror='a'>&\""), "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("un\ndeux\n\n  \ntrois\n"), ["un\ndeux", "trois"]);
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::of(Some("fr")), Lang::Fr);
        assert_eq!(Lang::of(Some("fr-SN")), Lang::Fr);
        assert_eq!(Lang::of(Some("en")), Lang::En);
        assert_eq!(Lang::of(None), Lang::En);
        assert_eq!(FR.label(FR.summary), "Bilan\u{a0}:");
        assert_eq!(EN.status(Status::InReview), "in review");
        assert_eq!(FR.claim_type(ClaimType::Other), "Autre");
    }
}

