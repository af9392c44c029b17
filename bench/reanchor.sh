#!/usr/bin/env bash
# Re-anchoring benchmark (issue #5): 1,000 claims carried from a ~120 KB article to an edited
# version, in release, pinned to one core; then the edit corpus of tests/fixtures/versions.
# Prints the JSON of examples/reanchor_bench.rs and a summary. Target: ≤ 200 ms for the 1,000
# claims; every recoverable claim found; 0 wrong placements.
# Extra arguments are environment for the example, e.g. REANCHOR_BENCH_SEED=7 REANCHOR_BENCH_DEBUG=1.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet --example reanchor_bench
bin="${CARGO_TARGET_DIR:-target}/release/examples/reanchor_bench"
pin=()
if command -v taskset >/dev/null 2>&1; then pin=(taskset -c 0); fi
out=$(env "$@" "${pin[@]}" "$bin")
echo "$out"
python3 - "$out" <<'EOF'
import json, sys
d = json.loads(sys.argv[1])
print()
for name in ("edited", "every_paragraph_edited", "unrelated_article", "half_replaced"):
    r, t = d[name], d[name]["truth"]
    c = t["counts"]
    recoverable = t["untouched"] + c.get("edited_recoverable", 0)
    missed = c.get("untouched_orphaned", 0) + c.get("edited_recoverable_orphaned", 0)
    exact = c.get("untouched_found_exact", 0) + c.get("edited_found_exact", 0)
    print(f"{name}: {r['claims']} claims, {r['old_chars']} → {r['new_chars']} code points: "
          f"median {r['ms_median']} ms, best {r['ms_best']} ms (diff alone {r['ms_diff_only_median']} ms); "
          f"{recoverable - missed}/{recoverable} recoverable found ({exact} claims at exactly the "
          f"expected span, {c.get('edited_found_off_edges', 0)} overlapping it), "
          f"{t['wrong_placements']} wrong placements; states {r['states']}")
k = d["corpus"]
print(f"edit corpus: {k['pairs']} pairs, {k['claims']} claims; found {k['found']}/{k['recoverable']} "
      f"recoverable; {k['wrong_placements']} wrong placements; {k['wrong_states']} wrong states")
EOF
