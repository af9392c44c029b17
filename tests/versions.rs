//! Versions of an article (issue #5): a re-import with other content — same address, or
//! `--version-of ID` — stores a new version and carries every claim to it (`anchored`, `moved`,
//! `changed` awaiting confirmation, or `orphaned`, never dropped); the reviewer confirms, re-attaches
//! or keeps; listings and exports say which version each claim refers to. Mostly through the
//! `claimdesk` binary as scripts use it, with a few library-level checks. The re-anchoring
//! algorithm itself is tested in `tests/reanchor.rs`; this file tests how it is wired in.


use serde_json::Value;

use claimdesk::anchor::{self, AnchorState};
use claimdesk::article::source::Provenance;
use claimdesk::article::{self as art, DEFAULT_MAX_BYTES};
use claimdesk::claim::{Claim, ClaimFields};
use claimdesk::compare::{self, SegmentKind};
use claimdesk::desk::{self, Span};
use claimdesk::store::{ClaimFilter, Db};

mod common;
use common::{fails, Desk, Output};

/// Version 1. The body opens with a non-BMP emoji (one code point, two UTF-16 units, four bytes)
/// so that every offset after it shows a byte or UTF-16 mistake.
const V1: &str = "Kalimba réunit ses invités à Bamako
Publié le mardi 3 septembre 2024 | Le Courrier du Sahel

📱 Bamako, 3 septembre — La messagerie malienne Kalimba a tenu mardi sa conférence annuelle devant plusieurs centaines d’invités.

Son fondateur Idrissa Maïga affirme que l’application compte désormais 950 millions d’utilisateurs actifs chaque mois.

Le service a été lancé en 2015 dans un petit bureau du quartier de Hamdallaye, rappelle l’entreprise dans un communiqué.

Selon la direction, les serveurs ont subi en juin une panne de quatre jours, la plus longue de leur histoire récente.

L’application serait la plus téléchargée d’Afrique de l’Ouest, devant WhatsApp et Telegram réunis, d’après le cabinet AppScope.
";

/// Version 2: a paragraph (with another emoji) inserted after the first one, the figure
/// corrected from 950 to 900 millions, the paragraph about the outage deleted, the last paragraph
/// unchanged.
const V2: &str = "Kalimba réunit ses invités à Bamako
Publié le mardi 3 septembre 2024 | Le Courrier du Sahel

📱 Bamako, 3 septembre — La messagerie malienne Kalimba a tenu mardi sa conférence annuelle devant plusieurs centaines d’invités.

🚀 Correction du 5 septembre : l’entreprise a précisé ses chiffres d’audience après la première publication de cet article.

Son fondateur Idrissa Maïga affirme que l’application compte désormais 900 millions d’utilisateurs actifs chaque mois.

Le service a été lancé en 2015 dans un petit bureau du quartier de Hamdallaye, rappelle l’entreprise dans un communiqué.

L’application serait la plus téléchargée d’Afrique de l’Ouest, devant WhatsApp et Telegram réunis, d’après le cabinet AppScope.
";

/// The paragraph version 2 deletes.
const OUTAGE_PARAGRAPH: &str = "Selon la direction, les serveurs ont subi en juin une panne de quatre jours, la plus longue de leur histoire récente.\n\n";
/// The paragraph it is restored before.
const LAST: &str = "L’application serait la plus téléchargée";

/// Version 3: version 2 with the deleted paragraph restored where it was.
fn v3_restored() -> String {
    V2.replacen(LAST, &format!("{OUTAGE_PARAGRAPH}{LAST}"), 1)
}

/// Version 3: version 2 with a paragraph added at the end, nothing else touched.
fn v3_appended() -> String {
    format!("{V2}\nContacté mardi soir, le cabinet AppScope n’a pas souhaité commenter ces chiffres avant la publication de son rapport.\n")
}

/// The claims made on version 1 and what version 2 should make of them.
const CONFERENCE: &str = "sa conférence annuelle"; // before the insertion: anchored
const FIGURE: &str = "950 millions d’utilisateurs actifs"; // corrected: changed
const FIGURE_V2: &str = "900 millions d’utilisateurs actifs";
const LAUNCH: &str = "lancé en 2015"; // unchanged paragraph after the insertion: moved
const OUTAGE: &str = "une panne de quatre jours"; // deleted paragraph: orphaned
const RECORD: &str = "la plus longue de leur histoire récente"; // deleted paragraph: orphaned
const DOWNLOADS: &str = "la plus téléchargée d’Afrique de l’Ouest"; // unchanged, after the deletion: moved

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

impl Desk {
    /// `claimdesk import FILE EXTRA...` by `who`, with `text` written to FILE.
    fn import_as(&self, who: &str, name: &str, text: &str, extra: &[&str]) -> Output {
        let path = self.file(name, text);
        let mut args = vec!["import", path.as_str()];
        args.extend_from_slice(extra);
        self.output(who, &args)
    }

    /// Imports version 1; returns the article id.
    fn import_v1(&self) -> String {
        let out = self.import_as("Awa", "v1.txt", V1, &[]);
        out.stdout.trim().to_string()
    }

    fn claim(&self, article: &str, quote: &str) -> Value {
        self.json("Awa", &["claim", "add", article, "--quote", quote, "--json"])
    }

    fn claims(&self, article: &str) -> Vec<Value> {
        self.json("Awa", &["claims", "--article", article, "--json"]).as_array().unwrap().clone()
    }

    fn claim_now(&self, article: &str, id: &str) -> Value {
        self.claims(article).into_iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no claim {id} listed"))
    }

    fn history(&self, claim: &str) -> Vec<Value> {
        self.json("Awa", &["claim", "history", claim, "--json"]).as_array().unwrap().clone()
    }

    /// The article's latest text, as `article show --json` gives it.
    fn latest_text(&self, article: &str) -> String {
        self.json("Awa", &["article", "show", article, "--json"])["text"].as_str().unwrap().to_string()
    }

    fn version_text(&self, article: &str, n: u32) -> String {
        self.json("Awa", &["article", "show", article, "--version", &n.to_string(), "--json"])["text"].as_str().unwrap().to_string()
    }

    fn article_count(&self) -> usize {
        self.json("Awa", &["articles", "--json"]).as_array().unwrap().len()
    }
}

/// `text[start..end]` in code points.
fn span(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The claim's start/end/quote/prefix/suffix describe a span of `text` (code points).
fn assert_on(claim: &Value, text: &str, quote: &str) {
    let (start, end) = (claim["start"].as_u64().unwrap() as usize, claim["end"].as_u64().unwrap() as usize);
    assert_eq!(claim["quote"], quote, "{claim}");
    assert_eq!(span(text, start, end), quote, "start/end of {claim} are not the quote's code points on the text");
    let described = anchor::describe(text, start, end).unwrap();
    assert_eq!(claim["prefix"], described.quote.prefix.as_str(), "prefix of {claim}");
    assert_eq!(claim["suffix"], described.quote.suffix.as_str(), "suffix of {claim}");
}

fn state(claim: &Value) -> (&str, u64) {
    (claim["anchor_state"].as_str().unwrap_or_else(|| panic!("no anchor_state in {claim}")), claim["version"].as_u64().unwrap())
}

/// (field, old, new) of each history entry.
fn changes(history: &[Value]) -> Vec<(String, Value, Value)> {
    history.iter().map(|h| (h["field"].as_str().unwrap().to_string(), h["old"].clone(), h["new"].clone())).collect()
}

fn has_change(history: &[Value], field: &str, old: &str, new: &str) -> bool {
    changes(history).iter().any(|(f, o, n)| f == field && o == old && n == new)
}

/// An article in version 1 with the six claims, then version 2 by `--version-of`.
struct TwoVersions {
    desk: Desk,
    article: String,
    /// The claims as `claim add --json` printed them on version 1, by quote.
    made: Vec<(&'static str, Value)>,
    import: Output,
}

impl TwoVersions {
    fn new() -> TwoVersions {
        let desk = Desk::new();
        let article = desk.import_v1();
        let made: Vec<(&'static str, Value)> =
            [CONFERENCE, FIGURE, LAUNCH, OUTAGE, RECORD, DOWNLOADS].into_iter().map(|q| (q, desk.claim(&article, q))).collect();
        let import = desk.import_as("Moussa", "v2.txt", V2, &["--version-of", &article]);
        TwoVersions { desk, article, made, import }
    }

    fn id(&self, quote: &str) -> String {
        self.made.iter().find(|(q, _)| *q == quote).unwrap().1["id"].as_str().unwrap().to_string()
    }

    fn made(&self, quote: &str) -> &Value {
        &self.made.iter().find(|(q, _)| *q == quote).unwrap().1
    }

    fn now(&self, quote: &str) -> Value {
        self.desk.claim_now(&self.article, &self.id(quote))
    }
}

// ---------------------------------------------------------------------------------------------
// Carrying claims to a new version
// ---------------------------------------------------------------------------------------------

#[test]
fn version_of_stores_version_2_and_carries_each_claim_as_the_contract_says() {
    let t = TwoVersions::new();
    let desk = &t.desk;

    // The import printed the id alone on stdout, and its summary on stderr.
    assert_eq!(t.import.stdout, format!("{}\n", t.article), "stdout is the article id only");
    assert!(
        t.import.stderr.contains("new version 2: claims anchored 1, moved 2, changed 1 (confirm them), orphaned 2"),
        "stderr: {}",
        t.import.stderr
    );
    assert_eq!(desk.article_count(), 1, "a new version is not a new article");

    // The article shows its latest version; version 1 stays viewable.
    let shown = desk.json("Awa", &["article", "show", &t.article, "--json"]);
    assert_eq!(shown["version"], 2);
    let latest = shown["text"].as_str().unwrap().to_string();
    assert!(latest.contains("900 millions") && !latest.contains("950 millions"), "{latest}");
    let v1 = desk.version_text(&t.article, 1);
    assert!(v1.contains("950 millions") && v1.contains(OUTAGE), "{v1}");
    assert!(latest.starts_with("📱"), "the emoji precedes every claim");

    let claims = desk.claims(&t.article);
    assert_eq!(claims.len(), 6, "no claim is dropped");
    for c in &claims {
        assert!(c.get("anchor_state").is_some() && c.get("version").is_some(), "{c}");
    }

    // anchored: before the inserted paragraph, same place.
    let conference = t.now(CONFERENCE);
    assert_eq!(state(&conference), ("anchored", 2));
    assert_on(&conference, &latest, CONFERENCE);
    assert_eq!((&conference["start"], &conference["end"]), (&t.made(CONFERENCE)["start"], &t.made(CONFERENCE)["end"]));

    // moved: same quote, new place, on version 2.
    for quote in [LAUNCH, DOWNLOADS] {
        let c = t.now(quote);
        assert_eq!(state(&c), ("moved", 2), "{quote}");
        assert_on(&c, &latest, quote);
        assert_ne!(c["start"], t.made(quote)["start"], "{quote} did move");
        assert_eq!(c["previous_quote"], Value::Null, "{quote}");
    }

    // changed: the proposed span on version 2, the old quote kept beside it.
    let figure = t.now(FIGURE);
    assert_eq!(state(&figure), ("changed", 2));
    assert_on(&figure, &latest, FIGURE_V2);
    assert_eq!(figure["previous_quote"], FIGURE);

    // orphaned: the span, quote and context of version 1, as made.
    for quote in [OUTAGE, RECORD] {
        let c = t.now(quote);
        let made = t.made(quote);
        assert_eq!(state(&c), ("orphaned", 1), "{quote}");
        assert_eq!(c["kept_on_version"], false);
        for key in ["start", "end", "quote", "prefix", "suffix"] {
            assert_eq!(c[key], made[key], "{quote}: {key} of an orphan is the one it was made with");
        }
        assert_on(&c, &v1, quote);
    }
}

#[test]
fn the_history_of_a_changed_claim_shows_the_old_and_new_quote_and_version() {
    let t = TwoVersions::new();
    let history = t.desk.history(&t.id(FIGURE));
    assert!(has_change(&history, "quote", FIGURE, FIGURE_V2), "{:?}", changes(&history));
    assert!(has_change(&history, "version", "1", "2"), "{:?}", changes(&history));
    assert!(has_change(&history, "anchor_state", "anchored", "changed"), "{:?}", changes(&history));
    let carried: Vec<&Value> = history.iter().filter(|h| h["field"] == "version").collect();
    assert_eq!(carried[0]["reviewer"], "Moussa", "the carry is recorded as the importing reviewer's");

    // A moved claim records its new version, not a quote change.
    let launch = t.desk.history(&t.id(LAUNCH));
    assert!(has_change(&launch, "version", "1", "2"), "{:?}", changes(&launch));
    assert!(!launch.iter().any(|h| h["field"] == "quote"), "{:?}", changes(&launch));

    // An orphan records the state change and nothing about a version it is not on.
    let outage = t.desk.history(&t.id(OUTAGE));
    assert!(has_change(&outage, "anchor_state", "anchored", "orphaned"), "{:?}", changes(&outage));
    assert!(!outage.iter().any(|h| h["field"] == "version" || h["field"] == "quote"), "{:?}", changes(&outage));
}

#[test]
fn a_reimport_from_the_same_url_is_version_2_and_carries_the_claims() {
    let desk = Desk::new();
    let url = "https://courrier-sahel.example/kalimba-conference";
    let article = desk.import_as("Awa", "v1.txt", V1, &["--url", url]).stdout.trim().to_string();
    let figure = desk.claim(&article, FIGURE)["id"].as_str().unwrap().to_string();
    let launch = desk.claim(&article, LAUNCH)["id"].as_str().unwrap().to_string();
    let outage = desk.claim(&article, OUTAGE)["id"].as_str().unwrap().to_string();

    let out = desk.import_as("Awa", "v2.txt", V2, &["--url", url]);
    assert_eq!(out.stdout.trim(), article, "the same address names the same article");
    assert!(out.stderr.contains("new version 2:"), "{}", out.stderr);
    assert!(out.stderr.contains("moved 1") && out.stderr.contains("changed 1") && out.stderr.contains("orphaned 1"), "{}", out.stderr);
    assert_eq!(desk.article_count(), 1);
    let versions = desk.json("Awa", &["article", "versions", &article, "--json"]);
    assert_eq!(versions.as_array().unwrap().len(), 2);

    let latest = desk.latest_text(&article);
    let f = desk.claim_now(&article, &figure);
    assert_eq!(state(&f), ("changed", 2));
    assert_on(&f, &latest, FIGURE_V2);
    let l = desk.claim_now(&article, &launch);
    assert_eq!(state(&l), ("moved", 2));
    assert_on(&l, &latest, LAUNCH);
    assert_eq!(state(&desk.claim_now(&article, &outage)), ("orphaned", 1));

    // The same bytes a third time are neither an article nor a version.
    let again = desk.import_as("Awa", "v2-again.txt", V2, &["--url", url]);
    assert_eq!(again.stdout.trim(), article);
    assert!(!again.stderr.contains("new version"), "{}", again.stderr);
    assert_eq!(desk.json("Awa", &["article", "versions", &article, "--json"]).as_array().unwrap().len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Listing and showing versions
// ---------------------------------------------------------------------------------------------

#[test]
fn article_versions_lists_both_versions_with_their_counts() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let versions = desk.json("Awa", &["article", "versions", &t.article, "--json"]);
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2, "{versions:?}");
    let v1 = desk.version_text(&t.article, 1);
    let v2 = desk.version_text(&t.article, 2);
    assert_ne!(v1, v2);
    assert_eq!(v2, desk.latest_text(&t.article), "the latest version is the one shown");
    for (i, (v, text, file, by, claims)) in
        [(&versions[0], &v1, V1, "Awa", 2), (&versions[1], &v2, V2, "Moussa", 4)].into_iter().enumerate()
    {
        assert_eq!(v["number"], i + 1, "{v}");
        assert_eq!(v["sha256"], art::sha256_hex(file.as_bytes()).as_str(), "{v}");
        assert_eq!(v["imported_by"], by, "{v}");
        assert_eq!(v["chars"], text.chars().count(), "chars counts code points: {v}");
        assert_eq!(v["claims"], claims, "claims whose span refers to version {}: {v}", i + 1);
        assert_eq!(v["title"], "Kalimba réunit ses invités à Bamako");
    }

    let human = desk.run("Awa", &["article", "versions", &t.article]);
    let lines: Vec<&str> = human.lines().collect();
    assert_eq!(lines.len(), 2, "{human}");
    assert!(lines[0].starts_with("1\t") && lines[0].contains("Awa") && lines[0].contains("2 claim(s)"), "{human}");
    assert!(lines[1].starts_with("2\t") && lines[1].contains("Moussa") && lines[1].contains("4 claim(s)"), "{human}");

    // `article show --version 1` is version 1 with its own metadata.
    let shown = desk.json("Awa", &["article", "show", &t.article, "--version", "1", "--json"]);
    assert_eq!(shown["version"], 1);
    assert_eq!(shown["sha256"], art::sha256_hex(V1.as_bytes()).as_str());
    assert!(shown["text"].as_str().unwrap().contains(OUTAGE));
    assert!(desk.run("Awa", &["article", "show", &t.article, "--version", "1"]).contains("950 millions"));
}

#[test]
fn unknown_versions_and_unknown_articles_are_refused() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    fails(desk.bare(), &["article", "show", &t.article, "--version", "3", "--json"], &["no version 3", "article versions"]);
    fails(desk.bare(), &["article", "show", &t.article, "--version", "0"], &["article versions"]);
    fails(desk.bare(), &["article", "versions", "00000000-0000-0000-0000-000000000000", "--json"], &["no article with id"]);

    let before = desk.article_count();
    let v3 = desk.file("v3.txt", &v3_restored());
    let missing = "00000000-0000-0000-0000-000000000000";
    fails(desk.by("Awa"), &["import", &v3, "--version-of", missing], &["no article with id", missing]);
    fails(desk.by("Awa"), &["import", &v3, "--version-of", "nope", "--json"], &["nope"]);
    assert_eq!(desk.article_count(), before, "a refused import stores no article");
    assert_eq!(desk.json("Awa", &["article", "versions", &t.article, "--json"]).as_array().unwrap().len(), 2, "nor a version");
    // The refused bytes were not stored anywhere: importing them now makes a new article.
    let out = desk.import_as("Awa", "v3.txt", &v3_restored(), &[]);
    assert_ne!(out.stdout.trim(), t.article);
    assert_eq!(desk.article_count(), before + 1);
}

// ---------------------------------------------------------------------------------------------
// The reviewer's triage
// ---------------------------------------------------------------------------------------------

#[test]
fn confirming_a_changed_claim_anchors_it_and_only_changed_claims_can_be_confirmed() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let figure = t.id(FIGURE);
    let confirmed = desk.json("Awa", &["claim", "confirm", &figure, "--json"]);
    assert_eq!(state(&confirmed), ("anchored", 2));
    assert_eq!(confirmed["quote"], FIGURE_V2);
    assert_eq!(confirmed["previous_quote"], Value::Null);
    assert_eq!(state(&desk.claim_now(&t.article, &figure)), ("anchored", 2), "the confirmation is stored");
    let history = desk.history(&figure);
    let last = changes(&history).pop().unwrap();
    assert_eq!(last, ("anchor_state".to_string(), Value::from("changed"), Value::from("anchored")));
    let launch = t.id(LAUNCH);
    fails(desk.bare(), &["claim", "confirm", &launch], &["has no changed quote to confirm", "moved"]);
    fails(desk.bare(), &["claim", "confirm", &figure], &["has no changed quote to confirm", "anchored"]);
    fails(desk.bare(), &["claim", "confirm", &t.id(OUTAGE)], &["has no changed quote to confirm", "orphaned"]);
    fails(desk.bare(), &["claim", "confirm", "00000000-0000-0000-0000-000000000000"], &["no claim with id"]);
    assert_eq!(state(&desk.claim_now(&t.article, &launch)), ("moved", 2), "a refused confirmation changes nothing");
}

#[test]
fn keeping_an_orphan_marks_it_and_only_orphans_can_be_kept() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let record = t.id(RECORD);
    let kept = desk.json("Awa", &["claim", "keep", &record, "--json"]);
    assert_eq!(kept["kept_on_version"], true);
    assert_eq!(state(&kept), ("orphaned", 1));
    assert_eq!(desk.claim_now(&t.article, &record)["kept_on_version"], true);
    assert!(has_change(&desk.history(&record), "kept_on_version", "false", "true"));
    assert_eq!(desk.run("Awa", &["claim", "keep", &record]), format!("{record}\n"), "keeping twice is harmless");

    fails(desk.bare(), &["claim", "keep", &t.id(LAUNCH)], &["is not an orphan", "moved"]);
    fails(desk.bare(), &["claim", "keep", &t.id(FIGURE)], &["is not an orphan", "changed"]);
    fails(desk.bare(), &["claim", "keep", "00000000-0000-0000-0000-000000000000"], &["no claim with id"]);
    assert_eq!(desk.claim_now(&t.article, &t.id(LAUNCH))["kept_on_version"], false);
}

#[test]
fn a_kept_orphan_stays_on_version_1_and_the_other_comes_back_when_its_text_does() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let (outage, record) = (t.id(OUTAGE), t.id(RECORD));
    desk.run("Awa", &["claim", "keep", &record]);
    let record_history = desk.history(&record).len();

    let out = desk.import_as("Awa", "v3.txt", &v3_restored(), &["--version-of", &t.article]);
    assert_eq!(out.stdout.trim(), t.article);
    assert!(out.stderr.contains("new version 3:"), "{}", out.stderr);
    let latest = desk.latest_text(&t.article);

    // Not kept: retried from version 1, found again on version 3.
    let o = desk.claim_now(&t.article, &outage);
    let (s, v) = state(&o);
    assert!(matches!(s, "moved" | "anchored"), "the restored orphan is {s}: {o}");
    assert_eq!(v, 3);
    assert_on(&o, &latest, OUTAGE);
    assert!(has_change(&desk.history(&outage), "version", "1", "3"), "{:?}", changes(&desk.history(&outage)));

    // Kept: left on version 1, still an orphan, untouched.
    let r = desk.claim_now(&t.article, &record);
    assert_eq!(state(&r), ("orphaned", 1));
    assert_eq!(r["kept_on_version"], true);
    for key in ["start", "end", "quote", "prefix", "suffix"] {
        assert_eq!(r[key], t.made(RECORD)[key], "{key}");
    }
    assert_eq!(desk.history(&record).len(), record_history, "the kept orphan was not carried");

    // Claims on version 2 went to version 3; the changed one still awaits confirmation.
    let f = desk.claim_now(&t.article, &t.id(FIGURE));
    assert_eq!(state(&f), ("changed", 3));
    assert_on(&f, &latest, FIGURE_V2);
    assert_eq!(f["previous_quote"], FIGURE);
    for quote in [CONFERENCE, LAUNCH, DOWNLOADS] {
        let c = t.now(quote);
        assert_eq!(c["version"], 3, "{quote}");
        assert!(matches!(state(&c).0, "anchored" | "moved"), "{quote}: {c}");
        assert_on(&c, &latest, quote);
    }
    // The kept orphan is not counted in the summary; the restored one is no longer an orphan.
    assert!(out.stderr.contains("orphaned 0"), "{}", out.stderr);
}

#[test]
fn the_import_summary_counts_the_states_the_claims_end_in() {
    // Version 2: nothing was awaiting confirmation, so what the re-anchoring found is what is stored.
    let t = TwoVersions::new();
    let desk = &t.desk;
    assert!(t.import.stderr.contains("anchored 1, moved 2, changed 1 (confirm them), orphaned 2"), "{}", t.import.stderr);

    // Version 3 leaves the corrected figure where it is, so that claim stays `changed`, awaiting
    // confirmation (see the test above). The summary of the carry should count it as such: it
    // tells the reviewer how many claims to confirm, and "claims anchored N" should be the number
    // of claims that are now anchored.
    desk.run("Awa", &["claim", "keep", &t.id(RECORD)]);
    let out = desk.import_as("Awa", "v3.txt", &v3_restored(), &["--version-of", &t.article]);
    let carried: Vec<Value> = desk
        .claims(&t.article)
        .into_iter()
        .filter(|c| c["version"] == 3 || (c["anchor_state"] == "orphaned" && c["kept_on_version"] == false))
        .collect();
    assert_eq!(carried.len(), 5, "every claim but the kept orphan was carried");
    let count = |s: &str| carried.iter().filter(|c| c["anchor_state"] == s).count();
    assert_eq!(count("changed"), 1, "the corrected figure still awaits confirmation");
    let expected = format!(
        "new version 3: claims anchored {}, moved {}, changed {} (confirm them), orphaned {}",
        count("anchored"),
        count("moved"),
        count("changed"),
        count("orphaned")
    );
    assert!(out.stderr.contains(&expected), "the summary should be {expected:?}; stderr: {}", out.stderr);
}

#[test]
fn a_changed_claim_stays_changed_when_a_later_version_leaves_its_passage_alone() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let figure = t.id(FIGURE);
    desk.import_as("Awa", "v3.txt", &v3_appended(), &["--version-of", &t.article]);
    let latest = desk.latest_text(&t.article);
    let f = desk.claim_now(&t.article, &figure);
    assert_eq!(state(&f), ("changed", 3), "still awaiting the reviewer: {f}");
    assert_on(&f, &latest, FIGURE_V2);
    assert_eq!(f["previous_quote"], FIGURE, "the quote before the change is kept for comparison");
    let history = desk.history(&figure);
    assert!(has_change(&history, "version", "2", "3"), "{:?}", changes(&history));
    assert!(!has_change(&history, "anchor_state", "changed", "anchored"), "{:?}", changes(&history));
    // It can still be confirmed on version 3.
    let confirmed = desk.json("Awa", &["claim", "confirm", &figure, "--json"]);
    assert_eq!(state(&confirmed), ("anchored", 3));
}

#[test]
fn reattaching_an_orphan_puts_it_on_the_latest_version() {
    let t = TwoVersions::new();
    let desk = &t.desk;
    let (outage, record) = (t.id(OUTAGE), t.id(RECORD));
    desk.run("Awa", &["claim", "keep", &record]);
    let latest = desk.latest_text(&t.article);

    let new_quote = "chiffres d’audience";
    let c = desk.json("Awa", &["claim", "reattach", &record, "--quote", new_quote, "--json"]);
    assert_eq!(state(&c), ("anchored", 2));
    assert_eq!(c["kept_on_version"], false, "re-attaching clears the kept flag");
    assert_on(&c, &latest, new_quote);
    assert_eq!(desk.claim_now(&t.article, &record), c, "the listing shows what reattach printed");
    let history = desk.history(&record);
    assert!(has_change(&history, "quote", RECORD, new_quote), "{:?}", changes(&history));
    assert!(has_change(&history, "version", "1", "2"), "{:?}", changes(&history));
    assert!(has_change(&history, "anchor_state", "orphaned", "anchored"), "{:?}", changes(&history));

    // By offsets too, counted in code points after the emoji.
    let (start, end) = anchor::find_occurrence(&latest, LAUNCH, 1).unwrap();
    let by_range = desk.json("Awa", &["claim", "reattach", &outage, "--start", &start.to_string(), "--end", &end.to_string(), "--json"]);
    assert_eq!(state(&by_range), ("anchored", 2));
    assert_on(&by_range, &latest, LAUNCH);

    // A quote that is not in the latest text is refused, and changes nothing.
    let t2 = TwoVersions::new();
    let orphan = t2.id(OUTAGE);
    fails(t2.desk.bare(), &["claim", "reattach", &orphan, "--quote", OUTAGE], &["does not occur"]);
    fails(t2.desk.bare(), &["claim", "reattach", &orphan, "--quote", "950 millions"], &["does not occur"]);
    fails(t2.desk.bare(), &["claim", "reattach", &orphan, "--start", "5", "--end", "999999"], &["not inside the article text"]);
    let still = t2.now(OUTAGE);
    assert_eq!(state(&still), ("orphaned", 1));
    assert_eq!(still["quote"], OUTAGE);
}

#[test]
fn exports_say_which_version_each_claim_refers_to() {
    let t = TwoVersions::new();
    let doc: Value = serde_json::from_str(&t.desk.run("Awa", &["export", "--format", "json", "--status", "draft"])).unwrap();
    let claims = doc["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 6);
    let by_quote = |q: &str| claims.iter().find(|c| c["id"] == t.id(q)).unwrap_or_else(|| panic!("{q} not exported")).clone();
    assert_eq!(state(&by_quote(CONFERENCE)), ("anchored", 2));
    assert_eq!(state(&by_quote(LAUNCH)), ("moved", 2));
    assert_eq!(state(&by_quote(DOWNLOADS)), ("moved", 2));
    assert_eq!(state(&by_quote(FIGURE)), ("changed", 2));
    assert_eq!(by_quote(FIGURE)["quote"], FIGURE_V2);
    assert_eq!(by_quote(FIGURE)["previous_quote"], FIGURE);
    assert_eq!(state(&by_quote(OUTAGE)), ("orphaned", 1));
    assert_eq!(by_quote(OUTAGE)["quote"], OUTAGE);
    assert_eq!(doc["articles"][0]["version"], 2, "the exported article is its latest version");
}

// ---------------------------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------------------------

async fn library_two_versions() -> (Db, String, Vec<Claim>) {
    let db = Db::open_in_memory().await.unwrap();
    let awa = db.reviewer("Awa").await.unwrap();
    let first = desk::import(&db, V1.as_bytes(), "v1.txt", &Provenance::default(), &awa, DEFAULT_MAX_BYTES).await.unwrap();
    let id = first.article.id.clone().unwrap();
    let mut made = Vec::new();
    for quote in [CONFERENCE, FIGURE, LAUNCH, OUTAGE, RECORD, DOWNLOADS] {
        let span = Span::Quote { text: quote.into(), occurrence: 1 };
        made.push(desk::add_claim(&db, &id, span, ClaimFields::default(), &awa).await.unwrap());
    }
    let provenance = Provenance { version_of: Some(id.clone()), ..Provenance::default() };
    let second = desk::import(&db, V2.as_bytes(), "v2.txt", &provenance, &awa, DEFAULT_MAX_BYTES).await.unwrap();
    assert!(second.new_version && !second.existing);
    assert_eq!(second.article.version, Some(2));
    let report = second.carried.expect("a new version reports its carry");
    assert_eq!((report.anchored, report.moved, report.changed, report.orphaned), (1, 2, 1, 2));
    (db, id, made)
}

#[tokio::test]
async fn carrying_again_right_after_an_import_changes_nothing() {
    let (db, id, made) = library_two_versions().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let filter = ClaimFilter { article_id: Some(id.clone()), statuses: Vec::new(), ..ClaimFilter::default() };
    let before = db.claims(&filter).await.unwrap();
    let mut histories = Vec::new();
    for c in &made {
        histories.push(db.claim_history(&c.id).await.unwrap());
    }

    let report = desk::carry_claims(&db, &id, &awa).await.unwrap();
    assert_eq!((report.anchored, report.moved, report.changed), (0, 0, 0), "nothing on the latest version is carried again: {report:?}");
    assert_eq!(db.claims(&filter).await.unwrap(), before, "claims unchanged, modification times included");
    for (c, history) in made.iter().zip(&histories) {
        assert_eq!(&db.claim_history(&c.id).await.unwrap(), history, "no new history for {:?}", c.quote);
    }

    // And a third time, after the reviewer kept one orphan.
    let record = made.iter().find(|c| c.quote == RECORD).unwrap();
    db.keep_on_version(&record.id, &awa).await.unwrap();
    let before = db.claims(&filter).await.unwrap();
    let report = desk::carry_claims(&db, &id, &awa).await.unwrap();
    assert_eq!(report.orphaned, 1, "only the orphan not kept is retried: {report:?}");
    assert_eq!(db.claims(&filter).await.unwrap(), before);
}

#[tokio::test]
async fn library_states_match_the_cli_contract() {
    let (db, id, made) = library_two_versions().await;
    let latest = db.article(&id).await.unwrap().text.unwrap();
    let filter = ClaimFilter { article_id: Some(id.clone()), statuses: Vec::new(), ..ClaimFilter::default() };
    let claims = db.claims(&filter).await.unwrap();
    let chars: Vec<char> = latest.chars().collect();
    for made in &made {
        let c = claims.iter().find(|c| c.id == made.id).unwrap();
        let expected = match made.quote.as_str() {
            CONFERENCE => AnchorState::Anchored,
            FIGURE => AnchorState::Changed,
            LAUNCH | DOWNLOADS => AnchorState::Moved,
            _ => AnchorState::Orphaned,
        };
        assert_eq!(c.anchor_state, expected, "{:?}", made.quote);
        if expected == AnchorState::Orphaned {
            assert_eq!((c.version, c.start, c.end, &c.quote), (1, made.start, made.end, &made.quote));
            assert_eq!(desk::selectors_of(c), desk::selectors_of(made), "an orphan keeps its version-1 selectors");
        } else {
            assert_eq!(c.version, 2);
            assert_eq!(chars[c.start..c.end].iter().collect::<String>(), c.quote);
            assert_eq!(desk::selectors_of(c), anchor::describe(&latest, c.start, c.end).unwrap());
        }
    }
    let v1 = db.article_version(&id, 1).await.unwrap();
    assert_eq!(v1.version, Some(1));
    assert_eq!(v1.text.as_deref(), Some(db.version_text(&id, 1).await.unwrap().as_str()));
    let e = db.article_version(&id, 9).await.unwrap_err();
    assert!(e.to_string().contains("article versions"), "{e}");

    // desk::reattach_claim on an orphan, by quote.
    let awa = db.reviewer("Awa").await.unwrap();
    let outage = made.iter().find(|c| c.quote == OUTAGE).unwrap();
    let span = Span::Quote { text: "petit bureau".into(), occurrence: 1 };
    let c = desk::reattach_claim(&db, &outage.id, span, &awa).await.unwrap();
    assert_eq!((c.anchor_state, c.version, c.quote.as_str()), (AnchorState::Anchored, 2, "petit bureau"));
    assert_eq!(chars[c.start..c.end].iter().collect::<String>(), "petit bureau");
}

#[tokio::test]
async fn compare_rebuilds_both_versions_with_code_point_offsets() {
    let (db, id, _) = library_two_versions().await;
    let old = db.version_text(&id, 1).await.unwrap();
    let new = db.version_text(&id, 2).await.unwrap();
    let segments = compare::compare(&old, &new);
    let rebuilt = |skip: SegmentKind| segments.iter().filter(|s| s.kind != skip).map(|s| s.text.as_str()).collect::<String>();
    assert_eq!(rebuilt(SegmentKind::Added), old, "kept + removed = old");
    assert_eq!(rebuilt(SegmentKind::Removed), new, "kept + added = new");

    let (old_chars, new_chars): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
    for s in &segments {
        let len = s.text.chars().count();
        match s.kind {
            SegmentKind::Kept => {
                let (o, n) = (s.old_start.unwrap(), s.new_start.unwrap());
                assert_eq!(old_chars[o..o + len].iter().collect::<String>(), s.text, "{s:?}");
                assert_eq!(new_chars[n..n + len].iter().collect::<String>(), s.text, "{s:?}");
            }
            SegmentKind::Removed => {
                assert_eq!(s.new_start, None);
                let o = s.old_start.unwrap();
                assert_eq!(old_chars[o..o + len].iter().collect::<String>(), s.text, "{s:?}");
            }
            SegmentKind::Added => {
                assert_eq!(s.old_start, None);
                let n = s.new_start.unwrap();
                assert_eq!(new_chars[n..n + len].iter().collect::<String>(), s.text, "{s:?}");
            }
        }
    }
    let removed: String = segments.iter().filter(|s| s.kind == SegmentKind::Removed).map(|s| s.text.as_str()).collect();
    let added: String = segments.iter().filter(|s| s.kind == SegmentKind::Added).map(|s| s.text.as_str()).collect();
    assert!(removed.contains("950") && removed.contains("panne"), "{removed}");
    assert!(added.contains("900") && added.contains("🚀"), "{added}");
    // The figure is removed after the emoji: its code-point offset, not its UTF-16 one.
    let fig = segments.iter().find(|s| s.kind == SegmentKind::Removed && s.text.contains("950")).unwrap();
    let (fig_start, _) = anchor::find_occurrence(&old, &fig.text, 1).unwrap();
    assert_eq!(fig.old_start, Some(fig_start));
}
