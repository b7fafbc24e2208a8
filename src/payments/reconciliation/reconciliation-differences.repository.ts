import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DifferenceKind, ReconciliationDifference } from '../reconciliation-difference.entity';

/** A difference as a reconciler finds it. */
export interface DifferenceRow {
  provider: string;
  statementDate: string; // YYYY-MM-DD
  kind: DifferenceKind;
  orderNo: string | null;
  transactionId: string | null;
  ledgerAmountFen: number | null;
  providerAmountFen: number | null;
  detail: string;
}

/** The reconciliation_differences table: one row per difference (a unique index), resolved by staff. */
@Injectable()
export class ReconciliationDifferencesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes the difference unless the same one is on record; true when it was written. */
  async insertUnlessKnown(d: DifferenceRow): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO reconciliation_differences (provider, statement_date, kind, order_no, transaction_id, ledger_amount_fen, provider_amount_fen, detail)
       VALUES ($1, $2::date, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [d.provider, d.statementDate, d.kind, d.orderNo, d.transactionId, d.ledgerAmountFen, d.providerAmountFen, d.detail],
    );
    return rows.length > 0;
  }

  /** Newest first. */
  list(query: { status?: 'open' | 'resolved'; provider?: string; limit: number }): Promise<ReconciliationDifference[]> {
    const qb = this.dataSource.getRepository(ReconciliationDifference).createQueryBuilder('r').orderBy('r.created_at', 'DESC').limit(query.limit);
    if (query.status === 'open') qb.andWhere('r.resolved_at IS NULL');
    if (query.status === 'resolved') qb.andWhere('r.resolved_at IS NOT NULL');
    if (query.provider) qb.andWhere('r.provider = :provider', { provider: query.provider });
    return qb.getMany();
  }

  /** The difference, locked (FOR UPDATE) until the caller's transaction ends; null when there is none. */
  lock(manager: EntityManager, id: string): Promise<ReconciliationDifference | null> {
    return manager.getRepository(ReconciliationDifference).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async markResolved(manager: EntityManager, id: string, r: { resolvedAt: Date; resolvedBy: string; resolutionNote: string }): Promise<void> {
    await manager.update(ReconciliationDifference, { id }, r);
  }
}
