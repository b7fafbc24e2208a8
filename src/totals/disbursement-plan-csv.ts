import { parse } from 'csv-parse/sync';
import { parseYuanToFen } from '../common/money';
import { cleanText } from '../common/text';

export interface PlanLine {
  lineNo: number;
  recipient: string;
  amountFen: number;
  purpose: string;
}

export interface PlanLineError {
  line: number;
  code: string;
  message: string;
}

/** Column names accepted, English or Chinese. */
const COLUMNS: Record<string, 'recipient' | 'amountYuan' | 'purpose'> = {
  recipient: 'recipient',
  受助单位: 'recipient',
  收款单位: 'recipient',
  amountyuan: 'amountYuan',
  '金额（元）': 'amountYuan',
  '金额(元)': 'amountYuan',
  金额: 'amountYuan',
  purpose: 'purpose',
  用途: 'purpose',
};
export const MAX_PLAN_LINES = 5000;

/**
 * A disbursement plan as staff write it (CSV, UTF-8, BOM allowed): one line per recipient unit with
 * its amount in yuan and the purpose. Every bad line is reported with its number; amounts are
 * parsed as strings to integer fen (never floats).
 */
export function parsePlanCsv(text: string): { lines: PlanLine[]; errors: PlanLineError[] } {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { lines: [], errors: [{ line: 0, code: 'INVALID_PLAN', message: `无法读取 CSV：${(error as Error).message}` }] };
  }
  return parsePlanRows(rows);
}

/**
 * The plan's lines from rows of text: a CSV's, or an XLSX's first worksheet's (read by the shared
 * spreadsheet reader off the event loop), under the same headers.
 */
export function parsePlanRows(records: string[][]): { lines: PlanLine[]; errors: PlanLineError[] } {
  // Rows left empty in a worksheet (every cell blank) are skipped, as empty CSV lines are.
  const rows = records.filter((r, i) => i === 0 || r.some((cell) => (cell ?? '').trim() !== ''));
  const [header, ...body] = rows;
  const index: Partial<Record<'recipient' | 'amountYuan' | 'purpose', number>> = {};
  (header ?? []).forEach((name, i) => {
    const key = COLUMNS[name.trim().toLowerCase()] ?? COLUMNS[name.trim()];
    if (key && index[key] === undefined) index[key] = i;
  });
  if (index.recipient === undefined || index.amountYuan === undefined || index.purpose === undefined) {
    return { lines: [], errors: [{ line: 1, code: 'INVALID_PLAN', message: '表头须包含 受助单位（recipient）、金额（元）（amountYuan）、用途（purpose）' }] };
  }
  if (body.length > MAX_PLAN_LINES) return { lines: [], errors: [{ line: 0, code: 'INVALID_PLAN', message: `一个计划最多 ${MAX_PLAN_LINES} 行` }] };
  const lines: PlanLine[] = [];
  const errors: PlanLineError[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const recipient = cleanText(row[index.recipient!]);
    const purpose = cleanText(row[index.purpose!]);
    if (!recipient || recipient.length > 200) return errors.push({ line, code: 'INVALID_RECIPIENT', message: `第 ${line} 行：受助单位须为 1-200 字` });
    if (!purpose || purpose.length > 500) return errors.push({ line, code: 'INVALID_PURPOSE', message: `第 ${line} 行：用途须为 1-500 字` });
    let amountFen: number;
    try {
      amountFen = parseYuanToFen((row[index.amountYuan!] ?? '').trim());
    } catch {
      return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：金额须为元，最多两位小数` });
    }
    if (amountFen < 1) return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：金额须大于 0` });
    lines.push({ lineNo: lines.length + 1, recipient, amountFen, purpose });
  });
  return { lines, errors };
}
