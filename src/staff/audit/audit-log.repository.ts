import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntry, 'actorId' | 'actorEmail' | 'action' | 'entity' | 'entityId' | 'before' | 'after' | 'ip'>;

/** SQL of the audit log: rows are only ever added, and read newest first. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, entry: NewAuditEntry): Promise<void> {
    await manager.insert(AuditEntry, entry);
  }

  /** Newest first: `limit` rows of the entity (and id) asked for, older than `beforeId` when given. */
  list(query: { entity?: string; entityId?: string; limit: number; beforeId?: string }): Promise<AuditEntry[]> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(query.limit);
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.beforeId) qb.andWhere('a.id < :beforeId', { beforeId: query.beforeId });
    return qb.getMany();
  }
}
