import { PiiCipher } from '../src/common/pii-cipher';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { InKindReceiptBasisService } from '../src/in-kind/in-kind-receipt-basis.service';
import { InKindTotalsService } from '../src/in-kind/in-kind-totals.service';
import { IN_KIND_TOTALS, InKindTotals } from '../src/totals/in-kind-totals';
import { countRows, createCampaign, login, startApp, TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';

jest.setTimeout(60_000);

const run = promisify(execFile);
const PASSWORD = 'warehouse-password-0123';
const PHONE = '13912345678';

/** The goods the foundation listed (API.md, 温暖武汉 2020-02-01), as printed. */
const LISTED = [
  '医用防护口罩',
  '医用外科口罩',
  '一次性医用口罩',
  'N95口罩',
  '防护服',
  '护目镜',
  '医用帽',
  '手术衣',
  '防冲击眼罩',
  '防护面罩',
  '乳胶手套/丁腈手套',
  '鞋套/靴套',
  '速干手消毒液',
  '84消毒液/消毒泡腾片',
  '手持红外体温测试仪',
  '诊断试剂',
];

async function qrOf(pdf: Buffer): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'in-kind-qr-'));
  try {
    await writeFile(join(dir, 'n.pdf'), pdf);
    await run('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'n.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(await readFile(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('in-kind donations: catalogue, pledge, inspection, stock, distribution', () => {
  let t: TestApp;
  let admin: string;
  let warehouse: string;
  let finance: string;
  let auditor: string;
  let totals: InKindTotals;

  async function staff(role: string): Promise<string> {
    const email = `${role}-${randomUUID().slice(0, 8)}@test.wennuan`;
    const res = await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: PASSWORD, role, name: `测试${role}` } });
    expect(res.status).toBe(201);
    return login(t, email, PASSWORD);
  }

  beforeAll(async () => {
    t = await startApp({ PUBLIC_BASE_URL: 'https://wennuan.example.org' });
    admin = await login(t);
    [warehouse, finance, auditor] = await Promise.all([staff('warehouse'), staff('finance'), staff('auditor')]);
    totals = t.app.get<InKindTotals>(IN_KIND_TOTALS, { strict: false });
  });
  afterAll(() => t?.close());

  const campaignId = async (code: string): Promise<string> => (await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]))[0].id;

  function pledge(campaignCode: string, items: Record<string, unknown>[], extra: Record<string, unknown> = {}, token = warehouse) {
    return t.request('POST', '/api/staff/in-kind-donations', {
      token,
      body: { campaignCode, donor: { name: '武汉光谷医疗器械有限公司', donorType: 'organization', phone: PHONE }, items, ...extra },
    });
  }

  function inspect(id: string, items: Record<string, unknown>[], { token = warehouse, key }: { token?: string; key?: string } = {}) {
    return t.request('POST', `/api/staff/in-kind-donations/${id}/inspections`, { token, body: { items }, headers: key ? { 'idempotency-key': key } : {} });
  }

  function distribute(campaignCode: string, items: Record<string, unknown>[], recipient = '武汉市金银潭医院', token = warehouse, key?: string) {
    return t.request('POST', '/api/staff/distributions', { token, body: { campaignCode, recipient, items }, headers: key ? { 'idempotency-key': key } : {} });
  }

  async function stockOf(campaignCode: string, token = warehouse): Promise<Record<string, any>> {
    const res = await t.request('GET', `/api/staff/in-kind/stock?campaignCode=${campaignCode}`, { token });
    expect(res.status).toBe(200);
    return Object.fromEntries(res.body.items.map((i: any) => [i.itemCode, i]));
  }

  /** A campaign holding `quantity` accepted units of each item. */
  async function stocked(stock: Record<string, number>): Promise<string> {
    const campaign = await createCampaign(t, admin);
    const made = await pledge(
      campaign,
      Object.entries(stock).map(([itemCode, quantity]) => ({ itemCode, quantity })),
    );
    expect(made.status).toBe(201);
    const received = await inspect(
      made.body.id,
      Object.entries(stock).map(([itemCode, quantity]) => ({ itemCode, acceptedQuantity: quantity, rejectedQuantity: 0 })),
    );
    expect(received.status).toBe(200);
    return campaign;
  }

  describe('catalogue', () => {
    it('is public and holds every good the foundation listed, each with a stable code, a category and a unit', async () => {
      const res = await t.request('GET', '/api/in-kind/items');
      expect(res.status).toBe(200);
      const byName = new Map<string, any>(res.body.items.map((i: any) => [i.name, i]));
      expect(LISTED.filter((name) => !byName.has(name))).toEqual([]);
      for (const item of res.body.items) {
        expect(item).toMatchObject({
          code: expect.stringMatching(/^[a-z0-9][a-z0-9-]+$/),
          category: expect.stringMatching(/^(防护类|消毒类|诊断类|其他)$/),
          unit: expect.any(String),
        });
      }
      expect(new Set(res.body.items.map((i: any) => i.code)).size).toBe(res.body.items.length);
      // The foundation's grouping: 防护类 first twelve, 消毒类 two, 诊断类 two.
      expect(LISTED.map((name) => byName.get(name).category)).toEqual([...Array(12).fill('防护类'), '消毒类', '消毒类', '诊断类', '诊断类']);
      expect(LISTED.map((name) => byName.get(name).unit)).toEqual([
        '只',
        '只',
        '只',
        '只',
        '套',
        '副',
        '只',
        '件',
        '副',
        '个',
        '副',
        '双',
        '瓶',
        '瓶',
        '个',
        '人份',
      ]);
    });

    it('names the standard a medical-grade item must meet', async () => {
      const res = await t.request('GET', '/api/in-kind/items');
      const standard = (name: string) => res.body.items.find((i: any) => i.name === name).standard;
      expect(standard('医用防护口罩')).toBe('GB 19083-2010');
      expect(standard('医用外科口罩')).toBe('YY 0469-2011');
      expect(standard('一次性医用口罩')).toBe('YY/T 0969-2013');
      expect(standard('防护服')).toBe('GB 19082-2009');
      expect(standard('KN95口罩')).toMatch(/^GB 2626/);
      expect(standard('速干手消毒液')).toBe('GB 27950-2011');
      expect(standard('诊断试剂')).toBeNull();
    });

    it('warehouse adds an item (audited); a taken code is 409; finance may not add', async () => {
      const code = `gown-${randomUUID().slice(0, 6)}`;
      const body = { code, name: `隔离衣${code}`, category: '防护类', unit: '件' };
      const made = await t.request('POST', '/api/staff/in-kind/items', { token: warehouse, body });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ code, name: body.name, category: '防护类', unit: '件', standard: null });
      expect((await t.request('GET', '/api/in-kind/items')).body.items.map((i: any) => i.code)).toContain(code);
      const again = await t.request('POST', '/api/staff/in-kind/items', { token: warehouse, body: { ...body, name: '另一个名称' } });
      expect([again.status, again.body.code]).toEqual([409, 'IN_KIND_ITEM_EXISTS']);
      const refused = await t.request('POST', '/api/staff/in-kind/items', { token: finance, body: { ...body, code: `${code}-x`, name: `${body.name}x` } });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'in_kind_item.create' AND entity_id = $1`, [code])).toBe(1);
      expect(await countRows(t, `SELECT count(*) FROM in_kind_items WHERE code = $1`, [`${code}-x`])).toBe(0);
    });
  });

  describe('pledge → partial inspection with rejections → stock and totals count accepted goods only', () => {
    let campaign: string;
    let id: string;

    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
    });

    it('takes a company switchboard (fixed line with area code) as the pledge contact: one written form, encrypted, masked', async () => {
      // A campaign of its own: the tests below count this one's pledges.
      const own = await createCampaign(t, admin);
      const line = [{ itemCode: 'medical-protective-mask', quantity: 10 }];
      const switchboard = { name: '武汉协和医院', donorType: 'organization', phone: '（027）8572 6114 转 8001' };
      const res = await pledge(own, line, { donor: switchboard });
      expect(res.status).toBe(201);
      expect(res.body.donor).toEqual({ name: '武汉协和医院', donorType: 'organization', phone: '027****8001' });
      const [row] = await t.db.query(`SELECT phone_enc, phone_hash FROM in_kind_donations WHERE id = $1`, [res.body.id]);
      expect(row.phone_enc).not.toContain('85726114');
      expect(t.app.get(PiiCipher).decrypt(row.phone_enc)).toBe('027-85726114转8001');
      const landline = await pledge(own, line, { donor: { ...switchboard, phone: '027-87654321' } });
      expect([landline.status, landline.body.donor.phone]).toEqual([201, '027****4321']);
      const bad = await pledge(own, line, { donor: { ...switchboard, phone: '8765-4321' } });
      expect([bad.status, bad.body.code]).toEqual([422, 'INVALID_PHONE']);
      expect(bad.body.message).toContain('027-87654321');
    });

    it('pledges goods: 201 { id, status: "pledged" }, phone encrypted and masked, nothing counted yet', async () => {
      const res = await pledge(campaign, [
        {
          itemCode: 'medical-protective-mask',
          quantity: 1000,
          valuationFen: 1_200_000,
          spec: 'GB 19083-2010，50只/盒',
          batch: '20200115A',
          expiresAt: '2022-01-14',
        },
        { itemCode: 'protective-clothing', quantity: 200, valuationFen: 3_000_000 },
      ]);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        status: 'pledged',
        campaignCode: campaign,
        complete: false,
        acceptedValueFen: 0,
        receiptEligible: false,
      });
      expect(res.body.donor).toEqual({ name: '武汉光谷医疗器械有限公司', donorType: 'organization', phone: '139****5678' });
      expect(res.body.items[0]).toMatchObject({
        itemCode: 'medical-protective-mask',
        name: '医用防护口罩',
        unit: '只',
        quantity: 1000,
        outstandingQuantity: 1000,
        batch: '20200115A',
        expiresAt: '2022-01-14',
      });
      id = res.body.id;

      const [row] = await t.db.query(`SELECT phone_enc, phone_hash FROM in_kind_donations WHERE id = $1`, [id]);
      expect(row.phone_enc).not.toContain(PHONE);
      expect(row.phone_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await totals.forCampaign(await campaignId(campaign))).toEqual([]);
      expect(await stockOf(campaign)).toEqual({});
      const audit = await t.db.query(`SELECT action, actor_email, after FROM audit_log WHERE entity = 'in_kind_donation' AND entity_id = $1`, [id]);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'in_kind_donation.pledge', actor_email: expect.stringContaining('warehouse-') });
      expect(JSON.stringify(audit[0].after)).not.toContain(PHONE);
    });

    it('inspects a partial arrival: 200 { status: "received" }; rejected goods stay out; the rest is outstanding', async () => {
      const res = await inspect(id, [
        { itemCode: 'medical-protective-mask', acceptedQuantity: 500, rejectedQuantity: 100, reason: '包装破损，不符合 GB 19083' },
        { itemCode: 'protective-clothing', acceptedQuantity: 200, rejectedQuantity: 0 },
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'received', complete: false });
      const masks = res.body.items.find((i: any) => i.itemCode === 'medical-protective-mask');
      expect(masks).toMatchObject({ acceptedQuantity: 500, rejectedQuantity: 100, outstandingQuantity: 400, acceptedValueFen: 600_000 });
      expect(res.body.inspections).toHaveLength(1);
      expect(res.body.inspections[0].items).toEqual(
        expect.arrayContaining([{ itemCode: 'medical-protective-mask', acceptedQuantity: 500, rejectedQuantity: 100, reason: '包装破损，不符合 GB 19083' }]),
      );

      const stock = await stockOf(campaign);
      expect(stock['medical-protective-mask']).toMatchObject({ receivedQuantity: 500, distributedQuantity: 0, onHandQuantity: 500 });
      expect(stock['protective-clothing']).toMatchObject({ receivedQuantity: 200, onHandQuantity: 200 });
      expect(await totals.forCampaign(await campaignId(campaign))).toEqual([
        { itemCode: 'medical-protective-mask', name: '医用防护口罩', unit: '只', receivedQuantity: 500, distributedQuantity: 0 },
        { itemCode: 'protective-clothing', name: '防护服', unit: '套', receivedQuantity: 200, distributedQuantity: 0 },
      ]);
    });

    it('adds a second arrival to the first, up to the pledge; then nothing is outstanding', async () => {
      const res = await inspect(id, [{ itemCode: 'medical-protective-mask', acceptedQuantity: 350, rejectedQuantity: 50, reason: '已过期' }]);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'received', complete: true });
      expect(res.body.items.find((i: any) => i.itemCode === 'medical-protective-mask')).toMatchObject({
        acceptedQuantity: 850,
        rejectedQuantity: 150,
        outstandingQuantity: 0,
      });
      // 850/1000 of ¥12,000.00 plus all of ¥30,000.00, in fen
      expect(res.body.acceptedValueFen).toBe(1_020_000 + 3_000_000);
      expect(res.body.receiptEligible).toBe(true);
      expect((await stockOf(campaign))['medical-protective-mask'].receivedQuantity).toBe(850);
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity = 'in_kind_donation' AND entity_id = $1 ORDER BY id`, [id]);
      expect(audit.map((a: any) => a.action)).toEqual(['in_kind_donation.pledge', 'in_kind_donation.inspect', 'in_kind_donation.inspect']);
    });

    it('refuses a further inspection of a fully inspected pledge: 409 ALREADY_INSPECTED, stock unchanged', async () => {
      const res = await inspect(id, [{ itemCode: 'protective-clothing', acceptedQuantity: 200, rejectedQuantity: 0 }]);
      expect([res.status, res.body.code]).toEqual([409, 'ALREADY_INSPECTED']);
      expect((await stockOf(campaign))['protective-clothing'].receivedQuantity).toBe(200);
    });

    it('finance and auditor read pledges and stock; the public totals never see a pledge', async () => {
      for (const token of [finance, auditor]) {
        const one = await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token });
        expect(one.status).toBe(200);
        expect(one.body.donor.phone).toBe('139****5678');
        const list = await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}`, { token });
        expect(list.body.items.map((p: any) => p.id)).toEqual([id]);
        expect((await stockOf(campaign, token))['protective-clothing'].onHandQuantity).toBe(200);
      }
      const publicTotals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(publicTotals.text).not.toContain(PHONE);
      expect(publicTotals.text).not.toContain('光谷');
    });

    it('shows accepted goods only on the public totals (GET /api/campaigns/:code/totals)', async () => {
      const res = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(res.status).toBe(200);
      expect(res.body.inKind).toEqual([
        { itemCode: 'medical-protective-mask', name: '医用防护口罩', unit: '只', receivedQuantity: 850, distributedQuantity: 0 },
        { itemCode: 'protective-clothing', name: '防护服', unit: '套', receivedQuantity: 200, distributedQuantity: 0 },
      ]);
      // A pledge not yet inspected adds nothing.
      expect((await pledge(campaign, [{ itemCode: 'face-shield', quantity: 500 }])).status).toBe(201);
      expect((await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.inKind.map((l: any) => l.itemCode)).toEqual([
        'medical-protective-mask',
        'protective-clothing',
      ]);
    });
  });

  describe('inspection rules', () => {
    let campaign: string;
    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
    });
    const freshPledge = async () =>
      (
        await pledge(campaign, [
          { itemCode: 'surgical-mask', quantity: 100 },
          { itemCode: 'goggles', quantity: 10 },
        ])
      ).body.id as string;

    it('answers a repeat under the same Idempotency-Key as the first time, counted once; another body under it is 409', async () => {
      const id = await freshPledge();
      const key = `inspect-${randomUUID()}`;
      const body = [{ itemCode: 'surgical-mask', acceptedQuantity: 40, rejectedQuantity: 0 }];
      const first = await inspect(id, body, { key });
      const answers = await Promise.all([inspect(id, body, { key }), inspect(id, body, { key })]);
      expect(first.status).toBe(200);
      for (const again of answers) {
        expect(again.status).toBe(200);
        expect(again.body.inspectionId).toBe(first.body.inspectionId);
      }
      expect((await stockOf(campaign))['surgical-mask'].receivedQuantity).toBe(40);
      const other = await inspect(id, [{ itemCode: 'surgical-mask', acceptedQuantity: 41, rejectedQuantity: 0 }], { key });
      expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
      expect(await countRows(t, `SELECT count(*) FROM in_kind_inspections WHERE in_kind_donation_id = $1`, [id])).toBe(1);
    });

    it('never lets two racing inspections exceed the pledge', async () => {
      const id = await freshPledge();
      const body = [{ itemCode: 'goggles', acceptedQuantity: 6, rejectedQuantity: 1 }];
      const answers = await Promise.all(Array.from({ length: 5 }, () => inspect(id, body)));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'ALREADY_INSPECTED')).toBe(true);
      const [line] = await t.db.query(
        `SELECT accepted_quantity, rejected_quantity FROM in_kind_donation_lines WHERE in_kind_donation_id = $1 AND item_code = 'goggles'`,
        [id],
      );
      expect([Number(line.accepted_quantity), Number(line.rejected_quantity)]).toEqual([6, 1]);
    });

    it.each([
      ['accepted + rejected over the pledge', [{ itemCode: 'goggles', acceptedQuantity: 10, rejectedQuantity: 1 }], 422, 'INSPECTION_EXCEEDS_PLEDGE'],
      ['an item not in the pledge', [{ itemCode: 'face-shield', acceptedQuantity: 1, rejectedQuantity: 0 }], 422, 'ITEM_NOT_PLEDGED'],
      ['an item not in the catalogue', [{ itemCode: 'no-such-item', acceptedQuantity: 1, rejectedQuantity: 0 }], 422, 'ITEM_NOT_PLEDGED'],
      ['nothing accepted or rejected', [{ itemCode: 'goggles', acceptedQuantity: 0, rejectedQuantity: 0 }], 422, 'INVALID_QUANTITY'],
      ['a negative quantity', [{ itemCode: 'goggles', acceptedQuantity: -1, rejectedQuantity: 2 }], 422, 'INVALID_QUANTITY'],
      ['a fractional quantity', [{ itemCode: 'goggles', acceptedQuantity: 1.5, rejectedQuantity: 0 }], 400, 'VALIDATION_FAILED'],
      [
        'the same item twice',
        [
          { itemCode: 'goggles', acceptedQuantity: 1, rejectedQuantity: 0 },
          { itemCode: 'goggles', acceptedQuantity: 1, rejectedQuantity: 0 },
        ],
        422,
        'DUPLICATE_ITEM',
      ],
      ['no items', [], 400, 'VALIDATION_FAILED'],
    ])('refuses %s (%s %s) and records nothing', async (_label, items, status, code) => {
      const id = await freshPledge();
      const res = await inspect(id, items);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(await countRows(t, `SELECT count(*) FROM in_kind_inspections WHERE in_kind_donation_id = $1`, [id])).toBe(0);
    });

    it('404 IN_KIND_DONATION_NOT_FOUND for an unknown or malformed id', async () => {
      for (const id of [randomUUID(), 'no-such-thing']) {
        const res = await inspect(id, [{ itemCode: 'goggles', acceptedQuantity: 1, rejectedQuantity: 0 }]);
        expect([res.status, res.body.code]).toEqual([404, 'IN_KIND_DONATION_NOT_FOUND']);
        expect((await t.request('GET', `/api/staff/in-kind-donations/${id}`, { token: warehouse })).status).toBe(404);
      }
    });

    it('flags goods past their expiry date so the inspector can reject them', async () => {
      const res = await pledge(campaign, [
        { itemCode: 'hand-sanitizer', quantity: 10, expiresAt: '2020-01-31' },
        { itemCode: 'goggles', quantity: 1, expiresAt: '2999-12-31' },
      ]);
      expect(res.status).toBe(201);
      expect(res.body.items.map((i: any) => [i.itemCode, i.expired])).toEqual([
        ['goggles', false],
        ['hand-sanitizer', true],
      ]);
    });
  });

  describe('pledge validation', () => {
    let campaign: string;
    beforeAll(async () => {
      campaign = await createCampaign(t, admin);
    });
    const line = { itemCode: 'surgical-mask', quantity: 10 };

    it.each([
      ['a zero quantity', { items: [{ ...line, quantity: 0 }] }, 422, 'INVALID_QUANTITY'],
      ['a quantity over 100000000', { items: [{ ...line, quantity: 100_000_001 }] }, 422, 'INVALID_QUANTITY'],
      ['a fractional quantity', { items: [{ ...line, quantity: 2.5 }] }, 400, 'VALIDATION_FAILED'],
      ['a quantity as a string', { items: [{ ...line, quantity: '10' }] }, 400, 'VALIDATION_FAILED'],
      ['a fractional valuation', { items: [{ ...line, valuationFen: 100.5 }] }, 400, 'VALIDATION_FAILED'],
      ['a negative valuation', { items: [{ ...line, valuationFen: -1 }] }, 422, 'INVALID_AMOUNT'],
      ['an unknown item', { items: [{ ...line, itemCode: 'no-such-item' }] }, 422, 'UNKNOWN_ITEM'],
      ['the same item twice', { items: [line, line] }, 422, 'DUPLICATE_ITEM'],
      ['no items', { items: [] }, 400, 'VALIDATION_FAILED'],
      ['an impossible expiry date', { items: [{ ...line, expiresAt: '2021-02-30' }] }, 422, 'INVALID_DATE'],
      ['an expiry that is not a date', { items: [{ ...line, expiresAt: 'next year' }] }, 400, 'VALIDATION_FAILED'],
      ['a bad phone number', { donor: { name: '张伟', donorType: 'individual', phone: '12345' } }, 422, 'INVALID_PHONE'],
      ['an unknown donor type', { donor: { name: '张伟', donorType: 'company' } }, 400, 'VALIDATION_FAILED'],
      ['a blank donor name', { donor: { name: '   ', donorType: 'individual' } }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { items: [{ ...line, colour: 'blue' }] }, 400, 'VALIDATION_FAILED'],
    ])('refuses %s: %s %s, nothing recorded', async (_label, change, status, code) => {
      const before = await countRows(t, `SELECT count(*) FROM in_kind_donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign]);
      const res = await pledge(campaign, [line], change);
      expect([res.status, res.body.code]).toEqual([status, code]);
      expect(res.body.message).toEqual(expect.any(String));
      expect(await countRows(t, `SELECT count(*) FROM in_kind_donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign])).toBe(
        before,
      );
    });

    it('404 CAMPAIGN_NOT_FOUND for an unknown campaign', async () => {
      const res = await pledge('no-such-campaign', [line]);
      expect([res.status, res.body.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    });
  });

  describe('distributions and stock', () => {
    it('hands goods to a hospital: 201, stock and totals move, the list says who got what (audited)', async () => {
      const campaign = await stocked({ 'medical-protective-mask': 300, 'protective-clothing': 50 });
      const cached = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(cached.body.inKind.map((l: any) => l.distributedQuantity)).toEqual([0, 0]);
      const res = await distribute(campaign, [
        { itemCode: 'medical-protective-mask', quantity: 120 },
        { itemCode: 'protective-clothing', quantity: 50 },
      ]);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), campaignCode: campaign, recipient: '武汉市金银潭医院' });
      expect(res.body.items).toEqual(
        expect.arrayContaining([
          { itemCode: 'medical-protective-mask', name: '医用防护口罩', unit: '只', quantity: 120 },
          { itemCode: 'protective-clothing', name: '防护服', unit: '套', quantity: 50 },
        ]),
      );
      const stock = await stockOf(campaign);
      expect(stock['medical-protective-mask']).toMatchObject({ receivedQuantity: 300, distributedQuantity: 120, onHandQuantity: 180 });
      expect(stock['protective-clothing'].onHandQuantity).toBe(0);
      expect(await totals.forCampaign(await campaignId(campaign))).toEqual([
        { itemCode: 'medical-protective-mask', name: '医用防护口罩', unit: '只', receivedQuantity: 300, distributedQuantity: 120 },
        { itemCode: 'protective-clothing', name: '防护服', unit: '套', receivedQuantity: 50, distributedQuantity: 50 },
      ]);
      // The public totals see the distribution at once (the totals are told after the commit).
      const publicTotals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(publicTotals.body.inKind.map((l: any) => l.distributedQuantity)).toEqual([120, 50]);
      expect(publicTotals.body.inKind).toEqual(await totals.forCampaign(await campaignId(campaign)));
      const list = await t.request('GET', `/api/staff/distributions?campaignCode=${campaign}`, { token: finance });
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id: res.body.id, recipient: '武汉市金银潭医院' });
      const audit = await t.db.query(`SELECT action, after FROM audit_log WHERE entity = 'distribution' AND entity_id = $1`, [res.body.id]);
      expect(audit).toHaveLength(1);
      expect(audit[0].after).toMatchObject({ recipient: '武汉市金银潭医院', campaignCode: campaign });
    });

    it('409 INSUFFICIENT_STOCK when any item is short, and then nothing at all is taken', async () => {
      const campaign = await stocked({ 'surgical-mask': 100, goggles: 5 });
      const res = await distribute(campaign, [
        { itemCode: 'surgical-mask', quantity: 50 },
        { itemCode: 'goggles', quantity: 6 },
      ]);
      expect([res.status, res.body.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
      expect(res.body.details).toEqual({ itemCode: 'goggles', requestedQuantity: 6, availableQuantity: 5 });
      const never = await distribute(campaign, [{ itemCode: 'face-shield', quantity: 1 }]);
      expect([never.status, never.body.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
      const stock = await stockOf(campaign);
      expect([stock['surgical-mask'].onHandQuantity, stock.goggles.onHandQuantity]).toEqual([100, 5]);
      expect(await countRows(t, `SELECT count(*) FROM distributions d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`, [campaign])).toBe(0);
    });

    it('concurrent distributions never drive stock below zero: 10 in stock, 30 racing for one each → 10 win', async () => {
      const campaign = await stocked({ 'n95-respirator': 10 });
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => distribute(campaign, [{ itemCode: 'n95-respirator', quantity: 1 }], `社区卫生服务中心 ${i}`)),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(10);
      const refused = answers.filter((a) => a.status !== 201);
      expect(refused).toHaveLength(20);
      expect(refused.every((a) => a.status === 409 && a.body.code === 'INSUFFICIENT_STOCK')).toBe(true);
      expect((await stockOf(campaign))['n95-respirator']).toMatchObject({ distributedQuantity: 10, onHandQuantity: 0 });
    });

    it('two distributions racing for the last box: one wins, the other gets 409', async () => {
      const campaign = await stocked({ 'diagnostic-reagent': 1 });
      const answers = await Promise.all([
        distribute(campaign, [{ itemCode: 'diagnostic-reagent', quantity: 1 }], '甲医院'),
        distribute(campaign, [{ itemCode: 'diagnostic-reagent', quantity: 1 }], '乙医院'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      expect((await stockOf(campaign))['diagnostic-reagent'].onHandQuantity).toBe(0);
    });

    it('multi-item distributions racing in opposite orders neither deadlock nor oversell', async () => {
      const campaign = await stocked({ goggles: 20, 'face-shield': 20 });
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          distribute(
            campaign,
            i % 2
              ? [
                  { itemCode: 'goggles', quantity: 3 },
                  { itemCode: 'face-shield', quantity: 3 },
                ]
              : [
                  { itemCode: 'face-shield', quantity: 3 },
                  { itemCode: 'goggles', quantity: 3 },
                ],
          ),
        ),
      );
      expect(answers.filter((a) => a.status === 201)).toHaveLength(6);
      expect(answers.filter((a) => a.status === 409 && a.body.code === 'INSUFFICIENT_STOCK')).toHaveLength(10);
      const stock = await stockOf(campaign);
      expect([stock.goggles.onHandQuantity, stock['face-shield'].onHandQuantity]).toEqual([2, 2]);
    });

    it('makes a distribution once per Idempotency-Key', async () => {
      const campaign = await stocked({ 'medical-cap': 10 });
      const key = `dist-${randomUUID()}`;
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => distribute(campaign, [{ itemCode: 'medical-cap', quantity: 4 }], '方舱医院', warehouse, key)),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect((await stockOf(campaign))['medical-cap'].onHandQuantity).toBe(6);
      const other = await distribute(campaign, [{ itemCode: 'medical-cap', quantity: 5 }], '方舱医院', warehouse, key);
      expect([other.status, other.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    });

    it('adjusts stock with a reason, never below zero; stock recomputed from the movements equals stock stored', async () => {
      const campaign = await stocked({ 'chlorine-disinfectant': 40, 'hand-sanitizer': 12 });
      expect((await distribute(campaign, [{ itemCode: 'chlorine-disinfectant', quantity: 15 }])).status).toBe(201);
      const down = await t.request('POST', '/api/staff/in-kind/adjustments', {
        token: warehouse,
        body: { campaignCode: campaign, itemCode: 'chlorine-disinfectant', quantity: -5, reason: '盘点：5瓶渗漏' },
      });
      expect(down.status).toBe(201);
      expect(down.body).toMatchObject({
        itemCode: 'chlorine-disinfectant',
        receivedQuantity: 40,
        distributedQuantity: 15,
        adjustedQuantity: -5,
        onHandQuantity: 20,
      });
      const tooFar = await t.request('POST', '/api/staff/in-kind/adjustments', {
        token: warehouse,
        body: { campaignCode: campaign, itemCode: 'chlorine-disinfectant', quantity: -21, reason: '盘点' },
      });
      expect([tooFar.status, tooFar.body.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
      const zero = await t.request('POST', '/api/staff/in-kind/adjustments', {
        token: warehouse,
        body: { campaignCode: campaign, itemCode: 'hand-sanitizer', quantity: 0, reason: '盘点' },
      });
      expect([zero.status, zero.body.code]).toEqual([422, 'INVALID_QUANTITY']);
      expect(
        await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'in_kind_stock.adjust' AND entity_id = $1`, [`${campaign}/chlorine-disinfectant`]),
      ).toBe(1);

      const reconciliation = await t.request('GET', `/api/staff/in-kind/stock/reconciliation?campaignCode=${campaign}`, { token: auditor });
      expect(reconciliation.status).toBe(200);
      expect(reconciliation.body.consistent).toBe(true);
      expect(reconciliation.body.items.find((i: any) => i.itemCode === 'chlorine-disinfectant')).toMatchObject({
        stored: { receivedQuantity: 40, distributedQuantity: 15, adjustedQuantity: -5, onHandQuantity: 20 },
        fromMovements: { receivedQuantity: 40, distributedQuantity: 15, adjustedQuantity: -5, onHandQuantity: 20 },
        acceptedInInspections: 40,
      });
      // The same, straight from the tables: stored on-hand equals the sum of the signed movements.
      const rows = await t.db.query(
        `SELECT s.item_code, s.received_quantity + s.adjusted_quantity - s.distributed_quantity AS stored, sum(mv.quantity) AS moved
           FROM in_kind_stock s JOIN in_kind_stock_movements mv USING (campaign_id, item_code)
          WHERE s.campaign_id = $1 GROUP BY s.item_code, stored`,
        [await campaignId(campaign)],
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(Number(row.moved)).toBe(Number(row.stored));
    });

    it('keeps the movements append-only and stock non-negative in the schema itself', async () => {
      const campaign = await stocked({ 'infrared-thermometer': 3 });
      const id = await campaignId(campaign);
      await expect(t.db.query(`UPDATE in_kind_stock_movements SET quantity = 100 WHERE campaign_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM in_kind_stock_movements WHERE campaign_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE in_kind_stock SET distributed_quantity = 4 WHERE campaign_id = $1`, [id])).rejects.toThrow(/in_kind_stock_not_negative/);
    });

    it('prints a delivery note listing the items, with signature lines and a QR code of the record', async () => {
      const campaign = await stocked({ 'medical-protective-mask': 2000, 'medical-gloves': 500 });
      const made = await distribute(
        campaign,
        [
          { itemCode: 'medical-protective-mask', quantity: 1200 },
          { itemCode: 'medical-gloves', quantity: 300 },
        ],
        '华中科技大学同济医学院附属协和医院',
      );
      expect(made.status).toBe(201);
      const res = await fetch(`${t.baseUrl}${made.body.deliveryNoteUrl}`, { headers: { authorization: `Bearer ${finance}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await res.arrayBuffer());
      const text = (await pdfText(pdf)).replace(/\s+/g, '');
      for (const expected of [
        '物资发放单',
        '华中科技大学同济医学院附属协和医院',
        '医用防护口罩',
        '1,200',
        '乳胶手套/丁腈手套',
        '300',
        '发放人（签字）',
        '接收人（签字）',
      ]) {
        expect(text).toContain(expected);
      }
      // The receiving unit's confirmation page (a signed public link, issue 18), no longer a staff-only API.
      expect(made.body.confirmUrl).toMatch(new RegExp(`^https://wennuan\\.example\\.org/confirm/${made.body.id}\\?s=[A-Za-z0-9_-]{22}$`));
      expect(await qrOf(pdf)).toBe(made.body.confirmUrl);
      const missing = await t.request('GET', `/api/staff/distributions/${randomUUID()}/delivery-note.pdf`, { token: warehouse });
      expect([missing.status, missing.body.code]).toEqual([404, 'DISTRIBUTION_NOT_FOUND']);
    });
  });

  describe('receipt eligibility of goods', () => {
    it('counts the accepted share of the declared value, rounded down, against the campaign threshold', async () => {
      const campaign = await createCampaign(t, admin, { receiptThresholdFen: 50_000 });
      const made = await pledge(campaign, [{ itemCode: 'goggles', quantity: 3, valuationFen: 75_001 }]);
      const two = await inspect(made.body.id, [{ itemCode: 'goggles', acceptedQuantity: 2, rejectedQuantity: 1, reason: '镜片划伤' }]);
      expect(two.body).toMatchObject({ acceptedValueFen: 50_000, acceptedValueYuan: '500.00', receiptEligible: true });
      const small = await pledge(campaign, [{ itemCode: 'goggles', quantity: 3, valuationFen: 74_998 }]);
      const below = await inspect(small.body.id, [{ itemCode: 'goggles', acceptedQuantity: 2, rejectedQuantity: 1 }]);
      expect(below.body).toMatchObject({ acceptedValueFen: 49_998, receiptEligible: false });
      const unvalued = await pledge(campaign, [{ itemCode: 'goggles', quantity: 3 }]);
      expect(unvalued.body).toMatchObject({ acceptedValueFen: 0, receiptEligible: false });

      // What a goods receipt would state (src/receipts reads it through InKindReceiptBasisService).
      const basis = t.app.get(InKindReceiptBasisService, { strict: false });
      expect(await basis.forDonation(made.body.id)).toEqual({
        inKindDonationId: made.body.id,
        campaignId: await campaignId(campaign),
        donorName: '武汉光谷医疗器械有限公司',
        donorType: 'organization',
        amountFen: 50_000,
        donatedAt: new Date(two.body.lastReceivedAt),
        items: [{ name: '护目镜', quantity: 2, unit: '副' }],
      });
      expect(await basis.forDonation(unvalued.body.id)).toBeNull(); // pledged, not received
    });
  });

  describe('receipts for goods: the schema', () => {
    it('lets a receipt name an in-kind gift, and requires exactly one gift, cash or goods', async () => {
      const insert = (donationId: string | null, inKindId: string | null) =>
        t.db.query(
          `INSERT INTO receipts (receipt_no, campaign_id, year, seq, issue_key, request_id, donation_id, in_kind_donation_id, status, donor_name, invoice_title, amount_fen, donated_at)
           VALUES ($1, $2, 2020, 1, $1, $2, $3, $4, 'issued', '张伟', '张伟', 10000, now())`,
          [`XX-${randomUUID()}`, randomUUID(), donationId, inKindId],
        );
      await expect(insert(null, null)).rejects.toThrow(/receipts_one_gift/);
      await expect(insert(randomUUID(), randomUUID())).rejects.toThrow(/receipts_one_gift/);
      const checks: { conname: string; def: string }[] = await t.db.query(
        `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'receipt_requests'::regclass AND contype = 'c'`,
      );
      expect(checks.map((c) => c.conname)).toEqual(expect.arrayContaining(['receipt_requests_one_gift', 'receipt_requests_gift_when_queued']));
      // The cash-only rule of the receipts migration is gone (replaced by "a gift, cash or goods").
      expect(checks.filter((c) => /donation_id IS NOT NULL/.test(c.def) && !/in_kind/.test(c.def))).toEqual([]);
    });
  });

  describe('roles', () => {
    it('warehouse writes goods; finance and auditor only read; everyone else is 401', async () => {
      const campaign = await stocked({ 'shoe-covers': 10 });
      const [pledged] = (await t.request('GET', `/api/staff/in-kind-donations?campaignCode=${campaign}`, { token: warehouse })).body.items;
      for (const token of [finance, auditor]) {
        const writes = [
          await pledge(campaign, [{ itemCode: 'shoe-covers', quantity: 1 }], {}, token),
          await inspect(pledged.id, [{ itemCode: 'shoe-covers', acceptedQuantity: 1, rejectedQuantity: 0 }], { token }),
          await distribute(campaign, [{ itemCode: 'shoe-covers', quantity: 1 }], '某医院', token),
          await t.request('POST', '/api/staff/in-kind/adjustments', {
            token,
            body: { campaignCode: campaign, itemCode: 'shoe-covers', quantity: -1, reason: 'x' },
          }),
          await t.request('POST', '/api/staff/in-kind/items', { token, body: { code: 'x-item', name: 'x', category: '其他', unit: '个' } }),
        ];
        expect(writes.map((w) => [w.status, w.body.code])).toEqual(Array(5).fill([403, 'FORBIDDEN']));
        for (const path of [
          `/api/staff/in-kind/stock?campaignCode=${campaign}`,
          `/api/staff/distributions?campaignCode=${campaign}`,
          `/api/staff/in-kind-donations/${pledged.id}`,
        ]) {
          expect((await t.request('GET', path, { token })).status).toBe(200);
        }
      }
      expect((await stockOf(campaign))['shoe-covers']).toMatchObject({ receivedQuantity: 10, distributedQuantity: 0, adjustedQuantity: 0 });
      const admins = await distribute(campaign, [{ itemCode: 'shoe-covers', quantity: 1 }], '某医院', admin);
      expect(admins.status).toBe(201);
      const anonymous = await t.request('POST', '/api/staff/distributions', {
        body: { campaignCode: campaign, recipient: 'x', items: [{ itemCode: 'shoe-covers', quantity: 1 }] },
      });
      expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect((await t.request('GET', `/api/staff/in-kind/stock?campaignCode=${campaign}`)).status).toBe(401);
    });
  });

  it('provides the goods line of the public totals under IN_KIND_TOTALS', () => {
    expect(totals).toBeInstanceOf(InKindTotalsService);
  });
});
