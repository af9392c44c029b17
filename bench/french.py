#!/usr/bin/env python3
"""French article benchmark: claimdesk vs trafilatura (and htmldate for dates) on the French HTML
fixtures of tests/fixtures/articles/ (every folder with a source.html whose
expected-metadata.json says "language": "fr").

For each page it compares with the fixture's expectations:
  * the body: token F1 against expected.txt, with the article-extraction-benchmark metric (word
    4-gram shingles, per-page precision and recall macro-averaged, F1 of the two means) — the
    scorer's own functions from ../shared/bench/eval_aeb.py when it is there, else the same
    definition re-implemented below;
  * the title: exact match (whitespace collapsed);
  * the publication date: exact match (YYYY-MM-DD).

claimdesk runs as `target/release/claimdesk extract --jsonl`; trafilatura as
`bare_extraction(..., with_metadata=True, include_comments=False, include_tables=True)` (the
settings bench/extract.py uses); htmldate as `find_date(html, original_date=True)` (the
publication date, not the last update, which is what "published" means here).

usage: python3 bench/french.py [-v]    (-v: one line per page; CLAIMDESK_BIN overrides the binary)
needs: cargo build --release --bin claimdesk, and bench/.venv with trafilatura and htmldate
       (bench/extract.sh makes it).
"""
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
CLI = Path(os.environ.get("CLAIMDESK_BIN", ROOT / "target" / "release" / "claimdesk"))
PYTHON = ROOT / "bench" / ".venv" / "bin" / "python"
SHARED = Path(os.environ.get("CLAIMDESK_SHARED", ROOT.parent / "shared"))
OUT = ROOT / "bench" / "out"

THEIRS = r'''
import json, sys
import trafilatura, htmldate
for path in sys.argv[1:]:
    html = open(path, "rb").read()
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=False, as_dict=True) or {}
    try:
        hd = htmldate.find_date(html, original_date=True)
    except Exception:  # htmldate gives up on some pages; that is a miss, not a crash
        hd = None
    print(json.dumps({"path": path, "text": doc.get("text") or "", "title": doc.get("title"),
                      "date": doc.get("date"), "htmldate": hd}))
'''


def die(message):
    print(f"\n*** bench/french.py: {message}\n", file=sys.stderr)
    sys.exit(1)


# --- the article-extraction-benchmark metric ------------------------------------------------
try:
    sys.path.insert(0, str(SHARED / "bench"))
    from eval_aeb import page_counts, page_precision, page_recall  # noqa: E402
except ImportError:  # the same definition, re-implemented
    WORD = re.compile(r"\w+", re.UNICODE)

    def _shingles(text, n=4):
        toks = WORD.findall(text or "")
        if not toks:
            return Counter()
        if len(toks) < n:
            return Counter([tuple(toks)])
        return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))

    def page_counts(true, pred):
        t, p = _shingles(true), _shingles(pred)
        tp, fp, fn = sum((t & p).values()), sum((p - t).values()), sum((t - p).values())
        total = tp + fp + fn
        return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)

    def page_precision(tp, fp, fn):
        if fp == 0 and fn == 0:
            return 1.0
        return 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)

    def page_recall(tp, fp, fn):
        if fp == 0 and fn == 0:
            return 1.0
        return 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)


def body_scores(pairs):
    """Macro precision, recall and F1 over (truth, prediction) pairs, as eval_aeb.py does."""
    triples = [page_counts(t, p) for t, p in pairs]
    ps = [page_precision(*c) for c in triples if c[0] + c[1] > 0]
    rs = [page_recall(*c) for c in triples if c[0] + c[2] > 0]
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def page_f1(truth, pred):
    c = page_counts(truth, pred)
    p, r = page_precision(*c), page_recall(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def same_title(want, got):
    norm = lambda s: " ".join((s or "").split())
    return want is not None and norm(want) == norm(got)


def same_date(want, got):
    return want is not None and (got or "")[:10] == want


# --- running the extractors -----------------------------------------------------------------
def french_pages():
    pages = []
    for d in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        meta_file, source = d / "expected-metadata.json", d / "source.html"
        if not (meta_file.is_file() and source.is_file()):
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("language") != "fr":
            continue
        expected = (d / "expected.txt").read_text(encoding="utf-8").rstrip("\n")
        pages.append({"name": d.name, "source": str(source), "meta": meta, "text": expected})
    return pages


def run_claimdesk(pages):
    out = subprocess.run([str(CLI), "extract", "--jsonl", *[p["source"] for p in pages]],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):  # 1: a page failed; it is scored as empty
        die(f"claimdesk failed ({out.returncode}): {out.stderr[-2000:]}")
    by_source = {}
    for line in out.stdout.splitlines():
        a = json.loads(line)
        by_source[a["source"]] = a
    return by_source


def run_theirs(pages):
    out = subprocess.run([str(PYTHON), "-c", THEIRS, *[p["source"] for p in pages]],
                         capture_output=True, text=True)
    if out.returncode != 0:
        die(f"trafilatura/htmldate failed ({out.returncode}): {out.stderr[-2000:]}")
    return {json.loads(l)["path"]: json.loads(l) for l in out.stdout.splitlines()}


def main():
    verbose = "-v" in sys.argv[1:]
    if not PYTHON.exists():
        die(f"{PYTHON} is missing — run bench/extract.sh once (it makes bench/.venv with "
            "trafilatura and htmldate)")
    if subprocess.run([str(PYTHON), "-c", "import trafilatura, htmldate"],
                      capture_output=True).returncode != 0:
        die("bench/.venv cannot import trafilatura and htmldate — run bench/extract.sh")
    if not CLI.exists():
        die(f"{CLI} is missing — run: cargo build --release --bin claimdesk")
    pages = french_pages()
    if not pages:
        die(f"no French HTML fixtures under {FIXTURES}")

    ours, theirs = run_claimdesk(pages), run_theirs(pages)
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "french.jsonl").open("w") as f:
        for p in pages:
            f.write(json.dumps({"name": p["name"], "claimdesk": ours.get(p["source"]),
                                "trafilatura": theirs.get(p["source"])}, ensure_ascii=False) + "\n")

    rows = {"claimdesk": [], "trafilatura": []}
    dates_htmldate = []
    if verbose:
        print(f"\n{'page':<26} {'F1 cd':>6} {'F1 tr':>6}  title cd/tr  date cd/tr/htmldate  (want)")
    for p in pages:
        a = ours.get(p["source"], {})
        t = theirs.get(p["source"], {})
        want_title, want_date = p["meta"].get("title"), p["meta"].get("published")
        cd = (p["text"], a.get("text") or "", same_title(want_title, a.get("title")),
              same_date(want_date, a.get("published")))
        tr = (p["text"], t.get("text") or "", same_title(want_title, t.get("title")),
              same_date(want_date, t.get("date")))
        rows["claimdesk"].append(cd)
        rows["trafilatura"].append(tr)
        dates_htmldate.append(same_date(want_date, t.get("htmldate")))
        if verbose:
            mark = lambda ok: "✓" if ok else "✗"
            print(f"{p['name']:<26} {page_f1(cd[0], cd[1]):6.3f} {page_f1(tr[0], tr[1]):6.3f}"
                  f"  {mark(cd[2])}/{mark(tr[2])}          {mark(cd[3])}/{mark(tr[3])}/{mark(dates_htmldate[-1])}"
                  f"   ({want_date}; cd {a.get('published')}, tr {t.get('date')}, hd {t.get('htmldate')})")

    n = len(pages)
    print(f"\nFrench fixtures: {n} HTML pages from tests/fixtures/articles/ (expected.txt and "
          "expected-metadata.json)\n")
    print("| extractor   | body F1 | precision | recall | title exact | published exact |")
    print("|-------------|---------|-----------|--------|-------------|-----------------|")
    for name, rs in rows.items():
        f1, prec, rec = body_scores([(r[0], r[1]) for r in rs])
        titles = sum(r[2] for r in rs) / n
        dates = sum(r[3] for r in rs) / n
        print(f"| {name:<11} | {f1:7.3f} | {prec:9.3f} | {rec:6.3f} | {titles:11.0%} | {dates:15.0%} |")
    print(f"| htmldate    |         |           |        |             | {sum(dates_htmldate) / n:15.0%} |")
    print(f"\nper-page output: {OUT / 'french.jsonl'}")


if __name__ == "__main__":
    main()
