#!/usr/bin/env bash
# The one command that runs every test: installs what is missing, then the UI unit tests, the Rust
# tests (core, store, CLI), and the end-to-end tests that drive the real desktop app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

bash scripts/setup.sh --test

say "UI unit tests"
(cd ui && npm test --silent)

say "Rust tests"
cargo test --workspace --locked

say "Building the desktop app for the end-to-end tests"
cargo build --locked -p claimdesk-app -p claimdesk

say "End-to-end tests on the real desktop app (Xvfb + tauri-driver + WebKitWebDriver)"
GSETTINGS_BACKEND=memory CLAIMDESK_APP="$PWD/target/debug/claimdesk-app" CLAIMDESK_CLI="$PWD/target/debug/claimdesk" \
  xvfb-run --auto-servernum --server-args='-screen 0 1440x900x24' \
  .venv-e2e/bin/pytest -q tests/e2e
