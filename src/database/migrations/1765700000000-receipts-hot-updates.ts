import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 (receipts): a receipt's row is updated three times right after it is numbered (its PDF
 * recorded, the first mail claimed, the mail delivered). receipts_undelivered_idx covered
 * pdf_sha256 and emailed_at in its predicate and nothing read it, so two of those updates could
 * never be HOT: each wrote a new entry into every index of the table. Without it no index covers a
 * column those updates set, and a fill factor of 70 leaves room on the page for the new versions.
 */
export class ReceiptsHotUpdates1765700000000 implements MigrationInterface {
  name = 'ReceiptsHotUpdates1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX receipts_undelivered_idx`);
    await q.query(`ALTER TABLE receipts SET (fillfactor = 70)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE receipts RESET (fillfactor)`);
    await q.query(`CREATE INDEX receipts_undelivered_idx ON receipts (created_at) WHERE pdf_sha256 IS NULL OR emailed_at IS NULL`);
  }
}
