import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DonationsModule } from '../donations/donations.module';
import { ReceiptArrivalsModule } from '../receipts/receipt-arrivals.module';
import { AuditModule } from '../staff/audit/audit.module';
import { BankImportJobService } from './bank-import-job.service';
import { IMPORTS_QUEUE } from './bank-import-jobs';
import { BankImportProcessor } from './bank-import.processor';
import { BankTransferImportService } from './bank-transfer-import.service';
import { BankTransferOrdersRepository } from './bank-transfer-orders.repository';
import { BankTransfersController } from './bank-transfers.controller';
import { BankTransfersService } from './bank-transfers.service';
import { StatementMappingsController } from './statement-mappings.controller';
import { StatementMappingsRepository } from './statement-mappings.repository';
import { StatementMappingsService } from './statement-mappings.service';
import { StatementReader } from './statement-reader';
import { StatementStorage } from './statement-storage';

const shared = [
  BankTransfersService,
  BankTransferOrdersRepository,
  BankTransferImportService,
  StatementStorage,
  StatementReader,
  StatementMappingsService,
  StatementMappingsRepository,
];

/**
 * Bank transfers: one at a time or a whole statement, each a paid donation through the ledger.
 * Statements import synchronously, or as a job on the `imports` queue (through the outbox).
 */
@Module({
  imports: [CampaignsModule, DonationsModule, AuditModule, ReceiptArrivalsModule],
  controllers: [BankTransfersController, StatementMappingsController],
  providers: [...shared, BankImportJobService],
  exports: [BankTransfersService],
})
export class BankTransfersModule {}

/** The statement import worker, loaded only in processes that run workers (APP_ROLE=all|worker). */
@Module({
  imports: [CampaignsModule, DonationsModule, AuditModule, ReceiptArrivalsModule, BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  providers: [...shared, BankImportProcessor],
})
export class BankTransfersWorkerModule {}
