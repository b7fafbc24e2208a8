'use strict';
// The real service for the benchmark: built dist/main.js in its own process, on a database and a
// Redis prefix of its own, production settings; plus the bare server and their CPU time.
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { Client } = require('pg');
const { serviceNodeFlags } = require('../platform/node-flags');

const ROOT = path.join(__dirname, '..', '..');
const running = new Set();

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

// dist/ must be the code under test: rebuilt when src/ is newer.
function ensureBuilt() {
  const main = path.join(ROOT, 'dist', 'main.js');
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  if (built < newestMtime(path.join(ROOT, 'src'))) {
    console.error('building dist/ (src/ is newer)');
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@nestjs', 'cli', 'bin', 'nest.js'), 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// User + system CPU time of a process so far, in microseconds (Linux /proc).
function cpuMicros(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / 100;
  } catch {
    return null;
  }
}

// Output goes to a file, as a production log would: this process never spends CPU reading it.
function spawnLogged(args, options, name) {
  const logFile = path.join(fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wennuan-bench-log-')), `${name}.log`);
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { ...options, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return { child, logFile };
}

function track({ child, logFile }, name) {
  running.add(child);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => running.delete(child));
  const output = () => fs.readFileSync(logFile, 'utf8').slice(0, 100_000);
  const waitFor = (pattern, timeoutMs) =>
    new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        const match = pattern.exec(output());
        if (match) {
          clearInterval(timer);
          resolve(match);
        } else if (child.exitCode !== null || Date.now() > deadline) {
          clearInterval(timer);
          reject(new Error(`${name} did not print ${pattern}; output:\n${output().slice(-3000)}`));
        }
      }, 50);
      const deadline = Date.now() + timeoutMs;
    });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  return { pid: child.pid, logFile, waitFor, stop, cpuMicros: () => cpuMicros(child.pid) };
}

function killAll() {
  for (const child of running) child.kill('SIGKILL');
}

async function createDatabase(baseUrl) {
  const base = new URL(baseUrl);
  const name = `wennuan_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new URL(base.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  base.pathname = `/${name}`;
  return {
    url: base.toString(),
    drop: async () => {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function startService({ databaseUrl, redisUrl, logLevel }) {
  ensureBuilt();
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: `wennuan-bench-${process.pid}`,
    APP_ROLE: 'all',
    APP_SECRET: crypto.randomBytes(32).toString('hex'),
    PII_ENCRYPTION_KEY: crypto.randomBytes(32).toString('base64'),
    ADMIN_EMAIL: 'bench@wennuan.local',
    ADMIN_PASSWORD: 'bench-password-0123456789',
    SANDBOX_PAYMENT_SECRET: 'bench-sandbox-secret-0123456789',
    // A staging-like production process: the sandbox provider on purpose, mail written to files.
    SANDBOX_IN_PRODUCTION: 'true',
    MAIL_TO_FILES_IN_PRODUCTION: 'true',
    PUBLIC_WRITE_RATE_LIMIT: '999999999',
    ORDER_LOOKUP_RATE_LIMIT: '999999999',
    CALLBACK_RATE_LIMIT: '999999999',
    STORAGE_DIR: fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'wennuan-bench-')),
    LOG_LEVEL: logLevel,
  };
  // Production's Node/V8 flags (deploy/node-flags), or BENCH_NODE_ARGS in their place.
  const handle = track(spawnLogged([...serviceNodeFlags(), path.join(ROOT, 'dist', 'main.js')], { cwd: ROOT, env }, 'service'), 'service');
  await handle.waitFor(/Wennuan is running/, 60_000);
  return { ...handle, baseUrl: `http://127.0.0.1:${port}`, env };
}

async function startBare(bodyFile, headersFile) {
  const handle = track(spawnLogged([path.join(__dirname, 'bare-server.js'), bodyFile, headersFile], {}, 'bare'), 'bare server');
  const [, port] = await handle.waitFor(/"port":(\d+)/, 10_000);
  return { ...handle, baseUrl: `http://127.0.0.1:${port}` };
}

module.exports = { createDatabase, startService, startBare, killAll, cpuMicros };
