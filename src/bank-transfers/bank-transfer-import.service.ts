import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsService } from '../campaigns/campaigns.service';
import { DomainError } from '../common/errors';
import { ReceiptArrivalsService } from '../receipts/receipt-arrivals.service';
import { AuditLogService } from '../staff/audit/audit-log.service';
import type { StaffPrincipal } from '../staff/auth/staff-principal';
import { BankTransferOrdersRepository } from './bank-transfer-orders.repository';
import { BankTransfersService } from './bank-transfers.service';
import type { ImportResultView } from './dto/bank-transfer.view';
import { ParsedStatement, parseStatementRows, StatementLine, StatementRefused } from './statement';
import type { StatementColumns } from './statement-layouts';
import { StatementMappingsService } from './statement-mappings.service';
import { StatementReader } from './statement-reader';
import type { StatementUpload } from './statement-upload';

/** How to read a statement's columns: a saved mapping's (snapshotted when the import was asked for), or by the known layouts. */
export interface StatementReading {
  columns?: StatementColumns | null;
  mapping?: { id: string; name: string } | null;
}

const PARALLEL = 8;

/**
 * Imports a bank statement: each good line becomes a paid bank-transfer donation, lines already
 * recorded (by bank reference, in the ledger or earlier in the same file) are counted as
 * duplicates, bad lines are reported with their line number and never stop the others.
 * Importing the same statement again adds nothing.
 */
@Injectable()
export class BankTransferImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: BankTransferOrdersRepository,
    private readonly campaigns: CampaignsService,
    private readonly transfers: BankTransfersService,
    private readonly audit: AuditLogService,
    private readonly reader: StatementReader,
    private readonly mappings: StatementMappingsService,
    private readonly arrivals: ReceiptArrivalsService,
  ) {}

  /** An uploaded statement, read with the saved mapping it names (404 STATEMENT_MAPPING_NOT_FOUND) or by the known layouts. */
  async importUpload(upload: StatementUpload, actor: StaffPrincipal): Promise<ImportResultView> {
    return this.import(upload.campaignCode, upload.file, actor, undefined, await this.readingFor(upload.mappingId));
  }

  /** The mapping's columns as they are now: an import asked for keeps them, whatever later edits do. */
  async readingFor(mappingId: string | null): Promise<StatementReading> {
    if (!mappingId) return {};
    const mapping = await this.mappings.find(mappingId);
    return { columns: mapping.columns, mapping: { id: mapping.id, name: mapping.name } };
  }

  /**
   * `onProgress(done, total)` counts statement lines (header excluded): bad lines and duplicates are
   * done as soon as the file is read, the others as each is recorded; the last call is (total, total).
   */
  async import(
    campaignCode: string,
    file: { bytes: Buffer; filename?: string },
    actor: StaffPrincipal,
    onProgress?: (done: number, total: number) => void,
    reading: StatementReading = {},
  ): Promise<ImportResultView> {
    const campaign = await this.campaigns.findByCode(campaignCode);
    const parsed = await this.parse(file, reading.columns ?? undefined);
    const total = parsed.lines.length + parsed.errors.length;
    const skipped = parsed.skipped.debits + parsed.skipped.summaries;
    const errors = [...parsed.errors];
    const known = new Set<string>(
      await this.orders.settledReferences(
        campaign.id,
        parsed.lines.map((l) => l.bankReference),
      ),
    );
    let duplicates = 0;
    const todo: StatementLine[] = [];
    const inFile = new Set<string>();
    for (const line of parsed.lines) {
      if (known.has(line.bankReference) || inFile.has(line.bankReference)) duplicates += 1;
      else todo.push(line);
      inFile.add(line.bankReference);
    }

    let imported = 0;
    let done = total - todo.length;
    onProgress?.(done, total);
    const queue = [...todo];
    const worker = async () => {
      for (let line = queue.shift(); line; line = queue.shift()) {
        try {
          await this.transfers.recordFor(campaign, line, actor, { proposeToWaiting: false });
          imported += 1;
        } catch (error) {
          if (error instanceof DomainError && error.code === 'DUPLICATE_BANK_REFERENCE') duplicates += 1;
          else if (error instanceof DomainError) errors.push({ line: line.line, code: error.code, message: `第 ${line.line} 行：${error.message}` });
          else throw error;
        }
        done += 1;
        onProgress?.(done, total);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
    errors.sort((a, b) => a.line - b.line);
    // Receipt requests made before these transfers arrived now see them as their match; every line of
    // the file is asked for, those recorded by an earlier run that stopped midway included.
    await this.arrivals.transfersArrived(campaign.id, [...inFile], actor);

    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: 'bank_transfer.import',
        entity: 'campaign',
        entityId: campaign.code,
        after: {
          filename: file.filename ?? null,
          layout: parsed.layout.code,
          mapping: reading.mapping ?? null,
          lines: parsed.lines.length + parsed.errors.length,
          imported,
          duplicates,
          skipped,
          errors: errors.length,
        },
      }),
    );
    return { imported, duplicates, skipped, layout: parsed.layout, errors };
  }

  /**
   * The file is checked and parsed in the statement worker (STATEMENT_TOO_LARGE, INVALID_STATEMENT), its
   * lines judged here; a file without the columns a donation needs is 422 STATEMENT_COLUMNS_MISSING.
   */
  private async parse(file: { bytes: Buffer; filename?: string }, columns?: StatementColumns): Promise<ParsedStatement> {
    const { records, lines } = await this.reader.read(file.bytes);
    try {
      return parseStatementRows(records, lines, columns);
    } catch (error) {
      if (error instanceof StatementRefused) throw new DomainError(error.code, `无法导入银行流水文件：${error.message}`, error.details);
      throw error;
    }
  }
}
