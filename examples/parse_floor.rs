//! The floor for a scraper-based extractor: time `scraper::Html::parse_document` alone over the
//! given pages (`.html` or `.html.gz`), decoded the way claimdesk decodes them. Used by
//! bench/extract.py to report extraction time as a multiple of parsing time.
//!
//! The pages are parsed whole. claimdesk cuts the contents of `<script>`, `<style>`, `<svg>` and
//! comments out before it parses (html::strip_code), so its parse is cheaper than this one and
//! its whole run (unpacking, decoding, hashing and extracting included) can come close to this
//! floor.
//!
//! usage: cargo run --release --example parse_floor -- PAGE...

use std::time::Instant;

fn main() {
    let pages: Vec<String> = std::env::args()
        .skip(1)
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let bytes = claimdesk::article::sniff::unpack(&bytes, u64::MAX)
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            claimdesk::article::decode::decode(&bytes).0
        })
        .collect();
    let started = Instant::now();
    let mut nodes = 0usize;
    for html in &pages {
        nodes += scraper::Html::parse_document(html).tree.nodes().count();
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{{\"pages\": {}, \"seconds\": {seconds:.6}, \"nodes\": {nodes}}}",
        pages.len()
    );
}
