import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateTimeProperty, NullableDateTimeProperty } from '../../common/dto/view-properties';
import type { Job } from 'bullmq';
import { progressOf } from '../job-progress.reporter';
import { STAFF_JOB_KINDS, StaffJobKind } from '../staff-jobs';
import type { StaffJobRow } from '../staff-jobs.repository';

export type JobStateView = 'waiting' | 'active' | 'completed' | 'failed';

export class JobProgressView {
  @ApiProperty({ example: 40 })
  done: number;

  @ApiProperty({ example: 120 })
  total: number;

  @ApiPropertyOptional({ description: 'of `done`, how many failed (mass approval: refused requests)', example: 1 })
  failed?: number;
}

/** A file a job wrote for download (an export), while it is kept. */
export class JobFileView {
  @ApiProperty({ example: '/api/staff/export-jobs/42/file' })
  url: string;

  @ApiProperty({ example: 'donations-warm-wuhan.csv' })
  filename: string;

  @ApiProperty({ nullable: true, type: Number })
  rows: number | null;

  @ApiProperty({ nullable: true, type: Number })
  bytes: number | null;

  @NullableDateTimeProperty()
  expiresAt: string | null;

  @ApiProperty({ description: 'false once expired and deleted' })
  available: boolean;
}

/** The export file of a job record, once written; `available` false once expired or deleted. */
export function toJobFileView(record: StaffJobRow, now = Date.now()): JobFileView | undefined {
  if (record.kind !== 'export' || !record.fileWrittenAt || !record.fileName) return undefined;
  const expired = record.fileDeletedAt !== null || (record.fileExpiresAt !== null && record.fileExpiresAt.getTime() <= now);
  return {
    url: `/api/staff/export-jobs/${encodeURIComponent(record.jobId)}/file`,
    filename: record.fileName,
    rows: record.fileRows,
    bytes: record.fileBytes,
    expiresAt: record.fileExpiresAt?.toISOString() ?? null,
    available: !expired,
  };
}

/** A background job staff follow (statement import, mass approval, export). */
export class JobView {
  @ApiProperty({ example: '42' })
  jobId: string;

  @ApiPropertyOptional({ enum: STAFF_JOB_KINDS })
  kind?: StaffJobKind;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'what it was asked to do' })
  params?: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'the e-mail of who started it' })
  startedBy?: string | null;

  @ApiProperty({ enum: ['waiting', 'active', 'completed', 'failed'] })
  state: JobStateView;

  @ApiProperty({ type: () => JobProgressView })
  progress: JobProgressView;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: "once completed: the job's result (an import's { imported, duplicates, skipped, layout, errors }, an approval's counts…)",
  })
  result?: unknown;

  @ApiPropertyOptional()
  failedReason?: string;

  @ApiPropertyOptional({ type: () => JobFileView })
  file?: JobFileView;

  @DateTimeProperty({ required: false })
  createdAt?: string;

  @DateTimeProperty({ required: false })
  finishedAt?: string;
}

/** A job as BullMQ holds it; `state` is BullMQ's (delayed, prioritized… show as waiting). */
export function toJobView(jobId: string, job: Job, state: string): JobView {
  const out: JobView = { jobId, state: toJobStateView(state), progress: progressOf(job.progress), createdAt: new Date(job.timestamp).toISOString() };
  if (out.state === 'completed') out.result = (job.returnvalue as { result?: unknown } | null)?.result ?? null;
  if (out.state === 'failed') out.failedReason = job.failedReason;
  if (job.finishedOn) out.finishedAt = new Date(job.finishedOn).toISOString();
  return out;
}

/** The job with what staff_jobs keeps of it: its kind, parameters, who started it, its file. */
export function withJobRecord(out: JobView, record: StaffJobRow): JobView {
  const decorated: JobView = { kind: record.kind, params: record.params, startedBy: record.startedByEmail, ...out };
  const file = toJobFileView(record);
  if (file) decorated.file = file;
  return decorated;
}

function toJobStateView(state: string): JobStateView {
  if (state === 'completed' || state === 'failed' || state === 'active') return state;
  return 'waiting'; // waiting, delayed (a retry), prioritized, waiting-children
}

export class JobListView {
  @ApiProperty({ type: () => [JobView], description: 'newest first, the last 7 days' })
  items: JobView[];
}

/** 202 of a request that starts a background job. */
export class StartedBackgroundJobView {
  @ApiProperty({ description: 'follow it at GET /api/staff/jobs/:jobId', example: '42' })
  jobId: string;
}
