import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED } from '../../test/fixtures/bank-statements/generate';
import { readSpreadsheetContents } from '../common/spreadsheet/spreadsheet-contents';
import { STATEMENT_LIMITS } from './statement-limits';
import { parseStatementRows, StatementRefused } from './statement';
import { parseStatementAmount, parseStatementTime } from './statement-values';

const FIXTURES = join(__dirname, '../../test/fixtures/bank-statements');

async function rowsOf(file: string) {
  const result = await readSpreadsheetContents(readFileSync(join(FIXTURES, file)), STATEMENT_LIMITS, 'read');
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('bank statement layouts', () => {
  it.each([
    ['icbc', 'csv', '中国工商银行'],
    ['icbc', 'xlsx', '中国工商银行'],
    ['boc', 'csv', '中国银行'],
    ['boc', 'xlsx', '中国银行'],
    ['ccb', 'csv', '中国建设银行'],
    ['ccb', 'xlsx', '中国建设银行'],
    ['abc', 'csv', '中国农业银行'],
    ['abc', 'xlsx', '中国农业银行'],
  ])('reads the sample %s export (%s): credits only, preamble and summary rows skipped', async (bank, ext, name) => {
    const { records, lines } = await rowsOf(`${bank}.${ext}`);
    const parsed = parseStatementRows(records, lines);
    const expected = EXPECTED[bank];
    expect(parsed.layout).toEqual({ code: bank, name });
    expect(parsed.errors).toEqual([]);
    expect(parsed.lines.map((l) => l.bankReference)).toEqual(expected.references);
    expect(parsed.lines.reduce((sum, l) => sum + l.amountFen, 0)).toBe(expected.fen);
    expect(parsed.skipped.debits).toBe(1);
    expect(parsed.skipped.debits + parsed.skipped.summaries).toBe(expected.skipped);
    for (const line of parsed.lines) {
      expect(line.payerName).not.toBe('');
      expect(line.payerAccount).toMatch(/^\d{10,20}$/);
      expect(line.receivedAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2020-02-03T00:00:00+08:00'));
      expect(line.receivedAt.getTime()).toBeLessThan(Date.parse('2020-02-07T00:00:00+08:00'));
    }
  });

  it('keeps the times the banks print, as Beijing time', async () => {
    const at = async (file: string) => {
      const { records, lines } = await rowsOf(file);
      return parseStatementRows(records, lines).lines[0].receivedAt.toISOString();
    };
    expect(await at('icbc.csv')).toBe('2020-02-03T02:11:12.000Z');
    expect(await at('boc.csv')).toBe('2020-02-03T02:11:12.000Z');
    expect(await at('ccb.xlsx')).toBe('2020-02-03T02:11:12.000Z');
    expect(await at('abc.csv')).toBe('2020-02-03T02:11:12.000Z');
  });

  it('numbers rows as the file does (preamble and the empty row included), so an error names the row staff see', async () => {
    const { records, lines } = await rowsOf('icbc.csv');
    const parsed = parseStatementRows(records, lines);
    expect(parsed.headerLine).toBe(6);
    expect(parsed.lines.map((l) => l.line)).toEqual([7, 8, 10]);
  });
});

describe('parseStatementRows errors', () => {
  const header = ['交易流水号', '交易日期', '对方户名', '对方账号', '贷方发生额'];

  it('names the row and the column of each bad line, in Chinese, with a stable code', () => {
    const parsed = parseStatementRows([
      header,
      ['R1', '2020-02-03', '张伟', '', '1,000.00'],
      ['R2', '2020-02-03', '李娜', '', '12.345'],
      ['R3', '2020-02-30', '王芳', '', '10.00'],
      ['', '2020-02-03', '赵强', '', '10.00'],
      ['R 5', '2020-02-03', '赵强', '', '10.00'],
      ['R6', '2020-02-03', '', '', '10.00'],
      ['R7', '2020-02-03', '孙丽', '', ''],
    ]);
    expect(parsed.lines.map((l) => l.bankReference)).toEqual(['R1']);
    expect(parsed.errors).toEqual([
      { line: 3, code: 'INVALID_AMOUNT', message: '第 3 行：“贷方发生额”列的“12.345”不是有效的金额（元，最多两位小数）' },
      { line: 4, code: 'INVALID_DATE', message: expect.stringMatching(/^第 4 行：“交易日期”列的“2020-02-30”不是有效的日期/) },
      { line: 5, code: 'MISSING_BANK_REFERENCE', message: '第 5 行：“交易流水号”列为空' },
      { line: 6, code: 'INVALID_BANK_REFERENCE', message: expect.stringMatching(/^第 6 行：“交易流水号”列的“R 5”不是有效的流水号/) },
      { line: 7, code: 'MISSING_PAYER_NAME', message: '第 7 行：“对方户名”列为空' },
      { line: 8, code: 'INVALID_AMOUNT', message: '第 8 行：“贷方发生额”列没有金额' },
    ]);
  });

  it('refuses a file without the needed columns, naming them in Chinese (STATEMENT_COLUMNS_MISSING)', () => {
    let refused: StatementRefused | undefined;
    try {
      parseStatementRows([
        ['账号', '62220202'],
        ['交易日期', '对方户名', '摘要'],
        ['2020-02-03', '张伟', '捐款'],
      ]);
    } catch (error) {
      refused = error as StatementRefused;
    }
    expect(refused).toBeInstanceOf(StatementRefused);
    expect(refused!.code).toBe('STATEMENT_COLUMNS_MISSING');
    expect(refused!.message).toContain('“交易流水号”、“贷方发生额”');
    expect(refused!.message).toContain('第 2 行');
    expect(refused!.details).toEqual({ missing: ['bankReference', 'creditAmount'], headerLine: 2, headers: ['交易日期', '对方户名', '摘要'] });
  });

  it('masks a long number in the row it took for the header', () => {
    expect.assertions(1);
    try {
      parseStatementRows([['交易日期', '6222020200001234567', '摘要']]);
    } catch (error) {
      expect((error as StatementRefused).details).toMatchObject({ headers: ['交易日期', '****4567', '摘要'] });
    }
  });

  it('never echoes a row with no known column name (it may be an account number)', () => {
    expect(() => parseStatementRows([['6222020200001234567', 'x']])).toThrow(StatementRefused);
    try {
      parseStatementRows([['6222020200001234567', 'x']]);
    } catch (error) {
      expect(JSON.stringify((error as StatementRefused).details)).not.toContain('6222');
      expect((error as StatementRefused).message).not.toContain('6222');
    }
  });

  it('reads a layout it does not know through a mapping of its columns', () => {
    const rows = [
      ['业务编号', '到账日', '汇款人', '收', '付'],
      ['X-1', '2020年02月03日', '欧阳娜娜', '¥1,200.50', ''],
      ['X-2', '2020年02月03日', '某公司', '', '99.00'],
    ];
    expect(() => parseStatementRows(rows)).toThrow(StatementRefused);
    const parsed = parseStatementRows(rows, undefined, {
      bankReference: '业务编号',
      receivedAt: '到账日',
      payerName: '汇款人',
      creditAmount: '收',
      debitAmount: '付',
    });
    expect(parsed.layout.code).toBe('mapping');
    expect(parsed.lines).toMatchObject([{ bankReference: 'X-1', amountFen: 120_050, payerName: '欧阳娜娜', line: 2 }]);
    expect(parsed.skipped.debits).toBe(1);
  });

  it('skips rows marked 借 in a direction column, and negative signed amounts', () => {
    const parsed = parseStatementRows([
      ['交易流水号', '交易日期', '对方户名', '交易金额', '借贷标志'],
      ['A', '20200203', '张伟', '100.00', '贷'],
      ['B', '20200203', '李娜', '100.00', '借'],
      ['C', '20200203', '王芳', '-50.00', ''],
    ]);
    expect(parsed.lines.map((l) => l.bankReference)).toEqual(['A']);
    expect(parsed.skipped.debits).toBe(2);
  });
});

describe('statement values', () => {
  it.each([
    ['5,000.00', 500_000],
    ['¥5,000.00', 500_000],
    ['+12.3', 1_230],
    ['-200.00', -20_000],
    ['(200.00)', -20_000],
    ['1,234,567.89', 123_456_789],
    ['', null],
    ['--', null],
  ])('amount %j is %j fen', (text, fen) => expect(parseStatementAmount(text)).toBe(fen));

  it.each(['12.345', 'abc', '1.2.3', '5 000,00', '5,00', '12,34.00'])('refuses the amount %j', (text) => expect(() => parseStatementAmount(text)).toThrow());

  it.each([
    ['2020-02-03', '2020-02-02T16:00:00.000Z'],
    ['2020/02/03', '2020-02-02T16:00:00.000Z'],
    ['20200203', '2020-02-02T16:00:00.000Z'],
    ['2020/2/3 9:05', '2020-02-03T01:05:00.000Z'],
    ['2020-02-03 10:11:12', '2020-02-03T02:11:12.000Z'],
    ['20200203 10:11:12', '2020-02-03T02:11:12.000Z'],
    ['20200203101112', '2020-02-03T02:11:12.000Z'],
    ['2020-02-03-10.11.12.000000', '2020-02-03T02:11:12.000Z'],
    ['2020年02月03日', '2020-02-02T16:00:00.000Z'],
    ['2020-02-03T10:11:12+08:00', '2020-02-03T02:11:12.000Z'],
  ])('time %j is %s', (text, iso) => expect(parseStatementTime(text)?.toISOString()).toBe(iso));

  it('takes the time from its own column when the date has none', () => {
    expect(parseStatementTime('20200203', '101112')?.toISOString()).toBe('2020-02-03T02:11:12.000Z');
    expect(parseStatementTime('2020/02/03', '10:11:12')?.toISOString()).toBe('2020-02-03T02:11:12.000Z');
  });

  it.each(['2020-02-30', '2020-13-01', '2020-02-03 25:00', '合计', ''])('refuses the time %j', (text) => expect(parseStatementTime(text)).toBeNull());
});
