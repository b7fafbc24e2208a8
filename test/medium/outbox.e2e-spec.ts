/**
 * Medium-size spec of the outbox (issue 19): OutboxRepository and OutboxRelay in Nest's testing module
 * against the real PostgreSQL and Redis (BullMQ queues under the suite's own prefix). Lifecycle hooks
 * are not run, so no relay polls on its own: each pass here is called by the test.
 */
import { Queue, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config';
import { OutboxRelay } from '../../src/outbox/outbox.relay';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { queueOptions } from '../../src/queue/queue-options';
import { mediumModule } from './ledger-module';

const QUEUE = 'medium-outbox';

describe('The outbox against PostgreSQL and Redis (medium)', () => {
  let m: Awaited<ReturnType<typeof mediumModule>>;
  let rows: OutboxRepository;
  let relay: OutboxRelay;
  let queue: Queue;

  beforeAll(async () => {
    m = await mediumModule('outbox_md', [OutboxRepository, OutboxRelay], { init: false });
    rows = m.moduleRef.get(OutboxRepository);
    relay = m.moduleRef.get(OutboxRelay);
    queue = new Queue(QUEUE, queueOptions(m.moduleRef.get<AppConfig>(APP_CONFIG)));
  });

  afterAll(async () => {
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await relay?.onApplicationShutdown();
    await m?.close();
  });

  beforeEach(async () => {
    await m.db.query(`DELETE FROM outbox WHERE queue = $1`, [QUEUE]);
    await queue.obliterate({ force: true });
  });

  const jobIds = async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((j) => j.id).sort();
  const state = async (id: string) =>
    (
      await m.db.query<{ dispatched: boolean; acknowledged: boolean }[]>(
        `SELECT dispatched_at IS NOT NULL AS dispatched, acknowledged_at IS NOT NULL AS acknowledged FROM outbox WHERE id = $1`,
        [id],
      )
    )[0];

  it('a row written in a transaction that rolls back is never sent; a committed one is sent once, as job outbox-<id>', async () => {
    await m.db
      .transaction(async (manager) => {
        await rows.insert(manager, QUEUE, 'work', { n: 0 });
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    const id = await m.db.transaction((manager) => rows.insert(manager, QUEUE, 'work', { n: 1 }));
    expect(await relay.drain()).toBe(1);
    expect(await relay.drain()).toBe(0);
    expect(await jobIds()).toEqual([`outbox-${id}`]);
    const job = await queue.getJob(`outbox-${id}`);
    expect(job?.data).toEqual({ n: 1 });
    expect(await state(id)).toEqual({ dispatched: true, acknowledged: false });
  });

  it('two relays draining the same rows at once send each row once', async () => {
    const ids = await m.db.transaction(async (manager) => {
      const written: string[] = [];
      for (let n = 0; n < 300; n += 1) written.push(await rows.insert(manager, QUEUE, 'work', { n }));
      return written;
    });
    const other = new OutboxRelay(rows, m.moduleRef.get<AppConfig>(APP_CONFIG));
    try {
      const [a, b] = await Promise.all([relay.drain(), other.drain()]);
      expect(a + b).toBe(300);
    } finally {
      await other.onApplicationShutdown();
    }
    expect(await jobIds()).toEqual(ids.map((id) => `outbox-${id}`).sort());
  });

  it('a held row waits until it is released', async () => {
    const id = await m.db.transaction((manager) => rows.insert(manager, QUEUE, 'work', { held: true }, 60_000));
    expect(await relay.drain()).toBe(0);
    await rows.release([id]);
    expect(await relay.drain()).toBe(1);
    expect(await jobIds()).toEqual([`outbox-${id}`]);
  });

  it('recovery: a job Redis lost is sent again, a finished one acknowledges its row', async () => {
    const [lost, done] = await m.db.transaction(async (manager) => [
      await rows.insert(manager, QUEUE, 'work', { n: 1 }),
      await rows.insert(manager, QUEUE, 'work', { n: 2 }),
    ]);
    expect(await relay.drain()).toBe(2);
    // Redis forgets one job (a restart without persistence); a worker finishes the other.
    await (await queue.getJob(`outbox-${lost}`))!.remove();
    const worker = new Worker(QUEUE, () => Promise.resolve('ok'), { ...queueOptions(m.moduleRef.get<AppConfig>(APP_CONFIG)), autorun: false });
    const completed = new Promise<string | undefined>((resolve) => worker.once('completed', (job) => resolve(job.id)));
    void worker.run();
    expect(await completed).toBe(`outbox-${done}`);
    await worker.close();
    expect(await relay.recover(0)).toBe(1);
    expect(await state(lost)).toEqual({ dispatched: false, acknowledged: false });
    expect(await state(done)).toEqual({ dispatched: true, acknowledged: true });
    expect(await relay.drain()).toBe(1);
    expect(await jobIds()).toContain(`outbox-${lost}`);
  });

  it('prunes acknowledged rows only, in batches', async () => {
    const ids = await m.db.transaction(async (manager) => Promise.all([1, 2, 3].map((n) => rows.insert(manager, QUEUE, 'work', { n }))));
    await rows.acknowledge(ids.slice(0, 2));
    expect(await rows.pruneAcknowledged(new Date(Date.now() + 1000), 1)).toBe(1);
    expect(await rows.pruneAcknowledged(new Date(Date.now() + 1000), 10)).toBe(1);
    const [{ left }] = await m.db.query<{ left: number }[]>(`SELECT count(*)::int AS left FROM outbox WHERE queue = $1`, [QUEUE]);
    expect(left).toBe(1);
  });
});
