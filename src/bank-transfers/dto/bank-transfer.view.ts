import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableStringProperty,
  OrderNoProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import type { Donation } from '../../donations/donation.entity';
import type { StatementColumns } from '../statement-layouts';
import type { StatementMappingRow } from '../statement-mappings.repository';

/** 201 of POST /api/staff/bank-transfers: the transfer recorded as a paid donation. */
export class RecordedTransferView {
  @OrderNoProperty()
  orderNo: string;

  @ApiProperty({ enum: ['paid'] })
  status: 'paid';

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty({ example: '2026120200001' })
  bankReference: string;

  @FenProperty({ example: 500000 })
  amountFen: number;

  @YuanProperty('5000.00')
  amountYuan: string;

  @ApiProperty({ description: "the payer's name as on the statement (staff only)", example: '武汉某某有限公司' })
  payerName: string;

  @DateTimeProperty()
  paidAt: string;

  @NullableStringProperty()
  fundCode: string | null;
}

/** `paid` is the donation the transfer became; `entered` what staff typed, for fields the order does not hold yet. */
export function toRecordedTransferView(
  paid: Donation,
  campaignCode: string,
  bankReference: string,
  entered: { payerName: string; receivedAt: Date },
  fundCode: string | null,
): RecordedTransferView {
  return {
    orderNo: paid.orderNo,
    status: 'paid',
    campaignCode,
    bankReference,
    amountFen: paid.amountFen,
    amountYuan: formatYuan(paid.amountFen),
    payerName: paid.donorName ?? entered.payerName,
    paidAt: (paid.paidAt ?? entered.receivedAt).toISOString(),
    fundCode,
  };
}

export class StatementLayoutView {
  @ApiProperty({ enum: ['icbc', 'boc', 'ccb', 'abc', 'standard', 'mapping'] })
  code: string;

  @ApiProperty({ example: '中国工商银行' })
  name: string;
}

export class StatementErrorView {
  @ApiProperty({ description: 'the line of the file', example: 3 })
  line: number;

  @ApiProperty({ example: 'INVALID_AMOUNT' })
  code: string;

  @ApiProperty({ description: 'in Chinese, naming the row and column', example: '第 3 行：金额不正确' })
  message: string;
}

/** What an import did; good lines are kept even when others are bad. */
export class ImportResultView {
  @ApiProperty({ example: 10 })
  imported: number;

  @ApiProperty({ description: 'lines already recorded (same bankReference)', example: 0 })
  duplicates: number;

  @ApiProperty({ description: 'debit rows (支出) and summary rows (合计)', example: 1 })
  skipped: number;

  @ApiProperty({ type: () => StatementLayoutView })
  layout: StatementLayoutView;

  @ApiProperty({ type: () => [StatementErrorView] })
  errors: StatementErrorView[];
}

/** Which column of the statement holds each field: the header text as printed in the file (only the fields mapped). */
export class StatementColumnsView {
  @ApiPropertyOptional({ description: 'the column of 交易流水号' })
  bankReference?: string;

  @ApiPropertyOptional({ description: 'the column of 交易日期' })
  receivedAt?: string;

  @ApiPropertyOptional({ description: 'the column of 交易时间' })
  receivedTime?: string;

  @ApiPropertyOptional({ description: 'the column of 对方户名' })
  payerName?: string;

  @ApiPropertyOptional({ description: 'the column of 对方账号' })
  payerAccount?: string;

  @ApiPropertyOptional({ description: 'the column of 贷方发生额' })
  creditAmount?: string;

  @ApiPropertyOptional({ description: 'the column of 借方发生额' })
  debitAmount?: string;

  @ApiPropertyOptional({ description: 'the column of 交易金额' })
  amount?: string;

  @ApiPropertyOptional({ description: 'the column of 借贷标志' })
  direction?: string;

  @ApiPropertyOptional({ description: 'the column of 基金代码' })
  fundCode?: string;
}

export class StatementMappingView {
  @UuidProperty()
  id: string;

  @ApiProperty({ example: '招商银行对账单' })
  name: string;

  @ApiProperty({ type: () => StatementColumnsView })
  columns: StatementColumns;

  @DateTimeProperty()
  createdAt: string;

  @DateTimeProperty()
  updatedAt: string;
}

export function toStatementMappingView(row: StatementMappingRow): StatementMappingView {
  return { id: row.id, name: row.name, columns: row.columns, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export class StatementMappingListView {
  @ApiProperty({ type: () => [StatementMappingView] })
  items: StatementMappingView[];
}
