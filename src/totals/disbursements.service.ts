import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementAttachments } from './disbursement-attachments';
import { Disbursement } from './disbursement.entity';
import { DisbursementsRepository, ReceivedAndDisbursed } from './disbursements.repository';
import { CreateDisbursementDto, VoidDisbursementDto } from './dto/create-disbursement.dto';
import { TotalsEvents } from './totals-events';

@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLogService,
    private readonly events: TotalsEvents,
    private readonly attachments: DisbursementAttachments,
    private readonly repository: DisbursementsRepository,
  ) {}

  /** `inTransaction` runs in the transaction that records it (a plan line marked paid commits with it). */
  async create(dto: CreateDisbursementDto, actor: StaffPrincipal, inTransaction?: (manager: EntityManager, id: string) => Promise<void>) {
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
    const view = await this.dataSource.transaction(async (manager) => {
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
      const row = await manager.save(
        manager.create(Disbursement, {
          campaignId: campaign.id,
          fundId: fund?.id ?? null,
          amountFen: dto.amountFen,
          recipient,
          purpose,
          disbursedOn: dto.date,
          createdBy: actor.id,
          confirmedExceeding: exceeds.length > 0 && confirmExceeding,
        }),
      );
      if (inTransaction) await inTransaction(manager, row.id);
      const view = this.map(row, campaign.code, new Map<string, { code: string; name: string }>(fund ? [[fund.id, fund]] : []));
      await this.audit.record(manager, actor, {
        action: 'disbursement.create',
        entity: 'disbursement',
        entityId: row.id,
        after: { ...view, ...(exceeds.length > 0 ? (confirmExceeding ? { exceedingConfirmed: exceeds } : { exceedingUnconfirmed: exceeds }) : {}) },
      });
      return exceeds.length > 0
        ? { ...view, exceedsReceived: true, warning: `${exceeds.join('；')}。请核对金额，如有误请作废后重新登记` }
        : { ...view, exceedsReceived: false };
    });
    this.events.changed(campaign.id);
    return view;
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
      const row = await manager.getRepository(Disbursement).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (row.voidedAt) throw new DomainError('DISBURSEMENT_ALREADY_VOIDED', `该拨付记录已于 ${row.voidedAt.toISOString()} 作废`);
      await manager.update(Disbursement, { id }, { voidedAt: () => 'now()', voidReason: reason, voidedBy: actor.id });
      const voided = await manager.getRepository(Disbursement).findOneByOrFail({ id });
      const [{ code }] = await manager.query<Array<{ code: string }>>(`SELECT code FROM campaigns WHERE id = $1`, [row.campaignId]);
      const view = this.map(voided, code, await this.repository.fundCodes(manager, row.campaignId));
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

  /** Attaches (or replaces) the proof of a disbursement; the old and new file hashes are audited. */
  async attach(id: string, bytes: Buffer, actor: StaffPrincipal) {
    const existing = await this.find(id);
    const stored = await this.attachments.store(bytes);
    const view = await this.dataSource.transaction(async (manager) => {
      await manager.update(Disbursement, { id }, { attachmentPath: stored.path, attachmentType: stored.type, attachmentSha256: stored.sha256 });
      const row = await manager.findOneByOrFail(Disbursement, { id });
      const [{ code }] = await manager.query<Array<{ code: string }>>(`SELECT code FROM campaigns WHERE id = $1`, [row.campaignId]);
      const view = this.map(row, code, await this.repository.fundCodes(manager, row.campaignId));
      await this.audit.record(manager, actor, {
        action: 'disbursement.attach',
        entity: 'disbursement',
        entityId: id,
        before: { attachmentSha256: existing.attachmentSha256 },
        after: { attachmentSha256: stored.sha256, attachmentType: stored.type, size: bytes.length },
      });
      return view;
    });
    this.events.changed(existing.campaignId);
    return view;
  }

  /** The proof of a disbursement of this campaign, as stored. */
  async attachment(code: string, id: string): Promise<{ bytes: Buffer; type: string; sha256: string }> {
    const campaign = await this.campaigns.findByCode(code);
    const row = await this.find(id);
    if (row.campaignId !== campaign.id || !row.attachmentPath || !row.attachmentType || !row.attachmentSha256) {
      throw new DomainError('DISBURSEMENT_NOT_FOUND', '该拨付记录没有凭证');
    }
    return { bytes: await this.attachments.read(row.attachmentPath), type: row.attachmentType, sha256: row.attachmentSha256 };
  }

  private async find(id: string): Promise<Disbursement> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.dataSource.getRepository(Disbursement).findOneBy({ id }) : null;
    if (!row) throw new DomainError('DISBURSEMENT_NOT_FOUND', '拨付记录不存在');
    return row;
  }

  async list(code: string) {
    const campaign = await this.campaigns.findByCode(code);
    const rows = await this.dataSource
      .getRepository(Disbursement)
      .find({ where: { campaignId: campaign.id }, order: { disbursedOn: 'DESC', createdAt: 'DESC' } });
    const funds = await this.repository.fundCodes(this.dataSource.manager, campaign.id);
    return { items: rows.map((r) => this.map(r, campaign.code, funds)) };
  }

  private map(d: Disbursement, campaignCode: string, funds: Map<string, { code: string; name: string }>) {
    const fund = d.fundId ? funds.get(d.fundId) : undefined;
    return {
      id: d.id,
      campaignCode,
      amountFen: d.amountFen,
      amountYuan: formatYuan(d.amountFen),
      recipient: d.recipient,
      purpose: d.purpose,
      date: d.disbursedOn,
      attachmentUrl: d.attachmentPath ? `/api/campaigns/${encodeURIComponent(campaignCode)}/disbursements/${d.id}/attachment` : null,
      attachmentSha256: d.attachmentSha256,
      fundCode: fund?.code ?? null,
      fundName: fund?.name ?? null,
      confirmedExceeding: d.confirmedExceeding,
      voided: d.voidedAt !== null,
      voidReason: d.voidReason,
      voidedAt: d.voidedAt?.toISOString() ?? null,
      createdAt: d.createdAt.toISOString(),
    };
  }
}

/** What the amount would exceed, in words with the amounts; null when it fits. */
function exceeding(scope: string, sums: ReceivedAndDisbursed, amountFen: number): string | null {
  const after = sums.disbursedFen + amountFen;
  if (after <= sums.receivedFen) return null;
  return `${scope}已收到 ${formatYuan(sums.receivedFen)} 元、已拨付 ${formatYuan(sums.disbursedFen)} 元，再拨付 ${formatYuan(amountFen)} 元后拨付合计 ${formatYuan(after)} 元，超过收到的金额`;
}
