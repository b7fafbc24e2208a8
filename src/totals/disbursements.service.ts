import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DisbursementAttachments } from './disbursement-attachments';
import { Disbursement } from './disbursement.entity';
import { CreateDisbursementDto } from './dto/create-disbursement.dto';
import { TotalsEvents } from './totals-events';

@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLogService,
    private readonly events: TotalsEvents,
    private readonly attachments: DisbursementAttachments,
  ) {}

  async create(dto: CreateDisbursementDto, actor: StaffPrincipal) {
    if (!Number.isSafeInteger(dto.amountFen) || dto.amountFen < 1) throw new DomainError('INVALID_AMOUNT', '拨付金额必须为正整数（分）');
    const recipient = cleanText(dto.recipient);
    const purpose = cleanText(dto.purpose);
    if (!recipient || !purpose) throw new DomainError('VALIDATION_FAILED', '请填写受助方和用途');
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    const view = await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(Disbursement, { campaignId: campaign.id, amountFen: dto.amountFen, recipient, purpose, disbursedOn: dto.date, createdBy: actor.id }),
      );
      const view = this.map(row, campaign.code);
      await this.audit.record(manager, actor, { action: 'disbursement.create', entity: 'disbursement', entityId: row.id, after: view });
      return view;
    });
    this.events.changed(campaign.id);
    return view;
  }

  /** Attaches (or replaces) the proof of a disbursement; the old and new file hashes are audited. */
  async attach(id: string, bytes: Buffer, actor: StaffPrincipal) {
    const existing = await this.find(id);
    const stored = await this.attachments.store(bytes);
    const view = await this.dataSource.transaction(async (manager) => {
      await manager.update(Disbursement, { id }, { attachmentPath: stored.path, attachmentType: stored.type, attachmentSha256: stored.sha256 });
      const row = await manager.findOneByOrFail(Disbursement, { id });
      const [{ code }] = await manager.query<Array<{ code: string }>>(`SELECT code FROM campaigns WHERE id = $1`, [row.campaignId]);
      const view = this.map(row, code);
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
    return { items: rows.map((r) => this.map(r, campaign.code)) };
  }

  private map(d: Disbursement, campaignCode: string) {
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
    };
  }
}
