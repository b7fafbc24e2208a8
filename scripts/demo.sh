#!/usr/bin/env bash
# One command on a fresh machine: install, build and run the service with the demo campaign
# 温暖武汉 (warm-wuhan), the sandbox payment provider and a demo admin account.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The pinned Node.js (.nvmrc) first on PATH; unpacked into .tools/ when the system one is older.
source scripts/node-env.sh

bash scripts/local-services.sh
bash scripts/install.sh
npm run build --silent

export NODE_ENV="${NODE_ENV:-development}"
export PORT="${PORT:-3000}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wennuan}"
export SEED_DEMO="${SEED_DEMO:-true}"
export SANDBOX_PAYMENT_SECRET="${SANDBOX_PAYMENT_SECRET:-demo-sandbox-secret-not-for-production}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@wennuan.local}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-wennuan-demo-admin}"
echo "Staff sign-in for the demo: ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}"
exec sh scripts/start.sh
