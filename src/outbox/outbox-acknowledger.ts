import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import { workerOf } from '../queue/worker-of';
import { OutboxRepository } from './outbox.repository';

const OUTBOX_JOB_ID = /^outbox-(\d+)$/;

/**
 * Marks an outbox row acknowledged when this process's worker has finished its job (completed, or
 * failed for good). Until then the relay keeps checking that Redis still holds the job, and sends
 * it again if Redis lost it. A missed acknowledgement (the process died right after the job) is
 * made up by the relay, which finds the job finished in Redis.
 */
@Injectable()
export class OutboxAcknowledger implements OnApplicationBootstrap {
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
   * Jobs finishing together (a worker at concurrency n, a burst of completions) are acknowledged
   * in one statement per queue, written on the next turn of the event loop: one UPDATE per job
   * was a statement (and a transaction) of every receipt's work.
   */
  private readonly pending = new Map<string, Set<string>>();
  private flushing: NodeJS.Immediate | null = null;

  private acknowledge(queue: string, job: Job): void {
    const match = OUTBOX_JOB_ID.exec(job.id ?? '');
    if (!match) return;
    let ids = this.pending.get(queue);
    if (!ids) this.pending.set(queue, (ids = new Set()));
    ids.add(match[1]);
    this.flushing ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = null;
    for (const [queue, ids] of this.pending) {
      this.pending.delete(queue);
      this.rows
        .acknowledgeJobs([...ids], queue)
        .catch((error: Error) => this.logger.warn(`${ids.size} outbox row(s) not acknowledged (the relay will check them): ${error.message}`));
    }
  }
}
