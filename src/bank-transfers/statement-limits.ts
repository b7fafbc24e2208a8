/**
 * What a bank statement may be, checked before it is parsed: a real statement of 50,000 lines is a
 * few MB of XML; a decompression bomb (1.5 MB of XLSX inflating to 324 MB of XML) is refused long
 * before exceljs sees it. Beyond any of these: 413 STATEMENT_TOO_LARGE.
 */
export interface StatementLimits {
  maxInflatedBytes: number;
  maxEntries: number;
  maxRows: number;
  maxCells: number;
  workerHeapMb: number;
  maxParseMs: number;
}

export const STATEMENT_LIMITS: Readonly<StatementLimits> = {
  /** Bytes of all ZIP entries once inflated, as declared by the ZIP and as counted while inflating. */
  maxInflatedBytes: 50 * 1024 * 1024,
  /** Files inside the XLSX container. */
  maxEntries: 500,
  /** Lines, the header included. */
  maxRows: 50_001,
  /** Cells over every worksheet (an XLSX) or fields (a CSV). */
  maxCells: 1_000_000,
  /** Heap of the worker thread that parses (exceljs needs about five times the XML). */
  workerHeapMb: 512,
  /** Longest a parse may run before its worker is stopped. */
  maxParseMs: 60_000,
};

/** What the statement worker answers: the rows as text, or why the file was refused. */
export type StatementReadResult = { ok: true; records: string[][] } | { ok: false; refusal: 'too_large' | 'unreadable'; reason: string };

export interface StatementReadTask {
  id: number;
  /** `inspect`: only the checks that come before parsing; `read`: the checks, then the rows. */
  mode: 'inspect' | 'read';
  bytes: Uint8Array;
}

/** A ZIP container (XLSX) starts with a local file header. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
