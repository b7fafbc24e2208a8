import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import type { StaffRole } from '../staff/staff-user.entity';

export type StaffJobKind = 'import_statement' | 'approve_receipts' | 'export';

export const STAFF_JOB_KINDS: readonly StaffJobKind[] = ['import_statement', 'approve_receipts', 'export'];

/** Roles besides admin and auditor (who read everything) that may follow a job and fetch its file. */
export type JobReaderRole = Extract<StaffRole, 'finance' | 'warehouse'>;

export interface StaffJobRecord {
  jobId: string;
  kind: StaffJobKind;
  readableBy: JobReaderRole[];
  /** What the job was asked to do, free of personal data (shown in the page's job list). */
  params: Record<string, unknown>;
  /** A file the job keeps under STORAGE_DIR from the start (an uploaded statement). */
  filePath?: string;
  fileName?: string;
}

/**
 * Writes who started a background job, in the transaction that hands the job to the outbox, so a
 * job exists for staff exactly when its outbox row does.
 */
export async function recordStaffJob(manager: EntityManager, actor: StaffPrincipal, job: StaffJobRecord): Promise<void> {
  await manager.query(
    `INSERT INTO staff_jobs (job_id, kind, started_by, readable_by, params, file_path, file_name, file_written_at)
     VALUES ($1, $2, $3, $4::text[], $5::jsonb, $6, $7, CASE WHEN $6::text IS NULL THEN NULL ELSE now() END)`,
    [job.jobId, job.kind, actor.id, job.readableBy, JSON.stringify(job.params), job.filePath ?? null, job.fileName ?? null],
  );
}

/** Admin and auditors follow every job; other roles the jobs their work covers. */
export function mayRead(viewer: StaffPrincipal, readableBy: readonly string[]): boolean {
  return viewer.role === 'admin' || viewer.role === 'auditor' || readableBy.includes(viewer.role);
}

export function assertMayRead(viewer: StaffPrincipal, readableBy: readonly string[]): void {
  if (!mayRead(viewer, readableBy)) throw new DomainError('FORBIDDEN', '当前角色无权查看该任务');
}
