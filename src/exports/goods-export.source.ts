import { Injectable } from '@nestjs/common';
import { maskName } from '../common/masking';
import { formatYuan } from '../common/money';
import { GOODS_RECORD_LABELS, labelOf, PLEDGE_STATUS_LABELS } from './export-labels';
import { beijingTime, ExportColumn } from './spreadsheet-cells';
import { BATCH, GoodsExportRepository, PledgeRow, InspectionRow, MovementRow } from './goods-export.repository';

export interface GoodsExportFilter {
  campaignId?: string;
}

/** The kind of a line, as a code (GOODS_RECORD_LABELS has its Chinese word). */
export type GoodsRecordType = 'pledged' | 'inspected' | 'received' | 'distributed' | 'adjusted';

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

const MOVEMENT_TYPES: Record<string, GoodsRecordType> = { received: 'received', distributed: 'distributed', adjusted: 'adjusted' };

export const GOODS_COLUMNS: ExportColumn<GoodsExportRow>[] = [
  { header: '类型', kind: 'text', width: 8, value: (r) => labelOf(GOODS_RECORD_LABELS, r.type) },
  { header: '类型代码', kind: 'text', width: 12, value: (r) => r.type },
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
  { header: '认捐状态', kind: 'text', width: 10, value: (r) => labelOf(PLEDGE_STATUS_LABELS, r.status) },
  { header: '认捐状态代码', kind: 'text', width: 12, value: (r) => r.status },
  { header: '规格/说明', kind: 'text', width: 30, value: (r) => r.note },
];

/**
 * The goods ledger of a campaign (or all) for export, read only from the in-kind tables: pledged
 * lines, then inspected lines, then every stock movement, each part oldest first in keyset batches.
 * Donor names leave masked; recipients of distributions are the foundation's own records, kept as written.
 */
@Injectable()
export class GoodsExportSource {
  constructor(private readonly repository: GoodsExportRepository) {}

  async count(filter: GoodsExportFilter): Promise<number> {
    const [row]: Array<{ n: string }> = await this.repository.count(filter);
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
      const rows: PledgeRow[] = await this.repository.pledgeLines(filter, after);
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank('pledged', r),
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
      const rows: InspectionRow[] = await this.repository.inspectionLines(filter, after);
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank('inspected', r),
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
      const rows: MovementRow[] = await this.repository.movements(filter, afterId);
      if (rows.length === 0) return;
      yield rows.map((r) => ({
        ...blank(MOVEMENT_TYPES[r.kind] ?? 'adjusted', r),
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
