import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ReceiptExportFilter } from './receipt-export.source';

/** Rows a batch of an export reads at most. */
export const BATCH = 1000;

export interface RawReceipt {
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
  gift_count: number;
  official_code: string | null;
  official_number: string | null;
}

/** SQL of the receipt export: a count, and keyset pages oldest first (created_at, id). */
@Injectable()
export class ReceiptExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  count(filter: ReceiptExportFilter): Promise<Array<{ n: string }>> {
    return this.dataSource.query(
      `SELECT count(*)::text AS n FROM receipts r WHERE ($1::uuid IS NULL OR r.campaign_id = $1::uuid) AND ($2::text IS NULL OR r.status = $2::text)`,
      [filter.campaignId ?? null, filter.status ?? null],
    );
  }

  page(filter: ReceiptExportFilter, after: { at: string; id: string } | null): Promise<RawReceipt[]> {
    return this.dataSource.query(
      `SELECT r.id, r.created_at::text AS cursor_at, r.receipt_no, r.status, c.code AS campaign_code,
                -- an aggregate (合并开具) lists the order numbers of its gifts
                coalesce(d.order_no, (SELECT string_agg(gd.order_no, '、' ORDER BY g.position)
                                        FROM receipt_gifts g JOIN donations gd ON gd.id = g.donation_id WHERE g.receipt_id = r.id)) AS order_no,
                r.donor_name, r.invoice_title,
                r.amount_fen::text AS amount_fen, r.donated_at, r.issued_at, r.email_count, r.emailed_at, r.voided_at, r.void_reason,
                old.receipt_no AS replaces_receipt_no,
                CASE WHEN r.aggregate THEN (SELECT count(*)::int FROM receipt_gifts g WHERE g.receipt_id = r.id) ELSE 1 END AS gift_count,
                o.code AS official_code, o.number AS official_number
           FROM receipts r
           LEFT JOIN official_receipts o ON o.receipt_id = r.id
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
  }
}
