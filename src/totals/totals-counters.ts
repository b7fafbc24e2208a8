import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TotalsCountersRepository } from './totals-counters.repository';
import { COUNTER_SHARDS, CORRECTION_SHARD } from './totals-shards';

export { COUNTER_SHARDS, CORRECTION_SHARD, TOTALS_TIME_ZONE } from './totals-shards';

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
  constructor(private readonly counters: TotalsCountersRepository) {}

  async countPaid(manager: EntityManager, paid: PaidDonation, shard = randomInt(COUNTER_SHARDS)): Promise<void> {
    if (!Number.isSafeInteger(paid.amountFen) || paid.amountFen < 1) throw new RangeError(`not an amount of fen: ${paid.amountFen}`);
    await this.counters.addPaid(manager, { campaignId: paid.campaignId, donorKey: paid.donorKey, amountFen: paid.amountFen, paidAt: paid.paidAt, shard });
    if (paid.fundId) await this.countFund(manager, paid.fundId, shard, 1, paid.amountFen);
  }

  /** A fund's share of a payment (+1) or a refund (-1, in the correction shard). */
  private async countFund(manager: EntityManager, fundId: string, shard: number, count: 1 | -1, amountFen: number): Promise<void> {
    await this.counters.addToFund(manager, fundId, shard, count, count * amountFen);
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
    await this.counters.lockDonor(manager, refunded.campaignId, refunded.donorKey);
    const donorRemoved = await this.counters.removeDonorWithoutOtherPaid(manager, refunded.campaignId, refunded.donorKey, refunded.donationId);
    await this.counters.subtractRefunded(manager, {
      campaignId: refunded.campaignId,
      amountFen: refunded.amountFen,
      donorDelta: donorRemoved ? -1 : 0,
      paidAt: refunded.paidAt,
    });
    if (refunded.fundId) await this.countFund(manager, refunded.fundId, CORRECTION_SHARD, -1, refunded.amountFen);
    return { donorRemoved };
  }
}
