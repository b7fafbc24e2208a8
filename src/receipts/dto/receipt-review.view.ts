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
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../common/masking';
import { formatYuan } from '../../common/money';
import type { Donation } from '../../donations/donation.entity';
import type { ReceiptRequest, ReceiptRequestStatus } from '../receipt-request.entity';
import type { RequestGiftRow } from '../receipt-gifts.repository';

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

  @NullableStringProperty({ description: 'masked: first and last character kept', example: '1****************X' })
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

/**
 * A request's personal data in clear, as the service decrypts it for a view: the review masks it
 * (toReviewedReceiptRequestView), a reveal shows it (toRevealedPersonalDataView, audited).
 */
export interface RequestContact {
  idNumber: string | null;
  phone: string;
  email: string;
  mailingAddress: string | null;
}

export function toReviewedDonationView(d: Donation): ReviewedDonationView {
  return {
    orderNo: d.orderNo,
    channel: d.channel,
    status: d.status,
    amountFen: d.amountFen,
    payerName: d.donorName,
    paidAt: d.paidAt?.toISOString() ?? null,
    bankReference: d.bankReference,
  };
}

/**
 * A request in the review queue: its ID number, phone, e-mail and address masked. `donations`
 * holds the donations it names or was matched to; `orders`, an aggregate's listed orders (合并开具).
 */
export function toReviewedReceiptRequestView(
  r: ReceiptRequest,
  campaignCode: string,
  contact: RequestContact,
  donations: ReadonlyMap<string, Donation>,
  orders: Pick<RequestGiftRow, 'order_no' | 'held'>[],
): ReviewedReceiptRequestView {
  const summary = (id: string | null) => {
    const d = id ? donations.get(id) : undefined;
    return d ? toReviewedDonationView(d) : null;
  };
  return {
    requestId: r.id,
    campaignCode,
    status: r.status,
    amountFen: r.amountFen,
    amountYuan: formatYuan(r.amountFen),
    donorType: r.donorType,
    name: r.name,
    invoiceTitle: r.invoiceTitle,
    idNumber: contact.idNumber !== null ? maskIdNumber(contact.idNumber) : null,
    creditCode: r.creditCode,
    phone: maskPhone(contact.phone),
    email: maskEmail(contact.email),
    mailingAddress: contact.mailingAddress !== null ? maskAddress(contact.mailingAddress) : null,
    orderNo: r.orderNo,
    bankReference: r.bankReference,
    hasScreenshot: r.screenshotPath !== null,
    matchMethod: r.matchMethod,
    // The request carried the donation's claim token (only then is `donation` set before approval).
    claimVerified: r.claimVerified,
    donation: summary(r.donationId),
    proposedDonation: summary(r.proposedDonationId),
    rejectReason: r.rejectReason,
    createdAt: r.createdAt.toISOString(),
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    aggregate: r.aggregate,
    orders: r.aggregate ? orders.map((g) => ({ orderNo: g.order_no, held: g.held })) : null,
  };
}

/** The reveal's answer: the personal data in clear (the caller records the reveal in the audit log). */
export function toRevealedPersonalDataView(r: Pick<ReceiptRequest, 'id' | 'creditCode'>, contact: RequestContact): RevealedPersonalDataView {
  return {
    requestId: r.id,
    idNumber: contact.idNumber,
    creditCode: r.creditCode,
    phone: contact.phone,
    email: contact.email,
    mailingAddress: contact.mailingAddress,
  };
}
