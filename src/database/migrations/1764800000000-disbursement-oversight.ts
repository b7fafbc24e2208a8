import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public oversight of cash disbursements (issue 18, the rest):
 * - a disbursement that made the campaign or its fund show more disbursed than received says so
 *   (exceeds_received), confirmed by staff when it was recorded or later (who, when); an unconfirmed
 *   one is marked on the public page until staff confirm it. Rows recorded before: exceeding when
 *   they were confirmed, or when the audit log named the excess as unconfirmed;
 * - each payment may carry its bank reference (once among the live disbursements) and a proof that
 *   holds personal data is stored sealed (PII cipher) and not shown publicly (attachment_sealed);
 * - the recipient unit confirms a cash disbursement from a signed link, once: who, when, the amount
 *   received, a note;
 * - a plan line may have been given its amount by the plan's tier (档次), kept with the line.
 */
export class DisbursementOversight1764800000000 implements MigrationInterface {
  name = 'DisbursementOversight1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disbursements
        ADD COLUMN exceeds_received boolean NOT NULL DEFAULT false,
        ADD COLUMN exceeding_confirmed_at timestamptz,
        ADD COLUMN exceeding_confirmed_by uuid REFERENCES staff_users(id),
        ADD COLUMN bank_reference text CHECK (bank_reference ~ '^[\\x21-\\x7E]{1,64}$'),
        ADD COLUMN attachment_sealed boolean NOT NULL DEFAULT false`);
    await q.query(
      `UPDATE disbursements SET exceeds_received = true, exceeding_confirmed_at = created_at, exceeding_confirmed_by = created_by WHERE confirmed_exceeding`,
    );
    await q.query(`
      UPDATE disbursements d SET exceeds_received = true
        FROM audit_log a
       WHERE a.entity = 'disbursement' AND a.action = 'disbursement.create' AND a.entity_id = d.id::text AND a.after ? 'exceedingUnconfirmed'`);
    await q.query(`
      ALTER TABLE disbursements
        ADD CONSTRAINT disbursements_exceeding_confirmation CHECK (confirmed_exceeding = (exceeding_confirmed_at IS NOT NULL)),
        ADD CONSTRAINT disbursements_confirmed_exceeds CHECK (NOT confirmed_exceeding OR exceeds_received)`);
    await q.query(
      `CREATE UNIQUE INDEX disbursements_bank_reference_key ON disbursements (bank_reference) WHERE bank_reference IS NOT NULL AND voided_at IS NULL`,
    );
    await q.query(`ALTER TABLE disbursement_plan_lines ADD COLUMN tier text CHECK (length(tier) BETWEEN 1 AND 50)`);
    await q.query(`
      CREATE TABLE disbursement_confirmations (
        disbursement_id uuid PRIMARY KEY REFERENCES disbursements(id),
        confirmed_by text NOT NULL CHECK (length(confirmed_by) BETWEEN 1 AND 50),
        received_at timestamptz NOT NULL,
        amount_received_fen bigint NOT NULL CHECK (amount_received_fen >= 0),
        note text CHECK (length(note) <= 500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disbursement_confirmations`);
    await q.query(`ALTER TABLE disbursement_plan_lines DROP COLUMN tier`);
    await q.query(`DROP INDEX disbursements_bank_reference_key`);
    await q.query(`
      ALTER TABLE disbursements
        DROP CONSTRAINT disbursements_confirmed_exceeds,
        DROP CONSTRAINT disbursements_exceeding_confirmation,
        DROP COLUMN attachment_sealed,
        DROP COLUMN bank_reference,
        DROP COLUMN exceeding_confirmed_by,
        DROP COLUMN exceeding_confirmed_at,
        DROP COLUMN exceeds_received`);
  }
}
