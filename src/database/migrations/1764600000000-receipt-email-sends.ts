import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each e-mail of a receipt gets its own send number when it is queued (`email_queued`), so a send
 * queued while an earlier one is still in flight (the 捐赠票据 mail after an official receipt is
 * attached, while the first 捐赠证明 mail is being delivered) is never taken for that earlier one.
 * `email_count` stays the highest send delivered.
 */
export class ReceiptEmailSends1764600000000 implements MigrationInterface {
  name = 'ReceiptEmailSends1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE receipts ADD COLUMN email_queued integer NOT NULL DEFAULT 0 CHECK (email_queued >= 0)`);
    // A stored PDF of a live receipt with nothing delivered yet has its first send queued.
    await q.query(`UPDATE receipts SET email_queued = GREATEST(email_count, CASE WHEN status = 'issued' AND pdf_sha256 IS NOT NULL THEN 1 ELSE 0 END)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE receipts DROP COLUMN email_queued`);
  }
}
