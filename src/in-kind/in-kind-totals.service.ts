import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '../database/fen.transformer';
import type { InKindLine, InKindTotals } from '../totals/in-kind-totals';
import { StockRepository } from './stock.repository';

/**
 * The goods line of a campaign's public totals: accepted goods only (pledges and rejected goods
 * never count), and what was handed out. Read from the stock rows, which the stock ledger keeps equal
 * to the sum of the movements.
 */
@Injectable()
export class InKindTotalsService implements InKindTotals {
  constructor(private readonly repository: StockRepository) {}

  async forCampaign(campaignId: string): Promise<InKindLine[]> {
    const rows: { item_code: string; name: string; unit: string; received_quantity: string; distributed_quantity: string }[] =
      await this.repository.publicLines(campaignId);
    return rows.map((r) => ({
      itemCode: r.item_code,
      name: r.name,
      unit: r.unit,
      receivedQuantity: toSafeInteger(r.received_quantity),
      distributedQuantity: toSafeInteger(r.distributed_quantity),
    }));
  }
}
