import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { maskName } from '../common/masking';
import { formatYuan } from '../common/money';
import { beijingTime, ExportColumn } from './spreadsheet-cells';

export interface GoodsExportFilter {
  campaignId?: string;
}

export type GoodsRecordType = '认捐' | '验收' | '入库' | '出库' | '调整';

/** One line of the goods ledger: a pledged line, an inspected line, or a stock movement (received, distributed, adjusted). */
export interface GoodsExportRow {
  type: GoodsRecordType;
  at: Date;
  campaignCode: string;
  itemCode: string;
  itemName: string;
  unit: string;
  /** Pledged or accepted quantity; for stock movements signed (distributions are negative). */
  quantity: number;
  rejectedQuantity: number | null;
  valuationFen: number | null;
  counterparty: string | null;
  pledgeId: string | null;
  inspectionId: string | null;
  distributionId: string | null;
  movementId: string | null;
  status: string | null;
  note: string | null;
}

const MOVEMENT_TYPES: Record<string, GoodsRecordType> = { received: '入库', distributed: '出库', adjusted: '调整' };

export const GOODS_COLUMNS: ExportColumn<GoodsExportRow>[] = [
  { header: '类型', kind: 'text', width: 8, value: (r) => r.type },
  { header: '时间', kind: 'text', width: 26, value: (r) => beijingTime(r.at) },
  { header: '活动', kind: 'text', width: 16, value: (r) => r.campaignCode },
  { header: '物资编码', kind: 'text', width: 22, value: (r) => r.itemCode },
  { header: '物资名称', kind: 'text', width: 18, value: (r) => r.itemName },
  { header: '单位', kind: 'text', width: 6, value: (r) => r.unit },
  { header: '数量', kind: 'integer', width: 12, value: (r) => r.quantity },
  { header: '拒收数量', kind: 'integer', width: 10, value: (r) => r.rejectedQuantity },
  { header: '估值（元）', kind: 'text', width: 14, value: (r) => (r.valuationFen === null ? null : formatYuan(r.valuationFen)) },
  { header: '估值（分）', kind: 'integer', width: 14, value: (r) => r.valuationFen },
  { header: '捐赠方（脱敏）/接收方', kind: 'text', width: 24, value: (r) => r.counterparty },
  { header: '认捐单号', kind: 'text', width: 38, value: (r) => r.pledgeId },
  { header: '验收单号', kind: 'text', width: 38, value: (r) => r.inspectionId },
  { header: '分发单号', kind: 'text', width: 38, value: (r) => r.distributionId },
  { header: '库存流水号', kind: 'text', width: 12, value: (r) => r.movementId },
  { header: '认捐状态', kind: 'text', width: 10, value: (r) => r.status },
  { header: '规格/说明', kind: 'text', width: 30, value: (r) => r.note },
];

const BATCH = 1000;

/** What every part of the goods ledger selects, beside its own columns (cursor_at: PostgreSQL text, keeps microseconds). */
interface LedgerRowBase {
  id: string;
  created_at: Date;
  campaign_code: string;
  item_code: string;
  item_name: string;
  unit: string;
  donor_name: string | null;
  pledge_id: string | null;
}
interface PledgeRow extends LedgerRowBase {
  cursor_at: string;
  quantity: string;
  valuation_fen: string | null;
  status: string;
  spec: string | null;
}
interface InspectionRow extends LedgerRowBase {
  cursor_at: string;
  accepted: string;
  rejected: string;
  reason: string | null;
}
interface MovementRow extends LedgerRowBase {
  kind: string;
  quantity: string;
  inspection_id: string | null;
  distribution_id: string | null;
  recipient: string | null;
  note: string | null;
}

/**
 * The goods ledger of a campaign (or all) for export, read only from the in-kind tables: pledged
 * lines, then inspected lines, then every stock movement, each part oldest first in keyset batches.
 * Donor names leave masked; recipients of distributions are the foundation's own records, kept as written.
 */
@Injectable()
export class GoodsExportSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(filter: GoodsExportFilter): Promise<number> {
    const [row]: Array<{ n: string }> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM in_kind_donation_lines l JOIN in_kind_donations d ON d.id = l.in_kind_donation_id WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid))
            + (SELECT count(*) FROM in_kind_inspection_lines il JOIN in_kind_inspections i ON i.id = il.inspection_id JOIN in_kind_donations d ON d.id = i.in_kind_donation_id WHERE ($1::uuid IS NULL OR d.campaign_id = $1::uuid))
            + (SELECT count(*) FROM in_kind_stock_movements m WHERE ($1::uuid IS NULL OR m.campaign_id = $1::uuid)) AS n`,
      [filter.campaignId ?? null],
    );
    return Number(row.n);
  }

  async *batches(filter: GoodsExportFilter): AsyncGenerator<GoodsExportRow[]> {
    yield* this.pledges(filter);
    yield* this.inspections(filter);
    yield* this.movements(filter);
  }

  private async *pledges(filter: GoodsExportFilter): AsyncGenerator<GoodsExportRow[]> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows: PledgeRow[] = await this.dataSource.query(
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
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank('认捐', r),
        quantity: Number(r.quantity),
        valuationFen: r.valuation_fen === null ? null : Number(r.valuation_fen),
        counterparty: maskName(r.donor_name),
        pledgeId: r.pledge_id,
        status: r.status,
        note: r.spec,
      }));
      if (rows.length < BATCH) return;
      after = { at: rows[rows.length - 1].cursor_at, id: rows[rows.length - 1].id };
    }
  }

  private async *inspections(filter: GoodsExportFilter): AsyncGenerator<GoodsExportRow[]> {
    let after: { at: string; id: string; item: string } | null = null;
    for (;;) {
      const rows: InspectionRow[] = await this.dataSource.query(
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
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank('验收', r),
        quantity: Number(r.accepted),
        rejectedQuantity: Number(r.rejected),
        counterparty: maskName(r.donor_name),
        pledgeId: r.pledge_id,
        inspectionId: r.id,
        note: r.reason,
      }));
      if (rows.length < BATCH) return;
      const last = rows[rows.length - 1];
      after = { at: last.cursor_at, id: last.id, item: last.item_code };
    }
  }

  private async *movements(filter: GoodsExportFilter): AsyncGenerator<GoodsExportRow[]> {
    let afterId = '0';
    for (;;) {
      const rows: MovementRow[] = await this.dataSource.query(
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
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank(MOVEMENT_TYPES[r.kind] ?? '调整', r),
        quantity: Number(r.quantity),
        counterparty: r.recipient ?? (r.donor_name ? maskName(r.donor_name) : null),
        pledgeId: r.pledge_id,
        inspectionId: r.inspection_id,
        distributionId: r.distribution_id,
        movementId: r.id,
        note: r.note,
      }));
      if (rows.length < BATCH) return;
      afterId = rows[rows.length - 1].id;
    }
  }
}

function blank(type: GoodsRecordType, r: { created_at: Date; campaign_code: string; item_code: string; item_name: string; unit: string }): GoodsExportRow {
  return {
    type,
    at: r.created_at,
    campaignCode: r.campaign_code,
    itemCode: r.item_code,
    itemName: r.item_name,
    unit: r.unit,
    quantity: 0,
    rejectedQuantity: null,
    valuationFen: null,
    counterparty: null,
    pledgeId: null,
    inspectionId: null,
    distributionId: null,
    movementId: null,
    status: null,
    note: null,
  };
}
