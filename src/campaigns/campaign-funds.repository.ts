import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CampaignFund } from './campaign-fund.entity';

/** The funds of campaigns, in the order they were given at creation. */
@Injectable()
export class CampaignFundsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, campaignId: string, funds: { code: string; name: string }[]): Promise<CampaignFund[]> {
    if (funds.length === 0) return [];
    await manager.insert(
      CampaignFund,
      funds.map((f, position) => ({ campaignId, code: f.code, name: f.name, position })),
    );
    return manager.getRepository(CampaignFund).find({ where: { campaignId }, order: { position: 'ASC' } });
  }

  forCampaign(campaignId: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignFund[]> {
    return manager.getRepository(CampaignFund).find({ where: { campaignId }, order: { position: 'ASC' } });
  }

  async forCampaigns(campaignIds: string[]): Promise<Map<string, CampaignFund[]>> {
    const byCampaign = new Map<string, CampaignFund[]>();
    if (campaignIds.length === 0) return byCampaign;
    const rows = await this.dataSource.getRepository(CampaignFund).find({ where: { campaignId: In(campaignIds) }, order: { position: 'ASC' } });
    for (const row of rows) byCampaign.set(row.campaignId, [...(byCampaign.get(row.campaignId) ?? []), row]);
    return byCampaign;
  }

  findByCode(campaignId: string, code: string, manager: EntityManager = this.dataSource.manager): Promise<CampaignFund | null> {
    return manager.getRepository(CampaignFund).findOne({ where: { campaignId, code } });
  }

  /** Adds a fund after the campaign's last one; a taken code violates campaign_funds_code_key. */
  async append(manager: EntityManager, campaignId: string, fund: { code: string; name: string }): Promise<void> {
    await manager.query(
      `INSERT INTO campaign_funds (campaign_id, code, name, position)
       SELECT $1, $2, $3, COALESCE(MAX(position) + 1, 0) FROM campaign_funds WHERE campaign_id = $1`,
      [campaignId, fund.code, fund.name],
    );
  }

  async rename(manager: EntityManager, fundId: string, name: string): Promise<void> {
    await manager.update(CampaignFund, { id: fundId }, { name });
  }
}
