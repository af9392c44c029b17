#!/usr/bin/env python3
"""Extraction benchmark: claimdesk vs trafilatura on the article-extraction-benchmark pages.

Runs every page of ../shared/bench/aeb-dev through `claimdesk extract --jsonl` and, in the same
run, through Python trafilatura (installed in bench/.venv by bench/extract.sh), each pinned to one
core; scores both with ../shared/bench/eval_aeb.py, and prints one table: token F1 / precision /
recall, pages per second on one core, peak RSS. Also times a bare scraper::Html::parse_document
over the same pages (examples/parse_floor.rs) and reports our time as a multiple of it.

usage: bench/extract.sh   (builds, installs trafilatura, then runs this)
"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMDESK_SHARED", ROOT.parent / "shared"))
AEB = SHARED / "bench" / "aeb-dev"
SCORER = SHARED / "bench" / "eval_aeb.py"
OUT = ROOT / "bench" / "out"
CLI = ROOT / "target" / "release" / "claimdesk"
FLOOR = ROOT / "target" / "release" / "examples" / "parse_floor"
PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))

TRAFILATURA = r'''
import gzip, json, sys
import trafilatura
for path in sys.argv[1:]:
    html = gzip.open(path, "rb").read()
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=False)
    print(json.dumps({"id": path.rsplit("/", 1)[-1].split(".")[0], "articleBody": text or ""}))
'''


def die(message):
    print(f"\n*** bench/extract.py: {message}\n", file=sys.stderr)
    sys.exit(1)


def timed(cmd, ok=(0,)):
    """Runs cmd on one core under GNU time; returns (stdout, wall seconds, peak RSS in MB). An exit
    code outside `ok` is fatal."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        started = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name, "taskset", "-c", "0", *cmd],
                             capture_output=True, text=True)
        wall = time.perf_counter() - started
        if out.returncode not in ok:
            die(f"{cmd[0]} failed ({out.returncode}): {out.stderr[-2000:]}")
        rss_kb = int(open(t.name).read().strip().splitlines()[-1])
    return out.stdout, wall, rss_kb / 1024


def best_of(cmd, ok=(0,)):
    """The fastest of REPEAT runs (and the peak RSS seen), to keep noise out of pages/second."""
    runs = [timed(cmd, ok) for _ in range(REPEAT)]
    return runs[0][0], min(r[1] for r in runs), max(r[2] for r in runs)


def score(pred_file):
    out = subprocess.run([sys.executable, str(SCORER), str(pred_file), "--n-bootstrap", "200",
                          "--json", str(pred_file.with_suffix(".score.json"))],
                         capture_output=True, text=True, check=True)
    result = json.loads(pred_file.with_suffix(".score.json").read_text())
    return result, out.stdout


def metric(result, name):
    """Finds a metric in the scorer's JSON whatever its nesting."""
    if isinstance(result, dict):
        for k, v in result.items():
            if k.lower() == name and isinstance(v, (int, float)):
                return v
            found = metric(v, name)
            if found is not None:
                return found
    if isinstance(result, list):
        for v in result:
            found = metric(v, name)
            if found is not None:
                return found
    return None


def main():
    if not AEB.is_dir() or not SCORER.is_file():
        die(f"the benchmark data is missing: expected {AEB} and {SCORER} "
            "(set CLAIMDESK_SHARED to the folder that holds bench/aeb-dev)")
    for path, how in ((CLI, "cargo build --release --bin claimdesk"),
                      (FLOOR, "cargo build --release --example parse_floor"),
                      (PYTHON, "bench/extract.sh (it makes bench/.venv with trafilatura)")):
        if not path.exists():
            die(f"{path} is missing: run {how}")
    pages = sorted(str(p) for p in (AEB / "html").glob("*.html.gz"))
    OUT.mkdir(parents=True, exist_ok=True)
    n = len(pages)

    # `extract --jsonl` exits 1 when a page fails; that page is scored (as empty), not fatal.
    stdout, ours_s, ours_mb = best_of([str(CLI), "extract", "--jsonl", *pages], ok=(0, 1))
    ours = OUT / "claimdesk.jsonl"
    with ours.open("w") as f:
        for line in stdout.splitlines():
            a = json.loads(line)
            page_id = Path(a["source"]).name.split(".")[0]
            f.write(json.dumps({"id": page_id, "articleBody": a.get("text") or ""}) + "\n")

    stdout, theirs_s, theirs_mb = best_of([str(PYTHON), "-c", TRAFILATURA, *pages])
    theirs = OUT / "trafilatura.jsonl"
    theirs.write_text(stdout)
    if len(stdout.splitlines()) != n:
        die(f"trafilatura gave {len(stdout.splitlines())} answers for {n} pages")

    # The parse floor, best of REPEAT runs like the others.
    floor = min((json.loads(subprocess.run(["taskset", "-c", "0", str(FLOOR), *pages],
                                           capture_output=True, text=True, check=True).stdout)
                 for _ in range(REPEAT)), key=lambda f: f["seconds"])

    rows = []
    for name, pred, secs, mb in (("claimdesk", ours, ours_s, ours_mb), ("trafilatura", theirs, theirs_s, theirs_mb)):
        result, _ = score(pred)
        rows.append((name, metric(result, "f1"), metric(result, "precision"), metric(result, "recall"), n / secs, mb, secs))

    print(f"\nArticle-extraction benchmark, {n} development pages, one core (best of {REPEAT} runs)\n")
    print(f"| extractor   | F1    | precision | recall | pages/s | peak RSS MB | seconds |")
    print(f"|-------------|-------|-----------|--------|---------|-------------|---------|")
    for name, f1, p, r, pps, mb, secs in rows:
        print(f"| {name:<11} | {f1:.3f} | {p:.3f}     | {r:.3f}  | {pps:7.1f} | {mb:11.1f} | {secs:7.2f} |")
    speedup = rows[0][4] / rows[1][4]
    print(f"\nclaimdesk is {speedup:.1f}× trafilatura's pages per second (process start-up included for both).")
    print(f"bare scraper::Html::parse_document over the same pages: {floor['seconds']:.3f} s "
          f"→ claimdesk's whole run is {ours_s / floor['seconds']:.1f}× the parse floor.")
    print(f"predictions and scores: {OUT}/")


if __name__ == "__main__":
    main()
