import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { GoodsExportFilter } from './goods-export.source';

/** Rows a batch of an export reads at most. */
export const BATCH = 1000;

/** What every part of the goods ledger selects, beside its own columns (cursor_at: PostgreSQL text, keeps microseconds). */
export interface LedgerRowBase {
  id: string;
  created_at: Date;
  campaign_code: string;
  item_code: string;
  item_name: string;
  unit: string;
  donor_name: string | null;
  pledge_id: string | null;
}

export interface PledgeRow extends LedgerRowBase {
  cursor_at: string;
  quantity: string;
  valuation_fen: string | null;
  status: string;
  spec: string | null;
}

export interface InspectionRow extends LedgerRowBase {
  cursor_at: string;
  accepted: string;
  rejected: string;
  reason: string | null;
}

export interface MovementRow extends LedgerRowBase {
  kind: string;
  quantity: string;
  inspection_id: string | null;
  distribution_id: string | null;
  recipient: string | null;
  note: string | null;
}

/** SQL of the goods ledger export: a count, then keyset pages of the pledge lines, the inspection lines and the stock movements. */
@Injectable()
export class GoodsExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  count(filter: GoodsExportFilter): Promise<Array<{ n: string }>> {
    return this.dataSource.query(
      `SELECT (SELECT count(*) FROM in_kind_donation_lines l JOIN in_kind_donations d ON d.id = l.in_kind_donation_id WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid))
            + (SELECT count(*) FROM in_kind_inspection_lines il JOIN in_kind_inspections i ON i.id = il.inspection_id JOIN in_kind_donations d ON d.id = i.in_kind_donation_id WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid))
            + (SELECT count(*) FROM in_kind_stock_movements m WHERE ($1::uuid IS NULL OR m.campaign_id = $1::uuid)) AS n`,
      [filter.campaignId ?? null],
    );
  }

  pledgeLines(filter: GoodsExportFilter, after: { at: string; id: string } | null): Promise<PledgeRow[]> {
    return this.dataSource.query(
      `SELECT l.id, d.created_at::text AS cursor_at, d.created_at, c.code AS campaign_code, l.item_code, it.name AS item_name, it.unit,
                l.quantity::text AS quantity, l.valuation_fen::text AS valuation_fen, d.donor_name, d.id AS pledge_id, d.status, l.spec
           FROM in_kind_donation_lines l
           JOIN in_kind_donations d ON d.id = l.in_kind_donation_id
           JOIN campaigns c ON c.id = d.campaign_id
           JOIN in_kind_items it ON it.code = l.item_code
          WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid)
            AND ($2::timestamptz IS NULL OR (d.created_at, l.id) > ($2::timestamptz, $3::uuid))
          ORDER BY d.created_at, l.id
          LIMIT ${BATCH}`,
      [filter.campaignId ?? null, after?.at ?? null, after?.id ?? null],
    );
  }

  inspectionLines(filter: GoodsExportFilter, after: { at: string; id: string; item: string } | null): Promise<InspectionRow[]> {
    return this.dataSource.query(
      `SELECT i.id, i.inspected_at::text AS cursor_at, i.inspected_at AS created_at, c.code AS campaign_code, il.item_code, it.name AS item_name, it.unit,
                il.accepted_quantity::text AS accepted, il.rejected_quantity::text AS rejected, d.donor_name, d.id AS pledge_id, il.reason
           FROM in_kind_inspection_lines il
           JOIN in_kind_inspections i ON i.id = il.inspection_id
           JOIN in_kind_donations d ON d.id = i.in_kind_donation_id
           JOIN campaigns c ON c.id = d.campaign_id
           JOIN in_kind_items it ON it.code = il.item_code
          WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid)
            AND ($2::timestamptz IS NULL OR (i.inspected_at, i.id, il.item_code) > ($2::timestamptz, $3::uuid, $4::text))
          ORDER BY i.inspected_at, i.id, il.item_code
          LIMIT ${BATCH}`,
      [filter.campaignId ?? null, after?.at ?? null, after?.id ?? null, after?.item ?? null],
    );
  }

  movements(filter: GoodsExportFilter, afterId: string): Promise<MovementRow[]> {
    return this.dataSource.query(
      `SELECT m.id::text AS id, m.kind, m.created_at, c.code AS campaign_code, m.item_code, it.name AS item_name, it.unit, m.quantity::text AS quantity,
                m.inspection_id, m.distribution_id, dist.recipient, d.donor_name, d.id AS pledge_id, coalesce(m.reason, dist.note) AS note
           FROM in_kind_stock_movements m
           JOIN campaigns c ON c.id = m.campaign_id
           JOIN in_kind_items it ON it.code = m.item_code
           LEFT JOIN distributions dist ON dist.id = m.distribution_id
           LEFT JOIN in_kind_inspections i ON i.id = m.inspection_id
           LEFT JOIN in_kind_donations d ON d.id = i.in_kind_donation_id
          WHERE ($1::uuid IS NULL OR m.campaign_id = $1::uuid) AND m.id > $2::bigint
          ORDER BY m.id
          LIMIT ${BATCH}`,
      [filter.campaignId ?? null, afterId],
    );
  }
}
