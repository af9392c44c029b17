//! Extracting an article from an HTML page: metadata from `<meta>`, JSON-LD and the visible
//! page, and the body from the container whose paragraphs carry the most text.
//!
//! The page is parsed once (`Html::parse_document`), after the contents of its scripts and
//! style sheets are cut out (they are never text, and tokenizing them is a good share of the
//! parse); nothing in it is executed or fetched, and what comes out is plain text. Every walk over
//! the tree here is iterative, so deep nesting costs no stack.
//!
//! The steps:
//! 1. `Survey::of`: one walk over the whole tree. Every paragraph-like element gives its text
//!    (less its links) to its parent, half to its grandparent and a quarter above; boilerplate
//!    (navigation, asides, comments, share bars…) stops the flow. The same walk gathers the
//!    `<meta>` tags, JSON-LD, `<title>`, the first `<h1>`, `<time>` elements, visible date lines
//!    ("Publié le …", "Updated …") and byline elements, so nothing else walks the whole page.
//! 2. `Survey::container`: the best-scoring candidate (discounted inside boilerplate, as a list of
//!    `<article>` teasers, or when full of links), moved up to an ancestor that holds clearly more
//!    paragraph text or the article's other chunks — but not past an `<article>` or `<main>`.
//! 3. `emit_blocks`: the container's blocks in document order, then `clean_blocks` drops chrome.
//! 4. Title, byline, dates, publisher, language, URL from the metadata, falling back on what
//!    the walk saw near the article (`<h1>`, a visible date line, `<time>`, byline elements).
//!
//! Boilerplate is recognised by general rules — element names, ARIA roles, whole words of class
//! names and ids — never by a site's own names.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};
use serde_json::Value;

use super::Extracted;
use super::dates;
use super::language;
use super::plaintext;
use crate::error::ExtractProblem;

/// Extracts the article from an HTML page.
pub fn extract(html: &str) -> Result<Extracted, ExtractProblem> {
    let doc = Html::parse_document(&strip_code(html));
    let root = doc.root_element();
    let survey = Survey::of(root);
    let meta = Metadata::read(&survey);
    let body = survey.body.unwrap_or(root);
    let container = survey.container().unwrap_or(body);
    let scope = scope_of(container);

    let visible_date = survey.visible_date(scope);
    let publisher = meta.publisher.clone().or_else(|| {
        visible_date
            .as_ref()
            .and_then(|d| d.parts.line.publisher.clone())
    });
    let title = pick_title(&survey, &meta, publisher.as_deref());

    let mut blocks = emit_blocks(container, title.as_deref());
    let mut byline = meta
        .byline
        .clone()
        .or_else(|| survey.byline(container, scope));
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
        .or_else(|| survey.time_published(scope))
        .or_else(|| visible_date.as_ref().map(|d| d.parts.line.date));
    let modified = meta
        .modified
        .or_else(|| survey.time_modified(scope))
        .or_else(|| survey.visible_update(scope));
    let language = root
        .attr("lang")
        .or_else(|| root.attr("xml:lang"))
        .and_then(language::normalise_lang_attr)
        .or_else(|| language::detect(&text));

    Ok(Extracted {
        title,
        byline,
        publisher,
        published,
        modified,
        language,
        url: meta.url.clone(),
        text,
    })
}

// ---------------------------------------------------------------------------------------------
// Before parsing
// ---------------------------------------------------------------------------------------------

/// The page with the contents of its `<script>`s (JSON-LD excepted) and `<style>`s left out.
///
/// Nearly half the bytes of a news page are code, which the extractor never reads; dropping it
/// before html5ever tokenizes it halves the parse. The tags themselves stay, so the tree is the
/// same as the whole page's less the code's text. The scan knows comments, quoted attribute
/// values and the other raw-text elements, so a `<script` in those is not taken for a tag; a
/// script whose code holds `<!--` (where the HTML rules for finding its end get intricate) is
/// left whole for the parser.
fn strip_code(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` before this are in `out` (or dropped)
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            // A comment ends at the next "-->" (or the end of the page).
            i = find(bytes, b"-->", lt + 4).map_or(bytes.len(), |e| e + 3);
            continue;
        }
        if !rest.first().is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_len = rest
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let Some(tag_end) = end_of_tag(bytes, lt + 1 + name_len) else {
            break;
        };
        let lower: Vec<u8> = name.to_ascii_lowercase();
        i = tag_end;
        let strip = match lower.as_slice() {
            b"script" => !contains_ci(&bytes[lt..tag_end], b"ld+json"),
            b"style" => true,
            b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript" => {
                false
            }
            b"plaintext" => break,
            _ => continue,
        };
        // A raw-text element: its content runs to the first matching end tag.
        let Some(close) = find_end_tag(bytes, &lower, tag_end) else {
            break;
        };
        if strip && find(&bytes[..close], b"<!--", tag_end).is_none() && close > tag_end {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
            buf.push_str(&html[copied..tag_end]);
            copied = close;
        }
        i = close;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            std::borrow::Cow::Owned(buf)
        }
    }
}

/// Where `needle` first occurs in `hay` at or after `from`.
fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// One past the `>` that ends the tag whose attributes start at `from`; quoted attribute values
/// (a quote right after `=`) may hold `>`.
fn end_of_tag(bytes: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    while j < bytes.len() {
        match bytes[j] {
            b'>' => return Some(j + 1),
            b'=' => {
                j += 1;
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if let Some(&q) = bytes.get(j)
                    && (q == b'"' || q == b'\'')
                {
                    j = bytes[j + 1..].iter().position(|&b| b == q)? + j + 2;
                    continue;
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// Where the end tag `</name` (followed by a space, `/` or `>`) first starts at or after `from`.
fn find_end_tag(bytes: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut j = from;
    while let Some(off) = bytes.get(j..)?.iter().position(|&b| b == b'<') {
        let at = j + off;
        let tail = &bytes[at + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name)
            && tail
                .get(name.len() + 1)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        {
            return Some(at);
        }
        j = at + 1;
    }
    None
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

/// Elements that never hold text.
fn is_hard_tag(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "iframe" | "frame" | "frameset" | "svg"
            | "math" | "object" | "embed" | "applet" | "canvas" | "video" | "audio" | "source"
            | "track" | "map" | "head" | "title" | "button" | "select" | "textarea" | "input"
            | "option" | "optgroup" | "datalist" | "link" | "meta" | "base" | "param" | "dialog"
            | "slot" | "img" | "picture"
    )
}

/// Elements that hold boilerplate unless they hold the article.
fn is_soft_tag(name: &str) -> bool {
    matches!(
        name,
        "nav" | "aside" | "figure" | "figcaption" | "form" | "header" | "footer" | "menu" | "label"
            | "fieldset"
    )
}

fn is_soft_role(role: &str) -> bool {
    let role = role.trim();
    [
        "navigation", "banner", "complementary", "contentinfo", "search", "dialog", "alertdialog",
        "menu", "menubar",
    ]
    .iter()
    .any(|r| role.eq_ignore_ascii_case(r))
}

/// Whether an element is text, boilerplate or never text.
fn skip_kind(el: &Element) -> Skip {
    let name = el.name();
    if is_hard_tag(name) || is_hidden(el) {
        return Skip::Hard;
    }
    if name == "html" || name == "body" {
        return Skip::No;
    }
    if is_soft_tag(name) || el.attr("role").is_some_and(is_soft_role) || class_words(el).soft() {
        return Skip::Soft;
    }
    Skip::No
}

/// Never text: a hard tag or a hidden element.
fn is_hard(el: &Element) -> bool {
    is_hard_tag(el.name()) || is_hidden(el)
}

/// What one class or id word says (a set of the `W_` bits).
type WordBits = u16;
/// Always boilerplate: share bars, comments, related links, ads, navigation…
const W_SOFT: WordBits = 1;
/// Boilerplate unless the element also says it holds content: bylines, captions, dates, tags…
const W_WEAK: WordBits = 1 << 1;
/// A weak word that page builders use to qualify a wrapper's name (`elementor-widget-wrap`,
/// `hs_cos_wrapper_meta_field`): boilerplate only when it ends the name or a non-structural
/// word follows it.
const W_MODIFIER: WordBits = 1 << 2;
/// The element holds the text itself (`content`, `text`, `body`…).
const W_CONTENT: WordBits = 1 << 3;
/// A wrapper's name (`wrap`, `container`, `inner`…).
const W_STRUCTURAL: WordBits = 1 << 4;
/// Suggests the article (`article`, `post`, `story`, and the content words).
const W_POSITIVE: WordBits = 1 << 5;
/// Marks an element holding the byline.
const W_BYLINE: WordBits = 1 << 6;
/// A post embedded in the article (a quoted tweet): content even inside a `social-…` box.
const W_EMBED: WordBits = 1 << 7;
/// Dates a revision (`updated`, `modified`).
const W_UPDATED: WordBits = 1 << 8;
/// Dates the publication (`published`).
const W_PUBLISHED: WordBits = 1 << 9;

/// The bits of one lower-case class or id word.
#[rustfmt::skip]
fn word_bits(w: &str) -> WordBits {
    match w {
        "share" | "shares" | "sharing" | "sharer" | "sharebar" | "partage" | "partager" | "social"
        | "socials" | "comment" | "comments" | "commentaire" | "commentaires" | "disqus" | "related"
        | "relatedposts" | "newsletter" | "newsletters" | "cookie" | "cookies" | "consent" | "gdpr"
        | "ad" | "ads" | "adv" | "advert" | "adverts" | "advertisement" | "advertising"
        | "adsbygoogle" | "adslot" | "pub" | "publicite" | "publicité" | "sponsor" | "sponsored"
        | "promo" | "outbrain" | "taboola" | "breadcrumb" | "breadcrumbs" | "nav" | "navbar"
        | "navigation" | "popup" | "modal" | "subscribe" | "subscription" | "abonnement"
        | "popular" | "trending" | "recommended" | "recirculation" | "menu" | "sidebar" | "header"
        | "footer" | "masthead" => W_SOFT,
        "byline" | "signature" | "author" | "authors" | "auteur" => W_WEAK | W_BYLINE,
        "writer" | "journalist" | "journaliste" => W_BYLINE,
        "caption" | "legende" | "légende" | "credit" | "credits" | "tags" | "date" | "timestamp"
        | "print" => W_WEAK,
        "widget" | "widgets" | "meta" | "metadata" | "toolbar" | "banner" => W_WEAK | W_MODIFIER,
        "content" | "contents" | "text" | "body" | "contenu" | "texte" | "corps" | "prose"
        | "articlebody" => W_CONTENT | W_POSITIVE,
        "article" | "entry" | "post" | "story" | "chapo" | "main" => W_POSITIVE,
        "wrap" | "wrapper" | "container" | "inner" | "outer" | "holder" | "field" | "group"
        | "section" | "column" | "col" | "row" | "region" | "zone" | "layout" | "area"
        | "populated" => W_STRUCTURAL,
        "embed" | "embedded" | "oembed" => W_EMBED,
        "updated" | "modified" | "update" => W_UPDATED,
        "published" | "pubdate" => W_PUBLISHED,
        _ => 0,
    }
}

/// What an element's class and id words say, read once.
#[derive(Debug, Clone, Copy, Default)]
struct ClassWords {
    /// Every bit seen.
    any: WordBits,
    /// A weak word that names the box itself (not a modifier of a wrapper's name).
    weak: bool,
}

impl ClassWords {
    /// Boilerplate: a strong word, or a weak one without a content word beside it — and no word
    /// saying the element is an embedded post.
    fn soft(self) -> bool {
        self.any & W_EMBED == 0
            && (self.any & W_SOFT != 0 || (self.weak && self.any & W_CONTENT == 0))
    }

    fn has(self, bits: WordBits) -> bool {
        self.any & bits != 0
    }
}

/// Reads the words of the element's classes and id (split on `-`, `_`, spaces and camelCase):
/// `share-bar` and `shareBar` say "share"; `header` is not `head`, `read` is not `ad`.
fn class_words(el: &Element) -> ClassWords {
    let mut out = ClassWords::default();
    for name in el.classes().chain(el.id()) {
        let mut pending_modifier = false;
        any_word(name, |w| {
            let bits = with_lower(w, word_bits);
            if pending_modifier && bits & W_STRUCTURAL == 0 {
                out.weak = true;
            }
            pending_modifier = bits & W_MODIFIER != 0;
            if bits & W_WEAK != 0 && bits & W_MODIFIER == 0 {
                out.weak = true;
            }
            out.any |= bits;
            false
        });
        out.weak |= pending_modifier;
    }
    out
}

/// Calls `f` with `w` in lower case (without allocating for short ASCII words).
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if !w.chars().any(char::is_uppercase) {
        return f(w);
    }
    if w.len() <= 32 && w.is_ascii() {
        let mut buf = [0u8; 32];
        let bytes = &mut buf[..w.len()];
        bytes.copy_from_slice(w.as_bytes());
        bytes.make_ascii_lowercase();
        // ASCII stays valid UTF-8 when lower-cased.
        return f(std::str::from_utf8(bytes).unwrap_or(w));
    }
    f(&w.to_lowercase())
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

/// Whole class names that hide an element.
#[rustfmt::skip]
const HIDDEN_CLASSES: &[&str] = &[
    "hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "d-none",
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
    el.attr("style").is_some_and(style_hides)
}

/// `display: none` or `visibility: hidden` in a `style` attribute.
fn style_hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let (prop, value) = (prop.trim(), value.trim());
        (prop.eq_ignore_ascii_case("display") && starts_with_ci(value, "none"))
            || (prop.eq_ignore_ascii_case("visibility") && starts_with_ci(value, "hidden"))
    })
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd" | "details"
            | "dialog" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption" | "figure"
            | "footer" | "form" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup"
            | "hr" | "li" | "main" | "menu" | "nav" | "ol" | "p" | "pre" | "section" | "summary"
            | "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "ul"
            | "legend" | "html" | "listing" | "xmp" | "plaintext"
    )
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// `<article>`, `<main>`, `role=main`, `itemprop=articleBody`: elements that declare where the
/// article (or the page's main part) ends.
fn is_article_boundary(el: &Element) -> bool {
    matches!(el.name(), "article" | "main")
        || el
            .attr("role")
            .is_some_and(|r| r.trim().eq_ignore_ascii_case("main"))
        || has_itemprop(el, "articleBody")
}

/// True when the element's `itemprop` lists `prop`.
fn has_itemprop(el: &Element, prop: &str) -> bool {
    el.attr("itemprop").is_some_and(|p| {
        p.split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(prop))
    })
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
        Event::Open(e) => !is_hard(e.value()),
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
        Event::Open(e) => !too_long && !is_hard(e.value()),
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
    modified: Option<NaiveDate>,
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
#[rustfmt::skip]
const META_MODIFIED_KEYS: &[&str] = &[
    "article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified",
    "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "modified", "revised",
];

impl Metadata {
    fn read(survey: &Survey) -> Metadata {
        let tags = &survey.meta;
        let get = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
        let ld = JsonLd::read(&survey.json_ld);

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
        let date_of = |keys: &[&str]| {
            keys.iter()
                .filter_map(|k| tags.get(*k))
                .find_map(|d| dates::parse_date(d))
        };
        let published = date_of(META_DATE_KEYS).or(ld.published);
        let modified = date_of(META_MODIFIED_KEYS).or(ld.modified);
        let url = survey
            .canonical
            .iter()
            .map(String::as_str)
            .chain(tags.get("og:url").map(String::as_str))
            .map(str::trim)
            .find(|u| is_web_url(u))
            .map(str::to_string);
        Metadata {
            titles,
            publisher,
            byline,
            published,
            modified,
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
    modified: Option<NaiveDate>,
}

#[rustfmt::skip]
const ARTICLE_TYPES: &[&str] = &[
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "report", "scholarlyarticle", "techarticle", "socialmediaposting", "satiricalarticle",
];

impl JsonLd {
    fn read(scripts: &[String]) -> JsonLd {
        let mut objects: Vec<Value> = Vec::new();
        for raw in scripts {
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
        let date = |key: &str| {
            article
                .get(key)
                .and_then(Value::as_str)
                .and_then(dates::parse_date)
        };
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
            published: date("datePublished"),
            modified: date("dateModified"),
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
fn pick_title(survey: &Survey, meta: &Metadata, publisher: Option<&str>) -> Option<String> {
    meta.titles
        .iter()
        .cloned()
        .chain(survey.h1.clone())
        .chain(survey.title_tag.clone())
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
// The main walk
// ---------------------------------------------------------------------------------------------

/// Paragraphs shorter than this (characters) do not vote for a container.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// How many ancestors above a paragraph still count its text towards `total`.
const MAX_CONTRIBUTION_DEPTH: usize = 64;
/// A container moves up to its parent while it holds less than this share of the parent's
/// paragraph text.
const CLIMB_SHARE: f64 = 0.6;
/// A container also moves up when it and its look-alike siblings (the same tag and class) hold
/// at least this share of the parent's paragraph text: the article is cut into chunks.
const CHUNKS_SHARE: f64 = 0.8;
/// What a candidate inside boilerplate is worth next to one outside.
const SOFT_DISCOUNT: f64 = 0.3;
/// What a list of `<article>` teasers is worth next to an article.
const LISTING_DISCOUNT: f64 = 0.3;
/// Longest text (characters) read as a date line or a byline.
const MAX_FURNITURE_CHARS: usize = 200;

/// What the main walk records about one element.
struct NodeInfo<'a> {
    el: ElementRef<'a>,
    /// Index of the parent's record (`usize::MAX` for the root).
    parent: usize,
    skip: Skip,
    /// This element or one above it is boilerplate.
    in_soft: bool,
    /// Weighted paragraph text from the element and the two levels below it.
    score: f64,
    /// All the paragraph text below it (up to boilerplate).
    total: f64,
    /// `<article>`s with text below it, and their text.
    nested_articles: usize,
    nested_text: f64,
    /// Visible characters below it outside boilerplate, and how many of them are in links.
    chars: usize,
    link_chars: usize,
}

/// One open element during the walk.
struct Frame {
    /// Index in `Survey::nodes`.
    node: usize,
    soft: bool,
    block: bool,
    /// Paragraph-like: its own inline text votes.
    votes: bool,
    /// Inside boilerplate other than a `<header>`/`<footer>` element (where a byline may sit).
    boiler: bool,
    /// Own inline text, for the vote.
    own_chars: usize,
    own_link_chars: usize,
    last_space: bool,
    /// This element is a byline already read (what is inside is not read again for one).
    byline: bool,
    /// This element is a date line already read (likewise).
    date_line: bool,
}

/// A `<time>` (or `itemprop=datePublished/dateModified`) element and its date.
struct TimeMark<'a> {
    el: ElementRef<'a>,
    date: NaiveDate,
    /// Says it dates the publication (`itemprop=datePublished`, `pubdate`, class `published`).
    published: bool,
    /// Says it dates a revision (`itemprop=dateModified`, class `updated`).
    modified: bool,
}

/// A visible date line ("Publié le …") and where it is.
struct DateMark<'a> {
    el: ElementRef<'a>,
    parts: dates::DateParts,
}

/// A byline element and the name read from it.
struct BylineMark<'a> {
    el: ElementRef<'a>,
    name: Option<String>,
    /// Not inside boilerplate (comments, related stories…).
    outside_boilerplate: bool,
}

/// Everything the one walk over the page finds.
struct Survey<'a> {
    nodes: Vec<NodeInfo<'a>>,
    body: Option<ElementRef<'a>>,
    /// `<meta>` content by lower-case `property`/`name`/`itemprop` (the first of each wins).
    meta: HashMap<String, String>,
    json_ld: Vec<String>,
    canonical: Vec<String>,
    title_tag: Option<String>,
    /// The text of the first `<h1>` that has some.
    h1: Option<String>,
    times: Vec<TimeMark<'a>>,
    date_lines: Vec<DateMark<'a>>,
    bylines: Vec<BylineMark<'a>>,
}

impl<'a> Survey<'a> {
    fn of(root: ElementRef<'a>) -> Survey<'a> {
        let mut s = Survey {
            nodes: Vec::new(),
            body: None,
            meta: HashMap::new(),
            json_ld: Vec::new(),
            canonical: Vec::new(),
            title_tag: None,
            h1: None,
            times: Vec::new(),
            date_lines: Vec::new(),
            bylines: Vec::new(),
        };
        s.nodes.push(NodeInfo::new(root, usize::MAX, Skip::No, false));
        let mut stack: Vec<Frame> = vec![Frame {
            node: 0,
            soft: false,
            block: true,
            votes: false,
            boiler: false,
            own_chars: 0,
            own_link_chars: 0,
            last_space: true,
            byline: false,
            date_line: false,
        }];
        let mut link_depth = 0usize;
        let mut byline_depth = 0usize;
        let mut date_depth = 0usize;

        walk(root, |ev| match ev {
            Event::Open(el) => {
                let v = el.value();
                let name = v.name();
                s.collect_head(el, name);
                let skip = if name == "head" {
                    // Its <meta>, <title>, <link> and JSON-LD are read above; it has no text.
                    Skip::Soft
                } else {
                    skip_kind(v)
                };
                if skip == Skip::Hard {
                    return false;
                }
                if name == "body" && s.body.is_none() {
                    s.body = Some(el);
                }
                if name == "a" {
                    link_depth += 1;
                }
                let (parent, parent_in_soft, parent_boiler) = stack
                    .last()
                    .map_or((0, false, false), |f| {
                        (f.node, s.nodes[f.node].in_soft, f.boiler)
                    });
                let soft = skip == Skip::Soft;
                let idx = s.nodes.len();
                s.nodes
                    .push(NodeInfo::new(el, parent, skip, soft || parent_in_soft));
                let block = is_block(name);
                let boiler = parent_boiler || (soft && !matches!(name, "header" | "footer"));
                let (byline, date_line) =
                    s.collect_furniture(el, boiler, byline_depth == 0, date_depth == 0);
                byline_depth += usize::from(byline);
                date_depth += usize::from(date_line);
                stack.push(Frame {
                    node: idx,
                    soft,
                    block,
                    votes: block
                        && skip == Skip::No
                        && !is_heading(name)
                        && !matches!(
                            name,
                            "ul" | "ol" | "dl" | "table" | "tbody" | "thead" | "tfoot" | "tr"
                        ),
                    boiler,
                    own_chars: 0,
                    own_link_chars: 0,
                    last_space: true,
                    byline,
                    date_line,
                });
                true
            }
            Event::Close(el) => {
                if el.value().name() == "a" {
                    link_depth = link_depth.saturating_sub(1);
                }
                // The root's frame stays: the walk closes only elements below the root.
                if stack.len() <= 1 {
                    return true;
                }
                let Some(frame) = stack.pop() else {
                    return true;
                };
                if frame.byline {
                    byline_depth = byline_depth.saturating_sub(1);
                }
                if frame.date_line {
                    date_depth = date_depth.saturating_sub(1);
                }
                s.close(&frame, &stack);
                true
            }
            Event::Text(t) => {
                let in_link = link_depth > 0;
                let mut visible = 0;
                let mut links = 0;
                // The text belongs to the nearest open block.
                if let Some(frame) = stack.iter_mut().rev().find(|f| f.block) {
                    for c in t.chars() {
                        let space = is_html_space(c);
                        if !space {
                            visible += 1;
                        }
                        if space && frame.last_space {
                            continue;
                        }
                        frame.own_chars += 1;
                        if in_link {
                            frame.own_link_chars += 1;
                        }
                        frame.last_space = space;
                    }
                } else {
                    visible = t.chars().filter(|c| !is_html_space(*c)).count();
                }
                if in_link {
                    links = visible;
                }
                if let Some(frame) = stack.last() {
                    let node = &mut s.nodes[frame.node];
                    node.chars += visible;
                    node.link_chars += links;
                }
                true
            }
        });
        s
    }

    /// Reads what `<head>` (and the odd tag in `<body>`) declares: `<meta>`, `<title>`,
    /// `<link rel=canonical>`, JSON-LD.
    fn collect_head(&mut self, el: ElementRef<'a>, name: &str) {
        let v = el.value();
        match name {
            "meta" => {
                let Some(content) = v.attr("content") else {
                    return;
                };
                let content = collapse(content);
                if content.is_empty() {
                    return;
                }
                for attr in ["property", "name", "itemprop"] {
                    if let Some(k) = v.attr(attr) {
                        self.meta
                            .entry(k.trim().to_ascii_lowercase())
                            .or_insert_with(|| content.clone());
                    }
                }
            }
            "link" => {
                if v.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|w| w.eq_ignore_ascii_case("canonical"))
                }) && let Some(href) = v.attr("href")
                {
                    self.canonical.push(href.trim().to_string());
                }
            }
            "title" if self.title_tag.is_none() => {
                self.title_tag = Some(collapse(&el.text().collect::<String>()));
            }
            "script"
                if v.attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                self.json_ld.push(el.text().collect());
            }
            _ => {}
        }
    }

    /// Notes the first `<h1>`, a `<time>`, a byline element (when `want_byline`) or a date line
    /// (when `want_date`); returns whether the element is a byline and whether it is a date line
    /// (what is inside it is then not looked at again for one).
    fn collect_furniture(
        &mut self,
        el: ElementRef<'a>,
        boiler: bool,
        want_byline: bool,
        want_date: bool,
    ) -> (bool, bool) {
        let v = el.value();
        let name = v.name();
        if self.h1.is_none() && name == "h1" {
            let text = text_of(el);
            if !text.is_empty() {
                self.h1 = Some(text);
            }
        }
        let words = class_words(v);
        let published_prop = has_itemprop(v, "datePublished");
        let modified_prop = has_itemprop(v, "dateModified");
        if (name == "time" && v.attr("datetime").is_some()) || published_prop || modified_prop {
            let date = v
                .attr("datetime")
                .or_else(|| v.attr("content"))
                .and_then(dates::parse_date)
                .or_else(|| dates::parse_date(&text_of(el)));
            if let Some(date) = date {
                self.times.push(TimeMark {
                    el,
                    date,
                    published: published_prop
                        || v.attr("pubdate").is_some()
                        || words.has(W_PUBLISHED),
                    modified: modified_prop || (!published_prop && words.has(W_UPDATED)),
                });
            }
        }
        let is_byline_el = want_byline
            && (v.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("author"))
            }) || has_itemprop(v, "author")
                || words.has(W_BYLINE));
        if is_byline_el {
            let name = short_text_of(el, MAX_FURNITURE_CHARS)
                .as_deref()
                .and_then(clean_byline);
            self.bylines.push(BylineMark {
                el,
                name,
                outside_boilerplate: !boiler,
            });
        }
        let mut is_date_line = false;
        if want_date
            && el
                .children()
                .any(|c| c.value().as_text().is_some_and(|t| !t.trim().is_empty()))
            && let Some(text) = short_text_of(el, MAX_FURNITURE_CHARS)
            && has_year(&text)
            && let Some(parts) = dates::date_line_parts(&text)
        {
            self.date_lines.push(DateMark { el, parts });
            is_date_line = true;
        }
        (is_byline_el, is_date_line)
    }

    /// Closes an element: passes its text up, and gives its vote when it is a paragraph.
    fn close(&mut self, frame: &Frame, stack: &[Frame]) {
        let idx = frame.node;
        // Visible text goes up to the parent unless this is boilerplate.
        if !frame.soft
            && let Some(parent) = stack.last()
        {
            let (c, l) = (self.nodes[idx].chars, self.nodes[idx].link_chars);
            let p = &mut self.nodes[parent.node];
            p.chars += c;
            p.link_chars += l;
        }
        if !frame.block {
            return;
        }
        // Tell the elements above how much of their text sits in this <article>.
        if self.nodes[idx].el.value().name() == "article" {
            let t = self.nodes[idx].total;
            if t > 0.0 {
                for anc in stack {
                    let n = &mut self.nodes[anc.node];
                    n.nested_articles += 1;
                    n.nested_text += t;
                }
            }
        }
        if !(frame.votes && frame.own_chars >= MIN_PARAGRAPH_CHARS) {
            return;
        }
        let density = frame.own_link_chars as f64 / frame.own_chars as f64;
        let vote = frame.own_chars as f64 * (1.0 - density).max(0.0);
        // A text-bearing <div> (no <p> inside) may itself be the container.
        if !matches!(
            self.nodes[idx].el.value().name(),
            "p" | "pre" | "li" | "blockquote" | "dd"
        ) {
            let n = &mut self.nodes[idx];
            n.score += vote;
            n.total += vote;
        }
        let mut weight = 1.0;
        for (depth, anc) in stack.iter().rev().enumerate() {
            if anc.soft || depth >= MAX_CONTRIBUTION_DEPTH {
                break;
            }
            let n = &mut self.nodes[anc.node];
            if depth < 3 {
                n.score += vote * weight;
                weight /= 2.0;
            }
            n.total += vote;
        }
    }

    /// The element that holds the article body, or `None` when no paragraph is long enough.
    fn container(&self) -> Option<ElementRef<'a>> {
        let nodes = &self.nodes;
        let mut ranked: Vec<(usize, f64)> = nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.score > 0.0)
            .map(|(i, n)| {
                let v = n.el.value();
                let mut s = n.score;
                if has_itemprop(v, "articleBody") {
                    s *= 1.5;
                } else if v.name() == "article" || class_words(v).has(W_POSITIVE) {
                    s *= 1.1;
                }
                // Text inside boilerplate (a long comment, a related story) competes at a
                // discount; a page wrapped whole in a <form> discounts every candidate alike.
                if n.in_soft {
                    s *= SOFT_DISCOUNT;
                }
                // Several <article>s holding most of the text: a list of teasers.
                if n.nested_articles >= 2 && n.nested_text >= 0.5 * n.total {
                    s *= LISTING_DISCOUNT;
                }
                (i, s)
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(5);

        // Among the best few, discount link-heavy ones.
        let best = ranked
            .iter()
            .map(|&(i, s)| (i, s * (1.0 - nodes[i].link_density())))
            .max_by(|a, b| a.1.total_cmp(&b.1))?
            .0;

        // Move up while an ancestor holds clearly more paragraph text (an article split in
        // parts), passing through wrappers that add none.
        let mut top = best;
        let mut cur = best;
        while let Some(parent) = nodes.get(nodes[cur].parent) {
            let p = nodes[cur].parent;
            // An <article> or <main> (or the element marked articleBody) bounds the article:
            // what lies beyond it is the rest of the site.
            if is_article_boundary(nodes[cur].el.value())
                || parent.el.value().name() == "html"
                || parent.skip != Skip::No
            {
                break;
            }
            if parent.total <= nodes[cur].total * 1.02 {
                cur = p;
                continue;
            }
            // The parent's other text sits in siblings built like this one (the same tag and a
            // class): the article is cut into chunks.
            let me = nodes[cur].el.value();
            let like: f64 = match me.attr("class").filter(|k| !k.trim().is_empty()) {
                Some(class) => nodes
                    .iter()
                    .enumerate()
                    .filter(|(i, n)| {
                        n.parent == p
                            && *i != cur
                            && n.el.value().name() == me.name()
                            && n.el.value().attr("class") == Some(class)
                    })
                    .map(|(_, n)| n.total)
                    .sum(),
                None => 0.0,
            };
            let chunked = like > 0.0 && nodes[top].total + like >= parent.total * CHUNKS_SHARE;
            if nodes[top].total >= parent.total * CLIMB_SHARE && !chunked {
                break;
            }
            top = p;
            cur = p;
        }
        Some(nodes[top].el)
    }

    /// The publication date of a `<time>` near the article: in `scope` one that says it dates
    /// the publication, else the first that does not say it dates a revision; else anywhere an
    /// `itemprop=datePublished`.
    fn time_published(&self, scope: ElementRef) -> Option<NaiveDate> {
        let inside: Vec<&TimeMark> = self
            .times
            .iter()
            .filter(|t| is_within(t.el, scope))
            .collect();
        inside
            .iter()
            .find(|t| t.published)
            .or_else(|| inside.iter().find(|t| !t.modified))
            .map(|t| t.date)
            .or_else(|| {
                self.times
                    .iter()
                    .find(|t| has_itemprop(t.el.value(), "datePublished"))
                    .map(|t| t.date)
            })
    }

    /// The revision date of a `<time>` (or `itemprop=dateModified`): near the article first.
    fn time_modified(&self, scope: ElementRef) -> Option<NaiveDate> {
        self.times
            .iter()
            .find(|t| t.modified && is_within(t.el, scope))
            .or_else(|| {
                self.times
                    .iter()
                    .find(|t| has_itemprop(t.el.value(), "dateModified"))
            })
            .map(|t| t.date)
    }

    /// The visible date line near the article: in `scope` the first publication line (or else
    /// the first revision line), bare dates included; elsewhere in the page only lines with a
    /// "Publié le" / "Updated" lead-in count (a bare date in a site header is today's).
    fn visible_date(&self, scope: ElementRef) -> Option<&DateMark<'a>> {
        let pick = |near: bool| {
            let ok = |d: &&DateMark| {
                if near {
                    is_within(d.el, scope)
                } else {
                    d.parts.prefixed
                }
            };
            self.date_lines
                .iter()
                .filter(ok)
                .find(|d| !d.parts.line.updated)
                .or_else(|| self.date_lines.iter().find(|d| ok(d)))
        };
        pick(true).or_else(|| pick(false))
    }

    /// The revision date a visible line gives: a "Mis à jour le …" line (near the article, else
    /// with its lead-in anywhere), or the second date of "Publié le …, mis à jour le …".
    fn visible_update(&self, scope: ElementRef) -> Option<NaiveDate> {
        let of = |d: &DateMark| {
            if d.parts.line.updated {
                Some(d.parts.line.date)
            } else {
                d.parts.revised
            }
        };
        self.date_lines
            .iter()
            .filter(|d| is_within(d.el, scope))
            .find_map(of)
            .or_else(|| {
                self.date_lines
                    .iter()
                    .filter(|d| d.parts.prefixed)
                    .find_map(of)
            })
    }

    /// A byline from elements marked as such (`rel=author`, `itemprop=author`, class or id
    /// `author`/`byline`/`signature`): in the container, then around it, then in the page
    /// outside boilerplate such as comments.
    fn byline(&self, container: ElementRef, scope: ElementRef) -> Option<String> {
        let first_in = |root: ElementRef| {
            self.bylines
                .iter()
                .filter(|b| is_within(b.el, root))
                .find_map(|b| b.name.clone())
        };
        first_in(container)
            .or_else(|| first_in(scope))
            .or_else(|| {
                self.bylines
                    .iter()
                    .filter(|b| b.outside_boilerplate)
                    .find_map(|b| b.name.clone())
            })
    }
}

impl<'a> NodeInfo<'a> {
    fn new(el: ElementRef<'a>, parent: usize, skip: Skip, in_soft: bool) -> NodeInfo<'a> {
        NodeInfo {
            el,
            parent,
            skip,
            in_soft,
            score: 0.0,
            total: 0.0,
            nested_articles: 0,
            nested_text: 0.0,
            chars: 0,
            link_chars: 0,
        }
    }

    /// Share of the element's visible text (boilerplate left out) that sits in links.
    fn link_density(&self) -> f64 {
        if self.chars == 0 {
            1.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// True when `el` is `root` or inside it.
fn is_within(el: ElementRef, root: ElementRef) -> bool {
    el.id() == root.id() || el.ancestors().any(|a| a.id() == root.id())
}

/// Four digits in a row: every date format read here has a year.
fn has_year(text: &str) -> bool {
    let mut run = 0;
    for b in text.bytes() {
        if b.is_ascii_digit() {
            run += 1;
            if run == 4 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

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
        let v = Html::parse_fragment(
            "<div class='shareBar loadMore'></div><div class='headline read-more'></div><div class='elementor-widget-wrap'></div><div class='post-meta'></div><div class='hs_meta_field rich_text'></div><div class='social-media-embed'></div>",
        );
        let divs: Vec<ElementRef> = v
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "div")
            .collect();
        let soft: Vec<bool> = divs.iter().map(|d| class_words(d.value()).soft()).collect();
        assert_eq!(soft, [true, false, false, true, false, false]);
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
