import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Donation } from './donation.entity';

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

/** The orders table as the donation intake uses it: one statement per new order. */
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
}
