import { parseYuanToFen } from '../common/money';
import { parseTimestamp } from '../common/text';

export const STATEMENT_COLUMNS = ['bankReference', 'amountYuan', 'payerName', 'receivedAt', 'payerAccount', 'fundCode'] as const;
const OPTIONAL_COLUMNS: readonly string[] = ['payerAccount', 'fundCode'];

export interface StatementLine {
  line: number; // 1 is the header
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

/**
 * A bank statement time: ISO 8601 with an offset, or a local time as banks print it
 * (`2020-02-01 10:30`, `2020/02/01 10:30:05`, `2020-02-01`), which is Beijing time.
 */
export function parseStatementTime(text: string): Date | null {
  const value = text.trim();
  const local = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (local) {
    const [, y, m, d, hh = '00', mm = '00', ss = '00'] = local;
    return parseTimestamp(`${y}-${m}-${d}T${hh}:${mm}:${ss}+08:00`);
  }
  return parseTimestamp(value);
}

/**
 * Statement lines from the rows of a CSV or of an XLSX's first worksheet (as text, read by
 * StatementReader off the event loop), header `bankReference,amountYuan,payerName,receivedAt,payerAccount`.
 * Good lines and per-line errors both come back: one bad line never hides the others. Rows that
 * are not such a statement at all throw.
 */
export function parseStatementRows(records: string[][]): { lines: StatementLine[]; errors: StatementError[] } {
  if (records.length === 0) throw new Error('the file is empty');
  const header = records[0].map((h) => h.trim());
  const index = Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof STATEMENT_COLUMNS)[number], number>;
  const missing = STATEMENT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.includes(c) && index[c] < 0);
  if (missing.length) throw new Error(`missing columns: ${missing.join(', ')} (expected header ${STATEMENT_COLUMNS.join(',')})`);

  const lines: StatementLine[] = [];
  const errors: StatementError[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const cell = (name: (typeof STATEMENT_COLUMNS)[number]) => (index[name] >= 0 ? (record[index[name]] ?? '').trim() : '');
    const bankReference = cell('bankReference');
    if (!/^[\x21-\x7E]{1,64}$/.test(bankReference)) {
      errors.push({ line, code: 'VALIDATION_FAILED', message: '银行流水号缺失或格式不正确' });
      return;
    }
    let amountFen: number;
    try {
      amountFen = parseYuanToFen(cell('amountYuan'));
    } catch {
      errors.push({ line, code: 'INVALID_AMOUNT', message: `金额“${cell('amountYuan').slice(0, 20)}”不是有效的元金额（最多两位小数）` });
      return;
    }
    if (amountFen < 1 || amountFen > 100_000_000) {
      errors.push({ line, code: 'INVALID_AMOUNT', message: '金额须在 0.01 元至 1,000,000.00 元之间' });
      return;
    }
    const payerName = cell('payerName');
    if (!payerName || payerName.length > 100) {
      errors.push({ line, code: 'VALIDATION_FAILED', message: '付款人名称缺失或过长' });
      return;
    }
    const receivedAt = parseStatementTime(cell('receivedAt'));
    if (!receivedAt || receivedAt.getTime() > Date.now() + 5 * 60_000) {
      errors.push({ line, code: 'INVALID_DATE', message: `到账时间“${cell('receivedAt').slice(0, 30)}”不正确` });
      return;
    }
    const account = cell('payerAccount');
    const fundCode = cell('fundCode');
    lines.push({
      line,
      bankReference,
      amountFen,
      payerName,
      receivedAt,
      payerAccount: account === '' ? null : account.slice(0, 40),
      fundCode: fundCode === '' ? null : fundCode,
    });
  });
  return { lines, errors };
}
