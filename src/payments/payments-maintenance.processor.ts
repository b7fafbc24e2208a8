import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WechatPayReconcilerService } from './wechatpay/wechatpay-reconciler.service';

export const PAYMENTS_QUEUE = 'payments';
export const RECONCILE_WECHATPAY = 'reconcile-wechatpay';

/** Daily reconciliation with WeChat Pay (03:00 Beijing time), when WeChat Pay is configured. */
@Processor(PAYMENTS_QUEUE)
export class PaymentsMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
    private readonly reconciler: WechatPayReconcilerService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.wechatPay) {
      await this.queue.upsertJobScheduler(RECONCILE_WECHATPAY, { pattern: '0 3 * * *', tz: 'Asia/Shanghai' }, { name: RECONCILE_WECHATPAY });
    } else {
      await this.queue.removeJobScheduler(RECONCILE_WECHATPAY);
    }
  }

  async process(job: Job): Promise<unknown> {
    if (job.name !== RECONCILE_WECHATPAY) throw new Error(`No handler for job ${job.name}`);
    return this.reconciler.reconcile();
  }
}
