import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedules } from '../queue/job-schedules';
import { RETENTION_CONFIG, RetentionConfig } from './retention.config';
import { MAINTENANCE_QUEUE, STORAGE_RETENTION } from './retention-jobs';
import { RetentionResult, StorageRetentionService } from './storage-retention.service';

/** The maintenance worker: runs the storage retention cleanup when its schedule fires. */
@Processor(MAINTENANCE_QUEUE)
export class StorageRetentionProcessor extends WorkerHost {
  constructor(private readonly retention: StorageRetentionService) {
    super();
  }

  async process(job: Job): Promise<RetentionResult> {
    if (job.name !== STORAGE_RETENTION) throw new UnrecoverableError(`No handler for job ${job.name}`);
    return this.retention.run();
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
    await this.schedules.keep(this.queue, STORAGE_RETENTION, { every: this.config.everyMinutes * 60_000 }, { name: STORAGE_RETENTION, opts: { attempts: 3 } });
  }
}
