import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pledge management: an Idempotency-Key on pledges (one pledge per key, whatever the retries), and
 * cancelling what is still outstanding. A cancelled remainder is kept per line (cancelled_quantity)
 * rather than taken off the pledged quantity, so the declared value keeps its basis and the record
 * shows what was promised and what never came.
 */
export class InKindPledgeManagement1763940000000 implements MigrationInterface {
  name = 'InKindPledgeManagement1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE in_kind_donations
        ADD COLUMN idempotency_key text,
        ADD COLUMN request_hash text,
        ADD COLUMN cancelled_at timestamptz,
        ADD COLUMN cancel_reason text CHECK (length(cancel_reason) BETWEEN 1 AND 200),
        ADD COLUMN cancelled_by uuid,
        ADD CONSTRAINT in_kind_donations_idempotency_key UNIQUE (idempotency_key),
        ADD CONSTRAINT in_kind_donations_key_has_hash CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
        ADD CONSTRAINT in_kind_donations_cancel_has_reason CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))`);
    await q.query(`ALTER TABLE in_kind_donations DROP CONSTRAINT in_kind_donations_status_check`);
    // 'cancelled': nothing ever arrived. A pledge cancelled after a partial arrival stays 'received'.
    await q.query(`
      ALTER TABLE in_kind_donations ADD CONSTRAINT in_kind_donations_status_check
        CHECK (status IN ('pledged', 'received', 'cancelled') AND (status <> 'cancelled' OR cancelled_at IS NOT NULL))`);

    await q.query(`ALTER TABLE in_kind_donation_lines ADD COLUMN cancelled_quantity bigint NOT NULL DEFAULT 0 CHECK (cancelled_quantity >= 0)`);
    await q.query(`ALTER TABLE in_kind_donation_lines DROP CONSTRAINT in_kind_donation_lines_within_pledge`);
    await q.query(`
      ALTER TABLE in_kind_donation_lines ADD CONSTRAINT in_kind_donation_lines_within_pledge
        CHECK (accepted_quantity + rejected_quantity + cancelled_quantity <= quantity)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE in_kind_donation_lines DROP CONSTRAINT in_kind_donation_lines_within_pledge`);
    await q.query(`ALTER TABLE in_kind_donation_lines DROP COLUMN cancelled_quantity`);
    await q.query(`
      ALTER TABLE in_kind_donation_lines ADD CONSTRAINT in_kind_donation_lines_within_pledge
        CHECK (accepted_quantity + rejected_quantity <= quantity)`);
    await q.query(`ALTER TABLE in_kind_donations DROP CONSTRAINT in_kind_donations_status_check`);
    await q.query(`
      ALTER TABLE in_kind_donations
        DROP CONSTRAINT in_kind_donations_cancel_has_reason,
        DROP CONSTRAINT in_kind_donations_key_has_hash,
        DROP CONSTRAINT in_kind_donations_idempotency_key,
        DROP COLUMN cancelled_by,
        DROP COLUMN cancel_reason,
        DROP COLUMN cancelled_at,
        DROP COLUMN request_hash,
        DROP COLUMN idempotency_key`);
    await q.query(`ALTER TABLE in_kind_donations ADD CONSTRAINT in_kind_donations_status_check CHECK (status IN ('pledged', 'received'))`);
  }
}
