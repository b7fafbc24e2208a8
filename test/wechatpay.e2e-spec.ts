import { randomBytes } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import {
  FakeWechatPay,
  refundNotification,
  signAsWechat,
  startFakeWechatPay,
  successNotification,
  tradeBill,
  tradeBillLine,
  wechatKeys,
} from './support/fake-wechatpay';
import { countRows, createCampaign, createDonation, isolated, login, startApp, TestApp, testEnv } from './support/test-app';

const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';

describe('WeChat Pay API v3', () => {
  const keys = wechatKeys();
  let fake: FakeWechatPay;
  const own = isolated('wechatpay');
  let t: TestApp;
  let admin: string;
  let campaign: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeWechatPay(keys, MCH_ID);
    const dir = mkdtempSync(join(tmpdir(), 'wechat-keys-'));
    writeFileSync(join(dir, 'platform.pem'), keys.platformPublicPem);
    env = {
      WECHATPAY_MCH_ID: MCH_ID,
      WECHATPAY_APP_ID: APP_ID,
      WECHATPAY_API_V3_KEY: keys.apiV3Key,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PRIVATE_KEY: keys.merchantPrivatePem.replace(/\n/g, '\\n'), // inline, as in an env file
      WECHATPAY_PLATFORM_PUBLIC_KEYS: `${keys.platformSerial}=${join(dir, 'platform.pem')}`, // a file
      WECHATPAY_API_BASE: fake.url,
      // Its own ledger: the trade bill is checked against every WeChat payment of the day, and other
      // suites (JSAPI, H5, the phone browser tests) pay through WeChat in the run's shared database.
      ...own.env,
    };
    t = await startApp({ ...env, PUBLIC_BASE_URL: 'https://give.example.org' });
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await own.drop();
  });

  async function wechatOrder(amountFen: number): Promise<string> {
    const res = await createDonation(t, campaign, { amountFen, channel: 'wechatpay' });
    expect(res.status).toBe(201);
    return res.body.orderNo;
  }

  function tx(orderNo: string, total: number, extra: Record<string, unknown> = {}) {
    return {
      mchid: MCH_ID,
      appid: APP_ID,
      out_trade_no: orderNo,
      transaction_id: `4200000${randomBytes(6).toString('hex')}`,
      trade_type: 'NATIVE',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: '2020-02-01T10:30:00+08:00',
      amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
      ...extra,
    };
  }

  function notify(body: string, headers: Record<string, string>) {
    return t.request('POST', '/api/payments/wechatpay/notify', { raw: body, headers: { 'content-type': 'application/json', ...headers } });
  }

  async function paymentsOf(orderNo: string): Promise<number> {
    return countRows(t, `SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1`, [orderNo]);
  }

  it('creates a Native order with a signed request and returns the code_url to show as a QR code', async () => {
    const res = await createDonation(t, campaign, { amountFen: 12345, channel: 'wechatpay' });
    expect(res.status).toBe(201);
    expect(res.body.payment).toMatchObject({ provider: 'wechatpay', codeUrl: expect.stringMatching(/^weixin:\/\/wxpay\/bizpayurl\?pr=/) });
    const call = fake.requests.find((r) => r.path === '/v3/pay/transactions/native' && r.body?.out_trade_no === res.body.orderNo)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({
      appid: APP_ID,
      mchid: MCH_ID,
      out_trade_no: res.body.orderNo,
      amount: { total: 12345, currency: 'CNY' },
      notify_url: 'https://give.example.org/api/payments/wechatpay/notify',
      time_expire: expect.stringMatching(/\+08:00$/),
    });
  });

  it('shows the code as a QR code on its checkout page, which the donate page opens', async () => {
    const res = await createDonation(t, campaign, { amountFen: 6600, channel: 'wechatpay' });
    expect(res.body.payment.checkoutUrl).toBe(`https://give.example.org/pay/wechatpay/${res.body.orderNo}`);
    const page = await t.request('GET', `/pay/wechatpay/${res.body.orderNo}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    expect(page.text).toContain('¥66.00');
    const sandboxOrder = await createDonation(t, campaign, { amountFen: 6600 });
    expect((await t.request('GET', `/pay/wechatpay/${sandboxOrder.body.orderNo}`)).status).toBe(404);
  });

  it('pays the donation on a valid notification and answers as WeChat expects', async () => {
    const orderNo = await wechatOrder(20000);
    const body = successNotification(keys, tx(orderNo, 20000));
    const res = await notify(body, signAsWechat(keys, body));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ code: 'SUCCESS', message: '成功' });
    const view = await t.request('GET', `/api/donations/${orderNo}`);
    expect(view.body).toMatchObject({ status: 'paid', paidAt: '2020-02-01T02:30:00.000Z' });
  });

  it('counts the same notification ten times once', async () => {
    const orderNo = await wechatOrder(30000);
    const body = successNotification(keys, tx(orderNo, 30000));
    const headers = signAsWechat(keys, body);
    const answers = await Promise.all(Array.from({ length: 10 }, () => notify(body, headers)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(await paymentsOf(orderNo)).toBe(1);
  });

  it.each([
    [
      'a wrong signature',
      (b: string) => signAsWechat(keys, b, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }),
      401,
      'INVALID_SIGNATURE',
    ],
    ['an unknown serial', (b: string) => signAsWechat(keys, b, { serial: 'SOMEOTHERSERIAL' }), 401, 'INVALID_SIGNATURE'],
    ['a stale timestamp', (b: string) => signAsWechat(keys, b, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401, 'INVALID_SIGNATURE'],
    ['a timestamp from the future', (b: string) => signAsWechat(keys, b, { timestamp: Math.floor(Date.now() / 1000) + 600 }), 401, 'INVALID_SIGNATURE'],
    ['no signature headers', () => ({}), 401, 'INVALID_SIGNATURE'],
  ])('refuses %s without touching the ledger', async (_label, sign, status, code) => {
    const orderNo = await wechatOrder(40000);
    const body = successNotification(keys, tx(orderNo, 40000));
    const res = await notify(body, sign(body));
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(await paymentsOf(orderNo)).toBe(0);
    expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('pending');
  });

  it('refuses a body changed after WeChat signed it', async () => {
    const orderNo = await wechatOrder(40000);
    const body = successNotification(keys, tx(orderNo, 40000));
    const headers = signAsWechat(keys, body);
    const res = await notify(body.replace('TRANSACTION.SUCCESS', 'TRANSACTION.SUCCESS '), headers);
    expect(res.status).toBe(401);
    expect(await paymentsOf(orderNo)).toBe(0);
  });

  it('refuses a tampered ciphertext (or one under another APIv3 key), even when signed', async () => {
    const orderNo = await wechatOrder(40000);
    const honest = JSON.parse(successNotification(keys, tx(orderNo, 40000)));
    const bytes = Buffer.from(honest.resource.ciphertext, 'base64');
    bytes[5] ^= 0xff;
    honest.resource.ciphertext = bytes.toString('base64');
    for (const body of [JSON.stringify(honest), successNotification(keys, tx(orderNo, 40000), 'x'.repeat(32))]) {
      const res = await notify(body, signAsWechat(keys, body));
      expect([res.status, res.body.code]).toEqual([400, 'INVALID_RESOURCE']);
    }
    expect(await paymentsOf(orderNo)).toBe(0);
  });

  it("refuses an amount different from the order, flagged for staff; and another merchant's transaction", async () => {
    const orderNo = await wechatOrder(50000);
    const body = successNotification(keys, tx(orderNo, 100));
    const res = await notify(body, signAsWechat(keys, body));
    expect([res.status, res.body.code]).toEqual([422, 'AMOUNT_MISMATCH']);
    const [row] = await t.db.query(`SELECT status, flag_reason FROM donations WHERE order_no = $1`, [orderNo]);
    expect(row.status).toBe('pending');
    expect(row.flag_reason).toContain('AMOUNT_MISMATCH');

    const foreign = successNotification(keys, tx(orderNo, 50000, { mchid: '1900000999' }));
    expect((await notify(foreign, signAsWechat(keys, foreign))).status).toBe(400);
    expect(await paymentsOf(orderNo)).toBe(0);
  });

  it('keeps every notification raw, including refused ones', async () => {
    const orderNo = await wechatOrder(60000);
    const body = successNotification(keys, tx(orderNo, 60000));
    await notify(body, signAsWechat(keys, body, { serial: 'NOPE' }));
    const rows = await t.db.query(`SELECT raw_body, outcome FROM payment_notifications WHERE provider = 'wechatpay' AND raw_body = $1`, [body]);
    expect(rows).toEqual([{ raw_body: body, outcome: 'INVALID_SIGNATURE' }]);
  });

  it('recovers a payment whose notification was lost, through reconciliation', async () => {
    const lost = await wechatOrder(70000);
    const unpaid = await wechatOrder(80000);
    fake.orders.set(lost, tx(lost, 70000));
    fake.orders.set(unpaid, { mchid: MCH_ID, appid: APP_ID, out_trade_no: unpaid, trade_state: 'NOTPAY' });
    const res = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.recovered).toContain(lost);
    expect(res.body.recovered).not.toContain(unpaid);
    expect((await t.request('GET', `/api/donations/${lost}`)).body.status).toBe('paid');
    expect((await t.request('GET', `/api/donations/${unpaid}`)).body.status).toBe('pending');
    const again = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin });
    expect(again.body.recovered).not.toContain(lost);
    expect(await paymentsOf(lost)).toBe(1);
  });

  describe('refunds', () => {
    async function paidOrder(code: string, amountFen: number): Promise<string> {
      const created = await createDonation(t, code, { amountFen, channel: 'wechatpay' });
      const body = successNotification(keys, tx(created.body.orderNo, amountFen));
      expect((await notify(body, signAsWechat(keys, body))).status).toBe(200);
      return created.body.orderNo;
    }
    const refund = (orderNo: string, key?: string) =>
      t.request('POST', `/api/staff/donations/${orderNo}/refund`, {
        token: admin,
        body: { reason: '捐赠人申请退回' },
        headers: key ? { 'idempotency-key': key } : {},
      });
    const totals = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/totals`)).body;
    const refundOf = (refundNo: string, orderNo: string, amountFen: number, status = 'SUCCESS') => ({
      mchid: MCH_ID,
      out_trade_no: orderNo,
      transaction_id: '4200000001',
      out_refund_no: refundNo,
      refund_id: `5030000${randomBytes(6).toString('hex')}`,
      refund_status: status,
      success_time: '2020-02-02T10:00:00+08:00',
      user_received_account: '支付用户零钱',
      amount: { total: amountFen, refund: amountFen, payer_total: amountFen, payer_refund: amountFen },
    });

    it('asks WeChat with a signed request; REFUND.SUCCESS (sent ten times) refunds once, totals equal the ledger', async () => {
      const code = await createCampaign(t, admin);
      const orderNo = await paidOrder(code, 25000);
      await paidOrder(code, 1000);
      expect(await totals(code)).toMatchObject({ donationCount: 2, donorCount: 2, amountFen: 26000 });

      const key = `wx-refund-${randomBytes(6).toString('hex')}`;
      const [a, b] = await Promise.all([refund(orderNo, key), refund(orderNo, key)]);
      expect([a.status, b.status]).toEqual([202, 202]);
      expect(a.body).toMatchObject({ status: 'processing', donationStatus: 'paid', provider: 'wechatpay' });
      expect(b.body.refundNo).toBe(a.body.refundNo);
      const asked = fake.requests.filter((r) => r.path === '/v3/refund/domestic/refunds' && r.body?.out_trade_no === orderNo);
      expect(asked.every((r) => r.signatureValid)).toBe(true);
      expect(new Set(asked.map((r) => r.body.out_refund_no))).toEqual(new Set([a.body.refundNo]));
      expect(asked[0].body).toMatchObject({
        out_refund_no: a.body.refundNo,
        amount: { refund: 25000, total: 25000, currency: 'CNY' },
        notify_url: 'https://give.example.org/api/payments/wechatpay/notify',
      });
      // Nothing changes until WeChat says the money went back.
      expect(await totals(code)).toMatchObject({ donationCount: 2, amountFen: 26000 });

      const body = refundNotification(keys, refundOf(a.body.refundNo, orderNo, 25000));
      const answers = await Promise.all(Array.from({ length: 10 }, () => notify(body, signAsWechat(keys, body))));
      expect(answers.map((r) => r.status)).toEqual(Array(10).fill(200));
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('refunded');
      expect(await totals(code)).toMatchObject({ donationCount: 1, donorCount: 1, amountFen: 1000 });
      const [{ id }] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]);
      expect((await t.app.get(TotalsReconciler).reconcile(id)).drift).toEqual([]);
      const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'donation.refund_succeeded' AND entity_id = $1`, [orderNo]);
      expect(n).toBe(1);

      // A refund notification that is not WeChat's is refused and changes nothing.
      const other = await paidOrder(code, 3000);
      const forged = await refund(other);
      const fakeBody = refundNotification(keys, refundOf(forged.body.refundNo, other, 3000));
      expect((await notify(fakeBody, signAsWechat(keys, fakeBody, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }))).status).toBe(401);
      expect((await t.request('GET', `/api/donations/${other}`)).body.status).toBe('paid');
    });

    it('refunds at once when WeChat answers SUCCESS; a refund WeChat never confirmed is settled by reconciliation', async () => {
      const code = await createCampaign(t, admin);
      fake.refundMode = 'SUCCESS';
      try {
        const now = await paidOrder(code, 4000);
        const res = await refund(now);
        expect([res.status, res.body.status, res.body.donationStatus]).toEqual([200, 'succeeded', 'refunded']);
      } finally {
        fake.refundMode = 'PROCESSING';
      }
      const later = await paidOrder(code, 6000);
      const asked = await refund(later);
      expect(asked.status).toBe(202);
      fake.refunds.get(asked.body.refundNo)!.status = 'SUCCESS'; // the notification got lost
      const res = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin, body: {} });
      expect(res.body.refundsSettled).toContain(asked.body.refundNo);
      expect((await t.request('GET', `/api/donations/${later}`)).body.status).toBe('refunded');
      expect(await totals(code)).toMatchObject({ donationCount: 0, amountFen: 0, donorCount: 0 });
    });

    it('leaves the ledger untouched when WeChat fails: unknown answers retry the same refund number, refusals end the refund', async () => {
      const code = await createCampaign(t, admin);
      const orderNo = await paidOrder(code, 9000);
      fake.refundMode = { status: 500, code: 'SYSTEM_ERROR' };
      const down = await refund(orderNo);
      expect([down.status, down.body.code]).toEqual([503, 'REFUND_PROVIDER_UNAVAILABLE']);
      fake.refundMode = { status: 403, code: 'NOT_ENOUGH' };
      const again = await refund(orderNo);
      expect([again.status, again.body.code]).toEqual([502, 'REFUND_REFUSED']);
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('paid');
      expect(await totals(code)).toMatchObject({ donationCount: 1, amountFen: 9000 });
      // Both attempts used the one refund number (WeChat refunds a number once); it is now failed.
      const numbers = fake.requests
        .filter((r) => r.path === '/v3/refund/domestic/refunds' && r.body?.out_trade_no === orderNo)
        .map((r) => r.body.out_refund_no);
      expect(numbers).toHaveLength(2);
      expect(new Set(numbers).size).toBe(1);
      const [row] = await t.db.query(`SELECT status FROM refunds WHERE refund_no = $1`, [numbers[0]]);
      expect(row.status).toBe('failed');

      fake.refundMode = 'SUCCESS';
      try {
        const ok = await refund(orderNo);
        expect([ok.status, ok.body.status]).toEqual([200, 'succeeded']);
        expect(ok.body.refundNo).not.toBe(numbers[0]);
      } finally {
        fake.refundMode = 'PROCESSING';
      }
    });

    it('lists a refund WeChat reports that the ledger never asked for', async () => {
      const refundNo = `RFCONSOLE${randomBytes(4).toString('hex')}`;
      const body = refundNotification(keys, refundOf(refundNo, 'TS-UNKNOWN-ORDER', 500));
      expect((await notify(body, signAsWechat(keys, body))).status).toBe(200);
      const list = await t.request('GET', '/api/staff/payments/reconciliation-differences?status=open', { token: admin });
      expect(list.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'UNKNOWN_REFUND', provider: 'wechatpay', providerAmountFen: 500 })]),
      );
    });
  });

  it('reads the trade bill: recovers a payment whose notification was lost, flags unknown payments and different amounts, once', async () => {
    const billDate = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const time = `${billDate} 09:15:00`;
    const lost = await wechatOrder(70100);
    const short = await wechatOrder(50000);
    const unknown = `TS-NOT-OURS-${randomBytes(4).toString('hex')}`;
    const line = (orderNo: string, amountYuan: string) =>
      tradeBillLine({ time, mchId: MCH_ID, appId: APP_ID, transactionId: `4200000${randomBytes(6).toString('hex')}`, orderNo, amountYuan });
    fake.bills.set(billDate, tradeBill([line(lost, '701.00'), line(unknown, '88.88'), line(short, '5.00')]));

    const res = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin, body: { billDate } });
    expect(res.status).toBe(200);
    expect(res.body.statement).toMatchObject({ billDate, lines: 3, recovered: [lost], differences: 2 });
    expect((await t.request('GET', `/api/donations/${lost}`)).body).toMatchObject({
      status: 'paid',
      paidAt: new Date(`${billDate}T09:15:00+08:00`).toISOString(),
    });
    expect((await t.request('GET', `/api/donations/${short}`)).body.status).toBe('pending');

    const list = await t.request('GET', '/api/staff/payments/reconciliation-differences?status=open&provider=wechatpay', { token: admin });
    const mine = list.body.items.filter((d: { orderNo: string }) => d.orderNo === unknown || d.orderNo === short);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'UNKNOWN_ORDER', orderNo: unknown, providerAmountFen: 8888, statementDate: billDate }),
        expect.objectContaining({ kind: 'AMOUNT_MISMATCH', orderNo: short, providerAmountFen: 500, ledgerAmountFen: 50000 }),
      ]),
    );
    const flagged = await t.request('GET', `/api/staff/donations?flagged=true&orderNo=${short}`, { token: admin });
    expect(flagged.body.items[0].flagReason).toContain('AMOUNT_MISMATCH');

    // The job runs again: nothing more is recovered, counted or listed.
    const again = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin, body: { billDate } });
    expect(again.body.statement).toMatchObject({ recovered: [], differences: 0 });
    expect(await paymentsOf(lost)).toBe(1);

    // Staff resolve a difference (audited); the auditor may read the list but not resolve.
    const target = mine.find((d: { kind: string }) => d.kind === 'UNKNOWN_ORDER');
    const resolved = await t.request('POST', `/api/staff/payments/reconciliation-differences/${target.id}/resolve`, {
      token: admin,
      body: { note: '他人误付，已原路退回' },
    });
    expect(resolved.body).toMatchObject({ resolvedAt: expect.any(String), resolutionNote: '他人误付，已原路退回' });
    const twice = await t.request('POST', `/api/staff/payments/reconciliation-differences/${target.id}/resolve`, { token: admin, body: { note: '再次' } });
    expect([twice.status, twice.body.code]).toEqual([409, 'DIFFERENCE_RESOLVED']);
  });

  it('answers 503 PAYMENT_PROVIDER_UNAVAILABLE when WeChat cannot be reached', async () => {
    const broken = await startApp({ ...env, WECHATPAY_API_BASE: 'http://127.0.0.1:9' });
    try {
      const res = await createDonation(broken, campaign, { amountFen: 100, channel: 'wechatpay' });
      expect([res.status, res.body.code]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    } finally {
      await broken.close();
    }
  });

  it('refuses a half configuration at start, naming the missing variable', () => {
    expect(() => loadConfig(testEnv({ WECHATPAY_MCH_ID: MCH_ID }))).toThrow(ConfigError);
    expect(() => loadConfig(testEnv({ WECHATPAY_MCH_ID: MCH_ID }))).toThrow(/WECHATPAY_APP_ID/);
    expect(() => loadConfig(testEnv({ ...env, WECHATPAY_API_V3_KEY: 'short' }))).toThrow(/WECHATPAY_API_V3_KEY/);
    expect(() => loadConfig(testEnv({ ...env, WECHATPAY_PRIVATE_KEY: '/no/such/file.pem' }))).toThrow(/WECHATPAY_PRIVATE_KEY/);
  });
});
