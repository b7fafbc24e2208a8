import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskName } from '../common/masking';
import { formatYuan } from '../common/money';
import { beijingTime, ExportColumn } from './spreadsheet-cells';

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
}

export const RECEIPT_COLUMNS: ExportColumn<ReceiptExportRow>[] = [
  { header: '票据号', kind: 'text', width: 20, value: (r) => r.receiptNo },
  { header: '状态', kind: 'text', width: 8, value: (r) => r.status },
  { header: '活动', kind: 'text', width: 16, value: (r) => r.campaignCode },
  { header: '订单号', kind: 'text', width: 26, value: (r) => r.orderNo },
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
  { header: '取代票据号', kind: 'text', width: 20, value: (r) => r.replacesReceiptNo },
];

const BATCH = 1000;

interface RawReceipt {
  id: string;
  cursor_at: string;
  receipt_no: string;
  status: string;
  campaign_code: string;
  order_no: string | null;
  donor_name: string;
  invoice_title: string;
  amount_fen: string;
  donated_at: Date;
  issued_at: Date;
  email_count: number;
  emailed_at: Date | null;
  voided_at: Date | null;
  void_reason: string | null;
  replaces_receipt_no: string | null;
}

/** Receipts (issued and voided) for export, oldest first, in keyset batches; names masked. */
@Injectable()
export class ReceiptExportSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(filter: ReceiptExportFilter): Promise<number> {
    const [row]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*)::text AS n FROM receipts r WHERE ($1::uuid IS NULL OR r.campaign_id = $1::uuid) AND ($2::text IS NULL OR r.status = $2::text)`,
      [filter.campaignId ?? null, filter.status ?? null],
    );
    return Number(row.n);
  }

  async *batches(filter: ReceiptExportFilter): AsyncGenerator<ReceiptExportRow[]> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: RawReceipt[] = await this.dataSource.query(
        `SELECT r.id, r.created_at::text AS cursor_at, r.receipt_no, r.status, c.code AS campaign_code, d.order_no, r.donor_name, r.invoice_title,
                r.amount_fen::text AS amount_fen, r.donated_at, r.issued_at, r.email_count, r.emailed_at, r.voided_at, r.void_reason,
                old.receipt_no AS replaces_receipt_no
           FROM receipts r
           JOIN campaigns c ON c.id = r.campaign_id
           LEFT JOIN donations d ON d.id = r.donation_id -- none for a receipt of goods
           LEFT JOIN receipts old ON old.id = r.replaces_receipt_id
          WHERE ($1::uuid IS NULL OR r.campaign_id = $1::uuid)
            AND ($2::text IS NULL OR r.status = $2::text)
            AND ($3::timestamptz IS NULL OR (r.created_at, r.id) > ($3::timestamptz, $4::uuid))
          ORDER BY r.created_at, r.id
          LIMIT ${BATCH}`,
        [filter.campaignId ?? null, filter.status ?? null, after?.at ?? null, after?.id ?? null],
      );
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
      }));
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id };
    }
  }
}
