/**
 * The console's official-receipt screens in Chromium: a finance user registers a paper receipt
 * book, attaches its next number to a record (which becomes a 捐赠票据), enters an electronic
 * receipt from the portal on another, spoils forms, is refused closing a book with unused numbers
 * and closes it once none is left; the record's Art. 6 form layout; an auditor reads the book
 * without a button that changes it.
 */
import { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, shot, signIn, visibleButtons } from './support/console-browser';
import { eventually } from './support/smtp-sink';
import { createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';

jest.setTimeout(300_000);

const FINANCE = { email: 'finance@books.test', password: 'finance-password-1', name: '赵会计' };
const AUDITOR = { email: 'auditor@books.test', password: 'auditor-password-1', name: '钱审计' };

describe('receipt books and official receipts in the console (Chromium)', () => {
  const own = isolated('books');
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  let campaign: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const user of [
      { ...FINANCE, role: 'finance' },
      { ...AUDITOR, role: 'auditor' },
    ]) {
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: user })).status).toBe(201);
    }
    campaign = await createCampaign(t, admin, { receiptPrefix: 'BK', receiptPayee: '孙出纳' });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await own.drop();
  }, 120_000);

  afterEach(async () => {
    await ui.closeAll();
  });

  /** A paid gift with a claim-token request, issued; its record number. */
  async function issuedRecord(): Promise<string> {
    const created = await createDonation(t, campaign, { amountFen: 20000 });
    const orderNo = created.body.orderNo as string;
    await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 20000, paidAt: new Date().toISOString() });
    const req = await t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: campaign,
        orderNo,
        claimToken: created.body.claimToken,
        amountFen: 20000,
        donorType: 'individual',
        name: '周敏',
        idNumber: '11010519491231002X',
        invoiceTitle: '周敏',
        phone: '13800138000',
        email: 'zhou.min@example.com',
      },
    });
    expect(req.body.status).toBe('queued');
    return eventually(
      async () => {
        const s = await t.request('GET', `/api/receipt-requests/${req.body.requestId}`);
        return s.body.status === 'issued' ? (s.body.receiptNo as string) : undefined;
      },
      120_000,
      'record issued',
    );
  }

  it('finance: an aggregate request (合并开具) waiting for review shows its orders, and is approved for them', async () => {
    const gifts: string[] = [];
    for (const amountFen of [6000, 7000]) {
      const created = await createDonation(t, campaign, { amountFen });
      await notifySandbox(t, { orderNo: created.body.orderNo, transactionId: `SBX-${created.body.orderNo}`, amountFen, paidAt: new Date().toISOString() });
      gifts.push(created.body.orderNo as string);
    }
    // No claim tokens (another browser): it waits for staff.
    const req = await t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: campaign,
        orders: gifts.map((orderNo) => ({ orderNo })),
        amountFen: 13000,
        donorType: 'individual',
        name: '吴芳',
        idNumber: '11010519491231002X',
        invoiceTitle: '吴芳',
        phone: '13800138000',
        email: 'wu.fang@example.com',
      },
    });
    expect(req.body.status).toBe('pending_review');
    const s = await ui.start();
    await signIn(s.page, FINANCE);
    const card = `article[data-request-id="${req.body.requestId}"]`;
    await go(s.page, `#/queue?campaign=${campaign}`, card);
    const text = (await s.page.locator(`${card} .req-aggregate`).textContent())!;
    for (const orderNo of gifts) expect(text).toContain(orderNo);
    await expect(s.page.locator(`${card} input[name=orderNo]`).count()).resolves.toBe(0);
    await s.page.locator(`${card} .approve`).click();
    await eventually(
      async () => ((await t.request('GET', `/api/receipt-requests/${req.body.requestId}`)).body.status === 'issued' ? true : undefined),
      120_000,
      'aggregate issued',
    );
    expect(s.problems).toEqual([]);
  });

  it('finance: registers a book, attaches paper and fiscal receipts, spoils forms, closes the book only when nothing is unused', async () => {
    const [paperRecord, fiscalRecord] = [await issuedRecord(), await issuedRecord()];
    const s = await ui.start();
    const { page } = s;
    await signIn(page, FINANCE);

    // From the receipts screen to the books.
    await go(page, '#/receipts', '#receipt-books-link');
    await page.locator('#receipt-books-link').click();
    await page.locator('#book-register').waitFor();
    await page.getByLabel('票据代码').fill('42010177');
    await page.getByLabel('起始号码').fill('0000000101');
    await page.getByLabel('终止号码').fill('0000000103');
    await page.getByRole('button', { name: '登记' }).click();
    await page.locator('#book-report[data-status="open"]').waitFor();
    const bookId = (await page.locator('#book-report').getAttribute('data-book-id'))!;
    await expect(page.locator('#book-list').textContent()).resolves.toContain('42010177');

    // A record takes the book's next number: the PDF becomes a 捐赠票据.
    await go(page, `#/receipts?no=${paperRecord}`, '#receipt-details');
    await expect(page.locator('#receipt-details').textContent()).resolves.toContain('捐赠证明（未关联公益事业捐赠票据）');
    await page.locator('#attach-official').click();
    await page.locator('#paper-form select[name=bookId] option[value="' + bookId + '"]').waitFor({ state: 'attached' });
    await page.locator('#paper-form select[name=bookId]').selectOption(bookId);
    await page.getByRole('button', { name: '关联纸质票据' }).click();
    await page.locator('#receipt-details').getByText('代码 42010177 号码 0000000101').waitFor();
    const paper = await t.request('GET', `/api/staff/receipts/${paperRecord}`, { token: admin });
    expect(paper.body.official).toMatchObject({ kind: 'paper', code: '42010177', number: '0000000101', bookId });

    // The other record: an electronic receipt entered from the portal.
    await go(page, `#/receipts?no=${fiscalRecord}`, '#receipt-details');
    await page.locator('#attach-official').click();
    await page.locator('#fiscal-form input[name=code]').fill('42010188');
    await page.locator('#fiscal-form input[name=number]').fill('0012340001');
    await page.locator('#fiscal-form input[name=checkCode]').fill('9f8e7d');
    await page.locator('#fiscal-form input[name=issuedOn]').fill('2020-02-03');
    await page.getByRole('button', { name: '录入财政电子票据' }).click();
    await page.locator('#receipt-details').getByText('代码 42010188 号码 0012340001').waitFor();
    const fiscal = await t.request('GET', `/api/staff/receipts/${fiscalRecord}`, { token: admin });
    expect(fiscal.body.official).toMatchObject({ kind: 'fiscal', source: 'manual', code: '42010188', number: '0012340001', checkCode: '9f8e7d' });

    // The official form's layout (Art. 6) for printing.
    await page.locator('#official-form').click();
    await page.locator('#official-form-panel .official-form').waitFor();
    const layout = (await page.locator('#official-form-panel').textContent())!;
    for (const text of ['交款人', '周敏', '项目编码', campaign, '复核人', '系统自动核验', '收款人', '孙出纳']) expect(layout).toContain(text);
    await shot(page, 'staff-official-form.png');

    // The book: spoil one form; closing with one unused is refused; spoil the last; close.
    await go(page, `#/receipt-books?id=${bookId}`, '#spoil-form');
    await page.locator('#spoil-form input[name=number]').fill('0000000102');
    await page.locator('#spoil-form input[name=reason]').fill('填写错误');
    await page.getByRole('button', { name: '登记作废' }).click();
    await page.locator('#book-report tr[data-number="0000000102"][data-state="spoiled"]').waitFor();
    await page.locator('#close-book').click();
    await page.locator('#book-message').getByText('还有 1 个号码未使用').waitFor();
    await page.locator('#spoil-form input[name=number]').fill('0000000103');
    await page.locator('#spoil-form input[name=reason]').fill('污损');
    await page.getByRole('button', { name: '登记作废' }).click();
    await page.locator('#book-report tr[data-number="0000000103"]').waitFor();
    await page.locator('#close-book').click();
    await page.locator('#book-report[data-status="closed"]').waitFor();
    await expect(page.locator('#book-message').textContent()).resolves.toBe('');
    await page.locator(`#book-list tr[data-book-id="${bookId}"]`).getByText('已核销').waitFor();
    await expect(page.locator(`#book-report tr[data-number="0000000101"]`).textContent()).resolves.toContain(paperRecord);
    await shot(page, 'staff-receipt-book.png');
    const report = await t.request('GET', `/api/staff/receipt-books/${bookId}`, { token: admin });
    expect(report.body).toMatchObject({ status: 'closed', used: 1, spoiled: 2, unused: 0 });
    expect(s.problems).toEqual([]);

    // An auditor reads the closed book and the record, with no button that changes anything.
    const a = await ui.start();
    await signIn(a.page, AUDITOR);
    await go(a.page, `#/receipt-books?id=${bookId}`, '#book-report');
    expect(await visibleButtons(a.page)).toEqual(expect.not.arrayContaining(['登记', '登记作废', '核销本册']));
    await expect(a.page.locator('#book-register').count()).resolves.toBe(0);
    await go(a.page, `#/receipts?no=${paperRecord}`, '#receipt-details');
    await expect(a.page.locator('#attach-official').count()).resolves.toBe(0);
    expect(a.problems).toEqual([]);
  });
});
