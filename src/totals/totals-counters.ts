import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** Payments spread over this many counter rows per campaign (and per day), summed on read. */
export const COUNTER_SHARDS = 16;
/** The reconciler's corrections live in their own row, which payments never touch. */
export const CORRECTION_SHARD = -1;
/** "Today" and the daily chart are calendar days in Beijing time. */
export const TOTALS_TIME_ZONE = 'Asia/Shanghai';

export interface PaidDonation {
  campaignId: string;
  donorKey: string;
  amountFen: number;
  paidAt: Date;
}

/**
 * Counts a donation that has just become paid, inside the ledger's transaction, so the counters
 * commit (or roll back) with the payment. One statement: the donor row (a new donor_key counts one
 * donor), then a random shard of the campaign's counters and of the paid day's counters. Concurrent
 * payments land on different rows and do not queue behind each other.
 */
@Injectable()
export class TotalsCounters {
  async countPaid(manager: EntityManager, paid: PaidDonation, shard = randomInt(COUNTER_SHARDS)): Promise<void> {
    if (!Number.isSafeInteger(paid.amountFen) || paid.amountFen < 1) throw new RangeError(`not an amount of fen: ${paid.amountFen}`);
    await manager.query(
      `WITH donor AS (
         INSERT INTO campaign_donors (campaign_id, donor_key, first_paid_at) VALUES ($1, $2, $4)
         ON CONFLICT (campaign_id, donor_key) DO NOTHING RETURNING 1
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
      [paid.campaignId, paid.donorKey, paid.amountFen, paid.paidAt, shard],
    );
  }
}
