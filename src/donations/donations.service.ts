import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { DomainError } from '../common/errors';
import { maskPhone } from '../common/masking';
import { PiiCipher } from '../common/pii-cipher';
import { Donation, DonationStatus } from './donation.entity';
import { ORDER_NO_PATTERN } from './order-number';
import { DonationView, StaffDonationListView, toDonationView, toStaffDonationView } from './dto/donation.view';
import { AuditLogService } from '../staff/audit/audit-log.service';
import { TotalsEvents } from '../totals/totals-events';
import type { StaffPrincipal } from '../staff/auth/staff-principal';

export type PublicDonationView = DonationView;

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

/** Reads of the ledger: the public view by order number (no personal data) and the staff search (masked). */
@Injectable()
export class DonationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly audit: AuditLogService,
    private readonly totalsEvents: TotalsEvents,
  ) {}

  async findWithCampaign(orderNo: string): Promise<Donation & { campaign: Campaign }> {
    const donation = ORDER_NO_PATTERN.test(orderNo)
      ? await this.dataSource.getRepository(Donation).findOne({ where: { orderNo }, relations: { campaign: true } })
      : null;
    if (!donation) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
    return donation as Donation & { campaign: Campaign };
  }

  async getPublic(orderNo: string): Promise<PublicDonationView> {
    const d = await this.findWithCampaign(orderNo);
    return toDonationView(d, await this.receiptOf(d.id));
  }

  /** The donation's latest receipt request, as the donor may see it (status and number only). */
  private async receiptOf(donationId: string): Promise<{ receipt?: { status: string; receiptNo?: string } }> {
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
    if (rows.length === 0) return {};
    const [row] = rows;
    if (row.status === 'issued' && !row.receipt_no) return { receipt: { status: row.voided ? 'voided' : 'queued' } };
    return { receipt: row.receipt_no ? { status: row.status, receiptNo: row.receipt_no } : { status: row.status } };
  }

  async search(query: StaffDonationQuery): Promise<StaffDonationListView> {
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
    const refunds = await this.latestRefunds(rows.map((d) => d.id));
    return {
      total,
      items: rows.map((d) => toStaffDonationView(d, d.phoneEnc ? maskPhone(this.pii.decrypt(d.phoneEnc)) : null, refunds.get(d.id) ?? null)),
    };
  }

  /** The latest refund of each donation listed (status and reason, for the console). */
  private async latestRefunds(donationIds: string[]): Promise<Map<string, { refundNo: string; status: string; reason: string; failureReason: string | null }>> {
    if (donationIds.length === 0) return new Map();
    const rows: { donation_id: string; refund_no: string; status: string; reason: string; failure_reason: string | null }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (donation_id) donation_id, refund_no, status, reason, failure_reason FROM refunds WHERE donation_id = ANY($1::uuid[]) ORDER BY donation_id, created_at DESC`,
      [donationIds],
    );
    return new Map(rows.map((r) => [r.donation_id, { refundNo: r.refund_no, status: r.status, reason: r.reason, failureReason: r.failure_reason }]));
  }

  /**
   * Staff hide a donor's message from the public wall, or show it again; audited. The message is
   * kept (and still shown to staff); the wall stops showing it as soon as its cache is told.
   */
  async setMessageHidden(orderNo: string, hidden: boolean, reason: string | undefined, actor: StaffPrincipal) {
    const result = await this.dataSource.transaction(async (manager) => {
      const d = ORDER_NO_PATTERN.test(orderNo)
        ? await manager.getRepository(Donation).findOne({ where: { orderNo }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!d) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (!d.message) throw new DomainError('NO_DONOR_MESSAGE', '这笔捐赠没有留言');
      if (hidden && !reason) throw new DomainError('VALIDATION_FAILED', '请填写隐藏留言的原因');
      const wasHidden = d.messageHiddenAt !== null;
      if (wasHidden !== hidden) {
        await manager.update(Donation, { id: d.id }, { messageHiddenAt: hidden ? new Date() : null, messageHiddenReason: hidden ? reason! : null });
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
      const d = await manager.getRepository(Donation).findOne({ where: { orderNo }, lock: { mode: 'pessimistic_write' } });
      if (!d) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (!d.flaggedAt) throw new DomainError('NOT_FLAGGED', '该笔捐赠没有待处理的异常');
      await manager.update(Donation, { id: d.id }, { flaggedAt: null, flagReason: null });
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
