/**
 * Alipay's mobile website payment (alipay.trade.wap.pay) on phones and inside the Alipay app: a
 * signed form to the gateway, return_url verified but not believed, the async notification as the
 * truth; against a local stand-in of the gateway. The page says which way works where it is opened.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { Job } from 'bullmq';
import { DonationMaintenanceProcessor } from '../src/donations/donation-maintenance.processor';
import { EXPIRE_PENDING_ORDERS } from '../src/donations/donation-maintenance';
import { signingString, rsa2Verify } from '../src/payment-providers/alipay/alipay-sign';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { FakeAlipay, startFakeAlipay } from './support/fake-alipay';
import { FakeWechatPay, startFakeWechatPay, wechatKeys } from './support/fake-wechatpay';
import { createCampaign, login, startApp, TestApp } from './support/test-app';

const BASE = 'https://give.example.org';
const ANDROID_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36';
const ALIPAY_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(0) Nebula AlipayDefined(nt:WIFI,ws:390|780|3.0) AliApp(AP/10.5.36.6000) AlipayClient/10.5.36.6000 Language/zh-Hans';
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI';
const DESKTOP_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

describe('Alipay mobile website payment (alipay.trade.wap.pay)', () => {
  const keys = wechatKeys();
  let alipay: FakeAlipay;
  let wechat: FakeWechatPay;
  let t: TestApp;
  let admin: string;
  let campaign: string;

  beforeAll(async () => {
    alipay = await startFakeAlipay();
    wechat = await startFakeWechatPay(keys, '1900000109', { appId: 'wxd678efh567hg6787', appSecret: 'a1b2c3d4e5f60718293a4b5c6d7e8f90' });
    t = await startApp({
      ...alipay.env,
      WECHATPAY_MCH_ID: '1900000109',
      WECHATPAY_APP_ID: 'wxd678efh567hg6787',
      WECHATPAY_API_V3_KEY: keys.apiV3Key,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PRIVATE_KEY: keys.merchantPrivatePem.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_PUBLIC_KEYS: `${keys.platformSerial}=${keys.platformPublicPem.replace(/\n/g, '\\n')}`,
      WECHATPAY_API_BASE: wechat.url,
      PUBLIC_BASE_URL: BASE,
    });
    alipay.appOrigin = t.baseUrl;
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await alipay?.close();
    await wechat?.close();
  });

  const create = (ua: string, amountFen: number, code = campaign) =>
    t.request('POST', `/api/campaigns/${code}/donations`, { body: { amountFen, channel: 'alipay' }, headers: { 'user-agent': ua } });
  const status = async (orderNo: string) => (await t.request('GET', `/api/donations/${orderNo}`)).body.status;
  const local = (url: string) => (url.startsWith(BASE) ? url.slice(BASE.length) : url);

  /** The form our checkout page submits, as the browser would read it. */
  async function checkoutForm(orderNo: string): Promise<{ action: string; fields: Record<string, string> }> {
    const page = await t.request('GET', `/pay/alipay/${orderNo}`, { headers: { 'user-agent': ANDROID_UA } });
    expect(page.status).toBe(200);
    const action = /<form id="alipay-wap-form" method="post" action="([^"]+)"/.exec(page.text)![1].replace(/&amp;/g, '&');
    const fields: Record<string, string> = {};
    for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      fields[m[1]] = m[2]
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    }
    return { action, fields };
  }

  /** Submits the form to the gateway, as the browser does: the cashier's token. */
  async function submit(form: { action: string; fields: Record<string, string> }): Promise<string> {
    const res = await fetch(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    const html = await res.text();
    const token = /name="token" value="([0-9a-f]+)"/.exec(html);
    if (!token) throw new Error(`the gateway refused the form: ${html}`);
    return token[1];
  }

  it('answers a phone with a signed wap.pay form (QUICK_WAP_WAY, return_url, notify_url); a desktop keeps precreate', async () => {
    const res = await create(ANDROID_UA, 8888);
    expect(res.status).toBe(201);
    const { orderNo, payment } = res.body;
    expect(payment).toMatchObject({ provider: 'alipay', tradeType: 'WAP', checkoutUrl: `${BASE}/pay/alipay/${orderNo}` });
    expect(payment.form.action).toBe(`${alipay.gateway}?charset=utf-8`);
    const f = payment.form.fields as Record<string, string>;
    expect(f).toMatchObject({
      app_id: alipay.appId,
      method: 'alipay.trade.wap.pay',
      charset: 'utf-8',
      sign_type: 'RSA2',
      version: '1.0',
      return_url: `${BASE}/pay/alipay/return`,
      notify_url: `${BASE}/api/payments/alipay/notify`,
    });
    expect(JSON.parse(f.biz_content)).toMatchObject({ out_trade_no: orderNo, total_amount: '88.88', product_code: 'QUICK_WAP_WAY' });
    // RSA2 over every parameter but sign, sorted (the stand-in checks it with the app's public key).
    expect(signingString(f)).toMatch(
      /^app_id=.*&biz_content=.*&charset=utf-8&format=JSON&method=alipay\.trade\.wap\.pay&notify_url=.*&return_url=.*&sign_type=RSA2&timestamp=.*&version=1\.0$/,
    );
    await submit(payment.form);
    expect(alipay.calls.at(-1)!.signatureValid).toBe(true);
    // Inside the Alipay app too; on a desktop, precreate's QR code as before.
    expect((await create(ALIPAY_UA, 100)).body.payment.tradeType).toBe('WAP');
    expect((await create(DESKTOP_UA, 100)).body.payment).toMatchObject({
      tradeType: 'PRECREATE',
      codeUrl: expect.stringMatching(/^https:\/\/qr\.alipay\.com\//),
    });
  });

  it('pays through the gateway form: the notification pays, return_url (verified) leads to the result page; counted once', async () => {
    const code = await createCampaign(t, admin);
    const { orderNo } = (await create(ALIPAY_UA, 12345, code)).body;
    const form = await checkoutForm(orderNo);
    expect(form.action).toBe(`${alipay.gateway}?charset=utf-8`);
    const token = await submit(form);
    expect(alipay.calls.at(-1)!.signatureValid).toBe(true);
    const paid = await alipay.pay(token);
    expect([paid.notifyStatus, paid.notifyAnswer]).toEqual([200, 'success']);
    // Alipay repeats the notification: counted once.
    const again = await alipay.pay(token);
    expect(again.notifyAnswer).toBe('success');
    const back = await t.request('GET', local(paid.returnUrl), { headers: { 'user-agent': ALIPAY_UA } });
    expect([back.status, back.headers.get('location')]).toEqual([303, `/donations/${orderNo}`]);
    expect(await status(orderNo)).toBe('paid');
    const totals = (await t.request('GET', `/api/campaigns/${code}/totals`)).body;
    expect(totals).toMatchObject({ donationCount: 1, donorCount: 1, amountFen: 12345 });
    const [{ id }] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]);
    expect((await t.app.get(TotalsReconciler).reconcile(id)).drift).toEqual([]);
  });

  it('bad input: a return_url with a forged signature leaves the order pending and says so plainly', async () => {
    const { orderNo } = (await create(ANDROID_UA, 5000)).body;
    await submit(await checkoutForm(orderNo));
    const trade = alipay.trades.get(orderNo)!;
    const forged = alipay.signedReturn({ ...trade, trade_no: '2020020122001000000000' }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const tampered = { ...alipay.signedReturn(trade), total_amount: '0.01' };
    for (const query of [forged, tampered, { out_trade_no: orderNo }]) {
      const res = await t.request('GET', `/pay/alipay/return?${new URLSearchParams(query).toString()}`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('ALIPAY_RETURN_UNVERIFIED');
      expect(res.text).toContain('签名校验未通过');
      expect(res.text).toContain('订单仍待支付');
      expect(res.text).toContain(`href="/donations/${orderNo}"`);
    }
    // A genuine return without a notification is not a payment either.
    const genuine = alipay.signedReturn(trade);
    expect(rsa2Verify(signingString(genuine, ['sign', 'sign_type']), genuine.sign, t.config.alipay!.alipayPublicKey)).toBe(true);
    const back = await t.request('GET', `/pay/alipay/return?${new URLSearchParams(genuine).toString()}`);
    expect(back.status).toBe(303);
    expect(await status(orderNo)).toBe('pending');
    const result = await t.request('GET', `/donations/${orderNo}`);
    expect(result.text).toContain('等待支付确认');
  });

  it('says on the donate page which way works where it is opened (请在微信中打开 …), preselecting it', async () => {
    const inAlipay = await t.request('GET', `/donate/${campaign}`, { headers: { 'user-agent': ALIPAY_UA } });
    expect(inAlipay.text).toContain('请在微信中打开');
    expect(inAlipay.text).toMatch(/value="wechatpay" disabled/);
    expect(inAlipay.text).toMatch(/value="alipay" checked/);
    const inWechat = await t.request('GET', `/donate/${campaign}`, { headers: { 'user-agent': WECHAT_UA } });
    // (JSAPI is off here, without WECHAT_APP_SECRET: no OAuth redirect.)
    expect(inWechat.status).toBe(200);
    expect(inWechat.text).toContain('微信内无法使用支付宝');
    expect(inWechat.text).toMatch(/value="alipay" disabled/);
    expect(inWechat.text).toMatch(/value="wechatpay" checked/);
    const onPhone = await t.request('GET', `/donate/${campaign}`, { headers: { 'user-agent': ANDROID_UA } });
    expect(onPhone.text).not.toMatch(/disabled>/);
    expect(onPhone.text).toContain('将跳转到支付宝完成支付');
  });

  it('reconciles and closes wap.pay orders like precreate ones (by channel)', async () => {
    const lost = (await create(ANDROID_UA, 6600)).body.orderNo;
    const stale = (await create(ANDROID_UA, 7700)).body.orderNo;
    await submit(await checkoutForm(lost));
    await submit(await checkoutForm(stale));
    // Paid at Alipay, the notification lost.
    Object.assign(alipay.trades.get(lost)!, { trade_status: 'TRADE_SUCCESS', trade_no: '2020020122001099999999' });
    const res = await t.request('POST', '/api/staff/payments/alipay/reconcile', { token: admin });
    expect(res.body.recovered).toContain(lost);
    expect(await status(lost)).toBe('paid');
    await t.db.query(`UPDATE donations SET expires_at = now() - interval '1 minute' WHERE order_no = $1`, [stale]);
    await t.app.get(DonationMaintenanceProcessor).process({ name: EXPIRE_PENDING_ORDERS } as Job);
    expect(alipay.trades.get(stale)!.trade_status).toBe('TRADE_CLOSED');
    const refund = await t.request('POST', `/api/staff/donations/${lost}/refund`, { token: admin, body: { reason: '捐赠人申请退回' } });
    expect(refund.body).toMatchObject({ status: 'succeeded', provider: 'alipay' });
  });
});
