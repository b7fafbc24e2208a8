import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** Payments spread over this many counter rows per campaign (and per day), summed on read. */
export const COUNTER_SHARDS = 16;
/**
 * The reconciler's corrections (and refunds, which subtract) live in their own row, which payments
 * never touch; it is the only row allowed below zero.
 */
export const CORRECTION_SHARD = -1;
/** "Today" and the daily chart are calendar days in Beijing time. */
export const TOTALS_TIME_ZONE = 'Asia/Shanghai';

export interface RefundedDonation {
  campaignId: string;
  /** The designated fund the donation was given to, if any. */
  fundId?: string | null;
  donationId: string;
  donorKey: string;
  amountFen: number;
  paidAt: Date;
}

export interface PaidDonation {
  campaignId: string;
  /** The designated fund the donation was given to, if any: counted in that fund too. */
  fundId?: string | null;
  donorKey: string;
  amountFen: number;
  paidAt: Date;
}

/**
 * Counts a donation that has just become paid, inside the ledger's transaction, so the counters
 * commit (or roll back) with the payment. One statement: the donor row (a new donor_key counts one
 * donor), then a random shard of the campaign's counters and of the paid day's counters. Concurrent
 * payments land on different rows and do not queue behind each other.
 * An existing donor row is locked (`DO UPDATE … WHERE false` locks without changing it), so a
 * refund that removes the donor's last paid donation and this payment cannot both miss each other.
 */
@Injectable()
export class TotalsCounters {
  async countPaid(manager: EntityManager, paid: PaidDonation, shard = randomInt(COUNTER_SHARDS)): Promise<void> {
    if (!Number.isSafeInteger(paid.amountFen) || paid.amountFen < 1) throw new RangeError(`not an amount of fen: ${paid.amountFen}`);
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
      [paid.campaignId, paid.donorKey, paid.amountFen, paid.paidAt, shard],
    );
    if (paid.fundId) await this.countFund(manager, paid.fundId, shard, 1, paid.amountFen);
  }

  /** A fund's share of a payment (+1) or a refund (-1, in the correction shard). */
  private async countFund(manager: EntityManager, fundId: string, shard: number, count: 1 | -1, amountFen: number): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_fund_counters AS f (fund_id, shard, donation_count, amount_fen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fund_id, shard) DO UPDATE
         SET donation_count = f.donation_count + EXCLUDED.donation_count, amount_fen = f.amount_fen + EXCLUDED.amount_fen`,
      [fundId, shard, count, count * amountFen],
    );
  }

  /**
   * Takes a refunded donation out of the totals, inside the ledger's transaction (after the donation
   * left `paid`): one donation and its amount from the campaign and from the day it was paid; the
   * donor too when this was their last paid donation in the campaign. The donor row is locked first,
   * so a concurrent payment of the same donor either sees it kept or inserts it again.
   * Returns whether the donor stopped counting.
   */
  async countRefunded(manager: EntityManager, refunded: RefundedDonation): Promise<{ donorRemoved: boolean }> {
    if (!Number.isSafeInteger(refunded.amountFen) || refunded.amountFen < 1) throw new RangeError(`not an amount of fen: ${refunded.amountFen}`);
    await manager.query(`SELECT 1 FROM campaign_donors WHERE campaign_id = $1 AND donor_key = $2 FOR UPDATE`, [refunded.campaignId, refunded.donorKey]);
    const removed: unknown[] = await manager.query(
      `WITH removed AS (
         DELETE FROM campaign_donors cd WHERE cd.campaign_id = $1 AND cd.donor_key = $2
            AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.campaign_id = $1 AND d.donor_key = $2 AND d.status = 'paid' AND d.id <> $3)
         RETURNING 1)
       SELECT 1 FROM removed`,
      [refunded.campaignId, refunded.donorKey, refunded.donationId],
    );
    const donorRemoved = removed.length > 0;
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
      [refunded.campaignId, refunded.amountFen, donorRemoved ? -1 : 0, refunded.paidAt],
    );
    if (refunded.fundId) await this.countFund(manager, refunded.fundId, CORRECTION_SHARD, -1, refunded.amountFen);
    return { donorRemoved };
  }
}
