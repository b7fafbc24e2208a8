import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { DomainError } from '../common/errors';
import { maskPhone } from '../common/masking';
import { PiiCipher } from '../common/pii-cipher';
import { Donation } from './donation.entity';
import { DonationsRepository } from './donations.repository';
import { RefundsRepository } from './refunds.repository';
import { ORDER_NO_PATTERN } from './order-number';
import { DonationView, StaffDonationListView, toDonationView, toStaffDonationView } from './dto/donation.view';
import { AuditLogService } from '../staff/audit/audit-log.service';
import { TotalsEvents } from '../totals/totals-events';
import type { StaffPrincipal } from '../staff/auth/staff-principal';

export type PublicDonationView = DonationView;

export type { StaffDonationQuery } from './donations.repository';
import type { StaffDonationQuery } from './donations.repository';

/** Reads of the ledger: the public view by order number (no personal data) and the staff search (masked). */
@Injectable()
export class DonationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly donations: DonationsRepository,
    private readonly refunds: RefundsRepository,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLogService,
    private readonly totalsEvents: TotalsEvents,
  ) {}

  async findWithCampaign(orderNo: string): Promise<Donation & { campaign: Campaign }> {
    const donation = ORDER_NO_PATTERN.test(orderNo) ? await this.donations.findWithCampaign(orderNo) : null;
    if (!donation) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    return donation;
  }

  async getPublic(orderNo: string): Promise<PublicDonationView> {
    const d = await this.findWithCampaign(orderNo);
    return toDonationView(d, await this.receiptOf(d.id));
  }

  /** The donation's latest receipt request, as the donor may see it (status and number only). */
  private async receiptOf(donationId: string): Promise<{ receipt?: { status: string; receiptNo?: string } }> {
    const row = await this.donations.latestReceiptRequest(donationId);
    if (!row) return {};
    if (row.status === 'issued' && !row.receiptNo) return { receipt: { status: row.voided ? 'voided' : 'queued' } };
    return { receipt: row.receiptNo ? { status: row.status, receiptNo: row.receiptNo } : { status: row.status } };
  }

  async search(query: StaffDonationQuery): Promise<StaffDonationListView> {
    const { rows, total } = await this.donations.search(query);
    const refunds = await this.refunds.latestOf(rows.map((d) => d.id));
    return {
      total,
      items: rows.map((d) => toStaffDonationView(d, d.phoneEnc ? maskPhone(this.pii.decrypt(d.phoneEnc)) : null, refunds.get(d.id) ?? null)),
    };
  }

  /**
   * Staff hide a donor's message from the public wall, or show it again; audited. The message is
   * kept (and still shown to staff); the wall stops showing it as soon as its cache is told.
   */
  async setMessageHidden(orderNo: string, hidden: boolean, reason: string | undefined, actor: StaffPrincipal) {
    const result = await this.dataSource.transaction(async (manager) => {
      const d = ORDER_NO_PATTERN.test(orderNo) ? await this.donations.lockByOrderNo(manager, orderNo) : null;
      if (!d) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (!d.message) throw new DomainError('NO_DONOR_MESSAGE', '这笔捐赠没有留言');
      if (hidden && !reason) throw new DomainError('VALIDATION_FAILED', '请填写隐藏留言的原因');
      const wasHidden = d.messageHiddenAt !== null;
      if (wasHidden !== hidden) {
        await this.donations.update(d.id, { messageHiddenAt: hidden ? new Date() : null, messageHiddenReason: hidden ? reason! : null }, manager);
        await this.audit.record(manager, actor, {
          action: hidden ? 'donation.hide_message' : 'donation.show_message',
          entity: 'donation',
          entityId: d.orderNo,
          before: { messageHidden: wasHidden, reason: d.messageHiddenReason },
          after: { messageHidden: hidden, ...(hidden ? { reason } : {}) },
        });
      }
      return {
        campaignId: d.campaignId,
        view: { orderNo: d.orderNo, messageHidden: hidden, messageHiddenReason: hidden ? (reason ?? d.messageHiddenReason) : null },
      };
    });
    // After the commit: the wall's cache (here and in the other processes) is dropped and re-read.
    this.totalsEvents.changed(result.campaignId);
    return result.view;
  }

  /** Staff mark a flagged donation resolved (refund made, money matched…); the flag stays in the audit log. */
  async resolveFlag(orderNo: string, note: string, actor: StaffPrincipal) {
    return this.dataSource.transaction(async (manager) => {
      const d = await this.donations.lockByOrderNo(manager, orderNo);
      if (!d) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (!d.flaggedAt) throw new DomainError('NOT_FLAGGED', '该笔捐赠没有待处理的异常');
      await this.donations.update(d.id, { flaggedAt: null, flagReason: null }, manager);
      await this.audit.record(manager, actor, {
        action: 'donation.resolve_flag',
        entity: 'donation',
        entityId: d.orderNo,
        before: { flaggedAt: d.flaggedAt.toISOString(), flagReason: d.flagReason },
        after: { resolved: true, note },
      });
      return { orderNo: d.orderNo, flagged: false };
    });
  }
}
