import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { EXPECTED } from './fixtures/bank-statements/generate';
import { createCampaign, isolated, login, startApp, TestApp } from './support/test-app';

/**
 * Bank statements as Chinese banks export them (issue 21): each bank's sample export imported over
 * HTTP, saved column mappings for other layouts, the template, the Chinese errors, and a receipt
 * request that waited for its transfer.
 */
describe('bank statements: banks’ layouts, mappings, template', () => {
  let t: TestApp;
  let admin: string;
  const FIXTURES = join(__dirname, 'fixtures/bank-statements');
  // Its import job must be run by this suite's own worker (its STORAGE_DIR holds the upload), not by
  // another suite's app sharing the run's database and Redis prefix.
  const own = isolated('bankstmt');

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  async function importFile(campaignCode: string, content: Buffer | string, filename: string, extra: Record<string, string> = {}, path = 'import') {
    const form = new FormData();
    form.append('campaignCode', campaignCode);
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
    const res = await fetch(`${t.baseUrl}/api/staff/bank-transfers/${path}`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    return { status: res.status, body: await res.json() };
  }

  async function ledger(campaignCode: string) {
    return t.db.query<Array<{ bank_reference: string; amount_fen: string; payer_account_enc: string | null; donor_name: string }>>(
      `SELECT d.bank_reference, d.amount_fen, d.payer_account_enc, d.donor_name FROM donations d JOIN campaigns c ON c.id = d.campaign_id
        WHERE c.code = $1 AND d.status = 'paid' ORDER BY d.bank_reference`,
      [campaignCode],
    );
  }

  describe.each(['icbc', 'boc', 'ccb', 'abc'])('the sample %s export', (bank) => {
    it.each(['csv', 'xlsx'])('imports its credits from the %s as the bank gives it, once', async (ext) => {
      const campaign = await createCampaign(t, admin);
      const bytes = readFileSync(join(FIXTURES, `${bank}.${ext}`));
      const expected = EXPECTED[bank];
      const first = await importFile(campaign, bytes, `${bank}.${ext}`);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        imported: expected.imported,
        duplicates: 0,
        skipped: expected.skipped,
        layout: { code: bank, name: expect.any(String) },
        errors: [],
      });
      const rows = await ledger(campaign);
      expect(rows.map((r) => r.bank_reference)).toEqual([...expected.references].sort());
      expect(rows.reduce((sum, r) => sum + Number(r.amount_fen), 0)).toBe(expected.fen);
      // Payer accounts are encrypted at rest.
      for (const r of rows) expect(r.payer_account_enc).not.toMatch(/\d{10}/);
      const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(totals.body.amountFen).toBe(expected.fen);
      const again = await importFile(campaign, bytes, `${bank}.${ext}`);
      expect(again.body).toMatchObject({ imported: 0, duplicates: expected.imported });
    });
  });

  it('answers a file without the needed columns in Chinese: 422 STATEMENT_COLUMNS_MISSING, naming the columns and the header it found', async () => {
    const campaign = await createCampaign(t, admin);
    const res = await importFile(campaign, '\uFEFF账号,6222020200001234567\n业务编号,到账日,汇款人,收\nX-1,2020-02-03,张伟,100.00\n', 'odd.csv');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'STATEMENT_COLUMNS_MISSING',
      message: expect.stringContaining('“交易流水号”、“交易日期”、“贷方发生额”列的表头（最接近表头的是第 2 行）'),
      details: { missing: ['bankReference', 'receivedAt', 'creditAmount'], headerLine: 2, headers: ['业务编号', '到账日', '汇款人', '收'] },
    });
    expect(JSON.stringify(res.body)).not.toContain('6222020200001234567');
  });

  it('names the row and column of each bad line in Chinese, with stable codes', async () => {
    const campaign = await createCampaign(t, admin);
    const csv = [
      '交易流水号,交易日期,对方户名,对方账号,贷方发生额',
      'E-1,2020-02-03,张伟,,"1,000.00"',
      'E-2,2020-02-03,李娜,,1.234',
      'E-3,2020/13/03,王芳,,10.00',
      'E-4,20200203,,,10.00',
    ].join('\n');
    const res = await importFile(campaign, csv, 'errors.csv');
    expect(res.body).toEqual({
      imported: 1,
      duplicates: 0,
      skipped: 0,
      layout: { code: 'standard', name: '通用格式' },
      errors: [
        { line: 3, code: 'INVALID_AMOUNT', message: '第 3 行：“贷方发生额”列的“1.234”不是有效的金额（元，最多两位小数）' },
        { line: 4, code: 'INVALID_DATE', message: expect.stringMatching(/^第 4 行：“交易日期”列的“2020\/13\/03”不是有效的日期/) },
        { line: 5, code: 'MISSING_PAYER_NAME', message: '第 5 行：“对方户名”列为空' },
      ],
    });
  });

  describe('saved column mappings', () => {
    const oddLayout = [
      '某商业银行 账户明细',
      '账号：4400 1234 5678,户名：武汉市温暖慈善基金会',
      '业务编号,到账日,时刻,汇款人,汇款账号,收,付,备注',
      'M-1,2020年02月03日,10:11:12,欧阳娜娜,6222 0202 0000 7654 321,"2,000.00",,捐款',
      'M-2,2020年02月03日,11:00:00,某物业公司,4400000000001,,300.00,物业费',
      'M-3,2020年02月04日,09:00:00,刘洋,,88.00,,',
      '合计,,,,,"2,088.00",300.00,',
    ].join('\r\n');
    const columns = {
      bankReference: '业务编号',
      receivedAt: '到账日',
      receivedTime: '时刻',
      payerName: '汇款人',
      payerAccount: '汇款账号',
      creditAmount: '收',
      debitAmount: '付',
    };

    it('are saved once, audited, and reused on later uploads (also by an import job)', async () => {
      const campaign = await createCampaign(t, admin);
      const unknown = await importFile(campaign, oddLayout, 'odd.csv');
      expect([unknown.status, unknown.body.code]).toEqual([422, 'STATEMENT_COLUMNS_MISSING']);

      const created = await t.request('POST', '/api/staff/bank-transfers/mappings', { token: admin, body: { name: '某商业银行', columns } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ id: expect.any(String), name: '某商业银行', columns });
      const taken = await t.request('POST', '/api/staff/bank-transfers/mappings', { token: admin, body: { name: '某商业银行', columns } });
      expect([taken.status, taken.body.code]).toEqual([409, 'STATEMENT_MAPPING_EXISTS']);
      const list = await t.request('GET', '/api/staff/bank-transfers/mappings', { token: admin });
      expect(list.body.items.map((m: { id: string }) => m.id)).toContain(created.body.id);

      const first = await importFile(campaign, oddLayout, 'odd.csv', { mappingId: created.body.id });
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ imported: 2, duplicates: 0, skipped: 2, layout: { code: 'mapping', name: '已保存的列映射' }, errors: [] });
      const rows = await ledger(campaign);
      expect(rows.map((r) => [r.bank_reference, Number(r.amount_fen), r.donor_name])).toEqual([
        ['M-1', 200_000, '欧阳娜娜'],
        ['M-3', 8_800, '刘洋'],
      ]);
      const [paid] = await t.db.query(`SELECT paid_at FROM donations WHERE bank_reference = 'M-1'`);
      expect(paid.paid_at.toISOString()).toBe('2020-02-03T02:11:12.000Z');

      // The same mapping chosen for a background import of a second campaign.
      const other = await createCampaign(t, admin);
      const job = await importFile(other, oddLayout, 'odd.csv', { mappingId: created.body.id }, 'import-jobs');
      expect(job.status).toBe(202);
      let state: any;
      for (let i = 0; i < 200; i++) {
        state = (await t.request('GET', `/api/staff/jobs/${job.body.jobId}`, { token: admin })).body;
        if (state.state === 'completed' || state.state === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(state).toMatchObject({ state: 'completed', params: { mapping: '某商业银行' }, result: { imported: 2, skipped: 2, layout: { code: 'mapping' } } });

      const audit = await t.request('GET', `/api/staff/audit-log?entity=statement_mapping&entityId=${created.body.id}`, { token: admin });
      expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('statement_mapping.create');

      const changed = await t.request('PUT', `/api/staff/bank-transfers/mappings/${created.body.id}`, {
        token: admin,
        body: { name: '某商业银行（新版）', columns: { ...columns, bankReference: '交易号' } },
      });
      expect(changed.status).toBe(200);
      const stale = await importFile(campaign, oddLayout, 'odd.csv', { mappingId: created.body.id });
      expect(stale).toMatchObject({ status: 422, body: { code: 'STATEMENT_COLUMNS_MISSING', message: expect.stringContaining('列映射') } });

      expect((await t.request('DELETE', `/api/staff/bank-transfers/mappings/${created.body.id}`, { token: admin })).status).toBe(200);
      const gone = await importFile(campaign, oddLayout, 'odd.csv', { mappingId: created.body.id });
      expect([gone.status, gone.body.code]).toEqual([404, 'STATEMENT_MAPPING_NOT_FOUND']);
      const trail = await t.request('GET', `/api/staff/audit-log?entity=statement_mapping&entityId=${created.body.id}`, { token: admin });
      expect(trail.body.items.map((a: { action: string }) => a.action)).toEqual(
        expect.arrayContaining(['statement_mapping.create', 'statement_mapping.update', 'statement_mapping.delete']),
      );
    });

    it('refuse a mapping without an amount column, or one column used twice (400, in Chinese)', async () => {
      const noAmount = await t.request('POST', '/api/staff/bank-transfers/mappings', {
        token: admin,
        body: { name: '缺金额', columns: { bankReference: 'a', receivedAt: 'b', payerName: 'c' } },
      });
      expect([noAmount.status, noAmount.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      expect(noAmount.body.message).toContain('收入金额');
      const twice = await t.request('POST', '/api/staff/bank-transfers/mappings', {
        token: admin,
        body: { name: '重复列', columns: { bankReference: 'a', receivedAt: 'a', payerName: 'c', creditAmount: 'd' } },
      });
      expect([twice.status, twice.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('are for finance staff: a warehouse account is refused', async () => {
      await t.request('POST', '/api/staff/users', {
        token: admin,
        body: { email: 'wh-map@test.wennuan', password: 'Warehouse-pass-2020!', role: 'warehouse', name: '仓库' },
      });
      const warehouse = await login(t, 'wh-map@test.wennuan', 'Warehouse-pass-2020!');
      expect((await t.request('GET', '/api/staff/bank-transfers/mappings', { token: warehouse })).status).toBe(403);
      expect((await t.request('GET', '/api/staff/bank-transfers/statement-template.csv')).status).toBe(401);
    });
  });

  describe('the template', () => {
    it('downloads as CSV with the canonical Chinese headers, and a filled copy imports', async () => {
      const res = await fetch(`${t.baseUrl}/api/staff/bank-transfers/statement-template.csv`, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('银行流水导入模板.csv'));
      const text = await res.text();
      expect(text.replace(/^\uFEFF/, '').trim()).toBe('交易流水号,交易日期,对方户名,对方账号,贷方发生额,基金代码');
      const campaign = await createCampaign(t, admin);
      const filled = `${text.trim()}\r\nT-1,2020-02-03 10:00,张伟,6222020200001234567,"5,000.00",\r\n`;
      expect((await importFile(campaign, filled, 'filled.csv')).body).toMatchObject({ imported: 1, errors: [] });
    });

    it('downloads as XLSX: the headers on the sheet that is imported, notes on another', async () => {
      const res = await fetch(`${t.baseUrl}/api/staff/bank-transfers/statement-template.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['交易流水号', '交易日期', '对方户名', '对方账号', '贷方发生额', '基金代码']);
      expect(workbook.worksheets[1].name).toBe('填写说明');
      sheet.addRow(['T-X1', '2020/02/03', '李娜', '', 1234.5, '']);
      const campaign = await createCampaign(t, admin);
      const imported = await importFile(campaign, Buffer.from(await workbook.xlsx.writeBuffer()), 'filled.xlsx');
      expect(imported.body).toMatchObject({ imported: 1, errors: [] });
      expect((await ledger(campaign)).map((r) => Number(r.amount_fen))).toEqual([123_450]);
    });
  });

  describe('a receipt request made before its transfer arrived', () => {
    const request = (campaignCode: string, extra: Record<string, unknown>) =>
      t.request('POST', '/api/receipt-requests', {
        body: {
          campaignCode,
          amountFen: 500_000,
          donorType: 'organization',
          name: '武汉光谷科技有限公司',
          creditCode: '91350100M000100Y43',
          invoiceTitle: '武汉光谷科技有限公司',
          phone: '13800138000',
          email: 'finance@example.com',
          ...extra,
        },
      });

    async function pending(campaignCode: string, requestId: string) {
      const list = await t.request('GET', `/api/staff/receipt-requests?status=pending_review&campaignCode=${campaignCode}`, { token: admin });
      return list.body.items.find((i: { requestId: string }) => i.requestId === requestId);
    }

    it('is shown the transfer as its match when the statement brings it, and staff approve it without naming the order', async () => {
      const campaign = await createCampaign(t, admin);
      const named = await request(campaign, { bankReference: 'ICBC20200203000101' });
      expect(named.body.status).toBe('pending_review');
      const unnamed = await request(campaign, {});
      expect((await pending(campaign, named.body.requestId)).proposedDonation).toBeNull();

      const imported = await importFile(campaign, readFileSync(join(FIXTURES, 'icbc.csv')), 'icbc.csv');
      expect(imported.body.imported).toBe(3);

      const byReference = await pending(campaign, named.body.requestId);
      expect(byReference).toMatchObject({
        status: 'pending_review',
        donation: null,
        proposedDonation: { bankReference: 'ICBC20200203000101', amountFen: 500_000 },
      });
      // Without a bank reference: the same rule as at request time (amount and payer name).
      expect((await pending(campaign, unnamed.body.requestId)).proposedDonation).toMatchObject({ bankReference: 'ICBC20200203000101' });
      // Never issued without staff: no claim token.
      expect((await t.request('GET', `/api/receipt-requests/${named.body.requestId}`)).body.status).toBe('pending_review');

      const approved = await t.request('POST', `/api/staff/receipt-requests/${named.body.requestId}/approve`, { token: admin, body: {} });
      expect(approved.status).toBe(202);
      const audit = await t.request('GET', `/api/staff/audit-log?entity=receipt_request&entityId=${named.body.requestId}`, { token: admin });
      expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('receipt_request.propose_arrived_transfer');
    });

    it('is proposed a transfer recorded by hand, too', async () => {
      const campaign = await createCampaign(t, admin);
      const named = await request(campaign, { bankReference: 'HAND-20200203-1' });
      const recorded = await t.request('POST', '/api/staff/bank-transfers', {
        token: admin,
        body: {
          campaignCode: campaign,
          bankReference: 'HAND-20200203-1',
          amountFen: 500_000,
          payerName: '武汉光谷科技有限公司',
          receivedAt: '2020-02-03T10:00:00+08:00',
        },
      });
      expect(recorded.status).toBe(201);
      expect((await pending(campaign, named.body.requestId)).proposedDonation).toMatchObject({
        orderNo: recorded.body.orderNo,
        bankReference: 'HAND-20200203-1',
      });
    });

    it('is proposed its transfer by a rerun of the import when a run stopped before proposing it', async () => {
      const campaign = await createCampaign(t, admin);
      const named = await request(campaign, { bankReference: 'ICBC20200203000101' });
      await importFile(campaign, readFileSync(join(FIXTURES, 'icbc.csv')), 'icbc.csv');
      // As if the worker had stopped after recording the transfers, before proposing them.
      await t.db.query(`UPDATE receipt_requests SET proposed_donation_id = NULL WHERE id = $1`, [named.body.requestId]);
      const rerun = await importFile(campaign, readFileSync(join(FIXTURES, 'icbc.csv')), 'icbc.csv');
      expect(rerun.body).toMatchObject({ imported: 0, duplicates: 3 });
      expect((await pending(campaign, named.body.requestId)).proposedDonation).toMatchObject({ bankReference: 'ICBC20200203000101' });
    });

    it('is not proposed a transfer of another reference, nor a request already proposed another donation', async () => {
      const campaign = await createCampaign(t, admin);
      const other = await request(campaign, { bankReference: 'NOT-ON-THE-STATEMENT' });
      await importFile(campaign, readFileSync(join(FIXTURES, 'icbc.csv')), 'icbc.csv');
      expect((await pending(campaign, other.body.requestId)).proposedDonation).toBeNull();
    });
  });
});
