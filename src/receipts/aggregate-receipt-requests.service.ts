import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText } from '../common/text';
import { ClaimTokens } from '../donations/claim-token';
import { ORDER_NO_PATTERN } from '../donations/order-number';
import { OutboxService } from '../outbox/outbox.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { AggregateGiftRules, alreadyOnAnother, NamedGift } from './aggregate-gift-rules';
import { CreateReceiptRequestDto, StaffAggregateReceiptRequestDto } from './dto/create-receipt-request.dto';
import { OfficialReceiptsRepository } from './official-receipts.repository';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';
import { ISSUE_RECEIPT, IssueReceiptJob, RECEIPTS_QUEUE } from './receipt-jobs';
import { ReceiptRequest, ReceiptRequestStatus } from './receipt-request.entity';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptRequestsService } from './receipt-requests.service';
import { ScreenshotStorage } from './screenshot-storage';

/**
 * Aggregate receipts (合并开具): a donor with several gifts asks for one record listing them all.
 * With every gift proven by its claim token the request holds them (one live request per gift, of
 * either kind: a partial unique index) and is queued when the campaign auto-approves; refusals may
 * then speak of the gifts. With any gift unproven it holds nothing and waits for staff, and its
 * answer says nothing about the orders it names.
 */
@Injectable()
export class AggregateReceiptRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly requests: ReceiptRequestsService,
    private readonly rules: AggregateGiftRules,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly claims: ClaimTokens,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    private readonly officials: OfficialReceiptsRepository,
    private readonly screenshots: ScreenshotStorage,
    private readonly requestRows: ReceiptRequestsRepository,
  ) {}

  /** The donor's request; `claimOf` gives the token of an order (the item's, else the browser's cookie). */
  async create(
    dto: CreateReceiptRequestDto,
    claimOf: (orderNo: string, given: string | undefined) => string | undefined,
    screenshot: Buffer | null = null,
  ): Promise<{ requestId: string; status: ReceiptRequestStatus }> {
    if (cleanText(dto.orderNo) || cleanText(dto.bankReference) || dto.claimToken) {
      throw new DomainError('VALIDATION_FAILED', '合并开具请在 orders 中逐笔列出订单号（及其 claimToken），不要同时填写 orderNo、bankReference 或 claimToken');
    }
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const orders = (dto.orders ?? []).map((o) => ({ orderNo: o.orderNo.trim(), token: claimOf(o.orderNo.trim(), o.claimToken) }));
    if (orders.length < 2 || orders.some((o) => !o.orderNo)) throw new DomainError('VALIDATION_FAILED', '合并开具须列出至少两笔捐赠的订单号');
    this.rules.checkDistinct(orders.map((o) => o.orderNo));
    const fields = this.requests.validate(dto, campaign);
    const screenshotPath = screenshot ? this.screenshots.pathFor(screenshot) : null;
    if (screenshot && screenshotPath) await this.screenshots.write(screenshotPath, screenshot);

    const result = await this.dataSource
      .transaction(async (manager) => {
        const byOrderNo = await this.rules.donationsByOrderNo(
          manager,
          orders.map((o) => o.orderNo).filter((n) => ORDER_NO_PATTERN.test(n)),
        );
        const named: NamedGift[] = orders.map((o, i) => ({ position: i + 1, orderNo: o.orderNo, donation: byOrderNo.get(o.orderNo) ?? null }));
        const proven = named.every((g, i) => g.donation !== null && this.claims.matches(orders[i].token, g.donation.claimTokenHash));
        if (proven) await this.rules.check(manager, campaign, named, dto.amountFen);
        const queued = proven && campaign.autoApproveReceipts;
        const request = await this.insertRequest(manager, campaign, {
          ...this.requests.personalFields(fields),
          amountFen: dto.amountFen,
          donorType: dto.donorType,
          screenshotPath,
          status: queued ? 'queued' : 'pending_review',
          matchMethod: 'order',
          claimVerified: proven,
        });
        // Unproven: the orders are only proposed to staff (a gift of another campaign is not even named).
        await this.writeGifts(manager, request.id, named, proven, campaign);
        if (proven) for (const g of named) await this.officials.withdrawDecline(manager, g.donation!.id);
        if (queued) await this.queueIssue(manager, request.id);
        return { requestId: request.id, status: request.status };
      })
      .catch(async (error) => {
        if (screenshotPath) await this.screenshots.remove(screenshotPath).catch(() => undefined);
        throw error;
      });
    if (result.status === 'queued') this.outbox.flush();
    return result;
  }

  /** Staff ask for a donor they verified themselves (bank transfers, say): queued at once, audited. */
  async createByStaff(
    dto: StaffAggregateReceiptRequestDto,
    actor: StaffPrincipal,
  ): Promise<{ requestId: string; status: ReceiptRequestStatus; amountFen: number }> {
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const orderNos = dto.orderNos.map((n) => n.trim());
    if (orderNos.some((n) => !n)) throw new DomainError('VALIDATION_FAILED', '订单号不能为空');
    this.rules.checkDistinct(orderNos);
    const result = await this.dataSource.transaction(async (manager) => {
      const byOrderNo = await this.rules.donationsByOrderNo(manager, orderNos);
      const named: NamedGift[] = orderNos.map((orderNo, i) => ({ position: i + 1, orderNo, donation: byOrderNo.get(orderNo) ?? null }));
      const totalFen = await this.rules.check(manager, campaign, named, dto.amountFen);
      const fields = this.requests.validate({ ...dto, amountFen: totalFen }, campaign);
      const request = await this.insertRequest(manager, campaign, {
        ...this.requests.personalFields(fields),
        amountFen: totalFen,
        donorType: dto.donorType,
        screenshotPath: null,
        status: 'queued',
        matchMethod: 'staff',
        claimVerified: false,
        reviewedBy: actor.id,
        reviewedAt: new Date(),
      });
      await this.writeGifts(manager, request.id, named, true, campaign);
      await this.queueIssue(manager, request.id);
      await this.audit.record(manager, actor, {
        action: 'receipt_request.create_aggregate',
        entity: 'receipt_request',
        entityId: request.id,
        after: { orderNos, amountFen: totalFen, donorName: fields.name, invoiceTitle: fields.invoiceTitle },
      });
      return { requestId: request.id, status: request.status, amountFen: totalFen };
    });
    this.outbox.flush();
    return result;
  }

  private async insertRequest(manager: EntityManager, campaign: Campaign, row: Partial<ReceiptRequest>): Promise<ReceiptRequest> {
    return this.requestRows.insert(manager, {
      ...row,
      campaignId: campaign.id,
      aggregate: true,
      donationId: null,
      inKindDonationId: null,
      orderNo: null,
      bankReference: null,
      proposedDonationId: null,
    });
  }

  private async writeGifts(manager: EntityManager, requestId: string, named: NamedGift[], held: boolean, campaign: Campaign): Promise<void> {
    try {
      await manager.transaction((inner) =>
        this.gifts.insertRequestGifts(
          inner,
          requestId,
          named.map((g) => {
            const ours = g.donation && g.donation.campaignId === campaign.id ? g.donation : null;
            return { orderNo: g.orderNo, donationId: ours?.id ?? null, held: held && ours !== null };
          }),
        ),
      );
    } catch (error) {
      // Another request took one of the gifts between the check and now: exactly one of them wins.
      if (isUniqueViolation(error, 'receipt_request_gifts_held_per_donation')) throw alreadyOnAnother(named.map((g) => g.orderNo));
      throw error;
    }
  }

  private async queueIssue(manager: EntityManager, requestId: string): Promise<void> {
    const job: IssueReceiptJob = { requestId, issueKey: `request:${requestId}` };
    await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
  }
}
