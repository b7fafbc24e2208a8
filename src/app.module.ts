import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { BankTransfersModule, BankTransfersWorkerModule } from './bank-transfers/bank-transfers.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CommonModule } from './common/common.module';
import { ErrorFilter } from './common/error.filter';
import { rateLimits } from './common/rate-limit';
import { AppConfig, APP_CONFIG } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { ExportsModule, ExportsWorkerModule } from './exports/exports.module';
import { JobsModule, JobsWorkerModule } from './jobs/jobs.module';
import { DonationsModule, DonationsWorkerModule } from './donations/donations.module';
import { HealthModule } from './health/health.module';
import { InKindModule } from './in-kind/in-kind.module';
import { MetricsModule } from './metrics/metrics.module';
import { PagesModule } from './pages/pages.module';
import { OutboxModule } from './outbox/outbox.module';
import { PaymentsModule, PaymentsWorkerModule } from './payments/payments.module';
import { ReceiptsModule, ReceiptsWorkerModule } from './receipts/receipts.module';
import { QueueModule } from './queue/queue.module';
import { QueueBoardModule } from './queue-board/queue-board.module';
import { RedisModule } from './redis/redis.module';
import { RedisThrottlerStorage } from './redis/redis-throttler.storage';
import { StaffModule } from './staff/staff.module';
import { TotalsLedgerModule } from './totals/totals-ledger.module';
import { TotalsModule, TotalsWorkerModule } from './totals/totals.module';
import { CampaignPageModule } from './campaign-page/campaign-page.module';
import { PublicationsModule, PublicationsWorkerModule } from './publications/publications.module';

/** Wires the features; APP_ROLE decides whether this process also runs the queue workers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const workers =
      config.appRole === 'api'
        ? []
        : [
            DonationsWorkerModule,
            ReceiptsWorkerModule,
            PaymentsWorkerModule,
            TotalsWorkerModule,
            BankTransfersWorkerModule,
            ExportsWorkerModule,
            JobsWorkerModule,
            PublicationsWorkerModule,
          ];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        RedisModule,
        DatabaseModule.forRoot(ENTITIES),
        QueueModule,
        OutboxModule,
        TotalsLedgerModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, RedisThrottlerStorage],
          useFactory: (c: AppConfig, storage: RedisThrottlerStorage) => ({
            throttlers: rateLimits({ 'public-writes': c.publicWriteRateLimit, 'order-lookups': c.orderLookupRateLimit, callbacks: c.callbackRateLimit }),
            storage,
          }),
        }),
        StaffModule,
        CampaignsModule,
        DonationsModule,
        PaymentsModule,
        TotalsModule,
        PublicationsModule,
        CampaignPageModule,
        ReceiptsModule,
        BankTransfersModule,
        JobsModule,
        ExportsModule,
        InKindModule,
        HealthModule,
        MetricsModule,
        PagesModule,
        ConsoleModule,
        QueueBoardModule,
        ...workers,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
