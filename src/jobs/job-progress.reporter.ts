import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';

export interface JobProgress {
  done: number;
  total: number;
  /** Of `done`, how many failed (mass approval: refused requests); left out when a job has no such notion. */
  failed?: number;
}

/** What a job followed by staff returns: its result, and how often it reported progress. */
export interface ReportedJobReturn<T> {
  result: T;
  progressReports: number;
}

const logger = new Logger('JobProgress');

/**
 * Turns a synchronous progress callback into `job.updateProgress({ done, total })` calls, at most
 * about `steps` of them per job (one Redis write per line of a 10,000-line file would double the
 * work), always including the first and the last. Writes go one after another, in order.
 */
export class JobProgressReporter {
  private reports = 0;
  private last: JobProgress | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly job: Pick<Job, 'updateProgress' | 'id'>,
    private readonly steps = 100,
  ) {}

  report(done: number, total: number, failed?: number): void {
    const step = Math.max(1, Math.ceil(total / this.steps));
    const last = this.last;
    if (last && last.total === total && done !== total && done - last.done < step) return;
    if (last && last.total === total && last.done === done) return;
    const progress: JobProgress = failed === undefined ? { done, total } : { done, total, failed };
    this.last = progress;
    this.reports += 1;
    // Progress is advice for the page: a failed write is logged and the import goes on.
    this.chain = this.chain
      .then(() => this.job.updateProgress(progress))
      .catch((error) => logger.warn(`job ${this.job.id}: progress not saved: ${(error as Error).message}`));
  }

  /** Waits for the writes in flight; returns how many progress reports were made. */
  async flush(): Promise<number> {
    await this.chain;
    return this.reports;
  }
}

/** A job's progress as staff see it: `{ done, total, failed? }`, zeros before the job has started. */
export function progressOf(value: unknown): JobProgress {
  const p = value as Partial<JobProgress> | null;
  const done = Number.isSafeInteger(p?.done) ? (p!.done as number) : 0;
  const total = Number.isSafeInteger(p?.total) ? (p!.total as number) : 0;
  return Number.isSafeInteger(p?.failed) ? { done, total, failed: p!.failed } : { done, total };
}
