import { randomBytes } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../src/config/app-config';
import { FakeWechatPay, signAsWechat, startFakeWechatPay, successNotification, wechatKeys } from './support/fake-wechatpay';
import { countRows, createCampaign, createDonation, login, startApp, TestApp, testEnv } from './support/test-app';

const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';

describe('WeChat Pay API v3', () => {
  const keys = wechatKeys();
  let fake: FakeWechatPay;
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
    };
    t = await startApp({ ...env, PUBLIC_BASE_URL: 'https://give.example.org' });
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  async function wechatOrder(amountFen: number): Promise<string> {
    const res = await createDonation(t, campaign, { amountFen, channel: 'wechatpay' });
    expect(res.status).toBe(201);
    return res.body.orderNo;
  }

  function tx(orderNo: string, total: number, extra: Record<string, unknown> = {}) {
    return {
      mchid: MCH_ID, appid: APP_ID, out_trade_no: orderNo, transaction_id: `4200000${randomBytes(6).toString('hex')}`,
      trade_type: 'NATIVE', trade_state: 'SUCCESS', trade_state_desc: '支付成功', success_time: '2020-02-01T10:30:00+08:00',
      amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' }, payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, ...extra,
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
      appid: APP_ID, mchid: MCH_ID, out_trade_no: res.body.orderNo, amount: { total: 12345, currency: 'CNY' },
      notify_url: 'https://give.example.org/api/payments/wechatpay/notify', time_expire: expect.stringMatching(/\+08:00$/),
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
    ['a wrong signature', (b: string) => signAsWechat(keys, b, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }), 401, 'INVALID_SIGNATURE'],
    ['an unknown serial', (b: string) => signAsWechat(keys, b, { serial: 'SOMEOTHERSERIAL' }), 401, 'INVALID_SIGNATURE'],
    ['a stale timestamp', (b: string) => signAsWechat(keys, b, { timestamp: Math.floor(Date.now() / 1000) - 600 }), 401, 'INVALID_SIGNATURE'],
    ['a timestamp from the future', (b: string) => signAsWechat(keys, b, { timestamp: Math.floor(Date.now() / 1000) + 600 }), 401, 'INVALID_SIGNATURE'],
    ['no signature headers', () => ({}), 401, 'INVALID_SIGNATURE'],
  ])('refuses %s without touching the ledger', async (_label, sign, status, code) => {
    const orderNo = await wechatOrder(40000);
    const body = successNotification(keys, tx(orderNo, 40000));
    const res = await notify(body, sign(body) as Record<string, string>);
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

  it('refuses an amount different from the order, flagged for staff; and another merchant\'s transaction', async () => {
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
