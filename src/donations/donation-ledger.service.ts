import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import type { PaymentConfirmation } from '../payment-providers/payment-provider';
import { TotalsCounters } from '../totals/totals-counters';
import { TotalsEvents } from '../totals/totals-events';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DonationLedgerRepository } from './donation-ledger.repository';
import { DonationsRepository } from './donations.repository';
import { REFUND_RECEIPT_STEP, RefundReceiptStep } from './refund-receipt-step';
import { RefundsRepository } from './refunds.repository';

export type ConfirmOutcome = 'PAID' | 'DUPLICATE' | 'DUPLICATE_PAYMENT';
export type RefundOutcome = 'REFUNDED' | 'DUPLICATE';
/** What a notification settled, as written to its log inside the ledger's transaction. */
export type LedgerOutcome = ConfirmOutcome | 'ORDER_NOT_FOUND' | 'AMOUNT_MISMATCH';
/** Writes alongside the ledger, in its transaction (a provider's notification log). */
export type LedgerJournal = (manager: EntityManager, outcome: LedgerOutcome) => Promise<void>;

type Settlement =
  | { outcome: 'PAID'; campaignId: string }
  | { outcome: 'DUPLICATE' | 'DUPLICATE_PAYMENT' | 'ORDER_NOT_FOUND' }
  | { outcome: 'AMOUNT_MISMATCH'; orderAmountFen: number };

/** A provider (or staff, for a bank transfer) says the refund is done. */
export interface RefundSettlement {
  refundNo: string;
  providerRefundId?: string | null;
  succeededAt: Date;
  /** Who settled it: the staff member for a synchronous refund, null for a provider's notification. */
  actor: StaffPrincipal | null;
  source: string;
}

/**
 * The one place where a donation becomes paid, or refunded. One transaction: lock the order, record
 * the provider's payment (unique per provider transaction id), settle the order. Only the provider
 * of the order's own channel can settle it. A repeated
 * notification finds its payment already recorded and changes nothing. A refund that succeeded
 * takes the donation out of the totals and voids its receipt in the same transaction.
 */
@Injectable()
export class DonationLedgerService {
  private readonly logger = new Logger(DonationLedgerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: DonationLedgerRepository,
    private readonly donations: DonationsRepository,
    private readonly refunds: RefundsRepository,
    private readonly totalsCounters: TotalsCounters,
    private readonly totalsEvents: TotalsEvents,
    private readonly audit: AuditLogService,
    @Inject(REFUND_RECEIPT_STEP) private readonly receipts: RefundReceiptStep,
  ) {}

  /**
   * `journal`, when given, is called inside the ledger's transaction with the outcome, before it
   * commits: a provider's notification is recorded with what it changed, or not at all.
   */
  async confirmPayment(confirmation: PaymentConfirmation, journal?: LedgerJournal): Promise<ConfirmOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const outcome = await this.settle(manager, confirmation);
      if (journal) await journal(manager, outcome.outcome);
      return outcome;
    });

    if (result.outcome === 'PAID') this.totalsEvents.changed(result.campaignId);
    if (result.outcome === 'ORDER_NOT_FOUND') throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    if (result.outcome === 'AMOUNT_MISMATCH') {
      throw new DomainError('AMOUNT_MISMATCH', '支付金额与订单金额不一致，已转人工核查', {
        orderAmountFen: result.orderAmountFen,
        notifiedAmountFen: confirmation.amountFen,
      });
    }
    return result.outcome;
  }

  private async settle(manager: EntityManager, confirmation: PaymentConfirmation): Promise<Settlement> {
    // The common case (this provider's order, this amount, not yet paid) is settled in one statement.
    const { order: donation, settled } = await this.ledger.lockAndSettle(manager, confirmation);
    // A provider settles only the orders of its own channel: a sandbox notification for a WeChat Pay
    // order (or a WeChat notification for an Alipay one) is an unknown order to that provider.
    if (!donation || donation.channel !== confirmation.provider) return { outcome: 'ORDER_NOT_FOUND' };
    if (settled) {
      // The public totals count it in the same transaction (sharded counters, no hot row).
      await this.totalsCounters.countPaid(manager, {
        campaignId: donation.campaignId,
        fundId: donation.fundId,
        donorKey: donation.donorKey,
        amountFen: donation.amountFen,
        paidAt: confirmation.paidAt,
      });
      return { outcome: 'PAID', campaignId: donation.campaignId };
    }

    // Not settled, the order still locked: a repeated notification, another amount, or money that came twice.
    if (confirmation.amountFen !== donation.amountFen) {
      // A repeated notification is a duplicate whatever it says; a new one with another amount is for staff.
      if (await this.ledger.paymentDonation(manager, confirmation.provider, confirmation.transactionId)) return { outcome: 'DUPLICATE' };
      await this.ledger.flag(
        manager,
        donation.id,
        `AMOUNT_MISMATCH: ${confirmation.provider} notified ${formatYuan(confirmation.amountFen)} for an order of ${formatYuan(donation.amountFen)} (transaction ${confirmation.transactionId})`,
      );
      return { outcome: 'AMOUNT_MISMATCH', orderAmountFen: donation.amountFen };
    }
    const unpaid = donation.status === 'pending' || donation.status === 'failed';
    // An unpaid order of the right amount was not settled only because this transaction id is known.
    const recorded =
      !unpaid &&
      (await this.ledger.recordPayment(manager, {
        donationId: donation.id,
        provider: confirmation.provider,
        transactionId: confirmation.transactionId,
        amountFen: confirmation.amountFen,
        paidAt: confirmation.paidAt,
        settles: false,
      }));
    if (!recorded) {
      const knownFor = await this.ledger.paymentDonation(manager, confirmation.provider, confirmation.transactionId);
      if (knownFor !== donation.id) this.logger.warn({ orderNo: confirmation.orderNo }, 'Transaction id reused for another order');
      return { outcome: 'DUPLICATE' };
    }
    // Money arrived twice for one order: keep it on record and ask staff to refund it.
    await this.ledger.flag(
      manager,
      donation.id,
      `DUPLICATE_PAYMENT: second payment ${confirmation.transactionId} of ${formatYuan(confirmation.amountFen)} for an order already ${donation.status}`,
    );
    return { outcome: 'DUPLICATE_PAYMENT' };
  }

  /**
   * A refund succeeded: the donation becomes `refunded`, the totals lose it (amount, count, the day
   * it was paid, the donor when it was their last gift), its receipt is voided and open receipt
   * requests are rejected; all or nothing. A repeated settlement changes nothing.
   */
  async settleRefund(settlement: RefundSettlement): Promise<RefundOutcome> {
    const result = await this.dataSource.transaction(async (manager) => {
      const found = await this.refunds.findByRefundNo(settlement.refundNo, manager);
      if (!found) throw new DomainError('NOT_FOUND', '退款单不存在');
      // The donation first, then the refund: the same order as a refund being asked for.
      const donation = await this.donations.lockById(manager, found.donationId);
      const refund = await this.refunds.lockById(manager, found.id);
      if (refund.status === 'succeeded') return { outcome: 'DUPLICATE' as const };
      await this.refunds.update(manager, refund.id, {
        status: 'succeeded',
        succeededAt: settlement.succeededAt,
        providerRefundId: settlement.providerRefundId ?? refund.providerRefundId,
        failureReason: null,
      });
      const after = { status: donation.status, refundNo: refund.refundNo, amountFen: refund.amountFen, source: settlement.source };
      if (donation.status !== 'paid' || !donation.paidAt) {
        // Money went back for an order the ledger does not count as paid: keep the record, ask staff.
        await this.donations.update(
          donation.id,
          {
            flaggedAt: new Date(),
            flagReason: `REFUND_OF_UNPAID: refund ${refund.refundNo} of ${formatYuan(refund.amountFen)} succeeded for an order ${donation.status}`,
          },
          manager,
        );
        await this.audit.record(manager, settlement.actor, {
          action: 'donation.refund_succeeded',
          entity: 'donation',
          entityId: donation.orderNo,
          before: { status: donation.status },
          after,
        });
        return { outcome: 'REFUNDED' as const };
      }
      await this.donations.update(donation.id, { status: 'refunded' }, manager);
      await this.totalsCounters.countRefunded(manager, {
        campaignId: donation.campaignId,
        fundId: donation.fundId,
        donationId: donation.id,
        donorKey: donation.donorKey,
        amountFen: donation.amountFen,
        paidAt: donation.paidAt,
      });
      const voided = await this.receipts.voidForRefund(manager, donation.id, `捐赠已退款：${refund.reason}`.slice(0, 500), settlement.actor);
      await this.audit.record(manager, settlement.actor, {
        action: 'donation.refund_succeeded',
        entity: 'donation',
        entityId: donation.orderNo,
        before: { status: 'paid' },
        after: { ...after, status: 'refunded', voidedReceipts: voided.voidedReceiptNos, rejectedRequests: voided.rejectedRequestIds.length },
      });
      return { outcome: 'REFUNDED' as const, campaignId: donation.campaignId };
    });
    if (result.outcome === 'REFUNDED' && 'campaignId' in result && result.campaignId) this.totalsEvents.changed(result.campaignId);
    return result.outcome;
  }

  /** The provider said no (or closed the refund): the refund is failed, the donation stays paid. */
  async failRefund(refundNo: string, reason: string, actor: StaffPrincipal | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const refund = await this.refunds.lockByRefundNo(manager, refundNo);
      if (!refund || refund.status !== 'processing') return;
      await this.refunds.update(manager, refund.id, { status: 'failed', failureReason: reason.slice(0, 500) });
      const donation = await this.donations.findById(refund.donationId, manager);
      await this.audit.record(manager, actor, {
        action: 'donation.refund_failed',
        entity: 'donation',
        entityId: donation.orderNo,
        before: { refundStatus: 'processing' },
        after: { refundStatus: 'failed', refundNo, reason: reason.slice(0, 500) },
      });
    });
  }
}
