import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { queueOptions } from '../queue/queue-options';
import { OutboxRepository, OutboxRow } from './outbox.repository';

const BATCH = 200;
const POLL_MS = 1000;
const REDIS_TIMEOUT_MS = 3000;
/** How long a relay's claim on the rows it is sending lasts (another relay takes them after). */
const CLAIM_LEASE_MS = 30_000;
/** How often, and after how long, a dispatched row whose job has not finished is checked in Redis. */
const RECOVER_EVERY_MS = 5000;
const RECOVER_AFTER_MS = 10_000;

/**
 * Moves committed outbox rows to BullMQ. Every process runs one. A pass claims a batch of rows
 * for a short lease (one committed statement: no transaction or row lock is held while Redis is
 * asked), sends each queue's rows with one `addBulk`, then marks them dispatched; two relays never
 * send the same row at the same time, and the job id is `outbox-<row id>`, so a row sent twice
 * (sent, then the process died before marking it) is still one job. Jobs themselves are
 * idempotent, which covers the rest.
 *
 * Redis taking a job is not the end of a row: a Redis restarted without persistence (or failed
 * over) forgets its queues. A row stays unacknowledged until its job finishes (OutboxAcknowledger);
 * the relay checks such rows in Redis and sends again any whose job Redis no longer has.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private timer: NodeJS.Timeout | null = null;
  private recoverTimer: NodeJS.Timeout | null = null;
  private recovering: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly rows: OutboxRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.recoverTimer = setInterval(() => this.recoverInBackground(), RECOVER_EVERY_MS);
    this.recoverTimer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.recoverTimer) clearInterval(this.recoverTimer);
    await Promise.all([this.running?.catch(() => undefined), this.recovering?.catch(() => undefined)]);
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }

  /** Runs a relay pass now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.logger.warn(`Outbox relay pass failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends pending rows until none are left or Redis stops answering. Returns rows sent. */
  async drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.pass();
      sent += batch.sent;
      if (batch.sent < BATCH || batch.failed) return sent;
    }
  }

  private async pass(): Promise<{ sent: number; failed: boolean }> {
    const rows = await this.rows.claimPending(BATCH, CLAIM_LEASE_MS);
    const byQueue = new Map<string, OutboxRow[]>();
    for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
    let sent = 0;
    let failed = false;
    for (const [queue, batch] of byQueue) {
      const ids = batch.map((r) => r.id);
      if (failed) {
        // Redis stopped answering for an earlier queue: these were not tried, and wait for the next pass.
        await this.rows.release(ids);
        continue;
      }
      try {
        await withTimeout(
          this.queue(queue).addBulk(batch.map((r) => ({ name: r.job_name, data: r.payload, opts: { jobId: `outbox-${r.id}` } }))),
          REDIS_TIMEOUT_MS,
        );
        await this.rows.markDispatched(ids);
        sent += ids.length;
      } catch (error) {
        failed = true;
        await this.rows.markFailed(ids, String((error as Error).message));
      }
    }
    return { sent, failed };
  }

  private recoverInBackground(): void {
    if (this.stopped || this.recovering) return;
    this.recovering = this.recover()
      .then((lost) => {
        if (lost > 0) {
          this.logger.warn(`${lost} outbox job(s) were no longer in Redis (restarted or flushed?): sending them again`);
          this.kick();
        }
      })
      .catch((error) => this.logger.warn(`Outbox recovery pass failed: ${(error as Error).message}`))
      .finally(() => (this.recovering = null));
  }

  /**
   * Checks dispatched, unacknowledged rows against Redis: a finished job acknowledges its row, a
   * missing one puts the row back in line for the relay. Returns how many rows were put back.
   * A Redis that does not answer ends the pass with nothing changed.
   */
  async recover(olderThanMs = RECOVER_AFTER_MS): Promise<number> {
    const rows = await this.rows.unacknowledged(olderThanMs, BATCH);
    const lost: string[] = [];
    const finished: string[] = [];
    for (const row of rows) {
      const job = await withTimeout(this.queue(row.queue).getJob(`outbox-${row.id}`), REDIS_TIMEOUT_MS);
      if (!job) lost.push(row.id);
      else if (job.finishedOn) finished.push(row.id);
    }
    await this.rows.acknowledge(finished);
    return this.rows.putBack(lost);
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      // The same options as BullModule's queues: a relayed job retries with backoff like any other.
      queue = new Queue(name, queueOptions(this.config));
      queue.on('error', (error) => this.logger.warn(`Outbox queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
