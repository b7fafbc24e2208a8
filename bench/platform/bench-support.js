'use strict';
// What several benchmarks share: the database server they create their own database on, the block
// of docs/BENCHMARKS.md each one rewrites between its markers, how a setting is read from the
// environment, and how a target line reports a target.
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('pg');

const DOC = path.join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');
const SERVER = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

/** The URL of database `name` on the benchmark's PostgreSQL server (DATABASE_URL's). */
function dbUrl(name) {
  const url = new URL(SERVER.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on the server's `postgres` database (CREATE / DROP DATABASE …). */
async function admin(sql) {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Replaces the block between `<!-- name:start -->` and `<!-- name:end -->`, or appends it under `heading`. */
function writeDocBlock(name, heading, lines) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = [start, ...lines, end].join('\n');
  const doc = fs.readFileSync(DOC, 'utf8');
  fs.writeFileSync(
    DOC,
    doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${doc.trimEnd()}\n\n## ${heading}\n\n${block}\n`,
  );
  return block;
}

/**
 * A numeric setting: `fallback` when `name` is unset or empty, otherwise a number of at least
 * `minimum` (a whole one with `integer`), or the bench stops with the setting's name.
 */
function numberFromEnv(name, fallback, minimum, { integer = false } = {}) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(integer ? Number.isInteger(value) : Number.isFinite(value)) || value < minimum) {
    throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} >= ${minimum}`);
  }
  return value;
}

/** How a bench's target line reports one target: met, or NOT met. */
function verdict(ok) {
  return ok ? 'met' : 'NOT met';
}

/** Runs a benchmark's main(): an error is printed and the process exits 1. */
function run(main) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { dbUrl, admin, writeDocBlock, numberFromEnv, verdict, run };
