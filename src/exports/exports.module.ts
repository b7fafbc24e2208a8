import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { AuditModule } from '../staff/audit/audit.module';
import { DonationExportSource } from './donation-export.source';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ReceiptExportSource } from './receipt-export.source';

/** GET /api/staff/exports/{donations,receipts}.{csv,xlsx}: streamed, masked, audited. */
@Module({
  imports: [CampaignsModule, AuditModule],
  controllers: [ExportsController],
  providers: [ExportsService, DonationExportSource, ReceiptExportSource],
})
export class ExportsModule {}
