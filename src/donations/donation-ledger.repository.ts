import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DonationChannel, DonationStatus } from './donation.entity';

/** What the ledger needs of an order it settles (read under its row lock). */
export interface LockedOrder {
  id: string;
  campaignId: string;
  fundId: string | null;
  channel: DonationChannel;
  amountFen: number;
  status: DonationStatus;
  donorKey: string;
}

export interface NewPayment {
  donationId: string;
  provider: string;
  transactionId: string;
  amountFen: number;
  paidAt: Date;
  /** This payment settles the order (pending or failed → paid); false records money that came twice. */
  settles: boolean;
}

/**
 * The statements of a payment becoming part of the ledger, each run inside the caller's transaction
 * (`manager`). Plain SQL, a few round trips: this is the hottest write path of a campaign.
 */
@Injectable()
export class DonationLedgerRepository {
  /**
   * The common case in one statement: lock the order and, when it is this provider's, of this
   * amount and not yet paid, record the payment and mark the order paid. Returns the order as locked
   * (null when there is none) and whether it was settled; every other case is the caller's to sort
   * out with the row still locked.
   */
  async lockAndSettle(
    manager: EntityManager,
    c: { orderNo: string; provider: string; transactionId: string; amountFen: number; paidAt: Date },
  ): Promise<{ order: LockedOrder | null; settled: boolean }> {
    const rows: Array<Record<string, string | number | null>> = await manager.query(
      `WITH d AS (
         SELECT id, campaign_id, fund_id, channel, amount_fen, status, donor_key FROM donations WHERE order_no = $1 FOR UPDATE
       ), payment AS (
         INSERT INTO payments (donation_id, provider, transaction_id, amount_fen, applied, paid_at)
         SELECT d.id, $2, $3, $4, true, $5 FROM d WHERE d.channel = $2 AND d.amount_fen = $4 AND d.status IN ('pending', 'failed')
         ON CONFLICT ON CONSTRAINT payments_provider_transaction_key DO NOTHING
         RETURNING donation_id
       ), settled AS (
         UPDATE donations SET status = 'paid', paid_at = $5, updated_at = now() WHERE id IN (SELECT donation_id FROM payment) RETURNING id
       )
       SELECT d.id, d.campaign_id, d.fund_id, d.channel, d.amount_fen, d.status, d.donor_key, (SELECT count(*) FROM settled)::int AS settled FROM d`,
      [c.orderNo, c.provider, c.transactionId, c.amountFen, c.paidAt],
    );
    const r = rows[0];
    if (!r) return { order: null, settled: false };
    return { order: toLockedOrder(r), settled: r.settled === 1 };
  }

  /** The order, locked until the transaction ends; null when there is none. */
  async lockOrder(manager: EntityManager, orderNo: string): Promise<LockedOrder | null> {
    const rows: Array<Record<string, string | number | null>> = await manager.query(
      `SELECT id, campaign_id, fund_id, channel, amount_fen, status, donor_key FROM donations WHERE order_no = $1 FOR UPDATE`,
      [orderNo],
    );
    return rows[0] ? toLockedOrder(rows[0]) : null;
  }

  /** The donation a provider's transaction id was already recorded for, if it was. */
  async paymentDonation(manager: EntityManager, provider: string, transactionId: string): Promise<string | null> {
    const rows: Array<{ donation_id: string }> = await manager.query(`SELECT donation_id FROM payments WHERE provider = $1 AND transaction_id = $2`, [
      provider,
      transactionId,
    ]);
    return rows[0]?.donation_id ?? null;
  }

  /**
   * Records the payment (unique per provider transaction id) and, when it settles the order, marks
   * the order paid: one statement. False when that transaction id is already recorded (nothing changed).
   */
  async recordPayment(manager: EntityManager, p: NewPayment): Promise<boolean> {
    const rows: Array<{ recorded: number }> = await manager.query(
      `WITH payment AS (
         INSERT INTO payments (donation_id, provider, transaction_id, amount_fen, applied, paid_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT payments_provider_transaction_key DO NOTHING
         RETURNING donation_id
       ), settled AS (
         UPDATE donations SET status = 'paid', paid_at = $6, updated_at = now()
          WHERE id = $1 AND $5::boolean AND EXISTS (SELECT 1 FROM payment)
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM payment)::int AS recorded, (SELECT count(*) FROM settled)::int AS settled`,
      [p.donationId, p.provider, p.transactionId, p.amountFen, p.settles, p.paidAt],
    );
    return rows[0].recorded === 1;
  }

  /** Marks the order for staff to look at (an amount that does not match, money that came twice). */
  async flag(manager: EntityManager, donationId: string, reason: string): Promise<void> {
    await manager.query(`UPDATE donations SET flagged_at = now(), flag_reason = $2, updated_at = now() WHERE id = $1`, [donationId, reason]);
  }
}

function toLockedOrder(r: Record<string, string | number | null>): LockedOrder {
  return {
    id: r.id as string,
    campaignId: r.campaign_id as string,
    fundId: r.fund_id as string | null,
    channel: r.channel as DonationChannel,
    amountFen: Number(r.amount_fen),
    status: r.status as DonationStatus,
    donorKey: r.donor_key as string,
  };
}
