import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  OrderNoProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import type { ReceiptRequestStatus } from '../receipt-request.entity';

const STATUSES: ReceiptRequestStatus[] = ['queued', 'pending_review', 'issued', 'rejected'];

/** The donation a request names or was matched to, as the reviewer sees it. */
export class ReviewedDonationView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: ['sandbox', 'wechatpay', 'alipay', 'bank_transfer'] })
  channel: string;

  @ApiProperty({ enum: ['pending', 'paid', 'failed', 'refunded'] })
  status: string;

  @FenProperty()
  amountFen: number;

  @NullableStringProperty({ description: "the donor's or payer's name on the donation" })
  payerName: string | null;

  @NullableDateTimeProperty()
  paidAt: string | null;

  @NullableStringProperty()
  bankReference: string | null;
}

export class RequestedOrderView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ description: 'the request holds the gift (its claim token was valid, or staff approved)' })
  held: boolean;
}

/** A receipt request as staff review it: personal data masked (reveal shows it, audited). */
export class ReviewedReceiptRequestView {
  @UuidProperty()
  requestId: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ enum: STATUSES })
  status: ReceiptRequestStatus;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @ApiProperty({ enum: ['individual', 'organization'] })
  donorType: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  invoiceTitle: string;

  @NullableStringProperty({ description: 'masked', example: '4201**********1234' })
  idNumber: string | null;

  @NullableStringProperty()
  creditCode: string | null;

  @ApiProperty({ description: 'masked', example: '138****8000' })
  phone: string;

  @ApiProperty({ description: 'masked', example: 'z***@example.com' })
  email: string;

  @NullableStringProperty({ description: 'masked' })
  mailingAddress: string | null;

  @NullableStringProperty()
  orderNo: string | null;

  @NullableStringProperty()
  bankReference: string | null;

  @ApiProperty()
  hasScreenshot: boolean;

  @ApiProperty({ enum: ['order', 'bank_reference', 'staff', 'none'] })
  matchMethod: string;

  @ApiProperty({ description: "the request carried the donation's claim token" })
  claimVerified: boolean;

  @ApiProperty({ type: () => ReviewedDonationView, nullable: true })
  donation: ReviewedDonationView | null;

  @ApiProperty({ type: () => ReviewedDonationView, nullable: true, description: 'a donation that would match (approve to take it)' })
  proposedDonation: ReviewedDonationView | null;

  @NullableStringProperty()
  rejectReason: string | null;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  reviewedAt: string | null;

  @ApiProperty({ description: '合并开具: several gifts on one record' })
  aggregate: boolean;

  @ApiProperty({ type: () => [RequestedOrderView], nullable: true, description: 'the orders an aggregate request lists; null otherwise' })
  orders: RequestedOrderView[] | null;
}

export class ReviewedReceiptRequestListView {
  @ApiProperty({ example: 1 })
  total: number;

  @ApiProperty({ type: () => [ReviewedReceiptRequestView], description: 'oldest first' })
  items: ReviewedReceiptRequestView[];
}

export class ApprovedView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: STATUSES, example: 'queued' })
  status: ReceiptRequestStatus;
}

export class ApprovalResultView {
  @UuidProperty()
  requestId: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'approved' })
  status?: ReceiptRequestStatus;

  @ApiPropertyOptional({ description: 'refused: the error code' })
  code?: string;

  @ApiPropertyOptional({ description: 'refused: why' })
  message?: string;
}

export class BulkApprovalView {
  @ApiProperty({ description: 'how many were queued for issue', example: 2 })
  queued: number;

  @ApiProperty({ type: () => [ApprovalResultView] })
  results: ApprovalResultView[];
}

export class StartedJobView {
  @ApiProperty({ description: 'follow it at GET /api/staff/jobs/:jobId' })
  jobId: string;

  @ApiProperty({ description: 'how many items it will go through', example: 120 })
  total: number;
}

export class RejectedView {
  @UuidProperty()
  requestId: string;

  @ApiProperty({ enum: ['rejected'] })
  status: 'rejected';

  @ApiProperty()
  rejectReason: string;
}

/** The request's personal data in clear: every reveal is in the audit log. */
export class RevealedPersonalDataView {
  @UuidProperty()
  requestId: string;

  @NullableStringProperty({ description: 'in clear' })
  idNumber: string | null;

  @NullableStringProperty()
  creditCode: string | null;

  @ApiProperty({ description: 'in clear' })
  phone: string;

  @ApiProperty({ description: 'in clear' })
  email: string;

  @NullableStringProperty({ description: 'in clear' })
  mailingAddress: string | null;
}
