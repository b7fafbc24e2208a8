import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { RETENTION_CONFIG_PROVIDER } from '../jobs/retention.config';
import { AuditModule } from '../staff/audit/audit.module';
import { DonationExportRepository } from './donation-export.repository';
import { DonationExportSource } from './donation-export.source';
import { ExportJobsRepository } from './export-jobs.repository';
import { GoodsExportRepository } from './goods-export.repository';
import { ReceiptExportRepository } from './receipt-export.repository';
import { ExportJobProcessor } from './export-job.processor';
import { ExportJobService } from './export-job.service';
import { EXPORTS_QUEUE } from './export-jobs';
import { ExportJobsController } from './export-jobs.controller';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { GoodsExportSource } from './goods-export.source';
import { ReceiptExportSource } from './receipt-export.source';

const sources = [
  ExportsService,
  DonationExportSource,
  DonationExportRepository,
  ReceiptExportSource,
  ReceiptExportRepository,
  GoodsExportSource,
  GoodsExportRepository,
  ExportJobsRepository,
];

/**
 * GET /api/staff/exports/{donations,receipts,goods}.{csv,xlsx}: streamed, masked, audited; and the
 * same as jobs on the `exports` queue (POST /api/staff/export-jobs), kept for download a while.
 */
@Module({
  imports: [CampaignsModule, AuditModule],
  controllers: [ExportsController, ExportJobsController],
  providers: [...sources, ExportJobService],
})
export class ExportsModule {}

/** The export writer, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [CampaignsModule, AuditModule, BullModule.registerQueue({ name: EXPORTS_QUEUE })],
  providers: [...sources, RETENTION_CONFIG_PROVIDER, ExportJobProcessor],
})
export class ExportsWorkerModule {}
