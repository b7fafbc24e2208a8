import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedules } from '../queue/job-schedules';
import { RETENTION_CONFIG, RetentionConfig } from './retention.config';
import { HousekeepingService } from './housekeeping.service';
import { MAINTENANCE_QUEUE, NOTIFICATION_RETENTION, OUTBOX_RETENTION, STORAGE_RETENTION, UPLOAD_SWEEP } from './retention-jobs';
import { RetentionResult, StorageRetentionService } from './storage-retention.service';

/** The maintenance worker: runs the retention cleanups when their schedules fire. */
@Processor(MAINTENANCE_QUEUE)
export class StorageRetentionProcessor extends WorkerHost {
  constructor(
    private readonly retention: StorageRetentionService,
    private readonly housekeeping: HousekeepingService,
  ) {
    super();
  }

  async process(job: Job): Promise<RetentionResult | object> {
    if (job.name === STORAGE_RETENTION) return this.retention.run();
    if (job.name === NOTIFICATION_RETENTION) return this.housekeeping.pruneNotifications();
    if (job.name === UPLOAD_SWEEP) return this.housekeeping.sweepOrphanedUploads();
    if (job.name === OUTBOX_RETENTION) return this.housekeeping.pruneOutbox();
    throw new UnrecoverableError(`No handler for job ${job.name}`);
  }
}

/**
 * Keeps one repeating cleanup job on the maintenance queue. Every worker process upserts the same
 * scheduler id (kept written by JobSchedules), so there is one schedule however many workers run.
 */
@Injectable()
export class StorageRetentionScheduler implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(MAINTENANCE_QUEUE) private readonly queue: Queue,
    @Inject(RETENTION_CONFIG) private readonly config: RetentionConfig,
    private readonly schedules: JobSchedules,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const every = this.config.everyMinutes * 60_000;
    for (const name of [STORAGE_RETENTION, NOTIFICATION_RETENTION, UPLOAD_SWEEP, OUTBOX_RETENTION]) {
      await this.schedules.keep(this.queue, name, { every }, { name, opts: { attempts: 3 } });
    }
  }
}
