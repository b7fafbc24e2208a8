import { Module } from '@nestjs/common';
import { AuditModule } from '../staff/audit/audit.module';
import { CampaignChangesService } from './campaign-changes.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignFundsRepository } from './campaign-funds.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { DemoCampaignSeed } from './demo-campaign.seed';

@Module({
  imports: [AuditModule],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignChangesService, CampaignsRepository, CampaignFundsRepository, DemoCampaignSeed],
  exports: [CampaignsService],
})
export class CampaignsModule {}
