import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { APPROVALS_QUEUE, RECEIPTS_QUEUE } from '../../src/queue/queue-names';
import { eventually } from './smtp-sink';
import type { TestApp } from './test-app';

/**
 * Resolves once the app has no work left on the given queues: no outbox row of theirs waits to be
 * sent or to finish, and BullMQ holds none of their jobs waiting, active, delayed (a retry) or
 * prioritized. For tests that count what jobs made ("nothing more happened"): wait for this instead
 * of sleeping. (Queues with repeating schedules always hold a delayed next run: leave them out.)
 */
export async function queuesIdle(t: TestApp, queues: readonly string[] = [RECEIPTS_QUEUE, APPROVALS_QUEUE], timeoutMs = 60_000): Promise<void> {
  await eventually(
    async () => {
      const [row] = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM outbox WHERE acknowledged_at IS NULL AND queue = ANY($1)`, [queues]);
      if (row.n > 0) return undefined;
      for (const name of queues) {
        const counts = await t.app.get<Queue>(getQueueToken(name), { strict: false }).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        if (Object.values(counts).some((n) => n > 0)) return undefined;
      }
      return true;
    },
    timeoutMs,
    `queues ${queues.join(', ')} idle`,
  );
}
