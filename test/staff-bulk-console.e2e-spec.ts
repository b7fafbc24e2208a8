/**
 * Bulk work in the staff console (headless Chromium): "approve many" runs as a queue job with a
 * progress bar, and a page opened again (the browser was closed midway) finds the running job;
 * exports are started as jobs, followed, and downloaded; auditors download without starting any;
 * the audit log reads as a before/after list.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { IMPORTS_QUEUE } from '../src/bank-transfers/bank-import-jobs';
import { APPROVALS_QUEUE } from '../src/receipts/receipt-jobs';
import { launchChromium } from './support/browser';
import { ConsoleSessions, go, shot, signIn } from './support/console-browser';
import { eventually } from './support/smtp-sink';
import { countRows, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp, asDonor } from './support/test-app';

jest.setTimeout(240_000);

const FINANCE = { email: 'finance@bulk-console.test', password: 'finance-password-1', name: '李会计', role: 'finance' };
const AUDITOR = { email: 'auditor@bulk-console.test', password: 'auditor-password-1', name: '王审计', role: 'auditor' };
const ID_NUMBER = '11010519491231002X';

describe('staff console: bulk jobs (Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: string;
  let campaign: string;
  const ui = new ConsoleSessions(
    () => browser,
    () => t.baseUrl,
  );
  const own = isolated('bulkconsole');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const user of [FINANCE, AUDITOR]) expect((await t.request('POST', '/api/staff/users', { token: admin, body: user })).status).toBe(201);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'BC', autoApproveReceipts: false, title: '温暖武汉·批量处理' });
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

  async function matchedRequest(amountFen: number, name: string): Promise<string> {
    const created = await createDonation(t, campaign, { amountFen, donorName: name });
    const orderNo = created.body.orderNo;
    expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt: new Date().toISOString() })).status).toBe(200);
    const res = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        orderNo,
        amountFen,
        donorType: 'individual',
        name,
        idNumber: ID_NUMBER,
        invoiceTitle: name,
        phone: '13800138000',
        email: 'donor@example.com',
      }),
    });
    expect(res.body.status).toBe('pending_review');
    return res.body.requestId;
  }

  async function issuedCount(ids: string[]): Promise<number> {
    return countRows(t, `SELECT count(*) FROM receipt_requests WHERE id = ANY($1) AND status = 'issued'`, [ids]);
  }

  it('finance: a statement import still running when the browser closed is followed again from a new sign-in', async () => {
    const queue = t.app.get<Queue>(getQueueToken(IMPORTS_QUEUE), { strict: false });
    await queue.pause();
    const csv = [
      'bankReference,amountYuan,payerName,receivedAt,payerAccount',
      ...[1, 2, 3].map((i) => `REATTACH-${i}-${campaign},${i}00.00,付款人${i},2020-02-03 08:00:00,`),
    ].join('\n');
    try {
      const s = await ui.start();
      await signIn(s.page, FINANCE);
      await go(s.page, '#/bank', '#import-form');
      await s.page.locator('#import-form select[name=campaignCode]').selectOption(campaign);
      await s.page.locator('#statement-file').setInputFiles({ name: '对账单-关闭.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await s.page.locator('#import-submit').click();
      await s.page.locator('#import-progress-text', { hasText: '排队' }).waitFor();
      // The browser is closed: the tab's own memory of the job is gone with it.
      await ui.close(s);

      const again = await ui.start();
      await signIn(again.page, FINANCE);
      await go(again.page, '#/bank', '#import-form');
      await again.page.locator('#import-resumed', { hasText: '对账单-关闭.csv' }).waitFor();
      await expect(again.page.locator('#import-submit').isDisabled()).resolves.toBe(true);
      await queue.resume();
      await again.page.locator('#import-imported', { hasText: /^3$/ }).waitFor({ timeout: 60_000 });
      expect(await countRows(t, `SELECT count(*) FROM donations WHERE bank_reference LIKE $1`, [`REATTACH-%-${campaign}`])).toBe(3);
      expect(again.problems).toEqual([]);
    } finally {
      await queue.resume();
    }
  });

  it('finance: approve many runs as a job with a progress bar; a reopened page finds a running job', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await matchedRequest(10000 + i * 100, ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨磊'][i]));
    const s = await ui.start();
    const { page } = s;
    await signIn(page, FINANCE);
    await go(page, `#/queue?campaign=${campaign}`, `[data-request-id="${ids[5]}"]`);
    await page.locator('#select-all').check();
    await expect(page.locator('#bulk-approve').textContent()).resolves.toBe('批量批准所选（6）');
    await page.locator('#bulk-approve').click();
    await page.locator('#bulk-progress-text', { hasText: '批量批准完成：批准 6 份' }).waitFor({ timeout: 60_000 });
    await expect(page.locator('#bulk-progress-bar').evaluate((el) => (el as HTMLProgressElement).value)).resolves.toBe(100);
    for (const id of ids) await page.locator(`article[data-request-id="${id}"] a.receipt-link`).waitFor({ timeout: 60_000 });
    await shot(page, 'staff-bulk-approve-done.png');
    expect(await issuedCount(ids)).toBe(6);

    // The browser is closed with a job still waiting (the approvals queue is held for the test).
    const more = [await matchedRequest(20100, '赵强'), await matchedRequest(20200, '孙丽')];
    const queue = t.app.get<Queue>(getQueueToken(APPROVALS_QUEUE), { strict: false });
    await queue.pause();
    try {
      const token = await login(t, FINANCE.email, FINANCE.password);
      const started = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', { token, body: { requestIds: more } });
      expect(started.status).toBe(202);
      await ui.close(s);

      const again = await ui.start();
      await signIn(again.page, FINANCE);
      await go(again.page, `#/queue?campaign=${campaign}`, `[data-request-id="${more[1]}"]`);
      await again.page.locator('#bulk-progress-text', { hasText: '排队中' }).waitFor();
      await expect(again.page.locator('#bulk-approve').isDisabled()).resolves.toBe(true);
      await shot(again.page, 'staff-bulk-approve-resumed.png');
      await queue.resume();
      await again.page.locator('#bulk-progress-text', { hasText: '批量批准完成：批准 2 份' }).waitFor({ timeout: 60_000 });
      // The queue is drawn again without the requests the job approved.
      await again.page.locator(`article[data-request-id="${more[0]}"]`).waitFor({ state: 'detached', timeout: 30_000 });
      expect(again.problems).toEqual([]);
    } finally {
      await queue.resume();
    }
    await eventually(async () => ((await issuedCount(more)) === 2 ? true : undefined), 60_000, 'receipts issued');
    expect(s.problems).toEqual([]);
  });

  it('finance starts an export job and downloads it; the auditor downloads it without starting any; the audit log reads as a list', async () => {
    const s = await ui.start();
    const { page } = s;
    await signIn(page, FINANCE);
    await go(page, '#/exports', '#export-form');
    await page.locator('#export-kind').selectOption('donations');
    await page.locator('select[name=campaignCode]').selectOption(campaign);
    await page.locator('#export-format').selectOption('csv');
    await page.locator('#export-start').click();
    const row = page.locator('#export-jobs tbody tr').first();
    await row.getByRole('button', { name: '下载' }).waitFor({ timeout: 60_000 });
    await expect(row.locator('.job-state').textContent()).resolves.toMatch(/^已完成（\d+ 行）$/);
    await shot(page, 'staff-exports.png');
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '下载' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^donations-${campaign}-\\d{8}\\.csv$`));
    const rows: string[][] = parse(
      readFileSync(await download.path())
        .toString('utf8')
        .slice(1),
    );
    const ledger = await countRows(t, `SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign]);
    expect(rows.length - 1).toBe(ledger);
    expect(s.problems).toEqual([]);

    const a = await ui.start();
    await signIn(a.page, AUDITOR);
    await go(a.page, '#/exports', '#export-jobs tbody tr');
    await expect(a.page.locator('#export-start').count()).resolves.toBe(0);
    const buttons = await a.page.locator('button:visible').evaluateAll((els) => els.map((b) => (b.textContent ?? '').trim()));
    expect(buttons.filter((b) => !['导出 CSV', '导出 Excel', '下载', '退出登录', '菜单'].includes(b))).toEqual([]);
    const [auditorCopy] = await Promise.all([
      a.page.waitForEvent('download'),
      a.page.locator('#export-jobs tbody tr').first().getByRole('button', { name: '下载' }).click(),
    ]);
    expect(readFileSync(await auditorCopy.path()).equals(readFileSync(await download.path()))).toBe(true);
    await shot(a.page, 'staff-auditor-exports-jobs.png');

    // The audit log: an approval reads 状态 待审核 → 开票中, not raw JSON.
    await go(a.page, '#/audit?entity=receipt_request', '#audit-table tbody tr');
    const change = a.page.locator('#audit-table li[data-field="status"]').first();
    await expect(change.locator('del').textContent()).resolves.toBe('待审核');
    await expect(change.locator('ins').textContent()).resolves.toBe('开票中');
    await expect(a.page.locator('#audit-table').textContent()).resolves.not.toContain('{"status"');
    await go(a.page, '#/audit?entity=export', '#audit-table tbody tr');
    await expect(a.page.locator('#audit-table').textContent()).resolves.toContain('下载导出文件');
    await shot(a.page, 'staff-audit-readable.png');
    expect(a.problems).toEqual([]);
  });
});
