/**
 * The public totals page /c/:code: server-rendered, masked and escaped, light, and live in a real
 * browser (Debian's Chromium through playwright-core): figures change after a payment without a reload.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import jsQR from 'jsqr';
import { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { createCampaign, login, startApp, TestApp, paySandbox } from './support/test-app';
import { launchChromium } from './support/browser';

jest.setTimeout(120_000);

const SHOTS = join(__dirname, '..', 'test-results');
const DEMO = 'warm-wuhan';
/** The page with its stylesheet and script, uncompressed: what a poor connection has to carry. */
const WEIGHT_BUDGET_BYTES = 60 * 1024;

/** The page's figure for integer fen, as the page writes it. */
function yuanText(fen: number): string {
  const s = String(fen).padStart(3, '0');
  return `¥${s.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, ',')}.${s.slice(-2)}`;
}

describe('public totals page /c/:code', () => {
  let t: TestApp;
  let admin: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    t = await startApp({ SEED_DEMO: 'true' });
    admin = await login(t);
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, 120_000);

  const pay = (code: string, amountFen: number, body: Record<string, unknown> = {}) => paySandbox(t, code, amountFen, body);

  it('shows the figures, goods, chart, wall, disbursements and publications; names masked and escaped; no personal data', async () => {
    const code = await createCampaign(t, admin, { goalFen: 1_000_000, title: '测试<b>活动</b>' });
    await pay(code, 12_345, { donorName: '<b>温暖科技有限公司', showOnWall: true, phone: '13912345678', message: '<script>alert(1)</script>' });
    await pay(code, 20_000, { donorName: '欧阳娜娜', showOnWall: true });
    await pay(code, 30_000, { donorName: '王不公开', showOnWall: false });
    await pay(code, 40_000, { donorName: '李匿名', anonymous: true, showOnWall: true });
    expect(
      (
        await t.request('POST', '/api/staff/disbursements', {
          token: admin,
          body: { campaignCode: code, amountFen: 50_000, recipient: '武汉<i>某</i>医院', purpose: '购买防护服', date: '2020-02-10' },
        })
      ).status,
    ).toBe(201);
    expect((await t.request('POST', `/api/staff/campaigns/${code}/publications`, { token: admin })).status).toBe(201);

    const wall = await t.request('GET', `/api/campaigns/${code}/wall`);
    expect(wall.body.items.map((i: { name: string }) => i.name)).toEqual(['爱心人士', '欧阳**', '<b*****有限公司']);
    expect(wall.text).not.toContain('<'); // JSON writes it as \u003c: safe wherever it is pasted
    expect(wall.text).toContain('\\u003cb**');

    const res = await t.request('GET', `/c/${code}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    const html = res.text;
    expect(html).toContain('测试&lt;b&gt;活动&lt;/b&gt;');
    expect(html).toContain('&lt;b*****有限公司');
    expect(html).toContain('欧阳**');
    expect(html).toContain('爱心人士');
    expect(html).toContain('武汉&lt;i&gt;某&lt;/i&gt;医院');
    expect(html).not.toMatch(/<b>|<i>|<b\*\*|<script>alert/);
    for (const secret of ['13912345678', '王不公开', '李匿名', '温暖科技', '娜娜']) expect(html).not.toContain(secret);
    expect(html).toContain(yuanText(102_345)); // amount
    expect(html).toContain('10.2%'); // of the goal
    expect(html).toContain(yuanText(50_000)); // disbursed
    expect(html).toMatch(/第 1 期/);
    expect(html).toMatch(/<svg class="cp-chart"/);
    expect(html).toContain('/assets/campaign.js');
    // Unchanged page: 304 on revalidation.
    expect((await t.request('GET', `/c/${code}`, { headers: { 'if-none-match': res.headers.get('etag')! } })).status).toBe(304);
  });

  it('answers an unknown campaign with a 404 page', async () => {
    const res = await t.request('GET', `/c/no-such-${randomUUID().slice(0, 6)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.text).toContain('活动不存在');
  });

  it('offers a share poster as PDF and PNG whose QR code opens the donate page', async () => {
    const code = await createCampaign(t, admin, { goalFen: 100_000 });
    await pay(code, 5_000);
    const pdf = await fetch(`${t.baseUrl}/api/campaigns/${code}/poster.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('cache-control')).toBe('public, max-age=60');
    const pdfBytes = Buffer.from(await pdf.arrayBuffer());
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfBytes.toString('latin1')).toContain('/FontFile2');

    const png = await fetch(`${t.baseUrl}/api/campaigns/${code}/poster.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(image.width).toBe(1080);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(`${t.config.publicBaseUrl}/donate/${code}`);
    const again = await fetch(`${t.baseUrl}/api/campaigns/${code}/poster.png`, { headers: { 'if-none-match': png.headers.get('etag')! } });
    expect(again.status).toBe(304);

    const missing = await t.request('GET', `/api/campaigns/no-such-${randomUUID().slice(0, 6)}/poster.pdf`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('CAMPAIGN_NOT_FOUND');
  });

  it(`weighs less than ${WEIGHT_BUDGET_BYTES / 1024} KB with its stylesheet and script`, async () => {
    const page = await t.request('GET', `/c/${DEMO}`);
    const assets = [...page.text.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]);
    expect(assets.sort()).toEqual(['/assets/app.css', '/assets/campaign.js']);
    let raw = Buffer.byteLength(page.text);
    let gzip = gzipSync(page.text).length;
    for (const asset of assets) {
      const body = Buffer.from(await (await fetch(t.baseUrl + asset)).arrayBuffer());
      raw += body.length;
      gzip += gzipSync(body).length;
    }
    console.log(`/c/${DEMO}: ${raw} bytes (${gzip} gzipped) with ${assets.join(', ')}`);
    expect(raw).toBeLessThan(WEIGHT_BUDGET_BYTES);
  });

  it('in Chromium on a phone: the figures change after a payment, without reloading', async () => {
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: t.baseUrl,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && (navigations += 1));

    expect((await page.goto(`/c/${DEMO}`))?.status()).toBe(200);
    await page.locator('.cp-live-on').waitFor({ timeout: 10_000 }); // the stream is open
    const amount = page.locator('[data-field="amount"]');
    const before = await amount.textContent();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));

    const amountFen = 88_800 + Math.floor(Math.random() * 100);
    await pay(DEMO, amountFen, { donorName: '赵<i>六</i>', showOnWall: true });
    // Other suites may give to the demo campaign too: wait for the page to show what the API says now.
    const expected = async () => yuanText((await (await fetch(`${t.baseUrl}/api/campaigns/${DEMO}/totals`)).json()).amountFen);
    let target = await expected();
    for (let i = 0; i < 3 && (await amount.textContent()) !== target; i += 1) {
      await page
        .waitForFunction((text) => document.querySelector('[data-field="amount"]')?.textContent === text, target, { timeout: 5000 })
        .catch(() => undefined);
      target = await expected();
    }
    expect(await amount.textContent()).toBe(target);
    expect(await amount.textContent()).not.toBe(before);
    await page.locator('#cp-wall li', { hasText: '赵**' }).first().waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42); // same document
    expect(navigations).toBe(1);
    expect(await page.locator('#cp-wall').innerHTML()).not.toContain('<i>');
    expect(problems).toEqual([]);
    // Fits a phone: nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'campaign-page-live.png'), fullPage: true });
    await context.close();
  });
});
