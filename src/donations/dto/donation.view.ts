import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  OrderNoProperty,
  ReceiptNoProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { maskName } from '../../common/masking';
import { formatYuan } from '../../common/money';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { Donation, DonationStatus } from '../donation.entity';
import type { WrittenOrder } from '../donations.repository';

const STATUSES: DonationStatus[] = ['pending', 'paid', 'failed', 'refunded'];
const CHANNELS = ['sandbox', 'wechatpay', 'alipay', 'bank_transfer'];

/** How the donor pays: its fields follow the provider and the User-Agent (see the route's description). */
export class PaymentView {
  @ApiProperty({ enum: CHANNELS, example: 'sandbox' })
  provider: string;

  @ApiPropertyOptional({ enum: ['NATIVE', 'JSAPI', 'H5', 'PRECREATE', 'WAP'], description: 'absent for the sandbox' })
  tradeType?: string;

  @ApiPropertyOptional({ description: 'the page that pays (or gets the WeChat openid first)', example: 'http://localhost:3000/pay/sandbox/WN20261202ABCDEF' })
  checkoutUrl?: string;

  @ApiPropertyOptional({ description: 'the QR code text (desktops: WeChat Native, Alipay precreate)' })
  codeUrl?: string;

  @ApiPropertyOptional({
    description: 'WeChat JSAPI bridge parameters { appId, timeStamp, nonceStr, package, signType, paySign }',
    type: 'object',
    additionalProperties: true,
  })
  jsapi?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'JSAPI: the prepay_id' })
  prepayId?: string;

  @ApiPropertyOptional({ description: 'alipay.trade.wap.pay: the form to post { action, method, fields }', type: 'object', additionalProperties: true })
  form?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'when the payment offer ends (ISO-8601)' })
  expiresAt?: string;
}

/** 201 of POST /api/campaigns/:code/donations. */
export class CreatedDonationView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: STATUSES, example: 'pending' })
  status: DonationStatus;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty({ description: 'an unpaid order expires then' })
  expiresAt: string | null;

  @ApiPropertyOptional({ description: 'secret proof that the gift is yours (43 URL-safe characters); shown only here and on an idempotent replay' })
  claimToken?: string;

  @ApiProperty({ type: () => PaymentView })
  payment: Record<string, unknown>;
}

export function toCreatedDonationView(
  d: WrittenOrder,
  campaignCode: string,
  payment: Record<string, unknown>,
  claim: { claimToken?: string },
): CreatedDonationView {
  return {
    orderNo: d.orderNo,
    status: d.status,
    amountFen: d.amountFen,
    amountYuan: formatYuan(d.amountFen),
    campaignCode,
    createdAt: d.createdAt.toISOString(),
    expiresAt: d.expiresAt?.toISOString() ?? null,
    ...claim,
    payment,
  };
}

export class DonationReceiptStatusView {
  @ApiProperty({ description: "the donation's latest receipt request", enum: ['queued', 'pending_review', 'issued', 'rejected', 'voided'], example: 'issued' })
  status: string;

  @ReceiptNoProperty({ required: false })
  receiptNo?: string;
}

/** 200 of GET /api/donations/:orderNo: no personal data. */
export class DonationView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: STATUSES, example: 'paid' })
  status: DonationStatus;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @ApiProperty({ enum: CHANNELS, example: 'sandbox' })
  channel: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ example: '温暖武汉' })
  campaignTitle: string;

  @DateTimeProperty()
  createdAt: string;

  @DateTimeProperty({ description: 'once paid', required: false })
  paidAt?: string;

  @ApiProperty({ description: 'paid and at or above the campaign’s receipt threshold' })
  receiptEligible: boolean;

  @ApiPropertyOptional({ type: () => DonationReceiptStatusView, description: 'absent until a receipt is asked for' })
  receipt?: DonationReceiptStatusView;
}

export function toDonationView(d: Donation & { campaign: Campaign }, receipt: { receipt?: DonationReceiptStatusView }): DonationView {
  return {
    orderNo: d.orderNo,
    status: d.status,
    amountFen: d.amountFen,
    amountYuan: formatYuan(d.amountFen),
    channel: d.channel,
    campaignCode: d.campaign.code,
    campaignTitle: d.campaign.title,
    createdAt: d.createdAt.toISOString(),
    ...(d.paidAt ? { paidAt: d.paidAt.toISOString() } : {}),
    receiptEligible: d.status === 'paid' && d.amountFen >= d.campaign.receiptThresholdFen,
    ...receipt,
  };
}

export class LatestRefundView {
  @ApiProperty({ example: 'RF20261202ABCDEFGH' })
  refundNo: string;

  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'] })
  status: string;

  @ApiProperty()
  reason: string;

  @NullableStringProperty()
  failureReason: string | null;
}

/** One line of the staff search: names and phones masked. */
export class StaffDonationView {
  @OrderNoProperty()
  orderNo: string;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ enum: CHANNELS })
  channel: string;

  @ApiProperty({ enum: STATUSES })
  status: DonationStatus;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @ApiProperty({ description: 'masked (张*), or 爱心人士 when anonymous', example: '张*' })
  donorName: string;

  @ApiProperty()
  anonymous: boolean;

  @ApiProperty()
  showOnWall: boolean;

  @NullableStringProperty({ description: "the donor's message (shown to staff even when hidden from the wall)" })
  message: string | null;

  @ApiProperty()
  messageHidden: boolean;

  @NullableStringProperty()
  messageHiddenReason: string | null;

  @NullableStringProperty({ description: 'masked (138****8000)', example: '138****8000' })
  phone: string | null;

  @NullableStringProperty()
  bankReference: string | null;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  paidAt: string | null;

  @NullableDateTimeProperty({ description: 'an amount mismatch or a double payment to resolve' })
  flaggedAt: string | null;

  @NullableStringProperty()
  flagReason: string | null;

  @ApiProperty({ type: () => LatestRefundView, nullable: true, description: 'the latest refund, if any' })
  refund: LatestRefundView | null;
}

export class StaffDonationListView {
  @ApiProperty({ description: 'how many match (items holds at most `limit`)', example: 1 })
  total: number;

  @ApiProperty({ type: () => [StaffDonationView] })
  items: StaffDonationView[];
}

/** `phone` is the masked phone (the caller decrypts; this file never sees personal data in clear). */
export function toStaffDonationView(d: Donation & { campaign?: Campaign }, phone: string | null, refund: LatestRefundView | null): StaffDonationView {
  return {
    orderNo: d.orderNo,
    campaignCode: d.campaign!.code,
    channel: d.channel,
    status: d.status,
    amountFen: d.amountFen,
    amountYuan: formatYuan(d.amountFen),
    donorName: maskName(d.donorName, d.anonymous),
    anonymous: d.anonymous,
    showOnWall: d.showOnWall,
    message: d.message,
    messageHidden: d.messageHiddenAt !== null,
    messageHiddenReason: d.messageHiddenReason,
    phone,
    bankReference: d.bankReference,
    createdAt: d.createdAt.toISOString(),
    paidAt: d.paidAt?.toISOString() ?? null,
    flaggedAt: d.flaggedAt?.toISOString() ?? null,
    flagReason: d.flagReason,
    refund,
  };
}

export class DonationMessageView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ description: 'hidden from the public wall' })
  messageHidden: boolean;

  @NullableStringProperty()
  messageHiddenReason: string | null;
}

export class DonationFlagView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: [false] })
  flagged: boolean;
}
