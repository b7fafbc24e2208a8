/**
 * Refunds: a whole paid donation goes back through its provider (the sandbox here; WeChat Pay and
 * Alipay in their own suites), once however often it is asked; the donation becomes `refunded`, the
 * public totals lose it exactly (and agree with the ledger when the reconciler runs), its receipt is
 * voided and open receipt requests are rejected. Bank transfers are recorded as returned by staff.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { eventually } from './support/smtp-sink';
import { createCampaign, createDonation, isolated, login, startApp, TestApp, asDonor, paySandbox } from './support/test-app';

describe('refunds', () => {
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let finance: string;
  const emails: Record<string, string> = {};
  const own = isolated('refunds');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const role of ['auditor', 'finance']) {
      const email = `${role}-${randomUUID().slice(0, 8)}@refunds.test`;
      emails[role] = email;
      const res = await t.request('POST', '/api/staff/users', {
        token: admin,
        body: { email, password: 'a-long-password-for-tests', role, name: `测试${role}` },
      });
      expect(res.status).toBe(201);
      if (role === 'auditor') auditor = await login(t, email, 'a-long-password-for-tests');
      else finance = await login(t, email, 'a-long-password-for-tests');
    }
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  const paid = (campaign: string, amountFen: number, extra: Record<string, unknown> = {}) => paySandbox(t, campaign, amountFen, extra);

  const refund = (orderNo: string, body: Record<string, unknown> = { reason: '捐赠人申请退回' }, token = finance, key?: string) =>
    t.request('POST', `/api/staff/donations/${orderNo}/refund`, { token, body, headers: key ? { 'idempotency-key': key } : {} });

  const totals = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/totals`)).body;

  /** The totals as the ledger has them: paid donations only. */
  async function ledger(code: string) {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS fen, count(DISTINCT donor_key)::int AS donors,
              coalesce(sum(amount_fen) FILTER (WHERE (paid_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date), 0)::bigint AS today
         FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
      [code],
    );
    return { donationCount: row.n, amountFen: Number(row.fen), donorCount: row.donors, todayAmountFen: Number(row.today) };
  }

  async function receiptRequest(campaign: string, orderNo: string, amountFen: number) {
    const res = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        orderNo,
        amountFen,
        donorType: 'individual',
        name: '张伟',
        idNumber: '11010519491231002X',
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
      }),
    });
    expect(res.status).toBe(201);
    return res.body as { requestId: string; status: string };
  }

  it('refunds a paid sandbox donation once (double click), takes it out of the totals exactly, voids its receipt; the reconciler agrees', async () => {
    const campaign = await createCampaign(t, admin);
    const phone = '13912345678';
    const first = await paid(campaign, 12345, { phone });
    const second = await paid(campaign, 20000, { phone }); // the same donor gives again
    await paid(campaign, 5000); // someone else
    const before = await totals(campaign);
    expect(before).toMatchObject({ donationCount: 3, donorCount: 2, amountFen: 37345, todayAmountFen: 37345 });

    const request = await receiptRequest(campaign, first, 12345);
    const receiptNo = await eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${request.requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      90_000,
      'receipt issued',
    );

    // A double click: two requests at once with the same key give one refund.
    const key = `refund-${randomUUID()}`;
    const [a, b] = await Promise.all([refund(first, undefined, finance, key), refund(first, undefined, finance, key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toMatchObject({ orderNo: first, status: 'succeeded', amountFen: 12345, provider: 'sandbox', donationStatus: 'refunded' });
    expect(b.body.refundNo).toBe(a.body.refundNo);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM refunds r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [first]);
    expect(n).toBe(1);

    expect((await t.request('GET', `/api/donations/${first}`)).body).toMatchObject({
      status: 'refunded',
      receiptEligible: false,
      receipt: { status: 'voided' },
    });
    // The donor still has a paid gift: still one donor; the amount, count and today's amount drop exactly.
    expect(await totals(campaign)).toMatchObject({ donationCount: 2, donorCount: 2, amountFen: 25000, todayAmountFen: 25000 });
    const receipt = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
    expect(receipt.body).toMatchObject({ status: 'voided', voidReason: expect.stringContaining('退款') });

    // Their last paid gift refunded: the donor stops counting.
    expect((await refund(second)).status).toBe(200);
    expect(await totals(campaign)).toMatchObject({ donationCount: 1, donorCount: 1, amountFen: 5000, todayAmountFen: 5000 });

    const [{ id }] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [campaign]);
    const report = await t.app.get(TotalsReconciler).reconcile(id);
    expect(report.drift).toEqual([]);
    expect(await totals(campaign)).toMatchObject(await ledger(campaign));

    // Refunded is final; asking again (another click, no key) is refused and changes nothing.
    const again = await refund(first);
    expect([again.status, again.body.code]).toEqual([409, 'NOT_REFUNDABLE']);
    const reused = await refund(first, { reason: '另一个理由' }, finance, key);
    expect([reused.status, reused.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);

    const audit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${first}&limit=50`, { token: admin });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(
      expect.arrayContaining(['donation.refund_requested', 'donation.refund_succeeded']),
    );
  }, 120_000);

  it('refuses unpaid donations, partial amounts and auditors, changing nothing', async () => {
    const campaign = await createCampaign(t, admin);
    const pending = await createDonation(t, campaign, { amountFen: 3000 });
    const unpaid = await refund(pending.body.orderNo);
    expect([unpaid.status, unpaid.body.code]).toEqual([409, 'NOT_REFUNDABLE']);

    const orderNo = await paid(campaign, 8000);
    const partial = await refund(orderNo, { reason: '部分退款', amountFen: 4000 });
    expect([partial.status, partial.body.code]).toEqual([422, 'REFUND_AMOUNT_NOT_FULL']);
    const byAuditor = await refund(orderNo, { reason: '审计不能退款' }, auditor);
    expect(byAuditor.status).toBe(403);
    expect((await refund(orderNo, { reason: '' })).status).toBe(400);
    expect((await t.request('POST', '/api/staff/donations/WN0000/refund', { token: finance, body: { reason: 'x' } })).body.code).toBe('ORDER_NOT_FOUND');
    expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('paid');
    expect(await totals(campaign)).toMatchObject({ donationCount: 1, amountFen: 8000 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM refunds r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [orderNo]);
    expect(n).toBe(0);

    // Exactly the whole amount is accepted; the auditor can read the refund but not make it.
    expect((await refund(orderNo, { reason: '全额退款', amountFen: 8000 })).status).toBe(200);
    const listed = await t.request('GET', `/api/staff/donations/${orderNo}/refunds`, { token: auditor });
    expect(listed.body.items).toEqual([expect.objectContaining({ status: 'succeeded', amountFen: 8000, reason: '全额退款' })]);
    const search = await t.request('GET', `/api/staff/donations?orderNo=${orderNo}`, { token: auditor });
    expect(search.body.items[0]).toMatchObject({ status: 'refunded', refund: { status: 'succeeded', reason: '全额退款' } });
  });

  it('rejects a receipt request still waiting for review', async () => {
    const campaign = await createCampaign(t, admin, { autoApproveReceipts: false });
    const orderNo = await paid(campaign, 15000);
    const request = await receiptRequest(campaign, orderNo, 15000);
    expect(request.status).toBe('pending_review');
    expect((await refund(orderNo, { reason: '重复捐赠' })).status).toBe(200);
    const status = await t.request('GET', `/api/receipt-requests/${request.requestId}`);
    expect(status.body).toMatchObject({ status: 'rejected', rejectReason: expect.stringContaining('重复捐赠') });
  });

  it('records a bank transfer returned at the bank (no provider)', async () => {
    const campaign = await createCampaign(t, admin);
    const created = await t.request('POST', '/api/staff/bank-transfers', {
      token: admin,
      body: {
        campaignCode: campaign,
        bankReference: `BOC-${randomUUID().slice(0, 12)}`,
        amountFen: 500000,
        payerName: '武汉光谷科技有限公司',
        receivedAt: new Date().toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const res = await refund(created.body.orderNo, { reason: '对公账户原路退回' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'succeeded', provider: 'manual', donationStatus: 'refunded' });
    expect(await totals(campaign)).toMatchObject({ donationCount: 0, donorCount: 0, amountFen: 0 });
  });

  it('console: finance refunds with a reason and a confirmation; the auditor sees refunded status and differences but no button', async () => {
    const campaign = await createCampaign(t, admin);
    const orderNo = await paid(campaign, 23456);
    await t.db.query(
      `INSERT INTO reconciliation_differences (provider, statement_date, kind, order_no, transaction_id, provider_amount_fen, detail)
       VALUES ('wechatpay', '2020-02-01', 'UNKNOWN_ORDER', $1, $2, 8888, '微信账单中有一笔 88.88 元的付款，账本中没有这笔订单')`,
      [`TS-CONSOLE-${randomUUID().slice(0, 8)}`, `4200${Date.now()}`],
    );
    const browser = await launchChromium();
    const shots = join(__dirname, '..', 'test-results');
    mkdirSync(shots, { recursive: true });
    const signIn = async (email: string): Promise<Page> => {
      const page = await (
        await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', baseURL: t.baseUrl })
      ).newPage();
      await page.goto('/staff');
      await page.getByLabel('邮箱').fill(email);
      await page.getByLabel('密码').fill('a-long-password-for-tests');
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('#console').waitFor();
      return page;
    };
    try {
      const page = await signIn(emails.finance);
      await page.evaluate(`location.hash = ${JSON.stringify(`#/donations?campaign=${campaign}`)}`);
      const row = page.locator(`tr[data-order-no="${orderNo}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: '退款…' }).click();
      // The confirmation names the amount; without a reason nothing is sent.
      await row.getByRole('button', { name: '确认退款 ¥234.56' }).click();
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('paid');
      await row.locator('input[name=reason]').fill('捐赠人重复付款，原路退回');
      await page.screenshot({ path: join(shots, 'staff-donations-refund.png'), fullPage: true });
      await row.getByRole('button', { name: '确认退款 ¥234.56' }).click();
      await row.locator('.status-cell', { hasText: '已退款' }).waitFor();
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('refunded');
      expect(await totals(campaign)).toMatchObject({ donationCount: 0, amountFen: 0 });

      const audit = await signIn(emails.auditor);
      await audit.evaluate(`location.hash = ${JSON.stringify(`#/donations?campaign=${campaign}`)}`);
      const seen = audit.locator(`tr[data-order-no="${orderNo}"]`);
      await seen.waitFor();
      await expect(seen.locator('.status-cell').textContent()).resolves.toBe('已退款');
      await expect(seen.textContent()).resolves.toContain('捐赠人重复付款，原路退回');
      await expect(audit.getByRole('button', { name: '退款…' }).count()).resolves.toBe(0);
      await audit.evaluate(`location.hash = '#/donations?flagged=1'`);
      await audit.locator('#reconciliation-differences table').waitFor();
      await expect(audit.locator('#reconciliation-differences').textContent()).resolves.toContain('账本中无此订单');
      await expect(audit.locator('#reconciliation-differences button').count()).resolves.toBe(0);
      await audit.screenshot({ path: join(shots, 'staff-reconciliation-differences.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 120_000);
});
