import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedules } from '../queue/job-schedules';
import { DISCLOSURE_QUEUE, PUBLISH_DUE, PUBLISH_DUE_EVERY_MS } from './disclosure-jobs';
import { DisclosureScheduler } from './disclosure-scheduler.service';

/** Makes the publications that fell due; safe to run twice (a publication is made only if none came in between). */
@Processor(DISCLOSURE_QUEUE)
export class DisclosureProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(DISCLOSURE_QUEUE) private readonly queue: Queue,
    private readonly scheduler: DisclosureScheduler,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue, PUBLISH_DUE, { every: PUBLISH_DUE_EVERY_MS }, { name: PUBLISH_DUE });
  }

  async process(job: Job): Promise<{ published: string[] }> {
    if (job.name !== PUBLISH_DUE) throw new UnrecoverableError(`No handler for job ${job.name}`);
    return this.scheduler.publishDue();
  }
}
