import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Campaign } from './campaign.entity';
import type { CampaignSettings } from './campaign-changes';

/** A campaign as staff create it (id and times are the table's). */
export type NewCampaign = Omit<Campaign, 'id' | 'createdAt' | 'updatedAt'>;

/** What staff may change of a campaign after creation (updated_at follows): campaign-changes.ts decides. */
export type CampaignPatch = Partial<CampaignSettings>;

/** The campaigns table. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the campaign; a taken code is a unique violation (campaigns_code_key) for the caller. */
  insert(manager: EntityManager, campaign: NewCampaign): Promise<Campaign> {
    return manager.save(manager.create(Campaign, campaign));
  }

  findByCode(code: string): Promise<Campaign | null> {
    return this.dataSource.getRepository(Campaign).findOne({ where: { code } });
  }

  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Campaign> {
    return manager.getRepository(Campaign).findOneByOrFail({ id });
  }

  /** Newest first. */
  list(): Promise<Campaign[]> {
    return this.dataSource.getRepository(Campaign).find({ order: { createdAt: 'DESC' } });
  }

  /** The campaign, locked (FOR UPDATE) until the caller's transaction ends. */
  lock(manager: EntityManager, id: string): Promise<Campaign> {
    return manager.getRepository(Campaign).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, id: string, patch: CampaignPatch): Promise<void> {
    await manager.update(Campaign, { id }, patch);
  }
}
