import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { campaignStatus } from './campaign.entity';
import { CampaignFundsRepository } from './campaign-funds.repository';
import { CampaignsService, CampaignView } from './campaigns.service';
import { CampaignFundDto } from './dto/campaign-disclosure.dto';
import { RenameCampaignFundDto } from './dto/campaign-fund-change.dto';

/** As many funds as a campaign may be created with. */
const MAX_FUNDS = 50;

/**
 * What an admin changes on a running campaign besides its settings (audited, under the admin's
 * name): a designated fund added or renamed (never removed: gifts and disbursements name it), and
 * the campaign closed.
 */
@Injectable()
export class CampaignChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly funds: CampaignFundsRepository,
    private readonly audit: AuditLogService,
  ) {}

  /** Adds a fund after the last one; 409 FUND_EXISTS when the campaign has one with that code. */
  async add(code: string, dto: CampaignFundDto, actor: StaffPrincipal): Promise<CampaignView> {
    const campaign = await this.campaigns.findByCode(code);
    const fund = { code: dto.code, name: cleanText(dto.name) ?? dto.code };
    if ((await this.funds.forCampaign(campaign.id)).length >= MAX_FUNDS) throw new DomainError('VALIDATION_FAILED', `一个活动最多设 ${MAX_FUNDS} 个定向基金`);
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.funds.append(manager, campaign.id, fund);
        await this.audit.record(manager, actor, {
          action: 'campaign.fund_add',
          entity: 'campaign',
          entityId: campaign.id,
          after: { fundCode: fund.code, fundName: fund.name },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'campaign_funds_code_key')) throw new DomainError('FUND_EXISTS', `本活动已有代码为 ${fund.code} 的定向基金`);
      throw error;
    }
    this.campaigns.forget(campaign.code);
    return this.campaigns.get(campaign.code);
  }

  /** Renames a fund; 422 FUND_NOT_FOUND when the campaign has none with that code. */
  async rename(code: string, fundCode: string, dto: RenameCampaignFundDto, actor: StaffPrincipal): Promise<CampaignView> {
    const campaign = await this.campaigns.findByCode(code);
    const fund = await this.campaigns.fundByCode(campaign.id, fundCode);
    const name = cleanText(dto.name) ?? fund.name;
    await this.dataSource.transaction(async (manager) => {
      await this.funds.rename(manager, fund.id, name);
      await this.audit.record(manager, actor, {
        action: 'campaign.fund_rename',
        entity: 'campaign',
        entityId: campaign.id,
        before: { fundCode: fund.code, fundName: fund.name },
        after: { fundCode: fund.code, fundName: name },
      });
    });
    this.campaigns.forget(campaign.code);
    return this.campaigns.get(campaign.code);
  }

  /**
   * Ends the campaign now: no new gifts (422 CAMPAIGN_NOT_ACTIVE), everything else stays. An
   * upcoming one starts a second before; an ended one is returned as it is (nothing to audit).
   */
  async close(code: string, actor: StaffPrincipal): Promise<CampaignView> {
    const campaign = await this.campaigns.findByCode(code);
    const now = new Date();
    if (campaignStatus(campaign, now) === 'ended') return this.campaigns.get(campaign.code);
    const startsAt = campaign.startsAt && campaign.startsAt >= now ? { startsAt: new Date(now.getTime() - 1000).toISOString() } : {};
    return this.campaigns.update(campaign.code, { endsAt: now.toISOString(), ...startsAt }, actor, 'campaign.close');
  }
}
