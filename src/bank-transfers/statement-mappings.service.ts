import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, isUniqueViolation } from '../common/errors';
import { cleanText } from '../common/text';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import type { StatementMappingDto } from './dto/statement-mapping.dto';
import { StatementMappingListView, StatementMappingView, toStatementMappingView } from './dto/bank-transfer.view';
import { FIELD_LABELS, normalizeHeader, STATEMENT_FIELDS, StatementColumns } from './statement-layouts';
import { StatementMappingsRepository } from './statement-mappings.repository';

/**
 * Saved column mappings of statement layouts the importer does not recognise: made once by staff,
 * chosen on each upload (`mappingId`). Every change is audited.
 */
@Injectable()
export class StatementMappingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mappings: StatementMappingsRepository,
    private readonly audit: AuditLogService,
  ) {}

  async list(): Promise<StatementMappingListView> {
    return { items: (await this.mappings.list()).map(toStatementMappingView) };
  }

  /** A mapping, for an import; unknown → 404 STATEMENT_MAPPING_NOT_FOUND. */
  async find(id: string): Promise<StatementMappingView> {
    const mapping = await this.mappings.find(id);
    if (!mapping) throw notFound();
    return toStatementMappingView(mapping);
  }

  async create(dto: StatementMappingDto, actor: StaffPrincipal): Promise<StatementMappingView> {
    const input = checked(dto);
    return this.write(async (manager) => {
      const row = await this.mappings.insert(manager, { ...input, createdBy: actor.id });
      await this.audit.record(manager, actor, { action: 'statement_mapping.create', entity: 'statement_mapping', entityId: row.id, after: input });
      return toStatementMappingView(row);
    }, input.name);
  }

  async update(id: string, dto: StatementMappingDto, actor: StaffPrincipal): Promise<StatementMappingView> {
    const input = checked(dto);
    return this.write(async (manager) => {
      const before = await this.mappings.find(id, manager, true);
      if (!before) throw notFound();
      const row = await this.mappings.update(manager, id, input);
      await this.audit.record(manager, actor, {
        action: 'statement_mapping.update',
        entity: 'statement_mapping',
        entityId: id,
        before: { name: before.name, columns: before.columns },
        after: input,
      });
      return toStatementMappingView(row);
    }, input.name);
  }

  async remove(id: string, actor: StaffPrincipal): Promise<{ ok: true }> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.mappings.find(id, manager, true);
      if (!before) throw notFound();
      await this.mappings.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'statement_mapping.delete',
        entity: 'statement_mapping',
        entityId: id,
        before: { name: before.name, columns: before.columns },
      });
    });
    return { ok: true };
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>, name: string): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error, 'statement_mappings_name_key')) throw new DomainError('STATEMENT_MAPPING_EXISTS', `已有名为“${name}”的列映射`);
      throw error;
    }
  }
}

/** A mapping names each needed column once, and an amount column (贷方 or a signed amount). */
function checked(dto: StatementMappingDto): { name: string; columns: StatementColumns } {
  const name = cleanText(dto.name);
  if (!name) throw new DomainError('VALIDATION_FAILED', '请填写列映射的名称');
  const columns: StatementColumns = {};
  for (const field of STATEMENT_FIELDS) {
    const header = cleanText(dto.columns?.[field]);
    if (header) columns[field] = header;
  }
  if (!columns.creditAmount && !columns.amount) {
    throw new DomainError('VALIDATION_FAILED', `请指定收入金额所在的列（“${FIELD_LABELS.creditAmount}”或“${FIELD_LABELS.amount}”）`);
  }
  const seen = new Map<string, string>();
  for (const [field, header] of Object.entries(columns) as Array<[keyof StatementColumns, string]>) {
    const key = normalizeHeader(header);
    const other = seen.get(key);
    if (other) throw new DomainError('VALIDATION_FAILED', `“${header}”列不能同时用作“${other}”和“${FIELD_LABELS[field]}”`);
    seen.set(key, FIELD_LABELS[field]);
  }
  return { name, columns };
}

function notFound(): DomainError {
  return new DomainError('STATEMENT_MAPPING_NOT_FOUND', '没有找到这个列映射（可能已被删除）');
}
