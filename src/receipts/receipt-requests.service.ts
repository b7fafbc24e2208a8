import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from '../campaigns/campaign.entity';
import { CampaignsService } from '../campaigns/campaigns.service';
import { isValidEmail, normalizeMobile } from '../common/contact';
import { isValidCreditCode } from '../common/credit-code';
import { DomainError, isUniqueViolation } from '../common/errors';
import { isValidIdNumber, normalizeIdNumber } from '../common/id-number';
import { formatYuan, MAX_DONATION_FEN } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { cleanText } from '../common/text';
import { Donation } from '../donations/donation.entity';
import { OutboxService } from '../outbox/outbox.service';
import { CreateReceiptRequestDto, GoodsReceiptRequestDto, MAX_AGGREGATE_GIFTS } from './dto/create-receipt-request.dto';
import { ReceiptDeclineView, ReceiptRequestStatusView, toReceiptDeclineView, toReceiptRequestStatusView } from './dto/receipt-request.view';
import { InKindReceiptBasisService } from '../in-kind/in-kind-receipt-basis.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { EMAIL_RECEIPT, EmailReceiptJob, ISSUE_RECEIPT, IssueReceiptJob, RECEIPTS_QUEUE } from './receipt-jobs';
import { MatchMethod, ReceiptRequest, ReceiptRequestStatus } from './receipt-request.entity';
import { OfficialReceiptsRepository } from './official-receipts.repository';
import { Receipt } from './receipt.entity';
import { ReceiptRequestsRepository } from './receipt-requests.repository';
import { ReceiptSourcesRepository } from './receipt-sources.repository';
import { ReceiptsRepository } from './receipts.repository';
import { ReceiptGiftsRepository } from './receipt-gifts.repository';
import { ReceiptGlyphCoverage } from './pdf/receipt-glyph-coverage';
import { ScreenshotStorage } from './screenshot-storage';
import { receiptSends } from './receipt-sends.repository';
import { ClaimTokens } from '../donations/claim-token';
import { ORDER_NO_PATTERN } from '../donations/order-number';

export type OrderForForm =
  { orderNo: string; claimed: false } | { orderNo: string; claimed: true; campaignCode: string; amountFen: number; amountYuan: string; paid: boolean };

interface Match {
  donation: Donation | null;
  proposed: Donation | null;
  method: MatchMethod;
}

/**
 * Donors' receipt requests. A request that names a paid donation of the same amount is queued
 * for issue at once (when the campaign auto-approves); anything else waits for staff. The
 * database allows one live request per donation, whatever races the donors' clicks make.
 */
@Injectable()
export class ReceiptRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly pii: PiiCipher,
    private readonly outbox: OutboxService,
    private readonly goods: InKindReceiptBasisService,
    private readonly audit: AuditLogService,
    private readonly claims: ClaimTokens,
    private readonly screenshots: ScreenshotStorage,
    private readonly officials: OfficialReceiptsRepository,
    private readonly gifts: ReceiptGiftsRepository,
    private readonly glyphs: ReceiptGlyphCoverage,
    private readonly requests: ReceiptRequestsRepository,
    private readonly receipts: ReceiptsRepository,
    private readonly sources: ReceiptSourcesRepository,
  ) {}

  /**
   * A donor's request. With the donation's claim token it holds the donation (one live request per
   * donation) and is queued at once when the donation is paid and the campaign auto-approves; its
   * refusals may speak of the donation (AMOUNT_MISMATCH, RECEIPT_ALREADY_REQUESTED). Without the
   * token it only proposes the donation it names to staff: 201 pending_review, whatever that
   * donation's amount, status or existence, and it takes nothing from the real donor.
   */
  async create(
    dto: CreateReceiptRequestDto,
    claimToken?: string,
    screenshot: Buffer | null = null,
  ): Promise<{ requestId: string; status: ReceiptRequestStatus }> {
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const fields = this.validate(dto, campaign);
    const screenshotPath = screenshot ? this.screenshots.pathFor(screenshot) : null;
    if (screenshot && screenshotPath) await this.screenshots.write(screenshotPath, screenshot);

    const result = await this.dataSource
      .transaction(async (manager) => {
        const match = await this.match(manager, campaign, dto, fields.name, claimToken);
        const donation = match.donation;
        // On a live record, single or aggregate (合并开具), or held by a live aggregate request.
        if (donation && (await this.gifts.taken(manager, [donation.id])).length > 0) throw alreadyRequested();
        // A donor who had declined a receipt and now asks for one: the decline stays on record, withdrawn.
        if (donation) await this.officials.withdrawDecline(manager, donation.id);
        const queued = donation !== null && donation.status === 'paid' && campaign.autoApproveReceipts;
        const request = await this.requests.insert(manager, {
          campaignId: campaign.id,
          donationId: donation?.id ?? null,
          orderNo: cleanText(dto.orderNo),
          bankReference: cleanText(dto.bankReference),
          amountFen: dto.amountFen,
          donorType: dto.donorType,
          ...this.personalFields(fields),
          screenshotPath,
          status: queued ? 'queued' : 'pending_review',
          matchMethod: match.method,
          proposedDonationId: match.proposed?.id ?? null,
          claimVerified: donation !== null,
        });
        if (queued) {
          const job: IssueReceiptJob = { requestId: request.id, issueKey: `request:${request.id}` };
          await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
        }
        return { requestId: request.id, status: request.status };
      })
      .catch(async (error) => {
        // Nothing stored: nothing kept on disk either.
        if (screenshotPath) await this.screenshots.remove(screenshotPath).catch(() => undefined);
        if (isUniqueViolation(error, 'receipt_requests_live_per_donation') || isUniqueViolation(error, 'receipt_request_gifts_held_per_donation')) {
          throw alreadyRequested();
        }
        throw error;
      });
    if (result.status === 'queued') this.outbox.flush();
    return result;
  }

  /**
   * A receipt for a received gift of goods, worth the accepted share of its declared value: staff
   * ask on the donor's behalf; it is queued at once (the goods were inspected by the warehouse).
   */
  async createForGoods(
    inKindDonationId: string,
    dto: GoodsReceiptRequestDto,
    actor: StaffPrincipal,
  ): Promise<{ requestId: string; status: ReceiptRequestStatus; amountFen: number }> {
    const basis = await this.goods.forDonation(inKindDonationId);
    if (!basis) throw new DomainError('DONATION_NOT_PAID', '该物资捐赠尚未验收入库，或没有申报价值，不能开具票据');
    const campaign = await this.sources.getCampaign(basis.campaignId);
    const fields = this.validate({ ...dto, campaignCode: campaign.code, amountFen: basis.amountFen }, campaign);
    const result = await this.dataSource
      .transaction(async (manager) => {
        const live = await this.receipts.existsIssued(manager, { inKindDonationId });
        if (live) throw alreadyRequested();
        const request = await this.requests.insert(manager, {
          ...this.personalFields(fields),
          campaignId: campaign.id,
          donationId: null,
          inKindDonationId,
          orderNo: null,
          bankReference: null,
          amountFen: basis.amountFen,
          donorType: dto.donorType,
          screenshotPath: null,
          status: 'queued',
          matchMethod: 'staff',
          proposedDonationId: null,
          reviewedBy: actor.id,
          reviewedAt: new Date(),
        });
        const job: IssueReceiptJob = { requestId: request.id, issueKey: `request:${request.id}` };
        await this.outbox.add(manager, RECEIPTS_QUEUE, ISSUE_RECEIPT, { ...job });
        await this.audit.record(manager, actor, {
          action: 'receipt_request.create_for_goods',
          entity: 'receipt_request',
          entityId: request.id,
          after: { inKindDonationId, amountFen: basis.amountFen, donorName: fields.name, invoiceTitle: fields.invoiceTitle },
        });
        return { requestId: request.id, status: request.status, amountFen: basis.amountFen };
      })
      .catch((error) => {
        if (isUniqueViolation(error, 'receipt_requests_live_per_in_kind_donation')) throw alreadyRequested();
        throw error;
      });
    this.outbox.flush();
    return result;
  }

  /** The personal fields of a request as stored: encrypted, with keyed hashes. */
  personalFields(fields: ReturnType<ReceiptRequestsService['validate']>) {
    return {
      name: fields.name,
      invoiceTitle: fields.invoiceTitle,
      idNumberEnc: this.pii.encryptNullable(fields.idNumber),
      idNumberHash: fields.idNumber ? this.pii.blindIndex(`id:${fields.idNumber}`) : null,
      creditCode: fields.creditCode,
      phoneEnc: this.pii.encrypt(fields.phone),
      phoneHash: this.pii.blindIndex(`phone:${fields.phone}`),
      emailEnc: this.pii.encrypt(fields.email),
      emailHash: this.pii.blindIndex(`email:${fields.email}`),
      mailingAddressEnc: this.pii.encryptNullable(fields.mailingAddress),
    };
  }

  async status(requestId: string): Promise<ReceiptRequestStatusView> {
    const request = await this.find(requestId);
    // An issued request's live record, else the last one it had (voided and not replaced).
    const receipt = request.status === 'issued' ? ((await this.liveReceipt(request.id)) ?? (await this.receipts.latestOfRequest(request.id))) : null;
    return toReceiptRequestStatusView(request, receipt);
  }

  /**
   * The donor says they want no receipt (recorded, as the rules ask). Needs the donation's claim
   * token; anything else answers ORDER_NOT_FOUND, whatever the order. Declining twice keeps the first
   * time; a donation with a live request or receipt cannot be declined.
   */
  async decline(orderNo: string, claimToken: string | undefined): Promise<ReceiptDeclineView> {
    const given = orderNo.slice(0, 64);
    const donation = ORDER_NO_PATTERN.test(given) ? await this.sources.findByOrderNo(given) : null;
    if (!donation || !this.claims.matches(claimToken, donation.claimTokenHash)) throw new DomainError('ORDER_NOT_FOUND', '没有找到这笔捐赠');
    const declinedAt = await this.dataSource.transaction(async (manager) => {
      await this.sources.lockDonation(manager, donation.id);
      // A live request or record of either kind (single, or aggregate 合并开具) holds it.
      const live = (await this.gifts.taken(manager, [donation.id])).length > 0;
      if (live) throw new DomainError('RECEIPT_ALREADY_REQUESTED', '这笔捐赠已申请捐赠证明/票据，不能再选择不需要');
      return this.officials.decline(manager, donation.id);
    });
    return toReceiptDeclineView(donation.orderNo, declinedAt);
  }

  /** Donor self-service: e-mail the live receipt again (a new send, not a new receipt). */
  async resend(requestId: string): Promise<{ status: 'queued' }> {
    const request = await this.find(requestId);
    if (request.status !== 'issued') throw new DomainError('RECEIPT_NOT_READY', '票据尚未开具，开具后会自动发送到您的邮箱');
    await this.dataSource.transaction(async (manager) => {
      const receipt = await this.receipts.latestOfRequest(requestId, { status: 'issued', manager });
      if (!receipt) throw new DomainError('RECEIPT_NOT_READY', '该证明/票据已作废，不能再发送');
      // A second click while the last send is still on its way sends nothing more.
      const { sendNo, queued } = await receiptSends.next(manager, receipt.id, { unlessPending: true });
      if (queued) {
        const job: EmailReceiptJob = { receiptId: receipt.id, sendNo };
        await this.outbox.add(manager, RECEIPTS_QUEUE, EMAIL_RECEIPT, { ...job });
      }
    });
    this.outbox.flush();
    return { status: 'queued' };
  }

  /**
   * What the request form may show about an order. With the order's claim token: its campaign and
   * amount. Without it: only the order number as given, whether or not such an order exists.
   */
  async orderForForm(orderNo: string, claimToken: string | undefined): Promise<OrderForForm> {
    const given = orderNo.slice(0, 64);
    const donation = ORDER_NO_PATTERN.test(given) ? await this.sources.findByOrderNoWithCampaign(given) : null;
    if (!donation?.campaign || !this.claims.matches(claimToken, donation.claimTokenHash)) return { orderNo: given, claimed: false };
    return {
      orderNo: donation.orderNo,
      claimed: true,
      campaignCode: donation.campaign.code,
      amountFen: donation.amountFen,
      amountYuan: formatYuan(donation.amountFen),
      paid: donation.status === 'paid',
    };
  }

  /**
   * The donor's other gifts this browser proves (their claim cookies): paid, of this campaign and
   * fund, on no live request or record, so the form may offer one record for all of them (合并开具).
   * Nothing is shown for an order whose cookie does not hold its token.
   */
  async combinable(campaignCode: string, fundOf: string | null, cookies: Record<string, string | undefined>): Promise<OrderForForm[]> {
    const claimed = Object.entries(cookies)
      .map(([name, token]) => ({ orderNo: name.startsWith('wn_claim_') ? name.slice('wn_claim_'.length) : '', token }))
      .filter((c) => ORDER_NO_PATTERN.test(c.orderNo))
      .slice(0, 100);
    if (claimed.length === 0) return [];
    const donations = await this.sources.findByOrderNosWithCampaign(claimed.map((c) => c.orderNo));
    const proven = donations.filter(
      (d) =>
        d.campaign?.code === campaignCode &&
        d.status === 'paid' &&
        (d.fundId ?? null) === fundOf &&
        this.claims.matches(claimed.find((c) => c.orderNo === d.orderNo)?.token, d.claimTokenHash),
    );
    const taken = new Set(
      (
        await this.gifts.taken(
          this.dataSource.manager,
          proven.map((d) => d.id),
        )
      ).map((t) => t.donation_id),
    );
    return proven
      .filter((d) => !taken.has(d.id))
      .sort((a, b) => (a.paidAt?.getTime() ?? 0) - (b.paidAt?.getTime() ?? 0))
      .slice(0, MAX_AGGREGATE_GIFTS)
      .map((d) => ({ orderNo: d.orderNo, claimed: true, campaignCode, amountFen: d.amountFen, amountYuan: formatYuan(d.amountFen), paid: true }));
  }

  /** The fund of an order (null: undesignated), for the gifts it may be joined with. */
  async fundOf(orderNo: string): Promise<string | null> {
    return (await this.sources.findByOrderNo(orderNo))?.fundId ?? null;
  }

  private async find(requestId: string): Promise<ReceiptRequest> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const request = uuid.test(requestId) ? await this.requests.findById(requestId) : null;
    if (!request) throw new DomainError('RECEIPT_REQUEST_NOT_FOUND', '票据申请不存在');
    return request;
  }

  private liveReceipt(requestId: string): Promise<Receipt | null> {
    return this.receipts.latestOfRequest(requestId, { status: 'issued' });
  }

  /** The checks of a request's own fields (amount, threshold, names, ID or credit code, phone, e-mail); the cleaned values. */
  validate(dto: Omit<CreateReceiptRequestDto, 'orderNo' | 'bankReference' | 'orders'>, campaign: Campaign) {
    if (!Number.isSafeInteger(dto.amountFen) || dto.amountFen < 1 || dto.amountFen > MAX_DONATION_FEN) {
      throw new DomainError('INVALID_AMOUNT', '捐赠金额不正确');
    }
    if (dto.amountFen < campaign.receiptThresholdFen) {
      throw new DomainError('BELOW_RECEIPT_THRESHOLD', `单笔捐赠满 ${formatYuan(campaign.receiptThresholdFen)} 元方可申请捐赠证明/票据`, {
        receiptThresholdFen: campaign.receiptThresholdFen,
      });
    }
    const name = cleanText(dto.name);
    const invoiceTitle = cleanText(dto.invoiceTitle);
    if (!name) throw new DomainError('VALIDATION_FAILED', '请填写捐赠人姓名或单位名称');
    if (!invoiceTitle) throw new DomainError('VALIDATION_FAILED', '请填写票据抬头');
    // Both are printed on the receipt PDF.
    this.glyphs.assertPrintable('name', '名称', name);
    this.glyphs.assertPrintable('invoiceTitle', '票据抬头', invoiceTitle);
    let idNumber: string | null = null;
    let creditCode: string | null = null;
    if (dto.donorType === 'individual') {
      if (dto.creditCode) throw new DomainError('VALIDATION_FAILED', '个人捐赠请填写身份证号码，而非统一社会信用代码');
      idNumber = normalizeIdNumber(dto.idNumber ?? '');
      if (!isValidIdNumber(idNumber)) throw new DomainError('INVALID_ID_NUMBER', '身份证号码不正确，请核对（含末位校验码）');
    } else {
      if (dto.idNumber) throw new DomainError('VALIDATION_FAILED', '单位捐赠请填写统一社会信用代码，而非身份证号码');
      creditCode = (dto.creditCode ?? '').trim().toUpperCase();
      if (!isValidCreditCode(creditCode)) throw new DomainError('INVALID_CREDIT_CODE', '统一社会信用代码不正确，请核对');
    }
    const phone = normalizeMobile(dto.phone);
    if (!phone) throw new DomainError('INVALID_PHONE', '请输入正确的中国大陆手机号码');
    const email = dto.email.trim();
    if (!isValidEmail(email)) throw new DomainError('INVALID_EMAIL', '请输入正确的电子邮箱地址');
    const mailingAddress = cleanText(dto.mailingAddress);
    return { name, invoiceTitle, idNumber, creditCode, phone, email: email.toLowerCase(), mailingAddress };
  }

  /**
   * The claim token first: the donation whose token it is (in this campaign, and the order named if
   * one is) is the request's own, and only then may the answer depend on it. Otherwise the order
   * number, then the bank reference, name the donation proposed to staff (whatever its amount or
   * status: staff see both); without either, a paid donation of the same amount by a payer of the
   * same name is proposed (never matched automatically).
   */
  private async match(manager: EntityManager, campaign: Campaign, dto: CreateReceiptRequestDto, name: string, claimToken: string | undefined): Promise<Match> {
    const orderNo = cleanText(dto.orderNo);
    const bankReference = cleanText(dto.bankReference);
    const claimHash = this.claims.hashOf(claimToken);
    const claimed = claimHash ? await this.sources.findByClaimTokenHash(manager, claimHash) : null;
    if (claimed && claimed.campaignId === campaign.id && (!orderNo || orderNo === claimed.orderNo)) {
      if (claimed.amountFen !== dto.amountFen) {
        throw new DomainError('AMOUNT_MISMATCH', `申请金额与该笔捐赠金额（${formatYuan(claimed.amountFen)} 元）不一致`);
      }
      // Held by this request whatever its status; queued only when paid (the caller decides).
      return { donation: claimed, proposed: null, method: 'order' };
    }
    if (orderNo) return { donation: null, proposed: await this.sources.findInCampaign(manager, campaign.id, { orderNo }), method: 'order' };
    if (bankReference)
      return { donation: null, proposed: await this.sources.findInCampaign(manager, campaign.id, { bankReference }), method: 'bank_reference' };
    const proposed = await this.sources.findUnrequestedPaidByPayer(manager, campaign.id, dto.amountFen, name);
    return { donation: null, proposed, method: 'none' };
  }
}

function alreadyRequested(): DomainError {
  return new DomainError('RECEIPT_ALREADY_REQUESTED', '该笔捐赠已申请过捐赠证明/票据');
}
