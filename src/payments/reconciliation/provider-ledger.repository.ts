import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '../../database/fen.transformer';

/** A payment a provider settled, as the ledger recorded it. */
export interface LedgerPayment {
  orderNo: string;
  transactionId: string;
  amountFen: number;
}

/**
 * What the providers' reconcilers and refund notifications read of the ledger (orders, payments,
 * refunds): reads only; every change goes through DonationLedgerService.
 */
@Injectable()
export class ProviderLedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The order numbers of the channel's orders still unpaid (pending or failed) from the last `hours`, oldest first. */
  async unpaidOrders(channel: 'wechatpay' | 'alipay', hours: number): Promise<string[]> {
    const rows: { order_no: string }[] = await this.dataSource.query(
      `SELECT order_no FROM donations WHERE channel = $2 AND status IN ('pending', 'failed') AND created_at > now() - make_interval(hours => $1) ORDER BY created_at`,
      [hours, channel],
    );
    return rows.map((r) => r.order_no);
  }

  /** The refund numbers of the provider's refunds still processing, oldest first. */
  async processingRefunds(provider: 'wechatpay'): Promise<string[]> {
    const rows: { refund_no: string }[] = await this.dataSource.query(
      `SELECT refund_no FROM refunds WHERE provider = $1 AND status = 'processing' ORDER BY created_at`,
      [provider],
    );
    return rows.map((r) => r.refund_no);
  }

  /** The provider's payments recorded on a Beijing calendar day (`YYYY-MM-DD`). */
  async paymentsOn(provider: 'wechatpay', day: string): Promise<LedgerPayment[]> {
    const rows: { order_no: string; transaction_id: string; amount_fen: string }[] = await this.dataSource.query(
      `SELECT d.order_no, p.transaction_id, p.amount_fen FROM payments p JOIN donations d ON d.id = p.donation_id
        WHERE p.provider = $2 AND (p.paid_at AT TIME ZONE 'Asia/Shanghai')::date = $1::date`,
      [day, provider],
    );
    return rows.map((r) => ({ orderNo: r.order_no, transactionId: r.transaction_id, amountFen: toSafeInteger(r.amount_fen) }));
  }

  /** The order's status and amount; null when there is no such order. */
  async order(orderNo: string): Promise<{ status: string; amountFen: number } | null> {
    const [donation]: { status: string; amount_fen: string }[] = await this.dataSource.query(`SELECT status, amount_fen FROM donations WHERE order_no = $1`, [
      orderNo,
    ]);
    return donation ? { status: donation.status, amountFen: Number(donation.amount_fen) } : null;
  }

  /** The refund's status; null when there is no such refund. */
  async refundStatus(refundNo: string): Promise<string | null> {
    const [refund]: { status: string }[] = await this.dataSource.query(`SELECT status FROM refunds WHERE refund_no = $1`, [refundNo]);
    return refund ? refund.status : null;
  }

  /** The refund's amount and the order it refunds; null when there is no such refund. */
  async refund(refundNo: string): Promise<{ amountFen: number; orderNo: string } | null> {
    const [known]: { amount_fen: string; order_no: string }[] = await this.dataSource.query(
      `SELECT r.amount_fen, d.order_no FROM refunds r JOIN donations d ON d.id = r.donation_id WHERE r.refund_no = $1`,
      [refundNo],
    );
    return known ? { amountFen: Number(known.amount_fen), orderNo: known.order_no } : null;
  }
}
