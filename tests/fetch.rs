//! URL import against a local HTTP server: redirects, the header's charset, timeouts, size caps,
//! refused media types, and a changed page becoming a new version.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use assert_cmd::Command;
use claimdesk::article::fetch::{fetch, FetchOptions};
use claimdesk::Error;
use serde_json::Value;

/// "Été" and "à" in ISO-8859-1, with no <meta charset>: only the HTTP header says how to read it.
const LATIN1_PAGE: &[u8] = b"<!doctype html><html lang=fr><head><title>Pont</title></head><body><article>\
<h1>Le pont rouvre apr\xe8s l'\xe9t\xe9</h1>\
<p>Le conseil municipal a vot\xe9 lundi une d\xe9pense de 12 millions d'euros pour r\xe9parer le vieux pont, soit le double de l'estimation de 2019.</p>\
<p>\xc0 en croire la mairie, la circulation a baiss\xe9 de 40 % pendant la fermeture, qui a dur\xe9 quatre mois.</p>\
</article></body></html>";

/// Serves a few fixed routes on 127.0.0.1 until the test ends.
struct Server {
    base: String,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(AtomicUsize::new(0));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let hits = hits.clone();
                std::thread::spawn(move || serve(stream, &hits));
            }
        });
        Server { base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, String)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body));
}

fn serve(mut stream: TcpStream, hits: &AtomicUsize) {
    let mut line = String::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Skip the request headers.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let html = |charset: &str| ("Content-Type", format!("text/html; charset={charset}"));
    match path.as_str() {
        "/article" => respond(&mut stream, "200 OK", &[html("ISO-8859-1"), ("Content-Length", LATIN1_PAGE.len().to_string())], LATIN1_PAGE),
        "/moved" => respond(&mut stream, "301 Moved Permanently", &[("Location", "/article".into())], b""),
        "/loop" => respond(&mut stream, "302 Found", &[("Location", "/loop".into())], b""),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(5));
            respond(&mut stream, "200 OK", &[html("utf-8")], b"<p>late</p>");
        }
        "/big" => respond(&mut stream, "200 OK", &[html("utf-8"), ("Content-Length", "5000000".into())], &[b'a'; 1000]),
        "/endless" => {
            // No length announced: the client must stop reading at its limit.
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
            for _ in 0..200 {
                if stream.write_all(&[b'x'; 10_000]).is_err() {
                    return;
                }
            }
        }
        "/report.pdf" => respond(&mut stream, "200 OK", &[("Content-Type", "application/pdf".into())], b"%PDF-1.7"),
        "/changing" => {
            let n = hits.fetch_add(1, Ordering::SeqCst);
            let body = format!(
                "<html><head><link rel=canonical href=\"https://news.example/kalimba\"></head><body><article><h1>Kalimba</h1>\
                 <p>La messagerie Kalimba affirme compter {} millions d’utilisateurs actifs chaque mois, selon son fondateur.</p>\
                 <p>Le service a été suspendu pendant quatre jours en août par le régulateur des télécommunications.</p></article></body></html>",
                if n == 0 { 950 } else { 900 }
            );
            respond(&mut stream, "200 OK", &[html("utf-8")], body.as_bytes());
        }
        _ => respond(&mut stream, "404 Not Found", &[html("utf-8")], b"<p>no</p>"),
    }
}

fn quick(max_bytes: u64) -> FetchOptions {
    FetchOptions { timeout: Duration::from_secs(2), connect_timeout: Duration::from_secs(2), ..FetchOptions::new(max_bytes) }
}

fn problem(e: Error) -> String {
    e.to_string()
}

#[tokio::test]
async fn redirects_are_followed_and_the_header_charset_is_used() {
    let server = Server::start();
    let f = fetch(&server.url("/moved"), &quick(1 << 20)).await.unwrap();
    assert_eq!(f.final_url, server.url("/article"));
    assert_eq!(f.charset.as_deref(), Some("ISO-8859-1"));
    assert!(f.fetched.ends_with('Z'));
    let e = claimdesk::article::extract_with(&f.bytes, 1 << 20, f.charset.as_deref()).unwrap();
    assert_eq!(e.extracted.title.as_deref(), Some("Le pont rouvre après l'été"));
    assert!(e.extracted.text.starts_with("Le conseil municipal a voté lundi"), "{}", e.extracted.text);
    assert!(e.extracted.text.contains("À en croire"));
}

#[tokio::test]
async fn limits_give_clear_errors() {
    let server = Server::start();
    let e = problem(fetch(&server.url("/loop"), &quick(1 << 20)).await.unwrap_err());
    assert!(e.contains("redirects"), "{e}");
    let e = problem(fetch(&server.url("/slow"), &quick(1 << 20)).await.unwrap_err());
    assert!(e.contains("within 2 seconds"), "{e}");
    let e = problem(fetch(&server.url("/big"), &quick(100_000)).await.unwrap_err());
    assert!(e.contains("5000000 bytes") && e.contains("100000"), "{e}");
    let e = problem(fetch(&server.url("/endless"), &quick(100_000)).await.unwrap_err());
    assert!(e.contains("over the 100000-byte limit"), "{e}");
    let e = problem(fetch(&server.url("/report.pdf"), &quick(1 << 20)).await.unwrap_err());
    assert!(e.contains("PDF"), "{e}");
    let e = problem(fetch(&server.url("/gone"), &quick(1 << 20)).await.unwrap_err());
    assert!(e.contains("404 Not Found"), "{e}");
    let e = problem(fetch("http://127.0.0.1:9/", &quick(1 << 20)).await.unwrap_err());
    assert!(e.contains("cannot connect"), "{e}");
}

#[test]
fn the_cli_imports_a_url_and_a_changed_page_becomes_a_new_version() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let cli = || {
        let mut c = Command::cargo_bin("claimdesk").unwrap();
        c.env("CLAIMDESK_DB", dir.path().join("desk.db")).env("CLAIMDESK_REVIEWER", "Awa");
        c
    };
    let out = cli().args(["import", &server.url("/moved"), "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["url"], server.url("/article"), "the article records the address after redirects");
    assert_eq!(a["language"], "fr");

    let first: Value = serde_json::from_slice(&cli().args(["import", &server.url("/changing"), "--json"]).output().unwrap().stdout).unwrap();
    let second: Value = serde_json::from_slice(&cli().args(["import", &server.url("/changing"), "--json"]).output().unwrap().stdout).unwrap();
    assert_eq!(first["id"], second["id"], "the same page, changed, is one article");
    assert_eq!((first["version"].as_u64(), second["version"].as_u64()), (Some(1), Some(2)));
    assert!(second["text"].as_str().unwrap().contains("900 millions"));

    let out = cli().args(["import", &server.url("/report.pdf")]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("PDF import is not supported yet"));
}
