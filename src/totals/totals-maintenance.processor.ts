import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedules } from '../queue/job-schedules';
import { RECONCILE_EVERY_MS, RECONCILE_TOTALS, TOTALS_MAINTENANCE_QUEUE } from './totals-maintenance';
import { TotalsReconciler } from './totals-reconciler';

/** Checks the totals counters against the ledger on a schedule; safe to run twice (it only repairs drift). */
@Processor(TOTALS_MAINTENANCE_QUEUE)
export class TotalsMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(TOTALS_MAINTENANCE_QUEUE) private readonly queue: Queue,
    private readonly reconciler: TotalsReconciler,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue, RECONCILE_TOTALS, { every: RECONCILE_EVERY_MS }, { name: RECONCILE_TOTALS });
  }

  async process(job: Job): ReturnType<TotalsReconciler['reconcileAll']> {
    if (job.name !== RECONCILE_TOTALS) throw new UnrecoverableError(`No handler for job ${job.name}`);
    return this.reconciler.reconcileAll();
  }
}
