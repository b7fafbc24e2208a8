import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DONATION_MAINTENANCE_QUEUE, EXPIRE_PENDING_ORDERS } from '../src/donations/donation-maintenance';
import { MAINTENANCE_QUEUE, NOTIFICATION_RETENTION, OUTBOX_RETENTION, STORAGE_RETENTION, UPLOAD_SWEEP } from '../src/jobs/retention-jobs';
import { JobSchedules } from '../src/queue/job-schedules';
import { RECONCILE_TOTALS, TOTALS_MAINTENANCE_QUEUE } from '../src/totals/totals-maintenance';
import { appWithOwnRedis } from './support/own-redis';
import { eventually } from './support/smtp-sink';
import type { TestApp } from './support/test-app';

/**
 * The repeating jobs are BullMQ schedulers kept in Redis. A Redis restarted without its data forgets
 * them; the workers write them again (every minute) without being restarted.
 */
describe('job schedules survive a Redis that lost its data', () => {
  const ctx = appWithOwnRedis('schedules');
  let t: TestApp;
  beforeAll(() => {
    t = ctx.t;
  });

  const queue = (name: string) => t.app.get<Queue>(getQueueToken(name), { strict: false });
  const scheduled = async () => {
    const ids: string[] = [];
    for (const name of [DONATION_MAINTENANCE_QUEUE, TOTALS_MAINTENANCE_QUEUE, MAINTENANCE_QUEUE]) {
      for (const s of await queue(name).getJobSchedulers()) ids.push(`${name}/${s.key}`);
    }
    return ids.sort();
  };
  const EXPECTED = [
    `${DONATION_MAINTENANCE_QUEUE}/${EXPIRE_PENDING_ORDERS}`,
    `${MAINTENANCE_QUEUE}/${STORAGE_RETENTION}`,
    `${MAINTENANCE_QUEUE}/${NOTIFICATION_RETENTION}`,
    `${MAINTENANCE_QUEUE}/${UPLOAD_SWEEP}`,
    `${MAINTENANCE_QUEUE}/${OUTBOX_RETENTION}`,
    `${TOTALS_MAINTENANCE_QUEUE}/${RECONCILE_TOTALS}`,
  ].sort();

  it('are written at start, written again after FLUSHALL, and never twice', async () => {
    expect(await scheduled()).toEqual(EXPECTED);

    const admin = new Redis({ port: ctx.port, host: '127.0.0.1', lazyConnect: true });
    await admin.connect();
    try {
      await admin.flushall();
      expect(await scheduled()).toEqual([]);
      // What the minute's check does.
      await expect(t.app.get(JobSchedules).restore()).resolves.toBeGreaterThanOrEqual(EXPECTED.length);
      expect(await scheduled()).toEqual(EXPECTED);
      // Written again when nothing was lost: still one scheduler each, one next run each.
      await t.app.get(JobSchedules).restore();
      expect(await scheduled()).toEqual(EXPECTED);
      // One next run each. A scheduler written afresh runs at once (waiting, then active), and BullMQ
      // adds its next run as a delayed job only once a worker has taken that one: wait until every
      // scheduler has its next run, then count them (a scheduler written twice would have two).
      const nextRuns = async () => {
        const runs = new Map<string, number>();
        for (const name of [DONATION_MAINTENANCE_QUEUE, TOTALS_MAINTENANCE_QUEUE, MAINTENANCE_QUEUE]) {
          for (const job of await queue(name).getDelayed()) {
            const id = `${name}/${job.repeatJobKey ?? job.name}`;
            runs.set(id, (runs.get(id) ?? 0) + 1);
          }
        }
        return runs;
      };
      const runs = await eventually(
        async () => {
          const found = await nextRuns();
          return EXPECTED.every((id) => found.has(id)) ? found : undefined;
        },
        30_000,
        "every scheduler's next run",
      );
      expect([...runs.entries()].sort()).toEqual(EXPECTED.map((id) => [id, 1]));
    } finally {
      admin.disconnect();
    }
  });
});
