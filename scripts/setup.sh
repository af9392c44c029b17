#!/usr/bin/env bash
# Installs what claimdesk needs on Debian 12 and builds the web UI. Safe to rerun: each step is
# skipped when its result is already there.
#   scripts/setup.sh          what running the app needs
#   scripts/setup.sh --test   plus what the tests need (Xvfb, WebKitWebDriver, tauri-driver, Python)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

for_tests=false
[ "${1:-}" = "--test" ] && for_tests=true

# --- Debian packages -------------------------------------------------------------------------
packages=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev curl file fonts-noto-color-emoji)
$for_tests && packages+=(xvfb xauth webkit2gtk-driver xdotool python3-venv imagemagick)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Toolchains ----------------------------------------------------------------------------------
command -v cargo >/dev/null || die "Rust is missing: install it with rustup (https://rustup.rs), version 1.94 or later, then rerun"
rust_minor=$(rustc --version | sed -E 's/^rustc 1\.([0-9]+).*/\1/')
[ "$rust_minor" -ge 94 ] || die "Rust $(rustc --version) is too old: run 'rustup update' (1.94 or later is needed)"
command -v npm >/dev/null || die "Node.js is missing: install Node.js 20 or later with npm, then rerun"
node_major=$(node --version | sed -E 's/^v([0-9]+).*/\1/')
[ "$node_major" -ge 20 ] || die "Node.js $(node --version) is too old: 20 or later is needed"

# --- The web UI ----------------------------------------------------------------------------------
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages"
  (cd ui && npm ci --no-audit --no-fund)
fi
say "Building the UI"
(cd ui && npm run build --silent)

# --- Test tools ----------------------------------------------------------------------------------
if $for_tests; then
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    say "Installing tauri-driver (the WebDriver bridge for the desktop app)"
    cargo install tauri-driver --version '^2' --locked
  fi
  if [ ! -x .venv-e2e/bin/pytest ] || [ tests/e2e/requirements.txt -nt .venv-e2e/bin/pytest ]; then
    say "Installing the end-to-end test's Python packages"
    python3 -m venv .venv-e2e
    .venv-e2e/bin/pip install -q -r tests/e2e/requirements.txt
  fi
  # tests/export_webannotation.rs runs the W3C Web Annotation checker (../shared/tools) with this
  # Python; rfc3987 and rfc3339-validator make it check every id, address and date against
  # their syntax.
  if ! .venv-e2e/bin/python -c 'import jsonschema, referencing, rfc3987, rfc3339_validator' 2>/dev/null; then
    say "Installing the W3C Web Annotation checker's Python packages"
    .venv-e2e/bin/pip install -q jsonschema==4.26.0 referencing==0.37.0 rfc3987==1.3.8 rfc3339-validator==0.1.4
  fi
fi
