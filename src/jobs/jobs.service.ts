import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/errors';
import { APPROVALS_QUEUE, EXPORTS_QUEUE, IMPORTS_QUEUE } from '../queue/queue-names';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { parsePublicJobId } from './job-id';
import { JobProgress, progressOf } from './job-progress.reporter';
import { assertMayRead, mayRead, STAFF_JOB_KINDS, StaffJobKind } from './staff-jobs';

export type JobStateView = 'waiting' | 'active' | 'completed' | 'failed';

/** A file a job wrote for download (an export), while it is kept. */
export interface JobFileView {
  url: string;
  filename: string;
  rows: number | null;
  bytes: number | null;
  expiresAt: string | null;
  available: boolean;
}

export interface JobView {
  jobId: string;
  kind?: StaffJobKind;
  params?: Record<string, unknown>;
  startedBy?: string | null;
  state: JobStateView;
  progress: JobProgress;
  result?: unknown;
  failedReason?: string;
  file?: JobFileView;
  createdAt?: string;
  finishedAt?: string;
}

/** Queues whose jobs staff may follow (each registered in JobsModule). */
export const FOLLOWED_QUEUES = [IMPORTS_QUEUE, APPROVALS_QUEUE, EXPORTS_QUEUE] as const;

const RECENT_DAYS = 7;
const RECENT_LIMIT = 20;

interface StaffJobRow {
  job_id: string;
  kind: StaffJobKind;
  started_by: string | null;
  started_by_email: string | null;
  readable_by: string[];
  params: Record<string, unknown>;
  created_at: Date;
  file_path: string | null;
  file_name: string | null;
  file_rows: string | null;
  file_bytes: string | null;
  file_written_at: Date | null;
  file_expires_at: Date | null;
  file_deleted_at: Date | null;
}

const SELECT_JOBS = `SELECT j.job_id, j.kind, j.started_by, u.email AS started_by_email, j.readable_by, j.params, j.created_at, j.file_path, j.file_name,
                            j.file_rows::text, j.file_bytes::text, j.file_written_at, j.file_expires_at, j.file_deleted_at
                       FROM staff_jobs j LEFT JOIN staff_users u ON u.id = j.started_by`;

/**
 * Where a background job stands, read from BullMQ; before the outbox relay has handed the job to
 * Redis, it is `waiting` as long as its outbox row is there. Who started it, who may follow it and
 * the file it wrote come from `staff_jobs`, which outlives BullMQ's retention of finished jobs.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly moduleRef: ModuleRef,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async status(jobId: string, viewer: StaffPrincipal): Promise<JobView> {
    const id = parsePublicJobId(jobId);
    if (!id || !(FOLLOWED_QUEUES as readonly string[]).includes(id.queue)) throw notFound();
    const [record] = await this.dataSource.query<StaffJobRow[]>(`${SELECT_JOBS} WHERE j.job_id = $1`, [jobId]);
    // Jobs started before staff_jobs existed were statement imports: finance's.
    assertMayRead(viewer, record?.readable_by ?? ['finance']);
    const view = await this.bullView(jobId, id.queue, id.bullJobId, id.outboxRowId);
    if (view) return record ? decorate(view, record) : view;
    // BullMQ drops finished jobs after a day; a written file is kept longer.
    if (record?.file_written_at && record.kind === 'export') {
      const rows = Number(record.file_rows ?? 0);
      return decorate(
        {
          jobId,
          state: 'completed',
          progress: { done: rows, total: rows },
          createdAt: record.created_at.toISOString(),
          finishedAt: record.file_written_at.toISOString(),
        },
        record,
      );
    }
    throw notFound();
  }

  /** Recent jobs (7 days, newest first): the viewer's own, or every job the viewer may follow. */
  async recent(viewer: StaffPrincipal, query: { kind?: StaffJobKind; mine?: boolean }): Promise<{ items: JobView[] }> {
    if (query.kind && !STAFF_JOB_KINDS.includes(query.kind)) return { items: [] };
    const rows = await this.dataSource.query<StaffJobRow[]>(
      `${SELECT_JOBS}
        WHERE j.created_at > now() - make_interval(days => $1)
          AND ($2::text IS NULL OR j.kind = $2::text)
          AND ($3::uuid IS NULL OR j.started_by = $3::uuid)
        ORDER BY j.created_at DESC LIMIT ${RECENT_LIMIT * 5}`,
      [RECENT_DAYS, query.kind ?? null, query.mine === false ? null : viewer.id],
    );
    const items: JobView[] = [];
    for (const row of rows.filter((r) => mayRead(viewer, r.readable_by)).slice(0, RECENT_LIMIT)) {
      try {
        items.push(await this.status(row.job_id, viewer));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'JOB_NOT_FOUND')) throw error;
      }
    }
    return { items };
  }

  private async bullView(jobId: string, queueName: string, bullJobId: string, outboxRowId: string): Promise<JobView | null> {
    const queue = this.moduleRef.get<Queue>(getQueueToken(queueName), { strict: false });
    const found = await this.find(queue, bullJobId);
    if (found) return view(jobId, found.job, found.state);
    const rows: { created_at: Date; dispatched_at: Date | null }[] = await this.dataSource.query(
      `SELECT created_at, dispatched_at FROM outbox WHERE id = $1 AND queue = $2`,
      [outboxRowId, queueName],
    );
    if (rows.length === 0) return null;
    if (rows[0].dispatched_at === null) return { jobId, state: 'waiting', progress: { done: 0, total: 0 }, createdAt: rows[0].created_at.toISOString() };
    // Relayed between the two reads: ask BullMQ once more.
    const relayed = await this.find(queue, bullJobId);
    return relayed ? view(jobId, relayed.job, relayed.state) : null;
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

function view(jobId: string, job: Job, state: string): JobView {
  const out: JobView = { jobId, state: stateView(state), progress: progressOf(job.progress), createdAt: new Date(job.timestamp).toISOString() };
  if (out.state === 'completed') out.result = (job.returnvalue as { result?: unknown } | null)?.result ?? null;
  if (out.state === 'failed') out.failedReason = job.failedReason;
  if (job.finishedOn) out.finishedAt = new Date(job.finishedOn).toISOString();
  return out;
}

function decorate(out: JobView, record: StaffJobRow): JobView {
  const decorated: JobView = { kind: record.kind, params: record.params, startedBy: record.started_by_email, ...out };
  if (record.kind === 'export' && record.file_written_at && record.file_name) {
    const expired = record.file_deleted_at !== null || (record.file_expires_at !== null && record.file_expires_at.getTime() <= Date.now());
    decorated.file = {
      url: `/api/staff/export-jobs/${encodeURIComponent(record.job_id)}/file`,
      filename: record.file_name,
      rows: record.file_rows === null ? null : Number(record.file_rows),
      bytes: record.file_bytes === null ? null : Number(record.file_bytes),
      expiresAt: record.file_expires_at?.toISOString() ?? null,
      available: !expired,
    };
  }
  return decorated;
}

function stateView(state: string): JobStateView {
  if (state === 'completed' || state === 'failed' || state === 'active') return state;
  return 'waiting'; // waiting, delayed (a retry), prioritized, waiting-children
}

function notFound(): DomainError {
  return new DomainError('JOB_NOT_FOUND', '没有找到该任务');
}
