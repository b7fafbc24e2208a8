import { repeatedRows, statementRows, xlsx } from '../../../test/support/zip-bomb';
import { readSpreadsheetContents } from './spreadsheet-contents';
import type { SpreadsheetLimits } from './spreadsheet-limits';

const LIMITS: SpreadsheetLimits = { maxInflatedBytes: 50 * 1024 * 1024, maxEntries: 500, maxRows: 50_001, maxCells: 1_000_000, maxParseMs: 60_000 };

const small = { ...LIMITS, maxInflatedBytes: 64 * 1024, maxRows: 11, maxCells: 40 };

describe('readSpreadsheetContents', () => {
  it('reads the rows of a good XLSX and CSV as text', async () => {
    const file = xlsx(statementRows([{ bankReference: 'B1', amountYuan: '12.50', payerName: '王芳', receivedAt: '2020-02-01' }]));
    await expect(readSpreadsheetContents(file, LIMITS, 'read')).resolves.toEqual({
      ok: true,
      records: [
        ['bankReference', 'amountYuan', 'payerName', 'receivedAt', 'payerAccount'],
        ['B1', '12.50', '王芳', '2020-02-01', ''],
      ],
      lines: [1, 2],
    });
    const csv = Buffer.from('bankReference,amountYuan,payerName,receivedAt,payerAccount\nB2,1.00,李雷,2020-02-02,\n');
    await expect(readSpreadsheetContents(csv, LIMITS, 'read')).resolves.toMatchObject({
      ok: true,
      records: [expect.any(Array), ['B2', '1.00', '李雷', '2020-02-02', '']],
    });
  });

  it('reads a CSV saved in GBK (Chinese banks, Excel on Chinese Windows) and numbers rows as the file does', async () => {
    const gbk = Buffer.from(
      new Uint8Array([0xbd, 0xbb, 0xd2, 0xd7, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xbb, 0xa7, 0xc3, 0xfb, 0x0a, 0x0a, 0x31, 0x2c, 0xd5, 0xc5, 0xce, 0xb0, 0x0a]),
    );
    await expect(readSpreadsheetContents(gbk, LIMITS, 'read')).resolves.toEqual({
      ok: true,
      records: [
        ['交易日期', '户名'],
        ['1', '张伟'],
      ],
      lines: [1, 3],
    });
  });

  it('gives a date cell back as the wall-clock time it shows (a date cell has no zone)', async () => {
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['交易时间']);
    sheet.addRow([new Date(Date.UTC(2020, 1, 3, 10, 11, 12))]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await readSpreadsheetContents(bytes, LIMITS, 'read');
    expect(result).toMatchObject({ ok: true, lines: [1, 2] });
    expect(result.ok && result.records[1][0]).toBe('2020-02-03 10:11:12');
  });

  it('refuses what the ZIP directory declares too big, before inflating anything', async () => {
    const result = await readSpreadsheetContents(xlsx(repeatedRows(2000)), small, 'inspect');
    expect(result).toEqual({ ok: false, refusal: 'too_large', reason: expect.stringMatching(/^XLSX 解压后为/) });
  });

  it('counts inflated bytes itself: headers that understate the size do not help', async () => {
    const liar = xlsx(repeatedRows(5, `<row><c t="inlineStr"><is><t>${'x'.repeat(20_000)}</t></is></c></row>`), { declaredSheetSize: 100 });
    const result = await readSpreadsheetContents(liar, small, 'read');
    expect(result).toEqual({ ok: false, refusal: 'too_large', reason: expect.stringMatching(/ZIP 头声称/) });
  });

  it('counts rows and cells in the worksheet XML, also across chunk boundaries', async () => {
    expect(await readSpreadsheetContents(xlsx(repeatedRows(11)), small, 'inspect')).toMatchObject({ ok: false, reason: expect.stringMatching(/行/) });
    expect(await readSpreadsheetContents(xlsx(repeatedRows(10)), small, 'inspect')).toEqual({ ok: true, records: [], lines: [] });
    const wide = `<row>${'<c><v>1</v></c>'.repeat(39)}</row>`;
    expect(await readSpreadsheetContents(xlsx(repeatedRows(1, wide)), small, 'inspect')).toMatchObject({ ok: false, reason: expect.stringMatching(/单元格/) });
  });

  it('refuses a CSV with too many lines, and calls an unreadable file unreadable', async () => {
    expect(await readSpreadsheetContents(Buffer.from('a\n'.repeat(20)), small, 'read')).toMatchObject({ ok: false, refusal: 'too_large' });
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect(await readSpreadsheetContents(broken, small, 'read')).toMatchObject({ ok: false, refusal: 'unreadable' });
  });
});
