import { stream as excelStream } from 'exceljs';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { csvRecord, UTF8_BOM } from './csv-writer';
import { cellsOf, ExportColumn } from './spreadsheet-cells';

export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A CSV (UTF-8 with BOM, CRLF) written batch by batch as the client reads it. */
export function csvFile<Row>(columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>): Readable {
  return Readable.from(
    (async function* () {
      yield UTF8_BOM + csvRecord(columns.map((c) => c.header));
      for await (const batch of batches) yield batch.map((row) => csvRecord(cellsOf(columns, row))).join('');
    })(),
    { objectMode: false },
  );
}

/**
 * An XLSX with one worksheet, streamed (ExcelJS's streaming writer: rows are committed and never
 * held in memory). Fen columns are numbers; yuan columns are text with two decimals.
 */
export function xlsxFile<Row>(sheetName: string, columns: ExportColumn<Row>[], batches: AsyncIterable<Row[]>): Readable {
  const out = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? 16 }));
  void (async () => {
    for await (const batch of batches) {
      if (out.destroyed) return; // the client went away
      for (const row of batch) sheet.addRow(cellsOf(columns, row)).commit();
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: Error) => out.destroy(error));
  return out;
}
