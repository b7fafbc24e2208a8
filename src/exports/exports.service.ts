import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DONATION_COLUMNS, DonationExportSource } from './donation-export.source';
import { csvFile, ExportFormat, xlsxFile } from './export-file.writer';
import { EXPORT_READERS, EXPORT_STATUSES, ExportKind } from './export-jobs';
import { GOODS_COLUMNS, GoodsExportSource } from './goods-export.source';
import { RECEIPT_COLUMNS, ReceiptExportSource } from './receipt-export.source';
import type { ExportColumn } from './spreadsheet-cells';

export type { ExportKind } from './export-jobs';

export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  campaignCode?: string;
  status?: string;
}

/** What to export, resolved: the campaign checked, the status valid for the kind. */
export interface ExportSelection {
  kind: ExportKind;
  format: ExportFormat;
  campaign: { id: string; code: string } | null;
  status: string | null;
}

// A record is a 捐赠票据 only with an official receipt attached (a column says which); an Excel sheet name may not hold '/'.
const SHEET_NAMES: Record<ExportKind, string> = { donations: '捐赠记录', receipts: '捐赠证明及票据', goods: '物资台账' };

/**
 * Ledger exports for finance, warehouse (goods) and auditors, downloaded at once or written by a
 * job: who exported what is audited; rows are read from the database in batches, personal data masked.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly donations: DonationExportSource,
    private readonly receipts: ReceiptExportSource,
    private readonly goods: GoodsExportSource,
    private readonly audit: AuditLogService,
  ) {}

  /** A direct download: audited before the first byte is sent, then streamed. */
  async open(request: ExportRequest, actor: StaffPrincipal): Promise<{ filename: string; body: Readable }> {
    const selection = await this.select(request, actor);
    const file = `${request.kind}.${request.format}`;
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: `export.${request.kind}`,
        entity: 'export',
        entityId: selection.campaign?.code ?? 'all',
        after: { file, campaignCode: selection.campaign?.code ?? null, status: selection.status },
      }),
    );
    return { filename: this.filename(selection), body: this.body(selection) };
  }

  /** Checks who may export the kind, the campaign and the status filter. */
  async select(request: ExportRequest, actor: StaffPrincipal): Promise<ExportSelection> {
    if (actor.role !== 'admin' && actor.role !== 'auditor' && !(EXPORT_READERS[request.kind] as string[]).includes(actor.role)) {
      throw new DomainError('FORBIDDEN', '当前角色无权导出此类记录');
    }
    if (request.status && !EXPORT_STATUSES[request.kind].includes(request.status)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `导出${SHEET_NAMES[request.kind]}时状态只能是：${EXPORT_STATUSES[request.kind].join('、') || '（不可按状态筛选）'}`,
      );
    }
    const campaign = request.campaignCode ? await this.campaigns.findByCode(request.campaignCode) : null;
    return { kind: request.kind, format: request.format, campaign: campaign ? { id: campaign.id, code: campaign.code } : null, status: request.status ?? null };
  }

  /** How many rows the export will have (for a job's progress; rows added meanwhile may add a few). */
  count(selection: ExportSelection): Promise<number> {
    const filter = { campaignId: selection.campaign?.id, status: selection.status ?? undefined };
    if (selection.kind === 'donations') return this.donations.count(filter);
    if (selection.kind === 'receipts') return this.receipts.count(filter);
    return this.goods.count(filter);
  }

  /** The file, written batch by batch as it is read; `onRows` hears the running count of rows written. */
  body(selection: ExportSelection, onRows?: (rows: number) => void): Readable {
    const filter = { campaignId: selection.campaign?.id, status: selection.status ?? undefined };
    if (selection.kind === 'donations') return this.write(selection, DONATION_COLUMNS, counted(this.donations.batches(filter), onRows));
    if (selection.kind === 'receipts') return this.write(selection, RECEIPT_COLUMNS, counted(this.receipts.batches(filter), onRows));
    return this.write(selection, GOODS_COLUMNS, counted(this.goods.batches(filter), onRows));
  }

  filename(selection: ExportSelection, at = new Date()): string {
    const day = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return `${selection.kind}-${selection.campaign?.code ?? 'all'}-${day}.${selection.format}`;
  }

  private write<Row>(selection: ExportSelection, columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>): Readable {
    return selection.format === 'csv' ? csvFile(columns, batches) : xlsxFile(SHEET_NAMES[selection.kind], columns, batches);
  }
}

async function* counted<Row>(batches: AsyncIterable<Row[]>, onRows?: (rows: number) => void): AsyncGenerator<Row[]> {
  let rows = 0;
  for await (const batch of batches) {
    rows += batch.length;
    onRows?.(rows);
    yield batch;
  }
}
