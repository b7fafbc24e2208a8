import { randomUUID } from 'node:crypto';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { countRows, createCampaign, login, startApp, TestApp } from './support/test-app';

// The e2e project's testTimeout is not applied by Jest to projects; app starts need more than 5 s.
jest.setTimeout(60_000);

const BASE = 'https://give.example.org';
const newCode = () => `c-${randomUUID().slice(0, 8)}`;
const errorBody = (statusCode: number, code: string) => ({ statusCode, code, message: expect.any(String) });
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Reads the text of the QR code in a PNG. */
function decodePng(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

/**
 * Reads the text of the QR code in an SVG: paints the dark modules (drawn as horizontal runs:
 * `M x y`, `m dx dy`, `h len`, one unit per module) into a bitmap, then decodes it like a PNG.
 */
function decodeSvg(svg: string): string | null {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error(`no viewBox in ${svg.slice(0, 200)}`);
  const size = Number(viewBox[1]);
  const dark = [...svg.matchAll(/<path\b[^>]*\bstroke="#000000"[^>]*\bd="([^"]+)"/g)].map((m) => m[1]);
  if (dark.length !== 1) throw new Error('expected one dark path in the SVG');
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of dark[0].matchAll(/([MmHh])\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b ?? 0)];
    else {
      const to = cmd === 'h' ? x + Number(a) : Number(a);
      for (let col = Math.min(x, to); col < Math.max(x, to); col++) modules[Math.floor(y)][col] = true;
      x = to;
    }
  }
  const scale = 8;
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const value = modules[Math.floor(py / scale)][Math.floor(px / scale)] ? 0 : 255;
      pixels.set([value, value, value, 255], (py * width + px) * 4);
    }
  }
  return jsQR(pixels, width, width)?.data ?? null;
}

describe('campaigns', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp({ PUBLIC_BASE_URL: BASE });
    admin = await login(t);
  });
  afterAll(() => t?.close());

  const create = (body: Record<string, unknown>, token = admin) => t.request('POST', '/api/staff/campaigns', { token, body });

  describe('POST /api/staff/campaigns', () => {
    it('creates a campaign with every field: 201 with the fields of the contract', async () => {
      const code = newCode();
      const res = await create({
        code,
        title: '温暖测试',
        receiptPrefix: 'WNT',
        goalFen: 500_000_000,
        receiptThresholdFen: 20_000,
        startsAt: '2020-02-01T00:00:00+08:00',
        endsAt: '2099-12-31T23:59:59+08:00',
        autoApproveReceipts: false,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code,
        title: '温暖测试',
        receiptPrefix: 'WNT',
        goalFen: 500_000_000,
        receiptThresholdFen: 20_000,
        autoApproveReceipts: false,
        status: 'active',
        startsAt: expect.stringMatching(ISO_WITH_OFFSET),
        endsAt: expect.stringMatching(ISO_WITH_OFFSET),
      });
      expect(Date.parse(res.body.startsAt)).toBe(Date.parse('2020-02-01T00:00:00+08:00'));
      expect(Date.parse(res.body.endsAt)).toBe(Date.parse('2099-12-31T23:59:59+08:00'));
      expect(await countRows(t, 'SELECT count(*) FROM campaigns WHERE code = $1', [code])).toBe(1);
    });

    it('fills the defaults: receipt threshold 10000 fen, receipts auto-approved, no goal or dates, active', async () => {
      const code = newCode();
      const res = await create({ code, title: '默认值', receiptPrefix: 'DF' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        code,
        receiptThresholdFen: 10000,
        autoApproveReceipts: true,
        goalFen: null,
        startsAt: null,
        endsAt: null,
        status: 'active',
      });
    });

    it('keeps money exact as integer fen, up to the largest safe integer', async () => {
      const code = newCode();
      const res = await create({ code, title: '大目标', receiptPrefix: 'BIG', goalFen: Number.MAX_SAFE_INTEGER });
      expect(res.status).toBe(201);
      const got = await t.request('GET', `/api/campaigns/${code}`);
      expect(got.body.goalFen).toBe(Number.MAX_SAFE_INTEGER);
      expect(got.text).toContain(`"goalFen":${Number.MAX_SAFE_INTEGER}`);
    });

    it('refuses a taken code: 409 CAMPAIGN_EXISTS, the first campaign unchanged', async () => {
      const code = newCode();
      expect((await create({ code, title: '第一个', receiptPrefix: 'AA' })).status).toBe(201);
      const again = await create({ code, title: '第二个', receiptPrefix: 'BB' });
      expect(again.status).toBe(409);
      expect(again.body).toEqual(errorBody(409, 'CAMPAIGN_EXISTS'));
      expect((await t.request('GET', `/api/campaigns/${code}`)).body).toMatchObject({ title: '第一个', receiptPrefix: 'AA' });
    });

    it('creates exactly one campaign when the same code is submitted many times at once', async () => {
      const code = newCode();
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => create({ code, title: `并发 ${i}`, receiptPrefix: 'RC' })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      for (const a of answers.filter((x) => x.status === 409)) expect(a.body.code).toBe('CAMPAIGN_EXISTS');
      expect(await countRows(t, 'SELECT count(*) FROM campaigns WHERE code = $1', [code])).toBe(1);
    });

    it.each([
      ['a lower-case receipt prefix', { receiptPrefix: 'wh' }],
      ['a one-letter receipt prefix', { receiptPrefix: 'W' }],
      ['a nine-letter receipt prefix', { receiptPrefix: 'ABCDEFGHI' }],
      ['a receipt prefix with a digit', { receiptPrefix: 'W1' }],
      ['a missing receipt prefix', { receiptPrefix: undefined }],
      ['a missing title', { title: undefined }],
      ['an upper-case code', { code: 'Bad-Code' }],
      ['a code with a slash', { code: 'a/b' }],
      ['a goal in yuan with decimals', { goalFen: 1.5 }],
      ['a goal given as a string', { goalFen: '100' }],
      ['a zero goal', { goalFen: 0 }],
      ['a negative threshold', { receiptThresholdFen: -1 }],
      ['a fractional threshold', { receiptThresholdFen: 100.5 }],
      ['a date that is not ISO-8601', { startsAt: '2020/02/01' }],
      ['autoApproveReceipts as a string', { autoApproveReceipts: 'yes' }],
      ['an unknown field', { owner: 'someone' }],
    ])('refuses %s with 400 VALIDATION_FAILED and stores nothing', async (_name, change) => {
      const code = newCode();
      const res = await create({ code, title: '校验', receiptPrefix: 'VC', ...change });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: expect.any(String) });
      expect(await countRows(t, 'SELECT count(*) FROM campaigns WHERE code = $1', [(change as { code?: string }).code ?? code])).toBe(0);
    });

    it('refuses an end before the start with 422 INVALID_CAMPAIGN_DATES', async () => {
      const code = newCode();
      const res = await create({ code, title: '日期', receiptPrefix: 'DT', startsAt: '2020-03-01T00:00:00+08:00', endsAt: '2020-02-01T00:00:00+08:00' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(errorBody(422, 'INVALID_CAMPAIGN_DATES'));
      expect(await countRows(t, 'SELECT count(*) FROM campaigns WHERE code = $1', [code])).toBe(0);
    });

    it('refuses malformed JSON with 400, not 500', async () => {
      const res = await t.request('POST', '/api/staff/campaigns', { token: admin, raw: '{"code": ', headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    });

    it('needs a signed-in admin', async () => {
      expect((await t.request('POST', '/api/staff/campaigns', { body: { code: newCode(), title: 'x', receiptPrefix: 'XX' } })).body).toEqual(
        errorBody(401, 'UNAUTHENTICATED'),
      );
    });
  });

  describe('GET /api/campaigns/:code', () => {
    it('shows the public fields of a campaign', async () => {
      const code = newCode();
      await create({ code, title: '公开活动', receiptPrefix: 'PB', goalFen: 1_000_000, startsAt: '2020-02-01T00:00:00+08:00' });
      const res = await t.request('GET', `/api/campaigns/${code}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({
        code,
        title: '公开活动',
        goalFen: 1_000_000,
        receiptThresholdFen: 10000,
        startsAt: expect.stringMatching(ISO_WITH_OFFSET),
        endsAt: null,
        status: 'active',
      });
      expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['code', 'title', 'goalFen', 'receiptThresholdFen', 'startsAt', 'endsAt', 'status']));
      expect(Date.parse(res.body.startsAt)).toBe(Date.parse('2020-02-01T00:00:00+08:00'));
      // Links point at the configured public base.
      if (res.body.donateUrl !== undefined) expect(res.body.donateUrl).toBe(`${BASE}/donate/${code}`);
    });

    it('answers a code too long for the router with a 4xx in the error shape, not 500', async () => {
      const res = await t.request('GET', `/api/campaigns/${'a'.repeat(500)}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).toMatchObject({ statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
    });

    it('derives the status from the dates: upcoming, active, ended', async () => {
      const upcoming = newCode();
      const ended = newCode();
      await create({ code: upcoming, title: '未开始', receiptPrefix: 'UP', startsAt: '2099-01-01T00:00:00+08:00' });
      await create({ code: ended, title: '已结束', receiptPrefix: 'EN', startsAt: '2020-01-01T00:00:00+08:00', endsAt: '2020-06-30T00:00:00+08:00' });
      expect((await t.request('GET', `/api/campaigns/${upcoming}`)).body.status).toBe('upcoming');
      expect((await t.request('GET', `/api/campaigns/${ended}`)).body.status).toBe('ended');
    });

    it.each([
      ['unknown', () => newCode()],
      ['upper-case', () => 'WARM-WUHAN'],
      ['Chinese', () => encodeURIComponent('温暖武汉')],
      ['overlong', () => 'a'.repeat(70)],
    ])('answers 404 CAMPAIGN_NOT_FOUND for an %s code', async (_name, code) => {
      const res = await t.request('GET', `/api/campaigns/${code()}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(errorBody(404, 'CAMPAIGN_NOT_FOUND'));
    });
  });

  describe('QR codes', () => {
    let code: string;
    beforeAll(async () => {
      code = await createCampaign(t, admin);
    });

    it('qr.png is a PNG whose QR text is exactly PUBLIC_BASE_URL/donate/:code', async () => {
      const res = await fetch(`${t.baseUrl}/api/campaigns/${code}/qr.png`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await res.arrayBuffer());
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(decodePng(png)).toBe(`${BASE}/donate/${code}`);
    });

    it('qr.svg is image/svg+xml holding an svg with the same QR text', async () => {
      const res = await t.request('GET', `/api/campaigns/${code}/qr.svg`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(res.text).toMatch(/<svg\b[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      expect(res.text.trim()).toMatch(/<\/svg>$/);
      expect(decodeSvg(res.text)).toBe(`${BASE}/donate/${code}`);
    });

    it('serves the same image every time', async () => {
      const [a, b] = await Promise.all([1, 2].map(async () => Buffer.from(await (await fetch(`${t.baseUrl}/api/campaigns/${code}/qr.png`)).arrayBuffer())));
      expect(a.length).toBeGreaterThan(100);
      expect(a.equals(b)).toBe(true);
      const [s1, s2] = await Promise.all([1, 2].map(async () => (await t.request('GET', `/api/campaigns/${code}/qr.svg`)).text));
      expect(s1).toBe(s2);
    });

    it('uses PUBLIC_BASE_URL as configured, a trailing slash and a path included', async () => {
      const other = await startApp({ PUBLIC_BASE_URL: 'https://example.com/wennuan/' });
      try {
        const res = await fetch(`${other.baseUrl}/api/campaigns/${code}/qr.png`);
        expect(res.status).toBe(200);
        expect(decodePng(Buffer.from(await res.arrayBuffer()))).toBe(`https://example.com/wennuan/donate/${code}`);
      } finally {
        await other.close();
      }
    });

    it.each(['qr.png', 'qr.svg'])('%s of an unknown campaign is 404 CAMPAIGN_NOT_FOUND in JSON', async (file) => {
      const res = await t.request('GET', `/api/campaigns/${newCode()}/${file}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual(errorBody(404, 'CAMPAIGN_NOT_FOUND'));
    });
  });

  describe('SEED_DEMO', () => {
    it('creates warm-wuhan (温暖武汉, receipt prefix WH) once, however many services start with it', async () => {
      const [a, b] = await Promise.all([startApp({ SEED_DEMO: 'true' }), startApp({ SEED_DEMO: 'true' })]);
      try {
        const res = await a.request('GET', '/api/campaigns/warm-wuhan');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ code: 'warm-wuhan', title: '温暖武汉', receiptThresholdFen: 10000, status: 'active' });
        const [row] = await a.db.query(`SELECT receipt_prefix, title FROM campaigns WHERE code = 'warm-wuhan'`);
        expect(row).toEqual({ receipt_prefix: 'WH', title: '温暖武汉' });
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
      const c = await startApp({ SEED_DEMO: 'true' });
      try {
        expect((await c.request('GET', '/api/campaigns/warm-wuhan')).status).toBe(200);
        expect(await countRows(c, `SELECT count(*) FROM campaigns WHERE code = 'warm-wuhan'`)).toBe(1);
      } finally {
        await c.close();
      }
    });
  });

  describe('GET /health', () => {
    it('answers 200 { status: "ok" } when PostgreSQL and Redis answer, never cached', async () => {
      const res = await t.request('GET', '/health');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toMatchObject({ status: 'ok' });
    });

    it('answers 503 in the error shape when Redis does not answer', async () => {
      const broken = await startApp({ APP_ROLE: 'api', REDIS_URL: 'redis://127.0.0.1:1' });
      try {
        const res = await broken.request('GET', '/health');
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
        expect(res.body.status).not.toBe('ok');
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      } finally {
        await broken.close();
      }
    });
  });

  describe('GET /api/campaigns/:code/totals', () => {
    // These campaigns received nothing: a disbursement is recorded only with the explicit confirmation (issue 18).
    const disburse = (code: string, amountFen: unknown, token = admin, extra: Record<string, unknown> = {}) =>
      t.request('POST', '/api/staff/disbursements', {
        token,
        body: { campaignCode: code, amountFen, recipient: '武汉市某医院', purpose: '购买防护服', date: '2020-02-10', confirmExceeding: true, ...extra },
      });

    it('is all zeros for a fresh campaign, with its goal', async () => {
      const code = await createCampaign(t, admin, { goalFen: 88_888_800 });
      const res = await t.request('GET', `/api/campaigns/${code}/totals`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        donorCount: 0,
        donationCount: 0,
        amountFen: 0,
        todayAmountFen: 0,
        goalFen: 88_888_800,
        disbursedFen: 0,
        updatedAt: expect.stringMatching(ISO_WITH_OFFSET),
      });
      expect(Array.isArray(res.body.inKind)).toBe(true);
      for (const item of res.body.inKind) expect(item).toMatchObject({ receivedQuantity: 0, distributedQuantity: 0 });
    });

    it('counts disbursements in disbursedFen, to the fen, and only for their campaign', async () => {
      const code = await createCampaign(t, admin, { goalFen: 100_000_000 });
      const other = await createCampaign(t, admin);
      const first = await disburse(code, 12_345_678);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({
        id: expect.any(String),
        campaignCode: code,
        amountFen: 12_345_678,
        recipient: '武汉市某医院',
        purpose: '购买防护服',
        date: '2020-02-10',
      });
      expect((await disburse(code, 1)).status).toBe(201);
      const totals = await t.request('GET', `/api/campaigns/${code}/totals`);
      expect(totals.body).toMatchObject({ disbursedFen: 12_345_679, amountFen: 0, donationCount: 0, goalFen: 100_000_000 });
      expect((await t.request('GET', `/api/campaigns/${other}/totals`)).body.disbursedFen).toBe(0);
      const listed = await t.request('GET', `/api/campaigns/${code}/disbursements`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i: { amountFen: number }) => i.amountFen).sort((a: number, b: number) => a - b)).toEqual([1, 12_345_678]);
    });

    it.each([
      ['zero', 0],
      ['negative', -100],
      ['fractional', 10.5],
      ['a string', '100'],
      ['beyond a safe integer', 2 ** 60],
    ])('refuses a %s disbursement amount with 400/422 and counts nothing', async (_name, amount) => {
      const code = await createCampaign(t, admin);
      const res = await disburse(code, amount);
      expect([400, 422]).toContain(res.status);
      expect(res.body).toMatchObject({ statusCode: res.status, code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
      expect((await t.request('GET', `/api/campaigns/${code}/totals`)).body.disbursedFen).toBe(0);
    });

    it.each([
      ['an impossible date', { date: '2020-02-30' }],
      ['a date with a time', { date: '2020-02-10T10:00:00+08:00' }],
      ['an empty recipient', { recipient: '' }],
      ['a missing purpose', { purpose: undefined }],
    ])('refuses %s with 400/422', async (_name, extra) => {
      const code = await createCampaign(t, admin);
      const res = await disburse(code, 100, admin, extra);
      expect([400, 422]).toContain(res.status);
      expect(res.body.statusCode).toBe(res.status);
      expect((await t.request('GET', `/api/campaigns/${code}/totals`)).body.disbursedFen).toBe(0);
    });

    it('refuses a disbursement for an unknown campaign with 404 CAMPAIGN_NOT_FOUND', async () => {
      const res = await disburse(newCode(), 100);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(errorBody(404, 'CAMPAIGN_NOT_FOUND'));
    });

    it('answers 404 CAMPAIGN_NOT_FOUND for the totals of an unknown campaign', async () => {
      const res = await t.request('GET', `/api/campaigns/${newCode()}/totals`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(errorBody(404, 'CAMPAIGN_NOT_FOUND'));
    });
  });
});
