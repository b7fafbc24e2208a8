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
    });
    const csv = Buffer.from('bankReference,amountYuan,payerName,receivedAt,payerAccount\nB2,1.00,李雷,2020-02-02,\n');
    await expect(readSpreadsheetContents(csv, LIMITS, 'read')).resolves.toMatchObject({
      ok: true,
      records: [expect.any(Array), ['B2', '1.00', '李雷', '2020-02-02', '']],
    });
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
    expect(await readSpreadsheetContents(xlsx(repeatedRows(10)), small, 'inspect')).toEqual({ ok: true, records: [] });
    const wide = `<row>${'<c><v>1</v></c>'.repeat(39)}</row>`;
    expect(await readSpreadsheetContents(xlsx(repeatedRows(1, wide)), small, 'inspect')).toMatchObject({ ok: false, reason: expect.stringMatching(/单元格/) });
  });

  it('refuses a CSV with too many lines, and calls an unreadable file unreadable', async () => {
    expect(await readSpreadsheetContents(Buffer.from('a\n'.repeat(20)), small, 'read')).toMatchObject({ ok: false, refusal: 'too_large' });
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect(await readSpreadsheetContents(broken, small, 'read')).toMatchObject({ ok: false, refusal: 'unreadable' });
  });
});
