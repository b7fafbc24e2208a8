import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExportFormat } from './export-file.writer';

export interface ExportJobRow {
  job_id: string;
  readable_by: string[];
  params: { kind?: string; format?: ExportFormat };
  file_path: string | null;
  file_name: string | null;
  file_written_at: Date | null;
  file_expires_at: Date | null;
  file_deleted_at: Date | null;
}

/** SQL of the export jobs' rows in staff_jobs: the file each one wrote. */
@Injectable()
export class ExportJobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(jobId: string): Promise<ExportJobRow | undefined> {
    const rows = await this.dataSource.query<ExportJobRow[]>(
      `SELECT job_id, readable_by, params, file_path, file_name, file_written_at, file_expires_at, file_deleted_at FROM staff_jobs WHERE job_id = $1 AND kind = 'export'`,
      [jobId],
    );
    return rows[0];
  }

  /** Records the written file (kept `retentionDays`); when it expires, or undefined when the job has no row. */
  async recordFile(jobId: string, file: { path: string; name: string; rows: number; bytes: number }, retentionDays: number): Promise<Date | undefined> {
    // TypeORM answers an UPDATE with [rows, count].
    const [updated] = await this.dataSource.query<[{ file_expires_at: Date }[], number]>(
      `UPDATE staff_jobs SET file_path = $2, file_name = $3, file_rows = $4, file_bytes = $5, file_written_at = now(),
              file_expires_at = now() + make_interval(days => $6), file_deleted_at = NULL
        WHERE job_id = $1 RETURNING file_expires_at`,
      [jobId, file.path, file.name, file.rows, file.bytes, retentionDays],
    );
    return updated[0]?.file_expires_at;
  }
}
