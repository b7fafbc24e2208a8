/**
 * Managing pledges of goods: an Idempotency-Key on the pledge itself, the list and one pledge with
 * what is outstanding, editing outstanding lines, and cancelling the remainder — all against the
 * real database, with the audit log and the role rules.
 */
import { randomUUID } from 'node:crypto';
import { countRows, createCampaign, isolated, login, startApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const PASSWORD = 'warehouse-password-0123';
const PHONE = '13912345678';
const DONOR = { name: '武汉光谷医疗器械有限公司', donorType: 'organization', phone: PHONE };

describe('in-kind pledges: idempotency, list, edit, cancel', () => {
  let t: TestApp;
  let admin: string;
  let warehouse: string;
  let finance: string;
  let auditor: string;
  const own = isolated('pledges');

  async function staff(role: string): Promise<string> {
    const email = `${role}-${randomUUID().slice(0, 8)}@test.wennuan`;
    const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role, name: `测试${role}` } });
    expect(res.status).toBe(201);
    return login(t, email, PASSWORD);
  }

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    [warehouse, finance, auditor] = await Promise.all([staff('warehouse'), staff('finance'), staff('auditor')]);
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  function pledge(body: Record<string, unknown>, { key, token = warehouse }: { key?: string; token?: string } = {}) {
    return t.request('POST', '/api/staff/in-kind-donations', { token, body, headers: key ? { 'idempotency-key': key } : {} });
  }
  function inspect(id: string, items: Record<string, unknown>[], token = warehouse) {
    return t.request('POST', `/api/staff/in-kind-donations/${id}/inspections`, { token, body: { items } });
  }
  function edit(id: string, body: Record<string, unknown>, token = warehouse) {
    return t.request('PATCH', `/api/staff/in-kind-donations/${id}`, { token, body });
  }
  function cancel(id: string, reason: unknown, token = warehouse) {
    return t.request('POST', `/api/staff/in-kind-donations/${id}/cancel`, { token, body: { reason } });
  }
  const line = (view: any, itemCode: string) => view.items.find((i: any) => i.itemCode === itemCode);
  const pledges = (campaign: string) =>
    countRows(t, `SELECT count(*) FROM in_kind_donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign]);
  const auditActions = async (id: string) =>
    (await t.db.query(`SELECT action FROM audit_log WHERE entity = 'in_kind_donation' AND entity_id = $1 ORDER BY id`, [id])).map((a: any) => a.action);
  async function onHand(campaign: string, itemCode: string): Promise<number> {
    const res = await t.request('GET', `/api/staff/in-kind/stock?campaignCode=${campaign}`, { token: warehouse });
    return res.body.items.find((i: any) => i.itemCode === itemCode)?.onHandQuantity ?? 0;
  }

  describe('POST /api/staff/in-kind-donations with an Idempotency-Key', () => {
    let campaign: string;
    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
    });
    const body = () => ({
      campaignCode: campaign,
      donor: DONOR,
      items: [
        { itemCode: 'medical-protective-mask', quantity: 1000, valuationFen: 1_200_000, spec: 'GB 19083-2010', batch: '20200115A', expiresAt: '2022-01-14' },
        { itemCode: 'goggles', quantity: 50 },
      ],
      note: '第一批',
    });

    it('answers retries (sequential and concurrent) with the same pledge and writes one', async () => {
      const key = `pledge-${randomUUID()}`;
      const first = await pledge(body(), { key });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'pledged', campaignCode: campaign });
      const again = await Promise.all([pledge(body(), { key }), pledge(body(), { key }), pledge(body(), { key })]);
      expect(again.map((r) => [r.status, r.body.id])).toEqual(Array(3).fill([201, first.body.id]));
      expect(again[0].body).toEqual(first.body);
      // The same request with its keys in another order is still the same request.
      const reordered = {
        note: '第一批',
        items: body().items.map((i) => Object.fromEntries(Object.entries(i).reverse())),
        donor: { phone: PHONE, donorType: 'organization', name: DONOR.name },
        campaignCode: campaign,
      };
      expect((await pledge(reordered, { key })).body.id).toBe(first.body.id);
      expect(await pledges(campaign)).toBe(1);
      expect(await countRows(t, `SELECT count(*) FROM in_kind_donation_lines WHERE in_kind_donation_id = $1`, [first.body.id])).toBe(2);
      expect(await auditActions(first.body.id)).toEqual(['in_kind_donation.pledge']);
      // The key's request hash holds no plain phone: the phone enters it only as its keyed blind index.
      const [row] = await t.db.query(`SELECT request_hash FROM in_kind_donations WHERE id = $1`, [first.body.id]);
      expect(row.request_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('races many first requests under one new key: one pledge, every answer the same id', async () => {
      const key = `pledge-race-${randomUUID()}`;
      const answers = await Promise.all(Array.from({ length: 8 }, () => pledge({ ...body(), note: '并发' }, { key })));
      expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(await countRows(t, `SELECT count(*) FROM in_kind_donations WHERE idempotency_key = $1`, [key])).toBe(1);
    });

    it('refuses the key with another body: 409 IDEMPOTENCY_KEY_REUSED, nothing written', async () => {
      const key = `pledge-${randomUUID()}`;
      expect((await pledge(body(), { key })).status).toBe(201);
      const before = await pledges(campaign);
      const changed = body();
      changed.items[1].quantity = 51;
      const other = await createCampaign(t, admin);
      for (const res of [
        await pledge(changed, { key }),
        await pledge({ ...body(), note: '第二批' }, { key }),
        await pledge({ ...body(), campaignCode: other }, { key }),
      ]) {
        expect([res.status, res.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
      }
      expect(await pledges(campaign)).toBe(before);
      expect(await pledges(other)).toBe(0);
    });

    it('without a key every request is a new pledge; a malformed key is 400 INVALID_IDEMPOTENCY_KEY', async () => {
      const before = await pledges(campaign);
      const [a, b] = [await pledge(body()), await pledge(body())];
      expect(a.body.id).not.toBe(b.body.id);
      expect(await pledges(campaign)).toBe(before + 2);
      const bad = await pledge(body(), { key: 'short' });
      expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_IDEMPOTENCY_KEY']);
      expect(await pledges(campaign)).toBe(before + 2);
    });

    it('refuses finance and auditor even with a key', async () => {
      for (const token of [finance, auditor]) {
        const res = await pledge(body(), { key: `pledge-${randomUUID()}`, token });
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
    });
  });

  describe('list and one pledge', () => {
    it("lists a campaign's pledges with status and outstanding; filters by status and outstanding; reads one", async () => {
      const campaign = await createCampaign(t, admin);
      const open = (await pledge({ campaignCode: campaign, donor: DONOR, items: [{ itemCode: 'surgical-mask', quantity: 100 }] })).body.id;
      const done = (await pledge({ campaignCode: campaign, donor: { name: '张伟', donorType: 'individual' }, items: [{ itemCode: 'goggles', quantity: 5 }] }))
        .body.id;
      expect((await inspect(done, [{ itemCode: 'goggles', acceptedQuantity: 5, rejectedQuantity: 0 }])).status).toBe(200);
      expect((await inspect(open, [{ itemCode: 'surgical-mask', acceptedQuantity: 30, rejectedQuantity: 10, reason: '包装破损' }])).status).toBe(200);

      for (const token of [warehouse, finance, auditor]) {
        const list = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}`, { token });
        expect(list.status).toBe(200);
        expect(list.body.items.map((p: any) => [p.id, p.status, p.outstandingQuantity, p.complete])).toEqual([
          [done, 'received', 0, true],
          [open, 'received', 60, false],
        ]);
        expect(list.body.items[1].donor.phone).toBe('139****5678');
        expect(list.text).not.toContain(PHONE);
      }
      const outstanding = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}&outstanding=true`, { token: warehouse });
      expect(outstanding.body.items.map((p: any) => p.id)).toEqual([open]);
      const closed = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}&outstanding=false`, { token: warehouse });
      expect(closed.body.items.map((p: any) => p.id)).toEqual([done]);
      const one = await t.request('GET', `/api/staff/in-kind-donations/${open}`, { token: finance });
      expect(line(one.body, 'surgical-mask')).toMatchObject({
        quantity: 100,
        acceptedQuantity: 30,
        rejectedQuantity: 10,
        cancelledQuantity: 0,
        outstandingQuantity: 60,
      });
      expect(one.body.inspections[0].items).toEqual([{ itemCode: 'surgical-mask', acceptedQuantity: 30, rejectedQuantity: 10, reason: '包装破损' }]);
      expect((await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}&status=cancelled`, { token: warehouse })).body.items).toEqual([]);
      const bad = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}&outstanding=maybe`, { token: warehouse });
      expect(bad.status).toBe(400);
      expect((await t.request('GET', `/api/staff/in-kind-donations/${randomUUID()}`, { token: warehouse })).body.code).toBe('IN_KIND_DONATION_NOT_FOUND');
    });
  });

  describe('PATCH /api/staff/in-kind-donations/:id (edit outstanding lines)', () => {
    let campaign: string;
    let id: string;
    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
      const made = await pledge({
        campaignCode: campaign,
        donor: DONOR,
        items: [
          { itemCode: 'surgical-mask', quantity: 100, valuationFen: 10_000 },
          { itemCode: 'goggles', quantity: 10, spec: '防雾', batch: 'B-1', expiresAt: '2023-01-01', valuationFen: 5_000 },
        ],
      });
      id = made.body.id;
      expect((await inspect(id, [{ itemCode: 'surgical-mask', acceptedQuantity: 30, rejectedQuantity: 10, reason: '不符合 YY 0469' }])).status).toBe(200);
    });

    it('changes spec, batch, expiry and valuation of an outstanding line; null clears; audited with before and after', async () => {
      const res = await edit(id, {
        items: [{ itemCode: 'goggles', quantity: 12, spec: '防雾 防冲击', batch: null, expiresAt: '2024-06-30', valuationFen: 6_000 }],
        reason: '捐赠方更正',
      });
      expect(res.status).toBe(200);
      expect(line(res.body, 'goggles')).toMatchObject({
        quantity: 12,
        spec: '防雾 防冲击',
        batch: null,
        expiresAt: '2024-06-30',
        valuationFen: 6_000,
        outstandingQuantity: 12,
      });
      expect(line(res.body, 'surgical-mask')).toMatchObject({ quantity: 100, outstandingQuantity: 60 });
      const [entry] = await t.db.query(`SELECT before, after, actor_email FROM audit_log WHERE action = 'in_kind_donation.edit' AND entity_id = $1`, [id]);
      expect(entry.before.items).toEqual([{ itemCode: 'goggles', quantity: 10, spec: '防雾', batch: 'B-1', expiresOn: '2023-01-01', valuationFen: 5_000 }]);
      expect(entry.after).toMatchObject({
        reason: '捐赠方更正',
        items: [{ itemCode: 'goggles', quantity: 12, spec: '防雾 防冲击', batch: null, expiresOn: '2024-06-30', valuationFen: 6_000 }],
      });
      // The same edit again changes nothing and adds no audit entry.
      expect((await edit(id, { items: [{ itemCode: 'goggles', quantity: 12 }] })).status).toBe(200);
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'in_kind_donation.edit' AND entity_id = $1`, [id])).toBe(1);
    });

    it('never lowers a quantity below what was inspected: 422 QUANTITY_BELOW_INSPECTED, nothing changed', async () => {
      const res = await edit(id, {
        items: [
          { itemCode: 'surgical-mask', quantity: 39 },
          { itemCode: 'goggles', quantity: 20 },
        ],
      });
      expect([res.status, res.body.code]).toEqual([422, 'QUANTITY_BELOW_INSPECTED']);
      const now = (await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token: warehouse })).body;
      expect([line(now, 'surgical-mask').quantity, line(now, 'goggles').quantity]).toEqual([100, 12]);
    });

    it('lowers it to exactly what was inspected, which closes the line; a closed line is 409 NOTHING_OUTSTANDING', async () => {
      const res = await edit(id, { items: [{ itemCode: 'surgical-mask', quantity: 40 }] });
      expect(res.status).toBe(200);
      expect(line(res.body, 'surgical-mask')).toMatchObject({ quantity: 40, acceptedQuantity: 30, rejectedQuantity: 10, outstandingQuantity: 0 });
      // the accepted share of the value follows the line's new quantity: 30/40 of ¥100.00
      expect(line(res.body, 'surgical-mask').acceptedValueFen).toBe(7_500);
      const again = await edit(id, { items: [{ itemCode: 'surgical-mask', spec: '改规格' }] });
      expect([again.status, again.body.code]).toEqual([409, 'NOTHING_OUTSTANDING']);
      expect(await onHand(campaign, 'surgical-mask')).toBe(30);
    });

    it('refuses bad edits with their own codes, nothing changed', async () => {
      const cases: [Record<string, unknown>, number, string][] = [
        [{ items: [{ itemCode: 'face-shield', quantity: 5 }] }, 422, 'ITEM_NOT_PLEDGED'],
        [{ items: [{ itemCode: 'goggles', quantity: 0 }] }, 422, 'INVALID_QUANTITY'],
        [{ items: [{ itemCode: 'goggles', quantity: 1.5 }] }, 400, 'VALIDATION_FAILED'],
        [{ items: [{ itemCode: 'goggles', valuationFen: -1 }] }, 422, 'INVALID_AMOUNT'],
        [{ items: [{ itemCode: 'goggles', expiresAt: '2023-02-30' }] }, 422, 'INVALID_DATE'],
        [{ items: [{ itemCode: 'goggles', colour: 'red' }] }, 400, 'VALIDATION_FAILED'],
        [{ items: [{ itemCode: 'goggles' }, { itemCode: 'goggles', quantity: 3 }] }, 422, 'DUPLICATE_ITEM'],
        [{ items: [] }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [body, status, code] of cases) {
        const res = await edit(id, body);
        expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, code]);
      }
      expect((await edit(randomUUID(), { items: [{ itemCode: 'goggles', quantity: 3 }] })).body.code).toBe('IN_KIND_DONATION_NOT_FOUND');
      expect(line((await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token: warehouse })).body, 'goggles')).toMatchObject({
        quantity: 12,
        valuationFen: 6_000,
      });
    });

    it('refuses finance and auditor: 403, nothing changed', async () => {
      for (const token of [finance, auditor]) {
        const res = await edit(id, { items: [{ itemCode: 'goggles', quantity: 99 }] }, token);
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
      expect(line((await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token: warehouse })).body, 'goggles').quantity).toBe(12);
    });

    it('freezes the quantity and value of accepted goods once a receipt was asked for (409 RECEIPT_ALREADY_REQUESTED)', async () => {
      const c = await createCampaign(t, admin, { receiptThresholdFen: 10_000 });
      const made = await pledge({ campaignCode: c, donor: DONOR, items: [{ itemCode: 'protective-clothing', quantity: 100, valuationFen: 2_000_000 }] });
      expect((await inspect(made.body.id, [{ itemCode: 'protective-clothing', acceptedQuantity: 50, rejectedQuantity: 0 }])).status).toBe(200);
      const asked = await t.request('POST', `/api/staff/in-kind-donations/${made.body.id}/receipt-requests`, {
        token: finance,
        body: {
          donorType: 'organization',
          name: DONOR.name,
          creditCode: '91350100M000100Y43',
          invoiceTitle: DONOR.name,
          phone: PHONE,
          email: 'gift@example.com',
        },
      });
      expect(asked.status).toBe(201);
      for (const change of [{ quantity: 80 }, { valuationFen: 1 }]) {
        const res = await edit(made.body.id, { items: [{ itemCode: 'protective-clothing', ...change }] });
        expect([res.status, res.body.code]).toEqual([409, 'RECEIPT_ALREADY_REQUESTED']);
      }
      // What does not move the value (the batch) may still be corrected.
      expect((await edit(made.body.id, { items: [{ itemCode: 'protective-clothing', batch: 'PC-0202' }] })).status).toBe(200);
    });
  });

  describe('POST /api/staff/in-kind-donations/:id/cancel', () => {
    let campaign: string;
    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
    });
    const fresh = async () =>
      (
        await pledge({
          campaignCode: campaign,
          donor: DONOR,
          items: [
            { itemCode: 'medical-gloves', quantity: 200, valuationFen: 40_000 },
            { itemCode: 'goggles', quantity: 20 },
          ],
        })
      ).body.id as string;

    it('cancels a pledge before anything arrived: status "cancelled", nothing outstanding, audited; no further inspection or edit', async () => {
      const id = await fresh();
      const res = await cancel(id, '捐赠方无法发货');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'cancelled',
        complete: true,
        outstandingQuantity: 0,
        cancelled: { reason: '捐赠方无法发货', at: expect.any(String) },
      });
      expect(res.body.items.map((l: any) => [l.itemCode, l.cancelledQuantity, l.outstandingQuantity])).toEqual(
        expect.arrayContaining([
          ['medical-gloves', 200, 0],
          ['goggles', 20, 0],
        ]),
      );
      const [entry] = await t.db.query(`SELECT before, after FROM audit_log WHERE action = 'in_kind_donation.cancel' AND entity_id = $1`, [id]);
      expect(entry.before.status).toBe('pledged');
      expect(entry.after).toMatchObject({ status: 'cancelled', reason: '捐赠方无法发货' });
      for (const [r, code] of [
        [await inspect(id, [{ itemCode: 'goggles', acceptedQuantity: 1, rejectedQuantity: 0 }]), 'PLEDGE_CANCELLED'],
        [await edit(id, { items: [{ itemCode: 'goggles', quantity: 30 }] }), 'PLEDGE_CANCELLED'],
        [await cancel(id, '再次取消'), 'PLEDGE_CANCELLED'],
      ] as const) {
        expect([r.status, r.body.code]).toEqual([409, code]);
      }
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'in_kind_donation.cancel' AND entity_id = $1`, [id])).toBe(1);
      expect(await onHand(campaign, 'goggles')).toBe(0);
      const listed = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}&status=cancelled`, { token: auditor });
      expect(listed.body.items.map((p: any) => p.id)).toContain(id);
    });

    it('cancels the remainder of a partly received pledge: stays "received", accepted goods stay in stock and totals', async () => {
      const id = await fresh();
      expect((await inspect(id, [{ itemCode: 'medical-gloves', acceptedQuantity: 150, rejectedQuantity: 10, reason: '破损' }])).status).toBe(200);
      const totalsBefore = (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.inKind;
      const stockBefore = await onHand(campaign, 'medical-gloves');
      const res = await cancel(id, '余下部分不再发货');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'received', complete: true, outstandingQuantity: 0, cancelled: { reason: '余下部分不再发货' } });
      expect(line(res.body, 'medical-gloves')).toMatchObject({
        quantity: 200,
        acceptedQuantity: 150,
        rejectedQuantity: 10,
        cancelledQuantity: 40,
        outstandingQuantity: 0,
      });
      expect(line(res.body, 'goggles')).toMatchObject({ cancelledQuantity: 20, outstandingQuantity: 0 });
      // The declared value keeps its basis: 150/200 of ¥400.00.
      expect(res.body.acceptedValueFen).toBe(30_000);
      expect(await onHand(campaign, 'medical-gloves')).toBe(stockBefore);
      expect((await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.inKind).toEqual(totalsBefore);
      const rec = await t.request('GET', `/api/staff/in-kind/stock/reconciliation?campaignCode=${campaign}`, { token: warehouse });
      expect(rec.body.consistent).toBe(true);
    });

    it('refuses a pledge with nothing outstanding (409 NOTHING_OUTSTANDING), a blank reason (400), finance and auditor (403)', async () => {
      const done = (await pledge({ campaignCode: campaign, donor: DONOR, items: [{ itemCode: 'goggles', quantity: 2 }] })).body.id;
      expect((await inspect(done, [{ itemCode: 'goggles', acceptedQuantity: 2, rejectedQuantity: 0 }])).status).toBe(200);
      const none = await cancel(done, '无');
      expect([none.status, none.body.code]).toEqual([409, 'NOTHING_OUTSTANDING']);
      const id = await fresh();
      for (const reason of ['', '   ', undefined, 'x'.repeat(201)]) {
        const res = await cancel(id, reason);
        expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      }
      for (const token of [finance, auditor]) {
        const res = await cancel(id, '越权', token);
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
      const still = (await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token: warehouse })).body;
      expect([still.status, still.cancelled, still.outstandingQuantity]).toEqual(['pledged', null, 220]);
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action <> 'in_kind_donation.pledge'`, [id])).toBe(0);
    });

    it('a cancellation racing an arrival: they take turns, every pledged unit is accepted, rejected or cancelled exactly once', async () => {
      for (let round = 0; round < 5; round++) {
        const id = await fresh();
        const [arrival, cancelled] = await Promise.all([
          inspect(id, [{ itemCode: 'medical-gloves', acceptedQuantity: 100, rejectedQuantity: 0 }]),
          cancel(id, '并发取消'),
        ]);
        expect(cancelled.status).toBe(200);
        expect([200, 409]).toContain(arrival.status);
        if (arrival.status === 409) expect(arrival.body.code).toBe('PLEDGE_CANCELLED');
        const [row] = await t.db.query(
          `SELECT accepted_quantity::int AS a, rejected_quantity::int AS r, cancelled_quantity::int AS c FROM in_kind_donation_lines WHERE in_kind_donation_id = $1 AND item_code = 'medical-gloves'`,
          [id],
        );
        expect(row.a + row.r + row.c).toBe(200);
        expect(row.a).toBe(arrival.status === 200 ? 100 : 0);
      }
      const rec = await t.request('GET', `/api/staff/in-kind/stock/reconciliation?campaignCode=${campaign}`, { token: warehouse });
      expect(rec.body.consistent).toBe(true);
    });

    it('keeps the remainder rule in the schema: accepted + rejected + cancelled never exceed the pledge', async () => {
      const id = await fresh();
      await expect(t.db.query(`UPDATE in_kind_donation_lines SET cancelled_quantity = quantity + 1 WHERE in_kind_donation_id = $1`, [id])).rejects.toThrow(
        /within_pledge/,
      );
      await expect(t.db.query(`UPDATE in_kind_donations SET status = 'cancelled' WHERE id = $1`, [id])).rejects.toThrow(/status_check/);
    });
  });

  describe('stock movements', () => {
    it('lists the movements behind the stock, with the pledge, the recipient and the reason', async () => {
      const campaign = await createCampaign(t, admin);
      const id = (await pledge({ campaignCode: campaign, donor: DONOR, items: [{ itemCode: 'face-shield', quantity: 30 }] })).body.id;
      expect((await inspect(id, [{ itemCode: 'face-shield', acceptedQuantity: 30, rejectedQuantity: 0 }])).status).toBe(200);
      const dist = await t.request('POST', '/api/staff/distributions', {
        token: warehouse,
        body: { campaignCode: campaign, recipient: '武汉市金银潭医院', items: [{ itemCode: 'face-shield', quantity: 10 }] },
      });
      expect(dist.status).toBe(201);
      expect(
        (
          await t.request('POST', '/api/staff/in-kind/adjustments', {
            token: warehouse,
            body: { campaignCode: campaign, itemCode: 'face-shield', quantity: -2, reason: '盘点破损' },
          })
        ).status,
      ).toBe(201);
      for (const token of [warehouse, finance, auditor]) {
        const res = await t.request('GET', `/api/staff/in-kind/stock/movements?campaignCode=${campaign}&itemCode=face-shield`, { token });
        expect(res.status).toBe(200);
        expect(res.body.items.map((m: any) => [m.kind, m.quantity, m.inKindDonationId, m.recipient, m.reason])).toEqual([
          ['adjusted', -2, null, null, '盘点破损'],
          ['distributed', -10, null, '武汉市金银潭医院', null],
          ['received', 30, id, null, null],
        ]);
      }
      const unknown = await t.request('GET', `/api/staff/in-kind/stock/movements?campaignCode=${campaign}&itemCode=no-such-item`, { token: warehouse });
      expect([unknown.status, unknown.body.code]).toEqual([422, 'UNKNOWN_ITEM']);
    });
  });

  it('documents the new endpoints in the OpenAPI document', async () => {
    const docs = (await t.request('GET', '/docs-json')).body;
    expect(Object.keys(docs.paths['/api/staff/in-kind-donations/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    expect(docs.paths['/api/staff/in-kind-donations/{id}/cancel'].post).toBeDefined();
    expect(docs.paths['/api/staff/in-kind/stock/movements'].get).toBeDefined();
    expect(docs.paths['/api/staff/in-kind-donations'].post.parameters.map((p: any) => p.name)).toContain('Idempotency-Key');
  });
});
