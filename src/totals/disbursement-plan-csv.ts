import { parse } from 'csv-parse/sync';
import { parseYuanToFen } from '../common/money';
import { cleanText } from '../common/text';

export interface PlanLine {
  lineNo: number;
  recipient: string;
  amountFen: number;
  purpose: string;
  /** The plan's tier the line was given by (朝阳区: 5万/8万/10万 by community size), or null for an amount of its own. */
  tier: string | null;
}

export interface PlanLineError {
  line: number;
  code: string;
  message: string;
}

/** A plan's tiers: name → amount in fen each line of that tier gets. */
export type PlanTiers = ReadonlyMap<string, number>;

type Column = 'recipient' | 'amountYuan' | 'tier' | 'purpose';

/** Column names accepted, English or Chinese. */
const COLUMNS: Record<string, Column> = {
  recipient: 'recipient',
  受助单位: 'recipient',
  收款单位: 'recipient',
  amountyuan: 'amountYuan',
  '金额（元）': 'amountYuan',
  '金额(元)': 'amountYuan',
  金额: 'amountYuan',
  tier: 'tier',
  档次: 'tier',
  标准档次: 'tier',
  purpose: 'purpose',
  用途: 'purpose',
};
export const MAX_PLAN_LINES = 5000;
export const MAX_PLAN_TIERS = 50;

/**
 * A disbursement plan as staff write it (CSV, UTF-8, BOM allowed): one line per recipient unit with
 * its amount in yuan or its tier, and the purpose. Every bad line is reported with its number;
 * amounts are parsed as strings to integer fen (never floats).
 */
export function parsePlanCsv(text: string, tiers: PlanTiers = new Map()): { lines: PlanLine[]; errors: PlanLineError[] } {
  let rows: string[][];
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { lines: [], errors: [{ line: 0, code: 'INVALID_PLAN', message: `无法读取 CSV：${(error as Error).message}` }] };
  }
  return parsePlanRows(rows, tiers);
}

/**
 * The plan's lines from rows of text: a CSV's, or an XLSX's first worksheet's (read by the shared
 * spreadsheet reader off the event loop), under the same headers. A line names its amount
 * (金额（元）), or its tier (档次, one of the plan's tiers: it gets the tier's amount), or both (they
 * must agree).
 */
export function parsePlanRows(records: string[][], tiers: PlanTiers = new Map()): { lines: PlanLine[]; errors: PlanLineError[] } {
  // Rows left empty in a worksheet (every cell blank) are skipped, as empty CSV lines are.
  const rows = records.filter((r, i) => i === 0 || r.some((cell) => (cell ?? '').trim() !== ''));
  const [header, ...body] = rows;
  const index: Partial<Record<Column, number>> = {};
  (header ?? []).forEach((name, i) => {
    const key = COLUMNS[name.trim().toLowerCase()] ?? COLUMNS[name.trim()];
    if (key && index[key] === undefined) index[key] = i;
  });
  if (index.recipient === undefined || index.purpose === undefined || (index.amountYuan === undefined && index.tier === undefined)) {
    return {
      lines: [],
      errors: [{ line: 1, code: 'INVALID_PLAN', message: '表头须包含 受助单位（recipient）、金额（元）（amountYuan）或 档次（tier）、用途（purpose）' }],
    };
  }
  if (index.tier !== undefined && tiers.size === 0) {
    return { lines: [], errors: [{ line: 1, code: 'INVALID_PLAN', message: '计划文件有“档次”列，请同时给出各档次的金额（tiers）' }] };
  }
  if (body.length > MAX_PLAN_LINES) return { lines: [], errors: [{ line: 0, code: 'INVALID_PLAN', message: `一个计划最多 ${MAX_PLAN_LINES} 行` }] };
  const lines: PlanLine[] = [];
  const errors: PlanLineError[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const cell = (column: Column) => (index[column] === undefined ? '' : (row[index[column]] ?? '').trim());
    const recipient = cleanText(cell('recipient'));
    const purpose = cleanText(cell('purpose'));
    if (!recipient || recipient.length > 200) return errors.push({ line, code: 'INVALID_RECIPIENT', message: `第 ${line} 行：受助单位须为 1-200 字` });
    if (!purpose || purpose.length > 500) return errors.push({ line, code: 'INVALID_PURPOSE', message: `第 ${line} 行：用途须为 1-500 字` });
    const tier = cleanText(cell('tier'));
    const tierFen = tier === null ? undefined : tiers.get(tier);
    if (tier !== null && tierFen === undefined) {
      return errors.push({
        line,
        code: 'INVALID_TIER',
        message: `第 ${line} 行：档次“${tier.slice(0, 20)}”不在计划的档次中（${[...tiers.keys()].join('、')}）`,
      });
    }
    let amountFen: number | undefined = tierFen;
    if (cell('amountYuan') !== '') {
      try {
        amountFen = parseYuanToFen(cell('amountYuan'));
      } catch {
        return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：金额须为元，最多两位小数` });
      }
      if (tierFen !== undefined && amountFen !== tierFen) {
        return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：金额与档次“${tier}”的金额不符` });
      }
    }
    if (amountFen === undefined) return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：请填写金额或档次` });
    if (amountFen < 1) return errors.push({ line, code: 'INVALID_AMOUNT', message: `第 ${line} 行：金额须大于 0` });
    lines.push({ lineNo: lines.length + 1, recipient, amountFen, purpose, tier });
  });
  return { lines, errors };
}
