import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  CampaignCodeProperty,
  DateTimeProperty,
  FenProperty,
  NullableDateTimeProperty,
  NullableStringProperty,
  OrderNoProperty,
  ReceiptNoProperty,
  UuidProperty,
  YuanProperty,
} from '../../common/dto/view-properties';
import { formatYuan } from '../../common/money';
import type { Campaign } from '../../campaigns/campaign.entity';
import type { OfficialReceiptRow } from '../official-receipts.repository';
import type { Receipt } from '../receipt.entity';
import type { ReceiptGiftRow } from '../receipt-gifts.repository';
import { receiptProjectCode, receiptProjectName } from '../receipt-project.repository';
import type { ReceiptSearchRow } from '../receipts.repository';

/** The official receipt (公益事业捐赠票据) attached to a record: null until one is. */
export class OfficialReceiptView {
  @ApiProperty({ enum: ['fiscal', 'paper'] })
  kind: string;

  @ApiProperty({ enum: ['platform', 'manual', 'paper'], description: 'platform: issued through the 财政电子票据 adapter; manual: entered by staff' })
  source: string;

  @ApiProperty({ description: '票据代码', example: '42010126' })
  code: string;

  @ApiProperty({ description: '票据号码', example: '0000000001' })
  number: string;

  @ApiPropertyOptional({ description: '校验码 (fiscal)' })
  checkCode?: string;

  @DateTimeProperty()
  issuedAt: string;

  @NullableStringProperty({ description: 'the paper receipt book it came from' })
  bookId: string | null;

  @ApiProperty({ description: "the platform's file is stored" })
  hasFile: boolean;

  @ApiProperty({ description: 'the record was voided: the official receipt is void with it' })
  voided: boolean;
}

/** The `official` of a receipt's details: null, or the official receipt attached to it. */
export function toOfficialReceiptView(row: OfficialReceiptRow | null): OfficialReceiptView | null {
  if (!row) return null;
  return {
    kind: row.kind,
    source: row.source,
    code: row.code,
    number: row.number,
    ...(row.check_code ? { checkCode: row.check_code } : {}),
    issuedAt: row.issued_at.toISOString(),
    bookId: row.book_id,
    hasFile: row.file_path !== null,
    voided: row.voided_at !== null,
  };
}

export class ReceiptGiftView {
  @OrderNoProperty()
  orderNo: string;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @DateTimeProperty()
  donatedAt: string;
}

/** GET /api/staff/receipts/:receiptNo (and the answer to a void): the record as issued. */
export class ReceiptDetailsView {
  @ReceiptNoProperty()
  receiptNo: string;

  @ApiProperty({ enum: ['issued', 'voided'] })
  status: string;

  @ApiProperty({ description: '合并开具: one record for several gifts, listed in `gifts` (orderNo is then null)' })
  aggregate: boolean;

  @ApiProperty({ type: () => [ReceiptGiftView] })
  gifts: ReceiptGiftView[];

  @ApiProperty({ description: '项目编码' })
  projectCode: string;

  @NullableStringProperty({ description: "the organisation's 统一社会信用代码 as issued" })
  payerCreditCode: string | null;

  @NullableStringProperty({ description: '复核人' })
  reviewer: string | null;

  @NullableStringProperty({ description: '收款人' })
  payee: string | null;

  @CampaignCodeProperty()
  campaignCode: string;

  @ApiProperty()
  campaignTitle: string;

  @NullableStringProperty({ description: 'the designated fund of the gift (定向捐赠)' })
  fundName: string | null;

  @ApiProperty({ description: '项目名称' })
  projectName: string;

  @UuidProperty()
  requestId: string;

  @NullableStringProperty()
  orderNo: string | null;

  @NullableStringProperty({ description: 'a receipt for goods' })
  inKindDonationId: string | null;

  @ApiProperty({ description: "the donor's name as on the receipt (staff only)" })
  donorName: string;

  @ApiProperty()
  invoiceTitle: string;

  @FenProperty()
  amountFen: number;

  @YuanProperty()
  amountYuan: string;

  @DateTimeProperty()
  donatedAt: string;

  @DateTimeProperty()
  issuedAt: string;

  @ApiProperty({ description: 'the PDF is rendered and stored' })
  pdfReady: boolean;

  @NullableStringProperty()
  pdfSha256: string | null;

  @NullableDateTimeProperty()
  emailedAt: string | null;

  @ApiProperty({ example: 1 })
  emailCount: number;

  @NullableDateTimeProperty()
  voidedAt: string | null;

  @NullableStringProperty()
  voidReason: string | null;

  @NullableStringProperty()
  replacesReceiptNo: string | null;

  @NullableStringProperty()
  replacedByReceiptNo: string | null;

  @ApiProperty({ description: 'the signed link its QR code holds' })
  verifyUrl: string;

  @ApiProperty({ type: () => OfficialReceiptView, nullable: true })
  official: OfficialReceiptView | null;

  @ApiProperty({ description: 'the stored PDF shows the official receipt (a 捐赠票据), else it is still the 捐赠证明' })
  pdfShowsOfficial: boolean;
}

export class ReceiptSummaryView extends PickType(ReceiptDetailsView, [
  'receiptNo',
  'status',
  'campaignCode',
  'orderNo',
  'donorName',
  'invoiceTitle',
  'amountFen',
  'issuedAt',
  'emailedAt',
] as const) {}

export class ReceiptListView {
  @ApiProperty({ type: () => [ReceiptSummaryView], description: 'newest first, at most 200' })
  items: ReceiptSummaryView[];
}

export class ReissuedReceiptView {
  @ApiProperty({ enum: ['queued'] })
  status: 'queued';

  @ApiProperty({ description: 'the record it replaces (voided)' })
  replacesReceiptNo: string;
}

export function toReceiptGiftView(g: ReceiptGiftRow): ReceiptGiftView {
  return { orderNo: g.order_no, amountFen: g.amount_fen, amountYuan: formatYuan(g.amount_fen), donatedAt: g.donated_at.toISOString() };
}

/** What the details show beside the record itself, read by the service. */
export interface ReceiptDetailsSources {
  campaign: Pick<Campaign, 'code' | 'title'>;
  /** The designated fund of the gift (定向捐赠), or null. */
  fund: { code: string; name: string } | null;
  /** 合并开具: the gifts the record lists (empty for a record of one gift). */
  gifts: ReceiptGiftRow[];
  /** The order number of the record's one donation, or null (goods, aggregate). */
  orderNo: string | null;
  replacesReceiptNo: string | null;
  replacedByReceiptNo: string | null;
  verifyUrl: string;
  official: OfficialReceiptRow | null;
}

/** GET /api/staff/receipts/:receiptNo (and the void's answer). The donor's name is in full: staff only. */
export function toReceiptDetailsView(receipt: Receipt, s: ReceiptDetailsSources): ReceiptDetailsView {
  const fundName = s.fund?.name ?? null;
  return {
    receiptNo: receipt.receiptNo,
    status: receipt.status,
    aggregate: receipt.aggregate,
    gifts: s.gifts.map(toReceiptGiftView),
    // Art. 6: 项目编码, the organisation's 统一社会信用代码, 复核人 and 收款人 as issued.
    projectCode: receiptProjectCode(s.campaign.code, s.fund?.code ?? null),
    payerCreditCode: receipt.payerCreditCode,
    reviewer: receipt.reviewerName,
    payee: receipt.payeeName,
    campaignCode: s.campaign.code,
    campaignTitle: s.campaign.title,
    fundName,
    projectName: receiptProjectName(s.campaign.title, fundName),
    requestId: receipt.requestId,
    orderNo: s.orderNo,
    inKindDonationId: receipt.inKindDonationId,
    donorName: receipt.donorName,
    invoiceTitle: receipt.invoiceTitle,
    amountFen: receipt.amountFen,
    amountYuan: formatYuan(receipt.amountFen),
    donatedAt: receipt.donatedAt.toISOString(),
    issuedAt: receipt.issuedAt.toISOString(),
    pdfReady: receipt.pdfSha256 !== null,
    pdfSha256: receipt.pdfSha256,
    emailedAt: receipt.emailedAt?.toISOString() ?? null,
    emailCount: receipt.emailCount,
    voidedAt: receipt.voidedAt?.toISOString() ?? null,
    voidReason: receipt.voidReason,
    replacesReceiptNo: s.replacesReceiptNo,
    replacedByReceiptNo: s.replacedByReceiptNo,
    verifyUrl: s.verifyUrl,
    official: toOfficialReceiptView(s.official),
    // Does the stored PDF show the official receipt yet (a 捐赠票据), or is it still the 捐赠证明?
    pdfShowsOfficial: receipt.pdfOfficialId !== null,
  };
}

export function toReceiptSummaryView(r: ReceiptSearchRow): ReceiptSummaryView {
  return {
    receiptNo: r.receiptNo,
    status: r.status,
    campaignCode: r.campaignCode,
    orderNo: r.orderNo,
    donorName: r.donorName,
    invoiceTitle: r.invoiceTitle,
    amountFen: r.amountFen,
    issuedAt: r.issuedAt.toISOString(),
    emailedAt: r.emailedAt?.toISOString() ?? null,
  };
}
