import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { ReissueReceiptDto } from './dto/review.dto';
import { OfficialReceiptsRepository } from './official-receipts.repository';
import { ReceiptVerificationView, toReceiptVerificationView } from './dto/receipt-request.view';
import { ReceiptDetailsView, ReceiptListView, toReceiptDetailsView, toReceiptSummaryView } from './dto/receipt.view';
import { OfficialReceiptsService } from './official-receipts.service';
import { ReceiptIssuerService } from './receipt-issuer.service';
import {
  EMAIL_RECEIPT,
  EMAIL_VOIDED,
  EmailReceiptJob,
  EmailVoidedJob,
  ISSUE_RECEIPT,
  IssueReceiptJob,
  RECEIPTS_QUEUE,
  VOID_FISCAL,
  VoidFiscalJob,
} from './receipt-jobs';
import { ReceiptSigner } from './receipt-signer';
import { Receipt } from './receipt.entity';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { receiptFund } from './receipt-project.repository';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';
import { AggregateGiftRules } from './aggregate-gift-rules';
import { ReceiptGlyphCoverage } from './pdf/receipt-glyph-coverage';
import { receiptSends } from './receipt-sends.repository';
import type { RefundReceiptStep } from '../donations/refund-receipt-step';

const RECEIPT_NO = /^[A-Z]{2,8}-\d{4}-\d{8}$/;

/** Issued receipts: staff look-up, PDF, void and reissue; public verification. */
@Injectable()
export class ReceiptsService implements RefundReceiptStep {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly signer: ReceiptSigner,
    private readonly issuer: ReceiptIssuerService,
    private readonly officials: OfficialReceiptsService,
    private readonly officialsRepo: OfficialReceiptsRepository,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly rules: AggregateGiftRules,
    private readonly glyphs: ReceiptGlyphCoverage,
    private readonly receipts: ReceiptsRepository,
    private readonly requests: ReceiptRequestsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  async details(receiptNo: string): Promise<ReceiptDetailsView> {
    const receipt = await this.find(receiptNo);
    const [campaign, donation] = await Promise.all([
      this.sources.getCampaign(receipt.campaignId),
      receipt.donationId ? this.sources.findDonation(receipt.donationId) : Promise.resolve(null),
    ]);
    const replacedBy = await this.receipts.findReplacementOf(receipt.id);
    const replaces = receipt.replacesReceiptId ? await this.receipts.findById(receipt.replacesReceiptId) : null;
    const fund = await receiptFund(this.dataSource.manager, receipt);
    const gifts = receipt.aggregate ? await this.gifts.receiptGifts(this.dataSource.manager, receipt.id) : [];
    return toReceiptDetailsView(receipt, {
      campaign,
      fund,
      gifts,
      orderNo: donation?.orderNo ?? null,
      replacesReceiptNo: replaces?.receiptNo ?? null,
      replacedByReceiptNo: replacedBy?.receiptNo ?? null,
      verifyUrl: this.signer.verifyUrl(receipt.receiptNo),
      official: await this.officials.official(receipt.id),
    });
  }

  /** The stored PDF of a live receipt; a voided one is rendered again with its 作废 mark. */
  async pdf(receiptNo: string): Promise<Buffer> {
    const receipt = await this.find(receiptNo);
    if (receipt.status === 'voided') return this.issuer.renderPdf(receipt, true);
    if (!receipt.pdfPath || !receipt.pdfSha256) throw new DomainError('RECEIPT_NOT_READY', '票据 PDF 正在生成，请稍后再试');
    return this.issuer.storedPdf(receipt);
  }

  async void(receiptNo: string, reason: string, actor: StaffPrincipal) {
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lock(manager, receiptNo);
      if (receipt.status === 'voided') return;
      await this.receipts.markVoided(manager, receipt.id, { voidedAt: new Date(), voidReason: reason, voidedBy: actor.id });
      // Its official receipt is void with it; a paper number stays used (shown as voided), never released.
      await this.officialsRepo.markOfficialVoided(manager, receipt.id);
      // An aggregate's gifts are free again: each may be asked for anew, alone or with others.
      if (receipt.aggregate) await this.gifts.releaseRequestGifts(manager, receipt.requestId);
      await this.tellDonorVoided(manager, receipt.id, false);
      await this.audit.record(manager, actor, {
        action: 'receipt.void',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        before: { status: 'issued' },
        after: { status: 'voided', voidReason: reason },
      });
    });
    return this.details(receiptNo);
  }

  /**
   * A refunded donation keeps no receipt. Inside the refund's transaction: its requests are locked
   * (a worker issuing one finishes first), open ones rejected, and a live receipt voided, audited.
   */
  async voidForRefund(manager: EntityManager, donationId: string, reason: string, actor: StaffPrincipal | null) {
    await this.requests.lockByDonation(manager, donationId);
    // Aggregate requests (合并开具) holding it too: open ones are rejected (their other gifts go free).
    const aggregates = await this.gifts.lockAggregateRequestsHolding(manager, donationId);
    const rejected = await this.requests.rejectOpen(
      manager,
      donationId,
      reason,
      aggregates.map((a) => a.id),
    );
    const liveIds = await this.gifts.liveReceiptIdsWith(manager, donationId);
    const live = liveIds.length ? await this.receipts.lockIssued(manager, liveIds) : [];
    for (const receipt of live) {
      await this.receipts.markVoided(manager, receipt.id, { voidedAt: new Date(), voidReason: reason, voidedBy: actor?.id ?? null });
      await this.officialsRepo.markOfficialVoided(manager, receipt.id);
      // An aggregate record with a refunded gift is voided whole; its other gifts may be asked for again.
      if (receipt.aggregate) await this.gifts.releaseRequestGifts(manager, receipt.requestId);
      await this.tellDonorVoided(manager, receipt.id, false);
      await this.audit.record(manager, actor, {
        action: 'receipt.void',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        before: { status: 'issued' },
        after: { status: 'voided', voidReason: reason },
      });
    }
    return { voidedReceiptNos: live.map((r) => r.receiptNo), rejectedRequestIds: rejected };
  }

  /** Voids the receipt (if still live) and queues a new one, with a new number, for the same donation. */
  async reissue(receiptNo: string, dto: ReissueReceiptDto, actor: StaffPrincipal) {
    // Checked before anything changes: a refused reissue leaves the old receipt live.
    this.glyphs.assertPrintable('name', '名称', dto.name);
    this.glyphs.assertPrintable('invoiceTitle', '票据抬头', dto.invoiceTitle);
    const queued = await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lock(manager, receiptNo);
      const issueKey = `reissue:${receipt.id}`;
      const already = await this.receipts.findByIssueKey(issueKey, manager);
      const pending = await this.outbox.countWritten(manager, ISSUE_RECEIPT, 'issueKey', issueKey);
      if (already || pending > 0) return false;
      const reason = dto.reason ?? '重新开具';
      if (receipt.status === 'issued') {
        await this.receipts.markVoided(manager, receipt.id, { voidedAt: new Date(), voidReason: reason, voidedBy: actor.id });
        await this.officialsRepo.markOfficialVoided(manager, receipt.id);
        await this.tellDonorVoided(manager, receipt.id, true);
      }
      // An aggregate is reissued for the same gifts: the request holds them again if a void let them go.
      if (receipt.aggregate) await this.holdForReissue(manager, receipt);
      const job: IssueReceiptJob = {
        requestId: receipt.requestId,
        issueKey,
        replacesReceiptId: receipt.id,
        overrides: { name: dto.name ?? receipt.donorName, invoiceTitle: dto.invoiceTitle ?? receipt.invoiceTitle },
      };
      await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
      await this.audit.record(manager, actor, {
        action: 'receipt.reissue',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        before: { status: receipt.status, donorName: receipt.donorName, invoiceTitle: receipt.invoiceTitle },
        after: { status: 'voided', voidReason: reason, reissueAs: job.overrides },
      });
      return true;
    });
    if (queued) this.outbox.flush();
    return { status: 'queued' as const, replacesReceiptNo: receiptNo };
  }

  /** The gifts of a voided aggregate, held again by its request for the new record (none may be on another meanwhile). */
  private async holdForReissue(manager: EntityManager, receipt: Receipt): Promise<void> {
    const gifts = await this.gifts.receiptGifts(manager, receipt.id);
    const campaign = await this.sources.getCampaign(receipt.campaignId, manager);
    const byOrderNo = await this.rules.donationsByOrderNo(
      manager,
      gifts.map((g) => g.order_no),
    );
    const listed = await this.gifts.requestGifts(manager, receipt.requestId);
    const named = listed
      .filter((row) => gifts.some((g) => g.donation_id === row.donation_id))
      .map((row) => ({ position: row.position, orderNo: row.order_no, donation: byOrderNo.get(row.order_no) ?? null }));
    if (named.length !== gifts.length) throw new DomainError('RECEIPT_REQUEST_CLOSED', '该合并开具记录的捐赠与申请不一致，请重新申请');
    await this.rules.check(manager, campaign, named, receipt.amountFen, receipt.requestId);
    await this.rules.hold(manager, receipt.requestId, named);
  }

  async search(query: { campaignCode?: string; status?: 'issued' | 'voided'; q?: string }): Promise<ReceiptListView> {
    const rows = await this.receipts.search(query);
    return { items: rows.map(toReceiptSummaryView) };
  }

  /** Staff re-send of a live receipt's e-mail (a new send job, audited). */
  async resend(receiptNo: string, actor: StaffPrincipal) {
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.lock(manager, receiptNo);
      if (receipt.status !== 'issued' || !receipt.pdfSha256) throw new DomainError('RECEIPT_NOT_READY', '只能重发已开具且已生成 PDF 的票据');
      // A second click while the last send is still on its way sends nothing more (and says which send).
      const { sendNo, queued } = await receiptSends.next(manager, receipt.id, { unlessPending: true });
      if (queued) {
        const job: EmailReceiptJob = { receiptId: receipt.id, sendNo };
        await this.outbox.add(manager, RECEIPTS_QUEUE, EMAIL_RECEIPT, { ...job });
      }
      await this.audit.record(manager, actor, {
        action: 'receipt.resend',
        entity: 'receipt',
        entityId: receipt.receiptNo,
        after: { sendNo, pending: !queued },
      });
    });
    this.outbox.flush();
    return { status: 'queued' as const };
  }

  /** Public verification: a wrong signature and an unknown number look the same. */
  async verify(receiptNo: string, signature: unknown): Promise<ReceiptVerificationView> {
    if (!RECEIPT_NO.test(receiptNo) || !this.signer.verify(receiptNo, signature)) throw notFound();
    const receipt = await this.receipts.findByReceiptNo(receiptNo);
    if (!receipt) throw notFound();
    const campaign = await this.sources.getCampaign(receipt.campaignId);
    const official = await this.officials.official(receipt.id);
    const replacedBy = await this.receipts.findReplacementOf(receipt.id);
    return toReceiptVerificationView(receipt, {
      campaign,
      giftCount: receipt.aggregate ? (await this.gifts.receiptGifts(this.dataSource.manager, receipt.id)).length : 1,
      official,
      replacedBy: replacedBy ? { receiptNo: replacedBy.receiptNo, status: replacedBy.status, verifyUrl: this.signer.verifyUrl(replacedBy.receiptNo) } : null,
    });
  }

  /** The donor is told by e-mail that a receipt was voided (and, for a reissue, that a new one follows). */
  private async tellDonorVoided(manager: EntityManager, receiptId: string, reissue: boolean): Promise<void> {
    const job: EmailVoidedJob = { receiptId, reissue };
    await this.outbox.add(manager, RECEIPTS_QUEUE, EMAIL_VOIDED, { ...job });
    // A receipt the platform issued is voided on the platform too (a job, retried like the issue).
    const official = await this.officialsRepo.officialOf(manager, receiptId);
    if (official?.source === 'platform') {
      const voidJob: VoidFiscalJob = { receiptId };
      await this.outbox.add(manager, RECEIPTS_QUEUE, VOID_FISCAL, { ...voidJob });
    }
  }

  private async find(receiptNo: string): Promise<Receipt> {
    const receipt = RECEIPT_NO.test(receiptNo) ? await this.receipts.findByReceiptNo(receiptNo) : null;
    if (!receipt) throw notFound();
    return receipt;
  }

  private async lock(manager: import('typeorm').EntityManager, receiptNo: string): Promise<Receipt> {
    const receipt = RECEIPT_NO.test(receiptNo) ? await this.receipts.lockByReceiptNo(manager, receiptNo) : null;
    if (!receipt) throw notFound();
    return receipt;
  }
}

function notFound(): DomainError {
  return new DomainError('RECEIPT_NOT_FOUND', '票据不存在或核验码不正确');
}
