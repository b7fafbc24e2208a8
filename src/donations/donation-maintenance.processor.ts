import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { PaymentProviders } from '../payment-providers/payment-providers';
import { JobSchedules } from '../queue/job-schedules';
import { DonationsRepository } from './donations.repository';
import { DONATION_MAINTENANCE_QUEUE, EXPIRE_PENDING_ORDERS } from './donation-maintenance';

/**
 * Closes orders left unpaid past their expiry (status `failed`). Safe to run twice: a single
 * conditional UPDATE. A late payment for a closed order is still accepted by the ledger.
 */
@Processor(DONATION_MAINTENANCE_QUEUE)
export class DonationMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(DonationMaintenanceProcessor.name);

  constructor(
    private readonly orders: DonationsRepository,
    @InjectQueue(DONATION_MAINTENANCE_QUEUE) private readonly queue: Queue,
    private readonly providers: PaymentProviders,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.schedules.keep(this.queue, EXPIRE_PENDING_ORDERS, { every: 5 * 60_000 }, { name: EXPIRE_PENDING_ORDERS });
  }

  async process(job: Job): Promise<{ expired: number }> {
    if (job.name !== EXPIRE_PENDING_ORDERS) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const rows = await this.orders.expirePending();
    const expired = rows.length;
    if (expired > 0) this.logger.log({ expired }, 'Expired unpaid orders');
    // Close them at the provider too, so a late scan cannot pay an order we consider closed.
    // (A payment that still arrives is accepted by the ledger: money is never refused.)
    for (const row of rows) {
      const provider = this.providers.find(row.channel);
      if (!provider?.closePayment || !provider.isEnabled()) continue;
      await provider
        .closePayment(row.orderNo)
        .catch((error: Error) => this.logger.warn({ orderNo: row.orderNo }, `Closing at ${row.channel} failed: ${error.message}`));
    }
    return { expired };
  }
}
