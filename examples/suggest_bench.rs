//! Suggestion benchmark (issue #7, "Measured"): scores `claimdesk::suggest::suggest` on labelled
//! JSONL paragraphs and times it on ~1 MB of text.
//!
//! `cargo run --release --example suggest_bench -- [FILE.jsonl …] [--errors] [--boundaries]
//! [--json] [--no-speed] [--speed-bytes=N] [--self-check]` (or `bench/suggest.sh`, pinned to one
//! core).
//! Without files: `tests/fixtures/suggest/fr.jsonl` and `en.jsonl` (format and annotation
//! guidelines: `tests/fixtures/suggest/README.md`). Any file in that format can be scored the
//! same way, the held-out set included.
//!
//! Scoring, per type and overall:
//! - a prediction matches a gold span of the same type when their intersection over union (in
//!   code points) is ≥ 0.5; one-to-one, greedily, best IoU first (ties: gold order, then
//!   prediction order). Precision, recall and F1 over matches; "exact" counts the matches with the
//!   same start and end;
//! - value accuracy, among the matches whose gold span has a value: numbers equal within a relative
//!   1e-9 (and the same `vague` flag) for quantities and percents, number and currency for money,
//!   date string and granularity for dates, the ISO string for durations, the speaker compared
//!   trimmed and case-insensitively for attributions. Quotes have no value. Units are not part of
//!   it (free text); their agreement is reported on the side, as is the quote–attribution linking;
//! - "group" is quantity + percent + money + date + duration + quote (micro-averaged); attribution
//!   apart. Targets of the issue: group F1 ≥ 0.9, attribution recall ≥ 0.8, value accuracy ≥ 0.95,
//!   ≥ 1 MB/s on one core.
//!
//! Speed: each language's paragraphs repeated (blank lines between) up to ≥ 1,000,000 bytes, and
//! `suggest` timed on that text: one warm-up, then the median of 5 runs (`--speed-bytes=N` for
//! another size, to see how the time grows).
//!
//! `--errors` prints every false negative, false positive and wrong value with its paragraph id,
//! for improving the detector; `--boundaries` also the matches with other boundaries. `--json`
//! prints the JSON summary only. `--self-check` scores a tiny hand-made case and checks the figures.

use std::collections::BTreeMap;
use std::fs;
use std::time::Instant;

use chrono::NaiveDate;
use claimdesk::suggest::suggest;
use serde_json::{Value, json};

const TYPES: [&str; 7] = [
    "quantity",
    "percent",
    "money",
    "date",
    "duration",
    "quote",
    "attribution",
];
const GROUP: [&str; 6] = ["quantity", "percent", "money", "date", "duration", "quote"];
const MIN_IOU: f64 = 0.5;
const SPEED_BYTES: usize = 1_000_000;
const SPEED_RUNS: usize = 5;

const TARGET_GROUP_F1: f64 = 0.9;
const TARGET_ATTRIBUTION_RECALL: f64 = 0.8;
const TARGET_VALUE_ACCURACY: f64 = 0.95;
const TARGET_MB_PER_S: f64 = 1.0;

/// A span, gold or predicted; offsets in code points, end exclusive.
#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    kind: String,
    value: Option<Value>,
    link: Option<usize>,
}

struct Paragraph {
    id: String,
    language: Option<String>,
    published: Option<NaiveDate>,
    text: String,
    spans: Vec<Span>,
}

fn parse_span(v: &Value, link_key: &str) -> Span {
    let value = v.get("value").filter(|x| !x.is_null()).cloned();
    Span {
        start: v["start"].as_u64().expect("span start") as usize,
        end: v["end"].as_u64().expect("span end") as usize,
        kind: v["type"].as_str().expect("span type").to_string(),
        value,
        link: v.get(link_key).and_then(Value::as_u64).map(|x| x as usize),
    }
}

fn load(path: &str) -> Vec<Paragraph> {
    let data = fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        let text = v["text"].as_str().expect("text").to_string();
        let chars = text.chars().count();
        let spans: Vec<Span> = v["spans"]
            .as_array()
            .expect("spans")
            .iter()
            .map(|s| parse_span(s, "link"))
            .collect();
        for s in &spans {
            assert!(
                s.start < s.end && s.end <= chars && TYPES.contains(&s.kind.as_str()),
                "{path}:{}: bad span {s:?}",
                n + 1
            );
        }
        out.push(Paragraph {
            id: v["id"]
                .as_str()
                .map_or_else(|| format!("{path}:{}", n + 1), str::to_string),
            language: v["language"].as_str().map(str::to_string),
            published: v["published"]
                .as_str()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("published date")),
            text,
            spans,
        });
    }
    out
}

fn predict(p: &Paragraph) -> Vec<Span> {
    suggest(&p.text, p.published, p.language.as_deref())
        .iter()
        .map(|s| {
            parse_span(
                &serde_json::to_value(s).expect("suggestion to JSON"),
                "linked_to",
            )
        })
        .collect()
}

fn iou(a: &Span, b: &Span) -> f64 {
    let inter = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let union = (a.end - a.start) + (b.end - b.start) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// One-to-one matches (gold index, predicted index) of the same type with IoU ≥ 0.5, best first.
fn match_spans(gold: &[Span], pred: &[Span]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (g, gs) in gold.iter().enumerate() {
        for (p, ps) in pred.iter().enumerate() {
            if gs.kind == ps.kind {
                let x = iou(gs, ps);
                if x >= MIN_IOU {
                    candidates.push((x, g, p));
                }
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut gold_used, mut pred_used) = (vec![false; gold.len()], vec![false; pred.len()]);
    let mut out = Vec::new();
    for (_, g, p) in candidates {
        if !gold_used[g] && !pred_used[p] {
            gold_used[g] = true;
            pred_used[p] = true;
            out.push((g, p));
        }
    }
    out.sort();
    out
}

fn same_number(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()),
        _ => false,
    }
}

fn field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Whether a predicted value equals the gold one (see the module comment).
fn same_value(kind: &str, gold: &Value, pred: &Value) -> bool {
    let number = |v: &Value| v.get("number").and_then(Value::as_f64);
    match kind {
        "quantity" | "percent" => {
            let vague = |v: &Value| v.get("vague").and_then(Value::as_bool).unwrap_or(false);
            same_number(number(gold), number(pred)) && vague(gold) == vague(pred)
        }
        "money" => {
            same_number(number(gold), number(pred))
                && field(gold, "currency").is_some()
                && field(gold, "currency") == field(pred, "currency")
        }
        "date" => {
            field(gold, "date").is_some()
                && field(gold, "date") == field(pred, "date")
                && field(gold, "granularity") == field(pred, "granularity")
        }
        "duration" => field(gold, "iso").is_some() && field(gold, "iso") == field(pred, "iso"),
        "attribution" => match (field(gold, "speaker"), field(pred, "speaker")) {
            (Some(g), Some(p)) => g.trim().to_lowercase() == p.trim().to_lowercase(),
            _ => false,
        },
        _ => true,
    }
}

#[derive(Default, Clone)]
struct Counts {
    gold: usize,
    pred: usize,
    tp: usize,
    exact: usize,
    value_checked: usize,
    value_correct: usize,
    unit_checked: usize,
    unit_correct: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
        self.exact += o.exact;
        self.value_checked += o.value_checked;
        self.value_correct += o.value_correct;
        self.unit_checked += o.unit_checked;
        self.unit_correct += o.unit_correct;
    }
    fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.pred)
    }
    fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.gold)
    }
    fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, self.gold + self.pred)
    }
    fn value_accuracy(&self) -> Option<f64> {
        ratio(self.value_correct, self.value_checked)
    }
    fn json(&self) -> Value {
        json!({
            "gold": self.gold, "predicted": self.pred, "true_positives": self.tp,
            "false_positives": self.pred - self.tp, "false_negatives": self.gold - self.tp,
            "precision": round(self.precision()), "recall": round(self.recall()),
            "f1": round(self.f1()), "exact_boundaries": self.exact,
            "value_checked": self.value_checked, "value_correct": self.value_correct,
            "value_accuracy": round(self.value_accuracy()),
            "unit_checked": self.unit_checked, "unit_correct": self.unit_correct,
        })
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn round(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |x| json!((x * 10_000.0).round() / 10_000.0))
}

#[derive(Default)]
struct Score {
    by_type: BTreeMap<&'static str, Counts>,
    links_checked: usize,
    links_correct: usize,
}

impl Score {
    fn group(&self, kinds: &[&str]) -> Counts {
        let mut c = Counts::default();
        for k in kinds {
            if let Some(x) = self.by_type.get(k) {
                c.add(x);
            }
        }
        c
    }
    fn add(&mut self, o: &Score) {
        for (k, c) in &o.by_type {
            self.by_type.entry(k).or_default().add(c);
        }
        self.links_checked += o.links_checked;
        self.links_correct += o.links_correct;
    }
}

/// What went wrong in one paragraph, for `--errors`.
#[derive(Default)]
struct Errors {
    missed: Vec<usize>,
    spurious: Vec<usize>,
    wrong_value: Vec<(usize, usize)>,
    other_boundaries: Vec<(usize, usize)>,
}

fn score_paragraph(gold: &[Span], pred: &[Span]) -> (Score, Errors) {
    let matches = match_spans(gold, pred);
    let mut score = Score::default();
    for k in TYPES {
        score.by_type.insert(k, Counts::default());
    }
    for s in gold {
        score.by_type.get_mut(s.kind.as_str()).unwrap().gold += 1;
    }
    for s in pred {
        if let Some(c) = score.by_type.get_mut(s.kind.as_str()) {
            c.pred += 1;
        }
    }
    let mut errors = Errors::default();
    let mut pred_of_gold = vec![None; gold.len()];
    let mut matched_pred = vec![false; pred.len()];
    for &(g, p) in &matches {
        pred_of_gold[g] = Some(p);
        matched_pred[p] = true;
        let (gs, ps) = (&gold[g], &pred[p]);
        let c = score.by_type.get_mut(gs.kind.as_str()).unwrap();
        c.tp += 1;
        if gs.start == ps.start && gs.end == ps.end {
            c.exact += 1;
        } else {
            errors.other_boundaries.push((g, p));
        }
        if let Some(gv) = &gs.value {
            c.value_checked += 1;
            if ps
                .value
                .as_ref()
                .is_some_and(|pv| same_value(&gs.kind, gv, pv))
            {
                c.value_correct += 1;
            } else {
                errors.wrong_value.push((g, p));
            }
            if let Some(unit) = field(gv, "unit") {
                c.unit_checked += 1;
                let got = ps.value.as_ref().and_then(|pv| field(pv, "unit"));
                if got.is_some_and(|u| u.trim().to_lowercase() == unit.trim().to_lowercase()) {
                    c.unit_correct += 1;
                }
            }
        }
    }
    // Linking: every gold quote with a linked attribution, both found: the quote's prediction
    // must link to the attribution's prediction.
    for (g, gs) in gold.iter().enumerate() {
        if gs.kind != "quote" {
            continue;
        }
        if let (Some(l), Some(p)) = (gs.link, pred_of_gold[g])
            && let Some(q) = pred_of_gold.get(l).copied().flatten()
        {
            score.links_checked += 1;
            if pred[p].link == Some(q) {
                score.links_correct += 1;
            }
        }
    }
    errors.missed = (0..gold.len())
        .filter(|&g| pred_of_gold[g].is_none())
        .collect();
    errors.spurious = (0..pred.len()).filter(|&p| !matched_pred[p]).collect();
    (score, errors)
}

fn slice(chars: &[char], s: &Span) -> String {
    chars[s.start.min(chars.len())..s.end.min(chars.len())]
        .iter()
        .collect()
}

fn context(chars: &[char], s: &Span) -> String {
    let a = s.start.saturating_sub(40);
    let b = (s.end + 40).min(chars.len());
    let text: String = chars[a..s.start.min(chars.len())]
        .iter()
        .chain(['⟦'].iter())
        .chain(chars[s.start.min(chars.len())..s.end.min(chars.len())].iter())
        .chain(['⟧'].iter())
        .chain(chars[s.end.min(chars.len())..b].iter())
        .collect();
    text.replace('\n', " ")
}

fn show_value(v: &Option<Value>) -> String {
    v.as_ref().map_or_else(|| "-".to_string(), Value::to_string)
}

fn print_errors(p: &Paragraph, gold: &[Span], pred: &[Span], e: &Errors, boundaries: bool) {
    if e.missed.is_empty()
        && e.spurious.is_empty()
        && e.wrong_value.is_empty()
        && (!boundaries || e.other_boundaries.is_empty())
    {
        return;
    }
    let chars: Vec<char> = p.text.chars().collect();
    println!(
        "── {} ({})",
        p.id,
        p.published.map_or("no date".to_string(), |d| d.to_string())
    );
    for &g in &e.missed {
        let s = &gold[g];
        println!(
            "  FN {:<11} {:?} {}   …{}…",
            s.kind,
            slice(&chars, s),
            show_value(&s.value),
            context(&chars, s)
        );
    }
    for &p_ in &e.spurious {
        let s = &pred[p_];
        println!(
            "  FP {:<11} {:?} {}   …{}…",
            s.kind,
            slice(&chars, s),
            show_value(&s.value),
            context(&chars, s)
        );
    }
    for &(g, p_) in &e.wrong_value {
        let (gs, ps) = (&gold[g], &pred[p_]);
        println!(
            "  VALUE {:<8} {:?}: expected {}, got {} (on {:?})",
            gs.kind,
            slice(&chars, gs),
            show_value(&gs.value),
            show_value(&ps.value),
            slice(&chars, ps)
        );
    }
    if boundaries {
        for &(g, p_) in &e.other_boundaries {
            let (gs, ps) = (&gold[g], &pred[p_]);
            println!(
                "  BOUNDS {:<7} expected {:?}, got {:?}",
                gs.kind,
                slice(&chars, gs),
                slice(&chars, ps)
            );
        }
    }
}

fn speed(paragraphs: &[&Paragraph], bytes: usize) -> Option<Value> {
    let first = paragraphs.first()?;
    if paragraphs.iter().all(|p| p.text.is_empty()) {
        return None;
    }
    let mut text = String::new();
    'fill: loop {
        for p in paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&p.text);
            if text.len() >= bytes {
                break 'fill;
            }
        }
    }
    let lang = first.language.as_deref();
    let found = suggest(&text, first.published, lang).len();
    let mut times = Vec::new();
    for _ in 0..SPEED_RUNS {
        let t = Instant::now();
        let n = suggest(&text, first.published, lang).len();
        times.push(t.elapsed().as_secs_f64());
        assert_eq!(n, found);
    }
    times.sort_by(f64::total_cmp);
    let median = times[SPEED_RUNS / 2];
    Some(json!({
        "bytes": text.len(), "code_points": text.chars().count(), "suggestions": found,
        "runs": SPEED_RUNS, "s_median": (median * 1e4).round() / 1e4,
        "s_best": (times[0] * 1e4).round() / 1e4,
        "mb_per_s": ((text.len() as f64 / 1e6 / median) * 100.0).round() / 100.0,
    }))
}

fn fmt(x: Option<f64>) -> String {
    x.map_or_else(|| "  -  ".to_string(), |x| format!("{x:.3}"))
}

fn row(name: &str, c: &Counts, target: &str) {
    let values = if c.value_checked > 0 {
        format!(
            "{} ({}/{})",
            fmt(c.value_accuracy()),
            c.value_correct,
            c.value_checked
        )
    } else {
        "-".to_string()
    };
    println!(
        "{name:<13} {:>5} {:>5} {:>5} {:>5} {:>5}  {}  {}  {}  {:>9}  {values:<20} {target}",
        c.gold,
        c.pred,
        c.tp,
        c.pred - c.tp,
        c.gold - c.tp,
        fmt(c.precision()),
        fmt(c.recall()),
        fmt(c.f1()),
        format!("{}/{}", c.exact, c.tp),
    );
}

fn mark(ok: bool) -> &'static str {
    if ok { "✓" } else { "✗" }
}

/// Scores a tiny hand-made case and checks every figure (the example's own unit test).
fn self_check() {
    let s = |start, end, kind: &str, value: Value, link| Span {
        start,
        end,
        kind: kind.to_string(),
        value: if value.is_null() { None } else { Some(value) },
        link,
    };
    // Made-up offsets (no text needed): gold quote 0..26 linked to the attribution 28..38, a
    // quantity 12..24 inside the quote, a date 43..48.
    let gold = vec![
        s(0, 26, "quote", Value::Null, Some(2)),
        s(
            12,
            24,
            "quantity",
            json!({"number": 3000, "unit": "agents"}),
            None,
        ),
        s(28, 38, "attribution", json!({"speaker": "Il"}), Some(0)),
        s(
            43,
            48,
            "date",
            json!({"date": "2024-09-03", "granularity": "day"}),
            None,
        ),
    ];
    let pred = vec![
        // the quote exactly, linked to the attribution (index 3 here)
        s(0, 26, "quote", Value::Null, Some(3)),
        // the figure without its noun: 5/12 = 0.42 < 0.5 → no match (FP and FN)
        s(12, 17, "quantity", json!({"number": 3000.0}), None),
        // a second, overlapping guess at the figure: IoU 9/12 = 0.75 → match, value 3000.0000000001 ok
        s(15, 24, "quantity", json!({"number": 3000.0000000001}), None),
        // the attribution one code point short: IoU 9/10 → match, speaker " il " equals "Il"
        s(28, 37, "attribution", json!({"speaker": " il "}), Some(0)),
        // the date with the wrong granularity → match, wrong value
        s(
            43,
            48,
            "date",
            json!({"date": "2024-09-03", "granularity": "month"}),
            None,
        ),
        // a duration nobody labelled → FP
        s(40, 42, "duration", json!({"iso": "P1D"}), None),
    ];
    let (score, errors) = score_paragraph(&gold, &pred);
    let m = match_spans(&gold, &pred);
    println!("self-check: matches (gold, predicted) = {m:?}");
    assert_eq!(m, vec![(0, 0), (1, 2), (2, 3), (3, 4)]);
    let all = score.group(&TYPES);
    println!(
        "self-check: gold {} predicted {} tp {} exact {} values {}/{} links {}/{} FN {:?} FP {:?}",
        all.gold,
        all.pred,
        all.tp,
        all.exact,
        all.value_correct,
        all.value_checked,
        score.links_correct,
        score.links_checked,
        errors.missed,
        errors.spurious
    );
    assert_eq!((all.gold, all.pred, all.tp, all.exact), (4, 6, 4, 2));
    // quantity (number ok; gold has a unit, prediction none), attribution ok, date wrong
    assert_eq!((all.value_correct, all.value_checked), (2, 3));
    assert_eq!((all.unit_correct, all.unit_checked), (0, 1));
    assert_eq!((score.links_correct, score.links_checked), (1, 1));
    assert!(errors.missed.is_empty());
    assert_eq!(errors.spurious, vec![1, 5]);
    assert_eq!(all.f1(), Some(8.0 / 10.0));
    assert!(!same_value(
        "quantity",
        &json!({"number": 10, "vague": true}),
        &json!({"number": 10})
    ));
    assert!(same_value(
        "money",
        &json!({"number": 2.5e9, "currency": "USD"}),
        &json!({"number": 2500000000u64, "currency": "USD"})
    ));
    assert!(!same_value(
        "money",
        &json!({"number": 2.5e9, "currency": "USD"}),
        &json!({"number": 2.5e9, "currency": "EUR"})
    ));
    assert!(!same_value(
        "quantity",
        &json!({"number": 1000}),
        &json!({"number": 1000.01})
    ));
    println!("self-check: ok");
}

fn main() {
    let mut files = Vec::new();
    let (mut errors, mut boundaries, mut json_only, mut no_speed) = (false, false, false, false);
    let mut speed_bytes = SPEED_BYTES;
    for a in std::env::args().skip(1) {
        if let Some(n) = a.strip_prefix("--speed-bytes=") {
            speed_bytes = n.parse().expect("--speed-bytes=N");
            continue;
        }
        match a.as_str() {
            "--errors" => errors = true,
            "--boundaries" => {
                errors = true;
                boundaries = true
            }
            "--json" => json_only = true,
            "--no-speed" => no_speed = true,
            "--self-check" => {
                self_check();
                return;
            }
            "-h" | "--help" => {
                println!(
                    "suggest_bench [FILE.jsonl …] [--errors] [--boundaries] [--json] [--no-speed] [--speed-bytes=N] [--self-check]"
                );
                return;
            }
            f if f.starts_with("--") => panic!("unknown option {f}"),
            f => files.push(f.to_string()),
        }
    }
    if files.is_empty() {
        for lang in ["fr", "en"] {
            files.push(format!(
                "{}/tests/fixtures/suggest/{lang}.jsonl",
                env!("CARGO_MANIFEST_DIR")
            ));
        }
    }

    let mut total = Score::default();
    let mut by_file = serde_json::Map::new();
    let mut all_paragraphs = Vec::new();
    for f in &files {
        let paragraphs = load(f);
        let mut file_score = Score::default();
        for p in &paragraphs {
            let pred = predict(p);
            let (s, e) = score_paragraph(&p.spans, &pred);
            if errors && !json_only {
                print_errors(p, &p.spans, &pred, &e, boundaries);
            }
            file_score.add(&s);
        }
        let name = std::path::Path::new(f)
            .file_name()
            .map_or(f.clone(), |n| n.to_string_lossy().into_owned());
        by_file.insert(
            name,
            json!({
                "paragraphs": paragraphs.len(),
                "group": file_score.group(&GROUP).json(),
                "attribution": file_score.group(&["attribution"]).json(),
                "all_values": file_score.group(&TYPES).json()["value_accuracy"],
            }),
        );
        total.add(&file_score);
        all_paragraphs.extend(paragraphs);
    }

    // Speed, per language (paragraphs without a language go with the first group).
    let mut speeds = serde_json::Map::new();
    if !no_speed {
        let mut langs: Vec<Option<String>> =
            all_paragraphs.iter().map(|p| p.language.clone()).collect();
        langs.dedup();
        langs.sort();
        langs.dedup();
        for lang in langs {
            let ps: Vec<&Paragraph> = all_paragraphs
                .iter()
                .filter(|p| p.language == lang)
                .collect();
            if let Some(v) = speed(&ps, speed_bytes) {
                speeds.insert(lang.unwrap_or_else(|| "unknown".to_string()), v);
            }
        }
    }

    let group = total.group(&GROUP);
    let attribution = total.group(&["attribution"]);
    let values = total.group(&TYPES);
    let slowest = speeds
        .values()
        .filter_map(|v| v["mb_per_s"].as_f64())
        .reduce(f64::min);
    let targets = json!({
        "group_f1": {"target": TARGET_GROUP_F1, "value": round(group.f1()),
                     "met": group.f1().is_some_and(|x| x >= TARGET_GROUP_F1)},
        "attribution_recall": {"target": TARGET_ATTRIBUTION_RECALL, "value": round(attribution.recall()),
                     "met": attribution.recall().is_some_and(|x| x >= TARGET_ATTRIBUTION_RECALL)},
        "value_accuracy": {"target": TARGET_VALUE_ACCURACY, "value": round(values.value_accuracy()),
                     "met": values.value_accuracy().is_some_and(|x| x >= TARGET_VALUE_ACCURACY)},
        "mb_per_s": {"target": TARGET_MB_PER_S, "value": slowest,
                     "met": slowest.map(|x| x >= TARGET_MB_PER_S)},
    });
    let summary = json!({
        "files": files,
        "paragraphs": all_paragraphs.len(),
        "min_iou": MIN_IOU,
        "types": total.by_type.iter().map(|(k, c)| (k.to_string(), c.json())).collect::<serde_json::Map<_, _>>(),
        "group": group.json(),
        "attribution": attribution.json(),
        "all_values": {"checked": values.value_checked, "correct": values.value_correct,
                       "accuracy": round(values.value_accuracy())},
        "links": {"checked": total.links_checked, "correct": total.links_correct,
                  "accuracy": round(ratio(total.links_correct, total.links_checked))},
        "by_file": by_file,
        "speed": speeds,
        "targets": targets,
    });
    if json_only {
        println!("{summary}");
        return;
    }

    println!();
    println!(
        "{} paragraphs from {}; a match: same type, IoU ≥ {MIN_IOU}",
        all_paragraphs.len(),
        files.join(", ")
    );
    println!(
        "{:<13} {:>5} {:>5} {:>5} {:>5} {:>5}  {:<5}  {:<5}  {:<5}  {:>9}  {:<20} target",
        "type", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1", "exact", "value accuracy"
    );
    for k in TYPES {
        row(k, &total.by_type[k], "");
        if k == "quote" {
            row(
                "group (6)",
                &group,
                &format!(
                    "F1 ≥ {TARGET_GROUP_F1} {}",
                    mark(group.f1().is_some_and(|x| x >= TARGET_GROUP_F1))
                ),
            );
        }
    }
    println!(
        "{:<13} recall {} (target ≥ {TARGET_ATTRIBUTION_RECALL} {})",
        "attribution",
        fmt(attribution.recall()),
        mark(
            attribution
                .recall()
                .is_some_and(|x| x >= TARGET_ATTRIBUTION_RECALL)
        )
    );
    println!(
        "{:<13} value accuracy {} ({}/{} matched spans with a value; target ≥ {TARGET_VALUE_ACCURACY} {})",
        "all values",
        fmt(values.value_accuracy()),
        values.value_correct,
        values.value_checked,
        mark(
            values
                .value_accuracy()
                .is_some_and(|x| x >= TARGET_VALUE_ACCURACY)
        )
    );
    let q = &total.by_type["quantity"];
    println!(
        "{:<13} {}/{} quantity units agree (not part of value accuracy); quote → attribution links {}/{}",
        "side", q.unit_correct, q.unit_checked, total.links_correct, total.links_checked
    );
    for (name, v) in &by_file {
        println!(
            "{name:<13} group F1 {}  attribution recall {}  value accuracy {}",
            v["group"]["f1"], v["attribution"]["recall"], v["all_values"]
        );
    }
    for (lang, v) in &speeds {
        println!(
            "speed {lang:<7} {:.2} MB, {} suggestions: median {} s, best {} s → {} MB/s (target ≥ {TARGET_MB_PER_S} {})",
            v["bytes"].as_f64().unwrap_or(0.0) / 1e6,
            v["suggestions"],
            v["s_median"],
            v["s_best"],
            v["mb_per_s"],
            mark(v["mb_per_s"].as_f64().is_some_and(|x| x >= TARGET_MB_PER_S))
        );
    }
    println!();
    println!("{summary}");
}
