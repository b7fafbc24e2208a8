import { BANK_REFERENCE_PATTERN } from './bank-reference';
import {
  FIELD_LABELS,
  identifyLayout,
  LAYOUT_NAMES,
  normalizeHeader,
  recogniseColumns,
  StatementColumns,
  StatementField,
  StatementLayoutCode,
} from './statement-layouts';
import { isDebitMark, parseStatementAmount, parseStatementTime } from './statement-values';

export { parseStatementTime } from './statement-values';

export interface StatementLine {
  line: number; // the row in the file, 1-based
  bankReference: string;
  amountFen: number;
  payerName: string;
  receivedAt: Date;
  payerAccount: string | null;
  fundCode: string | null; // a designated fund of the campaign (optional column)
}

export interface StatementError {
  line: number;
  code: string;
  message: string;
}

export interface ParsedStatement {
  layout: { code: StatementLayoutCode; name: string };
  /** The header row, in the file's numbering. */
  headerLine: number;
  lines: StatementLine[];
  errors: StatementError[];
  /** Debit rows (支出: money going out) and summary rows (合计, 笔数) below the transactions: not donations, not errors. */
  skipped: { debits: number; summaries: number };
}

/** A statement that cannot be read as one at all; `code` is the error code the import answers with. */
export class StatementRefused extends Error {
  constructor(
    readonly code: 'INVALID_STATEMENT' | 'STATEMENT_COLUMNS_MISSING',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Banks print the account name, number and period above the header: it is looked for in the first rows. */
const HEADER_SEARCH_ROWS = 30;
const SUMMARY = /合计|总计|小计|汇总|累计|笔数|本页|共\s*\d+\s*笔|期初余额|期末余额|承前|过次页|打印|制表/;

/**
 * Statement lines from the rows of a CSV or of an XLSX's first worksheet (as text, read by
 * StatementReader off the event loop). The header row is the first of the first 30 rows that names
 * the columns a donation needs, by `columns` (a saved mapping) or by the names known from the banks'
 * exports; rows above it are the bank's preamble. Only credits are donations: debit rows and the
 * summary rows below are skipped. Good lines and per-line errors both come back, each error naming
 * its row and column in Chinese: one bad line never hides the others.
 */
export function parseStatementRows(records: string[][], lines?: number[], columns?: StatementColumns): ParsedStatement {
  const rowNo = (i: number) => lines?.[i] ?? i + 1;
  if (records.every((r) => r.every((c) => c.trim() === ''))) throw new StatementRefused('INVALID_STATEMENT', '文件是空的');
  const found = findHeader(records, columns);
  if (!found.ok) throw missingColumns(found, columns !== undefined, rowNo);
  const { index, header } = found;
  const headerIndex = found.row;
  const layout: StatementLayoutCode = columns ? 'mapping' : identifyLayout(records.slice(0, headerIndex), header);

  const result: ParsedStatement = {
    layout: { code: layout, name: LAYOUT_NAMES[layout] },
    headerLine: rowNo(headerIndex),
    lines: [],
    errors: [],
    skipped: { debits: 0, summaries: 0 },
  };
  records.slice(headerIndex + 1).forEach((record, k) => {
    const line = rowNo(headerIndex + 1 + k);
    const cell = (field: StatementField) => (index[field] !== undefined ? (record[index[field]] ?? '').trim() : '');
    const label = (field: StatementField) => `“${header[index[field]!]?.trim() || FIELD_LABELS[field]}”列`;
    const fail = (code: string, message: string) => result.errors.push({ line, code, message: `第 ${line} 行：${message}` });
    if (record.every((c) => c.trim() === '')) return;

    const receivedAt = parseStatementTime(cell('receivedAt'), cell('receivedTime'));
    if (!receivedAt && SUMMARY.test(record.join(' '))) {
      result.skipped.summaries += 1;
      return;
    }
    const credit = amountOf(cell('creditAmount'));
    const debit = amountOf(cell('debitAmount'));
    const signed = amountOf(cell('amount'));
    const amountField: StatementField = index.creditAmount !== undefined ? 'creditAmount' : 'amount';
    const amountCell = cell(amountField);
    // Nothing that looks like a transaction (a note under the table): not an error either.
    if (!receivedAt && !cell('bankReference') && amountCell === '' && cell('debitAmount') === '') {
      result.skipped.summaries += 1;
      return;
    }

    if (credit === 'bad' || signed === 'bad')
      return fail('INVALID_AMOUNT', `${label(amountField)}的“${amountCell.slice(0, 20)}”不是有效的金额（元，最多两位小数）`);
    if (debit === 'bad') return fail('INVALID_AMOUNT', `${label('debitAmount')}的“${cell('debitAmount').slice(0, 20)}”不是有效的金额（元，最多两位小数）`);
    const isDebit =
      (index.direction !== undefined && isDebitMark(cell('direction'))) ||
      (amountField === 'creditAmount' ? (credit === null || credit === 0) && debit !== null && debit !== 0 : signed !== null && signed < 0);
    if (isDebit) {
      result.skipped.debits += 1;
      return;
    }
    const amountFen = amountField === 'creditAmount' ? credit : signed === null ? null : Math.abs(signed);
    if (amountFen === null) return fail('INVALID_AMOUNT', `${label(amountField)}没有金额`);
    if (amountFen < 1 || amountFen > 100_000_000) return fail('INVALID_AMOUNT', `${label(amountField)}的金额须在 0.01 元至 1,000,000.00 元之间`);

    const bankReference = cell('bankReference');
    if (bankReference === '') return fail('MISSING_BANK_REFERENCE', `${label('bankReference')}为空`);
    if (!BANK_REFERENCE_PATTERN.test(bankReference)) {
      return fail(
        'INVALID_BANK_REFERENCE',
        `${label('bankReference')}的“${bankReference.slice(0, 70)}”不是有效的流水号（1-64 个字母、数字或符号，不含空格和汉字）`,
      );
    }
    const payerName = cell('payerName');
    if (payerName === '') return fail('MISSING_PAYER_NAME', `${label('payerName')}为空`);
    if (payerName.length > 100) return fail('INVALID_PAYER_NAME', `${label('payerName')}超过 100 个字`);
    if (!receivedAt) {
      const shown = [cell('receivedAt'), cell('receivedTime')].filter(Boolean).join(' ').slice(0, 40);
      return fail('INVALID_DATE', `${label('receivedAt')}的“${shown}”不是有效的日期（如 2020-02-03、2020/02/03、20200203，可带时间）`);
    }
    if (receivedAt.getTime() > Date.now() + 5 * 60_000) return fail('INVALID_DATE', `${label('receivedAt')}的“${cell('receivedAt').slice(0, 30)}”晚于现在`);
    const account = cell('payerAccount').replace(/\s+/g, '');
    const fundCode = cell('fundCode');
    result.lines.push({
      line,
      bankReference,
      amountFen,
      payerName,
      receivedAt,
      payerAccount: account === '' ? null : account.slice(0, 40),
      fundCode: fundCode === '' ? null : fundCode,
    });
  });
  return result;
}

function amountOf(text: string): number | null | 'bad' {
  try {
    return parseStatementAmount(text);
  } catch {
    return 'bad';
  }
}

type HeaderSearch =
  | { ok: true; row: number; header: string[]; index: Partial<Record<StatementField, number>> }
  | { ok: false; row: number; header: string[]; missing: StatementField[]; recognised: number };

/** The first row that names every column a donation needs; otherwise the row that came closest, and what it lacks. */
function findHeader(records: string[][], columns?: StatementColumns): HeaderSearch {
  let best: HeaderSearch | null = null;
  let bestFound = -1;
  for (let row = 0; row < Math.min(records.length, HEADER_SEARCH_ROWS); row++) {
    const header = records[row];
    const named = columns ?? recogniseColumns(header);
    const normalized = header.map(normalizeHeader);
    const index: Partial<Record<StatementField, number>> = {};
    const missing: StatementField[] = [];
    for (const [field, name] of Object.entries(named) as Array<[StatementField, string | undefined]>) {
      if (!name) continue;
      const i = normalized.indexOf(normalizeHeader(name));
      if (i >= 0) index[field] = i;
      else missing.push(field);
    }
    for (const field of ['bankReference', 'receivedAt', 'payerName'] as const) if (index[field] === undefined && !missing.includes(field)) missing.push(field);
    if (index.creditAmount === undefined && index.amount === undefined && !missing.includes('creditAmount') && !missing.includes('amount')) {
      missing.push('creditAmount');
    }
    if (missing.length === 0) return { ok: true, row, header, index };
    const foundCount = Object.keys(index).length;
    if (foundCount > bestFound) {
      bestFound = foundCount;
      best = { ok: false, row, header, missing, recognised: foundCount };
    }
  }
  return best ?? { ok: false, row: 0, header: [], missing: ['bankReference', 'receivedAt', 'payerName', 'creditAmount'], recognised: 0 };
}

function missingColumns(found: Extract<HeaderSearch, { ok: false }>, mapped: boolean, rowNo: (i: number) => number): StatementRefused {
  const names = found.missing.map((f) => `“${FIELD_LABELS[f]}”`).join('、');
  // A row with no known column name may be a preamble or data row (an account number): never echoed.
  const near = found.recognised > 0;
  const where = near ? `（最接近表头的是第 ${rowNo(found.row)} 行）` : '';
  const message = mapped
    ? `文件中找不到所选列映射指定的列：${names}${where}。请检查映射或文件`
    : `前 ${HEADER_SEARCH_ROWS} 行中没有找到包含${names}列的表头${where}。可下载模板按模板整理，或为此格式保存一个列映射`;
  return new StatementRefused('STATEMENT_COLUMNS_MISSING', message, {
    missing: found.missing,
    ...(near
      ? {
          headerLine: rowNo(found.row),
          headers: found.header
            .map((h) => masked(h.trim().slice(0, 40)))
            .filter((h) => h !== '')
            .slice(0, 60),
        }
      : {}),
  });
}

/** A long run of digits (an account number in a row taken for a header) shown as its last four only. */
function masked(text: string): string {
  return text.replace(/\d{10,}/g, (digits) => `****${digits.slice(-4)}`);
}
