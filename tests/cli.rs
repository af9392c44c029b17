//! The `claimdesk` command line as scripts use it (shared/contract/cli.md): exit statuses, what
//! goes to stdout and stderr, and the JSON shapes.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const FR: &str = "tests/fixtures/messagerie-fr.txt";
const EN: &str = "tests/fixtures/breaking-en.txt";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        Desk { dir: tempfile::tempdir().unwrap() }
    }

    /// `claimdesk` on this desk's database, as reviewer Awa unless the test says otherwise.
    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("claimdesk").unwrap();
        c.env("CLAIMDESK_DB", self.dir.path().join("desk.db")).env("CLAIMDESK_REVIEWER", "Awa");
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.run(args)).unwrap()
    }

    fn import_fr(&self) -> String {
        self.run(&["import", FR]).trim().to_string()
    }
}

/// A failing command exits 1, says what is wrong on stderr and prints nothing on stdout.
fn fails_with(mut cmd: Command, args: &[&str], message: &str) {
    cmd.args(args).assert().code(1).stdout("").stderr(predicate::str::contains(message));
}

#[test]
fn import_prints_the_id_and_the_same_bytes_give_the_same_id() {
    let desk = Desk::new();
    let id = desk.import_fr();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(desk.import_fr(), id);
    let list = desk.json(&["articles", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("text").is_none(), "listings leave the text out");
    let article = desk.json(&["article", "show", &id, "--json"]);
    for key in ["id", "title", "byline", "publisher", "published", "language", "url", "sha256", "text"] {
        assert!(article.get(key).is_some(), "Article lacks {key}: {article}");
    }
    assert_eq!(article["published"], "2024-09-03");
    assert_eq!(article["publisher"], "Le Courrier du Sahel");
    assert_eq!(article["language"], "fr");
    assert_eq!(article["sha256"].as_str().unwrap().len(), 64);
    assert!(article["text"].as_str().unwrap().contains("\n\n"));
}

#[test]
fn import_json_and_url_and_standard_input() {
    let desk = Desk::new();
    let text = std::fs::read_to_string(EN).unwrap();
    let out = desk.cmd().args(["import", "-", "--url", "https://news.example/bridge", "--json"]).write_stdin(text).output().unwrap();
    assert!(out.status.success());
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["url"], "https://news.example/bridge");
    assert_eq!(a["published"], "2024-01-15");
    assert_eq!(a["language"], "en");
    assert_eq!(a["title"], "City council approves 12 million euro bridge repair");
}

#[test]
fn claims_by_quote_and_by_offsets_in_code_points() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let claim = desk.json(&["claim", "add", &id, "--quote", "950 millions", "--claimant", "Idrissa Maïga", "--verdict", "mostly_true", "--json"]);
    let text = desk.json(&["article", "show", &id, "--json"])["text"].as_str().unwrap().to_string();
    let (start, end) = (claim["start"].as_u64().unwrap() as usize, claim["end"].as_u64().unwrap() as usize);
    let quote: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(quote, "950 millions", "offsets are code points even after the 📱 at the start");
    assert_eq!(claim["status"], "draft");
    assert_eq!(claim["reviewer"], "Awa");
    for key in ["id", "article_id", "start", "end", "quote", "prefix", "suffix", "claimant", "verdict", "status", "note", "created", "modified"] {
        assert!(claim.get(key).is_some(), "Claim lacks {key}");
    }

    let by_range = desk.json(&["claim", "add", &id, "--start", &start.to_string(), "--end", &end.to_string(), "--status", "in_review", "--json"]);
    assert_eq!(by_range["quote"], "950 millions");
    assert_eq!(by_range["status"], "in_review");

    let second = desk.json(&["claim", "add", &id, "--quote", "millions", "--occurrence", "2", "--json"]);
    assert_eq!(second["quote"], "millions");
    assert!(second["start"].as_u64().unwrap() > claim["start"].as_u64().unwrap());

    let listed = desk.json(&["claims", "--article", &id, "--json"]);
    assert_eq!(listed.as_array().unwrap().len(), 3);
    let in_review = desk.json(&["claims", "--status", "in_review", "--json"]);
    assert_eq!(in_review.as_array().unwrap().len(), 1);
}

#[test]
fn claim_set_follows_the_workflow_and_records_the_acting_reviewer() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let claim = desk.run(&["claim", "add", &id, "--quote", "pendant quatre jours"]).trim().to_string();
    fails_with(desk.cmd(), &["claim", "set", &claim, "--status", "reviewed"], "cannot move from draft to reviewed");
    let mut as_moussa = desk.cmd();
    as_moussa.args(["--reviewer", "Moussa", "claim", "set", &claim, "--status", "in_review", "--verdict", "false", "--note", "3 jours selon le régulateur"]);
    as_moussa.assert().success().stdout(format!("{claim}\n"));
    let c = desk.json(&["claim", "set", &claim, "--status", "reviewed", "--json"]);
    assert_eq!(c["status"], "reviewed");
    assert_eq!(c["verdict"], "false");
    assert_eq!(c["note"], "3 jours selon le régulateur");
    assert_eq!(c["reviewer"], "Awa");
    assert_eq!(c["modified_by"], "Awa");
}

#[test]
fn the_reviewer_flag_wins_over_the_variable() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let out = desk.cmd().args(["--reviewer", "Moussa", "claim", "add", &id, "--quote", "Bamako", "--json"]).output().unwrap();
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["reviewer"], "Moussa");
}

#[test]
fn errors_exit_1_and_name_the_problem() {
    let desk = Desk::new();
    let id = desk.import_fr();
    fails_with(desk.cmd(), &["claim", "add", &id, "--quote", "un milliard"], "does not occur");
    fails_with(desk.cmd(), &["claim", "add", &id, "--quote", "950 millions", "--occurrence", "5"], "occurrence 5 does not exist");
    fails_with(desk.cmd(), &["claim", "add", &id, "--start", "10", "--end", "999999"], "not inside the article text");
    fails_with(desk.cmd(), &["claim", "add", &id, "--quote", "Bamako", "--verdict", "pants_on_fire"], "unknown verdict \"pants_on_fire\"");
    fails_with(desk.cmd(), &["claim", "set", "00000000-0000-0000-0000-000000000000", "--note", "x"], "no claim with id");
    fails_with(desk.cmd(), &["article", "show", "nope"], "no article with id nope");
    fails_with(desk.cmd(), &["import", "tests/fixtures/does-not-exist.html"], "cannot read tests/fixtures/does-not-exist.html");
    fails_with(desk.cmd(), &["config", "get", "desk.name"], "claimdesk config set desk.name");
    fails_with(desk.cmd(), &["config", "set", "desk.colour", "blue"], "unknown setting \"desk.colour\"");
    let empty = desk.dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    fails_with(desk.cmd(), &["import", empty.to_str().unwrap()], "empty");
    let pdf = desk.dir.path().join("report.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    fails_with(desk.cmd(), &["import", pdf.to_str().unwrap()], "PDF");
    assert_eq!(desk.json(&["articles", "--json"]).as_array().unwrap().len(), 1, "failed imports stored nothing");
}

#[test]
fn usage_errors_exit_2() {
    let desk = Desk::new();
    for args in [
        vec!["claim", "add", "x"],
        vec!["claim", "add", "x", "--quote", "a", "--start", "1", "--end", "2"],
        vec!["claims", "--status", "done"],
        vec!["export", "--format", "yaml"],
        vec!["frobnicate"],
    ] {
        desk.cmd().args(&args).assert().code(2).stdout("");
    }
}

#[test]
fn config_set_get_list() {
    let desk = Desk::new();
    desk.run(&["config", "set", "desk.name", "Desk Sahel"]);
    desk.run(&["config", "set", "claimreview.url_pattern", "https://desk.example/checks/{id}"]);
    assert_eq!(desk.run(&["config", "get", "desk.name"]), "Desk Sahel\n");
    let all = desk.json(&["config", "list", "--json"]);
    assert_eq!(all["desk.name"], "Desk Sahel");
    assert_eq!(all["claimreview.url_pattern"], "https://desk.example/checks/{id}");
    fails_with(desk.cmd(), &["config", "set", "claimreview.url_pattern", "https://desk.example/checks/"], "{id}");
}

#[test]
fn export_json_takes_reviewed_and_published_claims_by_default() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let reviewed = desk.run(&["claim", "add", &id, "--quote", "950 millions", "--status", "in_review", "--verdict", "mostly_true"]).trim().to_string();
    desk.run(&["claim", "set", &reviewed, "--status", "reviewed"]);
    desk.run(&["claim", "add", &id, "--quote", "700 millions"]);

    let doc: Value = serde_json::from_str(&desk.run(&["export", "--format", "json"])).unwrap();
    assert_eq!(doc["format"], "claimdesk");
    assert_eq!(doc["version"], 1);
    assert!(doc["exported"].as_str().unwrap().ends_with('Z'));
    assert_eq!(doc["claims"].as_array().unwrap().len(), 1);
    assert_eq!(doc["claims"][0]["id"], reviewed.as_str());
    assert_eq!(doc["articles"][0]["id"], id.as_str());
    assert_eq!(doc["reviewers"][0]["name"], "Awa");

    let file = desk.dir.path().join("out.json");
    desk.cmd().args(["export", "--format", "json", "--status", "draft", "--status", "reviewed", "-o", file.to_str().unwrap()]).assert().success().stdout("");
    let doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["claims"].as_array().unwrap().len(), 2);
    fails_with(desk.cmd(), &["export", "--format", "json", "--article", "missing"], "no article with id missing");
}

#[test]
fn extract_prints_articles_and_stores_nothing() {
    let desk = Desk::new();
    let a: Value = serde_json::from_str(&desk.run(&["extract", FR, "--json"])).unwrap();
    assert_eq!(a["id"], Value::Null);
    assert_eq!(a["publisher"], "Le Courrier du Sahel");
    assert!(!desk.dir.path().join("desk.db").exists(), "extract touches no database");

    let out = desk.cmd().args(["extract", FR, "tests/fixtures/missing.txt", EN, "--jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a failing source makes the run exit 1 at the end");
    let lines: Vec<Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["source"], FR);
    assert_eq!(lines[1]["source"], "tests/fixtures/missing.txt");
    assert!(lines[1]["error"].as_str().unwrap().contains("cannot read"));
    assert_eq!(lines[2]["language"], "en");
}

#[test]
fn import_a_folder_skips_bad_files_and_exits_by_what_was_imported() {
    let desk = Desk::new();
    let folder = desk.dir.path().join("story");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(FR, folder.join("a.txt")).unwrap();
    std::fs::copy(EN, folder.join("b.txt")).unwrap();
    std::fs::write(folder.join("c.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = desk.cmd().args(["import", folder.to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let ids: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(ids.len(), 2);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("c.png") && stderr.contains("PNG image"), "{stderr}");
    assert!(stderr.contains("2 new article(s)") && stderr.contains("1 skipped"), "{stderr}");

    let json = desk.json(&["import", folder.to_str().unwrap(), "--json"]);
    assert_eq!(json.as_array().unwrap().len(), 2, "already imported files are reported, not duplicated");
    assert_eq!(desk.json(&["articles", "--json"]).as_array().unwrap().len(), 2);

    let bad = desk.dir.path().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(bad.join("x.pdf"), b"%PDF-1.4").unwrap();
    fails_with(desk.cmd(), &["import", bad.to_str().unwrap()], "no article could be imported");
    let empty = desk.dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    fails_with(desk.cmd(), &["import", empty.to_str().unwrap()], "has no files to import");
    desk.cmd().args(["import", folder.to_str().unwrap(), "--url", "https://x.example"]).assert().code(2).stdout("");
}

#[test]
fn pages_that_are_not_articles_are_refused_and_store_nothing() {
    let desk = Desk::new();
    let script_only = desk.dir.path().join("app.html");
    std::fs::write(&script_only, "<!doctype html><html><head><script>render()</script></head><body><div id=root></div><script src=app.js></script></body></html>").unwrap();
    fails_with(desk.cmd(), &["import", script_only.to_str().unwrap()], "no article text found — paste the text instead");

    // 40 MB of zeros gzip to about 40 KB: the unpacked size is capped, not trusted.
    let bomb = desk.dir.path().join("bomb.html.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut gz, &vec![0u8; 40 << 20]).unwrap();
    std::fs::write(&bomb, gz.finish().unwrap()).unwrap();
    fails_with(desk.cmd(), &["import", bomb.to_str().unwrap()], "unpacks to more than");

    let big = desk.dir.path().join("big.txt");
    std::fs::write(&big, "Une phrase d’article qui se répète. ".repeat(200)).unwrap();
    desk.run(&["config", "set", "import.max_bytes", "2048"]);
    fails_with(desk.cmd(), &["import", big.to_str().unwrap()], "over the 2048-byte limit");
    desk.cmd().args(["import", big.to_str().unwrap(), "--max-bytes", "100000"]).assert().success();
    fails_with(desk.cmd(), &["config", "set", "import.max_bytes", "lots"], "whole number of bytes");
    assert_eq!(desk.json(&["articles", "--json"]).as_array().unwrap().len(), 1, "only the import within the limit was stored");
}

#[test]
fn claim_history_lists_who_changed_which_field() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let claim = desk.run(&["claim", "add", &id, "--quote", "950 millions", "--verdict", "mixed"]).trim().to_string();
    desk.cmd().args(["--reviewer", "Moussa", "claim", "set", &claim, "--status", "in_review", "--verdict", "false"]).assert().success();
    let history = desk.json(&["claim", "history", &claim, "--json"]);
    let entries: Vec<(String, String, Value, Value)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            assert!(h["at"].as_str().unwrap().ends_with('Z'));
            (h["reviewer"].as_str().unwrap().into(), h["field"].as_str().unwrap().into(), h["old"].clone(), h["new"].clone())
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("Awa".into(), "verdict".into(), Value::Null, "mixed".into()),
            ("Awa".into(), "status".into(), Value::Null, "draft".into()),
            ("Moussa".into(), "verdict".into(), "mixed".into(), "false".into()),
            ("Moussa".into(), "status".into(), "draft".into(), "in_review".into()),
        ]
    );
    let human = desk.run(&["claim", "history", &claim]);
    assert!(human.contains("Moussa\tverdict: \"mixed\" → \"false\""), "{human}");
    fails_with(desk.cmd(), &["claim", "history", "nope", "--json"], "no claim with id nope");
}

#[test]
fn the_full_claim_record_is_set_shown_and_kept_in_history() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let claim = desk.run(&["claim", "add", &id, "--quote", "950 millions", "--type", "quantity", "--tag", "telecoms"]).trim().to_string();
    let out = desk
        .cmd()
        .args([
            "claim", "set", &claim,
            "--statement", "Kalimba compte 950 millions d’utilisateurs actifs chaque mois, selon son fondateur Idrissa Maïga",
            "--claimant", "Idrissa Maïga", "--claimant-role", "fondateur de Kalimba", "--claimant-url", "https://kalimba.example/about",
            "--rationale", "Le rapport annuel de 2024 donne **880 millions**.",
            "--tag", "chiffres", "--tag", "telecoms", "--assignee", "Moussa",
            "--add-evidence", "https://kalimba.example/rapport-2024.pdf", "--evidence-quote", "880 millions d’utilisateurs mensuels",
            "--evidence-stance", "refutes", "--evidence-title", "Rapport annuel 2024", "--evidence-accessed", "2024-09-04",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: the statement is 96 characters long"));
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["type"], "quantity");
    assert_eq!(c["claimant_role"], "fondateur de Kalimba");
    assert_eq!(c["claimant_url"], "https://kalimba.example/about");
    assert_eq!(c["tags"], serde_json::json!(["chiffres", "telecoms"]));
    assert_eq!(c["assignee"], "Moussa");
    assert_eq!(c["rationale"], "Le rapport annuel de 2024 donne **880 millions**.");
    let mut evidence = c["evidence"].clone();
    let added = evidence[0].as_object_mut().unwrap().remove("added").unwrap();
    assert!(added.as_str().unwrap().ends_with('Z'), "when it was added: {added}");
    assert_eq!(
        evidence,
        serde_json::json!([{
            "url": "https://kalimba.example/rapport-2024.pdf", "title": "Rapport annuel 2024", "publisher": null,
            "accessed": "2024-09-04", "quote": "880 millions d’utilisateurs mensuels", "stance": "refutes",
            "added_by": "Awa"
        }])
    );

    let c = desk.json(&["claim", "set", &claim, "--untag", "telecoms", "--assignee", "", "--json"]);
    assert_eq!(c["tags"], serde_json::json!(["chiffres"]));
    assert_eq!(c["assignee"], Value::Null);
    let history = desk.json(&["claim", "history", &claim, "--json"]);
    let fields: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    for field in ["type", "statement", "claimant_role", "claimant_url", "rationale", "assignee", "tags", "evidence"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let tags: Vec<(&Value, &Value)> = history.as_array().unwrap().iter().filter(|h| h["field"] == "tags").map(|h| (&h["old"], &h["new"])).collect();
    assert_eq!(tags.last().unwrap(), &(&Value::from("chiffres, telecoms"), &Value::from("chiffres")));

    fails_with(desk.cmd(), &["claim", "set", &claim, "--type", "rumour"], "unknown claim type \"rumour\"");
    fails_with(desk.cmd(), &["claim", "set", &claim, "--claimant-url", "kalimba.example"], "is not a web address");
    fails_with(desk.cmd(), &["claim", "set", &claim, "--add-evidence", "https://x.example", "--evidence-accessed", "4 sept."], "YYYY-MM-DD");
    desk.cmd().args(["claim", "set", &claim, "--evidence-stance", "refutes"]).assert().code(2);
}

#[test]
fn export_csv_and_claimreview_from_the_command_line() {
    let desk = Desk::new();
    let id = desk.import_fr();
    let claim = desk
        .run(&["claim", "add", &id, "--quote", "950 millions", "--status", "in_review", "--verdict", "mostly_false", "--claimant", "Idrissa Maïga"])
        .trim()
        .to_string();
    desk.run(&["claim", "set", &claim, "--status", "reviewed"]);

    let csv = desk.run(&["export", "--format", "csv"]);
    let mut lines = csv.split("\r\n");
    assert!(lines.next().unwrap().starts_with("id,article_id,version,start,end,quote,"));
    assert!(lines.next().unwrap().starts_with(&format!("{claim},{id},1,")));
    let with_bom = desk.cmd().args(["export", "--format", "csv", "--bom"]).output().unwrap().stdout;
    assert!(with_bom.starts_with("\u{feff}id,".as_bytes()));

    // ClaimReview needs the desk's settings and a statement, and says which.
    fails_with(desk.cmd(), &["export", "--format", "claimreview"], "claimdesk config set desk.name VALUE");
    desk.run(&["config", "set", "desk.name", "Vérif Sahel"]);
    desk.run(&["config", "set", "desk.url", "https://verif.example"]);
    desk.run(&["config", "set", "claimreview.url_pattern", "https://verif.example/c/{id}"]);
    fails_with(desk.cmd(), &["export", "--format", "claimreview"], "--statement");
    desk.run(&["claim", "set", &claim, "--statement", "Kalimba compte 950 millions d’utilisateurs actifs"]);
    let reviews: Value = serde_json::from_str(&desk.run(&["export", "--format", "claimreview"])).unwrap();
    assert_eq!(reviews[0]["@context"], "https://schema.org");
    assert_eq!(reviews[0]["url"], format!("https://verif.example/c/{claim}"));
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Plutôt faux");
    assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 2);

    let dir = desk.dir.path().join("split");
    desk.cmd().args(["export", "--format", "claimreview", "--split", dir.to_str().unwrap()]).assert().success().stdout("");
    let one: Value = serde_json::from_slice(&std::fs::read(dir.join(format!("{claim}.json"))).unwrap()).unwrap();
    assert_eq!(one[0]["claimReviewed"], "Kalimba compte 950 millions d’utilisateurs actifs");
    desk.cmd().args(["export", "--format", "csv", "--split", "x"]).assert().code(2);
}
