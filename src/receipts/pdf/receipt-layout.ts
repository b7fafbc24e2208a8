import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// Same relative path from src/receipts/pdf (tests) and dist/receipts/pdf (build).
export const RECEIPT_TEMPLATES_DIR = resolve(__dirname, '../../../templates');

export type ReceiptField =
  | 'receiptNo'
  | 'donorName'
  | 'invoiceTitle'
  | 'campaignTitle'
  | 'amountFigures'
  | 'amountCapitals'
  | 'donatedAt'
  | 'issuedAt'
  | 'organisation'
  | 'verifyUrl'
  | 'items'
  | 'title'
  | 'titleLatin'
  | 'officialCode'
  | 'officialNumber'
  | 'officialCheckCode'
  | 'payerCreditCode'
  | 'projectCode'
  | 'remark'
  | 'reviewer'
  | 'payee';

/** A palette key or a literal colour such as '#b3261e'. */
export type Colour = string;

export interface TextStyle {
  size: number;
  minSize?: number; // shrink to fit the width down to this size, then cut with …
  colour?: Colour;
  characterSpacing?: number;
}

export interface TextBlock extends TextStyle {
  text?: string; // fixed wording, or
  label?: string; // a label followed by the value of field
  field?: ReceiptField;
  labelColour?: Colour;
  x: number;
  y: number; // the baseline
  width: number;
  align?: 'left' | 'center' | 'right';
  /** Drawn only on a receipt with an official receipt attached (`official`) or only without one (`certificate`). */
  show?: 'official' | 'certificate';
  /** Left out when the field's value is empty. */
  optional?: boolean;
}

export interface TableRow {
  label: string;
  field: ReceiptField;
  optional?: boolean; // row is left out when the value is empty
  size?: number;
  colour?: Colour;
}

export interface ReceiptLayout {
  page: { width: number; height: number };
  font: string; // relative to the templates directory
  palette: Record<string, string>;
  frames: { x: number; y: number; width: number; height: number; lineWidth: number; colour: Colour }[];
  rules: { x1: number; y1: number; x2: number; y2: number; lineWidth: number; colour: Colour }[];
  texts: TextBlock[];
  table: {
    x: number;
    y: number;
    labelWidth: number;
    valueWidth: number;
    asideWidth: number; // empty column on the right, spanning all rows, that holds the QR code
    rowHeight: number;
    padding: number;
    verticalPadding: number; // room kept above and below values that wrap
    size: number;
    minSize: number;
    maxLines: number; // a long value wraps onto this many lines before it is cut
    lineWidth: number;
    lineColour: Colour;
    labelFill: Colour;
    labelColour: Colour;
    colour: Colour;
    rows: TableRow[];
  };
  qr: { x: number; y: number; size: number; caption: TextStyle & { text: string; gap: number } };
  voidMark: TextStyle & {
    text: string;
    centreX: number;
    centreY: number;
    rotate: number;
    opacity: number;
    padding: number;
    lineWidth: number;
  };
}

export interface ReceiptTemplate {
  layout: ReceiptLayout;
  font: Buffer;
}

let cached: Promise<ReceiptTemplate> | undefined;

/** Reads the layout and font once per process; a failed read is retried on the next call. */
export function loadReceiptTemplate(): Promise<ReceiptTemplate> {
  cached ??= readTemplate(RECEIPT_TEMPLATES_DIR).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function readTemplate(dir: string): Promise<ReceiptTemplate> {
  const layout = JSON.parse(await readFile(join(dir, 'receipt', 'receipt.layout.json'), 'utf8')) as ReceiptLayout;
  for (const key of ['page', 'font', 'palette', 'frames', 'rules', 'texts', 'table', 'qr', 'voidMark'] as const) {
    if (layout[key] === undefined) throw new Error(`receipt.layout.json: missing "${key}"`);
  }
  return { layout, font: await readFile(join(dir, layout.font)) };
}
