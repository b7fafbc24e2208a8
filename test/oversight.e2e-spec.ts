/**
 * Public oversight (issue 18): what the law asks the fundraising pages to show, designated funds,
 * corrections by voiding (never editing), the confirmation before a fund shows more disbursed than
 * received, and publications that respect consent and list what was corrected.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { Workbook } from 'exceljs';
import { creditCodeCheckChar } from '../src/common/credit-code';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DisbursementOversight1764800000000 } from '../src/database/migrations/1764800000000-disbursement-oversight';
import { DISCLOSURE_QUEUE, PUBLISH_DUE } from '../src/publications/disclosure-jobs';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { createCampaign, createDonation, login, startApp, TestApp, paySandbox } from './support/test-app';
import { repeatedRows, xlsx } from './support/zip-bomb';

jest.setTimeout(120_000);

/** The text of the first page's QR code (rendered with poppler, read with jsQR). */
async function qrOf(pdf: Buffer): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'oversight-qr-'));
  try {
    await writeFile(join(dir, 'n.pdf'), pdf);
    await promisify(execFile)('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'n.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(await readFile(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const CREDIT_BODY = '53110000500000000';
const CREDIT_CODE = CREDIT_BODY + creditCodeCheckChar(CREDIT_BODY);
const DISCLOSURE = {
  organizationName: '北京市温暖基金会',
  organizationCreditCode: CREDIT_CODE,
  fundraisingQualification: '京民慈公募〔2017〕第 8 号',
  filingNumber: '53110000500000000A20200001',
  contact: '010-6512 3456（工作日 9:00-17:00）',
};
const FUNDS = [
  { code: 'medical', name: '医疗救治' },
  { code: 'supplies', name: '防护物资' },
];

describe('public oversight', () => {
  let t: TestApp;
  let admin: string;
  let finance: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    const email = `finance-${randomUUID().slice(0, 8)}@test.wennuan`;
    expect(
      (await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role: 'finance', name: '财务' } })).status,
    ).toBe(201);
    finance = await login(t, email, 'long-enough-password');
  });
  afterAll(() => t?.close());

  const pay = (code: string, amountFen: number, body: Record<string, unknown> = {}) => paySandbox(t, code, amountFen, body);

  const disburse = (body: Record<string, unknown>, token = finance) =>
    t.request('POST', '/api/staff/disbursements', { token, body: { recipient: '武汉市金银潭医院', purpose: '防护服', date: '2020-02-10', ...body } });
  const totals = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/totals`)).body;
  const page = async (path: string) => {
    const res = await fetch(t.baseUrl + path);
    expect(res.status).toBe(200);
    return res.text();
  };

  describe('credentials on the pages', () => {
    it('returns the disclosure (null when none) and funds (always an array)', async () => {
      const plain = await createCampaign(t, admin);
      expect((await t.request('GET', `/api/campaigns/${plain}`)).body).toMatchObject({ disclosure: null, funds: [] });

      const code = await createCampaign(t, admin, { disclosure: DISCLOSURE, funds: FUNDS });
      const got = await t.request('GET', `/api/campaigns/${code}`);
      expect(got.status).toBe(200);
      expect(got.body.disclosure).toEqual(DISCLOSURE);
      expect(got.body.funds).toEqual(FUNDS);

      const partial = await createCampaign(t, admin, { disclosure: { organizationName: '某基金会', contact: '' } });
      expect((await t.request('GET', `/api/campaigns/${partial}`)).body.disclosure).toEqual({ organizationName: '某基金会' });
    });

    it('refuses a credit code failing GB 32100, duplicate fund codes, and unknown fields', async () => {
      const bad = CREDIT_BODY + (creditCodeCheckChar(CREDIT_BODY) === '0' ? '1' : '0');
      const res = await t.request('POST', '/api/staff/campaigns', {
        token: admin,
        body: { code: `t-${randomUUID().slice(0, 8)}`, title: '活动', receiptPrefix: 'TS', disclosure: { organizationCreditCode: bad } },
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_CREDIT_CODE');
      const dup = await t.request('POST', '/api/staff/campaigns', {
        token: admin,
        body: { code: `t-${randomUUID().slice(0, 8)}`, title: '活动', receiptPrefix: 'TS', funds: [FUNDS[0], FUNDS[0]] },
      });
      expect(dup.status).toBe(400);
      const extra = await t.request('POST', '/api/staff/campaigns', {
        token: admin,
        body: { code: `t-${randomUUID().slice(0, 8)}`, title: '活动', receiptPrefix: 'TS', disclosure: { idNumber: 'x' } },
      });
      expect(extra.status).toBe(400);
    });

    it('lets an admin change the disclosure (audited), nobody else', async () => {
      const code = await createCampaign(t, admin);
      expect((await t.request('PATCH', `/api/staff/campaigns/${code}`, { token: finance, body: { disclosure: DISCLOSURE } })).status).toBe(403);
      expect((await t.request('PATCH', `/api/staff/campaigns/${code}`, { body: { disclosure: DISCLOSURE } })).status).toBe(401);
      const bad = await t.request('PATCH', `/api/staff/campaigns/${code}`, { token: admin, body: { disclosure: { organizationCreditCode: '123' } } });
      expect(bad.status).toBe(422);
      expect(bad.body.code).toBe('INVALID_CREDIT_CODE');
      // The interval keeps the rules of creation (1 to 90 days).
      for (const disclosureIntervalDays of [0, 91, 1.5]) {
        const interval = await t.request('PATCH', `/api/staff/campaigns/${code}`, { token: admin, body: { disclosureIntervalDays } });
        expect({ status: interval.status, code: interval.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      }

      const res = await t.request('PATCH', `/api/staff/campaigns/${code}`, { token: admin, body: { disclosure: DISCLOSURE } });
      expect(res.status).toBe(200);
      expect(res.body.disclosure).toEqual(DISCLOSURE);
      expect((await t.request('GET', `/api/campaigns/${code}`)).body.disclosure).toEqual(DISCLOSURE);
      const audit = await t.request('GET', `/api/staff/audit-log?entity=campaign`, { token: admin });
      expect(audit.body.items.find((e: { action: string }) => e.action === 'campaign.update')).toMatchObject({
        before: { disclosure: null },
        after: { disclosure: DISCLOSURE },
      });

      const cleared = await t.request('PATCH', `/api/staff/campaigns/${code}`, { token: admin, body: { disclosure: null } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.disclosure).toBeNull();
    });

    it('shows every set field on /donate/:code and /c/:code, with how to look up a gift', async () => {
      const code = await createCampaign(t, admin, { disclosure: DISCLOSURE });
      for (const path of [`/donate/${code}`, `/c/${code}`]) {
        const html = await page(path);
        for (const label of ['募捐组织', '统一社会信用代码', '公开募捐资格证书', '慈善中国备案编号', '联系方式', '如何查询我的捐赠'])
          expect(html).toContain(label);
        for (const value of Object.values(DISCLOSURE)) expect(html).toContain(value.replace(/（/g, '（'));
      }
      const bare = await createCampaign(t, admin, { disclosure: { filingNumber: 'BA-2020-1' } });
      const html = await page(`/c/${bare}`);
      expect(html).toContain('BA-2020-1');
      expect(html).not.toContain('公开募捐资格证书</dt>');
    });
  });

  it('gives both pages share-friendly title, description and image tags', async () => {
    const code = await createCampaign(t, admin, { title: '温暖<测试>', disclosure: { organizationName: '北京市温暖基金会' } });
    await pay(code, 12_300);
    for (const [path, kind] of [
      [`/c/${code}`, 'c'],
      [`/donate/${code}`, 'donate'],
    ]) {
      const html = await page(path);
      expect(html).toMatch(/<meta property="og:title" content="温暖&lt;测试&gt; · [^"]+">/);
      expect(html).toContain(`<meta property="og:image" content="${t.config.publicBaseUrl}/api/campaigns/${code}/poster.png">`);
      expect(html).toContain(`<meta property="og:url" content="${t.config.publicBaseUrl}/${kind}/${code}">`);
      expect(html).toMatch(/<meta name="description" content="北京市温暖基金会「温暖&lt;测试&gt;」[^"]*123(\.00)?[^"]*1 位爱心人士/);
      expect(html).toContain('<meta itemprop="image"');
    }
  });

  describe('designated funds', () => {
    it('counts a designated gift in its fund and in the campaign; an unknown fund is 422 FUND_NOT_FOUND', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      const unknown = await createDonation(t, code, { amountFen: 100, fundCode: 'nope' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('FUND_NOT_FOUND');
      const other = await createCampaign(t, admin, { funds: [{ code: 'elsewhere', name: '别的基金' }] });
      expect((await createDonation(t, code, { amountFen: 100, fundCode: 'elsewhere' })).body.code).toBe('FUND_NOT_FOUND');

      await pay(code, 10_000, { fundCode: 'medical' });
      await pay(code, 2_550, { fundCode: 'medical' });
      await pay(code, 700, { fundCode: 'supplies' });
      await pay(code, 99);
      await pay(other, 5_000, { fundCode: 'elsewhere' });
      const body = await totals(code);
      expect(body).toMatchObject({ amountFen: 13_349, donationCount: 4 });
      expect(body.funds).toEqual([
        { code: 'medical', name: '医疗救治', amountFen: 12_550, disbursedFen: 0 },
        { code: 'supplies', name: '防护物资', amountFen: 700, disbursedFen: 0 },
      ]);
      expect((await totals(await createCampaign(t, admin))).funds).toBeUndefined();
    });

    it('keeps fund counters equal to the ledger: refunds take gifts out, the reconciler repairs drift', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      const orderNo = await pay(code, 4_000, { fundCode: 'medical' });
      await pay(code, 1_000, { fundCode: 'medical' });
      const refund = await t.request('POST', `/api/staff/donations/${orderNo}/refund`, { token: admin, body: { reason: '捐赠人要求退款' } });
      expect(refund.status).toBeLessThan(300);
      expect((await totals(code)).funds[0].amountFen).toBe(1_000);

      const [{ id }] = await t.db.query(`SELECT f.id FROM campaign_funds f JOIN campaigns c ON c.id = f.campaign_id WHERE c.code = $1 AND f.code = 'medical'`, [
        code,
      ]);
      await t.db.query(
        `UPDATE campaign_fund_counters SET amount_fen = amount_fen + 777
          WHERE fund_id = $1 AND shard = (SELECT min(shard) FROM campaign_fund_counters WHERE fund_id = $1 AND shard >= 0)`,
        [id],
      );
      const [{ cid }] = await t.db.query(`SELECT id AS cid FROM campaigns WHERE code = $1`, [code]);
      const report = await t.app.get(TotalsReconciler).reconcile(cid);
      expect(report.drift).toEqual([{ scope: 'fund', fund: 'medical', field: 'amountFen', counters: 1_777, ledger: 1_000 }]);
      expect((await t.app.get(TotalsReconciler).reconcile(cid)).drift).toEqual([]);
      const [{ fen }] = await t.db.query(`SELECT sum(amount_fen) AS fen FROM campaign_fund_counters WHERE fund_id = $1`, [id]);
      expect(Number(fen)).toBe(1_000);
    });

    it('shows the donor wall per fund: each designated gift names its fund, ?fund= filters, an unknown fund is 422 FUND_NOT_FOUND', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 1_000, { fundCode: 'medical', donorName: '张三丰', showOnWall: true });
      await pay(code, 2_000, { fundCode: 'supplies', donorName: '李四', showOnWall: true });
      await pay(code, 3_000, { donorName: '王五', showOnWall: true });
      await pay(code, 4_000, { fundCode: 'medical', donorName: '赵六', showOnWall: false });
      const wall = await t.request('GET', `/api/campaigns/${code}/wall?limit=50`);
      expect(wall.status).toBe(200);
      const byAmount = Object.fromEntries(wall.body.items.map((i: Record<string, unknown>) => [i.amountFen, i]));
      expect(wall.body.items).toHaveLength(3);
      expect(byAmount[1_000]).toMatchObject({ fundCode: 'medical', fundName: '医疗救治' });
      expect(byAmount[2_000]).toMatchObject({ fundCode: 'supplies', fundName: '防护物资' });
      expect(byAmount[3_000].fundCode).toBeUndefined();
      expect(typeof byAmount[3_000].name).toBe('string');

      const medical = await t.request('GET', `/api/campaigns/${code}/wall?limit=50&fund=medical`);
      expect(medical.status).toBe(200);
      expect(medical.body.items.map((i: Record<string, unknown>) => i.amountFen)).toEqual([1_000]);
      expect(medical.body.items[0]).toMatchObject({ fundCode: 'medical', fundName: '医疗救治' });
      expect(Object.keys(medical.body.items[0])).toEqual(expect.arrayContaining(['name', 'amountFen', 'paidAt']));
      expect((await t.request('GET', `/api/campaigns/${code}/wall?fund=supplies`)).body.items.map((i: Record<string, unknown>) => i.amountFen)).toEqual([
        2_000,
      ]);

      for (const bad of ['nope', 'NOPE!', 'x'.repeat(65)]) {
        const unknown = await t.request('GET', `/api/campaigns/${code}/wall?fund=${encodeURIComponent(bad)}`);
        expect(unknown.status).toBe(422);
        expect(unknown.body.code).toBe('FUND_NOT_FOUND');
      }
      const other = await createCampaign(t, admin, { funds: [{ code: 'elsewhere', name: '别的基金' }] });
      expect((await t.request('GET', `/api/campaigns/${code}/wall?fund=elsewhere`)).body.code).toBe('FUND_NOT_FOUND');
      expect((await t.request('GET', `/api/campaigns/${other}/wall?fund=elsewhere`)).body.items).toEqual([]);
    });

    it('lets the donor pick a fund (or none) on the donate page, with and without script', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      const html = await page(`/donate/${code}`);
      expect(html).toContain('name="fundCode" value="medical"');
      expect(html).toContain('医疗救治');
      expect(html).toContain('name="fundCode" value=""');
      const form = new URLSearchParams({ idempotencyKey: randomUUID(), amountFen: '5000', channel: 'sandbox', fundCode: 'supplies' });
      const res = await fetch(`${t.baseUrl}/donate/${code}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      const rows = await t.db.query(
        `SELECT f.code FROM donations d JOIN campaigns c ON c.id = d.campaign_id JOIN campaign_funds f ON f.id = d.fund_id WHERE c.code = $1`,
        [code],
      );
      expect(rows).toEqual([{ code: 'supplies' }]);
      expect(await page(`/donate/${await createCampaign(t, admin)}`)).not.toContain('name="fundCode"');
    });
  });

  describe('disbursements: funds, the confirmation, corrections', () => {
    it('charges a disbursement to its fund; an unknown fund is 422 FUND_NOT_FOUND', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 10_000, { fundCode: 'medical' });
      await pay(code, 5_000);
      const unknown = await disburse({ campaignCode: code, amountFen: 100, fundCode: 'nope' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.code).toBe('FUND_NOT_FOUND');
      const made = await disburse({ campaignCode: code, amountFen: 6_000, fundCode: 'medical' });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ fundCode: 'medical', voided: false, confirmedExceeding: false });
      expect((await disburse({ campaignCode: code, amountFen: 4_000 })).status).toBe(201);
      const body = await totals(code);
      expect(body.disbursedFen).toBe(10_000);
      expect(body.funds[0]).toMatchObject({ code: 'medical', amountFen: 10_000, disbursedFen: 6_000 });
    });

    it('refuses a disbursement above what the fund or the campaign received unless confirmed, and records the confirmation', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 10_000, { fundCode: 'medical' });
      await pay(code, 90_000);
      // The campaign holds 1,000.00 yuan, but the fund only 100.00.
      // The console's request: confirmExceeding false, stop if it exceeds (the person is then asked).
      const fundOver = await disburse({ campaignCode: code, amountFen: 10_001, fundCode: 'medical', confirmExceeding: false });
      expect(fundOver.status).toBe(422);
      expect(fundOver.body.code).toBe('DISBURSEMENT_EXCEEDS_RECEIVED');
      expect(fundOver.body.message).toContain('医疗救治');
      expect(fundOver.body.message).toContain('100.00');
      expect(fundOver.body.message).toContain('100.01');
      // The mistyped 99,999,999 yuan of the issue.
      const typo = await disburse({ campaignCode: code, amountFen: 9_999_999_900, confirmExceeding: false });
      expect(typo.status).toBe(422);
      expect(typo.body.code).toBe('DISBURSEMENT_EXCEEDS_RECEIVED');
      expect(typo.body.message).toContain('1000.00');
      expect((await totals(code)).disbursedFen).toBe(0);
      expect((await disburse({ campaignCode: code, amountFen: 10_000, fundCode: 'medical' })).status).toBe(201);

      const confirmed = await disburse({ campaignCode: code, amountFen: 5_000, fundCode: 'medical', confirmExceeding: true });
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.confirmedExceeding).toBe(true);
      expect(confirmed.body.exceedsReceived).toBe(true);
      const audit = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${confirmed.body.id}`, { token: admin });
      expect(audit.body.items[0]).toMatchObject({
        action: 'disbursement.create',
        after: { confirmedExceeding: true, exceedingConfirmed: [expect.stringContaining('医疗救治')] },
      });
      expect((await totals(code)).funds[0]).toMatchObject({ amountFen: 10_000, disbursedFen: 15_000 });
      expect(await page(`/c/${code}`)).toContain('超出收到金额');

      // A client of the contract's plain POST (no confirmExceeding at all) is answered 201 as the
      // contract says, with the excess named in a warning and in the audit log, never silently.
      const plain = await disburse({ campaignCode: code, amountFen: 2_000, fundCode: 'medical' });
      expect(plain.status).toBe(201);
      expect(plain.body).toMatchObject({ exceedsReceived: true, confirmedExceeding: false, warning: expect.stringContaining('医疗救治') });
      expect(plain.body.warning).toContain('170.00');
      const plainAudit = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${plain.body.id}`, { token: admin });
      expect(plainAudit.body.items[0].after.exceedingUnconfirmed).toEqual([expect.stringContaining('医疗救治')]);
      const within = await disburse({ campaignCode: code, amountFen: 1, confirmExceeding: false });
      expect(within.status).toBe(201);
      expect(within.body).toMatchObject({ exceedsReceived: false });
      expect(within.body.warning).toBeUndefined();
    });

    it('voids a disbursement: no longer counted, still listed as a correction with its reason; twice is 409; audited', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 20_000, { fundCode: 'supplies' });
      const wrong = (await disburse({ campaignCode: code, amountFen: 15_000, fundCode: 'supplies', recipient: '错录的医院' })).body;
      const before = await totals(code);
      expect(before.disbursedFen).toBe(15_000);

      expect((await t.request('POST', `/api/staff/disbursements/${wrong.id}/void`, { token: finance, body: {} })).status).toBe(400);
      const voided = await t.request('POST', `/api/staff/disbursements/${wrong.id}/void`, { token: finance, body: { reason: '金额录入错误，已重新登记' } });
      expect(voided.status).toBe(200);
      expect(voided.body).toMatchObject({ id: wrong.id, voided: true, voidReason: '金额录入错误，已重新登记', voidedAt: expect.any(String) });
      const again = await t.request('POST', `/api/staff/disbursements/${wrong.id}/void`, { token: finance, body: { reason: '再次' } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DISBURSEMENT_ALREADY_VOIDED');
      expect((await t.request('POST', `/api/staff/disbursements/${randomUUID()}/void`, { token: finance, body: { reason: 'x' } })).status).toBe(404);

      const after = await totals(code);
      expect(after.disbursedFen).toBe(0);
      expect(after.funds[1]).toMatchObject({ code: 'supplies', disbursedFen: 0 });
      expect((await disburse({ campaignCode: code, amountFen: 1_500, fundCode: 'supplies', recipient: '武汉市第一医院' })).status).toBe(201);
      expect((await totals(code)).disbursedFen).toBe(1_500);

      const listed = (await t.request('GET', `/api/campaigns/${code}/disbursements`)).body.items;
      expect(listed).toHaveLength(2);
      expect(listed.find((d: { id: string }) => d.id === wrong.id)).toMatchObject({ amountFen: 15_000, voided: true, voidReason: '金额录入错误，已重新登记' });
      const html = await page(`/c/${code}`);
      expect(html).toContain('更正记录');
      expect(html).toContain('错录的医院');
      expect(html).toContain('金额录入错误，已重新登记');

      const audit = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${wrong.id}`, { token: admin });
      expect(audit.body.items[0]).toMatchObject({ action: 'disbursement.void', after: { voided: true, voidReason: '金额录入错误，已重新登记' } });
      const [{ count }] = await t.db.query(`SELECT count(*) FROM disbursements WHERE id = $1 AND amount_fen = 15000`, [wrong.id]);
      expect(Number(count)).toBe(1);
    });
  });

  describe('publications', () => {
    const publish = (code: string) => t.request('POST', `/api/staff/campaigns/${code}/publications`, { token: finance });
    const csvLines = async (url: string) => {
      const bytes = Buffer.from(await (await fetch(t.baseUrl + url)).arrayBuffer());
      return bytes.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    };

    it('names only donors who agreed to be shown (others are 爱心人士), under Chinese headers, with the fund', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 1_000, { donorName: '张三', showOnWall: true, fundCode: 'medical' });
      await pay(code, 2_000, { donorName: '李四', showOnWall: false });
      await pay(code, 3_000, { donorName: '王五', showOnWall: true, anonymous: true });
      const res = await publish(code);
      expect(res.status).toBe(201);
      expect(res.body.totals.funds).toEqual((await totals(code)).funds);
      const [header, ...rows] = await csvLines(res.body.csvUrl);
      expect(header).toBe('序号,到账时间,捐赠人,金额（分）,金额（元）,支付渠道,定向基金');
      expect(rows.map((r) => r.split(',')[2])).toEqual(['张*', '爱心人士', '爱心人士']);
      expect(rows[0].split(',')[6]).toBe('医疗救治');
      expect(rows.join('\n')).not.toContain('李');
    });

    it('says what was corrected since the previous publication', async () => {
      const code = await createCampaign(t, admin);
      await pay(code, 50_000);
      const wrong = (await disburse({ campaignCode: code, amountFen: 40_000, recipient: '错录单位' })).body;
      const first = (await publish(code)).body;
      expect(first.corrections).toEqual([]);
      expect(first.totals.disbursedFen).toBe(40_000);

      await t.request('POST', `/api/staff/disbursements/${wrong.id}/void`, { token: finance, body: { reason: '收款单位录错' } });
      await disburse({ campaignCode: code, amountFen: 4_000, recipient: '正确单位' });
      const second = (await publish(code)).body;
      expect(second.totals.disbursedFen).toBe(4_000);
      expect(second.corrections).toEqual([
        {
          kind: 'disbursement_voided',
          disbursementId: wrong.id,
          recipient: '错录单位',
          amountFen: 40_000,
          date: '2020-02-10',
          reason: '收款单位录错',
          voidedAt: expect.any(String),
        },
      ]);
      expect(JSON.parse(second.manifest).corrections).toHaveLength(1);
      const third = (await publish(code)).body;
      expect(third.corrections).toEqual([]);
      const listed = (await t.request('GET', `/api/campaigns/${code}/publications`)).body.items;
      expect(listed.find((p: { id: string }) => p.id === second.id).corrections).toHaveLength(1);
    });
  });

  describe('scheduled disclosure', () => {
    const schedule = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/disclosure-schedule`)).body;
    const publications = async (code: string) => (await t.request('GET', `/api/campaigns/${code}/publications`)).body.items;
    /** Runs the repeatable job once, through the queue, as its schedule does, and waits until the publications appear. */
    async function runJobUntil(code: string, count: number) {
      const queue = t.app.get<Queue>(getQueueToken(DISCLOSURE_QUEUE), { strict: false });
      await queue.add(PUBLISH_DUE, {}, { jobId: `test-${randomUUID()}` });
      for (let i = 0; i < 100; i++) {
        const items = await publications(code);
        if (items.length >= count) return items;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the job made no publication');
    }

    it('a publication falls due (overdue on the pages) and is made by the job, once', async () => {
      const code = await createCampaign(t, admin, { disclosureIntervalDays: 30 });
      await pay(code, 8_800);
      expect(await schedule(code)).toMatchObject({ intervalDays: 30, overdue: false, nextKind: 'scheduled', lastPublishedAt: null });
      expect(
        (
          await t.request('POST', '/api/staff/campaigns', {
            token: admin,
            body: { code: `t-${randomUUID().slice(0, 8)}`, title: 'x', receiptPrefix: 'TS', disclosureIntervalDays: 91 },
          })
        ).status,
      ).toBe(400);
      // The campaign was recorded 31 days ago: its first publication is a day late.
      await t.db.query(`UPDATE campaigns SET created_at = created_at - interval '31 days' WHERE code = $1`, [code]);
      expect(await schedule(code)).toMatchObject({ overdue: true, nextKind: 'scheduled' });
      const html = await page(`/c/${code}`);
      expect(html).toContain('本期公示已逾期');

      const [made] = await runJobUntil(code, 1);
      expect(made).toMatchObject({ seq: 1, kind: 'scheduled', totals: { amountFen: 8_800, donationCount: 1 } });
      const [{ created_by }] = await t.db.query(`SELECT created_by FROM publications WHERE id = $1`, [made.id]);
      expect(created_by).toBeNull();
      expect(await schedule(code)).toMatchObject({ overdue: false, lastPublishedAt: made.asOf });
      // Run again: nothing is due, nothing more is made.
      const queue = t.app.get<Queue>(getQueueToken(DISCLOSURE_QUEUE), { strict: false });
      const again = await queue.add(PUBLISH_DUE, {}, { jobId: `test-${randomUUID()}` });
      for (let i = 0; i < 100 && !(await again.isCompleted()); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await again.isCompleted()).toBe(true);
      expect(await publications(code)).toHaveLength(1);
    });

    it('makes the final account once the campaign has ended', async () => {
      const code = await createCampaign(t, admin, { disclosureIntervalDays: 90 });
      await pay(code, 1_234);
      await t.db.query(
        `UPDATE campaigns SET created_at = now() - interval '40 days', starts_at = now() - interval '40 days', ends_at = now() - interval '1 day' WHERE code = $1`,
        [code],
      );
      expect(await schedule(code)).toMatchObject({ overdue: true, nextKind: 'final', finalPublished: false, finalDeadline: expect.any(String) });
      const [made] = await runJobUntil(code, 1);
      expect(made).toMatchObject({ kind: 'final', totals: { amountFen: 1_234 } });
      expect(await schedule(code)).toMatchObject({ overdue: false, nextDueAt: null, finalPublished: true });
      expect(await page(`/c/${code}`)).toContain('结项公示');
    });
  });

  describe('disbursement plans (逐级拨付逐级公布)', () => {
    /** The three district plans of the seed (000_f615af97c7c32ce3.txt); the article gives the totals and tiers, not the units' names. */
    const csv = (lines: [string, number, string][]) => '受助单位,金额（元）,用途\n' + lines.map(([r, yuan, p]) => `${r},${yuan},${p}`).join('\n') + '\n';
    const chaoyang: [string, number, string][] = [
      ...Array.from({ length: 20 }, (_, i): [string, number, string] => [`朝阳区小型社区${i + 1}`, 50_000, '社区防控一线慰问补贴']),
      ...Array.from({ length: 25 }, (_, i): [string, number, string] => [`朝阳区中型社区${i + 1}`, 80_000, '社区防控一线慰问补贴']),
      ...Array.from({ length: 20 }, (_, i): [string, number, string] => [`朝阳区大型社区${i + 1}`, 100_000, '社区防控一线慰问补贴']),
    ];
    const dongcheng = Array.from({ length: 17 }, (_, i): [string, number, string] => [`东城区街道${i + 1}`, 50_000, '慰问金']);
    const fengtai = Array.from({ length: 40 }, (_, i): [string, number, string] => [`丰台区基层单位${i + 1}`, 34_750, '防护用品购置和一线职工慰问']);
    const plans = [
      { title: '朝阳区总工会专款：按社区大小 5万/8万/10万', totalFen: 500_000_000, lines: chaoyang },
      { title: '东城区总工会：17 个街道各 5 万元', totalFen: 85_000_000, lines: dongcheng },
      { title: '丰台区总工会专项资金：40 个基层单位', totalFen: 139_000_000, lines: fengtai },
    ];

    it('refuses a plan that does not add up, or has bad lines', async () => {
      const code = await createCampaign(t, admin);
      const off = await t.request('POST', '/api/staff/disbursement-plans', {
        token: finance,
        body: { campaignCode: code, title: '东城', totalFen: 85_000_001, csv: csv(dongcheng) },
      });
      expect(off.status).toBe(422);
      expect(off.body.code).toBe('PLAN_TOTAL_MISMATCH');
      expect(off.body.message).toContain('850000.00');
      const bad = await t.request('POST', '/api/staff/disbursement-plans', {
        token: finance,
        body: { campaignCode: code, title: 'x', totalFen: 100, csv: '受助单位,金额（元）,用途\nA,abc,x\n' },
      });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'INVALID_PLAN', details: { errors: [{ line: 2, code: 'INVALID_AMOUNT' }] } });
    });

    /** A plan as a spreadsheet program writes it: exceljs, the project's XLSX library; amounts as numbers, a blank row left in. */
    async function planXlsx(lines: [string, number, string][]): Promise<Buffer> {
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('拨付计划');
      sheet.addRow(['受助单位', '金额（元）', '用途']);
      lines.forEach(([recipient, yuan, purpose], i) => {
        sheet.addRow([recipient, yuan, purpose]);
        if (i === 0) sheet.addRow([]);
      });
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
    async function importPlan(fields: Record<string, string>, file: Buffer, filename = 'plan.xlsx', token = finance) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(file)]), filename);
      const res = await fetch(`${t.baseUrl}/api/staff/disbursement-plans/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      return { status: res.status, body: await res.json() };
    }
    const linesOf = (plan: { lines: Record<string, unknown>[] }) =>
      plan.lines.map(({ lineNo, recipient, amountFen, purpose }) => ({ lineNo, recipient, amountFen, purpose }));

    it('imports the three district plans from XLSX (same headers) exactly as from CSV', async () => {
      const code = await createCampaign(t, admin);
      let lastImported = '';
      for (const plan of plans) {
        const fromCsv = await t.request('POST', '/api/staff/disbursement-plans', {
          token: finance,
          body: { campaignCode: code, title: plan.title, totalFen: plan.totalFen, csv: csv(plan.lines) },
        });
        expect(fromCsv.status).toBe(201);
        const fromXlsx = await importPlan({ campaignCode: code, title: plan.title, totalFen: String(plan.totalFen) }, await planXlsx(plan.lines));
        expect(fromXlsx.status).toBe(201);
        expect(fromXlsx.body).toMatchObject({ status: 'draft', title: plan.title, totalFen: plan.totalFen, paidFen: 0 });
        expect(linesOf(fromXlsx.body)).toEqual(linesOf(fromCsv.body));
        expect(fromXlsx.body.lines).toHaveLength(plan.lines.length);
        lastImported = fromXlsx.body.id;
        // The same file as CSV through the import endpoint: the same lines again.
        const csvFile = await importPlan({ campaignCode: code, title: plan.title, totalFen: String(plan.totalFen) }, Buffer.from(csv(plan.lines)), 'plan.csv');
        expect(csvFile.status).toBe(201);
        expect(linesOf(csvFile.body)).toEqual(linesOf(fromCsv.body));
      }
      const stored = await t.db.query(
        `SELECT p.title, count(*)::int AS n, sum(l.amount_fen)::bigint AS fen FROM disbursement_plans p JOIN disbursement_plan_lines l ON l.plan_id = p.id
          JOIN campaigns c ON c.id = p.campaign_id WHERE c.code = $1 GROUP BY p.id, p.title ORDER BY p.created_at`,
        [code],
      );
      expect(stored.map((r: { n: number; fen: string }) => [r.n, Number(r.fen)])).toEqual(plans.flatMap((p) => Array(3).fill([p.lines.length, p.totalFen])));
      const imported = await t.request('GET', `/api/staff/audit-log?entity=disbursement_plan&entityId=${lastImported}`, { token: admin });
      expect(imported.body.items[0]).toMatchObject({ action: 'disbursement_plan.create', after: { lineCount: 40, totalFen: 139_000_000 } });
    });

    it('gives the lines of a tiered plan (朝阳区: 5万/8万/10万 by community size) their tier’s amount, from XLSX or CSV', async () => {
      const code = await createCampaign(t, admin);
      await pay(code, 100_000_000);
      await pay(code, 100_000_000);
      await pay(code, 100_000_000);
      await pay(code, 100_000_000);
      await pay(code, 100_000_000);
      const tiers = [
        { name: '小型社区', amountFen: 5_000_000 },
        { name: '中型社区', amountFen: 8_000_000 },
        { name: '大型社区', amountFen: 10_000_000 },
      ];
      const tierOf = (recipient: string) => (recipient.includes('小型') ? '小型社区' : recipient.includes('中型') ? '中型社区' : '大型社区');
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('朝阳区');
      sheet.addRow(['受助单位', '档次', '用途']);
      for (const [recipient, , purpose] of chaoyang) sheet.addRow([recipient, tierOf(recipient), purpose]);
      const tiered = Buffer.from(await workbook.xlsx.writeBuffer());
      const fields = { campaignCode: code, title: plans[0].title, totalFen: String(plans[0].totalFen), tiers: JSON.stringify(tiers) };
      const fromTiers = await importPlan(fields, tiered);
      expect(fromTiers.status).toBe(201);
      const byAmount = await t.request('POST', '/api/staff/disbursement-plans', {
        token: finance,
        body: { campaignCode: code, title: plans[0].title, totalFen: plans[0].totalFen, csv: csv(chaoyang) },
      });
      expect(linesOf(fromTiers.body)).toEqual(linesOf(byAmount.body));
      expect(fromTiers.body.tiers).toEqual([
        { name: '小型社区', amountFen: 5_000_000, amountYuan: '50000.00', count: 20 },
        { name: '中型社区', amountFen: 8_000_000, amountYuan: '80000.00', count: 25 },
        { name: '大型社区', amountFen: 10_000_000, amountYuan: '100000.00', count: 20 },
      ]);
      expect(fromTiers.body.lines[20]).toMatchObject({ recipient: '朝阳区中型社区1', tier: '中型社区', amountFen: 8_000_000 });
      expect(byAmount.body.tiers).toEqual([]);

      // The JSON import takes the same: a CSV with 档次, or 档次 and 金额 that agree.
      const mixed = '受助单位,档次,金额（元）,用途\n朝阳区小型社区1,小型社区,,慰问\n朝阳区大型社区1,大型社区,100000,慰问\n';
      const json = await t.request('POST', '/api/staff/disbursement-plans', {
        token: finance,
        body: { campaignCode: code, title: '两个社区', totalFen: 15_000_000, csv: mixed, tiers },
      });
      expect(json.status).toBe(201);
      expect(json.body.lines.map((l: { amountFen: number; tier: string }) => [l.amountFen, l.tier])).toEqual([
        [5_000_000, '小型社区'],
        [10_000_000, '大型社区'],
      ]);
      const unknown = await importPlan({ ...fields, tiers: JSON.stringify(tiers.slice(0, 2)) }, tiered);
      expect(unknown).toMatchObject({
        status: 422,
        body: { code: 'INVALID_PLAN', details: { errors: expect.arrayContaining([expect.objectContaining({ line: 47, code: 'INVALID_TIER' })]) } },
      });
      const noTiers = await importPlan({ campaignCode: code, title: 'x', totalFen: '1' }, tiered);
      expect({ status: noTiers.status, code: noTiers.body.code }).toEqual({ status: 422, code: 'INVALID_PLAN' });
      for (const bad of ['not json', JSON.stringify([{ name: '小型社区', amountFen: 1.5 }]), JSON.stringify([tiers[0], tiers[0]])]) {
        const res = await importPlan({ ...fields, tiers: bad }, tiered);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      }

      expect((await t.request('POST', `/api/staff/disbursement-plans/${fromTiers.body.id}/approve`, { token: admin })).status).toBe(200);
      const listed = (await t.request('GET', `/api/campaigns/${code}/disbursement-plans`)).body.items[0];
      expect(listed.tiers.map((tier: { count: number }) => tier.count)).toEqual([20, 25, 20]);
      const html = await page(`/c/${code}`);
      expect(html).toContain('按档次拨付：小型社区 ¥50,000.00 × 20，中型社区 ¥80,000.00 × 25，大型社区 ¥100,000.00 × 20');
      expect(html).toContain('<td>中型社区</td>');
    });

    it('refuses a crafted or oversized plan file with a code, and records nothing', async () => {
      const code = await createCampaign(t, admin);
      const fields = { campaignCode: code, title: '东城', totalFen: '85000000' };
      const count = async () =>
        Number((await t.db.query(`SELECT count(*) FROM disbursement_plans p JOIN campaigns c ON c.id = p.campaign_id WHERE c.code = $1`, [code]))[0].count);
      // A decompression bomb: a small XLSX inflating far beyond what a plan can be, refused before exceljs parses it.
      const bomb = xlsx(repeatedRows(400_000));
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const bombed = await importPlan(fields, bomb);
      expect({ status: bombed.status, code: bombed.body.code }).toEqual({ status: 413, code: 'PLAN_FILE_TOO_LARGE' });
      expect(bombed.body.message).toMatch(/解压后/);
      // Headers that lie about the inflated size: counted while inflating.
      const liar = await importPlan(
        fields,
        xlsx(repeatedRows(20_000, `<row><c t="inlineStr"><is><t>${'A'.repeat(2000)}</t></is></c></row>`), { declaredSheetSize: 1024 }),
      );
      expect({ status: liar.status, code: liar.body.code }).toEqual({ status: 413, code: 'PLAN_FILE_TOO_LARGE' });
      // More rows than a plan may have, and a file over 5 MB.
      const rows = await importPlan(fields, xlsx(repeatedRows(6_000)));
      expect({ status: rows.status, code: rows.body.code }).toEqual({ status: 413, code: 'PLAN_FILE_TOO_LARGE' });
      const big = await importPlan(fields, Buffer.concat([Buffer.from('受助单位,金额（元）,用途\n'), Buffer.alloc(6 * 1024 * 1024, 0x41)]), 'plan.csv');
      expect({ status: big.status, code: big.body.code }).toEqual({ status: 413, code: 'PLAN_FILE_TOO_LARGE' });
      // Not a spreadsheet at all, and a good file with a wrong total.
      const broken = await importPlan(fields, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]));
      expect({ status: broken.status, code: broken.body.code }).toEqual({ status: 422, code: 'INVALID_PLAN' });
      const off = await importPlan({ ...fields, totalFen: '85000001' }, await planXlsx(plans[1].lines));
      expect({ status: off.status, code: off.body.code }).toEqual({ status: 422, code: 'PLAN_TOTAL_MISMATCH' });
      const noTotal = await importPlan({ campaignCode: code, title: '东城' }, await planXlsx(plans[1].lines));
      expect({ status: noTotal.status, code: noTotal.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await count()).toBe(0);
      expect((await t.request('GET', '/health')).status).toBe(200);
    });

    it('imports the seed’s three district plans as they are, approves and pays them, and lists every recipient publicly', async () => {
      const code = await createCampaign(t, admin);
      for (let i = 0; i < 8; i++) await pay(code, 100_000_000);
      for (const plan of plans) {
        const made = await t.request('POST', '/api/staff/disbursement-plans', {
          token: finance,
          body: { campaignCode: code, title: plan.title, totalFen: plan.totalFen, csv: csv(plan.lines) },
        });
        expect(made.status).toBe(201);
        expect(made.body).toMatchObject({ status: 'draft', totalFen: plan.totalFen, paidFen: 0 });
        expect(made.body.lines).toHaveLength(plan.lines.length);
        const early = await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/lines/1/pay`, { token: finance, body: { date: '2020-02-20' } });
        expect(early.status).toBe(409);
        expect(early.body.code).toBe('PLAN_NOT_APPROVED');
        expect((await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/approve`, { token: finance })).status).toBe(403);
        expect((await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/approve`, { token: admin })).status).toBe(200);
        for (let line = 1; line <= plan.lines.length; line++) {
          const paid = await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/lines/${line}/pay`, {
            token: finance,
            body: { date: '2020-02-20' },
          });
          expect(paid.status).toBe(201);
        }
        const twice = await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/lines/1/pay`, { token: finance, body: { date: '2020-02-21' } });
        expect(twice.status).toBe(409);
        expect(twice.body.code).toBe('PLAN_LINE_PAID');
      }
      expect((await totals(code)).disbursedFen).toBe(724_000_000);
      const listed = (await t.request('GET', `/api/campaigns/${code}/disbursement-plans`)).body.items;
      expect(listed.map((p: { paidFen: number }) => p.paidFen)).toEqual([500_000_000, 85_000_000, 139_000_000]);
      expect(listed[0].lines[64]).toMatchObject({ recipient: '朝阳区大型社区20', amountFen: 10_000_000, paid: true, paidOn: '2020-02-20' });
      expect((await t.request('GET', `/api/campaigns/${code}/disbursements`)).body.items).toHaveLength(122);
      const html = await page(`/c/${code}`);
      for (const name of ['朝阳区小型社区1', '东城区街道17', '丰台区基层单位40', '拨付计划']) expect(html).toContain(name);
    });
  });

  describe('cash disbursements: the recipient confirms, each payment with its proof, the unconfirmed excess', () => {
    const csv = (lines: [string, number, string][]) => '受助单位,金额（元）,用途\n' + lines.map(([r, yuan, p]) => `${r},${yuan},${p}`).join('\n') + '\n';
    const pdf = (tag: string) => Buffer.from(`%PDF-1.4\n% 转账回单 ${tag}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`);
    const proofFiles = async () => (await readdir(join(t.config.storageDir, 'uploads', 'disbursements')).catch(() => [] as string[])).length;
    async function approvedPlan(code: string, lines: [string, number, string][]) {
      const made = await t.request('POST', '/api/staff/disbursement-plans', {
        token: finance,
        body: { campaignCode: code, title: '东城区总工会：街道慰问金', totalFen: lines.reduce((sum, [, yuan]) => sum + yuan * 100, 0), csv: csv(lines) },
      });
      expect(made.status).toBe(201);
      expect((await t.request('POST', `/api/staff/disbursement-plans/${made.body.id}/approve`, { token: admin })).status).toBe(200);
      return made.body.id as string;
    }
    async function payWithProof(planId: string, lineNo: number, fields: Record<string, string>, file?: { bytes: Buffer; name: string }) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      if (file) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
      const res = await fetch(`${t.baseUrl}/api/staff/disbursement-plans/${planId}/lines/${lineNo}/pay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${finance}` },
        body: form,
      });
      return { status: res.status, body: await res.json() };
    }
    const publicItem = async (code: string, id: string) =>
      (await t.request('GET', `/api/campaigns/${code}/disbursements`)).body.items.find((d: { id: string }) => d.id === id);

    it('a paid line’s payment notice carries the signed link; the unit confirms once without an account; shown publicly beside the disbursement', async () => {
      const code = await createCampaign(t, admin);
      await pay(code, 20_000_000);
      const planId = await approvedPlan(code, [
        ['东城区东华门街道', 50_000, '慰问金'],
        ['东城区景山街道', 50_000, '慰问金'],
      ]);
      const paid = await t.request('POST', `/api/staff/disbursement-plans/${planId}/lines/1/pay`, {
        token: finance,
        body: { date: '2020-02-20', bankReference: `BOC-${randomUUID().slice(0, 8)}` },
      });
      expect(paid.status).toBe(201);
      expect(paid.body.confirmUrl).toMatch(new RegExp(`^${t.config.publicBaseUrl}/confirm/payment/${paid.body.id}\\?s=[A-Za-z0-9_-]{22}$`));
      // Staff get the same link from the record and on the printed payment notice (its QR code).
      expect((await t.request('GET', `/api/staff/disbursements/${paid.body.id}`, { token: finance })).body.confirmUrl).toBe(paid.body.confirmUrl);
      const notice = await fetch(`${t.baseUrl}${paid.body.paymentNoticeUrl}`, { headers: { authorization: `Bearer ${finance}` } });
      expect(notice.status).toBe(200);
      expect(notice.headers.get('content-type')).toBe('application/pdf');
      expect(await qrOf(Buffer.from(await notice.arrayBuffer()))).toBe(paid.body.confirmUrl);
      expect((await fetch(`${t.baseUrl}${paid.body.paymentNoticeUrl}`)).status).toBe(401);
      const created = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${paid.body.id}`, { token: admin });
      expect(created.body.items[0]).toMatchObject({ action: 'disbursement.create', after: { bankReference: paid.body.bankReference } });
      expect(JSON.stringify(created.body)).not.toContain('/confirm/payment/');

      const url = new URL(paid.body.confirmUrl);
      const s = url.searchParams.get('s')!;
      const form = await fetch(t.baseUrl + url.pathname + url.search);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('东城区东华门街道');
      expect(html).toContain('name="amountReceivedYuan"');
      expect((await publicItem(code, paid.body.id)).confirmation).toBeNull();

      // A forged or missing signature is the same 404 as an unknown disbursement; a delivery note's kind of link does not open it.
      const forged = `${s.slice(0, 21)}${s[21] === 'A' ? 'B' : 'A'}`;
      const unknown = await t.request('POST', `/api/disbursements/${randomUUID()}/confirmation`, {
        body: { s, confirmedBy: 'x', receivedAt: new Date().toISOString(), amountReceivedFen: 1 },
      });
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'DISBURSEMENT_NOT_FOUND' });
      for (const signature of [forged, 'AAAAAAAAAAAAAAAAAAAAAA', undefined]) {
        const res = await t.request('POST', `/api/disbursements/${paid.body.id}/confirmation`, {
          body: { s: signature, confirmedBy: '李出纳', receivedAt: new Date().toISOString(), amountReceivedFen: 5_000_000 },
        });
        expect(res.body).toEqual(unknown.body);
        expect(res.status).toBe(404);
        expect((await fetch(`${t.baseUrl}/confirm/payment/${paid.body.id}${signature ? `?s=${signature}` : ''}`)).status).toBe(404);
      }
      const other = await t.request('POST', `/api/staff/disbursement-plans/${planId}/lines/2/pay`, { token: finance, body: { date: '2020-02-21' } });
      expect((await fetch(`${t.baseUrl}/confirm/payment/${other.body.id}?s=${s}`)).status).toBe(404);

      // More than was paid, or a time before the payment's day, is refused; nothing is recorded.
      const tooMuch = await t.request('POST', `/api/disbursements/${paid.body.id}/confirmation`, {
        body: { s, confirmedBy: '李出纳', receivedAt: '2020-02-20T15:00:00+08:00', amountReceivedFen: 5_000_001 },
      });
      expect({ status: tooMuch.status, code: tooMuch.body.code }).toEqual({ status: 422, code: 'INVALID_CONFIRMATION' });
      const early = await t.request('POST', `/api/disbursements/${paid.body.id}/confirmation`, {
        body: { s, confirmedBy: '李出纳', receivedAt: '2020-02-19T15:00:00+08:00', amountReceivedFen: 5_000_000 },
      });
      expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'INVALID_CONFIRMATION' });

      // The unit confirms on the page (Beijing time, yuan).
      const posted = await fetch(`${t.baseUrl}/confirm/payment/${paid.body.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          s,
          confirmedBy: '李出纳',
          receivedAt: '2020-02-20T16:30',
          amountReceivedYuan: '49999.50',
          note: '银行扣手续费 0.50 元',
        }).toString(),
      });
      expect(posted.status).toBe(200);
      const postedHtml = await posted.text();
      expect(postedHtml).toContain('已确认收款，谢谢！');
      expect(postedHtml).not.toContain('class="alert"');

      // A second submission (or two at once) never makes a second confirmation.
      const again = await Promise.all(
        ['王会计', '赵会计'].map((confirmedBy) =>
          t.request('POST', `/api/disbursements/${paid.body.id}/confirmation`, {
            body: { s, confirmedBy, receivedAt: '2020-02-20T17:00:00+08:00', amountReceivedFen: 5_000_000 },
          }),
        ),
      );
      for (const res of again) expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'DISBURSEMENT_ALREADY_CONFIRMED' });
      const os = new URL(other.body.confirmUrl).searchParams.get('s')!;
      const race = await Promise.all(
        ['周主任', '吴主任'].map((confirmedBy) =>
          t.request('POST', `/api/disbursements/${other.body.id}/confirmation`, {
            body: { s: os, confirmedBy, receivedAt: '2020-02-21T09:00:00+08:00', amountReceivedFen: 5_000_000 },
          }),
        ),
      );
      expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
      const rows = await t.db.query(
        `SELECT disbursement_id, confirmed_by, amount_received_fen FROM disbursement_confirmations WHERE disbursement_id = ANY($1)`,
        [[paid.body.id, other.body.id]],
      );
      expect(rows).toHaveLength(2);
      expect(rows.find((r: { disbursement_id: string }) => r.disbursement_id === paid.body.id)).toMatchObject({
        confirmed_by: '李出纳',
        amount_received_fen: '4999950',
      });

      // Public: in the disbursements JSON beside the payment (signer masked), in the plan, and on /c/:code.
      expect((await publicItem(code, paid.body.id)).confirmation).toEqual({
        confirmedBy: '李**',
        receivedAt: '2020-02-20T08:30:00.000Z',
        amountReceivedFen: 4_999_950,
        amountReceivedYuan: '49999.50',
        note: '银行扣手续费 0.50 元',
        confirmedAt: expect.any(String),
      });
      const listed = JSON.stringify((await t.request('GET', `/api/campaigns/${code}/disbursements`)).body);
      expect(listed).not.toContain('李出纳');
      expect(listed).not.toContain('confirmUrl');
      const plan = (await t.request('GET', `/api/campaigns/${code}/disbursement-plans`)).body.items[0];
      expect(plan.lines.map((l: { confirmed: boolean }) => l.confirmed)).toEqual([true, true]);
      const page = await (await fetch(`${t.baseUrl}/c/${code}`)).text();
      expect(page).toContain('已确认收款：李**，2020-02-20 16:30，实收 ¥49,999.50；备注：银行扣手续费 0.50 元');
      expect(page).not.toContain('李出纳');
      expect(page).toContain('已拨付 2020-02-20，已确认到账');

      // A voided payment is not confirmed.
      const third = await disburse({ campaignCode: code, amountFen: 1_000, recipient: '东城区和平里街道' });
      await t.request('POST', `/api/staff/disbursements/${third.body.id}/void`, { token: finance, body: { reason: '重复登记' } });
      const ts = new URL(third.body.confirmUrl).searchParams.get('s')!;
      const voided = await t.request('POST', `/api/disbursements/${third.body.id}/confirmation`, {
        body: { s: ts, confirmedBy: '孙会计', receivedAt: new Date().toISOString(), amountReceivedFen: 1_000 },
      });
      expect({ status: voided.status, code: voided.body.code }).toEqual({ status: 409, code: 'DISBURSEMENT_ALREADY_VOIDED' });
    });

    it('records each payment with its proof: bank reference and a file checked by content, in one step; a proof with personal data is sealed and not public', async () => {
      const code = await createCampaign(t, admin);
      await pay(code, 20_000_000);
      const planId = await approvedPlan(code, [
        ['丰台区基层单位1', 34_750, '防护用品购置'],
        ['丰台区基层单位2', 34_750, '防护用品购置'],
        ['丰台区困难职工帮扶', 2_000, '一对一帮扶'],
      ]);
      const reference = `ICBC-${randomUUID().slice(0, 8)}`;
      const before = await proofFiles();
      const slip = pdf(reference);
      const paid = await payWithProof(planId, 1, { date: '2020-02-22', bankReference: reference }, { bytes: slip, name: 'slip.pdf' });
      expect(paid.status).toBe(201);
      expect(paid.body).toMatchObject({ bankReference: reference, attachmentUrl: expect.any(String), attachmentWithheld: false, amountFen: 3_475_000 });
      const proof = await fetch(t.baseUrl + paid.body.attachmentUrl);
      expect(proof.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await proof.arrayBuffer()).equals(slip)).toBe(true);
      expect(await proofFiles()).toBe(before + 1);

      // Refused proofs and a bank reference used twice leave the line unpaid and no file behind.
      const fake = await payWithProof(planId, 2, { date: '2020-02-22' }, { bytes: Buffer.from('<html>not a scan</html>'), name: 'slip.png' });
      expect({ status: fake.status, code: fake.body.code }).toEqual({ status: 422, code: 'INVALID_ATTACHMENT' });
      const big = await payWithProof(
        planId,
        2,
        { date: '2020-02-22' },
        { bytes: Buffer.concat([pdf('big'), Buffer.alloc(5 * 1024 * 1024)]), name: 'slip.pdf' },
      );
      expect(big.status).toBe(413);
      const reused = await payWithProof(planId, 2, { date: '2020-02-22', bankReference: reference }, { bytes: pdf('again'), name: 'slip.pdf' });
      expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 409, code: 'DUPLICATE_BANK_REFERENCE' });
      const plain = await disburse({ campaignCode: code, amountFen: 100, bankReference: reference });
      expect({ status: plain.status, code: plain.body.code }).toEqual({ status: 409, code: 'DUPLICATE_BANK_REFERENCE' });
      expect(await proofFiles()).toBe(before + 1);
      let lines = (await t.request('GET', `/api/staff/disbursement-plans/${planId}`, { token: finance })).body.lines;
      expect(lines.map((l: { paid: boolean }) => l.paid)).toEqual([true, false, false]);
      expect(lines[0]).toMatchObject({ bankReference: reference, proof: 'public' });
      expect((await totals(code)).disbursedFen).toBe(3_475_000);

      // A payment to a person: the proof holds personal data, so it is sealed on disk and shown to staff only.
      const personal = pdf('王小明 身份证 110101199003071234');
      const sealed = await payWithProof(planId, 3, { date: '2020-02-23', personalData: 'true' }, { bytes: personal, name: 'slip.pdf' });
      expect(sealed.status).toBe(201);
      expect(sealed.body).toMatchObject({ attachmentUrl: null, attachmentSha256: null, attachmentWithheld: true, attachmentSealed: true });
      const [{ attachment_path }] = await t.db.query(`SELECT attachment_path FROM disbursements WHERE id = $1`, [sealed.body.id]);
      const onDisk = await readFile(join(t.config.storageDir, attachment_path));
      expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
      expect(onDisk.includes(Buffer.from('110101199003071234'))).toBe(false);
      expect((await fetch(`${t.baseUrl}/api/campaigns/${code}/disbursements/${sealed.body.id}/attachment`)).status).toBe(404);
      const staffCopy = await fetch(`${t.baseUrl}${sealed.body.staffAttachmentUrl}`, { headers: { authorization: `Bearer ${finance}` } });
      expect(Buffer.from(await staffCopy.arrayBuffer()).equals(personal)).toBe(true);
      expect((await fetch(`${t.baseUrl}${sealed.body.staffAttachmentUrl}`)).status).toBe(401);
      expect(await publicItem(code, sealed.body.id)).toMatchObject({ attachmentUrl: null, attachmentWithheld: true });
      lines = (await t.request('GET', `/api/campaigns/${code}/disbursement-plans`)).body.items[0].lines;
      expect(lines[2]).toMatchObject({ paid: true, proof: 'withheld' });

      // A proof attached later may be sealed too (the old attachment endpoint, personalData field).
      const later = await disburse({ campaignCode: code, amountFen: 500, recipient: '帮扶对象' });
      const attachForm = new FormData();
      attachForm.append('personalData', 'true');
      attachForm.append('file', new Blob([new Uint8Array(personal)]), 'slip.pdf');
      const attached = await fetch(`${t.baseUrl}/api/staff/disbursements/${later.body.id}/attachment`, {
        method: 'POST',
        headers: { authorization: `Bearer ${finance}` },
        body: attachForm,
      });
      expect((await attached.json()).attachmentWithheld).toBe(true);

      const page = await (await fetch(`${t.baseUrl}/c/${code}`)).text();
      expect(page).toContain(`银行流水号 ${reference}`);
      expect(page).toContain('凭证含个人信息，不公开');
      expect(page).not.toContain(sealed.body.id + '/attachment');
    });

    it('marks a disbursement beyond what was received, recorded without the confirmation, as 待确认 until staff confirm it', async () => {
      const code = await createCampaign(t, admin, { funds: FUNDS });
      await pay(code, 10_000, { fundCode: 'medical' });
      await pay(code, 50_000);
      const within = await disburse({ campaignCode: code, amountFen: 4_000, fundCode: 'medical' });
      expect(within.body).toMatchObject({ exceedsReceived: false, exceeding: null });
      // The contract's plain POST (no confirmExceeding): recorded, and shown as unconfirmed.
      const over = await disburse({ campaignCode: code, amountFen: 9_000, fundCode: 'medical', recipient: '武汉市第一医院' });
      expect(over.status).toBe(201);
      expect(over.body).toMatchObject({ exceedsReceived: true, confirmedExceeding: false, exceeding: 'pending', warning: expect.any(String) });
      expect(await publicItem(code, over.body.id)).toMatchObject({ exceedsReceived: true, exceeding: 'pending' });
      let html = await page(`/c/${code}`);
      expect(html).toContain('超出已收款，待确认');
      expect(html).toContain('有 1 笔拨付超出已收款，待工作人员确认');
      expect(html).toContain('超出收到金额，待确认');
      expect(html).not.toContain('已经工作人员确认');
      const pending = await t.request('GET', `/api/staff/campaigns/${code}/disbursements/exceeding-pending`, { token: finance });
      expect(pending.body.items.map((d: { id: string }) => d.id)).toEqual([over.body.id]);

      // Only finance (or an admin) confirms; nothing to confirm is 409.
      const auditorEmail = `auditor-${randomUUID().slice(0, 8)}@test.wennuan`;
      await t.request('POST', '/api/staff/users', {
        token: admin,
        body: { email: auditorEmail, password: 'long-enough-password', role: 'auditor', name: '审计' },
      });
      const auditor = await login(t, auditorEmail, 'long-enough-password');
      expect((await t.request('POST', `/api/staff/disbursements/${over.body.id}/confirm-exceeding`, { token: auditor })).status).toBe(403);
      const notOver = await t.request('POST', `/api/staff/disbursements/${within.body.id}/confirm-exceeding`, { token: finance });
      expect({ status: notOver.status, code: notOver.body.code }).toEqual({ status: 409, code: 'EXCEEDING_NOT_PENDING' });
      const confirmed = await t.request('POST', `/api/staff/disbursements/${over.body.id}/confirm-exceeding`, { token: finance });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ exceeding: 'confirmed', confirmedExceeding: true, exceedingConfirmedAt: expect.any(String) });
      const twice = await t.request('POST', `/api/staff/disbursements/${over.body.id}/confirm-exceeding`, { token: finance });
      expect({ status: twice.status, code: twice.body.code }).toEqual({ status: 409, code: 'EXCEEDING_NOT_PENDING' });
      const audit = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${over.body.id}`, { token: admin });
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['disbursement.confirm_exceeding', 'disbursement.create']);
      expect(await publicItem(code, over.body.id)).toMatchObject({ exceeding: 'confirmed' });
      html = await page(`/c/${code}`);
      expect(html).toContain('超出已收款，已经工作人员确认');
      expect(html).toContain('超出收到金额，已经工作人员确认');
      expect(html).not.toContain('待确认');

      // Another unconfirmed excess, then voided: a correction, no longer marked as waiting.
      const mistake = await disburse({ campaignCode: code, amountFen: 900_000 });
      expect(mistake.body.exceeding).toBe('pending');
      expect(await page(`/c/${code}`)).toContain('超出已收款，待确认');
      await t.request('POST', `/api/staff/disbursements/${mistake.body.id}/void`, { token: finance, body: { reason: '多输了两个零' } });
      const afterVoid = await t.request('POST', `/api/staff/disbursements/${mistake.body.id}/confirm-exceeding`, { token: finance });
      expect({ status: afterVoid.status, code: afterVoid.body.code }).toEqual({ status: 409, code: 'DISBURSEMENT_ALREADY_VOIDED' });
      expect(await page(`/c/${code}`)).not.toContain('待确认');
      expect((await t.request('GET', `/api/staff/campaigns/${code}/disbursements/exceeding-pending`, { token: finance })).body.items).toEqual([]);
    });

    it('the migration marks the excesses recorded before it: confirmed ones from the row, unconfirmed ones from the audit log', async () => {
      const code = await createCampaign(t, admin);
      await pay(code, 1_000);
      const fits = (await disburse({ campaignCode: code, amountFen: 500 })).body;
      const confirmed = (await disburse({ campaignCode: code, amountFen: 1_000, confirmExceeding: true })).body;
      const unconfirmed = (await disburse({ campaignCode: code, amountFen: 2_000 })).body;
      const migration = new DisbursementOversight1764800000000();
      const runner = t.db.createQueryRunner();
      try {
        // Back to the schema before it (the new columns gone), then forward again over the same rows.
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      const rows = await t.db.query(
        `SELECT id, exceeds_received, confirmed_exceeding, exceeding_confirmed_at IS NOT NULL AS confirmed_at FROM disbursements WHERE id = ANY($1)`,
        [[fits.id, confirmed.id, unconfirmed.id]],
      );
      const byId = Object.fromEntries(rows.map((r: { id: string }) => [r.id, r]));
      expect(byId[fits.id]).toMatchObject({ exceeds_received: false, confirmed_exceeding: false, confirmed_at: false });
      expect(byId[confirmed.id]).toMatchObject({ exceeds_received: true, confirmed_exceeding: true, confirmed_at: true });
      expect(byId[unconfirmed.id]).toMatchObject({ exceeds_received: true, confirmed_exceeding: false, confirmed_at: false });
      expect(await publicItem(code, unconfirmed.id)).toMatchObject({ exceeding: 'pending' });
    });
  });

  describe('recipient confirmation', () => {
    it('the delivery note’s QR code opens a public page where the unit confirms what arrived; shown publicly', async () => {
      const code = await createCampaign(t, admin);
      const pledged = await t.request('POST', '/api/staff/in-kind-donations', {
        token: admin,
        body: {
          campaignCode: code,
          donor: { name: '某医疗器械公司', donorType: 'organization' },
          items: [{ itemCode: 'medical-protective-mask', quantity: 1000 }],
        },
      });
      expect(pledged.status).toBe(201);
      expect(
        (
          await t.request('POST', `/api/staff/in-kind-donations/${pledged.body.id}/inspections`, {
            token: admin,
            body: { items: [{ itemCode: 'medical-protective-mask', acceptedQuantity: 1000, rejectedQuantity: 0 }] },
          })
        ).status,
      ).toBe(200);
      const made = await t.request('POST', '/api/staff/distributions', {
        token: admin,
        body: { campaignCode: code, recipient: '武汉市第七医院', items: [{ itemCode: 'medical-protective-mask', quantity: 600 }] },
      });
      expect(made.status).toBe(201);
      const note = await fetch(`${t.baseUrl}/api/staff/distributions/${made.body.id}/delivery-note.pdf`, { headers: { authorization: `Bearer ${admin}` } });
      const link = await qrOf(Buffer.from(await note.arrayBuffer()));
      expect(link).toBe(made.body.confirmUrl);
      const url = new URL(link!);
      const path = url.pathname + url.search;

      // The page opens without an account; a wrong signature is 404.
      const form = await fetch(t.baseUrl + path);
      expect(form.status).toBe(200);
      const html = await form.text();
      expect(html).toContain('武汉市第七医院');
      expect(html).toContain('name="q_medical-protective-mask"');
      expect((await fetch(`${t.baseUrl}/confirm/${made.body.id}?s=AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
      expect((await t.request('GET', `/api/campaigns/${code}/distributions`)).body.items[0]).toMatchObject({ recipient: '武汉市第七医院', confirmation: null });

      const s = url.searchParams.get('s')!;
      const tooMany = await t.request('POST', `/api/deliveries/${made.body.id}/confirmation`, {
        body: { s, confirmedBy: '王护士长', receivedAt: new Date().toISOString(), quantities: { 'medical-protective-mask': 601 } },
      });
      expect(tooMany.status).toBe(422);
      expect(tooMany.body.code).toBe('INVALID_CONFIRMATION');
      const posted = await fetch(`${t.baseUrl}/confirm/${made.body.id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          s,
          confirmedBy: '王护士长',
          receivedAt: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16),
          'q_medical-protective-mask': '598',
          note: '两箱外包装破损',
        }).toString(),
      });
      expect(posted.status).toBe(200);
      const postedHtml = await posted.text();
      expect(postedHtml.match(/<div class="alert"[^<]*</)?.[0]).toBeUndefined();
      expect(postedHtml).toContain('已确认签收');
      const again = await t.request('POST', `/api/deliveries/${made.body.id}/confirmation`, {
        body: { s, confirmedBy: '别人', receivedAt: new Date().toISOString(), quantities: { 'medical-protective-mask': 600 } },
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('DELIVERY_ALREADY_CONFIRMED');

      const listed = (await t.request('GET', `/api/campaigns/${code}/distributions`)).body.items[0];
      expect(listed.confirmation).toMatchObject({
        confirmedBy: '王***',
        note: '两箱外包装破损',
        items: [{ itemCode: 'medical-protective-mask', quantity: 598 }],
      });
      const page = await (await fetch(`${t.baseUrl}/c/${code}`)).text();
      expect(page).toContain('已签收：王***');
      expect(page).toContain('两箱外包装破损');
      expect(page).not.toContain('王护士长');
    });
  });
});
