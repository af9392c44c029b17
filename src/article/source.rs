//! Reading a SOURCE argument: a file path, `-` for standard input, or a URL.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ExtractProblem, Result};

/// Reads the bytes of `source`, refusing anything over `max_bytes` without reading it all.
pub fn read(source: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let too_large = |size| Error::Extract {
        source_name: source.to_string(),
        problem: ExtractProblem::TooLarge { size, limit: max_bytes },
    };
    if source.starts_with("http://") || source.starts_with("https://") {
        return Err(Error::Extract { source_name: source.to_string(), problem: ExtractProblem::UrlUnsupported });
    }
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
                source: std::io::Error::other("it is a folder; name a file (folder import comes with a later version)"),
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
