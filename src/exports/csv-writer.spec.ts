import { csvRecord } from './csv-writer';
import { cellsOf, ExportColumn, neutraliseFormula } from './spreadsheet-cells';

describe('csvRecord (RFC 4180)', () => {
  it('leaves plain fields alone and ends the record with CRLF', () => {
    expect(csvRecord(['WN1', '张伟', 10000, null, '100.00'])).toBe('WN1,张伟,10000,,100.00\r\n');
  });

  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'two\nlines', 'cr\rhere'])).toBe('"a,b","say ""hi""","two\nlines","cr\rhere"\r\n');
  });
});

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+86 138', '-2', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with an apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it('keeps other text as it is', () => {
    expect(neutraliseFormula('张*')).toBe('张*');
    expect(neutraliseFormula("'already")).toBe("'already");
  });

  it('applies to text columns only, never to numbers', () => {
    const columns: ExportColumn<{ name: string; fen: number }>[] = [
      { header: 'name', kind: 'text', value: (r) => r.name },
      { header: 'fen', kind: 'integer', value: (r) => r.fen },
    ];
    expect(cellsOf(columns, { name: '=cmd', fen: -5 })).toEqual(["'=cmd", -5]);
  });
});
