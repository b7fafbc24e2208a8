import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DateTimeProperty, NullableStringProperty } from '../../common/dto/view-properties';
import { maskName } from '../../common/masking';
import type { DeliveryRow } from '../delivery-confirmations.repository';
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

  @DateTimeProperty()
  receivedAt: string;

  @ApiProperty({ type: () => [ConfirmedQuantityView] })
  items: ConfirmedQuantityView[];

  @NullableStringProperty()
  note: string | null;
}

/** A distribution of goods as the public sees it, with the receiving unit's confirmation. */
export class DeliveryView {
  @ApiProperty({ example: '武汉市第一医院' })
  recipient: string;

  @DateTimeProperty()
  distributedAt: string;

  @ApiProperty({ type: () => [DistributionLineView] })
  items: DistributionLineView[];

  @ApiProperty({ type: () => DeliveryConfirmationView, nullable: true })
  confirmation: DeliveryConfirmationView | null;
}

/** The signer's name masked; each confirmed quantity names its item when the distribution had it. */
export function toDeliveryView(row: DeliveryRow): DeliveryView {
  const nameOf = (itemCode: string) => row.items.find((i) => i.itemCode === itemCode)?.name;
  return {
    recipient: row.recipient,
    distributedAt: new Date(row.createdAt).toISOString(),
    items: row.items,
    confirmation: row.confirmation
      ? {
          confirmedBy: maskName(row.confirmation.confirmedBy),
          receivedAt: new Date(row.confirmation.receivedAt).toISOString(),
          items: row.confirmation.quantities.map((q) => {
            const name = nameOf(q.itemCode);
            return { ...q, ...(name !== undefined ? { name } : {}) };
          }),
          note: row.confirmation.note,
        }
      : null,
  };
}

export class DeliveryListView {
  @ApiProperty({ type: () => [DeliveryView], description: 'newest first' })
  items: DeliveryView[];
}
