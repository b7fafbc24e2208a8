import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedules } from './job-schedules';
import { QueueErrorLogger } from './queue-error-logger';
import { QueueHandlersCheck } from './queue-handlers';
import { queueOptions } from './queue-options';

/** BullMQ over the one Redis; queues are registered by the features that own them; repeating jobs are kept by JobSchedules; a worker process starts only with one worker per queue. */
@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => queueOptions(config),
    }),
  ],
  providers: [QueueErrorLogger, JobSchedules, QueueHandlersCheck],
  exports: [BullModule, JobSchedules],
})
export class QueueModule {}
