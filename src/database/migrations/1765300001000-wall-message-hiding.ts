import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21 (donors): staff may hide a donor message from the public wall (when and why; the message
 * itself is kept, and who did it is in the audit log).
 */
export class WallMessageHiding1765300001000 implements MigrationInterface {
  name = 'WallMessageHiding1765300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations ADD COLUMN message_hidden_at timestamptz, ADD COLUMN message_hidden_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations DROP COLUMN message_hidden_reason, DROP COLUMN message_hidden_at`);
  }
}
