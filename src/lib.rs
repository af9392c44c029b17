//! claimdesk: mark up the claims in a news article, review them, export reviewed claim sets.
//!
//! The crate is the whole application minus its window: the `claimdesk` CLI and the Tauri shell in
//! `src-tauri/` both call these functions and nothing else.
//!
//! - [`article`]: bytes → metadata + canonical text
//! - [`anchor`]: code-point spans and their W3C selectors
//! - [`claim`]: the claim record, statuses, rating scale
//! - [`compare`]: two versions of an article, word by word
//! - [`store`]: the SQLite database ([`store::Db`])
//! - [`export`]: the formats claim sets leave in
//! - [`sentence`]: French and English sentence boundaries, in code points
//! - [`agreement`]: how far reviewers' independent verdicts agree (Cohen's κ, Krippendorff's α)
//! - [`suggest`]: claim suggestions — numbers, dates, durations, quotes, attributions (FR/EN)
//! - [`desk`]: the operations the CLI and the app share (import, make a claim, export)

pub mod agreement;
pub mod anchor;
pub mod article;
pub mod claim;
pub mod compare;
pub mod desk;
pub mod error;
pub mod export;
pub mod sentence;
pub mod settings;
pub mod store;
pub mod suggest;

pub use error::{Error, ExtractProblem, Result};
pub use store::Db;
