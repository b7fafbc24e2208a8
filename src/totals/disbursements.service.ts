import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { formatYuan } from '../common/money';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { Disbursement } from './disbursement.entity';
import { CreateDisbursementDto } from './dto/create-disbursement.dto';

@Injectable()
export class DisbursementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly audit: AuditLogService,
  ) {}

  async create(dto: CreateDisbursementDto, actor: StaffPrincipal) {
    if (!Number.isSafeInteger(dto.amountFen) || dto.amountFen < 1) throw new DomainError('INVALID_AMOUNT', '拨付金额必须为正整数（分）');
    const recipient = cleanText(dto.recipient);
    const purpose = cleanText(dto.purpose);
    if (!recipient || !purpose) throw new DomainError('VALIDATION_FAILED', '请填写受助方和用途');
    const campaign = await this.campaigns.findByCode(dto.campaignCode);
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.save(manager.create(Disbursement, { campaignId: campaign.id, amountFen: dto.amountFen, recipient, purpose, disbursedOn: dto.date, createdBy: actor.id }));
      const view = this.map(row, campaign.code);
      await this.audit.record(manager, actor, { action: 'disbursement.create', entity: 'disbursement', entityId: row.id, after: view });
      return view;
    });
  }

  async list(code: string) {
    const campaign = await this.campaigns.findByCode(code);
    const rows = await this.dataSource.getRepository(Disbursement).find({ where: { campaignId: campaign.id }, order: { disbursedOn: 'DESC', createdAt: 'DESC' } });
    return { items: rows.map((r) => this.map(r, campaign.code)) };
  }

  private map(d: Disbursement, campaignCode: string) {
    return { id: d.id, campaignCode, amountFen: d.amountFen, amountYuan: formatYuan(d.amountFen), recipient: d.recipient, purpose: d.purpose, date: d.disbursedOn };
  }
}
