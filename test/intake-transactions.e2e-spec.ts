import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { createCampaign, createDonation, login, notifySandbox, startApp, TestApp } from './support/test-app';

/**
 * What one paid donation costs PostgreSQL on the request path (issue 20): the order is one
 * transaction, the notification (its log, the ledger, the counters, the outcome) another. Every
 * statement the app sends while handling a request of the measured window is recorded: the test
 * marks each incoming request (a 'request' listener placed before fastify's, test-only) and wraps
 * TypeORM's query runner; background jobs of the same process run outside those requests.
 */
describe('transactions per paid donation on the request path', () => {
  let t: TestApp;
  let campaign: string;
  const inRequest = new AsyncLocalStorage<boolean>();
  let recording: Array<{ sql: string; inTransaction: boolean }> | null = null;

  beforeAll(async () => {
    t = await startApp();
    campaign = await createCampaign(t, await login(t));
    const server = t.app.getHttpServer();
    // Runs synchronously before fastify's listener in the same emit: the request's work inherits the mark.
    server.prependListener('request', () => inRequest.enterWith(true));
    const query = PostgresQueryRunner.prototype.query;
    jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(function (this: PostgresQueryRunner, ...args: Parameters<typeof query>) {
      if (recording && inRequest.getStore()) recording.push({ sql: String(args[0]), inTransaction: this.isTransactionActive });
      return query.apply(this, args);
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
  });

  /** Transactions the requests made by `work` ran: each BEGIN, and each statement sent outside one. */
  async function transactionsOf(work: () => Promise<unknown>): Promise<{ transactions: number; statements: string[] }> {
    recording = [];
    try {
      await work();
      const statements = recording.map((s) => s.sql.replace(/\s+/g, ' ').slice(0, 60));
      const transactions = recording.filter((s) => s.sql === 'START TRANSACTION' || !s.inTransaction).length;
      return { transactions, statements };
    } finally {
      recording = null;
    }
  }

  it('creates an order in one transaction and settles its notification in one more', async () => {
    // The campaign is read once per process and kept a few seconds: the first gift pays for that read.
    expect((await createDonation(t, campaign, { amountFen: 100 })).status).toBe(201);

    let orderNo = '';
    const create = await transactionsOf(async () => {
      const created = await createDonation(t, campaign, { amountFen: 8800, donorName: '赵六', phone: '13800138000' }, `key-${randomUUID()}`);
      expect(created.status).toBe(201);
      orderNo = created.body.orderNo;
    });
    expect(create).toMatchObject({ transactions: 1, statements: [expect.stringMatching(/^INSERT INTO donations/)] });

    const transactionId = `SBX-${randomUUID()}`;
    const notify = await transactionsOf(async () => {
      const res = await notifySandbox(t, { orderNo, transactionId, amountFen: 8800, paidAt: new Date().toISOString() });
      expect(res.status).toBe(200);
    });
    expect(notify.transactions).toBe(1);
    expect(notify.statements[0]).toBe('START TRANSACTION');
    expect(notify.statements).toContainEqual(expect.stringMatching(/^INSERT INTO payment_notifications/));

    // The notification's record, the payment and the settled order are rows of that one transaction.
    const [row] = await t.db.query(
      `SELECT n.xmin::text AS log, p.xmin::text AS payment, d.xmin::text AS donation, n.outcome
         FROM payment_notifications n JOIN payments p ON p.transaction_id = n.transaction_id JOIN donations d ON d.id = p.donation_id
        WHERE n.transaction_id = $1`,
      [transactionId],
    );
    expect(row).toEqual({ log: row.payment, payment: row.donation, donation: expect.any(String), outcome: 'PAID' });
  });

  it('records a repeated or refused notification in one transaction too', async () => {
    const created = await createDonation(t, campaign, { amountFen: 5000 });
    const payload = { orderNo: created.body.orderNo, transactionId: `SBX-${randomUUID()}`, amountFen: 5000, paidAt: new Date().toISOString() };
    expect((await notifySandbox(t, payload)).status).toBe(200);

    const again = await transactionsOf(async () => expect((await notifySandbox(t, payload)).status).toBe(200));
    expect(again.transactions).toBe(1);
    const refused = await transactionsOf(async () => expect((await notifySandbox(t, payload, 'sha256=00')).status).toBe(401));
    expect(refused).toEqual({ transactions: 1, statements: [expect.stringMatching(/^INSERT INTO payment_notifications/)] });

    // This test's three callbacks (their body names its transaction): other suites share the database and log theirs meanwhile.
    const outcomes: unknown[] = await t.db.query(`SELECT outcome, signature_valid FROM payment_notifications WHERE position($1 in raw_body) > 0 ORDER BY id`, [
      payload.transactionId,
    ]);
    expect(outcomes).toEqual([
      { outcome: 'PAID', signature_valid: true },
      { outcome: 'DUPLICATE', signature_valid: true },
      { outcome: 'INVALID_SIGNATURE', signature_valid: false },
    ]);
  });

  it('answers a retried creation from its order without writing a second one', async () => {
    const key = `key-${randomUUID()}`;
    const first = await createDonation(t, campaign, { amountFen: 2600 }, key);
    const retry = await transactionsOf(async () => {
      const again = await createDonation(t, campaign, { amountFen: 2600 }, key);
      expect(again.body.orderNo).toBe(first.body.orderNo);
    });
    // The insert that found the key taken, then the read of the order it belongs to.
    expect(retry.transactions).toBe(2);
    expect(Number((await t.db.query(`SELECT count(*) FROM donations WHERE idempotency_key = $1`, [key]))[0].count)).toBe(1);
  });
});
