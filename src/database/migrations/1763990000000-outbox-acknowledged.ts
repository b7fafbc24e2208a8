import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outbox row is done when its job has finished, not when Redis took it: a Redis that loses
 * its data (restarted without persistence, failed over) loses the jobs it held, and the relay
 * sends again every dispatched row whose job is neither acknowledged nor still in the queue.
 * Rows dispatched before this migration are taken as done, as they were before.
 */
export class OutboxAcknowledged1763990000000 implements MigrationInterface {
  name = 'OutboxAcknowledged1763990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN acknowledged_at timestamptz`);
    await q.query(`UPDATE outbox SET acknowledged_at = dispatched_at WHERE dispatched_at IS NOT NULL`);
    await q.query(`CREATE INDEX outbox_unacknowledged_idx ON outbox (id) WHERE dispatched_at IS NOT NULL AND acknowledged_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_unacknowledged_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN acknowledged_at`);
  }
}
