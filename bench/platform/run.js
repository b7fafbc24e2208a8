#!/usr/bin/env node
'use strict';
// Decides the HTTP platform by measurement: the same two routes on bare node:http (baseline),
// Nest on platform-fastify and Nest on platform-express, each server alone in a child process,
// loaded by autocannon from this process, all in one run so the ratios to the baseline compare.
// Variants are interleaved over rounds and medians reported, because this machine is shared.
//
//   node bench/platform/run.js
//   env: BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_CONNECTIONS=100 BENCH_ROUNDS=3
//        BENCH_RETRIES=2 BENCH_QUIET_WAIT=20 (seconds to wait for other processes to calm down)
//
// Prints a markdown table and replaces the block between the platform markers in
// docs/BENCHMARKS.md.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const { campaignTotals, sampleDonation } = require('./fixtures');
const { HOST, startServer, killAllServers, withTimeout } = require('./server-process');
const { QUIET_OTHER_CPU, machineBusyMicros, waitForQuiet } = require('./machine-load');
const { numberFromEnv } = require('./bench-support');

const DOC = path.join(__dirname, '..', '..', 'docs', 'BENCHMARKS.md');
const START_MARKER = '<!-- platform:start -->';
const END_MARKER = '<!-- platform:end -->';

const settings = {
  durationSeconds: numberFromEnv('BENCH_DURATION', 10, 1),
  warmupSeconds: numberFromEnv('BENCH_WARMUP', 3, 0),
  connections: numberFromEnv('BENCH_CONNECTIONS', 100, 1),
  rounds: numberFromEnv('BENCH_ROUNDS', 3, 1),
  // A window in which other processes took more than QUIET_OTHER_CPU is measured again.
  retries: numberFromEnv('BENCH_RETRIES', 2, 0),
  quietWaitSeconds: numberFromEnv('BENCH_QUIET_WAIT', 20, 0),
};

const VARIANTS = [
  { name: 'bare', label: 'node:http (baseline)' },
  { name: 'fastify', label: 'Nest + platform-fastify' },
  { name: 'express', label: 'Nest + platform-express' },
];

const ROUTES = [
  { label: 'GET totals', method: 'GET', path: '/api/campaigns/demo/totals' },
  {
    label: 'POST donations',
    method: 'POST',
    path: '/api/campaigns/demo/donations',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(sampleDonation),
  },
];

// The whole run is bounded: startup and checks per server, warm-up and measurement per route.
const WINDOW_BUDGET_S = settings.quietWaitSeconds + settings.warmupSeconds + settings.durationSeconds + 15;
const RUN_BUDGET_MS = settings.rounds * VARIANTS.length * (30 + ROUTES.length * (1 + settings.retries) * WINDOW_BUDGET_S) * 1000;

// A variant that answers differently is not the same benchmark: check before loading it.
async function checkBehaviour(baseUrl, variant) {
  const expect = (condition, what) => {
    if (!condition) throw new Error(`${variant}: ${what}`);
  };
  const totals = await fetch(`${baseUrl}${ROUTES[0].path}`);
  expect(totals.status === 200, `GET totals answered ${totals.status}`);
  expect((await totals.text()) === JSON.stringify(campaignTotals), 'GET totals body differs');

  const post = (body) =>
    fetch(`${baseUrl}${ROUTES[1].path}`, {
      method: 'POST',
      headers: ROUTES[1].headers,
      body: JSON.stringify(body),
    });
  const accepted = await post(sampleDonation);
  expect(accepted.status === 201, `valid donation answered ${accepted.status}`);
  expect((await accepted.json()).status === 'pending', 'valid donation body differs');
  for (const invalid of [
    { amountFen: 12.5, channel: 'wechatpay' },
    { amountFen: 100, channel: 'cash' },
    { amountFen: 100, channel: 'sandbox', donorName: 'x'.repeat(51) },
    { amountFen: 100, channel: 'sandbox', isAdmin: true },
  ]) {
    const rejected = await post(invalid);
    await rejected.arrayBuffer();
    expect(rejected.status === 400, `invalid donation ${JSON.stringify(invalid)} answered ${rejected.status}`);
  }
}

function load(baseUrl, route, durationSeconds) {
  return autocannon({
    url: `${baseUrl}${route.path}`,
    method: route.method,
    headers: route.headers,
    body: route.body,
    connections: settings.connections,
    duration: durationSeconds,
  });
}

// One measured window: wait for a quiet spell, warm up, then measure.
async function measureRoute(server, route) {
  await waitForQuiet(settings.quietWaitSeconds * 1000);
  if (settings.warmupSeconds > 0) await load(server.baseUrl, route, settings.warmupSeconds);
  const serverBefore = await server.cpuMicros();
  const loaderBefore = process.cpuUsage();
  const machineBefore = machineBusyMicros();
  const startedAt = process.hrtime.bigint();
  const result = await load(server.baseUrl, route, settings.durationSeconds);
  const elapsed = Number(process.hrtime.bigint() - startedAt) / 1000;
  const machine = machineBefore === null ? null : machineBusyMicros() - machineBefore;
  const serverCpu = (await server.cpuMicros()) - serverBefore;
  const loader = process.cpuUsage(loaderBefore);
  const loaderCpu = loader.user + loader.system;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    serverCpu: serverCpu / elapsed,
    loaderCpu: loaderCpu / elapsed,
    otherCpu: machine === null ? null : Math.max(0, machine - serverCpu - loaderCpu) / elapsed,
  };
}

async function measureVariant(variant, round) {
  const server = await startServer(variant.name);
  try {
    await withTimeout(checkBehaviour(server.baseUrl, variant.name), 10_000, `checking ${variant.name}`);
    const samples = [];
    for (const route of ROUTES) {
      let sample;
      for (let attempt = 0; attempt <= settings.retries; attempt += 1) {
        sample = await measureRoute(server, route);
        const noisy = sample.otherCpu !== null && sample.otherCpu > QUIET_OTHER_CPU;
        console.error(
          `round ${round} ${variant.name.padEnd(7)} ${route.label.padEnd(14)} ` +
            `${Math.round(sample.requestsPerSecond)} req/s, other CPU ${Math.round((sample.otherCpu ?? 0) * 100)}%` +
            `${noisy && attempt < settings.retries ? ': noisy, measuring again' : ''}`,
        );
        if (!noisy) break;
      }
      samples.push({ route: route.label, variant: variant.name, ...sample });
    }
    return samples;
  } finally {
    await server.stop();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function summarise(samples) {
  const rows = [];
  for (const route of ROUTES) {
    for (const variant of VARIANTS) {
      const own = samples.filter((s) => s.route === route.label && s.variant === variant.name);
      const pick = (key) => own.map((s) => s[key]);
      const sum = (key) => pick(key).reduce((a, b) => a + b, 0);
      rows.push({
        route: route.label,
        variant,
        requestsPerSecond: median(pick('requestsPerSecond')),
        slowest: Math.min(...pick('requestsPerSecond')),
        fastest: Math.max(...pick('requestsPerSecond')),
        p50: median(pick('p50')),
        p99: median(pick('p99')),
        errors: sum('errors'),
        non2xx: sum('non2xx'),
        serverCpu: median(pick('serverCpu')),
        loaderCpu: median(pick('loaderCpu')),
        otherCpu: own[0].otherCpu === null ? null : Math.max(...pick('otherCpu')),
      });
    }
  }
  return rows;
}

function packageVersion(name) {
  return require(`${name}/package.json`).version;
}

function renderBlock(rows) {
  const integer = (value) => Math.round(value).toLocaleString('en-US');
  const percent = (value) => (value === null ? 'n/a' : `${Math.round(value * 100)}%`);
  const worstOther = Math.max(...rows.map((row) => row.otherCpu ?? 0));
  const lines = [
    `Rerun: \`node bench/platform/run.js\` (BENCH_DURATION=${settings.durationSeconds}, ` +
      `BENCH_WARMUP=${settings.warmupSeconds}, BENCH_CONNECTIONS=${settings.connections}, ` +
      `BENCH_ROUNDS=${settings.rounds}, BENCH_RETRIES=${settings.retries}, ` +
      `BENCH_QUIET_WAIT=${settings.quietWaitSeconds}).`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ${process.version}, ` +
      `${os.cpus().length} CPUs (${os.cpus()[0].model.trim()}), ${os.platform()} ${os.arch()}; ` +
      `@nestjs/core ${packageVersion('@nestjs/core')}, fastify ${packageVersion('fastify')}, ` +
      `express ${packageVersion('express')}, class-validator ${packageVersion('class-validator')}, ` +
      `autocannon ${packageVersion('autocannon')}.`,
    `Routes: \`GET ${ROUTES[0].path}\` (fixed ${Buffer.byteLength(JSON.stringify(campaignTotals))}-byte JSON) ` +
      `and \`POST ${ROUTES[1].path}\` (validated JSON body, 201). ${settings.connections} connections, ` +
      `${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s measured per route, ` +
      `${settings.rounds} rounds with the variants interleaved; figures are medians over rounds, ` +
      `range is slowest–fastest round, errors are summed. Each server runs alone in a child process on ` +
      `${HOST}, autocannon in the parent; CPU columns are % of one core during the measured window, ` +
      '"other" is the most the rest of the machine used in any round (a window above ' +
      `${Math.round(QUIET_OTHER_CPU * 100)}% is measured again, up to ${settings.retries} times).`,
    '',
    '| Route | Variant | req/s | vs bare | req/s range | p50 ms | p99 ms | errors / non-2xx ' + '| server CPU | autocannon CPU | other CPU |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const baseline = rows.find((other) => other.route === row.route && other.variant.name === 'bare');
    const ratio = row.requestsPerSecond / baseline.requestsPerSecond;
    lines.push(
      `| ${row.route} | ${row.variant.label} | ${integer(row.requestsPerSecond)} | ${ratio.toFixed(2)}× ` +
        `| ${integer(row.slowest)}–${integer(row.fastest)} | ${row.p50} | ${row.p99} ` +
        `| ${row.errors} / ${row.non2xx} | ${percent(row.serverCpu)} | ${percent(row.loaderCpu)} ` +
        `| ${percent(row.otherCpu)} |`,
    );
  }
  if (worstOther > QUIET_OTHER_CPU) {
    lines.push(
      '',
      `Warning: other processes used up to ${percent(worstOther)} of a core during a measured ` +
        'window; these figures are noisy, rerun on a quiet machine before relying on them.',
    );
  }
  return lines.join('\n');
}

const NEW_DOC = `# Benchmarks

Every figure here is measured on the same machine, in the same run, beside its baseline; absolute
numbers change from machine to machine, so the ratios to the baseline are the result.
`;

function writeIntoDoc(block) {
  const marked = `${START_MARKER}\n${block}\n${END_MARKER}`;
  let doc = fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : NEW_DOC;
  const start = doc.indexOf(START_MARKER);
  const end = doc.indexOf(END_MARKER);
  if (start !== -1 && end > start) {
    doc = doc.slice(0, start) + marked + doc.slice(end + END_MARKER.length);
  } else {
    doc = `${doc.trimEnd()}\n\n## HTTP platform: fastify vs express\n\n${marked}\n`;
  }
  fs.mkdirSync(path.dirname(DOC), { recursive: true });
  fs.writeFileSync(DOC, doc);
}

async function main() {
  const samples = [];
  for (let round = 1; round <= settings.rounds; round += 1) {
    // Rotate the order so no variant always runs first (or last) in a round.
    for (let i = 0; i < VARIANTS.length; i += 1) {
      samples.push(...(await measureVariant(VARIANTS[(i + round - 1) % VARIANTS.length], round)));
    }
  }
  const block = renderBlock(summarise(samples));
  console.log(block);
  writeIntoDoc(block);
  console.error(`updated ${path.relative(process.cwd(), DOC)}`);
}

// Servers die with this process on every path: normal end, error, signal, watchdog.
process.on('exit', killAllServers);
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
