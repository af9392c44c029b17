//! Downloading a page for import: bounded in time, size and redirects, and refusing what is
//! plainly not an article before reading it.

use std::time::Duration;

use crate::error::{Error, ExtractProblem, Result};

/// Limits on one download.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub max_bytes: u64,
    /// For connecting.
    pub connect_timeout: Duration,
    /// For the whole exchange, body included.
    pub timeout: Duration,
    pub max_redirects: usize,
}

impl FetchOptions {
    pub fn new(max_bytes: u64) -> FetchOptions {
        FetchOptions {
            max_bytes,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 5,
        }
    }
}

/// A downloaded page.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The URL after redirects.
    pub final_url: String,
    /// The `charset` of the `Content-Type` header, if any.
    pub charset: Option<String>,
    /// When the download finished (RFC 3339 UTC).
    pub fetched: String,
}

const USER_AGENT: &str = concat!("claimdesk/", env!("CARGO_PKG_VERSION"), " (article import for fact-checking)");

fn failed(url: &str, problem: impl Into<String>) -> Error {
    Error::Fetch { url: url.to_string(), problem: problem.into() }
}

/// Describes a transport error the way a reviewer can act on it.
fn transport_problem(e: &reqwest::Error, options: &FetchOptions) -> String {
    if e.is_timeout() {
        format!("no complete answer within {} seconds — try again later, or save the page from the browser and import the file", options.timeout.as_secs())
    } else if e.is_redirect() {
        format!("more than {} redirects — open it in a browser and import the final address", options.max_redirects)
    } else if e.is_connect() {
        "cannot connect — check the address and the network".to_string()
    } else {
        // reqwest's top-level message is generic; the source says what happened.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            message = format!("{message}: {s}");
            source = s.source();
        }
        message
    }
}

/// The media types that are surely not an article; anything else is read and sniffed.
fn refused_type(content_type: &str) -> Option<ExtractProblem> {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let kind = if mime == "application/pdf" {
        return Some(ExtractProblem::Pdf);
    } else if mime.starts_with("image/") {
        "image"
    } else if mime.starts_with("audio/") {
        "audio"
    } else if mime.starts_with("video/") {
        "video"
    } else if mime.starts_with("font/") {
        "font"
    } else if matches!(mime.as_str(), "application/zip" | "application/x-tar" | "application/gzip" | "application/x-7z-compressed") {
        "archive"
    } else {
        return None;
    };
    Some(ExtractProblem::Binary(kind))
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_of(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"').to_string())
    })
}

/// Downloads `url` within `options`' limits.
pub async fn fetch(url: &str, options: &FetchOptions) -> Result<Fetched> {
    let client = reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .redirect(reqwest::redirect::Policy::limited(options.max_redirects))
        .build()
        .map_err(|e| failed(url, transport_problem(&e, options)))?;
    let mut response = client.get(url).send().await.map_err(|e| failed(url, transport_problem(&e, options)))?;
    let final_url = response.url().to_string();
    let status = response.status();
    if !status.is_success() {
        return Err(failed(url, format!("the server answered {status} — check the address")));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if let Some(problem) = refused_type(&content_type) {
        return Err(Error::Extract { source_name: url.to_string(), problem });
    }
    let too_large = |size| Error::Extract {
        source_name: url.to_string(),
        problem: ExtractProblem::TooLarge { size, limit: options.max_bytes },
    };
    if let Some(length) = response.content_length().filter(|&n| n > options.max_bytes) {
        return Err(too_large(length));
    }
    // Read chunk by chunk so a server that lies about (or omits) its length cannot make us hold
    // more than the limit.
    let mut bytes = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| failed(url, transport_problem(&e, options)))? {
        bytes.extend_from_slice(&chunk);
        if bytes.len() as u64 > options.max_bytes {
            return Err(too_large(bytes.len() as u64));
        }
    }
    Ok(Fetched { bytes, final_url, charset: charset_of(&content_type), fetched: crate::store::now() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        assert_eq!(charset_of("text/html; charset=ISO-8859-1").as_deref(), Some("ISO-8859-1"));
        assert_eq!(charset_of("text/html;charset=\"utf-8\"").as_deref(), Some("utf-8"));
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(refused_type("application/pdf"), Some(ExtractProblem::Pdf));
        assert_eq!(refused_type("image/png"), Some(ExtractProblem::Binary("image")));
        assert_eq!(refused_type("text/html; charset=utf-8"), None);
        assert_eq!(refused_type(""), None, "no type: read it and let sniffing decide");
    }
}
