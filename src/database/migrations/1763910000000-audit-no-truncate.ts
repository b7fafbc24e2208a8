import { MigrationInterface, QueryRunner } from 'typeorm';

/** The row trigger does not see TRUNCATE; a statement trigger closes that way of emptying the audit log. */
export class AuditNoTruncate1763910000000 implements MigrationInterface {
  name = 'AuditNoTruncate1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
  }
}
