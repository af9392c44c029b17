//! The formats reviewed claim sets leave claimdesk in.

pub mod claimreview;
pub mod csv;
pub mod json;

use std::io::Write;
use std::path::Path;

use crate::claim::Status;
use crate::error::{Error, Result};
use crate::store::Db;

/// What an export produced: the bytes (or, for a split ClaimReview export, one file per claim)
/// and the warnings to show.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// (claim id, its own ClaimReview document), for `--split`.
    pub files: Vec<(String, Vec<u8>)>,
    pub warnings: Vec<String>,
}

/// The claims the filter selects as ClaimReview JSON-LD, after checking they make valid reviews
/// (refused, with every reason, when not) and that the desk settings the format needs are set.
pub async fn claimreview_export(db: &Db, filter: &ExportFilter) -> Result<Rendered> {
    let doc = json::document(db, filter).await?;
    let scale = crate::desk::scale(db).await?;
    let desk = claimreview::desk(db).await?;
    let check = claimreview::check(&doc, &scale);
    if !check.problems.is_empty() {
        return Err(Error::ExportInvalid(check.problems.join("; ")));
    }
    let reviews = claimreview::reviews(&doc, &scale, &desk);
    let files = doc
        .claims
        .iter()
        .zip(&reviews)
        .map(|(claim, review)| (claim.id.clone(), claimreview::to_bytes(std::slice::from_ref(review))))
        .collect();
    Ok(Rendered { bytes: claimreview::to_bytes(&reviews), files, warnings: check.warnings })
}

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
