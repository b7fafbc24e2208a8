import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { HousekeepingService } from '../src/jobs/housekeeping.service';
import { OutboxService } from '../src/outbox/outbox.service';
import { RECEIPTS_QUEUE } from '../src/queue/queue-names';
import { appWithOwnRedis } from './support/own-redis';
import { eventually } from './support/smtp-sink';
import type { TestApp } from './support/test-app';

/**
 * The outbox relay against its own Redis: it holds no transaction or row lock while Redis is asked,
 * a job nothing handles fails once instead of eight times, and finished rows are pruned.
 */
describe('outbox: claim, commit, then send', () => {
  const ctx = appWithOwnRedis('outbox');
  let t: TestApp;
  beforeAll(() => {
    t = ctx.t;
  });

  const outbox = () => t.app.get(OutboxService);

  async function addRow(jobName: string, payload: Record<string, unknown>): Promise<string> {
    const id = await t.db.transaction((manager) => outbox().add(manager, RECEIPTS_QUEUE, jobName, payload));
    outbox().flush();
    return id;
  }

  it('while Redis does not answer, the rows being sent stay unlocked; sent once it answers; a job nobody handles fails once, for good', async () => {
    const admin = new Redis({ port: ctx.port, host: '127.0.0.1', lazyConnect: true });
    await admin.connect();
    let id: string;
    try {
      // Every client of this Redis (the relay's queues too) waits 2.5 s for its next answer.
      await admin.call('CLIENT', 'PAUSE', '2500', 'ALL');
      id = await addRow('no-such-job', { probe: true });
      // Over the pause the relay is waiting on Redis with the row in hand; another session can
      // lock the row at any moment (the claim is a committed lease, not a held lock).
      const other = new Client({ connectionString: ctx.databaseUrl });
      await other.connect();
      const locks: boolean[] = [];
      let claimed = false;
      try {
        for (const until = Date.now() + 1500; Date.now() < until;) {
          await other.query('BEGIN');
          const locked = await other.query(`SELECT claimed_until FROM outbox WHERE id = $1 FOR UPDATE NOWAIT`, [id]).then(
            (r) => {
              claimed ||= r.rows[0].claimed_until !== null;
              return true;
            },
            () => false,
          );
          locks.push(locked);
          await other.query('ROLLBACK');
          await new Promise((r) => setTimeout(r, 50));
        }
      } finally {
        await other.end();
      }
      expect(locks.length).toBeGreaterThan(5);
      expect(locks.every(Boolean)).toBe(true);
      expect(claimed).toBe(true);
    } finally {
      await admin.quit();
    }
    const queue = t.app.get<Queue>(getQueueToken(RECEIPTS_QUEUE), { strict: false });
    const job = await eventually(async () => (await queue.getJob(`outbox-${id}`)) ?? undefined, 30_000, 'job in Redis');
    expect(job.name).toBe('no-such-job');
    await eventually(async () => ((await job.getState()) === 'failed' ? true : undefined), 30_000, 'job failed');
    const failed = await queue.getJob(`outbox-${id}`);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toBe('No handler for job no-such-job');
    // Failed for good: its row is acknowledged, and no longer claimed.
    const [row] = await eventually(async () => {
      const rows = await t.db.query(`SELECT dispatched_at, acknowledged_at, claimed_until FROM outbox WHERE id = $1`, [id]);
      return rows[0].acknowledged_at ? rows : undefined;
    }, 10_000);
    expect(row.dispatched_at).not.toBeNull();
    expect(row.claimed_until).toBeNull();
  });

  it('deletes rows whose job finished past OUTBOX_RETENTION_DAYS, in batches; pending and unfinished rows stay', async () => {
    const insert = (ackDaysAgo: number | null, dispatched: boolean) =>
      t.db
        .query(
          `INSERT INTO outbox (queue, job_name, payload, created_at, dispatched_at, acknowledged_at)
           VALUES ('nowhere', 'old', '{}', now() - interval '30 days', CASE WHEN $2 THEN now() - interval '30 days' END,
                   CASE WHEN $1::int IS NULL THEN NULL ELSE now() - $1::int * interval '1 day' END) RETURNING id`,
          [ackDaysAgo, dispatched],
        )
        .then((rows: { id: string }[]) => String(rows[0].id));
    const old = await Promise.all(Array.from({ length: 5 }, () => insert(8, true)));
    const recent = await insert(1, true);
    const unfinished = await insert(null, true);
    const pending = await insert(null, false);

    const housekeeping = t.app.get(HousekeepingService, { strict: false });
    expect(await housekeeping.pruneOutbox()).toEqual({ deleted: 5 });
    const left = (await t.db.query(`SELECT id FROM outbox WHERE queue = 'nowhere' ORDER BY id`)).map((r: { id: string }) => String(r.id));
    expect(left).toEqual([recent, unfinished, pending]);
    expect(left).not.toContain(old[0]);
    // Batches smaller than what is due still delete it all.
    await Promise.all(Array.from({ length: 3 }, () => insert(10, true)));
    expect(await outbox().prune(new Date(Date.now() - 7 * 24 * 3600_000), 2)).toBe(3);
  });
});
