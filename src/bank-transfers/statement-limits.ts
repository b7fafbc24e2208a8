import type { SpreadsheetLimits } from '../common/spreadsheet/spreadsheet-limits';

/** A bank statement: beyond any of these, 413 STATEMENT_TOO_LARGE (see common/spreadsheet). */
export const STATEMENT_LIMITS: Readonly<SpreadsheetLimits> = {
  maxInflatedBytes: 50 * 1024 * 1024,
  maxEntries: 500,
  maxRows: 50_001,
  maxCells: 1_000_000,
  maxParseMs: 60_000,
};

/** Heap of the worker thread that parses statements (exceljs needs about five times the XML). */
export const STATEMENT_WORKER_HEAP_MB = 512;
