import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Job, Queue } from 'bullmq';
import { DomainError } from '../common/errors';
import { APPROVALS_QUEUE, EXPORTS_QUEUE, IMPORTS_QUEUE } from '../queue/queue-names';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { parsePublicJobId } from './job-id';
import { JobListView, JobView, toJobView, withJobRecord } from './dto/job.view';
import { assertMayRead, mayRead, STAFF_JOB_KINDS, StaffJobKind } from './staff-jobs';
import { StaffJobsRepository } from './staff-jobs.repository';

/** Queues whose jobs staff may follow (each registered in JobsModule). */
export const FOLLOWED_QUEUES = [IMPORTS_QUEUE, APPROVALS_QUEUE, EXPORTS_QUEUE] as const;

const RECENT_DAYS = 7;
const RECENT_LIMIT = 20;

/**
 * Where a background job stands, read from BullMQ; before the outbox relay has handed the job to
 * Redis, it is `waiting` as long as its outbox row is there. Who started it, who may follow it and
 * the file it wrote come from `staff_jobs`, which outlives BullMQ's retention of finished jobs.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly jobs: StaffJobsRepository,
  ) {}

  async status(jobId: string, viewer: StaffPrincipal): Promise<JobView> {
    const id = parsePublicJobId(jobId);
    if (!id || !(FOLLOWED_QUEUES as readonly string[]).includes(id.queue)) throw notFound();
    const record = await this.jobs.byJobId(jobId);
    // Jobs started before staff_jobs existed were statement imports: finance's.
    assertMayRead(viewer, record?.readableBy ?? ['finance']);
    const view = await this.bullView(jobId, id.queue, id.bullJobId, id.outboxRowId);
    if (view) return record ? withJobRecord(view, record) : view;
    // BullMQ drops finished jobs after a day; a written file is kept longer.
    if (record?.fileWrittenAt && record.kind === 'export') {
      const rows = record.fileRows ?? 0;
      return withJobRecord(
        {
          jobId,
          state: 'completed',
          progress: { done: rows, total: rows },
          createdAt: record.createdAt.toISOString(),
          finishedAt: record.fileWrittenAt.toISOString(),
        },
        record,
      );
    }
    throw notFound();
  }

  /** Recent jobs (7 days, newest first): the viewer's own, or every job the viewer may follow. */
  async recent(viewer: StaffPrincipal, query: { kind?: StaffJobKind; mine?: boolean }): Promise<JobListView> {
    if (query.kind && !STAFF_JOB_KINDS.includes(query.kind)) return { items: [] };
    const rows = await this.jobs.recent(RECENT_DAYS, query.kind ?? null, query.mine === false ? null : viewer.id, RECENT_LIMIT * 5);
    const items: JobView[] = [];
    for (const row of rows.filter((r) => mayRead(viewer, r.readableBy)).slice(0, RECENT_LIMIT)) {
      try {
        items.push(await this.status(row.jobId, viewer));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'JOB_NOT_FOUND')) throw error;
      }
    }
    return { items };
  }

  private async bullView(jobId: string, queueName: string, bullJobId: string, outboxRowId: string): Promise<JobView | null> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
    const found = await this.find(queue, bullJobId);
    if (found) return toJobView(jobId, found.job, found.state);
    const row = await this.jobs.outboxRow(outboxRowId, queueName);
    if (!row) return null;
    if (row.dispatchedAt === null) return { jobId, state: 'waiting', progress: { done: 0, total: 0 }, createdAt: row.createdAt.toISOString() };
    // Relayed between the two reads: ask BullMQ once more.
    const relayed = await this.find(queue, bullJobId);
    return relayed ? toJobView(jobId, relayed.job, relayed.state) : null;
  }

  private async find(queue: Queue, bullJobId: string): Promise<{ job: Job; state: string } | null> {
    try {
      // State first: a job read as completed is then fetched with its return value (the other
      // order could see it finish in between and show `completed` without a result).
      const state = await queue.getJobState(bullJobId);
      const job = state === 'unknown' ? undefined : await queue.getJob(bullJobId);
      return job ? { job, state } : null;
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', '任务队列暂时不可用，请稍后再试');
    }
  }
}

function notFound(): DomainError {
  return new DomainError('JOB_NOT_FOUND', '没有找到该任务');
}
