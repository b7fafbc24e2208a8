/**
 * Bulk work as queue jobs: mass approval of receipt requests (POST /api/staff/receipt-requests/approve-jobs)
 * and exports written to STORAGE_DIR (POST /api/staff/export-jobs, GET /api/staff/export-jobs/:id/file),
 * followed with GET /api/staff/jobs/:jobId; the retention cleanup that deletes old export files and
 * uploaded statements while keeping the records; the goods export.
 */
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { MAINTENANCE_QUEUE, STORAGE_RETENTION } from '../src/jobs/retention-jobs';
import { StorageRetentionService } from '../src/jobs/storage-retention.service';
import { eventually } from './support/smtp-sink';
import { countRows, createCampaign, createDonation, isolated, login, startApp, TestApp, asDonor, paySandbox } from './support/test-app';

jest.setTimeout(240_000);

const ID_NUMBER = '11010519491231002X';
const USERS = {
  finance: { email: 'finance@bulk.test', password: 'finance-password-1', name: '李会计', role: 'finance' },
  warehouse: { email: 'warehouse@bulk.test', password: 'warehouse-password-1', name: '赵仓管', role: 'warehouse' },
  auditor: { email: 'auditor@bulk.test', password: 'auditor-password-1', name: '王审计', role: 'auditor' },
};

interface JobView {
  jobId: string;
  kind?: string;
  state: 'waiting' | 'active' | 'completed' | 'failed';
  progress: { done: number; total: number; failed?: number };
  result?: any;
  failedReason?: string;
  file?: { url: string; filename: string; rows: number; bytes: number; expiresAt: string; available: boolean };
}

describe('bulk jobs: mass approval, export jobs, retention', () => {
  let t: TestApp;
  let admin: string;
  const token: Record<keyof typeof USERS, string> = { finance: '', warehouse: '', auditor: '' };
  let campaign: string;
  const own = isolated('bulkjobs');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
    for (const [key, user] of Object.entries(USERS)) {
      const res = await t.request('POST', '/api/staff/users', { token: admin, body: user });
      expect(res.status).toBe(201);
      token[key as keyof typeof USERS] = await login(t, user.email, user.password);
    }
    campaign = await createCampaign(t, admin, { receiptPrefix: 'BJ', autoApproveReceipts: false });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await own.drop();
  }, 120_000);

  async function follow(jobId: string, as = token.finance, timeoutMs = 180_000): Promise<{ final: JobView; seen: JobView[] }> {
    const seen: JobView[] = [];
    const final = await eventually(
      async () => {
        const res = await t.request('GET', `/api/staff/jobs/${jobId}`, { token: as });
        expect(res.status).toBe(200);
        seen.push(res.body);
        return res.body.state === 'completed' || res.body.state === 'failed' ? (res.body as JobView) : undefined;
      },
      timeoutMs,
      `job ${jobId} finished`,
    );
    return { final, seen };
  }

  const paidDonation = (amountFen: number, donorName = '张伟') => paySandbox(t, campaign, amountFen, { donorName });

  async function matchedRequest(amountFen: number): Promise<string> {
    const orderNo = await paidDonation(amountFen);
    const res = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        orderNo,
        amountFen,
        donorType: 'individual',
        name: '张伟',
        idNumber: ID_NUMBER,
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
      }),
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('pending_review');
    return res.body.requestId;
  }

  async function download(path: string, as: string): Promise<{ status: number; headers: Headers; bytes: Buffer; json?: any }> {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: { authorization: `Bearer ${as}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, bytes, json };
  }

  function csvObjects(bytes: Buffer): Record<string, string>[] {
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows]: string[][] = parse(bytes.toString('utf8').slice(1));
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  }

  async function xlsxObjects(bytes: Buffer): Promise<Record<string, unknown>[]> {
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const [header, ...body] = rows;
    return body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null])));
  }

  async function startExport(as: string, body: Record<string, unknown>) {
    return t.request('POST', '/api/staff/export-jobs', { token: as, body });
  }

  describe('mass approval as a job', () => {
    const N = 12;
    let ids: string[];
    let rejected: string;
    const unknown = randomUUID();
    let firstJob: string;

    beforeAll(async () => {
      ids = [];
      for (let i = 0; i < N; i++) ids.push(await matchedRequest(10000 + i));
      rejected = await matchedRequest(20000);
      const r = await t.request('POST', `/api/staff/receipt-requests/${rejected}/reject`, { token: token.finance, body: { reason: '重复申请' } });
      expect(r.status).toBe(200);
    }, 120_000);

    it('approves N requests in one job, with progress done/total/failed and per-item errors', async () => {
      const res = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', {
        token: token.finance,
        body: { requestIds: [...ids, rejected, unknown, ids[0]] },
      });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ jobId: expect.stringMatching(/^approvals-\d+$/), total: N + 2 });
      firstJob = res.body.jobId;
      const { final, seen } = await follow(firstJob);
      expect(final.state).toBe('completed');
      expect(final.kind).toBe('approve_receipts');
      expect(final.progress).toEqual({ done: N + 2, total: N + 2, failed: 2 });
      expect(final.result).toMatchObject({ total: N + 2, approved: N, alreadyApproved: 0, failed: 2 });
      expect(final.result.errors).toEqual(
        expect.arrayContaining([
          { requestId: rejected, code: 'RECEIPT_REQUEST_CLOSED', message: expect.any(String) },
          { requestId: unknown, code: 'RECEIPT_REQUEST_NOT_FOUND', message: expect.any(String) },
        ]),
      );
      // Progress never goes backwards and never passes the total.
      const dones = seen.map((s) => s.progress.done);
      expect(dones).toEqual([...dones].sort((a, b) => a - b));
      for (const s of seen) expect(s.progress.done).toBeLessThanOrEqual(N + 2);

      const issued = await eventually(
        async () => {
          const n = await countRows(t, `SELECT count(*) FROM receipts r JOIN campaigns c ON c.id = r.campaign_id WHERE c.code = $1 AND r.status = 'issued'`, [
            campaign,
          ]);
          return n >= N ? n : undefined;
        },
        120_000,
        'receipts issued',
      );
      expect(issued).toBe(N);
      const audited = await countRows(
        t,
        `SELECT count(*) FROM audit_log WHERE action = 'receipt_request.approve' AND entity_id = ANY($1) AND actor_email = $2`,
        [ids, USERS.finance.email],
      );
      expect(audited).toBe(N);
    });

    it('a second job over the same requests approves nothing twice; exactly N receipts', async () => {
      const res = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', { token: token.finance, body: { requestIds: ids } });
      expect(res.status).toBe(202);
      const { final } = await follow(res.body.jobId);
      expect(final.result).toMatchObject({ total: N, approved: 0, alreadyApproved: N, failed: 0, errors: [] });
      // One issue job per request ever written, so no second receipt can come.
      expect(await countRows(t, `SELECT count(*) FROM outbox WHERE job_name = 'issue-receipt' AND payload->>'requestId' = ANY($1)`, [ids])).toBe(N);
      expect(await countRows(t, `SELECT count(*) FROM receipts r JOIN campaigns c ON c.id = r.campaign_id WHERE c.code = $1`, [campaign])).toBe(N);
      expect(await countRows(t, `SELECT count(*) FROM receipt_requests WHERE id = ANY($1) AND status = 'issued'`, [ids])).toBe(N);
      // Nothing left waiting with a match: the filter finds nothing.
      const none = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', {
        token: token.finance,
        body: { campaignCode: campaign, status: 'pending_review' },
      });
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('NOTHING_TO_APPROVE');
    });

    it('a filter (campaign, pending_review, matched) picks the waiting requests', async () => {
      const more = [await matchedRequest(30001), await matchedRequest(30002), await matchedRequest(30003)];
      const res = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', {
        token: token.finance,
        body: { campaignCode: campaign, status: 'pending_review' },
      });
      expect(res.status).toBe(202);
      expect(res.body.total).toBe(3);
      const { final } = await follow(res.body.jobId);
      expect(final.result).toMatchObject({ total: 3, approved: 3, failed: 0 });
      expect(await countRows(t, `SELECT count(*) FROM receipt_requests WHERE id = ANY($1) AND status IN ('queued', 'issued')`, [more])).toBe(3);
    });

    it('the page finds the job again after a reload (recent jobs of the user)', async () => {
      const mine = await t.request('GET', '/api/staff/jobs?kind=approve_receipts', { token: token.finance });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((j: JobView) => j.jobId)).toContain(firstJob);
      expect(mine.body.items.every((j: JobView) => j.kind === 'approve_receipts')).toBe(true);
      const adminsOwn = await t.request('GET', '/api/staff/jobs?kind=approve_receipts', { token: admin });
      expect(adminsOwn.body.items).toEqual([]);
      const everyone = await t.request('GET', '/api/staff/jobs?kind=approve_receipts&mine=false', { token: token.auditor });
      expect(everyone.body.items.map((j: JobView) => j.jobId)).toContain(firstJob);
    });

    it('roles: warehouse and auditor cannot start one; warehouse cannot follow it; bad input is refused', async () => {
      for (const as of [token.warehouse, token.auditor]) {
        const res = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', { token: as, body: { requestIds: ids } });
        expect(res.status).toBe(403);
      }
      expect((await t.request('GET', `/api/staff/jobs/${firstJob}`, { token: token.warehouse })).status).toBe(403);
      expect((await t.request('GET', `/api/staff/jobs/${firstJob}`, { token: token.auditor })).status).toBe(200);
      const both = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', {
        token: token.finance,
        body: { requestIds: ids, campaignCode: campaign },
      });
      expect(both.status).toBe(400);
      const bad = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', { token: token.finance, body: { requestIds: ['not-a-uuid'] } });
      expect(bad.status).toBe(400);
      const nope = await t.request('POST', '/api/staff/receipt-requests/approve-jobs', { token: token.finance, body: { campaignCode: 'no-such-campaign' } });
      expect(nope.status).toBe(404);
      expect(nope.body.code).toBe('CAMPAIGN_NOT_FOUND');
    });
  });

  describe('exports as jobs', () => {
    let csvJob: string;

    async function ledger() {
      const rows: { order_no: string; status: string; amount_fen: string }[] = await t.db.query(
        `SELECT d.order_no, d.status, d.amount_fen::text FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 ORDER BY d.order_no`,
        [campaign],
      );
      return rows.map((r) => ({ orderNo: r.order_no, status: r.status, amountFen: Number(r.amount_fen) }));
    }

    function fromFile(rows: Record<string, unknown>[]) {
      return rows
        .map((r) => ({ orderNo: String(r['订单号']), status: String(r['状态代码']), amountFen: Number(r['金额（分）']) }))
        .sort((a, b) => (a.orderNo < b.orderNo ? -1 : 1));
    }

    beforeAll(async () => {
      await paidDonation(4242, '=HYPERLINK("http://evil.example","x")');
      await createDonation(t, campaign, { amountFen: 777, donorName: '未付款' });
    });

    it('writes the donations of a campaign as CSV: rows equal the ledger, formulas neutralised', async () => {
      const res = await startExport(token.finance, { kind: 'donations', format: 'csv', filters: { campaignCode: campaign } });
      expect(res.status).toBe(202);
      csvJob = res.body.jobId;
      expect(csvJob).toMatch(/^exports-\d+$/);
      const { final } = await follow(csvJob);
      expect(final.state).toBe('completed');
      const expected = await ledger();
      expect(final.progress).toEqual({ done: expected.length, total: expected.length });
      expect(final.file).toMatchObject({
        url: `/api/staff/export-jobs/${csvJob}/file`,
        rows: expected.length,
        available: true,
        filename: expect.stringMatching(new RegExp(`^donations-${campaign}-\\d{8}\\.csv$`)),
      });
      const file = await download(final.file!.url, token.finance);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(file.headers.get('content-disposition')).toContain(final.file!.filename);
      const rows = csvObjects(file.bytes);
      expect(fromFile(rows)).toEqual(expected);
      expect(rows.some((r) => r['捐赠人（脱敏）'].startsWith("'="))).toBe(true);
      expect(rows.every((r) => !/^[=+\-@]/.test(r['捐赠人（脱敏）']))).toBe(true);
      expect(existsSync(join(t.config.storageDir, 'exports', `${csvJob}.csv`))).toBe(true);
    });

    it('writes XLSX with the same rows', async () => {
      const res = await startExport(token.finance, { kind: 'donations', format: 'xlsx', filters: { campaignCode: campaign, status: 'paid' } });
      expect(res.status).toBe(202);
      const { final } = await follow(res.body.jobId);
      const file = await download(final.file!.url, token.finance);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(fromFile(await xlsxObjects(file.bytes))).toEqual((await ledger()).filter((r) => r.status === 'paid'));
    });

    it('download: auditors read everything, warehouse not donations; every download audited', async () => {
      const before = await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'export.download' AND entity_id = $1`, [csvJob]);
      expect((await download(`/api/staff/export-jobs/${csvJob}/file`, token.auditor)).status).toBe(200);
      const refused = await download(`/api/staff/export-jobs/${csvJob}/file`, token.warehouse);
      expect(refused.status).toBe(403);
      expect(refused.json.code).toBe('FORBIDDEN');
      expect((await t.request('GET', `/api/staff/jobs/${csvJob}`, { token: token.warehouse })).status).toBe(403);
      const unauth = await fetch(`${t.baseUrl}/api/staff/export-jobs/${csvJob}/file`);
      expect(unauth.status).toBe(401);
      expect((await download('/api/staff/export-jobs/exports-999999999/file', token.finance)).status).toBe(404);
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'export.download' AND entity_id = $1`, [csvJob])).toBe(before + 1);
      expect(
        await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'export.job' AND entity_id = $1 AND actor_email = $2`, [csvJob, USERS.finance.email]),
      ).toBe(1);
    });

    it('start: warehouse may not export donations or receipts, auditors start nothing, bad filters are refused', async () => {
      expect((await startExport(token.warehouse, { kind: 'donations', format: 'csv' })).status).toBe(403);
      expect((await startExport(token.warehouse, { kind: 'receipts', format: 'xlsx' })).status).toBe(403);
      expect((await startExport(token.auditor, { kind: 'goods', format: 'csv' })).status).toBe(403);
      expect((await startExport(token.finance, { kind: 'gifts', format: 'csv' })).status).toBe(400);
      expect((await startExport(token.finance, { kind: 'donations', format: 'pdf' })).status).toBe(400);
      const status = await startExport(token.finance, { kind: 'receipts', format: 'csv', filters: { status: 'paid' } });
      expect(status.status).toBe(400);
      const campaignGone = await startExport(token.finance, { kind: 'receipts', format: 'csv', filters: { campaignCode: 'no-such-campaign' } });
      expect(campaignGone.status).toBe(404);
      // A warehouse user may not download the donations export directly either.
      expect((await download('/api/staff/exports/donations.csv', token.warehouse)).status).toBe(403);
    });
  });

  describe('goods export', () => {
    let goodsCampaign: string;

    beforeAll(async () => {
      goodsCampaign = await createCampaign(t, admin, { receiptPrefix: 'GD' });
      const pledge = await t.request('POST', '/api/staff/in-kind-donations', {
        token: token.warehouse,
        body: {
          campaignCode: goodsCampaign,
          donor: { name: '武汉光谷科技有限公司', donorType: 'organization' },
          items: [
            { itemCode: 'n95-respirator', quantity: 1000, valuationFen: 1200000 },
            { itemCode: 'goggles', quantity: 50 },
          ],
        },
      });
      expect(pledge.status).toBe(201);
      const person = await t.request('POST', '/api/staff/in-kind-donations', {
        token: token.warehouse,
        body: { campaignCode: goodsCampaign, donor: { name: '=CMD()', donorType: 'individual' }, items: [{ itemCode: 'goggles', quantity: 5 }] },
      });
      expect(person.status).toBe(201);
      const inspected = await t.request('POST', `/api/staff/in-kind-donations/${pledge.body.id}/inspections`, {
        token: token.warehouse,
        body: {
          items: [
            { itemCode: 'n95-respirator', acceptedQuantity: 900, rejectedQuantity: 100, reason: '包装破损' },
            { itemCode: 'goggles', acceptedQuantity: 50, rejectedQuantity: 0 },
          ],
        },
      });
      expect(inspected.status).toBe(200);
      const given = await t.request('POST', '/api/staff/distributions', {
        token: token.warehouse,
        body: { campaignCode: goodsCampaign, recipient: '武汉市第一医院', items: [{ itemCode: 'n95-respirator', quantity: 300 }] },
      });
      expect(given.status).toBe(201);
    }, 60_000);

    function checkGoods(rows: Record<string, unknown>[]) {
      const of = (type: string) => rows.filter((r) => r['类型'] === type);
      expect(of('认捐')).toHaveLength(3);
      expect(of('验收')).toHaveLength(2);
      expect(of('入库')).toHaveLength(2);
      expect(of('出库')).toHaveLength(1);
      const n95 = of('认捐').find((r) => r['物资编码'] === 'n95-respirator')!;
      expect(Number(n95['数量'])).toBe(1000);
      expect(Number(n95['估值（分）'])).toBe(1200000);
      expect(n95['估值（元）']).toBe('12000.00');
      expect(n95['捐赠方（脱敏）/接收方']).not.toContain('光谷科技');
      const inspectedN95 = of('验收').find((r) => r['物资编码'] === 'n95-respirator')!;
      expect([Number(inspectedN95['数量']), Number(inspectedN95['拒收数量']), inspectedN95['规格/说明']]).toEqual([900, 100, '包装破损']);
      // Each Chinese word beside its code, for machines.
      const typeCodes: Record<string, string> = { 认捐: 'pledged', 验收: 'inspected', 入库: 'received', 出库: 'distributed', 调整: 'adjusted' };
      for (const r of rows) expect(r['类型代码']).toBe(typeCodes[String(r['类型'])]);
      const pledgeWords: Record<string, string> = { pledged: '待到货', received: '已到货', cancelled: '已取消' };
      for (const r of of('认捐')) {
        expect(Object.keys(pledgeWords)).toContain(r['认捐状态代码']);
        expect(r['认捐状态']).toBe(pledgeWords[String(r['认捐状态代码'])]);
      }
      const out = of('出库')[0];
      expect([Number(out['数量']), out['捐赠方（脱敏）/接收方']]).toEqual([-300, '武汉市第一医院']);
      expect(rows.every((r) => r['活动'] === goodsCampaign)).toBe(true);
      expect(
        rows.every((r) => {
          const party = r['捐赠方（脱敏）/接收方'];
          return party === null || party === undefined || (typeof party === 'string' && !/^[=+\-@]/.test(party));
        }),
      ).toBe(true);
      // Stock movements add up to the stock table.
      const sum = (code: string) =>
        rows.filter((r) => ['入库', '出库', '调整'].includes(String(r['类型'])) && r['物资编码'] === code).reduce((s, r) => s + Number(r['数量']), 0);
      return { n95: sum('n95-respirator'), goggles: sum('goggles') };
    }

    async function stock() {
      const rows: { item_code: string; n: string }[] = await t.db.query(
        `SELECT s.item_code, (s.received_quantity + s.adjusted_quantity - s.distributed_quantity)::text AS n FROM in_kind_stock s JOIN campaigns c ON c.id = s.campaign_id WHERE c.code = $1`,
        [goodsCampaign],
      );
      return Object.fromEntries(rows.map((r) => [r.item_code, Number(r.n)]));
    }

    it('downloads directly as CSV (warehouse and finance)', async () => {
      for (const as of [token.warehouse, token.finance, token.auditor]) {
        const file = await download(`/api/staff/exports/goods.csv?campaignCode=${goodsCampaign}`, as);
        expect(file.status).toBe(200);
        const sums = checkGoods(csvObjects(file.bytes));
        const s = await stock();
        expect(sums).toEqual({ n95: s['n95-respirator'], goggles: s['goggles'] });
      }
    });

    it('runs as a job for warehouse (XLSX) and only warehouse-readable roles follow it', async () => {
      const res = await startExport(token.warehouse, { kind: 'goods', format: 'xlsx', filters: { campaignCode: goodsCampaign } });
      expect(res.status).toBe(202);
      const { final } = await follow(res.body.jobId, token.warehouse);
      expect(final.state).toBe('completed');
      expect(final.progress).toEqual({ done: 8, total: 8 });
      const file = await download(final.file!.url, token.warehouse);
      expect(file.status).toBe(200);
      checkGoods(await xlsxObjects(file.bytes));
      expect((await download(final.file!.url, token.finance)).status).toBe(200);
      const goodsWithStatus = await startExport(token.warehouse, { kind: 'goods', format: 'csv', filters: { status: 'paid' } });
      expect(goodsWithStatus.status).toBe(400);
    });
  });

  describe('retention cleanup', () => {
    async function exportJob(): Promise<JobView> {
      const res = await startExport(token.finance, { kind: 'receipts', format: 'csv', filters: { campaignCode: campaign } });
      expect(res.status).toBe(202);
      return (await follow(res.body.jobId)).final;
    }

    async function importJob(): Promise<{ jobId: string; path: string; reference: string }> {
      const reference = `RET-${randomUUID().slice(0, 8)}`;
      const form = new FormData();
      form.append('campaignCode', campaign);
      form.append(
        'file',
        new Blob([`bankReference,amountYuan,payerName,receivedAt,payerAccount\n${reference},88.00,测试公司,2020-02-01 10:00,\n`]),
        'statement.csv',
      );
      const res = await fetch(`${t.baseUrl}/api/staff/bank-transfers/import-jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.finance}` },
        body: form,
      });
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as { jobId: string };
      const { final } = await follow(jobId);
      expect(final.result.imported).toBe(1);
      const [row] = await t.db.query(`SELECT file_path FROM staff_jobs WHERE job_id = $1`, [jobId]);
      return { jobId, path: row.file_path, reference };
    }

    function age(relative: string, days: number) {
      const when = new Date(Date.now() - days * 24 * 3600_000);
      utimesSync(join(t.config.storageDir, relative), when, when);
    }

    it('is scheduled on the maintenance queue', async () => {
      const queue = t.app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE), { strict: false });
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toContain(STORAGE_RETENTION);
    });

    it('deletes old export files and statements, keeps fresh ones and every record', async () => {
      const old = await exportJob();
      const expiredInDb = await exportJob();
      const fresh = await exportJob();
      const statement = await importJob();
      const freshStatement = await importJob();
      const oldPath = `exports/${old.jobId}.csv`;
      age(oldPath, 8); // older than EXPORT_RETENTION_DAYS (7)
      age(statement.path, 91); // older than STATEMENT_RETENTION_DAYS (90)
      await t.db.query(`UPDATE staff_jobs SET file_expires_at = now() - interval '1 minute' WHERE job_id = $1`, [expiredInDb.jobId]);

      const result = await t.app.get(StorageRetentionService).run();
      expect(result).toEqual({ exportsDeleted: 2, statementsDeleted: 1 });

      const dir = t.config.storageDir;
      expect(existsSync(join(dir, oldPath))).toBe(false);
      expect(existsSync(join(dir, `exports/${expiredInDb.jobId}.csv`))).toBe(false);
      expect(existsSync(join(dir, `exports/${fresh.jobId}.csv`))).toBe(true);
      expect(existsSync(join(dir, statement.path))).toBe(false);
      expect(existsSync(join(dir, freshStatement.path))).toBe(true);

      for (const gone of [old.jobId, expiredInDb.jobId]) {
        const file = await download(`/api/staff/export-jobs/${gone}/file`, token.finance);
        expect(file.status).toBe(410);
        expect(file.json.code).toBe('EXPORT_EXPIRED');
        const view = await t.request('GET', `/api/staff/jobs/${gone}`, { token: token.finance });
        expect(view.body.file.available).toBe(false);
      }
      expect((await download(`/api/staff/export-jobs/${fresh.jobId}/file`, token.finance)).status).toBe(200);
      // The records stay: the job rows (marked), the imported donation, the audit trail.
      expect(
        await countRows(t, `SELECT count(*) FROM staff_jobs WHERE job_id = ANY($1) AND file_deleted_at IS NOT NULL`, [
          [old.jobId, expiredInDb.jobId, statement.jobId],
        ]),
      ).toBe(3);
      expect(await countRows(t, `SELECT count(*) FROM donations WHERE bank_reference = $1 AND status = 'paid'`, [statement.reference])).toBe(1);
      expect(await countRows(t, `SELECT count(*) FROM audit_log WHERE action = 'storage.retention'`)).toBe(1);

      // Running again finds nothing more to delete.
      expect(await t.app.get(StorageRetentionService).run()).toEqual({ exportsDeleted: 0, statementsDeleted: 0 });
    });
  });
});
