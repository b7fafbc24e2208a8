/**
 * A donor on a phone, in a real browser (Debian's Chromium driven by playwright-core): the QR
 * code's page /donate/:code → sandbox checkout → result page, and what the public then sees.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { donationAmountFen } from '../src/common/donation-amount';
import { groupedYuanBrief, MAX_DONATION_FEN } from '../src/common/money';
import { countRows, startApp, TestApp } from './support/test-app';
import { launchChromium } from './support/browser';

jest.setTimeout(120_000);

const CAMPAIGN = 'warm-wuhan';
const SHOTS = join(__dirname, '..', 'test-results');
const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };
const ORDER_URL = /\/pay\/sandbox\/([^/?#]+)/;
const RESULT_URL = /\/donations\/([^/?#]+)/;

interface Phone {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions, console errors (CSP violations are reported there) and CSP events. */
  problems: string[];
  /** Every POST the page made to the donations API, with its Idempotency-Key. */
  posts: { url: string; key: string | undefined; body: string | null }[];
}

describe('donate page on a phone (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  const phones: Phone[] = [];

  beforeAll(async () => {
    t = await startApp({ SEED_DEMO: 'true' });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  }, 120_000);

  afterEach(async () => {
    for (const p of phones.splice(0)) await p.context.close();
  });

  async function phone(viewport = PHONE, options: { javaScriptEnabled?: boolean } = {}): Promise<Phone> {
    const context = await browser.newContext({
      viewport,
      screen: viewport,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 MicroMessenger/8.0.49',
      baseURL: t.baseUrl,
      ...options,
    });
    // CSP violations also fire this event; report them even if the console message changes.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', function (e) {
        console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI);
      });`,
    });
    const page = await context.newPage();
    const p: Phone = { context, page, problems: [], posts: [] };
    watch(p, page);
    context.on('page', (other) => watch(p, other));
    phones.push(p);
    return p;
  }

  function watch(p: Phone, page: Page) {
    page.on('pageerror', (e) => p.problems.push(`pageerror on ${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') p.problems.push(`console.error on ${page.url()}: ${m.text()}`);
    });
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && /\/api\/campaigns\/[^/]+\/donations$/.test(r.url())) {
        p.posts.push({ url: r.url(), key: r.headers()['idempotency-key'], body: r.postData() });
      }
    });
  }

  async function totals(): Promise<{ amountFen: number; donationCount: number }> {
    const res = await fetch(`${t.baseUrl}/api/campaigns/${CAMPAIGN}/totals`);
    expect(res.status).toBe(200);
    return (await res.json()) as { amountFen: number; donationCount: number };
  }

  async function wall(): Promise<{ name: string; amountFen: number; paidAt: string }[]> {
    const res = await fetch(`${t.baseUrl}/api/campaigns/${CAMPAIGN}/wall?limit=200`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: { name: string; amountFen: number; paidAt: string }[] }).items;
  }

  const campaignDonations = () => countRows(t, `SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [CAMPAIGN]);

  async function paidOrders(): Promise<Map<string, number>> {
    const rows: { order_no: string; amount_fen: string }[] = await t.db.query(
      `SELECT d.order_no, d.amount_fen FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
      [CAMPAIGN],
    );
    return new Map(rows.map((r) => [r.order_no, Number(r.amount_fen)]));
  }

  /**
   * The public totals must grow by exactly this order's amount. Other suites of the run may give
   * to the demo campaign at the same time, so their new paid orders (read from the ledger) are
   * added to what is expected; alone, that is exactly `amountFen`.
   */
  async function expectTotalsGrewBy(before: { amountFen: number }, paidBefore: Map<string, number>, orderNo: string, amountFen: number) {
    let last = '';
    for (let attempt = 0; attempt < 40; attempt++) {
      const now = await paidOrders();
      let others = 0;
      for (const [no, fen] of now) if (no !== orderNo && !paidBefore.has(no)) others += fen;
      const after = await totals();
      expect(now.get(orderNo)).toBe(amountFen);
      if (after.amountFen - before.amountFen === amountFen + others) return;
      last = `totals grew by ${after.amountFen - before.amountFen}, expected ${amountFen} + ${others} from others`;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(last);
  }

  async function openDonatePage(p: Phone): Promise<void> {
    const res = await p.page.goto(`/donate/${CAMPAIGN}`);
    expect(res?.status()).toBe(200);
    await p.page.locator('#donate-form').waitFor();
  }

  /** Fills the form as a donor would, by tapping labels and typing. */
  async function fillForm(page: Page, f: { preset?: string; amountYuan?: string; name?: string; anonymous?: boolean; wall?: boolean; receipt?: boolean }) {
    if (f.preset) await page.locator('label.preset', { hasText: new RegExp(`^\\s*${f.preset}\\s*$`) }).tap();
    if (f.amountYuan !== undefined) await page.getByLabel('其他金额').fill(f.amountYuan);
    if (f.name !== undefined) await page.getByLabel('姓名或单位名称').fill(f.name);
    if (f.anonymous) await page.getByRole('checkbox', { name: /匿名捐赠/ }).check();
    if (f.wall) await page.getByRole('checkbox', { name: /爱心墙/ }).check();
    if (f.receipt) await page.getByRole('checkbox', { name: /捐赠证明\/票据/ }).check();
  }

  async function submitAndPay(page: Page, amountText: string): Promise<string> {
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await page.waitForURL(ORDER_URL);
    const orderNo = decodeURIComponent(ORDER_URL.exec(page.url())![1]);
    await expect(page.locator('.checkout-amount').textContent()).resolves.toBe(`¥${amountText}`);
    await expect(page.getByText('测试环境').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: /确认支付/ }).tap();
    await page.waitForURL(RESULT_URL);
    expect(decodeURIComponent(RESULT_URL.exec(page.url())![1])).toBe(orderNo);
    return orderNo;
  }

  async function expectPaidResult(page: Page, orderNo: string, amountText: string) {
    const result = page.locator('#donation-result');
    await expect(result.getAttribute('data-status')).resolves.toBe('paid');
    await expect(page.locator('h1').textContent()).resolves.toContain('捐赠成功');
    await expect(result.locator('dd.strong').textContent()).resolves.toBe(`¥${amountText}`);
    await expect(result.textContent()).resolves.toContain(orderNo);
    await expect(result.textContent()).resolves.toContain('温暖武汉');
  }

  async function noHorizontalScroll(page: Page): Promise<{ scrollWidth: number; clientWidth: number; wide: string[] }> {
    return page.evaluate(`(() => {
      const root = document.documentElement;
      const wide = [];
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.right > root.clientWidth + 0.5 || r.left < -0.5)) wide.push(el.tagName.toLowerCase() + '.' + el.className);
      }
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 5) };
    })()`);
  }

  it('gives 66.66 yuan with a name, wall consent and a receipt wish: paid, counted once, masked on the wall', async () => {
    const before = await totals();
    const paidBefore = await paidOrders();
    const p = await phone();
    await openDonatePage(p);
    const { page } = p;

    await expect(page.locator('h1').textContent()).resolves.toBe('温暖武汉');
    await expect(page.title()).resolves.toContain('温暖武汉');
    const presets = (await page.locator('label.preset').allTextContents()).map((s) => s.trim());
    expect(presets).toEqual(['20元', '50元', '100元', '200元', '500元', '1000元']);
    for (const label of presets) await expect(page.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);

    // A preset first, then the donor changes their mind and types an amount: the preset lets go.
    await fillForm(page, { preset: '50元' });
    await expect(page.locator('#donate-summary').textContent()).resolves.toBe('捐赠金额：¥50');
    await fillForm(page, { amountYuan: '66.66', name: '张三', wall: true, receipt: true });
    await expect(page.locator('input[name="amountFen"]:checked').count()).resolves.toBe(0);
    await expect(page.locator('#donate-summary').textContent()).resolves.toBe('捐赠金额：¥66.66');
    // Under the 100-yuan receipt threshold: the donor is told before paying.
    await expect(page.locator('#receipt-warning').textContent()).resolves.toContain('未满 100 元');
    await page.screenshot({ path: join(SHOTS, 'donate-page.png'), fullPage: true });

    const orderNo = await submitAndPay(page, '66.66');
    expect(p.posts).toHaveLength(1);
    expect(JSON.parse(p.posts[0].body!)).toEqual({ amountFen: 6666, channel: 'sandbox', anonymous: false, showOnWall: true, donorName: '张三' });
    expect(p.posts[0].key).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.url()).toContain('receipt=1');

    await expectPaidResult(page, orderNo, '66.66');
    await expect(page.locator('.receipt-block').textContent()).resolves.toMatch(/满 100 元.*未达到开票金额/);
    await page.screenshot({ path: join(SHOTS, 'result-page.png'), fullPage: true });

    const api = await t.request('GET', `/api/donations/${orderNo}`);
    expect(api.body).toMatchObject({ orderNo, status: 'paid', amountFen: 6666 });
    const [row] = await t.db.query(`SELECT amount_fen, donor_name, show_on_wall, anonymous, idempotency_key FROM donations WHERE order_no = $1`, [orderNo]);
    expect(row).toMatchObject({ donor_name: '张三', show_on_wall: true, anonymous: false, idempotency_key: p.posts[0].key });
    expect(Number(row.amount_fen)).toBe(6666);

    await expectTotalsGrewBy(before, paidBefore, orderNo, 6666);
    const items = await wall();
    expect(items).toContainEqual(expect.objectContaining({ name: '张*', amountFen: 6666 }));
    expect(JSON.stringify(items)).not.toContain('张三');
    expect(p.problems).toEqual([]);
  });

  it('gives anonymously with a preset (爱心人士 on the wall), and without consent stays off the wall', async () => {
    const p = await phone();
    const { page } = p;

    await openDonatePage(p);
    await fillForm(page, { preset: '200元', name: '李四', anonymous: true, wall: true, receipt: true });
    await expect(page.locator('#donate-summary').textContent()).resolves.toBe('捐赠金额：¥200');
    await expect(page.locator('#receipt-warning').isHidden()).resolves.toBe(true);
    const anonymousOrder = await submitAndPay(page, '200.00');
    await expectPaidResult(page, anonymousOrder, '200.00');
    // 200 yuan qualifies for a receipt and the donor asked for one: the page leads there.
    const receiptLink = page.getByRole('link', { name: '申请捐赠证明/票据' });
    await expect(receiptLink.getAttribute('href')).resolves.toContain(`orderNo=${encodeURIComponent(anonymousOrder)}`);

    await openDonatePage(p);
    await fillForm(page, { amountYuan: '13.14', name: '王五' });
    const privateOrder = await submitAndPay(page, '13.14');
    await expectPaidResult(page, privateOrder, '13.14');

    const items = await wall();
    expect(items).toContainEqual(expect.objectContaining({ name: '爱心人士', amountFen: 20000 }));
    expect(items.filter((i) => i.amountFen === 1314)).toEqual([]);
    expect(items.filter((i) => i.amountFen === 20000 && i.name.startsWith('李'))).toEqual([]);
    expect(items.filter((i) => i.name.startsWith('王'))).toEqual([]);
    const [anon] = await t.db.query(`SELECT anonymous, show_on_wall FROM donations WHERE order_no = $1`, [anonymousOrder]);
    expect(anon).toEqual({ anonymous: true, show_on_wall: true });
    expect(p.problems).toEqual([]);
  });

  it('carries the claim token from the donate page to the result page and the receipt form, never in a URL; the shared link shows a stranger nothing', async () => {
    const p = await phone();
    const { page } = p;
    const urls: string[] = [];
    p.context.on('request', (r) => urls.push(r.url()));
    await openDonatePage(p);
    await fillForm(page, { preset: '200元', name: '赵六', receipt: true });
    const orderNo = await submitAndPay(page, '200.00');
    // The browser holds the token as the order's HttpOnly cookie, set by the creation answer.
    const cookie = (await p.context.cookies()).find((c) => c.name === `wn_claim_${orderNo}`);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const claimToken = cookie!.value;
    expect(claimToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [stored] = await t.db.query(`SELECT claim_token_hash FROM donations WHERE order_no = $1`, [orderNo]);
    expect(stored.claim_token_hash).toMatch(/^[0-9a-f]{64}$/);
    await expectPaidResult(page, orderNo, '200.00');
    // Page scripts cannot read it (HttpOnly), and no address the browser asked for carried it.
    await expect(page.evaluate('document.cookie')).resolves.not.toContain(claimToken);

    await page.getByRole('link', { name: '申请捐赠证明/票据' }).tap();
    await page.waitForURL(/\/receipts\/request\?/);
    await expect(page.locator('#receipt-form dd.strong').textContent()).resolves.toBe('¥200.00');
    await page.locator('#name').fill('赵六');
    await page.locator('#idNumber').fill('11010519491231002X');
    await page.locator('#invoiceTitle').fill('赵六');
    await page.locator('#phone').fill('13800138000');
    await page.locator('#email').fill('zhao.liu@example.com');
    await page.getByRole('button', { name: '提交申请' }).tap();
    await page.waitForURL(/\/receipts\/requests\/[0-9a-f-]{36}$/);
    const requestId = page.url().split('/').pop()!;
    const status = (await (await fetch(`${t.baseUrl}/api/receipt-requests/${requestId}`)).json()) as { status: string };
    // Queued at once: the request carried the token (pending_review would mean it did not).
    expect(['queued', 'issued']).toContain(status.status);
    const [row] = await t.db.query(`SELECT claim_verified FROM receipt_requests WHERE id = $1`, [requestId]);
    expect(row.claim_verified).toBe(true);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => u.includes(claimToken) || decodeURIComponent(u).includes(claimToken))).toEqual([]);

    // A friend opens the result link the donor posted in a WeChat group: no amount, no receipt of theirs.
    const friend = await phone();
    await friend.page.goto(`/donations/${encodeURIComponent(orderNo)}`);
    await expect(friend.page.locator('#donation-result').getAttribute('data-status')).resolves.toBe('paid');
    const shown = await friend.page.locator('main').textContent();
    expect(shown).not.toContain('200.00');
    expect(shown).not.toContain('赵');
    await friend.page.getByRole('link', { name: '提交票据申请' }).tap();
    await friend.page.waitForURL(/\/receipts\/request\?/);
    await expect(friend.page.locator('main').textContent()).resolves.not.toContain('200.00');
    await expect(friend.page.locator('#unclaimed-note').isVisible()).resolves.toBe(true);
    expect(p.problems).toEqual([]);
    expect(friend.problems).toEqual([]);
  });

  it('refuses bad custom amounts in the page, in Chinese, without creating an order', async () => {
    const p = await phone();
    const { page } = p;
    await openDonatePage(p);
    const before = await campaignDonations();
    const cases: [string, RegExp][] = [
      ['0', /大于 0 元/],
      ['0.00', /大于 0 元/],
      ['1.234', /两位小数/],
      ['1000000.01', /最多 1,000,000 元/],
      ['20000000', /最多 1,000,000 元/],
      ['abc', /正确的金额/],
      ['-5', /正确的金额/],
    ];
    for (const [typed, message] of cases) {
      await page.getByLabel('其他金额').fill(typed);
      await page.getByRole('button', { name: '立即捐赠' }).tap();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      await expect(alert.textContent()).resolves.toMatch(message);
      await expect(page.locator('#amount-error').textContent()).resolves.toMatch(message);
      await expect(page.getByLabel('其他金额').getAttribute('aria-invalid')).resolves.toBe('true');
      expect(new URL(page.url()).pathname).toBe(`/donate/${CAMPAIGN}`);
      if (typed === '1000000.01') await page.screenshot({ path: join(SHOTS, 'donate-page-error.png') });
    }
    // No amount at all.
    await page.getByLabel('其他金额').fill('');
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('请选择或输入捐赠金额');

    expect(p.posts).toEqual([]);
    expect(await campaignDonations()).toBe(before);

    // The largest allowed amount is accepted (and full-width digits are understood).
    await page.getByLabel('其他金额').fill('１０００００0.00');
    await expect(page.locator('#donate-summary').textContent()).resolves.toBe('捐赠金额：¥1,000,000');
    await expect(page.getByRole('alert').isHidden()).resolves.toBe(false); // still shows the last refusal until resubmitted
    expect(p.problems).toEqual([]);
  });

  it('reads a typed amount exactly as the server does: the page script is bundled from src/common/money.ts', async () => {
    // The served script is the bundle of donor/src/donate.js (scripts/build-console.mjs), under its old name.
    const served = await fetch(`${t.baseUrl}/assets/donate.js`);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(await served.text()).toBe(readFileSync(join(__dirname, '..', 'templates', 'donor-build', 'donate.js'), 'utf8'));

    const p = await phone();
    const { page } = p;
    await openDonatePage(p);
    // Grouping, full-width digits and commas, ¥ and 元, a trailing dot; and what is refused (European decimal comma, bad grouping, 3 decimals).
    const typed = ['1,234.5', '0.01', '１００', '１，２３４．５６', '¥88.8元', '3.', '007', '999,999.99', '12,34', '10,00', '1.234', '0,5', '1 000'];
    const shown: [string, string | null][] = [];
    for (const text of typed) {
      await page.getByLabel('其他金额').fill(text);
      const summary = page.locator('#donate-summary');
      shown.push([text, (await summary.isHidden()) ? null : await summary.textContent()]);
    }
    expect(shown).toEqual(
      typed.map((text) => {
        const server = donationAmountFen(text, MAX_DONATION_FEN);
        return [text, server.fen === undefined ? null : `捐赠金额：¥${groupedYuanBrief(server.fen)}`];
      }),
    );
    expect(donationAmountFen('1,234.5', MAX_DONATION_FEN)).toEqual({ fen: 123_450 });

    // What the page posts is that very fen (the request is stopped: no order is made).
    await page.route('**/api/campaigns/*/donations', (route) => route.abort());
    await page.getByLabel('其他金额').fill('１，２３４.5');
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('网络连接失败，请检查网络后重试');
    expect(p.posts.map((post) => (JSON.parse(post.body ?? '{}') as { amountFen?: number }).amountFen)).toEqual([123_450]);
    // A refusal names the problem in the server's words.
    await page.getByLabel('其他金额').fill('12,34');
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await expect(page.locator('#amount-error').textContent()).resolves.toBe(donationAmountFen('12,34', MAX_DONATION_FEN).error);
    expect(p.problems.filter((m) => !/ERR_FAILED|net::/.test(m))).toEqual([]);
  });

  it('creates one order when submit is tapped twice, or retried after the connection drops', async () => {
    const p = await phone();
    const { page } = p;
    await openDonatePage(p);
    const before = await campaignDonations();

    // A real double tap on the button.
    await fillForm(page, { amountYuan: '8.88', name: '赵六' });
    await page.getByRole('button', { name: '立即捐赠' }).dblclick();
    await page.waitForURL(ORDER_URL);
    expect(await campaignDonations()).toBe(before + 1);
    expect(p.posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(p.posts.map((x) => x.key)).size).toBe(1);
    expect(p.posts[0].key).toBeTruthy();

    // Two submits in the same task, before the first request can possibly answer.
    await openDonatePage(p);
    p.posts.length = 0;
    await fillForm(page, { amountYuan: '7.77', name: '赵六' });
    await page.evaluate(`(() => { const f = document.getElementById('donate-form'); f.requestSubmit(); f.requestSubmit(); f.requestSubmit(); })()`);
    await page.waitForURL(ORDER_URL);
    expect(await campaignDonations()).toBe(before + 2);
    expect(new Set(p.posts.map((x) => x.key)).size).toBe(1);

    // The first answer is lost on the way back (mobile network): the order exists, the page
    // says so, and tapping again with the same contents reuses the key and finds that order.
    await openDonatePage(p);
    const middle = await campaignDonations();
    let dropped = false;
    await page.route('**/api/campaigns/*/donations', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await fillForm(page, { amountYuan: '9.99' });
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('网络连接失败');
    expect(await campaignDonations()).toBe(middle + 1);
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await page.waitForURL(ORDER_URL);
    expect(await campaignDonations()).toBe(middle + 1);
    const keys = p.posts.slice(-2).map((x) => x.key);
    expect(keys[0]).toBe(keys[1]);
    const [row] = await t.db.query(`SELECT order_no FROM donations WHERE idempotency_key = $1`, [keys[0]]);
    expect(decodeURIComponent(ORDER_URL.exec(page.url())![1])).toBe(row.order_no);
    // A CDP-aborted request is logged by Chromium as a failed load, which is what we caused.
    expect(p.problems.filter((x) => !/ERR_CONNECTION_RESET/.test(x))).toEqual([]);
  });

  it('does not count an order twice when the donor goes back and confirms again, or confirms from a stale tab', async () => {
    const p = await phone();
    const { page } = p;
    await openDonatePage(p);
    await fillForm(page, { amountYuan: '52.10', name: '孙七', wall: true });
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await page.waitForURL(ORDER_URL);
    const orderNo = decodeURIComponent(ORDER_URL.exec(page.url())![1]);
    const checkoutUrl = page.url();

    // A second tab on the same checkout, left open with its confirm button.
    const stale = await p.context.newPage();
    await stale.goto(checkoutUrl);
    await stale.getByRole('button', { name: /确认支付/ }).waitFor();

    const before = await totals();
    const paidBefore = await paidOrders();
    await page.getByRole('button', { name: /确认支付/ }).tap();
    await page.waitForURL(RESULT_URL);
    await expectPaidResult(page, orderNo, '52.10');

    // Back: the checkout is shown again (fresh or from cache); confirm if a button is offered.
    await page.goBack();
    await page.waitForURL(ORDER_URL);
    const confirm = page.getByRole('button', { name: /确认支付/ });
    if (await confirm.isVisible()) {
      await confirm.tap();
      await page.waitForURL(RESULT_URL);
    } else {
      await expect(page.locator('.status-note').textContent()).resolves.toBe('该订单已支付成功');
      await page.getByRole('link', { name: '查看捐赠结果' }).tap();
      await page.waitForURL(RESULT_URL);
    }
    await expectPaidResult(page, orderNo, '52.10');

    await stale.getByRole('button', { name: /确认支付/ }).tap();
    await stale.waitForURL(RESULT_URL);
    await expectPaidResult(stale, orderNo, '52.10');

    await expectTotalsGrewBy(before, paidBefore, orderNo, 5210);
    expect(await countRows(t, `SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1`, [orderNo])).toBe(1);
    expect((await wall()).filter((i) => i.amountFen === 5210 && i.name === '孙*')).toHaveLength(1);
    expect(p.problems).toEqual([]);
  });

  it('fits a 360px-wide phone without horizontal scrolling, on every donor page', async () => {
    const p = await phone(NARROW);
    const { page } = p;
    await openDonatePage(p);
    // Long inputs must not widen the page either.
    await fillForm(page, { amountYuan: '999999.99', name: '欧阳'.repeat(25) });
    expect(await noHorizontalScroll(page)).toMatchObject({ wide: [] });
    await page.screenshot({ path: join(SHOTS, 'donate-page-360.png'), fullPage: true });
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await page.waitForURL(ORDER_URL);
    await expect(page.locator('.checkout-amount').textContent()).resolves.toBe('¥999,999.99');
    expect(await noHorizontalScroll(page)).toMatchObject({ wide: [] });
    await page.screenshot({ path: join(SHOTS, 'pay-sandbox-360.png'), fullPage: true });
    await page.getByRole('button', { name: /确认支付/ }).tap();
    await page.waitForURL(RESULT_URL);
    await expect(page.locator('#donation-result dd.strong').textContent()).resolves.toBe('¥999,999.99');
    expect(await noHorizontalScroll(page)).toMatchObject({ wide: [] });
    await page.screenshot({ path: join(SHOTS, 'result-page-360.png'), fullPage: true });
    const res = await page.goto('/donate/nope');
    expect(res?.status()).toBe(404);
    expect(await noHorizontalScroll(page)).toMatchObject({ wide: [] });
    const metrics = await noHorizontalScroll(page);
    expect(metrics.scrollWidth).toBeLessThanOrEqual(metrics.clientWidth);
    expect(p.problems.filter((x) => !/status of 404/.test(x))).toEqual([]);
  });

  it('shows a friendly Chinese 404 page for an unknown campaign or order', async () => {
    const p = await phone();
    const { page } = p;
    for (const path of ['/donate/nope', '/donations/NO-SUCH-ORDER', '/pay/sandbox/NO-SUCH-ORDER']) {
      const res = await page.goto(path);
      expect(res?.status()).toBe(404);
      expect(res?.headers()['content-type']).toContain('text/html');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
      const h1 = (await page.locator('h1').textContent()) ?? '';
      expect(h1).toMatch(/[\u4e00-\u9fff]/);
      await expect(page.locator('main').textContent()).resolves.toMatch(/链接可能已失效|二维码/);
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).not.toMatch(/CAMPAIGN_NOT_FOUND|ORDER_NOT_FOUND|statusCode|Error:/);
      // Every link the donor can follow from there leads somewhere.
      for (const href of await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
        const target = await fetch(new URL(href, t.baseUrl), { redirect: 'manual' });
        expect([200, 301, 302, 303]).toContain(target.status);
      }
      if (path === '/donate/nope') await page.screenshot({ path: join(SHOTS, 'not-found.png'), fullPage: true });
    }
    // The only console errors are the 404 responses themselves.
    expect(p.problems.filter((x) => !/status of 404/.test(x))).toEqual([]);
  });

  it('still lets a donor give with JavaScript switched off (plain form post, same rules)', async () => {
    const p = await phone(PHONE, { javaScriptEnabled: false });
    const { page } = p;
    await page.goto(`/donate/${CAMPAIGN}`);
    const before = await campaignDonations();

    // A refusal comes back as the same form, filled in, with the reason in Chinese.
    // (The field's own pattern already stops 1.234 in the browser; 0 gets to the server.)
    await page.getByLabel('其他金额').fill('0');
    await page.getByLabel('姓名或单位名称').fill('周八');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/donate/${CAMPAIGN}`);
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    expect((await refused).status()).toBe(422);
    await expect(page.getByRole('alert').textContent()).resolves.toBe('捐赠金额需大于 0 元');
    await expect(page.getByLabel('姓名或单位名称').inputValue()).resolves.toBe('周八');
    expect(await campaignDonations()).toBe(before);

    await page.getByLabel('其他金额').fill('');
    await page.locator('label.preset', { hasText: /^\s*200元\s*$/ }).tap();
    await page.getByRole('checkbox', { name: /爱心墙/ }).check();
    await page.getByRole('checkbox', { name: /捐赠证明\/票据/ }).check();
    await page.getByRole('button', { name: '立即捐赠' }).tap();
    await page.waitForURL(ORDER_URL);
    expect(page.url()).toContain('receipt=1');
    expect(await campaignDonations()).toBe(before + 1);
    const orderNo = decodeURIComponent(ORDER_URL.exec(page.url())![1]);
    const [row] = await t.db.query(`SELECT amount_fen, donor_name, show_on_wall, anonymous FROM donations WHERE order_no = $1`, [orderNo]);
    expect(row).toMatchObject({ donor_name: '周八', show_on_wall: true, anonymous: false });
    expect(Number(row.amount_fen)).toBe(20000);

    // Posting the very same form again (a double tap, a resent form) finds the same order.
    const [{ idempotency_key: key }] = await t.db.query(`SELECT idempotency_key FROM donations WHERE order_no = $1`, [orderNo]);
    const again = await p.context.request.post(`/donate/${CAMPAIGN}`, {
      form: { idempotencyKey: key, amountFen: '20000', amountYuan: '', donorName: '周八', showOnWall: '1', receipt: '1', channel: 'sandbox' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers()['location']).toBe(`/pay/sandbox/${encodeURIComponent(orderNo)}?receipt=1`);
    expect(await campaignDonations()).toBe(before + 1);

    await page.getByRole('button', { name: /确认支付/ }).tap();
    await page.waitForURL(RESULT_URL);
    await expectPaidResult(page, orderNo, '200.00');
    await expect(page.getByRole('link', { name: '申请捐赠证明/票据' }).isVisible()).resolves.toBe(true);
  });
});
