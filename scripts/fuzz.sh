#!/usr/bin/env bash
# Fuzzes claimdesk's input paths (issue #8): each cargo-fuzz target in fuzz/ runs for a set time,
# one job, then the executions it ran and whether it crashed are printed per target.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     # default: 60 s, every target
#
# Needs the nightly toolchain (rustup toolchain install nightly) and cargo-fuzz (installed here
# if missing). Not part of scripts/test.sh: CI has no nightly. A crash leaves its input in
# fuzz/artifacts/TARGET/; it becomes a test in tests/fuzz_regressions.rs (see fuzz/README.md).
# Logs are in fuzz/logs/TARGET.log; the corpus grows in fuzz/corpus/TARGET (both ignored by git),
# seeded from the test fixtures on the first run.
#
# libFuzzer first replays the whole corpus, whatever the time given: once a corpus has grown, a
# short run may do nothing else (the summary says so). FUZZ_CMIN=1 shrinks each corpus first to
# the inputs that add coverage (cargo fuzz cmin).
#
# Environment: FUZZ_RSS_MB (default 2048), FUZZ_TIMEOUT (seconds per input before it counts as a
# hang, default 20), FUZZ_SANITIZER (address, the default; or none, about twice as fast), FUZZ_CMIN.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_PER_TARGET=${1:-60}
shift || true
ALL_TARGETS=(extract_html import_text suggest anchor import_json)
TARGETS=("${@:-${ALL_TARGETS[@]}}")
RSS_MB=${FUZZ_RSS_MB:-2048}
TIMEOUT=${FUZZ_TIMEOUT:-20}
SANITIZER=${FUZZ_SANITIZER:-address}

if ! [[ $SECONDS_PER_TARGET =~ ^[0-9]+$ ]] || [ "$SECONDS_PER_TARGET" -eq 0 ]; then
    echo "usage: bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (targets: ${ALL_TARGETS[*]})" >&2
    exit 2
fi

if ! cargo +nightly --version >/dev/null 2>&1; then
    cat >&2 <<'EOF'
################################################################################
##  NO NIGHTLY TOOLCHAIN: cargo-fuzz needs nightly Rust (sanitizer coverage).
##  Install it with:   rustup toolchain install nightly
##  Nothing was fuzzed.
################################################################################
EOF
    exit 3
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked || { echo "cargo-fuzz could not be installed; nothing was fuzzed" >&2; exit 3; }
fi

# Where each target's inputs are capped (bytes) and which dictionary it gets.
max_len() {
    case $1 in
        extract_html) echo 32768 ;;
        import_text | import_json) echo 16384 ;;
        *) echo 8192 ;;
    esac
}

# First run: a corpus from the test fixtures, in the shape each target reads.
seed() {
    local target=$1 dir=fuzz/corpus/$1 f n=0
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return 0
    case $target in
        extract_html)
            for f in tests/fixtures/articles/*/source.* tests/fixtures/messagerie-fr.html; do
                cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
            done
            gzip -c tests/fixtures/messagerie-fr.html >"$dir/messagerie-fr.html.gz"
            ;;
        import_text)
            for f in tests/fixtures/articles/*/source.txt tests/fixtures/articles/*/expected.txt tests/fixtures/*.txt; do
                cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
            done
            ;;
        suggest)
            # The text, then 0xFF and parameter bytes (or none: language guessed, published 2024-01-15).
            for f in tests/fixtures/articles/*/expected.txt tests/fixtures/*.txt; do
                cp "$f" "$dir/$(basename "$(dirname "$f")")-$(basename "$f")"
            done
            for f in tests/fixtures/suggest/source-fr.txt tests/fixtures/suggest/source-en.txt; do
                # One seed per paragraph of the labelled set's sources.
                awk -v RS= -v out="$dir/$(basename "$f" .txt)" '{ print > (out "-" NR ".txt"); close(out "-" NR ".txt") }' "$f"
            done
            ;;
        anchor)
            # Old text, 0xFF, new text (then choice bytes; none: a few spans spread over the text).
            for f in tests/fixtures/versions/*.v1.txt; do
                { cat "$f"; printf '\377'; cat "${f%.v1.txt}.v2.txt"; } >"$dir/$(basename "$f" .v1.txt)"
            done
            { cat tests/fixtures/reseau-v1.txt; printf '\377'; cat tests/fixtures/reseau-v2.txt; } >"$dir/reseau"
            ;;
        import_json)
            cp tests/golden/json/*.json tests/golden/webannotation/*.jsonld "$dir/"
            # Structured mode: the bytes drive edits of a golden export (see the target).
            for n in 1 2 3 4 5 6 7 8; do head -c 64 /dev/urandom >"$dir/structured-$n"; done
            ;;
    esac
}

mkdir -p fuzz/logs
echo "== building the fuzz targets (cargo +nightly fuzz build, sanitizer: $SANITIZER)"
if ! cargo +nightly fuzz build --sanitizer "$SANITIZER" 2>&1 | tail -n 3; then
    echo "the fuzz targets do not build" >&2
    exit 1
fi

declare -A EXECS FUZZED WALL RESULT
status=0
for target in "${TARGETS[@]}"; do
    if [[ ! " ${ALL_TARGETS[*]} " =~ " $target " ]]; then
        echo "unknown target $target (targets: ${ALL_TARGETS[*]})" >&2
        exit 2
    fi
    seed "$target"
    dict=()
    [ -f "fuzz/dicts/$target.dict" ] && dict=("-dict=$ROOT/fuzz/dicts/$target.dict")
    log=fuzz/logs/$target.log
    if [ "${FUZZ_CMIN:-0}" = 1 ]; then
        echo "== $target: shrinking the corpus (cargo fuzz cmin)"
        cargo +nightly fuzz cmin --sanitizer "$SANITIZER" "$target" "fuzz/corpus/$target" -- \
            -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT" -max_len="$(max_len "$target")" >"fuzz/logs/$target.cmin.log" 2>&1 ||
            echo "   cmin failed (see fuzz/logs/$target.cmin.log); fuzzing the whole corpus"
    fi
    echo "== $target: ${SECONDS_PER_TARGET}s (log: $log)"
    started=$(date +%s)
    cargo +nightly fuzz run --sanitizer "$SANITIZER" "$target" "fuzz/corpus/$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT" \
        -max_len="$(max_len "$target")" -print_final_stats=1 "${dict[@]}" >"$log" 2>&1
    rc=$?
    # import_json's scratch databases (/dev/shm/claimdesk-fuzz-import-PID, or under $TMPDIR).
    rm -rf /dev/shm/claimdesk-fuzz-import-* "${TMPDIR:-/tmp}"/claimdesk-fuzz-import-* 2>/dev/null
    WALL[$target]=$(($(date +%s) - started))
    EXECS[$target]=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
    EXECS[$target]=${EXECS[$target]:-?}
    # The fuzzing itself, as libFuzzer counts it (the wall time also holds any rebuild).
    FUZZED[$target]=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -n 1 | grep -o '[0-9]* second' | grep -o '[0-9]*')
    FUZZED[$target]=${FUZZED[$target]:-?}
    artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -n 1 | sed 's/Test unit written to //')
    replayed=$(grep -o '#[0-9]*[[:space:]]*INITED' "$log" | tail -n 1 | grep -o '[0-9]*')
    if [ $rc -eq 0 ] && [ -z "$artifact" ]; then
        RESULT[$target]="ok, no crash"
        if [ -n "$replayed" ] && [ "$replayed" = "${EXECS[$target]}" ]; then
            RESULT[$target]+=" (but only the corpus was replayed: give it more time, or FUZZ_CMIN=1)"
        fi
    else
        status=1
        why=$(grep -m 1 -oE "panicked at [^ ]*|ERROR: libFuzzer: [a-z-]+|ERROR: AddressSanitizer: [a-z-]+" "$log" || true)
        RESULT[$target]="CRASHED (${why:-exit $rc}) ${artifact:-}"
    fi
    echo "   ${EXECS[$target]} executions in ${FUZZED[$target]}s of fuzzing (${WALL[$target]}s wall): ${RESULT[$target]}"
done

echo
printf '%-14s %12s %8s %8s  %s\n' target executions fuzzing wall result
for target in "${TARGETS[@]}"; do
    printf '%-14s %12s %7ss %7ss  %s\n' "$target" "${EXECS[$target]}" "${FUZZED[$target]}" "${WALL[$target]}" "${RESULT[$target]}"
done
if [ $status -ne 0 ]; then
    echo
    echo "A target crashed: reproduce with  cargo +nightly fuzz run TARGET ARTIFACT,"
    echo "minimise with  cargo +nightly fuzz tmin TARGET ARTIFACT,  then add it to tests/fuzz_regressions.rs."
fi
exit $status
