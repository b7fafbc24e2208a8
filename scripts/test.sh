#!/usr/bin/env bash
# One command on a fresh machine: install everything and run every test (unit and end-to-end,
# against the local PostgreSQL and Redis; each run gets its own fresh database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/system-packages.sh
bash scripts/local-services.sh
bash scripts/install.sh
npm run typecheck --silent
npm test
