import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import type { StaffJobRecord } from './staff-job-kinds';
import { insertStaffJob } from './staff-jobs.repository';

export { STAFF_JOB_KINDS } from './staff-job-kinds';
export type { JobReaderRole, StaffJobKind, StaffJobRecord } from './staff-job-kinds';

/**
 * Writes who started a background job, in the transaction that hands the job to the outbox, so a
 * job exists for staff exactly when its outbox row does.
 */
export async function recordStaffJob(manager: EntityManager, actor: StaffPrincipal, job: StaffJobRecord): Promise<void> {
  await insertStaffJob(manager, actor.id, job);
}

/** Admin and auditors follow every job; other roles the jobs their work covers. */
export function mayRead(viewer: StaffPrincipal, readableBy: readonly string[]): boolean {
  return viewer.role === 'admin' || viewer.role === 'auditor' || readableBy.includes(viewer.role);
}

export function assertMayRead(viewer: StaffPrincipal, readableBy: readonly string[]): void {
  if (!mayRead(viewer, readableBy)) throw new DomainError('FORBIDDEN', '当前角色无权查看该任务');
}
