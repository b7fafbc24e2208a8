import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AuditModule } from '../staff/audit/audit.module';
import { DisbursementAttachments } from './disbursement-attachments';
import { DisbursementConfirmationSigner } from './disbursement-confirmation.signer';
import { DisbursementConfirmationsRepository } from './disbursement-confirmations.repository';
import { DisbursementConfirmationsService } from './disbursement-confirmations.service';
import { DisbursementPlansController } from './disbursement-plans.controller';
import { DisbursementPlansRepository } from './disbursement-plans.repository';
import { DisbursementPlansService } from './disbursement-plans.service';
import { DisbursementsRepository } from './disbursements.repository';
import { DisbursementsService } from './disbursements.service';
import { PlanFileReader } from './plan-file.reader';
import { CampaignPosterController } from './poster/campaign-poster.controller';
import { CampaignPosterService } from './poster/campaign-poster.service';
import { TOTALS_MAINTENANCE_QUEUE } from './totals-maintenance';
import { TotalsMaintenanceProcessor } from './totals-maintenance.processor';
import { TotalsReconciler } from './totals-reconciler';
import { TotalsReconciliationRepository } from './totals-reconciliation.repository';
import { TotalsStreamHub } from './totals-stream.hub';
import { TotalsController } from './totals.controller';
import { TotalsService } from './totals.service';
import { TotalsReadsRepository } from './totals-reads.repository';

/** Public totals: counters read (cached, ETag), the live stream, the wall, disbursements, reconciliation, the poster. */
@Module({
  // IN_KIND_TOTALS (the goods lines) comes from the goods feature's global module; TotalsService works without it too.
  imports: [CampaignsModule, AuditModule],
  controllers: [TotalsController, CampaignPosterController, DisbursementPlansController],
  providers: [
    TotalsService,
    TotalsReadsRepository,
    DisbursementsService,
    DisbursementsRepository,
    DisbursementPlansService,
    DisbursementPlansRepository,
    DisbursementAttachments,
    PlanFileReader,
    DisbursementConfirmationSigner,
    DisbursementConfirmationsRepository,
    DisbursementConfirmationsService,
    TotalsStreamHub,
    TotalsReconciler,
    TotalsReconciliationRepository,
    CampaignPosterService,
  ],
  exports: [TotalsService, TotalsReconciler, DisbursementsService, DisbursementPlansService, DisbursementConfirmationsService],
})
export class TotalsModule {}

/** The reconciliation schedule, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [TotalsModule, BullModule.registerQueue({ name: TOTALS_MAINTENANCE_QUEUE })],
  providers: [TotalsMaintenanceProcessor],
})
export class TotalsWorkerModule {}
