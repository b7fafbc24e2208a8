/**
 * Aggregate receipts (合并开具): a verified donor with several gifts asks for one record listing
 * them all; a gift is never on two live requests or records, of either kind, whatever races; bad
 * input is refused with a stable code and leaves nothing behind; void frees the gifts and reissue
 * keeps them. Also the Art. 6 fields (交款人, 统一社会信用代码, 项目编码, 复核人, 收款人) on the PDF
 * and the official form. Real PostgreSQL, Redis and receipt worker; mail to a local sink.
 */
import { randomUUID } from 'node:crypto';
import { formatYuanDisplay, toChineseCapitals } from '../src/common/money';
import { formatShanghaiDate } from '../src/receipts/pdf/receipt-pdf.renderer';
import { launchChromium } from './support/browser';
import { eventually, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';

jest.setTimeout(600_000);

const CREDIT_CODE = '91350100M000100Y43';
const PAYEE = '王会计';

interface Gift {
  orderNo: string;
  claimToken: string;
  amountFen: number;
  paidAt: string;
}

describe('aggregate receipts (合并开具)', () => {
  const own = isolated('aggregate');
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let campaign: string;
  let other: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startApp({ ...own.env, SMTP_URL: smtp.url });
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'AG', receiptPayee: PAYEE, funds: [{ code: 'medical', name: '医疗救治' }] });
    other = await createCampaign(t, admin, { receiptPrefix: 'AH' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await own.drop();
  });

  let day = 0;
  /** A donation paid through the sandbox (unless `paid: false`), with the claim token its creator got. */
  async function gift(amountFen: number, opts: { campaignCode?: string; fundCode?: string; paid?: boolean } = {}): Promise<Gift> {
    const created = await createDonation(t, opts.campaignCode ?? campaign, { amountFen, ...(opts.fundCode ? { fundCode: opts.fundCode } : {}) });
    expect(created.status).toBe(201);
    const orderNo = created.body.orderNo as string;
    // Distinct days, so the list's order and dates are visible on the PDF.
    const paidAt = new Date(Date.UTC(2020, 1, 1 + (day++ % 27), 3)).toISOString();
    if (opts.paid !== false) expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt })).status).toBe(200);
    return { orderNo, claimToken: created.body.claimToken as string, amountFen, paidAt };
  }

  const total = (gifts: Gift[]) => gifts.reduce((sum, g) => sum + g.amountFen, 0);

  function donor(extra: Record<string, unknown> = {}) {
    return {
      campaignCode: campaign,
      donorType: 'organization',
      name: '武汉市光谷科技有限公司',
      creditCode: CREDIT_CODE,
      invoiceTitle: '武汉市光谷科技有限公司',
      phone: '13800138000',
      email: `org-${randomUUID().slice(0, 8)}@example.com`,
      ...extra,
    };
  }

  /** POST /api/receipt-requests with `orders`, each with its claim token unless told otherwise. */
  function askAggregate(gifts: Gift[], extra: Record<string, unknown> = {}, withToken: (g: Gift) => boolean = () => true) {
    return t.request('POST', '/api/receipt-requests', {
      body: donor({
        amountFen: total(gifts),
        orders: gifts.map((g) => (withToken(g) ? { orderNo: g.orderNo, claimToken: g.claimToken } : { orderNo: g.orderNo })),
        ...extra,
      }),
    });
  }

  function askSingle(g: Gift) {
    return t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: campaign,
        orderNo: g.orderNo,
        claimToken: g.claimToken,
        amountFen: g.amountFen,
        donorType: 'individual',
        name: '张伟',
        idNumber: '11010519491231002X',
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
      },
    });
  }

  async function issued(requestId: string, not?: string): Promise<string> {
    return eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${requestId}`);
        return res.body.status === 'issued' && res.body.receiptStatus === 'issued' && res.body.receiptNo !== not ? (res.body.receiptNo as string) : undefined;
      },
      180_000,
      `request ${requestId} issued`,
    );
  }

  async function details(receiptNo: string) {
    const res = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function staffPdf(receiptNo: string): Promise<string> {
    const res = await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return pdfText(Buffer.from(await res.arrayBuffer()), { layout: true });
  }

  /** How many live requests hold each of these donations, and how many live records list it. */
  async function holds(gifts: Gift[]): Promise<{ held: number; live: number }> {
    const [row] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM receipt_request_gifts h JOIN donations d ON d.id = h.donation_id WHERE h.held AND d.order_no = ANY($1)) AS held,
              (SELECT count(*)::int FROM receipt_gifts g JOIN donations d ON d.id = g.donation_id WHERE g.live AND d.order_no = ANY($1)) AS live`,
      [gifts.map((g) => g.orderNo)],
    );
    return row;
  }

  it('an aggregate receipt for three gifts: one record listing each gift, its PDF, form and verification; no gift on a second live receipt', async () => {
    // Two gifts under the 100-yuan threshold: with the third they make one record.
    const gifts = [await gift(5000), await gift(7000), await gift(12050)];
    const res = await askAggregate(gifts);
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('queued');
    const receiptNo = await issued(res.body.requestId);

    const d = await details(receiptNo);
    expect(d).toMatchObject({
      aggregate: true,
      status: 'issued',
      amountFen: total(gifts),
      orderNo: null,
      invoiceTitle: '武汉市光谷科技有限公司',
      payerCreditCode: CREDIT_CODE,
      projectCode: campaign,
      reviewer: '系统自动核验',
      payee: PAYEE,
    });
    expect(d.gifts).toEqual(gifts.map((g) => expect.objectContaining({ orderNo: g.orderNo, amountFen: g.amountFen, donatedAt: g.paidAt })));
    expect(await holds(gifts)).toEqual({ held: 3, live: 3 });

    // The PDF: 捐赠证明 (no official receipt), the Art. 6 fields, and every gift with the total in figures and capitals.
    const text = await staffPdf(receiptNo);
    expect(text).toContain('捐赠证明');
    expect(text).not.toContain('捐赠票据');
    expect(text).toMatch(new RegExp(`交款人\\s+武汉市光谷科技有限公司`));
    expect(text).toMatch(new RegExp(`统一社会信用代码\\s+${CREDIT_CODE}`));
    expect(text).toMatch(new RegExp(`项目编码\\s+${campaign}`));
    expect(text).toMatch(/复核人：\s*系统自动核验/);
    expect(text).toMatch(new RegExp(`收款人：\\s*${PAYEE}`));
    expect(text).toMatch(/合并开具\s*3\s*笔捐赠/);
    gifts.forEach((g, i) => {
      expect(text).toMatch(
        new RegExp(`${i + 1}\\s+${formatShanghaiDate(new Date(g.paidAt))}\\s+${g.orderNo}\\s+${formatYuanDisplay(g.amountFen).replace('.', '\\.')}`),
      );
    });
    expect(text).toMatch(new RegExp(`合计\\s+3\\s*笔\\s+${toChineseCapitals(total(gifts))}\\s+${formatYuanDisplay(total(gifts)).replace('.', '\\.')}`));

    // Mailed once to the donor, with the record number in the subject.
    await smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)));

    // The official form lays the record out for the 票据 and its attached list.
    const form = await t.request('GET', `/api/staff/receipts/${receiptNo}/form`, { token: admin });
    const value = (key: string) => (form.body.fields as { key: string; value: string | null }[]).find((f) => f.key === key)!.value;
    expect(value('payer')).toBe('武汉市光谷科技有限公司');
    expect(value('payerCreditCode')).toBe(CREDIT_CODE);
    expect(value('reviewer')).toBe('系统自动核验');
    expect(value('payee')).toBe(PAYEE);
    expect(value('amountCapitals')).toBe(toChineseCapitals(total(gifts)));
    for (const g of gifts) expect(value('remark')).toContain(g.orderNo);
    expect(form.body.gifts.map((g: { orderNo: string }) => g.orderNo)).toEqual(gifts.map((g) => g.orderNo));

    // Verification: the record, its total and how many gifts.
    const url = new URL(d.verifyUrl);
    const verified = await t.request('GET', `/api/receipts/verify/${receiptNo}${url.search}`);
    expect(verified.body).toMatchObject({ valid: true, status: 'issued', amountFen: total(gifts), giftCount: 3 });
    const page = await t.request('GET', `${url.pathname}${url.search}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('捐赠证明真实有效');
    expect(page.text).toContain('合并开具 3 笔');

    // Each gift's own status says it is on that record; staff find the record by any of its orders.
    const status = await t.request('GET', `/api/donations/${gifts[1].orderNo}`);
    expect(status.body.receipt).toEqual({ status: 'issued', receiptNo });
    const found = await t.request('GET', `/api/staff/receipts?q=${gifts[2].orderNo}`, { token: admin });
    expect(found.body.items.map((i: { receiptNo: string }) => i.receiptNo)).toEqual([receiptNo]);

    // Never a gift on two live receipts: not alone, not in another aggregate, and no decline either.
    const alone = await askSingle(gifts[2]);
    expect(alone.status).toBe(409);
    expect(alone.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    const again = await askAggregate([gifts[0], await gift(9000)]);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    const declined = await t.request('POST', '/api/receipt-declines', { body: { orderNo: gifts[1].orderNo, claimToken: gifts[1].claimToken } });
    expect(declined.status).toBe(409);
    expect(await holds(gifts)).toEqual({ held: 3, live: 3 });
  });

  it("takes each order's claim token from the donor's browser (the wn_claim_<orderNo> cookies) as the single request does", async () => {
    const gifts = [await gift(6000), await gift(7000)];
    const cookie = gifts.map((g) => `wn_claim_${g.orderNo}=${g.claimToken}`).join('; ');
    const body = donor({ amountFen: total(gifts), orders: gifts.map((g) => ({ orderNo: g.orderNo })) });
    const res = await t.request('POST', '/api/receipt-requests', { body, headers: { cookie } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('queued');
    expect((await holds(gifts)).held).toBe(2);
    // One cookie missing: the request waits for staff.
    const [c, d] = [await gift(6000), await gift(7000)];
    const partial = await t.request('POST', '/api/receipt-requests', {
      body: donor({ amountFen: 13000, orders: [{ orderNo: c.orderNo }, { orderNo: d.orderNo }] }),
      headers: { cookie: `wn_claim_${c.orderNo}=${c.claimToken}` },
    });
    expect(partial.body.status).toBe('pending_review');
    expect((await holds([c, d])).held).toBe(0);
  });

  it("the donor's form offers to join the other gifts this browser proves, and sends them as one aggregate (Chromium)", async () => {
    const main = await gift(12000);
    const [b, c] = [await gift(3000), await gift(4500)];
    const designated = await gift(5000, { fundCode: 'medical' });
    const unpaid = await gift(5000, { paid: false });
    const [taken, partner] = [await gift(6000), await gift(7000)];
    expect((await askAggregate([taken, partner])).body.status).toBe('queued');
    const stranger = await gift(5000); // this browser holds no token of it (a wrong one)
    const mine = [main, b, c, designated, unpaid, taken];
    const cookie = mine.map((g) => `wn_claim_${g.orderNo}=${g.claimToken}`).join('; ') + `; wn_claim_${stranger.orderNo}=${main.claimToken}`;
    const page = await t.request('GET', `/receipts/request?orderNo=${main.orderNo}&campaign=${campaign}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const offered = [...page.text.matchAll(/name="combine" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered.sort()).toEqual([b.orderNo, c.orderNo].sort());
    // Without the cookies, nothing is offered.
    const bare = await t.request('GET', `/receipts/request?orderNo=${main.orderNo}&campaign=${campaign}`, {
      headers: { cookie: `wn_claim_${main.orderNo}=${main.claimToken}` },
    });
    expect(bare.text).not.toContain('name="combine"');

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ baseURL: t.baseUrl, locale: 'zh-CN' });
      const url = new URL(t.baseUrl);
      await context.addCookies(mine.map((g) => ({ name: `wn_claim_${g.orderNo}`, value: g.claimToken, domain: url.hostname, path: '/', httpOnly: true })));
      const tab = await context.newPage();
      const problems: string[] = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(`/receipts/request?orderNo=${main.orderNo}&campaign=${campaign}`);
      await tab.locator(`input[name=combine][value="${b.orderNo}"]`).check();
      await tab.locator(`input[name=combine][value="${c.orderNo}"]`).check();
      await tab.locator('input[name=donorType][value=organization]').check();
      await tab.locator('#name').fill('武汉市光谷科技有限公司');
      await tab.locator('#creditCode').fill(CREDIT_CODE);
      await tab.locator('#invoiceTitle').fill('武汉市光谷科技有限公司');
      await tab.locator('#phone').fill('13800138000');
      await tab.locator('#email').fill('org@example.com');
      await tab.getByRole('button', { name: '提交申请' }).click();
      await tab.waitForURL(/\/receipts\/requests\//);
      const requestId = tab.url().split('/').pop()!;
      const receiptNo = await issued(requestId);
      const d = await details(receiptNo);
      expect(d).toMatchObject({ aggregate: true, amountFen: total([main, b, c]) });
      expect(d.gifts.map((g: { orderNo: string }) => g.orderNo)).toEqual([main.orderNo, b.orderNo, c.orderNo]);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it("Art. 6 on a single record too: an organisation's 统一社会信用代码, 备注 with its order, 复核人, and the 收款人 an admin sets on the campaign (audited)", async () => {
    const patched = await t.request('PATCH', `/api/staff/campaigns/${campaign}`, { token: admin, body: { receiptPayee: '李出纳' } });
    expect(patched.status).toBe(200);
    expect(patched.body.receiptPayee).toBe('李出纳');
    const g = await gift(15000);
    const res = await t.request('POST', '/api/receipt-requests', { body: donor({ orderNo: g.orderNo, claimToken: g.claimToken, amountFen: 15000 }) });
    expect(res.body.status).toBe('queued');
    const receiptNo = await issued(res.body.requestId);
    expect(await details(receiptNo)).toMatchObject({ aggregate: false, gifts: [], payerCreditCode: CREDIT_CODE, reviewer: '系统自动核验', payee: '李出纳' });
    const text = await staffPdf(receiptNo);
    expect(text).toMatch(new RegExp(`统一社会信用代码\\s+${CREDIT_CODE}`));
    expect(text).toMatch(new RegExp(`备注\\s+订单号 ${g.orderNo}`));
    expect(text).toMatch(/收款人：\s*李出纳/);
    expect(text).toMatch(/开票日期：/);
    expect(text).toMatch(/开票单位（盖章）：/);
    const audit = await t.request('GET', '/api/staff/audit-log?limit=50', { token: admin });
    const entry = audit.body.items.find((i: { action: string }) => i.action === 'campaign.update');
    expect(entry.after).toMatchObject({ receiptPayee: '李出纳' });
    expect((await t.request('PATCH', `/api/staff/campaigns/${campaign}`, { token: admin, body: { receiptPayee: PAYEE } })).status).toBe(200);
  });

  it('documents the aggregate request in the OpenAPI document', async () => {
    const doc = (await t.request('GET', '/docs-json')).body;
    expect(doc.paths['/api/staff/receipt-requests/aggregate'].post).toBeDefined();
    expect(doc.components.schemas.CreateReceiptRequestDto.properties.orders).toBeDefined();
    expect(doc.components.schemas.StaffAggregateReceiptRequestDto.properties.orderNos).toBeDefined();
  });

  it('the schema holds the invariants, not only the code: a gift held or listed twice, or an aggregate that does not add up, is refused', async () => {
    const [a, b] = [await gift(12000), await gift(7000)];
    const single = await askSingle(a);
    expect(single.body.status).toBe('queued');
    const singleReceipt = await issued(single.body.requestId);
    const pending = await askAggregate([a, b], {}, () => false); // unproven: holds nothing
    expect(pending.body.status).toBe('pending_review');
    const run = async (sql: string, params: unknown[]) => {
      const q = t.db.createQueryRunner();
      await q.connect();
      await q.startTransaction();
      try {
        await q.query(sql, params);
        await q.commitTransaction();
        return null;
      } catch (error) {
        if (q.isTransactionActive) await q.rollbackTransaction();
        return (
          (error as { constraint?: string; driverError?: { constraint?: string } }).constraint ??
          (error as { driverError?: { constraint?: string } }).driverError?.constraint ??
          String(error)
        );
      } finally {
        await q.release();
      }
    };
    // Held by the single request already: the aggregate cannot hold it too.
    expect(await run(`UPDATE receipt_request_gifts SET held = true WHERE request_id = $1`, [pending.body.requestId])).toBe(
      'receipt_request_gifts_held_per_donation',
    );
    // On a live single record already: no second live record lists it.
    const [{ campaign_id: campaignId, request_id: requestId }] = await t.db.query(`SELECT campaign_id, request_id FROM receipts WHERE receipt_no = $1`, [
      singleReceipt,
    ]);
    const aggregateInsert = `WITH r AS (INSERT INTO receipts (receipt_no, campaign_id, year, seq, issue_key, request_id, status, donor_name, invoice_title, amount_fen, donated_at, aggregate)
         VALUES ('AG-1999-99999999', $1, 1999, 99999999, 'test:' || gen_random_uuid(), $2, 'issued', 'x', 'x', $3, now(), true) RETURNING id)
       INSERT INTO receipt_gifts (receipt_id, position, donation_id, amount_fen, donated_at, live)
       SELECT r.id, g.position, d.id, d.amount_fen, now(), true FROM r, donations d JOIN unnest($4::text[]) WITH ORDINALITY AS g(order_no, position) ON g.order_no = d.order_no`;
    expect(await run(aggregateInsert, [campaignId, requestId, 19000, [a.orderNo, b.orderNo]])).toBe('receipt_gifts_live_per_donation');
    // Gifts that do not add up to the record's amount, or a single gift, are refused at commit.
    const [c, d] = [await gift(5000), await gift(6000)];
    expect(await run(aggregateInsert, [campaignId, requestId, 11001, [c.orderNo, d.orderNo]])).toBe('receipts_aggregate_adds_up');
    expect(await run(aggregateInsert, [campaignId, requestId, 5000, [c.orderNo]])).toBe('receipts_aggregate_adds_up');
    expect(await run(aggregateInsert, [campaignId, requestId, 11000, [c.orderNo, d.orderNo]])).toBeNull();
    await t.db.query(`DELETE FROM receipt_gifts WHERE receipt_id IN (SELECT id FROM receipts WHERE receipt_no = 'AG-1999-99999999')`);
    await t.db.query(`DELETE FROM receipts WHERE receipt_no = 'AG-1999-99999999'`);
  });

  it('refuses bad input with a stable code and writes nothing: duplicate, another campaign, mixed funds, unpaid, refunded, receipted, wrong total', async () => {
    const [a, b] = [await gift(6000), await gift(6000)];
    const elsewhere = await gift(6000, { campaignCode: other });
    const designated = await gift(6000, { fundCode: 'medical' });
    const unpaid = await gift(6000, { paid: false });
    const refunded = await gift(6000);
    expect((await t.request('POST', `/api/staff/donations/${refunded.orderNo}/refund`, { token: admin, body: { reason: '捐赠人申请退回' } })).status).toBe(200);
    const receipted = await gift(12000);
    const single = await askSingle(receipted);
    expect(single.body.status).toBe('queued');
    await issued(single.body.requestId);

    const before = await t.db.query(`SELECT (SELECT count(*)::int FROM receipt_requests) AS r, (SELECT count(*)::int FROM receipt_request_gifts) AS g`);
    const cases: [string, Promise<{ status: number; body: { code: string } }>][] = [
      ['DUPLICATE_ORDER', askAggregate([a, b, a])],
      ['AGGREGATE_MIXED_CAMPAIGNS', askAggregate([a, elsewhere])],
      ['AGGREGATE_MIXED_FUNDS', askAggregate([a, designated])],
      ['DONATION_NOT_PAID', askAggregate([a, unpaid])],
      ['DONATION_REFUNDED', askAggregate([a, refunded])],
      ['RECEIPT_ALREADY_REQUESTED', askAggregate([a, receipted])],
      ['AMOUNT_MISMATCH', askAggregate([a, b], { amountFen: 12001 })],
      ['INVALID_CREDIT_CODE', askAggregate([a, b], { creditCode: CREDIT_CODE.slice(0, 17) + (CREDIT_CODE[17] === '3' ? '4' : '3') })],
      ['BELOW_RECEIPT_THRESHOLD', askAggregate([a, b], { amountFen: 9999 })],
      ['VALIDATION_FAILED', askAggregate([a, b], { orderNo: a.orderNo })],
    ];
    for (const [code, pending] of cases) {
      const res = await pending;
      expect({ code: res.body.code, status: res.status }).toEqual({
        code,
        status: code === 'RECEIPT_ALREADY_REQUESTED' ? 409 : code === 'VALIDATION_FAILED' ? 400 : 422,
      });
    }
    const after = await t.db.query(`SELECT (SELECT count(*)::int FROM receipt_requests) AS r, (SELECT count(*)::int FROM receipt_request_gifts) AS g`);
    expect(after).toEqual(before);
    // Nothing half-held: the good gifts are still free for one aggregate.
    expect(await holds([a, b])).toEqual({ held: 0, live: 0 });
    const good = await askAggregate([a, b]);
    expect(good.body.status).toBe('queued');
    await issued(good.body.requestId);
  });

  it('without every claim token it waits for staff and says nothing about the orders; staff approval names the reviewer', async () => {
    const [a, b] = [await gift(6000), await gift(7000)];
    const unproven = await askAggregate([a, b], {}, (g) => g !== b);
    const stranger = await askAggregate([a, { ...b, orderNo: 'AG20200201ZZZZZZZZZZZZZZ' }], {}, () => false);
    for (const res of [unproven, stranger]) {
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('pending_review');
    }
    // It takes nothing from the real donor.
    expect(await holds([a, b])).toEqual({ held: 0, live: 0 });

    const queue = await t.request('GET', `/api/staff/receipt-requests?status=pending_review&campaignCode=${campaign}`, { token: admin });
    const item = queue.body.items.find((i: { requestId: string }) => i.requestId === unproven.body.requestId);
    expect(item).toMatchObject({
      aggregate: true,
      orders: [
        { orderNo: a.orderNo, held: false },
        { orderNo: b.orderNo, held: false },
      ],
    });
    const refused = await t.request('POST', `/api/staff/receipt-requests/${stranger.body.requestId}/approve`, { token: admin, body: {} });
    expect(refused.body.code).toBe('ORDER_NOT_FOUND');

    const approved = await t.request('POST', `/api/staff/receipt-requests/${unproven.body.requestId}/approve`, { token: admin, body: {} });
    expect(approved.status).toBe(202);
    const receiptNo = await issued(unproven.body.requestId);
    const [{ name }] = await t.db.query(`SELECT name FROM staff_users WHERE email = $1`, [t.config.adminEmail]);
    expect(await details(receiptNo)).toMatchObject({ aggregate: true, amountFen: total([a, b]), reviewer: name });
    expect(await staffPdf(receiptNo)).toMatch(new RegExp(`复核人：\\s*${name}`));
    expect(await holds([a, b])).toEqual({ held: 2, live: 2 });
  });

  it('staff ask for a donor they verified (bank transfers): queued at once, audited', async () => {
    const transfer = async (amountFen: number) => {
      const res = await t.request('POST', '/api/staff/bank-transfers', {
        token: admin,
        body: {
          campaignCode: campaign,
          bankReference: `BOC-${randomUUID().slice(0, 12)}`,
          amountFen,
          payerName: '武汉市光谷科技有限公司',
          receivedAt: '2020-02-01T10:30:00+08:00',
        },
      });
      expect(res.status).toBe(201);
      return res.body.orderNo as string;
    };
    const orderNos = [await transfer(30000), await transfer(45000)];
    const body = { ...donor(), orderNos };
    const res = await t.request('POST', '/api/staff/receipt-requests/aggregate', { token: admin, body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', amountFen: 75000 });
    const receiptNo = await issued(res.body.requestId);
    expect((await details(receiptNo)).gifts.map((g: { orderNo: string }) => g.orderNo)).toEqual(orderNos);
    const twice = await t.request('POST', '/api/staff/receipt-requests/aggregate', { token: admin, body });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    const audit = await t.request('GET', '/api/staff/audit-log?limit=50', { token: admin });
    expect(audit.body.items.map((i: { action: string }) => i.action)).toContain('receipt_request.create_aggregate');
  });

  it('reissue keeps the gifts on the new record; void frees them to be asked for again, alone or together', async () => {
    const gifts = [await gift(12000), await gift(7000), await gift(8000)];
    const res = await askAggregate(gifts);
    const first = await issued(res.body.requestId);

    const reissued = await t.request('POST', `/api/staff/receipts/${first}/reissue`, { token: admin, body: { invoiceTitle: '光谷科技（武汉）有限公司' } });
    expect(reissued.status).toBe(202);
    const second = await issued(res.body.requestId, first);
    expect(await details(first)).toMatchObject({ status: 'voided', replacedByReceiptNo: second });
    const d = await details(second);
    expect(d).toMatchObject({ status: 'issued', aggregate: true, invoiceTitle: '光谷科技（武汉）有限公司', amountFen: total(gifts), replacesReceiptNo: first });
    expect(d.gifts.map((g: { orderNo: string }) => g.orderNo)).toEqual(gifts.map((g) => g.orderNo));
    expect(await holds(gifts)).toEqual({ held: 3, live: 3 });
    expect((await askSingle(gifts[0])).body.code).toBe('RECEIPT_ALREADY_REQUESTED');

    const voided = await t.request('POST', `/api/staff/receipts/${second}/void`, { token: admin, body: { reason: '捐赠人要求分开开具' } });
    expect(voided.status).toBe(200);
    expect(await holds(gifts)).toEqual({ held: 0, live: 0 });
    const url = new URL(d.verifyUrl);
    expect((await t.request('GET', `/api/receipts/verify/${second}${url.search}`)).body).toMatchObject({ status: 'voided', giftCount: 3 });

    const alone = await askSingle(gifts[0]);
    expect(alone.body.status).toBe('queued');
    await issued(alone.body.requestId);
    const rest = await askAggregate(gifts.slice(1));
    expect(rest.body.status).toBe('queued');
    const third = await issued(rest.body.requestId);
    expect((await details(third)).gifts).toHaveLength(2);
    expect(await holds(gifts)).toEqual({ held: 3, live: 3 });
  });

  it('a refunded gift voids its aggregate record; the other gifts may be asked for again', async () => {
    const gifts = [await gift(6000), await gift(7000), await gift(8000)];
    const res = await askAggregate(gifts);
    const receiptNo = await issued(res.body.requestId);
    const refund = await t.request('POST', `/api/staff/donations/${gifts[0].orderNo}/refund`, { token: admin, body: { reason: '捐赠人申请退回' } });
    expect(refund.status).toBe(200);
    expect(await details(receiptNo)).toMatchObject({ status: 'voided', voidReason: expect.stringContaining('捐赠人申请退回') });
    expect(await holds(gifts)).toEqual({ held: 0, live: 0 });
    const rest = await askAggregate(gifts.slice(1));
    expect(rest.body.status).toBe('queued');
    await issued(rest.body.requestId);
  });

  it('requests racing for the same gift: exactly one wins, aggregate against aggregate and against a single request', async () => {
    for (let round = 0; round < 8; round++) {
      const [shared, b, c] = [await gift(12000), await gift(7000), await gift(8000)];
      const racers = round % 2 === 0 ? [askAggregate([shared, b]), askAggregate([c, shared])] : [askAggregate([shared, b]), askSingle(shared)];
      const answers = await Promise.all(racers);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect(answers.find((a) => a.status === 409)!.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
      expect((await holds([shared])).held).toBe(1);
    }
    // Ten at once for one gift: one wins.
    const shared = await gift(12000);
    const others = await Promise.all(Array.from({ length: 10 }, () => gift(7000)));
    const answers = await Promise.all(others.map((o) => askAggregate([shared, o])));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    // No donation is on two live records, anywhere in this run.
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM (SELECT donation_id FROM receipt_gifts WHERE live GROUP BY donation_id HAVING count(*) > 1) x`,
    );
    expect(n).toBe(0);
  });
});
