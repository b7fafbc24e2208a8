import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InKindDonorType } from './in-kind-donation.entity';
import { acceptedValueFen, isUuid } from './in-kind-input';
import { InKindItemsRepository } from './in-kind-items.repository';
import { InKindPledgesRepository } from './in-kind-pledges.repository';

/** What a goods receipt states: the accepted value and the accepted goods. */
export interface InKindReceiptBasis {
  inKindDonationId: string;
  campaignId: string;
  donorName: string;
  donorType: InKindDonorType;
  /** Sum over lines of the accepted share of the declared value, each rounded down to the fen. */
  amountFen: number;
  /** When the goods were (last) received. */
  donatedAt: Date;
  items: { name: string; quantity: number; unit: string }[];
}

/**
 * For src/receipts: what a receipt for a gift of goods may state. Only received goods with a
 * declared value count; pledges, rejected goods and goods without a value give nothing.
 */
@Injectable()
export class InKindReceiptBasisService {
  constructor(
    private readonly pledges: InKindPledgesRepository,
    private readonly catalogue: InKindItemsRepository,
  ) {}

  /** The basis of a received in-kind donation, or null when nothing accepted has a value. */
  async forDonation(id: string, m?: EntityManager): Promise<InKindReceiptBasis | null> {
    if (!isUuid(id)) return null;
    const donation = await this.pledges.findById(id, m);
    if (!donation || donation.status !== 'received' || !donation.lastReceivedAt) return null;
    const lines = await this.pledges.linesOf([id], m);
    const items = await this.catalogue.findByCodes(
      lines.map((l) => l.itemCode),
      m,
    );
    const byCode = new Map(items.map((i) => [i.code, i]));
    const accepted = lines
      .filter((l) => l.acceptedQuantity > 0)
      .sort((a, b) => byCode.get(a.itemCode)!.sortOrder - byCode.get(b.itemCode)!.sortOrder || (a.itemCode < b.itemCode ? -1 : 1));
    const amountFen = accepted.reduce((sum, l) => sum + acceptedValueFen(l.valuationFen, l.quantity, l.acceptedQuantity), 0);
    if (amountFen === 0) return null;
    return {
      inKindDonationId: id,
      campaignId: donation.campaignId,
      donorName: donation.donorName,
      donorType: donation.donorType,
      amountFen,
      donatedAt: donation.lastReceivedAt,
      items: accepted.map((l) => ({ name: byCode.get(l.itemCode)!.name, quantity: l.acceptedQuantity, unit: byCode.get(l.itemCode)!.unit })),
    };
  }
}
