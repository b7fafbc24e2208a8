import { Processor, WorkerHost } from '@nestjs/bullmq';
import { QUEUE_WORKER_LOCK } from '../config/queue-lock';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '../common/errors';
import { JobProgressReporter, ReportedJobReturn } from '../jobs/job-progress.reporter';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { APPROVALS_QUEUE, APPROVE_RECEIPT_REQUESTS, ApproveReceiptRequestsJob } from './receipt-jobs';
import { ReceiptReviewService } from './receipt-review.service';

/** Refusals listed in the result; the count is always exact. */
const MAX_LISTED_ERRORS = 1000;

export interface ApproveJobResult {
  total: number;
  /** Approved by this run. */
  approved: number;
  /** Approved before (by hand, another job, or an earlier run of this one): left alone. */
  alreadyApproved: number;
  failed: number;
  errors: { requestId: string; code: string; message: string }[];
}

/** The approvals worker: each request through the single approval path, one transaction each. */
@Processor(APPROVALS_QUEUE, QUEUE_WORKER_LOCK)
export class ReceiptApprovalProcessor extends WorkerHost {
  constructor(private readonly review: ReceiptReviewService) {
    super();
  }

  async process(job: Job): Promise<ReportedJobReturn<ApproveJobResult>> {
    if (job.name !== APPROVE_RECEIPT_REQUESTS) throw new UnrecoverableError(`No handler for job ${job.name}`);
    const data = job.data as ApproveReceiptRequestsJob;
    const actor = data.actor as StaffPrincipal;
    const total = data.requestIds.length;
    const result: ApproveJobResult = { total, approved: 0, alreadyApproved: 0, failed: 0, errors: [] };
    const progress = new JobProgressReporter(job);
    progress.report(0, total, 0);
    try {
      for (const [index, requestId] of data.requestIds.entries()) {
        try {
          const outcome = await this.review.approveOne(requestId, undefined, actor);
          if (outcome.changed) result.approved += 1;
          else result.alreadyApproved += 1;
        } catch (error) {
          // A refusal (rejected, not paid, amounts differ…) is this request's answer; anything else is retried.
          if (!(error instanceof DomainError)) throw error;
          result.failed += 1;
          if (result.errors.length < MAX_LISTED_ERRORS) result.errors.push({ requestId, code: error.code, message: error.message });
        }
        progress.report(index + 1, total, result.failed);
      }
    } finally {
      await progress.flush();
    }
    return { result, progressReports: await progress.flush() };
  }
}
