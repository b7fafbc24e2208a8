import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { formatYuan } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { Donation } from '../donations/donation.entity';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { EMAIL_REJECTION, EmailRejectionJob, ISSUE_RECEIPT, IssueReceiptJob, RECEIPTS_QUEUE } from './receipt-jobs';
import { ReceiptRequest, ReceiptRequestStatus } from './receipt-request.entity';
import {
  RequestContact,
  RevealedPersonalDataView,
  ReviewedReceiptRequestListView,
  toRevealedPersonalDataView,
  toReviewedReceiptRequestView,
} from './dto/receipt-review.view';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ScreenshotStorage } from './screenshot-storage';
import { AggregateGiftRules, NamedGift } from './aggregate-gift-rules';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';

export interface ApproveResult {
  requestId: string;
  status: ReceiptRequestStatus;
}

/** Staff review of receipt requests: the queue of what the system could not match, approve, reject. */
@Injectable()
export class ReceiptReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pii: PiiCipher,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly screenshots: ScreenshotStorage,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly rules: AggregateGiftRules,
    private readonly requests: ReceiptRequestsRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  async screenshot(requestId: string): Promise<{ bytes: Buffer; type: string }> {
    const request = await this.lock(this.dataSource.manager, requestId, false);
    if (!request.screenshotPath) throw new DomainError('NOT_FOUND', '该申请没有上传付款截图');
    return this.screenshots.read(request.screenshotPath);
  }

  async list(query: { status?: ReceiptRequestStatus; campaignCode?: string; limit?: number }): Promise<ReviewedReceiptRequestListView> {
    const { total, rows } = await this.requests.listForReview({
      status: query.status,
      campaignCode: query.campaignCode,
      limit: Math.min(query.limit ?? 200, 1000),
    });
    const entities = rows.map((r) => r.request);
    const donationIds = entities.flatMap((r) => [r.donationId, r.proposedDonationId]).filter((id): id is string => id !== null);
    const donations = donationIds.length ? await this.sources.donationsByIds(donationIds) : [];
    const byId = new Map(donations.map((d) => [d.id, d]));
    // 合并开具: the orders each aggregate request lists (and whether it holds them yet).
    const listed = await this.gifts.requestGiftsOf(
      this.dataSource.manager,
      entities.filter((e) => e.aggregate).map((e) => e.id),
    );
    return {
      total,
      items: rows.map(({ request: r, campaignCode }) => toReviewedReceiptRequestView(r, campaignCode, this.contact(r), byId, listed.get(r.id) ?? [])),
    };
  }

  /** The request's personal data in clear, for a staff member who must see it; every reveal is audited. */
  async reveal(requestId: string, actor: StaffPrincipal): Promise<RevealedPersonalDataView> {
    return this.dataSource.transaction(async (manager) => {
      const r = await this.lock(manager, requestId, false);
      await this.audit.record(manager, actor, {
        action: 'receipt_request.reveal_personal_data',
        entity: 'receipt_request',
        entityId: r.id,
        after: { fields: ['idNumber', 'phone', 'email', 'mailingAddress'] },
      });
      return toRevealedPersonalDataView(r, this.contact(r));
    });
  }

  async approve(requestId: string, orderNo: string | undefined, actor: StaffPrincipal): Promise<ApproveResult> {
    const result = await this.approveOne(requestId, orderNo, actor);
    return { requestId: result.requestId, status: result.status };
  }

  /** The one approval path (single, bulk, and the mass-approval job); `changed` is false when it was approved already. */
  async approveOne(requestId: string, orderNo: string | undefined, actor: StaffPrincipal): Promise<ApproveResult & { changed: boolean }> {
    const result = await this.dataSource
      .transaction(async (manager) => {
        const request = await this.lock(manager, requestId);
        if (request.status === 'queued' || request.status === 'issued') return { requestId, status: request.status, changed: false };
        if (request.status === 'rejected') throw new DomainError('RECEIPT_REQUEST_CLOSED', '该申请已被驳回，请让捐赠人重新提交');
        if (request.aggregate) return this.approveAggregate(manager, request, orderNo, actor);
        const donation = await this.chooseDonation(manager, request, orderNo);
        if (donation.status !== 'paid') throw new DomainError('DONATION_NOT_PAID', '该笔捐赠尚未到账');
        if (donation.amountFen !== request.amountFen) {
          throw new DomainError('AMOUNT_MISMATCH', `申请金额 ${formatYuan(request.amountFen)} 元与该笔捐赠 ${formatYuan(donation.amountFen)} 元不一致`);
        }
        const live = await this.receipts.existsIssued(manager, { donationId: donation.id });
        if (live || (await this.gifts.liveReceiptIdsWith(manager, donation.id)).length > 0) {
          throw new DomainError('RECEIPT_ALREADY_REQUESTED', '该笔捐赠已开具过捐赠证明/票据');
        }
        const before = { status: request.status, donationId: request.donationId };
        await this.requests.update(manager, request.id, {
          status: 'queued',
          donationId: donation.id,
          matchMethod: request.donationId === donation.id ? request.matchMethod : 'staff',
          reviewedBy: actor.id,
          reviewedAt: new Date(),
        });
        const job: IssueReceiptJob = { requestId: request.id, issueKey: `request:${request.id}` };
        await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
        await this.audit.record(manager, actor, {
          action: 'receipt_request.approve',
          entity: 'receipt_request',
          entityId: request.id,
          before,
          after: { status: 'queued', donationId: donation.id, orderNo: donation.orderNo },
        });
        return { requestId, status: 'queued' as const, changed: true };
      })
      .catch((error) => {
        if (isUniqueViolation(error, 'receipt_requests_live_per_donation') || isUniqueViolation(error, 'receipt_request_gifts_held_per_donation')) {
          throw new DomainError('RECEIPT_ALREADY_REQUESTED', '该笔捐赠已有另一份票据申请');
        }
        throw error;
      });
    if (result.changed) this.outbox.flush();
    return { requestId: result.requestId, status: result.status, changed: result.changed };
  }

  /**
   * An aggregate request (合并开具): the orders it lists, each resolved in the campaign, checked as a
   * donor's proven request is (one fund, paid, the stated total, on no other live request or record),
   * then held and queued.
   */
  private async approveAggregate(manager: EntityManager, request: ReceiptRequest, orderNo: string | undefined, actor: StaffPrincipal) {
    if (orderNo) throw new DomainError('VALIDATION_FAILED', '合并开具的申请按其列出的订单批准，不能另指定 orderNo');
    const listed = await this.gifts.requestGifts(manager, request.id);
    const byOrderNo = await this.rules.donationsByOrderNo(
      manager,
      listed.map((g) => g.order_no),
    );
    const campaign = await this.sources.getCampaign(request.campaignId, manager);
    const named: NamedGift[] = listed.map((g) => ({ position: g.position, orderNo: g.order_no, donation: byOrderNo.get(g.order_no) ?? null }));
    await this.rules.check(manager, campaign, named, request.amountFen, request.id);
    await this.rules.hold(manager, request.id, named);
    await this.requests.update(manager, request.id, { status: 'queued', matchMethod: 'staff', reviewedBy: actor.id, reviewedAt: new Date() });
    const job: IssueReceiptJob = { requestId: request.id, issueKey: `request:${request.id}` };
    await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
    await this.audit.record(manager, actor, {
      action: 'receipt_request.approve',
      entity: 'receipt_request',
      entityId: request.id,
      before: { status: request.status },
      after: { status: 'queued', aggregate: true, orderNos: named.map((g) => g.orderNo) },
    });
    return { requestId: request.id, status: 'queued' as const, changed: true };
  }

  /** Approves many matched requests; each one in its own transaction, so one refusal stops nothing. */
  async approveMany(requestIds: string[], actor: StaffPrincipal) {
    const results: ({ requestId: string; status: ReceiptRequestStatus } | { requestId: string; code: string; message: string })[] = [];
    for (const requestId of [...new Set(requestIds)]) {
      try {
        results.push(await this.approve(requestId, undefined, actor));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        results.push({ requestId, code: error.code, message: error.message });
      }
    }
    return { queued: results.filter((r) => 'status' in r && r.status === 'queued').length, results };
  }

  async reject(requestId: string, reason: string, actor: StaffPrincipal): Promise<{ requestId: string; status: 'rejected'; rejectReason: string }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const request = await this.lock(manager, requestId);
      if (request.status === 'rejected') return { changed: false, reason: request.rejectReason ?? reason };
      if (request.status !== 'pending_review') throw new DomainError('RECEIPT_REQUEST_CLOSED', '该申请已批准开票，不能驳回；如需作废请作废票据');
      await this.requests.update(manager, request.id, { status: 'rejected', rejectReason: reason, reviewedBy: actor.id, reviewedAt: new Date() });
      const job: EmailRejectionJob = { requestId: request.id };
      await this.outbox.add(manager, RECEIPTS_QUEUE, EMAIL_REJECTION, { ...job });
      await this.audit.record(manager, actor, {
        action: 'receipt_request.reject',
        entity: 'receipt_request',
        entityId: request.id,
        before: { status: request.status },
        after: { status: 'rejected', rejectReason: reason },
      });
      return { changed: true, reason };
    });
    if (result.changed) this.outbox.flush();
    return { requestId, status: 'rejected', rejectReason: result.reason };
  }

  private async lock(manager: EntityManager, requestId: string, forUpdate = true): Promise<ReceiptRequest> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const request = uuid.test(requestId) ? await (forUpdate ? this.requests.lockById(manager, requestId) : this.requests.findById(requestId, manager)) : null;
    if (!request) throw new DomainError('RECEIPT_REQUEST_NOT_FOUND', '票据申请不存在');
    return request;
  }

  private async chooseDonation(manager: EntityManager, request: ReceiptRequest, orderNo: string | undefined): Promise<Donation> {
    if (orderNo) {
      const donation = await this.sources.findInCampaign(manager, request.campaignId, { orderNo });
      if (!donation) throw new DomainError('ORDER_NOT_FOUND', '该活动中没有这个订单号');
      return donation;
    }
    const id = request.donationId ?? request.proposedDonationId;
    if (!id) throw new DomainError('DONATION_REQUIRED', '该申请未匹配到捐赠记录，请指定订单号（orderNo）');
    return this.sources.getDonation(id, manager);
  }

  /** The request's personal data decrypted, for a view to mask (the queue) or show (a reveal). */
  private contact(r: ReceiptRequest): RequestContact {
    return {
      idNumber: r.idNumberEnc ? this.pii.decrypt(r.idNumberEnc) : null,
      phone: this.pii.decrypt(r.phoneEnc),
      email: this.pii.decrypt(r.emailEnc),
      mailingAddress: r.mailingAddressEnc ? this.pii.decrypt(r.mailingAddressEnc) : null,
    };
  }
}
