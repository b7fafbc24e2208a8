#!/usr/bin/env node
'use strict';
// Donation intake throughput: 50 clients each creating a donation and sending its signed payment
// notification (the service keeping totals live), against raw single-row PostgreSQL inserts by
// 50 connections, measured in the same run on the same database server, with one APP_ROLE=all
// process and with two APP_ROLE=api processes plus a worker; plus the memory of the processes.
//
//   npm run build && node bench/intake/run.js
//   env: BENCH_DURATION=15 BENCH_CONNECTIONS=50 BENCH_ROUNDS=2 BENCH_CONFIGS=all,split DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
//
// Replaces the block between the intake markers in docs/BENCHMARKS.md.
const crypto = require('node:crypto');
const fs = require('node:fs');
const autocannon = require('autocannon');
const os = require('node:os');
const path = require('node:path');
const { dbUrl, admin, writeDocBlock, verdict, run } = require('../platform/bench-support');
const { Pool } = require('pg');
const { MAIN, freePort, startService, killAllServices, processCpuMicros, peakRssMiB, pidsByName } = require('../receipts/service-process');
const { machineBusyMicros } = require('../platform/machine-load');
const { describeServiceNodeFlags } = require('../platform/node-flags');

const SECRET = 'bench-intake-sandbox-secret-0001';
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = { duration: num('BENCH_DURATION', 15), connections: num('BENCH_CONNECTIONS', 50), rounds: num('BENCH_ROUNDS', 2) };

process.on('exit', killAllServices);
process.on('SIGINT', () => process.exit(130));

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
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ops: latencies.length,
    errors,
    machineCores: busy,
  };
}

async function rawInserts(pool) {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, order_no text NOT NULL UNIQUE, amount_fen bigint NOT NULL CHECK (amount_fen > 0), created_at timestamptz NOT NULL DEFAULT now())',
  );
  return load(settings.duration, settings.connections, (w, i) =>
    pool.query('INSERT INTO bench_raw (order_no, amount_fen) VALUES ($1, $2)', [`R${process.pid}-${Date.now()}-${w}-${i}`, 100 + i]),
  );
}

/**
 * The intake load: autocannon, each connection looping over the two requests of a donation — create
 * it (with its own Idempotency-Key), then send its HMAC-signed payment notification — with the order
 * number carried from the first answer to the second. An intake counts when its notification is
 * answered 200; its amount is added to what the totals must show afterwards.
 */
function intakeOne(base, round, connections, tag) {
  let expectedFen = 0;
  let intakes = 0;
  let counter = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: settings.duration,
        requests: [
          {
            method: 'POST',
            path: '/api/campaigns/warm-wuhan/donations',
            setupRequest: (req, context) => {
              const n = counter++;
              context.amountFen = 100 + ((n * 7919) % 100000);
              context.orderNo = null;
              return {
                ...req,
                headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${tag}-${round}-${n}-${process.pid}` },
                body: JSON.stringify({ amountFen: context.amountFen, channel: 'sandbox' }),
              };
            },
            onResponse: (status, body, context) => {
              if (status === 201) context.orderNo = JSON.parse(body).orderNo;
            },
          },
          {
            method: 'POST',
            path: '/api/payments/sandbox/notify',
            setupRequest: (req, context) => {
              // A create that failed leaves no order: the notification names none and is refused (counted as an error).
              const body = JSON.stringify({
                orderNo: context.orderNo ?? 'NONE',
                transactionId: `SBX-${context.orderNo ?? 'NONE'}`,
                amountFen: context.amountFen,
                paidAt: new Date().toISOString(),
              });
              const signature = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
              return { ...req, headers: { 'content-type': 'application/json', 'x-signature': signature }, body };
            },
            onResponse: (status, _body, context) => {
              if (status === 200 && context.orderNo) {
                intakes += 1;
                expectedFen += context.amountFen;
              }
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          seconds: (result.finish - result.start) / 1000 || settings.duration,
          p50: result.latency.p50,
          p99: result.latency.p99,
          ops: intakes,
          errors: result.errors + result.non2xx + result.timeouts,
          expectedFen,
        });
      },
    );
    instance.on('error', reject);
  });
}

/**
 * The intake load over one or more API processes: the clients split evenly between them (as a load
 * balancer would spread them), one autocannon per process, all at once. Latency: the worst process's.
 */
async function intake(bases, round, tag) {
  const parts = await Promise.all(bases.map((base, i) => intakeOne(base, round, Math.floor(settings.connections / bases.length), `${tag}${i}`)));
  const seconds = Math.max(...parts.map((p) => p.seconds));
  const ops = parts.reduce((s, p) => s + p.ops, 0);
  return {
    perSecond: ops / seconds,
    p50: Math.max(...parts.map((p) => p.p50)),
    p99: Math.max(...parts.map((p) => p.p99)),
    ops,
    errors: parts.reduce((s, p) => s + p.errors, 0),
    expectedFen: parts.reduce((s, p) => s + p.expectedFen, 0),
  };
}

/** CPU so far of each PostgreSQL process (server and backends), microseconds by pid. */
function postgresCpu() {
  return new Map(pidsByName('postgres').map((pid) => [pid, processCpuMicros(pid) ?? 0]));
}

/** CPU PostgreSQL used since `before`: backends that started meanwhile count from zero; those that ended are lost (an underestimate). */
function postgresCpuSince(before) {
  let micros = 0;
  for (const [pid, now] of postgresCpu()) micros += Math.max(0, now - (before.get(pid) ?? 0));
  return micros;
}

/** Transactions PostgreSQL has committed or rolled back in one database so far (each autocommit statement is one). */
async function databaseTransactions(pool, database) {
  // A busy backend flushes its statistics at most once a second; one that has gone idle flushes
  // what is left within 10 s (PostgreSQL 15's PGSTAT_IDLE_INTERVAL). So the count is read 11 s
  // after the load, when the service's connections have all reported their last transactions.
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  const row = (await pool.query('SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = $1', [database])).rows[0];
  return Number(row.xacts);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The processes of one configuration: `all` (one APP_ROLE=all) or `split` (two APP_ROLE=api and one worker). */
const CONFIGS = {
  all: { label: 'one APP_ROLE=all process', roles: ['all'] },
  split: { label: 'two APP_ROLE=api processes + one APP_ROLE=worker', roles: ['worker', 'api', 'api'] },
};

async function startConfig(config, database, baseEnv, logFile) {
  const processes = [];
  for (const role of CONFIGS[config].roles) {
    const port = await freePort();
    const svc = await startService({
      name: `${config}-${role}-${processes.length}`,
      readyLine: role === 'worker' ? /Wennuan worker started/ : /Wennuan is running/,
      logFile,
      // BENCH_CPU_PROF=<dir>: the service runs with --cpu-prof (a profile written there when it stops).
      nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : [],
      env: { ...baseEnv, APP_ROLE: role, PORT: String(port) },
    });
    processes.push({ role, svc, base: role === 'worker' ? null : `http://127.0.0.1:${port}` });
  }
  // Caches warm, migrations and the demo seed done.
  await new Promise((r) => setTimeout(r, 5000));
  return processes;
}

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function main() {
  if (!fs.existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  const configs = (process.env.BENCH_CONFIGS ?? 'all,split').split(',').filter((c) => CONFIGS[c]);
  const database = `wennuan_bench_intake_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${database}"`);
  // BENCH_LOG_STATEMENTS=1: PostgreSQL logs every statement of this database (its server log), to see what an intake sends.
  if (process.env.BENCH_LOG_STATEMENTS === '1') await admin(`ALTER DATABASE "${database}" SET log_statement = 'all'`);
  const pool = new Pool({ connectionString: dbUrl(database), max: 2 });
  // The baseline's inserts go to a database of their own, so none of its transactions is counted as the intake's.
  await admin(`CREATE DATABASE "${database}_raw"`);
  const rawPool = new Pool({ connectionString: dbUrl(`${database}_raw`), max: settings.connections });
  const logFile = path.join(os.tmpdir(), `${database}.log`);
  const baseEnv = {
    ...process.env,
    NODE_ENV: 'production',
    APP_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl(database),
    REDIS_KEY_PREFIX: database,
    SEED_DEMO: 'true',
    SANDBOX_PAYMENT_SECRET: SECRET,
    // A staging-like production process: the sandbox provider on purpose, mail written to files.
    SANDBOX_IN_PRODUCTION: 'true',
    MAIL_TO_FILES_IN_PRODUCTION: 'true',
    PUBLIC_WRITE_RATE_LIMIT: '100000000',
    ORDER_LOOKUP_RATE_LIMIT: '100000000',
    CALLBACK_RATE_LIMIT: '100000000',
    LOG_LEVEL: 'warn',
    STORAGE_DIR: path.join(os.tmpdir(), database),
  };
  const results = {};
  let expected = 0;
  let processes = [];
  try {
    for (const config of configs) {
      processes = await startConfig(config, database, baseEnv, logFile);
      const bases = processes.filter((p) => p.base).map((p) => p.base);
      const pids = processes.map((p) => p.svc.pid);
      const restRss = Math.max(...pids.map(rssMiB));
      const rounds = [];
      for (let round = 0; round < settings.rounds; round++) {
        const raw = await rawInserts(rawPool);
        const xacts0 = await databaseTransactions(pool, database);
        const cpu0 = pids.map((pid) => processCpuMicros(pid));
        const pg0 = postgresCpu();
        const client0 = process.cpuUsage();
        const t0 = Date.now();
        const svc = await intake(bases, round, config);
        const seconds = (Date.now() - t0) / 1000;
        const serviceMicros = pids.reduce((sum, pid, i) => sum + (processCpuMicros(pid) - cpu0[i]), 0);
        const postgresCores = postgresCpuSince(pg0) / 1e6 / seconds;
        const clientUsage = process.cpuUsage(client0);
        const clientCores = (clientUsage.user + clientUsage.system) / 1e6 / seconds;
        const xactsPerIntake = ((await databaseTransactions(pool, database)) - xacts0) / Math.max(1, svc.ops);
        expected += svc.expectedFen;
        rounds.push({
          raw,
          svc,
          serviceCores: serviceMicros / 1e6 / seconds,
          serviceMsPerIntake: serviceMicros / 1000 / Math.max(1, svc.ops),
          postgresCores,
          clientCores,
          xactsPerIntake,
        });
        console.log(
          `${config} round ${round + 1}: raw ${raw.perSecond.toFixed(0)}/s p99 ${raw.p99.toFixed(1)} ms; intake ${svc.perSecond.toFixed(0)}/s p99 ${svc.p99.toFixed(1)} ms (errors ${svc.errors})`,
        );
      }
      const peaks = pids.map((pid) => peakRssMiB(pid));
      results[config] = { rounds, restRss, peaks: processes.map((p, i) => ({ role: p.role, peak: peaks[i] })) };

      // Correctness after every load: what the service says equals the ledger, to the fen.
      const totals = await (await fetch(`${bases[0]}/api/campaigns/warm-wuhan/totals`)).json();
      const ledger = (await pool.query(`SELECT coalesce(sum(amount_fen),0)::bigint AS fen FROM donations WHERE status = 'paid'`)).rows[0];
      // Every acknowledged payment is in the ledger (a notification still in flight when the load
      // stopped may add more), and the totals equal the ledger to the fen.
      if (Number(ledger.fen) < expected || totals.amountFen !== Number(ledger.fen)) {
        throw new Error(`totals disagree after ${config}: acknowledged ${expected}, ledger ${ledger.fen}, totals ${totals.amountFen}`);
      }
      results[config].ledgerFen = ledger.fen;
      for (const p of processes) await p.svc.stop();
      processes = [];
    }

    const first = results[configs[0]];
    const rawRate = median(configs.flatMap((c) => results[c].rounds.map((r) => r.raw.perSecond)));
    const m = (config, f) => median(results[config].rounds.map(f));
    const rows = [
      `| raw PostgreSQL single-row INSERT (baseline) | ${rawRate.toFixed(0)} | 1.00× | ${median(configs.flatMap((c) => results[c].rounds.map((r) => r.raw.p50))).toFixed(1)} | ${median(configs.flatMap((c) => results[c].rounds.map((r) => r.raw.p99))).toFixed(1)} | | | | ${configs.reduce((s, c) => s + results[c].rounds.reduce((t, r) => t + r.raw.errors, 0), 0)} |`,
      ...configs.map((c) => {
        const rate = m(c, (r) => r.svc.perSecond);
        return `| intake, ${CONFIGS[c].label} | ${rate.toFixed(0)} | ${(rate / rawRate).toFixed(2)}× | ${m(c, (r) => r.svc.p50).toFixed(1)} | ${m(c, (r) => r.svc.p99).toFixed(1)} | ${m(c, (r) => r.serviceMsPerIntake).toFixed(2)} | ${m(c, (r) => r.xactsPerIntake).toFixed(2)} | ${m(c, (r) => r.serviceCores).toFixed(2)} / ${m(c, (r) => r.postgresCores).toFixed(2)} / ${m(c, (r) => r.clientCores).toFixed(2)} | ${results[c].rounds.reduce((s, r) => s + r.svc.errors, 0)} |`;
      }),
    ];
    const allRate = results.all ? m('all', (r) => r.svc.perSecond) : null;
    const allP99 = results.all ? m('all', (r) => r.svc.p99) : null;
    const allMs = results.all ? m('all', (r) => r.serviceMsPerIntake) : null;
    const memory = configs
      .map(
        (c) =>
          `${CONFIGS[c].label}: ${results[c].restRss.toFixed(0)} MiB at rest (largest process), peak ${results[c].peaks.map((p) => `${p.role} ${p.peak === null ? 'n/a' : p.peak.toFixed(0)} MiB`).join(', ')}`,
      )
      .join('; ');
    const allPeak = results.all ? results.all.peaks[0].peak : null;
    const block = writeDocBlock('intake', 'Donation intake', [
      `Rerun: \`npm run build && node bench/intake/run.js\` (BENCH_DURATION=${settings.duration}, BENCH_CONNECTIONS=${settings.connections}, BENCH_ROUNDS=${settings.rounds}, BENCH_CONFIGS=${configs.join(',')}; BENCH_NODE_ARGS="<flags>" replaces production's Node/V8 flags of deploy/node-flags for the service processes (empty: Node's defaults), BENCH_CPU_PROF=<dir> profiles them, BENCH_LOG_STATEMENTS=1 logs every statement of the bench database in PostgreSQL's log).`,
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), PostgreSQL and Redis local over TCP (127.0.0.1); the service, the load generator and PostgreSQL share the machine. Service processes: ${describeServiceNodeFlags()}.`,
      `${settings.connections} concurrent clients for ${settings.duration} s per round; each configuration's rounds alternate with a raw-insert round, medians shown. Raw inserts: a \`pg\` pool of ${settings.connections} connections in this script, one single-row INSERT per operation, into a database of its own. Intake: autocannon ${require('autocannon/package.json').version}, each connection looping over the two HTTP requests of one donation (create with an Idempotency-Key, then the HMAC-signed sandbox notification), latency per request; with two API processes the clients are split evenly between them (one autocannon each, latency of the worse). An intake counts when its notification is answered 200 and leaves a paid donation counted in the totals. After each configuration's load the totals equalled the ledger to the fen (${first.ledgerFen} fen after the first; every acknowledged payment in it). "transactions" are PostgreSQL's committed + rolled back transactions of the service's database per intake (pg_stat_database, read 11 s after the load so that idle connections have reported), background jobs included; CPU is cores used during the load (service processes together / PostgreSQL / this load generator).`,
      '',
      '| operation | per second | vs baseline | p50 ms | p99 ms | service CPU ms / intake | transactions / intake | cores: service / PostgreSQL / load | errors / non-2xx |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      results.all
        ? `Targets (issue 20), one APP_ROLE=all process: ≥ 0.15× raw inserts — ${verdict(allRate / rawRate >= 0.15)} (${(allRate / rawRate).toFixed(2)}×); p99 ≤ 150 ms — ${verdict(allP99 <= 150)} (${allP99.toFixed(0)} ms); ≤ 1.5 ms of Node CPU per intake — ${verdict(allMs <= 1.5)} (${allMs.toFixed(2)} ms); ≤ 2 transactions per paid donation on the request path — met by construction and proven by test/intake-transactions.e2e-spec.ts (the create is one INSERT, the notification one transaction: its log row, the ledger, the counters and the outcome), ${m('all', (r) => r.xactsPerIntake).toFixed(2)} measured here with the background jobs; peak RSS ≤ 300 MB — ${verdict(allPeak !== null && allPeak * 1.048576 <= 300)} (${allPeak === null ? 'n/a' : allPeak.toFixed(0)} MiB).`
        : '',
      '',
      `Memory (VmRSS / VmHWM from /proc, the figures \`/usr/bin/time -v\` reports as maximum resident set): ${memory}.`,
    ]);
    console.log(block);
  } finally {
    for (const p of processes) await p.svc.stop().catch(() => undefined);
    await pool.end();
    await rawPool.end();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${database}_raw" WITH (FORCE)`).catch(() => undefined);
  }
}

run(main);
