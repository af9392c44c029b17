//! The readable reports (`export --format markdown|html`) and the CheckThat! sentence TSV
//! (`export --format checkthat`). Driven through the `claimdesk` binary on the project's fixture
//! articles, compared with golden files, and checked for what must hold whatever the wording:
//! the HTML is self-contained and printable, hostile article text never becomes markup or a link,
//! and every sentence of a reviewed article gets the label its claims give it.

use regex::Regex;

use claimdesk::claim::RatingScale;
use claimdesk::export::json::Document;
use claimdesk::export::{Format, report};

mod common;
use common::{Desk, golden};

const FR: &str = "tests/fixtures/messagerie-fr.txt";
const EN: &str = "tests/fixtures/breaking-en.txt";
const EN_URL: &str = "https://news.example/city/bridge-repair?from=home&lang=en";

/// Version 2 of the French article: a paragraph inserted after the first one (so the claims after
/// it move) and the last paragraph deleted (so its claim is orphaned, then kept on version 1).
const FR_V2: &str = "La messagerie Kalimba revendique 950 millions d’utilisateurs et promet plus de modération
Publié le mardi 3 septembre 2024 | Le Courrier du Sahel

📱 Lancée en 2013, la messagerie Kalimba affirme avoir franchi un nouveau cap cet été, selon un communiqué publié le 2 septembre dernier.

🚀 Mise à jour du 4 septembre : l’entreprise a précisé ses chiffres. Elle parle désormais d’utilisateurs « actifs ».

Son fondateur, Idrissa Maïga, assure que le service compte désormais 950 millions d’utilisateurs actifs chaque mois, contre 700 millions un an plus tôt.

« Nous supprimons chaque jour des centaines de milliers de messages frauduleux », a-t-il déclaré lors d’une conférence de presse à Bamako.
";

/// After the opening emoji; moves in version 2.
const FIGURE: &str = "950 millions d’utilisateurs actifs chaque mois";
/// Inside the « » quotation; moves.
const FRAUD: &str = "des centaines de milliers de messages frauduleux";
/// Rejected as not worth checking; in the first paragraph, anchored.
const CAP: &str = "franchi un nouveau cap cet été";
/// In the paragraph version 2 deletes: kept on version 1.
const SUSPENDED: &str = "suspendue pendant quatre jours";
const BRIDGE: &str = "12 million euros";
const TRAFFIC: &str = "Traffic fell by 40 percent";

/// A desk with both fixture articles and reviewed claims on them: the French one in two versions
/// (claims moved, one kept on version 1, one rejected), the English one with an address.
struct Reports {
    desk: Desk,
    fr: String,
    en: String,
    suspended: String,
}

impl Reports {
    fn new() -> Reports {
        let desk = Desk::new();
        let fr = desk.run("Awa", &["import", FR]).trim().to_string();
        let en = desk.run("Awa", &["import", EN, "--url", EN_URL]).trim().to_string();
        let add = |who: &str, article: &str, quote: &str, extra: &[&str]| {
            let mut args = vec!["claim", "add", article, "--quote", quote, "--status", "in_review"];
            args.extend_from_slice(extra);
            desk.run(who, &args).trim().to_string()
        };
        let figure = add(
            "Awa",
            &fr,
            FIGURE,
            &[
                "--claimant", "Idrissa Maïga",
                "--claimant-role", "fondateur de Kalimba",
                "--verdict", "mostly_false",
                "--statement", "Kalimba compte 950 millions d’utilisateurs actifs par mois.",
                "--type", "quantity",
                "--tag", "audience",
                "--tag", "technologie",
                "--note", "Relancer l’entreprise pour la méthode de calcul.",
                "--rationale", "Le rapport **AppScope** de juin compte *610 millions* d’utilisateurs actifs.\n\nL’entreprise compte aussi les comptes inactifs :\n- comptes créés\n- comptes suspendus",
            ],
        );
        desk.run("Awa", &[
            "claim", "set", &figure,
            "--add-evidence", "https://appscope.example/rapports/2024-06",
            "--evidence-quote", "610 millions d’utilisateurs actifs mensuels",
            "--evidence-stance", "refutes",
            "--evidence-title", "Rapport d’audience juin 2024",
            "--evidence-publisher", "AppScope",
            "--evidence-accessed", "2024-09-05",
        ]);
        desk.run("Awa", &["claim", "set", &figure, "--status", "reviewed"]);
        let fraud = add("Awa", &fr, FRAUD, &["--claimant", "Idrissa Maïga", "--verdict", "unverifiable"]);
        desk.run("Awa", &["claim", "set", &fraud, "--status", "reviewed"]);
        let cap = add("Awa", &fr, CAP, &[]);
        desk.run("Awa", &["claim", "set", &cap, "--status", "rejected"]);
        let suspended = add("Awa", &fr, SUSPENDED, &["--verdict", "true", "--tag", "régulation"]);
        desk.run("Awa", &["claim", "set", &suspended, "--status", "reviewed"]);

        let bridge = add("Moussa", &en, BRIDGE, &[
            "--verdict", "false",
            "--statement", "The bridge repair costs 12 million euros.",
            "--rationale", "The council's budget line says 14 million.",
            "--add-evidence", "https://council.example/budget-2024.pdf",
            "--evidence-stance", "refutes",
            "--evidence-accessed", "2024-01-16",
        ]);
        desk.run("Moussa", &["claim", "set", &bridge, "--status", "reviewed"]);
        let traffic = add("Moussa", &en, TRAFFIC, &["--verdict", "mostly_true", "--claimant", "a spokesperson"]);
        desk.run("Moussa", &["claim", "set", &traffic, "--status", "reviewed"]);
        desk.run("Moussa", &["claim", "set", &traffic, "--status", "published"]);

        let v2 = desk.file("messagerie-fr-v2.txt", FR_V2);
        desk.run("Awa", &["import", &v2, "--version-of", &fr]);
        desk.run("Awa", &["claim", "keep", &suspended]);
        Reports { desk, fr, en, suspended }
    }

    fn export(&self, format: &str, extra: &[&str]) -> String {
        let mut args = vec!["export", "--format", format];
        args.extend_from_slice(extra);
        self.desk.run("Awa", &args)
    }

    fn document(&self, extra: &[&str]) -> Document {
        serde_json::from_str(&self.export("json", extra)).unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown and HTML
// ---------------------------------------------------------------------------------------------

#[test]
fn reports_match_their_golden_files() {
    let r = Reports::new();
    for (format, ext) in [("markdown", "md"), ("html", "html")] {
        golden(&format!("{format}/messagerie-fr.{ext}"), &r.export(format, &["--article", &r.fr]));
        golden(&format!("{format}/breaking-en.{ext}"), &r.export(format, &["--article", &r.en]));
    }
}

#[test]
fn a_report_speaks_the_article_language_and_says_which_version_a_claim_is_on() {
    let r = Reports::new();
    let fr = r.export("markdown", &["--article", &r.fr]);
    for phrase in [
        "# Rapport de vérification",
        "## La messagerie Kalimba revendique 950 millions d’utilisateurs et promet plus de modération",
        "- **Source\u{a0}:** Le Courrier du Sahel",
        "- **Version\u{a0}:** 2 sur 2",
        "**Bilan\u{a0}:** 3 affirmations — Plutôt faux\u{a0}: 1 · Vrai\u{a0}: 1 · Invérifiable\u{a0}: 1",
        "### Affirmation 1 — Plutôt faux",
        // The whole sentence around the quote, from the version the claim is on.
        "> Son fondateur, Idrissa Maïga, assure que le service compte désormais **950 millions d’utilisateurs actifs chaque mois**, contre 700 millions un an plus tôt.",
        // The quotation marks stay with their sentence.
        "> « Nous supprimons chaque jour **des centaines de milliers de messages frauduleux** », a-t-il déclaré lors d’une conférence de presse à Bamako.",
        "- **Auteur de l’affirmation\u{a0}:** Idrissa Maïga (fondateur de Kalimba)",
        "- **Type\u{a0}:** Quantité",
        "- **Statut\u{a0}:** vérifiée",
        "- **Porte sur\u{a0}:** la version 1 sur 2 (conservée telle quelle)",
        // The rationale stays markdown, quoted.
        "> Le rapport **AppScope** de juin compte *610 millions* d’utilisateurs actifs.\n>\n> L’entreprise compte aussi les comptes inactifs :\n> - comptes créés",
        "- [Rapport d’audience juin 2024](<https://appscope.example/rapports/2024-06>) — AppScope · consultée le 2024-09-05 · contredit l’affirmation",
    ] {
        assert!(fr.contains(phrase), "the French report lacks {phrase:?}:\n{fr}");
    }
    assert!(!fr.contains(CAP), "a rejected claim is not in the default export");
    // Claims in text order, the one kept on version 1 last.
    let order: Vec<usize> = [FIGURE, FRAUD, SUSPENDED].iter().map(|q| fr.find(&format!("**{q}**")).unwrap()).collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");

    let en = r.export("html", &["--article", &r.en]);
    for phrase in [
        "<html lang=\"en\">",
        "<article lang=\"en\">",
        "<h1>Fact-check report</h1>",
        "<h3>Claim 1 — <span class=\"verdict\" style=\"background: #c62828\">False</span></h3>",
        "<mark>12 million euros</mark>",
        "<dt>Status</dt><dd>published</dd>",
        "<a href=\"https://news.example/city/bridge-repair?from=home&amp;lang=en\" rel=\"noopener noreferrer\">",
        "&quot;<mark>Traffic fell by 40 percent</mark> while the bridge was closed,&quot; a spokesperson said.",
        "<p>The council&#39;s budget line says 14 million.</p>",
    ] {
        assert!(en.contains(phrase), "the English report lacks {phrase:?}:\n{en}");
    }
    // Articles in both languages: English headings, each article its own `lang`.
    let both = r.export("html", &[]);
    assert!(both.contains("<html lang=\"en\">") && both.contains("<article lang=\"fr\">") && both.contains("<h3>Affirmation 1"));
}

#[test]
fn the_html_report_is_self_contained_and_printable() {
    let r = Reports::new();
    let html = r.export("html", &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang="));
    assert!(html.ends_with("</html>\n"));
    for needed in ["<meta charset=\"utf-8\">", "<style>", "@media print", "break-inside: avoid", "attr(href)", "Content-Security-Policy"] {
        assert!(html.contains(needed), "no {needed:?}");
    }
    for external in ["<script", "<link", "<img", "<iframe", " src=", "@import", "url("] {
        assert!(!html.contains(external), "the page loads or runs something: {external:?}");
    }
    assert_only_our_markup(&html);
    let path = r.desk.dir.path().join("report.html");
    r.desk.run("Awa", &["export", "--format", "html", "-o", path.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&path).unwrap().replace(&date_of(&html), "D"), html.replace(&date_of(&html), "D"));
    assert_eq!(Format::parse("html").unwrap().extension(), "html");
    assert_eq!(Format::parse("markdown").unwrap().extension(), "md");
    assert!(Format::parse("pdf").unwrap_err().to_string().contains("markdown, html or checkthat"));
}

/// The export date the page shows.
fn date_of(html: &str) -> String {
    Regex::new(r"\d{4}-\d{2}-\d{2}").unwrap().find(html).unwrap().as_str().to_string()
}

/// Every tag is one the report writes, every link an http(s) one with `rel="noopener
/// noreferrer"`, and no attribute is an event handler.
fn assert_only_our_markup(html: &str) {
    const TAGS: [&str; 29] = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p", "article",
        "ul", "li", "b", "section", "blockquote", "mark", "dl", "dt", "dd", "div", "span", "a", "/", "!--", "br",
    ];
    let tag = Regex::new(r"<(/?)([!A-Za-z0-9-]*)").unwrap();
    for m in tag.captures_iter(html) {
        assert!(TAGS.contains(&&m[2]), "a tag the report does not write: {:?}", &m[0]);
    }
    let a = Regex::new(r"<a ([^>]*)>").unwrap();
    let safe_link = Regex::new(r#"^href="https?://[^"]*" rel="noopener noreferrer"$"#).unwrap();
    for m in a.captures_iter(html) {
        let attrs = &m[1];
        assert!(
            safe_link.is_match(attrs),
            "a link the report should not make: {attrs}"
        );
    }
    let attribute = Regex::new(r#"<[a-z0-9]+((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>"#).unwrap();
    for m in attribute.captures_iter(html) {
        assert!(!m[1].contains(" on"), "an event handler: {}", &m[0]);
        assert!(!m[1].to_lowercase().contains("javascript:"), "a script address: {}", &m[0]);
    }
}

/// A plain-text article whose title, publisher and text are markup and link syntax.
const HOSTILE: &str = "Breaking <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))
Published Monday, 15 January 2024 | Evil <b onmouseover=alert(4)>News</b>

The mayor said <img src=x onerror=alert(5)> costs 12 million euros. See [this](javascript:alert(6)) and <script>alert(7)</script> now.

# Not a heading ` and *not* _emphasis_ | nor | a table
";

#[test]
fn hostile_text_never_becomes_markup_or_a_link() {
    let desk = Desk::new();
    let file = desk.file("hostile.txt", HOSTILE);
    let article = desk.run("Awa", &["import", &file]).trim().to_string();
    let claim = desk
        .run("Awa", &["claim", "add", &article, "--quote", "<img src=x onerror=alert(5)> costs 12 million euros", "--status", "in_review"])
        .trim()
        .to_string();
    desk.run("Awa", &[
        "claim", "set", &claim,
        "--verdict", "false",
        "--claimant", "<b>Evil</b> [x](javascript:alert(8))",
        "--statement", "</dd></dl><script>alert(9)</script>",
        "--note", "<script>alert(10)</script> <img src=x onerror=alert(11)>",
        "--tag", "<i>tag</i>",
        "--rationale", "**Faux.** <img src=x onerror=alert(12)> [lien](javascript:alert(13)) ![img](https://x.example/i.png)\n\n<script>alert(14)</script>\n\\\\<b>escaped twice</b>",
        "--add-evidence", "https://example.org/\"><script>alert(15)</script>",
        "--evidence-title", "<script>alert(16)</script>[t](javascript:alert(17))",
        "--evidence-quote", "</blockquote><script>alert(18)</script>",
    ]);
    desk.run("Awa", &["claim", "set", &claim, "--status", "reviewed"]);
    let html = desk.run("Awa", &["export", "--format", "html"]);
    let markdown = desk.run("Awa", &["export", "--format", "markdown"]);
    // The store refuses script addresses; a document from elsewhere may still hold them.
    let doc: Document = serde_json::from_str(&desk.run("Awa", &["export", "--format", "json"])).unwrap();
    let mut doc = doc;
    doc.articles[0].article.url = Some("javascript:alert(19)".into());
    doc.claims[0].claim.claimant_url = Some("javascript:alert(20)".into());
    doc.claims[0].claim.evidence[0].url = "JavaScript:alert(21)".into();
    let scale = RatingScale::default_scale();
    let mut forged_html = Vec::new();
    report::write_html(&doc, &scale, &mut forged_html).unwrap();
    let forged_html = String::from_utf8(forged_html).unwrap();
    let mut forged_md = Vec::new();
    report::write_markdown(&doc, &scale, &mut forged_md).unwrap();
    let forged_md = String::from_utf8(forged_md).unwrap();

    for html in [&html, &forged_html] {
        assert_only_our_markup(html);
        for live in ["<script", "<img", "<b onmouseover", "<i>", "href=\"javascript", "href=\"JavaScript"] {
            assert!(!html.contains(live), "live markup {live:?} in:\n{html}");
        }
        // The text is all there, escaped.
        assert!(html.contains("Breaking &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;"), "{html}");
        assert!(html.contains("<mark>&lt;img src=x onerror=alert(5)&gt; costs 12 million euros</mark>"));
        assert!(html.contains("&lt;script&gt;alert(14)&lt;/script&gt;"), "the rationale is shown as text");
    }
    assert!(forged_html.contains("JavaScript:alert(21)") && forged_html.contains("javascript:alert(19)"), "shown, not linked");

    for markdown in [&markdown, &forged_md] {
        assert_no_live_markdown(markdown);
        assert!(markdown.contains("\\<script\\>alert(1)\\</script\\>"), "{markdown}");
        assert!(markdown.contains("\\[click\\](javascript:alert(3))"));
        assert!(markdown.contains("\\<img src=x onerror=alert(12)> \\[lien\\](javascript:alert(13)) !\\[img\\](https://x.example/i.png)"));
        assert!(markdown.contains("\\\\\\<b>escaped twice\\</b>"), "an escaped backslash does not unescape the <");
    }
}

/// Every `<` in the Markdown is escaped or opens one of the report's own http(s) links, and every
/// link destination is one of those.
fn assert_no_live_markdown(markdown: &str) {
    let chars: Vec<char> = markdown.chars().collect();
    let escaped = |i: usize| chars[..i].iter().rev().take_while(|&&c| c == '\\').count() % 2 == 1;
    for (i, &c) in chars.iter().enumerate() {
        let rest: String = chars[i..chars.len().min(i + 9)].iter().collect();
        if c == '<' && !escaped(i) {
            assert!(rest.starts_with("<https://") || rest.starts_with("<http://"), "live HTML or autolink at {rest:?}:\n{markdown}");
        }
        if c == ']' && !escaped(i) {
            let after: String = chars[i..chars.len().min(i + 10)].iter().collect();
            assert!(after.starts_with("](<http"), "a link or image from the input at {after:?}:\n{markdown}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// CheckThat!
// ---------------------------------------------------------------------------------------------

/// The rows of a CheckThat! export after its header, which must be the lab's.
fn rows(tsv: &str) -> Vec<[String; 3]> {
    let mut lines = tsv.split_terminator('\n');
    assert_eq!(lines.next(), Some("Sentence_id\tText\tclass_label"));
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 3, "three cells: {line:?}");
            assert!(matches!(cells[2], "Yes" | "No"), "{line:?}");
            [cells[0].to_string(), cells[1].to_string(), cells[2].to_string()]
        })
        .collect()
}

fn label_of<'a>(rows: &'a [[String; 3]], text: &str) -> &'a str {
    &rows.iter().find(|r| r[1].contains(text)).unwrap_or_else(|| panic!("no sentence with {text:?}"))[2]
}

#[test]
fn checkthat_matches_its_golden_files() {
    let r = Reports::new();
    golden("checkthat/messagerie-fr.tsv", &r.export("checkthat", &["--article", &r.fr]));
    golden("checkthat/breaking-en.tsv", &r.export("checkthat", &["--article", &r.en]));
}

#[test]
fn checkthat_labels_every_sentence_of_the_latest_version() {
    let r = Reports::new();
    let tsv = r.export("checkthat", &[]);
    assert!(!tsv.contains('\r'));
    let rows = rows(&tsv);
    // Ids: `<article id>-<n>`, n from 1 in text order, unique.
    let fr_rows: Vec<&[String; 3]> = rows.iter().filter(|row| row[0].starts_with(&format!("{}-", r.fr))).collect();
    let en_rows: Vec<&[String; 3]> = rows.iter().filter(|row| row[0].starts_with(&format!("{}-", r.en))).collect();
    assert_eq!(fr_rows.len() + en_rows.len(), rows.len());
    for (i, row) in fr_rows.iter().enumerate() {
        assert_eq!(row[0], format!("{}-{}", r.fr, i + 1));
    }
    // Version 2's text, sentence by sentence; the deleted paragraph (the kept claim's) is not in it.
    let texts: Vec<&str> = fr_rows.iter().map(|row| row[1].as_str()).collect();
    assert_eq!(
        texts,
        [
            "📱 Lancée en 2013, la messagerie Kalimba affirme avoir franchi un nouveau cap cet été, selon un communiqué publié le 2 septembre dernier.",
            "🚀 Mise à jour du 4 septembre : l’entreprise a précisé ses chiffres.",
            "Elle parle désormais d’utilisateurs « actifs ».",
            "Son fondateur, Idrissa Maïga, assure que le service compte désormais 950 millions d’utilisateurs actifs chaque mois, contre 700 millions un an plus tôt.",
            "« Nous supprimons chaque jour des centaines de milliers de messages frauduleux », a-t-il déclaré lors d’une conférence de presse à Bamako.",
        ]
    );
    let labels: Vec<&str> = fr_rows.iter().map(|row| row[2].as_str()).collect();
    assert_eq!(labels, ["No", "No", "No", "Yes", "Yes"]);
    assert_eq!(label_of(&rows, "40 percent"), "Yes");
    assert_eq!(label_of(&rows, "twice the 2019 estimate"), "Yes");
    assert!(!tsv.contains("suspendue"), "the claim kept on version 1 has no sentence in version 2");
}

#[test]
fn checkthat_takes_rejected_claims_as_not_check_worthy() {
    let r = Reports::new();
    let all = r.export("checkthat", &["--status", "reviewed", "--status", "published", "--status", "rejected"]);
    assert_eq!(label_of(&rows(&all), CAP), "No", "rejected: not worth checking");
    assert_eq!(label_of(&rows(&all), FIGURE), "Yes");
    // An article whose only exported claim is rejected is still written, every sentence `No`.
    let rejected = rows(&r.export("checkthat", &["--status", "rejected"]));
    assert_eq!(rejected.len(), 5);
    assert!(rejected.iter().all(|row| row[2] == "No"));
    // An article whose only exported claim is kept on an older version is left out.
    assert_eq!(r.export("checkthat", &["--tag", "régulation"]), "Sentence_id\tText\tclass_label\n");
    let doc = r.document(&["--tag", "régulation"]);
    assert_eq!(doc.claims.len(), 1, "the kept claim {} is exported in json", r.suspended);
    assert_eq!(Format::parse("checkthat").unwrap().extension(), "tsv");
}
