import { ApiProperty } from '@nestjs/swagger';
import { DateTimeProperty, NullableStringProperty } from '../../common/dto/view-properties';
import type { AuditEntry } from '../audit/audit-entry.entity';

/** One staff action: who, what, when, on which record, and the record before and after. */
export class AuditEntryView {
  @ApiProperty({ description: 'increasing; page with beforeId', example: '1042' })
  id: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'null: the system (a job, the start-up)' })
  actorId: string | null;

  @NullableStringProperty()
  actorEmail: string | null;

  @ApiProperty({ example: 'receipt.void' })
  action: string;

  @ApiProperty({ example: 'receipt' })
  entity: string;

  @NullableStringProperty({ example: 'WH-2026-00000001' })
  entityId: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the record as it was (personal data masked)' })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the record as it became' })
  after: Record<string, unknown> | null;

  @NullableStringProperty({ description: "the staff member's client address" })
  ip: string | null;

  @DateTimeProperty()
  at: string;
}

export class AuditLogView {
  @ApiProperty({ type: () => [AuditEntryView], description: 'newest first' })
  items: AuditEntryView[];

  @NullableStringProperty({ description: 'pass as beforeId for the next page; null on the last' })
  nextBeforeId: string | null;
}

export function toAuditLogView(rows: AuditEntry[], limit: number): AuditLogView {
  return {
    items: rows.map((r) => ({
      id: r.id,
      actorId: r.actorId,
      actorEmail: r.actorEmail,
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      ip: r.ip,
      at: r.at.toISOString(),
    })),
    nextBeforeId: rows.length === limit ? rows[rows.length - 1].id : null,
  };
}
