import { randomUUID } from 'node:crypto';
import { Workbook } from 'exceljs';
import { countRows, createCampaign, login, startApp, TestApp } from './support/test-app';

describe('bank transfers', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
  });
  afterAll(() => t.close());

  const ref = () => `BOC-${randomUUID().slice(0, 12)}`;

  function record(campaignCode: string, body: Record<string, unknown>, token = admin) {
    return t.request('POST', '/api/staff/bank-transfers', {
      token,
      body: { campaignCode, bankReference: ref(), amountFen: 500000, payerName: '武汉光谷科技有限公司', receivedAt: '2020-02-01T10:30:00+08:00', ...body },
    });
  }

  async function importFile(campaignCode: string, content: Buffer | string, filename = 'statement.csv', token = admin) {
    const form = new FormData();
    form.append('campaignCode', campaignCode);
    form.append('file', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), filename);
    const res = await fetch(`${t.baseUrl}/api/staff/bank-transfers/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: await res.json() };
  }

  async function ledgerSum(campaignCode: string): Promise<{ n: number; fen: number }> {
    const [row] = await t.db.query(
      `SELECT count(*)::int AS n, coalesce(sum(d.amount_fen), 0)::bigint AS fen FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
      [campaignCode],
    );
    return { n: row.n, fen: Number(row.fen) };
  }

  it('records a transfer as a paid donation, counted in the totals, with the payer account encrypted', async () => {
    const campaign = await createCampaign(t, admin);
    const bankReference = ref();
    const res = await record(campaign, { bankReference, amountFen: 123456, payerAccount: '6222 0202 0000 1234 567' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ orderNo: expect.any(String), status: 'paid', amountFen: 123456, bankReference, paidAt: '2020-02-01T02:30:00.000Z' });
    const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
    expect(totals.body).toMatchObject({ amountFen: 123456, donationCount: 1, donorCount: 1 });
    const [row] = await t.db.query(`SELECT channel, payer_account_enc FROM donations WHERE order_no = $1`, [res.body.orderNo]);
    expect(row.channel).toBe('bank_transfer');
    expect(row.payer_account_enc).not.toContain('6222');
    const audit = await t.request('GET', `/api/staff/audit-log?entity=donation&entityId=${res.body.orderNo}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'bank_transfer.record', actorEmail: expect.any(String) });
  });

  it('refuses a bank reference already recorded: 409 DUPLICATE_BANK_REFERENCE, even ten at once', async () => {
    const campaign = await createCampaign(t, admin);
    const bankReference = ref();
    const answers = await Promise.all(Array.from({ length: 10 }, () => record(campaign, { bankReference })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => [a.status, a.body.code])).toEqual(Array(9).fill([409, 'DUPLICATE_BANK_REFERENCE']));
    expect(await ledgerSum(campaign)).toEqual({ n: 1, fen: 500000 });
  });

  it.each([
    ['amount 0', { amountFen: 0 }, 422, 'INVALID_AMOUNT'],
    ['amount in yuan with decimals', { amountFen: 100.5 }, 400, 'VALIDATION_FAILED'],
    ['amount over the limit', { amountFen: 100000001 }, 422, 'INVALID_AMOUNT'],
    ['no payer', { payerName: '' }, 400, 'VALIDATION_FAILED'],
    ['a date without offset', { receivedAt: '2020-02-01' }, 400, 'VALIDATION_FAILED'],
    ['a future date', { receivedAt: '2999-01-01T00:00:00+08:00' }, 422, 'INVALID_DATE'],
    ['a reference with spaces', { bankReference: 'BOC 1' }, 400, 'VALIDATION_FAILED'],
    ['an unknown campaign', { campaignCode: 'no-such-campaign' }, 404, 'CAMPAIGN_NOT_FOUND'],
  ])('refuses %s and records nothing', async (_label, fields, status, code) => {
    const campaign = await createCampaign(t, admin);
    const res = await record(campaign, fields);
    expect([res.status, res.body.code]).toEqual([status, code]);
    expect(await ledgerSum(campaign)).toEqual({ n: 0, fen: 0 });
  });

  it('is for finance: warehouse and auditor are refused, nothing recorded', async () => {
    const campaign = await createCampaign(t, admin);
    for (const role of ['warehouse', 'auditor']) {
      const email = `${role}-${randomUUID().slice(0, 8)}@test.wennuan`;
      expect((await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role, name: role } })).status).toBe(
        201,
      );
      const token = await login(t, email, 'long-enough-password');
      expect((await record(campaign, {}, token)).status).toBe(403);
      expect((await importFile(campaign, 'bankReference,amountYuan,payerName,receivedAt,payerAccount\nX-1,1.00,a,2020-02-01,\n', 's.csv', token)).status).toBe(
        403,
      );
    }
    expect(await ledgerSum(campaign)).toEqual({ n: 0, fen: 0 });
  });

  it('proposes the transfer a receipt request names by bank reference to staff (never issued without a claim token)', async () => {
    const campaign = await createCampaign(t, admin);
    const bankReference = ref();
    expect((await record(campaign, { bankReference, amountFen: 300000 })).status).toBe(201);
    const req = await t.request('POST', '/api/receipt-requests', {
      body: {
        campaignCode: campaign,
        bankReference,
        amountFen: 300000,
        donorType: 'organization',
        name: '武汉光谷科技有限公司',
        creditCode: '91350100M000100Y43',
        invoiceTitle: '武汉光谷科技有限公司',
        phone: '13800138000',
        email: 'finance@example.com',
      },
    });
    expect(req.status).toBe(201);
    expect(req.body.status).toBe('pending_review');
    const listed = await t.request('GET', `/api/staff/receipt-requests?status=pending_review&campaignCode=${campaign}`, { token: admin });
    const item = listed.body.items.find((i: { requestId: string }) => i.requestId === req.body.requestId);
    expect(item).toMatchObject({ matchMethod: 'bank_reference', claimVerified: false, donation: null, proposedDonation: { bankReference, amountFen: 300000 } });
    const approved = await t.request('POST', `/api/staff/receipt-requests/${req.body.requestId}/approve`, { token: admin, body: {} });
    expect(approved.status).toBe(202);
    expect(approved.body.status).toBe('queued');
  });

  it('counts a transfer given to a designated fund in that fund (recorded and imported); an unknown fund is 422 FUND_NOT_FOUND', async () => {
    const funds = [
      { code: 'medical', name: '医疗救治' },
      { code: 'supplies', name: '防护物资' },
    ];
    const campaign = await createCampaign(t, admin, { funds });
    const fundsOf = async () => (await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.funds;

    const unknown = await record(campaign, { amountFen: 100, fundCode: 'nope' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('FUND_NOT_FOUND');
    const bankReference = ref();
    const made = await record(campaign, { bankReference, amountFen: 300_000, fundCode: 'medical' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'paid', fundCode: 'medical' });
    expect((await record(campaign, { bankReference, amountFen: 300_000, fundCode: 'medical' })).body.code).toBe('DUPLICATE_BANK_REFERENCE');
    expect((await record(campaign, { amountFen: 5_000 })).body.fundCode).toBeNull();
    expect(await fundsOf()).toEqual([
      { code: 'medical', name: '医疗救治', amountFen: 300_000, disbursedFen: 0 },
      { code: 'supplies', name: '防护物资', amountFen: 0, disbursedFen: 0 },
    ]);

    const csv = [
      'bankReference,amountYuan,payerName,receivedAt,payerAccount,fundCode',
      `${ref()},100.00,张伟,2020-02-01 10:30,,supplies`,
      `${ref()},20.00,李娜,2020-02-01 10:31,,`,
      `${ref()},30.00,王芳,2020-02-01 10:32,,nope`, // line 4: unknown fund
      `${ref()},1.50,赵强,2020-02-01 10:33,,medical`,
    ].join('\n');
    const imported = await importFile(campaign, csv);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({
      imported: 3,
      duplicates: 0,
      skipped: 0,
      layout: { code: 'standard', name: '通用格式' },
      errors: [{ line: 4, code: 'FUND_NOT_FOUND', message: expect.stringMatching(/^第 4 行：/) }],
    });
    expect(await fundsOf()).toEqual([
      { code: 'medical', name: '医疗救治', amountFen: 300_150, disbursedFen: 0 },
      { code: 'supplies', name: '防护物资', amountFen: 10_000, disbursedFen: 0 },
    ]);
    expect((await t.request('GET', `/api/campaigns/${campaign}/totals`)).body.amountFen).toBe(300_000 + 5_000 + 10_000 + 2_000 + 150);
  });

  describe('statement import', () => {
    const header = 'bankReference,amountYuan,payerName,receivedAt,payerAccount';

    it('keeps good lines, reports bad ones by line, and imports nothing the second time', async () => {
      const campaign = await createCampaign(t, admin);
      const [a, b, c] = [ref(), ref(), ref()];
      const csv = [
        header,
        `${a},1000.00,张伟,2020-02-01 10:30,6222020200001234567`,
        `${b},"1,234.56",武汉光谷科技有限公司,2020-02-01T11:00:00+08:00,`,
        `,50.00,没有流水号,2020-02-01,`, // line 4: no reference
        `${ref()},12.345,三位小数,2020-02-01,`, // line 5: bad amount
        `${ref()},10.00,日期错误,2020-02-30,`, // line 6: bad date
        `${c},0.01,李娜,2020/02/02,`,
        `${a},1000.00,张伟,2020-02-01 10:30,6222020200001234567`, // line 8: same reference again in the file
      ].join('\n');
      const first = await importFile(campaign, csv);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        imported: 3,
        duplicates: 1,
        skipped: 0,
        layout: { code: 'standard', name: '通用格式' },
        errors: [
          { line: 4, code: 'MISSING_BANK_REFERENCE', message: '第 4 行：“bankReference”列为空' },
          { line: 5, code: 'INVALID_AMOUNT', message: '第 5 行：“amountYuan”列的“12.345”不是有效的金额（元，最多两位小数）' },
          { line: 6, code: 'INVALID_DATE', message: expect.stringMatching(/^第 6 行：“receivedAt”列的“2020-02-30”不是有效的日期/) },
        ],
      });
      expect(await ledgerSum(campaign)).toEqual({ n: 3, fen: 100000 + 123456 + 1 });
      const [zhang] = await t.db.query(`SELECT paid_at FROM donations WHERE bank_reference = $1`, [a]);
      expect(zhang.paid_at.toISOString()).toBe('2020-02-01T02:30:00.000Z');

      const second = await importFile(campaign, csv);
      expect(second.body).toMatchObject({ imported: 0, duplicates: 4 });
      expect(await ledgerSum(campaign)).toEqual({ n: 3, fen: 223457 });
    });

    it('reads the same columns from an XLSX export', async () => {
      const campaign = await createCampaign(t, admin);
      const workbook = new Workbook();
      const sheet = workbook.addWorksheet('流水');
      sheet.addRow(header.split(','));
      sheet.addRow([ref(), '88.80', '王芳', '2020-02-03 09:00', '']);
      sheet.addRow([ref(), 20000, '赵强', '2020-02-03', '']);
      sheet.addRow([ref(), 'abc', '错误', '2020-02-03', '']);
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
      const res = await importFile(campaign, bytes, 'statement.xlsx');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ imported: 2, duplicates: 0, errors: [{ line: 4, code: 'INVALID_AMOUNT' }] });
      expect(await ledgerSum(campaign)).toEqual({ n: 2, fen: 8880 + 2000000 });
    });

    it.each([
      ['a file without the header', 'a,b,c\n1,2,3\n', 'STATEMENT_COLUMNS_MISSING'],
      ['an empty file', ' ', 'INVALID_STATEMENT'],
      ['binary garbage', Buffer.from([0, 1, 2, 3, 255, 254]), 'STATEMENT_COLUMNS_MISSING'],
    ])('refuses %s with 422 (%#)', async (_label, content, code) => {
      const campaign = await createCampaign(t, admin);
      const res = await importFile(campaign, content);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('imports a 2,000-line statement exactly, and totals match afterwards (10,000 lines: the import-job suite)', async () => {
      const campaign = await createCampaign(t, admin);
      const lines = [header];
      let expected = 0;
      for (let i = 0; i < 2_000; i++) {
        const fen = 100 + ((i * 7919) % 99_900);
        expected += fen;
        lines.push(
          `BULK-${i}-${campaign},${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')},付款人${i},2020-02-0${1 + (i % 9)} 12:00,62220202${String(i).padStart(8, '0')}`,
        );
      }
      const res = await importFile(campaign, lines.join('\n'));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ imported: 2_000, duplicates: 0, skipped: 0, layout: { code: 'standard', name: '通用格式' }, errors: [] });
      expect(await ledgerSum(campaign)).toEqual({ n: 2_000, fen: expected });
      const totals = await t.request('GET', `/api/campaigns/${campaign}/totals`);
      expect(totals.body).toMatchObject({ amountFen: expected, donationCount: 2_000, donorCount: 2_000 });
      expect(
        await countRows(
          t,
          `SELECT count(*) FROM payments p JOIN donations d ON d.id = p.donation_id JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`,
          [campaign],
        ),
      ).toBe(2_000);
    }, 300_000);
  });
});
