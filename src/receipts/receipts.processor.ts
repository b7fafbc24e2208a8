import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUE_WORKER_LOCK } from '../config/queue-lock';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobSchedules } from '../queue/job-schedules';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ReceiptIssuerService } from './receipt-issuer.service';
import { FiscalReceiptIssuerService } from './fiscal-receipt-issuer.service';
import {
  EMAIL_RECEIPT,
  EMAIL_REJECTION,
  EMAIL_VOIDED,
  EmailVoidedJob,
  FISCAL_SWEEP,
  FISCAL_SWEEP_EVERY_MS,
  EmailReceiptJob,
  EmailRejectionJob,
  ISSUE_FISCAL,
  ISSUE_RECEIPT,
  IssueFiscalJob,
  IssueReceiptJob,
  RECEIPTS_QUEUE,
  RENDER_OFFICIAL,
  RenderOfficialJob,
  VOID_FISCAL,
  VoidFiscalJob,
} from './receipt-jobs';

/** The receipts worker: issue (number, PDF), official receipts (re-render, fiscal platform), e-mail receipts and rejections. */
@Processor(RECEIPTS_QUEUE, QUEUE_WORKER_LOCK)
export class ReceiptsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly issuer: ReceiptIssuerService,
    private readonly fiscal: FiscalReceiptIssuerService,
    @InjectQueue(RECEIPTS_QUEUE) private readonly queue: Queue,
    private readonly schedules: JobSchedules,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.receiptWorkerConcurrency;
    if (this.config.fiscalReceipts) await this.schedules.keep(this.queue, FISCAL_SWEEP, { every: FISCAL_SWEEP_EVERY_MS }, { name: FISCAL_SWEEP });
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case ISSUE_RECEIPT:
        return this.issuer.issue(job.data as IssueReceiptJob);
      case EMAIL_RECEIPT:
        return this.issuer.email(job.data as EmailReceiptJob);
      case EMAIL_REJECTION:
        return this.issuer.emailRejection((job.data as EmailRejectionJob).requestId);
      case EMAIL_VOIDED:
        return this.issuer.emailVoided(job.data as EmailVoidedJob);
      case RENDER_OFFICIAL:
        return this.issuer.renderOfficial(job.data as RenderOfficialJob);
      case ISSUE_FISCAL:
        return this.fiscal.issue(job.data as IssueFiscalJob);
      case FISCAL_SWEEP:
        return this.fiscal.sweep();
      case VOID_FISCAL:
        return this.fiscal.void(job.data as VoidFiscalJob);
      default:
        throw new UnrecoverableError(`No handler for job ${job.name}`);
    }
  }
}
