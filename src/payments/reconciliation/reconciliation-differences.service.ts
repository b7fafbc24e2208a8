import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { AuditLogService } from '../../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../../staff/auth/staff-principal';
import { ReconciliationDifferenceListView, ReconciliationDifferenceView, toReconciliationDifferenceView } from '../dto/reconciliation.view';
import { DifferenceKind } from '../reconciliation-difference.entity';
import { ReconciliationDifferencesRepository } from './reconciliation-differences.repository';

export interface NewDifference {
  provider: string;
  statementDate: string; // YYYY-MM-DD
  kind: DifferenceKind;
  orderNo?: string | null;
  transactionId?: string | null;
  ledgerAmountFen?: number | null;
  providerAmountFen?: number | null;
  detail: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Differences between providers' statements and the ledger, for staff: recorded once, listed, resolved (audited). */
@Injectable()
export class ReconciliationDifferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly differences: ReconciliationDifferencesRepository,
    private readonly audit: AuditLogService,
  ) {}

  /** Records a difference unless the same one is already on record; true when it is new. */
  async record(d: NewDifference): Promise<boolean> {
    return this.differences.insertUnlessKnown({
      provider: d.provider,
      statementDate: d.statementDate,
      kind: d.kind,
      orderNo: d.orderNo ?? null,
      transactionId: d.transactionId ?? null,
      ledgerAmountFen: d.ledgerAmountFen ?? null,
      providerAmountFen: d.providerAmountFen ?? null,
      detail: d.detail.slice(0, 1000),
    });
  }

  async list(query: { status?: 'open' | 'resolved'; provider?: string; limit: number }): Promise<ReconciliationDifferenceListView> {
    const rows = await this.differences.list(query);
    return { items: rows.map(toReconciliationDifferenceView) };
  }

  async resolve(id: string, note: string, actor: StaffPrincipal): Promise<ReconciliationDifferenceView> {
    return this.dataSource.transaction(async (manager) => {
      const row = UUID.test(id) ? await this.differences.lock(manager, id) : null;
      if (!row) throw new DomainError('DIFFERENCE_NOT_FOUND', '对账差异不存在');
      if (row.resolvedAt) throw new DomainError('DIFFERENCE_RESOLVED', '该对账差异已处理');
      await this.differences.markResolved(manager, id, { resolvedAt: new Date(), resolvedBy: actor.id, resolutionNote: note });
      await this.audit.record(manager, actor, {
        action: 'reconciliation.resolve',
        entity: 'reconciliation_difference',
        entityId: id,
        before: { kind: row.kind, orderNo: row.orderNo, transactionId: row.transactionId },
        after: { resolved: true, note },
      });
      return toReconciliationDifferenceView({ ...row, resolvedAt: new Date(), resolvedBy: actor.id, resolutionNote: note });
    });
  }
}
