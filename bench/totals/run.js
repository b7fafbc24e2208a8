#!/usr/bin/env node
'use strict';
// Public totals under load, measured beside baselines in the same run:
//  - reads: GET /api/campaigns/:code/totals on the real service (built dist/, production settings,
//    PostgreSQL and Redis) against a bare node:http server answering the same bytes, 100 connections,
//    rounds interleaved, medians reported;
//  - payments: sandbox notifications settling pending orders of one campaign (the counters kept
//    live in the ledger's transaction) against raw PostgreSQL writes by this script;
//  - the weight of the public page /c/:code with its stylesheet and script.
//
//   node bench/totals/run.js
//   env: BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=100 BENCH_ROUNDS=3 BENCH_RETRIES=2
//        BENCH_QUIET_WAIT=20 BENCH_PAYMENTS=3000 BENCH_PAY_CLIENTS=50 BENCH_LOG_LEVEL=info
//        DATABASE_URL REDIS_URL (the servers to use; a database is created and dropped)
//
// Prints a markdown block and replaces the one between the totals markers in docs/BENCHMARKS.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { gzipSync } = require('node:zlib');
const autocannon = require('autocannon');
const Redis = require('ioredis');
const { Client } = require('pg');
const { numberFromEnv, verdict } = require('../platform/bench-support');
const { QUIET_OTHER_CPU, machineBusyMicros, waitForQuiet } = require('../platform/machine-load');
const { describeServiceNodeFlags } = require('../platform/node-flags');
const { createDatabase, startService, startBare, killAll } = require('./service');
const { POOL_SIZE, RAW_VARIANTS, createOrders, createRawOrders, payThroughService, payRawLedger, prepareRaw, payRaw } = require('./payments');

const DOC = path.join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');
const START_MARKER = '<!-- totals:start -->';
const END_MARKER = '<!-- totals:end -->';
const CAMPAIGN = 'bench-totals';
const RAW_CAMPAIGN = 'bench-raw-ledger';

const settings = {
  durationSeconds: numberFromEnv('BENCH_DURATION', 10, 1),
  warmupSeconds: numberFromEnv('BENCH_WARMUP', 3, 0),
  connections: numberFromEnv('BENCH_CONNECTIONS', 100, 1),
  rounds: numberFromEnv('BENCH_ROUNDS', 3, 1),
  retries: numberFromEnv('BENCH_RETRIES', 2, 0),
  quietWaitSeconds: numberFromEnv('BENCH_QUIET_WAIT', 20, 0),
  payments: numberFromEnv('BENCH_PAYMENTS', 3000, 10),
  payClients: numberFromEnv('BENCH_PAY_CLIENTS', 50, 1),
  logLevel: process.env.BENCH_LOG_LEVEL || 'info',
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wennuan',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};

// Reads: three servers per round; payments: six writers per round (a slow machine pays ~50/s).
const RUN_BUDGET_MS =
  (settings.rounds * 3 * (1 + settings.retries) * (settings.quietWaitSeconds + settings.warmupSeconds + settings.durationSeconds + 10) +
    settings.rounds * 6 * (settings.quietWaitSeconds + settings.payments / 25 + 30) +
    300) *
  1000;

async function json(url, init = {}) {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...(init.headers || {}) } });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${init.method || 'GET'} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function seed(service) {
  const { accessToken } = await json(`${service.baseUrl}/api/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email: service.env.ADMIN_EMAIL, password: service.env.ADMIN_PASSWORD }),
  });
  const auth = { authorization: `Bearer ${accessToken}` };
  await json(`${service.baseUrl}/api/staff/campaigns`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ code: CAMPAIGN, title: '温暖武汉（压测）', receiptPrefix: 'BM', goalFen: 5_000_000_000 }),
  });
  await json(`${service.baseUrl}/api/staff/campaigns`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ code: RAW_CAMPAIGN, title: '压测（直连数据库）', receiptPrefix: 'BR' }),
  });
  await json(`${service.baseUrl}/api/staff/disbursements`, {
    method: 'POST',
    headers: auth,
    // Recorded before the gifts arrive, so it is confirmed as exceeding what was received.
    body: JSON.stringify({
      campaignCode: CAMPAIGN,
      amountFen: 12_345_600,
      recipient: '武汉市某医院',
      purpose: '医用防护服',
      date: '2020-02-10',
      confirmExceeding: true,
    }),
  });
  const orders = await createOrders(service.baseUrl, CAMPAIGN, 200, 20);
  await payThroughService(service.baseUrl, orders, 20, service.env.SANDBOX_PAYMENT_SECRET);
}

const TOTALS_PATH = `/api/campaigns/${CAMPAIGN}/totals`;

function load(server, durationSeconds) {
  return autocannon({ url: `${server.baseUrl}${server.path}`, connections: settings.connections, duration: durationSeconds });
}

async function measureReads(server) {
  let sample;
  for (let attempt = 0; attempt <= settings.retries; attempt += 1) {
    await waitForQuiet(settings.quietWaitSeconds * 1000);
    if (settings.warmupSeconds > 0) await load(server, settings.warmupSeconds);
    const serverBefore = server.cpuMicros();
    const loaderBefore = process.cpuUsage();
    const machineBefore = machineBusyMicros();
    const startedAt = process.hrtime.bigint();
    const result = await load(server, settings.durationSeconds);
    const elapsed = Number(process.hrtime.bigint() - startedAt) / 1000;
    const serverCpu = server.cpuMicros() - serverBefore;
    const loader = process.cpuUsage(loaderBefore);
    const machine = machineBefore === null ? null : machineBusyMicros() - machineBefore;
    sample = {
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      serverCpu: serverCpu / elapsed,
      loaderCpu: (loader.user + loader.system) / elapsed,
      otherCpu: machine === null ? null : Math.max(0, machine - serverCpu - loader.user - loader.system) / elapsed,
    };
    const noisy = sample.otherCpu !== null && sample.otherCpu > QUIET_OTHER_CPU;
    console.error(
      `${server.name.padEnd(8)} ${Math.round(sample.requestsPerSecond)} req/s, p99 ${sample.p99} ms, other CPU ${Math.round((sample.otherCpu || 0) * 100)}%${noisy && attempt < settings.retries ? ': noisy, measuring again' : ''}`,
    );
    if (!noisy) break;
  }
  return sample;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function ledgerMatches(databaseUrl, totals) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const {
      rows: [row],
    } = await client.query(
      `SELECT count(*)::text AS n, coalesce(sum(amount_fen), 0)::text AS fen, count(DISTINCT donor_key)::text AS donors
         FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
      [CAMPAIGN],
    );
    return { ledger: row, equal: Number(row.n) === totals.donationCount && Number(row.fen) === totals.amountFen && Number(row.donors) === totals.donorCount };
  } finally {
    await client.end();
  }
}

async function pageWeight(baseUrl) {
  const html = Buffer.from(await (await fetch(`${baseUrl}/c/${CAMPAIGN}`)).arrayBuffer());
  const assets = [...html.toString('utf8').matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]);
  const parts = [{ name: `/c/${CAMPAIGN}`, bytes: html }];
  for (const asset of assets) parts.push({ name: asset, bytes: Buffer.from(await (await fetch(baseUrl + asset)).arrayBuffer()) });
  return parts.map((p) => ({ name: p.name, raw: p.bytes.length, gzip: gzipSync(p.bytes).length }));
}

function packageVersion(name) {
  return require(`${name}/package.json`).version;
}

function render({ reads, roundRatios, payments, weight, exact, totalsBytes }) {
  const int = (v) => Math.round(v).toLocaleString('en-US');
  const pct = (v) => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);
  const bare = reads.find((r) => r.name === 'bare');
  const svc = reads.find((r) => r.name === 'service');
  const ratio = svc.requestsPerSecond / bare.requestsPerSecond;
  const p99Ratio = svc.p99 / Math.max(bare.p99, 1);
  const worstOther = Math.max(...reads.map((r) => r.otherCpu || 0));
  const lines = [
    'How the totals are kept: each payment adds to one of 16 counter rows of its campaign (and of its Beijing day) and ' +
      "records its donor key, in the ledger's own transaction; a read sums those few rows (never the donations), " +
      'is cached in-process for at most a second and dropped at once when a change notice arrives (Redis pub/sub ' +
      'after commit). A job recomputes every campaign from the ledger each minute and repairs any drift. ' +
      "Every read, cached or not, goes through one path: fastify's router and hooks (request id, security headers, the request " +
      "log line written through pino's own API into a buffered pino.destination, the latency histogram) and Nest's guard, pipes and " +
      'interceptors; the FrontDoor that answered cached reads in front of fastify (0.45× → 0.50× on this benchmark) is gone (issue 15). ' +
      'What that path does per read is kept small: callback hooks (no promise each), the security and caching headers and the ' +
      "body's bytes made once (per process, and per totals version), the guard's decorators read once per handler, and the access " +
      'line written by a child logger without the redaction paths (its five fixed fields never hold a redacted key).',
    '',
    `Rerun: \`node bench/totals/run.js\` (BENCH_DURATION=${settings.durationSeconds}, BENCH_WARMUP=${settings.warmupSeconds}, ` +
      `BENCH_CONNECTIONS=${settings.connections}, BENCH_ROUNDS=${settings.rounds}, BENCH_RETRIES=${settings.retries}, ` +
      `BENCH_QUIET_WAIT=${settings.quietWaitSeconds}, BENCH_PAYMENTS=${settings.payments}, BENCH_PAY_CLIENTS=${settings.payClients}, ` +
      `BENCH_LOG_LEVEL=${settings.logLevel}; BENCH_NODE_ARGS="<flags>" replaces the service's Node flags of deploy/node-flags).`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ${os.cpus().length} CPUs ` +
      `(${os.cpus()[0].model.trim()}), ${os.platform()} ${os.arch()}; @nestjs/core ${packageVersion('@nestjs/core')}, ` +
      `fastify ${packageVersion('fastify')}, pg ${packageVersion('pg')}, autocannon ${packageVersion('autocannon')}. ` +
      `The service is \`dist/main.js\` (NODE_ENV=production, APP_ROLE=all, request logs on, to a file; ${describeServiceNodeFlags()}) on its own ` +
      'PostgreSQL database and Redis prefix; the bare server is node:http answering the very bytes and headers the ' +
      `service sent (${totalsBytes}-byte JSON). Each runs alone in a child process on 127.0.0.1, autocannon in the parent.`,
    '',
    `### Totals reads: \`GET /api/campaigns/${CAMPAIGN}/totals\`, ${settings.connections} connections`,
    '',
    `${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s measured, ${settings.rounds} rounds with the servers interleaved; ` +
      'medians over rounds, range slowest–fastest round. CPU columns are % of one core during the measured window; ' +
      `"other" is the most the rest of the machine used in a round (a window above ${Math.round(QUIET_OTHER_CPU * 100)}% is measured again). ` +
      'The last row is the same service answering a static file (@fastify/static, a file opened and read per request, through the whole hook chain), for reference. Every totals read goes through fastify and Nest (no listener in front of them); a cached read skips only the database. JSON API answers carry the OWASP REST security headers, and the bare server sends the very same headers.',
    '',
    '| Server | req/s | vs bare | req/s range | p50 ms | p99 ms | p99 vs bare | errors / non-2xx | server CPU | autocannon CPU | other CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of reads) {
    lines.push(
      `| ${r.label} | ${int(r.requestsPerSecond)} | ${(r.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}× | ${int(r.slowest)}–${int(r.fastest)} ` +
        `| ${r.p50} | ${r.p99} | ${(r.p99 / Math.max(bare.p99, 1)).toFixed(2)}× | ${r.errors} / ${r.non2xx} | ${pct(r.serverCpu)} | ${pct(r.loaderCpu)} | ${pct(r.otherCpu)} |`,
    );
  }
  lines.push(
    '',
    `Targets (issue 20 part 3): throughput ≥ 0.35× bare — ${verdict(ratio >= 0.35)} (${ratio.toFixed(2)}×); ` +
      `p99 ≤ 2.5× bare — ${verdict(p99Ratio <= 2.5)} (${p99Ratio.toFixed(2)}×); ` +
      `issue 15's stricter aim, the ratio before the FrontDoor: ≥ 0.45× — ${verdict(ratio >= 0.45)}, p99 ≤ 2× — ${verdict(p99Ratio <= 2)}. ` +
      `Totals against bare within each round: ${roundRatios.map((r) => `${r.toFixed(2)}×`).join(', ')}.`,
  );
  if (worstOther > QUIET_OTHER_CPU)
    lines.push(
      '',
      `Warning: other processes used up to ${pct(worstOther)} of a core during a measured window; rerun on a quiet machine before relying on these figures.`,
    );
  lines.push(
    '',
    `### Payments per second, one campaign, ${settings.payClients} concurrent clients, ${settings.payments} payments per writer and round`,
    '',
    `${settings.rounds} rounds with the writers in rotating order; medians over rounds, range slowest–fastest round.`,
    '',
    'Raw rows: this script writing straight into PostgreSQL with a pool of ' +
      POOL_SIZE +
      " connections (the service's pool size): a " +
      'payment row alone, with a single counter row per campaign (the hot row the design avoids), with one of 16 counter rows, ' +
      "and the ledger's own statements (lock the order, check and record the payment, settle the order) without and with " +
      "the service's counter statement (donor row + a random campaign shard + the day's shard, from dist/). The service " +
      'row times sandbox notifications over HTTP (`POST /api/payments/sandbox/notify`: HMAC check, notification log, the ' +
      'ledger transaction with the counters, the change notice) for orders created beforehand. CPU is % of one core.',
    '',
    '| Writer | payments/s | vs raw INSERT | payments/s range | p50 ms | p99 ms | errors | service CPU | whole machine CPU |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  const raw = payments.find((p) => p.key === 'insert');
  for (const p of payments) {
    lines.push(
      `| ${p.label} | ${int(p.perSecond)} | ${(p.perSecond / raw.perSecond).toFixed(2)}× | ${int(p.slowest)}–${int(p.fastest)} | ${p.p50.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.errors} | ${pct(p.serviceCpu)} | ${pct(p.machineCpu)} |`,
    );
  }
  lines.push(
    '',
    `After the payments: totals ${exact.equal ? 'equal' : 'DIFFER FROM'} the ledger (${exact.ledger.n} donations, ${exact.ledger.fen} fen, ${exact.ledger.donors} donors).`,
  );
  const total = weight.reduce((a, p) => ({ raw: a.raw + p.raw, gzip: a.gzip + p.gzip }), { raw: 0, gzip: 0 });
  lines.push(
    '',
    `### Page weight: \`/c/${CAMPAIGN}\``,
    '',
    'Bytes a phone downloads on a first visit (the service itself does not compress; "gzip" is what a CDN or proxy in front would send). ' +
      'No web fonts, no images but inline SVG, no framework; app.css is shared with the donate page.',
    '',
    '| Resource | bytes | gzip |',
    '|---|---:|---:|',
    ...weight.map((p) => `| \`${p.name}\` | ${int(p.raw)} | ${int(p.gzip)} |`),
    `| **total** | **${int(total.raw)}** | **${int(total.gzip)}** |`,
  );
  return lines.join('\n');
}

function writeIntoDoc(block) {
  const marked = `${START_MARKER}\n${block}\n${END_MARKER}`;
  let doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start !== -1 && end > start) doc = doc.slice(0, start) + marked + doc.slice(end + END_MARKER.length);
  else doc = `${doc.trimEnd()}\n\n## Public totals: reads, payments, page weight\n\n${marked}\n`;
  fs.writeFileSync(DOC, doc);
}

async function cleanRedis(prefix) {
  const redis = new Redis(settings.redisUrl, { lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const db = await createDatabase(settings.databaseUrl);
  let service;
  let bare;
  try {
    service = await startService({ databaseUrl: db.url, redisUrl: settings.redisUrl, logLevel: settings.logLevel });
    await seed(service);
    const res = await fetch(`${service.baseUrl}/api/campaigns/${CAMPAIGN}/totals`);
    const body = Buffer.from(await res.arrayBuffer());
    const bodyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-bench-')), 'totals.json');
    fs.writeFileSync(bodyFile, body);
    // The bare server sends the same headers too (security headers, ETag, caching, a request id), as
    // fixed values: the comparison is of the work done per answer, not of its size.
    const headers = {};
    for (const [name, value] of res.headers) if (!['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
    const headersFile = `${bodyFile}.headers.json`;
    fs.writeFileSync(headersFile, JSON.stringify(headers));
    bare = await startBare(bodyFile, headersFile);
    const bareBody = Buffer.from(await (await fetch(`${bare.baseUrl}/api/campaigns/${CAMPAIGN}/totals`)).arrayBuffer());
    if (!bareBody.equals(body)) throw new Error('the bare server does not answer the same bytes');

    const servers = [
      { ...bare, path: TOTALS_PATH, name: 'bare', label: 'node:http (baseline)' },
      { ...service, path: TOTALS_PATH, name: 'service', label: 'Wennuan: totals (counters + cache)' },
      // The floor of the service's stack (helmet, request log, metrics, router) with no app code: a static file.
      { ...service, path: '/assets/favicon.svg', name: 'static', label: 'Wennuan: `/assets/favicon.svg` (reference: no app code)' },
    ];
    const samples = [];
    for (let round = 1; round <= settings.rounds; round += 1) {
      for (let i = 0; i < servers.length; i += 1) {
        const server = servers[(i + round - 1) % servers.length];
        samples.push({ name: server.name, round, ...(await measureReads(server)) });
      }
    }
    const reads = servers.map((s) => {
      const own = samples.filter((x) => x.name === s.name);
      const pick = (k) => own.map((x) => x[k]);
      return {
        name: s.name,
        label: s.label,
        requestsPerSecond: median(pick('requestsPerSecond')),
        slowest: Math.min(...pick('requestsPerSecond')),
        fastest: Math.max(...pick('requestsPerSecond')),
        p50: median(pick('p50')),
        p99: median(pick('p99')),
        errors: pick('errors').reduce((a, b) => a + b, 0),
        non2xx: pick('non2xx').reduce((a, b) => a + b, 0),
        serverCpu: median(pick('serverCpu')),
        loaderCpu: median(pick('loaderCpu')),
        otherCpu: own[0].otherCpu === null ? null : Math.max(...pick('otherCpu')),
      };
    });
    // Service against bare within each round (measured minutes apart, not hours): the spread on a shared machine.
    const roundRatios = Array.from({ length: settings.rounds }, (_, i) => {
      const of = (name) => samples.find((x) => x.name === name && x.round === i + 1).requestsPerSecond;
      return of('service') / of('bare');
    });
    await bare.stop();
    bare = null;

    const pool = await prepareRaw(db.url);
    const paySamples = [];
    // Each writer measured with the service's CPU and the machine's; rounds rotate the order.
    const measure = async (key, label, run) => {
      await waitForQuiet(settings.quietWaitSeconds * 1000);
      const serviceBefore = service.cpuMicros();
      const machineBefore = machineBusyMicros();
      const started = process.hrtime.bigint();
      const result = await run();
      const elapsed = Number(process.hrtime.bigint() - started) / 1000;
      const serviceCpu = (service.cpuMicros() - serviceBefore) / elapsed;
      const machineCpu = machineBefore === null ? null : (machineBusyMicros() - machineBefore) / elapsed;
      console.error(`${label}: ${Math.round(result.perSecond)}/s, p99 ${result.p99.toFixed(1)} ms, ${result.errors} errors`);
      paySamples.push({ key, label, serviceCpu, machineCpu, ...result });
    };
    const writers = [
      ...['insert', 'hot', 'sharded'].map((key) => ({
        key,
        label: `raw PostgreSQL: ${RAW_VARIANTS[key]}`,
        prepare: async () => null,
        run: () => payRaw(pool, key, settings.payments, settings.payClients),
      })),
      ...['ledger', 'ledgerCounted'].map((key) => ({
        key,
        label: `raw PostgreSQL: ${RAW_VARIANTS[key]}`,
        prepare: () => createRawOrders(pool, RAW_CAMPAIGN, settings.payments, `${key}-${Date.now()}`),
        run: (orderNos) => payRawLedger(pool, orderNos, settings.payClients, key === 'ledgerCounted'),
      })),
      {
        key: 'service',
        label: 'Wennuan: HTTP payment notification, totals kept live',
        prepare: () => createOrders(service.baseUrl, CAMPAIGN, settings.payments, settings.payClients),
        run: (orders) => payThroughService(service.baseUrl, orders, settings.payClients, service.env.SANDBOX_PAYMENT_SECRET),
      },
    ];
    try {
      for (let round = 1; round <= settings.rounds; round += 1) {
        for (let i = 0; i < writers.length; i += 1) {
          const writer = writers[(i + round - 1) % writers.length];
          const prepared = await writer.prepare(); // not timed
          await measure(writer.key, writer.label, () => writer.run(prepared));
        }
      }
    } finally {
      await pool.end();
    }
    const payments = writers.map((w) => {
      const own = paySamples.filter((x) => x.key === w.key);
      const pick = (k) => own.map((x) => x[k]);
      return {
        key: w.key,
        label: w.label,
        perSecond: median(pick('perSecond')),
        slowest: Math.min(...pick('perSecond')),
        fastest: Math.max(...pick('perSecond')),
        p50: median(pick('p50')),
        p99: median(pick('p99')),
        errors: pick('errors').reduce((a, b) => a + b, 0),
        serviceCpu: median(pick('serviceCpu')),
        machineCpu: own[0].machineCpu === null ? null : median(pick('machineCpu')),
      };
    });
    await new Promise((r) => setTimeout(r, 1500)); // past the totals cache's second
    const totals = await json(`${service.baseUrl}/api/campaigns/${CAMPAIGN}/totals`);
    const exact = await ledgerMatches(db.url, totals);
    const weight = await pageWeight(service.baseUrl);

    const block = render({ reads, roundRatios, payments, weight, exact, totalsBytes: body.length });
    console.log(block);
    writeIntoDoc(block);
    console.error(`updated ${path.relative(process.cwd(), DOC)}`);
  } finally {
    await bare?.stop();
    await service?.stop();
    await db.drop().catch((e) => console.error(`dropping the bench database: ${e.message}`));
    if (service) await cleanRedis(service.env.REDIS_KEY_PREFIX).catch(() => undefined);
  }
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`${signal}: stopping`);
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`benchmark exceeded its ${RUN_BUDGET_MS / 1000} s budget; stopping`);
  process.exit(1);
}, RUN_BUDGET_MS).unref();

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
