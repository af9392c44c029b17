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
