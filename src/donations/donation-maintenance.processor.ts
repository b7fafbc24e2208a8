import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DONATION_MAINTENANCE_QUEUE, EXPIRE_PENDING_ORDERS } from './donation-maintenance';

/**
 * Closes orders left unpaid past their expiry (status `failed`). Safe to run twice: a single
 * conditional UPDATE. A late payment for a closed order is still accepted by the ledger.
 */
@Processor(DONATION_MAINTENANCE_QUEUE)
export class DonationMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DonationMaintenanceProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(DONATION_MAINTENANCE_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(EXPIRE_PENDING_ORDERS, { every: 5 * 60_000 }, { name: EXPIRE_PENDING_ORDERS });
  }

  async process(job: Job): Promise<{ expired: number }> {
    if (job.name !== EXPIRE_PENDING_ORDERS) throw new Error(`No handler for job ${job.name}`);
    const result = await this.dataSource.query(
      `UPDATE donations SET status = 'failed', updated_at = now() WHERE status = 'pending' AND expires_at < now()`,
    );
    const expired = Number(result?.[1] ?? 0);
    if (expired > 0) this.logger.log({ expired }, 'Expired unpaid orders');
    return { expired };
  }
}
