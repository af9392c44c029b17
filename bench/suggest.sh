#!/usr/bin/env bash
# Suggestion benchmark (issue #7, "Measured"): scores claimdesk::suggest on the labelled paragraphs
# of tests/fixtures/suggest (precision / recall / F1 per type at IoU ≥ 0.5, exact boundaries, value
# accuracy) and times it on ~1 MB of text per language, in release, pinned to one core.
# Targets: F1 ≥ 0.9 for quantity + percent + money + date + duration + quote; attribution recall
# ≥ 0.8; value accuracy ≥ 0.95; ≥ 1 MB/s.
# Arguments go to examples/suggest_bench.rs: JSONL files to score instead of the default two (a
# held-out set), --errors (every false negative / false positive / wrong value), --boundaries,
# --json (the summary only), --no-speed, --speed-bytes=N, --self-check.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
python3 tests/fixtures/suggest/build.py --check >/dev/null
cargo build --release --quiet --example suggest_bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/suggest_bench"
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi
exec "${pin[@]}" "$bin" "$@"
