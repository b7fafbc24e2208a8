import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { IMPORTS_QUEUE } from '../bank-transfers/bank-import-jobs';
import { DomainError } from '../common/errors';
import { parsePublicJobId } from './job-id';
import { JobProgress, progressOf } from './job-progress.reporter';

export type JobStateView = 'waiting' | 'active' | 'completed' | 'failed';

export interface JobView {
  jobId: string;
  state: JobStateView;
  progress: JobProgress;
  result?: unknown;
  failedReason?: string;
  createdAt?: string;
  finishedAt?: string;
}

/** Queues whose jobs staff may follow (each registered in JobsModule). */
export const FOLLOWED_QUEUES = [IMPORTS_QUEUE] as const;

/**
 * Where a background job stands, read from BullMQ; before the outbox relay has handed the job to
 * Redis, it is `waiting` as long as its outbox row is there.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async status(jobId: string): Promise<JobView> {
    const id = parsePublicJobId(jobId);
    if (!id || !(FOLLOWED_QUEUES as readonly string[]).includes(id.queue)) throw notFound();
    const queue = this.moduleRef.get<Queue>(getQueueToken(id.queue), { strict: false });
    const found = await this.find(queue, id.bullJobId);
    if (found) return view(jobId, found.job, found.state);
    const rows: { created_at: Date; dispatched_at: Date | null }[] = await this.dataSource.query(`SELECT created_at, dispatched_at FROM outbox WHERE id = $1 AND queue = $2`, [id.outboxRowId, id.queue]);
    if (rows.length === 0) throw notFound();
    if (rows[0].dispatched_at === null) return { jobId, state: 'waiting', progress: { done: 0, total: 0 }, createdAt: rows[0].created_at.toISOString() };
    // Relayed between the two reads: ask BullMQ once more.
    const relayed = await this.find(queue, id.bullJobId);
    if (!relayed) throw notFound();
    return view(jobId, relayed.job, relayed.state);
  }

  private async find(queue: Queue, bullJobId: string): Promise<{ job: Job; state: string } | null> {
    try {
      const job = await queue.getJob(bullJobId);
      const state = job ? await job.getState() : 'unknown';
      return job && state !== 'unknown' ? { job, state } : null;
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', '任务队列暂时不可用，请稍后再试');
    }
  }
}

function view(jobId: string, job: Job, state: string): JobView {
  const out: JobView = { jobId, state: stateView(state), progress: progressOf(job.progress), createdAt: new Date(job.timestamp).toISOString() };
  if (out.state === 'completed') out.result = (job.returnvalue as { result?: unknown } | null)?.result ?? null;
  if (out.state === 'failed') out.failedReason = job.failedReason;
  if (job.finishedOn) out.finishedAt = new Date(job.finishedOn).toISOString();
  return out;
}

function stateView(state: string): JobStateView {
  if (state === 'completed' || state === 'failed' || state === 'active') return state;
  return 'waiting'; // waiting, delayed (a retry), prioritized, waiting-children
}

function notFound(): DomainError {
  return new DomainError('JOB_NOT_FOUND', '没有找到该任务');
}
