/**
 * WeChat Pay on a phone: JSAPI inside WeChat (silent snsapi_base OAuth for the openid, prepay with
 * payer.openid, paySign for WeixinJSBridge), H5 in other phone browsers, Native on desktops; against
 * a local stand-in of open.weixin.qq.com, api.weixin.qq.com and api.mch.weixin.qq.com.
 */
import { randomBytes } from 'node:crypto';
import type { Job } from 'bullmq';
import { DonationMaintenanceProcessor } from '../src/donations/donation-maintenance.processor';
import { EXPIRE_PENDING_ORDERS } from '../src/donations/donation-maintenance';
import { PiiCipher } from '../src/common/pii-cipher';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { FakeWechatPay, signAsWechat, startFakeWechatPay, successNotification, wechatKeys } from './support/fake-wechatpay';
import { createCampaign, login, startApp, TestApp, TestResponse } from './support/test-app';

const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';
const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const BASE = 'https://give.example.org';
export const WECHAT_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN';
const SAFARI_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1';
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

/** A browser's cookies, kept across requests as a phone would. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: TestResponse): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('WeChat Pay on phones (JSAPI inside WeChat, H5 elsewhere, Native on desktops)', () => {
  const keys = wechatKeys();
  let fake: FakeWechatPay;
  let t: TestApp;
  let admin: string;
  let campaign: string;

  beforeAll(async () => {
    fake = await startFakeWechatPay(keys, MCH_ID, { appId: APP_ID, appSecret: APP_SECRET });
    t = await startApp({
      WECHATPAY_MCH_ID: MCH_ID,
      WECHATPAY_APP_ID: APP_ID,
      WECHATPAY_API_V3_KEY: keys.apiV3Key,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PRIVATE_KEY: keys.merchantPrivatePem.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_PUBLIC_KEYS: `${keys.platformSerial}=${keys.platformPublicPem.replace(/\n/g, '\\n')}`,
      WECHATPAY_API_BASE: fake.url,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_OAUTH_BASE: fake.url,
      WECHAT_API_BASE: fake.url,
      PUBLIC_BASE_URL: BASE,
    });
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  /** A request as the phone's browser sends it: its user agent and its cookies. */
  async function browse(jar: Jar, ua: string, method: string, path: string, body?: unknown): Promise<TestResponse> {
    const res = await t.request(method, path, { body, headers: { 'user-agent': ua, cookie: jar.header() } });
    jar.take(res);
    return res;
  }

  /** The app's own path for an absolute PUBLIC_BASE_URL link. */
  const local = (url: string) => (url.startsWith(BASE) ? url.slice(BASE.length) : url);

  /** WeChat's side of the silent OAuth: the authorize page redirects back at once with a code. */
  async function authorize(location: string): Promise<string> {
    const res = await fetch(location.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
    expect(res.status).toBe(302);
    return res.headers.get('location')!;
  }

  /** Opens the donate page inside WeChat and goes through the OAuth: the jar then holds the sealed openid. */
  async function wechatBrowser(): Promise<Jar> {
    const jar = new Jar();
    const first = await browse(jar, WECHAT_UA, 'GET', `/donate/${campaign}`);
    expect(first.status).toBe(302);
    const back = await browse(jar, WECHAT_UA, 'GET', local(await authorize(first.headers.get('location')!)));
    expect([back.status, back.headers.get('location')]).toEqual([302, `/donate/${campaign}`]);
    expect(jar.get('wn_wx_openid')).toBeDefined();
    return jar;
  }

  function tx(orderNo: string, total: number, tradeType: string) {
    return {
      mchid: MCH_ID,
      appid: APP_ID,
      out_trade_no: orderNo,
      transaction_id: `4200000${randomBytes(6).toString('hex')}`,
      trade_type: tradeType,
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      success_time: '2020-02-01T10:30:00+08:00',
      amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
      payer: { openid: fake.user.openid },
    };
  }

  /** WeChat's TRANSACTION.SUCCESS notification, sent `times` times. */
  async function notifyPaid(orderNo: string, total: number, tradeType: string, times = 1): Promise<void> {
    const body = successNotification(keys, tx(orderNo, total, tradeType));
    for (let i = 0; i < times; i++) {
      const res = await t.request('POST', '/api/payments/wechatpay/notify', {
        raw: body,
        headers: { 'content-type': 'application/json', ...signAsWechat(keys, body) },
      });
      expect(res.status).toBe(200);
    }
  }

  const status = async (orderNo: string) => (await t.request('GET', `/api/donations/${orderNo}`)).body.status;
  const totals = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/totals`)).body;

  it('sends the donate page opened inside WeChat through the silent snsapi_base OAuth, its state bound to the browser', async () => {
    const jar = new Jar();
    const res = await browse(jar, WECHAT_UA, 'GET', `/donate/${campaign}`);
    expect(res.status).toBe(302);
    const location = res.headers.get('location')!;
    expect(location.startsWith(`${fake.url}/connect/oauth2/authorize?appid=${APP_ID}&redirect_uri=`)).toBe(true);
    expect(location.endsWith('#wechat_redirect')).toBe(true);
    const q = new URL(location).searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('scope')).toBe('snsapi_base');
    expect(q.get('redirect_uri')).toBe(`${BASE}/donate/${campaign}/wechat-oauth`);
    expect(q.get('state')).toMatch(/^[0-9a-f]{40}$/);
    // The browser's half of the state is an HttpOnly cookie.
    expect(res.headers.getSetCookie().find((c) => c.startsWith('wn_wx_state='))).toMatch(/HttpOnly/i);
    // A donor who gave up on the OAuth (its failure page's second button) gets the page itself.
    expect((await browse(new Jar(), WECHAT_UA, 'GET', `/donate/${campaign}?wxauth=skip`)).status).toBe(200);
    // Other browsers are not redirected.
    for (const ua of [SAFARI_UA, DESKTOP_UA]) expect((await browse(new Jar(), ua, 'GET', `/donate/${campaign}`)).status).toBe(200);
  });

  it('pays inside WeChat with JSAPI: code exchanged for the openid server-side, payer.openid, a valid paySign; paid once in the totals', async () => {
    const code = await createCampaign(t, admin);
    const jar = new Jar();
    const first = await browse(jar, WECHAT_UA, 'GET', `/donate/${code}`);
    const back = await browse(jar, WECHAT_UA, 'GET', local(await authorize(first.headers.get('location')!)));
    expect(back.headers.get('location')).toBe(`/donate/${code}`);
    // The browser holds the openid sealed, never in the clear.
    expect(jar.get('wn_wx_openid')).toBeDefined();
    expect(jar.header()).not.toContain(fake.user.openid);
    const page = await browse(jar, WECHAT_UA, 'GET', `/donate/${code}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/value="wechatpay" checked/);

    const created = await browse(jar, WECHAT_UA, 'POST', `/api/campaigns/${code}/donations`, { amountFen: 6666, channel: 'wechatpay' });
    expect(created.status).toBe(201);
    const { orderNo, payment } = created.body;
    expect(payment).toMatchObject({ provider: 'wechatpay', tradeType: 'JSAPI', checkoutUrl: `${BASE}/pay/wechatpay/${orderNo}/jsapi` });
    expect(payment.jsapi).toMatchObject({ appId: APP_ID, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx/) });
    expect(fake.verifyPaySign(payment.jsapi)).toBe(true);
    const call = fake.requests.find((r) => r.path === '/v3/pay/transactions/jsapi' && r.body?.out_trade_no === orderNo)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({ appid: APP_ID, mchid: MCH_ID, payer: { openid: fake.user.openid }, amount: { total: 6666, currency: 'CNY' } });
    expect(payment.jsapi.package).toBe(`prepay_id=${[...fake.prepays].find(([, b]) => b.out_trade_no === orderNo)![0]}`);
    // The claim token cookie flow is untouched.
    expect(jar.get(`wn_claim_${orderNo}`)).toBe(created.body.claimToken);

    // The openid is kept encrypted, and nowhere else.
    const [row] = await t.db.query(`SELECT payer_openid_enc, payment_instructions::text AS pi FROM donations WHERE order_no = $1`, [orderNo]);
    expect(row.payer_openid_enc).not.toContain(fake.user.openid);
    expect(t.app.get(PiiCipher).decrypt(row.payer_openid_enc)).toBe(fake.user.openid);
    expect(row.pi).not.toContain(fake.user.openid);
    expect(JSON.stringify(created.body)).not.toContain(fake.user.openid);

    // The front end's "ok" is not a payment: the result page waits for the notification.
    const waiting = await browse(jar, WECHAT_UA, 'GET', `/donations/${orderNo}`);
    expect(waiting.text).toContain('等待支付确认');
    expect(await status(orderNo)).toBe('pending');
    await notifyPaid(orderNo, 6666, 'JSAPI', 3);
    expect(await status(orderNo)).toBe('paid');
    expect(await totals(code)).toMatchObject({ donationCount: 1, donorCount: 1, amountFen: 6666 });
    const [{ id }] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]);
    expect((await t.app.get(TotalsReconciler).reconcile(id)).drift).toEqual([]);
  });

  it('an order made inside WeChat before the OAuth gets the openid on its checkout page, then the bridge parameters', async () => {
    const jar = new Jar();
    const created = await browse(jar, WECHAT_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 1200, channel: 'wechatpay' });
    const { orderNo, payment } = created.body;
    expect(payment).toMatchObject({ tradeType: 'JSAPI', checkoutUrl: `${BASE}/pay/wechatpay/${orderNo}/jsapi` });
    expect(payment.jsapi).toBeUndefined();
    // Opened outside WeChat (a copied link), the page says where to open it.
    const elsewhere = await browse(new Jar(), SAFARI_UA, 'GET', local(payment.checkoutUrl));
    expect([elsewhere.status, elsewhere.text.includes('请在微信中打开')]).toEqual([200, true]);
    const checkout = await browse(jar, WECHAT_UA, 'GET', local(payment.checkoutUrl));
    expect(checkout.status).toBe(302);
    const back = await browse(jar, WECHAT_UA, 'GET', local(await authorize(checkout.headers.get('location')!)));
    expect(back.headers.get('location')).toBe(`/pay/wechatpay/${orderNo}/jsapi`);
    const page = await browse(jar, WECHAT_UA, 'GET', back.headers.get('location')!);
    expect(page.status).toBe(200);
    const attr = (name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(page.text)![1];
    const params = {
      appId: attr('app-id'),
      timeStamp: attr('time-stamp'),
      nonceStr: attr('nonce-str'),
      package: attr('package'),
      signType: attr('sign-type'),
      paySign: attr('pay-sign'),
    };
    expect(params.appId).toBe(APP_ID);
    expect(fake.verifyPaySign(params)).toBe(true);
    // Opening it again reuses the same prepay_id (one JSAPI order per donation).
    const again = await browse(jar, WECHAT_UA, 'GET', `/pay/wechatpay/${orderNo}/jsapi`);
    expect(again.text).toContain(`data-package="${params.package}"`);
    expect(fake.requests.filter((r) => r.path === '/v3/pay/transactions/jsapi' && r.body?.out_trade_no === orderNo)).toHaveLength(1);
    // Another WeChat user cannot take the order over.
    const other = await wechatBrowserAs(`o${randomBytes(14).toString('base64url')}`);
    const stolen = await browse(other, WECHAT_UA, 'GET', `/pay/wechatpay/${orderNo}/jsapi`);
    expect(stolen.status).toBe(409);
    expect(stolen.text).toContain('另一个微信账号');
    expect(stolen.text).not.toContain('data-pay-sign');
    fake.user.openid = firstOpenid;
    await notifyPaid(orderNo, 1200, 'JSAPI');
    expect(await status(orderNo)).toBe('paid');
  });

  let firstOpenid = '';
  beforeAll(() => {
    firstOpenid = fake.user.openid;
  });
  async function wechatBrowserAs(openid: string): Promise<Jar> {
    fake.user.openid = openid;
    return wechatBrowser();
  }

  describe('bad input: each leaves the order pending and tells the donor what to do', () => {
    afterEach(() => {
      fake.user.openid = firstOpenid;
    });

    async function pendingWechatOrder(jar: Jar): Promise<{ orderNo: string; location: string }> {
      const created = await browse(jar, WECHAT_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 3300, channel: 'wechatpay' });
      const checkout = await browse(jar, WECHAT_UA, 'GET', local(created.body.payment.checkoutUrl));
      expect(checkout.status).toBe(302);
      return { orderNo: created.body.orderNo, location: checkout.headers.get('location')! };
    }

    it('refuses a state the page did not issue to this browser (CSRF, a forwarded link)', async () => {
      const victim = new Jar();
      const { orderNo, location } = await pendingWechatOrder(victim);
      const callback = local(await authorize(location));
      // The attacker's browser (no state cookie) and a tampered state in the victim's own browser.
      const attacker = new Jar();
      const forwarded = await browse(attacker, WECHAT_UA, 'GET', callback);
      const tampered = await browse(
        victim,
        WECHAT_UA,
        'GET',
        callback.replace(/state=([0-9a-f])/, (_m, c: string) => `state=${c === '0' ? '1' : '0'}`),
      );
      for (const res of [forwarded, tampered]) {
        expect(res.status).toBe(400);
        expect(res.text).toContain('WECHAT_OAUTH_STATE_MISMATCH');
        expect(res.text).toContain('没有扣款，订单仍待支付');
        expect(res.text).toContain(`href="/pay/wechatpay/${orderNo}/jsapi"`);
      }
      expect(attacker.get('wn_wx_openid')).toBeUndefined();
      expect(victim.get('wn_wx_openid')).toBeUndefined();
      expect(fake.requests.some((r) => r.path === '/v3/pay/transactions/jsapi' && r.body?.out_trade_no === orderNo)).toBe(false);
      expect(await status(orderNo)).toBe('pending');
    });

    it('refuses a forged or a replayed OAuth code', async () => {
      const jar = new Jar();
      const { orderNo, location } = await pendingWechatOrder(jar);
      const callback = new URL(await authorize(location));
      const forged = new URL(callback);
      forged.searchParams.set('code', randomBytes(16).toString('hex'));
      const refused = await browse(jar, WECHAT_UA, 'GET', local(forged.toString()));
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('WECHAT_OAUTH_FAILED');
      expect(refused.text).toContain('授权码无效或已被使用');
      expect(jar.get('wn_wx_openid')).toBeUndefined();

      // The real code, used once by someone else, then replayed with a fresh valid state.
      const used = callback.searchParams.get('code')!;
      fake.codes.get(used)!.used = true;
      const retry = await browse(jar, WECHAT_UA, 'GET', `/pay/wechatpay/${orderNo}/jsapi`);
      const fresh = new URL(await authorize(retry.headers.get('location')!));
      fresh.searchParams.set('code', used);
      const replayed = await browse(jar, WECHAT_UA, 'GET', local(fresh.toString()));
      expect(replayed.status).toBe(400);
      expect(replayed.text).toContain('WECHAT_OAUTH_FAILED');
      expect(jar.get('wn_wx_openid')).toBeUndefined();
      expect(await status(orderNo)).toBe('pending');
    });

    it('refuses an openid of another AppID (WeChat: appid和openid不匹配) and forgets it', async () => {
      const jar = new Jar();
      const { orderNo, location } = await pendingWechatOrder(jar);
      const callback = await authorize(location);
      fake.openids.set(fake.user.openid, 'wx0ther0fficial0acct');
      const back = await browse(jar, WECHAT_UA, 'GET', local(callback));
      expect(back.status).toBe(302);
      const page = await browse(jar, WECHAT_UA, 'GET', back.headers.get('location')!);
      expect(page.status).toBe(422);
      expect(page.text).toContain('与本公众号不匹配');
      expect(page.text).not.toContain('data-pay-sign');
      expect(jar.get('wn_wx_openid')).toBeUndefined();
      expect(await status(orderNo)).toBe('pending');
      fake.openids.set(fake.user.openid, APP_ID);

      // Known before the order: the order is still made, pending, and its checkout page says so.
      const holder = await wechatBrowser();
      fake.openids.set(fake.user.openid, 'wx0ther0fficial0acct');
      const created = await browse(holder, WECHAT_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 3400, channel: 'wechatpay' });
      expect(created.status).toBe(201);
      expect(created.body.payment).toMatchObject({ tradeType: 'JSAPI', checkoutUrl: `${BASE}/pay/wechatpay/${created.body.orderNo}/jsapi` });
      expect(created.body.payment.jsapi).toBeUndefined();
      const told = await browse(holder, WECHAT_UA, 'GET', local(created.body.payment.checkoutUrl));
      expect(told.status).toBe(422);
      expect(told.text).toContain('与本公众号不匹配');
      expect(holder.get('wn_wx_openid')).toBeUndefined();
      expect(await status(created.body.orderNo)).toBe('pending');
      fake.openids.set(fake.user.openid, APP_ID);
    });

    it('a JSAPI front-end "success" without a notification pays nothing', async () => {
      const jar = await wechatBrowser();
      const created = await browse(jar, WECHAT_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 4400, channel: 'wechatpay' });
      expect(created.body.payment.jsapi).toBeDefined();
      // What the page does on get_brand_wcpay_request:ok: open the result page.
      const result = await browse(jar, WECHAT_UA, 'GET', `/donations/${created.body.orderNo}`);
      expect(result.text).toContain('等待支付确认');
      expect(result.text).toContain('如您尚未付款');
      expect(await status(created.body.orderNo)).toBe('pending');
    });

    it('an H5 return without payment leaves the order pending, and the result page says what to do', async () => {
      const jar = new Jar();
      const created = await browse(jar, SAFARI_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 5500, channel: 'wechatpay' });
      const redirect = new URL(created.body.payment.checkoutUrl).searchParams.get('redirect_url')!;
      const back = await browse(jar, SAFARI_UA, 'GET', local(redirect));
      expect(back.status).toBe(200);
      expect(back.text).toContain('等待支付确认');
      expect(back.text).toContain('返回捐赠页重新捐赠');
      expect(await status(created.body.orderNo)).toBe('pending');
    });
  });

  it('pays in another phone browser with H5: scene_info, h5_url with redirect_url back to the result page; paid once', async () => {
    const code = await createCampaign(t, admin);
    const jar = new Jar();
    const page = await browse(jar, SAFARI_UA, 'GET', `/donate/${code}`);
    expect(page.text).toContain('将跳转到微信完成支付');
    const created = await browse(jar, SAFARI_UA, 'POST', `/api/campaigns/${code}/donations`, { amountFen: 8800, channel: 'wechatpay' });
    expect(created.status).toBe(201);
    const { orderNo, payment } = created.body;
    expect(payment.tradeType).toBe('H5');
    expect(payment.checkoutUrl.startsWith(`${fake.url}/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=wx`)).toBe(true);
    expect(payment.checkoutUrl.endsWith(`&redirect_url=${encodeURIComponent(`${BASE}/donations/${orderNo}`)}`)).toBe(true);
    const call = fake.requests.find((r) => r.path === '/v3/pay/transactions/h5' && r.body?.out_trade_no === orderNo)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({
      appid: APP_ID,
      mchid: MCH_ID,
      amount: { total: 8800, currency: 'CNY' },
      scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } },
    });
    await notifyPaid(orderNo, 8800, 'MWEB', 2);
    expect(await status(orderNo)).toBe('paid');
    expect(await totals(code)).toMatchObject({ donationCount: 1, amountFen: 8800 });
  });

  it('keeps Native (a QR code) on desktops', async () => {
    const created = await browse(new Jar(), DESKTOP_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 100, channel: 'wechatpay' });
    expect(created.body.payment).toMatchObject({ tradeType: 'NATIVE', codeUrl: expect.stringMatching(/^weixin:\/\//) });
  });

  it('closes, reconciles and refunds JSAPI and H5 orders like Native ones (by channel)', async () => {
    const jar = await wechatBrowser();
    const jsapi = (await browse(jar, WECHAT_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 2100, channel: 'wechatpay' })).body.orderNo;
    const h5 = (await browse(new Jar(), SAFARI_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 2200, channel: 'wechatpay' })).body.orderNo;
    const stale = (await browse(new Jar(), SAFARI_UA, 'POST', `/api/campaigns/${campaign}/donations`, { amountFen: 2300, channel: 'wechatpay' })).body.orderNo;

    // A lost notification: reconciliation asks WeChat and pays once.
    fake.orders.set(h5, tx(h5, 2200, 'MWEB'));
    const reconciled = await t.request('POST', '/api/staff/payments/wechatpay/reconcile', { token: admin });
    expect(reconciled.body.recovered).toContain(h5);
    expect(await status(h5)).toBe('paid');

    // An unpaid order that expires is closed at WeChat.
    await t.db.query(`UPDATE donations SET expires_at = now() - interval '1 minute' WHERE order_no = $1`, [stale]);
    await t.app.get(DonationMaintenanceProcessor).process({ name: EXPIRE_PENDING_ORDERS } as Job);
    expect(fake.requests.some((r) => r.path === `/v3/pay/transactions/out-trade-no/${stale}/close` && r.signatureValid)).toBe(true);

    // A JSAPI payment refunds through the same refund API.
    await notifyPaid(jsapi, 2100, 'JSAPI');
    fake.refundMode = 'SUCCESS';
    try {
      const refund = await t.request('POST', `/api/staff/donations/${jsapi}/refund`, { token: admin, body: { reason: '捐赠人申请退回' } });
      expect(refund.status).toBe(200);
      expect(fake.requests.some((r) => r.path === '/v3/refund/domestic/refunds' && r.body?.out_trade_no === jsapi)).toBe(true);
      expect(await status(jsapi)).toBe('refunded');
    } finally {
      fake.refundMode = 'PROCESSING';
    }
  });
});
