//! A claim set file → `desk::import_claims` (the native claimdesk JSON, or a Web Annotation
//! collection claimdesk wrote) into a fresh database (in /dev/shm); when the import succeeds, every
//! export format is prepared and written from what it stored.
//!
//! Two modes, by the first byte:
//! - raw: input starting with `{`, `[` or whitespace is the file itself (the golden exports are
//!   seeds);
//! - structured: otherwise the bytes drive edits to a valid document — one of the golden native
//!   exports, or the desk's own Web Annotation export of it — optionally imported once unchanged
//!   first, so that the edited file merges into claims the desk already holds (updates,
//!   conflicts, history). Edits replace a value (a string, a number at the edges, another value
//!   of the document), remove it, duplicate an array item or splice text into a string.
//!
//! `import_claims` reads a path, so each input is written to a file in the same scratch folder.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use claimdesk::claim::Status;
use claimdesk::export::{self, ExportFilter, Format, Options};
use claimdesk::{desk, Db};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const TEMPLATES: [&str; 2] = [
    include_str!("../../tests/golden/json/breaking-en.json"),
    include_str!("../../tests/golden/json/messagerie-fr.json"),
];

fn runtime() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime"))
}

/// This process's scratch folder: in memory (/dev/shm) where there is one.
fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() { shm } else { std::env::temp_dir() };
        let dir = base.join(format!("claimdesk-fuzz-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    })
}

fn file() -> PathBuf {
    scratch().join("claims.json")
}

/// A fresh database for each input, as a copy of one migrated once: running the migrations costs
/// about 80 ms an input under the sanitizer, copying a file a fraction of a millisecond.
async fn fresh_db() -> Db {
    open_copy(&template().await, "desk.db").await
}

/// The migrated, empty database every input starts from.
async fn template() -> PathBuf {
    static TEMPLATE: OnceLock<PathBuf> = OnceLock::new();
    match TEMPLATE.get() {
        Some(t) => t.clone(),
        None => {
            let t = scratch().join("template.db");
            let db = Db::open(&t).await.expect("the template database opens");
            db.close().await; // checkpoints the WAL into the file
            TEMPLATE.get_or_init(|| t).clone()
        }
    }
}

/// The database inputs that are not JSON are imported into, for the whole run.
async fn shared_db() -> &'static Db {
    static SHARED: tokio::sync::OnceCell<Db> = tokio::sync::OnceCell::const_new();
    SHARED.get_or_init(|| async { open_copy(&template().await, "shared.db").await }).await
}

/// A copy of `template` named `name` in the scratch folder, opened.
async fn open_copy(template: &PathBuf, name: &str) -> Db {
    let work = scratch().join(name);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(scratch().join(format!("{name}{suffix}")));
    }
    std::fs::copy(template, &work).expect("a copy of the template database");
    Db::open(&work).await.expect("the copied database opens")
}

/// The golden files with their placeholders filled: ids become UUIDs (a Web Annotation id must be
/// a `urn:uuid:`), times one fixed instant.
fn templates() -> &'static [Value] {
    static T: OnceLock<Vec<Value>> = OnceLock::new();
    T.get_or_init(|| {
        TEMPLATES
            .iter()
            .map(|t| {
                let mut s = t.replace("<time>", "2024-09-06T10:00:00.000Z");
                for n in (1..=9).rev() {
                    s = s.replace(&format!("<id-{n}>"), &format!("00000000-0000-4000-8000-{n:012}"));
                }
                serde_json::from_str(&s).expect("a golden export parses")
            })
            .collect()
    })
}

/// Every node of `v`, as JSON pointers.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                pointers(child, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn number(u: &mut Unstructured) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => Value::from(u64::MAX),
        1 => Value::from(i64::MIN),
        2 => Value::from(u64::from(u32::MAX) + 1),
        3 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
        4 => Value::from(-1),
        5 => Value::from(i64::arbitrary(u)?),
        _ => Value::from(u.int_in_range(0..=300u32)?),
    })
}

fn string(u: &mut Unstructured) -> arbitrary::Result<String> {
    const POOL: [&str; 12] = [
        "", " ", " Awa", "Moussa", "reviewed", "published", "draft", "html", "changed", "orphaned", "2024-09-06T10:00:00.000Z",
        "urn:sha256:",
    ];
    if bool::arbitrary(u)? { Ok(POOL[u.choose_index(POOL.len())?].to_string()) } else { String::arbitrary(u) }
}

fn mutate(doc: &mut Value, u: &mut Unstructured) -> arbitrary::Result<()> {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let target = u.choose(&all)?.clone();
    let action = u.int_in_range(0..=7u8)?;
    if action == 5 {
        // Remove the node from its parent.
        let Some((parent, key)) = target.rsplit_once('/') else { return Ok(()) };
        let key = key.replace("~1", "/").replace("~0", "~");
        match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.remove(&key);
            }
            Some(Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>() && i < items.len() {
                    items.remove(i);
                }
            }
            _ => {}
        }
        return Ok(());
    }
    let other = doc.pointer(u.choose(&all)?).cloned().unwrap_or(Value::Null);
    let Some(node) = doc.pointer_mut(&target) else { return Ok(()) };
    match action {
        0 => *node = Value::String(string(u)?),
        1 => *node = number(u)?,
        2 => *node = other,
        3 => *node = if bool::arbitrary(u)? { Value::Null } else { Value::Bool(bool::arbitrary(u)?) },
        4 => {
            if let Value::Array(items) = node && !items.is_empty() {
                let i = u.choose_index(items.len())?;
                items.push(items[i].clone());
            }
        }
        _ => {
            // Splice text into a string (or cut it), at a code point.
            if let Value::String(s) = node {
                let chars: Vec<char> = s.chars().collect();
                let at = u.choose_index(chars.len() + 1)?;
                let cut = u.choose_index(chars.len() - at + 1)?;
                let insert = string(u)?;
                *s = chars[..at].iter().collect::<String>() + &insert + &chars[at + cut..].iter().collect::<String>();
            }
        }
    }
    Ok(())
}

fn all_claims() -> ExportFilter {
    ExportFilter { statuses: Status::ALL.to_vec(), ..ExportFilter::default() }
}

/// Every export format, prepared and written from what the desk now holds.
async fn export_everything(db: &Db) {
    for format in Format::ALL {
        if let Ok(export) = export::prepare(db, format, &all_claims(), Options { bom: true }).await {
            let mut out = Vec::new();
            let _ = export.write(&mut out);
        }
    }
}

async fn import(db: &Db, bytes: &[u8]) -> bool {
    let Ok(reviewer) = db.reviewer("Fuzzer").await else { return false };
    if std::fs::write(file(), bytes).is_err() {
        return false;
    }
    let result = desk::import_claims(db, &file(), &reviewer).await;
    if std::env::var_os("CLAIMDESK_FUZZ_VERBOSE").is_some() {
        // To see how far inputs get: `CLAIMDESK_FUZZ_VERBOSE=1 fuzz/target/…/import_json CORPUS/*`.
        eprintln!("import: {:?}", result.as_ref().map(|r| (r.claims_created, r.claims_updated, r.conflicts.len())));
    }
    result.is_ok()
}

async fn structured(db: &Db, u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let template = u.choose(templates())?;
    let base = bool::arbitrary(u)?;
    if base {
        let bytes = serde_json::to_vec(template).unwrap_or_default();
        if !import(db, &bytes).await {
            return Ok(());
        }
    }
    let mut doc = if base && u.ratio(1, 3)? {
        // What this desk would hand to another as Web Annotations.
        let Ok(export) = export::prepare(db, Format::Webannotation, &all_claims(), Options::default()).await else { return Ok(()) };
        let mut out = Vec::new();
        if export.write(&mut out).is_err() {
            return Ok(());
        }
        serde_json::from_slice(&out).unwrap_or(Value::Null)
    } else {
        template.clone()
    };
    for _ in 0..u.int_in_range(1..=6u8)? {
        mutate(&mut doc, u)?;
    }
    let bytes = serde_json::to_vec(&doc).unwrap_or_default();
    if import(db, &bytes).await {
        export_everything(db).await;
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    runtime().block_on(async {
        match data.first() {
            Some(b'{' | b'[' | b' ' | b'\n' | b'\t' | b'\r') => {
                if serde_json::from_slice::<Value>(data).is_err() {
                    // Not JSON (most raw inputs): `import_claims` refuses it before it reads the
                    // database, so one database kept for the whole run does, and the run is not
                    // slowed by a fresh one (new connections, schema, statements) for each.
                    let _ = import(shared_db().await, data).await;
                    return;
                }
                let db = fresh_db().await;
                if import(&db, data).await {
                    export_everything(&db).await;
                }
                db.close().await;
            }
            _ => {
                let db = fresh_db().await;
                let _ = structured(&db, &mut Unstructured::new(data)).await;
                db.close().await;
            }
        }
    });
});
