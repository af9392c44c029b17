//! Bad files (issue #8, "safe and durable"): what is not an article, cannot be read or cannot be
//! stored gets one lowercase `error:` line that names the file and says what to do, and exit
//! status 1 — never a panic, a hang or an allocation the size of the input — and the database is
//! left exactly as it was (same rows, same file bytes once SQLite has folded its log in).
//!
//! Every input is generated here, in a temporary folder. The read-only and full file systems are
//! real: a 1 MB tmpfs mounted in a private mount namespace (`unshare -m`, which needs root or
//! user namespaces). Where that is not allowed those two cases are skipped with a note on stderr,
//! not imitated. The unreadable file and the read-only database file need a user permissions
//! apply to: when the tests run as root, those commands run as `nobody` through `setpriv`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use claimdesk::article::source::Provenance;
use claimdesk::article::DEFAULT_MAX_BYTES;
use claimdesk::store::{ClaimFilter, Db};
use claimdesk::{desk, Error, ExtractProblem};

const FR: &str = "tests/fixtures/messagerie-fr.txt";

/// No bad input may take longer than this: a hang is killed and fails the test.
const PATIENCE: Duration = Duration::from_secs(10);

/// A desk in a temporary folder, its database a copy of [`template`]'s.
struct Desk {
    dir: tempfile::TempDir,
}

/// The database every desk starts from — one article and one claim, made through the command
/// line as reviewer Awa, checkpointed — and its snapshot. Built once; each desk gets a copy of
/// the bytes, so every refusal is checked against the same snapshot.
fn template() -> &'static (Vec<u8>, Snapshot) {
    static TEMPLATE: OnceLock<(Vec<u8>, Snapshot)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let desk = Desk { dir: tempfile::tempdir().unwrap() };
        let id = desk.ok(&["import", FR]);
        desk.ok(&["claim", "add", id.trim(), "--quote", "950 millions", "--verdict", "mixed"]);
        let snap = snapshot(&desk.db());
        (fs::read(desk.db()).unwrap(), snap)
    })
}

/// What every refusal must leave the database as.
fn untouched() -> &'static Snapshot {
    &template().1
}

impl Desk {
    fn new() -> Desk {
        let desk = Desk { dir: tempfile::tempdir().unwrap() };
        fs::write(desk.db(), &template().0).unwrap();
        desk
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file into the desk's folder and returns its path as an argument.
    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        arg(&path)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("claimdesk").unwrap();
        c.env("CLAIMDESK_DB", self.db()).env("CLAIMDESK_REVIEWER", "Awa").timeout(PATIENCE);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    /// `claimdesk import SOURCE` must be refused, saying each of `says`.
    fn import_refused(&self, source: &str, says: &[&str]) -> String {
        let mut cmd = self.cmd();
        cmd.args(["import", source]);
        refused(self, cmd, says)
    }
}

fn arg(path: &Path) -> String {
    path.to_str().unwrap().to_string()
}

/// What the database holds, and the digest of its file once SQLite has checkpointed its
/// write-ahead log into it (opening and closing it does that).
#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    articles: usize,
    claims: usize,
    reviewers: Vec<String>,
    sha256: String,
}

fn snapshot(db_path: &Path) -> Snapshot {
    let (articles, claims, reviewers) = block_on(async {
        let db = Db::open(db_path).await.unwrap();
        let articles = db.articles().await.unwrap().len();
        let claims = db.claims(&ClaimFilter::default()).await.unwrap().len();
        let reviewers = db.reviewers().await.unwrap().into_iter().map(|r| r.name).collect();
        db.close().await;
        (articles, claims, reviewers)
    });
    let sha256 = claimdesk::article::sha256_hex(&fs::read(db_path).unwrap());
    Snapshot { articles, claims, reviewers, sha256 }
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
}

/// Runs a command that must be refused and checks the refusal: exit status 1 within
/// [`PATIENCE`], nothing on stdout, one clear error line saying each of `says`, and the desk's
/// database as it was. Returns the error line.
fn refused(desk: &Desk, mut cmd: Command, says: &[&str]) -> String {
    let started = Instant::now();
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status 1 expected (none means killed after {PATIENCE:?}: a hang, or a crash); stderr: {stderr}"
    );
    assert!(started.elapsed() < PATIENCE);
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", String::from_utf8_lossy(&out.stdout));
    assert_clear(&stderr, says);
    assert_eq!(&snapshot(&desk.db()), untouched(), "the database changed: {stderr}");
    stderr
}

/// One `error:` line, lowercase, no panic, the problem and what to do (after a dash), and
/// each of `says`.
fn assert_clear(stderr: &str, says: &[&str]) {
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"), "a panic: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    let message = stderr.strip_prefix("error: ").unwrap_or_else(|| panic!("an error line: {stderr}"));
    assert!(!message.starts_with(char::is_uppercase), "lowercase: {stderr}");
    assert!(message.contains(" — "), "the problem, then what to do: {stderr}");
    for s in says {
        assert!(stderr.contains(s), "{s:?} is not in: {stderr}");
    }
}

/// A fixed pseudo-random byte stream (xorshift64), so the "random" files are the same every run.
fn noise(len: usize, mut state: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// A French article as plain text: a headline, a date line, then `paragraphs` paragraphs of
/// about 330 bytes each.
fn long_article(paragraphs: usize) -> String {
    let mut text = String::from_utf8(article_with(b"")).unwrap();
    for i in 0..paragraphs {
        text.push_str(&format!(
            "Paragraphe {i} : selon le ministre, les recettes ont augmenté de {}% en 2023, et les élèves \
             de l'école du quartier ont visité les quais où transitent chaque année des milliers de \
             conteneurs venus de Dakar et d'Abidjan, a-t-il déclaré lors d'une conférence de presse.\n\n",
            i % 97
        ));
    }
    text
}

/// The bytes of a plain-text article whose first paragraph is `first` (empty: none), followed
/// by two ordinary ones.
fn article_with(first: &[u8]) -> Vec<u8> {
    let mut bytes = "Le port de Bamako a reçu 950 millions de francs\n\nPublié le lundi 2 septembre 2024 | Le Courrier du Sahel\n\n"
        .as_bytes()
        .to_vec();
    if !first.is_empty() {
        bytes.extend_from_slice(first);
        bytes.extend_from_slice(
            "\n\nLes élèves de l’école du quartier ont visité les quais où transitent chaque année des milliers \
             de conteneurs venus de Dakar et d’Abidjan.\n\nLe ministre a précisé que les travaux de \
             l’extension du port commenceront au début de l’année prochaine, après la saison des pluies.\n"
                .as_bytes(),
        );
    }
    bytes
}

#[test]
fn files_that_are_not_articles_are_refused_by_their_content() {
    let desk = Desk::new();

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x02\0\0\0".to_vec();
    png.extend(noise(4096, 1));
    let png = desk.file("photo.png", &png);
    desk.import_refused(&png, &["photo.png", "this is a PNG image file, not an article", "import a saved HTML page"]);

    // The name does not matter: a JPEG saved as .html is still a JPEG.
    let mut jpeg = b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01".to_vec();
    jpeg.extend(noise(4096, 2));
    let jpeg = desk.file("article.html", &jpeg);
    desk.import_refused(&jpeg, &["article.html", "JPEG image"]);

    let pdf = desk.file(
        "report.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
          2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
          3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n\
          4 0 obj << /Length 35 >> stream\nBT /F1 24 Tf 72 700 Td (950 millions) Tj ET\nendstream endobj\n\
          trailer << /Root 1 0 R >>\n%%EOF\n",
    );
    desk.import_refused(&pdf, &["report.pdf", "this is a PDF file", "paste it instead"]);

    let random = desk.file("noise.bin", &noise(64 * 1024, 3));
    desk.import_refused(&random, &["noise.bin", "this is a binary file, not an article"]);

    // Random bytes with no NUL among them: every legacy charset would read them as "text".
    let no_nul: Vec<u8> = noise(64 * 1024, 4).into_iter().map(|b| b | 1).collect();
    let no_nul = desk.file("noise.txt", &no_nul);
    desk.import_refused(&no_nul, &["noise.txt", "this is a binary file, not an article"]);

    // A new reviewer's bad import leaves no trace either: the reviewer is created only when
    // something is stored.
    let mut cmd = desk.cmd();
    cmd.args(["--reviewer", "Newcomer", "import", &png]);
    refused(&desk, cmd, &["PNG image"]);
}

#[test]
fn invalid_utf8_that_would_reach_the_text_is_refused_with_where() {
    let desk = Desk::new();
    let paragraphs = "<p>Le ministre a déclaré lundi que les recettes du port de Bamako ont atteint un \
        niveau record en 2023, selon le rapport annuel publié par l’autorité portuaire.</p>\
        <p>Les élèves de l’école du quartier ont visité les quais où transitent chaque année des \
        milliers de conteneurs venus de Dakar et d’Abidjan.</p>";
    let page = |body: &[u8]| {
        let mut page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>Le port de Bamako</title></head><body><article><h1>Le port de Bamako</h1>".to_vec();
        page.extend_from_slice(body);
        page.extend_from_slice(paragraphs.as_bytes());
        page.extend_from_slice(b"</article><script>var s = \"\xff\";</script></body></html>");
        page
    };

    // Declared UTF-8, with a byte that is not: a figure the claim would quote is damaged.
    let declared = desk.file(
        "declared.html",
        &page(b"<p>Selon le ministre, 9\xff0 millions de francs ont \xc3\xa9t\xc3\xa9 vers\xc3\xa9s au port de Bamako l\xe2\x80\x99an dernier.</p>"),
    );
    desk.import_refused(
        &declared,
        &["declared.html", "could not be read as UTF-8 and would be stored as �", "9�0 millions", "paste it instead"],
    );

    // A UTF-8 byte-order mark claims UTF-8 too.
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(article_with(b"Selon le ministre, 9\xc3 50 millions de francs ont \xc3\xa9t\xc3\xa9 vers\xc3\xa9s au port de Bamako l\xe2\x80\x99an dernier."));
    let bom = desk.file("bom.txt", &bom);
    desk.import_refused(&bom, &["bom.txt", "could not be read as UTF-8", "9� 50 millions"]);

    // No declaration, but UTF-8 accents throughout and one Latin-1 "é" pasted in: UTF-8 with
    // damage, refused — not read as windows-1252 with every accent garbled ("Ã©").
    let mixed = article_with(b"Le ministre a d\xe9clar\xc3\xa9 que 950 millions de francs ont \xc3\xa9t\xc3\xa9 vers\xc3\xa9s au port de Bamako.");
    let mixed = desk.file("mixed.txt", &mixed);
    desk.import_refused(&mixed, &["mixed.txt", "could not be read as UTF-8", "Le ministre a d�clar"]);

    // Damage that extraction drops (here in a script) costs nothing: the page imports.
    let clean = desk.file("script-only.html", &page(b""));
    let id = desk.ok(&["import", &clean]);
    let text = desk.ok(&["article", "show", id.trim(), "--json"]);
    assert!(text.contains("niveau record") && !text.contains('\u{fffd}'), "{text}");
}

#[test]
fn a_100_mb_file_is_refused_by_its_size_without_being_read() {
    let desk = Desk::new();
    // Sparse: 100 MB long, a few bytes on disk; it would be text if it were read.
    let path = desk.path("huge.txt");
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(long_article(2).as_bytes()).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap();
    drop(file);
    let started = Instant::now();
    desk.import_refused(
        &arg(&path),
        &["huge.txt", "the input is 100 MB (104857600 bytes), over the 20971520-byte limit (20 MB)", "import.max_bytes"],
    );
    assert!(started.elapsed() < Duration::from_secs(5), "refused from its size, not read: {:?}", started.elapsed());
}

#[test]
fn a_gzip_bomb_is_unpacked_only_up_to_the_limit() {
    let desk = Desk::new();
    // 1 GB of zeros as 1024 gzip members of 1 MB each (a gzip file may hold several members and
    // gunzip unpacks them all): about 1 MB on disk, made in milliseconds.
    let mut member = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    member.write_all(&vec![0u8; 1 << 20]).unwrap();
    let member = member.finish().unwrap();
    let bomb: Vec<u8> = member.iter().copied().cycle().take(member.len() * 1024).collect();
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let bomb = desk.file("page.html.gz", &bomb);
    let started = Instant::now();
    desk.import_refused(&bomb, &["page.html.gz", "unpacks to more than 20971520 bytes (20 MB)", "unpacking stopped there"]);
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[test]
fn empty_files_and_folders_are_refused() {
    let desk = Desk::new();
    let empty = desk.file("empty.html", b"");
    desk.import_refused(&empty, &["empty.html", "the input is empty", "check that this is the file you meant"]);
    let blank = desk.file("blank.txt", b" \r\n\t\n\xc2\xa0\n");
    desk.import_refused(&blank, &["blank.txt", "the input is empty"]);

    let folder = desk.path("nothing");
    fs::create_dir(&folder).unwrap();
    desk.import_refused(&arg(&folder), &["the folder", "nothing has no files to import", "put saved pages or text files in it"]);
    // Hidden files and links are left out of a folder import.
    fs::write(folder.join(".DS_Store"), b"junk").unwrap();
    std::os::unix::fs::symlink(Path::new(FR).canonicalize().unwrap(), folder.join("link.txt")).unwrap();
    desk.import_refused(&arg(&folder), &["has no files to import", "hidden files and links are left out"]);

    // A folder whose every file is bad: each is listed, the run exits 1, nothing is stored.
    let bad = desk.path("bad");
    fs::create_dir(&bad).unwrap();
    fs::write(bad.join("a.pdf"), b"%PDF-1.7\n").unwrap();
    fs::write(bad.join("b.txt"), b"").unwrap();
    fs::write(bad.join("c.bin"), noise(1000, 5)).unwrap();
    let out = desk.cmd().args(["import", &arg(&bad)]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    for says in ["a.pdf: this is a PDF file", "b.txt: the input is empty", "c.bin: this is a binary file", "3 skipped", "no article could be imported"] {
        assert!(stderr.contains(says), "{says:?} is not in: {stderr}");
    }
    assert!(!stderr.contains("panicked"));
    assert_eq!(&snapshot(&desk.db()), untouched());
}

#[test]
fn missing_and_unreadable_paths_are_refused_without_hanging() {
    let desk = Desk::new();
    desk.import_refused(&arg(&desk.path("missing.html")), &["cannot read", "missing.html: there is no such file", "check the path"]);

    let link = desk.path("dangling.html");
    std::os::unix::fs::symlink(desk.path("gone.html"), &link).unwrap();
    desk.import_refused(&arg(&link), &["cannot read", "dangling.html: it is a link to", "gone.html, which does not exist"]);

    // A named pipe nobody writes to: opening it to read would wait for ever.
    let fifo = desk.path("pipe");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    desk.import_refused(&arg(&fifo), &["cannot read", "pipe: it is a pipe (FIFO), not a file", "claimdesk import -"]);
    // A device, read for ever.
    desk.import_refused("/dev/zero", &["cannot read /dev/zero: it is a device, not a file"]);

    // A folder where one article is expected (`import` takes folders; `extract` does not).
    let mut extract = desk.cmd();
    extract.args(["extract", &arg(desk.dir.path())]);
    refused(&desk, extract, &["cannot read", "it is a folder, not a file", "claimdesk import FOLDER"]);

    // A file the system cannot read back: /proc/self/mem fails with an I/O error at offset 0.
    #[cfg(target_os = "linux")]
    desk.import_refused("/proc/self/mem", &["cannot read /proc/self/mem: input/output error", "copy it elsewhere"]);
}

/// Whether this process runs as root (uid 0), from /proc.
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .map(|s| s.lines().any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

/// The command run as an unprivileged user, for whom file permissions apply: as `nobody`
/// through `setpriv` under root, as is otherwise. `None` when root cannot drop privileges here.
fn unprivileged(desk: &Desk) -> Option<Command> {
    if !is_root() {
        return Some(desk.cmd());
    }
    let setpriv = std::process::Command::new("setpriv").args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"]).status();
    if !setpriv.is_ok_and(|s| s.success()) {
        eprintln!("skipped: running as root and setpriv cannot switch to nobody, so permissions cannot be tested");
        return None;
    }
    // nobody must reach the database and write next to it (SQLite's log files).
    set_mode(desk.dir.path(), 0o777);
    set_mode(&desk.db(), 0o666);
    let mut c = Command::new("setpriv");
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_claimdesk")])
        .env("CLAIMDESK_DB", desk.db())
        .env("CLAIMDESK_REVIEWER", "Awa")
        .timeout(PATIENCE);
    Some(c)
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_file_without_read_permission_is_refused() {
    let desk = Desk::new();
    let secret = desk.file("secret.html", long_article(2).as_bytes());
    set_mode(Path::new(&secret), 0o000);
    let Some(mut cmd) = unprivileged(&desk) else { return };
    cmd.args(["import", &secret]);
    refused(&desk, cmd, &["cannot read", "secret.html: permission denied", "ask its owner for read access"]);
}

#[test]
fn a_database_in_a_place_that_cannot_hold_it_is_refused() {
    let desk = Desk::new();
    let article = arg(&Path::new(FR).canonicalize().unwrap());
    let with_db = |db: &Path| {
        let mut c = desk.cmd();
        c.env("CLAIMDESK_DB", db).args(["import", &article]);
        c
    };

    // A folder on the way is a file.
    let file = desk.file("notes.txt", b"not a folder");
    let inside = Path::new(&file).join("desk.db");
    refused(&desk, with_db(&inside), &["cannot use the database", "notes.txt is a file, not a folder", "--db PATH"]);
    assert_eq!(fs::read(&file).unwrap(), b"not a folder");

    // A place where no file can be made.
    #[cfg(target_os = "linux")]
    refused(&desk, with_db(Path::new("/proc/claimdesk-test.db")), &["cannot use the database /proc/claimdesk-test.db", "no file can be created in /proc"]);

    // The database named is a folder.
    refused(&desk, with_db(desk.dir.path()), &["cannot use the database", "it is a folder; name a file in it"]);

    // A database file that is not a database.
    let png = desk.file("photo.db", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    refused(&desk, with_db(Path::new(&png)), &["cannot open the database", "photo.db", "file is not a database"]);
    assert_eq!(fs::read(&png).unwrap(), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
}

#[test]
fn a_read_only_database_file_is_refused() {
    let desk = Desk::new();
    // A copy in the desk's folder: the checkout may sit in a folder `nobody` cannot enter (a
    // `mktemp -d` clone is 0700), and this test is about the database, not the article.
    let article = desk.file("article.txt", &fs::read(FR).unwrap());
    let Some(mut cmd) = unprivileged(&desk) else { return };
    set_mode(&desk.db(), 0o444);
    cmd.args(["import", &article]);
    refused(&desk, cmd, &["the database", "cannot be written (the file or its folder is read-only), so nothing was stored", "--db PATH"]);
}

/// What a command printed and returned inside a private mount namespace, and where the
/// database it used was copied to afterwards.
struct Namespaced {
    status: Option<i32>,
    stderr: String,
    db_after: PathBuf,
}

/// Runs `claimdesk import ARTICLE` on a copy of the desk's database in a 1 MB tmpfs mounted in a
/// private mount namespace: read-only, or with only `free` bytes left. `None` (and a note) when
/// mounting is not allowed here.
fn in_small_tmpfs(desk: &Desk, article: &Path, read_only: bool, free: u64) -> Option<Namespaced> {
    let mnt = desk.path("mnt");
    let out = desk.path("after");
    fs::create_dir_all(&mnt).unwrap();
    fs::create_dir_all(&out).unwrap();
    // Exit 77 means "cannot set up": the mount was refused.
    let script = r#"
        mount -t tmpfs -o size=1m claimdesk-test "$MNT" || exit 77
        cp "$DB" "$MNT/desk.db" || exit 77
        if [ "$READ_ONLY" = yes ]; then
            mount -o remount,ro "$MNT" || exit 77
        else
            avail=$(df -B1 --output=avail "$MNT" | tail -n 1)
            head -c $((avail - FREE)) /dev/zero > "$MNT/filler" || exit 77
        fi
        CLAIMDESK_DB="$MNT/desk.db" CLAIMDESK_REVIEWER=Awa "$BIN" import "$ARTICLE" > "$OUT/stdout" 2> "$OUT/stderr"
        echo $? > "$OUT/status"
        rm -f "$MNT/filler"
        cp "$MNT"/desk.db* "$OUT/"
    "#;
    let flags = if is_root() { "-m" } else { "-rm" };
    let ran = std::process::Command::new("unshare")
        .args([flags, "sh", "-c", script])
        .env("MNT", &mnt)
        .env("OUT", &out)
        .env("DB", desk.db())
        .env("BIN", env!("CARGO_BIN_EXE_claimdesk"))
        .env("ARTICLE", article)
        .env("READ_ONLY", if read_only { "yes" } else { "no" })
        .env("FREE", free.to_string())
        .output();
    match ran {
        Ok(o) if o.status.success() => {}
        other => {
            eprintln!("skipped: cannot mount a small tmpfs in a private mount namespace here ({other:?})");
            return None;
        }
    }
    let status = fs::read_to_string(out.join("status")).unwrap().trim().parse().ok();
    assert_eq!(fs::read_to_string(out.join("stdout")).unwrap(), "", "nothing on stdout");
    Some(Namespaced { status, stderr: fs::read_to_string(out.join("stderr")).unwrap(), db_after: out.join("desk.db") })
}

#[test]
fn a_full_disk_stores_nothing_and_says_so() {
    let desk = Desk::new();
    // About 400 KB of text, stored twice (the original bytes and the text): 64 KB is not enough.
    let article = desk.path("long.txt");
    fs::write(&article, long_article(1200)).unwrap();
    let Some(run) = in_small_tmpfs(&desk, &article, false, 64 * 1024) else { return };
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    assert_clear(&run.stderr, &["the disk holding the database", "desk.db is full, so nothing was stored", "free some space"]);
    assert_eq!(&snapshot(&run.db_after), untouched(), "the database changed");
}

#[test]
fn a_database_on_a_read_only_file_system_is_refused() {
    let desk = Desk::new();
    let article = Path::new(FR).canonicalize().unwrap();
    let Some(run) = in_small_tmpfs(&desk, &article, true, 0) else { return };
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    assert_clear(&run.stderr, &["cannot use the database", "desk.db: the file system it is on is read-only", "--db PATH"]);
    assert_eq!(&snapshot(&run.db_after), untouched(), "the database changed");
}

/// The app's paste box goes through the same library call as the command line.
#[test]
fn pasted_text_that_is_empty_or_binary_is_refused() {
    let desk = Desk::new();
    let controls: String = (0..200).map(|i| char::from(b"\x01\x02\x03\x04\x05\x06\x07\x08Ab"[i % 10])).collect();
    let pasted: [(&str, ExtractProblem); 4] = [
        ("", ExtractProblem::Empty),
        (" \n\u{a0}\t\n", ExtractProblem::Empty),
        ("PNG\0\0\0\rIHDR\0\0", ExtractProblem::Binary("binary")),
        (&controls, ExtractProblem::Binary("binary")),
    ];
    block_on(async {
        let db = Db::open(&desk.db()).await.unwrap();
        let reviewer = db.reviewer("Awa").await.unwrap();
        for (text, expected) in pasted {
            let result =
                desk::import(&db, text.as_bytes(), "pasted text", &Provenance::default(), &reviewer, DEFAULT_MAX_BYTES).await;
            let e = result.expect_err(text);
            assert!(matches!(&e, Error::Extract { problem, .. } if *problem == expected), "{text:?}: {e:?}");
            let message = e.to_string();
            assert!(message.starts_with("pasted text: ") && message.contains(" — "), "{message}");
        }
        db.close().await;
    });
    assert_eq!(&snapshot(&desk.db()), untouched());
}
