import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StaffPrincipal } from '../auth/staff-principal';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogView, toAuditLogView } from '../dto/audit-entry.view';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
}

/**
 * Writes one audit row per staff change, inside the caller's transaction so that the change and
 * its record commit together. Snapshots must already be free of personal data (masked).
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditLogRepository) {}

  async record(manager: EntityManager, actor: StaffPrincipal | null, entry: AuditRecord): Promise<void> {
    await this.repository.insert(manager, {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: (entry.before ?? null) as AuditEntry['before'],
      after: (entry.after ?? null) as AuditEntry['after'],
      ip: actor?.ip ?? null,
    });
  }

  async list(query: { entity?: string; entityId?: string; limit: number; beforeId?: string }): Promise<AuditLogView> {
    const rows = await this.repository.list(query);
    return toAuditLogView(rows, query.limit);
  }
}
