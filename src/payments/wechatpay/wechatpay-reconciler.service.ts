import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { WechatPayClient } from './wechatpay.client';

export interface ReconcileResult {
  checked: number;
  recovered: string[]; // paid at WeChat, notification never arrived: now paid in the ledger
  mismatched: string[]; // paid at WeChat with another amount: flagged for staff
  errors: string[];
}

/**
 * Recovers lost notifications: asks WeChat about every WeChat order still unpaid in the ledger
 * from the last `hours`, and settles those WeChat reports paid through the ledger path.
 */
@Injectable()
export class WechatPayReconcilerService {
  private readonly logger = new Logger(WechatPayReconcilerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly client: WechatPayClient,
    private readonly ledger: DonationLedgerService,
  ) {}

  async reconcile(hours = 48): Promise<ReconcileResult> {
    const rows: { order_no: string }[] = await this.dataSource.query(
      `SELECT order_no FROM donations WHERE channel = 'wechatpay' AND status IN ('pending', 'failed') AND created_at > now() - make_interval(hours => $1) ORDER BY created_at`,
      [hours],
    );
    const result: ReconcileResult = { checked: rows.length, recovered: [], mismatched: [], errors: [] };
    for (const { order_no: orderNo } of rows) {
      try {
        const tx = await this.client.queryOrder(orderNo);
        if (!tx || tx.trade_state !== 'SUCCESS' || !tx.transaction_id || !tx.amount) continue;
        const paidAt = parseTimestamp(tx.success_time) ?? new Date();
        await this.ledger.confirmPayment({ provider: 'wechatpay', orderNo, transactionId: tx.transaction_id, amountFen: tx.amount.total, paidAt });
        result.recovered.push(orderNo);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'AMOUNT_MISMATCH') result.mismatched.push(orderNo);
        else result.errors.push(`${orderNo}: ${(error as Error).message}`);
      }
    }
    if (result.recovered.length || result.mismatched.length || result.errors.length) {
      this.logger.warn({ checked: result.checked, recovered: result.recovered.length, mismatched: result.mismatched.length, errors: result.errors.length }, 'WeChat Pay reconciliation found differences');
    }
    return result;
  }
}
