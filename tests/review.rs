//! The review workflow (issue #4): reviewer profiles, rating scales as data, second reviews, the
//! `review.second_reviewer` rule, agreement between reviewers, and what exports carry of it —
//! through the library where a rule lives there, and through the `claimdesk` binary as scripts
//! use it (shared/contract/cli.md: exit 0 / 1 / 2, nothing on stdout on error).


use serde_json::Value;

use claimdesk::article::source::Provenance;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::claim::{ClaimFields, Status};
use claimdesk::desk::{self, Span};
use claimdesk::store::{colour_of, Db, Profile};
use claimdesk::Error;

mod common;
use common::{fails, Desk};

/// A small article in the reference shape: title line, date line, paragraphs.
const PORT: &str = "Le port de Dakar annonce un trafic record
Publié le vendredi 6 septembre 2024 | Exemple.com

Le port autonome de Dakar a traité 24 millions de tonnes de marchandises en 2023, selon son directeur général.

Le trafic de conteneurs a progressé de 12 % en un an, affirme le communiqué de la direction.

Pour le ministre des Transports, Dakar est désormais le premier port de la région.

Les délais de dédouanement ont été réduits à 48 heures, assure la direction.

Un nouveau terminal ouvrira ses portes en 2026, promet le ministre.

La moitié des recettes douanières du pays transite par le port, selon les douanes.
";

/// Quotes of PORT, each occurring once.
const PORT_QUOTES: [&str; 6] = [
    "24 millions de tonnes",
    "12 % en un an",
    "le premier port de la région",
    "réduits à 48 heures",
    "ouvrira ses portes en 2026",
    "La moitié des recettes douanières",
];

const ECOLE: &str = "La rentrée scolaire fixée au 2 octobre
Publié le lundi 9 septembre 2024 | Exemple.com

Le ministère a fixé la rentrée au 2 octobre pour 3,5 millions d’élèves, selon un communiqué.

Selon le ministre, 5 000 nouvelles salles de classe ont été construites cette année.

Le syndicat des enseignants affirme que les salaires n’ont pas été revalorisés depuis 2019.
";

const ECOLE_QUOTES: [&str; 3] = ["3,5 millions", "5 000 nouvelles salles de classe", "depuis 2019"];

fn assert_close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

impl Desk {
    /// Imports `text` as a file; returns the article id.
    fn import(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        self.run("Awa", &["import", path.to_str().unwrap()]).trim().to_string()
    }

    /// A claim by `who` on the quote, with a verdict if given; returns its id.
    fn claim(&self, who: &str, article: &str, quote: &str, verdict: Option<&str>) -> String {
        let mut args = vec!["claim", "add", article, "--quote", quote];
        if let Some(v) = verdict {
            args.extend(["--verdict", v]);
        }
        self.run(who, &args).trim().to_string()
    }

    fn review(&self, who: &str, claim: &str, verdict: &str) {
        self.run(who, &["claim", "review", claim, "--verdict", verdict]);
    }

    fn show(&self, claim: &str) -> Value {
        let all = self.json("Awa", &["claims", "--json"]);
        all.as_array().unwrap().iter().find(|c| c["id"] == claim).unwrap_or_else(|| panic!("no claim {claim}")).clone()
    }

    fn agreement(&self, article: Option<&str>) -> Value {
        let mut args = vec!["agreement", "--json"];
        if let Some(a) = article {
            args.extend(["--article", a]);
        }
        self.json("Awa", &args)
    }

    fn config_set(&self, key: &str, value: &str) {
        self.run("Awa", &["config", "set", key, value]);
    }
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap_or_else(|| panic!("not an object: {v}")).keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

#[test]
fn reviewer_add_sets_a_checked_profile_and_reviewers_lists_them() {
    let desk = Desk::new();
    let awa = desk.json("x", &["reviewer", "add", "Awa Traoré", "--initials", "at", "--colour", "#AD1457", "--json"]);
    assert_eq!(keys(&awa), ["colour", "created", "id", "initials", "name"]);
    assert_eq!(awa["name"], "Awa Traoré");
    assert_eq!(awa["initials"], "AT", "initials are stored in capitals");
    assert_eq!(awa["colour"], "#ad1457", "colours are stored in lowercase");

    // Without a profile the initials and colour are derived from the name.
    let moussa = desk.json("x", &["reviewer", "add", "Moussa Diallo", "--json"]);
    assert_eq!(moussa["initials"], "MD");
    assert_eq!(moussa["colour"], colour_of("Moussa Diallo").as_str());

    // Setting only the colour of an existing reviewer keeps their id and their initials.
    let again = desk.json("x", &["reviewer", "add", "Awa Traoré", "--colour", "#1565c0", "--json"]);
    assert_eq!((&again["id"], &again["initials"], &again["colour"]), (&awa["id"], &Value::from("AT"), &Value::from("#1565c0")));
    assert_eq!(desk.run("x", &["reviewer", "add", "Awa Traoré"]), "Awa Traoré\n", "without --json it prints the name");

    fails(desk.bare(), &["reviewer", "add", "Chloé", "--initials", "ABCD"], &["initials", "\"ABCD\"", "one to three"]);
    fails(desk.bare(), &["reviewer", "add", "Chloé", "--initials", "A.B"], &["initials", "\"A.B\""]);
    fails(desk.bare(), &["reviewer", "add", "Chloé", "--initials", " "], &["initials"]);
    fails(desk.bare(), &["reviewer", "add", "Chloé", "--colour", "blue"], &["colour", "\"blue\"", "#rrggbb"]);
    fails(desk.bare(), &["reviewer", "add", "Chloé", "--colour", "#12345g"], &["colour", "#rrggbb"]);
    fails(desk.bare(), &["reviewer", "add", "  "], &["reviewer name must not be empty"]);

    // `x` acted in no command that needs a reviewer, and refused profiles created nobody.
    let list = desk.json("x", &["reviewers", "--json"]);
    let names: Vec<&str> = list.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Awa Traoré", "Moussa Diallo"], "by name");
    assert_eq!(list[0]["colour"], "#1565c0");
    let human = desk.run("x", &["reviewers"]);
    assert!(human.contains("AT\t#1565c0\tAwa Traoré"), "{human}");
}

#[test]
fn scales_lists_the_built_in_scales_and_marks_the_one_in_use() {
    let desk = Desk::new();
    let scales = desk.json("Awa", &["scales", "--json"]);
    let listed: Vec<(&str, bool)> =
        scales.as_array().unwrap().iter().map(|s| (s["key"].as_str().unwrap(), s["in_use"].as_bool().unwrap())).collect();
    assert_eq!(listed, [("default", true), ("afp", false)]);
    let default = &scales[0];
    let rating_keys: Vec<&str> = default["ratings"].as_array().unwrap().iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(rating_keys, ["false", "mostly_false", "mixed", "mostly_true", "true", "unverifiable"]);
    assert_eq!(keys(&default["ratings"][0]), ["colour", "key", "label_en", "label_fr", "value"]);
    assert_eq!(default["ratings"][0]["label_fr"], "Faux");
    let human = desk.run("Awa", &["scales"]);
    assert!(human.contains("default (in use)") && !human.contains("afp (in use)"), "{human}");
}

/// A desk scale: three ratings, one off the numeric scale.
const DESK_SCALE: &str = r##"{
  "key": "sahel",
  "name": "Échelle du desk",
  "ratings": [
    {"key": "false", "value": 1, "label_en": "False", "label_fr": "Faux", "colour": "#c62828"},
    {"key": "doubtful", "value": 2, "label_en": "Doubtful", "label_fr": "Douteux", "colour": "#f9a825"},
    {"key": "true", "value": 3, "label_en": "True", "label_fr": "Vrai", "colour": "#2e7d32"},
    {"key": "joke", "value": null, "label_en": "Joke", "label_fr": "Blague", "colour": "#6a1b9a"}
  ]
}"##;

#[test]
fn scale_add_stores_a_valid_scale_and_refuses_bad_or_duplicate_ones() {
    let desk = Desk::new();
    let file = desk.file("sahel.json", DESK_SCALE);
    let added = desk.json("Awa", &["scale", "add", &file, "--json"]);
    assert_eq!(added["key"], "sahel");
    assert_eq!(added["ratings"].as_array().unwrap().len(), 4);
    let scales = desk.json("Awa", &["scales", "--json"]);
    let listed: Vec<(&str, bool)> =
        scales.as_array().unwrap().iter().map(|s| (s["key"].as_str().unwrap(), s["in_use"].as_bool().unwrap())).collect();
    assert_eq!(listed, [("default", true), ("afp", false), ("sahel", false)], "added, not in use");

    fails(desk.by("Awa"), &["scale", "add", &file], &["\"sahel\"", "exists already"]);
    let afp = desk.file("afp.json", &DESK_SCALE.replace("\"sahel\"", "\"afp\""));
    fails(desk.by("Awa"), &["scale", "add", &afp], &["\"afp\"", "exists already"]);

    let bad = |name: &str, json: String, phrases: &[&str]| {
        let path = desk.file(name, &json);
        fails(desk.by("Awa"), &["scale", "add", &path], phrases);
    };
    bad("colour.json", DESK_SCALE.replace("#f9a825", "orange"), &["\"orange\"", "#rrggbb"]);
    bad("upper.json", DESK_SCALE.replace("#f9a825", "#F9A825"), &["#rrggbb"]);
    bad("twice.json", DESK_SCALE.replace("\"doubtful\"", "\"true\""), &["\"true\"", "appears twice"]);
    bad("value.json", DESK_SCALE.replace("\"value\": 2", "\"value\": 1"), &["value 1"]);
    bad("key.json", DESK_SCALE.replace("\"sahel\"", "\"Mon Échelle\""), &["\"Mon Échelle\"", "key"]);
    bad("label.json", DESK_SCALE.replace("\"Douteux\"", "\" \""), &["\"doubtful\"", "label_fr"]);
    bad("no-values.json", DESK_SCALE.replace("\"value\": 1", "\"value\": null").replace("\"value\": 2", "\"value\": null").replace("\"value\": 3", "\"value\": null"), &["numeric value"]);
    let one = r##"{"key": "one", "name": "One", "ratings": [{"key": "false", "value": 1, "label_en": "False", "label_fr": "Faux", "colour": "#c62828"}]}"##;
    bad("one.json", one.to_string(), &["at least two ratings"]);
    bad("broken.json", "{\"key\": \"x\", ".to_string(), &["broken.json", "scales --json"]);
    bad("missing.json", DESK_SCALE.replace("\"label_fr\": \"Vrai\", ", ""), &["label_fr"]);
    let missing_file = desk.dir.path().join("nope.json");
    fails(desk.by("Awa"), &["scale", "add", missing_file.to_str().unwrap()], &["cannot read", "nope.json"]);
    desk.bare().args(["scale", "add"]).assert().code(2).stdout("");

    assert_eq!(desk.json("Awa", &["scales", "--json"]).as_array().unwrap().len(), 3, "refused scales were not stored");
}

/// `scale add`'s help says to give "a JSON file shaped like an entry of `claimdesk scales
/// --json`", and its parse errors point there too; such an entry carries `in_use`.
#[test]
fn an_entry_of_scales_json_can_be_added_back_under_a_new_key() {
    let desk = Desk::new();
    let scales = desk.json("Awa", &["scales", "--json"]);
    let mut entry = scales[1].clone();
    entry["key"] = Value::from("afp_desk");
    let file = desk.file("copy.json", &serde_json::to_string_pretty(&entry).unwrap());
    let out = desk.by("Awa").args(["scale", "add", &file]).output().unwrap();
    assert!(
        out.status.success(),
        "an entry copied from `scales --json` is refused: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn switching_scales_is_refused_while_claims_have_verdicts_the_new_scale_lacks() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    let mixed = desk.claim("Awa", &article, PORT_QUOTES[0], Some("mixed"));
    let mostly_false = desk.claim("Awa", &article, PORT_QUOTES[1], Some("mostly_false"));
    desk.claim("Awa", &article, PORT_QUOTES[2], Some("false")); // on both scales
    let reviewed = desk.claim("Awa", &article, PORT_QUOTES[3], None);
    desk.review("Moussa", &reviewed, "unverifiable"); // a review's verdict counts too

    fails(desk.bare(), &["config", "set", "review.scale", "nope"], &["unknown rating scale \"nope\"", "default, afp"]);
    fails(desk.bare(), &["config", "set", "review.scale", ""], &["review.scale"]);
    fails(desk.bare(), &["config", "set", "review.scale", "afp"], &["\"afp\"", "3 claim(s)", "mixed, mostly_false, unverifiable"]);
    fails(desk.bare(), &["config", "get", "review.scale"], &["not set"]);
    assert_eq!(desk.json("Awa", &["scales", "--json"])[0]["in_use"], true, "a refused switch changes nothing");

    desk.run("Awa", &["claim", "set", &mixed, "--verdict", "false"]);
    fails(desk.bare(), &["config", "set", "review.scale", "afp"], &["2 claim(s)", "mostly_false, unverifiable"]);
    desk.run("Awa", &["claim", "set", &mostly_false, "--verdict", ""]);
    desk.review("Moussa", &reviewed, "true");
    desk.config_set("review.scale", "afp");
    assert_eq!(desk.run("Awa", &["config", "get", "review.scale"]), "afp\n");
    let listed: Vec<bool> =
        desk.json("Awa", &["scales", "--json"]).as_array().unwrap().iter().map(|s| s["in_use"].as_bool().unwrap()).collect();
    assert_eq!(listed, [false, true]);

    // Verdicts now come from the AFP scale, for claims and for reviews.
    let c = desk.json("Awa", &["claim", "set", &mixed, "--verdict", "misleading", "--json"]);
    assert_eq!(c["verdict"], "misleading");
    fails(desk.by("Awa"), &["claim", "set", &mixed, "--verdict", "mixed"], &["unknown verdict \"mixed\"", "missing_context"]);
    fails(desk.by("Awa"), &["claim", "add", &article, "--quote", PORT_QUOTES[4], "--verdict", "unverifiable"], &["unknown verdict \"unverifiable\""]);
    desk.claim("Awa", &article, PORT_QUOTES[4], Some("missing_context"));
    desk.review("Moussa", &mostly_false, "satire");
    fails(desk.by("Moussa"), &["claim", "review", &reviewed, "--verdict", "mostly_false"], &["unknown verdict \"mostly_false\""]);

    // Back to the default scale: misleading, missing_context and satire are not on it.
    fails(desk.bare(), &["config", "set", "review.scale", "default"], &["3 claim(s)", "misleading, missing_context, satire"]);

    // A desk scale is a scale like the others once added.
    let file = desk.file("sahel.json", DESK_SCALE);
    fails(desk.bare(), &["config", "set", "review.scale", "sahel"], &["unknown rating scale \"sahel\""]);
    desk.run("Awa", &["scale", "add", &file]);
    fails(desk.bare(), &["config", "set", "review.scale", "sahel"], &["misleading, missing_context, satire"]);
}

#[test]
fn switching_to_a_desk_scale_that_fits_makes_its_keys_the_verdicts() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    let claim = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    desk.run("Awa", &["scale", "add", &desk.file("sahel.json", DESK_SCALE)]);
    desk.config_set("review.scale", "sahel");
    assert_eq!(desk.json("Awa", &["claim", "set", &claim, "--verdict", "doubtful", "--json"])["verdict"], "doubtful");
    fails(desk.by("Awa"), &["claim", "set", &claim, "--verdict", "mostly_true"], &["unknown verdict \"mostly_true\"", "doubtful"]);
    desk.review("Moussa", &claim, "joke");
    assert_eq!(desk.show(&claim)["reviews"][0]["verdict"], "joke");
}

#[test]
fn claim_review_records_another_reviewers_verdict_without_touching_the_claims() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    let claim = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    let before = desk.show(&claim);
    assert_eq!(before["reviews"], serde_json::json!([]), "a claim starts with no reviews");

    // The author cannot review their own claim.
    fails(desk.by("Awa"), &["claim", "review", &claim, "--verdict", "true"], &["Awa", "second review must come from another reviewer"]);
    // The flag wins over the variable: Awa acts here, so it is refused again.
    let mut flag_wins = desk.bare();
    flag_wins.env("CLAIMDESK_REVIEWER", "Moussa").args(["--reviewer", "Awa"]);
    fails(flag_wins, &["claim", "review", &claim, "--verdict", "true"], &["second review"]);
    assert_eq!(desk.show(&claim)["reviews"], serde_json::json!([]));

    // Moussa, through the variable.
    let mut moussa = desk.bare();
    moussa.env("CLAIMDESK_REVIEWER", "Moussa").args(["claim", "review", &claim, "--verdict", "mostly_false", "--note", "22 millions selon l’ANSD", "--json"]);
    let out = moussa.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let review: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(keys(&review), ["at", "note", "reviewer", "verdict"]);
    assert_eq!(review["reviewer"], "Moussa");
    assert_eq!(review["verdict"], "mostly_false");
    assert_eq!(review["note"], "22 millions selon l’ANSD");
    assert!(review["at"].as_str().unwrap().ends_with('Z'), "{review}");

    let c = desk.show(&claim);
    assert_eq!(c["verdict"], "false", "the claim's verdict stays its author's");
    assert_eq!(c["reviewer"], "Awa");
    assert_eq!(c["status"], "draft");
    assert_eq!(c["reviews"].as_array().unwrap().len(), 1);
    assert_eq!(c["reviews"][0], review);

    // A second review by the same reviewer replaces theirs; a blank note is no note.
    assert_eq!(desk.run("Moussa", &["claim", "review", &claim, "--verdict", " true ", "--note", "  "]), format!("{claim}\n"));
    let c = desk.show(&claim);
    assert_eq!(c["reviews"].as_array().unwrap().len(), 1, "one review per reviewer: {}", c["reviews"]);
    assert_eq!((&c["reviews"][0]["reviewer"], &c["reviews"][0]["verdict"], &c["reviews"][0]["note"]), (&Value::from("Moussa"), &Value::from("true"), &Value::Null));
    assert_eq!(c["verdict"], "false");

    // Another reviewer adds their own; both are kept, oldest first.
    desk.review("Chloé", &claim, "false");
    let c = desk.show(&claim);
    let by: Vec<(&str, &str)> =
        c["reviews"].as_array().unwrap().iter().map(|r| (r["reviewer"].as_str().unwrap(), r["verdict"].as_str().unwrap())).collect();
    assert_eq!(by, [("Moussa", "true"), ("Chloé", "false")]);

    // Refused reviews store nothing.
    fails(desk.by("Moussa"), &["claim", "review", &claim, "--verdict", "pants_on_fire"], &["unknown verdict \"pants_on_fire\"", "mostly_true"]);
    fails(desk.by("Moussa"), &["claim", "review", "00000000-0000-0000-0000-000000000000", "--verdict", "true"], &["no claim with id"]);
    desk.by("Moussa").args(["claim", "review", &claim]).assert().code(2).stdout("");
    assert_eq!(desk.show(&claim)["reviews"], c["reviews"]);

    // The history keeps every review, as field `reviews`; giving the same review again adds nothing.
    desk.review("Chloé", &claim, "false");
    let history = desk.json("Awa", &["claim", "history", &claim, "--json"]);
    let reviews: Vec<&Value> = history.as_array().unwrap().iter().filter(|h| h["field"] == "reviews").collect();
    assert_eq!(reviews.len(), 3, "{history}");
    for h in &reviews {
        assert_eq!(keys(h), ["at", "field", "new", "old", "reviewer"]);
    }
    assert_eq!(reviews[0]["reviewer"], "Moussa");
    assert_eq!(reviews[0]["old"], Value::Null);
    let first = reviews[0]["new"].as_str().unwrap();
    assert!(first.contains("mostly_false") && first.contains("22 millions selon l’ANSD"), "{first}");
    assert_eq!(reviews[1]["reviewer"], "Moussa");
    assert!(reviews[1]["old"].as_str().unwrap().contains("mostly_false"), "{}", reviews[1]);
    assert!(reviews[1]["new"].as_str().unwrap().contains("true"), "{}", reviews[1]);
    assert_eq!(reviews[2]["reviewer"], "Chloé");
    assert_eq!(reviews[2]["old"], Value::Null);
    assert!(reviews[2]["new"].as_str().unwrap().contains("false"));
    let fields: Vec<&str> = history.as_array().unwrap().iter().map(|h| h["field"].as_str().unwrap()).collect();
    assert_eq!(fields.iter().filter(|f| **f == "verdict").count(), 1, "only the claim's own verdict at creation: {fields:?}");
}

#[test]
fn with_the_second_reviewer_setting_reviewed_needs_another_reviewers_verdict() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    fails(desk.bare(), &["config", "get", "review.second_reviewer"], &["not set"]);

    // Off by default: the author moves their claim to reviewed alone.
    let alone = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    desk.run("Awa", &["claim", "set", &alone, "--status", "in_review"]);
    assert_eq!(desk.json("Awa", &["claim", "set", &alone, "--status", "reviewed", "--json"])["status"], "reviewed");

    for bad in ["yes", "1", "TRUE", "on", ""] {
        fails(desk.bare(), &["config", "set", "review.second_reviewer", bad], &["review.second_reviewer", "true or false"]);
    }
    desk.config_set("review.second_reviewer", "true");
    assert_eq!(desk.run("Awa", &["config", "get", "review.second_reviewer"]), "true\n");

    let claim = desk.claim("Awa", &article, PORT_QUOTES[1], Some("mostly_true"));
    desk.run("Awa", &["claim", "set", &claim, "--status", "in_review"]);
    fails(desk.by("Awa"), &["claim", "set", &claim, "--status", "reviewed"], &[claim.as_str(), "second reviewer", "claimdesk claim review"]);
    // Someone else moving it is not a review either.
    fails(desk.by("Moussa"), &["claim", "set", &claim, "--status", "reviewed", "--json"], &["second reviewer"]);
    assert_eq!(desk.show(&claim)["status"], "in_review", "a refused move changes nothing");

    desk.review("Moussa", &claim, "mixed"); // disagreeing is still a second look
    let c = desk.json("Awa", &["claim", "set", &claim, "--status", "reviewed", "--json"]);
    assert_eq!(c["status"], "reviewed");
    assert_eq!(c["verdict"], "mostly_true");
    // A claim already reviewed before the setting was on stays where it is and goes on.
    desk.run("Awa", &["claim", "set", &alone, "--status", "published"]);

    // Off again: as before.
    desk.config_set("review.second_reviewer", "false");
    let later = desk.claim("Awa", &article, PORT_QUOTES[2], None);
    desk.run("Awa", &["claim", "set", &later, "--status", "in_review"]);
    desk.run("Awa", &["claim", "set", &later, "--status", "reviewed"]);
    assert_eq!(desk.show(&later)["status"], "reviewed");
}

#[test]
fn draft_to_reviewed_is_refused_with_the_allowed_moves() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    let claim = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    fails(desk.by("Awa"), &["claim", "set", &claim, "--status", "reviewed"], &["cannot move from draft to reviewed", "in_review, rejected"]);
    assert_eq!(desk.show(&claim)["status"], "draft");
}

/// A move the workflow never allows is refused as such whatever the desk settings: asking for a
/// second review first would send the reviewer to get one, only to be refused again.
#[test]
fn with_the_second_reviewer_setting_draft_to_reviewed_still_names_the_allowed_moves() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    desk.config_set("review.second_reviewer", "true");
    let claim = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    fails(desk.by("Awa"), &["claim", "set", &claim, "--status", "reviewed"], &["cannot move from draft to reviewed", "in_review, rejected"]);
}

/// Article PORT, all claims by Awa, reviewed by Moussa:
///
/// ```text
///   claim  Awa (author)  Moussa (review)
///   c1     false         false           agree
///   c2     false         mostly_false    disagree
///   c3     true          true            agree
///   c4     mixed         false           disagree
///   c5     true          —               one verdict: does not count
///   c6     —             true            one verdict (the author gave none): does not count
/// ```
fn port_scenario(desk: &Desk) -> (String, Vec<String>) {
    let article = desk.import("port.txt", PORT);
    let verdicts = [Some("false"), Some("false"), Some("true"), Some("mixed"), Some("true"), None];
    let claims: Vec<String> = PORT_QUOTES.iter().zip(verdicts).map(|(q, v)| desk.claim("Awa", &article, q, v)).collect();
    for (claim, verdict) in claims.iter().zip(["false", "mostly_false", "true", "false"]) {
        desk.review("Moussa", claim, verdict);
    }
    desk.review("Moussa", &claims[5], "true");
    (article, claims)
}

#[test]
fn agreement_between_two_reviewers_then_three() {
    let desk = Desk::new();
    let empty = desk.agreement(None);
    assert_eq!(empty, serde_json::json!({"claims": 0, "reviewers": [], "cohen_kappa": null, "krippendorff_alpha": null}));

    let (article, claims) = port_scenario(&desk);
    let a = desk.agreement(None);
    assert_eq!(keys(&a), ["claims", "cohen_kappa", "krippendorff_alpha", "reviewers"]);
    assert_eq!(a["claims"], 4, "c5 and c6 have one verdict each");
    assert_eq!(a["reviewers"], serde_json::json!(["Awa", "Moussa"]));
    // Cohen's κ over c1–c4, pairs (Awa, Moussa): (false, false), (false, mostly_false),
    // (true, true), (mixed, false). pₒ = 2/4.
    // Marginals: Awa false 2, true 1, mixed 1; Moussa false 2, mostly_false 1, true 1.
    // pₑ = (2·2 + 1·1 + 1·0 + 0·1) / 4² = 5/16.
    // κ = (1/2 − 5/16) / (1 − 5/16) = (3/16) / (11/16) = 3/11.
    assert_close(a["cohen_kappa"].as_f64().unwrap(), 3.0 / 11.0);
    // Krippendorff's α (nominal): 8 pairable values; n_false = 4, n_true = 2, n_mixed = 1,
    // n_mostly_false = 1; Σ n_c² = 16 + 4 + 1 + 1 = 22, so Σ_{c≠k} n_c·n_k = 64 − 22 = 42.
    // Observed off-diagonal coincidences: c2 and c4 add 2 each (m = 2) = 4.
    // α = 1 − (n − 1)·4 / 42 = 1 − 7·4/42 = 1/3.
    assert_close(a["krippendorff_alpha"].as_f64().unwrap(), 1.0 / 3.0);
    assert_eq!(desk.agreement(Some(&article)), a, "one article: the same");

    // Chloé reviews c1 (false), c4 (mixed) and c5 (true); Moussa did not rate c5, Chloé not c2,
    // c3: missing ratings.
    desk.review("Chloé", &claims[0], "false");
    desk.review("Chloé", &claims[3], "mixed");
    desk.review("Chloé", &claims[4], "true");
    let a = desk.agreement(None);
    assert_eq!(keys(&a), ["claims", "cohen_kappa", "krippendorff_alpha", "reviewers"]);
    assert_eq!(a["claims"], 5, "c5 now has two verdicts; c6 still one");
    assert_eq!(a["reviewers"], serde_json::json!(["Awa", "Chloé", "Moussa"]));
    assert_eq!(a["cohen_kappa"], Value::Null, "κ is for exactly two reviewers");
    // Units: c1 {false, false, false}, c2 {false, mostly_false}, c3 {true, true},
    //        c4 {mixed, false, mixed}, c5 {true, true}.
    // n = 3 + 2 + 2 + 3 + 2 = 12; n_false = 3 + 1 + 1 = 5, n_mostly_false = 1,
    // n_true = 2 + 2 = 4, n_mixed = 2; Σ n_c² = 25 + 1 + 16 + 4 = 46; 12² − 46 = 98.
    // Off-diagonal coincidences: c2 (m = 2): 2; c4 (m = 3, mixed 2, false 1):
    // (3² − (2² + 1²)) / (3 − 1) = 2; the others 0; total 4.
    // α = 1 − 11·4/98 = 54/98 = 27/49.
    assert_close(a["krippendorff_alpha"].as_f64().unwrap(), 27.0 / 49.0);

    // A reviewer replacing their review changes the numbers: Moussa now agrees on c2, so the only
    // disagreement left is c4 (2): α = 1 − 11·2 / (12² − (6² + 4² + 2²)) = 1 − 22/88 = 3/4.
    desk.review("Moussa", &claims[1], "false");
    assert_close(desk.agreement(None)["krippendorff_alpha"].as_f64().unwrap(), 0.75);

    let human = desk.run("Awa", &["agreement"]);
    assert!(human.contains("Awa, Chloé, Moussa") && human.contains("0.750"), "{human}");
}

#[test]
fn agreement_by_article_and_over_the_whole_desk() {
    let desk = Desk::new();
    let (port, _) = port_scenario(&desk);
    // Article ECOLE: claims by Moussa, reviewed by Awa (so the pair is still Awa, Moussa):
    //   d1 Moussa false, Awa false; d2 Moussa true, Awa mixed; d3 Moussa true, Awa true.
    let ecole = desk.import("ecole.txt", ECOLE);
    let d: Vec<String> =
        ECOLE_QUOTES.iter().zip(["false", "true", "true"]).map(|(q, v)| desk.claim("Moussa", &ecole, q, Some(v))).collect();
    for (claim, verdict) in d.iter().zip(["false", "mixed", "true"]) {
        desk.review("Awa", claim, verdict);
    }

    let port_only = desk.agreement(Some(&port));
    assert_eq!(port_only["claims"], 4);
    assert_close(port_only["cohen_kappa"].as_f64().unwrap(), 3.0 / 11.0);
    assert_close(port_only["krippendorff_alpha"].as_f64().unwrap(), 1.0 / 3.0);

    let ecole_only = desk.agreement(Some(&ecole));
    assert_eq!(keys(&ecole_only), ["claims", "cohen_kappa", "krippendorff_alpha", "reviewers"]);
    assert_eq!(ecole_only["claims"], 3);
    assert_eq!(ecole_only["reviewers"], serde_json::json!(["Awa", "Moussa"]));
    // Pairs (Awa, Moussa): (false, false), (mixed, true), (true, true); pₒ = 2/3.
    // Awa false 1, mixed 1, true 1; Moussa false 1, true 2; pₑ = (1·1 + 1·2) / 9 = 1/3.
    // κ = (2/3 − 1/3) / (2/3) = 1/2.
    assert_close(ecole_only["cohen_kappa"].as_f64().unwrap(), 0.5);
    // n = 6; n_false = 2, n_mixed = 1, n_true = 3; 36 − (4 + 1 + 9) = 22; d2 adds 2.
    // α = 1 − 5·2/22 = 6/11.
    assert_close(ecole_only["krippendorff_alpha"].as_f64().unwrap(), 6.0 / 11.0);

    let all = desk.agreement(None);
    assert_eq!(all["claims"], 7);
    // Seven pairs (Awa, Moussa): c1 (f, f), c2 (f, mf), c3 (t, t), c4 (mixed, f), d1 (f, f),
    // d2 (mixed, t), d3 (t, t). pₒ = 4/7.
    // Awa: false 3, true 2, mixed 2; Moussa: false 3, true 3, mostly_false 1.
    // pₑ = (3·3 + 2·3) / 49 = 15/49; κ = (28/49 − 15/49) / (34/49) = 13/34.
    assert_close(all["cohen_kappa"].as_f64().unwrap(), 13.0 / 34.0);
    // n = 14; n_false = 6, n_true = 5, n_mixed = 2, n_mostly_false = 1; 196 − (36 + 25 + 4 + 1)
    // = 130; c2, c4 and d2 add 2 each = 6. α = 1 − 13·6/130 = 1 − 78/130 = 2/5.
    assert_close(all["krippendorff_alpha"].as_f64().unwrap(), 0.4);

    fails(desk.bare(), &["agreement", "--article", "no-such-article", "--json"], &["no article with id no-such-article"]);
    fails(desk.bare(), &["agreement", "--article", "00000000-0000-0000-0000-000000000000"], &["no article with id"]);
}

#[test]
fn the_json_export_carries_reviews_and_reviewers_who_only_reviewed() {
    let desk = Desk::new();
    let article = desk.import("port.txt", PORT);
    desk.run("x", &["reviewer", "add", "Chloé", "--initials", "cé", "--colour", "#00838F"]);
    let draft = desk.claim("Awa", &article, PORT_QUOTES[0], Some("false"));
    let in_review = desk.claim("Awa", &article, PORT_QUOTES[1], Some("mixed"));
    desk.run("Awa", &["claim", "set", &in_review, "--status", "in_review"]);
    desk.review("Chloé", &draft, "mostly_false");
    desk.run("Chloé", &["claim", "review", &in_review, "--verdict", "mixed", "--note", "Chiffre du communiqué"]);
    // Idrissa reviewed only a claim the export leaves out.
    let rejected = desk.claim("Awa", &article, PORT_QUOTES[2], None);
    desk.review("Idrissa", &rejected, "true");
    desk.run("Awa", &["claim", "set", &rejected, "--status", "rejected"]);

    let doc: Value =
        serde_json::from_str(&desk.run("Awa", &["export", "--format", "json", "--status", "draft", "--status", "in_review"])).unwrap();
    let ids: Vec<&str> = doc["claims"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [draft.as_str(), in_review.as_str()]);
    let names: Vec<&str> = doc["reviewers"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Awa", "Chloé"], "Chloé only reviewed; Idrissa reviewed nothing exported");
    let chloe = &doc["reviewers"][1];
    assert_eq!((&chloe["initials"], &chloe["colour"]), (&Value::from("CÉ"), &Value::from("#00838f")));

    let first = &doc["claims"][0];
    assert_eq!(first["verdict"], "false");
    assert_eq!(first["reviews"].as_array().unwrap().len(), 1);
    assert_eq!((&first["reviews"][0]["reviewer"], &first["reviews"][0]["verdict"]), (&Value::from("Chloé"), &Value::from("mostly_false")));
    assert_eq!(doc["claims"][1]["reviews"][0]["note"], "Chiffre du communiqué");

    // The export of a claim without reviews still carries the key.
    let plain = desk.claim("Awa", &article, PORT_QUOTES[3], None);
    let doc: Value = serde_json::from_str(&desk.run("Awa", &["export", "--format", "json", "--status", "draft"])).unwrap();
    let exported = doc["claims"].as_array().unwrap().iter().find(|c| c["id"] == plain.as_str()).unwrap();
    assert_eq!(exported["reviews"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------------------------
// The library
// ---------------------------------------------------------------------------------------------

async fn with_article() -> (Db, String) {
    let db = Db::open_in_memory().await.unwrap();
    let awa = db.reviewer("Awa").await.unwrap();
    let outcome = desk::import(&db, PORT.as_bytes(), "port.txt", &Provenance::default(), &awa, DEFAULT_MAX_BYTES).await.unwrap();
    (db, outcome.article.id.unwrap())
}

#[tokio::test]
async fn profiles_are_checked_before_anything_is_stored() {
    let db = Db::open_in_memory().await.unwrap();
    let awa = db.reviewer("Awa Traoré").await.unwrap();
    assert_eq!((awa.initials.as_str(), awa.colour.as_str()), ("AT", colour_of("Awa Traoré").as_str()), "derived");
    assert_eq!(db.reviewer("élodie ndiaye").await.unwrap().initials, "ÉN");

    let profile = |initials: Option<&str>, colour: Option<&str>| Profile {
        initials: initials.map(str::to_string),
        colour: colour.map(str::to_string),
    };
    let set = db.set_profile("Awa Traoré", &profile(Some(" a1 "), Some(" #ABCDEF "))).await.unwrap();
    assert_eq!((set.id.as_str(), set.initials.as_str(), set.colour.as_str()), (awa.id.as_str(), "A1", "#abcdef"));
    let kept = db.set_profile("Awa Traoré", &profile(None, Some("#2e7d32"))).await.unwrap();
    assert_eq!((kept.initials.as_str(), kept.colour.as_str()), ("A1", "#2e7d32"), "None keeps what is there");
    assert_eq!(db.reviewer("Awa Traoré").await.unwrap(), kept, "stored, not only returned");

    for bad in ["", "ABCD", "A-B", "A B", "é.", "😀"] {
        let e = db.set_profile("Chloé", &profile(Some(bad), None)).await.unwrap_err();
        assert!(matches!(e, Error::BadProfile { what: "initials", .. }), "{bad:?}: {e}");
        assert!(e.to_string().contains("initials"), "{e}");
    }
    for bad in ["blue", "#abc", "#abcdefa", "1565c0", "#12345g"] {
        let e = db.set_profile("Chloé", &profile(Some("C"), Some(bad))).await.unwrap_err();
        assert!(matches!(e, Error::BadProfile { what: "colour", .. }), "{bad:?}: {e}");
        assert!(e.to_string().contains("#rrggbb"), "{e}");
    }
    assert!(matches!(db.set_profile(" ", &profile(Some("C"), None)).await.unwrap_err(), Error::EmptyReviewer));
    let names: Vec<String> = db.reviewers().await.unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["Awa Traoré", "élodie ndiaye"], "refused profiles created no reviewer");

    let chloe = db.set_profile("Chloé", &profile(Some("éa"), None)).await.unwrap();
    assert_eq!((chloe.initials.as_str(), chloe.colour.as_str()), ("ÉA", colour_of("Chloé").as_str()), "created on first use");
}

/// Initials are "1–3 letters or digits, stored uppercase": checking them before they are put in
/// capitals lets through a value that is longer once stored ("ß" is "SS" in capitals).
#[tokio::test]
async fn initials_are_at_most_three_characters_as_stored() {
    let db = Db::open_in_memory().await.unwrap();
    let result = db.set_profile("Strauß", &Profile { initials: Some("ßßß".into()), colour: None }).await;
    match result {
        Err(e) => assert!(matches!(e, Error::BadProfile { what: "initials", .. }), "{e}"),
        Ok(r) => assert!(r.initials.chars().count() <= 3, "stored initials {:?} are longer than three characters", r.initials),
    }
}

#[tokio::test]
async fn review_claim_keeps_the_claims_verdict_and_refuses_the_author() {
    let (db, article) = with_article().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    let fields = ClaimFields { verdict: Some("false".into()), status: Some(Status::InReview), ..Default::default() };
    let claim = desk::add_claim(&db, &article, Span::Quote { text: PORT_QUOTES[0].into(), occurrence: 1 }, fields, &awa).await.unwrap();

    let e = desk::review_claim(&db, &claim.id, "true", None, &awa).await.unwrap_err();
    assert!(matches!(e, Error::OwnClaimReview { .. }), "{e}");
    let e = desk::review_claim(&db, &claim.id, "bogus", None, &moussa).await.unwrap_err();
    assert!(matches!(e, Error::UnknownVerdict { .. }), "{e}");
    let e = desk::review_claim(&db, "nope", "true", None, &moussa).await.unwrap_err();
    assert!(matches!(e, Error::ClaimNotFound(_)), "{e}");
    assert!(db.claim(&claim.id).await.unwrap().reviews.is_empty());

    let reviewed = desk::review_claim(&db, &claim.id, "mostly_false", Some("selon l’ANSD".into()), &moussa).await.unwrap();
    assert_eq!(reviewed.verdict.as_deref(), Some("false"));
    assert_eq!(reviewed.status, Status::InReview);
    assert_eq!(reviewed.reviews.len(), 1);
    assert_eq!(
        (reviewed.reviews[0].reviewer.as_str(), reviewed.reviews[0].verdict.as_str(), reviewed.reviews[0].note.as_deref()),
        ("Moussa", "mostly_false", Some("selon l’ANSD"))
    );
    assert_eq!(db.claim(&claim.id).await.unwrap(), reviewed, "what it returns is what is stored");

    let replaced = desk::review_claim(&db, &claim.id, "false", None, &moussa).await.unwrap();
    assert_eq!(replaced.reviews.len(), 1);
    assert_eq!((replaced.reviews[0].verdict.as_str(), replaced.reviews[0].note.as_deref()), ("false", None));

    let history = db.claim_history(&claim.id).await.unwrap();
    let reviews: Vec<_> = history.iter().filter(|h| h.field == "reviews").collect();
    assert_eq!(reviews.len(), 2);
    assert!(reviews.iter().all(|h| h.reviewer == "Moussa"));
    assert!(reviews[0].old.is_none() && reviews[1].old.is_some());
}

#[tokio::test]
async fn the_second_reviewer_rule_is_the_librarys() {
    let (db, article) = with_article().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    claimdesk::settings::set(&db, "review.second_reviewer", "true").await.unwrap();
    assert!(claimdesk::settings::set(&db, "review.second_reviewer", "oui").await.is_err());
    assert_eq!(claimdesk::settings::get(&db, "review.second_reviewer").await.unwrap().as_deref(), Some("true"));

    let fields = ClaimFields { verdict: Some("true".into()), status: Some(Status::InReview), ..Default::default() };
    let claim = desk::add_claim(&db, &article, Span::Quote { text: PORT_QUOTES[2].into(), occurrence: 1 }, fields, &awa).await.unwrap();
    let to_reviewed = || ClaimFields { status: Some(Status::Reviewed), ..Default::default() };
    let e = desk::update_claim(&db, &claim.id, to_reviewed(), &awa).await.unwrap_err();
    assert!(matches!(e, Error::NeedsSecondReview(_)), "{e}");
    assert!(e.to_string().contains("claimdesk claim review"), "the message says how: {e}");
    assert_eq!(db.claim(&claim.id).await.unwrap().status, Status::InReview);

    desk::review_claim(&db, &claim.id, "true", None, &moussa).await.unwrap();
    assert_eq!(desk::update_claim(&db, &claim.id, to_reviewed(), &awa).await.unwrap().status, Status::Reviewed);
}

#[tokio::test]
async fn agreement_in_the_library_counts_the_authors_verdict_and_each_review() {
    let (db, article) = with_article().await;
    let awa = db.reviewer("Awa").await.unwrap();
    let moussa = db.reviewer("Moussa").await.unwrap();
    // (Awa's verdict, Moussa's review): (false, false), (true, mixed); then one by Awa alone.
    for (quote, own, review) in [(PORT_QUOTES[0], "false", Some("false")), (PORT_QUOTES[1], "true", Some("mixed")), (PORT_QUOTES[2], "true", None)] {
        let fields = ClaimFields { verdict: Some(own.into()), ..Default::default() };
        let c = desk::add_claim(&db, &article, Span::Quote { text: quote.into(), occurrence: 1 }, fields, &awa).await.unwrap();
        if let Some(v) = review {
            desk::review_claim(&db, &c.id, v, None, &moussa).await.unwrap();
        }
    }
    let a = desk::agreement(&db, Some(&article)).await.unwrap();
    assert_eq!(a.claims, 2);
    assert_eq!(a.reviewers, ["Awa", "Moussa"]);
    // pₒ = 1/2; Awa false 1, true 1; Moussa false 1, mixed 1; pₑ = 1/4; κ = (1/4)/(3/4) = 1/3.
    assert_close(a.cohen_kappa.unwrap(), 1.0 / 3.0);
    // n = 4: false 2, true 1, mixed 1; 16 − 6 = 10; one disagreement adds 2; α = 1 − 3·2/10 = 2/5.
    assert_close(a.krippendorff_alpha.unwrap(), 0.4);
    assert!(matches!(desk::agreement(&db, Some("missing")).await.unwrap_err(), Error::ArticleNotFound(_)));
}
