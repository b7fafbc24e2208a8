import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { PageRenderer } from '../common/page-renderer';
import { PublicationsModule } from '../publications/publications.module';
import { CampaignPageController } from './campaign-page.controller';
import { DisbursementConfirmationController } from '../totals/disbursement-confirmation.controller';
import { TotalsModule } from '../totals/totals.module';

/** The public totals page, which shows the totals beside the publications. */
@Module({
  imports: [CampaignsModule, TotalsModule, PublicationsModule],
  controllers: [CampaignPageController, DisbursementConfirmationController],
  providers: [PageRenderer],
})
export class CampaignPageModule {}
