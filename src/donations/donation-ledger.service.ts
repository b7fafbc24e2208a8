import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import type { PaymentConfirmation } from '../payments/providers/payment-provider';
import { Payment } from '../payments/payment.entity';
import { TotalsCounters } from '../totals/totals-counters';
import { TotalsEvents } from '../totals/totals-events';
import { Donation } from './donation.entity';

export type ConfirmOutcome = 'PAID' | 'DUPLICATE' | 'DUPLICATE_PAYMENT';

/**
 * The one place where a donation becomes paid. One transaction: lock the order, record the
 * provider's payment (unique per provider transaction id), settle the order. A repeated
 * notification finds its payment already recorded and changes nothing.
 */
@Injectable()
export class DonationLedgerService {
  private readonly logger = new Logger(DonationLedgerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly totalsCounters: TotalsCounters,
    private readonly totalsEvents: TotalsEvents,
  ) {}

  async confirmPayment(confirmation: PaymentConfirmation): Promise<ConfirmOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const donation = await manager.getRepository(Donation).findOne({ where: { orderNo: confirmation.orderNo }, lock: { mode: 'pessimistic_write' } });
      if (!donation) return { outcome: 'ORDER_NOT_FOUND' as const };

      const known = await manager.getRepository(Payment).findOne({ where: { provider: confirmation.provider, transactionId: confirmation.transactionId } });
      if (known) {
        if (known.donationId !== donation.id) {
          this.logger.warn({ orderNo: confirmation.orderNo }, 'Transaction id reused for another order');
        }
        return { outcome: 'DUPLICATE' as const };
      }
      if (confirmation.amountFen !== donation.amountFen) {
        await manager.update(Donation, { id: donation.id }, {
          flaggedAt: new Date(),
          flagReason: `AMOUNT_MISMATCH: ${confirmation.provider} notified ${formatYuan(confirmation.amountFen)} for an order of ${formatYuan(donation.amountFen)} (transaction ${confirmation.transactionId})`,
        });
        return { outcome: 'AMOUNT_MISMATCH' as const, donation };
      }
      const settles = donation.status === 'pending' || donation.status === 'failed';
      await manager.insert(Payment, {
        donationId: donation.id,
        provider: confirmation.provider,
        transactionId: confirmation.transactionId,
        amountFen: confirmation.amountFen,
        applied: settles,
        paidAt: confirmation.paidAt,
      });
      if (settles) {
        await manager.update(Donation, { id: donation.id }, { status: 'paid', paidAt: confirmation.paidAt });
        // The public totals count it in the same transaction (sharded counters, no hot row).
        await this.totalsCounters.countPaid(manager, { campaignId: donation.campaignId, donorKey: donation.donorKey, amountFen: donation.amountFen, paidAt: confirmation.paidAt });
        return { outcome: 'PAID' as const, campaignId: donation.campaignId };
      }
      // Money arrived twice for one order: keep it on record and ask staff to refund it.
      await manager.update(Donation, { id: donation.id }, {
        flaggedAt: new Date(),
        flagReason: `DUPLICATE_PAYMENT: second payment ${confirmation.transactionId} of ${formatYuan(confirmation.amountFen)} for an order already ${donation.status}`,
      });
      return { outcome: 'DUPLICATE_PAYMENT' as const };
    });

    if (result.outcome === 'PAID') this.totalsEvents.changed(result.campaignId);
    if (result.outcome === 'ORDER_NOT_FOUND') throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    if (result.outcome === 'AMOUNT_MISMATCH') {
      throw new DomainError('AMOUNT_MISMATCH', '支付金额与订单金额不一致，已转人工核查', { orderAmountFen: result.donation.amountFen, notifiedAmountFen: confirmation.amountFen });
    }
    return result.outcome;
  }
}
