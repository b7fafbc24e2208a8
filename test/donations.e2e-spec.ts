import { randomUUID } from 'node:crypto';
import { countRows, createCampaign, createDonation, login, notifySandbox, signSandbox, startApp, TestApp } from './support/test-app';

describe('cash donations through the sandbox provider', () => {
  let t: TestApp;
  let admin: string;
  let campaign: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    campaign = await createCampaign(t, admin);
  });
  afterAll(() => t.close());

  describe('Idempotency-Key', () => {
    it('gives the same order for the same key and body, once in the ledger', async () => {
      const key = `key-${randomUUID()}`;
      const first = await createDonation(t, campaign, { amountFen: 5000, donorName: '李四' }, key);
      const second = await createDonation(t, campaign, { amountFen: 5000, donorName: '李四' }, key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'pending', amountFen: 5000, payment: { provider: 'sandbox' } });
      expect(second.body.orderNo).toBe(first.body.orderNo);
      expect(await countRows(t, 'SELECT count(*) FROM donations WHERE idempotency_key = $1', [key])).toBe(1);
    });

    it('gives one order when the same request arrives many times at once (double clicks, retries)', async () => {
      const key = `key-${randomUUID()}`;
      const answers = await Promise.all(Array.from({ length: 12 }, () => createDonation(t, campaign, { amountFen: 777 }, key)));
      expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
      expect(new Set(answers.map((a) => a.body.orderNo)).size).toBe(1);
      expect(await countRows(t, 'SELECT count(*) FROM donations WHERE idempotency_key = $1', [key])).toBe(1);
    });

    it('refuses the same key with a different body: 409 IDEMPOTENCY_KEY_REUSED, nothing new stored', async () => {
      const key = `key-${randomUUID()}`;
      const first = await createDonation(t, campaign, { amountFen: 5000 }, key);
      expect(first.status).toBe(201);
      const before = await countRows(t, 'SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1', [campaign]);
      const second = await createDonation(t, campaign, { amountFen: 6000 }, key);
      expect(second.status).toBe(409);
      expect(second.body).toEqual({ statusCode: 409, code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) });
      expect(await countRows(t, 'SELECT count(*) FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1', [campaign])).toBe(before);
    });

    it('makes a new order for each request without a key', async () => {
      const a = await createDonation(t, campaign, { amountFen: 100 });
      const b = await createDonation(t, campaign, { amountFen: 100 });
      expect(a.body.orderNo).not.toBe(b.body.orderNo);
    });
  });

  describe('sandbox notifications', () => {
    it('marks the donation paid, and the public view shows it without personal data', async () => {
      const created = await createDonation(t, campaign, { amountFen: 12345, phone: '13800138000', donorName: '王五' });
      const { orderNo } = created.body;
      const res = await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 12345, paidAt: '2026-11-23T10:00:00+08:00' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ok: true });
      const view = await t.request('GET', `/api/donations/${orderNo}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ orderNo, status: 'paid', amountFen: 12345, paidAt: '2026-11-23T02:00:00.000Z', receiptEligible: true });
      expect(view.text).not.toContain('13800138000');
      expect(view.text).not.toContain('王五');
    });

    it('counts ten identical notifications arriving at once exactly once', async () => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 2000 })).body;
      const payload = { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 2000, paidAt: new Date().toISOString() };
      const answers = await Promise.all(Array.from({ length: 10 }, () => notifySandbox(t, payload)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      expect(await countRows(t, 'SELECT count(*) FROM payments WHERE transaction_id = $1', [payload.transactionId])).toBe(1);
      expect(await countRows(t, `SELECT count(*) FROM payment_notifications WHERE order_no = $1`, [orderNo])).toBe(10);
      const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      const ledger = await t.db.query(
        `SELECT count(*)::int AS n, coalesce(sum(d.amount_fen),0)::bigint AS fen FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
        [campaign],
      );
      expect(totals.body.donationCount).toBe(ledger[0].n);
      expect(totals.body.amountFen).toBe(Number(ledger[0].fen));
    });

    it('keeps every notification raw for audit, signed or not', async () => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 3000 })).body;
      const raw = JSON.stringify({ orderNo, transactionId: 'SBX-forged', amountFen: 3000, paidAt: new Date().toISOString() });
      const forged = await t.request('POST', '/api/payments/sandbox/notify', {
        raw,
        headers: { 'content-type': 'application/json', 'x-signature': 'sha256=' + '0'.repeat(64) },
      });
      expect(forged.status).toBe(401);
      // An unsigned body is not trusted enough to index by its order number: find it by content.
      const rows = await t.db.query(`SELECT raw_body, outcome, signature_valid FROM payment_notifications WHERE raw_body LIKE '%' || $1 || '%'`, [orderNo]);
      expect(rows).toHaveLength(1);
      expect(rows[0].raw_body).toBe(raw);
      expect(rows[0].outcome).toBe('INVALID_SIGNATURE');
      expect(rows[0].signature_valid).toBe(false);
    });

    it('keeps a signed body that is not JSON raw, and refuses it with 400 MALFORMED_JSON', async () => {
      const raw = `{"orderNo": "TS-not-json-${randomUUID()}", broken`;
      const res = await t.request('POST', '/api/payments/sandbox/notify', {
        raw,
        headers: { 'content-type': 'application/json', 'x-signature': signSandbox(raw) },
      });
      expect([res.status, res.body.code]).toEqual([400, 'MALFORMED_JSON']);
      const rows = await t.db.query(`SELECT outcome, signature_valid, headers->>'content-type' AS type FROM payment_notifications WHERE raw_body = $1`, [raw]);
      expect(rows).toEqual([{ outcome: 'MALFORMED_JSON', signature_valid: true, type: 'application/json' }]);
    });

    it.each([
      ['missing', undefined],
      ['wrong secret', 'wrong'],
      ['malformed', 'md5=abc'],
      ['empty', ''],
    ])('refuses a %s signature with 401 INVALID_SIGNATURE and leaves the order pending', async (_label, variant) => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 1500 })).body;
      const payload = { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 1500, paidAt: new Date().toISOString() };
      const raw = JSON.stringify(payload);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (variant === 'wrong') headers['x-signature'] = signSandbox(raw, 'not-the-sandbox-secret');
      else if (variant !== undefined) headers['x-signature'] = variant;
      const res = await t.request('POST', '/api/payments/sandbox/notify', { raw, headers });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_SIGNATURE');
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('pending');
      expect(await countRows(t, 'SELECT count(*) FROM payments WHERE transaction_id = $1', [payload.transactionId])).toBe(0);
    });

    it('refuses a body changed after signing', async () => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 1500 })).body;
      const signed = JSON.stringify({ orderNo, transactionId: 'SBX-tamper', amountFen: 1, paidAt: new Date().toISOString() });
      const tampered = signed.replace('"amountFen":1,', '"amountFen":1500,');
      const res = await t.request('POST', '/api/payments/sandbox/notify', {
        raw: tampered,
        headers: { 'content-type': 'application/json', 'x-signature': signSandbox(signed) },
      });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_SIGNATURE');
    });

    it('refuses an amount different from the order: 422 AMOUNT_MISMATCH, not paid, flagged for staff', async () => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 10000 })).body;
      const res = await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 100, paidAt: new Date().toISOString() });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('AMOUNT_MISMATCH');
      expect((await t.request('GET', `/api/donations/${orderNo}`)).body.status).toBe('pending');
      const flagged = await t.request('GET', `/api/staff/donations?flagged=true&campaignCode=${campaign}`, { token: admin });
      expect(flagged.status).toBe(200);
      const item = flagged.body.items.find((i: { orderNo: string }) => i.orderNo === orderNo);
      expect(item).toBeDefined();
      expect(item.flagReason).toContain('AMOUNT_MISMATCH');

      const resolved = await t.request('POST', `/api/staff/donations/${orderNo}/resolve`, { token: admin, body: { note: '已联系捐赠人，按订单金额重新支付' } });
      expect(resolved.status).toBe(200);
      const again = await t.request('GET', `/api/staff/donations?flagged=true&campaignCode=${campaign}`, { token: admin });
      expect(again.body.items.find((i: { orderNo: string }) => i.orderNo === orderNo)).toBeUndefined();
      expect((await t.request('POST', `/api/staff/donations/${orderNo}/resolve`, { token: admin, body: { note: 'x' } })).body.code).toBe('NOT_FLAGGED');
      const audit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${orderNo}`, { token: admin });
      expect(audit.body.items[0]).toMatchObject({ action: 'donation.resolve_flag', before: { flagReason: expect.stringContaining('AMOUNT_MISMATCH') } });
    });

    it('lets staff search by name, amount, channel and date', async () => {
      const name = `搜索测试${randomUUID().slice(0, 4)}`;
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 31415, donorName: name })).body;
      const hit = await t.request(
        'GET',
        `/api/staff/donations?q=${encodeURIComponent(name.slice(2))}&amountFen=31415&channel=sandbox&from=2020-01-01T00:00:00Z`,
        { token: admin },
      );
      expect(hit.body.items.map((i: { orderNo: string }) => i.orderNo)).toEqual([orderNo]);
      expect(hit.body.total).toBe(1);
      const miss = await t.request('GET', `/api/staff/donations?q=${encodeURIComponent(name)}&to=2020-01-01T00:00:00Z`, { token: admin });
      expect(miss.body.items).toEqual([]);
      const wildcard = await t.request('GET', `/api/staff/donations?q=%25&campaignCode=${campaign}`, { token: admin });
      expect(wildcard.body.items).toEqual([]);
    });

    it('answers 404 ORDER_NOT_FOUND for an unknown order', async () => {
      const res = await notifySandbox(t, { orderNo: 'TS20261123000000000', transactionId: 'SBX-none', amountFen: 100, paidAt: new Date().toISOString() });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('ORDER_NOT_FOUND');
    });

    it('keeps a second, different payment for a paid order on record and flags it, counting the gift once', async () => {
      const { orderNo } = (await createDonation(t, campaign, { amountFen: 4200 })).body;
      const now = new Date().toISOString();
      expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 4200, paidAt: now })).status).toBe(200);
      expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 4200, paidAt: now })).status).toBe(200);
      const rows = await t.db.query(`SELECT p.applied FROM payments p JOIN donations d ON d.id = p.donation_id WHERE d.order_no = $1 ORDER BY p.applied DESC`, [
        orderNo,
      ]);
      expect(rows.map((r: { applied: boolean }) => r.applied)).toEqual([true, false]);
      const [donation] = await t.db.query(`SELECT status, flag_reason FROM donations WHERE order_no = $1`, [orderNo]);
      expect(donation.status).toBe('paid');
      expect(donation.flag_reason).toContain('DUPLICATE_PAYMENT');
    });
  });

  describe('totals under load', () => {
    it('300 donations paid concurrently give exactly the right totals', async () => {
      const own = await createCampaign(t, admin);
      const amounts = Array.from({ length: 300 }, (_, i) => 1 + ((i * 7919) % 100000));
      const orders: string[] = [];
      for (let i = 0; i < amounts.length; i += 50) {
        const batch = await Promise.all(
          amounts.slice(i, i + 50).map((amountFen, j) => createDonation(t, own, { amountFen, phone: `1380000${String(i + j).padStart(4, '0')}` })),
        );
        for (const res of batch) {
          expect(res.status).toBe(201);
          orders.push(res.body.orderNo);
        }
      }
      // Every order paid at once, each notified twice, plus one unpaid order that must not count.
      await createDonation(t, own, { amountFen: 99999 });
      const notifications = orders.flatMap((orderNo, i) => {
        const payload = { orderNo, transactionId: `SBX-load-${orderNo}`, amountFen: amounts[i], paidAt: new Date().toISOString() };
        return [payload, payload];
      });
      // 200 callbacks in flight at once (below MAX_CONNECTIONS_PER_CLIENT, 256 by default: the
      // per-address socket cap is proven in hostile-inputs), each duplicate racing its twin.
      // A notification refused as busy (503 SERVICE_UNAVAILABLE with Retry-After: the pool had no connection
      // within its wait, as on a starved CI machine) is sent again later, as providers do; it must have written nothing.
      const answers: { status: number }[] = [];
      const busy: { status: number; body: unknown; retryAfter: string | null }[] = [];
      const queue = [...notifications];
      await Promise.all(
        Array.from({ length: 200 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const answer = await notifySandbox(t, next);
            if (answer.status === 503 && busy.length < 3000) {
              busy.push({ status: answer.status, body: answer.body, retryAfter: answer.headers.get('retry-after') });
              await new Promise((resolve) => setTimeout(resolve, 500));
              queue.push(next);
            } else answers.push(answer);
          }
        }),
      );
      expect(busy.every((b) => (b.body as { code?: string }).code === 'SERVICE_UNAVAILABLE' && b.retryAfter !== null)).toBe(true);
      expect(answers).toHaveLength(600);
      expect(answers.filter((a) => a.status !== 200)).toEqual([]);

      const totals = await t.request('GET', `/api/campaigns/${own}/totals`);
      expect(totals.status).toBe(200);
      const expected = amounts.reduce((sum, a) => sum + a, 0);
      expect(totals.body).toMatchObject({ donationCount: 300, donorCount: 300, amountFen: expected, todayAmountFen: expected, disbursedFen: 0 });
      expect(Number.isInteger(totals.body.amountFen)).toBe(true);
    });
  });
});
