import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import type { InKindLine, InKindTotals } from '../totals/in-kind-totals';

/**
 * The goods line of a campaign's public totals: accepted goods only (pledges and rejected goods
 * never count), and what was handed out. Read from the stock rows, which the stock ledger keeps equal
 * to the sum of the movements.
 */
@Injectable()
export class InKindTotalsService implements InKindTotals {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forCampaign(campaignId: string): Promise<InKindLine[]> {
    const rows: { item_code: string; name: string; unit: string; received_quantity: string; distributed_quantity: string }[] = await this.dataSource.query(
      `SELECT s.item_code, i.name, i.unit, s.received_quantity, s.distributed_quantity
         FROM in_kind_stock s JOIN in_kind_items i ON i.code = s.item_code
        WHERE s.campaign_id = $1 AND (s.received_quantity > 0 OR s.distributed_quantity > 0)
        ORDER BY i.sort_order, i.code`,
      [campaignId],
    );
    return rows.map((r) => ({
      itemCode: r.item_code,
      name: r.name,
      unit: r.unit,
      receivedQuantity: toSafeInteger(r.received_quantity),
      distributedQuantity: toSafeInteger(r.distributed_quantity),
    }));
  }
}
