import { Module } from '@nestjs/common';
import { DonationsModule } from '../donations/donations.module';
import { NotificationLogService } from './notification-log.service';
import { PaymentsController } from './payments.controller';
import { PaymentProvidersModule } from './providers/payment-providers.module';
import { SandboxNotificationService } from './sandbox-notification.service';

/** Provider callbacks: verified here, settled by the donations ledger. */
@Module({
  imports: [DonationsModule, PaymentProvidersModule],
  controllers: [PaymentsController],
  providers: [NotificationLogService, SandboxNotificationService],
  exports: [SandboxNotificationService],
})
export class PaymentsModule {}
