#!/usr/bin/env node
// The npm registry mirror on our build machines serves only linux-x64 builds of
// platform-specific optional packages, so `npm install` leaves the others out of
// package-lock.json and `npm ci` then refuses the lock as "out of sync".
// This adds the missing optional entries (os/cpu taken from the package name) so
// the lock is complete for every platform, as it would be from the public registry.
// Run after `npm install`: node scripts/lock-foreign-platforms.js
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64'];

function platformOf(name) {
  const tail = name.split('/').pop();
  const parts = tail.split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!os || !cpu) return null;
  const entry = { os: [os], cpu: [cpu] };
  if (/gnu/.test(tail)) entry.libc = ['glibc'];
  if (/musl/.test(tail)) entry.libc = ['musl'];
  return entry;
}

let added = 0;
for (const [key, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const target = `node_modules/${dep}`;
    if (packages[target]) continue;
    const platform = platformOf(dep);
    if (!platform) {
      console.warn(`skipped ${dep} (needed by ${key || 'root'}): platform unknown`);
      continue;
    }
    packages[target] = { version, ...platform, optional: true };
    added += 1;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} optional platform entries to package-lock.json`);
