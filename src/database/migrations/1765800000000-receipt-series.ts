import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A receipt number is `<prefix>-<year>-<seq>` and unique across the foundation (receipt_no UNIQUE),
 * but the sequence was counted per campaign and year: a second campaign given a prefix already in
 * use drew 1, 2, 3… again, every one of its numbers collided with the first campaign's, and none of
 * its receipts could be issued (the job failed on the unique key, retried, failed for good). The
 * counter is now per prefix and year, the series a number belongs to: a campaign with a prefix of
 * its own counts exactly as before; campaigns that share one share its series, without a gap and
 * without a collision. The prefix of a campaign cannot be changed, so each series keeps its rows.
 *
 * Existing counters carry over: for each prefix and year, the highest number taken by any of its
 * campaigns (only one of them can have taken numbers in a year: the others' first collided).
 */
export class ReceiptSeries1765800000000 implements MigrationInterface {
  name = 'ReceiptSeries1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_series (
        receipt_prefix text NOT NULL CHECK (receipt_prefix ~ '^[A-Z]{2,8}$'),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last_seq integer NOT NULL CHECK (last_seq BETWEEN 0 AND 99999999),
        PRIMARY KEY (receipt_prefix, year)
      )`);
    await q.query(`
      INSERT INTO receipt_series (receipt_prefix, year, last_seq)
      SELECT c.receipt_prefix, k.year, max(k.last_seq)
        FROM receipt_counters k JOIN campaigns c ON c.id = k.campaign_id
       GROUP BY c.receipt_prefix, k.year`);
    await q.query(`DROP TABLE receipt_counters`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE receipt_counters (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 9999),
        last_seq integer NOT NULL CHECK (last_seq BETWEEN 0 AND 99999999),
        PRIMARY KEY (campaign_id, year)
      )`);
    await q.query(`
      INSERT INTO receipt_counters (campaign_id, year, last_seq)
      SELECT campaign_id, year, max(seq) FROM receipts GROUP BY campaign_id, year`);
    await q.query(`DROP TABLE receipt_series`);
  }
}
