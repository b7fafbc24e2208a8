import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asDonor, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp, testEnv } from '../support/test-app';
import { eventually } from '../support/smtp-sink';
import { ensureBuilt, freePort, spawnRedis, spawnService, ServiceProcess } from '../support/service-process';

/**
 * Receipts are issued while parts of the system die: Redis loses its queue, a worker dies with the
 * PDF written. Whatever happens, each approved request ends with one receipt, the numbers have no
 * gap, the stored PDF is whole, and each donor gets one e-mail.
 */
const ID = '11010519491231002X';

async function paidOrder(t: TestApp, campaign: string, amountFen: number): Promise<string> {
  const created = await createDonation(t, campaign, { amountFen });
  expect(created.status).toBe(201);
  const orderNo = created.body.orderNo as string;
  expect((await notifySandbox(t, { orderNo, transactionId: `SBX-${orderNo}`, amountFen, paidAt: new Date().toISOString() })).status).toBe(200);
  return orderNo;
}

function requestBody(campaignCode: string, orderNo: string, amountFen: number) {
  return asDonor({
    campaignCode,
    orderNo,
    amountFen,
    donorType: 'individual',
    name: '周敏',
    idNumber: ID,
    invoiceTitle: '周敏',
    phone: '13800138000',
    email: 'zhou@example.com',
  });
}

interface ReceiptRow {
  receipt_no: string;
  seq: number;
  pdf_path: string | null;
  pdf_sha256: string | null;
  emailed_at: Date | null;
  email_count: number;
}

async function receiptsOf(t: TestApp, campaign: string): Promise<ReceiptRow[]> {
  return t.db.query(
    `SELECT r.receipt_no, r.seq, r.pdf_path, r.pdf_sha256, r.emailed_at, r.email_count FROM receipts r JOIN campaigns c ON c.id = r.campaign_id WHERE c.code = $1 ORDER BY r.seq`,
    [campaign],
  );
}

/** A whole PDF: the header, and a trailer whose startxref points at the cross-reference table. */
function expectCompletePdf(bytes: Buffer, sha256: string): void {
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const tail = bytes.subarray(-64).toString('latin1');
  const trailer = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  expect(trailer).not.toBeNull();
  expect(bytes.subarray(Number(trailer![1]), Number(trailer![1]) + 4).toString('latin1')).toBe('xref');
}

/** Mails written as .eml files (SMTP_URL unset), by receipt number in the subject. */
function mailsByReceipt(storageDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  let files: string[];
  try {
    files = readdirSync(join(storageDir, 'outbox'));
  } catch {
    return counts;
  }
  for (const file of files) {
    const text = readFileSync(join(storageDir, 'outbox', file), 'utf8');
    const receiptNo = /filename="?([A-Z]+-\d{4}-\d{8})\.pdf/.exec(text)?.[1];
    if (receiptNo) counts.set(receiptNo, (counts.get(receiptNo) ?? 0) + 1);
  }
  return counts;
}

describe('receipt issuing under faults', () => {
  describe('Redis restarted (kill -9, no persistence) while receipts are being issued', () => {
    const own = isolated('redisrestart');
    let redis: ReturnType<typeof spawnRedis>;
    let port: number;
    let t: TestApp;

    beforeAll(async () => {
      port = await freePort();
      redis = spawnRedis(port);
      await redis.ready;
      // One receipt at a time, so that most approved jobs are still waiting in Redis when it dies.
      t = await startApp({ ...own.env, REDIS_URL: `redis://127.0.0.1:${port}`, RECEIPT_WORKER_CONCURRENCY: '1' });
    });
    afterAll(async () => {
      await t?.close();
      await redis?.stop();
      await own.drop();
    });

    it('ends with exactly one receipt per approved request, numbers without a gap, each mailed once', async () => {
      const N = 40;
      const admin = await login(t);
      const campaign = await createCampaign(t, admin, { autoApproveReceipts: false, receiptPrefix: 'RR' });
      const requests: string[] = [];
      for (let i = 0; i < N; i++) {
        const amountFen = 20000 + i;
        const orderNo = await paidOrder(t, campaign, amountFen);
        const req = await t.request('POST', '/api/receipt-requests', { body: requestBody(campaign, orderNo, amountFen) });
        expect(req.body.status).toBe('pending_review');
        requests.push(req.body.requestId);
      }

      const approvals = await Promise.all(requests.map((id) => t.request('POST', `/api/staff/receipt-requests/${id}/approve`, { token: admin, body: {} })));
      expect(approvals.map((a) => a.status)).toEqual(Array(N).fill(202));
      // Issuing has begun: a few receipts exist, and jobs handed to Redis are not finished yet.
      await eventually(async () => ((await receiptsOf(t, campaign)).length >= 2 ? true : undefined), 30_000, 'the first receipts');
      await redis.stop(); // SIGKILL: everything Redis held is gone
      const [inRedisOnly] = await t.db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE queue = 'receipts' AND dispatched_at IS NOT NULL AND acknowledged_at IS NULL`,
      );
      expect(inRedisOnly.n).toBeGreaterThan(0);
      expect((await receiptsOf(t, campaign)).length).toBeLessThan(N);

      redis = spawnRedis(port); // the same address, empty
      await redis.ready;

      const issued = await eventually(
        async () => {
          const rows = await receiptsOf(t, campaign);
          return rows.length === N && rows.every((r) => r.pdf_sha256 && r.emailed_at) ? rows : undefined;
        },
        120_000,
        'every receipt issued and mailed after Redis came back',
      );
      // The relay noticed the jobs Redis lost and sent them again.
      const [resent] = await t.db.query(`SELECT count(*)::int AS n FROM outbox WHERE last_error = 'job lost by Redis; sent again'`);
      expect(resent.n).toBeGreaterThan(0);

      expect(issued.map((r) => r.seq)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
      const [counter] = await t.db.query(`SELECT last_seq FROM receipt_series s JOIN campaigns c ON c.receipt_prefix = s.receipt_prefix WHERE c.code = $1`, [
        campaign,
      ]);
      expect(counter.last_seq).toBe(N);
      for (const id of requests) {
        const res = await t.request('GET', `/api/receipt-requests/${id}`);
        expect(res.body).toMatchObject({ status: 'issued', receiptNo: expect.stringMatching(/^RR-\d{4}-\d{8}$/) });
      }
      const perRequest = await t.db.query(`SELECT request_id, count(*)::int AS n FROM receipts WHERE request_id = ANY($1) GROUP BY request_id`, [requests]);
      expect(perRequest).toHaveLength(N);
      expect(perRequest.every((r: { n: number }) => r.n === 1)).toBe(true);
      for (const r of issued) expectCompletePdf(readFileSync(join(t.config.storageDir, r.pdf_path!)), r.pdf_sha256!);

      // One e-mail per receipt: a job run again after the restart sends nothing twice.
      expect(issued.every((r) => r.email_count === 1)).toBe(true);
      await eventually(async () => (mailsByReceipt(t.config.storageDir).size === N ? true : undefined), 10_000, 'mail files');
      const mails = mailsByReceipt(t.config.storageDir);
      expect([...mails.values()].every((n) => n === 1)).toBe(true);
      expect([...mails.keys()].sort()).toEqual(issued.map((r) => r.receipt_no).sort());
    }, 240_000);
  });

  describe('a worker killed right after storing the PDF', () => {
    const own = isolated('killpdf');
    let api: TestApp;
    const workers: ServiceProcess[] = [];

    beforeAll(async () => {
      ensureBuilt();
      api = await startApp({ ...own.env, APP_ROLE: 'api' });
    }, 180_000);
    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      await api?.close();
      await own.drop();
    });

    function worker(extra: Record<string, string>): ServiceProcess {
      const w = spawnService(
        testEnv({ ...own.env, APP_ROLE: 'worker', QUEUE_LOCK_DURATION_MS: '2000', STORAGE_DIR: api.config.storageDir, LOG_LEVEL: 'info', ...extra }),
      );
      workers.push(w);
      return w;
    }

    it('leaves one receipt with its whole PDF, mailed once by the next worker, and no gap in the numbers', async () => {
      const admin = await login(api);
      const campaign = await createCampaign(api, admin, { receiptPrefix: 'KP' });
      const doomed = worker({ FAULT_INJECTION: 'receipt:after-pdf' });
      await doomed.waitForOutput(/worker started/);

      const orderNo = await paidOrder(api, campaign, 61000);
      const req = await api.request('POST', '/api/receipt-requests', { body: requestBody(campaign, orderNo, 61000) });
      expect(req.body.status).toBe('queued');

      const death = await doomed.exited;
      expect(death.signal).toBe('SIGKILL');
      const afterCrash = await receiptsOf(api, campaign);
      expect(afterCrash).toHaveLength(1);
      expect(afterCrash[0].pdf_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(afterCrash[0].emailed_at).toBeNull();
      expectCompletePdf(readFileSync(join(api.config.storageDir, afterCrash[0].pdf_path!)), afterCrash[0].pdf_sha256!);

      const healthy = worker({});
      await healthy.waitForOutput(/worker started/);
      const done = await eventually(
        async () => {
          const [row] = await receiptsOf(api, campaign);
          return row.emailed_at ? row : undefined;
        },
        60_000,
        'receipt mailed by the restarted worker',
      );
      // The same receipt, the same PDF: the new worker did not render or number it again.
      expect(done).toMatchObject({ receipt_no: afterCrash[0].receipt_no, pdf_sha256: afterCrash[0].pdf_sha256, email_count: 1 });
      expectCompletePdf(readFileSync(join(api.config.storageDir, done.pdf_path!)), done.pdf_sha256!);

      const nextOrder = await paidOrder(api, campaign, 62000);
      const next = await api.request('POST', '/api/receipt-requests', { body: requestBody(campaign, nextOrder, 62000) });
      await eventually(
        async () => {
          const res = await api.request('GET', `/api/receipt-requests/${next.body.requestId}`);
          return res.body.status === 'issued' ? true : undefined;
        },
        30_000,
        'second receipt',
      );
      const all = await eventually(
        async () => {
          const rows = await receiptsOf(api, campaign);
          return rows.length === 2 && rows.every((r) => r.emailed_at) ? rows : undefined;
        },
        30_000,
        'second receipt mailed',
      );
      expect(all.map((r) => r.seq)).toEqual([1, 2]);
      for (const r of all) expectCompletePdf(readFileSync(join(api.config.storageDir, r.pdf_path!)), r.pdf_sha256!);
      const mails = mailsByReceipt(api.config.storageDir);
      expect(Object.fromEntries(mails)).toEqual({ [all[0].receipt_no]: 1, [all[1].receipt_no]: 1 });
    }, 180_000);
  });
});
