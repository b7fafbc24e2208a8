import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14 (hostile users):
 * - a donation keeps the keyed hash of its claim token (never the token): only a receipt request
 *   carrying the token is issued automatically; `claim_verified` records which requests did;
 * - a request without the token no longer holds the donation's live slot (one live request per
 *   donation): it only proposes the donation to staff, so an attacker who names someone else's
 *   order cannot make the real donor's request fail. Requests waiting for review were all made
 *   without a token, so they move to the proposal column too;
 * - an unsigned or invalid provider callback is kept bounded (a SHA-256 of the whole body, its
 *   length, and the first few KB, flagged as truncated), and old rows are removed by age.
 */
export class HostileUsers1764100000000 implements MigrationInterface {
  name = 'HostileUsers1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE donations ADD COLUMN claim_token_hash text CHECK (claim_token_hash ~ '^[0-9a-f]{64}$')`);
    await q.query(`CREATE UNIQUE INDEX donations_claim_token_hash_key ON donations (claim_token_hash) WHERE claim_token_hash IS NOT NULL`);

    await q.query(`ALTER TABLE receipt_requests ADD COLUMN claim_verified boolean NOT NULL DEFAULT false`);
    await q.query(`
      UPDATE receipt_requests SET proposed_donation_id = donation_id, donation_id = NULL
       WHERE status = 'pending_review' AND donation_id IS NOT NULL`);

    await q.query(`ALTER TABLE payment_notifications ADD COLUMN body_sha256 text CHECK (body_sha256 ~ '^[0-9a-f]{64}$')`);
    await q.query(`ALTER TABLE payment_notifications ADD COLUMN body_bytes integer CHECK (body_bytes >= 0)`);
    await q.query(`ALTER TABLE payment_notifications ADD COLUMN body_truncated boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE INDEX payment_notifications_received_idx ON payment_notifications (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX payment_notifications_received_idx`);
    await q.query(`ALTER TABLE payment_notifications DROP COLUMN body_truncated`);
    await q.query(`ALTER TABLE payment_notifications DROP COLUMN body_bytes`);
    await q.query(`ALTER TABLE payment_notifications DROP COLUMN body_sha256`);
    await q.query(`ALTER TABLE receipt_requests DROP COLUMN claim_verified`);
    await q.query(`DROP INDEX donations_claim_token_hash_key`);
    await q.query(`ALTER TABLE donations DROP COLUMN claim_token_hash`);
  }
}
