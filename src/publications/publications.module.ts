import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { InKindTotalsModule } from '../in-kind/in-kind.module';
import { AuditModule } from '../staff/audit/audit.module';
import { PublicationsController } from './publications.controller';
import { PublicationsService } from './publications.service';

/** 捐赠数据公示: frozen, hash-chained snapshots of the figures with the list of donations. */
@Module({
  imports: [CampaignsModule, AuditModule, InKindTotalsModule],
  controllers: [PublicationsController],
  providers: [PublicationsService],
  exports: [PublicationsService],
})
export class PublicationsModule {}
