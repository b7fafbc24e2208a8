import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createHttpApp } from '../../src/bootstrap';
import { AppConfig, loadConfig } from '../../src/config/app-config';

export const SANDBOX_SECRET = 'test-sandbox-secret-0123456789';
export const ADMIN_EMAIL = 'admin@test.wennuan';
export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  db: DataSource;
  request(method: string, path: string, init?: { body?: unknown; headers?: Record<string, string>; token?: string; raw?: string }): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** The run's environment from test/global-setup.ts, plus whatever a suite overrides. */
export function testEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const databaseUrl = process.env.WENNUAN_TEST_DATABASE_URL;
  if (!databaseUrl) throw new Error('WENNUAN_TEST_DATABASE_URL is not set: run the e2e tests through jest (test/global-setup.ts)');
  return {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: process.env.WENNUAN_TEST_REDIS_PREFIX,
    PORT: '0',
    HOST: '127.0.0.1',
    SANDBOX_PAYMENT_SECRET: SANDBOX_SECRET,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PUBLIC_WRITE_RATE_LIMIT: '1000000',
    ORDER_LOOKUP_RATE_LIMIT: '1000000',
    CALLBACK_RATE_LIMIT: '1000000',
    STORAGE_DIR: mkdtempSync(join(tmpdir(), 'wennuan-test-')),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...overrides,
  };
}

/**
 * A database and Redis prefix of a suite's own (dropped by `drop()`, and by global teardown if
 * a run dies). Every app's outbox relay sends every pending row of its database to its own Redis
 * prefix, and each app has its own STORAGE_DIR and SMTP settings: suites whose assertions depend
 * on *their* workers doing the work (receipts, imports) must not share either with other suites.
 */
export function isolated(name: string): { env: Record<string, string>; create(): Promise<void>; drop(): Promise<void> } {
  const url = new URL(process.env.WENNUAN_TEST_DATABASE_URL!);
  const database = `${url.pathname.slice(1)}_${name}`;
  url.pathname = `/${database}`;
  const prefix = `${process.env.WENNUAN_TEST_REDIS_PREFIX}-${name}`;
  // The service takes a prefix of at most 40 characters: say so here rather than in every test's failure.
  if (prefix.length > 40) throw new Error(`isolated('${name}'): the Redis prefix ${prefix} is over 40 characters; choose a shorter name`);
  return {
    env: { DATABASE_URL: url.toString(), REDIS_KEY_PREFIX: prefix },
    /** Creates the database empty, for a suite that runs the migrations itself (the app does so at start). */
    create: () => adminQuery(`CREATE DATABASE "${database}"`),
    async drop() {
      if (process.env.KEEP_TEST_DB === 'true') return;
      await adminQuery(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}

/** One statement on the test server's admin connection (CREATE / DROP DATABASE). */
async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.WENNUAN_TEST_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts the real service (the same createHttpApp as main.ts) on a free port. */
export async function startApp(overrides: Record<string, string | undefined> = {}): Promise<TestApp> {
  const config = loadConfig(testEnv(overrides));
  const app = await createHttpApp(config);
  // A suite whose PUBLIC_BASE_URL must be this very address (browser redirects) gives the port it reserved.
  await app.listen({ port: Number(overrides.LISTEN_PORT ?? 0), host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const db = app.get<DataSource>(getDataSourceToken());

  async function request(
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string>; token?: string; raw?: string } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    let body: string | undefined = init.raw;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const response = await fetch(baseUrl + path, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  return {
    app,
    config,
    baseUrl,
    db,
    request,
    close: () => app.close(),
  };
}

export async function login(t: TestApp, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<string> {
  const res = await t.request('POST', '/api/auth/login', { body: { email, password } });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${res.text}`);
  return res.body.accessToken as string;
}

/** A campaign of its own for each suite, so suites running side by side never share totals. */
export async function createCampaign(t: TestApp, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const code = `t-${randomUUID().slice(0, 8)}`;
  const res = await t.request('POST', '/api/staff/campaigns', {
    token,
    body: { code, title: `测试活动 ${code}`, receiptPrefix: 'TS', ...extra },
  });
  if (res.status !== 201) throw new Error(`create campaign failed: ${res.status} ${res.text}`);
  return code;
}

export function signSandbox(raw: string, secret = SANDBOX_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
}

export async function notifySandbox(t: TestApp, payload: Record<string, unknown>, signature?: string): Promise<TestResponse> {
  const raw = JSON.stringify(payload);
  return t.request('POST', '/api/payments/sandbox/notify', {
    raw,
    headers: { 'content-type': 'application/json', 'x-signature': signature ?? signSandbox(raw) },
  });
}

/** The claim token of every donation this test process created through the API (the donor's page keeps it likewise). */
const claimTokens = new Map<string, string>();

/** Remembers the claim token of a creation answer, for receipt requests made later as that donor. */
export function rememberClaimToken(created: TestResponse): TestResponse {
  const body = created.body as { orderNo?: unknown; claimToken?: unknown } | undefined;
  if (typeof body?.orderNo === 'string' && typeof body.claimToken === 'string') claimTokens.set(body.orderNo, body.claimToken);
  return created;
}

export function claimTokenFor(orderNo: string): string {
  const token = claimTokens.get(orderNo);
  if (!token) throw new Error(`no claim token remembered for ${orderNo}`);
  return token;
}

/** A receipt request body as the donor's page sends it: with the claim token of the order it names. */
export function asDonor<T extends Record<string, unknown>>(body: T): T & { claimToken?: string } {
  const orderNo = typeof body.orderNo === 'string' ? body.orderNo : undefined;
  const token = orderNo ? claimTokens.get(orderNo) : undefined;
  return token && body.claimToken === undefined ? { ...body, claimToken: token } : body;
}

export async function createDonation(t: TestApp, campaignCode: string, body: Record<string, unknown> = {}, key?: string): Promise<TestResponse> {
  const created = await t.request('POST', `/api/campaigns/${campaignCode}/donations`, {
    body: { amountFen: 10000, channel: 'sandbox', ...body },
    headers: key ? { 'idempotency-key': key } : {},
  });
  return rememberClaimToken(created);
}

/**
 * A paid sandbox gift, as a donor gives it: the order created through the API (its claim token
 * remembered), then the provider's signed notification. Fails the test with the answer when either step
 * is refused. Returns the order number.
 */
export async function paySandbox(
  t: TestApp,
  campaignCode: string,
  amountFen: number,
  body: Record<string, unknown> = {},
  { paidAt = new Date().toISOString(), transactionId }: { paidAt?: string; transactionId?: string } = {},
): Promise<string> {
  const created = await createDonation(t, campaignCode, { amountFen, ...body });
  if (created.status !== 201) throw new Error(`creating the donation answered ${created.status}: ${JSON.stringify(created.body)}`);
  const orderNo = (created.body as { orderNo: string }).orderNo;
  const paid = await notifySandbox(t, { orderNo, transactionId: transactionId ?? `SBX-${orderNo}`, amountFen, paidAt });
  if (paid.status !== 200) throw new Error(`the sandbox notification for ${orderNo} answered ${paid.status}: ${JSON.stringify(paid.body)}`);
  return orderNo;
}

export async function countRows(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await t.db.query(sql, params);
  return Number(rows[0].count);
}
