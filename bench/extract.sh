#!/usr/bin/env bash
# Builds claimdesk (release), installs trafilatura in bench/.venv, and runs bench/extract.py.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin claimdesk --example parse_floor
if [ ! -x bench/.venv/bin/python ] || ! bench/.venv/bin/python -c 'import trafilatura, htmldate' 2>/dev/null; then
  [ -x bench/.venv/bin/python ] || python3 -m venv bench/.venv
  # lxml ≥ 5.2 moved lxml.html.clean (which jusText, hence trafilatura, imports) to its own package.
  bench/.venv/bin/pip install -q trafilatura htmldate lxml_html_clean
  bench/.venv/bin/python -c 'import trafilatura, htmldate' || { echo "*** bench/.venv: trafilatura does not import" >&2; exit 1; }
fi
exec python3 bench/extract.py "$@"
