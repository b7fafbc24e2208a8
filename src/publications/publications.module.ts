import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { InKindTotalsModule } from '../in-kind/in-kind.module';
import { AuditModule } from '../staff/audit/audit.module';
import { DISCLOSURE_QUEUE } from './disclosure-jobs';
import { DisclosureProcessor } from './disclosure.processor';
import { DisclosureScheduleRepository } from './disclosure-schedule.repository';
import { DisclosureScheduler } from './disclosure-scheduler.service';
import { PublicationsController } from './publications.controller';
import { PublicationsRepository } from './publications.repository';
import { PublicationsService } from './publications.service';

/** 捐赠数据公示: frozen, hash-chained snapshots of the figures with the list of donations, and their schedule. */
@Module({
  imports: [CampaignsModule, AuditModule, InKindTotalsModule],
  controllers: [PublicationsController],
  providers: [PublicationsService, PublicationsRepository, DisclosureScheduler, DisclosureScheduleRepository],
  exports: [PublicationsService, DisclosureScheduler],
})
export class PublicationsModule {}

/** The disclosure schedule's job, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [PublicationsModule, BullModule.registerQueue({ name: DISCLOSURE_QUEUE })],
  providers: [DisclosureProcessor],
})
export class PublicationsWorkerModule {}
