import { Client } from 'pg';
import { ensureBuilt, freePort, spawnService, ServiceProcess } from '../support/service-process';
import { privatePostgres, PrivatePostgres } from '../support/private-postgres';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signSandbox, testEnv } from '../support/test-app';

/**
 * Parts of the system die while money moves. Each test runs the built service as its own process
 * (as production does) and kills what a power cut or an OOM killer would.
 */
describe('faults', () => {
  const started: ServiceProcess[] = [];
  beforeAll(() => ensureBuilt(), 180_000);
  afterAll(async () => {
    for (const s of started) s.child.kill('SIGKILL');
  });

  async function service(env: Record<string, string>): Promise<{ proc: ServiceProcess; base: string }> {
    const port = await freePort();
    const proc = spawnService(testEnv({ PORT: String(port), ...env }));
    started.push(proc);
    await proc.waitForOutput(/Wennuan is running/, 60_000);
    return { proc, base: `http://127.0.0.1:${port}` };
  }

  async function json(
    base: string,
    path: string,
    init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; raw?: string } = {},
  ) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    try {
      const res = await fetch(base + path, {
        method: init.method ?? 'GET',
        headers,
        body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      });
      return { status: res.status, body: await res.json().catch((): any => null) };
    } catch {
      return { status: 0, body: null }; // connection refused or reset: the process is gone
    }
  }

  async function campaignOn(base: string): Promise<string> {
    const login = await json(base, '/api/auth/login', { method: 'POST', body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
    const code = `f-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const res = await json(base, '/api/staff/campaigns', {
      method: 'POST',
      token: login.body.accessToken,
      body: { code, title: '故障演练', receiptPrefix: 'FT' },
    });
    expect(res.status).toBe(201);
    return code;
  }

  it('kill -9 of the API during a burst of payments: every acknowledged payment is in the ledger and the totals after restart', async () => {
    const prefix = `${process.env.WENNUAN_TEST_REDIS_PREFIX}-kill9`;
    let { proc, base } = await service({ REDIS_KEY_PREFIX: prefix });
    const campaign = await campaignOn(base);
    const orders: { orderNo: string; amountFen: number }[] = [];
    for (let i = 0; i < 120; i++) {
      const amountFen = 100 + i * 37;
      const res = await json(base, `/api/campaigns/${campaign}/donations`, { method: 'POST', body: { amountFen, channel: 'sandbox' } });
      expect(res.status).toBe(201);
      orders.push({ orderNo: res.body.orderNo, amountFen });
    }
    const notification = (o: { orderNo: string; amountFen: number }) =>
      JSON.stringify({ orderNo: o.orderNo, transactionId: `SBX-${o.orderNo}`, amountFen: o.amountFen, paidAt: new Date().toISOString() });
    const send = (o: { orderNo: string; amountFen: number }, at: string) => {
      const raw = notification(o);
      return json(at, '/api/payments/sandbox/notify', { method: 'POST', raw, headers: { 'x-signature': signSandbox(raw) } });
    };

    // Eight senders at a time, as a provider's notifier does: the kill after the 30th acknowledgement
    // lands with most of the burst still to send (all 120 at once could all be answered before it).
    let acknowledged = 0;
    let next = 0;
    const results: { o: { orderNo: string; amountFen: number }; status: number }[] = [];
    const sender = async () => {
      while (next < orders.length) {
        const o = orders[next++];
        const res = await send(o, base);
        if (res.status === 200 && ++acknowledged === 30) proc.child.kill('SIGKILL');
        results.push({ o, status: res.status });
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    await proc.exited;
    const acked = results.filter((r) => r.status === 200).map((r) => r.o.orderNo);
    expect(acked.length).toBeGreaterThanOrEqual(30);
    expect(results.some((r) => r.status !== 200)).toBe(true); // the kill really cut the burst

    ({ proc, base } = await service({ REDIS_KEY_PREFIX: prefix }));
    const db = new Client({ connectionString: process.env.WENNUAN_TEST_DATABASE_URL });
    await db.connect();
    try {
      const paidRows = await db.query(`SELECT order_no FROM donations WHERE order_no = ANY($1) AND status = 'paid'`, [acked]);
      expect(paidRows.rows.map((r) => r.order_no).sort()).toEqual([...acked].sort());
      const ledger = async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n, coalesce(sum(d.amount_fen),0)::bigint AS fen FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1 AND d.status = 'paid'`,
            [campaign],
          )
        ).rows[0];
      const afterCrash = await ledger();
      const totals = await json(base, `/api/campaigns/${campaign}/totals`);
      expect({ n: totals.body.donationCount, fen: totals.body.amountFen }).toEqual({ n: afterCrash.n, fen: Number(afterCrash.fen) });

      // The provider retries what was not acknowledged (and some that were): everything counts exactly once.
      const retried = await Promise.all(orders.map((o) => send(o, base)));
      expect(retried.every((r) => r.status === 200)).toBe(true);
      const final = await ledger();
      const expected = orders.reduce((sum, o) => sum + o.amountFen, 0);
      expect({ n: final.n, fen: Number(final.fen) }).toEqual({ n: 120, fen: expected });
      const payments = await db.query(
        `SELECT count(*)::int AS n FROM payments p JOIN donations d ON d.id = p.donation_id JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`,
        [campaign],
      );
      expect(payments.rows[0].n).toBe(120);
      const totalsAfter = await json(base, `/api/campaigns/${campaign}/totals`);
      expect(totalsAfter.body).toMatchObject({ donationCount: 120, amountFen: expected });
    } finally {
      await db.end();
      await proc.stop();
    }
  }, 240_000);

  describe('PostgreSQL restarted during intake', () => {
    let pg: PrivatePostgres;
    beforeAll(async () => {
      pg = await privatePostgres(await freePort());
    }, 60_000);
    afterAll(() => pg?.destroy());

    it('answers 503 while it is down, writes nothing half, and recovers by itself', async () => {
      const { proc, base } = await service({ DATABASE_URL: pg.url, REDIS_KEY_PREFIX: `${process.env.WENNUAN_TEST_REDIS_PREFIX}-pg` });
      try {
        const campaign = await campaignOn(base);
        const create = (i: number) =>
          json(base, `/api/campaigns/${campaign}/donations`, {
            method: 'POST',
            body: { amountFen: 1000 + i, channel: 'sandbox' },
            headers: { 'idempotency-key': `pg-restart-${campaign}-${i}` },
          });
        const before = await Promise.all(Array.from({ length: 20 }, (_, i) => create(i)));
        expect(before.every((r) => r.status === 201)).toBe(true);

        await pg.crash();
        const during = await Promise.all(Array.from({ length: 20 }, (_, i) => create(100 + i)));
        expect(during.map((r) => [r.status, r.body?.code])).toEqual(Array(20).fill([503, 'SERVICE_UNAVAILABLE']));
        const health = await json(base, '/health');
        expect(health.status).toBe(503);

        await pg.start();
        // Recovers without a restart of the service: the pool reconnects.
        let after = await create(200);
        for (let i = 0; i < 60 && after.status !== 201; i++) {
          await new Promise((r) => setTimeout(r, 500));
          after = await create(200);
        }
        expect(after.status).toBe(201);
        // Clients retry the refused requests with their keys: each becomes exactly one order.
        const retried = await Promise.all(Array.from({ length: 20 }, (_, i) => create(100 + i)));
        expect(retried.every((r) => r.status === 201)).toBe(true);

        const db = new Client({ connectionString: pg.url });
        await db.connect();
        try {
          const rows = (
            await db.query(
              `SELECT d.idempotency_key, d.payment_instructions IS NOT NULL AS complete FROM donations d JOIN campaigns c ON c.id = d.campaign_id WHERE c.code = $1`,
              [campaign],
            )
          ).rows;
          expect(rows).toHaveLength(41);
          expect(rows.every((r) => r.complete)).toBe(true);
          expect(new Set(rows.map((r) => r.idempotency_key)).size).toBe(41);
        } finally {
          await db.end();
        }
      } finally {
        await proc.stop();
      }
    }, 180_000);
  });
});
