#!/bin/sh
# Starts the built service (dist/main.js) as production runs it: the Dockerfile, `npm run
# start:prod` and scripts/demo.sh all start it here, with the Node/V8 flags of deploy/node-flags.
# The environment configures it (APP_ROLE, PORT, DATABASE_URL… README); NODE_OPTIONS adds flags.
# `exec`: node takes this shell's process, so SIGTERM (docker stop) reaches it directly.
set -eu
cd "$(dirname "$0")/.."
# shellcheck disable=SC2046 # one word per flag
exec node $(sed -e 's/#.*//' deploy/node-flags) dist/main.js
