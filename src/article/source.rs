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

/// Reads the bytes of a file or of standard input (`-`). Only a regular file is opened: a named
/// pipe nobody writes to would block the open for ever, and a device (`/dev/zero`) is not an
/// article; standard input is read with `-`.
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
        let meta = std::fs::metadata(path).map_err(|e| read_error(path, e))?;
        if meta.is_dir() {
            return Err(Error::IsAFolder(path.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(Error::NotAFile { path: path.to_path_buf(), kind: special_kind(&meta) });
        }
        // Refused from its size alone: a 100 MB file costs neither the time nor the memory to read.
        if meta.len() > max_bytes {
            return Err(too_large(meta.len()));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(max_bytes + 1).read_to_end(&mut bytes))
            .map_err(|e| read_error(path, e))?;
    }
    if bytes.len() as u64 > max_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The error for a file or folder that cannot be read, in words that say what to do.
pub(crate) fn read_error(path: &Path, e: std::io::Error) -> Error {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => match std::fs::read_link(path) {
            // The path itself exists, as a link to nothing.
            Ok(target) => Error::DanglingLink { path: path.to_path_buf(), target },
            Err(_) => Error::NoSuchFile(path.to_path_buf()),
        },
        ErrorKind::PermissionDenied => Error::ReadDenied(path.to_path_buf()),
        _ => Error::ReadFailed { path: path.to_path_buf(), why: lowercase_first(&e.to_string()) },
    }
}

/// Operating-system messages start with a capital ("Input/output error"); ours do not.
fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// What a path that is neither a file nor a folder is.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "pipe (FIFO)";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "device";
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    "special file"
}
