import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { InKindStockMovement } from './in-kind-stock.entity';

const ON_HAND = 'received_quantity + adjusted_quantity - distributed_quantity';

export interface StockMovementRow {
  inspectionId: string | null;
  distributionId: string | null;
  reason: string | null;
  actorId: string | null;
}

/**
 * SQL of the stock rows (one per campaign and item) and their movements. The writes run in the
 * caller's transaction; a take is a conditional UPDATE, so concurrent takers queue on the row lock
 * and each re-checks what is left (a CHECK keeps stock from going below zero in any case).
 */
@Injectable()
export class StockRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async addReceived(m: EntityManager, campaignId: string, itemCode: string, quantity: number): Promise<void> {
    await m.query(
      `INSERT INTO in_kind_stock (campaign_id, item_code, received_quantity) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, item_code) DO UPDATE
         SET received_quantity = in_kind_stock.received_quantity + EXCLUDED.received_quantity, updated_at = now()`,
      [campaignId, itemCode, quantity],
    );
  }

  /** Counts `quantity` as handed out if that much is on hand; false (nothing changed) otherwise. */
  async takeDistributed(m: EntityManager, campaignId: string, itemCode: string, quantity: number): Promise<boolean> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE in_kind_stock SET distributed_quantity = distributed_quantity + $3, updated_at = now()
        WHERE campaign_id = $1 AND item_code = $2 AND ${ON_HAND} >= $3 RETURNING item_code`,
      [campaignId, itemCode, quantity],
    );
    return rows.length > 0;
  }

  async addAdjusted(m: EntityManager, campaignId: string, itemCode: string, quantity: number): Promise<void> {
    await m.query(
      `INSERT INTO in_kind_stock (campaign_id, item_code, adjusted_quantity) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, item_code) DO UPDATE
         SET adjusted_quantity = in_kind_stock.adjusted_quantity + EXCLUDED.adjusted_quantity, updated_at = now()`,
      [campaignId, itemCode, quantity],
    );
  }

  /** Adds the (negative) `quantity` if the stock stays at or above zero; false (nothing changed) otherwise. */
  async takeAdjusted(m: EntityManager, campaignId: string, itemCode: string, quantity: number): Promise<boolean> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE in_kind_stock SET adjusted_quantity = adjusted_quantity + $3, updated_at = now()
        WHERE campaign_id = $1 AND item_code = $2 AND ${ON_HAND} + $3 >= 0 RETURNING item_code`,
      [campaignId, itemCode, quantity],
    );
    return rows.length > 0;
  }

  async insertMovement(m: EntityManager, campaignId: string, itemCode: string, kind: string, quantity: number, cause: StockMovementRow): Promise<void> {
    await m.query(
      `INSERT INTO in_kind_stock_movements (campaign_id, item_code, kind, quantity, inspection_id, distribution_id, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [campaignId, itemCode, kind, quantity, cause.inspectionId, cause.distributionId, cause.reason, cause.actorId],
    );
  }

  /** What is on hand (PostgreSQL bigint text), or undefined when the item has no stock row. */
  async onHand(m: EntityManager, campaignId: string, itemCode: string): Promise<string | undefined> {
    const [row]: Array<{ on_hand: string }> = await m.query(`SELECT ${ON_HAND} AS on_hand FROM in_kind_stock WHERE campaign_id = $1 AND item_code = $2`, [
      campaignId,
      itemCode,
    ]);
    return row?.on_hand;
  }

  lines(campaignId: string): Promise<Record<string, string>[]> {
    return this.dataSource.query(
      `SELECT s.item_code, i.name, i.category, i.unit, s.received_quantity, s.distributed_quantity, s.adjusted_quantity
         FROM in_kind_stock s JOIN in_kind_items i ON i.code = s.item_code
        WHERE s.campaign_id = $1 ORDER BY i.sort_order, i.code`,
      [campaignId],
    );
  }

  /** The stock movements of these distributions, in the order they were written. */
  movementsOfDistributions(distributionIds: string[]): Promise<InKindStockMovement[]> {
    return this.dataSource.getRepository(InKindStockMovement).find({ where: { distributionId: In(distributionIds) }, order: { id: 'ASC' } });
  }

  movements(campaignId: string, itemCode: string | undefined, limit: number): Promise<Record<string, string | Date | null>[]> {
    return this.dataSource.query(
      `SELECT mv.id, mv.item_code, i.name, i.unit, mv.kind, mv.quantity, mv.reason, mv.created_at,
              ins.in_kind_donation_id, mv.distribution_id, dist.recipient, s.email AS actor_email
         FROM in_kind_stock_movements mv
         JOIN in_kind_items i ON i.code = mv.item_code
         LEFT JOIN in_kind_inspections ins ON ins.id = mv.inspection_id
         LEFT JOIN distributions dist ON dist.id = mv.distribution_id
         LEFT JOIN staff_users s ON s.id = mv.created_by
        WHERE mv.campaign_id = $1 AND ($2::text IS NULL OR mv.item_code = $2)
        ORDER BY mv.id DESC LIMIT $3`,
      [campaignId, itemCode ?? null, limit],
    );
  }

  reconciliation(campaignId: string): Promise<Record<string, string>[]> {
    return this.dataSource.query(
      `SELECT s.item_code, s.received_quantity, s.distributed_quantity, s.adjusted_quantity,
              coalesce((SELECT sum(quantity) FROM in_kind_stock_movements mv WHERE mv.campaign_id = s.campaign_id AND mv.item_code = s.item_code AND kind = 'received'), 0) AS moved_received,
              coalesce((SELECT -sum(quantity) FROM in_kind_stock_movements mv WHERE mv.campaign_id = s.campaign_id AND mv.item_code = s.item_code AND kind = 'distributed'), 0) AS moved_distributed,
              coalesce((SELECT sum(quantity) FROM in_kind_stock_movements mv WHERE mv.campaign_id = s.campaign_id AND mv.item_code = s.item_code AND kind = 'adjusted'), 0) AS moved_adjusted,
              coalesce((SELECT sum(l.accepted_quantity) FROM in_kind_donation_lines l JOIN in_kind_donations d ON d.id = l.in_kind_donation_id
                          WHERE d.campaign_id = s.campaign_id AND l.item_code = s.item_code), 0) AS accepted
         FROM in_kind_stock s WHERE s.campaign_id = $1 ORDER BY s.item_code`,
      [campaignId],
    );
  }

  publicLines(campaignId: string): Promise<{ item_code: string; name: string; unit: string; received_quantity: string; distributed_quantity: string }[]> {
    return this.dataSource.query(
      `SELECT s.item_code, i.name, i.unit, s.received_quantity, s.distributed_quantity
         FROM in_kind_stock s JOIN in_kind_items i ON i.code = s.item_code
        WHERE s.campaign_id = $1 AND (s.received_quantity > 0 OR s.distributed_quantity > 0)
        ORDER BY i.sort_order, i.code`,
      [campaignId],
    );
  }
}
