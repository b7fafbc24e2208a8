import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuditModule } from '../staff/audit/audit.module';
import { JobsController } from './jobs.controller';
import { FOLLOWED_QUEUES, JobsService } from './jobs.service';
import { RETENTION_CONFIG_PROVIDER } from './retention.config';
import { MAINTENANCE_QUEUE } from './retention-jobs';
import { StorageRetentionProcessor, StorageRetentionScheduler } from './storage-retention.processor';
import { StorageRetentionService } from './storage-retention.service';
import { HousekeepingRepository } from './housekeeping.repository';
import { HousekeepingService } from './housekeeping.service';
import { StaffJobsRepository } from './staff-jobs.repository';

/** GET /api/staff/jobs(/:jobId): staff follow background jobs (progress, result, file) from any page. */
@Module({
  imports: FOLLOWED_QUEUES.map((name) => BullModule.registerQueue({ name })),
  controllers: [JobsController],
  providers: [JobsService, StaffJobsRepository],
})
export class JobsModule {}

/** The retention cleanups (storage, notification log, orphaned uploads: schedules and worker), loaded only in processes that run workers. */
@Module({
  imports: [AuditModule, BullModule.registerQueue({ name: MAINTENANCE_QUEUE })],
  providers: [
    RETENTION_CONFIG_PROVIDER,
    StorageRetentionService,
    StaffJobsRepository,
    HousekeepingRepository,
    HousekeepingService,
    StorageRetentionProcessor,
    StorageRetentionScheduler,
  ],
  exports: [StorageRetentionService, HousekeepingService],
})
export class JobsWorkerModule {}
