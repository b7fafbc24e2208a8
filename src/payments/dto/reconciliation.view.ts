import { ApiProperty } from '@nestjs/swagger';
import {
  DateTimeProperty,
  NullableDateTimeProperty,
  NullableFenProperty,
  NullableStringProperty,
  NullableYuanProperty,
  UuidProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import type { ReconciliationDifference } from '../reconciliation-difference.entity';

/** A difference between a provider's statement and the ledger, for staff to resolve. */
export class ReconciliationDifferenceView {
  @UuidProperty()
  id: string;

  @ApiProperty({ enum: ['wechatpay', 'alipay'] })
  provider: string;

  @ApiProperty({ format: 'date', example: '2026-12-01' })
  statementDate: string;

  @ApiProperty({ enum: ['UNKNOWN_ORDER', 'AMOUNT_MISMATCH', 'NOT_IN_STATEMENT', 'UNKNOWN_REFUND'] })
  kind: string;

  @NullableStringProperty()
  orderNo: string | null;

  @NullableStringProperty()
  transactionId: string | null;

  @NullableFenProperty()
  ledgerAmountFen: number | null;

  @NullableFenProperty()
  providerAmountFen: number | null;

  @NullableYuanProperty()
  providerAmountYuan: string | null;

  @ApiProperty({ description: 'what differs, in Chinese' })
  detail: string;

  @DateTimeProperty()
  createdAt: string;

  @NullableDateTimeProperty()
  resolvedAt: string | null;

  @NullableStringProperty()
  resolutionNote: string | null;
}

export function toReconciliationDifferenceView(r: ReconciliationDifference): ReconciliationDifferenceView {
  return {
    id: r.id,
    provider: r.provider,
    statementDate: r.statementDate,
    kind: r.kind,
    orderNo: r.orderNo,
    transactionId: r.transactionId,
    ledgerAmountFen: r.ledgerAmountFen,
    providerAmountFen: r.providerAmountFen,
    providerAmountYuan: r.providerAmountFen === null ? null : formatYuan(r.providerAmountFen),
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolutionNote: r.resolutionNote,
  };
}

export class ReconciliationDifferenceListView {
  @ApiProperty({ type: () => [ReconciliationDifferenceView], description: 'newest first' })
  items: ReconciliationDifferenceView[];
}

export class StatementResultView {
  @ApiProperty({ format: 'date', example: '2026-12-01' })
  billDate: string;

  @ApiProperty({ description: 'lines of the bill' })
  lines: number;

  @ApiProperty({ type: [String], description: 'paid in the bill, pending in the ledger: now paid' })
  recovered: string[];

  @ApiProperty({ description: 'new differences recorded for staff' })
  differences: number;
}

export class AlipayReconcileView {
  @ApiProperty({ description: 'unpaid orders asked about' })
  checked: number;

  @ApiProperty({ type: [String], description: 'paid at the provider, notification never arrived: now paid in the ledger' })
  recovered: string[];

  @ApiProperty({ type: [String], description: 'paid with another amount: flagged for staff' })
  mismatched: string[];

  @ApiProperty({ type: [String] })
  errors: string[];
}

export class WechatReconcileView extends AlipayReconcileView {
  @ApiProperty({ type: [String], description: 'refunds WeChat reports done whose notification never arrived' })
  refundsSettled: string[];

  @ApiProperty({ type: [String] })
  refundsFailed: string[];

  @ApiProperty({ type: () => StatementResultView, nullable: true, description: "the day's bill, when one was fetched" })
  statement: StatementResultView | null;
}

/** The answer WeChat Pay expects to a notification. */
export class WechatNotifyAnswerView {
  @ApiProperty({ enum: ['SUCCESS'] })
  code: 'SUCCESS';

  @ApiProperty({ example: '成功' })
  message: string;
}
