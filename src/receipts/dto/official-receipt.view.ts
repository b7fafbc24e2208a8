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
import { formatYuanDisplay } from '../../common/money';
import type { BookCounts, BookEntryRow, ReceiptBookRow, ReceiptDeclineRow } from '../official-receipts.repository';
import type { ReceiptGiftRow } from '../receipt-gifts.repository';
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

export function toRegisteredReceiptBookView(book: ReceiptBookRow): RegisteredReceiptBookView {
  return { id: book.id, code: book.code, firstNumber: book.first_number, lastNumber: book.last_number, status: book.status };
}

/** A book with its counts; `size` is its last number less its first, plus one. */
export function toReceiptBookView(book: ReceiptBookRow, size: number, counts: BookCounts): ReceiptBookView {
  return {
    id: book.id,
    code: book.code,
    firstNumber: book.first_number,
    lastNumber: book.last_number,
    status: book.status,
    size,
    used: counts.used,
    spoiled: counts.spoiled,
    unused: counts.unused,
    usedByVoidedReceipts: counts.voided,
    createdAt: book.created_at.toISOString(),
    closedAt: book.closed_at?.toISOString() ?? null,
  };
}

export function toReceiptBookEntryView(e: BookEntryRow): ReceiptBookEntryView {
  return {
    number: e.number,
    state: e.state,
    receiptNo: e.receipt_no,
    receiptStatus: e.receipt_status,
    reason: e.reason,
    recordedAt: e.recorded_at?.toISOString() ?? null,
  };
}

/** 合并开具: one gift of the form's attached list (附清单), its date as on the form (Beijing). */
export function toReceiptFormGiftView(g: ReceiptGiftRow, donatedOn: string): ReceiptFormGiftView {
  return { orderNo: g.order_no, donatedOn, amountFen: g.amount_fen, amountFigures: formatYuanDisplay(g.amount_fen) };
}

export function toReceiptDeclineRowView(r: ReceiptDeclineRow): ReceiptDeclineRowView {
  return {
    orderNo: r.order_no,
    campaignCode: r.campaign_code,
    amountFen: Number(r.amount_fen),
    declinedAt: r.declined_at.toISOString(),
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
  };
}
