import { ApiProperty, IntersectionType } from '@nestjs/swagger';
import { GoodsItemRefView } from '../../totals/dto/totals.view';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableFenProperty,
  NullableStringProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import type { Campaign } from '../../campaigns/campaign.entity';
import { formatYuan } from '../../common/money';
import { toSafeInteger } from '../../database/fen.transformer';
import type { Distribution } from '../distribution.entity';
import { InKindDonation, InKindDonationLine, outstandingOf } from '../in-kind-donation.entity';
import type { InKindInspection, InKindInspectionLine } from '../in-kind-inspection.entity';
import { IN_KIND_CATEGORIES, InKindItem } from '../in-kind-item.entity';
import { acceptedValueFen } from '../in-kind-input';
import type { InKindStockMovement } from '../in-kind-stock.entity';

export class InKindItemView {
  @ApiProperty({ example: 'n95-mask' })
  code: string;

  @ApiProperty({ example: 'N95口罩' })
  name: string;

  @ApiProperty({ enum: IN_KIND_CATEGORIES })
  category: string;

  @ApiProperty({ example: '只' })
  unit: string;

  @NullableStringProperty({ description: 'the standard it must meet, e.g. GB 19083' })
  standard: string | null;

  @NullableStringProperty()
  note: string | null;
}

export function toInKindItemView(i: InKindItem): InKindItemView {
  return { code: i.code, name: i.name, category: i.category, unit: i.unit, standard: i.standard, note: i.note };
}

export class InKindItemListView {
  @ApiProperty({ type: () => [InKindItemView] })
  items: InKindItemView[];
}

export class PledgeLineView extends GoodsItemRefView {
  @ApiProperty({ description: 'pledged', example: 1000 })
  quantity: number;

  @ApiProperty({ example: 900 })
  acceptedQuantity: number;

  @ApiProperty({ example: 100 })
  rejectedQuantity: number;

  @ApiProperty({ description: 'the remainder cancelled with the pledge: it will not arrive', example: 0 })
  cancelledQuantity: number;

  @ApiProperty({ example: 0 })
  outstandingQuantity: number;

  @NullableFenProperty({ description: 'integer fen per unit', example: 500 })
  valuationFen: number | null;

  @FenProperty({ description: 'integer fen: accepted quantity × valuation', example: 450000 })
  acceptedValueFen: number;

  @NullableStringProperty()
  spec: string | null;

  @NullableStringProperty()
  batch: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty()
  expired: boolean;
}

/** `today` is the Beijing day (YYYY-MM-DD) a line's expiry is compared with. */
export function toPledgeLineView(l: InKindDonationLine, item: Pick<InKindItem, 'name' | 'unit'>, today: string): PledgeLineView {
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

export class PledgeDonorView {
  @ApiProperty({ example: '武汉某某有限公司' })
  name: string;

  @ApiProperty({ enum: ['individual', 'organization'] })
  donorType: string;

  @NullableStringProperty({ description: 'masked', example: '138****8000' })
  phone: string | null;
}

export class PledgeCancellationView {
  @DateTimeProperty()
  at: string;

  @ApiProperty()
  reason: string;
}

export class InspectionLineView {
  @ApiProperty()
  itemCode: string;

  @ApiProperty()
  acceptedQuantity: number;

  @ApiProperty()
  rejectedQuantity: number;

  @NullableStringProperty()
  reason: string | null;
}

export class InspectionView {
  @UuidProperty()
  id: string;

  @DateTimeProperty()
  inspectedAt: string;

  @ApiProperty({ type: () => [InspectionLineView] })
  items: InspectionLineView[];
}

export function toInspectionView(i: InKindInspection, lines: InKindInspectionLine[]): InspectionView {
  return {
    id: i.id,
    inspectedAt: i.inspectedAt.toISOString(),
    items: lines.map((l) => ({ itemCode: l.itemCode, acceptedQuantity: l.acceptedQuantity, rejectedQuantity: l.rejectedQuantity, reason: l.reason })),
  };
}

/** A pledge of goods (an in-kind donation) with what arrived and was accepted. */
export class PledgeView {
  @UuidProperty()
  id: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ enum: ['pledged', 'received', 'cancelled'] })
  status: string;

  @ApiProperty({ type: () => PledgeDonorView })
  donor: PledgeDonorView;

  @ApiProperty({ type: () => [PledgeLineView] })
  items: PledgeLineView[];

  @ApiProperty({ description: 'every pledged unit was accepted, rejected or cancelled' })
  complete: boolean;

  @ApiProperty()
  outstandingQuantity: number;

  @ApiProperty({ type: () => PledgeCancellationView, nullable: true, description: 'set once the outstanding remainder was cancelled' })
  cancelled: PledgeCancellationView | null;

  @FenProperty({ example: 450000 })
  acceptedValueFen: number;

  @YuanProperty('4500.00')
  acceptedValueYuan: string;

  @ApiProperty({ description: "received goods whose accepted value reaches the campaign's receipt threshold" })
  receiptEligible: boolean;

  @ApiProperty({ type: () => [InspectionView] })
  inspections: InspectionView[];

  @NullableStringProperty()
  note: string | null;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  firstReceivedAt: string | null;

  @NullableDateTimeProperty()
  lastReceivedAt: string | null;
}

/** `lines` sorted as shown, `phone` already masked (the caller decrypts; this file never sees personal data in clear). */
export function toPledgeView(
  d: InKindDonation,
  campaign: Pick<Campaign, 'code' | 'receiptThresholdFen'>,
  lines: PledgeLineView[],
  inspections: InspectionView[],
  phone: string | null,
): PledgeView {
  const value = lines.reduce((sum, l) => sum + l.acceptedValueFen, 0);
  return {
    id: d.id,
    campaignCode: campaign.code,
    status: d.status,
    donor: { name: d.donorName, donorType: d.donorType, phone },
    items: lines,
    complete: lines.every((l) => l.outstandingQuantity === 0),
    outstandingQuantity: lines.reduce((sum, l) => sum + l.outstandingQuantity, 0),
    cancelled: d.cancelledAt ? { at: d.cancelledAt.toISOString(), reason: d.cancelReason ?? '' } : null,
    acceptedValueFen: value,
    acceptedValueYuan: formatYuan(value),
    receiptEligible: d.status === 'received' && value > 0 && value >= campaign.receiptThresholdFen,
    inspections,
    note: d.note,
    createdAt: d.createdAt.toISOString(),
    firstReceivedAt: d.firstReceivedAt?.toISOString() ?? null,
    lastReceivedAt: d.lastReceivedAt?.toISOString() ?? null,
  };
}

export class InspectedPledgeView extends PledgeView {
  @UuidProperty({ description: 'the inspection just recorded' })
  inspectionId: string;
}

export class PledgeListView {
  @ApiProperty({ type: () => [PledgeView] })
  items: PledgeView[];
}

export class StockQuantitiesView {
  @ApiProperty({ description: 'accepted at inspection' })
  receivedQuantity: number;

  @ApiProperty()
  distributedQuantity: number;

  @ApiProperty({ description: 'the sum of staff adjustments (may be negative)' })
  adjustedQuantity: number;

  @ApiProperty({ description: 'received + adjusted − distributed' })
  onHandQuantity: number;
}

export function toStockQuantities(received: string, distributed: string, adjusted: string): StockQuantitiesView {
  const q = { receivedQuantity: toSafeInteger(received), distributedQuantity: toSafeInteger(distributed), adjustedQuantity: toSafeInteger(adjusted) };
  return { ...q, onHandQuantity: q.receivedQuantity + q.adjustedQuantity - q.distributedQuantity };
}

export class StockLineView extends IntersectionType(GoodsItemRefView, StockQuantitiesView) {
  @ApiProperty()
  category: string;
}

/** A row of the stock read (item columns and quantities as text): on hand = received + adjusted − distributed. */
export function toStockLineView(r: Record<string, string>): StockLineView {
  const q = toStockQuantities(r.received_quantity, r.distributed_quantity, r.adjusted_quantity);
  return { itemCode: r.item_code, name: r.name, category: r.category, unit: r.unit, ...q };
}

export class StockView {
  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ type: () => [StockLineView] })
  items: StockLineView[];
}

export class AdjustedStockView extends StockLineView {
  @CampaignCodeProperty()
  campaignCode: string;
}

export class StockMovementView extends GoodsItemRefView {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty({ enum: ['received', 'distributed', 'adjusted'] })
  kind: string;

  @ApiProperty({ description: 'signed by kind' })
  quantity: number;

  @NullableStringProperty()
  reason: string | null;

  @NullableStringProperty()
  inKindDonationId: string | null;

  @NullableStringProperty()
  distributionId: string | null;

  @NullableStringProperty()
  recipient: string | null;

  @NullableStringProperty()
  actorEmail: string | null;

  @DateTimeProperty()
  createdAt: string;
}

export function toStockMovementView(r: Record<string, string | Date | null>): StockMovementView {
  return {
    id: String(r.id),
    itemCode: r.item_code as string,
    name: r.name as string,
    unit: r.unit as string,
    kind: r.kind as string,
    quantity: toSafeInteger(r.quantity as string),
    reason: r.reason as string | null,
    inKindDonationId: r.in_kind_donation_id as string | null,
    distributionId: r.distribution_id as string | null,
    recipient: r.recipient as string | null,
    actorEmail: r.actor_email as string | null,
    createdAt: (r.created_at as Date).toISOString(),
  };
}

export class StockMovementListView {
  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ type: () => [StockMovementView], description: 'newest first' })
  items: StockMovementView[];
}

export class StockReconciliationLineView {
  @ApiProperty()
  itemCode: string;

  @ApiProperty({ type: () => StockQuantitiesView, description: 'the stock stored' })
  stored: StockQuantitiesView;

  @ApiProperty({ type: () => StockQuantitiesView, description: 'recomputed from the movements' })
  fromMovements: StockQuantitiesView;

  @ApiProperty()
  acceptedInInspections: number;

  @ApiProperty()
  consistent: boolean;
}

/** A row of the reconciliation read: the stock stored beside its recomputation from the movements and inspections. */
export function toStockReconciliationLineView(r: Record<string, string>): StockReconciliationLineView {
  const stored = toStockQuantities(r.received_quantity, r.distributed_quantity, r.adjusted_quantity);
  const fromMovements = toStockQuantities(r.moved_received, r.moved_distributed, r.moved_adjusted);
  const acceptedInInspections = toSafeInteger(r.accepted);
  const consistent =
    stored.receivedQuantity === fromMovements.receivedQuantity &&
    stored.distributedQuantity === fromMovements.distributedQuantity &&
    stored.adjustedQuantity === fromMovements.adjustedQuantity &&
    stored.receivedQuantity === acceptedInInspections;
  return { itemCode: r.item_code, stored, fromMovements, acceptedInInspections, consistent };
}

export class StockReconciliationView {
  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ description: 'false if any line differs' })
  consistent: boolean;

  @ApiProperty({ type: () => [StockReconciliationLineView] })
  items: StockReconciliationLineView[];
}

export class DistributionLineView extends GoodsItemRefView {
  @ApiProperty()
  quantity: number;
}

export class DistributionView {
  @UuidProperty()
  id: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ example: '武汉市第一医院' })
  recipient: string;

  @NullableStringProperty()
  note: string | null;

  @ApiProperty({ type: () => [DistributionLineView] })
  items: DistributionLineView[];

  @DateTimeProperty()
  createdAt: string;

  @ApiProperty()
  deliveryNoteUrl: string;

  @ApiProperty({ description: "the link of the delivery note's QR code: the receiving unit confirms what arrived" })
  confirmUrl: string;
}

/** `moves` are the distribution's stock movements (negative quantities), `items` the catalogue rows they name. */
export function toDistributionView(
  d: Distribution,
  campaignCode: string,
  moves: InKindStockMovement[],
  items: Map<string, Pick<InKindItem, 'name' | 'unit'>>,
  confirmUrl: string,
): DistributionView {
  return {
    id: d.id,
    campaignCode,
    recipient: d.recipient,
    note: d.note,
    items: moves.map((mv) => ({ itemCode: mv.itemCode, name: items.get(mv.itemCode)!.name, unit: items.get(mv.itemCode)!.unit, quantity: -mv.quantity })),
    createdAt: d.createdAt.toISOString(),
    deliveryNoteUrl: `/api/staff/distributions/${d.id}/delivery-note.pdf`,
    confirmUrl,
  };
}

export class DistributionListView {
  @ApiProperty({ type: () => [DistributionView] })
  items: DistributionView[];
}
