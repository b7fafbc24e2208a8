/**
 * A donor on a phone watches their receipt request (/receipts/requests/:id) in Chromium: the page
 * follows the request by itself, from 正在开具 to 已开具, without a reload.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { Browser } from 'playwright-core';
import { RECEIPTS_QUEUE } from '../src/receipts/receipt-jobs';
import { launchChromium } from './support/browser';
import { SmtpSink, startSmtpSink } from './support/smtp-sink';
import { asDonor, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const PHONE = { width: 390, height: 844 };

describe('receipt status page on a phone (Chromium)', () => {
  const own = isolated('rstatus');
  let t: TestApp;
  let smtp: SmtpSink;
  let browser: Browser;
  let campaign: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startApp({ ...own.env, SMTP_URL: smtp.url });
    campaign = await createCampaign(t, await login(t), { receiptPrefix: 'RS' });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await own.drop();
  }, 120_000);

  it('shows 正在开具, then the issued receipt once the worker has made it, without a reload', async () => {
    const queue = t.app.get<Queue>(getQueueToken(RECEIPTS_QUEUE), { strict: false });
    // The worker is held so the page is seen while the request is still being issued.
    await queue.pause();
    try {
      const created = await createDonation(t, campaign, { amountFen: 20000 });
      const orderNo = created.body.orderNo as string;
      expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 20000, paidAt: new Date().toISOString() })).status).toBe(200);
      const req = await t.request('POST', '/api/receipt-requests', {
        body: asDonor({
          campaignCode: campaign,
          orderNo,
          amountFen: 20000,
          donorType: 'individual',
          name: '张伟',
          idNumber: '11010519491231002X',
          invoiceTitle: '张伟',
          phone: '13800138000',
          email: 'zhang.wei@example.com',
        }),
      });
      expect(req.body.status).toBe('queued');
      const requestId = req.body.requestId as string;

      const context = await browser.newContext({
        viewport: PHONE,
        screen: PHONE,
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        baseURL: t.baseUrl,
      });
      await context.addInitScript({
        content: `document.addEventListener('securitypolicyviolation', function (e) {
          console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
        });`,
      });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
      });
      let loads = 0;
      page.on('load', () => loads++);

      await page.goto(`/receipts/requests/${requestId}`);
      const title = page.locator('#receipt-request .status-title');
      await expect(title.textContent()).resolves.toContain('正在开具');
      expect(await page.locator('#resend').count()).toBe(0);
      // A mark only this document carries: gone if the page were reloaded.
      await page.evaluate(() => document.documentElement.setAttribute('data-test-mark', 'first-load'));

      await queue.resume();
      await page.locator('#receipt-request[data-status="issued"] .status-title', { hasText: '已开具' }).waitFor({ timeout: 90_000 });
      const status = await t.request('GET', `/api/receipt-requests/${requestId}`);
      expect(status.body).toMatchObject({ status: 'issued', receiptNo: expect.stringMatching(/^RS-\d{4}-\d{8}$/) });
      await expect(page.locator('#receipt-request .facts').textContent()).resolves.toContain(status.body.receiptNo);
      await expect(page.evaluate(() => document.documentElement.getAttribute('data-test-mark'))).resolves.toBe('first-load');
      expect(loads).toBe(1);

      // The re-send button that came with the new state works.
      await page.locator('#resend').click();
      await page.locator('#resend-done').waitFor({ state: 'visible' });
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await queue.resume();
    }
  });
});
