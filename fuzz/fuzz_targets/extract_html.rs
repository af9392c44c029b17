//! Bytes of a file or a download → the article, through the importer's own entry point
//! (`article::extract_with`): sniffing (PDF, images, gzip), charset detection and decoding, then
//! HTML or plain-text extraction. The last byte, when it is one of a few values, also stands in
//! for a charset from an HTTP `Content-Type` (as a download gives one).

#![no_main]

use claimdesk::article::{self, Kind};
use libfuzzer_sys::fuzz_target;

/// Far above what the fuzzer feeds (-max_len), so the cap itself is exercised only by gzip bombs.
const MAX_BYTES: u64 = 1024 * 1024;

const HTTP_CHARSETS: [&str; 7] = ["utf-8", "windows-1252", "ISO-8859-1", "shift_jis", "utf-16le", "x-user-defined", "no-such-charset"];

fuzz_target!(|data: &[u8]| {
    let http_charset = match data.last() {
        Some(&b) if (0xF8..0xFF).contains(&b) => Some(HTTP_CHARSETS[usize::from(b - 0xF8)]),
        _ => None,
    };
    let Ok(extraction) = article::extract_with(data, MAX_BYTES, http_charset) else { return };
    let e = &extraction.extracted;
    assert!(!e.text.trim().is_empty(), "an extraction's text is never empty");
    assert_eq!(extraction.sha256, article::sha256_hex(data));
    assert!(matches!(extraction.kind, Kind::Html | Kind::Text));
    // What the importer does next with a successful extraction.
    let shown = extraction.to_article(None);
    assert_eq!(shown.text.as_deref(), Some(e.text.as_str()));
});
