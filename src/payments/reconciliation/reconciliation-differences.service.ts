import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors';
import { formatYuan } from '../../common/money';
import { AuditLogService } from '../../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../../staff/auth/staff-principal';
import { DifferenceKind, ReconciliationDifference } from '../reconciliation-difference.entity';

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
    private readonly audit: AuditLogService,
  ) {}

  /** Records a difference unless the same one is already on record; true when it is new. */
  async record(d: NewDifference): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO reconciliation_differences (provider, statement_date, kind, order_no, transaction_id, ledger_amount_fen, provider_amount_fen, detail)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [
        d.provider,
        d.statementDate,
        d.kind,
        d.orderNo ?? null,
        d.transactionId ?? null,
        d.ledgerAmountFen ?? null,
        d.providerAmountFen ?? null,
        d.detail.slice(0, 1000),
      ],
    );
    return rows.length > 0;
  }

  async list(query: { status?: 'open' | 'resolved'; provider?: string; limit: number }) {
    const qb = this.dataSource.getRepository(ReconciliationDifference).createQueryBuilder('r').orderBy('r.created_at', 'DESC').limit(query.limit);
    if (query.status === 'open') qb.andWhere('r.resolved_at IS NULL');
    if (query.status === 'resolved') qb.andWhere('r.resolved_at IS NOT NULL');
    if (query.provider) qb.andWhere('r.provider = :provider', { provider: query.provider });
    const rows = await qb.getMany();
    return { items: rows.map((r) => this.map(r)) };
  }

  async resolve(id: string, note: string, actor: StaffPrincipal) {
    return this.dataSource.transaction(async (manager) => {
      const row = UUID.test(id) ? await manager.getRepository(ReconciliationDifference).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
      if (!row) throw new DomainError('DIFFERENCE_NOT_FOUND', '对账差异不存在');
      if (row.resolvedAt) throw new DomainError('DIFFERENCE_RESOLVED', '该对账差异已处理');
      await manager.update(ReconciliationDifference, { id }, { resolvedAt: new Date(), resolvedBy: actor.id, resolutionNote: note });
      await this.audit.record(manager, actor, {
        action: 'reconciliation.resolve',
        entity: 'reconciliation_difference',
        entityId: id,
        before: { kind: row.kind, orderNo: row.orderNo, transactionId: row.transactionId },
        after: { resolved: true, note },
      });
      return this.map({ ...row, resolvedAt: new Date(), resolvedBy: actor.id, resolutionNote: note });
    });
  }

  private map(r: ReconciliationDifference) {
    return {
      id: r.id,
      provider: r.provider,
      statementDate: r.statementDate,
      kind: r.kind,
      orderNo: r.orderNo,
      transactionId: r.transactionId,
      ledgerAmountFen: r.ledgerAmountFen,
      providerAmountFen: r.providerAmountFen,
      providerAmountYuan: r.providerAmountFen === null ? null : formatYuan(r.providerAmountFen),
      detail: r.detail,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt?.toISOString() ?? null,
      resolutionNote: r.resolutionNote,
    };
  }
}
