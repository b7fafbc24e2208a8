#!/usr/bin/env node
'use strict';
// Flash crowd on the public page (issue 20): the campaign link forwarded through WeChat groups, every
// viewer's page holding a totals stream (SSE) open. Two APP_ROLE=api processes and one worker over one
// PostgreSQL and one Redis; the streams come from many loopback source addresses (127.0.0.0/8,
// BENCH_PER_ADDRESS each, below MAX_STREAMS_PER_CLIENT) so the per-address cap is not what is measured.
// Measured: RSS of each API process with its streams open; how long one payment takes to reach the
// streams (99% and all); donation latency with and without the crowd; one stream beyond a process's
// cap (503 SERVER_BUSY) while a donation still goes through.
//
//   npm run build && node bench/crowd/run.js
//   env: BENCH_STREAMS=36000 BENCH_PER_ADDRESS=40 BENCH_CHANGES=3 BENCH_DONATE_SECONDS=10 BENCH_DONATE_CLIENTS=10
//
// Replaces the block between the crowd markers in docs/BENCHMARKS.md.
const crypto = require('node:crypto');
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { dbUrl, admin, writeDocBlock, verdict, run } = require('../platform/bench-support');
const { Client } = require('pg');
const { MAIN, freePort, startService, killAllServices, peakRssMiB } = require('../receipts/service-process');

const SECRET = 'bench-crowd-sandbox-secret-0001';
const CAMPAIGN = 'warm-wuhan';
const STREAM_PATH = `/api/campaigns/${CAMPAIGN}/totals/stream`;
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  streams: num('BENCH_STREAMS', 36000),
  perAddress: num('BENCH_PER_ADDRESS', 40),
  perClientProcess: num('BENCH_STREAMS_PER_CLIENT_PROCESS', 9000),
  changes: num('BENCH_CHANGES', 3),
  donateSeconds: num('BENCH_DONATE_SECONDS', 10),
  donateClients: num('BENCH_DONATE_CLIENTS', 10),
};
const children = new Set();
process.on('exit', () => {
  killAllServices();
  for (const c of children) c.kill('SIGKILL');
});
process.on('SIGINT', () => process.exit(130));

const rssMiB = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** One donation through `base`: create, then the signed sandbox notification. Returns both latencies (ms). */
async function donate(base, amountFen) {
  const t0 = performance.now();
  const created = await fetch(`${base}/api/campaigns/${CAMPAIGN}/donations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ amountFen, channel: 'sandbox' }),
  });
  const order = await created.json();
  const t1 = performance.now();
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  const body = JSON.stringify({ orderNo: order.orderNo, transactionId: `CROWD-${order.orderNo}`, amountFen, paidAt: new Date().toISOString() });
  const signature = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
  const paid = await fetch(`${base}/api/payments/sandbox/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-signature': signature },
    body,
  });
  await paid.text();
  if (paid.status !== 200) throw new Error(`notify answered ${paid.status}`);
  return { create: t1 - t0, notify: performance.now() - t1, amountFen };
}

/** `clients` loops donating through `bases` for `seconds`; latency percentiles of the creation request. */
async function donationLoad(bases, seconds, clients) {
  const creates = [];
  let errors = 0;
  let fen = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; Date.now() < deadline; i++) {
        try {
          const r = await donate(bases[(c + i) % bases.length], 100 + ((c * 7919 + i) % 5000));
          creates.push(r.create);
          fen += r.amountFen;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  creates.sort((a, b) => a - b);
  return { count: creates.length, perSecond: creates.length / seconds, p50: percentile(creates, 50), p99: percentile(creates, 99), errors, fen };
}

function startClient(args) {
  const child = fork(path.join(__dirname, 'client.js'), [JSON.stringify(args)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  const waiters = [];
  child.on('message', (m) => {
    const i = waiters.findIndex((w) => w.type === m.type && (w.id === undefined || w.id === m.id));
    if (i !== -1) waiters.splice(i, 1)[0].resolve(m);
  });
  const next = (type, id) => new Promise((resolve) => waiters.push({ type, id, resolve }));
  return { child, opened: next('opened'), arrivals: (id) => (child.send({ type: 'arrivals', id }), next('arrivals', id)) };
}

async function currentEtag(base) {
  return (await fetch(`${base}/api/campaigns/${CAMPAIGN}/totals`)).headers.get('etag').replace(/"/g, '');
}

async function main() {
  if (!fs.existsSync(MAIN)) throw new Error('dist/main.js is missing: run `npm run build` first');
  const database = `wennuan_bench_crowd_${Date.now().toString(36)}`;
  await admin(`CREATE DATABASE "${database}"`);
  const logFile = path.join(os.tmpdir(), `${database}.log`);
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    APP_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl(database),
    REDIS_KEY_PREFIX: database,
    SEED_DEMO: 'true',
    SANDBOX_PAYMENT_SECRET: SECRET,
    SANDBOX_IN_PRODUCTION: 'true',
    MAIL_TO_FILES_IN_PRODUCTION: 'true',
    PUBLIC_WRITE_RATE_LIMIT: '100000000',
    ORDER_LOOKUP_RATE_LIMIT: '100000000',
    CALLBACK_RATE_LIMIT: '100000000',
    LOG_LEVEL: 'warn',
    STORAGE_DIR: path.join(os.tmpdir(), database),
  };
  const services = [];
  try {
    services.push(
      await startService({ name: 'worker', readyLine: /Wennuan worker started/, logFile, env: { ...env, APP_ROLE: 'worker', PORT: String(await freePort()) } }),
    );
    const bases = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      services.push(await startService({ name: `api-${i}`, readyLine: /Wennuan is running/, logFile, env: { ...env, APP_ROLE: 'api', PORT: String(port) } }));
      bases.push(`http://127.0.0.1:${port}`);
    }
    const apis = services.slice(1);
    await new Promise((r) => setTimeout(r, 3000));
    const restRss = apis.map((s) => rssMiB(s.pid));

    // Donations without the crowd.
    await donationLoad(bases, 2, settings.donateClients);
    const quiet = await donationLoad(bases, settings.donateSeconds, settings.donateClients);
    console.error(`donations without the crowd: ${quiet.perSecond.toFixed(0)}/s, create p99 ${quiet.p99.toFixed(0)} ms`);

    // The crowd: streams split evenly over the two API processes.
    const openStart = Date.now();
    const clientCount = Math.ceil(settings.streams / settings.perClientProcess);
    const clients = [];
    let addressesUsed = 0;
    for (let c = 0; c < clientCount; c++) {
      const count = Math.min(settings.perClientProcess, settings.streams - c * settings.perClientProcess);
      clients.push(startClient({ targets: bases, path: STREAM_PATH, count, perAddress: settings.perAddress, firstAddress: (10 << 16) + addressesUsed + 1 }));
      addressesUsed += Math.ceil(count / settings.perAddress) + 1;
    }
    const opened = await Promise.all(clients.map((c) => c.opened));
    const openSeconds = (Date.now() - openStart) / 1000;
    const openCount = opened.reduce((s, o) => s + o.open, 0);
    const statuses = {};
    for (const o of opened) for (const [k, v] of Object.entries(o.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
    console.error(`opened ${openCount} of ${settings.streams} streams in ${openSeconds.toFixed(1)} s (answers ${JSON.stringify(statuses)})`);
    await new Promise((r) => setTimeout(r, 3000));
    const crowdRss = apis.map((s) => rssMiB(s.pid));

    // One change at a time: a payment through the first API process; its time to every stream.
    const changes = [];
    for (let k = 0; k < settings.changes; k++) {
      const before = await currentEtag(bases[0]);
      const t0 = performance.timeOrigin + performance.now();
      await donate(bases[0], 5000 + k);
      let id = before;
      for (let i = 0; i < 50 && id === before; i++) {
        await new Promise((r) => setTimeout(r, 50));
        id = await currentEtag(bases[1]);
      }
      await new Promise((r) => setTimeout(r, 3000));
      const reports = await Promise.all(clients.map((c) => c.arrivals(id)));
      const delays = reports.flatMap((r) => r.times.map((t) => t - t0)).sort((a, b) => a - b);
      const stillOpen = reports.reduce((s, r) => s + r.open, 0);
      changes.push({
        reached: delays.length,
        open: stillOpen,
        p50: percentile(delays, 50),
        p99: percentile(delays, 99),
        max: delays[delays.length - 1] ?? NaN,
      });
      console.error(
        `change ${k + 1}: reached ${delays.length} of ${stillOpen} open streams; p50 ${changes[k].p50.toFixed(0)} ms, p99 ${changes[k].p99.toFixed(0)} ms, last ${changes[k].max.toFixed(0)} ms`,
      );
      await new Promise((r) => setTimeout(r, 1000));
    }

    // Donations during the crowd.
    const crowded = await donationLoad(bases, settings.donateSeconds, settings.donateClients);
    console.error(`donations during the crowd: ${crowded.perSecond.toFixed(0)}/s, create p99 ${crowded.p99.toFixed(0)} ms`);
    const peakRss = apis.map((s) => peakRssMiB(s.pid));

    // Beyond the cap: one more stream to a full process is 503, and a donation still goes through.
    const extra = await fetch(bases[0] + STREAM_PATH, { headers: { accept: 'text/event-stream' } }).catch((e) => ({ status: `error ${e.message}` }));
    const extraBody = typeof extra.json === 'function' ? await extra.json().catch(() => null) : null;
    const stillDonates = await donate(bases[0], 4321).then(
      () => 'yes',
      (e) => `no (${e.message})`,
    );

    // The totals equal the ledger, to the fen.
    const totals = await (await fetch(`${bases[1]}/api/campaigns/${CAMPAIGN}/totals`)).json();
    const pg = new Client({ connectionString: dbUrl(database) });
    await pg.connect();
    const ledger = (await pg.query(`SELECT coalesce(sum(amount_fen),0)::bigint AS fen FROM donations WHERE status = 'paid'`)).rows[0];
    await pg.end();
    if (Number(ledger.fen) !== totals.amountFen) throw new Error(`totals ${totals.amountFen} ≠ ledger ${ledger.fen}`);
    for (const c of clients) c.child.send({ type: 'stop' });

    const med = (f) => {
      const v = changes.map(f).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    const p99 = med((c) => c.p99);
    const worstRss = Math.max(...crowdRss, ...peakRss.filter((v) => v !== null));
    const ratio = crowded.p99 / quiet.p99;
    const block = writeDocBlock('crowd', 'Flash crowd: live totals streams', [
      `Rerun: \`npm run build && node bench/crowd/run.js\` (BENCH_STREAMS=${settings.streams}, BENCH_PER_ADDRESS=${settings.perAddress}, BENCH_STREAMS_PER_CLIENT_PROCESS=${settings.perClientProcess}, BENCH_CHANGES=${settings.changes}, BENCH_DONATE_SECONDS=${settings.donateSeconds}, BENCH_DONATE_CLIENTS=${settings.donateClients}).`,
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ulimit -n ${require('node:child_process').execSync('ulimit -n', { shell: '/bin/bash' }).toString().trim()} per process. Two APP_ROLE=api processes (default MAX_STREAMS: the descriptor limit less its reserve) and one APP_ROLE=worker over one PostgreSQL and one Redis; ${clientCount} client processes open the streams (${settings.perAddress} per loopback source address, ${addressesUsed} addresses in 127.10.0.0/16), alternating between the two API processes, in waves of 200; each client notes when each stream sees each event id. A change is one donation paid through the first API process (its notice reaches the second through Redis); its delay is counted from before the donation's creation to each stream's receipt of the new totals.`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| streams open | ${openCount.toLocaleString('en-US')} of ${settings.streams.toLocaleString('en-US')} (answers ${Object.entries(statuses)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')}), opened in ${openSeconds.toFixed(1)} s |`,
      `| RSS per API process: at rest → with the streams → peak | ${apis.map((_, i) => `${restRss[i].toFixed(0)} → ${crowdRss[i].toFixed(0)} → ${peakRss[i] === null ? 'n/a' : peakRss[i].toFixed(0)} MiB`).join('; ')} |`,
      ...changes.map(
        (c, i) =>
          `| change ${i + 1}: streams reached / open; p50, p99, last | ${c.reached.toLocaleString('en-US')} / ${c.open.toLocaleString('en-US')}; ${c.p50.toFixed(0)} ms, ${c.p99.toFixed(0)} ms, ${c.max.toFixed(0)} ms |`,
      ),
      `| donation creation without the crowd (${settings.donateClients} clients, ${settings.donateSeconds} s): per second, p50, p99 | ${quiet.perSecond.toFixed(0)}/s, ${quiet.p50.toFixed(0)} ms, ${quiet.p99.toFixed(0)} ms |`,
      `| donation creation during the crowd: per second, p50, p99 | ${crowded.perSecond.toFixed(0)}/s, ${crowded.p50.toFixed(0)} ms, ${crowded.p99.toFixed(0)} ms (${ratio.toFixed(2)}× without) |`,
      `| one more stream to a full process | ${extra.status}${extraBody?.code ? ` ${extraBody.code}` : ''}; a donation at the same time: ${stillDonates} |`,
      '',
      `Targets (issue 20): ${settings.streams.toLocaleString('en-US')} concurrent streams across two API processes — ${verdict(openCount >= 36000)} (${openCount.toLocaleString('en-US')}); one change reaches 99% within 1 s — ${verdict(p99 <= 1000)} (median over changes of the p99: ${p99.toFixed(0)} ms); RSS ≤ 400 MB a process — ${verdict(worstRss * 1.048576 <= 400)} (worst ${worstRss.toFixed(0)} MiB = ${(worstRss * 1.048576).toFixed(0)} MB); donation creation p99 during the crowd ≤ 1.5× without — ${verdict(ratio <= 1.5)} (${ratio.toFixed(2)}×); beyond the caps a clean 503 — ${verdict(extra.status === 503)}. After the load the totals equalled the ledger to the fen (${ledger.fen} fen).`,
    ]);
    console.log(block);
  } finally {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
  }
}

run(main);
