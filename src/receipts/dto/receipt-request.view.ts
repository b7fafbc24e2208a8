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
import { maskName } from '../../common/masking';
import { formatYuan } from '../../common/money';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { OfficialReceiptRow } from '../official-receipts.repository';
import type { ReceiptRequest, ReceiptRequestStatus } from '../receipt-request.entity';
import type { Receipt } from '../receipt.entity';

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

/**
 * GET /api/receipt-requests/:requestId. `receipt`: for an issued request, its live record, else the
 * last one it had (voided, not replaced); null or absent otherwise.
 */
export function toReceiptRequestStatusView(
  request: Pick<ReceiptRequest, 'id' | 'status' | 'rejectReason'>,
  receipt: { receiptNo: string; status: 'issued' | 'voided' } | null,
): ReceiptRequestStatusView {
  const view: ReceiptRequestStatusView = { requestId: request.id, status: request.status };
  if (request.status === 'issued' && receipt) {
    view.receiptNo = receipt.receiptNo;
    view.receiptStatus = receipt.status;
  }
  if (request.status === 'rejected' && request.rejectReason) view.rejectReason = request.rejectReason;
  return view;
}

export function toReceiptDeclineView(orderNo: string, declinedAt: Date): ReceiptDeclineView {
  return { orderNo, receiptDeclined: true, declinedAt: declinedAt.toISOString() };
}

/** What the public verification shows beside the record, read by the service. */
export interface ReceiptVerificationSources {
  campaign: Pick<Campaign, 'title' | 'organisation'>;
  /** How many gifts the record lists (more than one: 合并开具). */
  giftCount: number;
  official: OfficialReceiptRow | null;
  replacedBy: { receiptNo: string; status: string; verifyUrl: string } | null;
}

/** GET /api/receipts/verify/:receiptNo: anyone holding the QR code sees this, so the donor's name is masked. */
export function toReceiptVerificationView(receipt: Receipt, s: ReceiptVerificationSources): ReceiptVerificationView {
  return {
    valid: true,
    receiptNo: receipt.receiptNo,
    status: receipt.status,
    amountFen: receipt.amountFen,
    amountYuan: formatYuan(receipt.amountFen),
    issuedAt: receipt.issuedAt.toISOString(),
    donatedAt: receipt.donatedAt.toISOString(),
    donorName: maskName(receipt.donorName),
    giftCount: s.giftCount,
    campaignTitle: s.campaign.title,
    organisation: s.campaign.organisation,
    voidedAt: receipt.voidedAt?.toISOString() ?? null,
    // Its code and number only: the check code stays with the donor.
    official: s.official ? { kind: s.official.kind, code: s.official.code, number: s.official.number, issuedAt: s.official.issued_at.toISOString() } : null,
    replacedBy: s.replacedBy ? { receiptNo: s.replacedBy.receiptNo, status: s.replacedBy.status, verifyUrl: s.replacedBy.verifyUrl } : null,
  };
}
