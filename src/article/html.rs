//! Extracting an article from an HTML page: metadata from `<meta>`, JSON-LD and the visible
//! page, and the body from the container whose paragraphs carry the most text.
//!
//! The page is parsed once (`Html::parse_document`); nothing in it is executed or fetched, and
//! what comes out is plain text. Every walk over the tree here is iterative, so deep nesting
//! costs no stack (html5ever's own parsing time does grow with the nesting depth).
//!
//! The steps:
//! 1. `Metadata::read`: `<meta>` tags, JSON-LD (`NewsArticle` & co., `@graph`, `@id` references).
//! 2. `find_container`: every paragraph-like element gives its text (less its links) to its
//!    parent, half to its grandparent and a quarter above; skipped regions (navigation, asides,
//!    comments, share bars…) stop the flow. The best candidate wins, and moves up to its parent
//!    when that holds clearly more paragraph text (an article split over several `<div>`s).
//! 3. `emit_blocks`: the container's blocks in document order, then `clean_blocks` drops chrome.
//! 4. Title, byline, date, publisher, language, URL from the metadata, falling back on the page
//!    (`<h1>`, a visible "Publié le …" line, `<time>`, elements marked author/byline/signature).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::Extracted;
use super::dates;
use super::language;
use super::plaintext;
use crate::error::ExtractProblem;

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta[content]"));
static JSON_LD: LazyLock<Selector> =
    LazyLock::new(|| sel(r#"script[type="application/ld+json" i]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel~="canonical" i][href]"#));
static BODY: LazyLock<Selector> = LazyLock::new(|| sel("body"));
static TIME: LazyLock<Selector> =
    LazyLock::new(|| sel("time[datetime], [itemprop~=datePublished]"));

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad built-in selector {s:?}: {e:?}"))
}

/// Extracts the article from an HTML page.
pub fn extract(html: &str) -> Result<Extracted, ExtractProblem> {
    let doc = Html::parse_document(html);
    let meta = Metadata::read(&doc);
    let body = doc
        .select(&BODY)
        .next()
        .unwrap_or_else(|| doc.root_element());
    let container = find_container(body).unwrap_or(body);

    let visible_date = find_visible_date(&doc, container);
    let publisher = meta
        .publisher
        .clone()
        .or_else(|| visible_date.as_ref().and_then(|d| d.publisher.clone()));
    let title = pick_title(&doc, &meta, publisher.as_deref());

    let mut blocks = emit_blocks(container, title.as_deref());
    let mut byline = meta
        .byline
        .clone()
        .or_else(|| find_dom_byline(&doc, container));
    // A last short line with no sentence in it is a signature, as in pasted text.
    if blocks.len() >= 2
        && let Some(name) = blocks.last().and_then(|b| plaintext::signature(b))
    {
        blocks.pop();
        byline.get_or_insert(name);
    }
    if blocks.is_empty() {
        return Err(ExtractProblem::NoText);
    }
    let text = blocks.join("\n\n");

    let published = meta
        .published
        .or_else(|| find_time_element(&doc, container))
        .or_else(|| visible_date.as_ref().map(|d| d.date));
    let language = doc
        .root_element()
        .attr("lang")
        .or_else(|| doc.root_element().attr("xml:lang"))
        .and_then(language::normalise_lang_attr)
        .or_else(|| language::detect(&text));

    Ok(Extracted {
        title,
        byline,
        publisher,
        published,
        modified: None,
        language,
        url: meta.url.clone(),
        text,
    })
}

// ---------------------------------------------------------------------------------------------
// Walking the tree
// ---------------------------------------------------------------------------------------------

/// What an iterative walk over a subtree reports.
enum Event<'a> {
    /// An element starts; the visitor returns whether to go inside it.
    Open(ElementRef<'a>),
    /// An element the visitor went inside ends.
    Close(ElementRef<'a>),
    Text(&'a str),
}

/// Walks `root`'s descendants in document order without recursion. `visit` returns `false` on
/// [`Event::Open`] to skip the element's subtree (no `Close` follows then).
fn walk<'a>(root: ElementRef<'a>, mut visit: impl FnMut(Event<'a>) -> bool) {
    let root_id = root.id();
    let mut current = root.first_child();
    while let Some(node) = current {
        let mut descend = false;
        match node.value() {
            Node::Text(t) => {
                let text: &'a str = t;
                visit(Event::Text(text));
            }
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(node)
                    && visit(Event::Open(el))
                {
                    if node.has_children() {
                        descend = true;
                    } else {
                        visit(Event::Close(el));
                    }
                }
            }
            _ => {}
        }
        if descend {
            current = node.first_child();
            continue;
        }
        let mut n = node;
        current = loop {
            if let Some(next) = n.next_sibling() {
                break Some(next);
            }
            match n.parent() {
                Some(parent) if parent.id() != root_id => {
                    if let Some(el) = ElementRef::wrap(parent) {
                        visit(Event::Close(el));
                    }
                    n = parent;
                }
                _ => break None,
            }
        };
    }
}

/// A stable key for an element while the document lives.
fn key(el: &ElementRef) -> usize {
    std::ptr::from_ref::<Element>(el.value()) as usize
}

// ---------------------------------------------------------------------------------------------
// What to skip
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Content.
    No,
    /// Boilerplate: navigation, asides, comments, share bars, captions… Skipped inside the
    /// article; a region that holds the article is not skipped.
    Soft,
    /// Never text: scripts, styles, embedded documents, form controls, hidden elements.
    Hard,
}

#[rustfmt::skip]
const HARD_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "svg", "math", "object",
    "embed", "applet", "canvas", "video", "audio", "source", "track", "map", "head", "title", "button",
    "select", "textarea", "input", "option", "optgroup", "datalist", "link", "meta", "base", "param",
    "dialog", "slot", "img", "picture",
];

#[rustfmt::skip]
const SOFT_TAGS: &[&str] = &[
    "nav", "aside", "figure", "figcaption", "form", "header", "footer", "menu", "label", "fieldset",
];

/// Class and id words (whole tokens) that always mark boilerplate.
#[rustfmt::skip]
const SOFT_TOKENS: &[&str] = &[
    "share", "shares", "sharing", "sharer", "partage", "partager", "social", "socials", "comment",
    "comments", "commentaire", "commentaires", "disqus", "related", "relatedposts", "newsletter",
    "newsletters", "cookie", "cookies", "consent", "gdpr", "ad", "ads", "adv", "advert", "adverts",
    "advertisement", "advertising", "adsbygoogle", "adslot", "pub", "publicite", "publicité", "sponsor",
    "sponsored", "promo", "outbrain", "taboola", "breadcrumb", "breadcrumbs", "nav", "navbar",
    "navigation", "popup", "modal", "subscribe", "subscription", "abonnement", "popular", "trending",
    "recommended", "recirculation", "menu", "sidebar", "header", "footer", "masthead",
];

/// Class and id words that mark boilerplate unless the same element also says it holds content
/// ([`CONTENT_TOKENS`]): page builders put "widget" or "meta" on every box, the article's
/// included (`elementor-widget-theme-post-content`, `hs_cos_wrapper_meta_field … rich_text`).
#[rustfmt::skip]
const WEAK_SOFT_TOKENS: &[&str] = &[
    "banner", "signature", "byline", "author", "authors", "auteur", "meta", "metadata",
    "caption", "legende", "légende", "credit", "credits", "widget", "widgets", "toolbar", "tags",
    "date", "timestamp", "print",
];

/// The words of [`WEAK_SOFT_TOKENS`] that page builders use as modifiers of a wrapper's name
/// (`elementor-widget-wrap`, `hs_cos_wrapper_meta_field`).
#[rustfmt::skip]
const MODIFIER_TOKENS: &[&str] = &["widget", "widgets", "meta", "metadata", "toolbar", "banner"];

/// Class and id words that say an element holds the text itself (narrower than
/// [`POSITIVE_TOKENS`]: "post" and "entry" also name a post's furniture, `post-meta`).
#[rustfmt::skip]
const CONTENT_TOKENS: &[&str] = &[
    "content", "contents", "text", "body", "contenu", "texte", "corps", "prose", "articlebody",
];

/// Whole class names that hide an element.
#[rustfmt::skip]
const HIDDEN_CLASSES: &[&str] = &[
    "hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "d-none",
];

#[rustfmt::skip]
const SOFT_ROLES: &[&str] = &[
    "navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alertdialog", "menu",
    "menubar",
];

fn skip_kind(el: &Element) -> Skip {
    let name = el.name();
    if HARD_TAGS.contains(&name) || is_hidden(el) {
        return Skip::Hard;
    }
    if name == "html" || name == "body" {
        return Skip::No;
    }
    if SOFT_TAGS.contains(&name)
        || el
            .attr("role")
            .is_some_and(|r| SOFT_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
        || soft_by_class(el)
    {
        return Skip::Soft;
    }
    Skip::No
}

/// True when the element's class or id words mark boilerplate: a word of [`SOFT_TOKENS`], or one
/// of [`WEAK_SOFT_TOKENS`] that names the box itself (`post-meta`, `site-header`, not
/// `elementor-widget-wrap`: a structural word after it makes it a wrapper's modifier) with no word
/// of [`CONTENT_TOKENS`] on the element.
fn soft_by_class(el: &Element) -> bool {
    let mut weak = false;
    let mut content = false;
    for name in el.classes().chain(el.id()) {
        let mut pending = false;
        let strong = any_word(name, |w| {
            let lower;
            let w = if w.chars().any(char::is_uppercase) {
                lower = w.to_lowercase();
                lower.as_str()
            } else {
                w
            };
            if SOFT.contains(w) {
                return true;
            }
            if pending && !STRUCTURAL.contains(w) {
                weak = true;
            }
            pending = false;
            if MODIFIER_TOKENS.contains(&w) {
                pending = true;
            } else if WEAK_SOFT.contains(w) {
                weak = true;
            }
            content |= CONTENT.contains(w);
            false
        });
        if strong {
            return true;
        }
        weak |= pending;
    }
    weak && !content
}

/// Words that, after a weak boilerplate word, name a wrapper rather than the box itself.
#[rustfmt::skip]
const STRUCTURAL_WORDS: &[&str] = &[
    "wrap", "wrapper", "container", "inner", "outer", "holder", "field", "group", "section", "column",
    "col", "row", "region", "zone", "layout", "area", "populated",
];

fn is_hidden(el: &Element) -> bool {
    if el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if el
        .classes()
        .any(|c| HIDDEN_CLASSES.iter().any(|h| c.eq_ignore_ascii_case(h)))
    {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Class/id words that mark an element holding the byline.
#[rustfmt::skip]
const BYLINE_TOKENS: &[&str] = &[
    "author", "auteur", "byline", "signature", "writer", "journalist", "journaliste",
];

/// A set of lower-case class/id words.
type Tokens = LazyLock<HashSet<&'static str>>;

static SOFT: Tokens = LazyLock::new(|| SOFT_TOKENS.iter().copied().collect());
static WEAK_SOFT: Tokens = LazyLock::new(|| WEAK_SOFT_TOKENS.iter().copied().collect());
static CONTENT: Tokens = LazyLock::new(|| CONTENT_TOKENS.iter().copied().collect());
static STRUCTURAL: Tokens = LazyLock::new(|| STRUCTURAL_WORDS.iter().copied().collect());
static POSITIVE: Tokens = LazyLock::new(|| POSITIVE_TOKENS.iter().copied().collect());
static BYLINE: Tokens = LazyLock::new(|| BYLINE_TOKENS.iter().copied().collect());

/// True when a word of the element's class or id (split on `-`, `_`, spaces and camelCase) is in
/// `tokens`: `share-bar` and `shareBar` say "share"; `header` is not `head`, `read` is not `ad`.
fn has_token(el: &Element, tokens: &HashSet<&str>) -> bool {
    el.classes().chain(el.id()).any(|name| {
        any_word(name, |w| {
            if w.chars().any(char::is_uppercase) {
                tokens.contains(w.to_lowercase().as_str())
            } else {
                tokens.contains(w)
            }
        })
    })
}

/// Calls `f` on the words of a class or id until it returns true: the words are split on
/// anything not alphanumeric and at camelCase humps ("shareBar" → "share", "Bar"; "ABC" and
/// "Abc" stay whole).
fn any_word(name: &str, mut f: impl FnMut(&str) -> bool) -> bool {
    for part in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut start = 0;
        let mut prev_lower = false;
        for (i, c) in part.char_indices() {
            if c.is_uppercase() && prev_lower {
                if f(&part[start..i]) {
                    return true;
                }
                start = i;
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
        }
        if f(&part[start..]) {
            return true;
        }
    }
    false
}

#[rustfmt::skip]
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "legend", "html", "listing", "xmp",
    "plaintext",
];

fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c')
}

/// Collapses runs of HTML whitespace into one space (no-break and narrow no-break spaces stay
/// as they are) and trims the ends, no-break spaces included.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_html_space(c) {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out.trim_matches(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
        .to_string()
}

/// The element's text with hard-skipped parts left out, whitespace collapsed.
fn text_of(el: ElementRef) -> String {
    let mut raw = String::new();
    walk(el, |ev| match ev {
        Event::Open(e) => skip_kind(e.value()) != Skip::Hard,
        Event::Close(_) => true,
        Event::Text(t) => {
            raw.push_str(t);
            true
        }
    });
    collapse(&raw)
}

/// Like [`text_of`] but gives up (returns `None`) once the raw text passes `max` bytes.
fn short_text_of(el: ElementRef, max: usize) -> Option<String> {
    let mut raw = String::new();
    let mut too_long = false;
    walk(el, |ev| match ev {
        Event::Open(e) => !too_long && skip_kind(e.value()) != Skip::Hard,
        Event::Close(_) => true,
        Event::Text(t) => {
            if !too_long {
                raw.push_str(t);
                too_long = raw.len() > max * 4;
            }
            true
        }
    });
    let text = collapse(&raw);
    (!too_long && text.len() <= max).then_some(text)
}

/// True when the text holds markup (`<img …`, `</b>`, `<!--`): a title that does is the result of
/// an injection or a broken template, not a headline.
fn has_markup(s: &str) -> bool {
    s.char_indices().any(|(i, c)| {
        c == '<'
            && s[i + 1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/' || n == '!')
    })
}

/// Words in `text`; in scripts written without spaces (Chinese, Japanese) every two ideographs
/// or kana count as one word.
fn word_count(text: &str) -> usize {
    let mut words = 0;
    let mut cjk = 0;
    for w in text.split_whitespace() {
        let n = w.chars().filter(|c| is_cjk(*c)).count();
        if n == 0 {
            words += 1;
        } else {
            cjk += n;
        }
    }
    words + cjk.div_ceil(2)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff // kana
        | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff // ideographs
        | 0xac00..=0xd7af // hangul
    )
}

/// True when `text` ends like a sentence (or a quotation).
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['.', '!', '?', '…', ':', '»', '"', '”', '。', '！', '？', '」', '』'])
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

/// What the page declares about itself in `<head>` and JSON-LD.
#[derive(Debug, Default)]
struct Metadata {
    /// `og:title`, `twitter:title`, then JSON-LD `headline`, in that order.
    titles: Vec<String>,
    publisher: Option<String>,
    byline: Option<String>,
    published: Option<NaiveDate>,
    url: Option<String>,
}

const META_TITLE_KEYS: &[&str] = &["og:title", "twitter:title", "dc.title"];
#[rustfmt::skip]
const META_PUBLISHER_KEYS: &[&str] = &[
    "og:site_name", "application-name", "publisher", "dc.publisher",
];
#[rustfmt::skip]
const META_AUTHOR_KEYS: &[&str] = &[
    "author", "article:author", "byl", "dc.creator", "sailthru.author", "parsely-author",
];
#[rustfmt::skip]
const META_DATE_KEYS: &[&str] = &[
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publication_date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date",
    "dcterms.date", "sailthru.date", "parsely-pub-date", "date",
];

impl Metadata {
    fn read(doc: &Html) -> Metadata {
        let mut tags: HashMap<String, String> = HashMap::new();
        for m in doc.select(&META) {
            let Some(content) = m.attr("content") else {
                continue;
            };
            let content = collapse(content);
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop"] {
                if let Some(k) = m.attr(attr) {
                    tags.entry(k.trim().to_ascii_lowercase())
                        .or_insert_with(|| content.clone());
                }
            }
        }
        let get = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
        let ld = JsonLd::read(doc);

        let mut titles: Vec<String> = META_TITLE_KEYS
            .iter()
            .filter_map(|k| tags.get(*k).cloned())
            .collect();
        titles.extend(ld.headline.clone());

        let publisher = get(META_PUBLISHER_KEYS).or(ld.publisher.clone());
        let byline = META_AUTHOR_KEYS
            .iter()
            .filter_map(|k| tags.get(*k))
            .find_map(|a| clean_byline(a))
            .or_else(|| ld.author.as_deref().and_then(clean_byline));
        let published = META_DATE_KEYS
            .iter()
            .filter_map(|k| tags.get(*k))
            .find_map(|d| dates::parse_date(d))
            .or(ld.published);
        let url = doc
            .select(&CANONICAL)
            .filter_map(|l| l.attr("href"))
            .chain(tags.get("og:url").map(String::as_str))
            .map(str::trim)
            .find(|u| is_web_url(u))
            .map(str::to_string);
        Metadata {
            titles,
            publisher,
            byline,
            published,
            url,
        }
    }
}

fn is_web_url(u: &str) -> bool {
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !u.contains(char::is_whitespace)
        && u.len() > 8
}

/// The article object of the page's JSON-LD.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    published: Option<NaiveDate>,
}

#[rustfmt::skip]
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "report", "scholarlyarticle", "techarticle", "socialmediaposting", "satiricalarticle",
];

impl JsonLd {
    fn read(doc: &Html) -> JsonLd {
        let mut objects: Vec<Value> = Vec::new();
        for script in doc.select(&JSON_LD) {
            let raw: String = script.text().collect();
            let cleaned = raw
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .replace(|c: char| c.is_control(), " ");
            if let Ok(v) = serde_json::from_str::<Value>(&cleaned) {
                flatten(v, &mut objects, 0);
            }
        }
        let by_id: HashMap<&str, &Value> = objects
            .iter()
            .filter_map(|o| Some((o.get("@id")?.as_str()?, o)))
            .collect();
        let resolve = |v: &'_ Value| -> Value {
            match v
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|id| by_id.get(id))
            {
                Some(target) if v.as_object().is_some_and(|o| o.len() == 1) => (*target).clone(),
                _ => v.clone(),
            }
        };
        let is_article = |o: &Value| types(o).iter().any(|t| ARTICLE_TYPES.contains(&t.as_str()));
        let Some(article) = objects
            .iter()
            .find(|o| is_article(o))
            .or_else(|| objects.iter().find(|o| o.get("headline").is_some()))
        else {
            return JsonLd::default();
        };

        let headline = article
            .get("headline")
            .or_else(|| article.get("name"))
            .and_then(Value::as_str)
            .map(ld_text);
        let published = article
            .get("datePublished")
            .and_then(Value::as_str)
            .and_then(dates::parse_date);
        let names = |v: Option<&Value>| -> Option<String> {
            let v = v?;
            let items: Vec<Value> = match v {
                Value::Array(a) => a.iter().map(&resolve).collect(),
                other => vec![resolve(other)],
            };
            let names: Vec<String> = items
                .iter()
                .filter_map(|i| match i {
                    Value::String(s) => Some(ld_text(s)),
                    other => other.get("name").and_then(Value::as_str).map(ld_text),
                })
                .filter(|s| !s.is_empty() && !is_web_url(s))
                .collect();
            (!names.is_empty()).then(|| names.join(", "))
        };
        JsonLd {
            headline: headline.filter(|h| !h.is_empty()),
            author: names(article.get("author").or_else(|| article.get("creator"))),
            publisher: names(article.get("publisher")),
            published,
        }
    }
}

/// A JSON-LD string as text: JSON-LD sits in a `<script>`, where the parser decodes no entities,
/// and publishers often write them anyway (`&#8217;`, `&amp;`).
fn ld_text(s: &str) -> String {
    collapse(&decode_entities(s))
}

/// Decodes the character references publishers put in JSON-LD: numeric ones and the few named
/// ones that matter for text. Anything else is left as it is.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                "rsquo" => Some('’'),
                "lsquo" => Some('‘'),
                "rdquo" => Some('”'),
                "ldquo" => Some('“'),
                "laquo" => Some('«'),
                "raquo" => Some('»'),
                "hellip" => Some('…'),
                "ndash" => Some('–'),
                "mdash" => Some('—'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(code).filter(|c| *c != '\0')
                }
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collects every JSON-LD object: top-level ones, array items and `@graph` members.
fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if !map.is_empty() {
                out.push(Value::Object(map));
            }
        }
        _ => {}
    }
}

/// The lower-case `@type`s of a JSON-LD object (a string or a list).
fn types(o: &Value) -> Vec<String> {
    match o.get("@type") {
        Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_ascii_lowercase)
            .collect(),
        _ => Vec::new(),
    }
}

/// The title: og:title, JSON-LD headline, the first `<h1>`, `<title>` — the first that is not
/// empty and holds no markup, with a " | Site" suffix dropped when it names the publisher.
fn pick_title(doc: &Html, meta: &Metadata, publisher: Option<&str>) -> Option<String> {
    let h1 = doc.select(&H1).map(text_of).find(|t| !t.is_empty());
    let title_tag = doc
        .select(&TITLE)
        .next()
        .map(|t| collapse(&t.text().collect::<String>()));
    meta.titles
        .iter()
        .cloned()
        .chain(h1)
        .chain(title_tag)
        .filter(|t| !t.is_empty() && !has_markup(t))
        .map(|t| strip_site_suffix(&t, publisher))
        .find(|t| !t.is_empty())
}

/// "Headline | Site" → "Headline" when "Site" is the publisher (also " - ", " – ", " — ", " · ").
fn strip_site_suffix(title: &str, publisher: Option<&str>) -> String {
    let Some(site) = publisher.map(str::trim).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    for sep in [" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " : "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.trim().to_lowercase() == site.to_lowercase()
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && head.trim().to_lowercase() == site.to_lowercase()
            && !tail.trim().is_empty()
        {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// "Par Jean Dupont, le 6 septembre 2024" → "Jean Dupont". `None` for what is not a name (a URL,
/// a date, a sentence).
fn clean_byline(s: &str) -> Option<String> {
    static PREFIX: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*(?:par|by|de|from|auteur|author|écrit par|written by)\s*:?\s+")
            .unwrap()
    });
    static TAIL: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)\s*(?:[|•·—–]|\s-\s|,\s*(?:le|on|publié|published|updated|mis à jour|il y a)\b|\s(?:le|on)\s+\d|\s+publié|\s+published|\s+updated|\s+mis à jour).*$",
        )
        .unwrap()
    });
    let s = collapse(s);
    if is_web_url(&s) {
        return None;
    }
    let s = PREFIX.replace(&s, "");
    let s = TAIL.replace(&s, "");
    let s = s.trim().trim_end_matches([',', ';', ':']).trim();
    let words = s.split_whitespace().count();
    let ok = (1..=10).contains(&words)
        && s.chars().count() <= 100
        && s.chars().any(char::is_alphabetic)
        && (!s.ends_with(['.', '!', '?']) || is_initials(s))
        && dates::parse_date(s).is_none()
        && !plaintext::is_chrome_word(s);
    ok.then(|| s.to_string())
}

fn is_initials(s: &str) -> bool {
    s.chars().count() <= 12
        && s.split_whitespace()
            .all(|w| w.trim_end_matches('.').chars().count() <= 3)
}

// ---------------------------------------------------------------------------------------------
// Finding the article container
// ---------------------------------------------------------------------------------------------

/// Paragraphs shorter than this (characters) do not vote for a container.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// How many ancestors above a paragraph still count its text towards `total`.
const MAX_CONTRIBUTION_DEPTH: usize = 64;
/// A container moves up to its parent while it holds less than this share of the parent's
/// paragraph text.
const CLIMB_SHARE: f64 = 0.6;
/// What a candidate inside boilerplate is worth next to one outside.
const SOFT_DISCOUNT: f64 = 0.3;

/// Class/id words that suggest the article body.
#[rustfmt::skip]
const POSITIVE_TOKENS: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "text", "texte", "contenu", "corps", "chapo",
    "main", "articlebody", "prose",
];

/// One open element during the scoring walk.
struct Frame {
    key: usize,
    soft: bool,
    /// This element or one above it is boilerplate.
    in_soft: bool,
    block: bool,
    /// Paragraph-like: its own inline text votes.
    votes: bool,
    chars: usize,
    link_chars: usize,
    last_space: bool,
}

/// Finds the element that holds the article body, or `None` when no paragraph is long enough.
fn find_container(body: ElementRef) -> Option<ElementRef> {
    let mut score: HashMap<usize, f64> = HashMap::new();
    let mut total: HashMap<usize, f64> = HashMap::new();
    let mut elements: HashMap<usize, ElementRef> = HashMap::new();
    let mut in_soft: HashSet<usize> = HashSet::new();
    let mut stack: Vec<Frame> = vec![Frame {
        key: key(&body),
        soft: false,
        in_soft: false,
        block: true,
        votes: false,
        chars: 0,
        link_chars: 0,
        last_space: true,
    }];
    elements.insert(key(&body), body);
    let mut link_depth = 0usize;

    walk(body, |ev| match ev {
        Event::Open(el) => {
            let skip = skip_kind(el.value());
            if skip == Skip::Hard {
                return false;
            }
            let name = el.value().name();
            if name == "a" {
                link_depth += 1;
            }
            let block = is_block(name);
            let k = key(&el);
            elements.insert(k, el);
            let soft = skip == Skip::Soft;
            let inside_soft = soft || stack.last().is_some_and(|f| f.in_soft);
            if inside_soft {
                in_soft.insert(k);
            }
            stack.push(Frame {
                key: k,
                soft,
                in_soft: inside_soft,
                block,
                votes: block
                    && skip == Skip::No
                    && !is_heading(name)
                    && !matches!(
                        name,
                        "ul" | "ol" | "dl" | "table" | "tbody" | "thead" | "tfoot" | "tr"
                    ),
                chars: 0,
                link_chars: 0,
                last_space: true,
            });
            true
        }
        Event::Close(el) => {
            if el.value().name() == "a" {
                link_depth = link_depth.saturating_sub(1);
            }
            let Some(frame) = stack.pop() else {
                return true;
            };
            if !frame.block {
                return true;
            }
            if frame.votes && frame.chars >= MIN_PARAGRAPH_CHARS {
                let density = frame.link_chars as f64 / frame.chars as f64;
                let vote = frame.chars as f64 * (1.0 - density).max(0.0);
                let name = el.value().name();
                // A text-bearing <div> (no <p> inside) may itself be the container.
                if name != "p"
                    && name != "pre"
                    && name != "li"
                    && name != "blockquote"
                    && name != "dd"
                {
                    *score.entry(frame.key).or_default() += vote;
                    *total.entry(frame.key).or_default() += vote;
                }
                let mut weight = 1.0;
                for (depth, anc) in stack.iter().rev().enumerate() {
                    if anc.soft || depth >= MAX_CONTRIBUTION_DEPTH {
                        break;
                    }
                    if depth < 3 {
                        *score.entry(anc.key).or_default() += vote * weight;
                        weight /= 2.0;
                    }
                    *total.entry(anc.key).or_default() += vote;
                }
            }
            true
        }
        Event::Text(t) => {
            // The text belongs to the nearest open block.
            if let Some(frame) = stack.iter_mut().rev().find(|f| f.block) {
                for c in t.chars() {
                    if is_html_space(c) {
                        if !frame.last_space {
                            frame.chars += 1;
                            if link_depth > 0 {
                                frame.link_chars += 1;
                            }
                        }
                        frame.last_space = true;
                    } else {
                        frame.chars += 1;
                        if link_depth > 0 {
                            frame.link_chars += 1;
                        }
                        frame.last_space = false;
                    }
                }
            }
            true
        }
    });

    // Boost elements that say they are the article.
    let mut ranked: Vec<(usize, f64)> = score
        .iter()
        .filter_map(|(k, s)| {
            let el = elements.get(k)?;
            let v = el.value();
            let mut s = *s;
            if v.attr("itemprop").is_some_and(|p| {
                p.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("articleBody"))
            }) {
                s *= 1.5;
            } else if v.name() == "article" || has_token(v, &POSITIVE) {
                s *= 1.1;
            }
            // Text inside boilerplate (a long comment, a related story) competes at a discount;
            // a page wrapped whole in a <form> discounts every candidate alike.
            if in_soft.contains(k) {
                s *= SOFT_DISCOUNT;
            }
            Some((*k, s))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(5);

    // Among the best few, discount link-heavy ones.
    let best = ranked
        .iter()
        .filter_map(|(k, s)| {
            let el = *elements.get(k)?;
            Some((el, s * (1.0 - link_density(el))))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))?
        .0;

    // Move up while an ancestor holds clearly more paragraph text (an article split in parts),
    // passing through wrappers that add none.
    let total_of = |e: &ElementRef| total.get(&key(e)).copied().unwrap_or(0.0);
    let mut top = best;
    let mut cur = best;
    while let Some(parent) = cur.parent().and_then(ElementRef::wrap) {
        // An <article> or <main> (or the element marked articleBody) bounds the article: what
        // lies beyond it is the rest of the site.
        if is_article_boundary(cur.value())
            || parent.value().name() == "html"
            || skip_kind(parent.value()) != Skip::No
        {
            break;
        }
        let theirs = total_of(&parent);
        if theirs <= total_of(&cur) * 1.02 {
            cur = parent;
            continue;
        }
        if total_of(&top) >= theirs * CLIMB_SHARE {
            break;
        }
        top = parent;
        cur = parent;
    }
    if std::env::var_os("CLAIMDESK_DEBUG").is_some() {
        for (k, s) in &ranked {
            if let Some(el) = elements.get(k) {
                eprintln!(
                    "cand {:.0} total {:.0} soft {} <{} class={:?} id={:?}>",
                    s,
                    total.get(k).copied().unwrap_or(0.0),
                    in_soft.contains(k),
                    el.value().name(),
                    el.value().attr("class").unwrap_or(""),
                    el.value().id().unwrap_or("")
                );
            }
        }
        for a in best.ancestors().filter_map(ElementRef::wrap) {
            eprintln!("  anc <{} class={:?} id={:?}> {:?}", a.value().name(), a.value().attr("class").unwrap_or(""), a.value().id().unwrap_or(""), skip_kind(a.value()));
        }
        eprintln!(
            "best <{} class={:?}> top <{} class={:?}>",
            best.value().name(),
            best.value().attr("class").unwrap_or(""),
            top.value().name(),
            top.value().attr("class").unwrap_or("")
        );
    }
    Some(top)
}

/// `<article>`, `<main>`, `role=main`, `itemprop=articleBody`: elements that declare where the
/// article (or the page's main part) ends.
fn is_article_boundary(el: &Element) -> bool {
    matches!(el.name(), "article" | "main")
        || el.attr("role").is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
        || el.attr("itemprop").is_some_and(|p| {
            p.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("articleBody"))
        })
}

/// Share of an element's text (boilerplate left out) that sits in links.
fn link_density(el: ElementRef) -> f64 {
    let mut chars = 0usize;
    let mut links = 0usize;
    let mut link_depth = 0usize;
    walk(el, |ev| match ev {
        Event::Open(e) => {
            if skip_kind(e.value()) != Skip::No {
                return false;
            }
            if e.value().name() == "a" {
                link_depth += 1;
            }
            true
        }
        Event::Close(e) => {
            if e.value().name() == "a" {
                link_depth = link_depth.saturating_sub(1);
            }
            true
        }
        Event::Text(t) => {
            let n = t.chars().filter(|c| !is_html_space(*c)).count();
            chars += n;
            if link_depth > 0 {
                links += n;
            }
            true
        }
    });
    if chars == 0 {
        1.0
    } else {
        links as f64 / chars as f64
    }
}

// ---------------------------------------------------------------------------------------------
// Emitting the blocks
// ---------------------------------------------------------------------------------------------

/// One block of text, how much of it sits in links, and whether it is a heading.
struct Block {
    text: String,
    link_chars: usize,
    heading: bool,
}

/// Gathers inline text into blocks while the container is walked.
#[derive(Default)]
struct BlockWriter {
    blocks: Vec<Block>,
    cur: String,
    cur_links: usize,
    link_depth: usize,
    heading_depth: usize,
}

impl BlockWriter {
    /// Ends the current block (if it has any text).
    fn flush(&mut self) {
        let text = collapse(&self.cur);
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                link_chars: self.cur_links,
                heading: self.heading_depth > 0,
            });
        }
        self.cur.clear();
        self.cur_links = 0;
    }

    /// Adds a finished block (a `<pre>` line, a table row).
    fn push(&mut self, text: String) {
        self.flush();
        self.blocks.push(Block {
            text,
            link_chars: 0,
            heading: false,
        });
    }

    fn text(&mut self, t: &str) {
        self.cur.push_str(t);
        if self.link_depth > 0 {
            self.cur_links += t.chars().filter(|c| !is_html_space(*c)).count();
        }
    }
}

/// The container's blocks in document order: paragraphs, headings, list items, quotes, `<pre>`
/// lines, table rows (cells joined by " | "); boilerplate and the headline left out.
fn emit_blocks(container: ElementRef, title: Option<&str>) -> Vec<String> {
    let mut w = BlockWriter::default();
    walk(container, |ev| match ev {
        Event::Open(el) => {
            let v = el.value();
            if skip_kind(v) != Skip::No {
                return false;
            }
            let name = v.name();
            match name {
                "br" | "hr" => {
                    w.flush();
                    false
                }
                "pre" | "listing" | "xmp" | "plaintext" => {
                    w.flush();
                    for line in pre_lines(el) {
                        w.push(line);
                    }
                    false
                }
                "table" if is_data_table(el) => {
                    w.flush();
                    for row in table_rows(el) {
                        w.push(row);
                    }
                    false
                }
                _ if is_heading(name)
                    && title.is_some_and(|t| plaintext::near_duplicate(&text_of(el), t)) =>
                {
                    w.flush();
                    false
                }
                _ => {
                    if is_block(name) {
                        w.flush();
                        if is_heading(name) {
                            w.heading_depth += 1;
                        }
                    } else if name == "a" {
                        w.link_depth += 1;
                    }
                    true
                }
            }
        }
        Event::Close(el) => {
            let name = el.value().name();
            if is_block(name) {
                w.flush();
                if is_heading(name) {
                    w.heading_depth = w.heading_depth.saturating_sub(1);
                }
            } else if name == "a" {
                w.link_depth = w.link_depth.saturating_sub(1);
            }
            true
        }
        Event::Text(t) => {
            w.text(t);
            true
        }
    });
    w.flush();
    clean_blocks(w.blocks, title)
}

/// The lines of a `<pre>`, each cleaned like a pasted line.
fn pre_lines(pre: ElementRef) -> Vec<String> {
    let mut raw = String::new();
    walk(pre, |e| match e {
        Event::Open(x) => skip_kind(x.value()) == Skip::No,
        Event::Close(_) => true,
        Event::Text(t) => {
            raw.push_str(t);
            true
        }
    });
    raw.split(['\n', '\r'])
        .map(plaintext::clean_line)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Drops chrome from the blocks: chrome words, "Lire aussi" link teasers, and — before the body
/// starts — the headline again, date lines, credits and short labels (a kicker such as
/// "ÉCONOMIE / Numérique").
fn clean_blocks(blocks: Vec<Block>, title: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(blocks.len());
    let mut body_started = false;
    for b in blocks {
        let text = b.text.as_str();
        let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        let mostly_links = b.link_chars * 2 >= chars;
        if plaintext::is_chrome_word(text) || (plaintext::is_read_also(text) && mostly_links) {
            continue;
        }
        if !body_started {
            let words = word_count(text);
            let label = !b.heading && words <= 3 && !ends_sentence(text);
            let junk = title.is_some_and(|t| plaintext::near_duplicate(text, t))
                || dates::date_line(text).is_some()
                || plaintext::is_credit(text)
                || label;
            if junk {
                continue;
            }
            body_started = words >= 8 || b.heading;
        }
        out.push(b.text);
    }
    out
}

/// A table of data (rows of cells) rather than a layout table: no nested tables, no long or
/// multi-paragraph cells.
fn is_data_table(table: ElementRef) -> bool {
    let mut data = true;
    let mut cell_blocks = 0usize;
    walk(table, |ev| match ev {
        Event::Open(e) => {
            let name = e.value().name();
            if name == "table" {
                data = false;
            }
            if matches!(
                name,
                "p" | "div"
                    | "ul"
                    | "ol"
                    | "blockquote"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "article"
                    | "section"
            ) {
                cell_blocks += 1;
            }
            data && skip_kind(e.value()) != Skip::Hard
        }
        Event::Close(_) | Event::Text(_) => true,
    });
    data && cell_blocks <= 2 * rows_of(table).len().max(1)
}

/// The rows of a table (not of tables inside it).
fn rows_of(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    walk(table, |ev| match ev {
        Event::Open(e) => match e.value().name() {
            "tr" => {
                rows.push(e);
                false
            }
            "table" => false,
            _ => true,
        },
        _ => true,
    });
    rows
}

/// Each row's non-empty cell texts joined by " | ".
fn table_rows(table: ElementRef) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(caption) = table
        .child_elements()
        .find(|c| c.value().name() == "caption")
    {
        let t = text_of(caption);
        if !t.is_empty() {
            out.push(t);
        }
    }
    for row in rows_of(table) {
        let cells: Vec<String> = row
            .child_elements()
            .filter(|c| matches!(c.value().name(), "td" | "th") && skip_kind(c.value()) == Skip::No)
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect();
        if !cells.is_empty() {
            out.push(cells.join(" | "));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Byline and date on the page
// ---------------------------------------------------------------------------------------------

/// The part of the page the article's furniture (date line, byline) sits in: the `<article>`
/// around the container, else the container's grandparent.
fn scope_of(container: ElementRef) -> ElementRef {
    if let Some(article) = std::iter::once(container)
        .chain(container.ancestors().filter_map(ElementRef::wrap))
        .find(|e| e.value().name() == "article")
    {
        return article;
    }
    container
        .parent()
        .and_then(ElementRef::wrap)
        .and_then(|p| p.parent().and_then(ElementRef::wrap).or(Some(p)))
        .filter(|e| e.value().name() != "html")
        .unwrap_or(container)
}

/// A byline from elements marked as such (`rel=author`, `itemprop=author`, class or id
/// `author`/`byline`/`signature`), looked for in the container, then around it, then in the page
/// outside boilerplate such as comments.
fn find_dom_byline(doc: &Html, container: ElementRef) -> Option<String> {
    let is_byline_el = |e: &Element| {
        e.attr("rel").is_some_and(|r| {
            r.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author"))
        }) || e.attr("itemprop").is_some_and(|r| {
            r.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author"))
        }) || has_token(e, &BYLINE)
    };
    let search = |root: ElementRef, outside_boilerplate: bool| -> Option<String> {
        let mut found = None;
        walk(root, |ev| match ev {
            Event::Open(e) => {
                if found.is_some() {
                    return false;
                }
                let v = e.value();
                let skip = skip_kind(v);
                if skip == Skip::Hard {
                    return false;
                }
                if is_byline_el(v) {
                    if let Some(name) = short_text_of(e, 200).as_deref().and_then(clean_byline) {
                        found = Some(name);
                    }
                    return false;
                }
                !(outside_boilerplate
                    && skip == Skip::Soft
                    && !matches!(v.name(), "header" | "footer"))
            }
            _ => true,
        });
        found
    };
    let scope = scope_of(container);
    search(container, false)
        .or_else(|| {
            (scope.id() != container.id())
                .then(|| search(scope, false))
                .flatten()
        })
        .or_else(|| search(doc.select(&BODY).next()?, true))
}

/// A `<time datetime>` (or `itemprop=datePublished`) near the article.
fn find_time_element(doc: &Html, container: ElementRef) -> Option<NaiveDate> {
    let date_of = |e: ElementRef| {
        let v = e.value();
        v.attr("datetime")
            .or_else(|| v.attr("content"))
            .and_then(dates::parse_date)
            .or_else(|| dates::parse_date(&text_of(e)))
    };
    let published_first = |root: ElementRef| {
        let all: Vec<ElementRef> = root.select(&TIME).collect();
        all.iter()
            .find(|e| {
                e.value()
                    .attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                    || e.value().attr("pubdate").is_some()
            })
            .and_then(|e| date_of(*e))
            .or_else(|| all.into_iter().find_map(date_of))
    };
    published_first(scope_of(container)).or_else(|| {
        let found: Option<ElementRef> = doc.select(&TIME).find(|e| {
            e.value()
                .attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        });
        found.and_then(date_of)
    })
}

/// A visible "Publié le …" / "Published …" line near the article; bare dates count only there,
/// not in the rest of the page (a site header shows today's date).
fn find_visible_date(doc: &Html, container: ElementRef) -> Option<dates::DateLine> {
    let search = |root: ElementRef, prefixed_only: bool| -> Option<dates::DateLine> {
        let mut published = None;
        let mut updated = None;
        walk(root, |ev| match ev {
            Event::Open(e) => {
                if published.is_some() || skip_kind(e.value()) == Skip::Hard {
                    return false;
                }
                let has_own_text = e
                    .children()
                    .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()));
                if has_own_text && let Some(text) = short_text_of(e, 200) {
                    match dates::date_line_with_prefix(&text) {
                        Some((line, prefixed)) if prefixed || !prefixed_only => {
                            if line.updated {
                                updated.get_or_insert(line);
                            } else {
                                published = Some(line);
                            }
                            return false;
                        }
                        _ => {}
                    }
                }
                true
            }
            _ => true,
        });
        published.or(updated)
    };
    search(scope_of(container), false).or_else(|| search(doc.select(&BODY).next()?, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><meta charset=utf-8><title>T</title></head><body>{body}</body></html>"
        )
    }

    const P1: &str =
        "Le conseil municipal a adopté mardi soir un budget de 12 millions d’euros pour le pont.";
    const P2: &str =
        "Les travaux commenceront en mars et dureront huit mois, selon l’adjoint aux travaux.";
    const P3: &str =
        "L’opposition a voté contre, jugeant le devis trop élevé par rapport aux estimations.";

    #[test]
    fn picks_the_article_over_chrome() {
        let html = page(&format!(
            "<nav><ul><li><a href=/>Accueil</a></li><li><a href=/s>Sports</a></li></ul></nav>\
             <aside class=sidebar><p>Un très long texte de barre latérale qui ne fait pas partie de l’article du tout.</p></aside>\
             <article><h1>Le pont sera réparé</h1><div class=share><a>Partager</a></div>\
             <div class=article-body><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>\
             <section class=comments><p>Un commentaire très long et très intéressant sur le sujet du pont, vraiment.</p></section>\
             <footer><p>© 2024 Le Journal — Tous droits réservés et conditions d’utilisation.</p></footer>"
        ));
        let e = extract(&html).unwrap();
        assert_eq!(e.text, format!("{P1}\n\n{P2}\n\n{P3}"));
        assert_eq!(e.title.as_deref(), Some("Le pont sera réparé"));
        assert_eq!(e.language.as_deref(), Some("fr"));
    }

    #[test]
    fn article_split_over_several_divs() {
        let html = page(&format!(
            "<div id=story><div class=block><p>{P1}</p></div><div class=block><p>{P2}</p></div><div class=block><p>{P3}</p></div></div>"
        ));
        assert_eq!(
            extract(&html).unwrap().text,
            format!("{P1}\n\n{P2}\n\n{P3}")
        );
    }

    #[test]
    fn whitespace_rules() {
        let html = page(&format!(
            "<article><p>  Le   maire\n\ta dit «\u{a0}oui\u{a0}» et 10\u{202f}000 <b>personnes</b>, <i>environ</i> .  </p><p>&nbsp;</p><p>{P2}</p></article>"
        ));
        assert_eq!(
            extract(&html).unwrap().text,
            format!(
                "Le maire a dit «\u{a0}oui\u{a0}» et 10\u{202f}000 personnes, environ .\n\n{P2}"
            )
        );
    }

    #[test]
    fn lists_quotes_tables_and_pre() {
        let html = page(&format!(
            "<article><p>{P1}</p><h2>Les chiffres</h2><ul><li>Budget : 12 M€</li><li>Durée : 8 mois</li></ul>\
             <blockquote><p>« C’est un bon budget »</p></blockquote>\
             <table><tr><th>Année</th><th>Coût</th></tr><tr><td>2019</td><td>6 M€</td></tr></table>\
             <pre>ligne   un\n\nligne deux</pre><p>{P2}<br>Suite après un saut de ligne.</p></article>"
        ));
        assert_eq!(
            extract(&html).unwrap().text,
            format!(
                "{P1}\n\nLes chiffres\n\nBudget : 12 M€\n\nDurée : 8 mois\n\n« C’est un bon budget »\n\nAnnée | Coût\n\n2019 | 6 M€\n\nligne un\n\nligne deux\n\n{P2}\n\nSuite après un saut de ligne."
            )
        );
    }

    #[test]
    fn token_matching_is_whole_words() {
        let html = page(&format!(
            "<article><div class=\"read-more-text head\"><p>{P1}</p></div><div class=\"ad-slot\"><p>{P3}</p></div><div class=headline-wrap><p>{P2}</p></div></article>"
        ));
        assert_eq!(extract(&html).unwrap().text, format!("{P1}\n\n{P2}"));
        let v = Html::parse_fragment("<div class='shareBar loadMore'></div>");
        let el = v.select(&sel("div")).next().unwrap();
        let set = |words: &[&'static str]| words.iter().copied().collect::<HashSet<&str>>();
        assert!(has_token(el.value(), &set(&["share"])));
        assert!(has_token(el.value(), &set(&["load"])));
        assert!(!has_token(el.value(), &set(&["ad", "sharebar"])));
    }

    #[test]
    fn metadata_from_meta_tags() {
        let html = format!(
            "<html lang=en-GB><head><title>Bridge repairs approved | The Courier</title>\
             <meta property=og:site_name content='The Courier'>\
             <meta name=author content='Jane Doe'>\
             <meta property=article:published_time content='2024-09-06T10:00:00Z'>\
             <meta property=og:url content='https://courier.example/bridge'>\
             </head><body><article><p>{P1}</p><p>{P2}</p></article></body></html>"
        );
        let e = extract(&html).unwrap();
        assert_eq!(e.title.as_deref(), Some("Bridge repairs approved"));
        assert_eq!(e.publisher.as_deref(), Some("The Courier"));
        assert_eq!(e.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.language.as_deref(), Some("en"));
        assert_eq!(e.url.as_deref(), Some("https://courier.example/bridge"));
    }

    #[test]
    fn metadata_from_json_ld_graph() {
        let html = format!(
            r##"<html><head><script type="application/ld+json">{{"@context":"https://schema.org","@graph":[
              {{"@type":"Organization","@id":"#org","name":"The Courier"}},
              {{"@type":"Person","@id":"#jd","name":"Jane Doe"}},
              {{"@type":["NewsArticle"],"headline":"Bridge repairs approved","datePublished":"2024-09-06T10:00:00+02:00",
                "author":[{{"@id":"#jd"}},{{"@type":"Person","name":"John Roe"}}],"publisher":{{"@id":"#org"}}}}]}}</script>
             </head><body><article><p>{P1}</p><p>{P2}</p></article></body></html>"##
        );
        let e = extract(&html).unwrap();
        assert_eq!(e.title.as_deref(), Some("Bridge repairs approved"));
        assert_eq!(e.publisher.as_deref(), Some("The Courier"));
        assert_eq!(e.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.language.as_deref(), Some("fr"));
    }

    #[test]
    fn visible_date_line_and_signature() {
        let html = page(&format!(
            "<article><h1>Le pont sera réparé</h1><div class=infos>Publié le vendredi 6 septembre 2024 &nbsp;|&nbsp; <span>Le Journal</span></div>\
             <div class=texte><p>{P1}</p><p>{P2}</p><p class=signature>A.K</p></div></article>"
        ));
        let e = extract(&html).unwrap();
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
        assert_eq!(e.publisher.as_deref(), Some("Le Journal"));
        assert_eq!(e.byline.as_deref(), Some("A.K"));
        assert_eq!(e.text, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn time_element() {
        let html = page(&format!(
            "<article><time datetime=2023-02-03T08:00>3 février</time><p>{P1}</p></article>"
        ));
        assert_eq!(
            extract(&html).unwrap().published,
            NaiveDate::from_ymd_opt(2023, 2, 3)
        );
    }

    #[test]
    fn injected_title_is_refused() {
        let html = format!(
            "<html><head><meta property=og:title content='Bridge &quot;&gt;&lt;img src=x onerror=alert(1)&gt;'></head>\
             <body><h1>Bridge<img src=x onerror=alert(1)></h1><p>{P1}</p></body></html>"
        );
        assert_eq!(extract(&html).unwrap().title.as_deref(), Some("Bridge"));
    }

    #[test]
    fn scripts_and_friends_are_not_text() {
        let html = page(&format!(
            "<article><p>{P1}<script>alert('x')</script></p><svg><text>svg text</text></svg>\
             <p hidden>caché</p><p style='display: none'>caché</p><noscript><p>Activez JavaScript</p></noscript>\
             <p>&lt;script&gt;alert(1)&lt;/script&gt; est du texte.</p><form><p>Votre e-mail</p></form></article>"
        ));
        assert_eq!(
            extract(&html).unwrap().text,
            format!("{P1}\n\n<script>alert(1)</script> est du texte.")
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 3_000;
        let html = format!(
            "{}<p>{P1}</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let e = extract(&page(&html)).unwrap();
        assert_eq!(e.text, P1);
    }

    #[test]
    fn nothing_to_extract() {
        assert_eq!(
            extract("<html><body><nav><a href=/>Accueil</a></nav></body></html>"),
            Err(ExtractProblem::NoText)
        );
        assert_eq!(extract(""), Err(ExtractProblem::NoText));
    }

    #[test]
    fn page_wrapped_in_a_form() {
        // ASP.NET pages put the whole body in one <form>; the article inside still counts.
        let html = page(&format!(
            "<form id=aspnetForm><div id=wrap><nav><a>Accueil</a></nav><div class=story><p>{P1}</p><p>{P2}</p></div></div></form>"
        ));
        assert_eq!(extract(&html).unwrap().text, format!("{P1}\n\n{P2}"));
    }

    #[test]
    fn text_in_divs_with_line_breaks() {
        let html = page(&format!(
            "<div class=menu><a>Accueil</a> <a>Sports</a></div><div class=contenu>{P1}<br><br>{P2}<br>{P3}</div>"
        ));
        assert_eq!(
            extract(&html).unwrap().text,
            format!("{P1}\n\n{P2}\n\n{P3}")
        );
    }

    #[test]
    fn leading_kicker_date_and_credit_are_dropped() {
        let html = page(&format!(
            "<article><div>ÉCONOMIE / Numérique</div><div>Publié le 6 septembre 2024</div><div>Photo : AFP</div>\
             <p>{P1}</p><h2>Suite</h2><p>{P2}</p></article>"
        ));
        let e = extract(&html).unwrap();
        assert_eq!(e.text, format!("{P1}\n\nSuite\n\n{P2}"));
        assert_eq!(e.published, NaiveDate::from_ymd_opt(2024, 9, 6));
    }

    #[test]
    fn json_ld_entities() {
        assert_eq!(
            decode_entities("L&#8217;&eacute;t&#xE9; &amp; co &bogus; &"),
            "L’&eacute;té & co &bogus; &"
        );
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":"L&#8217;eau &amp; le pont"}}</script></head><body><p>{P1}</p></body></html>"#
        );
        assert_eq!(
            extract(&html).unwrap().title.as_deref(),
            Some("L’eau & le pont")
        );
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","headline":</script><title>Titre</title></head><body><p>{P1}</p></body></html>"#
        );
        assert_eq!(extract(&html).unwrap().title.as_deref(), Some("Titre"));
    }

    #[test]
    fn byline_cleaning() {
        assert_eq!(
            clean_byline("Par Jean Dupont, le 6 septembre 2024").as_deref(),
            Some("Jean Dupont")
        );
        assert_eq!(
            clean_byline("By Jane Doe | Reporter").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(clean_byline("https://facebook.com/someone"), None);
        assert_eq!(clean_byline("6 septembre 2024"), None);
        assert_eq!(clean_byline("Rk").as_deref(), Some("Rk"));
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site_suffix("Titre | aBamako.com", Some("aBamako.com")),
            "Titre"
        );
        assert_eq!(
            strip_site_suffix("Titre - Le Monde", Some("Le Monde")),
            "Titre"
        );
        assert_eq!(
            strip_site_suffix("Le Monde - Titre", Some("Le Monde")),
            "Titre"
        );
        assert_eq!(
            strip_site_suffix("Titre - Autre chose", Some("Le Monde")),
            "Titre - Autre chose"
        );
        assert_eq!(strip_site_suffix("Titre | Site", None), "Titre | Site");
    }
}
