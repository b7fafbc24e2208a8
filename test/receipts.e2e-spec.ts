import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import jsQR from 'jsqr';
import { Client } from 'pg';
import { PNG } from 'pngjs';
import { idNumberCheckChar } from '../src/common/id-number';
import { ReceiptIssuerService } from '../src/receipts/receipt-issuer.service';
import { ReceiptRequestsRepository } from '../src/receipts/receipt-requests.repository';
import { createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp, asDonor } from './support/test-app';
import { queuesIdle } from './support/queues-idle';
import { eventually, SmtpSink, startSmtpSink } from './support/smtp-sink';
import { pdfText } from './support/pdf-text';

const run = promisify(execFile);

/** A valid resident ID number (GB 11643) for a birth date and sequence; `x` lowercase when asked. */
function idNumber(birth: string, seq: string, lower = false): string {
  const body = `110105${birth}${seq}`;
  const check = idNumberCheckChar(body);
  return body + (lower ? check.toLowerCase() : check);
}
// 11010519491231002X: the standard's own example, check character X.
const ID_WITH_X = '11010519491231002X';

async function qrOf(pdf: Buffer): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'receipt-qr-'));
  try {
    await writeFile(join(dir, 'r.pdf'), pdf);
    await run('pdftoppm', ['-png', '-r', '150', '-singlefile', join(dir, 'r.pdf'), join(dir, 'page')]);
    const png = PNG.sync.read(await readFile(join(dir, 'page.png')));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('receipts: request, review, issue exactly once, deliver and verify', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: string;
  let campaign: string;
  let prefix: string;
  const own = isolated('receipts');

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startApp({ ...own.env, SMTP_URL: smtp.url, PUBLIC_BASE_URL: 'https://wennuan.example.org' });
    admin = await login(t);
    campaign = await createCampaign(t, admin, { receiptPrefix: 'RC' });
    prefix = 'RC';
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    await own.drop();
  });

  async function paidDonation(code: string, amountFen: number, donorName?: string): Promise<string> {
    const created = await createDonation(t, code, { amountFen, ...(donorName ? { donorName } : {}) });
    expect(created.status).toBe(201);
    const paid = await notifySandbox(t, {
      orderNo: created.body.orderNo,
      transactionId: `SBX-${created.body.orderNo}`,
      amountFen,
      paidAt: new Date().toISOString(),
    });
    expect(paid.status).toBe(200);
    return created.body.orderNo;
  }

  function request(body: Record<string, unknown>) {
    return t.request('POST', '/api/receipt-requests', {
      body: asDonor({
        campaignCode: campaign,
        donorType: 'individual',
        name: '张伟',
        idNumber: ID_WITH_X,
        invoiceTitle: '张伟',
        phone: '13800138000',
        email: 'zhang.wei@example.com',
        mailingAddress: '湖北省武汉市洪山区珞喻路1037号',
        ...body,
      }),
    });
  }

  async function issued(requestId: string): Promise<string> {
    return eventually(
      async () => {
        const res = await t.request('GET', `/api/receipt-requests/${requestId}`);
        return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
      },
      90_000,
      `request ${requestId} issued`,
    );
  }

  describe('validation', () => {
    it('accepts exactly the threshold (100.00 yuan) and refuses 99.99 with BELOW_RECEIPT_THRESHOLD', async () => {
      const atThreshold = await paidDonation(campaign, 10000);
      const ok = await request({ orderNo: atThreshold, amountFen: 10000 });
      expect(ok.status).toBe(201);
      expect(ok.body).toEqual({ requestId: expect.any(String), status: 'queued' });
      // The job the outbox hands over retries with backoff like every other job.
      await issued(ok.body.requestId);
      const [outbox] = await t.db.query(`SELECT id FROM outbox WHERE payload->>'requestId' = $1`, [ok.body.requestId]);
      const job = await t.app.get<Queue>(getQueueToken('receipts'), { strict: false }).getJob(`outbox-${outbox.id}`);
      expect(job?.opts).toMatchObject({ attempts: 8, backoff: { type: 'exponential' } });

      const below = await paidDonation(campaign, 9999);
      const refused = await request({ orderNo: below, amountFen: 9999 });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ statusCode: 422, code: 'BELOW_RECEIPT_THRESHOLD', message: expect.any(String) });
    });

    it('follows a campaign threshold other than the default', async () => {
      const own = await createCampaign(t, admin, { receiptThresholdFen: 50000 });
      const res = await t.request('POST', '/api/receipt-requests', {
        body: asDonor({
          campaignCode: own,
          amountFen: 49999,
          donorType: 'individual',
          name: '李娜',
          idNumber: ID_WITH_X,
          invoiceTitle: '李娜',
          phone: '13900139000',
          email: 'li@example.com',
        }),
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('BELOW_RECEIPT_THRESHOLD');
    });

    it.each([
      ['a wrong check digit', '110105194912310021'],
      ['an X where a digit belongs', idNumber('19900307', '447').slice(0, 17) + 'X'],
      ['17 characters', '11010519491231002'],
      ['letters inside', '1101051949123100AX'],
      ['an impossible birth date', idNumber('19490231', '002')],
      ['a birth date in the future', idNumber('29990101', '002')],
      ['15-digit old format', '110105491231002'],
    ])('refuses an ID number with %s: 422 INVALID_ID_NUMBER', async (_label, id) => {
      const orderNo = await paidDonation(campaign, 20000);
      const res = await request({ orderNo, amountFen: 20000, idNumber: id });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_ID_NUMBER');
    });

    it.each([
      ['upper-case X', ID_WITH_X],
      ['lower-case x', ID_WITH_X.toLowerCase()],
      ['a digit check character', idNumber('19900307', '447')],
    ])('accepts a valid ID number with %s', async (_label, id) => {
      const orderNo = await paidDonation(campaign, 20000);
      const res = await request({ orderNo, amountFen: 20000, idNumber: id });
      expect(res.status).toBe(201);
    });

    it.each([
      ['a wrong check character', '91350100M000100Y44'],
      ['a forbidden letter (I)', '91350100M000100I43'],
      ['17 characters', '91350100M000100Y4'],
      ['lower-case garbage', 'not-a-credit-code!'],
    ])('refuses a credit code with %s: 422 INVALID_CREDIT_CODE', async (_label, code) => {
      const orderNo = await paidDonation(campaign, 30000);
      const res = await request({
        orderNo,
        amountFen: 30000,
        donorType: 'organization',
        idNumber: undefined,
        creditCode: code,
        name: '武汉光谷科技有限公司',
        invoiceTitle: '武汉光谷科技有限公司',
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVALID_CREDIT_CODE');
    });

    it('accepts an organisation with a valid credit code', async () => {
      const orderNo = await paidDonation(campaign, 30000);
      const res = await request({
        orderNo,
        amountFen: 30000,
        donorType: 'organization',
        idNumber: undefined,
        creditCode: '91350100M000100Y43',
        name: '武汉光谷科技有限公司',
        invoiceTitle: '武汉光谷科技有限公司',
      });
      expect(res.status).toBe(201);
    });

    it.each([
      ['phone', { phone: '12345' }, 'INVALID_PHONE'],
      ['phone (landline)', { phone: '010-12345678' }, 'INVALID_PHONE'],
      ['email', { email: 'not-an-email' }, 'INVALID_EMAIL'],
      ['email (no domain)', { email: 'zhang@' }, 'INVALID_EMAIL'],
    ])('refuses a bad %s', async (_label, fields, code) => {
      const orderNo = await paidDonation(campaign, 20000);
      const res = await request({ orderNo, amountFen: 20000, ...fields });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe(code);
    });

    it('refuses a name or title the receipt font cannot print (UNPRINTABLE_CHARACTERS), storing nothing; a rare printable name is issued', async () => {
      const orderNo = await paidDonation(campaign, 20000);
      const emoji = await request({ orderNo, amountFen: 20000, name: '张伟😀', invoiceTitle: '张伟' });
      expect(emoji.status).toBe(422);
      expect(emoji.body).toMatchObject({ code: 'UNPRINTABLE_CHARACTERS', details: { field: 'name', character: '😀' } });
      expect(emoji.body.message).toContain('“😀”');
      const title = await request({ orderNo, amountFen: 20000, invoiceTitle: '爱心👍🏽人士' });
      expect(title.status).toBe(422);
      expect(title.body).toMatchObject({ code: 'UNPRINTABLE_CHARACTERS', details: { field: 'invoiceTitle', character: '👍🏽' } });
      expect(await t.db.query(`SELECT id FROM receipt_requests WHERE order_no = $1`, [orderNo])).toEqual([]);

      // 爨 (a rare surname, GB 2312 level 2) and 喆 (beyond GB 2312) are in the font: accepted and printed.
      const rare = await request({ orderNo, amountFen: 20000, name: '爨宝子', invoiceTitle: '爨宝子', email: 'cuan@example.com' });
      expect(rare.status).toBe(201);
      const receiptNo = await issued(rare.body.requestId);
      await smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)));
      const pdf = smtp.messages.find((m) => m.subject?.includes(receiptNo))!.attachments.find((a) => a.contentType === 'application/pdf')!.content;
      expect(await pdfText(pdf)).toContain('爨宝子');

      // Staff reissuing with an emoji title are refused the same way, and the receipt stays live.
      const reissue = await t.request('POST', `/api/staff/receipts/${receiptNo}/reissue`, { token: admin, body: { invoiceTitle: '爨宝子🎉' } });
      expect(reissue.status).toBe(422);
      expect(reissue.body).toMatchObject({ code: 'UNPRINTABLE_CHARACTERS', details: { field: 'invoiceTitle', character: '🎉' } });
      expect((await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin })).body).toMatchObject({
        status: 'issued',
        replacedByReceiptNo: null,
      });
    });

    it('refuses an amount that differs from the named order (AMOUNT_MISMATCH), and a second request for one donation (409)', async () => {
      const orderNo = await paidDonation(campaign, 25000);
      const mismatch = await request({ orderNo, amountFen: 26000 });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.code).toBe('AMOUNT_MISMATCH');
      expect((await request({ orderNo, amountFen: 25000 })).status).toBe(201);
      const again = await request({ orderNo, amountFen: 25000 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('RECEIPT_ALREADY_REQUESTED');
    });

    it('lets only one of many simultaneous requests for one donation through', async () => {
      const orderNo = await paidDonation(campaign, 25000);
      const answers = await Promise.all(Array.from({ length: 8 }, () => request({ orderNo, amountFen: 25000 })));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'RECEIPT_ALREADY_REQUESTED')).toBe(true);
      expect(answers.filter((a) => a.status !== 201 && a.status !== 409)).toEqual([]);
    });
  });

  describe('issue, deliver, verify', () => {
    it.each([
      [123456, '壹仟贰佰叁拾肆元伍角陆分', '¥1,234.56'],
      [100500, '壹仟零伍元整', '¥1,005.00'],
      [1000001, '壹万元零壹分', '¥10,000.01'],
    ])('issues %i fen: PDF with number, title, campaign and 大写 %s, mailed, QR verifies showing %s', async (amountFen, capitals, figures) => {
      const orderNo = await paidDonation(campaign, amountFen);
      const invoiceTitle = `武汉光谷科技有限公司${amountFen}`;
      const req = await request({ orderNo, amountFen, invoiceTitle, email: `donor-${amountFen}@example.com` });
      expect(req.body.status).toBe('queued');
      const receiptNo = await issued(req.body.requestId);
      expect(receiptNo).toMatch(new RegExp(`^${prefix}-\\d{4}-\\d{8}$`));

      const [mail] = await smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)));
      const message = smtp.messages.find((m) => m.subject?.includes(receiptNo))!;
      expect(message.to && 'text' in message.to ? message.to.text : '').toContain(`donor-${amountFen}@example.com`);
      expect(mail).toBeDefined();
      const attachment = message.attachments.find((a) => a.contentType === 'application/pdf');
      expect(attachment).toBeDefined();
      const pdf = attachment!.content;

      const text = await pdfText(pdf);
      expect(text).toContain(receiptNo);
      expect(text.replace(/\s+/g, '')).toContain(invoiceTitle);
      expect(text).toContain('测试活动');
      expect(text).toContain(capitals);
      expect(text).toContain('捐赠证明'); // no official receipt attached: a certificate, no tax claim
      expect(text).not.toContain('捐赠票据');

      const staffPdf = await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
      expect(staffPdf.status).toBe(200);
      expect(staffPdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await staffPdf.arrayBuffer()).equals(pdf)).toBe(true);

      const link = await qrOf(pdf);
      expect(link).toMatch(new RegExp(`^https://wennuan\\.example\\.org/verify/${receiptNo}\\?s=[A-Za-z0-9_-]+$`));
      const url = new URL(link!);
      const verified = await t.request('GET', `/api/receipts/verify/${receiptNo}${url.search}`);
      expect(verified.status).toBe(200);
      expect(verified.body).toMatchObject({ valid: true, receiptNo, status: 'issued', amountFen, donorName: '张*' });
      expect(verified.text).not.toContain('张伟');
      const page = await t.request('GET', `${url.pathname}${url.search}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('捐赠证明真实有效');
      // The same figures as the PDF and every other page: thousands separated.
      expect(page.text).toContain(`<dd class="strong">${figures}</dd>`);

      const tampered = url.searchParams.get('s')!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
      const refused = await t.request('GET', `/api/receipts/verify/${receiptNo}?s=${tampered}`);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('RECEIPT_NOT_FOUND');
      expect((await t.request('GET', `/api/receipts/verify/${receiptNo}`)).body.code).toBe('RECEIPT_NOT_FOUND');
      expect((await t.request('GET', `/api/receipts/verify/${prefix}-2020-99999999${url.search}`)).status).toBe(404);

      const details = await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin });
      expect(details.body).toMatchObject({ receiptNo, status: 'issued', amountFen, pdfReady: true, pdfSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const donation = await t.request('GET', `/api/donations/${orderNo}`);
      expect(donation.body.receipt).toEqual({ status: 'issued', receiptNo });
    });

    it('mails the first send from the job that issued it: its outbox row ends acknowledged, no mail job is queued, one mail', async () => {
      const orderNo = await paidDonation(campaign, 20300);
      const req = await request({ orderNo, amountFen: 20300, email: 'inline@example.com' });
      const receiptNo = await issued(req.body.requestId);
      await smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)));
      const [receipt] = await t.db.query(`SELECT id, email_count, email_queued, emailed_at, email_claimed_at FROM receipts WHERE receipt_no = $1`, [receiptNo]);
      const row = await eventually(async () => {
        const [r] = await t.db.query(
          `SELECT id, dispatched_at, acknowledged_at, claimed_until FROM outbox WHERE job_name = 'email-receipt' AND payload->>'receiptId' = $1`,
          [receipt.id],
        );
        return r?.acknowledged_at ? r : undefined;
      });
      expect(row).toMatchObject({ dispatched_at: expect.any(Date), claimed_until: null });
      // Delivered by the issuing job: the relay never handed the row to Redis.
      expect(await t.app.get<Queue>(getQueueToken('receipts'), { strict: false }).getJob(`outbox-${row.id}`)).toBeUndefined();
      const [after] = await t.db.query(`SELECT email_count, email_queued, emailed_at, email_claimed_at FROM receipts WHERE id = $1`, [receipt.id]);
      expect(after).toMatchObject({ email_count: 1, email_queued: 1, emailed_at: expect.any(Date), email_claimed_at: null });
      await queuesIdle(t);
      expect(smtp.messages.filter((m) => m.subject?.includes(receiptNo))).toHaveLength(1);
    });

    it('reads the request to issue, its campaign and its donation in one statement, locking the request alone', async () => {
      const orderNo = await paidDonation(campaign, 20400);
      const req = await request({ orderNo, amountFen: 20400, email: 'one-read@example.com' });
      await issued(req.body.requestId);
      const requests = t.app.get(ReceiptRequestsRepository, { strict: false });
      const other = new Client({ connectionString: own.env.DATABASE_URL });
      await other.connect();
      try {
        await t.db.transaction(async (manager) => {
          // This transaction's own connection: the process's background jobs query on others meanwhile.
          const query = jest.spyOn(manager.queryRunner!, 'query');
          let read: Awaited<ReturnType<ReceiptRequestsRepository['lockForIssuing']>>;
          try {
            read = await requests.lockForIssuing(manager, req.body.requestId);
            expect(query).toHaveBeenCalledTimes(1);
          } finally {
            query.mockRestore();
          }
          expect(read?.request).toMatchObject({ id: req.body.requestId, status: 'issued' });
          expect(read?.request).not.toHaveProperty('issuingCampaign');
          expect(read?.campaign).toMatchObject({ code: campaign, receiptPrefix: prefix });
          expect(read?.donation).toMatchObject({ orderNo, amountFen: 20400, status: 'paid' });
          const lock = async (table: string, id: string) => {
            await other.query('BEGIN');
            try {
              await other.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE NOWAIT`, [id]);
              return 'free';
            } catch (error) {
              return (error as { code?: string }).code;
            } finally {
              await other.query('ROLLBACK');
            }
          };
          expect(await lock('receipt_requests', req.body.requestId)).toBe('55P03'); // lock_not_available
          expect(await lock('campaigns', read!.campaign.id)).toBe('free');
          expect(await lock('donations', read!.donation!.id)).toBe('free');
        });
      } finally {
        await other.end();
      }
      expect(await t.db.transaction((manager) => requests.lockForIssuing(manager, '00000000-0000-4000-8000-000000000000'))).toBeNull();
    });

    it('names the designated fund (定向捐赠) in 项目名称: the PDF, the record, the form; an undesignated gift names the campaign only', async () => {
      const funded = await createCampaign(t, admin, { title: '抗疫定向', receiptPrefix: 'RF', funds: [{ code: 'medical', name: '医疗救治' }] });
      const designated = await createDonation(t, funded, { amountFen: 20_000, fundCode: 'medical' });
      expect(designated.status).toBe(201);
      const plain = await createDonation(t, funded, { amountFen: 30_000 });
      for (const [created, amountFen] of [
        [designated, 20_000],
        [plain, 30_000],
      ] as const) {
        const paid = await notifySandbox(t, {
          orderNo: created.body.orderNo,
          transactionId: `SBX-${created.body.orderNo}`,
          amountFen,
          paidAt: new Date().toISOString(),
        });
        expect(paid.status).toBe(200);
      }
      const receiptOf = async (orderNo: string, amountFen: number, email: string) => {
        const req = await request({ campaignCode: funded, orderNo, amountFen, email });
        expect(req.body.status).toBe('queued');
        const receiptNo = await issued(req.body.requestId);
        await eventually(async () => (await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin })).body.pdfReady || undefined, 60_000, 'pdf');
        const res = await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
        expect(res.status).toBe(200);
        return { receiptNo, text: (await pdfText(Buffer.from(await res.arrayBuffer()))).replace(/\s+/g, '') };
      };
      const withFund = await receiptOf(designated.body.orderNo, 20_000, 'fund-donor@example.com');
      expect(withFund.text).toContain('抗疫定向（医疗救治）');
      expect(withFund.text).toContain('捐赠证明');
      const details = await t.request('GET', `/api/staff/receipts/${withFund.receiptNo}`, { token: admin });
      expect(details.body).toMatchObject({ campaignTitle: '抗疫定向', fundName: '医疗救治', projectName: '抗疫定向（医疗救治）' });
      const form = await t.request('GET', `/api/staff/receipts/${withFund.receiptNo}/form`, { token: admin });
      expect(form.body.fields.find((f: { key: string }) => f.key === 'projectName').value).toBe('抗疫定向（医疗救治）');

      const without = await receiptOf(plain.body.orderNo, 30_000, 'plain-donor@example.com');
      expect(without.text).toContain('抗疫定向');
      expect(without.text).not.toContain('医疗救治');
      expect((await t.request('GET', `/api/staff/receipts/${without.receiptNo}`, { token: admin })).body).toMatchObject({
        fundName: null,
        projectName: '抗疫定向',
      });
    });

    it('prints fen-only amounts as 伍分 (a campaign whose threshold allows it)', async () => {
      const own = await createCampaign(t, admin, { receiptThresholdFen: 1, receiptPrefix: 'FEN' });
      const orderNo = await paidDonation(own, 5);
      const req = await t.request('POST', '/api/receipt-requests', {
        body: asDonor({
          campaignCode: own,
          orderNo,
          amountFen: 5,
          donorType: 'individual',
          name: '王芳',
          idNumber: ID_WITH_X,
          invoiceTitle: '王芳',
          phone: '13700137000',
          email: 'fen@example.com',
        }),
      });
      expect(req.status).toBe(201);
      const receiptNo = await issued(req.body.requestId);
      await eventually(async () => ((await t.request('GET', `/api/staff/receipts/${receiptNo}`, { token: admin })).body.pdfReady ? true : undefined));
      const pdf = Buffer.from(
        await (await fetch(`${t.baseUrl}/api/staff/receipts/${receiptNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer(),
      );
      expect(await pdfText(pdf)).toContain('伍分');
    });

    it('keeps no ID number, phone, email or address in plain text in any column', async () => {
      const secretId = idNumber('19800101', '123');
      const orderNo = await paidDonation(campaign, 88800);
      const res = await request({
        orderNo,
        amountFen: 88800,
        idNumber: secretId,
        phone: '13512345678',
        email: 'private.person@example.com',
        mailingAddress: '武汉市江岸区秘密路88号',
      });
      expect(res.status).toBe(201);
      await issued(res.body.requestId);
      const columns: { table_name: string; column_name: string }[] = await t.db.query(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')`,
      );
      expect(columns.length).toBeGreaterThan(10);
      for (const needle of [secretId, '13512345678', 'private.person@example.com', '秘密路']) {
        for (const { table_name, column_name } of columns) {
          const [row] = await t.db.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1`, [`%${needle}%`]);
          if (row.n > 0) throw new Error(`${table_name}.${column_name} holds ${needle} in plain text`);
        }
      }
      const revealed = await t.request('POST', `/api/staff/receipt-requests/${res.body.requestId}/reveal`, { token: admin });
      expect(revealed.body).toMatchObject({
        idNumber: secretId,
        phone: '13512345678',
        email: 'private.person@example.com',
        mailingAddress: '武汉市江岸区秘密路88号',
      });
      const audit = await t.request('GET', `/api/staff/audit-log?entity=receipt_request&entityId=${res.body.requestId}`, { token: admin });
      expect(audit.body.items.map((i: { action: string }) => i.action)).toContain('receipt_request.reveal_personal_data');
      expect(audit.text).not.toContain(secretId);
      const staffView = await t.request('GET', `/api/staff/receipt-requests?campaignCode=${campaign}`, { token: admin });
      expect(staffView.status).toBe(200);
      expect(staffView.text).not.toContain(secretId);
      expect(staffView.text).not.toContain('13512345678');
      expect(staffView.text).toContain('135****5678');
    });
  });

  describe('review', () => {
    let manual: string;
    beforeAll(async () => {
      manual = await createCampaign(t, admin, { autoApproveReceipts: false, receiptPrefix: 'MR' });
    });

    function manualRequest(body: Record<string, unknown>) {
      return t.request('POST', '/api/receipt-requests', {
        body: asDonor({
          campaignCode: manual,
          donorType: 'individual',
          name: '赵强',
          idNumber: ID_WITH_X,
          invoiceTitle: '赵强',
          phone: '13600136000',
          email: 'zhao@example.com',
          ...body,
        }),
      });
    }

    it('twenty concurrent approvals of one request give one receipt', async () => {
      const orderNo = await paidDonation(manual, 50000);
      const req = await manualRequest({ orderNo, amountFen: 50000 });
      expect(req.body.status).toBe('pending_review');
      const queue = await t.request('GET', '/api/staff/receipt-requests?status=pending_review', { token: admin });
      expect(queue.body.items.map((i: { requestId: string }) => i.requestId)).toContain(req.body.requestId);

      const answers = await Promise.all(
        Array.from({ length: 20 }, () => t.request('POST', `/api/staff/receipt-requests/${req.body.requestId}/approve`, { token: admin, body: {} })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
      expect(answers.every((a) => ['queued', 'issued'].includes(a.body.status))).toBe(true);
      await issued(req.body.requestId);
      // Let any duplicate job that might exist run before counting.
      await queuesIdle(t);
      const rows = await t.db.query(`SELECT r.receipt_no FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [orderNo]);
      expect(rows).toHaveLength(1);
      const approvals = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'receipt_request.approve' AND entity_id = $1`, [
        req.body.requestId,
      ]);
      expect(approvals[0].n).toBe(1);
    });

    it('an unmatched request waits; staff approve it naming the donation; a rejection is mailed with its reason', async () => {
      const orderNo = await paidDonation(manual, 60000, '赵强');
      const unmatched = await manualRequest({ amountFen: 60000 });
      expect(unmatched.body.status).toBe('pending_review');
      const listed = await t.request('GET', `/api/staff/receipt-requests?status=pending_review&campaignCode=${manual}`, { token: admin });
      const item = listed.body.items.find((i: { requestId: string }) => i.requestId === unmatched.body.requestId);
      expect(item).toMatchObject({ idNumber: '1****************X', phone: '136****6000', email: 'z***@example.com', donation: null });
      expect(item.proposedDonation).toMatchObject({ orderNo, amountFen: 60000 });

      const noDonation = await manualRequest({ amountFen: 70000, name: '钱多' });
      const refused = await t.request('POST', `/api/staff/receipt-requests/${noDonation.body.requestId}/approve`, { token: admin, body: {} });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('DONATION_REQUIRED');

      const approved = await t.request('POST', `/api/staff/receipt-requests/${unmatched.body.requestId}/approve`, { token: admin, body: { orderNo } });
      expect(approved.status).toBe(202);
      expect(approved.body.status).toBe('queued');
      await issued(unmatched.body.requestId);

      const rejected = await t.request('POST', `/api/staff/receipt-requests/${noDonation.body.requestId}/reject`, {
        token: admin,
        body: { reason: '未找到对应的到账记录' },
      });
      expect(rejected.status).toBe(200);
      const status = await t.request('GET', `/api/receipt-requests/${noDonation.body.requestId}`);
      expect(status.body).toEqual({ requestId: noDonation.body.requestId, status: 'rejected', rejectReason: '未找到对应的到账记录' });
      await smtp.waitFor((all) => all.some((m) => (m.text ?? '').includes('未找到对应的到账记录') && (m.text ?? '').includes(noDonation.body.requestId)));
      const late = await t.request('POST', `/api/staff/receipt-requests/${noDonation.body.requestId}/approve`, { token: admin, body: { orderNo } });
      expect(late.status).toBe(409);
    });

    it('bulk approval queues many at once and reports the ones it could not', async () => {
      const orders = await Promise.all([61000, 62000, 63000].map((a) => paidDonation(manual, a)));
      const reqs = await Promise.all(orders.map((orderNo, i) => manualRequest({ orderNo, amountFen: [61000, 62000, 63000][i] })));
      const stray = await manualRequest({ amountFen: 99900, name: '无记录' });
      const res = await t.request('POST', '/api/staff/receipt-requests/approve', {
        token: admin,
        body: { requestIds: [...reqs.map((r) => r.body.requestId), stray.body.requestId] },
      });
      expect(res.status).toBe(202);
      expect(res.body.queued).toBe(3);
      expect(res.body.results.find((r: { requestId: string }) => r.requestId === stray.body.requestId)).toMatchObject({ code: 'DONATION_REQUIRED' });
      await Promise.all(reqs.map((r) => issued(r.body.requestId)));
    });
  });

  describe('standalone form with a payment screenshot (bank-transfer donors)', () => {
    function tinyPng(): Buffer {
      const png = new PNG({ width: 4, height: 4 });
      png.data.fill(200);
      return PNG.sync.write(png);
    }
    function form(fields: Record<string, string>, file?: { bytes: Buffer; name: string; type: string }): FormData {
      const data = new FormData();
      for (const [k, v] of Object.entries(fields)) data.append(k, v);
      if (file) data.append('screenshot', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      return data;
    }
    const fields = () => ({
      campaignCode: campaign,
      bankReference: `BOC-${Date.now()}`,
      amountFen: '88000',
      donorType: 'individual',
      name: '吴刚',
      idNumber: ID_WITH_X,
      invoiceTitle: '吴刚',
      phone: '13800138000',
      email: 'wu@example.com',
    });
    async function requestsOf(name: string): Promise<number> {
      const [row] = await t.db.query(`SELECT count(*)::int AS n FROM receipt_requests WHERE name = $1`, [name]);
      return row.n;
    }

    it('accepts an image, keeps it outside the web root, and shows it to staff only', async () => {
      const png = tinyPng();
      const res = await fetch(`${t.baseUrl}/api/receipt-requests`, {
        method: 'POST',
        body: form(fields(), { bytes: png, name: '截图.png', type: 'image/png' }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { requestId: string; status: string };
      expect(body.status).toBe('pending_review');
      const [row] = await t.db.query(`SELECT screenshot_path FROM receipt_requests WHERE id = $1`, [body.requestId]);
      expect(row.screenshot_path).toMatch(/^uploads\/screenshots\/[0-9a-f-]{36}\.png$/);
      expect((await readFile(join(t.config.storageDir, row.screenshot_path))).equals(png)).toBe(true);
      const staff = await fetch(`${t.baseUrl}/api/staff/receipt-requests/${body.requestId}/screenshot`, { headers: { authorization: `Bearer ${admin}` } });
      expect(staff.status).toBe(200);
      expect(staff.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await staff.arrayBuffer()).equals(png)).toBe(true);
      expect((await fetch(`${t.baseUrl}/api/staff/receipt-requests/${body.requestId}/screenshot`)).status).toBe(401);
      expect((await fetch(`${t.baseUrl}/assets/../${row.screenshot_path}`)).status).toBe(404);
    });

    it('refuses a file that is not an image whatever its name and type say, storing nothing', async () => {
      const before = await requestsOf('吴刚');
      const res = await fetch(`${t.baseUrl}/api/receipt-requests`, {
        method: 'POST',
        body: form(fields(), { bytes: Buffer.from('<script>alert(1)</script>'), name: 'photo.png', type: 'image/png' }),
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('INVALID_SCREENSHOT');
      expect(await requestsOf('吴刚')).toBe(before);
    });

    it('refuses a screenshot over 5 MB with 413, storing nothing', async () => {
      const before = await requestsOf('吴刚');
      const big = Buffer.concat([tinyPng(), Buffer.alloc(5 * 1024 * 1024 + 1)]);
      const res = await fetch(`${t.baseUrl}/api/receipt-requests`, {
        method: 'POST',
        body: form(fields(), { bytes: big, name: 'big.png', type: 'image/png' }),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
      expect(await requestsOf('吴刚')).toBe(before);
    });

    it('validates multipart fields like JSON ones', async () => {
      const res = await fetch(`${t.baseUrl}/api/receipt-requests`, { method: 'POST', body: form({ ...fields(), idNumber: '110105194912310021' }) });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('INVALID_ID_NUMBER');
      const bad = await fetch(`${t.baseUrl}/api/receipt-requests`, { method: 'POST', body: form({ ...fields(), amountFen: 'lots' }) });
      expect(bad.status).toBe(400);
    });
  });

  describe('numbering', () => {
    it('thirty receipts issued concurrently get consecutive numbers, no gaps, no duplicates', async () => {
      const own = await createCampaign(t, admin, { receiptPrefix: 'SEQ' });
      const orders = await Promise.all(Array.from({ length: 30 }, (_, i) => paidDonation(own, 10000 + i)));
      const reqs = await Promise.all(
        orders.map((orderNo, i) =>
          t.request('POST', '/api/receipt-requests', {
            body: asDonor({
              campaignCode: own,
              orderNo,
              amountFen: 10000 + i,
              donorType: 'individual',
              name: '孙丽',
              idNumber: ID_WITH_X,
              invoiceTitle: '孙丽',
              phone: '13800138000',
              email: `seq${i}@example.com`,
            }),
          }),
        ),
      );
      expect(reqs.map((r) => r.body.status)).toEqual(Array(30).fill('queued'));
      const numbers = await Promise.all(reqs.map((r) => issued(r.body.requestId)));
      const year = numbers[0].split('-')[1];
      expect(new Set(numbers).size).toBe(30);
      const seqs = numbers.map((n) => Number(n.split('-')[2])).sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      expect(numbers.every((n) => n.startsWith(`SEQ-${year}-`))).toBe(true);
    }, 180_000);
  });

  describe('void, reissue, resend, mail failures', () => {
    it('voids and reissues with a new number; the old stays voided; both audited', async () => {
      const orderNo = await paidDonation(campaign, 40000);
      const req = await request({ orderNo, amountFen: 40000, invoiceTitle: '错误抬头' });
      const oldNo = await issued(req.body.requestId);
      const reissue = await t.request('POST', `/api/staff/receipts/${oldNo}/reissue`, {
        token: admin,
        body: { invoiceTitle: '正确抬头有限公司', reason: '抬头有误' },
      });
      expect(reissue.status).toBe(202);
      const newNo = await eventually(
        async () => {
          const d = await t.request('GET', `/api/staff/receipts/${oldNo}`, { token: admin });
          return d.body.replacedByReceiptNo ?? undefined;
        },
        30_000,
        'reissued receipt',
      );
      expect(newNo).not.toBe(oldNo);
      const oldDetails = await t.request('GET', `/api/staff/receipts/${oldNo}`, { token: admin });
      expect(oldDetails.body).toMatchObject({ status: 'voided', voidReason: '抬头有误' });
      const newDetails = await eventually(async () => {
        const d = await t.request('GET', `/api/staff/receipts/${newNo}`, { token: admin });
        return d.body.pdfReady ? d.body : undefined;
      });
      expect(newDetails).toMatchObject({ status: 'issued', invoiceTitle: '正确抬头有限公司', replacesReceiptNo: oldNo });
      const again = await t.request('POST', `/api/staff/receipts/${oldNo}/reissue`, { token: admin, body: {} });
      expect(again.status).toBe(202);
      await queuesIdle(t);
      const live = await t.db.query(
        `SELECT r.receipt_no, r.status FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1 ORDER BY r.seq`,
        [orderNo],
      );
      expect(live).toEqual([
        { receipt_no: oldNo, status: 'voided' },
        { receipt_no: newNo, status: 'issued' },
      ]);

      const verifyOld = new URL(oldDetails.body.verifyUrl);
      const verified = await t.request('GET', `/api/receipts/verify/${oldNo}${verifyOld.search}`);
      expect(verified.body).toMatchObject({ valid: true, status: 'voided' });
      const voidedPdf = await fetch(`${t.baseUrl}/api/staff/receipts/${oldNo}/pdf`, { headers: { authorization: `Bearer ${admin}` } });
      expect(await pdfText(Buffer.from(await voidedPdf.arrayBuffer()))).toContain('作废');

      const mail = await smtp.waitFor((all) => all.some((m) => m.subject?.includes(newNo)));
      expect(mail.find((m) => m.subject?.includes(newNo))!.text).toContain(oldNo);
      const audit = await t.request('GET', `/api/staff/audit-log?entity=receipt&entityId=${oldNo}`, { token: admin });
      expect(audit.body.items.map((i: { action: string }) => i.action)).toContain('receipt.reissue');
    });

    it('voids a receipt with a reason; voiding twice changes nothing', async () => {
      const orderNo = await paidDonation(campaign, 45000);
      const req = await request({ orderNo, amountFen: 45000 });
      const receiptNo = await issued(req.body.requestId);
      const first = await t.request('POST', `/api/staff/receipts/${receiptNo}/void`, { token: admin, body: { reason: '捐赠人申请退款' } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ status: 'voided', voidReason: '捐赠人申请退款' });
      const second = await t.request('POST', `/api/staff/receipts/${receiptNo}/void`, { token: admin, body: { reason: '另一个理由' } });
      expect(second.body.voidReason).toBe('捐赠人申请退款');
      const noReason = await t.request('POST', `/api/staff/receipts/${receiptNo}/void`, { token: admin, body: {} });
      expect(noReason.status).toBe(400);
    });

    it('retries a refused e-mail with backoff and still issues one receipt; the donor can have it re-sent', async () => {
      const orderNo = await paidDonation(campaign, 47000);
      smtp.failNext(2);
      const req = await request({ orderNo, amountFen: 47000, email: 'retry@example.com' });
      const receiptNo = await issued(req.body.requestId);
      await smtp.waitFor((all) => all.some((m) => m.subject?.includes(receiptNo)), 45_000);
      const resend = await t.request('POST', `/api/receipt-requests/${req.body.requestId}/resend`);
      expect(resend.status).toBe(202);
      await smtp.waitFor((all) => all.filter((m) => m.subject?.includes(receiptNo)).length === 2, 30_000);
      const staffResend = await t.request('POST', `/api/staff/receipts/${receiptNo}/resend`, { token: admin });
      expect(staffResend.status).toBe(202);
      await smtp.waitFor((all) => all.filter((m) => m.subject?.includes(receiptNo)).length === 3, 30_000);
      const rows = await t.db.query(
        `SELECT count(*)::int AS n, max(email_count) AS sent FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`,
        [orderNo],
      );
      expect(rows[0]).toEqual({ n: 1, sent: 3 });
      // A send job that runs again (a retry after success, a duplicate) sends nothing more.
      const [{ id: receiptId }] = await t.db.query(`SELECT id FROM receipts WHERE receipt_no = $1`, [receiptNo]);
      const issuer = t.app.get(ReceiptIssuerService, { strict: false });
      expect(await issuer.email({ receiptId, sendNo: 3 })).toEqual({ sent: false });
      expect(await issuer.email({ receiptId, sendNo: 1 })).toEqual({ sent: false });
      await queuesIdle(t);
      expect(smtp.messages.filter((m) => m.subject?.includes(receiptNo))).toHaveLength(3);
      const found = await t.request('GET', `/api/staff/receipts?q=${orderNo}`, { token: admin });
      expect(found.body.items).toEqual([expect.objectContaining({ receiptNo, orderNo, status: 'issued', amountFen: 47000 })]);
    }, 90_000);
  });
});
