import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox.relay';

/**
 * Hands a job to the queue from inside a database transaction: the job is a row written with
 * the change that causes it, so the two commit (or roll back) together. The relay delivers the
 * row to BullMQ after commit, at once when Redis answers, later when it comes back.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly relay: OutboxRelay) {}

  async add(manager: EntityManager, queue: string, jobName: string, payload: Record<string, unknown>): Promise<string> {
    const rows: { id: string }[] = await manager.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ($1, $2, $3) RETURNING id`, [
      queue,
      jobName,
      JSON.stringify(payload),
    ]);
    return String(rows[0].id);
  }

  /** Call after the transaction commits: delivers without waiting for the next poll. */
  flush(): void {
    this.relay.kick();
  }
}
