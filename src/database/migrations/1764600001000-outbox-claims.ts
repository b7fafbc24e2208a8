import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The relay claims outbox rows for a short lease and commits before it talks to Redis, so no
 * transaction or row lock is held while jobs are sent; a relay that dies mid-send leaves rows
 * that another takes once the lease is over. Acknowledged rows are pruned after
 * OUTBOX_RETENTION_DAYS (the index finds them).
 */
export class OutboxClaims1764600001000 implements MigrationInterface {
  name = 'OutboxClaims1764600001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`);
    await q.query(`CREATE INDEX outbox_acknowledged_idx ON outbox (acknowledged_at) WHERE acknowledged_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX outbox_acknowledged_idx`);
    await q.query(`ALTER TABLE outbox DROP COLUMN claimed_until`);
  }
}
