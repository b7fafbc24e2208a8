import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAFF_JOB_KINDS, StaffJobKind } from '../staff-jobs';
import type { JobStateView } from '../jobs.service';

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

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty({ description: 'false once expired and deleted' })
  available: boolean;
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

  @ApiPropertyOptional({ format: 'date-time' })
  createdAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
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
