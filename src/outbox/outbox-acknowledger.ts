import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { workerOf } from '../queue/worker-of';
import { OutboxRepository } from './outbox.repository';

const OUTBOX_JOB_ID = /^outbox-(\d+)$/;
/**
 * Acknowledgements wait this long to be written together: a receipt worker finishes 50-100 jobs a
 * second, and one statement each was a statement in every ten of a receipt's. Far below the
 * relay's check of unacknowledged rows (RECOVER_AFTER_MS, 10 s), so it never sends one again.
 */
const ACK_BATCH_MS = 100;
/** …or once this many are waiting. */
const ACK_BATCH_MAX = 500;

/**
 * Marks an outbox row acknowledged when this process's worker has finished its job (completed, or
 * failed for good). Until then the relay keeps checking that Redis still holds the job, and sends
 * it again if Redis lost it. A missed acknowledgement (the process died right after the job) is
 * made up by the relay, which finds the job finished in Redis.
 */
@Injectable()
export class OutboxAcknowledger implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxAcknowledger.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly rows: OutboxRepository,
  ) {}

  /** Workers are created by @nestjs/bullmq in its onModuleInit, so they are there by now. */
  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      const worker = workerOf(instance);
      if (!worker) continue;
      worker.on('completed', (job: Job) => this.acknowledge(worker.name, job));
      worker.on('failed', (job: Job | undefined) => {
        if (job?.finishedOn) this.acknowledge(worker.name, job); // no retry left
      });
    }
  }

  /**
   * Jobs finishing within ACK_BATCH_MS of each other are acknowledged in one statement per queue:
   * one UPDATE per job was a statement (and a transaction) of every receipt's work.
   */
  private readonly pending = new Map<string, Set<string>>();
  private flushing: NodeJS.Timeout | null = null;
  private waiting = 0;

  private acknowledge(queue: string, job: Job): void {
    const match = OUTBOX_JOB_ID.exec(job.id ?? '');
    if (!match) return;
    let ids = this.pending.get(queue);
    if (!ids) this.pending.set(queue, (ids = new Set()));
    ids.add(match[1]);
    this.waiting += 1;
    if (this.waiting >= ACK_BATCH_MAX) void this.flush();
    else this.flushing ??= setTimeout(() => void this.flush(), ACK_BATCH_MS);
  }

  private flush(): Promise<unknown> {
    if (this.flushing) clearTimeout(this.flushing);
    this.flushing = null;
    this.waiting = 0;
    const writes: Promise<void>[] = [];
    for (const [queue, ids] of this.pending) {
      this.pending.delete(queue);
      writes.push(
        this.rows
          .acknowledgeJobs([...ids], queue)
          .catch((error: Error) => this.logger.warn(`${ids.size} outbox row(s) not acknowledged (the relay will check them): ${error.message}`)),
      );
    }
    return Promise.all(writes);
  }

  /** What is waiting is written before the database closes; a job finishing later is acknowledged by the relay's check. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
