import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled disclosure (《慈善组织信息公开办法》): each campaign publishes at least every
 * `disclosure_interval_days` (at most 90: every three months), and a final account once it ends. A
 * publication records whether staff made it or the schedule did (`kind`).
 */
export class DisclosureSchedule1764500001000 implements MigrationInterface {
  name = 'DisclosureSchedule1764500001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN disclosure_interval_days integer NOT NULL DEFAULT 90 CHECK (disclosure_interval_days BETWEEN 1 AND 90)`);
    await q.query(`ALTER TABLE publications ADD COLUMN kind text NOT NULL DEFAULT 'manual' CHECK (kind IN ('manual', 'scheduled', 'final'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publications DROP COLUMN kind`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN disclosure_interval_days`);
  }
}
