import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Campaign } from '../campaigns/campaign.entity';
import { Donation, DonationChannel, DonationStatus } from './donation.entity';

/** The staff search of donations (every field optional but the page size). */
export interface StaffDonationQuery {
  campaignCode?: string;
  orderNo?: string;
  status?: DonationStatus;
  flagged?: boolean;
  bankReference?: string;
  q?: string; // part of the donor's or payer's name
  amountFen?: number;
  channel?: string;
  from?: Date; // created at or after
  to?: Date; // created before
  limit: number;
}

/** The receipt request a donor sees for a gift: its status, the issued receipt's number, whether one was voided. */
export interface DonationReceiptRow {
  status: string;
  receiptNo: string | null;
  voided: boolean;
}

/** The columns of an order staff or the ledger may change (updated_at follows). */
export type DonationPatch = Partial<Pick<Donation, 'status' | 'flaggedAt' | 'flagReason' | 'messageHiddenAt' | 'messageHiddenReason' | 'paymentInstructions'>>;

/** A new pending order, as the intake writes it (personal data already sealed). */
export type NewOrder = Pick<
  Donation,
  | 'orderNo'
  | 'campaignId'
  | 'fundId'
  | 'channel'
  | 'amountFen'
  | 'donorName'
  | 'anonymous'
  | 'showOnWall'
  | 'phoneEnc'
  | 'phoneHash'
  | 'donorKey'
  | 'message'
  | 'idempotencyKey'
  | 'requestHash'
  | 'paymentInstructions'
  | 'expiresAt'
  | 'claimTokenHash'
  | 'payerOpenidEnc'
>;

/** What the intake answers about an order it just wrote. */
export type WrittenOrder = Pick<Donation, 'orderNo' | 'status' | 'amountFen' | 'createdAt' | 'expiresAt' | 'claimTokenHash'>;

/** The orders table: the intake's one statement per new order, the reads and the staff changes of an order. */
@Injectable()
export class DonationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes the order unless its Idempotency-Key (or, by chance, its order number) is already taken:
   * null then, and nothing written. One statement, one transaction.
   */
  async insertPending(o: NewOrder): Promise<WrittenOrder | null> {
    const rows: Array<{
      order_no: string;
      status: Donation['status'];
      amount_fen: string;
      created_at: Date;
      expires_at: Date | null;
      claim_token_hash: string | null;
    }> = await this.dataSource.query(
      `INSERT INTO donations
           (order_no, campaign_id, fund_id, channel, amount_fen, status, donor_name, anonymous, show_on_wall, phone_enc, phone_hash,
            donor_key, message, idempotency_key, request_hash, payment_instructions, expires_at, claim_token_hash, payer_openid_enc)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT DO NOTHING
         RETURNING order_no, status, amount_fen, created_at, expires_at, claim_token_hash`,
      [
        o.orderNo,
        o.campaignId,
        o.fundId,
        o.channel,
        o.amountFen,
        o.donorName,
        o.anonymous,
        o.showOnWall,
        o.phoneEnc,
        o.phoneHash,
        o.donorKey,
        o.message,
        o.idempotencyKey,
        o.requestHash,
        o.paymentInstructions === null ? null : JSON.stringify(o.paymentInstructions),
        o.expiresAt,
        o.claimTokenHash,
        o.payerOpenidEnc,
      ],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      orderNo: r.order_no,
      status: r.status,
      amountFen: Number(r.amount_fen),
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      claimTokenHash: r.claim_token_hash,
    };
  }
  findByIdempotencyKey(key: string): Promise<Donation | null> {
    return this.dataSource.getRepository(Donation).findOne({ where: { idempotencyKey: key } });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Donation> {
    return manager.getRepository(Donation).findOneByOrFail({ id });
  }

  findByOrderNo(orderNo: string, manager: EntityManager = this.dataSource.manager): Promise<Donation | null> {
    return manager.getRepository(Donation).findOne({ where: { orderNo } });
  }

  async findWithCampaign(orderNo: string): Promise<(Donation & { campaign: Campaign }) | null> {
    const donation = await this.dataSource.getRepository(Donation).findOne({ where: { orderNo }, relations: { campaign: true } });
    return donation as (Donation & { campaign: Campaign }) | null;
  }

  /** The order by its number, locked (FOR UPDATE) until the caller's transaction ends. */
  lockByOrderNo(manager: EntityManager, orderNo: string): Promise<Donation | null> {
    return manager.getRepository(Donation).findOne({ where: { orderNo }, lock: { mode: 'pessimistic_write' } });
  }

  /** The order by id, locked (FOR UPDATE) until the caller's transaction ends. */
  lockById(manager: EntityManager, id: string): Promise<Donation> {
    return manager.getRepository(Donation).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, patch: DonationPatch, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Donation, { id }, patch);
  }

  /** Keeps the JSAPI order made on the checkout page, only while the order is pending and has no payer yet. */
  async attachJsapiPayment(orderNo: string, payerOpenidEnc: string, payment: Donation['paymentInstructions']): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Donation)
      .set({ payerOpenidEnc, paymentInstructions: payment })
      .where('order_no = :orderNo AND status = :status AND payer_openid_enc IS NULL', { orderNo, status: 'pending' })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  /** Closes the orders left unpaid past their expiry (one conditional UPDATE); the orders closed. */
  async expirePending(): Promise<{ orderNo: string; channel: DonationChannel }[]> {
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows] = await this.dataSource.query<[{ order_no: string; channel: DonationChannel }[], number]>(
      `UPDATE donations SET status = 'failed', updated_at = now() WHERE status = 'pending' AND expires_at < now() RETURNING order_no, channel`,
    );
    return (rows ?? []).map((r) => ({ orderNo: r.order_no, channel: r.channel }));
  }

  /** The gift's latest receipt request (its own, or an aggregate one holding it), rejected ones last; null when none. */
  async latestReceiptRequest(donationId: string): Promise<DonationReceiptRow | null> {
    const rows: { status: string; receipt_no: string | null; voided: boolean }[] = await this.dataSource.query(
      `SELECT rr.status,
              (SELECT r.receipt_no FROM receipts r WHERE r.request_id = rr.id AND r.status = 'issued' ORDER BY r.created_at DESC LIMIT 1) AS receipt_no,
              EXISTS (SELECT 1 FROM receipts r WHERE r.request_id = rr.id AND r.status = 'voided') AS voided
         FROM receipt_requests rr
        WHERE rr.donation_id = $1
           -- or an aggregate request (合并开具) holding it
           OR EXISTS (SELECT 1 FROM receipt_request_gifts g WHERE g.request_id = rr.id AND g.donation_id = $1 AND g.held)
        ORDER BY (rr.status <> 'rejected') DESC, rr.created_at DESC
        LIMIT 1`,
      [donationId],
    );
    const r = rows[0];
    return r ? { status: r.status, receiptNo: r.receipt_no, voided: r.voided } : null;
  }

  /** The staff search: newest first, with the campaign, and the number of matches. */
  async search(query: StaffDonationQuery): Promise<{ rows: (Donation & { campaign: Campaign })[]; total: number }> {
    const qb = this.dataSource
      .getRepository(Donation)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.campaign', 'c')
      .orderBy('d.created_at', 'DESC')
      .limit(query.limit);
    if (query.campaignCode) qb.andWhere('c.code = :code', { code: query.campaignCode });
    if (query.orderNo) qb.andWhere('d.order_no = :orderNo', { orderNo: query.orderNo });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.flagged) qb.andWhere('d.flagged_at IS NOT NULL');
    if (query.bankReference) qb.andWhere('d.bank_reference = :ref', { ref: query.bankReference });
    if (query.q) qb.andWhere(`d.donor_name ILIKE :q ESCAPE '\\'`, { q: `%${query.q.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.amountFen !== undefined) qb.andWhere('d.amount_fen = :amount', { amount: query.amountFen });
    if (query.channel) qb.andWhere('d.channel = :channel', { channel: query.channel });
    if (query.from) qb.andWhere('d.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('d.created_at < :to', { to: query.to });
    const [rows, total] = await qb.getManyAndCount();
    return { rows: rows as (Donation & { campaign: Campaign })[], total };
  }
}
