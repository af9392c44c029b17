#!/usr/bin/env bash
# The one command that runs claimdesk on Debian 12: installs what is missing, builds, starts the app.
# Arguments go to the app: scripts/run.sh --db ~/desk.db --reviewer "Awa Traoré"
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
printf '\033[1m==> %s\033[0m\n' "Building the desktop app (the first build takes several minutes)"
cargo build --release -p claimdesk-app -p claimdesk
exec target/release/claimdesk-app "$@"
