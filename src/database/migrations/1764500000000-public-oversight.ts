import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public oversight (issue 18):
 * - campaigns.disclosure: what the law asks a fundraising page to show (organisation, credit code,
 *   fundraising qualification, filing number, contact), null when none was set;
 * - campaign_funds: designated funds (定向捐赠) of a campaign; a donation and a disbursement may name one;
 * - campaign_fund_counters: per fund, sharded like campaign_counters (shard -1: corrections), written in
 *   the ledger's transaction and repaired by the reconciler;
 * - disbursements are corrected by voiding (reason, time, who), never edited or deleted; a disbursement
 *   recorded although it exceeded what was received says so (confirmed_exceeding);
 * - publications list the corrections made since the previous publication.
 */
export class PublicOversight1764500000000 implements MigrationInterface {
  name = 'PublicOversight1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN disclosure jsonb CHECK (disclosure IS NULL OR jsonb_typeof(disclosure) = 'object')`);
    await q.query(`
      CREATE TABLE campaign_funds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        position integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT campaign_funds_code_key UNIQUE (campaign_id, code),
        CONSTRAINT campaign_funds_id_campaign_key UNIQUE (id, campaign_id)
      )`);
    await q.query(`
      ALTER TABLE donations
        ADD COLUMN fund_id uuid,
        ADD CONSTRAINT donations_fund_fkey FOREIGN KEY (fund_id, campaign_id) REFERENCES campaign_funds (id, campaign_id)`);
    await q.query(`CREATE INDEX donations_fund_paid_idx ON donations (fund_id) WHERE status = 'paid' AND fund_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE campaign_fund_counters (
        fund_id uuid NOT NULL REFERENCES campaign_funds(id),
        shard smallint NOT NULL CHECK (shard BETWEEN -1 AND 63),
        donation_count bigint NOT NULL DEFAULT 0,
        amount_fen bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (fund_id, shard),
        CHECK (shard = -1 OR (donation_count >= 0 AND amount_fen >= 0))
      )`);
    await q.query(`
      ALTER TABLE disbursements
        ADD COLUMN fund_id uuid,
        ADD COLUMN voided_at timestamptz,
        ADD COLUMN void_reason text CHECK (length(void_reason) BETWEEN 1 AND 500),
        ADD COLUMN voided_by uuid REFERENCES staff_users(id),
        ADD COLUMN confirmed_exceeding boolean NOT NULL DEFAULT false,
        ADD CONSTRAINT disbursements_fund_fkey FOREIGN KEY (fund_id, campaign_id) REFERENCES campaign_funds (id, campaign_id),
        ADD CONSTRAINT disbursements_void_complete CHECK ((voided_at IS NULL) = (void_reason IS NULL))`);
    await q.query(`CREATE INDEX disbursements_fund_idx ON disbursements (fund_id) WHERE fund_id IS NOT NULL`);
    await q.query(`ALTER TABLE publications ADD COLUMN corrections jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publications DROP COLUMN corrections`);
    await q.query(`DROP INDEX disbursements_fund_idx`);
    await q.query(`
      ALTER TABLE disbursements
        DROP CONSTRAINT disbursements_void_complete, DROP CONSTRAINT disbursements_fund_fkey,
        DROP COLUMN confirmed_exceeding, DROP COLUMN voided_by, DROP COLUMN void_reason, DROP COLUMN voided_at, DROP COLUMN fund_id`);
    await q.query(`DROP TABLE campaign_fund_counters`);
    await q.query(`DROP INDEX donations_fund_paid_idx`);
    await q.query(`ALTER TABLE donations DROP CONSTRAINT donations_fund_fkey, DROP COLUMN fund_id`);
    await q.query(`DROP TABLE campaign_funds`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN disclosure`);
  }
}
