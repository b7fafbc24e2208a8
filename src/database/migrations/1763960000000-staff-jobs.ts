import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Background jobs started by staff (statement imports, mass approvals, exports): who started each
 * one and which roles may follow it, so a page can find its running jobs again after a reload, and
 * the files a job keeps under STORAGE_DIR (an uploaded statement, a written export) with their
 * expiry, so the retention cleanup can delete them while the record of the job stays.
 * Progress and results live in BullMQ; this table is the part that must outlive it.
 */
export class StaffJobs1763960000000 implements MigrationInterface {
  name = 'StaffJobs1763960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_jobs (
        job_id text PRIMARY KEY CHECK (job_id ~ '^[a-z][a-z-]{0,40}-[0-9]{1,18}$'),
        kind text NOT NULL CHECK (kind IN ('import_statement', 'approve_receipts', 'export')),
        started_by uuid REFERENCES staff_users(id),
        readable_by text[] NOT NULL CHECK (readable_by <@ ARRAY['finance', 'warehouse']::text[]),
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        file_path text CHECK (file_path ~ '^(imports|exports)/[A-Za-z0-9._-]{1,80}$'),
        file_name text CHECK (length(file_name) <= 200),
        file_rows bigint CHECK (file_rows >= 0),
        file_bytes bigint CHECK (file_bytes >= 0),
        file_written_at timestamptz,
        file_expires_at timestamptz,
        file_deleted_at timestamptz,
        CHECK (file_deleted_at IS NULL OR file_path IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX staff_jobs_started_by_idx ON staff_jobs (started_by, created_at DESC)`);
    await q.query(`CREATE INDEX staff_jobs_file_path_idx ON staff_jobs (file_path) WHERE file_path IS NOT NULL AND file_deleted_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_jobs`);
  }
}
