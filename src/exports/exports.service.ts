import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { DONATION_COLUMNS, DonationExportSource } from './donation-export.source';
import { csvFile, ExportFormat, xlsxFile } from './export-file.writer';
import { RECEIPT_COLUMNS, ReceiptExportSource } from './receipt-export.source';

export type ExportKind = 'donations' | 'receipts';

export interface ExportRequest {
  kind: ExportKind;
  format: ExportFormat;
  campaignCode?: string;
  status?: string;
}

const SHEET_NAMES: Record<ExportKind, string> = { donations: '捐赠记录', receipts: '捐赠票据' };

/**
 * Ledger exports for finance and auditors: who exported what is audited before the first byte is
 * sent; the file is streamed from the database in batches, with personal data masked.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
    private readonly donations: DonationExportSource,
    private readonly receipts: ReceiptExportSource,
    private readonly audit: AuditLogService,
  ) {}

  async open(request: ExportRequest, actor: StaffPrincipal): Promise<{ filename: string; body: Readable }> {
    const campaign = request.campaignCode ? await this.campaigns.findByCode(request.campaignCode) : null;
    const file = `${request.kind}.${request.format}`;
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: `export.${request.kind}`,
        entity: 'export',
        entityId: campaign?.code ?? 'all',
        after: { file, campaignCode: campaign?.code ?? null, status: request.status ?? null },
      }),
    );
    const filter = { campaignId: campaign?.id, status: request.status };
    const body =
      request.kind === 'donations'
        ? this.write(request.format, request.kind, DONATION_COLUMNS, this.donations.batches(filter))
        : this.write(request.format, request.kind, RECEIPT_COLUMNS, this.receipts.batches(filter));
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    return { filename: `${request.kind}-${campaign?.code ?? 'all'}-${day}.${request.format}`, body };
  }

  private write<Row>(format: ExportFormat, kind: ExportKind, columns: Parameters<typeof csvFile<Row>>[0], batches: AsyncIterable<Row[]>): Readable {
    return format === 'csv' ? csvFile(columns, batches) : xlsxFile(SHEET_NAMES[kind], columns, batches);
  }
}
