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
      // Every client of this Redis (the relay's queues too) waits 2.5 s for its next answer. The
      // pause ends no sooner than 2.5 s after it was asked for: until then the relay, holding the
      // row it claimed, cannot have had an answer, and must not be holding a lock on it.
      const pausedAt = Date.now();
      await admin.call('CLIENT', 'PAUSE', '2500', 'ALL');
      id = await addRow('no-such-job', { probe: true });
      const other = new Client({ connectionString: ctx.databaseUrl });
      await other.connect();
      const seen: { locked: boolean; claimed: boolean; dispatched: boolean }[] = [];
      try {
        // The claim is one committed statement; wait for it without taking any lock.
        for (;;) {
          const { rows } = await other.query(`SELECT claimed_until FROM outbox WHERE id = $1`, [id]);
          if (rows[0].claimed_until !== null || Date.now() > pausedAt + 2400) break;
          await new Promise((r) => setTimeout(r, 10));
        }
        // From the claim to the end of the pause, another session can lock the row at any moment
        // (the claim is a committed lease, not a held lock), and finds it claimed and not yet sent.
        while (Date.now() < pausedAt + 2400) {
          await other.query('BEGIN');
          const row = await other.query(`SELECT claimed_until, dispatched_at FROM outbox WHERE id = $1 FOR UPDATE NOWAIT`, [id]).then(
            (r) => ({ locked: true, claimed: r.rows[0].claimed_until !== null, dispatched: r.rows[0].dispatched_at !== null }),
            () => ({ locked: false, claimed: false, dispatched: false }),
          );
          seen.push(row);
          await other.query('ROLLBACK');
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await other.end();
      }
      expect(seen.length).toBeGreaterThan(5);
      expect(seen.filter((r) => !(r.locked && r.claimed && !r.dispatched))).toEqual([]);
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
    // The app's own retention job runs at start (and hourly) with the real clock, and could take
    // rows finished 8 days ago from under this test. So the rows here finished hours ago, and the
    // prune is asked as of a later day: past retention for it, not for the app's job.
    const DAY = 24 * 3600_000;
    const insert = (ackHoursAgo: number | null, dispatched: boolean) =>
      t.db
        .query(
          `INSERT INTO outbox (queue, job_name, payload, created_at, dispatched_at, acknowledged_at)
           VALUES ('nowhere', 'old', '{}', now() - interval '30 hours', CASE WHEN $2 THEN now() - interval '30 hours' END,
                   CASE WHEN $1::int IS NULL THEN NULL ELSE now() - $1::int * interval '1 hour' END) RETURNING id`,
          [ackHoursAgo, dispatched],
        )
        .then((rows: { id: string }[]) => String(rows[0].id));
    const old = await Promise.all(Array.from({ length: 5 }, () => insert(24, true)));
    const recent = await insert(1, true);
    const unfinished = await insert(null, true);
    const pending = await insert(null, false);

    const housekeeping = t.app.get(HousekeepingService, { strict: false });
    // As of 7 days less 12 hours from now, 7 days' retention keeps what finished in the last 12 hours.
    const asOf = new Date(Date.now() + 7 * DAY - 12 * 3600_000);
    expect(await housekeeping.pruneOutbox(asOf)).toEqual({ deleted: 5 });
    const left = (await t.db.query(`SELECT id FROM outbox WHERE queue = 'nowhere' ORDER BY id`)).map((r: { id: string }) => String(r.id));
    expect(left).toEqual([recent, unfinished, pending]);
    expect(left).not.toContain(old[0]);
    // Batches smaller than what is due still delete it all.
    await Promise.all(Array.from({ length: 3 }, () => insert(24, true)));
    expect(await outbox().prune(new Date(Date.now() - 12 * 3600_000), 2)).toBe(3);
  });
});
