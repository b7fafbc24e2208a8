import { Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../common/errors';
import { parseYuanToFen } from '../../common/money';
import { parseTimestamp } from '../../common/text';
import { DonationLedgerService } from '../../donations/donation-ledger.service';
import { ProviderLedgerRepository } from '../reconciliation/provider-ledger.repository';
import { AlipayClient } from '../../payment-providers/alipay/alipay.client';

export interface AlipayReconcileResult {
  checked: number;
  recovered: string[]; // paid at Alipay, notification never arrived: now paid in the ledger
  mismatched: string[]; // paid at Alipay with another amount: flagged for staff
  errors: string[];
}

/**
 * Recovers lost Alipay notifications: asks alipay.trade.query about every Alipay order still unpaid
 * in the ledger from the last `hours` and settles the paid ones through the ledger's one path.
 */
@Injectable()
export class AlipayReconcilerService {
  private readonly logger = new Logger(AlipayReconcilerService.name);

  constructor(
    private readonly orders: ProviderLedgerRepository,
    private readonly client: AlipayClient,
    private readonly ledger: DonationLedgerService,
  ) {}

  async reconcile(hours = 48): Promise<AlipayReconcileResult> {
    const rows = await this.orders.unpaidOrders('alipay', hours);
    const result: AlipayReconcileResult = { checked: rows.length, recovered: [], mismatched: [], errors: [] };
    for (const orderNo of rows) {
      try {
        const trade = await this.client.queryTrade(orderNo);
        if (!trade || (trade.trade_status !== 'TRADE_SUCCESS' && trade.trade_status !== 'TRADE_FINISHED') || !trade.trade_no || !trade.total_amount) continue;
        const paidAt = (trade.send_pay_date && parseTimestamp(trade.send_pay_date.replace(' ', 'T') + '+08:00')) || new Date();
        await this.ledger.confirmPayment({ provider: 'alipay', orderNo, transactionId: trade.trade_no, amountFen: parseYuanToFen(trade.total_amount), paidAt });
        result.recovered.push(orderNo);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'AMOUNT_MISMATCH') result.mismatched.push(orderNo);
        else result.errors.push(`${orderNo}: ${(error as Error).message}`);
      }
    }
    if (result.recovered.length || result.mismatched.length || result.errors.length) {
      this.logger.warn(
        { checked: result.checked, recovered: result.recovered.length, mismatched: result.mismatched.length, errors: result.errors.length },
        'Alipay reconciliation found differences',
      );
    }
    return result;
  }
}
