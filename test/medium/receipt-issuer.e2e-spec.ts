/**
 * Medium-size spec of the receipt issuer (issue 19): ReceiptIssuerService and ReceiptsService with
 * their repositories and the outbox in Nest's testing module against the real PostgreSQL and Redis
 * (test/medium/ledger-module.ts), gifts paid through the real ledger, mail to a real SMTP sink; no
 * HTTP and no queue worker: each job is run here, as the receipts processor would run it. The one
 * stand-in is a fault: the PDF store or the numbering statement made to fail once.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UnrecoverableError } from 'bullmq';
import { toChineseCapitals } from '../../src/common/money';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { QUEUE_WORKER_LOCK } from '../../src/config/queue-lock';
import { receiptNumber } from '../../src/receipts/receipt-issuer.service';
import { receiptIssuing } from '../../src/receipts/receipt-issuing.repository';
import { receiptSends } from '../../src/receipts/receipt-sends.repository';
import { EMAIL_RECEIPT, EMAIL_VOIDED, ISSUE_RECEIPT, IssueReceiptJob, RECEIPTS_QUEUE } from '../../src/receipts/receipt-jobs';
import { ReceiptStorage } from '../../src/receipts/receipt-storage';
import type { StaffPrincipal } from '../../src/staff/auth/staff-principal';
import { pdfText } from '../support/pdf-text';
import { eventually, SmtpSink, startSmtpSink } from '../support/smtp-sink';
import { ReceiptsModule, receiptsModule } from './ledger-module';

interface ReceiptRow {
  id: string;
  receipt_no: string;
  seq: number;
  year: number;
  status: string;
  invoice_title: string;
  replaces_receipt_id: string | null;
  pdf_path: string | null;
  pdf_sha256: string | null;
  email_count: number;
  void_reason: string | null;
}

const STAFF: StaffPrincipal = { id: randomUUID(), email: 'finance@test.wennuan', role: 'admin', ip: null };

/** A receipt prefix of the test's own (2-8 capital letters): numbers of two campaigns never collide. */
function newPrefix(): string {
  return Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('');
}

describe('ReceiptIssuerService against PostgreSQL, Redis and SMTP (medium)', () => {
  let m: ReceiptsModule;
  let smtp: SmtpSink;
  let storage: ReceiptStorage;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    m = await receiptsModule('issuer', { SMTP_URL: smtp.url });
    storage = m.moduleRef.get(ReceiptStorage);
  });

  afterAll(async () => {
    await m?.close();
    await smtp?.close();
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  async function campaign(): Promise<{ id: string; prefix: string }> {
    const prefix = newPrefix();
    return { id: await m.campaign({ receiptPrefix: prefix, title: `票据测试 ${prefix}` }), prefix };
  }

  const receiptsOfRequest = (requestId: string) =>
    m.db.query<ReceiptRow[]>(
      `SELECT id, receipt_no, seq, year, status, invoice_title, replaces_receipt_id, pdf_path, pdf_sha256, email_count, void_reason
         FROM receipts WHERE request_id = $1 ORDER BY seq`,
      [requestId],
    );

  async function receiptNo(receiptNo: string): Promise<ReceiptRow> {
    const [row] = await m.db.query<ReceiptRow[]>(
      `SELECT id, receipt_no, seq, year, status, invoice_title, replaces_receipt_id, pdf_path, pdf_sha256, email_count, void_reason
         FROM receipts WHERE receipt_no = $1`,
      [receiptNo],
    );
    return row;
  }

  /** The last number taken in the series of the campaign's prefix (0 before its first). */
  async function lastSeq(campaignId: string): Promise<number> {
    const rows = await m.db.query<{ last_seq: number }[]>(
      `SELECT s.last_seq FROM receipt_series s JOIN campaigns c ON c.receipt_prefix = s.receipt_prefix WHERE c.id = $1`,
      [campaignId],
    );
    return rows[0]?.last_seq ?? 0;
  }

  async function requestStatus(requestId: string): Promise<string> {
    const [row] = await m.db.query<{ status: string }[]>(`SELECT status FROM receipt_requests WHERE id = $1`, [requestId]);
    return row.status;
  }

  const mailsOf = (receiptNo: string) => smtp.messages.filter((mail) => mail.subject?.includes(receiptNo));

  async function issued(job: IssueReceiptJob): Promise<string> {
    const result = await m.issuer.issue(job);
    if (!('receiptNo' in result)) throw new Error(`issue of ${job.issueKey} skipped: ${result.skipped}`);
    return result.receiptNo;
  }

  it('twenty issues of one campaign at once are numbered 1..20, no gap and no duplicate; another campaign counts its own 1..10 meanwhile', async () => {
    const a = await campaign();
    const b = await campaign();
    const jobsA: IssueReceiptJob[] = [];
    const jobsB: IssueReceiptJob[] = [];
    for (let i = 0; i < 20; i += 1) jobsA.push(await m.queuedRequest(a.id, 10_000 + i));
    for (let i = 0; i < 10; i += 1) jobsB.push(await m.queuedRequest(b.id, 20_000 + i));

    const numbers = await Promise.all([...jobsA, ...jobsB].map(issued));

    for (const [c, jobs] of [
      [a, jobsA],
      [b, jobsB],
    ] as const) {
      const rows = (await Promise.all(jobs.map((job) => receiptsOfRequest(job.requestId)))).flat();
      expect(rows).toHaveLength(jobs.length);
      expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: jobs.length }, (_, i) => i + 1));
      for (const r of rows) expect(r.receipt_no).toBe(receiptNumber(c.prefix, r.year, r.seq));
      expect(await lastSeq(c.id)).toBe(jobs.length);
    }
    expect(new Set(numbers).size).toBe(30);
  });

  it('two campaigns given the same prefix share its series: every issue of both succeeds, no number twice, the series 1..n without a gap', async () => {
    const prefix = newPrefix();
    const a = await m.campaign({ receiptPrefix: prefix, title: `票据测试 ${prefix} 甲` });
    const b = await m.campaign({ receiptPrefix: prefix, title: `票据测试 ${prefix} 乙` });
    const jobs: IssueReceiptJob[] = [];
    for (let i = 0; i < 8; i += 1) jobs.push(await m.queuedRequest(a, 30_000 + i), await m.queuedRequest(b, 40_000 + i));

    // Before the series, b's numbers started at 1 again: each collided with a's (receipts_receipt_no_key).
    const results = await Promise.allSettled(jobs.map(issued));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const rows = (await Promise.all(jobs.map((job) => receiptsOfRequest(job.requestId)))).flat();
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => r.receipt_no)).size).toBe(16);
    expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    for (const r of rows) expect(r.receipt_no).toBe(receiptNumber(prefix, r.year, r.seq));
    const perCampaign = await m.db.query<{ campaign_id: string; n: number }[]>(
      `SELECT campaign_id, count(*)::int AS n FROM receipts WHERE id = ANY($1) GROUP BY campaign_id ORDER BY campaign_id`,
      [rows.map((r) => r.id)],
    );
    expect(perCampaign.map((c) => [c.campaign_id, c.n])).toEqual([a, b].sort().map((id) => [id, 8]));
    expect(await lastSeq(a)).toBe(16);
    expect(await lastSeq(b)).toBe(16);
  });

  it('the same issue job run twice at once (a stalled job taken again) and retried: one receipt, one number, one mail', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 12_300);

    // Two runs of one job collide on the request's and the record's rows: one may fail with an
    // error its job retries (a deadlock, or the shared temp file of the PDF), never with two records.
    const runs = await Promise.allSettled([issued(job), issued({ ...job })]);
    for (const run of runs) if (run.status === 'rejected') expect(run.reason).not.toBeInstanceOf(UnrecoverableError);
    const retried = await issued(job);

    const rows = await receiptsOfRequest(job.requestId);
    expect(rows.map((r) => ({ receiptNo: r.receipt_no, seq: r.seq, emailCount: r.email_count }))).toEqual([{ receiptNo: retried, seq: 1, emailCount: 1 }]);
    for (const run of runs) if (run.status === 'fulfilled') expect(run.value).toBe(retried);
    expect(rows[0].pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await lastSeq(c.id)).toBe(1);
    expect(mailsOf(retried)).toHaveLength(1);
    expect(await requestStatus(job.requestId)).toBe('issued');
    // The runs that found the record took no number: the next issue is number 2.
    expect((await receiptNo(await issued(await m.queuedRequest(c.id, 12_400)))).seq).toBe(2);
  });

  it('an issue job run again after it finished returns the same receipt and changes nothing', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 13_300);
    const first = await issued(job);
    const before = await receiptsOfRequest(job.requestId);

    await expect(issued(job)).resolves.toBe(first);
    await expect(issued({ ...job })).resolves.toBe(first);
    expect(await receiptsOfRequest(job.requestId)).toEqual(before);
    expect(before).toHaveLength(1);
    expect(await lastSeq(c.id)).toBe(1);
    expect(mailsOf(first)).toHaveLength(1);
  });

  it("a receipt's row takes its PDF and its delivery as HOT updates: no index covers a column they set, and its pages keep room for them", async () => {
    // The columns the updates after numbering set: the PDF record, the mail claim, the delivery.
    const updated = ['pdf_path', 'pdf_sha256', 'pdf_official_id', 'email_queued', 'email_claimed_at', 'email_count', 'emailed_at'];
    const indexes = await m.db.query<{ name: string; def: string }[]>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'receipts'::regclass`,
    );
    expect(indexes.length).toBeGreaterThan(5);
    for (const { name, def } of indexes) {
      for (const column of updated) expect({ name, covers: new RegExp(`\\b${column}\\b`).test(def) ? column : null }).toEqual({ name, covers: null });
    }
    const [{ options }] = await m.db.query<{ options: string[] | null }[]>(`SELECT reloptions AS options FROM pg_class WHERE oid = 'receipts'::regclass`);
    expect(options).toContain('fillfactor=70');

    // The issuing job's own statements, in one transaction (rolled back), counted by the table's counters of that transaction.
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 12_800);
    const issuing = await m.issuer.allocate(job);
    const receiptId = issuing!.receipt.id;
    const counts = await m.db
      .transaction(async (manager) => {
        const tableCounts = async () =>
          (
            await manager.query<{ upd: number; hot: number }[]>(
              `SELECT n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot FROM pg_stat_xact_user_tables WHERE relid = 'receipts'::regclass`,
            )
          )[0];
        const before = await tableCounts();
        const recorded = await receiptIssuing.recordRenderedPdf(
          manager,
          { receiptId, path: `hot/${receiptId}.pdf`, sha256: 'a'.repeat(64), officialId: null },
          { queue: RECEIPTS_QUEUE, jobName: EMAIL_RECEIPT, payload: { receiptId, sendNo: 1 }, heldForMs: 1000 },
        );
        await receiptSends.deliveredWithOutboxRow(manager, receiptId, 1, recorded!.outboxId!);
        const after = await tableCounts();
        throw Object.assign(new Error('rolled back'), { row: { upd: after.upd - before.upd, hot: after.hot - before.hot } });
      })
      .catch((error: Error & { row?: { upd: number; hot: number } }) => error.row ?? Promise.reject(error));
    expect(counts).toEqual({ upd: 2, hot: 2 });
  });

  it('the PDF store failing after the number was taken: the record keeps its number, the retry renders and mails it, no number is skipped', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 15_000);
    jest.spyOn(storage, 'store').mockRejectedValueOnce(new Error('disk full'));

    await expect(m.issuer.issue(job)).rejects.toThrow('disk full');
    const [numbered] = await receiptsOfRequest(job.requestId);
    expect(numbered).toMatchObject({ seq: 1, status: 'issued', pdf_sha256: null, email_count: 0 });
    expect(await requestStatus(job.requestId)).toBe('queued');
    expect(mailsOf(numbered.receipt_no)).toHaveLength(0);

    await expect(issued(job)).resolves.toBe(numbered.receipt_no);
    const [rendered] = await receiptsOfRequest(job.requestId);
    expect(rendered.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(rendered.email_count).toBe(1);
    expect(await requestStatus(job.requestId)).toBe('issued');
    expect(mailsOf(numbered.receipt_no)).toHaveLength(1);
    expect(await lastSeq(c.id)).toBe(1);
    expect((await receiptNo(await issued(await m.queuedRequest(c.id, 15_100)))).seq).toBe(2);
  });

  it('a failure inside the numbering transaction gives the number back: nothing is recorded and the retry takes that same number', async () => {
    const c = await campaign();
    await issued(await m.queuedRequest(c.id, 10_000));
    const job = await m.queuedRequest(c.id, 16_000);
    const numberAndInsert = receiptIssuing.numberAndInsert.bind(receiptIssuing);
    // The statement runs (the counter moves, the record is written), then the transaction fails before its commit.
    jest.spyOn(receiptIssuing, 'numberAndInsert').mockImplementationOnce(async (manager, r) => {
      await numberAndInsert(manager, r);
      throw new Error('connection reset before commit');
    });

    await expect(m.issuer.issue(job)).rejects.toThrow('connection reset before commit');
    expect(await receiptsOfRequest(job.requestId)).toEqual([]);
    expect(await lastSeq(c.id)).toBe(1);
    expect(await requestStatus(job.requestId)).toBe('queued');

    const retried = await receiptNo(await issued(job));
    expect(retried.seq).toBe(2);
    expect(await lastSeq(c.id)).toBe(2);
  });

  it('one live receipt per gift: an issue under another key for a gift whose receipt is live is refused for good and takes no number', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 17_000);
    const live = await receiptNo(await issued(job));
    // A reissue job whose void never happened (ReceiptsService.reissue voids in the transaction that queues it).
    const stray: IssueReceiptJob = { requestId: job.requestId, issueKey: `reissue:${live.id}`, replacesReceiptId: live.id };

    const refusal = m.issuer.issue(stray);
    await expect(refusal).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(refusal).rejects.toThrow('already has a live receipt');
    expect((await receiptsOfRequest(job.requestId)).map((r) => [r.receipt_no, r.status])).toEqual([[live.receipt_no, 'issued']]);
    expect(await lastSeq(c.id)).toBe(1);
  });

  it('a refused first mail leaves the receipt issued and hands the send to its outbox row at once; the mail job then sends it once', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 18_000);
    smtp.failNext(1);

    const no = await issued(job);
    const receipt = await receiptNo(no);
    expect(receipt).toMatchObject({ status: 'issued', email_count: 0 });
    expect(receipt.pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await requestStatus(job.requestId)).toBe('issued');
    expect(mailsOf(no)).toHaveLength(0);
    // The row was written held back for the worker's lock duration; released, the relay sends it well before that.
    const rows = await eventually(
      async () => {
        const found = await m.db.query<{ payload: unknown; dispatched: boolean }[]>(
          `SELECT payload, dispatched_at IS NOT NULL AS dispatched FROM outbox WHERE job_name = $1 AND payload->>'receiptId' = $2`,
          [EMAIL_RECEIPT, receipt.id],
        );
        return found.every((r) => r.dispatched) ? found : undefined;
      },
      Math.min(10_000, QUEUE_WORKER_LOCK.lockDuration / 2),
      'the first send handed to the relay',
    );
    expect(rows.map((r) => r.payload)).toEqual([{ receiptId: receipt.id, sendNo: 1 }]);

    await expect(m.issuer.email({ receiptId: receipt.id, sendNo: 1 })).resolves.toEqual({ sent: true });
    await expect(m.issuer.email({ receiptId: receipt.id, sendNo: 1 })).resolves.toEqual({ sent: false });
    expect(mailsOf(no)).toHaveLength(1);
    expect((await receiptNo(no)).email_count).toBe(1);
  });

  it('renders a real PDF, stored under its hash, that calls itself a 捐赠证明 and nowhere a (公益事业)捐赠票据; the mail says the same', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 23_456, { name: '李娜', invoiceTitle: '武汉光谷科技有限公司' });
    const no = await issued(job);
    const receipt = await receiptNo(no);

    const pdf = (await storage.read(receipt.pdf_path!))!;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(receipt.pdf_sha256);
    const text = await pdfText(pdf);
    expect(text).toContain(no);
    expect(text.replace(/\s+/g, '')).toContain('武汉光谷科技有限公司');
    expect(text).toContain(toChineseCapitals(23_456));
    expect(text).toContain('捐赠证明');
    expect(text).not.toContain('捐赠票据');

    const [mail] = mailsOf(no);
    expect(mail.subject).toContain('捐赠证明');
    expect(mail.subject).not.toContain('捐赠票据');
    const attachment = mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(attachment?.content.equals(pdf)).toBe(true);
  });

  it('a stored PDF a power cut lost or cut short (it is written without a flush) is rendered again from its record: the same bytes, downloaded and mailed', async () => {
    const c = await campaign();
    const no = await issued(await m.queuedRequest(c.id, 45_600, { name: '王芳' }));
    const row = await receiptNo(no);
    const file = join(m.moduleRef.get<AppConfig>(APP_CONFIG).storageDir, row.pdf_path!);
    const issuedBytes = await readFile(file);
    expect(createHash('sha256').update(issuedBytes).digest('hex')).toBe(row.pdf_sha256);

    // Lost: the download renders it again, byte for byte, and stores it.
    await rm(file);
    const downloaded = await m.receipts.pdf(no);
    expect(downloaded.equals(issuedBytes)).toBe(true);
    expect((await readFile(file)).equals(issuedBytes)).toBe(true);

    // Cut short (the rename reached the disk, half the bytes did not): the next send mails the whole PDF.
    await writeFile(file, issuedBytes.subarray(0, issuedBytes.length >> 1));
    await expect(m.issuer.email({ receiptId: row.id, sendNo: 2 })).resolves.toEqual({ sent: true });
    const attached = mailsOf(no)
      .at(-1)!
      .attachments.find((a) => a.contentType === 'application/pdf');
    expect(attached?.content.equals(issuedBytes)).toBe(true);
    expect((await readFile(file)).equals(issuedBytes)).toBe(true);
    expect((await receiptNo(no)).pdf_sha256).toBe(row.pdf_sha256);
  });

  it('a lost PDF that renders to other bytes than its hash (the campaign was renamed since) gets its new hash recorded, so the receipt names the file served', async () => {
    const c = await campaign();
    const no = await issued(await m.queuedRequest(c.id, 45_700));
    const row = await receiptNo(no);
    const file = join(m.moduleRef.get<AppConfig>(APP_CONFIG).storageDir, row.pdf_path!);
    await m.db.query(`UPDATE campaigns SET title = $2 WHERE id = $1`, [c.id, `更名后的项目 ${c.prefix}`]);
    await rm(file);

    const served = await m.receipts.pdf(no);
    const sha = createHash('sha256').update(served).digest('hex');
    expect(sha).not.toBe(row.pdf_sha256);
    expect(await pdfText(served)).toContain(`更名后的项目 ${c.prefix}`);
    expect((await receiptNo(no)).pdf_sha256).toBe(sha);
    expect((await readFile(file)).equals(served)).toBe(true);
    // Read again: the file now matches the record and is served as it is.
    const render = jest.spyOn(m.issuer, 'renderPdf');
    expect((await m.receipts.pdf(no)).equals(served)).toBe(true);
    expect(render).not.toHaveBeenCalled();
  });

  it('reissue voids the receipt and queues one issue, however often it is asked before and after; the job numbers the new record once', async () => {
    const c = await campaign();
    const job = await m.queuedRequest(c.id, 34_500, { invoiceTitle: '错误抬头' });
    const old = await receiptNo(await issued(job));
    const issueJobs = () =>
      m.db.query<{ payload: IssueReceiptJob }[]>(`SELECT payload FROM outbox WHERE job_name = $1 AND payload->>'replacesReceiptId' = $2 ORDER BY id`, [
        ISSUE_RECEIPT,
        old.id,
      ]);

    await expect(m.receipts.reissue(old.receipt_no, { invoiceTitle: '正确抬头有限公司', reason: '抬头有误' }, STAFF)).resolves.toEqual({
      status: 'queued',
      replacesReceiptNo: old.receipt_no,
    });
    // Asked again before its job ran: the queued issue is found, nothing more is queued.
    await m.receipts.reissue(old.receipt_no, { invoiceTitle: '另一个抬头' }, STAFF);
    const queued = await issueJobs();
    expect(queued.map((q) => q.payload)).toEqual([
      {
        requestId: job.requestId,
        issueKey: `reissue:${old.id}`,
        replacesReceiptId: old.id,
        overrides: { name: '张伟', invoiceTitle: '正确抬头有限公司' },
      },
    ]);
    expect(await receiptNo(old.receipt_no)).toMatchObject({ status: 'voided', void_reason: '抬头有误' });

    const newNo = await issued(queued[0].payload);
    await expect(issued(queued[0].payload)).resolves.toBe(newNo);
    await m.receipts.reissue(old.receipt_no, {}, STAFF);
    expect(await issueJobs()).toHaveLength(1);

    expect((await receiptsOfRequest(job.requestId)).map((r) => [r.receipt_no, r.seq, r.status, r.invoice_title, r.replaces_receipt_id])).toEqual([
      [old.receipt_no, 1, 'voided', '错误抬头', null],
      [newNo, 2, 'issued', '正确抬头有限公司', old.id],
    ]);
    expect(await lastSeq(c.id)).toBe(2);
    const [mail] = mailsOf(newNo);
    expect(mail.text).toContain(old.receipt_no);
  });

  it('void marks the record once (the first reason stays), queues one void mail, sent once; the voided PDF is drawn with 作废', async () => {
    const c = await campaign();
    const no = await issued(await m.queuedRequest(c.id, 45_000));
    const { id } = await receiptNo(no);

    await expect(m.receipts.void(no, '捐赠人申请退款', STAFF)).resolves.toMatchObject({ status: 'voided', voidReason: '捐赠人申请退款' });
    await expect(m.receipts.void(no, '另一个理由', STAFF)).resolves.toMatchObject({ status: 'voided', voidReason: '捐赠人申请退款' });
    const voidJobs = await m.db.query<{ payload: unknown }[]>(`SELECT payload FROM outbox WHERE job_name = $1 AND payload->>'receiptId' = $2`, [
      EMAIL_VOIDED,
      id,
    ]);
    expect(voidJobs.map((j) => j.payload)).toEqual([{ receiptId: id, reissue: false }]);

    await expect(m.issuer.emailVoided({ receiptId: id, reissue: false })).resolves.toEqual({ sent: true });
    await expect(m.issuer.emailVoided({ receiptId: id, reissue: false })).resolves.toEqual({ sent: false });
    expect(mailsOf(no).filter((mail) => mail.subject?.includes('已作废'))).toHaveLength(1);
    // A voided record can no longer be mailed as live.
    await expect(m.issuer.email({ receiptId: id, sendNo: 2 })).resolves.toEqual({ sent: false });
    expect(await pdfText(await m.receipts.pdf(no))).toContain('作废');
  });
});
