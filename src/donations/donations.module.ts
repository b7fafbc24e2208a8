import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AuditModule } from '../staff/audit/audit.module';
import { PaymentProvidersModule } from '../payment-providers/payment-providers.module';
import { ClaimTokensModule } from './claim-token';
import { DonationIntakeService } from './donation-intake.service';
import { DonationLedgerService } from './donation-ledger.service';
import { DonationLedgerRepository } from './donation-ledger.repository';
import { DonationsRepository } from './donations.repository';
import { RefundsRepository } from './refunds.repository';
import { DonationRefundsService } from './donation-refunds.service';
import { DONATION_MAINTENANCE_QUEUE } from './donation-maintenance';
import { DonationMaintenanceProcessor } from './donation-maintenance.processor';
import { DonationsController } from './donations.controller';
import { DonationsService } from './donations.service';

/** Cash donations: intake (idempotent), the ledger that settles payments and refunds, reads. */
@Module({
  imports: [CampaignsModule, PaymentProvidersModule, AuditModule, ClaimTokensModule, BullModule.registerQueue({ name: DONATION_MAINTENANCE_QUEUE })],
  controllers: [DonationsController],
  providers: [
    DonationIntakeService,
    DonationsRepository,
    RefundsRepository,
    DonationLedgerService,
    DonationLedgerRepository,
    DonationsService,
    DonationRefundsService,
  ],
  exports: [DonationLedgerService, DonationsService, DonationIntakeService],
})
export class DonationsModule {}

/** The donation jobs, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [PaymentProvidersModule, BullModule.registerQueue({ name: DONATION_MAINTENANCE_QUEUE })],
  providers: [DonationMaintenanceProcessor, DonationsRepository],
})
export class DonationsWorkerModule {}
