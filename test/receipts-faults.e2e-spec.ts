import { asDonor, createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp, testEnv } from './support/test-app';
import { eventually } from './support/smtp-sink';
import { ensureBuilt, freePort, spawnRedis, spawnService, ServiceProcess } from './support/service-process';

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

describe('receipts under faults', () => {
  describe('Redis down while staff approve', () => {
    const own = isolated('redisdown');
    let redis: ReturnType<typeof spawnRedis>;
    let port: number;
    let t: TestApp;

    beforeAll(async () => {
      port = await freePort();
      redis = spawnRedis(port);
      await redis.ready;
      t = await startApp({ ...own.env, REDIS_URL: `redis://127.0.0.1:${port}` });
    });
    afterAll(async () => {
      await t?.close();
      await redis?.stop();
      await own.drop();
    });

    it('records the approval, and issues the receipt once Redis is back', async () => {
      const admin = await login(t);
      const campaign = await createCampaign(t, admin, { autoApproveReceipts: false, receiptPrefix: 'RD' });
      const orderNo = await paidOrder(t, campaign, 30000);
      const req = await t.request('POST', '/api/receipt-requests', { body: requestBody(campaign, orderNo, 30000) });
      expect(req.body.status).toBe('pending_review');

      await redis.stop();
      const approved = await t.request('POST', `/api/staff/receipt-requests/${req.body.requestId}/approve`, { token: admin, body: {} });
      expect(approved.status).toBe(202);
      expect(approved.body.status).toBe('queued');
      const [outbox] = await t.db.query(`SELECT dispatched_at FROM outbox WHERE payload->>'requestId' = $1`, [req.body.requestId]);
      expect(outbox.dispatched_at).toBeNull();
      // Give the relay time to try (and fail) at least once while Redis is down.
      await eventually(
        async () => {
          const [row] = await t.db.query(`SELECT attempts FROM outbox WHERE payload->>'requestId' = $1`, [req.body.requestId]);
          return row.attempts > 0 ? true : undefined;
        },
        20_000,
        'a failed relay attempt',
      );
      expect((await t.request('GET', `/api/receipt-requests/${req.body.requestId}`)).body.status).toBe('queued');

      redis = spawnRedis(port);
      await redis.ready;
      const receiptNo = await eventually(
        async () => {
          const res = await t.request('GET', `/api/receipt-requests/${req.body.requestId}`);
          return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
        },
        45_000,
        'receipt issued after Redis returned',
      );
      expect(receiptNo).toMatch(/^RD-\d{4}-00000001$/);
      const rows = await t.db.query(`SELECT count(*)::int AS n FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [orderNo]);
      expect(rows[0].n).toBe(1);
    }, 120_000);
  });

  describe('a worker killed between taking a number and finishing', () => {
    const own = isolated('kill');
    let api: TestApp;
    const workers: ServiceProcess[] = [];

    beforeAll(async () => {
      ensureBuilt();
      api = await startApp({ ...own.env, APP_ROLE: 'api' });
    }, 120_000);
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

    it('leaves, after restart, exactly one receipt and no gap in the numbers', async () => {
      const admin = await login(api);
      const campaign = await createCampaign(api, admin, { receiptPrefix: 'KL' });
      const doomed = worker({ FAULT_INJECTION: 'receipt:after-number' });
      await doomed.waitForOutput(/worker started/);

      const orderNo = await paidOrder(api, campaign, 52000);
      const req = await api.request('POST', '/api/receipt-requests', { body: requestBody(campaign, orderNo, 52000) });
      expect(req.body.status).toBe('queued');

      const death = await doomed.exited;
      expect(death.signal).toBe('SIGKILL');
      const afterCrash = await api.db.query(`SELECT receipt_no, pdf_sha256 FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [
        orderNo,
      ]);
      expect(afterCrash).toHaveLength(1);
      expect(afterCrash[0].pdf_sha256).toBeNull();

      const healthy = worker({});
      await healthy.waitForOutput(/worker started/);
      const done = await eventually(
        async () => {
          const [row] = await api.db.query(
            `SELECT receipt_no, pdf_sha256, emailed_at FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`,
            [orderNo],
          );
          return row.pdf_sha256 && row.emailed_at ? row : undefined;
        },
        60_000,
        'receipt finished by the restarted worker',
      );
      expect(done.receipt_no).toBe(afterCrash[0].receipt_no);

      const nextOrder = await paidOrder(api, campaign, 53000);
      const next = await api.request('POST', '/api/receipt-requests', { body: requestBody(campaign, nextOrder, 53000) });
      const nextNo = await eventually(
        async () => {
          const res = await api.request('GET', `/api/receipt-requests/${next.body.requestId}`);
          return res.body.status === 'issued' ? (res.body.receiptNo as string) : undefined;
        },
        30_000,
        'second receipt',
      );

      const all = await api.db.query(`SELECT r.seq FROM receipts r JOIN campaigns c ON c.id = r.campaign_id WHERE c.code = $1 ORDER BY r.seq`, [campaign]);
      expect(all.map((r: { seq: number }) => r.seq)).toEqual([1, 2]);
      expect(nextNo).toMatch(/-00000002$/);
      const [counter] = await api.db.query(`SELECT last_seq FROM receipt_series s JOIN campaigns c ON c.receipt_prefix = s.receipt_prefix WHERE c.code = $1`, [
        campaign,
      ]);
      expect(counter.last_seq).toBe(2);
    }, 150_000);

    it('an official receipt attached between the number and the PDF: the first PDF and the only mail are the 捐赠票据', async () => {
      // The issuing job reads the record's official receipt before rendering unless it created the
      // record itself a moment ago; a record found from an earlier, crashed run may have one by now.
      await Promise.all(workers.splice(0).map((w) => w.stop())); // the last test's: only the doomed worker may take the job
      const admin = await login(api);
      const campaign = await createCampaign(api, admin, { receiptPrefix: 'KO' });
      const doomed = worker({ FAULT_INJECTION: 'receipt:after-number' });
      await doomed.waitForOutput(/worker started/);
      const orderNo = await paidOrder(api, campaign, 61000);
      const req = await api.request('POST', '/api/receipt-requests', { body: requestBody(campaign, orderNo, 61000) });
      expect(req.body.status).toBe('queued');
      expect((await doomed.exited).signal).toBe('SIGKILL');
      const [numbered] = await api.db.query(`SELECT r.receipt_no FROM receipts r JOIN donations d ON d.id = r.donation_id WHERE d.order_no = $1`, [orderNo]);

      const entry = { code: '42010124', number: '0077000001', checkCode: 'c0ffee', issuedAt: '2020-02-03T10:00:00+08:00' };
      const attached = await api.request('POST', `/api/staff/receipts/${numbered.receipt_no}/fiscal`, { token: admin, body: entry });
      expect(attached.status).toBe(200);
      const [official] = await api.db.query(`SELECT id FROM official_receipts WHERE number = $1`, [entry.number]);

      const healthy = worker({});
      await healthy.waitForOutput(/worker started/);
      const done = await eventually(
        async () => {
          const [row] = await api.db.query(`SELECT pdf_official_id, email_count, email_queued FROM receipts WHERE receipt_no = $1`, [numbered.receipt_no]);
          return row.email_count > 0 ? row : undefined;
        },
        60_000,
        'receipt rendered and mailed by the restarted worker',
      );
      expect(done.pdf_official_id).toBe(official.id);
      // Its render-official job finds the PDF showing it already: no second render, no second send.
      await eventually(
        async () => {
          const [job] = await api.db.query(`SELECT acknowledged_at FROM outbox WHERE job_name = 'render-official' AND payload->>'officialId' = $1`, [
            official.id,
          ]);
          return job?.acknowledged_at ? true : undefined;
        },
        60_000,
        'render-official job finished',
      );
      const [after] = await api.db.query(`SELECT email_count, email_queued FROM receipts WHERE receipt_no = $1`, [numbered.receipt_no]);
      expect(after).toEqual({ email_count: 1, email_queued: 1 });
    }, 150_000);
  });
});
