import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCampaign, isolated, login, startApp, TestApp } from './support/test-app';
import { eventually } from './support/smtp-sink';

const run = promisify(execFile);

describe('receipts for gifts of goods', () => {
  let t: TestApp;
  let admin: string;
  let campaign: string;
  const own = isolated('goods');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'GD' });
  });
  afterAll(async () => {
    await t.close();
    await own.drop();
  });

  /** Pledged, then inspected: `accepted` of `quantity` masks arrive fit for use. */
  async function receivedGoods(quantity: number, accepted: number, valuationFen: number): Promise<string> {
    const pledge = await t.request('POST', '/api/staff/in-kind-donations', {
      token: admin,
      body: {
        campaignCode: campaign,
        donor: { name: '武汉光谷科技有限公司', donorType: 'organization' },
        items: [{ itemCode: 'medical-protective-mask', quantity, valuationFen }],
      },
    });
    expect(pledge.status).toBe(201);
    const inspected = await t.request('POST', `/api/staff/in-kind-donations/${pledge.body.id}/inspections`, {
      token: admin,
      body: {
        items: [
          {
            itemCode: 'medical-protective-mask',
            acceptedQuantity: accepted,
            rejectedQuantity: quantity - accepted,
            reason: quantity > accepted ? '包装破损' : undefined,
          },
        ],
      },
    });
    expect(inspected.status).toBe(200);
    return pledge.body.id;
  }

  const donor = {
    donorType: 'organization',
    name: '武汉光谷科技有限公司',
    creditCode: '91350100M000100Y43',
    invoiceTitle: '武汉光谷科技有限公司',
    phone: '13800138000',
    email: 'goods@example.com',
  };

  it('issues a receipt worth the accepted share of the declared value, listing the goods, once', async () => {
    const id = await receivedGoods(1000, 800, 1_000_000); // 800 of 1000 accepted: 8,000.00 yuan
    const res = await t.request('POST', `/api/staff/in-kind-donations/${id}/receipt-requests`, { token: admin, body: donor });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', amountFen: 800_000 });
    const receiptNo = await eventually(
      async () => {
        const s = await t.request('GET', `/api/receipt-requests/${res.body.requestId}`);
        return s.body.status === 'issued' ? (s.body.receiptNo as string) : undefined;
      },
      60_000,
      'goods receipt issued',
    );
    const details = await eventually(async () => {
      const d = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
      return d.body.pdfReady ? d.body : undefined;
    });
    expect(details).toMatchObject({ amountFen: 800_000, orderNo: null, inKindDonationId: id, status: 'issued' });

    const pdf = Buffer.from(
      await (await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer(),
    );
    const dir = await mkdtemp(join(tmpdir(), 'goods-'));
    try {
      await writeFile(join(dir, 'r.pdf'), pdf);
      const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', join(dir, 'r.pdf'), '-']);
      expect(stdout).toContain('捌仟元整');
      expect(stdout).toContain('医用防护口罩');
      expect(stdout.replace(/\s+/g, '')).toContain('800');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }

    const again = await t.request('POST', `/api/staff/in-kind-donations/${id}/receipt-requests`, { token: admin, body: donor });
    expect([again.status, again.body.code]).toEqual([409, 'RECEIPT_ALREADY_REQUESTED']);
  });

  it('warehouse staff, who received the goods, may ask for the receipt; auditors may not', async () => {
    for (const user of [
      { email: 'wh@goods-receipts.test', role: 'warehouse' },
      { email: 'au@goods-receipts.test', role: 'auditor' },
    ]) {
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { ...user, password: 'goods-receipts-pw-1', name: user.role } })).status).toBe(
        201,
      );
    }
    const warehouse = await login(t, 'wh@goods-receipts.test', 'goods-receipts-pw-1');
    const auditor = await login(t, 'au@goods-receipts.test', 'goods-receipts-pw-1');
    const id = await receivedGoods(200, 200, 2_000_000);
    const refused = await t.request('POST', `/api/staff/in-kind-donations/${id}/receipt-requests`, { token: auditor, body: donor });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const res = await t.request('POST', `/api/staff/in-kind-donations/${id}/receipt-requests`, { token: warehouse, body: donor });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', amountFen: 2_000_000 });
  });

  it('refuses goods valued under the threshold, and goods not yet received', async () => {
    const cheap = await receivedGoods(10, 10, 9_999);
    const below = await t.request('POST', `/api/staff/in-kind-donations/${cheap}/receipt-requests`, { token: admin, body: donor });
    expect([below.status, below.body.code]).toEqual([422, 'BELOW_RECEIPT_THRESHOLD']);

    const pledge = await t.request('POST', '/api/staff/in-kind-donations', {
      token: admin,
      body: {
        campaignCode: campaign,
        donor: { name: '某公司', donorType: 'organization' },
        items: [{ itemCode: 'medical-protective-mask', quantity: 100, valuationFen: 500_000 }],
      },
    });
    const notYet = await t.request('POST', `/api/staff/in-kind-donations/${pledge.body.id}/receipt-requests`, { token: admin, body: donor });
    expect(notYet.status).toBe(422);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM receipt_requests WHERE in_kind_donation_id = $1`, [pledge.body.id]);
    expect(n).toBe(0);
  });
});
