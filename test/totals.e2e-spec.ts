/**
 * Public totals kept as counters written with the ledger: exact under concurrent payments, read
 * without scanning donations, repaired by the reconciler when they drift, backfilled by the
 * migration, and served with cache headers fit for a CDN.
 */
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { createHash, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/schema';
import { RECONCILE_TOTALS, TOTALS_MAINTENANCE_QUEUE } from '../src/totals/totals-maintenance';
import { TotalsReconciler } from '../src/totals/totals-reconciler';
import { StaffAuthGuard } from '../src/staff/auth/staff-auth.guard';
import { createCampaign, createDonation, isolated, login, notifySandbox, startApp, TestApp, paySandbox } from './support/test-app';

jest.setTimeout(180_000);

/** What the ledger says, computed here from the donations themselves. */
async function ledgerTotals(t: TestApp, code: string) {
  const [row] = await t.db.query(
    `SELECT count(*)::int AS n, coalesce(sum(d.amount_fen), 0)::text AS fen, count(DISTINCT d.donor_key)::int AS donors,
            coalesce(sum(d.amount_fen) FILTER (WHERE (d.paid_at AT TIME ZONE 'Asia/Shanghai')::date = (now() AT TIME ZONE 'Asia/Shanghai')::date), 0)::text AS today
       FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
    [code],
  );
  return { donationCount: row.n, amountFen: Number(row.fen), donorCount: row.donors, todayAmountFen: Number(row.today) };
}

async function ledgerDays(t: TestApp, code: string): Promise<Record<string, number>> {
  const rows = await t.db.query(
    `SELECT to_char((d.paid_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, sum(d.amount_fen)::text AS fen
       FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid' GROUP BY 1`,
    [code],
  );
  return Object.fromEntries(rows.map((r: { day: string; fen: string }) => [r.day, Number(r.fen)]));
}

/** Runs `task` over `items` with `clients` requests in flight at once. */
async function concurrently<T, R>(items: T[], clients: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await task(items[i], i);
    }),
  );
  return results;
}

async function campaignId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.db.query(`SELECT id FROM campaigns WHERE code = $1`, [code]);
  return row.id;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

describe('public totals', () => {
  // Its own database: a service that other suites start with their own Redis prefix but the run's
  // shared database (faults, lifecycle) runs the scheduled reconciliation there too, and pausing this
  // prefix's queue would not hold it; it repaired the damage below before this suite could see it.
  const own = isolated('totals');
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp(own.env);
    admin = await login(t);
  });
  afterAll(async () => {
    await t?.close();
    await own.drop();
  });

  const totals = async (code: string, app = t) => {
    const res = await app.request('GET', `/api/campaigns/${code}/totals`);
    expect(res.status).toBe(200);
    return res.body;
  };

  const payNew = (code: string, amountFen: number, body: Record<string, unknown> = {}, paidAt?: string) => paySandbox(t, code, amountFen, body, { paidAt });

  /**
   * Runs `task` with the scheduled reconciliation (any app on this Redis prefix runs it each minute)
   * paused and none of it running, so that it neither holds a campaign the reconciler called here
   * then skips (checked: false) nor repairs damage before that reconciler sees it.
   */
  async function whileScheduledHeld<T>(task: () => Promise<T>): Promise<T> {
    const maintenance = t.app.get<Queue>(getQueueToken(TOTALS_MAINTENANCE_QUEUE), { strict: false });
    await maintenance.pause();
    try {
      while ((await maintenance.getActiveCount()) > 0) await new Promise((r) => setTimeout(r, 50));
      return await task();
    } finally {
      await maintenance.resume();
    }
  }

  it('1,000 payments from 100 concurrent clients give totals equal to the ledger exactly', async () => {
    const code = await createCampaign(t, admin, { goalFen: 5_000_000_000 });
    const yesterday = new Date(Date.now() - 24 * 3600_000).toISOString();
    const orders = Array.from({ length: 1000 }, (_, i) => ({
      amountFen: 1 + ((i * 7919 + 13) % 1_000_000),
      // 600 of them give one of 150 phones (four gifts each); the other 400 each count as a donor.
      phone: i % 5 < 3 ? `139${String(i % 250).padStart(8, '0')}` : undefined,
      paidAt: i % 10 === 0 ? yesterday : new Date().toISOString(),
    }));
    const created = await concurrently(orders, 50, async (o) => {
      const res = await createDonation(t, code, { amountFen: o.amountFen, ...(o.phone ? { phone: o.phone } : {}) });
      expect(res.status).toBe(201);
      return res.body.orderNo as string;
    });
    // Orders that must not count: one never paid, one paid with a wrong amount.
    await createDonation(t, code, { amountFen: 424242 });
    const mismatched = (await createDonation(t, code, { amountFen: 5000 })).body.orderNo;
    expect(
      (await notifySandbox(t, { orderNo: mismatched, transactionId: `SBX-${randomUUID()}`, amountFen: 4000, paidAt: new Date().toISOString() })).status,
    ).toBe(422);

    // Every payment notified by one of 100 clients at once; every tenth is notified twice.
    const notifications = created.flatMap((orderNo, i) => {
      const payload = { orderNo, transactionId: `SBX-${orderNo}`, amountFen: orders[i].amountFen, paidAt: orders[i].paidAt };
      return i % 10 === 3 ? [payload, payload] : [payload];
    });
    const answers = await concurrently(notifications, 100, (payload) => notifySandbox(t, payload));
    expect(answers.filter((a) => a.status !== 200).map((a) => a.text)).toEqual([]);

    const ledger = await ledgerTotals(t, code);
    expect(ledger.donationCount).toBe(1000);
    expect(ledger.amountFen).toBe(orders.reduce((sum, o) => sum + o.amountFen, 0));
    expect(ledger.donorCount).toBe(150 + 400);
    const body = await totals(code);
    expect(body).toMatchObject({ ...ledger, goalFen: 5_000_000_000, disbursedFen: 0, inKind: [] });
    for (const key of ['donationCount', 'amountFen', 'donorCount', 'todayAmountFen']) expect(Number.isSafeInteger(body[key])).toBe(true);

    // The daily amounts (the chart) equal the ledger's per Beijing day.
    const daily = await t.request('GET', `/api/campaigns/${code}/daily?days=3`);
    expect(daily.status).toBe(200);
    const days = await ledgerDays(t, code);
    expect(
      Object.fromEntries(
        daily.body.items.filter((d: { amountFen: number }) => d.amountFen > 0).map((d: { day: string; amountFen: number }) => [d.day, d.amountFen]),
      ),
    ).toEqual(days);

    // Payments were spread over several counter rows, and the reconciler finds nothing to repair.
    const id = await campaignId(t, code);
    const [{ shards }] = await t.db.query(`SELECT count(*)::int AS shards FROM campaign_counters WHERE campaign_id = $1 AND shard >= 0`, [id]);
    expect(shards).toBeGreaterThan(4);
    // With the scheduled run held: one running at this moment holds the campaign (checked: false, seen in a full run).
    const report = await whileScheduledHeld(() => t.app.get(TotalsReconciler).reconcile(id));
    expect(report).toMatchObject({ checked: true, drift: [] });
  });

  it('reads the counters, not the ledger: a corrupted counter shows until the reconciler repairs it, with the drift reported', async () => {
    const code = await createCampaign(t, admin);
    await payNew(code, 10_000, { phone: '13700000001' });
    await payNew(code, 20_000, { phone: '13700000001' });
    await payNew(code, 30_000, {}, new Date(Date.now() - 2 * 24 * 3600_000).toISOString());
    const id = await campaignId(t, code);
    const ledger = await ledgerTotals(t, code);
    expect(ledger).toMatchObject({ donationCount: 3, amountFen: 60_000, donorCount: 2, todayAmountFen: 30_000 });
    expect(await totals(code)).toMatchObject(ledger);

    // The scheduled reconciliation is held until the damage has been seen and reported by the
    // reconciler called here, so that it cannot repair it first.
    const report = await whileScheduledHeld(async () => {
      // Damage every kind of counter behind the service's back.
      await t.db.query(
        `UPDATE campaign_counters SET amount_fen = amount_fen + 777, donation_count = donation_count + 2 WHERE campaign_id = $1 AND shard = (SELECT min(shard) FROM campaign_counters WHERE campaign_id = $1 AND shard >= 0)`,
        [id],
      );
      await t.db.query(
        `INSERT INTO campaign_daily_counters (campaign_id, day, shard, donation_count, amount_fen) VALUES ($1, (now() AT TIME ZONE 'Asia/Shanghai')::date, -1, 0, -100) ON CONFLICT (campaign_id, day, shard) DO UPDATE SET amount_fen = campaign_daily_counters.amount_fen - 100`,
        [id],
      );
      await t.db.query(`DELETE FROM campaign_donors WHERE campaign_id = $1 AND donor_key LIKE 'phone:%'`, [id]);
      await t.db.query(`INSERT INTO campaign_donors (campaign_id, donor_key, first_paid_at) VALUES ($1, 'order:never-paid', now())`, [id]);
      const damaged = await eventually(
        () => totals(code),
        (b) => b.amountFen !== ledger.amountFen,
        3000,
      );
      expect(damaged).toMatchObject({ amountFen: 60_777, donationCount: 5, todayAmountFen: 29_900 });
      return t.app.get(TotalsReconciler).reconcile(id);
    });
    expect(report.checked).toBe(true);
    expect(report.drift).toEqual(
      expect.arrayContaining([
        { scope: 'campaign', field: 'amountFen', counters: 60_777, ledger: 60_000 },
        { scope: 'campaign', field: 'donationCount', counters: 5, ledger: 3 },
        expect.objectContaining({ scope: 'day', field: 'amountFen', counters: 29_900, ledger: 30_000 }),
        { scope: 'donors', field: 'donorRows', counters: 2, ledger: 2, missing: 1, extra: 1 },
      ]),
    );
    // Repaired: the same process sees it at once.
    expect(await totals(code)).toMatchObject(ledger);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM campaign_donors WHERE campaign_id = $1 AND donor_key = 'order:never-paid'`, [id]);
    expect(n).toBe(0);
    // A later payment by the donor whose row was deleted still counts once.
    await payNew(code, 5, { phone: '13700000001' });
    expect(await totals(code)).toMatchObject(await ledgerTotals(t, code));
    expect((await t.app.get(TotalsReconciler).reconcile(id)).drift).toEqual([]);
  });

  it('the scheduled reconciliation job repairs drift by itself', async () => {
    const code = await createCampaign(t, admin);
    await payNew(code, 12_345);
    const id = await campaignId(t, code);
    await t.db.query(`UPDATE campaign_counters SET amount_fen = amount_fen - 45 WHERE campaign_id = $1 AND shard >= 0 AND amount_fen > 0`, [id]);
    const queue = t.app.get<Queue>(getQueueToken(TOTALS_MAINTENANCE_QUEUE), { strict: false });
    expect(await queue.getJobSchedulers()).toEqual(expect.arrayContaining([expect.objectContaining({ key: RECONCILE_TOTALS, every: expect.any(Number) })]));
    await queue.add(RECONCILE_TOTALS, {}, { jobId: `test-${randomUUID()}` });
    const repaired = await eventually(
      () => totals(code),
      (b) => b.amountFen === 12_345,
      30_000,
    );
    expect(repaired).toMatchObject({ amountFen: 12_345, donationCount: 1, donorCount: 1 });
  });

  it('counts a disbursement in disbursedFen and shows it at once', async () => {
    const code = await createCampaign(t, admin);
    await totals(code); // cached now
    const res = await t.request('POST', '/api/staff/disbursements', {
      token: admin,
      // Nothing was received yet: recorded only with the explicit confirmation (issue 18).
      body: { campaignCode: code, amountFen: 8_888, recipient: '某医院', purpose: '防护服', date: '2020-02-10', confirmExceeding: true },
    });
    expect(res.status).toBe(201);
    expect((await totals(code)).disbursedFen).toBe(8_888);
  });

  it('another process sees a payment within the contract (change notice through Redis)', async () => {
    const other = await startApp({ ...own.env, APP_ROLE: 'api' });
    try {
      const code = await createCampaign(t, admin);
      expect((await totals(code, other)).amountFen).toBe(0); // now cached in the other process
      await payNew(code, 31_415);
      const seen = await eventually(
        () => totals(code, other),
        (b) => b.amountFen === 31_415,
        5000,
      );
      expect(seen).toMatchObject({ amountFen: 31_415, donationCount: 1 });
    } finally {
      await other.close();
    }
  });

  it('serves totals, wall and daily amounts with an ETag and a short public max-age, 304 when unchanged, no personal data (the message on the wall only)', async () => {
    const code = await createCampaign(t, admin);
    await payNew(code, 6_600, { donorName: '张三丰', phone: '13812345678', showOnWall: true, message: '武汉加油' });
    for (const path of [
      `/api/campaigns/${code}/totals`,
      `/api/campaigns/${code}/wall`,
      `/api/campaigns/${code}/daily`,
      `/api/campaigns/${code}/disbursements`,
    ]) {
      const first = await t.request('GET', path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d{1,2}$/);
      expect(first.text).not.toMatch(/13812345678|张三丰/);
      // The donor's message is public on the wall only (they chose showOnWall; issue 21), nowhere else.
      if (path.endsWith('/wall')) expect(first.text).toContain('武汉加油');
      else expect(first.text).not.toContain('武汉加油');
      const again = await t.request('GET', path, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
    const before = (await t.request('GET', `/api/campaigns/${code}/totals`)).headers.get('etag');
    await payNew(code, 1);
    const after = await t.request('GET', `/api/campaigns/${code}/totals`, { headers: { 'if-none-match': before! } });
    expect(after.status).toBe(200);
    expect(after.body.amountFen).toBe(6_601);
    expect(after.headers.get('etag')).not.toBe(before);
  });

  it('answers 404 CAMPAIGN_NOT_FOUND for unknown campaigns on every public totals route', async () => {
    for (const path of ['totals', 'wall', 'daily', 'totals/stream']) {
      const res = await t.request('GET', `/api/campaigns/no-such-${randomUUID().slice(0, 6)}/${path}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, code: 'CAMPAIGN_NOT_FOUND', message: expect.any(String) });
    }
  });

  it('answers every totals read, cached or not, through fastify and Nest: the global guard and the request-id hook run each time, cached bytes and 304', async () => {
    const code = await createCampaign(t, admin, { receiptPrefix: 'FP' });
    await payNew(code, 12_300);
    const path = `/api/campaigns/${code}/totals`;
    const guard = jest.spyOn(StaffAuthGuard.prototype, 'canActivate');
    const count = async () => {
      const metrics = (await t.request('GET', '/metrics')).text;
      const line = metrics
        .split('\n')
        .find(
          (l) =>
            l.startsWith('wennuan_http_request_duration_seconds_count{') && l.includes('route="/api/campaigns/:code/totals"') && l.includes('status="200"'),
        );
      return line ? Number(line.split(' ').pop()) : 0;
    };
    try {
      // The first read loads the cache; the second is served from it, through the same pipeline.
      const first = await t.request('GET', path);
      expect(first.status).toBe(200);
      expect(guard).toHaveBeenCalledTimes(1);
      const before = await count(); // /metrics goes through the guard too
      guard.mockClear();
      const cached = await t.request('GET', path, { headers: { 'x-request-id': 'cached-read-0001' } });
      expect(guard).toHaveBeenCalledTimes(1);
      expect(cached.status).toBe(200);
      expect(cached.text).toBe(first.text);
      expect(cached.body).toMatchObject({ campaignCode: code, amountFen: 12_300 });
      const headers = (res: { headers: Headers }) => Object.fromEntries([...res.headers].filter(([name]) => !['date', 'x-request-id'].includes(name)));
      expect(headers(cached)).toEqual(headers(first));
      // The request-id hook: the caller's sane X-Request-Id is kept, otherwise a new UUID.
      expect(cached.headers.get('x-request-id')).toBe('cached-read-0001');
      expect((await t.request('GET', path)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      // The edge cache's headers: an ETag of the bytes, a short public max-age, 304 for a known tag.
      expect(cached.headers.get('cache-control')).toBe('public, max-age=1');
      const notModified = await t.request('GET', path, { headers: { 'if-none-match': first.headers.get('etag')! } });
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBe('');
      expect(guard).toHaveBeenCalledTimes(3);
      expect((await count()) - before).toBeGreaterThanOrEqual(2);

      // A payment drops the cached totals: the next read shows it.
      await payNew(code, 77);
      expect(
        (
          await eventually(
            () => totals(code),
            (b) => b.amountFen === 12_377,
            5000,
          )
        ).amountFen,
      ).toBe(12_377);
    } finally {
      guard.mockRestore();
    }
  });
});

describe('the totals migration', () => {
  it('backfills the counters from paid donations already in the ledger', async () => {
    const admin = new Client({ connectionString: process.env.WENNUAN_TEST_ADMIN_URL });
    const name = `${process.env.WENNUAN_TEST_DATABASE}_backfill`;
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(process.env.WENNUAN_TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const index = MIGRATIONS.findIndex((m) => m.name === 'Totals1763920000000');
    const open = (migrations: typeof MIGRATIONS) => new DataSource({ type: 'postgres', url: url.toString(), migrations }).initialize();
    try {
      const before = await open(MIGRATIONS.slice(0, index));
      await before.runMigrations();
      const [campaign] = await before.query(
        `INSERT INTO campaigns (code, title, receipt_prefix, organisation) VALUES ('backfill', '回填', 'BF', '基金会') RETURNING id`,
      );
      const insert = (n: number, status: string, fen: number, donor: string, paidAt: string | null) =>
        before.query(
          `INSERT INTO donations (order_no, campaign_id, channel, amount_fen, status, donor_key, paid_at) VALUES ($1, $2, 'sandbox', $3, $4, $5, $6)`,
          [`BF${n}`, campaign.id, fen, status, donor, paidAt],
        );
      await insert(1, 'paid', 100, 'phone:a', '2020-02-01T23:30:00+08:00');
      await insert(2, 'paid', 250, 'phone:a', '2020-02-02T00:30:00+08:00');
      await insert(3, 'paid', 1000, 'order:3', '2020-02-02T01:00:00+08:00');
      await insert(4, 'pending', 9999, 'order:4', null);
      await insert(5, 'failed', 9999, 'order:5', null);
      await before.destroy();

      const after = await open(MIGRATIONS);
      await after.runMigrations();
      const [sum] = await after.query(
        `SELECT sum(donation_count)::int AS n, sum(amount_fen)::int AS fen, sum(donor_count)::int AS donors FROM campaign_counters WHERE campaign_id = $1`,
        [campaign.id],
      );
      expect(sum).toEqual({ n: 3, fen: 1350, donors: 2 });
      const days = await after.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, amount_fen::int AS fen FROM campaign_daily_counters WHERE campaign_id = $1 ORDER BY day`,
        [campaign.id],
      );
      expect(days).toEqual([
        { day: '2020-02-01', fen: 100 },
        { day: '2020-02-02', fen: 1250 },
      ]);
      const donors = await after.query(`SELECT donor_key FROM campaign_donors WHERE campaign_id = $1 ORDER BY donor_key`, [campaign.id]);
      expect(donors.map((d: { donor_key: string }) => d.donor_key)).toEqual(['order:3', 'phone:a']);
      await after.destroy();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('disbursement attachments', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
  });
  afterAll(() => t?.close());

  async function upload(id: string, bytes: Buffer, token = admin, field = 'file') {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(bytes)]), 'proof.pdf');
    const res = await fetch(`${t.baseUrl}/api/staff/disbursements/${id}/attachment`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: await res.json() };
  }

  it('keeps a proof of the transfer that anyone can download and check, audited', async () => {
    const code = await createCampaign(t, admin);
    const created = await t.request('POST', '/api/staff/disbursements', {
      token: admin,
      body: { campaignCode: code, amountFen: 100_000, recipient: '某医院', purpose: '防护服', date: '2020-02-10', confirmExceeding: true },
    });
    expect(created.body.attachmentUrl).toBeNull();
    const pdf = Buffer.from('%PDF-1.4\n% proof of transfer\n%%EOF\n');
    const res = await upload(created.body.id, pdf);
    expect(res.status).toBe(201);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(res.body).toMatchObject({
      id: created.body.id,
      attachmentSha256: sha,
      attachmentUrl: `/api/campaigns/${code}/disbursements/${created.body.id}/attachment`,
    });

    const file = await fetch(t.baseUrl + res.body.attachmentUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('etag')).toBe(`"${sha}"`);
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    const listed = await t.request('GET', `/api/campaigns/${code}/disbursements`);
    expect(listed.body.items[0].attachmentUrl).toBe(res.body.attachmentUrl);
    expect((await t.request('GET', `/c/${code}`)).text).toContain(res.body.attachmentUrl);
    const audit = await t.request('GET', `/api/staff/audit-log?entity=disbursement&entityId=${created.body.id}`, { token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'disbursement.attach', before: { attachmentSha256: null }, after: { attachmentSha256: sha } });
    // Another campaign's path does not serve it.
    const other = await createCampaign(t, admin);
    expect((await t.request('GET', `/api/campaigns/${other}/disbursements/${created.body.id}/attachment`)).status).toBe(404);
  });

  it('refuses what is not a PDF, PNG or JPEG, and staff who may not record disbursements', async () => {
    const code = await createCampaign(t, admin);
    const { body } = await t.request('POST', '/api/staff/disbursements', {
      token: admin,
      body: { campaignCode: code, amountFen: 1, recipient: '某医院', purpose: '口罩', date: '2020-02-10', confirmExceeding: true },
    });
    const html = await upload(body.id, Buffer.from('<html><script>alert(1)</script></html>'));
    expect(html.status).toBe(422);
    expect(html.body.code).toBe('INVALID_ATTACHMENT');
    expect((await upload(randomUUID(), Buffer.from('%PDF-1.4'))).body.code).toBe('DISBURSEMENT_NOT_FOUND');
    const email = `wh-${randomUUID().slice(0, 8)}@test.wennuan`;
    await t.request('POST', '/api/staff/users', { token: admin, body: { email, password: 'long-enough-password', role: 'warehouse', name: '仓库' } });
    expect((await upload(body.id, Buffer.from('%PDF-1.4'), await login(t, email, 'long-enough-password'))).status).toBe(403);
    expect((await t.request('GET', `/api/campaigns/${code}/disbursements/${body.id}/attachment`)).status).toBe(404);
  });
});
