import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox.relay';
import { OutboxRepository } from './outbox.repository';

/**
 * Hands a job to the queue from inside a database transaction: the job is a row written with
 * the change that causes it, so the two commit (or roll back) together. The relay delivers the
 * row to BullMQ after commit, at once when Redis answers, later when it comes back.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly rows: OutboxRepository,
  ) {}

  /**
   * `heldForMs`: the relay leaves the row alone that long, for a caller that runs the job's work
   * itself right after commit and then ends the row (see ReceiptIssuerService.mailFirst); should
   * it die or give up (`release`), the row is relayed as any other.
   */
  add(manager: EntityManager, queue: string, jobName: string, payload: Record<string, unknown>, options: { heldForMs?: number } = {}): Promise<string> {
    return this.rows.insert(manager, queue, jobName, payload, options.heldForMs);
  }

  /**
   * How many jobs of this name were written with `value` as their payload's `field` (sent or not,
   * until pruned), read in the caller's transaction: a caller that must queue a job once looks first.
   */
  countWritten(manager: EntityManager, jobName: string, field: string, value: string): Promise<number> {
    return this.rows.countByPayloadField(manager, jobName, field, value);
  }

  /** A held row handed to the relay now (its work was not done after all), and delivered at once. */
  async release(id: string): Promise<void> {
    await this.rows.release([id]);
    this.flush();
  }

  /** Call after the transaction commits: delivers without waiting for the next poll. */
  flush(): void {
    this.relay.kick();
  }

  /** Deletes rows whose job finished before `before`, in batches; returns how many. */
  async prune(before: Date, batch = 1000): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = await this.rows.pruneAcknowledged(before, batch);
      deleted += n;
      if (n < batch) return deleted;
    }
  }
}
