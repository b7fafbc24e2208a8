import { ApiProperty } from '@nestjs/swagger';
import { formatYuan } from '../../common/money';
import type { Donation, DonationStatus } from '../donation.entity';
import type { Refund, RefundStatus } from '../refund.entity';

/** A refund of a donation, as staff see it. */
export class RefundView {
  @ApiProperty({ example: 'WN20261202ABCDEFGH23456789' })
  orderNo: string;

  @ApiProperty({ example: 'RF20261202ABCDEFGH' })
  refundNo: string;

  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'], description: 'processing: the provider confirms later' })
  status: RefundStatus;

  @ApiProperty({ description: 'integer fen (the whole donation)', example: 10000 })
  amountFen: number;

  @ApiProperty({ example: '100.00' })
  amountYuan: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ enum: ['sandbox', 'wechatpay', 'alipay', 'manual'], description: 'manual: a bank transfer returned by staff at the bank' })
  provider: string;

  @ApiProperty({ enum: ['pending', 'paid', 'failed', 'refunded'] })
  donationStatus: DonationStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  succeededAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: "the provider's reason when it refused" })
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
