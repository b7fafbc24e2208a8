'use strict';
// Preloaded into a service process (BENCH_PRELOAD=bench/receipts/statement-counter.js): counts the
// SQL statements the process sends through pg, by text, and writes them at exit to
// <tmpdir>/statements-<pid>.txt (most frequent first). Divide by the backlog for
// statements per receipt. Measuring only: it wraps pg's Client#query and changes nothing else.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const counts = new Map();
let total = 0;
let patched = false;
const originalRequire = Module.prototype.require;
Module.prototype.require = function require(id) {
  const loaded = originalRequire.apply(this, arguments);
  if (!patched && id === 'pg' && loaded && loaded.Client) {
    patched = true;
    const query = loaded.Client.prototype.query;
    loaded.Client.prototype.query = function countedQuery(config) {
      const text = typeof config === 'string' ? config : config && config.text;
      if (text) {
        const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
        counts.set(key, (counts.get(key) || 0) + 1);
        total += 1;
      }
      return query.apply(this, arguments);
    };
  }
  return loaded;
};

process.on('exit', () => {
  const dir = require('node:os').tmpdir();
  const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([text, n]) => `${String(n).padStart(7)} ${text}`);
  fs.writeFileSync(path.join(dir, `statements-${process.pid}.txt`), `${total} statements\n${lines.join('\n')}\n`);
});
