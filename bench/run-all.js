#!/usr/bin/env node
'use strict';
// Every benchmark, one after the other (never two at once: they would measure each other),
// each writing its own section of docs/BENCHMARKS.md. Builds first so the service measured is
// the code in the tree.   npm run bench   (or: node bench/run-all.js platform intake)
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const ALL = ['platform', 'intake', 'totals', 'edge', 'crowd', 'receipts'];
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
let failed = 0;
for (const name of chosen) {
  const script = path.join(__dirname, name, 'run.js');
  if (!fs.existsSync(script)) {
    console.log(`\n== ${name}: no bench/${name}/run.js, skipped`);
    continue;
  }
  console.log(`\n== ${name}`);
  const result = spawnSync(process.execPath, [script], { cwd: ROOT, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed += 1;
    console.error(`== ${name} failed (exit ${result.status ?? result.signal})`);
  }
}
console.log(failed ? `\n${failed} benchmark(s) failed; docs/BENCHMARKS.md has the others` : '\nAll benchmarks written to docs/BENCHMARKS.md');
process.exit(failed ? 1 : 0);
