#!/usr/bin/env node
'use strict';
// Donation intake throughput: 50 clients each creating a donation and sending its signed payment
// notification (the service keeping totals live), against raw single-row PostgreSQL inserts by
// 50 connections, measured in the same run on the same database server; plus the memory of the
// one APP_ROLE=all process at rest and under that load.
//
//   npm run build && node bench/intake/run.js
//   env: BENCH_DURATION=15 BENCH_CONNECTIONS=50 BENCH_ROUNDS=2 DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
//
// Replaces the block between the intake markers in docs/BENCHMARKS.md.
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Client, Pool } = require('pg');
const { ROOT, MAIN, freePort, startService, killAllServices, processCpuMicros, peakRssMiB } = require('../receipts/service-process');
const { machineBusyMicros } = require('../platform/machine-load');

const DOC = path.join(ROOT, 'docs', 'BENCHMARKS.md');
const START = '<!-- intake:start -->';
const END = '<!-- intake:end -->';
const SECRET = 'bench-intake-sandbox-secret-0001';
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = { duration: num('BENCH_DURATION', 15), connections: num('BENCH_CONNECTIONS', 50), rounds: num('BENCH_ROUNDS', 2) };
const BASE = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');

process.on('exit', killAllServices);
process.on('SIGINT', () => process.exit(130));

function dbUrl(name) {
  const url = new URL(BASE.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(sql) {
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `work` in `connections` loops for `seconds`; returns operations/s and latency percentiles (ms). */
async function load(seconds, connections, work) {
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const cpuBefore = machineBusyMicros();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let i = 0; Date.now() < deadline; i++) {
        const t0 = process.hrtime.bigint();
        try {
          await work(worker, i);
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const busy = (machineBusyMicros() - cpuBefore) / 1e6 / elapsed;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), ops: latencies.length, errors, machineCores: busy };
}

async function rawInserts(pool) {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, order_no text NOT NULL UNIQUE, amount_fen bigint NOT NULL CHECK (amount_fen > 0), created_at timestamptz NOT NULL DEFAULT now())');
  return load(settings.duration, settings.connections, (w, i) =>
    pool.query('INSERT INTO bench_raw (order_no, amount_fen) VALUES ($1, $2)', [`R${process.pid}-${Date.now()}-${w}-${i}`, 100 + i]),
  );
}

async function post(base, pathName, body, headers = {}) {
  const raw = JSON.stringify(body);
  const res = await fetch(base + pathName, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw });
  const text = await res.text();
  if (!res.ok) throw new Error(`${pathName}: ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

async function intake(base, round) {
  let expectedFen = 0;
  const result = await load(settings.duration, settings.connections, async (w, i) => {
    const amountFen = 100 + ((w * 7919 + i) % 100000);
    const created = await post(base, '/api/campaigns/warm-wuhan/donations', { amountFen, channel: 'sandbox' }, { 'idempotency-key': `bench-${round}-${w}-${i}-${process.pid}` });
    const notification = JSON.stringify({ orderNo: created.orderNo, transactionId: `SBX-${created.orderNo}`, amountFen, paidAt: new Date().toISOString() });
    const sig = 'sha256=' + crypto.createHmac('sha256', SECRET).update(notification).digest('hex');
    const res = await fetch(base + '/api/payments/sandbox/notify', { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': sig }, body: notification });
    if (!res.ok) throw new Error(`notify ${res.status}`);
    await res.arrayBuffer();
    expectedFen += amountFen;
  });
  return { ...result, expectedFen };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  if (!fs.existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  const database = `wennuan_bench_intake_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${database}"`);
  const pool = new Pool({ connectionString: dbUrl(database), max: settings.connections });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `${database}.log`);
  let service;
  try {
    service = await startService({
      name: 'service',
      readyLine: /Wennuan is running/,
      logFile,
      env: {
        ...process.env, NODE_ENV: 'production', APP_SECRET: crypto.randomBytes(32).toString('hex'), PII_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
        PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: dbUrl(database), REDIS_KEY_PREFIX: database, SEED_DEMO: 'true', SANDBOX_PAYMENT_SECRET: SECRET,
        PUBLIC_WRITE_RATE_LIMIT: '100000000', LOG_LEVEL: 'warn', STORAGE_DIR: path.join(os.tmpdir(), database),
      },
    });
    await new Promise((r) => setTimeout(r, 5000));
    const restRss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${service.pid}/status`, 'utf8'))[1]) / 1024;

    const rounds = [];
    for (let round = 0; round < settings.rounds; round++) {
      const raw = await rawInserts(pool);
      const cpu0 = processCpuMicros(service.pid);
      const t0 = Date.now();
      const svc = await intake(base, round);
      const serviceCores = (processCpuMicros(service.pid) - cpu0) / 1e6 / ((Date.now() - t0) / 1000);
      rounds.push({ raw, svc, serviceCores });
      console.log(`round ${round + 1}: raw ${raw.perSecond.toFixed(0)}/s p99 ${raw.p99.toFixed(1)} ms; intake ${svc.perSecond.toFixed(0)}/s p99 ${svc.p99.toFixed(1)} ms (errors ${svc.errors})`);
    }
    const peak = peakRssMiB(service.pid);

    // Correctness: what the service says equals the ledger, to the fen.
    const totals = await (await fetch(`${base}/api/campaigns/warm-wuhan/totals`)).json();
    const ledger = (await pool.query(`SELECT coalesce(sum(amount_fen),0)::bigint AS fen, count(*)::int AS n FROM donations WHERE status = 'paid'`)).rows[0];
    const expected = rounds.reduce((s, r) => s + r.svc.expectedFen, 0);
    if (Number(ledger.fen) !== expected || totals.amountFen !== expected) {
      throw new Error(`totals disagree: expected ${expected}, ledger ${ledger.fen}, totals ${totals.amountFen}`);
    }

    const rawRate = median(rounds.map((r) => r.raw.perSecond));
    const svcRate = median(rounds.map((r) => r.svc.perSecond));
    const rows = [
      `| raw PostgreSQL single-row INSERT (baseline) | ${rawRate.toFixed(0)} | 1.00× | ${median(rounds.map((r) => r.raw.p50)).toFixed(1)} | ${median(rounds.map((r) => r.raw.p99)).toFixed(1)} | ${rounds.reduce((s, r) => s + r.raw.errors, 0)} |`,
      `| intake: create + signed notification, totals live | ${svcRate.toFixed(0)} | ${(svcRate / rawRate).toFixed(2)}× | ${median(rounds.map((r) => r.svc.p50)).toFixed(1)} | ${median(rounds.map((r) => r.svc.p99)).toFixed(1)} | ${rounds.reduce((s, r) => s + r.svc.errors, 0)} |`,
    ];
    const verdict = svcRate / rawRate >= 0.4 ? 'meets' : 'misses';
    const block = [
      START,
      `Rerun: \`npm run build && node bench/intake/run.js\` (BENCH_DURATION=${settings.duration}, BENCH_CONNECTIONS=${settings.connections}, BENCH_ROUNDS=${settings.rounds}).`,
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), PostgreSQL and Redis local; the service, the load generator and PostgreSQL share the machine.`,
      `Both rows: ${settings.connections} concurrent clients for ${settings.duration} s per round, rounds interleaved, medians shown. An intake operation is two HTTP requests (create with an Idempotency-Key, then the HMAC-signed notification) and leaves a paid donation counted in the totals; after the run the totals equalled the ledger to the fen (${expected} fen).`,
      '',
      '| operation | per second | vs baseline | p50 ms | p99 ms | errors |',
      '|---|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Target ≥ 0.40× of raw inserts: **${verdict}** (${(svcRate / rawRate).toFixed(2)}×). The service process used ${median(rounds.map((r) => r.serviceCores)).toFixed(2)} cores during intake; the whole machine has ${os.cpus().length}, shared with PostgreSQL and this load generator, so the service is CPU-bound here.`,
      '',
      `Memory of the one APP_ROLE=all process (VmRSS / VmHWM from /proc, the same figures \`/usr/bin/time -v\` reports as maximum resident set): ${restRss.toFixed(0)} MiB at rest, ${peak === null ? 'n/a' : peak.toFixed(0)} MiB peak under the intake load.`,
      END,
    ].join('\n');
    const doc = fs.readFileSync(DOC, 'utf8');
    const next = doc.includes(START) ? doc.replace(new RegExp(`${START}[\\s\\S]*?${END}`), block) : `${doc.trimEnd()}\n\n## Donation intake\n\n${block}\n`;
    fs.writeFileSync(DOC, next);
    console.log(block);
  } finally {
    await pool.end();
    if (service) await service.stop();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
