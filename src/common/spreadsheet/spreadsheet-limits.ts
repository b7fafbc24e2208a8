/**
 * What an uploaded spreadsheet (CSV or XLSX) may be, checked before it is parsed: a real bank
 * statement of 50,000 lines is a few MB of XML; a decompression bomb (1.5 MB of XLSX inflating to
 * 324 MB of XML) is refused long before exceljs sees it. Each import names its own limits.
 */
export interface SpreadsheetLimits {
  /** Bytes of all ZIP entries once inflated, as declared by the ZIP and as counted while inflating. */
  maxInflatedBytes: number;
  /** Files inside the XLSX container. */
  maxEntries: number;
  /** Lines, the header included. */
  maxRows: number;
  /** Cells over every worksheet (an XLSX) or fields (a CSV). */
  maxCells: number;
  /** Longest a parse may run before its worker is stopped. */
  maxParseMs: number;
}

/** What the reading worker answers: the rows as text, or why the file was refused. */
export type SpreadsheetReadResult =
  /** `lines[i]`: where `records[i]` is in the file (1-based; empty lines are skipped, so a number may be missing). */
  { ok: true; records: string[][]; lines: number[] } | { ok: false; refusal: 'too_large' | 'unreadable'; reason: string };

export interface SpreadsheetReadTask {
  id: number;
  /** `inspect`: only the checks that come before parsing; `read`: the checks, then the rows. */
  mode: 'inspect' | 'read';
  limits: SpreadsheetLimits;
  bytes: Uint8Array;
}

/** A ZIP container (XLSX) starts with a local file header. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
