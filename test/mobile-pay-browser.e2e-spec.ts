/**
 * Donors on phones in a real browser (Debian's Chromium, phone viewport): inside WeChat (a
 * MicroMessenger user agent, a stub WeixinJSBridge that drives the WeChat stand-in), inside the
 * Alipay app (through the wap.pay form and the gateway stand-in's cashier), and on a desktop (a QR
 * code). Each from the campaign page to the paid result in at most three taps. Screenshots in test-results/.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { FakeAlipay, startFakeAlipay } from './support/fake-alipay';
import { FakeWechatPay, signAsWechat, startFakeWechatPay, successNotification, wechatKeys } from './support/fake-wechatpay';
import { createCampaign, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const SHOTS = join(__dirname, '..', 'test-results');
const PHONE = { width: 390, height: 844 };
const MCH_ID = '1900000109';
const APP_ID = 'wxd678efh567hg6787';
const APP_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.49.2600(0x28003133) NetType/WIFI Language/zh_CN';
const ALIPAY_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 AlipayDefined(nt:WIFI,ws:390|844|2.0) AliApp(AP/10.5.36.6000) AlipayClient/10.5.36.6000 Language/zh-Hans';
const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('paying on phones (Chromium): WeChat JSAPI, Alipay wap.pay, desktop QR', () => {
  const keys = wechatKeys();
  let wechat: FakeWechatPay;
  let alipay: FakeAlipay;
  let t: TestApp;
  let browser: Browser;
  let campaign: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    wechat = await startFakeWechatPay(keys, MCH_ID, { appId: APP_ID, appSecret: APP_SECRET });
    alipay = await startFakeAlipay();
    const port = await freePort();
    // The OAuth and Alipay's return_url come back to PUBLIC_BASE_URL: this very app.
    t = await startApp({
      ...alipay.env,
      WECHATPAY_MCH_ID: MCH_ID,
      WECHATPAY_APP_ID: APP_ID,
      WECHATPAY_API_V3_KEY: keys.apiV3Key,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PRIVATE_KEY: keys.merchantPrivatePem.replace(/\n/g, '\\n'),
      WECHATPAY_PLATFORM_PUBLIC_KEYS: `${keys.platformSerial}=${keys.platformPublicPem.replace(/\n/g, '\\n')}`,
      WECHATPAY_API_BASE: wechat.url,
      WECHAT_APP_SECRET: APP_SECRET,
      WECHAT_OAUTH_BASE: wechat.url,
      WECHAT_API_BASE: wechat.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LISTEN_PORT: String(port),
    });
    alipay.appOrigin = t.baseUrl;
    campaign = await createCampaign(t, await login(t));
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await wechat?.close();
    await alipay?.close();
  }, 120_000);

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });

  async function phone(userAgent: string, viewport = PHONE): Promise<{ page: Page; problems: string[] }> {
    const mobile = userAgent !== DESKTOP_UA;
    const context = await browser.newContext({
      viewport,
      screen: viewport,
      deviceScaleFactor: 2,
      isMobile: mobile,
      hasTouch: mobile,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      userAgent,
    });
    contexts.push(context);
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', function (e) {
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
      });`,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror on ${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error on ${page.url()}: ${m.text()}`);
    });
    return { page, problems };
  }

  async function totals() {
    return (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body as { donationCount: number; amountFen: number };
  }

  it('inside WeChat: silent OAuth, two taps, WeixinJSBridge pays through the stand-in, 捐赠成功 once the notification came', async () => {
    const before = await totals();
    const { page, problems } = await phone(WECHAT_UA);
    const bridgeCalls: unknown[] = [];
    // The stub bridge: like WeChat's cashier, it checks paySign, "pays" (WeChat sends its notification) and answers ok.
    await page.exposeFunction('__wechatPay', async (params: Record<string, string>) => {
      bridgeCalls.push(params);
      if (!wechat.verifyPaySign(params as never)) return 'get_brand_wcpay_request:fail';
      const order = wechat.prepays.get(params.package.replace(/^prepay_id=/, ''))!;
      const body = successNotification(keys, {
        mchid: MCH_ID,
        appid: APP_ID,
        out_trade_no: order.out_trade_no,
        transaction_id: `4200000${Date.now()}`,
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        success_time: new Date().toISOString().slice(0, 19) + '+00:00',
        amount: { total: order.amount.total, payer_total: order.amount.total, currency: 'CNY' },
        payer: { openid: order.payer.openid },
      });
      const res = await t.request('POST', '/api/payments/wechatpay/notify', {
        raw: body,
        headers: { 'content-type': 'application/json', ...signAsWechat(keys, body) },
      });
      return res.status === 200 ? 'get_brand_wcpay_request:ok' : 'get_brand_wcpay_request:fail';
    });
    await page.addInitScript({
      content: `window.WeixinJSBridge = { invoke: function (name, params, cb) {
        if (name !== 'getBrandWCPayRequest') return cb({ err_msg: name + ':fail' });
        window.__wechatPay(params).then(function (msg) { cb({ err_msg: msg }); });
      } };`,
    });

    await page.goto(`${t.baseUrl}/donate/${campaign}`);
    // Through the OAuth and back, without a tap.
    expect(new URL(page.url()).pathname).toBe(`/donate/${campaign}`);
    expect(wechat.codes.size).toBeGreaterThan(0);
    await expect(page.locator('input[name="channel"][value="wechatpay"]').isChecked()).resolves.toBe(true);
    await expect(page.locator('input[name="channel"][value="alipay"]').isDisabled()).resolves.toBe(true);
    await expect(page.getByText('微信内无法使用支付宝').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'wechat-donate-page.png'), fullPage: true });

    await page.getByText('50元', { exact: true }).tap(); // tap 1
    await page.getByRole('button', { name: '立即捐赠' }).tap(); // tap 2
    await page.waitForURL(/\/donations\//);
    await expect(page.locator('#donation-result').getAttribute('data-status')).resolves.toBe('paid');
    await expect(page.locator('h1').textContent()).resolves.toContain('捐赠成功');
    await page.screenshot({ path: join(SHOTS, 'wechat-result-page.png'), fullPage: true });
    expect(bridgeCalls).toHaveLength(1);
    expect(bridgeCalls[0]).toMatchObject({ appId: APP_ID, signType: 'RSA', package: expect.stringMatching(/^prepay_id=/) });
    expect(await totals()).toMatchObject({ donationCount: before.donationCount + 1, amountFen: before.amountFen + 5000 });
    expect(problems).toEqual([]);
  });

  it('inside the Alipay app: the wap.pay form goes to the gateway, three taps to 捐赠成功, once', async () => {
    const before = await totals();
    const { page, problems } = await phone(ALIPAY_UA);
    await page.goto(`${t.baseUrl}/donate/${campaign}`);
    await expect(page.locator('input[name="channel"][value="alipay"]').isChecked()).resolves.toBe(true);
    await expect(page.getByText('请在微信中打开本页面使用微信支付').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'alipay-donate-page.png'), fullPage: true });

    await page.getByText('20元', { exact: true }).tap(); // tap 1
    await page.getByRole('button', { name: '立即捐赠' }).tap(); // tap 2
    // Our page submits the signed form at once; the gateway's cashier shows.
    await page.waitForURL(`${alipay.url}/gateway.do?charset=utf-8`);
    await expect(page.locator('#amount').textContent()).resolves.toBe('¥20.00');
    const submitted = alipay.calls.filter((c) => c.params.method === 'alipay.trade.wap.pay');
    expect(submitted.at(-1)!.signatureValid).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'alipay-cashier.png'), fullPage: true });
    await page.locator('#alipay-confirm').tap(); // tap 3
    await page.waitForURL(/\/donations\//);
    await expect(page.locator('#donation-result').getAttribute('data-status')).resolves.toBe('paid');
    await expect(page.locator('h1').textContent()).resolves.toContain('捐赠成功');
    await page.screenshot({ path: join(SHOTS, 'alipay-result-page.png'), fullPage: true });
    expect(await totals()).toMatchObject({ donationCount: before.donationCount + 1, amountFen: before.amountFen + 2000 });
    expect(problems).toEqual([]);
  });

  it('on a desktop: WeChat Pay shows the Native QR code', async () => {
    const { page, problems } = await phone(DESKTOP_UA, { width: 1280, height: 900 });
    await page.goto(`${t.baseUrl}/donate/${campaign}`);
    await page.getByText('100元', { exact: true }).click();
    await page.locator('input[name="channel"][value="wechatpay"]').check();
    await page.getByRole('button', { name: '立即捐赠' }).click();
    await page.waitForURL(/\/pay\/wechatpay\/[^/]+$/);
    await expect(page.locator('.qr-box svg').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SHOTS, 'desktop-wechat-qr.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
