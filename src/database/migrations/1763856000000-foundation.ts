import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger of record. Invariants live in constraints, not only in code: one donation per order
 * number, one payment per provider transaction id, amounts positive integers of fen, an
 * append-only audit log.
 */
export class Foundation1763856000000 implements MigrationInterface {
  name = 'Foundation1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT campaigns_code_key UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        receipt_prefix text NOT NULL CHECK (receipt_prefix ~ '^[A-Z]{2,8}$'),
        goal_fen bigint CHECK (goal_fen IS NULL OR goal_fen > 0),
        receipt_threshold_fen bigint NOT NULL DEFAULT 10000 CHECK (receipt_threshold_fen > 0),
        starts_at timestamptz,
        ends_at timestamptz,
        auto_approve_receipts boolean NOT NULL DEFAULT true,
        organisation text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE donations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        order_no text NOT NULL CONSTRAINT donations_order_no_key UNIQUE,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        channel text NOT NULL CHECK (channel IN ('sandbox', 'wechatpay', 'alipay', 'bank_transfer')),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'failed', 'refunded')),
        donor_name text CHECK (length(donor_name) <= 100),
        anonymous boolean NOT NULL DEFAULT false,
        show_on_wall boolean NOT NULL DEFAULT false,
        phone_enc text,
        phone_hash text,
        donor_key text NOT NULL,
        message text CHECK (length(message) <= 500),
        idempotency_key text,
        request_hash text,
        payment_instructions jsonb,
        bank_reference text,
        payer_account_enc text,
        paid_at timestamptz,
        expires_at timestamptz,
        flagged_at timestamptz,
        flag_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'paid') = (paid_at IS NOT NULL) OR status = 'refunded'),
        CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX donations_idempotency_key_key ON donations (idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX donations_bank_reference_key ON donations (campaign_id, bank_reference) WHERE bank_reference IS NOT NULL`);
    await q.query(`CREATE INDEX donations_campaign_status_idx ON donations (campaign_id, status, paid_at DESC)`);
    await q.query(`CREATE INDEX donations_pending_expiry_idx ON donations (expires_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX donations_flagged_idx ON donations (flagged_at) WHERE flagged_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE payments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        donation_id uuid NOT NULL REFERENCES donations(id),
        provider text NOT NULL,
        transaction_id text NOT NULL CHECK (length(transaction_id) BETWEEN 1 AND 128),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        applied boolean NOT NULL,
        paid_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payments_provider_transaction_key UNIQUE (provider, transaction_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX payments_one_applied_per_donation ON payments (donation_id) WHERE applied`);
    await q.query(`
      CREATE TABLE payment_notifications (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        headers jsonb NOT NULL,
        raw_body text NOT NULL,
        signature_valid boolean NOT NULL,
        order_no text,
        transaction_id text,
        outcome text NOT NULL
      )`);
    await q.query(`CREATE INDEX payment_notifications_order_idx ON payment_notifications (order_no)`);
    await q.query(`
      CREATE TABLE disbursements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        recipient text NOT NULL CHECK (length(recipient) BETWEEN 1 AND 200),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        disbursed_on date NOT NULL,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX disbursements_campaign_idx ON disbursements (campaign_id, disbursed_on DESC)`);
    await q.query(`
      CREATE TABLE staff_users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'finance', 'warehouse', 'auditor')),
        password_hash text NOT NULL,
        token_version integer NOT NULL DEFAULT 0,
        disabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email))`);
    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        ip text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    // The audit log is evidence: rows can be added, never changed or removed.
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only`);
    await q.query(`DROP TABLE staff_users`);
    await q.query(`DROP TABLE disbursements`);
    await q.query(`DROP TABLE payment_notifications`);
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE donations`);
    await q.query(`DROP TABLE campaigns`);
  }
}
