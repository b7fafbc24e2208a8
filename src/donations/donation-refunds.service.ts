import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { assertIdempotencyKey, assertSameRequest } from '../common/idempotency';
import { formatYuan } from '../common/money';
import { RefundFailure } from '../payment-providers/payment-provider';
import { PaymentProviders } from '../payment-providers/payment-providers';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DonationLedgerService } from './donation-ledger.service';
import { Donation } from './donation.entity';
import { DonationsRepository } from './donations.repository';
import { Refund } from './refund.entity';
import { NewRefund, RefundsRepository } from './refunds.repository';
import { RefundView, toRefundView } from './dto/refund.view';

export type { RefundView };

/**
 * Staff refunds of a whole donation. The intent is written first (one live refund per donation, a
 * unique index), then the provider is asked under that refund number; a retry after an unknown
 * answer asks again under the same number, so the provider refunds once. The ledger changes only
 * when the provider says the refund succeeded (here, or later in its notification).
 */
@Injectable()
export class DonationRefundsService {
  private readonly logger = new Logger(DonationRefundsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly donations: DonationsRepository,
    private readonly refunds: RefundsRepository,
    private readonly providers: PaymentProviders,
    private readonly ledger: DonationLedgerService,
    private readonly audit: AuditLogService,
  ) {}

  async refund(orderNo: string, input: { reason: string; amountFen?: number }, idempotencyKey: string | undefined, actor: StaffPrincipal): Promise<RefundView> {
    assertIdempotencyKey(idempotencyKey);
    const reason = input.reason.trim();
    const requestHash = createHash('sha256')
      .update(JSON.stringify([orderNo, reason, input.amountFen ?? null]))
      .digest('hex');
    const refund = await this.dataSource.transaction(async (manager) => {
      const donation = await this.donations.lockByOrderNo(manager, orderNo);
      if (!donation) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (idempotencyKey) {
        const replay = await this.refunds.findByIdempotencyKey(manager, idempotencyKey);
        if (replay) {
          assertSameRequest(replay.donationId === donation.id ? replay.requestHash : null, requestHash, '次不同的退款');
          return replay;
        }
      }
      const live = await this.refunds.findLive(manager, donation.id);
      // A refund whose answer was unknown is asked again under its own number (never a second refund).
      if (live?.status === 'processing') return live;
      if (live || donation.status === 'refunded') throw new DomainError('NOT_REFUNDABLE', '该笔捐赠已退款', { status: 'refunded' });
      if (donation.status !== 'paid') throw new DomainError('NOT_REFUNDABLE', '只有已支付的捐赠可以退款', { status: donation.status });
      if (input.amountFen !== undefined && input.amountFen !== donation.amountFen) {
        throw new DomainError('REFUND_AMOUNT_NOT_FULL', `只支持全额退款：${formatYuan(donation.amountFen)} 元`, { amountFen: donation.amountFen });
      }
      const provider = this.providerName(donation);
      const created: NewRefund = {
        donationId: donation.id,
        refundNo: `RF${randomBytes(15).toString('hex').toUpperCase()}`,
        provider,
        amountFen: donation.amountFen,
        reason,
        status: 'processing',
        idempotencyKey: idempotencyKey ?? null,
        requestHash,
        requestedBy: actor.id,
      };
      try {
        await this.refunds.insert(manager, created);
      } catch (error) {
        if (isUniqueViolation(error, 'refunds_idempotency_key_key')) throw new DomainError('IDEMPOTENCY_KEY_IN_USE', '该 Idempotency-Key 正被另一笔退款使用');
        throw error;
      }
      await this.audit.record(manager, actor, {
        action: 'donation.refund_requested',
        entity: 'donation',
        entityId: donation.orderNo,
        before: { status: donation.status },
        after: { refundNo: created.refundNo, amountFen: created.amountFen, reason, provider },
      });
      return this.refunds.getByRefundNo(created.refundNo, manager);
    });
    if (refund.status === 'processing') await this.ask(refund, orderNo, actor);
    return this.view(refund.refundNo);
  }

  async listFor(orderNo: string): Promise<{ items: RefundView[] }> {
    const donation = await this.donations.findByOrderNo(orderNo);
    if (!donation) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    const refunds = await this.refunds.forDonation(donation.id);
    return { items: refunds.map((r) => this.map(r, donation)) };
  }

  /** Asks the provider (or, for a bank transfer, takes staff's word) and settles what it answers. */
  private async ask(refund: Refund, orderNo: string, actor: StaffPrincipal): Promise<void> {
    const donation = await this.donations.findById(refund.donationId);
    if (refund.provider === 'manual') {
      await this.ledger.settleRefund({ refundNo: refund.refundNo, succeededAt: new Date(), actor, source: 'manual (bank transfer returned by staff)' });
      return;
    }
    const provider = this.providers.find(donation.channel);
    if (!provider?.refund || !provider.isEnabled()) {
      throw new DomainError('REFUND_PROVIDER_UNAVAILABLE', '该支付渠道当前未开通，暂时无法退款');
    }
    try {
      const result = await provider.refund({
        orderNo,
        refundNo: refund.refundNo,
        amountFen: refund.amountFen,
        totalFen: donation.amountFen,
        reason: refund.reason,
      });
      if (result.status === 'succeeded') {
        await this.ledger.settleRefund({
          refundNo: refund.refundNo,
          providerRefundId: result.providerRefundId,
          succeededAt: result.succeededAt ?? new Date(),
          actor,
          source: provider.channel,
        });
      } else if (result.providerRefundId) {
        await this.refunds.setProviderRefundId(refund.id, result.providerRefundId);
      }
    } catch (error) {
      if (!(error instanceof RefundFailure)) throw error;
      this.logger.warn({ orderNo, refundNo: refund.refundNo, definite: error.definite }, `Refund at ${provider.channel} failed: ${error.message}`);
      if (error.definite) {
        await this.ledger.failRefund(refund.refundNo, error.message, actor);
        throw new DomainError('REFUND_REFUSED', '支付渠道拒绝了退款，捐赠未变动', { refundNo: refund.refundNo, provider: provider.channel });
      }
      throw new DomainError('REFUND_PROVIDER_UNAVAILABLE', '支付渠道暂时无法确认退款，捐赠未变动；请稍后重试（沿用同一退款单号，不会重复退款）', {
        refundNo: refund.refundNo,
        provider: provider.channel,
      });
    }
  }

  /** Bank transfers are returned by staff at the bank; the refund only records it. */
  private providerName(donation: Donation): string {
    if (donation.channel === 'bank_transfer') return 'manual';
    const provider = this.providers.find(donation.channel);
    if (!provider?.refund || !provider.isEnabled()) throw new DomainError('REFUND_PROVIDER_UNAVAILABLE', '该支付渠道当前未开通，暂时无法退款');
    return donation.channel;
  }

  private async view(refundNo: string): Promise<RefundView> {
    const refund = await this.refunds.getByRefundNo(refundNo);
    const donation = await this.donations.findById(refund.donationId);
    return this.map(refund, donation);
  }

  private map(r: Refund, d: Donation): RefundView {
    return toRefundView(r, d);
  }
}
