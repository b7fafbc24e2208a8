import { ApiProperty } from '@nestjs/swagger';
import { IN_KIND_CATEGORIES } from '../in-kind-item.entity';

const nullableString = { nullable: true, type: String } as const;
const nullableTime = { format: 'date-time', nullable: true, type: String } as const;

export class InKindItemView {
  @ApiProperty({ example: 'n95-mask' })
  code: string;

  @ApiProperty({ example: 'N95口罩' })
  name: string;

  @ApiProperty({ enum: IN_KIND_CATEGORIES })
  category: string;

  @ApiProperty({ example: '只' })
  unit: string;

  @ApiProperty({ ...nullableString, description: 'the standard it must meet, e.g. GB 19083' })
  standard: string | null;

  @ApiProperty(nullableString)
  note: string | null;
}

export class InKindItemListView {
  @ApiProperty({ type: () => [InKindItemView] })
  items: InKindItemView[];
}

export class PledgeLineView {
  @ApiProperty({ example: 'n95-mask' })
  itemCode: string;

  @ApiProperty({ example: 'N95口罩' })
  name: string;

  @ApiProperty({ example: '只' })
  unit: string;

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

  @ApiProperty({ description: 'integer fen per unit', nullable: true, type: Number, example: 500 })
  valuationFen: number | null;

  @ApiProperty({ description: 'integer fen: accepted quantity × valuation', example: 450000 })
  acceptedValueFen: number;

  @ApiProperty(nullableString)
  spec: string | null;

  @ApiProperty(nullableString)
  batch: string | null;

  @ApiProperty({ format: 'date', nullable: true, type: String })
  expiresAt: string | null;

  @ApiProperty()
  expired: boolean;
}

export class PledgeDonorView {
  @ApiProperty({ example: '武汉某某有限公司' })
  name: string;

  @ApiProperty({ enum: ['individual', 'organization'] })
  donorType: string;

  @ApiProperty({ ...nullableString, description: 'masked', example: '138****8000' })
  phone: string | null;
}

export class PledgeCancellationView {
  @ApiProperty({ format: 'date-time' })
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

  @ApiProperty(nullableString)
  reason: string | null;
}

export class InspectionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  inspectedAt: string;

  @ApiProperty({ type: () => [InspectionLineView] })
  items: InspectionLineView[];
}

/** A pledge of goods (an in-kind donation) with what arrived and was accepted. */
export class PledgeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
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

  @ApiProperty({ description: 'integer fen', example: 450000 })
  acceptedValueFen: number;

  @ApiProperty({ example: '4500.00' })
  acceptedValueYuan: string;

  @ApiProperty({ description: "received goods whose accepted value reaches the campaign's receipt threshold" })
  receiptEligible: boolean;

  @ApiProperty({ type: () => [InspectionView] })
  inspections: InspectionView[];

  @ApiProperty(nullableString)
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty(nullableTime)
  firstReceivedAt: string | null;

  @ApiProperty(nullableTime)
  lastReceivedAt: string | null;
}

export class InspectedPledgeView extends PledgeView {
  @ApiProperty({ format: 'uuid', description: 'the inspection just recorded' })
  inspectionId: string;
}

export class PledgeListView {
  @ApiProperty({ type: () => [PledgeView] })
  items: PledgeView[];
}

export class StockLineView {
  @ApiProperty()
  itemCode: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  category: string;

  @ApiProperty()
  unit: string;

  @ApiProperty()
  receivedQuantity: number;

  @ApiProperty()
  distributedQuantity: number;

  @ApiProperty({ description: 'the sum of staff adjustments (may be negative)' })
  adjustedQuantity: number;

  @ApiProperty({ description: 'received + adjusted − distributed' })
  onHandQuantity: number;
}

export class StockView {
  @ApiProperty()
  campaignCode: string;

  @ApiProperty({ type: () => [StockLineView] })
  items: StockLineView[];
}

export class AdjustedStockView extends StockLineView {
  @ApiProperty()
  campaignCode: string;
}

export class StockMovementView {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty()
  itemCode: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  unit: string;

  @ApiProperty({ enum: ['received', 'distributed', 'adjusted'] })
  kind: string;

  @ApiProperty({ description: 'signed by kind' })
  quantity: number;

  @ApiProperty(nullableString)
  reason: string | null;

  @ApiProperty(nullableString)
  inKindDonationId: string | null;

  @ApiProperty(nullableString)
  distributionId: string | null;

  @ApiProperty(nullableString)
  recipient: string | null;

  @ApiProperty(nullableString)
  actorEmail: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class StockMovementListView {
  @ApiProperty()
  campaignCode: string;

  @ApiProperty({ type: () => [StockMovementView], description: 'newest first' })
  items: StockMovementView[];
}

export class StockQuantitiesView {
  @ApiProperty()
  receivedQuantity: number;

  @ApiProperty()
  distributedQuantity: number;

  @ApiProperty()
  adjustedQuantity: number;

  @ApiProperty()
  onHandQuantity: number;
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

export class StockReconciliationView {
  @ApiProperty()
  campaignCode: string;

  @ApiProperty({ description: 'false if any line differs' })
  consistent: boolean;

  @ApiProperty({ type: () => [StockReconciliationLineView] })
  items: StockReconciliationLineView[];
}

export class DistributionLineView {
  @ApiProperty()
  itemCode: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  unit: string;

  @ApiProperty()
  quantity: number;
}

export class DistributionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  campaignCode: string;

  @ApiProperty({ example: '武汉市第一医院' })
  recipient: string;

  @ApiProperty(nullableString)
  note: string | null;

  @ApiProperty({ type: () => [DistributionLineView] })
  items: DistributionLineView[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty()
  deliveryNoteUrl: string;

  @ApiProperty({ description: "the link of the delivery note's QR code: the receiving unit confirms what arrived" })
  confirmUrl: string;
}

export class DistributionListView {
  @ApiProperty({ type: () => [DistributionView] })
  items: DistributionView[];
}
