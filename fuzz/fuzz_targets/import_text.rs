//! Plain text as pasted into the app or given on standard input → the article: first the
//! plain-text extractor on its own (`article::plaintext::extract`, which a paste that happens to
//! look like HTML would otherwise skip), then the whole import entry point on the text's bytes,
//! as `desk::import` calls it for a paste.

#![no_main]

use claimdesk::article::{self, plaintext};
use libfuzzer_sys::fuzz_target;

const MAX_BYTES: u64 = 1024 * 1024;

fuzz_target!(|data: &[u8]| {
    // A paste arrives as a string: the webview and the terminal hand over valid UTF-8.
    let text = String::from_utf8_lossy(data);
    if let Ok(e) = plaintext::extract(&text) {
        // Canonical text is blocks joined by one blank line; extract() refuses a blank one later.
        let _ = e.text.chars().count();
    }
    if let Ok(extraction) = article::extract(text.as_bytes(), MAX_BYTES) {
        assert!(!extraction.extracted.text.trim().is_empty(), "an extraction's text is never empty");
    }
});
