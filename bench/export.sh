#!/usr/bin/env bash
# Export benchmark (issue #6): a desk of 100,000 reviewed claims (examples/export_bench_data.rs),
# exported to every format by the release `claimdesk` CLI, each run timed with its peak memory
# (GNU time). Target: ClaimReview ≤ 2 s. Pass another claim count as the first argument.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
claims="${1:-100000}"
cargo build --release --quiet --example export_bench_data --bin claimdesk
target="${CARGO_TARGET_DIR:-target}/release"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/desk.db"
echo "making a desk of $claims claims…"
/usr/bin/time -f "  stored in %e s, peak %M KB" "$target/examples/export_bench_data" "$db" "$claims"
echo "database: $(du -h "$db" | cut -f1)"
# Three runs per format (a shared machine is noisy): the median and the best wall-clock time.
printf '%-14s %9s %9s %12s %10s\n' format median best "peak memory" "file size"
for format in json csv claimreview webannotation markdown html checkthat; do
  out="$work/export.$format"
  times=()
  for run in 1 2 3; do
    /usr/bin/time -o "$work/time" -f "%e %M" "$target/claimdesk" --db "$db" --reviewer Bench \
      export --format "$format" -o "$out" 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
    read -r seconds peak_kb <"$work/time"
    times+=("$seconds")
  done
  sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-14s %8ss %8ss %9s MB %10s\n' "$format" "${sorted[1]}" "${sorted[0]}" "$((peak_kb / 1024))" "$(du -h "$out" | cut -f1)"
done
