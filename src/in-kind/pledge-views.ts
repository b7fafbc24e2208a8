import { Injectable } from '@nestjs/common';
import { Campaign } from '../campaigns/campaign.entity';
import { maskPhone } from '../common/masking';
import { formatYuan } from '../common/money';
import { PiiCipher } from '../common/pii-cipher';
import { InKindDonation, InKindDonationLine, InKindDonationStatus, InKindDonorType, outstandingOf } from './in-kind-donation.entity';
import type { InKindItem } from './in-kind-item.entity';
import { acceptedValueFen, shanghaiDay } from './in-kind-input';
import { InKindItemsRepository } from './in-kind-items.repository';
import { InKindPledgesRepository } from './in-kind-pledges.repository';

export interface PledgeLineView {
  itemCode: string;
  name: string;
  unit: string;
  quantity: number;
  acceptedQuantity: number;
  rejectedQuantity: number;
  /** The remainder cancelled with the pledge: it will not arrive. */
  cancelledQuantity: number;
  outstandingQuantity: number;
  valuationFen: number | null;
  acceptedValueFen: number;
  spec: string | null;
  batch: string | null;
  expiresAt: string | null;
  expired: boolean;
}

export interface PledgeView {
  id: string;
  campaignCode: string;
  status: InKindDonationStatus;
  donor: { name: string; donorType: InKindDonorType; phone: string | null };
  items: PledgeLineView[];
  /** Nothing outstanding: every pledged unit was accepted, rejected or cancelled. */
  complete: boolean;
  outstandingQuantity: number;
  /** Set once the outstanding remainder was cancelled. */
  cancelled: { at: string; reason: string } | null;
  acceptedValueFen: number;
  acceptedValueYuan: string;
  /** Received goods whose accepted value reaches the campaign's receipt threshold. */
  receiptEligible: boolean;
  inspections: { id: string; inspectedAt: string; items: { itemCode: string; acceptedQuantity: number; rejectedQuantity: number; reason: string | null }[] }[];
  note: string | null;
  createdAt: string;
  firstReceivedAt: string | null;
  lastReceivedAt: string | null;
}

/** Pledges as staff see them: lines with what is accepted, rejected and outstanding; the phone masked. */
@Injectable()
export class PledgeViews {
  constructor(
    private readonly pledges: InKindPledgesRepository,
    private readonly catalogue: InKindItemsRepository,
    private readonly pii: PiiCipher,
  ) {}

  async load(donations: InKindDonation[], campaign: Campaign): Promise<PledgeView[]> {
    if (donations.length === 0) return [];
    const ids = donations.map((d) => d.id);
    const lines = await this.pledges.linesOf(ids);
    const inspections = await this.pledges.inspectionsOf(ids);
    const inspectionLines = inspections.length ? await this.pledges.inspectionLinesOf(inspections.map((i) => i.id)) : [];
    const items = await this.catalogue.findByCodes([...new Set(lines.map((l) => l.itemCode))]);
    const byCode = new Map(items.map((i) => [i.code, i]));
    const today = shanghaiDay(new Date());
    return donations.map((d) => {
      const own = lines
        .filter((l) => l.inKindDonationId === d.id)
        .sort((a, b) => byCode.get(a.itemCode)!.sortOrder - byCode.get(b.itemCode)!.sortOrder || (a.itemCode < b.itemCode ? -1 : 1))
        .map((l) => this.lineView(l, byCode.get(l.itemCode)!, today));
      const value = own.reduce((sum, l) => sum + l.acceptedValueFen, 0);
      return {
        id: d.id,
        campaignCode: campaign.code,
        status: d.status,
        donor: { name: d.donorName, donorType: d.donorType, phone: d.phoneEnc ? maskPhone(this.pii.decrypt(d.phoneEnc)) : null },
        items: own,
        complete: own.every((l) => l.outstandingQuantity === 0),
        outstandingQuantity: own.reduce((sum, l) => sum + l.outstandingQuantity, 0),
        cancelled: d.cancelledAt ? { at: d.cancelledAt.toISOString(), reason: d.cancelReason ?? '' } : null,
        acceptedValueFen: value,
        acceptedValueYuan: formatYuan(value),
        receiptEligible: d.status === 'received' && value > 0 && value >= campaign.receiptThresholdFen,
        inspections: inspections
          .filter((i) => i.inKindDonationId === d.id)
          .map((i) => ({
            id: i.id,
            inspectedAt: i.inspectedAt.toISOString(),
            items: inspectionLines
              .filter((l) => l.inspectionId === i.id)
              .map((l) => ({ itemCode: l.itemCode, acceptedQuantity: l.acceptedQuantity, rejectedQuantity: l.rejectedQuantity, reason: l.reason })),
          })),
        note: d.note,
        createdAt: d.createdAt.toISOString(),
        firstReceivedAt: d.firstReceivedAt?.toISOString() ?? null,
        lastReceivedAt: d.lastReceivedAt?.toISOString() ?? null,
      };
    });
  }

  private lineView(l: InKindDonationLine, item: InKindItem, today: string): PledgeLineView {
    return {
      itemCode: l.itemCode,
      name: item.name,
      unit: item.unit,
      quantity: l.quantity,
      acceptedQuantity: l.acceptedQuantity,
      rejectedQuantity: l.rejectedQuantity,
      cancelledQuantity: l.cancelledQuantity,
      outstandingQuantity: outstandingOf(l),
      valuationFen: l.valuationFen,
      acceptedValueFen: acceptedValueFen(l.valuationFen, l.quantity, l.acceptedQuantity),
      spec: l.spec,
      batch: l.batch,
      expiresAt: l.expiresOn,
      expired: l.expiresOn !== null && l.expiresOn < today,
    };
  }
}
