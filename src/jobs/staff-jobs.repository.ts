import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { StaffJobKind, StaffJobRecord } from './staff-job-kinds';

/** A background job staff started, with its file (an export's, an uploaded statement). */
export interface StaffJobRow {
  jobId: string;
  kind: StaffJobKind;
  startedBy: string | null;
  startedByEmail: string | null;
  readableBy: string[];
  params: Record<string, unknown>;
  createdAt: Date;
  filePath: string | null;
  fileName: string | null;
  fileRows: number | null;
  fileBytes: number | null;
  fileWrittenAt: Date | null;
  fileExpiresAt: Date | null;
  fileDeletedAt: Date | null;
}

interface StaffJobSqlRow {
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
 * Writes who started a background job, in the caller's transaction (the one that hands the job to
 * the outbox). A function, so the features that start jobs need no provider of the jobs module.
 */
export async function insertStaffJob(manager: EntityManager, startedBy: string, job: StaffJobRecord): Promise<void> {
  await manager.query(
    `INSERT INTO staff_jobs (job_id, kind, started_by, readable_by, params, file_path, file_name, file_written_at)
     VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, $7, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)`,
    [job.jobId, job.kind, startedBy, job.readableBy, JSON.stringify(job.params), job.filePath ?? null, job.fileName ?? null],
  );
}

/** The staff_jobs table (who started which job, its file) and the outbox rows of jobs not relayed yet. */
@Injectable()
export class StaffJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async byJobId(jobId: string): Promise<StaffJobRow | null> {
    const [record] = await this.dataSource.query<StaffJobSqlRow[]>(`${SELECT_JOBS} WHERE j.job_id = $1`, [jobId]);
    return record ? toRow(record) : null;
  }

  /** Jobs of the last `days` days, newest first: of one kind, or one starter, when given. */
  async recent(days: number, kind: StaffJobKind | null, startedBy: string | null, limit: number): Promise<StaffJobRow[]> {
    const rows = await this.dataSource.query<StaffJobSqlRow[]>(
      `${SELECT_JOBS}
        WHERE j.created_at > now() - make_interval(days => $1)
          AND ($2::text IS NULL OR j.kind = $2::text)
          AND ($3::uuid IS NULL OR j.started_by = $3::uuid)
        ORDER BY j.created_at DESC LIMIT ${Math.trunc(limit)}`,
      [days, kind, startedBy],
    );
    return rows.map(toRow);
  }

  /** The job's outbox row (when it is still there): written at, and relayed to the queue at (null until then). */
  async outboxRow(outboxRowId: string, queue: string): Promise<{ createdAt: Date; dispatchedAt: Date | null } | null> {
    const rows: { created_at: Date; dispatched_at: Date | null }[] = await this.dataSource.query(
      `SELECT created_at, dispatched_at FROM outbox WHERE id = $1 AND queue = $2`,
      [outboxRowId, queue],
    );
    return rows.length === 0 ? null : { createdAt: rows[0].created_at, dispatchedAt: rows[0].dispatched_at };
  }

  /** The export files whose time was up at `now` and are not deleted yet. */
  async expiredExportFiles(now: Date): Promise<string[]> {
    const expired: { file_path: string }[] = await this.dataSource.query(
      `SELECT file_path FROM staff_jobs WHERE kind = 'export' AND file_path IS NOT NULL AND file_deleted_at IS NULL AND file_expires_at <= $1`,
      [now],
    );
    return expired.map((r) => r.file_path);
  }

  /** Marks the jobs' files deleted at `now` (the records stay). */
  async markFilesDeleted(manager: EntityManager, paths: string[], now: Date): Promise<void> {
    await manager.query(`UPDATE staff_jobs SET file_deleted_at = $2 WHERE file_path = ANY($1::text[]) AND file_deleted_at IS NULL`, [paths, now]);
  }
}

function toRow(r: StaffJobSqlRow): StaffJobRow {
  return {
    jobId: r.job_id,
    kind: r.kind,
    startedBy: r.started_by,
    startedByEmail: r.started_by_email,
    readableBy: r.readable_by,
    params: r.params,
    createdAt: r.created_at,
    filePath: r.file_path,
    fileName: r.file_name,
    fileRows: r.file_rows === null ? null : Number(r.file_rows),
    fileBytes: r.file_bytes === null ? null : Number(r.file_bytes),
    fileWrittenAt: r.file_written_at,
    fileExpiresAt: r.file_expires_at,
    fileDeletedAt: r.file_deleted_at,
  };
}
