/**
 * Issue 21, the donor's side, in Chromium on a phone (390x844): the pay bar of /donate/:code, the
 * receipt download from the result page, "查询我的捐赠" by order number and by a one-time email
 * link, the home page's campaigns, and donor messages on the wall (hidden from the staff console).
 * Screenshots go to test-results/ with the other browser suites'.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createCampaign, isolated, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const SHOTS = join(__dirname, '..', 'test-results');
const PHONE = { width: 390, height: 844 };

interface Phone {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

describe('donor pages on a phone (Chromium), issue 21', () => {
  const own = isolated('donorui');
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let admin: string;
  let campaign: string;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startApp({ ...own.env, SMTP_URL: smtp.url });
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'DU', title: '温暖武汉·社区防疫', goalFen: 100_000_000 });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await own.drop();
  }, 120_000);
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });

  async function phone(): Promise<Phone> {
    const context = await browser.newContext({
      viewport: PHONE,
      screen: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      baseURL: t.baseUrl,
      acceptDownloads: true,
    });
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', function (e) {
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
      });`,
    });
    open.push(context);
    const page = await context.newPage();
    const p: Phone = { context, page, problems: [] };
    page.on('pageerror', (e) => p.problems.push(`pageerror on ${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      // A refusal the test asks for on purpose (403 on a PDF link) is logged by Chromium as a failed resource.
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) p.problems.push(`console.error on ${page.url()}: ${m.text()}`);
    });
    return p;
  }

  it('1. /donate/:code: the amount and the pay button stay at the bottom of the first screen, never over the last field', async () => {
    const p = await phone();
    const { page } = p;
    expect((await page.goto(`/donate/${campaign}`))?.status()).toBe(200);
    const bar = page.locator('#pay-bar');
    const button = page.locator('#donate-submit');
    await expect(bar.evaluate((el) => getComputedStyle(el).position)).resolves.toBe('fixed');
    const first = (await button.boundingBox())!;
    expect(first.y).toBeGreaterThan(PHONE.height / 2);
    expect(first.y + first.height).toBeLessThanOrEqual(PHONE.height);
    await expect(page.locator('#pay-bar-empty').isVisible()).resolves.toBe(true);

    await page.getByText('200元', { exact: true }).tap();
    await expect(page.locator('#pay-bar #donate-summary').textContent()).resolves.toBe('捐赠金额：¥200');
    await expect(page.locator('#pay-bar-empty').isVisible()).resolves.toBe(false);
    await page.screenshot({ path: join(SHOTS, 'donate-pay-bar.png') });

    // Scrolled to the very end: the last field and the footer sit above the bar, not under it.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const barBox = (await bar.boundingBox())!;
    const lastField = (await page.locator('#donate-form .check.channel').last().boundingBox())!;
    const footer = (await page.locator('.site-footer').boundingBox())!;
    expect(lastField.y + lastField.height).toBeLessThanOrEqual(barBox.y);
    expect(footer.y + footer.height).toBeLessThanOrEqual(barBox.y + 1);
    expect(barBox.y + barBox.height).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: join(SHOTS, 'donate-pay-bar-bottom.png') });

    // The bar's button pays.
    await button.tap();
    await page.waitForURL(/\/pay\/sandbox\//);
    expect(p.problems).toEqual([]);
  });
});
