import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { PNG } from 'pngjs';
import { idNumberCheckChar } from '../src/common/id-number';
import { PiiCipher } from '../src/common/pii-cipher';
import { HousekeepingService } from '../src/jobs/housekeeping.service';
import { currentTotp } from '../src/staff/auth/totp';
import { TotalsStreamHub } from '../src/totals/totals-stream.hub';
import { FakeWechatPay, signAsWechat, startFakeWechatPay, successNotification, wechatKeys } from './support/fake-wechatpay';
import { LoopbackResponse, openStreamFrom, OpenStream, requestFrom, slowHeadersFrom } from './support/loopback-client';
import { ensureBuilt, freePort, spawnService } from './support/service-process';
import { eventually } from './support/smtp-sink';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  countRows,
  createCampaign,
  createDonation,
  isolated,
  login,
  notifySandbox,
  SANDBOX_SECRET,
  signSandbox,
  startApp,
  TestApp,
  TestResponse,
  testEnv,
  paySandbox,
  claimTokenFor,
} from './support/test-app';
import { repeatedRows, statementRows, xlsx } from './support/zip-bomb';

/**
 * Malformed and hostile input against the public write endpoints. Every case must be answered
 * 4xx with the stable `code` of the contract in `{ statusCode, code, message }` (never 500, never a
 * stack), and must leave nothing stored: the donations and payments of this suite's own campaigns
 * (no other suite writes to them) are counted before and after each request.
 */

interface Req {
  method?: string;
  path: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  token?: string;
}

const DONATIONS_OF = 'SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1';
const PAYMENTS_OF = 'SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1';
const CAMPAIGNS_WITH_CODE = 'SELECT count(*) FROM campaigns WHERE code = $1';
const HAN = /[\u4e00-\u9fff]/;

// The e2e project's testTimeout is not applied to hooks here; starting the service can take a while under load.
jest.setTimeout(60_000);

describe('hostile inputs against the public write endpoints', () => {
  let t: TestApp;
  let admin: string;
  /** Campaigns of this suite only: active, ended, not yet started. */
  let active: string;
  let ended: string;
  let upcoming: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    active = await createCampaign(t, admin);
    ended = await createCampaign(t, admin, { startsAt: '2020-01-01T00:00:00+08:00', endsAt: '2020-03-31T23:59:59+08:00' });
    upcoming = await createCampaign(t, admin, { startsAt: '2099-01-01T00:00:00+08:00' });
  });
  afterAll(() => t.close());

  async function ledger(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const code of [active, ended, upcoming]) {
      counts[`donations:${code}`] = await countRows(t, DONATIONS_OF, [code]);
      counts[`payments:${code}`] = await countRows(t, PAYMENTS_OF, [code]);
    }
    return counts;
  }

  function send(req: Req): Promise<TestResponse> {
    return t.request(req.method ?? 'POST', req.path, { body: req.body, raw: req.raw, headers: req.headers, token: req.token });
  }

  /** The public error shape, with a readable (Chinese) message and nothing of the server's insides. */
  function expectError(res: TestResponse, status: number, code: string): void {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ statusCode: status, code, message: expect.any(String) });
    expect(res.body.message).toMatch(HAN);
    expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['code', 'message', 'statusCode']));
    expect(Object.keys(res.body).filter((k) => !['statusCode', 'code', 'message', 'details'].includes(k))).toEqual([]);
    expect(res.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|QueryFailedError|TypeError|RangeError/);
  }

  /** Sends the request and asserts the error and that nothing was stored. */
  async function refused(req: Req, status: number, code: string): Promise<TestResponse> {
    const before = await ledger();
    const res = await send(req);
    expectError(res, status, code);
    expect(await ledger()).toEqual(before);
    return res;
  }

  const donate =
    (code: () => string, init: Omit<Req, 'path'> = {}): (() => Req) =>
    () => ({ path: `/api/campaigns/${code()}/donations`, ...init });
  const good = { amountFen: 10000, channel: 'sandbox' };

  describe('POST /api/campaigns/:code/donations: the body', () => {
    const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    it.each<[string, () => Req, number, string]>([
      ['amountFen 0', donate(() => active, { body: { ...good, amountFen: 0 } }), 422, 'INVALID_AMOUNT'],
      ['amountFen -1', donate(() => active, { body: { ...good, amountFen: -1 } }), 422, 'INVALID_AMOUNT'],
      ['amountFen 1.5 (not whole fen)', donate(() => active, { body: { ...good, amountFen: 1.5 } }), 400, 'VALIDATION_FAILED'],
      ['amountFen 0.1 + 0.2 yuan-style float', donate(() => active, { body: { ...good, amountFen: 0.1 + 0.2 } }), 400, 'VALIDATION_FAILED'],
      ['amountFen "100" (string)', donate(() => active, { body: { ...good, amountFen: '100' } }), 400, 'VALIDATION_FAILED'],
      ['amountFen 100000001 (over 1,000,000.00 yuan)', donate(() => active, { body: { ...good, amountFen: 100000001 } }), 422, 'INVALID_AMOUNT'],
      [
        'amountFen 1e20',
        donate(() => active, { raw: '{"amountFen":1e20,"channel":"sandbox"}', headers: { 'content-type': 'application/json' } }),
        422,
        'INVALID_AMOUNT',
      ],
      [
        'amountFen 2^53 + 1 (beyond safe integers)',
        donate(() => active, { raw: '{"amountFen":9007199254740993,"channel":"sandbox"}', headers: { 'content-type': 'application/json' } }),
        422,
        'INVALID_AMOUNT',
      ],
      [
        'amountFen 1e400 (Infinity once parsed)',
        donate(() => active, { raw: '{"amountFen":1e400,"channel":"sandbox"}', headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'amountFen NaN (not JSON)',
        donate(() => active, { raw: '{"amountFen":NaN,"channel":"sandbox"}', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      ],
      ['amountFen null', donate(() => active, { body: { ...good, amountFen: null } }), 400, 'VALIDATION_FAILED'],
      ['amountFen true', donate(() => active, { body: { ...good, amountFen: true } }), 400, 'VALIDATION_FAILED'],
      ['amountFen [10000]', donate(() => active, { body: { ...good, amountFen: [10000] } }), 400, 'VALIDATION_FAILED'],
      ['amountFen {"$gt":0}', donate(() => active, { body: { ...good, amountFen: { $gt: 0 } } }), 400, 'VALIDATION_FAILED'],
      ['amountFen missing', donate(() => active, { body: { channel: 'sandbox' } }), 400, 'VALIDATION_FAILED'],
      ['channel unknown', donate(() => active, { body: { ...good, channel: 'paypal' } }), 400, 'VALIDATION_FAILED'],
      ['channel missing', donate(() => active, { body: { amountFen: 10000 } }), 400, 'VALIDATION_FAILED'],
      ['channel in other case', donate(() => active, { body: { ...good, channel: 'SANDBOX' } }), 400, 'VALIDATION_FAILED'],
      ['unknown extra field', donate(() => active, { body: { ...good, status: 'paid' } }), 400, 'VALIDATION_FAILED'],
      ['unknown nested extra field', donate(() => active, { body: { ...good, payment: { provider: 'sandbox', paid: true } } }), 400, 'VALIDATION_FAILED'],
      ['anonymous "true" (string)', donate(() => active, { body: { ...good, anonymous: 'true' } }), 400, 'VALIDATION_FAILED'],
      ['showOnWall 1', donate(() => active, { body: { ...good, showOnWall: 1 } }), 400, 'VALIDATION_FAILED'],
      ['donorName of 51 characters', donate(() => active, { body: { ...good, donorName: '张'.repeat(51) } }), 400, 'VALIDATION_FAILED'],
      ['donorName a number', donate(() => active, { body: { ...good, donorName: 12345 } }), 400, 'VALIDATION_FAILED'],
      ['donorName an object', donate(() => active, { body: { ...good, donorName: { toString: 'x' } } }), 400, 'VALIDATION_FAILED'],
      ['message of 201 characters', donate(() => active, { body: { ...good, message: '加'.repeat(201) } }), 400, 'VALIDATION_FAILED'],
      ['phone invalid', donate(() => active, { body: { ...good, phone: '12345678901' } }), 422, 'INVALID_PHONE'],
      ['phone with letters', donate(() => active, { body: { ...good, phone: '1380013800a' } }), 422, 'INVALID_PHONE'],
      // A NUL anywhere in a body is refused before any field rule (issue 14, finding 8).
      ['phone with a NUL byte', donate(() => active, { body: { ...good, phone: '1380013\u00008000' } }), 400, 'VALIDATION_FAILED'],
      ['phone too long', donate(() => active, { body: { ...good, phone: '1'.repeat(21) } }), 400, 'VALIDATION_FAILED'],
      ['phone a number', donate(() => active, { body: { ...good, phone: 13800138000 } }), 400, 'VALIDATION_FAILED'],
      [
        'non-JSON body sent as application/json',
        donate(() => active, { raw: 'amountFen=10000&channel=sandbox', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'truncated JSON',
        donate(() => active, { raw: '{"amountFen":10000,"channel":"sand', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      ],
      ['empty body sent as application/json', donate(() => active, { raw: '', headers: { 'content-type': 'application/json' } }), 400, 'MALFORMED_JSON'],
      ['no body at all', donate(() => active, {}), 400, 'VALIDATION_FAILED'],
      ['JSON array', donate(() => active, { body: [good] }), 400, 'VALIDATION_FAILED'],
      ['JSON null', donate(() => active, { raw: 'null', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED'],
      ['JSON string', donate(() => active, { raw: '"amountFen"', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED'],
      ['JSON number', donate(() => active, { raw: '10000', headers: { 'content-type': 'application/json' } }), 400, 'VALIDATION_FAILED'],
      [
        'prototype pollution through __proto__',
        donate(() => active, { raw: '{"amountFen":10000,"channel":"sandbox","__proto__":{"isAdmin":true}}', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'prototype pollution through constructor.prototype',
        donate(() => active, {
          raw: '{"amountFen":10000,"channel":"sandbox","constructor":{"prototype":{"isAdmin":true}}}',
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'deeply nested arrays under an unknown field',
        donate(() => active, { raw: `{"amountFen":10000,"channel":"sandbox","x":${deep(20000)}}`, headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        '300,000 nested arrays (just under 1 MB)',
        donate(() => active, { raw: `{"amountFen":10000,"channel":"sandbox","x":${deep(300000)}}`, headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'deeply nested objects as channel',
        donate(() => active, {
          raw: `{"amountFen":10000,"channel":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
          headers: { 'content-type': 'application/json' },
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'deeply nested arrays as donorName',
        donate(() => active, { raw: `{"amountFen":10000,"channel":"sandbox","donorName":${deep(20000)}}`, headers: { 'content-type': 'application/json' } }),
        400,
        'VALIDATION_FAILED',
      ],
      ['text/plain body', donate(() => active, { raw: JSON.stringify(good), headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        'form-encoded body',
        donate(() => active, { raw: 'amountFen=10000&channel=sandbox', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'XML body',
        donate(() => active, { raw: '<donation><amountFen>10000</amountFen></donation>', headers: { 'content-type': 'application/xml' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'body over 1 MB',
        donate(() => active, { raw: JSON.stringify({ ...good, message: 'x'.repeat(1024 * 1024 + 10) }), headers: { 'content-type': 'application/json' } }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ])('%s → refused, nothing stored', async (_label, req, status, code) => {
      await refused(req(), status, code);
    });

    it('refuses a body without a content type (415 UNSUPPORTED_MEDIA_TYPE), nothing stored', async () => {
      const before = await ledger();
      const response = await fetch(`${t.baseUrl}/api/campaigns/${active}/donations`, { method: 'POST', body: new Blob([JSON.stringify(good)]) });
      const text = await response.text();
      const res: TestResponse = { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(await ledger()).toEqual(before);
    });
  });

  describe('POST /api/campaigns/:code/donations: headers, campaign and channel', () => {
    it.each<[string, () => Req, number, string]>([
      ['Idempotency-Key too short', donate(() => active, { body: good, headers: { 'idempotency-key': 'abc' } }), 400, 'INVALID_IDEMPOTENCY_KEY'],
      ['Idempotency-Key empty', donate(() => active, { body: good, headers: { 'idempotency-key': '' } }), 400, 'INVALID_IDEMPOTENCY_KEY'],
      [
        'Idempotency-Key of 129 characters',
        donate(() => active, { body: good, headers: { 'idempotency-key': 'k'.repeat(129) } }),
        400,
        'INVALID_IDEMPOTENCY_KEY',
      ],
      [
        'Idempotency-Key with non-ASCII',
        donate(() => active, { body: good, headers: { 'idempotency-key': 'schlüssel-0123456789' } }),
        400,
        'INVALID_IDEMPOTENCY_KEY',
      ],
      [
        'Idempotency-Key with spaces',
        donate(() => active, { body: good, headers: { 'idempotency-key': 'key with spaces 123' } }),
        400,
        'INVALID_IDEMPOTENCY_KEY',
      ],
      [
        'Idempotency-Key with SQL',
        donate(() => active, { body: good, headers: { 'idempotency-key': "x' OR '1'='1'; DROP TABLE donations;--" } }),
        400,
        'INVALID_IDEMPOTENCY_KEY',
      ],
      ['unknown campaign', donate(() => 'no-such-campaign', { body: good }), 404, 'CAMPAIGN_NOT_FOUND'],
      ['campaign code in capitals', donate(() => active.toUpperCase(), { body: good }), 404, 'CAMPAIGN_NOT_FOUND'],
      ['SQL in the campaign code', donate(() => encodeURIComponent("x' OR '1'='1"), { body: good }), 404, 'CAMPAIGN_NOT_FOUND'],
      ['NUL byte in the campaign code', donate(() => '%00', { body: good }), 400, 'VALIDATION_FAILED'],
      ['very long campaign code (300 characters)', donate(() => 'a'.repeat(300), { body: good }), 404, 'CAMPAIGN_NOT_FOUND'],
      ['campaign that has ended', donate(() => ended, { body: good }), 422, 'CAMPAIGN_NOT_ACTIVE'],
      [
        'campaign that has ended, with an Idempotency-Key',
        donate(() => ended, { body: good, headers: { 'idempotency-key': `key-${randomUUID()}` } }),
        422,
        'CAMPAIGN_NOT_ACTIVE',
      ],
      ['campaign not yet started', donate(() => upcoming, { body: good }), 422, 'CAMPAIGN_NOT_ACTIVE'],
      ['channel wechatpay while it is disabled', donate(() => active, { body: { ...good, channel: 'wechatpay' } }), 422, 'PAYMENT_CHANNEL_DISABLED'],
      [
        'channel wechatpay while disabled, with an Idempotency-Key',
        donate(() => active, { body: { ...good, channel: 'wechatpay' }, headers: { 'idempotency-key': `key-${randomUUID()}` } }),
        422,
        'PAYMENT_CHANNEL_DISABLED',
      ],
    ])('%s → refused, nothing stored', async (_label, req, status, code) => {
      await refused(req(), status, code);
    });

    it('a key refused once stays unused: the same key then works for a good request', async () => {
      const key = `key-${randomUUID()}`;
      await refused(
        { path: `/api/campaigns/${active}/donations`, body: { ...good, channel: 'wechatpay' }, headers: { 'idempotency-key': key } },
        422,
        'PAYMENT_CHANNEL_DISABLED',
      );
      expect(await countRows(t, 'SELECT count(*) FROM donations WHERE idempotency_key = $1', [key])).toBe(0);
      const ok = await createDonation(t, active, { amountFen: 321 }, key);
      expect(ok.status).toBe(201);
      expect(await countRows(t, 'SELECT count(*) FROM donations WHERE idempotency_key = $1', [key])).toBe(1);
    });
  });

  describe('donor-typed text with control characters and markup', () => {
    // No NUL here: a NUL in a body is refused outright (see the issue 14 blocks below); the rest is cleaned.
    const hostileName = '<script>alert(1)</script>\u202E\u200B张\uD800三\u0007\u001B';
    const hostileMessage = '<img src=x onerror=alert(2)>\r\n加油\u0008\uFEFF';

    it('is stored without control characters and never reflected raw in a page or the wall', async () => {
      const before = await countRows(t, DONATIONS_OF, [active]);
      const created = await createDonation(t, active, { amountFen: 12300, donorName: hostileName, message: hostileMessage, showOnWall: true });
      // Refusing it would be fine as well, with nothing stored; accepting it must store it harmlessly.
      if (created.status !== 201) {
        expectError(created, created.status, created.body?.code);
        expect(created.status).toBeGreaterThanOrEqual(400);
        expect(created.status).toBeLessThan(500);
        expect(await countRows(t, DONATIONS_OF, [active])).toBe(before);
        return;
      }
      expect(await countRows(t, DONATIONS_OF, [active])).toBe(before + 1);
      const { orderNo } = created.body;
      expect(created.text).not.toContain('<script>');
      const [row] = await t.db.query('SELECT donor_name, message FROM donations WHERE order_no = $1', [orderNo]);
      for (const stored of [row.donor_name, row.message]) {
        expect(stored).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\uFEFF]/);
        expect(stored).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(stored).toBe(stored.normalize('NFC'));
      }
      expect(row.donor_name).toBe('<script>alert(1)</script>张三');
      expect(row.message).toBe('<img src=x onerror=alert(2)>加油');

      const raw = JSON.stringify({ orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 12300, paidAt: new Date().toISOString() });
      const paid = await t.request('POST', '/api/payments/sandbox/notify', {
        raw,
        headers: { 'content-type': 'application/json', 'x-signature': signSandbox(raw) },
      });
      expect(paid.status).toBe(200);

      for (const path of [`/pay/sandbox/${orderNo}`, `/donations/${orderNo}`, `/donate/${active}`]) {
        const page = await t.request('GET', path);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.text).not.toContain('<script>alert');
        expect(page.text).not.toContain('<img src=x');
        expect(page.text).not.toContain('onerror=alert');
      }
      const publicView = await t.request('GET', `/api/donations/${orderNo}`);
      expect(publicView.text).not.toContain('<script>');
      const wall = await t.request('GET', `/api/campaigns/${active}/wall`);
      expect(wall.status).toBe(200);
      expect(wall.text).not.toContain('<script>');
      expect(wall.text).not.toContain('alert(1)');
    });

    it('escapes a hostile campaign code reflected in a page', async () => {
      const res = await t.request('GET', `/donate/${encodeURIComponent('<script>alert(1)</script>')}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('<script>alert');
    });
  });

  describe('POST /api/payments/sandbox/notify with a valid signature', () => {
    async function pendingOrder(amountFen = 4321): Promise<string> {
      const res = await createDonation(t, active, { amountFen });
      expect(res.status).toBe(201);
      return res.body.orderNo;
    }
    const signed = (raw: string, contentType = 'application/json'): Req => ({
      path: '/api/payments/sandbox/notify',
      raw,
      headers: { 'content-type': contentType, 'x-signature': signSandbox(raw) },
    });
    const now = () => new Date().toISOString();

    it.each<[string, (orderNo: string) => Req, number, string]>([
      ['invalid JSON', (o) => signed(`{"orderNo":"${o}","transactionId":"SBX-1",`), 400, 'MALFORMED_JSON'],
      ['empty body', () => signed(''), 400, 'MALFORMED_JSON'],
      ['JSON null', () => signed('null'), 400, 'VALIDATION_FAILED'],
      [
        'JSON array',
        (o) => signed(JSON.stringify([{ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now() }])),
        400,
        'VALIDATION_FAILED',
      ],
      ['missing transactionId', (o) => signed(JSON.stringify({ orderNo: o, amountFen: 4321, paidAt: now() })), 400, 'VALIDATION_FAILED'],
      ['missing amountFen', (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, paidAt: now() })), 400, 'VALIDATION_FAILED'],
      ['missing paidAt', (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321 })), 400, 'VALIDATION_FAILED'],
      [
        'amountFen as a string',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: '4321', paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'amountFen as yuan with decimals',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 43.21, paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'amountFen 1e20',
        (o) => signed(`{"orderNo":"${o}","transactionId":"SBX-${randomUUID()}","amountFen":1e20,"paidAt":"${now()}"}`),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'amountFen negative',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: -4321, paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'paidAt not a date',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: 'yesterday' })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'paidAt an ISO week date',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: '2026-W48' })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'paidAt 30 February',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: '2026-02-30T10:00:00+08:00' })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'paidAt in year 0000',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: '0000-01-01T00:00:00Z' })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'transactionId with spaces',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: 'SBX 1', amountFen: 4321, paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'orderNo with a NUL byte',
        (o) => signed(JSON.stringify({ orderNo: `${o}\u0000`, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'orderNo a number',
        () => signed(JSON.stringify({ orderNo: 12345, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now() })),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'orderNo SQL-looking, well-formed otherwise',
        () => signed(JSON.stringify({ orderNo: "TS2026'--", transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now() })),
        404,
        'ORDER_NOT_FOUND',
      ],
      [
        'prototype pollution',
        (o) => signed(`{"orderNo":"${o}","transactionId":"SBX-${randomUUID()}","amountFen":4321,"paidAt":"${now()}","__proto__":{"applied":true}}`),
        400,
        'MALFORMED_JSON',
      ],
      [
        'text/plain content type',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now() }), 'text/plain'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'body over 1 MB',
        (o) => signed(JSON.stringify({ orderNo: o, transactionId: `SBX-${randomUUID()}`, amountFen: 4321, paidAt: now(), pad: 'x'.repeat(1024 * 1024) })),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ])('%s → refused, the order stays pending, nothing paid', async (_label, req, status, code) => {
      const orderNo = await pendingOrder();
      await refused(req(orderNo), status, code);
      const [row] = await t.db.query('SELECT status, paid_at FROM donations WHERE order_no = $1', [orderNo]);
      expect(row).toEqual({ status: 'pending', paid_at: null });
      expect(await countRows(t, 'SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1', [orderNo])).toBe(0);
    });
  });

  describe('POST /api/auth/login', () => {
    const loginWith = (init: Omit<Req, 'path'>): Req => ({ path: '/api/auth/login', ...init });
    it.each<[string, Req, number, string]>([
      ['missing password', loginWith({ body: { email: 'admin@test.wennuan' } }), 400, 'VALIDATION_FAILED'],
      ['missing email', loginWith({ body: { password: 'whatever-password' } }), 400, 'VALIDATION_FAILED'],
      ['email a number', loginWith({ body: { email: 12345, password: 'whatever-password' } }), 400, 'VALIDATION_FAILED'],
      ['email an array', loginWith({ body: { email: ['admin@test.wennuan'], password: 'whatever-password' } }), 400, 'VALIDATION_FAILED'],
      ['email an operator object', loginWith({ body: { email: { $ne: null }, password: 'whatever-password' } }), 400, 'VALIDATION_FAILED'],
      ['password a boolean', loginWith({ body: { email: 'admin@test.wennuan', password: true } }), 400, 'VALIDATION_FAILED'],
      ['email with a NUL byte', loginWith({ body: { email: 'admin@test.wennuan\u0000', password: 'whatever-password' } }), 400, 'VALIDATION_FAILED'],
      ['password over 200 characters', loginWith({ body: { email: 'admin@test.wennuan', password: 'p'.repeat(201) } }), 400, 'VALIDATION_FAILED'],
      ['extra field', loginWith({ body: { email: 'admin@test.wennuan', password: 'whatever-password', role: 'admin' } }), 400, 'VALIDATION_FAILED'],
      [
        'malformed JSON',
        loginWith({ raw: '{"email":"admin@test.wennuan","password":', headers: { 'content-type': 'application/json' } }),
        400,
        'MALFORMED_JSON',
      ],
      [
        'form-encoded body',
        loginWith({ raw: 'email=admin%40test.wennuan&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['SQL in the email', loginWith({ body: { email: "' OR 1=1 --", password: "' OR 1=1 --" } }), 401, 'INVALID_CREDENTIALS'],
    ])('%s → refused', async (_label, req, status, code) => {
      const res = await refused(req, status, code);
      expect(res.body.accessToken).toBeUndefined();
    });
  });

  describe('POST /api/staff/campaigns (as admin)', () => {
    const campaign = (extra: Record<string, unknown>, code = `t-${randomUUID().slice(0, 8)}`) => ({
      code,
      title: '恶意输入测试',
      receiptPrefix: 'HX',
      ...extra,
    });
    it.each<[string, Record<string, unknown>, number, string]>([
      ['receiptPrefix in lower case "wh"', campaign({ receiptPrefix: 'wh' }), 400, 'VALIDATION_FAILED'],
      ['receiptPrefix too long "TOOLONGPREFIX"', campaign({ receiptPrefix: 'TOOLONGPREFIX' }), 400, 'VALIDATION_FAILED'],
      ['receiptPrefix with a digit "W1"', campaign({ receiptPrefix: 'W1' }), 400, 'VALIDATION_FAILED'],
      ['receiptPrefix of one letter', campaign({ receiptPrefix: 'W' }), 400, 'VALIDATION_FAILED'],
      ['receiptPrefix missing', { code: `t-${randomUUID().slice(0, 8)}`, title: '恶意输入测试' }, 400, 'VALIDATION_FAILED'],
      ['endsAt before startsAt', campaign({ startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-02-01T00:00:00+08:00' }), 422, 'INVALID_CAMPAIGN_DATES'],
      ['endsAt equal to startsAt', campaign({ startsAt: '2026-03-01T00:00:00+08:00', endsAt: '2026-03-01T00:00:00+08:00' }), 422, 'INVALID_CAMPAIGN_DATES'],
      ['startsAt not a date', campaign({ startsAt: 'next monday' }), 400, 'VALIDATION_FAILED'],
      ['startsAt 30 February', campaign({ startsAt: '2026-02-30T00:00:00+08:00' }), 400, 'VALIDATION_FAILED'],
      ['startsAt in year 0000', campaign({ startsAt: '0000-01-01T00:00:00Z' }), 400, 'VALIDATION_FAILED'],
      ['startsAt an ISO week date', campaign({ startsAt: '2026-W01' }), 400, 'VALIDATION_FAILED'],
      ['startsAt in basic format', campaign({ startsAt: '20260101' }), 400, 'VALIDATION_FAILED'],
      ['startsAt a number', campaign({ startsAt: 1767225600000 }), 400, 'VALIDATION_FAILED'],
      ['startsAt before 1970', campaign({ startsAt: '1969-12-31T23:59:59Z' }), 422, 'INVALID_CAMPAIGN_DATES'],
      ['endsAt past year 9999 in UTC', campaign({ endsAt: '9999-12-31T23:59:59-12:00' }), 422, 'INVALID_CAMPAIGN_DATES'],
      ['goalFen 1.5', campaign({ goalFen: 1.5 }), 400, 'VALIDATION_FAILED'],
      ['goalFen "100" (string)', campaign({ goalFen: '100' }), 400, 'VALIDATION_FAILED'],
      ['goalFen 0', campaign({ goalFen: 0 }), 400, 'VALIDATION_FAILED'],
      ['receiptThresholdFen -1', campaign({ receiptThresholdFen: -1 }), 400, 'VALIDATION_FAILED'],
      ['code with capitals and SQL', campaign({}, "X'; DROP TABLE campaigns;--"), 400, 'VALIDATION_FAILED'],
      ['title empty', campaign({ title: '' }), 400, 'VALIDATION_FAILED'],
      ['title with a NUL byte', campaign({ title: '温暖\u0000武汉' }), 400, 'VALIDATION_FAILED'],
      ['title of 201 characters', campaign({ title: '暖'.repeat(201) }), 400, 'VALIDATION_FAILED'],
      ['organisation with a NUL byte', campaign({ organisation: '温暖基金会\u0000' }), 400, 'VALIDATION_FAILED'],
      ['unknown extra field', campaign({ totalFen: 999999 }), 400, 'VALIDATION_FAILED'],
    ])('%s → refused, no campaign stored', async (_label, body, status, code) => {
      const res = await refused({ path: '/api/staff/campaigns', body, token: admin }, status, code);
      expect(res.body.code).toBe(code);
      if (typeof body.code === 'string') expect(await countRows(t, CAMPAIGNS_WITH_CODE, [body.code])).toBe(0);
    });

    it('refuses without a token (401 UNAUTHENTICATED), no campaign stored', async () => {
      const body = campaign({});
      await refused({ path: '/api/staff/campaigns', body }, 401, 'UNAUTHENTICATED');
      expect(await countRows(t, CAMPAIGNS_WITH_CODE, [body.code])).toBe(0);
    });

    it('refuses a forged token (401 UNAUTHENTICATED), no campaign stored', async () => {
      const body = campaign({});
      const forged = 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIiwidmVyIjowfQ.';
      await refused({ path: '/api/staff/campaigns', body, token: forged }, 401, 'UNAUTHENTICATED');
      expect(await countRows(t, CAMPAIGNS_WITH_CODE, [body.code])).toBe(0);
    });
  });

  describe('GET /api/donations/:orderNo', () => {
    it.each<[string, string]>([
      ['SQL-looking order number', encodeURIComponent("TS20261123000000000' OR '1'='1")],
      ['SQL UNION', encodeURIComponent('x UNION SELECT * FROM donations--')],
      ['percent-encoded path traversal', '..%2F..%2Fhealth'],
      ['very long order number (90 characters)', 'A'.repeat(90)],
      ['very long order number (2000 characters)', 'A'.repeat(2000)],
    ])('%s → 404 ORDER_NOT_FOUND', async (_label, orderNo) => {
      await refused({ method: 'GET', path: `/api/donations/${orderNo}` }, 404, 'ORDER_NOT_FOUND');
    });

    it('answers a path parameter longer than any route allows with 414 URI_TOO_LONG', async () => {
      await refused({ method: 'GET', path: `/api/donations/${'A'.repeat(5000)}` }, 414, 'URI_TOO_LONG');
      await refused({ path: `/api/campaigns/${'a'.repeat(5000)}/donations`, body: good }, 414, 'URI_TOO_LONG');
    });

    it('answers a malformed percent-encoding with 400 MALFORMED_URL', async () => {
      await refused({ method: 'GET', path: '/api/donations/%E0%A4%A' }, 400, 'MALFORMED_URL');
      await refused({ path: '/api/campaigns/%E0%A4%A/donations', body: good }, 400, 'MALFORMED_URL');
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14, finding 5: connection exhaustion. Loopback source addresses are different clients
// (TRUST_PROXY=false): 127.0.0.2 is the greedy one, 127.0.0.3 and up are everyone else.
// ---------------------------------------------------------------------------------------------
describe('issue 14 (5): one client cannot take the connections away from the others', () => {
  const GREEDY = '127.0.0.2';
  const OTHER = '127.0.0.3';
  let t: TestApp;
  let campaign: string;
  const open: OpenStream[] = [];

  beforeAll(async () => {
    // MAX_STREAMS low enough to reach in a test; the default is derived from `ulimit -n` (20,000 here: 18,000).
    t = await startApp({ MAX_STREAMS: '70', HTTP_HEADERS_TIMEOUT_SECONDS: '2' });
    campaign = await createCampaign(t, await login(t));
  });
  afterEach(async () => {
    open.splice(0).forEach((s) => s.close());
    // The server sees the closes a moment later; the next test starts from no open stream.
    const hub = t.app.get(TotalsStreamHub);
    await eventuallyTrue(async () => hub.openStreams === 0);
  });
  afterAll(() => t.close());

  const streamPath = () => `/api/campaigns/${campaign}/totals/stream`;
  async function stream(from: string): Promise<OpenStream> {
    const s = await openStreamFrom(from, t.baseUrl, streamPath());
    open.push(s);
    return s;
  }
  function expectRefusal(res: { status: number; headers: Record<string, unknown>; body: any }, status: number, code: string): void {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.body).toMatchObject({ statusCode: status, code, message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  }
  async function othersStillServed(from: string): Promise<void> {
    const health: LoopbackResponse = await requestFrom(from, t.baseUrl, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const donation = await requestFrom(from, t.baseUrl, 'POST', `/api/campaigns/${campaign}/donations`, { body: { amountFen: 5000, channel: 'sandbox' } });
    expect(donation.status).toBe(201);
    expect(donation.body.orderNo).toEqual(expect.any(String));
  }

  it('MAX_STREAMS_PER_CLIENT (50) streams per address: the 51st is 429 TOO_MANY_STREAMS with Retry-After; other addresses keep working', async () => {
    const mine = await Promise.all(Array.from({ length: 50 }, () => stream(GREEDY)));
    expect(mine.map((s) => s.status)).toEqual(Array(50).fill(200));
    expectRefusal(await stream(GREEDY), 429, 'TOO_MANY_STREAMS');
    // A burst cannot slip past the cap either: each request takes its place before reading the totals.
    const burst = await Promise.all(Array.from({ length: 10 }, () => stream(GREEDY)));
    expect(burst.map((s) => s.status)).toEqual(Array(10).fill(429));

    const theirs = await stream(OTHER);
    expect(theirs.status).toBe(200);
    await othersStillServed(OTHER);

    // Closing one of its streams gives the greedy address one place back.
    mine[0].close();
    await eventuallyTrue(async () => (await stream(GREEDY)).status === 200);
  });

  it('past MAX_STREAMS for the process: a clean 503 SERVER_BUSY in the error shape, while /health and donations still work', async () => {
    // 50 from one address, 19 from the next: 69 of 70.
    await Promise.all(Array.from({ length: 50 }, () => stream(GREEDY)));
    await Promise.all(Array.from({ length: 19 }, () => stream(OTHER)));
    expect((await stream('127.0.0.4')).status).toBe(200);
    const refused = await stream('127.0.0.5');
    expectRefusal(refused, 503, 'SERVER_BUSY');
    await othersStillServed('127.0.0.5');
    await othersStillServed(OTHER);
  });

  it('2,000 slow-header connections from one address are cut (at once past MAX_CONNECTIONS_PER_CLIENT, else by the headers timeout); others are served meanwhile', async () => {
    const slow = Array.from({ length: 2000 }, () => slowHeadersFrom(GREEDY, t.baseUrl));
    try {
      await Promise.all(
        slow.map(
          (c) => new Promise<void>((resolve) => (c.socket.connecting ? c.socket.once('connect', () => resolve()).once('close', () => resolve()) : resolve())),
        ),
      );
      await othersStillServed(OTHER);
      await othersStillServed('127.0.0.4');
      // Every one of them is closed by the server, none by us.
      await Promise.all(slow.map((c) => c.closed));
      const timedOut = slow.filter((c) => c.received().startsWith('HTTP/1.1 408'));
      const refusedAtOnce = slow.filter((c) => c.received() === '');
      expect(timedOut.length + refusedAtOnce.length).toBe(2000);
      // Both acted: the cap (default 256 per address, src/common/connection-guard.spec.ts counts it
      // exactly) closed sockets unread, the headers timeout answered the admitted ones 408.
      expect(refusedAtOnce.length).toBeGreaterThan(0);
      expect(timedOut.length).toBeGreaterThan(0);
      await othersStillServed(GREEDY);
    } finally {
      slow.forEach((c) => c.socket.destroy());
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14, finding 7: decompression bombs. A statement is checked (ZIP directory, inflated bytes
// counted as they stream, rows, cells) before it is parsed, and parsed in a worker thread.
// ---------------------------------------------------------------------------------------------
describe('issue 14 (7): a bank statement that would stall the service is refused before it is parsed', () => {
  let t: TestApp;
  let admin: string;
  let campaign: string;
  // 1 MB of XLSX that inflates to 300 MB of worksheet XML, as found in the attack review.
  let bomb: Buffer;
  // The same bomb with ZIP headers that claim 1 KB, so only counting while inflating catches it.
  let liar: Buffer;
  const DONATIONS = 'SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1';

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    campaign = await createCampaign(t, admin);
    const rows = repeatedRows(3_000_000);
    bomb = xlsx(rows);
    // Rows of 2 KB: the inflated bytes, not the row count, are what gives this one away.
    liar = xlsx(repeatedRows(150_000, `<row><c t="inlineStr"><is><t>${'A'.repeat(2000)}</t></is></c></row>`), { declaredSheetSize: 1024 });
  }, 120_000);
  afterAll(() => t.close());

  async function upload(path: string, bytes: Buffer, filename = 'statement.xlsx'): Promise<TestResponse> {
    const form = new FormData();
    form.append('campaignCode', campaign);
    form.append('file', new Blob([new Uint8Array(bytes)]), filename);
    const res = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
  }

  /**
   * Asks /health again and again while `work` runs. What proves the event loop is free is that
   * answers keep coming while the statement is read (callers expect several): a parse on the
   * event loop would hold them all until it ends. Each answer is 200, or, when the machine is so
   * starved of CPU that a probe of PostgreSQL or Redis takes longer than its 1.5 s budget, the
   * health check's own 503 (it did run, so the loop was free); never anything else.
   */
  async function healthWhile<T>(work: Promise<T>): Promise<{ result: T; answered: number }> {
    let done = false;
    let answered = 0;
    const settled = work.finally(() => (done = true));
    const pings = (async () => {
      while (!done) {
        const res = await t.request('GET', '/health');
        if (res.status !== 200) expect({ status: res.status, code: res.body?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
        if (!done) answered += 1;
      }
    })();
    const result = await settled;
    await pings;
    return { result, answered };
  }

  function expectTooLarge(res: TestResponse): void {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: 413, code: 'STATEMENT_TOO_LARGE' });
    expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
  }

  it('POST /api/staff/bank-transfers/import: a 1 MB XLSX inflating to 300 MB is 413 STATEMENT_TOO_LARGE, nothing imported, /health answering', async () => {
    expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
    const before = await countRows(t, DONATIONS, [campaign]);
    const { result } = await healthWhile(upload('/api/staff/bank-transfers/import', bomb));
    expectTooLarge(result);
    expect(await countRows(t, DONATIONS, [campaign])).toBe(before);
  });

  it('ZIP headers that lie about the inflated size do not help: the bytes are counted as they inflate', async () => {
    const res = await upload('/api/staff/bank-transfers/import', liar);
    expectTooLarge(res);
    expect(res.body.message).toMatch(/ZIP 头声称/);
  });

  it('more lines than a statement may have (50,000) is refused before parsing, in XLSX and in CSV', async () => {
    expectTooLarge(await upload('/api/staff/bank-transfers/import', xlsx(repeatedRows(60_000))));
    const csv = 'bankReference,amountYuan,payerName,receivedAt,payerAccount\n' + 'R,1.00,x,2020-02-01,\n'.repeat(60_000);
    expectTooLarge(await upload('/api/staff/bank-transfers/import', Buffer.from(csv), 'statement.csv'));
  });

  it('POST /api/staff/bank-transfers/import-jobs: refused at once with the same 413, no job queued and no file kept', async () => {
    const jobs = 'SELECT count(*) FROM staff_jobs';
    const before = await countRows(t, jobs);
    const files = () => readdir(join(t.config.storageDir, 'imports')).catch(() => [] as string[]);
    const filesBefore = (await files()).length;
    for (const bytes of [bomb, liar]) expectTooLarge(await upload('/api/staff/bank-transfers/import-jobs', bytes));
    expect(await countRows(t, jobs)).toBe(before);
    expect((await files()).length).toBe(filesBefore);
  });

  it('parses off the event loop: /health keeps answering while a large (legal) statement is parsed', async () => {
    // 50,000 lines with an unreadable amount each: seconds of exceljs work, and nothing to record.
    const lines = Array.from({ length: 50_000 }, (_, i) => ({ bankReference: `HEAVY-${i}`, amountYuan: '壹佰', payerName: '王芳', receivedAt: '2020-02-01' }));
    const { result, answered } = await healthWhile(upload('/api/staff/bank-transfers/import', xlsx(statementRows(lines))));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ imported: 0, duplicates: 0 });
    expect(result.body.errors).toHaveLength(50_000);
    expect(answered).toBeGreaterThanOrEqual(3);
  });

  it('a good XLSX statement still imports through the worker', async () => {
    const res = await upload(
      '/api/staff/bank-transfers/import',
      xlsx(statementRows([{ bankReference: `OK-${randomUUID().slice(0, 8)}`, amountYuan: '88.80', payerName: '王芳', receivedAt: '2020-02-03 09:00' }])),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, duplicates: 0, errors: [] });
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14, finding 9: personal data in plain files. Uploaded statements are sealed with the PII
// cipher; production does not write mail (donors' addresses, receipt PDFs) to disk unless told to.
// ---------------------------------------------------------------------------------------------
describe('issue 14 (9): no personal data in plain files on disk', () => {
  const own = isolated('hxfiles');
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  it('an uploaded statement waiting for its import job is stored encrypted: no payer name, account or reference in the file, and it still imports', async () => {
    const campaign = await createCampaign(t, admin);
    const account = '6222020200001234567';
    const reference = `SEALED-${randomUUID().slice(0, 8)}`;
    const csv = `bankReference,amountYuan,payerName,receivedAt,payerAccount\n${reference},1234.50,欧阳娜娜,2020-02-01 10:30,${account}\n`;
    const form = new FormData();
    form.append('campaignCode', campaign);
    form.append('file', new Blob([csv]), 'statement.csv');
    const started = await fetch(`${t.baseUrl}/api/staff/bank-transfers/import-jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form,
    });
    expect(started.status).toBe(202);
    const { jobId } = (await started.json()) as { jobId: string };

    const [job] = await t.db.query('SELECT file_path FROM staff_jobs WHERE job_id = $1', [jobId]);
    const stored = await readFile(join(t.config.storageDir, job.file_path));
    for (const secret of [account, '欧阳娜娜', reference, 'payerAccount']) expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(stored.subarray(0, 4).toString('ascii')).toBe('WNF1');

    await eventuallyTrue(async () => (await t.request('GET', `/api/staff/jobs/${jobId}`, { token: admin })).body?.state === 'completed', 30_000);
    const done = await t.request('GET', `/api/staff/jobs/${jobId}`, { token: admin });
    expect(done.body.result).toMatchObject({ imported: 1, duplicates: 0, errors: [] });
    const [row] = await t.db.query('SELECT amount_fen::int AS fen, donor_name, payer_account_enc FROM donations WHERE bank_reference = $1', [reference]);
    expect(row).toMatchObject({ fen: 123450, donor_name: '欧阳娜娜' });
    expect(row.payer_account_enc).not.toContain(account);
  });

  describe('NODE_ENV=production and SMTP_URL', () => {
    const production = () => ({
      ...testEnv(own.env),
      NODE_ENV: 'production',
      APP_SECRET: 'p'.repeat(48),
      PII_ENCRYPTION_KEY: Buffer.alloc(32, 11).toString('base64'),
      ADMIN_EMAIL: undefined,
      ADMIN_PASSWORD: undefined,
      SANDBOX_PAYMENT_SECRET: undefined,
      APP_ROLE: 'api',
    });
    beforeAll(() => ensureBuilt(), 180_000);

    it("refuses to start without SMTP_URL, in one line naming it (mail would be written as .eml files with donors' addresses)", async () => {
      const service = spawnService({ ...production(), SMTP_URL: undefined });
      try {
        const exit = await Promise.race([service.exited, service.waitForOutput(/Wennuan is running/, 50_000).then(() => ({ code: 0 }))]);
        expect(exit.code).not.toBe(0);
        const lines = service.output().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/\bSMTP_URL\b.*MAIL_TO_FILES_IN_PRODUCTION=true/);
      } finally {
        await service.stop();
      }
    });

    it('starts without SMTP_URL when MAIL_TO_FILES_IN_PRODUCTION=true says so', async () => {
      const service = spawnService({ ...production(), SMTP_URL: undefined, MAIL_TO_FILES_IN_PRODUCTION: 'true' });
      try {
        await service.waitForOutput(/Wennuan is running/, 60_000);
      } finally {
        await service.stop();
      }
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Issue 14, finding 6: locking the admin out. Sign-in is throttled per account AND client address
// (127.0.0.2 is the attacker, 127.0.0.3 the owner); admins unlock, disable, reset and change roles;
// an optional TOTP second factor, required for admin and finance with STAFF_REQUIRE_2FA=true.
// ---------------------------------------------------------------------------------------------
describe('issue 14 (6): nobody can lock the staff out of their own accounts', () => {
  const ATTACKER = '127.0.0.2';
  const OWNER = '127.0.0.3';
  // An own database: the admin counts and the second factor of these accounts are this suite's alone.
  const own = isolated('hxstaff');
  let t: TestApp;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    adminId = (await t.request('GET', '/api/staff/me', { token: admin })).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  const signIn = (from: string, email: string, password: string, totpCode?: string) =>
    requestFrom(from, t.baseUrl, 'POST', '/api/auth/login', { body: { email, password, ...(totpCode ? { totpCode } : {}) } });

  async function staffUser(role: string, app: TestApp = t, token = admin) {
    const user = { email: `staff-${randomUUID().slice(0, 8)}@hostile.test`, password: `pw-${randomUUID()}`, role, name: `测试${role}` };
    const res = await app.request('POST', '/api/staff/users', { token, body: user });
    expect(res.status).toBe(201);
    return { ...user, id: res.body.id as string };
  }
  async function audited(id: string): Promise<string[]> {
    const res = await t.request('GET', `/api/staff/audit-log?entity=staff_user&entityId=${id}`, { token: admin });
    return res.body.items.map((i: { action: string }) => i.action);
  }
  const listed = async (id: string) => (await t.request('GET', '/api/staff/users', { token: admin })).body.items.find((u: { id: string }) => u.id === id);
  const admin$ = (path: string, body?: unknown, token = admin) => t.request('POST', `/api/staff/users/${path}`, { token, body: body ?? {} });

  it('a storm of wrong passwords from one address locks that address only: the right password works from another address', async () => {
    const victim = await staffUser('admin');
    const storm = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(ATTACKER, victim.email, `wrong-guess-${i}`)));
    expect(storm.filter((r) => r.status === 401)).toHaveLength(5);
    expect(storm.filter((r) => r.status === 429).every((r) => r.body.code === 'LOGIN_LOCKED' && Number(r.headers['retry-after']) > 0)).toBe(true);
    // The attacker's address is locked out of this account, right password or not.
    expect((await signIn(ATTACKER, victim.email, victim.password)).status).toBe(429);

    const owner = await signIn(OWNER, victim.email, victim.password);
    expect(owner.status).toBe(200);
    expect(owner.body.accessToken).toEqual(expect.any(String));
    expect((await listed(victim.id)).locked).toBe(true);
    expect(await audited(victim.id)).toEqual(expect.arrayContaining(['staff.login_locked', 'staff.login']));
  });

  it('an address spraying wrong passwords over many accounts is locked out of sign-in; other addresses are not', async () => {
    // LOGIN_MAX_ATTEMPTS=1: one address may fail 20 times over all accounts in the window.
    const sprayed = await startApp({ ...own.env, LOGIN_MAX_ATTEMPTS: '1' });
    try {
      const user = await staffUser('finance');
      const spray = (email: string, password: string, from = '127.0.0.4') =>
        requestFrom(from, sprayed.baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
      for (let i = 0; i < 20; i++) expect((await spray(`nobody-${i}-${randomUUID().slice(0, 6)}@hostile.test`, 'guess-password')).status).toBe(401);
      const locked = await spray(user.email, user.password);
      expect({ status: locked.status, code: locked.body.code }).toEqual({ status: 429, code: 'LOGIN_LOCKED' });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await spray(user.email, user.password, '127.0.0.5')).status).toBe(200);
    } finally {
      await sprayed.close();
    }
    // An app of its own and 22 argon2 checks: slow on a loaded machine.
  }, 180_000);

  it('an admin unlocks an account: every address may try again (audited)', async () => {
    const user = await staffUser('finance');
    for (let i = 0; i < 5; i++) await signIn(ATTACKER, user.email, 'wrong-password-x');
    expect((await signIn(ATTACKER, user.email, user.password)).status).toBe(429);
    const unlocked = await admin$(`${user.id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id: user.id, locked: false });
    expect((await signIn(ATTACKER, user.email, user.password)).status).toBe(200);
    expect(await audited(user.id)).toContain('staff_user.unlock');
  });

  it('disabling ends the sessions and sign-in (401 ACCOUNT_DISABLED); re-enabling restores sign-in (both audited)', async () => {
    const user = await staffUser('warehouse');
    const token = (await signIn(OWNER, user.email, user.password)).body.accessToken;
    const disabled = await admin$(`${user.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await t.request('GET', '/api/staff/me', { token })).status).toBe(401);
    const refused = await signIn(OWNER, user.email, user.password);
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 401, code: 'ACCOUNT_DISABLED' });
    // A wrong password says no more than for anyone else.
    expect((await signIn(OWNER, user.email, 'not-the-password')).body.code).toBe('INVALID_CREDENTIALS');
    expect((await admin$(`${user.id}/enable`)).body.disabled).toBe(false);
    expect((await signIn(OWNER, user.email, user.password)).status).toBe(200);
    expect(await audited(user.id)).toEqual(expect.arrayContaining(['staff_user.disable', 'staff_user.enable']));
  });

  it('a password reset ends the sessions and only the new password works; a role change ends the sessions too (both audited)', async () => {
    const user = await staffUser('finance');
    const token = (await signIn(OWNER, user.email, user.password)).body.accessToken;
    expectErrorCode(await admin$(`${user.id}/password`, { password: 'short' }), 422, 'WEAK_PASSWORD');
    expect((await admin$(`${user.id}/password`, { password: 'a-brand-new-password' })).status).toBe(200);
    expect((await t.request('GET', '/api/staff/me', { token })).status).toBe(401);
    expect((await signIn(OWNER, user.email, user.password)).status).toBe(401);
    const fresh = await signIn(OWNER, user.email, 'a-brand-new-password');
    expect(fresh.status).toBe(200);

    const changed = await admin$(`${user.id}/role`, { role: 'auditor' });
    expect(changed.body.role).toBe('auditor');
    expect((await t.request('GET', '/api/staff/me', { token: fresh.body.accessToken })).status).toBe(401);
    const again = await signIn(OWNER, user.email, 'a-brand-new-password');
    expect(again.body.role).toBe('auditor');
    expectErrorCode(await admin$(`${user.id}/role`, { role: 'root' }), 400, 'VALIDATION_FAILED');
    expect(await audited(user.id)).toEqual(expect.arrayContaining(['staff_user.reset_password', 'staff_user.change_role']));
  });

  it('only admins manage accounts; an unknown account is 404 STAFF_USER_NOT_FOUND', async () => {
    const finance = await staffUser('finance');
    const financeToken = (await signIn(OWNER, finance.email, finance.password)).body.accessToken;
    for (const action of ['unlock', 'disable', 'enable', 'totp/reset'])
      expectErrorCode(await admin$(`${adminId}/${action}`, {}, financeToken), 403, 'FORBIDDEN');
    expectErrorCode(await admin$(`${randomUUID()}/disable`), 404, 'STAFF_USER_NOT_FOUND');
    expectErrorCode(await admin$('not-a-uuid/disable'), 404, 'STAFF_USER_NOT_FOUND');
  });

  it('the last active admin can be neither disabled nor demoted (409 LAST_ADMIN); with two, racing demotions leave one', async () => {
    const admins = async () => (await t.request('GET', '/api/staff/users', { token: admin })).body.items.filter((u: any) => u.role === 'admin' && !u.disabled);
    // Leave the bootstrap admin alone among active admins.
    for (const other of (await admins()).filter((u: any) => u.id !== adminId)) expect((await admin$(`${other.id}/disable`)).status).toBe(200);
    expectErrorCode(await admin$(`${adminId}/disable`), 409, 'LAST_ADMIN');
    expectErrorCode(await admin$(`${adminId}/role`, { role: 'finance' }), 409, 'LAST_ADMIN');

    const second = await staffUser('admin');
    const secondToken = (await signIn(OWNER, second.email, second.password)).body.accessToken;
    const [a, b] = await Promise.all([admin$(`${second.id}/role`, { role: 'finance' }), admin$(`${adminId}/role`, { role: 'finance' }, secondToken)]);
    // Exactly one demotion wins. The other is refused either by the last-admin check (409), or, when the winner
    // demoted its sender first, by authentication: a demotion ends every token of the demoted account (401).
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.status).toBe(200);
    if (lost.status === 401) expectErrorCode(lost, 401, 'UNAUTHENTICATED');
    else expectErrorCode(lost, 409, 'LAST_ADMIN');
    // When the race demoted the bootstrap admin, its token ended: the rest of the suite goes on as the other.
    if (b.status === 200) {
      admin = secondToken;
      adminId = second.id;
    }
    expect(await admins()).toHaveLength(1);
  });

  it('TOTP second factor: enrol with a QR code, confirm with a code, then sign-in needs a fresh code; secrets are encrypted; an admin reset recovers a lost device', async () => {
    const user = await staffUser('finance');
    const token = (await signIn(OWNER, user.email, user.password)).body.accessToken;
    const started = await t.request('POST', '/api/staff/me/totp', { token });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ secret: expect.stringMatching(/^[A-Z2-7]{32}$/), otpauthUrl: expect.stringMatching(/^otpauth:\/\/totp\//) });
    expect(started.body.qrSvg).toMatch(/^<svg/);
    const secret: string = started.body.secret;

    expectErrorCode(await t.request('POST', '/api/staff/me/totp/confirm', { token, body: { code: '000000' } }), 422, 'TOTP_CODE_MISMATCH');
    const confirmed = await t.request('POST', '/api/staff/me/totp/confirm', { token, body: { code: currentTotp(secret) } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ enabled: true, accessToken: expect.any(String) });
    expect((await t.request('GET', '/api/staff/me', { token })).status).toBe(401);
    expect((await t.request('GET', '/api/staff/me', { token: confirmed.body.accessToken })).body.totpEnabled).toBe(true);
    expectErrorCode(await t.request('POST', '/api/staff/me/totp', { token: confirmed.body.accessToken }), 409, 'TOTP_ALREADY_ENABLED');

    // At rest: only ciphertext, readable with the PII key.
    const [row] = await t.db.query('SELECT totp_secret_enc, totp_pending_secret_enc FROM staff_users WHERE id = $1', [user.id]);
    expect(row.totp_secret_enc).not.toContain(secret);
    expect(row.totp_pending_secret_enc).toBeNull();
    const cipher = new PiiCipher({ activeKey: t.config.piiEncryptionKey, indexKey: t.config.piiIndexKey });
    expect(cipher.decrypt(row.totp_secret_enc)).toBe(secret);

    const noCode = await signIn(OWNER, user.email, user.password);
    expect({ status: noCode.status, code: noCode.body.code }).toEqual({ status: 401, code: 'TOTP_REQUIRED' });
    expect(noCode.body.accessToken).toBeUndefined();
    expect((await signIn(OWNER, user.email, user.password, '123456')).body.code).toBe('INVALID_TOTP_CODE');
    // The next step's code (within the allowed drift): the confirming code was already used.
    const next = currentTotp(secret, Math.floor(Date.now() / 1000) + 30);
    const ok = await signIn(OWNER, user.email, user.password, next);
    expect(ok.status).toBe(200);
    // A code signs in once.
    expect((await signIn(OWNER, user.email, user.password, next)).body.code).toBe('INVALID_TOTP_CODE');
    // The right code with a wrong password is still INVALID_CREDENTIALS.
    expect((await signIn(OWNER, user.email, 'wrong-password-1', next)).body.code).toBe('INVALID_CREDENTIALS');

    const reset = await admin$(`${user.id}/totp/reset`);
    expect(reset.body.totpEnabled).toBe(false);
    expect((await t.request('GET', '/api/staff/me', { token: ok.body.accessToken })).status).toBe(401);
    expect((await signIn(OWNER, user.email, user.password)).status).toBe(200);
    expect(await audited(user.id)).toEqual(expect.arrayContaining(['staff.totp_enrolment_started', 'staff.totp_enabled', 'staff_user.reset_totp']));
  });

  describe('STAFF_REQUIRE_2FA=true', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await startApp({ ...own.env, STAFF_REQUIRE_2FA: 'true' });
    });
    afterAll(() => strict?.close());

    it('admin and finance (the roles that can reveal personal data) must enrol before anything else; warehouse and auditor need not', async () => {
      const finance = await staffUser('finance');
      const warehouse = await staffUser('warehouse');
      const first = await strict.request('POST', '/api/auth/login', { body: { email: finance.email, password: finance.password } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ accessToken: expect.any(String), secondFactorEnrolmentRequired: true });
      const limited = first.body.accessToken;
      expectErrorCode(
        await strict.request('GET', '/api/staff/receipt-requests?status=pending_review', { token: limited }),
        403,
        'TWO_FACTOR_ENROLMENT_REQUIRED',
      );
      expect((await strict.request('GET', '/api/staff/me', { token: limited })).body.secondFactorEnrolmentRequired).toBe(true);

      const started = await strict.request('POST', '/api/staff/me/totp', { token: limited });
      const confirmed = await strict.request('POST', '/api/staff/me/totp/confirm', { token: limited, body: { code: currentTotp(started.body.secret) } });
      expect(confirmed.status).toBe(200);
      expect((await strict.request('GET', '/api/staff/receipt-requests?status=pending_review', { token: confirmed.body.accessToken })).status).toBe(200);

      const plain = await strict.request('POST', '/api/auth/login', { body: { email: warehouse.email, password: warehouse.password } });
      expect(plain.body.secondFactorEnrolmentRequired).toBeUndefined();
      expect((await strict.request('GET', '/api/in-kind/items')).status).toBe(200);
      expect((await strict.request('GET', '/api/staff/me', { token: plain.body.accessToken })).status).toBe(200);
    });
  });
});

function expectErrorCode(res: { status: number; body: any }, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
}

async function eventuallyTrue(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
// ─────────────────────────────────────────────────────────────────────────────────────────────────
// Issue 14 (hostile users), part A: findings 1 (someone else's receipt), 2 (play money in
// production), 3 (the notification log as a dump), 4 (orphaned uploads), 8 (NUL bytes) and
// 10 (metrics in public; Retry-After). Each block fails on the code before the fix.
// ─────────────────────────────────────────────────────────────────────────────────────────────────

const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';
const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789';
const VICTIM = { name: '张伟', idNumber: '11010519491231002X', phone: '13800138000', email: 'zhang.wei@example.com' };
const ATTACKER = { name: '李黑', idNumber: `11010519900307447${idNumberCheckChar('11010519900307447')}`, phone: '13900139000', email: 'attacker@example.com' };

/** A request sent from a given loopback address (127.0.0.2, 127.0.0.3…): the service sees a different client for each. */
function fromAddress(
  t: TestApp,
  localAddress: string,
  method: string,
  path: string,
  init: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<LoopbackResponse> {
  return requestFrom(localAddress, t.baseUrl, method, path, init);
}

function receiptBody(campaignCode: string, who: typeof VICTIM, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    campaignCode,
    donorType: 'individual',
    name: who.name,
    idNumber: who.idNumber,
    invoiceTitle: who.name,
    phone: who.phone,
    email: who.email,
    ...extra,
  };
}

describe('issue 14, part A: hostile users', () => {
  const keys = wechatKeys();
  let fake: FakeWechatPay;
  let t: TestApp;
  let admin: string;
  let campaign: string;

  beforeAll(async () => {
    fake = await startFakeWechatPay(keys, MCH_ID);
    const dir = mkdtempSync(join(tmpdir(), 'hostile-wechat-'));
    writeFileSync(join(dir, 'platform.pem'), keys.platformPublicPem);
    t = await startApp({
      WECHATPAY_MCH_ID: MCH_ID,
      WECHATPAY_APP_ID: APP_ID,
      WECHATPAY_API_V3_KEY: keys.apiV3Key,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PRIVATE_KEY: keys.merchantPrivatePem.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_PUBLIC_KEYS: `${keys.platformSerial}=${join(dir, 'platform.pem')}`,
      WECHATPAY_API_BASE: fake.url,
      METRICS_TOKEN,
    });
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'HA' });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function paid(amountFen: number, channel = 'sandbox'): Promise<{ orderNo: string; claimToken: string }> {
    if (channel === 'sandbox') {
      const orderNo = await paySandbox(t, campaign, amountFen);
      return { orderNo, claimToken: claimTokenFor(orderNo) };
    }
    const created = await createDonation(t, campaign, { amountFen, channel });
    expect(created.status).toBe(201);
    return created.body as { orderNo: string; claimToken: string };
  }

  function ask(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<TestResponse> {
    return t.request('POST', '/api/receipt-requests', { body, headers });
  }

  describe('finding 1: a receipt for someone else’s gift', () => {
    it('gives the creator a claim token (≥128 bits, URL-safe) and an HttpOnly cookie, stores only its keyed hash, and shows it nowhere else', async () => {
      const key = `key-${randomUUID()}`;
      const created = await createDonation(t, campaign, { amountFen: 52000 }, key);
      expect(created.status).toBe(201);
      const { orderNo, claimToken } = created.body as { orderNo: string; claimToken: string };
      expect(claimToken).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(Buffer.from(claimToken, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      const cookie = created.headers.get('set-cookie') ?? '';
      expect(cookie).toContain(`wn_claim_${orderNo}=${claimToken}`);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);

      // The same creation again (same key, same body) is the same creator: the same token.
      const replay = await createDonation(t, campaign, { amountFen: 52000 }, key);
      expect(replay.body).toMatchObject({ orderNo, claimToken });

      // Nowhere in the database in clear; nowhere in what the public can read.
      const columns: { table_name: string; column_name: string }[] = await t.db.query(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb')`,
      );
      for (const { table_name, column_name } of columns) {
        const [row] = await t.db.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`, [`%${claimToken}%`]);
        expect({ table_name, column_name, n: row.n }).toEqual({ table_name, column_name, n: 0 });
      }
      const [stored] = await t.db.query(`SELECT claim_token_hash FROM donations WHERE order_no = $1`, [orderNo]);
      expect(stored.claim_token_hash).toMatch(/^[0-9a-f]{64}$/);
      await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 52000, paidAt: new Date().toISOString() });
      for (const path of [
        `/api/donations/${orderNo}`,
        `/donations/${orderNo}`,
        `/pay/sandbox/${orderNo}`,
        `/receipts/request?orderNo=${orderNo}&campaign=${campaign}`,
      ]) {
        const res = await t.request('GET', path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect(res.text).not.toContain(claimToken);
      }
    });

    it('makes order numbers unguessable: 70 random bits (14 base32 characters), at most 32 characters (WeChat Pay’s limit)', async () => {
      const numbers = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const res = await createDonation(t, campaign, { amountFen: 100 + i });
        numbers.add(res.body.orderNo);
        expect(res.body.orderNo).toMatch(/^HA\d{8}[0-9A-HJKMNP-TV-Z]{14}$/);
        expect(res.body.orderNo.length).toBeLessThanOrEqual(32);
      }
      expect(numbers.size).toBe(20);
      // Old numbers (10 random digits) are still found.
      const [c] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [campaign]);
      await t.db.query(
        `INSERT INTO donations (order_no, campaign_id, channel, amount_fen, status, donor_key) VALUES ('HA202002011234567890', $1, 'sandbox', 100, 'pending', 'order:old')`,
        [c.id],
      );
      expect((await t.request('GET', '/api/donations/HA202002011234567890')).status).toBe(200);
    });

    it('queues only the request carrying the claim token; an attacker who knows the order number and amount only reaches staff review, and never blocks the donor', async () => {
      const victim = await paid(50000);
      // The attacker read the amount from the public API (the contract shows it) and asks first.
      expect((await t.request('GET', `/api/donations/${victim.orderNo}`)).body.amountFen).toBe(50000);
      const attack = await ask(receiptBody(campaign, ATTACKER, { orderNo: victim.orderNo, amountFen: 50000 }));
      expect(attack.status).toBe(201);
      expect(attack.body).toEqual({ requestId: expect.any(String), status: 'pending_review' });
      // With someone else's (valid) token, or a made-up one: still only review.
      const other = await paid(50000);
      for (const claimToken of [other.claimToken, 'A'.repeat(43), 'not-a-token']) {
        const res = await ask(receiptBody(campaign, ATTACKER, { orderNo: victim.orderNo, amountFen: 50000, claimToken }));
        expect(res.body).toEqual({ requestId: expect.any(String), status: 'pending_review' });
      }

      // The donor's own request is not refused because of the attacker's: it is queued and issued.
      const mine = await ask(receiptBody(campaign, VICTIM, { orderNo: victim.orderNo, amountFen: 50000, claimToken: victim.claimToken }));
      expect(mine.status).toBe(201);
      expect(mine.body.status).toBe('queued');
      const receiptNo = await eventually(async () => {
        const res = await t.request('GET', `/api/receipt-requests/${mine.body.requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      }, 90_000);
      const details = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
      expect(JSON.stringify(details.body)).not.toContain(ATTACKER.name);

      // Staff see both, and which one carried the token; approving the attacker's now gets nothing.
      const listed = await t.request('GET', `/api/staff/receipt-requests?campaignCode=${campaign}`, { token: admin });
      const byId = new Map(listed.body.items.map((i: { requestId: string }) => [i.requestId, i]));
      expect(byId.get(attack.body.requestId)).toMatchObject({
        status: 'pending_review',
        claimVerified: false,
        donation: null,
        proposedDonation: { orderNo: victim.orderNo },
      });
      expect(byId.get(mine.body.requestId)).toMatchObject({ claimVerified: true, donation: { orderNo: victim.orderNo } });
      const approve = await t.request('POST', `/api/staff/receipt-requests/${attack.body.requestId}/approve`, { token: admin, body: {} });
      expect(approve.status).toBe(409);
      expect(approve.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    });

    it('answers a request without the claim token the same way whatever the donation it names: amount, status, existence (no AMOUNT_MISMATCH, no 409)', async () => {
      const real = await paid(30000);
      const issuedOne = await paid(31000);
      const queued = await ask(receiptBody(campaign, VICTIM, { orderNo: issuedOne.orderNo, amountFen: 31000, claimToken: issuedOne.claimToken }));
      expect(queued.body.status).toBe('queued');
      const pending = (await createDonation(t, campaign, { amountFen: 32000 })).body.orderNo as string;
      const transfer = await t.request('POST', '/api/staff/bank-transfers', {
        token: admin,
        body: { campaignCode: campaign, bankReference: `BOC-${randomUUID()}`, amountFen: 88800, payerName: '王五', receivedAt: '2020-02-01T10:30:00+08:00' },
      });
      expect(transfer.status).toBe(201);
      const cases: Record<string, Record<string, unknown>> = {
        'a paid order, right amount': { orderNo: real.orderNo, amountFen: 30000 },
        'a paid order, wrong amount': { orderNo: real.orderNo, amountFen: 99900 },
        'an order already queued for a receipt': { orderNo: issuedOne.orderNo, amountFen: 31000 },
        'an unpaid order': { orderNo: pending, amountFen: 32000 },
        'no such order': { orderNo: 'HA20200201ZZZZZZZZZZZZZZ', amountFen: 30000 },
        'a bank reference, wrong amount': { bankReference: transfer.body.bankReference, amountFen: 12300 },
        'a bank reference, right amount': { bankReference: transfer.body.bankReference, amountFen: 88800 },
        'no such bank reference': { bankReference: 'NO-SUCH-REF', amountFen: 30000 },
      };
      for (const [label, fields] of Object.entries(cases)) {
        const res = await ask(receiptBody(campaign, ATTACKER, fields));
        expect({ label, status: res.status, keys: Object.keys(res.body ?? {}).sort(), status2: res.body?.status }).toEqual({
          label,
          status: 201,
          keys: ['requestId', 'status'],
          status2: 'pending_review',
        });
      }
    });

    it('with the claim token: AMOUNT_MISMATCH for another amount, 409 once a live request holds the donation; the cookie works as the token', async () => {
      const gift = await paid(40000);
      const wrong = await ask(receiptBody(campaign, VICTIM, { orderNo: gift.orderNo, amountFen: 40001, claimToken: gift.claimToken }));
      expect(wrong.status).toBe(422);
      expect(wrong.body.code).toBe('AMOUNT_MISMATCH');
      // The donor's browser sends the HttpOnly cookie; no token in the body.
      const byCookie = await ask(receiptBody(campaign, VICTIM, { orderNo: gift.orderNo, amountFen: 40000 }), {
        cookie: `wn_claim_${gift.orderNo}=${gift.claimToken}`,
      });
      expect(byCookie.body.status).toBe('queued');
      const again = await ask(receiptBody(campaign, VICTIM, { orderNo: gift.orderNo, amountFen: 40000, claimToken: gift.claimToken }));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    });

    it('shows the amount on the result page and the receipt form only to the browser holding the claim cookie; the form looks the same for a missing order', async () => {
      const gift = await paid(65400);
      const cookie = { cookie: `wn_claim_${gift.orderNo}=${gift.claimToken}` };
      const formOf = (orderNo: string, headers: Record<string, string> = {}) =>
        t.request('GET', `/receipts/request?orderNo=${orderNo}&campaign=${campaign}`, { headers });
      const shared = await t.request('GET', `/donations/${gift.orderNo}`);
      expect(shared.status).toBe(200);
      expect(shared.text).toContain('捐赠成功');
      expect(shared.text).not.toMatch(/654\.00|65400/);
      expect(shared.text).not.toContain(`href="/receipts/request?orderNo=${gift.orderNo}&amp;campaign=${campaign}" class`);
      const own = await t.request('GET', `/donations/${gift.orderNo}`, { headers: cookie });
      expect(own.text).toContain('¥654.00');

      const stranger = await formOf(gift.orderNo);
      expect(stranger.status).toBe(200);
      expect(stranger.text).not.toMatch(/654\.00|65400/);
      const missing = await formOf('HA20200201ZZZZZZZZZZZZZZ');
      expect(missing.status).toBe(200);
      expect(missing.text.replaceAll('HA20200201ZZZZZZZZZZZZZZ', 'X')).toBe(stranger.text.replaceAll(gift.orderNo, 'X'));
      const holder = await formOf(gift.orderNo, cookie);
      expect(holder.text).toContain('value="65400"');
    });

    describe('look-ups by order number are rate limited per client address', () => {
      const own = isolated('ha_look');
      let limited: TestApp;
      beforeAll(async () => {
        limited = await startApp({ ...own.env, APP_ROLE: 'api', ORDER_LOOKUP_RATE_LIMIT: '5', TRUST_PROXY: 'false' });
      });
      afterAll(async () => {
        await limited?.close();
        await own.drop();
      });

      it('429 RATE_LIMITED with Retry-After past ORDER_LOOKUP_RATE_LIMIT, across the API, the result page and the receipt form; another address is unaffected', async () => {
        const adminToken = await login(limited);
        const code = await createCampaign(limited, adminToken);
        const orderNo = (await createDonation(limited, code, { amountFen: 100 })).body.orderNo as string;
        const paths = [`/api/donations/${orderNo}`, `/donations/${orderNo}`, `/receipts/request?orderNo=${orderNo}&campaign=${code}`];
        const answers: number[] = [];
        for (let i = 0; i < 5; i++) answers.push((await fromAddress(limited, '127.0.0.2', 'GET', paths[i % 3])).status);
        expect(answers).toEqual([200, 200, 200, 200, 200]);
        for (const path of paths) {
          const res = await fromAddress(limited, '127.0.0.2', 'GET', path);
          expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 429, code: 'RATE_LIMITED' });
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
        // A guesser gains nothing from unknown numbers either: they count the same.
        expect((await fromAddress(limited, '127.0.0.2', 'GET', '/api/donations/TS20200201ZZZZZZZZZZZZZZ')).status).toBe(429);
        expect((await fromAddress(limited, '127.0.0.3', 'GET', paths[0])).status).toBe(200);
      });
    });
  });

  describe('finding 2: play money in production', () => {
    it('settles an order only through its own channel: the sandbox checkout and a signed sandbox notification change nothing on a WeChat Pay order', async () => {
      const created = await createDonation(t, campaign, { amountFen: 100_000_000, channel: 'wechatpay' });
      expect(created.status).toBe(201);
      const { orderNo } = created.body as { orderNo: string };
      const before = (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.amountFen as number;

      const checkout = await t.request('GET', `/pay/sandbox/${orderNo}`);
      expect(checkout.status).toBe(404);
      const confirm = await t.request('POST', `/pay/sandbox/${orderNo}/confirm`, {
        raw: 'receipt=0',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(confirm.status).toBe(404);
      const notified = await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 100_000_000, paidAt: new Date().toISOString() });
      expect(notified.status).toBe(404);
      expect(notified.body.code).toBe('ORDER_NOT_FOUND');

      const [row] = await t.db.query(`SELECT status FROM donations WHERE order_no = $1`, [orderNo]);
      expect(row.status).toBe('pending');
      expect(await countRows(t, `SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1`, [orderNo])).toBe(0);
      expect((await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.amountFen).toBe(before);
    });

    it('a signed WeChat Pay notification for a sandbox order is an unknown order to WeChat Pay', async () => {
      const created = await createDonation(t, campaign, { amountFen: 7700 });
      const orderNo = created.body.orderNo as string;
      const tx = {
        mchid: MCH_ID,
        appid: APP_ID,
        out_trade_no: orderNo,
        transaction_id: `4200000${randomBytes(6).toString('hex')}`,
        trade_type: 'NATIVE',
        trade_state: 'SUCCESS',
        success_time: '2020-02-01T10:30:00+08:00',
        amount: { total: 7700, payer_total: 7700, currency: 'CNY', payer_currency: 'CNY' },
      };
      const body = successNotification(keys, tx);
      const res = await t.request('POST', '/api/payments/wechatpay/notify', {
        raw: body,
        headers: { 'content-type': 'application/json', ...signAsWechat(keys, body) },
      });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORDER_NOT_FOUND');
      const [row] = await t.db.query(`SELECT status FROM donations WHERE order_no = $1`, [orderNo]);
      expect(row.status).toBe('pending');
    });

    describe('under NODE_ENV=production', () => {
      const production = {
        NODE_ENV: 'production',
        APP_SECRET: 'production-like-secret-for-the-tests-0123456789',
        PII_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
        SMTP_URL: 'smtp://127.0.0.1:9',
        APP_ROLE: 'api',
      };

      it('keeps the sandbox off whatever SANDBOX_PAYMENT_SECRET says, says why at start, and /metrics is off without METRICS_TOKEN', async () => {
        ensureBuilt();
        const port = await freePort();
        const service = spawnService(testEnv({ ...production, PORT: String(port), LOG_LEVEL: 'info', SANDBOX_PAYMENT_SECRET: SANDBOX_SECRET }));
        try {
          await service.waitForOutput(/Wennuan is running/, 60_000);
          // Log lines are flushed every 200 ms: wait for it rather than read what came so far.
          await service.waitForOutput(/SANDBOX_PAYMENT_SECRET is set but NODE_ENV=production and SANDBOX_IN_PRODUCTION is not true/, 10_000);
          const base = `http://127.0.0.1:${port}`;
          const adminToken = (
            (await (
              await fetch(`${base}/api/auth/login`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
              })
            ).json()) as { accessToken: string }
          ).accessToken;
          const code = `t-${randomUUID().slice(0, 8)}`;
          await fetch(`${base}/api/staff/campaigns`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
            body: JSON.stringify({ code, title: '生产环境', receiptPrefix: 'PR' }),
          });
          const donation = await fetch(`${base}/api/campaigns/${code}/donations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ amountFen: 100_000_000, channel: 'sandbox' }),
          });
          expect(donation.status).toBe(422);
          expect(((await donation.json()) as { code: string }).code).toBe('PAYMENT_CHANNEL_DISABLED');
          const raw = JSON.stringify({ orderNo: 'PR20200201ZZZZZZZZZZZZZZ', transactionId: 'SBX-1', amountFen: 100, paidAt: new Date().toISOString() });
          const notify = await fetch(`${base}/api/payments/sandbox/notify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-signature': signSandbox(raw) },
            body: raw,
          });
          expect(notify.status).toBe(404);
          expect((await fetch(`${base}/pay/sandbox/PR20200201ZZZZZZZZZZZZZZ/confirm`, { method: 'POST' })).status).toBe(404);
          const metrics = await fetch(`${base}/metrics`);
          expect(metrics.status).toBe(404);
          expect(await metrics.text()).not.toContain('process_');
        } finally {
          await service.stop();
        }
      }, 180_000);

      it('runs the sandbox in production only with SANDBOX_IN_PRODUCTION=true (a staging deployment)', async () => {
        const staging = await startApp({ ...production, SANDBOX_IN_PRODUCTION: 'true' });
        try {
          const code = await createCampaign(staging, await login(staging));
          expect((await createDonation(staging, code, { amountFen: 100 })).status).toBe(201);
        } finally {
          await staging.close();
        }
      });
    });
  });

  describe('finding 3: the notification log as a dump', () => {
    it('keeps only a hash and the first few KB of an unsigned callback, and a verified one whole', async () => {
      const big = Buffer.from(JSON.stringify({ orderNo: 'x', pad: 'x'.repeat(900 * 1024) }));
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.request('POST', '/api/payments/sandbox/notify', {
          raw: big.toString(),
          headers: { 'content-type': 'application/json', 'x-signature': 'sha256=' + '0'.repeat(64) },
        });
        expect(res.status).toBe(401);
        const [row] = await t.db.query(`SELECT id FROM payment_notifications WHERE body_sha256 = $1 AND id <> ALL($2::bigint[]) ORDER BY id DESC LIMIT 1`, [
          createHash('sha256').update(big).digest('hex'),
          ids,
        ]);
        ids.push(row.id);
      }
      const rows = await t.db.query(
        `SELECT length(raw_body) AS len, body_truncated, body_bytes, signature_valid FROM payment_notifications WHERE id = ANY($1::bigint[])`,
        [ids],
      );
      expect(rows).toHaveLength(5);
      for (const row of rows) expect(row).toEqual({ len: 4096, body_truncated: true, body_bytes: big.length, signature_valid: false });

      // A verified callback larger than the preview is kept byte for byte.
      const gift = await createDonation(t, campaign, { amountFen: 1234 });
      // Whitespace is part of the signed bytes; JSON.parse does not mind it.
      const raw = `{"orderNo":"${gift.body.orderNo}",${' '.repeat(9000)}"transactionId":"SBX-${randomUUID()}","amountFen":1234,"paidAt":"${new Date().toISOString()}"}`;
      expect(raw.length).toBeGreaterThan(8192);
      expect(
        (await t.request('POST', '/api/payments/sandbox/notify', { raw, headers: { 'content-type': 'application/json', 'x-signature': signSandbox(raw) } }))
          .status,
      ).toBe(200);
      const [kept] = await t.db.query(`SELECT raw_body, body_truncated, signature_valid FROM payment_notifications WHERE order_no = $1 AND outcome = 'PAID'`, [
        gift.body.orderNo,
      ]);
      expect(kept).toEqual({ raw_body: raw, body_truncated: false, signature_valid: true });
    });

    it('removes old rows by a retention rule, unverified ones sooner, from a repeating job', async () => {
      const insert = (valid: boolean, daysAgo: number) =>
        t.db.query(
          `INSERT INTO payment_notifications (provider, received_at, headers, raw_body, signature_valid, outcome) VALUES ('sandbox', now() - make_interval(days => $2), '{}', 'retention-test', $1, 'TEST') RETURNING id`,
          [valid, daysAgo],
        );
      const [[oldInvalid], [recentInvalid], [oldValid], [recentValid]] = await Promise.all([
        insert(false, 8),
        insert(false, 1),
        insert(true, 401),
        insert(true, 30),
      ]);
      const result = await t.app.get(HousekeepingService).pruneNotifications();
      expect(result.otherDeleted).toBeGreaterThanOrEqual(1);
      const left = await t.db.query(`SELECT id FROM payment_notifications WHERE raw_body = 'retention-test'`);
      expect(left.map((r: { id: string }) => r.id).sort()).toEqual([recentInvalid.id, recentValid.id].sort());
      expect([oldInvalid.id, oldValid.id].some((id) => left.some((r: { id: string }) => r.id === id))).toBe(false);
      const queue = t.app.get<Queue>(getQueueToken('maintenance'), { strict: false });
      expect(await queue.getJobScheduler('notification-retention')).toMatchObject({ name: 'notification-retention' });
    });

    describe('callbacks have their own generous limit per client address', () => {
      const own = isolated('ha_cb');
      let limited: TestApp;
      beforeAll(async () => {
        limited = await startApp({ ...own.env, APP_ROLE: 'api', CALLBACK_RATE_LIMIT: '5', PUBLIC_WRITE_RATE_LIMIT: '1000' });
      });
      afterAll(async () => {
        await limited?.close();
        await own.drop();
      });

      it('429 RATE_LIMITED with Retry-After past CALLBACK_RATE_LIMIT; other addresses and public writes are unaffected', async () => {
        const post = (address: string) =>
          fromAddress(limited, address, 'POST', '/api/payments/sandbox/notify', {
            raw: '{}',
            headers: { 'content-type': 'application/json', 'x-signature': 'sha256=00' },
          });
        const answers: number[] = [];
        for (let i = 0; i < 5; i++) answers.push((await post('127.0.0.4')).status);
        expect(answers).toEqual([401, 401, 401, 401, 401]);
        const refused = await post('127.0.0.4');
        expect({ status: refused.status, code: refused.body?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        const rows = await countRows(limited, `SELECT count(*) FROM payment_notifications`);
        expect((await post('127.0.0.4')).status).toBe(429);
        expect(await countRows(limited, `SELECT count(*) FROM payment_notifications`)).toBe(rows);
        expect((await post('127.0.0.5')).status).toBe(401);
        const code = await createCampaign(limited, await login(limited));
        expect(
          (await fromAddress(limited, '127.0.0.4', 'POST', `/api/campaigns/${code}/donations`, { body: { amountFen: 100, channel: 'sandbox' } })).status,
        ).toBe(201);
      });
    });
  });

  describe('finding 4: orphaned uploads', () => {
    function screenshotForm(fields: Record<string, string>): FormData {
      const png = new PNG({ width: 8, height: 8 });
      png.data.fill(120);
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      data.append('screenshot', new Blob([new Uint8Array(PNG.sync.write(png))], { type: 'image/png' }), 'pay.png');
      return data;
    }
    const screenshots = () => readdir(join(t.config.storageDir, 'uploads', 'screenshots')).catch(() => [] as string[]);

    it('leaves no file on disk for a refused multipart request, whatever refuses it', async () => {
      const gift = await paid(45000);
      const held = await paid(46000);
      expect((await ask(receiptBody(campaign, VICTIM, { orderNo: held.orderNo, amountFen: 46000, claimToken: held.claimToken }))).body.status).toBe('queued');
      const base = {
        campaignCode: campaign,
        donorType: 'individual',
        name: VICTIM.name,
        idNumber: VICTIM.idNumber,
        invoiceTitle: VICTIM.name,
        phone: VICTIM.phone,
        email: VICTIM.email,
      };
      const before = (await screenshots()).length;
      const refusals: [Record<string, string>, number, string][] = [
        [{ ...base, amountFen: '45000', idNumber: '110105194912310021' }, 422, 'INVALID_ID_NUMBER'],
        [{ ...base, amountFen: '500' }, 422, 'BELOW_RECEIPT_THRESHOLD'],
        [{ ...base, amountFen: '45000', campaignCode: 'no-such-campaign' }, 404, 'CAMPAIGN_NOT_FOUND'],
        [{ ...base, amountFen: '45001', orderNo: gift.orderNo, claimToken: gift.claimToken }, 422, 'AMOUNT_MISMATCH'],
        [{ ...base, amountFen: '46000', orderNo: held.orderNo, claimToken: held.claimToken }, 409, 'RECEIPT_ALREADY_REQUESTED'],
      ];
      for (const [fields, status, code] of refusals) {
        const res = await fetch(`${t.baseUrl}/api/receipt-requests`, { method: 'POST', body: screenshotForm(fields) });
        expect({ code, status: res.status, body: ((await res.json()) as { code: string }).code }).toEqual({ code, status, body: code });
      }
      expect((await screenshots()).length).toBe(before);
      // A stored request keeps its file.
      const stored = await fetch(`${t.baseUrl}/api/receipt-requests`, {
        method: 'POST',
        body: screenshotForm({ ...base, amountFen: '45000', bankReference: 'ICBC-77' }),
      });
      expect(stored.status).toBe(201);
      expect((await screenshots()).length).toBe(before + 1);
    });

    it('sweeps files no stored request names once past the grace period, from a repeating job', async () => {
      const dir = join(t.config.storageDir, 'uploads', 'screenshots');
      await mkdir(dir, { recursive: true });
      const orphan = join(dir, `${randomUUID()}.png`);
      const fresh = join(dir, `${randomUUID()}.png`);
      await writeFile(orphan, 'orphan');
      await writeFile(fresh, 'fresh');
      const hourAgo = new Date(Date.now() - 2 * 3600_000);
      await utimes(orphan, hourAgo, hourAgo);
      const [referenced] = await t.db.query(`SELECT screenshot_path FROM receipt_requests WHERE screenshot_path IS NOT NULL LIMIT 1`);
      expect(referenced).toBeDefined();
      await utimes(join(t.config.storageDir, referenced.screenshot_path), hourAgo, hourAgo);

      const result = await t.app.get(HousekeepingService).sweepOrphanedUploads();
      expect(result.deleted).toBeGreaterThanOrEqual(1);
      const left = await readdir(dir);
      expect(left).not.toContain(basename(orphan));
      expect(left).toContain(basename(fresh));
      expect(left).toContain(basename(referenced.screenshot_path));
      const queue = t.app.get<Queue>(getQueueToken('maintenance'), { strict: false });
      expect(await queue.getJobScheduler('upload-sweep')).toMatchObject({ name: 'upload-sweep' });
    });
  });

  describe('finding 8: NUL bytes and other control characters', () => {
    // Every row has four entries: Jest would take a missing one for a `done` callback.
    const cases: [string, string, string, unknown][] = [
      ['staff search q', 'GET', '/api/staff/donations?q=%00', undefined],
      ['staff search campaignCode', 'GET', '/api/staff/donations?campaignCode=%00', undefined],
      ['staff search orderNo', 'GET', '/api/staff/donations?orderNo=abc%00', undefined],
      ['staff search bankReference', 'GET', '/api/staff/donations?bankReference=%00', undefined],
      ['audit log entity', 'GET', '/api/staff/audit-log?entity=%00', undefined],
      ['audit log entityId', 'GET', '/api/staff/audit-log?entity=donation&entityId=%00', undefined],
      ['receipt requests campaignCode', 'GET', '/api/staff/receipt-requests?campaignCode=%00', undefined],
      ['a bell in a query string', 'GET', '/api/staff/donations?q=%07', undefined],
      ['order look-up', 'GET', '/api/donations/HA2020%0020', undefined],
      ['campaign', 'GET', '/api/campaigns/%00', undefined],
      ['campaign totals', 'GET', '/api/campaigns/warm%00/totals', undefined],
      ['receipt verification', 'GET', '/api/receipts/verify/WH-2020-%0000000001?s=x', undefined],
      ['receipt request status', 'GET', '/api/receipt-requests/%00', undefined],
      ['receipt form page', 'GET', '/receipts/request?orderNo=%00', undefined],
      ['result page', 'GET', '/donations/%00', undefined],
      ['donate page', 'GET', '/donate/%00', undefined],
      ['verify page', 'GET', '/verify/%00?s=%00', undefined],
      ['receipt request body', 'POST', '/api/receipt-requests', receiptBody('warm-wuhan', VICTIM, { amountFen: 20000, name: '张\u0000伟' })],
      ['receipt request campaign', 'POST', '/api/receipt-requests', receiptBody('warm\u0000', VICTIM, { amountFen: 20000 })],
      [
        'bank transfer reference',
        'POST',
        '/api/staff/bank-transfers',
        { campaignCode: 'x', bankReference: 'A\u0000', amountFen: 100, payerName: 'x', receivedAt: '2020-02-01T10:30:00+08:00' },
      ],
      ['a NUL in a body key', 'POST', '/api/staff/campaigns', { code: 't-nulkey', title: 'x', receiptPrefix: 'NK', 'x\u0000': 1 }],
    ];
    it.each(cases)('%s → 400 with a code, never 500', async (_label, method, path, body) => {
      const res = await t.request(method, path, { token: admin, ...(body !== undefined ? { body } : {}) });
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(res.text).not.toMatch(/QueryFailedError|invalid byte sequence|node_modules/);
    });

    it('a reason with a NUL (staff reject) → 400, the request stays pending', async () => {
      const pending = await ask(receiptBody(campaign, ATTACKER, { amountFen: 20000 }));
      const res = await t.request('POST', `/api/staff/receipt-requests/${pending.body.requestId}/reject`, { token: admin, body: { reason: '不\u0000符' } });
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await t.request('GET', `/api/receipt-requests/${pending.body.requestId}`)).body.status).toBe('pending_review');
    });
  });

  describe('finding 10: metrics in public; every 429 says when to come back', () => {
    it('answers /metrics only with Authorization: Bearer <METRICS_TOKEN>', async () => {
      expect((await t.request('GET', '/metrics')).status).toBe(401);
      expect((await t.request('GET', '/metrics', { token: 'wrong-token-0123456789' })).status).toBe(401);
      const ok = await t.request('GET', '/metrics', { token: METRICS_TOKEN });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('wennuan_http_request_duration_seconds');
    });

    describe('with a small public write limit', () => {
      const own = isolated('ha_wr');
      let limited: TestApp;
      beforeAll(async () => {
        limited = await startApp({ ...own.env, APP_ROLE: 'api', PUBLIC_WRITE_RATE_LIMIT: '2' });
      });
      afterAll(async () => {
        await limited?.close();
        await own.drop();
      });

      it('a 429 RATE_LIMITED carries Retry-After', async () => {
        const code = await createCampaign(limited, await login(limited));
        const give = () => fromAddress(limited, '127.0.0.6', 'POST', `/api/campaigns/${code}/donations`, { body: { amountFen: 100, channel: 'sandbox' } });
        expect([(await give()).status, (await give()).status]).toEqual([201, 201]);
        const refused = await give();
        expect({ status: refused.status, code: refused.body?.code }).toEqual({ status: 429, code: 'RATE_LIMITED' });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      });
    });
  });
});
