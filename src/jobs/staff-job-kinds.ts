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
