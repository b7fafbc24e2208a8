import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts. The invariants the contract promises are constraints here:
 * - one live request per donation, one live receipt per donation (partial unique indexes);
 * - receipt numbers per campaign and year, unique, taken from a counter row in the same
 *   transaction that records the receipt (so a rollback gives the number back: no gaps);
 * - each issuance has a key (first issue of a request, or reissue of a receipt) that can
 *   produce at most one receipt, however often its job runs;
 * - personal data only as ciphertext (`*_enc`) and keyed hashes (`*_hash`).
 * The outbox carries jobs from a committed transaction to the queue.
 */
export class Receipts1763900000000 implements MigrationInterface {
  name = 'Receipts1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        donation_id uuid REFERENCES donations(id),
        order_no text CHECK (length(order_no) <= 64),
        bank_reference text CHECK (length(bank_reference) <= 64),
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        donor_type text NOT NULL CHECK (donor_type IN ('individual', 'organization')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        invoice_title text NOT NULL CHECK (length(invoice_title) BETWEEN 1 AND 100),
        id_number_enc text,
        id_number_hash text,
        credit_code text CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
        phone_enc text NOT NULL,
        phone_hash text NOT NULL,
        email_enc text NOT NULL,
        email_hash text NOT NULL,
        mailing_address_enc text,
        screenshot_path text,
        status text NOT NULL CHECK (status IN ('pending_review', 'queued', 'issued', 'rejected')),
        match_method text NOT NULL CHECK (match_method IN ('order', 'bank_reference', 'staff', 'none')),
        proposed_donation_id uuid REFERENCES donations(id),
        reject_reason text CHECK (length(reject_reason) <= 500),
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((donor_type = 'individual') = (id_number_enc IS NOT NULL)),
        CHECK ((donor_type = 'organization') = (credit_code IS NOT NULL)),
        CHECK (status NOT IN ('queued', 'issued') OR donation_id IS NOT NULL),
        CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX receipt_requests_live_per_donation ON receipt_requests (donation_id) WHERE donation_id IS NOT NULL AND status <> 'rejected'`,
    );
    await q.query(`CREATE INDEX receipt_requests_status_idx ON receipt_requests (status, created_at)`);
    await q.query(`CREATE INDEX receipt_requests_id_number_idx ON receipt_requests (id_number_hash) WHERE id_number_hash IS NOT NULL`);

    await q.query(`
      CREATE TABLE receipt_counters (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last_seq integer NOT NULL CHECK (last_seq BETWEEN 0 AND 99999999),
        PRIMARY KEY (campaign_id, year)
      )`);

    await q.query(`
      CREATE TABLE receipts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        receipt_no text NOT NULL CONSTRAINT receipts_receipt_no_key UNIQUE,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        year integer NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        issue_key text NOT NULL CONSTRAINT receipts_issue_key_key UNIQUE,
        request_id uuid NOT NULL REFERENCES receipt_requests(id),
        donation_id uuid NOT NULL REFERENCES donations(id),
        replaces_receipt_id uuid REFERENCES receipts(id),
        status text NOT NULL CHECK (status IN ('issued', 'voided')),
        donor_name text NOT NULL,
        invoice_title text NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        donated_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        pdf_path text,
        pdf_sha256 text CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        email_claimed_at timestamptz,
        emailed_at timestamptz,
        email_count integer NOT NULL DEFAULT 0,
        voided_at timestamptz,
        void_reason text CHECK (length(void_reason) <= 500),
        voided_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT receipts_seq_key UNIQUE (campaign_id, year, seq),
        CHECK ((status = 'voided') = (voided_at IS NOT NULL)),
        CHECK ((pdf_path IS NULL) = (pdf_sha256 IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX receipts_live_per_donation ON receipts (donation_id) WHERE status = 'issued'`);
    await q.query(`CREATE INDEX receipts_request_idx ON receipts (request_id)`);
    await q.query(`CREATE INDEX receipts_undelivered_idx ON receipts (created_at) WHERE pdf_sha256 IS NULL OR emailed_at IS NULL`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE receipts`);
    await q.query(`DROP TABLE receipt_counters`);
    await q.query(`DROP TABLE receipt_requests`);
  }
}
