import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CORRECTION_SHARD, TOTALS_TIME_ZONE } from './totals-shards';

/**
 * The statements of the sharded totals counters (campaign_counters, campaign_daily_counters,
 * campaign_fund_counters, campaign_donors), each run inside the caller's transaction (`manager`):
 * the ledger's when a payment or a refund is counted.
 */
@Injectable()
export class TotalsCountersRepository {
  /**
   * One statement: the donor row (a new donor_key counts one donor), then the shard of the campaign's
   * counters and of the paid day's counters. An existing donor row is locked (`DO UPDATE … WHERE
   * false` locks without changing it).
   */
  async addPaid(manager: EntityManager, c: { campaignId: string; donorKey: string; amountFen: number; paidAt: Date; shard: number }): Promise<void> {
    await manager.query(
      `WITH donor AS (
         INSERT INTO campaign_donors AS cd (campaign_id, donor_key, first_paid_at) VALUES ($1, $2, $4)
         ON CONFLICT (campaign_id, donor_key) DO UPDATE SET first_paid_at = cd.first_paid_at WHERE false RETURNING 1
       ), total AS (
         INSERT INTO campaign_counters AS c (campaign_id, shard, donation_count, donor_count, amount_fen)
         VALUES ($1, $5, 1, (SELECT count(*) FROM donor), $3)
         ON CONFLICT (campaign_id, shard) DO UPDATE
           SET donation_count = c.donation_count + 1,
               donor_count = c.donor_count + EXCLUDED.donor_count,
               amount_fen = c.amount_fen + EXCLUDED.amount_fen,
               updated_at = now()
         RETURNING 1
       )
       INSERT INTO campaign_daily_counters AS d (campaign_id, day, shard, donation_count, amount_fen)
       VALUES ($1, ($4::timestamptz AT TIME ZONE '${TOTALS_TIME_ZONE}')::date, $5, 1, $3)
       ON CONFLICT (campaign_id, day, shard) DO UPDATE
         SET donation_count = d.donation_count + 1, amount_fen = d.amount_fen + EXCLUDED.amount_fen`,
      [c.campaignId, c.donorKey, c.amountFen, c.paidAt, c.shard],
    );
  }

  /** Adds `count` donations and `amountFen` (both signed) to a shard of a fund's counters. */
  async addToFund(manager: EntityManager, fundId: string, shard: number, count: number, amountFen: number): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_fund_counters AS f (fund_id, shard, donation_count, amount_fen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fund_id, shard) DO UPDATE
         SET donation_count = f.donation_count + EXCLUDED.donation_count, amount_fen = f.amount_fen + EXCLUDED.amount_fen`,
      [fundId, shard, count, amountFen],
    );
  }

  /** Locks the donor's row of the campaign (if there is one) until the transaction ends. */
  async lockDonor(manager: EntityManager, campaignId: string, donorKey: string): Promise<void> {
    await manager.query(`SELECT 1 FROM campaign_donors WHERE campaign_id = $1 AND donor_key = $2 FOR UPDATE`, [campaignId, donorKey]);
  }

  /** Deletes the donor's row unless they have a paid donation other than `exceptDonationId`; whether it was deleted. */
  async removeDonorWithoutOtherPaid(manager: EntityManager, campaignId: string, donorKey: string, exceptDonationId: string): Promise<boolean> {
    const removed: unknown[] = await manager.query(
      `WITH removed AS (
         DELETE FROM campaign_donors cd WHERE cd.campaign_id = $1 AND cd.donor_key = $2
            AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.campaign_id = $1 AND d.donor_key = $2 AND d.status = 'paid' AND d.id <> $3)
         RETURNING 1)
       SELECT 1 FROM removed`,
      [campaignId, donorKey, exceptDonationId],
    );
    return removed.length > 0;
  }

  /** Takes one donation of `amountFen` (and `donorDelta` donors) out of the campaign's and the paid day's correction shard. */
  async subtractRefunded(manager: EntityManager, c: { campaignId: string; amountFen: number; donorDelta: number; paidAt: Date }): Promise<void> {
    await manager.query(
      `WITH total AS (
         INSERT INTO campaign_counters AS c (campaign_id, shard, donation_count, donor_count, amount_fen)
         VALUES ($1, ${CORRECTION_SHARD}, -1, $3, -$2::bigint)
         ON CONFLICT (campaign_id, shard) DO UPDATE
           SET donation_count = c.donation_count - 1,
               donor_count = c.donor_count + EXCLUDED.donor_count,
               amount_fen = c.amount_fen - $2::bigint,
               updated_at = now()
         RETURNING 1
       )
       INSERT INTO campaign_daily_counters AS d (campaign_id, day, shard, donation_count, amount_fen)
       VALUES ($1, ($4::timestamptz AT TIME ZONE '${TOTALS_TIME_ZONE}')::date, ${CORRECTION_SHARD}, -1, -$2::bigint)
       ON CONFLICT (campaign_id, day, shard) DO UPDATE
         SET donation_count = d.donation_count - 1, amount_fen = d.amount_fen - $2::bigint`,
      [c.campaignId, c.amountFen, c.donorDelta, c.paidAt],
    );
  }
}
