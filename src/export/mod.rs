//! The formats reviewed claim sets leave claimdesk in.

pub mod json;

use std::io::Write;
use std::path::Path;

use crate::claim::Status;
use crate::error::{Error, Result};

/// Which claims an export takes.
#[derive(Debug, Clone)]
pub struct ExportFilter {
    pub statuses: Vec<Status>,
    pub article_id: Option<String>,
}

impl Default for ExportFilter {
    /// What a desk hands on: the reviewed and published claims of every article.
    fn default() -> Self {
        ExportFilter { statuses: vec![Status::Reviewed, Status::Published], article_id: None }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so a failed
/// or interrupted export never leaves a half-written file where a good one was.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let write_error = |source| Error::Write { path: path.to_path_buf(), source };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(write_error)
}
