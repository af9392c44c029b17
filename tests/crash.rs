//! Issue #8, "crashes": a claim save is acknowledged (returned to the app, printed by the CLI) only
//! after its transaction commits, so killing the writer at any moment loses nothing it
//! acknowledged and leaves a database SQLite finds intact.
//!
//! The writer is a real process that is killed with SIGKILL at a random moment, 20 times, on the
//! same database file; after each kill the database is opened again with the library and checked.
//! Two writers are used: this test binary run again in writer mode (the library, as the app calls
//! it, saving claims in a loop), and the `claimdesk` CLI run command after command. The seed is
//! printed; `CLAIMDESK_CRASH_SEED=N` replays a run. Unix only: it kills with SIGKILL.

#![cfg(unix)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use claimdesk::article::source::Provenance;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::claim::{Claim, ClaimFields, Status};
use claimdesk::desk::{self, Span};
use claimdesk::store::{ClaimFilter, Db};

const FR: &str = include_str!("fixtures/messagerie-fr.txt");

/// Set in the environment of the writer process: the database it writes.
const WRITER_DB: &str = "CLAIMDESK_CRASH_WRITER_DB";
/// Set with it: the article its claims are made on.
const WRITER_ARTICLE: &str = "CLAIMDESK_CRASH_WRITER_ARTICLE";
/// Set with it: the first sequence number, so values never repeat across trials.
const WRITER_FIRST: &str = "CLAIMDESK_CRASH_WRITER_FIRST";
/// What starts each protocol line the writer prints: libtest may print on the same line before it.
const MARK: &str = "@crash ";

const TRIALS: usize = 20;
const CLI_TRIALS: usize = 10;

/// SplitMix64: a small seeded generator, so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn seed() -> u64 {
    std::env::var("CLAIMDESK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    })
}

/// Where the `seq`-th claim goes: a short span near the start of the article, in code points.
fn span_of(seq: u64) -> (usize, usize) {
    let start = (seq % 150) as usize;
    (start, start + 3 + (seq % 7) as usize)
}

/// What a claim should hold, from the writer's acknowledgements.
#[derive(Debug)]
struct Expected {
    claimant: String,
    start: usize,
    end: usize,
    /// The note of the last acknowledged save.
    note: String,
    /// A note being saved when the writer was killed: it may or may not have committed.
    in_flight: Option<String>,
    /// Acknowledged by the writer (else found in the database after a kill: committed, not
    /// acknowledged).
    acked: bool,
}

/// The tally quoted in the summary line.
#[derive(Debug, Default)]
struct Tally {
    trials: usize,
    acked_adds: usize,
    acked_sets: usize,
    /// Acknowledged claims found with every field as acknowledged.
    found: usize,
    /// Saves that committed but were killed before their acknowledgement (allowed, at most one a
    /// kill).
    unacked_commits: usize,
    /// Kills that came before the writer acknowledged anything (during start-up or the open).
    early_kills: usize,
}

// ---------------------------------------------------------------------------------------------
// The writer.

/// The writer process: this test binary run again with `WRITER_DB` set. Not a test on its own.
#[test]
#[ignore = "the writer that crash tests start and kill; it does nothing when run by itself"]
fn crash_writer() {
    let Ok(path) = std::env::var(WRITER_DB) else { return };
    let article = std::env::var(WRITER_ARTICLE).unwrap();
    let first: u64 = std::env::var(WRITER_FIRST).unwrap().parse().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(write_until_killed(Path::new(&path), &article, first));
}

/// One protocol line, flushed at once: what the parent reads is what was acknowledged.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{MARK}{line}").unwrap();
    out.flush().unwrap();
}

/// Saves claims as the app does, one at a time, forever: a new claim, then a new note on an
/// earlier one. `add SEQ ID` is printed after `add_claim` returned; `try ID NOTE` before and
/// `set ID NOTE` after `update_claim`.
async fn write_until_killed(path: &Path, article: &str, first: u64) {
    let db = Db::open(path).await.unwrap();
    let reviewer = db.reviewer("Writer").await.unwrap();
    // Earlier trials' claims get new notes too, so updates cross a crash and a recovery.
    let mut ids: Vec<String> = db.claims(&ClaimFilter::default()).await.unwrap().into_iter().map(|c| c.id).collect();
    for seq in first.. {
        let (start, end) = span_of(seq);
        let fields =
            ClaimFields { claimant: Some(format!("claimant {seq}")), note: Some(format!("note {seq}")), ..ClaimFields::default() };
        let claim = desk::add_claim(&db, article, Span::Range { start, end }, fields, &reviewer).await.unwrap();
        say(&format!("add {seq} {}", claim.id));
        ids.push(claim.id);

        let target = ids[(seq as usize * 7919) % ids.len()].clone();
        let note = format!("note {seq} again");
        say(&format!("try {target} {note}"));
        let fields = ClaimFields { note: Some(note.clone()), ..ClaimFields::default() };
        let updated = desk::update_claim(&db, &target, fields, &reviewer).await.unwrap();
        assert_eq!(updated.note.as_deref(), Some(note.as_str()));
        say(&format!("set {target} {note}"));
    }
}

// ---------------------------------------------------------------------------------------------
// The harness.

/// A new database with one article; returns its id.
async fn prepared(path: &Path) -> String {
    let db = Db::open(path).await.unwrap();
    let reviewer = db.reviewer("Writer").await.unwrap();
    let outcome = desk::import(&db, FR.as_bytes(), "messagerie-fr.txt", &Provenance::default(), &reviewer, DEFAULT_MAX_BYTES)
        .await
        .unwrap();
    db.close().await;
    outcome.article.id.unwrap()
}

/// Reads the child's stdout on a thread, so the pipe never fills, until it closes; `first` hears
/// of the first protocol line.
fn collect_lines(child: &mut Child, first: std::sync::mpsc::Sender<()>) -> std::thread::JoinHandle<Vec<String>> {
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        let mut lines = Vec::new();
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        // A line cut by the kill (no newline) was not acknowledged; `read_line` keeps the newline.
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            if line.ends_with('\n') {
                if line.contains(MARK) {
                    let _ = first.send(());
                }
                lines.push(line.trim_end().to_string());
            }
            line.clear();
        }
        lines
    })
}

/// Kills `child` with SIGKILL and checks that it did not end on its own before (a failed save
/// would end the writer, and must fail the test rather than pass as a crash).
fn kill(child: &mut Child, stderr_file: &Path, trial: usize) {
    if let Some(status) = child.try_wait().unwrap() {
        panic!("trial {trial}: the writer ended by itself ({status}): {}", std::fs::read_to_string(stderr_file).unwrap_or_default());
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(9), "trial {trial}: the writer was not killed by SIGKILL: {status}");
}

/// Applies the writer's protocol lines to what the database must hold.
fn apply(lines: &[String], expected: &mut HashMap<String, Expected>, tally: &mut Tally) -> usize {
    let mut acked = 0;
    for line in lines {
        let Some((_, event)) = line.split_once(MARK) else { continue };
        let mut words = event.splitn(3, ' ');
        match (words.next(), words.next(), words.next()) {
            (Some("add"), Some(seq), Some(id)) => {
                let seq: u64 = seq.parse().unwrap();
                let (start, end) = span_of(seq);
                let claim = Expected {
                    claimant: format!("claimant {seq}"),
                    start,
                    end,
                    note: format!("note {seq}"),
                    in_flight: None,
                    acked: true,
                };
                assert!(expected.insert(id.to_string(), claim).is_none(), "id {id} acknowledged twice");
                tally.acked_adds += 1;
                acked += 1;
            }
            (Some("try"), Some(id), Some(note)) => {
                expected.get_mut(id).unwrap_or_else(|| panic!("update of an unknown claim {id}")).in_flight = Some(note.to_string());
            }
            (Some("set"), Some(id), Some(note)) => {
                let claim = expected.get_mut(id).unwrap();
                assert_eq!(claim.in_flight.take().as_deref(), Some(note), "set without its try");
                claim.note = note.to_string();
                tally.acked_sets += 1;
                acked += 1;
            }
            _ => panic!("the writer printed a line the test does not know: {line:?}"),
        }
    }
    acked
}

/// Opens the database with the library (which recovers it), then checks that SQLite finds it
/// intact and that every acknowledged claim is there as acknowledged. Returns how many saves
/// committed without their acknowledgement.
async fn check(path: &Path, text: &str, expected: &mut HashMap<String, Expected>, tally: &mut Tally, trial: usize) -> usize {
    let db = Db::open(path).await.unwrap_or_else(|e| panic!("trial {trial}: the library cannot open the database: {e}"));
    assert_eq!(integrity(path).await, vec!["ok".to_string()], "trial {trial}: integrity_check");
    let claims: Vec<Claim> = db.claims(&ClaimFilter::default()).await.unwrap();
    let stored: HashMap<&str, &Claim> = claims.iter().map(|c| (c.id.as_str(), c)).collect();
    let last_notes = last_noted(path).await;
    let mut unacked = 0;
    tally.found = 0;
    for (id, want) in expected.iter_mut() {
        let claim = stored.get(id.as_str()).unwrap_or_else(|| panic!("trial {trial}: acknowledged claim {id} is missing"));
        assert_eq!(claim.claimant.as_deref(), Some(want.claimant.as_str()), "trial {trial}: claim {id}");
        assert_eq!((claim.start, claim.end), (want.start, want.end), "trial {trial}: claim {id}");
        let quote: String = text.chars().skip(want.start).take(want.end - want.start).collect();
        assert_eq!(claim.quote, quote, "trial {trial}: claim {id}");
        assert_eq!(claim.status, Status::Draft, "trial {trial}: claim {id}");
        let note = claim.note.as_deref().unwrap_or("");
        if let Some(in_flight) = want.in_flight.take().filter(|n| n == note) {
            // The save committed and the kill came before its acknowledgement: allowed.
            want.note = in_flight;
            unacked += 1;
        }
        assert_eq!(note, want.note, "trial {trial}: claim {id} lost an acknowledged note");
        // The history is written in the same transaction as the claim: its last note is the note.
        assert_eq!(last_notes.get(id.as_str()).map(String::as_str), Some(note), "trial {trial}: claim {id}'s history disagrees");
        tally.found += usize::from(want.acked);
    }
    // A claim nobody acknowledged can exist (the add committed, the kill came before it was
    // printed), but one at most: the writer saves one claim at a time.
    let extra: Vec<&Claim> = claims.iter().filter(|c| !expected.contains_key(&c.id)).collect();
    assert!(extra.len() <= 1, "trial {trial}: {} claims were never acknowledged", extra.len());
    for claim in extra {
        assert_eq!(last_notes.get(claim.id.as_str()), claim.note.as_ref(), "trial {trial}: claim {}'s history", claim.id);
        // Later checks hold it to what it holds now.
        let want = Expected {
            claimant: claim.claimant.clone().unwrap_or_default(),
            start: claim.start,
            end: claim.end,
            note: claim.note.clone().unwrap_or_default(),
            in_flight: None,
            acked: false,
        };
        expected.insert(claim.id.clone(), want);
        unacked += 1;
    }
    db.close().await;
    unacked
}

/// Each claim's last recorded note, from its history, in one query.
async fn last_noted(path: &Path) -> HashMap<String, String> {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(path).connect().await.unwrap();
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT h.claim_id, h.new FROM claim_history h
          WHERE h.id = (SELECT MAX(id) FROM claim_history WHERE claim_id = h.claim_id AND field = 'note')",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    rows.into_iter().filter_map(|(id, note)| Some((id, note?))).collect()
}

/// `PRAGMA integrity_check` and `PRAGMA foreign_key_check` on a connection of their own; "ok"
/// alone when both find nothing wrong.
async fn integrity(path: &Path) -> Vec<String> {
    use sqlx::ConnectOptions;
    let mut conn = sqlx::sqlite::SqliteConnectOptions::new().filename(path).connect().await.unwrap();
    let mut found: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await.unwrap();
    let broken_keys = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut conn).await.unwrap();
    if !broken_keys.is_empty() {
        found.push(format!("{} broken foreign key(s)", broken_keys.len()));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_writer_loses_no_acknowledged_save() {
    let seed = seed();
    println!("crash test seed {seed} (CLAIMDESK_CRASH_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("desk.db");
    let article = prepared(&path).await;
    let text = claimdesk_text(&path, &article).await;
    let stderr_file = dir.path().join("writer.stderr");
    let started = Instant::now();

    let mut expected: HashMap<String, Expected> = HashMap::new();
    let mut tally = Tally::default();
    for trial in 0..TRIALS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["crash_writer", "--exact", "--ignored", "--nocapture", "--quiet", "--test-threads=1"])
            .env(WRITER_DB, &path)
            .env(WRITER_ARTICLE, &article)
            .env(WRITER_FIRST, (trial as u64 * 1_000_000).to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&stderr_file).unwrap())
            .spawn()
            .unwrap();
        let (first_tx, first_rx) = std::sync::mpsc::channel();
        let lines = collect_lines(&mut child, first_tx);
        // Every fifth kill lands in the start-up and the open (with the recovery of the previous
        // crash); the others in the middle of saving, after the writer's first acknowledgement.
        if trial % 5 == 4 {
            std::thread::sleep(Duration::from_millis(rng.below(60)));
        } else {
            // No first save within the wait means the writer is stuck or dead: `kill` says which.
            let _ = first_rx.recv_timeout(Duration::from_secs(20));
            std::thread::sleep(Duration::from_millis(rng.below(400)));
        }
        kill(&mut child, &stderr_file, trial);
        let lines = lines.join().unwrap();
        let acked = apply(&lines, &mut expected, &mut tally);
        if acked == 0 {
            tally.early_kills += 1;
        }
        tally.unacked_commits += check(&path, &text, &mut expected, &mut tally, trial).await;
        tally.trials += 1;
    }
    assert!(tally.acked_adds > TRIALS, "the writer acknowledged too few saves to test anything: {tally:?}");
    assert!(tally.acked_sets > 0, "no update was acknowledged: {tally:?}");
    println!(
        "crash (library writer): {} trials, SIGKILL each; {} acknowledged saves ({} new claims, {} note changes), \
         {} acknowledged claims found with their last acknowledged note, 0 missing; {} saves committed just before \
         a kill without an acknowledgement; {} kills before the first save; integrity_check ok every time; {:.1} s",
        tally.trials,
        tally.acked_adds + tally.acked_sets,
        tally.acked_adds,
        tally.acked_sets,
        tally.found,
        tally.unacked_commits,
        tally.early_kills,
        started.elapsed().as_secs_f64(),
    );
}

/// The article's canonical text, to check quotes against.
async fn claimdesk_text(path: &Path, article: &str) -> String {
    let db = Db::open(path).await.unwrap();
    let text = db.article(article).await.unwrap().text.unwrap();
    db.close().await;
    text
}

// ---------------------------------------------------------------------------------------------
// The CLI: `claim add` and `claim set` print the id only after the commit.

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
    c.env_remove("CLAIMDESK_DB").env_remove("CLAIMDESK_REVIEWER").arg("--db").arg(db).args(["--reviewer", "Cli"]).args(args);
    c.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_cli_loses_no_printed_id() {
    let seed = seed();
    println!("cli crash test seed {seed} (CLAIMDESK_CRASH_SEED={seed} replays it)");
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let article = prepared(&path).await;
    let text = claimdesk_text(&path, &article).await;

    let mut expected: HashMap<String, Expected> = HashMap::new();
    let mut made: Vec<String> = Vec::new(); // the ids printed, in order, so a seed replays the run
    let mut tally = Tally::default();
    let mut seq = 0_u64;
    let mut killed_mid_run = 0;
    for trial in 0..CLI_TRIALS {
        // Run commands one after the other and kill whichever runs when the moment comes.
        let deadline = Instant::now() + Duration::from_millis(100 + rng.below(400));
        loop {
            seq += 1;
            let last = (!made.is_empty()).then(|| made[(seq as usize * 7919) % made.len()].clone());
            let (start, end) = span_of(seq);
            let note = format!("cli note {seq}");
            let (args, update): (Vec<String>, Option<String>) = match last.filter(|_| seq % 2 == 0) {
                Some(id) => (["claim", "set", &id, "--note", &note].map(String::from).to_vec(), Some(id)),
                None => {
                    let args = ["claim", "add", &article, "--start", &start.to_string(), "--end", &end.to_string()];
                    let mut args = args.map(String::from).to_vec();
                    args.extend(["--claimant".into(), format!("claimant {seq}"), "--note".into(), note.clone()]);
                    (args, None)
                }
            };
            if let Some(id) = &update {
                expected.get_mut(id).unwrap().in_flight = Some(note.clone());
            }
            let mut child = cli(&path, &args.iter().map(String::as_str).collect::<Vec<_>>()).spawn().unwrap();
            let mut killed = false;
            while child.try_wait().unwrap().is_none() {
                if Instant::now() >= deadline {
                    child.kill().unwrap();
                    killed = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
            let out = child.wait_with_output().unwrap();
            if out.status.code().is_some() {
                killed = false; // it finished, perhaps just before the kill
                assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
            }
            killed_mid_run += usize::from(killed);
            // Printed means acknowledged, even if the process was killed right after.
            let printed = String::from_utf8(out.stdout).unwrap();
            if let Some(id) = printed.strip_suffix('\n') {
                match update {
                    Some(updated) => {
                        assert_eq!(id, updated);
                        let claim = expected.get_mut(id).unwrap();
                        claim.note = claim.in_flight.take().unwrap();
                        tally.acked_sets += 1;
                    }
                    None => {
                        let claim = Expected {
                            claimant: format!("claimant {seq}"),
                            start,
                            end,
                            note: note.clone(),
                            in_flight: None,
                            acked: true,
                        };
                        assert!(expected.insert(id.to_string(), claim).is_none());
                        made.push(id.to_string());
                        tally.acked_adds += 1;
                    }
                }
            }
            if killed || Instant::now() >= deadline {
                break;
            }
        }
        tally.unacked_commits += check(&path, &text, &mut expected, &mut tally, trial).await;
        tally.trials += 1;
    }
    assert!(tally.acked_adds > 0 && tally.acked_sets > 0, "{tally:?}");
    println!(
        "crash (CLI): {} trials, {} CLI runs killed mid-run; {} printed ids ({} claim add, {} claim set), {} found as \
         printed, 0 missing; {} committed without printing; integrity_check ok every time",
        tally.trials,
        killed_mid_run,
        tally.acked_adds + tally.acked_sets,
        tally.acked_adds,
        tally.acked_sets,
        tally.found,
        tally.unacked_commits,
    );
}
