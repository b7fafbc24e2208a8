import { parse } from 'csv-parse/sync';
import { CellValue, Workbook } from 'exceljs';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import { isZip, SpreadsheetLimits, SpreadsheetReadResult } from './spreadsheet-limits';

/**
 * The rows of an uploaded CSV or XLSX (its first worksheet) as text, after the checks that keep a
 * hostile file from taking the process: run inside the reading worker thread
 * (spreadsheet-reader.worker.ts), never on the main event loop. Nothing here knows what a line
 * means (the importing feature does: a bank statement, a disbursement plan).
 */
export class SpreadsheetTooLarge extends Error {}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

export async function readSpreadsheetContents(bytes: Buffer, limits: SpreadsheetLimits, mode: 'inspect' | 'read'): Promise<SpreadsheetReadResult> {
  try {
    if (isZip(bytes)) {
      await inspectXlsx(bytes, limits);
      return mode === 'read' ? { ok: true, ...(await xlsxRecords(bytes, limits)) } : { ok: true, records: [], lines: [] };
    }
    inspectCsv(bytes, limits);
    return mode === 'read' ? { ok: true, ...csvRecords(bytes, limits) } : { ok: true, records: [], lines: [] };
  } catch (error) {
    if (error instanceof SpreadsheetTooLarge) return { ok: false, refusal: 'too_large', reason: error.message };
    return { ok: false, refusal: 'unreadable', reason: (error as Error).message };
  }
}

/**
 * Before anything is parsed: the ZIP's central directory (entry count, declared inflated sizes),
 * then every entry inflated and counted as it streams, since sizes in a ZIP are only claims, and the
 * worksheets' `<row>` and `<c>` tags counted on the way. Nothing inflated is kept.
 */
export async function inspectXlsx(bytes: Buffer, limits: SpreadsheetLimits): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: false, decodeStrings: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  try {
    if (zip.entryCount > limits.maxEntries) throw new SpreadsheetTooLarge(`XLSX 内含 ${zip.entryCount} 个文件（最多 ${limits.maxEntries} 个）`);
    const entries = await listEntries(zip);
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > limits.maxInflatedBytes) throw new SpreadsheetTooLarge(`XLSX 解压后为 ${mb(declared)}（最多 ${mb(limits.maxInflatedBytes)}）`);
    let inflated = 0;
    const tags = { rows: 0, cells: 0 };
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, s) => (error ? reject(error) : resolve(s))));
      const counter = WORKSHEET.test(entry.fileName) ? new TagCounter(tags) : null;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxInflatedBytes) {
          stream.destroy();
          throw new SpreadsheetTooLarge(`XLSX 解压后超过 ${mb(limits.maxInflatedBytes)}（其 ZIP 头声称只有 ${mb(declared)}）`);
        }
        counter?.scan(chunk);
        if (tags.rows > limits.maxRows) {
          stream.destroy();
          throw new SpreadsheetTooLarge(`工作表超过 ${limits.maxRows - 1} 行`);
        }
        if (tags.cells > limits.maxCells) {
          stream.destroy();
          throw new SpreadsheetTooLarge(`工作表超过 ${limits.maxCells} 个单元格`);
        }
      }
    }
  } finally {
    zip.close();
  }
}

function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

/** Counts `<row …>` and `<c …>` start tags in worksheet XML arriving in chunks (a tag may straddle two). */
class TagCounter {
  private carry = '';
  constructor(private readonly tags: { rows: number; cells: number }) {}

  scan(chunk: Buffer): void {
    const text = this.carry + chunk.toString('latin1');
    const pattern = /<(row|c)[\s/>]/g;
    // A tag cut at the end of the chunk is counted with the next one.
    const end = text.length - 4;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m.index >= end) break;
      if (m[1] === 'row') this.tags.rows += 1;
      else this.tags.cells += 1;
    }
    this.carry = text.slice(Math.max(0, end));
  }
}

function inspectCsv(bytes: Buffer, limits: SpreadsheetLimits): void {
  let lines = 1;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) {
    lines += 1;
    if (lines > limits.maxRows + 1) throw new SpreadsheetTooLarge(`CSV 超过 ${limits.maxRows - 1} 行`);
  }
}

interface Rows {
  records: string[][];
  lines: number[];
}

function csvRecords(bytes: Buffer, limits: SpreadsheetLimits): Rows {
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(csvText(bytes), { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof parsed;
  } catch (error) {
    throw new Error(`not a readable CSV: ${(error as Error).message}`, { cause: error });
  }
  const records = parsed.map((p) => p.record);
  checkParsed(records, limits);
  return { records, lines: parsed.map((p) => p.info.lines) };
}

/** UTF-8 (with or without BOM), else GB 18030: Chinese banks' CSV exports and Excel on Chinese Windows save GBK. */
function csvText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function xlsxRecords(bytes: Buffer, limits: SpreadsheetLimits): Promise<Rows> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new Error(`not a readable XLSX file: ${(error as Error).message}`, { cause: error });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no worksheet');
  const records: string[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 5); c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
    lines.push(row.number);
  });
  checkParsed(records, limits);
  return { records, lines };
}

/** The same limits on what parsing produced (a worksheet written with prefixed tags escapes the byte count). */
function checkParsed(records: string[][], limits: SpreadsheetLimits): void {
  if (records.length > limits.maxRows) throw new SpreadsheetTooLarge(`表格超过 ${limits.maxRows - 1} 行`);
  const cells = records.reduce((sum, r) => sum + r.length, 0);
  if (cells > limits.maxCells) throw new SpreadsheetTooLarge(`表格超过 ${limits.maxCells} 个单元格`);
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  // A date cell has no zone: exceljs reads its wall-clock time as UTC, so it is given back as that wall-clock time.
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result);
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : '';
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
