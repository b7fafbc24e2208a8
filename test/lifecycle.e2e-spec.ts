import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { request as httpRequest, IncomingMessage, ClientRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { ensureBuilt, withBuildLock } from './support/service-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD, testEnv } from './support/test-app';

/**
 * The built service as it runs in production: `node dist/main.js` in its own process, started and
 * stopped with signals. Only generous timeouts are used, meaning "it did not hang".
 */

const ROOT = resolve(__dirname, '..');
const DONATION_MAINTENANCE_QUEUE = 'donation-maintenance';
const START_TIMEOUT_MS = 40_000;
const EXIT_TIMEOUT_MS = 30_000;

jest.setTimeout(120_000);

// ---------------------------------------------------------------------------------------------
// The build
// ---------------------------------------------------------------------------------------------

let mainJs: string;
let snapshotDir: string;

/**
 * Builds dist/ when it is missing or older than src/, then runs a private copy of it: other
 * people rebuild dist/ (`nest build` deletes it first) while this suite runs. The copy sits next to
 * links to templates/ and node_modules/, which the build finds relative to itself.
 */
function buildAndSnapshot(): string {
  ensureBuilt();
  // Copied while no other suite rebuilds dist/ (withBuildLock): a copy is never half a build.
  return withBuildLock(() => {
    const dir = mkdtempSync(join(tmpdir(), 'wennuan-lifecycle-'));
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    symlinkSync(join(ROOT, 'templates'), join(dir, 'templates'));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    for (const file of ['main.js', 'bootstrap.js', 'app.module.js']) {
      if (!existsSync(join(dir, 'dist', file))) throw new Error(`dist/${file} missing from the build`);
    }
    snapshotDir = dir;
    return join(dir, 'dist', 'main.js');
  });
}

// ---------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Service {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
  hasExited(): boolean;
}

const running = new Set<Service>();

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Starts `node dist/main.js` with the run's environment (testEnv) plus `overrides`, on a free port. */
async function spawnService(overrides: Record<string, string | undefined> = {}): Promise<Service> {
  const port = await freePort();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(testEnv({ PORT: String(port), ...overrides }))) {
    if (value !== undefined) env[key] = value;
  }
  env.PATH = process.env.PATH ?? '/usr/bin:/bin';
  const child = spawn(process.execPath, [mainJs], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let done = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<Exit>((resolveExit) =>
    child.on('close', (code, signal) => {
      done = true;
      resolveExit({ code, signal });
    }),
  );
  const service: Service = {
    child,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done,
  };
  running.add(service);
  void exited.then(() => running.delete(service));
  return service;
}

/** The process exited by itself with code 0; if not, the failure shows the end of what it printed. */
async function expectCleanExit(service: Service): Promise<void> {
  const exit = await exitWithin(service);
  const clean = exit.code === 0 && exit.signal === null;
  const output = clean ? '' : `stdout: ${service.stdout().slice(-3000)}\nstderr: ${service.stderr().slice(-3000)}`;
  expect({ ...exit, output }).toEqual({ code: 0, signal: null, output: '' });
}

async function killAll(): Promise<void> {
  const left = [...running];
  for (const service of left) service.child.kill('SIGKILL');
  await Promise.all(left.map((s) => s.exited));
}

/** Resolves with the exit, or fails the test if the process is still running after `ms`. */
async function exitWithin(service: Service, ms = EXIT_TIMEOUT_MS): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`process did not exit within ${ms} ms; stderr: ${service.stderr()}`)), ms);
  });
  try {
    return await Promise.race([service.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function waitFor<T>(what: string, service: Service | null, check: () => Promise<T | undefined> | T | undefined, ms = START_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (service?.hasExited())
      throw new Error(`${what}: the process exited first (stdout: ${service.stdout().slice(-2000)}; stderr: ${service.stderr().slice(-2000)})`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (stderr: ${service?.stderr().slice(-2000) ?? ''})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for the line main.ts prints once the service listens (or the worker has started). */
function waitForStart(service: Service, line = /Wennuan is running/): Promise<true> {
  return waitFor(`start (${line})`, service, () => (line.test(service.stdout()) ? true : undefined));
}

async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function stderrLines(service: Service): string[] {
  return service
    .stderr()
    .split('\n')
    .filter((line) => line.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL and Redis, seen from the outside
// ---------------------------------------------------------------------------------------------

const createdDatabases: string[] = [];
const redisPrefixes: string[] = [];

function databaseUrl(name: string): string {
  const url = new URL(process.env.WENNUAN_TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withPg<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const adminUrl = () => process.env.WENNUAN_TEST_ADMIN_URL!;

async function databaseExists(name: string): Promise<boolean> {
  return withPg(adminUrl(), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

/** A database name nobody has used: the service must create it. */
function freshDatabase(): string {
  const name = `wennuan_lc_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
  createdDatabases.push(name);
  return name;
}

/** Migrations in the build under test (the copy of dist/). */
function builtMigrationCount(): number {
  return readdirSync(join(snapshotDir, 'dist', 'database', 'migrations')).filter((f) => f.endsWith('.js')).length;
}

/** A Redis key prefix of its own, so the workers counted are this process's only. */
function ownRedisPrefix(tag: string): string {
  const prefix = `${process.env.WENNUAN_TEST_REDIS_PREFIX}-${tag}`.slice(0, 40);
  redisPrefixes.push(prefix);
  return prefix;
}

async function workerCount(redisKeyPrefix: string): Promise<number> {
  const queue = new Queue(DONATION_MAINTENANCE_QUEUE, {
    connection: { host: '127.0.0.1', port: Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379) },
    prefix: `${redisKeyPrefix}:bull`,
  });
  try {
    return await queue.getWorkersCount();
  } finally {
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------

beforeAll(() => {
  mainJs = buildAndSnapshot();
}, 240_000);

afterEach(async () => {
  await killAll();
});

afterAll(async () => {
  await killAll();
  if (snapshotDir) rmSync(snapshotDir, { recursive: true, force: true });
  if (process.env.WENNUAN_TEST_ADMIN_URL) {
    await withPg(adminUrl(), async (c) => {
      for (const name of createdDatabases) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
  if (redisPrefixes.length) {
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      for (const prefix of redisPrefixes) {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          cursor = next;
          if (keys.length) await redis.unlink(...keys);
        } while (cursor !== '0');
      }
    } finally {
      redis.disconnect();
    }
  }
});

describe('configuration errors stop the process with one line', () => {
  it('PORT=abc: exit code non-zero, exactly one stderr line, naming PORT', async () => {
    const service = await spawnService({ PORT: 'abc' });
    const exit = await exitWithin(service);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(stderrLines(service)).toHaveLength(1);
    expect(stderrLines(service)[0]).toMatch(/\bPORT\b/);
    expect(service.stdout()).not.toMatch(/Wennuan is running/);
  });

  it('NODE_ENV=production without APP_SECRET: exit code non-zero, one line naming APP_SECRET', async () => {
    const service = await spawnService({ NODE_ENV: 'production', APP_SECRET: undefined, PII_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64') });
    const exit = await exitWithin(service);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(stderrLines(service)).toHaveLength(1);
    expect(stderrLines(service)[0]).toMatch(/\bAPP_SECRET\b/);
  });

  it('NODE_ENV=production with the development PII key: one line naming PII_ENCRYPTION_KEY', async () => {
    const service = await spawnService({ NODE_ENV: 'production', APP_SECRET: 'z'.repeat(48), PII_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') });
    const exit = await exitWithin(service);
    expect(exit.code).not.toBe(0);
    expect(stderrLines(service)).toHaveLength(1);
    expect(stderrLines(service)[0]).toMatch(/\bPII_ENCRYPTION_KEY\b/);
  });
});

describe('a database that does not exist yet', () => {
  it('is created and migrated at start; /health answers 200', async () => {
    const name = freshDatabase();
    expect(await databaseExists(name)).toBe(false);

    const service = await spawnService({ DATABASE_URL: databaseUrl(name), APP_ROLE: 'api' });
    await waitForStart(service);
    const health = await getJson(`${service.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', checks: { postgres: 'up', redis: 'up' } });

    expect(await databaseExists(name)).toBe(true);
    await withPg(databaseUrl(name), async (c) => {
      const migrations = await c.query('SELECT name FROM migrations');
      expect(migrations.rowCount).toBe(builtMigrationCount());
      const donations = await c.query(`SELECT to_regclass('public.donations') AS t`);
      expect(donations.rows[0].t).toBe('donations');
    });

    service.child.kill('SIGTERM');
    await expectCleanExit(service);
  });
});

describe('SIGTERM', () => {
  /**
   * A POST whose headers reach the server now and whose body is sent later, when the test says so.
   * `Expect: 100-continue` makes Node answer "100 Continue" once the request has been handed to
   * the app: from then on the request is in flight on the server.
   */
  interface HeldRequest {
    accepted: Promise<void>;
    response: Promise<{ status: number; body: any }>;
    finish(): void;
  }

  function heldPost(port: number, path: string, payload: unknown): HeldRequest {
    const body = Buffer.from(JSON.stringify(payload));
    const req: ClientRequest = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length), expect: '100-continue' },
    });
    const accepted = new Promise<void>((resolveAccepted, reject) => {
      req.once('continue', () => resolveAccepted());
      req.once('error', reject);
    });
    const response = new Promise<{ status: number; body: any }>((resolveResponse, reject) => {
      req.once('error', reject);
      req.once('response', (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolveResponse({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch (error) {
            reject(new Error(`incomplete or non-JSON response (${res.statusCode}): ${text}`));
          }
        });
      });
    });
    req.flushHeaders();
    return { accepted, response, finish: () => req.end(body) };
  }

  async function staffToken(service: Service): Promise<string> {
    const login = await getJson(`${service.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    return login.body.accessToken;
  }

  async function createCampaign(service: Service, token: string): Promise<string> {
    const code = `lc-${randomUUID().slice(0, 8)}`;
    const res = await getJson(`${service.baseUrl}/api/staff/campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ code, title: `生命周期 ${code}`, receiptPrefix: 'LC' }),
    });
    expect(res.status).toBe(201);
    return code;
  }

  it('lets the requests in flight complete, refuses new ones, and exits 0', async () => {
    const service = await spawnService({ APP_ROLE: 'all' });
    await waitForStart(service);
    const token = await staffToken(service);
    const campaign = await createCampaign(service, token);

    // Five donations in flight: headers in, route matched, body still to come.
    const held = Array.from({ length: 5 }, (_, i) =>
      heldPost(service.port, `/api/campaigns/${campaign}/donations`, { amountFen: 1000 + i, channel: 'sandbox', donorName: '测试' }),
    );
    await Promise.all(held.map((h) => h.accepted));

    service.child.kill('SIGTERM');

    // Shutdown has begun once a new request is turned away (503) or can no longer connect.
    await waitFor(
      'shutdown to begin',
      null,
      async () => {
        try {
          const res = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(5000) });
          await res.text();
          return res.status === 503 ? true : undefined;
        } catch {
          return true; // connection refused: the listener is closed
        }
      },
      15_000,
    );
    expect(service.hasExited()).toBe(false); // it is waiting for the requests in flight

    for (const h of held) h.finish();
    const responses = await Promise.all(held.map((h) => h.response));
    for (const [i, res] of responses.entries()) {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'pending', amountFen: 1000 + i, orderNo: expect.any(String) });
    }

    await expectCleanExit(service);

    // What the answers promised was committed before the process went away.
    const orderNos = responses.map((r) => r.body.orderNo as string);
    await withPg(process.env.WENNUAN_TEST_DATABASE_URL!, async (c) => {
      const rows = await c.query('SELECT order_no, amount_fen FROM donations WHERE order_no = ANY($1) ORDER BY amount_fen', [orderNos]);
      expect(rows.rows.map((r) => Number(r.amount_fen))).toEqual([1000, 1001, 1002, 1003, 1004]);
    });
    expect(stderrLines(service)).toEqual([]);
  });

  it('answers 50 concurrent donations around SIGTERM completely, or not at all (nothing stored without an answer)', async () => {
    const service = await spawnService({ APP_ROLE: 'api' });
    await waitForStart(service);
    const token = await staffToken(service);
    const campaign = await createCampaign(service, token);

    type Result = { amountFen: number; status: number; body?: any; error?: string };
    const started: Array<Promise<Result>> = Array.from({ length: 50 }, (_, i) =>
      fetch(`${service.baseUrl}/api/campaigns/${campaign}/donations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ amountFen: 2000 + i, channel: 'sandbox' }),
        signal: AbortSignal.timeout(30_000),
      }).then(
        async (res) => ({ amountFen: 2000 + i, status: res.status, body: JSON.parse(await res.text()) }),
        (error: Error) => ({ amountFen: 2000 + i, status: 0, error: String((error.cause as Error | undefined)?.message ?? error.message) }),
      ),
    );
    // Once the first answer is back the others are being handled (or still queued): stop now.
    await Promise.race(started);
    service.child.kill('SIGTERM');
    const results = await Promise.all(started);

    const exit = await exitWithin(service);
    expect({ ...exit, stderr: service.stderr() }).toEqual({ code: 0, signal: null, stderr: '' });

    // A complete answer (201 done, or 503 refused while closing), or a connection the service never
    // read: refused, or reset when the listener closed with it still in the kernel's accept queue.
    for (const result of results) {
      if (result.status === 0) expect(result.error).toMatch(/ECONNREFUSED|ECONNRESET|other side closed/);
      else expect([201, 503]).toContain(result.status);
    }
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThan(0);
    for (const r of created) expect(r.body).toMatchObject({ status: 'pending', amountFen: r.amountFen, orderNo: expect.any(String) });

    // Exactly the answered donations exist: none lost after a 201, none made for a request that got no answer.
    await withPg(process.env.WENNUAN_TEST_DATABASE_URL!, async (c) => {
      const rows = await c.query(`SELECT d.amount_fen::int AS amount FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 ORDER BY 1`, [
        campaign,
      ]);
      expect(rows.rows.map((r) => r.amount)).toEqual(created.map((r) => r.amountFen).sort((a, b) => a - b));
    });
  });
});

describe('APP_ROLE', () => {
  it('api: serves HTTP and runs no queue workers', async () => {
    const prefix = ownRedisPrefix('lc-api');
    const service = await spawnService({ APP_ROLE: 'api', REDIS_KEY_PREFIX: prefix });
    await waitForStart(service);
    const health = await getJson(`${service.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', role: 'api' });
    expect(await workerCount(prefix)).toBe(0);

    service.child.kill('SIGTERM');
    await expectCleanExit(service);
  });

  it('all: serves HTTP and runs the queue workers (the control for the two other roles)', async () => {
    const prefix = ownRedisPrefix('lc-all');
    const service = await spawnService({ APP_ROLE: 'all', REDIS_KEY_PREFIX: prefix });
    await waitForStart(service);
    expect((await getJson(`${service.baseUrl}/health`)).body).toMatchObject({ status: 'ok', role: 'all' });
    await waitFor('a donation-maintenance worker in Redis', service, async () => ((await workerCount(prefix)) > 0 ? true : undefined), 15_000);

    service.child.kill('SIGTERM');
    await expectCleanExit(service);
    // The worker let go of Redis when the process stopped.
    expect(await workerCount(prefix)).toBe(0);
  });

  it('worker: runs the queue workers, no HTTP server, and exits 0 on SIGTERM', async () => {
    const prefix = ownRedisPrefix('lc-wrk');
    const service = await spawnService({ APP_ROLE: 'worker', REDIS_KEY_PREFIX: prefix });
    await waitForStart(service, /Wennuan worker started/);
    await waitFor('a donation-maintenance worker in Redis', service, async () => ((await workerCount(prefix)) > 0 ? true : undefined), 15_000);

    const connection = await fetch(`${service.baseUrl}/health`, { signal: AbortSignal.timeout(5000) }).then(
      (res) => `answered ${res.status}`,
      (error: Error) => String((error.cause as Error | undefined)?.message ?? error.message),
    );
    expect(connection).toMatch(/ECONNREFUSED/);

    service.child.kill('SIGTERM');
    await expectCleanExit(service);
    expect(await workerCount(prefix)).toBe(0);
  });
});

describe('two processes started at once on a fresh database', () => {
  it('both come up (database created once, migrations run once under the advisory lock) and answer /health 200', async () => {
    const name = freshDatabase();
    const url = databaseUrl(name);
    const [a, b] = await Promise.all([spawnService({ DATABASE_URL: url, APP_ROLE: 'all' }), spawnService({ DATABASE_URL: url, APP_ROLE: 'api' })]);
    await Promise.all([waitForStart(a), waitForStart(b)]);

    for (const service of [a, b]) {
      const health = await getJson(`${service.baseUrl}/health`);
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
    }
    await withPg(url, async (c) => {
      const migrations = await c.query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
      expect(migrations.rowCount).toBe(builtMigrationCount());
      expect(migrations.rows.every((r) => r.n === 1)).toBe(true);
      // ADMIN_EMAIL: one first admin, although both processes found no staff account at start.
      const admins = await c.query('SELECT count(*)::int AS n FROM staff_users');
      expect(admins.rows[0].n).toBe(1);
    });

    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await Promise.all([exitWithin(a), exitWithin(b)])).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
  });
});

describe('Redis unreachable', () => {
  it('APP_ROLE=api starts anyway; GET /health answers 503 naming Redis down, and SIGTERM still exits 0', async () => {
    const closedPort = await freePort();
    const service = await spawnService({ APP_ROLE: 'api', REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    await waitForStart(service);
    const health = await getJson(`${service.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'unavailable', checks: { postgres: 'up', redis: 'down' } });

    service.child.kill('SIGTERM');
    await expectCleanExit(service);
  });

  it('APP_ROLE=all (runs workers) does not start: exits non-zero with one line naming Redis, instead of hanging', async () => {
    const closedPort = await freePort();
    const service = await spawnService({ APP_ROLE: 'all', REDIS_URL: `redis://:not-to-be-printed@127.0.0.1:${closedPort}` });
    const exit = await exitWithin(service, 45_000);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    const lines = stderrLines(service);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Redis/);
    expect(lines[0]).toContain(`127.0.0.1:${closedPort}`);
    expect(lines[0]).not.toContain('not-to-be-printed');
    expect(service.stdout()).not.toMatch(/Wennuan is running/);
  });

  it('a server that accepts connections and never answers does not hang the start either; SIGTERM meanwhile stops it with one line', async () => {
    // A "Redis" that takes the TCP connection and says nothing: the test sees when the process
    // has reached the point where it waits for Redis, without guessing a delay.
    const sockets = new Set<import('node:net').Socket>();
    const blackHole = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', () => r()));
    const { port } = blackHole.address() as { port: number };
    let connections = 0;
    blackHole.on('connection', () => connections++);
    try {
      const service = await spawnService({ APP_ROLE: 'worker', REDIS_URL: `redis://127.0.0.1:${port}` });
      await waitFor('the worker to try Redis', service, () => (connections > 0 ? true : undefined), 20_000);
      expect(service.hasExited()).toBe(false);
      service.child.kill('SIGTERM');
      const exit = await exitWithin(service, 8_000);
      expect(exit.signal).toBeNull(); // handled, not killed by the signal's default action
      expect(exit.code).not.toBe(0); // it never started
      expect(stderrLines(service)).toEqual([expect.stringMatching(/SIGTERM/)]);

      const silent = await spawnService({ APP_ROLE: 'all', REDIS_URL: `redis://127.0.0.1:${port}` });
      const silentExit = await exitWithin(silent, 45_000);
      expect(silentExit.code).not.toBe(0);
      expect(stderrLines(silent)).toEqual([expect.stringMatching(new RegExp(`Redis at 127\\.0\\.0\\.1:${port}`))]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => blackHole.close(r));
    }
  });
});
