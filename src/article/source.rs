//! Reading a SOURCE argument: a file path, `-` for standard input, or an `http(s)://` URL.

use std::io::Read;
use std::path::Path;

use super::fetch::{self, FetchOptions};
use crate::error::{Error, ExtractProblem, Result};

/// Where imported bytes came from, as far as claimdesk can tell.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The address the reviewer says the page or paste came from (`--url`).
    pub url: Option<String>,
    /// Set when claimdesk downloaded the bytes itself.
    pub download: Option<Download>,
    /// The reviewer says this is a new version of that article (`--version-of`), whatever its
    /// address.
    pub version_of: Option<String>,
}

/// What a download adds to the bytes.
#[derive(Debug, Clone)]
pub struct Download {
    /// The URL after redirects.
    pub final_url: String,
    /// The `charset` of the response's `Content-Type`.
    pub charset: Option<String>,
    /// When it was fetched (RFC 3339 UTC).
    pub fetched: String,
}

pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Reads (or downloads) the bytes of `source`, refusing anything over `max_bytes` without
/// reading it all.
pub async fn load(source: &str, max_bytes: u64) -> Result<(Vec<u8>, Provenance)> {
    if is_url(source) {
        let f = fetch::fetch(source, &FetchOptions::new(max_bytes)).await?;
        let download = Download { final_url: f.final_url, charset: f.charset, fetched: f.fetched };
        return Ok((f.bytes, Provenance { url: None, download: Some(download), version_of: None }));
    }
    Ok((read(source, max_bytes)?, Provenance::default()))
}

/// Reads the bytes of a file or of standard input (`-`).
pub fn read(source: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let too_large = |size| Error::Extract {
        source_name: source.to_string(),
        problem: ExtractProblem::TooLarge { size, limit: max_bytes },
    };
    let mut bytes = Vec::new();
    if source == "-" {
        std::io::stdin().lock().take(max_bytes + 1).read_to_end(&mut bytes).map_err(Error::Stdin)?;
    } else {
        let path = Path::new(source);
        let read_error = |source| Error::Read { path: path.to_path_buf(), source };
        let meta = std::fs::metadata(path).map_err(read_error)?;
        if meta.is_dir() {
            return Err(Error::Read {
                path: path.to_path_buf(),
                source: std::io::Error::other("it is a folder; name a file"),
            });
        }
        if meta.len() > max_bytes {
            return Err(too_large(meta.len()));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
            .map_err(read_error)?;
    }
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
