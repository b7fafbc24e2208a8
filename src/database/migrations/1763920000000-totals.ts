import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public totals kept as counters written with the ledger, so that a read scans no donations and a
 * payment never waits behind other payments on one hot row:
 * - campaign_counters: a few rows per campaign (shards 0..15, one picked at random per payment)
 *   summed on read; shard -1 holds the reconciler's corrections and is never written by payments.
 * - campaign_daily_counters: the same per calendar day in Asia/Shanghai (today's amount, the chart).
 * - campaign_donors: one row per distinct donor_key, so a donor is counted once.
 * - publications: frozen, hash-chained snapshots ("捐赠数据公示"); rows can never change.
 * - disbursements get an optional attachment (the proof of the transfer, shown publicly).
 * The counters are backfilled from the paid donations already in the ledger.
 */
export class Totals1763920000000 implements MigrationInterface {
  name = 'Totals1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_counters (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        shard smallint NOT NULL CHECK (shard BETWEEN -1 AND 63),
        donation_count bigint NOT NULL DEFAULT 0,
        donor_count bigint NOT NULL DEFAULT 0,
        amount_fen bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, shard),
        CHECK (shard = -1 OR (donation_count >= 0 AND donor_count >= 0 AND amount_fen >= 0))
      )`);
    await q.query(`
      CREATE TABLE campaign_daily_counters (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        day date NOT NULL,
        shard smallint NOT NULL CHECK (shard BETWEEN -1 AND 63),
        donation_count bigint NOT NULL DEFAULT 0,
        amount_fen bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, day, shard),
        CHECK (shard = -1 OR (donation_count >= 0 AND amount_fen >= 0))
      )`);
    await q.query(`
      CREATE TABLE campaign_donors (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        donor_key text NOT NULL,
        first_paid_at timestamptz NOT NULL,
        PRIMARY KEY (campaign_id, donor_key)
      )`);
    await q.query(`
      CREATE TABLE publications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        seq integer NOT NULL CHECK (seq >= 1),
        as_of timestamptz NOT NULL,
        totals jsonb NOT NULL,
        row_count integer NOT NULL CHECK (row_count >= 0),
        csv bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        previous_chain_sha256 text CHECK (previous_chain_sha256 ~ '^[0-9a-f]{64}$'),
        manifest text NOT NULL,
        chain_sha256 text NOT NULL CHECK (chain_sha256 ~ '^[0-9a-f]{64}$'),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT publications_campaign_seq_key UNIQUE (campaign_id, seq),
        CHECK ((seq = 1) = (previous_chain_sha256 IS NULL))
      )`);
    await q.query(`
      ALTER TABLE disbursements
        ADD COLUMN attachment_path text,
        ADD COLUMN attachment_type text CHECK (attachment_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        ADD COLUMN attachment_sha256 text CHECK (attachment_sha256 ~ '^[0-9a-f]{64}$'),
        ADD CONSTRAINT disbursements_attachment_complete CHECK ((attachment_path IS NULL) = (attachment_type IS NULL) AND (attachment_path IS NULL) = (attachment_sha256 IS NULL))`);
    // The donor wall reads the newest consenting donors without walking past the others.
    await q.query(`CREATE INDEX donations_wall_idx ON donations (campaign_id, paid_at DESC) WHERE status = 'paid' AND show_on_wall`);
    // A published snapshot is evidence: it is added, never changed or removed.
    await q.query(`
      CREATE FUNCTION publications_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'publications are frozen'; END $$`);
    await q.query(`CREATE TRIGGER publications_no_change BEFORE UPDATE OR DELETE ON publications FOR EACH ROW EXECUTE FUNCTION publications_frozen()`);
    await q.query(`CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON publications FOR EACH STATEMENT EXECUTE FUNCTION publications_frozen()`);

    // Backfill under a lock that keeps writers of the ledger out, so the counters start exact.
    await q.query(`LOCK TABLE donations IN SHARE MODE`);
    await q.query(`
      INSERT INTO campaign_donors (campaign_id, donor_key, first_paid_at)
      SELECT campaign_id, donor_key, min(paid_at) FROM donations WHERE status = 'paid' GROUP BY campaign_id, donor_key`);
    await q.query(`
      INSERT INTO campaign_counters (campaign_id, shard, donation_count, donor_count, amount_fen)
      SELECT campaign_id, 0, count(*), count(DISTINCT donor_key), sum(amount_fen) FROM donations WHERE status = 'paid' GROUP BY campaign_id`);
    await q.query(`
      INSERT INTO campaign_daily_counters (campaign_id, day, shard, donation_count, amount_fen)
      SELECT campaign_id, (paid_at AT TIME ZONE 'Asia/Shanghai')::date, 0, count(*), sum(amount_fen)
        FROM donations WHERE status = 'paid' GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX donations_wall_idx`);
    await q.query(
      `ALTER TABLE disbursements DROP CONSTRAINT disbursements_attachment_complete, DROP COLUMN attachment_path, DROP COLUMN attachment_type, DROP COLUMN attachment_sha256`,
    );
    await q.query(`DROP TABLE publications`);
    await q.query(`DROP FUNCTION publications_frozen`);
    await q.query(`DROP TABLE campaign_donors`);
    await q.query(`DROP TABLE campaign_daily_counters`);
    await q.query(`DROP TABLE campaign_counters`);
  }
}
