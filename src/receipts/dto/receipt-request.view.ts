import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  OrderNoProperty,
  ReceiptNoProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import type { ReceiptRequestStatus } from '../receipt-request.entity';

const REQUEST_STATUSES: ReceiptRequestStatus[] = ['queued', 'pending_review', 'issued', 'rejected'];

/** 201 of POST /api/receipt-requests. */
export class CreatedReceiptRequestView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: ['queued', 'pending_review'], description: 'queued: issued without review (a valid claim token); else staff review it' })
  status: ReceiptRequestStatus;
}

/** A request made by staff for goods or several gifts: with the amount the receipt will show. */
export class StaffCreatedReceiptRequestView extends CreatedReceiptRequestView {
  @FenProperty({ example: 50000 })
  amountFen: number;
}

/** GET /api/receipt-requests/:requestId. */
export class ReceiptRequestStatusView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: REQUEST_STATUSES, description: 'issued: the PDF exists and has been sent' })
  status: ReceiptRequestStatus;

  @ReceiptNoProperty({ required: false })
  receiptNo?: string;

  @ApiPropertyOptional({ enum: ['issued', 'voided'], description: 'voided: the receipt was voided and not replaced (no re-send offered)' })
  receiptStatus?: 'issued' | 'voided';

  @ApiPropertyOptional()
  rejectReason?: string;
}

export class ReceiptDeclineView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: [true] })
  receiptDeclined: true;

  @DateTimeProperty()
  declinedAt: string;
}

export class QueuedView {
  @ApiProperty({ enum: ['queued'] })
  status: 'queued';
}

export class OfficialReceiptSummaryView {
  @ApiProperty({ enum: ['fiscal', 'paper'] })
  kind: string;

  @ApiProperty({ description: '票据代码', example: '42010126' })
  code: string;

  @ApiProperty({ description: '票据号码', example: '0000000001' })
  number: string;

  @DateTimeProperty()
  issuedAt: string;
}

export class ReplacementReceiptView {
  @ReceiptNoProperty({ example: 'WH-2026-00000002' })
  receiptNo: string;

  @ApiProperty({ enum: ['issued', 'voided'] })
  status: string;

  @ApiProperty({ description: 'its signed verification link' })
  verifyUrl: string;
}

/** GET /api/receipts/verify/:receiptNo: what anyone holding the QR code may see (the name masked). */
export class ReceiptVerificationView {
  @ApiProperty({ enum: [true] })
  valid: true;

  @ReceiptNoProperty()
  receiptNo: string;

  @ApiProperty({ enum: ['issued', 'voided'] })
  status: string;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @DateTimeProperty()
  issuedAt: string;

  @DateTimeProperty()
  donatedAt: string;

  @ApiProperty({ description: 'masked', example: '张*' })
  donorName: string;

  @ApiProperty({ description: 'how many gifts the record lists (more than one: 合并开具)', example: 1 })
  giftCount: number;

  @ApiProperty({ example: '温暖武汉' })
  campaignTitle: string;

  @ApiProperty({ example: '温暖基金会' })
  organisation: string;

  @NullableDateTimeProperty()
  voidedAt: string | null;

  @ApiProperty({
    type: () => OfficialReceiptSummaryView,
    nullable: true,
    description: 'the official 公益事业捐赠票据 attached (the check code stays with the donor)',
  })
  official: OfficialReceiptSummaryView | null;

  @ApiProperty({ type: () => ReplacementReceiptView, nullable: true, description: 'a voided record that was reissued names its replacement' })
  replacedBy: ReplacementReceiptView | null;
}
