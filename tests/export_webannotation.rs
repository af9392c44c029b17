//! The W3C Web Annotation export (`claimdesk export --format webannotation`): an
//! AnnotationCollection with one AnnotationPage, each claim an `assessing` Annotation on its span
//! of the version it refers to. Driven through the `claimdesk` binary on the project's fixture
//! articles, checked field by field, against golden files, and — when the shared tools are there —
//! by the W3C test suite's "must" assertions.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use claimdesk::claim::RatingScale;
use claimdesk::export::json::Document;
use claimdesk::export::webannotation;

mod common;
use common::{Desk, golden};

const FR: &str = "tests/fixtures/messagerie-fr.txt";
const EN: &str = "tests/fixtures/breaking-en.txt";
const EN_URL: &str = "https://news.example/city/bridge-repair";

/// Version 2 of the French article: a paragraph (with another emoji) inserted after the first
/// one, so the claims after it move, and the last paragraph deleted, so its claim is orphaned.
const FR_V2: &str = "La messagerie Kalimba revendique 950 millions d’utilisateurs et promet plus de modération
Publié le mardi 3 septembre 2024 | Le Courrier du Sahel

📱 Lancée en 2013, la messagerie Kalimba affirme avoir franchi un nouveau cap cet été, selon un communiqué publié le 2 septembre dernier.

🚀 Mise à jour du 4 septembre : l’entreprise a précisé ses chiffres après la première publication de cet article.

Son fondateur, Idrissa Maïga, assure que le service compte désormais 950 millions d’utilisateurs actifs chaque mois, contre 700 millions un an plus tôt.

« Nous supprimons chaque jour des centaines de milliers de messages frauduleux », a-t-il déclaré lors d’une conférence de presse à Bamako.
";

/// After the opening emoji (one code point, two UTF-16 units, four bytes); moves in version 2.
const FIGURE: &str = "950 millions d’utilisateurs actifs chaque mois";
/// In the paragraph version 2 deletes: kept on version 1.
const SUSPENDED: &str = "suspendue pendant quatre jours";
/// Also moves; in review, with no verdict and nothing else.
const LAST_YEAR: &str = "700 millions un an plus tôt";
const BRIDGE: &str = "12 million euros";
const TRAFFIC: &str = "Traffic fell by 40 percent";

/// A desk with both fixture articles (the English one with an address, the French one without and
/// in two versions) and claims that between them have every kind of body and none.
struct Claims {
    desk: Desk,
    fr: String,
    en: String,
    figure: String,
    suspended: String,
    last_year: String,
    bridge: String,
    traffic: String,
}

impl Claims {
    fn new() -> Claims {
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
                "--verdict", "mostly_false",
                "--statement", "Kalimba compte 950 millions d’utilisateurs actifs par mois.",
                "--type", "quantity",
                "--tag", "technologie",
                "--tag", "audience",
                "--rationale", "Le rapport **AppScope** de juin compte 610 millions d’utilisateurs actifs.\n\n- source : AppScope",
            ],
        );
        desk.run("Awa", &[
            "claim", "set", &figure,
            "--add-evidence", "https://appscope.example/rapports/2024-06",
            "--evidence-quote", "610 millions d’utilisateurs actifs mensuels",
            "--evidence-stance", "refutes",
            "--evidence-title", "Rapport d’audience juin 2024",
            "--evidence-accessed", "2024-09-05",
        ]);
        // An address with non-ASCII characters, which the export writes as a URI.
        desk.run("Awa", &["claim", "set", &figure, "--add-evidence", "https://régulation.example/décisions/kalimba", "--evidence-accessed", "2024-09-06"]);
        desk.run("Awa", &["claim", "set", &figure, "--status", "reviewed"]);
        let suspended = add("Awa", &fr, SUSPENDED, &["--verdict", "true", "--statement", "Kalimba a été suspendue quatre jours en août."]);
        desk.run("Awa", &["claim", "set", &suspended, "--status", "reviewed"]);
        let last_year = add("Awa", &fr, LAST_YEAR, &[]);
        let bridge = add("Moussa", &en, BRIDGE, &["--verdict", "false", "--statement", "The bridge repair costs 12 million euros.", "--tag", "budget"]);
        desk.run("Moussa", &["claim", "set", &bridge, "--status", "reviewed"]);
        let traffic = add("Moussa", &en, TRAFFIC, &[]);

        let v2 = desk.file("messagerie-fr-v2.txt", FR_V2);
        desk.run("Awa", &["import", &v2, "--version-of", &fr]);
        desk.run("Awa", &["claim", "keep", &suspended]);
        Claims { desk, fr, en, figure, suspended, last_year, bridge, traffic }
    }

    /// `export --format webannotation` with `extra`, parsed.
    fn export(&self, extra: &[&str]) -> Value {
        let text = self.export_text(extra);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("the export is not JSON ({e}): {text}"))
    }

    fn export_text(&self, extra: &[&str]) -> String {
        let mut args = vec!["export", "--format", "webannotation"];
        args.extend_from_slice(extra);
        self.desk.run("Awa", &args)
    }

    /// Every claim, whatever its review status.
    fn export_all(&self) -> Value {
        self.export(&["--status", "in_review", "--status", "reviewed"])
    }

    fn versions(&self, article: &str) -> Vec<Value> {
        self.desk.json("Awa", &["article", "versions", article, "--json"]).as_array().unwrap().clone()
    }

    fn version_text(&self, article: &str, n: u32) -> String {
        let shown = self.desk.json("Awa", &["article", "show", article, "--version", &n.to_string(), "--json"]);
        shown["text"].as_str().unwrap().to_string()
    }

    fn sha256(&self, article: &str) -> String {
        self.desk.json("Awa", &["article", "show", article, "--json"])["sha256"].as_str().unwrap().to_string()
    }
}

/// The annotations of a collection.
fn items(collection: &Value) -> &Vec<Value> {
    collection["first"]["items"].as_array().expect("first.items is an array")
}

/// The annotation of a claim.
fn annotation_of<'a>(collection: &'a Value, claim_id: &str) -> &'a Value {
    let id = format!("urn:uuid:{claim_id}");
    items(collection).iter().find(|a| a["id"] == id.as_str()).unwrap_or_else(|| panic!("no annotation {id}"))
}

/// The bodies with this purpose.
fn bodies<'a>(annotation: &'a Value, purpose: &str) -> Vec<&'a Value> {
    annotation["body"].as_array().map(|b| b.iter().filter(|b| b["purpose"] == purpose).collect()).unwrap_or_default()
}

fn selector<'a>(annotation: &'a Value, kind: &str) -> &'a Value {
    let selectors = annotation["target"]["selector"].as_array().expect("the target has a list of selectors");
    selectors.iter().find(|s| s["type"] == kind).unwrap_or_else(|| panic!("no {kind} in {selectors:?}"))
}

/// `text[start..end]` in code points.
fn code_points(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}

// ---------------------------------------------------------------------------------------------
// The shape
// ---------------------------------------------------------------------------------------------

#[test]
fn the_export_is_a_collection_with_one_page_of_assessing_annotations() {
    let c = Claims::new();
    let all = c.export_all();
    assert_eq!(all["@context"], webannotation::CONTEXT);
    assert_eq!(all["type"], "AnnotationCollection");
    assert!(all["id"].as_str().unwrap().starts_with("urn:uuid:"), "{}", all["id"]);
    assert!(all["label"].as_str().unwrap().starts_with("claimdesk claims exported "), "{}", all["label"]);
    assert_eq!(all["total"], 5);
    let page = &all["first"];
    assert_eq!(page["type"], "AnnotationPage");
    assert_eq!(page["startIndex"], 0);
    assert!(page["id"].as_str().unwrap().starts_with("urn:uuid:") && page["id"] != all["id"]);
    assert_eq!(items(&all).len(), 5);

    let claims: Vec<Value> = c.desk.json("Awa", &["claims", "--json"]).as_array().unwrap().clone();
    for claim in &claims {
        let id = claim["id"].as_str().unwrap();
        let a = annotation_of(&all, id);
        assert_eq!(a["@context"], "http://www.w3.org/ns/anno.jsonld", "each annotation stands alone");
        assert_eq!(a["type"], "Annotation");
        assert_eq!(a["motivation"], "assessing");
        assert_eq!(a["created"], claim["created"]);
        assert_eq!(a["modified"], claim["modified"]);
        let who = if claim["article_id"] == c.en.as_str() { "Moussa" } else { "Awa" };
        assert_eq!(a["creator"], serde_json::json!({"type": "Person", "name": who}));
        assert_eq!(a["generator"], serde_json::json!({"type": "Software", "name": "claimdesk"}));
        assert!(a["generated"].is_string());
        let target = &a["target"];
        assert_eq!(target["type"], "SpecificResource");
        let quote = selector(a, "TextQuoteSelector");
        assert_eq!(quote["exact"], claim["quote"]);
        let position = selector(a, "TextPositionSelector");
        assert!(position["start"].is_u64() && position["end"].is_u64(), "integer offsets: {position}");
        assert_eq!((&position["start"], &position["end"]), (&claim["start"], &claim["end"]));
        assert_eq!(target["state"]["type"], "TimeState");
    }

    // The article with an address is targeted by it; the one without by its digest.
    assert_eq!(annotation_of(&all, &c.bridge)["target"]["source"], EN_URL);
    assert_eq!(annotation_of(&all, &c.figure)["target"]["source"], format!("urn:sha256:{}", c.sha256(&c.fr)));

    // By default, like every export, the reviewed and published claims only.
    let reviewed = c.export(&[]);
    assert_eq!(reviewed["total"], 3);
    let ids: Vec<&str> = items(&reviewed).iter().map(|a| a["id"].as_str().unwrap()).collect();
    for claim in [&c.figure, &c.suspended, &c.bridge] {
        assert!(ids.contains(&format!("urn:uuid:{claim}").as_str()), "{claim} in {ids:?}");
    }
    // The same claims give the same collection id; other claims another.
    assert_eq!(c.export(&[])["id"], reviewed["id"]);
    assert_ne!(reviewed["id"], all["id"]);
}

#[test]
fn offsets_are_code_points_after_an_emoji() {
    let c = Claims::new();
    let all = c.export_all();
    let a = annotation_of(&all, &c.figure);
    let text = c.version_text(&c.fr, 2);
    assert!(text.starts_with('📱'), "the fixture opens with an emoji: {:?}", text.chars().take(20).collect::<String>());
    let byte = text.find(FIGURE).unwrap();
    let start = text[..byte].chars().count() as u64;
    let utf16 = text[..byte].encode_utf16().count() as u64;
    assert!(utf16 > start, "two emoji before the span make UTF-16 offsets differ");
    let position = selector(a, "TextPositionSelector");
    assert_eq!(position["start"], start, "code points, not UTF-16 units ({utf16}) nor bytes ({byte})");
    assert_eq!(position["end"], start + FIGURE.chars().count() as u64);
    assert_eq!(code_points(&text, start, position["end"].as_u64().unwrap()), FIGURE);
    let quote = selector(a, "TextQuoteSelector");
    assert_eq!(quote["exact"], FIGURE);
    // The context around the span, as the claim keeps it, ends and starts where the span does.
    let prefix = quote["prefix"].as_str().unwrap();
    let suffix = quote["suffix"].as_str().unwrap();
    assert!(text.contains(&format!("{prefix}{FIGURE}{suffix}")), "{prefix:?} / {suffix:?}");
}

#[test]
fn each_claim_points_at_the_version_it_refers_to() {
    let c = Claims::new();
    let all = c.export_all();
    let versions = c.versions(&c.fr);
    let (v1, v2) = (&versions[0]["imported"], &versions[1]["imported"]);
    assert_ne!(v1, v2);

    // Kept on version 1: the state and the offsets are version 1's.
    let kept = annotation_of(&all, &c.suspended);
    assert_eq!(kept["target"]["state"], serde_json::json!({"type": "TimeState", "sourceDate": v1}));
    let position = selector(kept, "TextPositionSelector");
    let (start, end) = (position["start"].as_u64().unwrap(), position["end"].as_u64().unwrap());
    assert_eq!(code_points(&c.version_text(&c.fr, 1), start, end), SUSPENDED);
    assert!(!c.version_text(&c.fr, 2).contains(SUSPENDED), "version 2 deleted the paragraph");

    // Moved to version 2: version 2's state and offsets, which differ from version 1's.
    for (claim, quote) in [(&c.figure, FIGURE), (&c.last_year, LAST_YEAR)] {
        let moved = annotation_of(&all, claim);
        assert_eq!(moved["target"]["state"]["sourceDate"], *v2, "{quote}");
        let position = selector(moved, "TextPositionSelector");
        let (start, end) = (position["start"].as_u64().unwrap(), position["end"].as_u64().unwrap());
        assert_eq!(code_points(&c.version_text(&c.fr, 2), start, end), quote);
        assert_ne!(code_points(&c.version_text(&c.fr, 1), start, end), quote, "{quote} moved");
    }

    // The English article has one version.
    let bridge = annotation_of(&all, &c.bridge);
    assert_eq!(bridge["target"]["state"]["sourceDate"], c.versions(&c.en)[0]["imported"]);
}

// ---------------------------------------------------------------------------------------------
// The bodies
// ---------------------------------------------------------------------------------------------

#[test]
fn the_verdict_is_labelled_in_the_article_language_and_keeps_its_key() {
    let c = Claims::new();
    let all = c.export_all();
    let scale = RatingScale::default_scale();
    for (claim, key, language) in [(&c.figure, "mostly_false", "fr"), (&c.suspended, "true", "fr"), (&c.bridge, "false", "en")] {
        let a = annotation_of(&all, claim);
        let rating = scale.rating(key).unwrap();
        let label = if language == "fr" { &rating.label_fr } else { &rating.label_en };
        assert_eq!(
            bodies(a, "assessing"),
            vec![&serde_json::json!({"type": "TextualBody", "purpose": "assessing", "value": label, "language": language, "format": "text/plain"})],
            "{key}"
        );
        assert_eq!(
            bodies(a, "classifying"),
            vec![&serde_json::json!({"type": "TextualBody", "purpose": "classifying", "value": key, "format": "text/plain"})]
        );
        // The verdict comes first.
        assert_eq!(a["body"][0]["purpose"], "assessing");
    }
    assert_eq!(bodies(annotation_of(&all, &c.figure), "assessing")[0]["value"], "Plutôt faux");
    assert_eq!(bodies(annotation_of(&all, &c.bridge), "assessing")[0]["value"], "False");
}

#[test]
fn statement_type_tags_rationale_and_evidence_are_bodies() {
    let c = Claims::new();
    let all = c.export_all();
    let a = annotation_of(&all, &c.figure);
    let values = |purpose: &str| -> Vec<&str> { bodies(a, purpose).iter().map(|b| b["value"].as_str().unwrap()).collect() };
    assert_eq!(values("describing"), ["Kalimba compte 950 millions d’utilisateurs actifs par mois."]);
    assert_eq!(values("tagging"), ["quantity", "audience", "technologie"], "the type, then the tags in order");
    let rationale = bodies(a, "commenting");
    assert_eq!(rationale.len(), 1);
    assert_eq!(rationale[0]["format"], "text/markdown");
    assert!(rationale[0]["value"].as_str().unwrap().contains("**AppScope**"));
    for body in a["body"].as_array().unwrap() {
        if body["type"] == "TextualBody" && body["purpose"] != "commenting" {
            assert_eq!(body["format"], "text/plain", "{body}");
        }
    }

    let links = bodies(a, "linking");
    assert_eq!(
        links[0],
        &serde_json::json!({
            "type": "SpecificResource",
            "purpose": "linking",
            "source": "https://appscope.example/rapports/2024-06",
            "selector": {"type": "TextQuoteSelector", "exact": "610 millions d’utilisateurs actifs mensuels"},
            "state": {"type": "TimeState", "sourceDateStart": "2024-09-05T00:00:00Z", "sourceDateEnd": "2024-09-05T23:59:59Z"}
        })
    );
    // No quote, no selector; a non-ASCII address as a URI.
    assert_eq!(links[1]["source"], "https://r%C3%A9gulation.example/d%C3%A9cisions/kalimba");
    assert!(links[1].get("selector").is_none());
    assert_eq!(links.len(), 2);
    let purposes: Vec<&str> = a["body"].as_array().unwrap().iter().map(|b| b["purpose"].as_str().unwrap()).collect();
    assert_eq!(
        purposes,
        ["assessing", "classifying", "describing", "tagging", "tagging", "tagging", "commenting", "linking", "linking"]
    );
}

#[test]
fn a_claim_has_only_the_bodies_of_what_it_has() {
    let c = Claims::new();
    let all = c.export_all();
    // A verdict, a statement and a tag; no type, rationale or evidence.
    let bridge = annotation_of(&all, &c.bridge);
    let purposes: Vec<&str> = bridge["body"].as_array().unwrap().iter().map(|b| b["purpose"].as_str().unwrap()).collect();
    assert_eq!(purposes, ["assessing", "classifying", "describing", "tagging"]);
    // In review, with nothing said about it yet: no body at all (the model allows none).
    for claim in [&c.last_year, &c.traffic] {
        let a = annotation_of(&all, claim);
        assert!(a.get("body").is_none(), "{a}");
        assert_eq!(a["motivation"], "assessing");
    }
}

#[test]
fn the_stream_holds_the_annotation_of_each_claim_in_order() {
    let c = Claims::new();
    let native: Document = serde_json::from_str(&c.desk.run("Awa", &["export", "--format", "json", "--status", "in_review", "--status", "reviewed"])).unwrap();
    let all = c.export_all();
    let scale = RatingScale::default_scale();
    assert_eq!(items(&all).len(), native.claims.len());
    for (item, claim) in items(&all).iter().zip(&native.claims) {
        let mut expected = webannotation::annotation(&native, &claim.claim, &scale);
        // The two exports were made at different times.
        expected["generated"] = item["generated"].clone();
        assert_eq!(item, &expected);
    }
}

#[test]
fn an_empty_selection_is_an_empty_collection() {
    let c = Claims::new();
    let text = c.export_text(&["--status", "published"]);
    let empty: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(empty["type"], "AnnotationCollection");
    assert_eq!(empty["total"], 0);
    assert!(empty.get("first").is_none(), "no page without annotations: {text}");
    assert!(text.ends_with("}\n"));
}

#[test]
fn the_format_is_listed_and_written_to_a_file() {
    let c = Claims::new();
    let out = c.desk.by("Awa").args(["export", "--format", "webannotations"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("webannotation"), "the error lists the formats");
    let path = c.desk.dir.path().join("claims.jsonld");
    c.desk.run("Awa", &["export", "--format", "webannotation", "-o", path.to_str().unwrap()]);
    // The same document as on stdout, but for when it was made.
    assert_eq!(common::stable(&std::fs::read_to_string(&path).unwrap()), common::stable(&c.export_text(&[])));
}

// ---------------------------------------------------------------------------------------------
// Golden files, one per fixture article
// ---------------------------------------------------------------------------------------------

#[test]
fn golden_files_per_fixture_article() {
    let c = Claims::new();
    for (article, name) in [(&c.fr, "messagerie-fr"), (&c.en, "breaking-en")] {
        let text = c.export_text(&["--article", article, "--status", "in_review", "--status", "reviewed"]);
        golden(&format!("webannotation/{name}.jsonld"), &text);
    }
}

// ---------------------------------------------------------------------------------------------
// The W3C test suite
// ---------------------------------------------------------------------------------------------

/// The shared checker, the test suite it reads and a Python that can run it; `None` (after saying
/// why, loudly) when any is missing — the project's tests must pass when it is cloned alone.
fn w3c_checker() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("../shared/tools/check-web-annotation.py");
    let suite = root.join("../shared/conformance/web-annotation-tests");
    let venv = root.join(".venv-e2e/bin/python");
    let python = if venv.exists() { venv } else { PathBuf::from("python3") };
    let skip = |why: String| {
        eprintln!("\n*** SKIPPED: the W3C Web Annotation check did not run: {why} ***\n");
        None
    };
    if !script.exists() {
        return skip(format!("{} is missing", script.display()));
    }
    if !suite.join("annotations/annotationMusts.test").exists() {
        return skip(format!("the test suite {} is missing", suite.display()));
    }
    match Command::new(&python).args(["-c", "import jsonschema, referencing, rfc3987"]).output() {
        Ok(out) if out.status.success() => Some((python, script, suite)),
        Ok(out) => skip(format!(
            "{} lacks jsonschema, referencing or rfc3987 ({}); `scripts/setup.sh --test` installs them",
            python.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(e) => skip(format!("cannot run {}: {e}", python.display())),
    }
}

/// Runs the checker on a file: whether it passed, and what it printed.
fn check(checker: &(PathBuf, PathBuf, PathBuf), file: &Path) -> (bool, String) {
    let (python, script, suite) = checker;
    let out = Command::new(python).arg(script).arg(suite).arg(file).output().unwrap();
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), printed)
}

/// The collection and page "must" assertions of the same suite, which the shared checker does not
/// run: every schema of a `.test` file, resolved against the suite's definitions.
const COLLECTION_MUSTS: &str = r#"
import glob, json, os, sys
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
base, path, tests = sys.argv[1], sys.argv[2], sys.argv[3:]
registry = Registry()
for p in glob.glob(base + '/definitions/*.json') + glob.glob(base + '/collections/**/*.json', recursive=True):
    r = Resource(json.load(open(p, encoding='utf-8')), specification=DRAFT4)
    registry = registry.with_resource(os.path.basename(p), r).with_resource(os.path.relpath(p, base), r)
doc = json.load(open(path, encoding='utf-8'))
failed = 0
for test in tests:
    for a in json.load(open(os.path.join(base, test), encoding='utf-8'))['assertions']:
        s = json.load(open(os.path.join(base, a), encoding='utf-8'))
        ok = Draft4Validator(s, registry=registry, format_checker=FormatChecker()).is_valid(doc)
        if ok != (s.get('expectedResult', 'valid') == 'valid'):
            print('FAIL', a, s.get('errorMessage', '')); failed = 1
    print('checked', test)
sys.exit(failed)
"#;

#[test]
fn every_annotation_passes_the_w3c_musts_and_a_broken_one_fails() {
    let Some(checker) = w3c_checker() else { return };
    let c = Claims::new();
    let dir = c.desk.dir.path();
    let file = dir.join("all.jsonld");
    c.desk.run("Awa", &["export", "--format", "webannotation", "--status", "in_review", "--status", "reviewed", "-o", file.to_str().unwrap()]);
    let (ok, printed) = check(&checker, &file);
    assert!(ok, "the W3C musts fail:\n{printed}");
    assert_eq!(printed.lines().filter(|l| l.ends_with(" OK")).count(), 5, "one OK per annotation:\n{printed}");

    // So that this test can fail: the checker refuses what breaks a must.
    let all: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    type Breaking = fn(&mut Value);
    let broken: [(&str, Breaking, &str); 3] = [
        ("a string offset", |a| a["target"]["selector"][1]["start"] = "12".into(), "4.2-TextDataPositionSelectorValid"),
        ("an id that is not a URI", |a| a["id"] = "claim 12".into(), "3.1-annotationIdValidated"),
        ("a TextualBody with a source", |a| a["body"][1]["source"] = "https://example.org/scale".into(), "4-bodyEmbeddedTextualNoSource"),
    ];
    for (what, breaking, assertion) in broken {
        let mut doc = all.clone();
        let first = doc["first"]["items"].as_array_mut().unwrap().iter_mut().find(|a| a.get("body").is_some()).unwrap();
        breaking(first);
        let path = dir.join("broken.jsonld");
        std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        let (ok, printed) = check(&checker, &path);
        assert!(!ok, "the checker accepted {what}:\n{printed}");
        assert!(printed.contains(assertion), "{what}: {assertion} not reported:\n{printed}");
    }

    // The collection and its page pass their own musts; a page without an id does not.
    let (python, _, suite) = &checker;
    let script = dir.join("collection-musts.py");
    std::fs::write(&script, COLLECTION_MUSTS).unwrap();
    let run = |path: &Path| {
        let out = Command::new(python)
            .arg(&script)
            .arg(suite)
            .arg(path)
            .args(["collections/collectionMusts.test", "collections/pages/pageMusts.test"])
            .output()
            .unwrap();
        (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
    };
    let (ok, printed) = run(&file);
    assert!(ok && printed.contains("checked collections/pages/pageMusts.test"), "{printed}");
    let mut doc = all.clone();
    doc["first"].as_object_mut().unwrap().remove("id");
    let path = dir.join("broken-page.jsonld");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let (ok, printed) = run(&path);
    assert!(!ok && printed.contains("5.2-pageIdValidated"), "{printed}");
}
