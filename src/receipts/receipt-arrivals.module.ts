import { Module } from '@nestjs/common';
import { AuditModule } from '../staff/audit/audit.module';
import { ReceiptArrivalsService } from './receipt-arrivals.service';
import { WaitingRequestsRepository } from './waiting-requests.repository';

/** What a recorded bank transfer tells the receipt requests waiting for it; needs only the database (no cycle with bank-transfers). */
@Module({
  imports: [AuditModule],
  providers: [ReceiptArrivalsService, WaitingRequestsRepository],
  exports: [ReceiptArrivalsService],
})
export class ReceiptArrivalsModule {}
