import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/errors';
import { toSafeInteger } from '../database/fen.transformer';

export interface StockCause {
  inspectionId?: string;
  distributionId?: string;
  reason?: string;
  actorId: string | null;
}

const ON_HAND = 'received_quantity + adjusted_quantity - distributed_quantity';

/**
 * The one place stock is written. Each change updates the stock row and appends its movement in the
 * caller's transaction. Taking goods out is a conditional UPDATE on the row: concurrent takers queue
 * on the row lock and each re-checks what is left, and a CHECK keeps stock from going below zero
 * even if a caller forgot the condition. Callers touch items in code order, so they never deadlock.
 */
@Injectable()
export class StockLedger {
  async receive(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    await m.query(
      `INSERT INTO in_kind_stock (campaign_id, item_code, received_quantity) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, item_code) DO UPDATE
         SET received_quantity = in_kind_stock.received_quantity + EXCLUDED.received_quantity, updated_at = now()`,
      [campaignId, itemCode, quantity],
    );
    await this.move(m, campaignId, itemCode, 'received', quantity, cause);
  }

  async distribute(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    const [rows] = await m.query<[unknown[], number]>(
      `UPDATE in_kind_stock SET distributed_quantity = distributed_quantity + $3, updated_at = now()
        WHERE campaign_id = $1 AND item_code = $2 AND ${ON_HAND} >= $3 RETURNING item_code`,
      [campaignId, itemCode, quantity],
    );
    if (rows.length === 0) await this.insufficient(m, campaignId, itemCode, quantity);
    await this.move(m, campaignId, itemCode, 'distributed', -quantity, cause);
  }

  /** Signed correction with a reason (a count, damage in store); never below zero. */
  async adjust(m: EntityManager, campaignId: string, itemCode: string, quantity: number, cause: StockCause): Promise<void> {
    if (quantity > 0) {
      await m.query(
        `INSERT INTO in_kind_stock (campaign_id, item_code, adjusted_quantity) VALUES ($1, $2, $3)
         ON CONFLICT (campaign_id, item_code) DO UPDATE
           SET adjusted_quantity = in_kind_stock.adjusted_quantity + EXCLUDED.adjusted_quantity, updated_at = now()`,
        [campaignId, itemCode, quantity],
      );
    } else {
      const [rows] = await m.query<[unknown[], number]>(
        `UPDATE in_kind_stock SET adjusted_quantity = adjusted_quantity + $3, updated_at = now()
          WHERE campaign_id = $1 AND item_code = $2 AND ${ON_HAND} + $3 >= 0 RETURNING item_code`,
        [campaignId, itemCode, quantity],
      );
      if (rows.length === 0) await this.insufficient(m, campaignId, itemCode, -quantity);
    }
    await this.move(m, campaignId, itemCode, 'adjusted', quantity, cause);
  }

  private async move(m: EntityManager, campaignId: string, itemCode: string, kind: string, quantity: number, cause: StockCause): Promise<void> {
    await m.query(
      `INSERT INTO in_kind_stock_movements (campaign_id, item_code, kind, quantity, inspection_id, distribution_id, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [campaignId, itemCode, kind, quantity, cause.inspectionId ?? null, cause.distributionId ?? null, cause.reason ?? null, cause.actorId],
    );
  }

  private async insufficient(m: EntityManager, campaignId: string, itemCode: string, requested: number): Promise<never> {
    const [row]: Array<{ on_hand: string }> = await m.query(`SELECT ${ON_HAND} AS on_hand FROM in_kind_stock WHERE campaign_id = $1 AND item_code = $2`, [
      campaignId,
      itemCode,
    ]);
    const available = row ? toSafeInteger(row.on_hand) : 0;
    throw new DomainError('INSUFFICIENT_STOCK', `物资 ${itemCode} 库存不足：需要 ${requested}，现有 ${available}`, {
      itemCode,
      requestedQuantity: requested,
      availableQuantity: available,
    });
  }
}
