//! What the command-line integration tests share: a desk in a temporary folder, driven through
//! the `claimdesk` binary with nothing taken from the environment.

// Each test file uses the part it needs.
#![allow(dead_code)]

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

/// A desk: a temporary folder holding the database, passed with `--db`.
pub struct Desk {
    pub dir: tempfile::TempDir,
}

/// What a successful command printed.
pub struct Output {
    pub stdout: String,
    pub stderr: String,
}

impl Desk {
    pub fn new() -> Desk {
        Desk { dir: tempfile::tempdir().unwrap() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("desk.db")
    }

    /// `claimdesk --db DB` with no database or reviewer from the environment.
    pub fn bare(&self) -> Command {
        let mut c = Command::cargo_bin("claimdesk").unwrap();
        c.env_remove("CLAIMDESK_DB").env_remove("CLAIMDESK_REVIEWER").arg("--db").arg(self.db());
        c
    }

    /// `claimdesk --db DB --reviewer WHO`.
    pub fn by(&self, who: &str) -> Command {
        let mut c = self.bare();
        c.args(["--reviewer", who]);
        c
    }

    /// Runs a command that must succeed, as `who`.
    pub fn output(&self, who: &str, args: &[&str]) -> Output {
        let out = self.by(who).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(out.status.success(), "{who}: {args:?} failed: {stderr}");
        Output { stdout: String::from_utf8(out.stdout).unwrap(), stderr }
    }

    pub fn run(&self, who: &str, args: &[&str]) -> String {
        self.output(who, args).stdout
    }

    pub fn json(&self, who: &str, args: &[&str]) -> Value {
        let out = self.run(who, args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {out}"))
    }

    /// Writes `content` to a file in the desk's folder; returns its path.
    pub fn file(&self, name: &str, content: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.to_str().unwrap().to_string()
    }
}

/// The command exits 1, prints nothing on stdout, and its stderr contains every phrase.
pub fn fails(mut cmd: Command, args: &[&str], phrases: &[&str]) -> String {
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{args:?} should exit 1; stderr: {stderr}");
    assert!(out.stdout.is_empty(), "{args:?} printed on stdout: {}", String::from_utf8_lossy(&out.stdout));
    for phrase in phrases {
        assert!(stderr.contains(phrase), "{args:?}: stderr lacks {phrase:?}: {stderr}");
    }
    stderr
}

/// Compares `actual` with the golden file `tests/golden/NAME` once what differs from run to run —
/// ids, timestamps, today's date — is replaced by stable placeholders (see [`stable`]). With
/// `UPDATE_GOLDEN=1` in the environment the golden file is (re)written instead; review the diff.
pub fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    let actual = stable(actual);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("no golden file {} ({e}): run the test with UPDATE_GOLDEN=1 to make it", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a).unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 rewrites it if the change is intended)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

/// `text` with every UUID replaced by `<id-N>` (numbered by first appearance), every RFC 3339
/// timestamp by `<time>`, and today's UTC date by `<today>`.
pub fn stable(text: &str) -> String {
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let mut ids: Vec<String> = Vec::new();
    let text = uuid.replace_all(text, |m: &regex::Captures| {
        let id = m[0].to_string();
        let n = ids.iter().position(|known| *known == id).unwrap_or_else(|| {
            ids.push(id);
            ids.len() - 1
        });
        format!("<id-{}>", n + 1)
    });
    let timestamp = regex::Regex::new(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})").unwrap();
    let text = timestamp.replace_all(&text, "<time>");
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    text.replace(&today, "<today>")
}
