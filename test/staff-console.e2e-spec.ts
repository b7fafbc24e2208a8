/**
 * The staff console (/staff) in a real browser (Debian's Chromium driven by playwright-core): a
 * finance user's working day — statement import with a bad line, the receipt review queue, the
 * issued PDF — and an auditor who sees the same screens without a single button that changes data.
 */
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { eventually } from './support/smtp-sink';
import { createCampaign, createDonation, login, notifySandbox, startApp, TestApp, isolated, asDonor } from './support/test-app';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, navLabels, sessionToken, shot, signIn, TABLET, visibleButtons } from './support/console-browser';

jest.setTimeout(180_000);

const FINANCE = { email: 'finance@console.test', password: 'finance-password-1', name: '李会计' };
const AUDITOR = { email: 'auditor@console.test', password: 'auditor-password-1', name: '王审计' };
// 11010519491231002X: the GB 11643 standard's own example.
const ID_NUMBER = '11010519491231002X';
/** The only buttons an auditor may see: reading, finding, downloading, navigating, signing out. */
const READ_ONLY_BUTTONS = new Set([
  '查询',
  '查找',
  '筛选',
  '下载 PDF',
  '导出 CSV',
  '导出 Excel',
  '查看付款截图',
  '收起截图',
  '加载更早的记录',
  '退出登录',
  '菜单',
  '下载',
  '下载拨付通知单',
]);
const IMPORT_JOB_KEY = 'wennuan.staff.importJob';

/** A phone-screenshot-sized PNG with a few bands, so the review screen has something to show. */
function screenshotPng(): Buffer {
  const png = new PNG({ width: 180, height: 320 });
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (png.width * y + x) << 2;
      const band = y < 40 ? [7, 193, 96] : y > 120 && y < 170 ? [240, 240, 240] : [255, 255, 255];
      png.data.set([...band, 255], i);
    }
  }
  return PNG.sync.write(png);
}

describe('staff console (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  let campaign: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );
  const own = isolated('console');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const user of [
      { ...FINANCE, role: 'finance' },
      { ...AUDITOR, role: 'auditor' },
    ]) {
      const res = await t.request('POST', '/api/staff/users', { token: admin, body: user });
      expect(res.status).toBe(201);
    }
    campaign = await createCampaign(t, admin, { receiptPrefix: 'SC', autoApproveReceipts: false, title: '温暖武汉·医护物资' });
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

  async function paidDonation(amountFen: number, donorName = '张伟'): Promise<string> {
    const created = await createDonation(t, campaign, { amountFen, donorName });
    expect(created.status).toBe(201);
    const paid = await notifySandbox(t, {
      orderNo: created.body.orderNo,
      transactionId: `SBX-${created.body.orderNo}`,
      amountFen,
      paidAt: new Date().toISOString(),
    });
    expect(paid.status).toBe(200);
    return created.body.orderNo;
  }

  async function receiptRequest(fields: Record<string, unknown>): Promise<string> {
    const res = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        donorType: 'individual',
        name: '张伟',
        idNumber: ID_NUMBER,
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
        ...fields,
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_review');
    return res.body.requestId;
  }

  async function requestWithScreenshot(amountFen: number): Promise<string> {
    const form = new FormData();
    const fields = {
      campaignCode: campaign,
      bankReference: `ICBC-${Date.now()}`,
      amountFen: String(amountFen),
      donorType: 'individual',
      name: '吴刚',
      idNumber: ID_NUMBER,
      invoiceTitle: '吴刚',
      phone: '13900139000',
      email: 'wu.gang@example.com',
    };
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('screenshot', new Blob([new Uint8Array(screenshotPng())], { type: 'image/png' }), '付款截图.png');
    const res = await fetch(`${t.baseUrl}/api/receipt-requests`, { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { requestId: string; status: string };
    expect(body.status).toBe('pending_review');
    return body.requestId;
  }

  async function requestStatus(requestId: string) {
    return (await t.request('GET', `/api/receipt-requests/${requestId}`)).body as { status: string; receiptNo?: string; rejectReason?: string };
  }

  let issuedReceiptNo: string;

  it('serves the console shell: Chinese, no inline script, never cached, and not part of the API document', async () => {
    const res = await t.request('GET', '/staff');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.text).toContain('<html lang="zh-CN">');
    // Every script is a file under /assets; none is inline, and no element carries an on... handler.
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/assets\/staff-[a-z]+(-[a-z]+)*\.js"/);
      expect(body.trim()).toBe('');
    }
    expect(res.text).not.toMatch(/\son[a-z]+=/i);
    for (const [, attrs] of scripts) {
      const src = /src="([^"]+)"/.exec(attrs)![1];
      expect((await t.request('GET', src)).status).toBe(200);
    }
    const docs = await t.request('GET', '/docs-json');
    expect(Object.keys(docs.body.paths).filter((p) => p === '/staff' || p.startsWith('/staff/'))).toEqual([]);
  });

  it('finance: imports a statement with a bad line, reviews the queue, approves, and downloads the issued PDF', async () => {
    const matchedOrder = await paidDonation(20000);
    const matchedRequest = await receiptRequest({ orderNo: matchedOrder, amountFen: 20000, mailingAddress: '湖北省武汉市洪山区珞喻路1037号' });
    const unmatchedRequest = await requestWithScreenshot(88000);

    const s = await ui.start();
    const { page } = s;
    await page.goto('/staff');
    await page.locator('#login-form').waitFor();
    // A wrong password is answered on the form, and nothing is stored.
    await page.getByLabel('邮箱').fill(FINANCE.email);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#login-message:visible').waitFor();
    await expect(page.locator('#login-message').textContent()).resolves.toBe('邮箱或密码不正确');
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
    await shot(page, 'staff-login.png');
    await signIn(page, FINANCE);
    expect(await navLabels(page)).toEqual(['概览', '票据审核', '捐赠记录', '银行转账', '票据', '公示与拨付', '物资', '活动管理', '导出']);
    // The token is kept for this tab only.
    const stored = await page.evaluate<{ session: string[]; local: string[] }>('({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) })');
    expect(stored.session).toEqual(['wennuan.staff.session']);
    expect(stored.local).toEqual([]);
    await page.locator('#home-waiting').waitFor();
    await shot(page, 'staff-home.png');

    // ---- bank statement: two good lines and one bad amount on line 3 ----
    const refA = `BOC-${Date.now()}-A`;
    const refB = `BOC-${Date.now()}-B`;
    const csv = [
      'bankReference,amountYuan,payerName,receivedAt,payerAccount',
      `${refA},5000.00,武汉光谷科技有限公司,2020-02-01 10:30:00,6222020200001234567`,
      `${refB}-BAD,12.3.4,赵敏,2020-02-01 11:00:00,`,
      `${refB},1234.56,钱学森,2020-02-02 09:15:00,`,
    ].join('\n');
    const statement = { name: '对账单-2020-02.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };
    await go(page, '#/bank', '#import-form');
    await page.locator('#import-form select[name=campaignCode]').selectOption(campaign);
    await page.locator('#statement-file').setInputFiles(statement);
    await page.locator('#import-preview tbody tr').nth(2).waitFor(); // the preview is read from the file asynchronously
    await expect(page.locator('#import-preview tbody tr').count()).resolves.toBe(3);
    await page.locator('#import-submit').click();
    await page.locator('#import-summary').waitFor();
    await expect(page.locator('#import-imported').textContent()).resolves.toBe('2');
    await expect(page.locator('#import-errors').textContent()).resolves.toBe('1');
    const errorRows = page.locator('#import-error-table tbody tr');
    await expect(errorRows.count()).resolves.toBe(1);
    await expect(errorRows.first().getAttribute('data-line')).resolves.toBe('3');
    await expect(errorRows.first().textContent()).resolves.toContain('INVALID_AMOUNT');
    // The import ran as a job on the server; its progress bar ends full.
    await expect(page.locator('#import-progress').isVisible()).resolves.toBe(true);
    await expect(page.locator('#import-progress').evaluate((p) => (p as unknown as { value: number }).value)).resolves.toBe(100);
    await expect(page.evaluate(`sessionStorage.getItem('${IMPORT_JOB_KEY}')`)).resolves.toBeNull();
    await shot(page, 'staff-bank-import.png');

    // The good lines are in the ledger as paid bank transfers; the bad one is not.
    const ledger = await t.request('GET', `/api/staff/donations?campaignCode=${campaign}&status=paid`, { token: admin });
    const byRef = new Map<string, { amountFen: number; channel: string }>(ledger.body.items.map((d: any) => [d.bankReference, d]));
    expect(byRef.get(refA)).toMatchObject({ amountFen: 500000, channel: 'bank_transfer' });
    expect(byRef.get(refB)).toMatchObject({ amountFen: 123456, channel: 'bank_transfer' });
    expect(byRef.has(`${refB}-BAD`)).toBe(false);

    // The same statement again adds nothing.
    await page.locator('#statement-file').setInputFiles(statement);
    await page.locator('#import-submit').click();
    await page.locator('#import-duplicates', { hasText: /^2$/ }).waitFor();
    await expect(page.locator('#import-imported').textContent()).resolves.toBe('0');

    // A longer statement, and the page reloaded as soon as the job is submitted: the console keeps
    // the job for the tab and follows it again after the reload, up to a full progress bar.
    // (Progress requests fail until the reloaded page is up, so the first page cannot see the job finish.)
    const longCsv = ['bankReference,amountYuan,payerName,receivedAt,payerAccount'];
    for (let i = 0; i < 300; i++) longCsv.push(`LONG-${i}-${campaign},${i + 1}.00,付款人${i},2020-02-03 08:00:00,`);
    await page.route('**/api/staff/jobs/**', (route) => route.abort());
    await page.locator('#statement-file').setInputFiles({ name: '对账单-长.csv', mimeType: 'text/csv', buffer: Buffer.from(longCsv.join('\n'), 'utf8') });
    await page.locator('#import-submit').click();
    // (The page's CSP forbids eval, so the test polls with evaluate rather than waitForFunction.)
    const saved = await eventually(
      async () => (await page.evaluate<string | null>(`sessionStorage.getItem('${IMPORT_JOB_KEY}')`)) ?? undefined,
      30_000,
      'import job kept for the tab',
    );
    const { jobId } = JSON.parse(saved);
    expect(jobId).toMatch(/^imports-\d+$/);
    await page.reload();
    await page.locator('#import-resumed:visible').waitFor();
    await page.unroute('**/api/staff/jobs/**');
    await page.locator('#import-imported', { hasText: /^300$/ }).waitFor({ timeout: 120_000 });
    await expect(page.locator('#import-progress').evaluate((p) => (p as unknown as { value: number }).value)).resolves.toBe(100);
    await expect(page.locator('#import-progress-text').textContent()).resolves.toContain('300');
    await expect(page.evaluate(`sessionStorage.getItem('${IMPORT_JOB_KEY}')`)).resolves.toBeNull();
    const job = await t.request('GET', `/api/staff/jobs/${jobId}`, { token: admin });
    expect(job.body).toMatchObject({ state: 'completed', progress: { done: 300, total: 300 }, result: { imported: 300, duplicates: 0, errors: [] } });

    // ---- review queue ----
    await go(page, `#/queue?campaign=${campaign}`, `[data-request-id="${matchedRequest}"]`);
    await expect(page.locator('#queue-count').textContent()).resolves.toBe('2');
    const matched = page.locator(`article[data-request-id="${matchedRequest}"]`);
    const unmatched = page.locator(`article[data-request-id="${unmatchedRequest}"]`);
    // The request beside its candidate donation; personal data masked as the API gives it.
    await expect(matched.locator('.req-donation').textContent()).resolves.toContain(matchedOrder);
    await expect(matched.locator('.req-donation').textContent()).resolves.toContain('与申请一致');
    const requestText = (await matched.locator('.req-request').textContent()) ?? '';
    expect(requestText).not.toContain('13800138000');
    expect(requestText).not.toContain(ID_NUMBER);
    expect(requestText).not.toContain('zhang.wei@example.com');
    // Personal data in clear only after an explicit click and a confirmation, and then audited.
    await matched.getByRole('button', { name: '查看完整信息…' }).click();
    await matched.locator('.reveal-confirm:visible').waitFor();
    await expect(matched.locator('.req-request').textContent()).resolves.not.toContain(ID_NUMBER);
    await matched.getByRole('button', { name: '确认查看' }).click();
    await matched.locator('.facts.is-revealed').waitFor();
    const revealed = (await matched.locator('.req-request').textContent()) ?? '';
    expect(revealed).toContain(ID_NUMBER);
    expect(revealed).toContain('13800138000');
    expect(revealed).toContain('zhang.wei@example.com');
    expect(revealed).toContain('湖北省武汉市洪山区珞喻路1037号');
    const revealAudit = await t.request('GET', `/api/staff/audit-log?entity=receipt_request&entityId=${matchedRequest}`, { token: admin });
    expect(revealAudit.body.items).toContainEqual(expect.objectContaining({ action: 'receipt_request.reveal_personal_data', actorEmail: FINANCE.email }));
    expect(revealAudit.text).not.toContain(ID_NUMBER);
    await matched.getByRole('button', { name: '隐藏完整信息' }).click();
    await expect(matched.locator('.req-request').textContent()).resolves.not.toContain(ID_NUMBER);
    await expect(unmatched.locator('.req-donation').textContent()).resolves.toContain('未找到匹配');
    // The screenshot is fetched with the token and shown inline.
    await unmatched.getByRole('button', { name: '查看付款截图' }).click();
    await unmatched.locator('.shot img').waitFor();
    await expect(unmatched.locator('.shot img').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).resolves.toBe(
      180,
    );
    await shot(page, 'staff-queue.png');

    // Reject the one without a donation, with a reason.
    await unmatched.getByRole('button', { name: '驳回…' }).click();
    await unmatched.locator('.reason-input').fill('未查到该笔银行到账，请核对流水号');
    await unmatched.getByRole('button', { name: '确认驳回' }).click();
    await unmatched.locator('.result-muted').waitFor();
    await expect(requestStatus(unmatchedRequest)).resolves.toMatchObject({ status: 'rejected', rejectReason: '未查到该笔银行到账，请核对流水号' });

    // Approve the matched one; the worker issues the receipt and the card links to it.
    await matched.getByRole('button', { name: '批准开票' }).click();
    const receiptLink = matched.locator('a.receipt-link');
    await receiptLink.waitFor({ timeout: 60_000 });
    issuedReceiptNo = ((await receiptLink.textContent()) ?? '').trim();
    expect(issuedReceiptNo).toMatch(/^SC-\d{4}-\d{8}$/);
    await expect(requestStatus(matchedRequest)).resolves.toMatchObject({ status: 'issued', receiptNo: issuedReceiptNo });
    await expect(page.locator('#queue-count').textContent()).resolves.toBe('0');

    // ---- the receipt: details and PDF ----
    await eventually(
      async () => {
        const d = await t.request('GET', `/api/staff/receipts/${issuedReceiptNo}`, { token: admin });
        return d.body.pdfReady ? true : undefined;
      },
      60_000,
      'receipt PDF rendered',
    );
    await receiptLink.click();
    await page.locator('#receipt-details').waitFor();
    await expect(page.locator('#receipt-details').getAttribute('data-status')).resolves.toBe('issued');
    await expect(page.locator('#receipt-details').textContent()).resolves.toContain('¥200.00');
    await expect(page.locator('#verify-link').getAttribute('href')).resolves.toMatch(new RegExp(`/verify/${issuedReceiptNo}\\?s=`));
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`${issuedReceiptNo}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await shot(page, 'staff-receipt.png');
    // Re-send through the staff endpoint: audited under the finance account.
    await page.locator('#resend').click();
    await page.locator('#receipt-message .alert-ok').waitFor();
    const resendAudit = await t.request('GET', `/api/staff/audit-log?entity=receipt&entityId=${issuedReceiptNo}`, { token: admin });
    expect(resendAudit.body.items).toContainEqual(expect.objectContaining({ action: 'receipt.resend', actorEmail: FINANCE.email }));

    expect(s.problems).toEqual([]);
  });

  it('finance: approves several requests at once, sees flagged payments, and signing out ends the token', async () => {
    const orders = [await paidDonation(15000, '孙丽'), await paidDonation(16000, '周杰')];
    const ids = [
      await receiptRequest({ orderNo: orders[0], amountFen: 15000, name: '孙丽', invoiceTitle: '孙丽' }),
      await receiptRequest({ orderNo: orders[1], amountFen: 16000, name: '周杰', invoiceTitle: '周杰' }),
    ];
    // A payment whose amount differs from its order: flagged for staff.
    const mismatch = await createDonation(t, campaign, { amountFen: 30000, donorName: '郑州' });
    const refused = await notifySandbox(t, {
      orderNo: mismatch.body.orderNo,
      transactionId: `SBX-${mismatch.body.orderNo}`,
      amountFen: 3000,
      paidAt: new Date().toISOString(),
    });
    expect(refused.status).toBe(422);

    // A request the system could not match (a name other than the payer's, an unknown reference).
    const otherOrder = await paidDonation(16800, '陈先生');
    const unmatchedId = await receiptRequest({ bankReference: `CMB-${Date.now()}`, amountFen: 16800, name: '陈晨', invoiceTitle: '陈晨' });

    const s = await ui.start(TABLET);
    const { page } = s;
    await signIn(page, FINANCE);
    await go(page, `#/queue?campaign=${campaign}`, `[data-request-id="${unmatchedId}"] .candidate-list`);
    await shot(page, 'staff-queue-tablet.png');
    await page.locator('#select-all').check();
    await expect(page.locator('#bulk-approve').textContent()).resolves.toBe('批量批准所选（3）');
    await page.locator('#bulk-approve').click();
    for (const id of ids) await page.locator(`article[data-request-id="${id}"] a.receipt-link`).waitFor({ timeout: 60_000 });
    // The bulk approval names the one it could not approve, and why; the others went through.
    const unmatched = page.locator(`article[data-request-id="${unmatchedId}"]`);
    await unmatched.locator('.result-bad').waitFor();
    await expect(unmatched.locator('.result-bad').textContent()).resolves.toContain('订单号');
    await expect(requestStatus(unmatchedId)).resolves.toMatchObject({ status: 'pending_review' });
    // Staff pick the same-amount payment offered beside it, and approve that one.
    await unmatched.locator('.candidate-list li', { hasText: otherOrder }).getByRole('button', { name: '选用' }).click();
    await expect(unmatched.locator('.order-input').inputValue()).resolves.toBe(otherOrder);
    await unmatched.getByRole('button', { name: '批准开票' }).click();
    await unmatched.locator('a.receipt-link').waitFor({ timeout: 60_000 });
    const [chosen] = await t.db.query(`SELECT d.order_no FROM receipt_requests r JOIN donations d ON d.id = r.donation_id WHERE r.id = $1`, [unmatchedId]);
    expect(chosen.order_no).toBe(otherOrder);
    const numbers: string[] = [];
    for (const id of ids) {
      const status = await requestStatus(id);
      expect(status).toMatchObject({ status: 'issued', receiptNo: expect.stringMatching(/^SC-\d{4}-\d{8}$/) });
      numbers.push(status.receiptNo!);
    }

    // Reissue the first with a corrected title: a new number, the old one voided.
    await go(page, `#/receipts?no=${numbers[0]}`, '#receipt-details');
    await page.locator('#reissue').click();
    await page.locator('#reissue-form input[name=invoiceTitle]').fill('武汉孙氏贸易有限公司');
    await page.locator('#reissue-form input[name=reason]').fill('抬头有误，按捐赠人要求重开');
    await page.locator('#reissue-form button[type=submit]').click();
    const replacement = page.locator('#receipt-details a[href*="receipts?no="]');
    await replacement.waitFor({ timeout: 60_000 });
    const newNo = ((await replacement.textContent()) ?? '').trim();
    expect(newNo).toMatch(/^SC-\d{4}-\d{8}$/);
    expect(newNo).not.toBe(numbers[0]);
    await expect(page.locator('#receipt-details').getAttribute('data-status')).resolves.toBe('voided');
    const reissued = await t.request('GET', `/api/staff/receipts/${newNo}`, { token: admin });
    expect(reissued.body).toMatchObject({ status: 'issued', invoiceTitle: '武汉孙氏贸易有限公司', replacesReceiptNo: numbers[0] });

    // Void the second, with a reason.
    await go(page, `#/receipts?no=${numbers[1]}`, '#receipt-details[data-status="issued"]');
    await page.locator('#void').click();
    await page.locator('#void-form input[name=reason]').fill('捐赠人申请退款');
    await page.locator('#void-form button[type=submit]').click();
    await page.locator('#receipt-details[data-status="voided"]').waitFor();
    await expect(page.locator('#receipt-details').textContent()).resolves.toContain('捐赠人申请退款');
    const voided = await t.request('GET', `/api/staff/receipts/${numbers[1]}`, { token: admin });
    expect(voided.body).toMatchObject({ status: 'voided', voidReason: '捐赠人申请退款' });
    await shot(page, 'staff-receipt-voided-tablet.png');

    await go(page, `#/donations?flagged=1&campaign=${campaign}`, '#donation-results table');
    const flagged = page.locator(`tr[data-order-no="${mismatch.body.orderNo}"]`);
    await expect(flagged.getAttribute('class')).resolves.toContain('is-flagged');
    await expect(page.locator('#donation-results tbody tr').count()).resolves.toBe(1);
    await shot(page, 'staff-donations-flagged.png');
    // Resolved with a note: off the flagged list, and in the audit log.
    await flagged.getByRole('button', { name: '标记已处理…' }).click();
    await flagged.locator('input[name=note]').fill('已联系捐赠人，差额原路退回');
    await flagged.getByRole('button', { name: '确认已处理' }).click();
    await page.locator(`tr.is-resolved[data-order-no="${mismatch.body.orderNo}"]`).waitFor();
    const stillFlagged = await t.request('GET', `/api/staff/donations?flagged=true&campaignCode=${campaign}`, { token: admin });
    expect(stillFlagged.body).toMatchObject({ total: 0, items: [] });
    const resolveAudit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${mismatch.body.orderNo}`, { token: admin });
    expect(resolveAudit.body.items[0]).toMatchObject({
      action: 'donation.resolve_flag',
      actorEmail: FINANCE.email,
      after: { note: '已联系捐赠人，差额原路退回' },
    });

    // Search by name part and amount through the form; the count is the server's total.
    await go(page, `#/donations?campaign=${campaign}`, '#donation-results table');
    await page.locator('#donation-search input[name=q]').fill('孙');
    await page.locator('#donation-search input[name=amountYuan]').fill('150');
    await page.locator('#donation-search button[type=submit]').click();
    await page.waitForURL(/amount=15000/);
    await page.locator(`#donation-results tr[data-order-no="${orders[0]}"]`).waitFor();
    await expect(page.locator('#donation-total').textContent()).resolves.toBe('共 1 条');

    // A disbursement recorded on the console is counted in the public totals.
    const before = (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.disbursedFen as number;
    await go(page, `#/totals?campaign=${campaign}`, '#disbursement-form');
    await page.locator('#disbursement-form input[name=amountYuan]').fill('1,000.50');
    await page.locator('#disbursement-form input[name=recipient]').fill('武汉市金银潭医院');
    await page.locator('#disbursement-form input[name=purpose]').fill('采购医用防护服');
    await page.locator('#disbursement-form button[type=submit]').click();
    await page.locator('#disbursement-list td', { hasText: '武汉市金银潭医院' }).waitFor();
    await expect(page.locator('#disbursement-list').textContent()).resolves.toContain('¥1,000.50');
    await eventually(
      async () => {
        const after = (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.disbursedFen as number;
        return after - before === 100050 ? true : undefined;
      },
      10_000,
      'disbursement counted in totals',
    );
    await shot(page, 'staff-totals-tablet.png');

    const token = await sessionToken(page);
    expect((await t.request('GET', '/api/staff/me', { token })).status).toBe(200);
    // The sign-in form comes back at once, before the logout call is answered; the server ends the
    // token when it handles that call, so the check waits for its answer rather than for the form.
    const loggedOut = page.waitForResponse('**/api/staff/logout');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('#login-form').waitFor();
    await expect(page.locator('#console').isHidden()).resolves.toBe(true);
    await expect(page.evaluate('sessionStorage.length')).resolves.toBe(0);
    expect((await loggedOut).status()).toBe(200);
    expect((await t.request('GET', '/api/staff/me', { token })).status).toBe(401);
    expect(s.problems).toEqual([]);
  });

  it('admin: creates a warehouse account in the console; that account sees only what its role allows', async () => {
    const adminUi = await ui.start();
    await signIn(adminUi.page, { email: 'admin@test.wennuan', password: 'admin-password-for-tests', name: '管理员' });
    expect(await navLabels(adminUi.page)).toEqual([
      '概览',
      '票据审核',
      '捐赠记录',
      '银行转账',
      '票据',
      '公示与拨付',
      '物资',
      '活动管理',
      '导出',
      '工作人员',
      '操作日志',
      '任务队列',
    ]);
    await go(adminUi.page, '#/users', '#user-form');
    await adminUi.page.locator('#user-form input[name=name]').fill('赵仓管');
    await adminUi.page.locator('#user-form input[name=email]').fill('warehouse@console.test');
    await adminUi.page.locator('#user-form select[name=role]').selectOption('warehouse');
    await adminUi.page.locator('#user-form input[name=password]').fill('short');
    await adminUi.page.locator('#user-form button[type=submit]').click();
    await expect(adminUi.page.locator('#user-form + .form-message').textContent()).resolves.toContain('至少 10 位');
    await adminUi.page.locator('#user-form input[name=password]').fill('warehouse-password-1');
    await adminUi.page.locator('#user-form button[type=submit]').click();
    await adminUi.page.locator('#user-list td', { hasText: 'warehouse@console.test' }).waitFor();
    await shot(adminUi.page, 'staff-users.png');
    const users = await t.request('GET', '/api/staff/users', { token: await login(t) });
    expect(users.body.items).toContainEqual(expect.objectContaining({ email: 'warehouse@console.test', role: 'warehouse', name: '赵仓管' }));

    const warehouse = await ui.start(TABLET);
    await signIn(warehouse.page, { email: 'warehouse@console.test', password: 'warehouse-password-1', name: '赵仓管' });
    expect(await navLabels(warehouse.page)).toEqual(['概览', '物资', '导出']);
    // A screen outside the role falls back to the overview.
    await warehouse.page.evaluate(`location.hash = '#/receipts'`);
    await warehouse.page.waitForURL(/#\/home$/);
    // The session ends elsewhere (sign-out on another computer ends every token): the next call
    // answers 401 and the console goes back to the sign-in form, forgetting the token.
    const revoked = await t.request('POST', '/api/staff/logout', { token: await sessionToken(warehouse.page) });
    expect(revoked.status).toBe(200);
    await warehouse.page.evaluate(`location.hash = '#/home?again=1'`);
    await warehouse.page.locator('#login-form').waitFor();
    await expect(warehouse.page.locator('#login-message').textContent()).resolves.toBe('登录已失效，请重新登录。');
    await expect(warehouse.page.evaluate('sessionStorage.length')).resolves.toBe(0);
    expect(adminUi.problems).toEqual([]);
    expect(warehouse.problems).toEqual([]);
  });

  it('auditor: the same screens without any button that changes data; the API refuses the writes', async () => {
    const order = await paidDonation(25000, '冯雪');
    const pendingRequest = await receiptRequest({ orderNo: order, amountFen: 25000, name: '冯雪', invoiceTitle: '冯雪' });
    const s = await ui.start();
    const { page } = s;
    await signIn(page, AUDITOR);
    expect(await navLabels(page)).toEqual([
      '概览',
      '票据审核',
      '捐赠记录',
      '银行转账',
      '票据',
      '公示与拨付',
      '物资',
      '活动管理',
      '导出',
      '工作人员',
      '操作日志',
    ]);

    const screens: [string, string, string][] = [
      ['#/home', '.stat', 'staff-auditor-home.png'],
      [`#/queue?campaign=${campaign}`, `[data-request-id="${pendingRequest}"]`, 'staff-auditor-queue.png'],
      [`#/donations?campaign=${campaign}`, '#donation-results table', 'staff-auditor-donations.png'],
      [`#/bank?campaign=${campaign}`, '.panel table', 'staff-auditor-bank.png'],
      [`#/receipts?no=${issuedReceiptNo}`, '#receipt-details', 'staff-auditor-receipt.png'],
      [`#/receipts?campaign=${campaign}`, '#receipt-out table', 'staff-auditor-receipts.png'],
      [`#/totals?campaign=${campaign}`, '#disbursement-list table', 'staff-auditor-totals.png'],
      ['#/exports', '#export-form', 'staff-auditor-exports.png'],
      ['#/campaigns', '#campaign-list table', 'staff-auditor-campaigns.png'],
      [`#/campaigns?code=${campaign}`, '#campaign-facts', 'staff-auditor-campaign.png'],
      ['#/users', '#user-list table', 'staff-auditor-users.png'],
      ['#/audit', '#audit-table tbody tr', 'staff-auditor-audit.png'],
    ];
    for (const [hash, ready, file] of screens) {
      await go(page, hash, ready);
      const buttons = await visibleButtons(page);
      expect({ hash, writeButtons: buttons.filter((b) => !READ_ONLY_BUTTONS.has(b)) }).toEqual({ hash, writeButtons: [] });
      await expect(page.locator('#view input[type=file], #view input[type=checkbox]:not([name=flagged])').count()).resolves.toBe(0);
      await shot(page, file);
    }

    // What the auditor reads: the request beside its donation, the receipt, and who did what.
    await go(page, `#/queue?campaign=${campaign}`, `[data-request-id="${pendingRequest}"]`);
    await expect(page.locator(`article[data-request-id="${pendingRequest}"] .req-donation`).textContent()).resolves.toContain(order);
    await go(page, `#/receipts?no=${issuedReceiptNo}`, '#receipt-details');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-pdf').click()]);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    await go(page, '#/audit?entity=receipt_request', '#audit-table tbody tr');
    await expect(page.locator('#audit-table').textContent()).resolves.toContain(FINANCE.email);
    await expect(page.locator('#audit-table').textContent()).resolves.toContain('批准票据申请');
    // The finance user's reveal of personal data is listed, by whom.
    const revealRow = page.locator('#audit-table tbody tr', { hasText: '查看完整个人信息' }).first();
    await expect(revealRow.textContent()).resolves.toContain(FINANCE.email);

    // Exports download as files: masked, money in yuan and fen, and audited.
    await go(page, `#/donations?campaign=${campaign}`, '#donation-results table');
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csvDownload.suggestedFilename()).toMatch(new RegExp(`^donations-${campaign}-\\d{8}\\.csv$`));
    const csv = readFileSync(await csvDownload.path());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csvText = csv.toString('utf8');
    expect(csvText).toContain('订单号,活动,渠道,渠道代码,状态,状态代码,金额（元）,金额（分）');
    expect(csvText).toContain(`${order},${campaign},模拟支付,sandbox,已到账,paid,250.00,25000,冯*`);
    expect(csvText).not.toContain('冯雪');
    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).click()]);
    expect(xlsxDownload.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(
      readFileSync(await xlsxDownload.path())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    await go(page, `#/receipts?campaign=${campaign}`, '#receipt-out table');
    await page.locator('#receipt-search select[name=campaignCode]').selectOption(campaign);
    const [receiptsCsv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(receiptsCsv.suggestedFilename()).toMatch(new RegExp(`^receipts-${campaign}-\\d{8}\\.csv$`));
    expect(readFileSync(await receiptsCsv.path()).toString('utf8')).toContain(issuedReceiptNo);
    const exportAudit = await t.request('GET', `/api/staff/audit-log?entity=export&entityId=${campaign}`, { token: admin });
    expect(exportAudit.body.items.map((a: { action: string; actorEmail: string }) => [a.action, a.actorEmail])).toEqual([
      ['export.receipts', AUDITOR.email],
      ['export.donations', AUDITOR.email],
      ['export.donations', AUDITOR.email],
    ]);

    // The API refuses every write with the auditor's own token, and nothing changes.
    const token = await sessionToken(page);
    const writes: [string, string, unknown][] = [
      ['POST', `/api/staff/receipt-requests/${pendingRequest}/approve`, {}],
      ['POST', '/api/staff/receipt-requests/approve', { requestIds: [pendingRequest] }],
      ['POST', `/api/staff/receipt-requests/${pendingRequest}/reject`, { reason: '审计不应能驳回' }],
      [
        'POST',
        '/api/staff/bank-transfers',
        { campaignCode: campaign, bankReference: 'AUDIT-1', amountFen: 100, payerName: '审计', receivedAt: '2020-02-01T10:30:00+08:00' },
      ],
      ['POST', `/api/staff/receipts/${issuedReceiptNo}/void`, { reason: '审计不应能作废' }],
      ['POST', `/api/staff/receipts/${issuedReceiptNo}/reissue`, {}],
      ['POST', '/api/staff/users', { email: 'x@console.test', password: 'password-12345', role: 'admin', name: 'x' }],
      ['POST', '/api/staff/disbursements', { campaignCode: campaign, amountFen: 100, recipient: '医院', purpose: '物资', date: '2020-02-10' }],
    ];
    for (const [method, path, body] of writes) {
      const res = await t.request(method, path, { token, body });
      expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 403, code: 'FORBIDDEN' });
    }
    const importForm = new FormData();
    importForm.append('campaignCode', campaign);
    importForm.append('file', new Blob(['bankReference,amountYuan,payerName,receivedAt,payerAccount\nAUDIT-2,1.00,审计,2020-02-01 10:30:00,\n']), 's.csv');
    const imported = await fetch(`${t.baseUrl}/api/staff/bank-transfers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: importForm,
    });
    expect(imported.status).toBe(403);
    await expect(requestStatus(pendingRequest)).resolves.toMatchObject({ status: 'pending_review' });
    const receipt = await t.request('GET', `/api/staff/receipts/${issuedReceiptNo}`, { token: admin });
    expect(receipt.body.status).toBe('issued');
    const refs = await t.db.query(`SELECT count(*)::int AS n FROM donations WHERE bank_reference IN ('AUDIT-1', 'AUDIT-2')`);
    expect(refs[0].n).toBe(0);
    expect(s.problems).toEqual([]);
  });
});
