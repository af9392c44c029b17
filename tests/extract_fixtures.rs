//! The extraction fixture suite: every folder under `tests/fixtures/articles/` holds one article
//! and what extraction must make of it.
//!
//! ```text
//! tests/fixtures/articles/<name>/
//!     source.html | source.txt   the bytes as a user would import them
//!     expected.txt               the canonical text, exactly (one final newline is ignored)
//!     expected-metadata.json     {"title", "byline", "publisher", "published": "YYYY-MM-DD",
//!                                 "language", "url"}; null means "must be None". Optional
//!                                 "modified" ("YYYY-MM-DD" or null), "kind" ("html"/"text") and
//!                                 "charset" are checked when present.
//! ```
//!
//! A fixture named in [`KNOWN_DIVERGENCES`] may differ from its expectations (the difference is
//! printed, not failed) — for cases the extractor is known not to handle yet.

use std::fs;
use std::path::{Path, PathBuf};

use claimdesk::article::{DEFAULT_MAX_BYTES, Extraction, Kind, extract};
use serde_json::Value;

/// Fixtures allowed to differ from their expectations, with the reason.
const KNOWN_DIVERGENCES: &[(&str, &str)] = &[];

const METADATA_FIELDS: &[&str] = &[
    "title",
    "byline",
    "publisher",
    "published",
    "language",
    "url",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

/// The fixture folders, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/articles exists")
        .map(|e| e.expect("readable fixture entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn name_of(dir: &Path) -> String {
    dir.file_name().unwrap().to_string_lossy().into_owned()
}

fn source_of(dir: &Path) -> PathBuf {
    let html = dir.join("source.html");
    let txt = dir.join("source.txt");
    match (html.exists(), txt.exists()) {
        (true, false) => html,
        (false, true) => txt,
        (true, true) => panic!("{}: has both source.html and source.txt", dir.display()),
        (false, false) => panic!("{}: has neither source.html nor source.txt", dir.display()),
    }
}

fn expected_text(dir: &Path) -> String {
    let raw = fs::read_to_string(dir.join("expected.txt"))
        .unwrap_or_else(|e| panic!("{}: cannot read expected.txt: {e}", dir.display()));
    let raw = raw.strip_suffix('\n').unwrap_or(&raw);
    raw.strip_suffix('\r').unwrap_or(raw).to_string()
}

fn expected_metadata(dir: &Path) -> Value {
    let raw = fs::read_to_string(dir.join("expected-metadata.json"))
        .unwrap_or_else(|e| panic!("{}: cannot read expected-metadata.json: {e}", dir.display()));
    serde_json::from_str(&raw)
        .unwrap_or_else(|e| panic!("{}: bad expected-metadata.json: {e}", dir.display()))
}

fn run(dir: &Path) -> Extraction {
    let bytes = fs::read(source_of(dir)).unwrap();
    extract(&bytes, DEFAULT_MAX_BYTES)
        .unwrap_or_else(|e| panic!("{}: extraction failed: {e}", name_of(dir)))
}

/// The differences between what extraction gave and what the fixture expects.
fn differences(dir: &Path, got: &Extraction) -> Vec<String> {
    let mut diffs = Vec::new();
    let want_text = expected_text(dir);
    let e = &got.extracted;
    if e.text != want_text {
        diffs.push(text_diff(&want_text, &e.text));
    }
    let meta = expected_metadata(dir);
    let article = got.to_article(None);
    let actual: [(&str, Option<String>); 6] = [
        ("title", article.title),
        ("byline", article.byline),
        ("publisher", article.publisher),
        ("published", article.published),
        ("language", article.language),
        ("url", article.url),
    ];
    for (field, value) in actual {
        let want = match meta.get(field) {
            Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => panic!(
                "{}: {field} must be a string or null, not {other}",
                name_of(dir)
            ),
            None => panic!(
                "{}: expected-metadata.json lacks {field:?} (use null for none)",
                name_of(dir)
            ),
        };
        if value != want {
            diffs.push(format!("{field}: expected {want:?}, got {value:?}"));
        }
    }
    if let Some(kind) = meta.get("kind").and_then(Value::as_str) {
        let got_kind = match got.kind {
            Kind::Html => "html",
            Kind::Text => "text",
        };
        if kind != got_kind {
            diffs.push(format!("kind: expected {kind:?}, got {got_kind:?}"));
        }
    }
    if let Some(charset) = meta.get("charset").and_then(Value::as_str)
        && charset != got.charset
    {
        diffs.push(format!(
            "charset: expected {charset:?}, got {:?}",
            got.charset
        ));
    }
    // "modified" is optional: checked when the fixture gives it (null: must be None).
    if let Some(want) = meta.get("modified") {
        let got_modified = e.modified.map(|d| d.format("%Y-%m-%d").to_string());
        let want = want.as_str().map(str::to_string);
        if got_modified != want {
            diffs.push(format!("modified: expected {want:?}, got {got_modified:?}"));
        }
    }
    if let Some(obj) = meta.as_object() {
        for k in obj.keys() {
            if !METADATA_FIELDS.contains(&k.as_str())
                && !["kind", "charset", "modified"].contains(&k.as_str())
            {
                diffs.push(format!("expected-metadata.json has an unknown field {k:?}"));
            }
        }
    }
    diffs
}

/// Shows the first differing block of two canonical texts.
fn text_diff(want: &str, got: &str) -> String {
    let w: Vec<&str> = want.split("\n\n").collect();
    let g: Vec<&str> = got.split("\n\n").collect();
    let first = w
        .iter()
        .zip(&g)
        .position(|(a, b)| a != b)
        .unwrap_or(w.len().min(g.len()));
    format!(
        "text differs: expected {} blocks, got {}; first difference at block {}:\n    expected: {:?}\n    got:      {:?}",
        w.len(),
        g.len(),
        first + 1,
        w.get(first).unwrap_or(&"<none>"),
        g.get(first).unwrap_or(&"<none>"),
    )
}

#[test]
fn fixtures_extract_as_expected() {
    let dirs = fixtures();
    assert!(
        !dirs.is_empty(),
        "no fixtures under {}",
        fixtures_dir().display()
    );
    let mut failures = Vec::new();
    for dir in &dirs {
        let name = name_of(dir);
        let got = run(dir);
        let diffs = differences(dir, &got);
        let known = KNOWN_DIVERGENCES.iter().find(|(n, _)| *n == name);
        match (diffs.is_empty(), known) {
            (true, None) => println!("ok        {name}"),
            (true, Some(_)) => println!(
                "ok        {name} (listed in KNOWN_DIVERGENCES but passes now — remove it)"
            ),
            (false, Some((_, why))) => {
                println!("diverges  {name} (known: {why})");
                for d in &diffs {
                    println!("    {d}");
                }
            }
            (false, None) => {
                println!("FAILED    {name}");
                for d in &diffs {
                    println!("    {d}");
                }
                failures.push(format!("{name}:\n  {}", diffs.join("\n  ")));
            }
        }
    }
    if !KNOWN_DIVERGENCES.is_empty() {
        println!(
            "known divergences: {:?}",
            KNOWN_DIVERGENCES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ from their expectations:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn known_divergences_name_real_fixtures() {
    let names: Vec<String> = fixtures().iter().map(|d| name_of(d)).collect();
    for (name, _) in KNOWN_DIVERGENCES {
        assert!(
            names.iter().any(|n| n == name),
            "KNOWN_DIVERGENCES names {name:?}, which is not a fixture"
        );
    }
}

#[test]
fn the_suite_covers_the_required_shapes() {
    let names: Vec<String> = fixtures().iter().map(|d| name_of(d)).collect();
    for required in [
        "fr-news-utf8",
        "fr-news-cp1252",
        "en-jsonld-graph",
        "fr-paste",
        "en-paste",
        "hostile",
        // French pages in the layouts French-language news sites use (bench/french.py scores
        // them against trafilatura).
        "fr-quotidien-jsonld",
        "fr-wordpress-regional",
        "fr-portail-tableaux",
        "fr-amp",
        "fr-br-paragraphes",
        "fr-entretien",
        "fr-tableau-donnees",
        "fr-date-visible",
        "fr-chapo-divs",
        "fr-teasers-newsletter",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "missing fixture {required}"
        );
    }
}

/// The same French page saved as windows-1252 must give exactly what the UTF-8 one gives.
#[test]
fn windows_1252_page_reads_like_its_utf8_twin() {
    let dir = fixtures_dir();
    let utf8_dir = dir.join("fr-news-utf8");
    let cp_dir = dir.join("fr-news-cp1252");
    assert_eq!(
        expected_text(&utf8_dir),
        expected_text(&cp_dir),
        "the two fixtures must expect the same text"
    );

    let cp_bytes = fs::read(cp_dir.join("source.html")).unwrap();
    assert!(
        std::str::from_utf8(&cp_bytes).is_err(),
        "the windows-1252 fixture must not be valid UTF-8"
    );

    let utf8 = run(&utf8_dir);
    let cp = run(&cp_dir);
    assert_eq!(utf8.charset, "UTF-8");
    assert_eq!(cp.charset, "windows-1252");
    assert_eq!(cp.extracted, utf8.extracted);
    assert_ne!(cp.sha256, utf8.sha256);
}

/// The same windows-1252 bytes without their `<meta charset>` are still read right (by
/// detection), and the UTF-8 page gzipped gives the same article.
#[test]
fn undeclared_windows_1252_and_gzip() {
    let dir = fixtures_dir();
    let utf8 = run(&dir.join("fr-news-utf8"));

    let cp_bytes = fs::read(dir.join("fr-news-cp1252/source.html")).unwrap();
    let needle = b"<meta charset=\"windows-1252\">";
    let pos = cp_bytes
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the cp1252 fixture declares its charset");
    let mut undeclared = cp_bytes[..pos].to_vec();
    undeclared.extend_from_slice(&cp_bytes[pos + needle.len()..]);
    let got = extract(&undeclared, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(got.charset, "windows-1252");
    assert_eq!(got.extracted, utf8.extracted);

    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(
        &mut gz,
        &fs::read(dir.join("fr-news-utf8/source.html")).unwrap(),
    )
    .unwrap();
    let got = extract(&gz.finish().unwrap(), DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(got.extracted, utf8.extracted);
}

/// Nothing a hostile page carries as code reaches the text or the metadata.
#[test]
fn hostile_page_leaks_no_code() {
    let got = run(&fixtures_dir().join("hostile"));
    let e = &got.extracted;
    let everything = format!(
        "{:?} {:?} {:?} {:?} {}",
        e.title, e.byline, e.publisher, e.url, e.text
    );
    for leak in [
        "__pwned",
        "onerror=\"",
        "javascript:",
        "SVG text",
        "Iframe text",
        "Object fallback",
        "Template paragraph",
        "hidden paragraph",
        "invisible paragraph",
        "Prefilled",
        "Option text",
        "Your email",
        "Written by script",
        "commented-out",
        "enable JavaScript",
    ] {
        assert!(
            !everything.contains(leak),
            "hostile page leaked {leak:?} into {everything}"
        );
    }
    // Escaped markup is text and stays text.
    assert!(e.text.contains("<script>alert('escaped')</script>"));
}

/// The French paste saved as UTF-16 (with a BOM, as Windows Notepad does) reads the same.
#[test]
fn utf16_paste_reads_like_utf8() {
    let dir = fixtures_dir().join("fr-paste");
    let utf8 = run(&dir);
    let text = fs::read_to_string(dir.join("source.txt")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let got = extract(&le, DEFAULT_MAX_BYTES).unwrap();
    assert_eq!(got.charset, "UTF-16LE");
    assert_eq!(got.extracted, utf8.extracted);
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(
        extract(&be, DEFAULT_MAX_BYTES).unwrap().extracted,
        utf8.extracted
    );
}

/// What is not an article is refused with the right reason, through the whole pipeline.
#[test]
fn traps() {
    use claimdesk::ExtractProblem;
    let max = DEFAULT_MAX_BYTES;
    assert_eq!(extract(b"", max).unwrap_err(), ExtractProblem::Empty);
    assert_eq!(
        extract(b" \r\n\t\n", max).unwrap_err(),
        ExtractProblem::Empty
    );
    assert_eq!(
        extract(b"%PDF-1.7\n1 0 obj", max).unwrap_err(),
        ExtractProblem::Pdf
    );
    assert_eq!(
        extract(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", max).unwrap_err(),
        ExtractProblem::Binary("PNG image")
    );
    assert_eq!(
        extract(b"0123456789", 4).unwrap_err(),
        ExtractProblem::TooLarge { size: 10, limit: 4 }
    );
    assert_eq!(
        extract(
            b"<html><body><nav><a href=/>Home</a></nav></body></html>",
            max
        )
        .unwrap_err(),
        ExtractProblem::NoText
    );

    // A gzip bomb: 32 MB of spaces and letters squeezed into a few kilobytes.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..32 {
        std::io::Write::write_all(&mut gz, &chunk).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert_eq!(
        extract(&bomb, 1 << 20).unwrap_err(),
        ExtractProblem::GzipTooLarge { limit: 1 << 20 }
    );

    // A heart is not a tag.
    let heart = extract("<3 I love it".as_bytes(), max).unwrap();
    assert_eq!(heart.kind, Kind::Text);
    assert_eq!(heart.extracted.text, "<3 I love it");
}
