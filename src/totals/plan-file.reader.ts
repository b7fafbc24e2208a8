import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '../common/errors';
import type { SpreadsheetLimits } from '../common/spreadsheet/spreadsheet-limits';
import { SpreadsheetReader } from '../common/spreadsheet/spreadsheet-reader';
import { MAX_PLAN_LINES } from './disbursement-plan-csv';

/** Largest plan file accepted: 5,000 lines of CSV are a few hundred KB, an XLSX of them less. */
export const PLAN_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** A plan is at most MAX_PLAN_LINES lines (and its header) of a few columns. */
export const PLAN_FILE_LIMITS: Readonly<SpreadsheetLimits> = {
  maxInflatedBytes: 20 * 1024 * 1024,
  maxEntries: 200,
  maxRows: MAX_PLAN_LINES + 1,
  maxCells: (MAX_PLAN_LINES + 1) * 20,
  maxParseMs: 30_000,
};
const WORKER_HEAP_MB = 256;

/**
 * Plan files (CSV or XLSX) read by the shared spreadsheet reader: checked before parsing and parsed
 * in a worker thread; beyond the limits 413 PLAN_FILE_TOO_LARGE, unreadable 422 INVALID_PLAN.
 */
@Injectable()
export class PlanFileReader implements OnModuleDestroy {
  private readonly reader = new SpreadsheetReader(WORKER_HEAP_MB);

  async read(bytes: Buffer): Promise<string[][]> {
    if (bytes.length > PLAN_FILE_MAX_BYTES) throw new DomainError('PLAN_FILE_TOO_LARGE', `计划文件不能超过 ${PLAN_FILE_MAX_BYTES / 1024 / 1024} MB`);
    const result = await this.reader.run('read', bytes, PLAN_FILE_LIMITS);
    if (result.ok) return result.records;
    if (result.refusal === 'too_large') throw new DomainError('PLAN_FILE_TOO_LARGE', `计划文件过大，无法导入：${result.reason}`);
    throw new DomainError('INVALID_PLAN', `无法读取计划文件（须为 CSV 或 XLSX）：${result.reason}`);
  }

  onModuleDestroy(): void {
    this.reader.close();
  }
}
