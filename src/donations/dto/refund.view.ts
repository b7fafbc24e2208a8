import { ApiProperty } from '@nestjs/swagger';
import {
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  OrderNoProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import type { Donation, DonationStatus } from '../donation.entity';
import type { Refund, RefundStatus } from '../refund.entity';

/** A refund of a donation, as staff see it. */
export class RefundView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ example: 'RF20261202ABCDEFGH' })
  refundNo: string;

  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'], description: 'processing: the provider confirms later' })
  status: RefundStatus;

  @FenProperty({ description: 'integer fen (the whole donation)', example: 10000 })
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ enum: ['sandbox', 'wechatpay', 'alipay', 'manual'], description: 'manual: a bank transfer returned by staff at the bank' })
  provider: string;

  @ApiProperty({ enum: ['pending', 'paid', 'failed', 'refunded'] })
  donationStatus: DonationStatus;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  succeededAt: string | null;

  @NullableStringProperty({ description: "the provider's reason when it refused" })
  failureReason: string | null;
}

export class RefundListView {
  @ApiProperty({ type: () => [RefundView], description: 'newest first' })
  items: RefundView[];
}

export function toRefundView(r: Refund, d: Donation): RefundView {
  return {
    orderNo: d.orderNo,
    refundNo: r.refundNo,
    status: r.status,
    amountFen: r.amountFen,
    amountYuan: formatYuan(r.amountFen),
    reason: r.reason,
    provider: r.provider,
    donationStatus: d.status,
    createdAt: r.createdAt.toISOString(),
    succeededAt: r.succeededAt?.toISOString() ?? null,
    failureReason: r.failureReason,
  };
}
