import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError, isUniqueViolation } from '../common/errors';
import { formatYuan } from '../common/money';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementAttachments, StoredProof } from './disbursement-attachments';
import { DisbursementConfirmationSigner } from './disbursement-confirmation.signer';
import { DisbursementConfirmationsRepository, PaymentConfirmation } from './disbursement-confirmations.repository';
import { publicConfirmation } from './disbursement-confirmations.service';
import { Disbursement } from './disbursement.entity';
import { DisbursementsRepository, ReceivedAndDisbursed } from './disbursements.repository';
import { CreateDisbursementDto, VoidDisbursementDto } from './dto/create-disbursement.dto';
import { renderPaymentNoticePdf } from './payment-notice.renderer';
import { TotalsEvents } from './totals-events';
import { StaffDisbursementView, toDisbursementView, toStaffDisbursementView } from './dto/disbursement.view';

@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLogService,
    private readonly events: TotalsEvents,
    private readonly attachments: DisbursementAttachments,
    private readonly repository: DisbursementsRepository,
    private readonly confirmations: DisbursementConfirmationsRepository,
    private readonly signer: DisbursementConfirmationSigner,
  ) {}

  /**
   * Records a payment, with its proof when one comes along (checked by content and stored before the
   * transaction; dropped again if the transaction fails). `inTransaction` runs in the transaction
   * that records it (a plan line marked paid commits with it).
   */
  async create(
    dto: CreateDisbursementDto,
    actor: StaffPrincipal,
    options: { inTransaction?: (manager: EntityManager, id: string) => Promise<void>; proof?: { bytes: Buffer; personalData: boolean } } = {},
  ) {
    if (!Number.isSafeInteger(dto.amountFen) || dto.amountFen < 1) throw new DomainError('INVALID_AMOUNT', '拨付金额必须为正整数（分）');
    const recipient = cleanText(dto.recipient);
    const purpose = cleanText(dto.purpose);
    if (!recipient || !purpose) throw new DomainError('VALIDATION_FAILED', '请填写受助方和用途');
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const fund = dto.fundCode !== undefined ? await this.campaigns.fundByCode(campaign.id, dto.fundCode) : null;
    // Three answers to "more disbursed than received?": true (staff confirmed it), false (the
    // client asks to be stopped: the console always does, then asks the person), or absent (a
    // client of the contract's plain POST: recorded with a warning in the answer and the audit log).
    const confirmExceeding = dto.confirmExceeding === true;
    const stopIfExceeding = dto.confirmExceeding === false;
    const proof = options.proof ? await this.attachments.store(options.proof.bytes, options.proof.personalData) : null;
    try {
      const view = await this.record({ ...dto, recipient, purpose }, actor, campaign, fund, {
        confirmExceeding,
        stopIfExceeding,
        proof,
        inTransaction: options.inTransaction,
      });
      this.events.changed(campaign.id);
      return view;
    } catch (error) {
      if (proof) await this.attachments.discard(proof);
      if (isUniqueViolation(error, 'disbursements_bank_reference_key')) {
        throw new DomainError('DUPLICATE_BANK_REFERENCE', `银行流水号 ${dto.bankReference} 已登记过一笔拨付`);
      }
      throw error;
    }
  }

  private async record(
    dto: CreateDisbursementDto,
    actor: StaffPrincipal,
    campaign: { id: string; code: string },
    fund: { id: string; code: string; name: string } | null,
    o: {
      confirmExceeding: boolean;
      stopIfExceeding: boolean;
      proof: StoredProof | null;
      inTransaction?: (manager: EntityManager, id: string) => Promise<void>;
    },
  ) {
    const { confirmExceeding, stopIfExceeding, proof } = o;
    const { recipient, purpose } = dto;
    return this.dataSource.transaction(async (manager) => {
      await this.repository.lockCampaign(manager, campaign.id);
      // Refused when it would show more disbursed than received, unless staff confirmed it.
      const campaignSums = await this.repository.campaignSums(manager, campaign.id);
      const fundSums = fund ? await this.repository.fundSums(manager, fund.id) : null;
      const exceeds = [
        exceeding('本活动', campaignSums, dto.amountFen),
        fund && fundSums ? exceeding(`专项基金“${fund.name}”`, fundSums, dto.amountFen) : null,
      ].filter((e): e is string => e !== null);
      if (exceeds.length > 0 && stopIfExceeding) {
        throw new DomainError('DISBURSEMENT_EXCEEDS_RECEIVED', `${exceeds.join('；')}。如确认无误，请再次提交并确认（confirmExceeding: true）`, {
          amountFen: dto.amountFen,
          campaign: campaignSums,
          ...(fund && fundSums ? { fund: { code: fund.code, ...fundSums } } : {}),
        });
      }
      const row = await this.repository.insert(manager, {
        campaignId: campaign.id,
        fundId: fund?.id ?? null,
        amountFen: dto.amountFen,
        recipient,
        purpose,
        disbursedOn: dto.date,
        createdBy: actor.id,
        exceedsReceived: exceeds.length > 0,
        confirmedExceeding: exceeds.length > 0 && confirmExceeding,
        exceedingConfirmedAt: exceeds.length > 0 && confirmExceeding ? new Date() : null,
        exceedingConfirmedBy: exceeds.length > 0 && confirmExceeding ? actor.id : null,
        bankReference: dto.bankReference ?? null,
        attachmentPath: proof?.path ?? null,
        attachmentType: proof?.type ?? null,
        attachmentSha256: proof?.sha256 ?? null,
        attachmentSealed: proof?.sealed ?? false,
      });
      if (o.inTransaction) await o.inTransaction(manager, row.id);
      const view = this.staffView(row, campaign.code, new Map<string, { code: string; name: string }>(fund ? [[fund.id, fund]] : []));
      // The audit keeps the record, not the links (a signed link is a capability, handed out on request).
      const { confirmUrl: _link, paymentNoticeUrl: _notice, staffAttachmentUrl: _file, ...recorded } = view;
      await this.audit.record(manager, actor, {
        action: 'disbursement.create',
        entity: 'disbursement',
        entityId: row.id,
        after: {
          ...recorded,
          ...(proof ? { attachmentSize: proof.size } : {}),
          ...(exceeds.length > 0 ? (confirmExceeding ? { exceedingConfirmed: exceeds } : { exceedingUnconfirmed: exceeds }) : {}),
        },
      });
      return exceeds.length > 0 ? { ...view, warning: `${exceeds.join('；')}。请核对金额，如有误请作废后重新登记` } : view;
    });
  }

  /**
   * Staff confirm, after the fact, a disbursement recorded beyond what was received without the
   * confirmation (a plain POST): the public mark 待确认 becomes 已经工作人员确认. Audited; 409
   * EXCEEDING_NOT_PENDING when there is nothing to confirm, DISBURSEMENT_ALREADY_VOIDED when voided.
   */
  async confirmExceeding(id: string, actor: StaffPrincipal) {
    const existing = await this.find(id);
    const result = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockCampaign(manager, existing.campaignId);
      const row = await this.repository.lock(manager, id);
      if (row.voidedAt) throw new DomainError('DISBURSEMENT_ALREADY_VOIDED', '该拨付记录已作废，无需确认');
      if (!row.exceedsReceived || row.confirmedExceeding) {
        throw new DomainError('EXCEEDING_NOT_PENDING', row.confirmedExceeding ? '超出已收款的拨付已经确认过' : '该拨付未超出已收款，无需确认');
      }
      await this.repository.confirmExceeding(manager, id, actor.id);
      const confirmed = await this.repository.get(manager, id);
      const code = await this.repository.campaignCode(row.campaignId, manager);
      const view = this.staffView(confirmed, code, await this.repository.fundCodes(row.campaignId, manager));
      await this.audit.record(manager, actor, {
        action: 'disbursement.confirm_exceeding',
        entity: 'disbursement',
        entityId: id,
        before: { confirmedExceeding: false },
        after: { confirmedExceeding: true, exceedingConfirmedAt: view.exceedingConfirmedAt },
      });
      return view;
    });
    this.events.changed(existing.campaignId);
    return result;
  }

  /** The disbursements of a campaign recorded beyond what was received and not yet confirmed (for the console). */
  async pendingExceeding(code: string) {
    const campaign = await this.campaigns.findByCode(code);
    const rows = await this.repository.pendingExceeding(campaign.id);
    const funds = await this.repository.fundCodes(campaign.id);
    return { items: rows.map((r) => this.staffView(r, campaign.code, funds)) };
  }

  /** The payment notice (PDF) sent to the recipient unit, with the QR code of its confirmation link. */
  async paymentNotice(id: string): Promise<{ bytes: Buffer; filename: string }> {
    const row = await this.find(id);
    if (row.voidedAt) throw new DomainError('DISBURSEMENT_ALREADY_VOIDED', '该拨付记录已作废，不能再出具拨付通知单');
    const code = await this.repository.campaignCode(row.campaignId);
    const campaign = await this.campaigns.get(code);
    const fund = row.fundId ? (await this.repository.fundCodes(row.campaignId)).get(row.fundId) : undefined;
    const noticeNo = `BF-${row.disbursedOn.replace(/-/g, '')}-${row.id.slice(0, 8).toUpperCase()}`;
    const bytes = await renderPaymentNoticePdf({
      noticeNo,
      campaignTitle: campaign.title,
      organisation: campaign.disclosure?.organizationName ?? campaign.organisation,
      recipient: row.recipient,
      purpose: row.purpose,
      amountFen: row.amountFen,
      date: row.disbursedOn,
      bankReference: row.bankReference,
      fundName: fund?.name ?? null,
      confirmUrl: this.signer.url(row.id),
    });
    return { bytes, filename: `${noticeNo}.pdf` };
  }

  /** One disbursement as staff see it: with the signed confirmation link for the recipient unit. */
  async getForStaff(id: string) {
    const row = await this.find(id);
    const code = await this.repository.campaignCode(row.campaignId);
    const confirmation = (await this.confirmations.forCampaign(row.campaignId)).get(id) ?? null;
    return this.staffView(row, code, await this.repository.fundCodes(row.campaignId), confirmation);
  }

  /**
   * A correction: the disbursement stops counting (campaign and fund) and stays listed publicly with
   * its reason and time. Nothing is edited or deleted; a second void is 409 DISBURSEMENT_ALREADY_VOIDED.
   */
  async void(id: string, dto: VoidDisbursementDto, actor: StaffPrincipal) {
    const reason = cleanText(dto.reason);
    if (!reason) throw new DomainError('VALIDATION_FAILED', '请填写作废原因');
    const existing = await this.find(id);
    const result = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockCampaign(manager, existing.campaignId);
      const row = await this.repository.lock(manager, id);
      if (row.voidedAt) throw new DomainError('DISBURSEMENT_ALREADY_VOIDED', `该拨付记录已于 ${row.voidedAt.toISOString()} 作废`);
      await this.repository.markVoided(manager, id, reason, actor.id);
      const voided = await this.repository.get(manager, id);
      const code = await this.repository.campaignCode(row.campaignId, manager);
      const view = this.staffView(voided, code, await this.repository.fundCodes(row.campaignId, manager));
      await this.audit.record(manager, actor, {
        action: 'disbursement.void',
        entity: 'disbursement',
        entityId: id,
        before: { voided: false, amountFen: row.amountFen },
        after: { voided: true, voidReason: reason, voidedAt: view.voidedAt },
      });
      return view;
    });
    this.events.changed(existing.campaignId);
    return result;
  }

  /**
   * Attaches (or replaces) the proof of a disbursement; the old and new file hashes are audited. A
   * proof with personal data is sealed and withheld from the public.
   */
  async attach(id: string, bytes: Buffer, actor: StaffPrincipal, personalData = false) {
    const existing = await this.find(id);
    const stored = await this.attachments.store(bytes, personalData);
    const view = await this.dataSource.transaction(async (manager) => {
      await this.repository.setProof(manager, id, {
        attachmentPath: stored.path,
        attachmentType: stored.type,
        attachmentSha256: stored.sha256,
        attachmentSealed: stored.sealed,
      });
      const row = await this.repository.get(manager, id);
      const code = await this.repository.campaignCode(row.campaignId, manager);
      const view = this.staffView(row, code, await this.repository.fundCodes(row.campaignId, manager));
      await this.audit.record(manager, actor, {
        action: 'disbursement.attach',
        entity: 'disbursement',
        entityId: id,
        before: { attachmentSha256: existing.attachmentSha256, attachmentSealed: existing.attachmentSealed },
        after: { attachmentSha256: stored.sha256, attachmentType: stored.type, size: bytes.length, attachmentSealed: stored.sealed },
      });
      return view;
    });
    this.events.changed(existing.campaignId);
    return view;
  }

  /** The public proof of a disbursement of this campaign, as stored; a sealed one (personal data) is not public. */
  async attachment(code: string, id: string): Promise<{ bytes: Buffer; type: string; sha256: string }> {
    const campaign = await this.campaigns.findByCode(code);
    const row = await this.find(id);
    if (row.campaignId !== campaign.id || row.attachmentSealed) throw new DomainError('DISBURSEMENT_NOT_FOUND', '该拨付记录没有公开的凭证');
    return this.proofOf(row);
  }

  /** The proof as staff see it, sealed or not. */
  async staffAttachment(id: string): Promise<{ bytes: Buffer; type: string; sha256: string }> {
    return this.proofOf(await this.find(id));
  }

  private async proofOf(row: Disbursement): Promise<{ bytes: Buffer; type: string; sha256: string }> {
    if (!row.attachmentPath || !row.attachmentType || !row.attachmentSha256) throw new DomainError('DISBURSEMENT_NOT_FOUND', '该拨付记录没有凭证');
    return { bytes: await this.attachments.read(row.attachmentPath, row.attachmentSealed), type: row.attachmentType, sha256: row.attachmentSha256 };
  }

  private async find(id: string): Promise<Disbursement> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.repository.findById(id) : null;
    if (!row) throw new DomainError('DISBURSEMENT_NOT_FOUND', '拨付记录不存在');
    return row;
  }

  async list(code: string) {
    const campaign = await this.campaigns.findByCode(code);
    const rows = await this.repository.forCampaign(campaign.id);
    const funds = await this.repository.fundCodes(campaign.id);
    const confirmations = await this.confirmations.forCampaign(campaign.id);
    return { items: rows.map((r) => this.map(r, campaign.code, funds, confirmations.get(r.id) ?? null)) };
  }

  /** The public view and what only staff get: the signed link the recipient unit confirms with, the payment notice. */
  private staffView(
    d: Disbursement,
    campaignCode: string,
    funds: Map<string, { code: string; name: string }>,
    confirmation: PaymentConfirmation | null = null,
  ): StaffDisbursementView {
    return toStaffDisbursementView(this.map(d, campaignCode, funds, confirmation), d, this.signer.url(d.id));
  }

  private map(d: Disbursement, campaignCode: string, funds: Map<string, { code: string; name: string }>, confirmation: PaymentConfirmation | null = null) {
    return toDisbursementView(d, campaignCode, funds, confirmation ? publicConfirmation(confirmation) : null);
  }
}

/** What the amount would exceed, in words with the amounts; null when it fits. */
function exceeding(scope: string, sums: ReceivedAndDisbursed, amountFen: number): string | null {
  const after = sums.disbursedFen + amountFen;
  if (after <= sums.receivedFen) return null;
  return `${scope}已收到 ${formatYuan(sums.receivedFen)} 元、已拨付 ${formatYuan(sums.disbursedFen)} 元，再拨付 ${formatYuan(amountFen)} 元后拨付合计 ${formatYuan(after)} 元，超过收到的金额`;
}
