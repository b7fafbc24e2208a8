import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DonationsModule } from '../donations/donations.module';
import { AlipayPagesController } from './alipay/alipay-pages.controller';
import { AlipayNotificationService } from './alipay/alipay-notification.service';
import { AlipayReconcilerService } from './alipay/alipay-reconciler.service';
import { AuditModule } from '../staff/audit/audit.module';
import { ProviderLedgerRepository } from './reconciliation/provider-ledger.repository';
import { ReconciliationDifferencesRepository } from './reconciliation/reconciliation-differences.repository';
import { ReconciliationDifferencesService } from './reconciliation/reconciliation-differences.service';
import { NotificationLogService } from './notification-log.service';
import { PaymentNotificationsRepository } from './payment-notifications.repository';
import { PAYMENTS_QUEUE, PaymentsMaintenanceProcessor } from './payments-maintenance.processor';
import { PaymentsStaffController } from './payments-staff.controller';
import { PaymentsController } from './payments.controller';
import { PaymentProvidersModule } from '../payment-providers/payment-providers.module';
import { SandboxNotificationService } from './sandbox-notification.service';
import { PageRenderer } from '../common/page-renderer';
import { WechatPayNotificationService } from './wechatpay/wechatpay-notification.service';
import { WechatPayPagesController } from './wechatpay/wechatpay-pages.controller';
import { WechatPayReconcilerService } from './wechatpay/wechatpay-reconciler.service';

/** Provider callbacks: kept raw, verified here, settled by the donations ledger; reconciliation. */
@Module({
  imports: [DonationsModule, PaymentProvidersModule, AuditModule],
  controllers: [PaymentsController, PaymentsStaffController, WechatPayPagesController, AlipayPagesController],
  providers: [
    NotificationLogService,
    PaymentNotificationsRepository,
    SandboxNotificationService,
    WechatPayNotificationService,
    AlipayNotificationService,
    WechatPayReconcilerService,
    AlipayReconcilerService,
    ReconciliationDifferencesService,
    ReconciliationDifferencesRepository,
    ProviderLedgerRepository,
    PageRenderer,
  ],
  exports: [SandboxNotificationService, WechatPayReconcilerService, AlipayReconcilerService],
})
export class PaymentsModule {}

/** The payments jobs (daily reconciliation), only in processes that run workers. */
@Module({
  imports: [PaymentsModule, PaymentProvidersModule, BullModule.registerQueue({ name: PAYMENTS_QUEUE })],
  providers: [PaymentsMaintenanceProcessor],
})
export class PaymentsWorkerModule {}
