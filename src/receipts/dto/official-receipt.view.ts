import { ApiProperty } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  OrderNoProperty,
  ReceiptNoProperty,
  UuidProperty,
} from '../../common/dto/view-properties';
import { OfficialReceiptView } from './receipt.view';

/** 201 of POST /api/staff/receipt-books. */
export class RegisteredReceiptBookView {
  @UuidProperty()
  id: string;

  @ApiProperty({ description: '票据代码, 8 digits', example: '42010126' })
  code: string;

  @ApiProperty({ description: '10 digits', example: '0000000001' })
  firstNumber: string;

  @ApiProperty({ description: '10 digits', example: '0000000100' })
  lastNumber: string;

  @ApiProperty({ enum: ['open', 'closed'] })
  status: string;
}

/** A paper receipt book with its counts: used + spoiled + unused = size. */
export class ReceiptBookView extends RegisteredReceiptBookView {
  @ApiProperty({ example: 100 })
  size: number;

  @ApiProperty({ example: 1 })
  used: number;

  @ApiProperty({ description: 'forms spoiled (作废)', example: 0 })
  spoiled: number;

  @ApiProperty({ example: 99 })
  unused: number;

  @ApiProperty({ description: 'used by records voided since (the number stays used)', example: 0 })
  usedByVoidedReceipts: number;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  closedAt: string | null;
}

export class ReceiptBookListView {
  @ApiProperty({ type: () => [ReceiptBookView], description: 'newest first' })
  items: ReceiptBookView[];
}

export class ReceiptBookEntryView {
  @ApiProperty({ example: '0000000001' })
  number: string;

  @ApiProperty({ enum: ['used', 'spoiled'] })
  state: string;

  @NullableStringProperty()
  receiptNo: string | null;

  @NullableStringProperty()
  receiptStatus: string | null;

  @NullableStringProperty({ description: 'why it was spoiled' })
  reason: string | null;

  @NullableDateTimeProperty()
  recordedAt: string | null;
}

/** GET /api/staff/receipt-books/:id: the counts, every used or spoiled number, and the unused ranges. */
export class ReceiptBookReportView extends ReceiptBookView {
  @ApiProperty({ type: () => [ReceiptBookEntryView] })
  entries: ReceiptBookEntryView[];

  @ApiProperty({
    description: 'the unused numbers as [first, last] ranges',
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    example: [['0000000002', '0000000100']],
  })
  unusedRanges: [string, string][];
}

/** A record with its official receipt, after one is attached. */
export class ReceiptOfficialView {
  @ReceiptNoProperty()
  receiptNo: string;

  @ApiProperty({ type: () => OfficialReceiptView, nullable: true })
  official: OfficialReceiptView | null;
}

export class ReceiptFormFieldView {
  @ApiProperty({ example: 'payer' })
  key: string;

  @ApiProperty({ example: '交款人' })
  label: string;

  @NullableStringProperty()
  value: string | null;
}

export class ReceiptFormGiftView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ format: 'date', example: '2026-12-01' })
  donatedOn: string;

  @FenProperty()
  amountFen: number;

  @ApiProperty({ example: '¥100.00' })
  amountFigures: string;
}

/** What to type into the finance bureau's form (or the platform's portal), field by field. */
export class ReceiptFormView {
  @ReceiptNoProperty()
  receiptNo: string;

  @ApiProperty({ enum: ['issued', 'voided'] })
  status: string;

  @ApiProperty({ type: () => OfficialReceiptView, nullable: true })
  official: OfficialReceiptView | null;

  @ApiProperty({ type: () => [ReceiptFormFieldView] })
  fields: ReceiptFormFieldView[];

  @ApiProperty({ type: () => [ReceiptFormGiftView], description: '合并开具: the gifts of the attached list (附清单)' })
  gifts: ReceiptFormGiftView[];
}

export class ReceiptDeclineRowView {
  @OrderNoProperty()
  orderNo: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @FenProperty()
  amountFen: number;

  @DateTimeProperty()
  declinedAt: string;

  @NullableDateTimeProperty({ description: 'a request made later withdrew the decline' })
  withdrawnAt: string | null;
}

export class ReceiptDeclineListView {
  @ApiProperty({ type: () => [ReceiptDeclineRowView] })
  items: ReceiptDeclineRowView[];
}
