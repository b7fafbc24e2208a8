'use strict';
// The Node/V8 flags a benchmark starts the service with: production's (deploy/node-flags, as
// scripts/start.sh passes them), unless BENCH_NODE_ARGS replaces them (BENCH_NODE_ARGS= for
// Node's defaults, BENCH_NODE_ARGS="--max-semi-space-size=4" to try another setting).
const fs = require('node:fs');
const path = require('node:path');

const FLAGS_FILE = path.join(__dirname, '..', '..', 'deploy', 'node-flags');

function words(text) {
  return text.split(/\s+/).filter(Boolean);
}

function serviceNodeFlags() {
  if (process.env.BENCH_NODE_ARGS !== undefined) return words(process.env.BENCH_NODE_ARGS);
  return words(fs.readFileSync(FLAGS_FILE, 'utf8').replace(/#.*/g, ''));
}

/** For a benchmark's description: which flags the service ran with, and where they came from. */
function describeServiceNodeFlags() {
  const flags = serviceNodeFlags().join(' ') || "none (Node's defaults)";
  return process.env.BENCH_NODE_ARGS !== undefined ? `Node flags ${flags} (BENCH_NODE_ARGS)` : `Node flags ${flags} (deploy/node-flags, as in production)`;
}

module.exports = { serviceNodeFlags, describeServiceNodeFlags };
