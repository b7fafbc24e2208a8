/**
 * Cell values for files staff open in Excel or WPS. Text that a spreadsheet would read as a
 * formula (=, +, -, @, or a leading tab / carriage return, per OWASP "CSV injection") gets a
 * leading apostrophe, so a donor named `=HYPERLINK(…)` stays text. Numbers are never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One column of an export: a header, and how to read the cell from a row. */
export interface ExportColumn<Row> {
  header: string;
  /** `text` cells are neutralised; `integer` cells are numbers (fen, counts). */
  kind: 'text' | 'integer';
  width?: number;
  value(row: Row): string | number | null;
}

export type Cell = string | number | null;

export function cellsOf<Row>(columns: ExportColumn<Row>[], row: Row): Cell[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === null || v === undefined) return null;
    if (c.kind === 'integer') return typeof v === 'number' ? v : Number(v);
    return neutraliseFormula(String(v));
  });
}

/** An instant as Beijing time with its offset, `2020-02-01T10:30:00+08:00` (readable, and exact). */
export function beijingTime(date: Date | null): string | null {
  if (!date) return null;
  return `${new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}
