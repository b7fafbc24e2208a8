#!/usr/bin/env node
'use strict';
// Public reads at the edge: the service behind nginx with the micro-cache of deploy/nginx
// (wennuan-locations.conf, the very file docker-compose mounts), against nginx serving a static
// file of the same bytes and headers. Same nginx binary and settings for both, rounds interleaved,
// medians reported; the service alone (no nginx) for reference.
//
//   npm run build && node bench/edge/run.js      (needs Debian's nginx: apt-get install -y nginx-light)
//   env: BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=100 BENCH_ROUNDS=3 BENCH_QUIET_WAIT=20
//        DATABASE_URL REDIS_URL (the servers to use; a database is created and dropped)
//
// Replaces the block between the edge markers in docs/BENCHMARKS.md.
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeDocBlock, verdict, run } = require('../platform/bench-support');
const autocannon = require('autocannon');
const { Client } = require('pg');
const { machineBusyMicros, waitForQuiet } = require('../platform/machine-load');
const { createDatabase, startService, killAll, cpuMicros } = require('../totals/service');

const ROOT = path.join(__dirname, '..', '..');
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const LOCATIONS = path.join(ROOT, 'deploy', 'nginx', 'wennuan-locations.conf');
const CAMPAIGN = 'warm-wuhan';
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
const settings = {
  duration: num('BENCH_DURATION', 10),
  warmup: num('BENCH_WARMUP', 3),
  connections: num('BENCH_CONNECTIONS', 100),
  rounds: num('BENCH_ROUNDS', 3),
  quietWait: num('BENCH_QUIET_WAIT', 20),
  databaseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/wennuan',
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
};

process.on('exit', () => {
  killAll();
  for (const child of nginxes) child.kill('SIGKILL');
});
process.on('SIGINT', () => process.exit(130));
const nginxes = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** An nginx of its own (prefix dir, config), in the foreground; resolves once it answers. */
async function startNginx(name, serverBlock) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wennuan-edge-${name}-`));
  fs.mkdirSync(path.join(dir, 'logs'));
  fs.mkdirSync(path.join(dir, 'cache'));
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(path.join(dir, 'cache'), 0o777);
  const port = await freePort();
  const conf = `
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 8192; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${dir}/cache/body;
  proxy_temp_path ${dir}/cache/proxy;
  proxy_cache_path ${dir}/cache/micro levels=1:2 keys_zone=wennuan_micro:10m max_size=256m inactive=1m use_temp_path=off;
  ${serverBlock.upstream ?? ''}
  server {
    listen 127.0.0.1:${port};
    ${serverBlock.body.replaceAll('$DIR', dir)}
  }
}`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  execFileSync(NGINX, ['-t', '-q', '-p', dir, '-c', path.join(dir, 'nginx.conf')]);
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  nginxes.add(child);
  child.once('exit', () => nginxes.delete(child));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(base + '/');
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  // nginx's master and workers: the CPU of all of them.
  const pids = () => [
    child.pid,
    ...execFileSync('pgrep', ['-P', String(child.pid)])
      .toString()
      .trim()
      .split('\n')
      .map(Number),
  ];
  return { base, pid: child.pid, cpuMicros: () => pids().reduce((s, pid) => s + (cpuMicros(pid) ?? 0), 0), stop: () => child.kill('SIGQUIT') };
}

function nginxVersion() {
  return require('node:child_process').spawnSync(NGINX, ['-v']).stderr.toString().trim().replace('nginx version: ', '');
}

function load(url, duration) {
  return autocannon({ url, connections: settings.connections, duration });
}

async function measure(target) {
  await waitForQuiet(settings.quietWait * 1000);
  if (settings.warmup > 0) await load(target.url, settings.warmup);
  const cpu0 = target.cpuMicros();
  const machine0 = machineBusyMicros();
  const loader0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const result = await load(target.url, settings.duration);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1000;
  const server = (target.cpuMicros() - cpu0) / elapsed;
  const loader = process.cpuUsage(loader0);
  const other = machine0 === null ? null : Math.max(0, machineBusyMicros() - machine0 - (target.cpuMicros() - cpu0) - loader.user - loader.system) / elapsed;
  const sample = {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    server,
    loader: (loader.user + loader.system) / elapsed,
    other,
  };
  console.error(`${target.name.padEnd(22)} ${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms, other CPU ${Math.round((other ?? 0) * 100)}%`);
  return sample;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx-light (Debian's nginx), or set NGINX`);
  const db = await createDatabase(settings.databaseUrl);
  process.env.SEED_DEMO = 'true';
  process.env.TRUST_PROXY = 'true';
  const service = await startService({ databaseUrl: db.url, redisUrl: settings.redisUrl, logLevel: 'info' });
  const servicePort = new URL(service.baseUrl).port;
  try {
    // A few paid gifts so the totals are not all zero.
    const secret = service.env.SANDBOX_PAYMENT_SECRET;
    for (let i = 0; i < 20; i++) {
      const created = await (
        await fetch(`${service.baseUrl}/api/campaigns/${CAMPAIGN}/donations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ amountFen: 1000 + i * 137, channel: 'sandbox' }),
        })
      ).json();
      const body = JSON.stringify({
        orderNo: created.orderNo,
        transactionId: `EDGE-${created.orderNo}`,
        amountFen: 1000 + i * 137,
        paidAt: new Date().toISOString(),
      });
      const signature = 'sha256=' + require('node:crypto').createHmac('sha256', secret).update(body).digest('hex');
      const paid = await fetch(`${service.baseUrl}/api/payments/sandbox/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-signature': signature },
        body,
      });
      if (paid.status !== 200) throw new Error(`payment ${i} answered ${paid.status}`);
    }
    await new Promise((r) => setTimeout(r, 1500));

    // The bytes and headers the service answers, for the static twin.
    const totalsPath = `/api/campaigns/${CAMPAIGN}/totals`;
    const sample = await fetch(service.baseUrl + totalsPath);
    const bytes = Buffer.from(await sample.arrayBuffer());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wennuan-edge-static-'));
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(path.join(dir, 'totals.json'), bytes);
    fs.chmodSync(path.join(dir, 'totals.json'), 0o644);
    const skip = new Set(['content-length', 'content-type', 'date', 'connection', 'keep-alive', 'etag', 'x-request-id']);
    const headers = [...sample.headers].filter(([k]) => !skip.has(k));
    const addHeaders = headers.map(([k, v]) => `add_header ${k} '${v.replaceAll("'", "\\'")}' always;`).join('\n    ');

    const edge = await startNginx('cache', {
      upstream: `upstream wennuan_app { server 127.0.0.1:${servicePort}; keepalive 64; }`,
      body: fs.readFileSync(LOCATIONS, 'utf8'),
    });
    const staticNginx = await startNginx('static', {
      body: `location = ${totalsPath} {\n    default_type application/json;\n    alias ${dir}/totals.json;\n    etag on;\n    ${addHeaders}\n  }`,
    });
    const served = await fetch(edge.base + totalsPath);
    const servedBytes = Buffer.from(await served.arrayBuffer());
    if (!servedBytes.equals(bytes)) throw new Error('nginx did not pass the totals through unchanged');
    const again = (await fetch(edge.base + totalsPath)).headers.get('x-cache-status');
    if (again !== 'HIT') throw new Error(`the second read within a second was not served from the cache (X-Cache-Status: ${again})`);

    const edgeCpu = () => edge.cpuMicros() + service.cpuMicros();
    const targets = [
      { name: 'nginx static file', key: 'static', url: staticNginx.base + totalsPath, cpuMicros: staticNginx.cpuMicros },
      { name: 'nginx micro-cache totals', key: 'edge', url: edge.base + totalsPath, cpuMicros: edgeCpu },
      { name: 'nginx micro-cache page', key: 'page', url: `${edge.base}/c/${CAMPAIGN}`, cpuMicros: edgeCpu },
      { name: 'service alone, totals', key: 'direct', url: service.baseUrl + totalsPath, cpuMicros: service.cpuMicros },
    ];
    const samples = Object.fromEntries(targets.map((t) => [t.key, []]));
    for (let round = 0; round < settings.rounds; round++) {
      const order = targets.slice(round % targets.length).concat(targets.slice(0, round % targets.length));
      for (const target of order) samples[target.key].push(await measure(target));
    }

    // The totals through the edge equal the ledger, to the fen (once the second has passed).
    await new Promise((r) => setTimeout(r, 1500));
    const totals = await (await fetch(edge.base + totalsPath)).json();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    const ledger = (
      await client.query(
        `SELECT coalesce(sum(d.amount_fen),0)::bigint AS fen, count(*)::int AS n FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
        [CAMPAIGN],
      )
    ).rows[0];
    await client.end();
    if (Number(ledger.fen) !== totals.amountFen || ledger.n !== totals.donationCount) throw new Error(`edge totals ${totals.amountFen} ≠ ledger ${ledger.fen}`);

    const med = (key, f) => median(samples[key].map(f));
    const base = med('static', (s) => s.rps);
    const baseP99 = Math.max(
      1,
      med('static', (s) => s.p99),
    );
    const int = (v) => Math.round(v).toLocaleString('en-US');
    const pct = (v) => (v === null ? 'n/a' : `${Math.round(v * 100)}%`);
    const rows = targets.map((t) => {
      const rps = med(t.key, (s) => s.rps);
      const p99 = med(t.key, (s) => s.p99);
      const errors = samples[t.key].reduce((s, x) => s + x.errors, 0);
      const non2xx = samples[t.key].reduce((s, x) => s + x.non2xx, 0);
      return `| ${t.name}${t.key === 'static' ? ' (baseline)' : ''} | ${int(rps)} | ${(rps / base).toFixed(2)}× | ${int(Math.min(...samples[t.key].map((s) => s.rps)))}–${int(Math.max(...samples[t.key].map((s) => s.rps)))} | ${med(t.key, (s) => s.p50)} | ${p99} | ${(p99 / baseP99).toFixed(2)}× | ${errors} / ${non2xx} | ${pct(med(t.key, (s) => s.server))} | ${pct(med(t.key, (s) => s.loader))} | ${pct(Math.max(...samples[t.key].map((s) => s.other ?? 0)))} |`;
    });
    const ratio = med('edge', (s) => s.rps) / base;
    const block = writeDocBlock('edge', 'Public reads at the edge (nginx micro-cache)', [
      `Rerun: \`npm run build && node bench/edge/run.js\` (BENCH_DURATION=${settings.duration}, BENCH_WARMUP=${settings.warmup}, BENCH_CONNECTIONS=${settings.connections}, BENCH_ROUNDS=${settings.rounds}, BENCH_QUIET_WAIT=${settings.quietWait}; needs Debian's nginx: \`apt-get install -y nginx-light\`).`,
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ${nginxVersion()}, autocannon ${require('autocannon/package.json').version}. The service is \`dist/main.js\` (NODE_ENV=production, APP_ROLE=all, TRUST_PROXY=true, request logs on) with the demo campaign and 20 paid gifts; the edge is nginx with deploy/nginx/wennuan-locations.conf as docker-compose mounts it (a one-second micro-cache of the public reads, upstream keep-alive); the baseline is the same nginx binary and settings (worker_processes auto, access log off in both) serving a file of the very bytes the service sent (${bytes.length}-byte JSON) with its headers. ${settings.connections} connections, ${settings.warmup} s warm-up then ${settings.duration} s measured, ${settings.rounds} rounds in rotating order, medians; CPU is % of one core (nginx master + workers, plus the service behind the cache), "other" the most the rest of the machine used in a round. After the load the totals read through the edge equalled the ledger to the fen (${ledger.fen} fen, ${ledger.n} gifts).`,
      '',
      '| Server | req/s | vs static | req/s range | p50 ms | p99 ms | p99 vs static | errors / non-2xx | server CPU | autocannon CPU | other CPU |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Target (issue 20): the totals through the micro-cache ≥ 0.8× nginx serving the static file — ${verdict(ratio >= 0.8)} (${ratio.toFixed(2)}×). Behind the cache the service answers each public URL about once a second (proxy_cache_lock: one request per expiry, the rest wait or get the entry of a second ago).`,
    ]);
    console.log(block);
    edge.stop();
    staticNginx.stop();
  } finally {
    await service.stop();
    await db.drop().catch(() => undefined);
  }
}

run(main);
