#!/usr/bin/env bash
# npm ci, skipped when node_modules was installed from the current package-lock.json by the same Node.js.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The pinned Node.js (.nvmrc) first on PATH; unpacked into .tools/ when the system one is older.
source scripts/node-env.sh
marker=node_modules/.installed-with-node
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json || "$(cat "$marker" 2>/dev/null)" != "$(node --version)" ]]; then
  npm ci --no-audit --no-fund
  node --version >"$marker"
fi
