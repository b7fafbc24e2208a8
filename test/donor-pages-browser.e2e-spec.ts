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
import { go, LAPTOP, signIn } from './support/console-browser';
import { eventually, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createCampaign, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';

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

  /** A paid gift made from this phone's browser (it holds the claim cookie), with an issued receipt. */
  async function giftWithReceipt(p: Phone, amountFen: number, email: string): Promise<{ orderNo: string; claimToken: string; receiptNo: string }> {
    const created = await p.context.request.post(`/api/campaigns/${campaign}/donations`, { data: { amountFen, channel: 'sandbox' } });
    expect(created.status()).toBe(201);
    const { orderNo, claimToken } = (await created.json()) as { orderNo: string; claimToken: string };
    expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt: new Date().toISOString() })).status).toBe(200);
    // The browser's own claim cookie proves the gift (no token in the body).
    const req = await p.context.request.post('/api/receipt-requests', {
      data: {
        campaignCode: campaign,
        orderNo,
        amountFen,
        donorType: 'individual',
        name: '张伟',
        idNumber: '11010519491231002X',
        invoiceTitle: '张伟',
        phone: '13800138000',
        email,
      },
    });
    const body = (await req.json()) as { requestId: string; status: string };
    expect(body.status).toBe('queued');
    const receiptNo = await eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${body.requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      90_000,
      'receipt issued',
    );
    return { orderNo, claimToken, receiptNo };
  }

  async function downloadPdf(page: Page, selector: string): Promise<Buffer> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().tap()]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return readFile(path);
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

  it("2. the result page offers 下载收据 (PDF) to the donor's own browser, and only to it", async () => {
    const p = await phone();
    const { page } = p;
    const gift = await giftWithReceipt(p, 20000, 'zhang.wei@example.com');
    await page.goto(`/donations/${gift.orderNo}`);
    await expect(page.locator('.receipt-block').textContent()).resolves.toContain(gift.receiptNo);
    await page.locator('#download-receipt').waitFor();
    await page.screenshot({ path: join(SHOTS, 'result-page-download.png'), fullPage: true });
    const pdf = await downloadPdf(page, '#download-receipt');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const staff = await fetch(`${t.baseUrl}/api/staff/receipts/${gift.receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
    expect(pdf.equals(Buffer.from(await staff.arrayBuffer()))).toBe(true);
    expect(p.problems).toEqual([]);

    // Another phone opening the shared link: no amount, no download; the PDF link itself is refused.
    const other = await phone();
    await other.page.goto(`/donations/${gift.orderNo}`);
    await expect(other.page.locator('#download-receipt').count()).resolves.toBe(0);
    const refused = await other.page.goto(`/api/donations/${gift.orderNo}/receipt.pdf`);
    expect(refused?.status()).toBe(403);
    expect(await refused?.json()).toMatchObject({ code: 'CLAIM_TOKEN_REQUIRED' });
  });

  it('3. 查询我的捐赠: by order number and claim token, and by email through a one-time link', async () => {
    const giver = await phone();
    const gift = await giftWithReceipt(giver, 30000, 'wang.fang@example.com');

    // A new phone: order number + the claim token the donor kept.
    const p = await phone();
    const { page } = p;
    await page.goto('/my');
    await page.screenshot({ path: join(SHOTS, 'my-donations.png'), fullPage: true });
    await page.locator('#lookup-order').fill(gift.orderNo);
    await page.locator('#lookup-token').fill('x'.repeat(43));
    await page.locator('#lookup-order-submit').tap();
    await expect(page.locator('#order-error').textContent()).resolves.toContain('订单号或捐赠凭证不正确');
    await page.locator('#lookup-token').fill(gift.claimToken);
    await page.locator('#lookup-order-submit').tap();
    await page.waitForURL(new RegExp(`/donations/${gift.orderNo}$`));
    expect((await downloadPdf(page, '#download-receipt')).subarray(0, 5).toString()).toBe('%PDF-');

    // Yet another phone: by email.
    const q = await phone();
    await q.page.goto('/my');
    await q.page.locator('#lookup-email').fill('wang.fang@example.com');
    await q.page.locator('#lookup-email-submit').tap();
    await expect(q.page.locator('#email-sent').textContent()).resolves.toContain('如果该邮箱申请过');
    await q.page.screenshot({ path: join(SHOTS, 'my-donations-email-sent.png'), fullPage: true });
    const mails = await smtp.waitFor((all) => all.some((m) => m.subject?.includes('查询我的捐赠') && JSON.stringify(m.to).includes('wang.fang')));
    const text = mails.find((m) => m.subject?.includes('查询我的捐赠') && JSON.stringify(m.to).includes('wang.fang'))!.text ?? '';
    const link = new URL(/https?:\/\/\S+\/my\/link\/\S+/.exec(text)![0]);
    await q.page.goto(link.pathname);
    await q.page.locator('#open-link').tap();
    await q.page.waitForURL(/\/my\/gifts$/);
    const item = q.page.locator('.my-gift', { hasText: gift.receiptNo });
    await expect(item.locator('.my-gift-status').textContent()).resolves.toBe('已开具');
    await expect(q.page.locator('#my-gifts').textContent()).resolves.toContain('张*');
    await expect(q.page.locator('#my-gifts').textContent()).resolves.not.toContain('wang.fang@example.com');
    await q.page.screenshot({ path: join(SHOTS, 'my-gifts.png'), fullPage: true });
    expect((await downloadPdf(q.page, `.my-gift:has-text("${gift.receiptNo}") .my-download`)).subarray(0, 5).toString()).toBe('%PDF-');

    // The link works once.
    const again = await q.page.goto(link.pathname);
    expect(again?.status()).toBe(200);
    await q.page.locator('#open-link').tap();
    await expect(q.page.locator('.error-page h1').textContent()).resolves.toContain('链接已使用过');
    await q.page.screenshot({ path: join(SHOTS, 'my-link-used.png'), fullPage: true });
    expect([...giver.problems, ...p.problems, ...q.problems]).toEqual([]);
  });

  it('4. / shows the active campaigns, each linking to its page and its donate page', async () => {
    const closed = await createCampaign(t, admin, {
      receiptPrefix: 'DC',
      title: '已结束的活动',
      startsAt: '2020-01-01T00:00:00+08:00',
      endsAt: '2020-02-01T00:00:00+08:00',
    });
    const p = await phone();
    const { page } = p;
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-type']).toContain('text/html');
    const card = page.locator(`.home-campaign[data-campaign-code="${campaign}"]`);
    await expect(card.locator('.home-title').textContent()).resolves.toContain('温暖武汉·社区防疫');
    await expect(page.locator(`.home-campaign[data-campaign-code="${closed}"]`).count()).resolves.toBe(0);
    await expect(card.locator('a', { hasText: '善款公示' }).getAttribute('href')).resolves.toBe(`/c/${campaign}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'home-page.png'), fullPage: true });
    await card.locator('a', { hasText: '我要捐赠' }).tap();
    await page.waitForURL(new RegExp(`/donate/${campaign}$`));
    await page.locator('#donate-submit').waitFor();
    expect(p.problems).toEqual([]);
  });

  it('5. donor messages show on the wall (escaped), and staff hide one from the console', async () => {
    const message = '武汉加油！<img src=x id=injected> 一起挺过去';
    const created = await t.request('POST', `/api/campaigns/${campaign}/donations`, {
      body: { amountFen: 8800, channel: 'sandbox', donorName: '刘德华', showOnWall: true, message },
    });
    const orderNo = created.body.orderNo as string;
    expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 8800, paidAt: new Date().toISOString() })).status).toBe(200);

    const p = await phone();
    const { page } = p;
    await page.goto(`/c/${campaign}`);
    const entry = page.locator('#cp-wall li', { hasText: '刘**' });
    await expect(entry.locator('.cp-wall-message').textContent()).resolves.toBe(message);
    await expect(page.locator('#injected').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'campaign-wall-messages.png'), fullPage: true });

    const desk = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: t.baseUrl });
    open.push(desk);
    const staff = await desk.newPage();
    const staffProblems: string[] = [];
    staff.on('pageerror', (e) => staffProblems.push(e.message));
    await signIn(staff, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD, name: '管理员' });
    await go(staff, `#/donations?campaign=${campaign}`, '#donation-results table');
    const row = staff.locator(`tr[data-order-no="${orderNo}"]`);
    await expect(row.locator('.donor-message').textContent()).resolves.toBe(message);
    await row.locator('button.hide-message').click();
    await row.locator('.hide-message-box input[name="reason"]').fill('含不当内容');
    await row.locator('button.confirm-hide-message').click();
    await row.locator('.message-cell .tag', { hasText: '已隐藏' }).waitFor();
    await staff.screenshot({ path: join(SHOTS, 'staff-donations-message-hidden.png'), fullPage: true });
    const audit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${orderNo}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'donation.hide_message', after: { messageHidden: true, reason: '含不当内容' } });

    await page.reload();
    await entry.waitFor();
    await expect(entry.locator('.cp-wall-message').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'campaign-wall-message-hidden.png'), fullPage: true });
    expect([...p.problems, ...staffProblems]).toEqual([]);
  });
});
