import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds and payment reconciliation:
 * - refunds: one row per refund asked of a provider (or recorded by staff for a bank transfer).
 *   `refund_no` is our out_refund_no / out_request_no, reused on every retry so the provider
 *   refunds once; a donation has at most one live (not failed) refund, and it is always the full
 *   amount, so the ledger can never refund more than was paid.
 * - reconciliation_differences: what a provider's statement says that the ledger does not
 *   (unknown payments, amounts that differ, payments missing from the statement), for staff;
 *   one row per difference however often the daily job runs.
 */
export class RefundsReconciliation1763950000000 implements MigrationInterface {
  name = 'RefundsReconciliation1763950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE refunds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donation_id uuid NOT NULL REFERENCES donations(id),
        refund_no text NOT NULL CONSTRAINT refunds_refund_no_key UNIQUE CHECK (refund_no ~ '^[A-Za-z0-9_-]{1,64}$'),
        provider text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        status text NOT NULL CHECK (status IN ('processing', 'succeeded', 'failed')),
        provider_refund_id text,
        failure_reason text,
        idempotency_key text CONSTRAINT refunds_idempotency_key_key UNIQUE,
        request_hash text,
        requested_by uuid REFERENCES staff_users(id),
        succeeded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'succeeded') = (succeeded_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX refunds_live_per_donation ON refunds (donation_id) WHERE status <> 'failed'`);
    await q.query(`CREATE INDEX refunds_processing_idx ON refunds (created_at) WHERE status = 'processing'`);

    await q.query(`
      CREATE TABLE reconciliation_differences (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL,
        statement_date date NOT NULL,
        kind text NOT NULL CHECK (kind IN ('UNKNOWN_ORDER', 'AMOUNT_MISMATCH', 'NOT_IN_STATEMENT', 'UNKNOWN_REFUND')),
        order_no text,
        transaction_id text,
        ledger_amount_fen bigint,
        provider_amount_fen bigint,
        detail text NOT NULL,
        resolved_at timestamptz,
        resolved_by uuid REFERENCES staff_users(id),
        resolution_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (order_no IS NOT NULL OR transaction_id IS NOT NULL)
      )`);
    await q.query(`
      CREATE UNIQUE INDEX reconciliation_differences_once
        ON reconciliation_differences (provider, kind, coalesce(order_no, ''), coalesce(transaction_id, ''))`);
    await q.query(`CREATE INDEX reconciliation_differences_open_idx ON reconciliation_differences (created_at DESC) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reconciliation_differences`);
    await q.query(`DROP TABLE refunds`);
  }
}
