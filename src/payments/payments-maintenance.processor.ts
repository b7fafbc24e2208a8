import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobSchedules } from '../queue/job-schedules';
import { AlipayReconcilerService } from './alipay/alipay-reconciler.service';
import { WechatPayReconcilerService } from './wechatpay/wechatpay-reconciler.service';

import { PAYMENTS_QUEUE } from '../queue/queue-names';

export { PAYMENTS_QUEUE };
export const RECONCILE_WECHATPAY = 'reconcile-wechatpay';
export const RECONCILE_ALIPAY = 'reconcile-alipay';

/**
 * Daily reconciliation with each configured provider. WeChat's trade bill of a day is ready from
 * 10:00 the next day (Beijing time), so the job runs at 10:30 and reads yesterday's bill.
 */
@Processor(PAYMENTS_QUEUE)
export class PaymentsMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
    private readonly wechatpay: WechatPayReconcilerService,
    private readonly alipay: AlipayReconcilerService,
    private readonly schedules: JobSchedules,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const schedules: [string, boolean, string][] = [
      [RECONCILE_WECHATPAY, this.config.wechatPay !== null, '30 10 * * *'],
      [RECONCILE_ALIPAY, this.config.alipay !== null, '0 3 * * *'],
    ];
    for (const [name, enabled, pattern] of schedules) {
      if (enabled) await this.schedules.keep(this.queue, name, { pattern, tz: 'Asia/Shanghai' }, { name });
      else await this.queue.removeJobScheduler(name);
    }
  }

  async process(job: Job): Promise<unknown> {
    if (job.name === RECONCILE_WECHATPAY) return this.wechatpay.reconcile();
    if (job.name === RECONCILE_ALIPAY) return this.alipay.reconcile();
    throw new UnrecoverableError(`No handler for job ${job.name}`);
  }
}
