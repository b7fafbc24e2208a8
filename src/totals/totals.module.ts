import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AuditModule } from '../staff/audit/audit.module';
import { DisbursementsService } from './disbursements.service';
import { TotalsController } from './totals.controller';
import { TotalsService } from './totals.service';

@Module({
  imports: [CampaignsModule, AuditModule],
  controllers: [TotalsController],
  providers: [TotalsService, DisbursementsService],
  exports: [TotalsService],
})
export class TotalsModule {}
