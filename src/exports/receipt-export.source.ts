import { Injectable } from '@nestjs/common';
import { maskName } from '../common/masking';
import { formatYuan } from '../common/money';
import { labelOf, RECEIPT_KIND_LABELS, RECEIPT_STATUS_LABELS } from './export-labels';
import { beijingTime, ExportColumn } from './spreadsheet-cells';
import { BATCH, ReceiptExportRepository, RawReceipt } from './receipt-export.repository';

export interface ReceiptExportFilter {
  campaignId?: string;
  status?: string;
}

export interface ReceiptExportRow {
  receiptNo: string;
  status: string;
  campaignCode: string;
  orderNo: string | null;
  donorName: string;
  invoiceTitle: string;
  amountFen: number;
  donatedAt: Date;
  issuedAt: Date;
  emailCount: number;
  emailedAt: Date | null;
  voidedAt: Date | null;
  voidReason: string | null;
  replacesReceiptNo: string | null;
  giftCount: number;
  officialCode: string | null;
  officialNumber: string | null;
}

/** A record is a 捐赠票据 (`official`) only with an official 公益事业捐赠票据 attached; otherwise a 捐赠证明. */
function receiptKind(r: ReceiptExportRow): 'official' | 'certificate' {
  return r.officialCode ? 'official' : 'certificate';
}

export const RECEIPT_COLUMNS: ExportColumn<ReceiptExportRow>[] = [
  { header: '记录编号', kind: 'text', width: 20, value: (r) => r.receiptNo },
  { header: '类型', kind: 'text', width: 10, value: (r) => labelOf(RECEIPT_KIND_LABELS, receiptKind(r)) },
  { header: '类型代码', kind: 'text', width: 12, value: (r) => receiptKind(r) },
  { header: '公益事业捐赠票据代码', kind: 'text', width: 12, value: (r) => r.officialCode },
  { header: '公益事业捐赠票据号码', kind: 'text', width: 14, value: (r) => r.officialNumber },
  { header: '状态', kind: 'text', width: 8, value: (r) => labelOf(RECEIPT_STATUS_LABELS, r.status) },
  { header: '状态代码', kind: 'text', width: 10, value: (r) => r.status },
  { header: '活动', kind: 'text', width: 16, value: (r) => r.campaignCode },
  { header: '订单号', kind: 'text', width: 26, value: (r) => r.orderNo },
  { header: '捐赠笔数', kind: 'integer', width: 8, value: (r) => r.giftCount },
  { header: '捐赠人（脱敏）', kind: 'text', width: 18, value: (r) => r.donorName },
  { header: '票据抬头（脱敏）', kind: 'text', width: 22, value: (r) => r.invoiceTitle },
  { header: '金额（元）', kind: 'text', width: 14, value: (r) => formatYuan(r.amountFen) },
  { header: '金额（分）', kind: 'integer', width: 14, value: (r) => r.amountFen },
  { header: '捐赠时间', kind: 'text', width: 26, value: (r) => beijingTime(r.donatedAt) },
  { header: '开具时间', kind: 'text', width: 26, value: (r) => beijingTime(r.issuedAt) },
  { header: '邮件发送次数', kind: 'integer', width: 12, value: (r) => r.emailCount },
  { header: '最近发送时间', kind: 'text', width: 26, value: (r) => beijingTime(r.emailedAt) },
  { header: '作废时间', kind: 'text', width: 26, value: (r) => beijingTime(r.voidedAt) },
  { header: '作废原因', kind: 'text', width: 30, value: (r) => r.voidReason },
  { header: '取代记录编号', kind: 'text', width: 20, value: (r) => r.replacesReceiptNo },
];

/** Receipts (issued and voided) for export, oldest first, in keyset batches; names masked. */
@Injectable()
export class ReceiptExportSource {
  constructor(private readonly repository: ReceiptExportRepository) {}

  async count(filter: ReceiptExportFilter): Promise<number> {
    const [row]: Array<{ n: string }> = await this.repository.count(filter);
    return Number(row.n);
  }

  async *batches(filter: ReceiptExportFilter): AsyncGenerator<ReceiptExportRow[]> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: RawReceipt[] = await this.repository.page(filter, after);
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        receiptNo: r.receipt_no,
        status: r.status,
        campaignCode: r.campaign_code,
        orderNo: r.order_no,
        donorName: maskName(r.donor_name),
        invoiceTitle: maskName(r.invoice_title),
        amountFen: Number(r.amount_fen),
        donatedAt: r.donated_at,
        issuedAt: r.issued_at,
        emailCount: r.email_count,
        emailedAt: r.emailed_at,
        voidedAt: r.voided_at,
        voidReason: r.void_reason,
        replacesReceiptNo: r.replaces_receipt_no,
        giftCount: Number(r.gift_count),
        officialCode: r.official_code,
        officialNumber: r.official_number,
      }));
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id };
    }
  }
}
