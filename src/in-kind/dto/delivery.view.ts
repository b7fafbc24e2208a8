import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DistributionLineView } from './in-kind.view';

export class ConfirmedQuantityView {
  @ApiProperty()
  itemCode: string;

  @ApiProperty({ description: 'what arrived' })
  quantity: number;

  @ApiPropertyOptional({ description: 'when the item was in the distribution' })
  name?: string;
}

export class DeliveryConfirmationView {
  @ApiProperty({ description: 'masked', example: '李*' })
  confirmedBy: string;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: () => [ConfirmedQuantityView] })
  items: ConfirmedQuantityView[];

  @ApiProperty({ nullable: true, type: String })
  note: string | null;
}

/** A distribution of goods as the public sees it, with the receiving unit's confirmation. */
export class DeliveryView {
  @ApiProperty({ example: '武汉市第一医院' })
  recipient: string;

  @ApiProperty({ format: 'date-time' })
  distributedAt: string;

  @ApiProperty({ type: () => [DistributionLineView] })
  items: DistributionLineView[];

  @ApiProperty({ type: () => DeliveryConfirmationView, nullable: true })
  confirmation: DeliveryConfirmationView | null;
}

export class DeliveryListView {
  @ApiProperty({ type: () => [DeliveryView], description: 'newest first' })
  items: DeliveryView[];
}
