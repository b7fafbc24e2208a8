import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { DonationsModule } from '../donations/donations.module';
import { AuditModule } from '../staff/audit/audit.module';
import { BankTransferImportService } from './bank-transfer-import.service';
import { BankTransfersController } from './bank-transfers.controller';
import { BankTransfersService } from './bank-transfers.service';

/** Bank transfers: one at a time or a whole statement, each a paid donation through the ledger. */
@Module({
  imports: [CampaignsModule, DonationsModule, AuditModule],
  controllers: [BankTransfersController],
  providers: [BankTransfersService, BankTransferImportService],
  exports: [BankTransfersService],
})
export class BankTransfersModule {}
