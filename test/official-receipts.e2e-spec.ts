import { asDonor, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp } from './support/test-app';
import { eventually, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { FakeFiscalPlatform, startFakeFiscalPlatform } from './support/fake-fiscal-platform';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { FiscalReceiptIssuerService } from '../src/receipts/fiscal-receipt-issuer.service';
import { pdfText } from './support/pdf-text';

jest.setTimeout(600_000);

/** A minimal PDF, as the platform's portal hands out. */
const PLATFORM_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');

/** Shared by the suites below: an app, a campaign, and receipts issued through the real path. */
function harness(name: string, extraEnv: () => Record<string, string> = () => ({})) {
  const own = isolated(name);
  const ctx = {} as { t: TestApp; smtp: SmtpSink; admin: string; campaign: string };
  beforeAll(async () => {
    ctx.smtp = await startSmtpSink();
    ctx.t = await startApp({ ...own.env, SMTP_URL: ctx.smtp.url, PUBLIC_WRITE_RATE_LIMIT: '100000', ORDER_LOOKUP_RATE_LIMIT: '100000', ...extraEnv() });
    ctx.admin = await login(ctx.t);
    ctx.campaign = await createCampaign(ctx.t, ctx.admin, { receiptPrefix: 'OF' });
  });
  afterAll(async () => {
    await ctx.t?.close();
    await ctx.smtp?.close();
    await own.drop();
  });

  /** Requests for n paid donations (with their claim tokens, so they are queued at once); their request ids. */
  async function requestMany(n: number, amountFen = 12345): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < n; start += 20) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(20, n - start) }, async (_, i) => {
          const created = await createDonation(ctx.t, ctx.campaign, { amountFen });
          expect(created.status).toBe(201);
          const orderNo = created.body.orderNo as string;
          const paid = await notifySandbox(ctx.t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt: new Date().toISOString() });
          expect(paid.status).toBe(200);
          const req = await ctx.t.request('POST', '/api/receipt-requests', {
            body: asDonor({
              campaignCode: ctx.campaign,
              orderNo,
              amountFen,
              donorType: 'individual',
              name: '张伟',
              idNumber: '11010519491231002X',
              invoiceTitle: `张伟${start + i}`,
              phone: '13800138000',
              email: `donor-${orderNo.toLowerCase()}@example.com`,
            }),
          });
          expect(req.body).toMatchObject({ status: 'queued' });
          return req.body.requestId as string;
        }),
      );
      ids.push(...batch);
    }
    return ids;
  }

  async function issued(requestId: string): Promise<string> {
    return eventually(
      async () => {
        const res = await ctx.t.request('GET', `/api/receipt-requests/${requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      240_000,
      `request ${requestId} issued`,
    );
  }

  async function issueMany(n: number): Promise<string[]> {
    const ids = await requestMany(n);
    const receiptNos: string[] = [];
    for (const id of ids) receiptNos.push(await issued(id));
    return receiptNos;
  }

  async function details(receiptNo: string) {
    const res = await ctx.t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: ctx.admin });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function staffPdf(receiptNo: string): Promise<Buffer> {
    const res = await fetch(`${ctx.t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${ctx.admin}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The PDF once it shows the official receipt (the re-render job). */
  async function officialPdf(receiptNo: string): Promise<string> {
    await eventually(async () => ((await details(receiptNo)).pdfShowsOfficial ? true : undefined), 120_000, `${receiptNo} re-rendered`);
    return pdfText(await staffPdf(receiptNo), { layout: true });
  }

  return { ctx, requestMany, issued, issueMany, details, staffPdf, officialPdf };
}

describe('official receipts: the 捐赠证明 becomes a 捐赠票据 only with an official receipt attached', () => {
  const h = harness('official');
  const { ctx } = h;

  function post(path: string, body: unknown, token = ctx.admin) {
    return ctx.t.request('POST', path, { body, token });
  }

  async function book(code: string, firstNumber: string, lastNumber: string) {
    const res = await post('/api/staff/receipt-books', { code, firstNumber, lastNumber });
    expect(res.status).toBe(201);
    return res.body as { id: string; code: string; firstNumber: string; lastNumber: string };
  }

  it('issues a 捐赠证明 (no official receipt, no tax claim) and says so in the mail; official is null', async () => {
    const [receiptNo] = await h.issueMany(1);
    const d = await h.details(receiptNo);
    expect(d.official).toBeNull();
    const text = await pdfText(await h.staffPdf(receiptNo), { layout: true });
    expect(text).toContain('捐赠证明');
    expect(text).not.toContain('捐赠票据');
    expect(text).not.toContain('税前扣除');
    const mail = (await ctx.smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)))).find((m) => m.subject?.includes(receiptNo))!;
    expect(mail.subject).toContain('捐赠证明');
    expect(mail.subject).not.toContain('捐赠票据');
    // The plain-text body keeps its line breaks.
    expect(mail.text).toMatch(new RegExp(`证明编号：${receiptNo}\\n捐赠金额：`));
    expect(mail.text).not.toContain('税前扣除');
  });

  it('manual fiscal entry: refuses bad input leaving nothing, attaches with the file, re-renders as 捐赠票据 and mails it', async () => {
    const [receiptNo, other] = await h.issueMany(2);
    const entry = { code: '42010124', number: '0012345678', checkCode: 'a1b2c3', issuedAt: '2020-02-03T10:00:00+08:00' };
    const fiscal = (body: unknown) => post(`/api/staff/receipts/${receiptNo}/fiscal`, body);

    expect((await fiscal({ ...entry, code: '4201012' })).status).toBe(400);
    expect((await fiscal({ ...entry, number: '12345678901' })).status).toBe(400);
    expect((await fiscal({ ...entry, checkCode: '' })).status).toBe(400);
    const badDate = await fiscal({ ...entry, issuedAt: '2020-02-30' });
    expect(badDate.status).toBe(422);
    expect(badDate.body.code).toBe('INVALID_DATE');

    // multipart with a file that is not a PDF or OFD (a PNG): refused by content.
    const notPdf = new FormData();
    for (const [k, v] of Object.entries(entry)) notPdf.append(k, v);
    notPdf.append('file', new Blob([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')], { type: 'application/pdf' }), 'receipt.pdf');
    const refused = await fetch(`${ctx.t.baseUrl}/api/staff/receipts/${receiptNo}/fiscal`, {
      method: 'POST',
      body: notPdf,
      headers: { authorization: `Bearer ${ctx.admin}` },
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { code: string }).code).toBe('INVALID_ATTACHMENT');
    expect((await h.details(receiptNo)).official).toBeNull();

    const form = new FormData();
    for (const [k, v] of Object.entries(entry)) form.append(k, v);
    form.append('file', new Blob([PLATFORM_PDF], { type: 'application/pdf' }), 'platform.pdf');
    const attached = await fetch(`${ctx.t.baseUrl}/api/staff/receipts/${receiptNo}/fiscal`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${ctx.admin}` },
    });
    expect(attached.status).toBe(200);
    const body = (await attached.json()) as { official: unknown };
    expect(body.official).toMatchObject({ kind: 'fiscal', code: '42010124', number: '0012345678', checkCode: 'a1b2c3', issuedAt: '2020-02-03T02:00:00.000Z' });

    const d = await h.details(receiptNo);
    expect(d.official).toMatchObject({ kind: 'fiscal', code: '42010124', number: '0012345678', checkCode: 'a1b2c3', issuedAt: '2020-02-03T02:00:00.000Z' });
    const file = await fetch(`${ctx.t.baseUrl}/api/staff/receipts/${receiptNo}/official-file`, { headers: { authorization: `Bearer ${ctx.admin}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PLATFORM_PDF)).toBe(true);

    // A double click answers the same; another entry, or the same number on another record, is refused.
    const again = await fiscal(entry);
    expect(again.status).toBe(200);
    const different = await fiscal({ ...entry, number: '0012345679' });
    expect(different.status).toBe(409);
    expect(different.body.code).toBe('OFFICIAL_RECEIPT_EXISTS');
    const reused = await post(`/api/staff/receipts/${other}/fiscal`, entry);
    expect(reused.status).toBe(409);
    expect(reused.body.code).toBe('RECEIPT_NUMBER_USED');
    expect((await h.details(other)).official).toBeNull();
    expect(Number((await ctx.t.db.query(`SELECT count(*) FROM official_receipts WHERE code = '42010124'`))[0].count)).toBe(1);

    const text = await h.officialPdf(receiptNo);
    expect(text).toContain('捐赠票据');
    expect(text).not.toContain('捐赠证明');
    expect(text).not.toContain('税前扣除');
    expect(text).toMatch(/票据代码：\s*42010124/);
    expect(text).toMatch(/票据号码：\s*0012345678/);
    expect(text).toMatch(/校验码：\s*a1b2c3/);

    const mails = await ctx.smtp.waitFor((all) => all.some((m) => m.subject?.startsWith(`捐赠票据 ${receiptNo}`)));
    const mail = mails.find((m) => m.subject?.startsWith(`捐赠票据 ${receiptNo}`))!;
    expect(mail.text).toMatch(/票据代码：42010124\n票据号码：0012345678\n校验码：a1b2c3\n/);
    const audit = await ctx.t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'receipt.official.fiscal'`, [receiptNo]);
    expect(audit).toHaveLength(1);
  });

  it('attached while the first 捐赠证明 mail is still being delivered: the 捐赠票据 mail is a send of its own and goes out after it', async () => {
    const held = ctx.smtp.hold();
    let receiptNo = '';
    try {
      const [requestId] = await h.requestMany(1);
      receiptNo = await h.issued(requestId);
      // The first mail has reached the SMTP server and waits for its answer (sent, not yet counted).
      await eventually(
        async () => (held.waiting().some((m) => m.subject?.startsWith(`捐赠证明 ${receiptNo}`)) ? true : undefined),
        60_000,
        'first mail in delivery',
      );
      const attached = await post(`/api/staff/receipts/${receiptNo}/fiscal`, {
        code: '42010125',
        number: '0012345700',
        checkCode: 'c3d4e5',
        issuedAt: '2020-02-04T10:00:00+08:00',
      });
      expect(attached.status).toBe(200);
      await h.officialPdf(receiptNo);
    } finally {
      held.release();
    }
    await ctx.smtp.waitFor((all) => all.some((m) => m.subject?.startsWith(`捐赠票据 ${receiptNo}`)), 90_000);
    const subjects = ctx.smtp.messages.filter((m) => m.subject?.includes(receiptNo)).map((m) => m.subject!.slice(0, 4));
    expect(subjects).toEqual(['捐赠证明', '捐赠票据']);
    const [row] = await ctx.t.db.query(`SELECT email_count, email_queued FROM receipts WHERE receipt_no = $1`, [receiptNo]);
    expect(row).toEqual({ email_count: 2, email_queued: 2 });
  });

  it('registers paper books: a bad range or an overlap of the same code is refused', async () => {
    const first = await book('42010130', '0000000101', '0000000200');
    expect(first).toMatchObject({ id: expect.any(String), code: '42010130', firstNumber: '0000000101', lastNumber: '0000000200' });
    const overlap = await post('/api/staff/receipt-books', { code: '42010130', firstNumber: '0000000200', lastNumber: '0000000300' });
    expect(overlap.status).toBe(409);
    expect(overlap.body.code).toBe('RECEIPT_BOOK_OVERLAP');
    // The same range of another code, and the next range of the same code, are fine.
    await book('42010131', '0000000101', '0000000200');
    await book('42010130', '0000000201', '0000000300');
    const reversed = await post('/api/staff/receipt-books', { code: '42010132', firstNumber: '0000000200', lastNumber: '0000000100' });
    expect(reversed.status).toBe(422);
    const tooBig = await post('/api/staff/receipt-books', { code: '42010132', firstNumber: '0000000001', lastNumber: '0000010001' });
    expect(tooBig.status).toBe(422);
    expect((await post('/api/staff/receipt-books', { code: '42010132', firstNumber: '0000000001', lastNumber: '0000010000' })).status).toBe(201);
    expect((await post('/api/staff/receipt-books', { code: '4201013', firstNumber: '0000000001', lastNumber: '0000000002' })).status).toBe(400);
    expect((await post('/api/staff/receipt-books', { code: '42010133', firstNumber: '1', lastNumber: '0000000002' })).status).toBe(400);

    const warehouse = await post('/api/staff/users', { email: 'wh-books@example.com', password: 'Warehouse-Pass-2020', role: 'warehouse', name: '仓管' });
    expect(warehouse.status).toBe(201);
    const whToken = await login(ctx.t, 'wh-books@example.com', 'Warehouse-Pass-2020');
    expect((await post('/api/staff/receipt-books', { code: '42010134', firstNumber: '0000000001', lastNumber: '0000000002' }, whToken)).status).toBe(403);
  });

  it('a book of 50 numbers: 40 receipts and 10 spoiled forms account for every number; it closes only then', async () => {
    const b = await book('42010140', '0000000001', '0000000050');
    const receiptNos = await h.issueMany(41);
    const extra = receiptNos.pop()!;

    // Explicit numbers: outside the book, then a good one, then the same one again on another record.
    const outside = await post(`/api/staff/receipts/${receiptNos[0]}/paper`, { bookId: b.id, number: '0000000051' });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('RECEIPT_NUMBER_OUTSIDE_BOOK');
    const firstAttach = await post(`/api/staff/receipts/${receiptNos[0]}/paper`, { bookId: b.id, number: '0000000001' });
    expect(firstAttach.status).toBe(200);
    expect(firstAttach.body.official).toMatchObject({ kind: 'paper', code: '42010140', number: '0000000001', issuedAt: expect.any(String) });
    const used = await post(`/api/staff/receipts/${receiptNos[1]}/paper`, { bookId: b.id, number: '0000000001' });
    expect(used.status).toBe(409);
    expect(used.body.code).toBe('RECEIPT_NUMBER_USED');
    // A double click on the same record answers the attachment made; another book is refused.
    expect((await post(`/api/staff/receipts/${receiptNos[0]}/paper`, { bookId: b.id, number: '0000000001' })).status).toBe(200);
    const exists = await post(`/api/staff/receipts/${receiptNos[0]}/paper`, { bookId: b.id, number: '0000000002' });
    expect(exists.status).toBe(409);
    expect(exists.body.code).toBe('OFFICIAL_RECEIPT_EXISTS');

    // Ten spoiled forms, then the other 39 records take the next unused numbers.
    for (let n = 2; n <= 11; n++) {
      const spoiled = await post(`/api/staff/receipt-books/${b.id}/spoil`, { number: String(n).padStart(10, '0'), reason: '打印错位，已加盖作废章' });
      expect(spoiled.status).toBe(200);
    }
    const spoiledTwice = await post(`/api/staff/receipt-books/${b.id}/spoil`, { number: '0000000002', reason: '重复' });
    expect(spoiledTwice.status).toBe(409);
    expect(spoiledTwice.body.code).toBe('RECEIPT_NUMBER_USED');
    const spoiledUsed = await post(`/api/staff/receipts/${receiptNos[1]}/paper`, { bookId: b.id, number: '0000000005' });
    expect(spoiledUsed.body.code).toBe('RECEIPT_NUMBER_USED');

    const half = await ctx.t.request('GET', `/api/staff/receipt-books/${b.id}`, { token: ctx.admin });
    expect(half.body).toMatchObject({ id: b.id, code: '42010140', firstNumber: '0000000001', lastNumber: '0000000050', used: 1, spoiled: 10, unused: 39 });
    const early = await post(`/api/staff/receipt-books/${b.id}/close`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('RECEIPT_BOOK_HAS_UNUSED');

    const numbers: string[] = [];
    for (const receiptNo of receiptNos.slice(1)) {
      const res = await post(`/api/staff/receipts/${receiptNo}/paper`, { bookId: b.id });
      expect(res.status).toBe(200);
      numbers.push(res.body.official.number);
    }
    expect(numbers).toEqual(Array.from({ length: 39 }, (_, i) => String(i + 12).padStart(10, '0')));
    const full = await post(`/api/staff/receipts/${extra}/paper`, { bookId: b.id });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('RECEIPT_BOOK_EXHAUSTED');

    // A voided record keeps its number: it stays used, shown as voided, never released.
    expect((await post(`/api/staff/receipts/${receiptNos[5]}/void`, { reason: '捐赠人要求作废' })).status).toBe(200);
    const report = await ctx.t.request('GET', `/api/staff/receipt-books/${b.id}`, { token: ctx.admin });
    expect(report.body).toMatchObject({ used: 40, spoiled: 10, unused: 0, usedByVoidedReceipts: 1 });
    expect(report.body.used + report.body.spoiled + report.body.unused).toBe(50);
    expect(report.body.entries).toHaveLength(50);
    expect(report.body.entries.find((e: { receiptNo: string }) => e.receiptNo === receiptNos[5])).toMatchObject({ state: 'used', receiptStatus: 'voided' });
    expect((await h.details(receiptNos[5])).official).toMatchObject({ kind: 'paper', voided: true });
    expect(report.body.unusedRanges).toEqual([]);

    const closed = await post(`/api/staff/receipt-books/${b.id}/close`, {});
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', used: 40, spoiled: 10, unused: 0 });

    const text = await h.officialPdf(receiptNos[1]);
    expect(text).toContain('捐赠票据');
    expect(text).toMatch(/票据代码：\s*42010140/);
    expect(text).toMatch(/票据号码：\s*0000000012/);
    expect(text).not.toContain('校验码');
  });

  it('void: the donor is told by mail, the status page stops offering a re-send, the verification page says voided and names the replacement', async () => {
    const [requestId] = await h.requestMany(1);
    const receiptNo = await h.issued(requestId);
    expect(
      (
        await post(`/api/staff/receipts/${receiptNo}/fiscal`, {
          code: '42010160',
          number: '0000000160',
          checkCode: 'c0ffee',
          issuedAt: '2020-02-03T10:00:00+08:00',
        })
      ).status,
    ).toBe(200);
    await h.officialPdf(receiptNo);
    const reissued = await post(`/api/staff/receipts/${receiptNo}/reissue`, { invoiceTitle: '武汉光谷科技有限公司', reason: '抬头有误' });
    expect(reissued.status).toBe(202);
    const voidMail = (await ctx.smtp.waitFor((all) => all.some((m) => m.subject?.startsWith(`捐赠票据 ${receiptNo} 已作废`)))).find((m) =>
      m.subject?.startsWith(`捐赠票据 ${receiptNo} 已作废`),
    )!;
    expect(voidMail.text).toContain('原因：抬头有误');
    expect(voidMail.text).toContain('票据代码 42010160，票据号码 0000000160');
    expect(voidMail.text).toContain('重新开具');

    const replacement = await eventually(
      async () => ((await h.details(receiptNo)).replacedByReceiptNo as string | null) ?? undefined,
      120_000,
      'replacement issued',
    );
    const verifyUrl = new URL((await h.details(receiptNo)).verifyUrl as string);
    const verified = await ctx.t.request('GET', `/api/receipts/verify/${receiptNo}${verifyUrl.search}`);
    expect(verified.body).toMatchObject({
      valid: true,
      status: 'voided',
      official: { kind: 'fiscal', code: '42010160', number: '0000000160' },
      replacedBy: { receiptNo: replacement },
    });
    const page = await ctx.t.request('GET', `/verify/${receiptNo}${verifyUrl.search}`);
    expect(page.text).toContain('捐赠票据已作废');
    expect(page.text).toContain(replacement);
    // The replacement has no official receipt yet: a certificate.
    const newPage = await ctx.t.request(
      'GET',
      new URL(verified.body.replacedBy.verifyUrl as string).pathname + new URL(verified.body.replacedBy.verifyUrl as string).search,
    );
    expect(newPage.text).toContain('捐赠证明真实有效');

    // A receipt voided without replacement: the donor's status page says so and offers no re-send.
    const [otherRequest] = await h.requestMany(1);
    const otherNo = await h.issued(otherRequest);
    expect((await post(`/api/staff/receipts/${otherNo}/void`, { reason: '重复申请' })).status).toBe(200);
    await ctx.smtp.waitFor((all) => all.some((m) => m.subject?.startsWith(`捐赠证明 ${otherNo} 已作废`)));
    const status = await ctx.t.request('GET', `/api/receipt-requests/${otherRequest}`);
    expect(status.body).toMatchObject({ status: 'issued', receiptNo: otherNo, receiptStatus: 'voided' });
    const statusPage = await ctx.t.request('GET', `/receipts/requests/${otherRequest}`);
    expect(statusPage.text).toContain('已作废');
    expect(statusPage.text).not.toContain('id="resend"');
    const resend = await ctx.t.request('POST', `/api/receipt-requests/${otherRequest}/resend`);
    expect(resend.status).toBe(409);
  });

  it('a donor may decline a receipt: recorded, shown to staff, withdrawn when they ask after all', async () => {
    const created = await createDonation(ctx.t, ctx.campaign, { amountFen: 20000 });
    const orderNo = created.body.orderNo as string;
    await notifySandbox(ctx.t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen: 20000, paidAt: new Date().toISOString() });
    const stranger = await ctx.t.request('POST', '/api/receipt-declines', { body: { orderNo, claimToken: 'not-the-token' } });
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('ORDER_NOT_FOUND');
    const declined = await ctx.t.request('POST', '/api/receipt-declines', { body: { orderNo, claimToken: created.body.claimToken } });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ orderNo, receiptDeclined: true, declinedAt: expect.any(String) });
    const twice = await ctx.t.request('POST', '/api/receipt-declines', { body: { orderNo, claimToken: created.body.claimToken } });
    expect(twice.body.declinedAt).toBe(declined.body.declinedAt);
    const listed = await ctx.t.request('GET', `/api/staff/receipt-declines?campaignCode=${ctx.campaign}`, { token: ctx.admin });
    expect(listed.body.items).toEqual([expect.objectContaining({ orderNo, amountFen: 20000, declinedAt: declined.body.declinedAt, withdrawnAt: null })]);

    const req = await ctx.t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: ctx.campaign,
        orderNo,
        amountFen: 20000,
        donorType: 'individual',
        name: '李娜',
        idNumber: '11010519491231002X',
        invoiceTitle: '李娜',
        phone: '13900139000',
        email: 'li.na@example.com',
      }),
    });
    expect(req.body).toMatchObject({ status: 'queued' });
    const after = await ctx.t.request('GET', `/api/staff/receipt-declines?campaignCode=${ctx.campaign}`, { token: ctx.admin });
    expect(after.body.items[0]).toMatchObject({ orderNo, withdrawnAt: expect.any(String) });
    const late = await ctx.t.request('POST', '/api/receipt-declines', { body: { orderNo, claimToken: created.body.claimToken } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
  });

  it('lays the record out in the field order of the official form (Art. 6)', async () => {
    const [receiptNo] = await h.issueMany(1);
    const res = await ctx.t.request('GET', `/api/staff/receipts/${receiptNo}/form`, { token: ctx.admin });
    expect(res.status).toBe(200);
    const fields = res.body.fields as { key: string; label: string; value: string | null }[];
    expect(fields.map((f) => f.label)).toEqual([
      '交款人',
      '统一社会信用代码',
      '项目编码',
      '项目名称',
      '金额（小写）',
      '金额（大写）',
      '开票日期',
      '备注',
      '开票单位',
      '复核人',
      '收款人',
    ]);
    const value = (key: string) => fields.find((f) => f.key === key)!.value;
    expect(value('payer')).toMatch(/^张伟\d+$/);
    expect(value('payerCreditCode')).toBeNull(); // an individual
    expect(value('projectCode')).toBe(ctx.campaign);
    expect(value('amountFigures')).toBe('¥123.45');
    expect(value('amountCapitals')).toBe('壹佰贰拾叁元肆角伍分');
    expect(value('remark')).toContain(receiptNo);
    expect(value('reviewer')).toBe('系统自动核验'); // approved by its claim token, no staff member
    expect(value('payee')).toBeNull(); // the campaign names no 收款人: signed by hand
  });

  it('200 concurrent attachments to one book give 200 different numbers, each used once', async () => {
    const b = await book('42010150', '0000001001', '0000001250');
    const receiptNos = await h.issueMany(200);
    const answers = await Promise.all(receiptNos.map((receiptNo) => post(`/api/staff/receipts/${receiptNo}/paper`, { bookId: b.id })));
    expect(answers.map((a) => a.status)).toEqual(receiptNos.map(() => 200));
    const numbers = answers.map((a) => a.body.official.number as string);
    expect(new Set(numbers).size).toBe(200);
    expect([...numbers].sort()).toEqual(Array.from({ length: 200 }, (_, i) => String(1001 + i).padStart(10, '0')));
    const report = await ctx.t.request('GET', `/api/staff/receipt-books/${b.id}`, { token: ctx.admin });
    expect(report.body).toMatchObject({ used: 200, spoiled: 0, unused: 50 });
    expect(report.body.unusedRanges).toEqual([['0000001201', '0000001250']]);
  });
});

describe('official receipts: the 财政电子票据 platform route (simulator), through outages', () => {
  let platform: FakeFiscalPlatform;
  beforeAll(async () => {
    platform = await startFakeFiscalPlatform();
  });
  const h = harness('fiscal', () => ({
    FISCAL_RECEIPT_API_BASE: platform.url,
    FISCAL_RECEIPT_APP_ID: platform.appId,
    FISCAL_RECEIPT_APP_KEY: platform.appKey,
    FISCAL_RECEIPT_AGENCY_CODE: platform.agencyCode,
    FISCAL_RECEIPT_TIMEOUT_MS: '1000',
  }));
  afterAll(async () => {
    await platform?.close();
  });

  async function attached(receiptNo: string) {
    return eventually(
      async () => {
        const d = await h.details(receiptNo);
        return d.official ? d : undefined;
      },
      180_000,
      `${receiptNo} has its official receipt`,
    );
  }

  async function fiscalRequest(receiptNo: string): Promise<{ status: string; attempts: number; last_error: string | null } | undefined> {
    const rows = await h.ctx.t.db.query(
      `SELECT f.status, f.attempts, f.last_error FROM fiscal_receipt_requests f JOIN receipts r ON r.id = f.receipt_id WHERE r.receipt_no = $1`,
      [receiptNo],
    );
    return rows[0];
  }

  it('approval → the platform issues → the official receipt is attached and the PDF becomes a 捐赠票据', async () => {
    const [receiptNo] = await h.issueMany(1);
    const d = await attached(receiptNo);
    const record = platform.issued.get(receiptNo)!;
    expect(record).toMatchObject({ amountFen: 12345, voided: false });
    expect(d.official).toEqual(
      expect.objectContaining({
        kind: 'fiscal',
        source: 'platform',
        code: record.billCode,
        number: record.billNo,
        checkCode: record.checkCode,
        issuedAt: record.issueDate,
      }),
    );
    const text = await h.officialPdf(receiptNo);
    expect(text).toContain('捐赠票据');
    expect(text).toMatch(new RegExp(`票据号码：\\s*${record.billNo}`));
    expect(text).toMatch(new RegExp(`校验码：\\s*${record.checkCode}`));
    const file = await fetch(`${h.ctx.t.baseUrl}/api/staff/receipts/${receiptNo}/official-file`, { headers: { authorization: `Bearer ${h.ctx.admin}` } });
    expect((await file.text()).startsWith('%PDF-')).toBe(true);
    expect(await fiscalRequest(receiptNo)).toMatchObject({ status: 'issued', attempts: 1 });

    // Voiding the record voids the electronic receipt on the platform too.
    expect((await h.ctx.t.request('POST', `/api/staff/receipts/${receiptNo}/void`, { token: h.ctx.admin, body: { reason: '捐赠人退款' } })).status).toBe(200);
    await eventually(async () => platform.issued.get(receiptNo)!.voided || undefined, 60_000, 'voided on the platform');
    expect((await h.details(receiptNo)).official).toMatchObject({ voided: true });
  });

  it('the platform down for a while (503, then dropped connections): the approved request waits and is attached once it is back', async () => {
    platform.down(2, '503');
    const [receiptNo] = await h.issueMany(1);
    await eventually(async () => ((await fiscalRequest(receiptNo))?.attempts ?? 0) >= 2 || undefined, 120_000, 'two failed attempts');
    platform.down(2, 'drop');
    const d = await attached(receiptNo);
    expect(d.official).toMatchObject({ kind: 'fiscal', number: platform.issued.get(receiptNo)!.billNo });
    const request = (await fiscalRequest(receiptNo))!;
    expect(request.status).toBe('issued');
    expect(request.attempts).toBeGreaterThanOrEqual(3);
    expect(platform.calls.filter((c) => c.status === 503).length).toBeGreaterThanOrEqual(2);
    expect(
      Number(
        (await h.ctx.t.db.query(`SELECT count(*) FROM official_receipts o JOIN receipts r ON r.id = o.receipt_id WHERE r.receipt_no = $1`, [receiptNo]))[0]
          .count,
      ),
    ).toBe(1);
  });

  it('a request whose job gave up (retries spent, Redis lost it) is asked again by the sweep', async () => {
    platform.down(1000, '503');
    const [receiptNo] = await h.issueMany(1);
    await eventually(async () => ((await fiscalRequest(receiptNo))?.attempts ?? 0) >= 1 || undefined, 120_000, 'a failed attempt');
    // The job is gone (as after its last retry): only the request row remembers.
    const queue = h.ctx.t.app.get<Queue>(getQueueToken('receipts'), { strict: false });
    const [{ id: receiptId }] = await h.ctx.t.db.query(`SELECT id FROM receipts WHERE receipt_no = $1`, [receiptNo]);
    const fiscalJobs = async () =>
      (await queue.getJobs(['delayed', 'wait', 'active', 'prioritized'])).filter((j) => j?.name === 'issue-fiscal' && j.data.receiptId === receiptId);
    await eventually(
      async () => {
        for (const job of await fiscalJobs()) await job.remove().catch(() => undefined);
        return (await fiscalJobs()).length === 0 ? true : undefined;
      },
      60_000,
      'the fiscal job removed',
    );
    platform.down(0);
    await h.ctx.t.db.query(`UPDATE fiscal_receipt_requests SET updated_at = now() - interval '1 hour' WHERE receipt_id = $1`, [receiptId]);
    expect((await fiscalRequest(receiptNo))!.status).toBe('pending');
    const sweeper = h.ctx.t.app.get(FiscalReceiptIssuerService, { strict: false });
    expect(await sweeper.sweep()).toEqual({ requeued: 1 });
    await attached(receiptNo);
    expect((await fiscalRequest(receiptNo))!.status).toBe('issued');
  });

  it('a slow platform (beyond FISCAL_RECEIPT_TIMEOUT_MS) counts as down, and one whose answer does not match is not trusted', async () => {
    platform.slow(1500);
    const [slowNo] = await h.issueMany(1);
    await eventually(async () => ((await fiscalRequest(slowNo))?.attempts ?? 0) >= 1 || undefined, 120_000, 'a timed-out attempt');
    expect((await fiscalRequest(slowNo))!.last_error).toContain('unreachable');
    platform.slow(0);
    await attached(slowNo);

    platform.mismatchNext();
    const [mismatchNo] = await h.issueMany(1);
    const d = await attached(mismatchNo);
    const request = (await fiscalRequest(mismatchNo))!;
    expect(request.attempts).toBeGreaterThanOrEqual(2);
    // The platform issued once for this number (the repeat got the same receipt), attached once.
    expect(d.official.number).toBe(platform.issued.get(mismatchNo)!.billNo);
  });
});
