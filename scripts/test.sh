#!/usr/bin/env bash
# One command on a fresh machine: install everything and run every test (unit and end-to-end,
# against the local PostgreSQL and Redis; each run gets its own fresh database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The pinned Node.js (.nvmrc) first on PATH; unpacked into .tools/ when the system one is older.
source scripts/node-env.sh

bash scripts/system-packages.sh
bash scripts/local-services.sh
bash scripts/install.sh
npm run typecheck --silent
npm run lint --silent
npm test
