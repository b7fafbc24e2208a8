import PDFDocument from 'pdfkit';
import { formatYuanDisplay, toChineseCapitals } from '../../common/money';
import { parsedFont } from './receipt-font';
import { loadReceiptTemplate, ReceiptField, ReceiptLayout, TextBlock } from './receipt-layout';
import { QrModules, verifyQrModules } from './receipt-qr';
import { fitText, LINE_SPACING } from './receipt-text-fit';

export interface ReceiptPdfData {
  receiptNo: string; // e.g. 'WH-2020-00000001'
  donorName: string; // as the donor asked it to appear
  invoiceTitle: string; // 发票抬头 / 票据抬头
  campaignTitle: string;
  amountFen: number; // integer fen
  donatedAt: Date;
  issuedAt: Date;
  organisation: string; // issuing organisation
  verifyUrl: string; // the text of the QR code
  items?: { name: string; quantity: number; unit: string }[]; // in-kind gifts (goods receipts)
  voided?: boolean; // draws a clear 作废 mark
  /**
   * The official 公益事业捐赠票据 attached to this record, if any. Without one the document is a
   * 捐赠证明 (the foundation's record) and claims no tax effect; with one it is titled 捐赠票据 and
   * prints the official 票据代码, 票据号码 and (electronic receipts) 校验码.
   */
  official?: OfficialReceiptData | null;
  /** Art. 6 交款人 of an organisation: its 统一社会信用代码 (a row only when given). */
  payerCreditCode?: string | null;
  /** Art. 6 项目编码: the campaign's code (and the fund's); defaults to nothing printed. */
  projectCode?: string;
  /** Art. 6 备注 (a row only when given; an aggregate says how many gifts and where they are listed). */
  remark?: string | null;
  /** Art. 6 复核人: the approving staff member, or 系统自动核验. */
  reviewer?: string | null;
  /** Art. 6 收款人 (blank: signed by hand). */
  payee?: string | null;
  /** An aggregate record (合并开具): every gift, listed on the pages after the first with the total. */
  gifts?: ReceiptGiftLine[];
}

export interface ReceiptGiftLine {
  donatedAt: Date;
  orderNo: string;
  amountFen: number;
}

export interface OfficialReceiptData {
  kind: 'fiscal' | 'paper';
  code: string; // 票据代码, 8 digits
  number: string; // 票据号码, 10 digits
  checkCode?: string | null; // 校验码 (electronic receipts)
  issuedAt: Date;
}

/** The document's title: 捐赠票据 only with an official receipt attached. */
export function receiptTitle(official: object | null | undefined): '捐赠票据' | '捐赠证明' {
  return official ? '捐赠票据' : '捐赠证明';
}

type Doc = PDFKit.PDFDocument;
type FieldValues = Record<ReceiptField, string>;

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 2020年02月01日, the calendar day in Asia/Shanghai. */
export function formatShanghaiDate(date: Date): string {
  const part = (type: string) => SHANGHAI_DAY.formatToParts(date).find((p) => p.type === type)?.value;
  return `${part('year')}年${part('month')}月${part('day')}日`;
}

/** The day of a single gift, or the first and last day of an aggregate's gifts. */
function donationDays(data: ReceiptPdfData): string {
  const gifts = data.gifts ?? [];
  if (gifts.length < 2) return formatShanghaiDate(data.donatedAt);
  const times = gifts.map((g) => g.donatedAt.getTime());
  const first = formatShanghaiDate(new Date(Math.min(...times)));
  const last = formatShanghaiDate(new Date(Math.max(...times)));
  return first === last ? first : `${first} 至 ${last}`;
}

function remarkOf(data: ReceiptPdfData): string {
  const gifts = data.gifts ?? [];
  const listed = gifts.length > 1 ? `合并开具 ${gifts.length} 笔捐赠，逐笔明细见附页` : '';
  return [listed, data.remark ?? ''].filter((part) => part !== '').join('；');
}

function fieldValues(data: ReceiptPdfData): FieldValues {
  const items = (data.items ?? []).map((item) => `${item.name} ${item.quantity.toLocaleString('en-US')} ${item.unit}`);
  return {
    payerCreditCode: data.payerCreditCode ?? '',
    projectCode: data.projectCode ?? '',
    remark: remarkOf(data),
    reviewer: data.reviewer ?? '',
    payee: data.payee ?? '',
    receiptNo: data.receiptNo,
    donorName: data.donorName,
    invoiceTitle: data.invoiceTitle,
    campaignTitle: data.campaignTitle,
    amountFigures: formatYuanDisplay(data.amountFen),
    amountCapitals: toChineseCapitals(data.amountFen),
    donatedAt: donationDays(data),
    issuedAt: formatShanghaiDate(data.issuedAt),
    organisation: data.organisation,
    verifyUrl: data.verifyUrl,
    items: items.join('；'),
    title: receiptTitle(data.official),
    titleLatin: data.official ? 'DONATION RECEIPT' : 'CERTIFICATE OF DONATION',
    officialCode: data.official?.code ?? '',
    officialNumber: data.official?.number ?? '',
    officialCheckCode: data.official?.checkCode ?? '',
  };
}

/** Pure: the same data always gives the same bytes (the PDF dates come from issuedAt). */
export async function renderReceiptPdf(data: ReceiptPdfData): Promise<Buffer> {
  const values = fieldValues(data);
  const { layout, font } = await loadReceiptTemplate();
  const qr = verifyQrModules(data.verifyUrl);
  const doc = new PDFDocument({
    size: [layout.page.width, layout.page.height],
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    // The receipt font is the document's only font; as the default it also spares pdfkit loading
    // Helvetica's metrics for every document.
    font: parsedFont(font) as string,
    info: {
      Title: `${values.title} ${data.receiptNo}`,
      Author: data.organisation,
      Subject: data.campaignTitle,
      CreationDate: data.issuedAt,
      ModDate: data.issuedAt,
    },
  });
  const bytes = collect(doc);

  drawFrames(doc, layout);
  const variant = data.official ? 'official' : 'certificate';
  for (const block of layout.texts) {
    if (block.show && block.show !== variant) continue;
    if (block.optional && block.field && values[block.field] === '') continue;
    drawTextBlock(doc, layout, block, values);
  }
  drawTable(doc, layout, values);
  drawQr(doc, layout, qr);
  if (data.voided) drawVoidMark(doc, layout);
  if (data.gifts && data.gifts.length > 1) {
    drawGiftList(doc, layout, data.gifts, values, data.voided === true);
  }

  doc.end();
  return bytes;
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function colour(layout: ReceiptLayout, name: string | undefined): string {
  return (name && layout.palette[name]) ?? name ?? layout.palette.ink ?? '#000000';
}

type Baseline = 'alphabetic' | 'middle' | 'top';

/** Draws one line; y is where the baseline option puts it (alphabetic: on the baseline). */
function put(doc: Doc, text: string, x: number, y: number, size: number, fill: string, baseline: Baseline, spacing = 0): void {
  doc.fontSize(size).fillColor(fill).text(text, x, y, { lineBreak: false, characterSpacing: spacing, baseline });
}

function drawTextBlock(doc: Doc, layout: ReceiptLayout, block: TextBlock, values: FieldValues): void {
  const spacing = block.characterSpacing ?? 0;
  const label = block.label ?? '';
  const labelWidth = label ? doc.fontSize(block.size).widthOfString(label, { characterSpacing: spacing }) : 0;
  const text = block.field ? values[block.field] : (block.text ?? '');
  const value = fitText(doc, text, block.width - labelWidth, block.size, { ...block, maxLines: 1 });
  const valueWidth = doc.fontSize(value.size).widthOfString(value.lines[0], { characterSpacing: spacing });
  const slack = block.width - labelWidth - valueWidth;
  const x = block.x + (block.align === 'right' ? slack : block.align === 'center' ? slack / 2 : 0);
  // Label and value share the baseline even when the value was shrunk to fit.
  if (label) put(doc, label, x, block.y, block.size, colour(layout, block.labelColour ?? block.colour), 'alphabetic', spacing);
  put(doc, value.lines[0], x + labelWidth, block.y, value.size, colour(layout, block.colour), 'alphabetic', spacing);
}

function drawFrames(doc: Doc, layout: ReceiptLayout): void {
  for (const f of layout.frames) doc.lineWidth(f.lineWidth).rect(f.x, f.y, f.width, f.height).stroke(colour(layout, f.colour));
  for (const r of layout.rules) {
    doc.lineWidth(r.lineWidth).moveTo(r.x1, r.y1).lineTo(r.x2, r.y2).stroke(colour(layout, r.colour));
  }
}

function drawTable(doc: Doc, layout: ReceiptLayout, values: FieldValues): void {
  const t = layout.table;
  const rows = t.rows.filter((row) => !row.optional || values[row.field] !== '');
  const width = t.labelWidth + t.valueWidth + t.asideWidth;
  const height = rows.length * t.rowHeight;
  const valueX = t.x + t.labelWidth;
  doc.rect(t.x, t.y, t.labelWidth, height).fill(colour(layout, t.labelFill));
  doc.lineWidth(t.lineWidth).strokeColor(colour(layout, t.lineColour));
  doc.rect(t.x, t.y, width, height).stroke();
  for (const x of [valueX, valueX + t.valueWidth])
    doc
      .moveTo(x, t.y)
      .lineTo(x, t.y + height)
      .stroke();
  rows.forEach((row, i) => {
    const top = t.y + i * t.rowHeight;
    if (i > 0)
      doc
        .moveTo(t.x, top)
        .lineTo(valueX + t.valueWidth, top)
        .stroke();
    const innerHeight = t.rowHeight - 2 * t.verticalPadding;
    const label = fitText(doc, row.label, t.labelWidth - 2 * t.padding, innerHeight, { size: t.size, minSize: t.minSize });
    const value = fitText(doc, values[row.field], t.valueWidth - 2 * t.padding, innerHeight, {
      size: row.size ?? t.size,
      minSize: t.minSize,
      maxLines: t.maxLines,
    });
    putLines(doc, label.lines, t.x + t.padding, top + t.rowHeight / 2, label.size, colour(layout, t.labelColour));
    putLines(doc, value.lines, valueX + t.padding, top + t.rowHeight / 2, value.size, colour(layout, row.colour ?? t.colour));
  });
}

/** Lines stacked around a vertical middle. */
function putLines(doc: Doc, lines: string[], x: number, middle: number, size: number, fill: string): void {
  const step = size * LINE_SPACING;
  lines.forEach((line, i) => put(doc, line, x, middle + (i - (lines.length - 1) / 2) * step, size, fill, 'middle'));
}

/** Dark modules as one filled path of row runs (no seams between them), on a white square. */
function drawQr(doc: Doc, layout: ReceiptLayout, qr: QrModules): void {
  const { x, y, size, caption } = layout.qr;
  const cell = size / qr.size;
  doc.rect(x, y, size, size).fill('#ffffff');
  qr.rows.forEach((runs, row) => {
    for (const [start, end] of runs) doc.rect(x + start * cell, y + row * cell, (end - start) * cell, cell);
  });
  doc.fill('#000000');
  const captionWidth = doc.fontSize(caption.size).widthOfString(caption.text);
  put(doc, caption.text, x + (size - captionWidth) / 2, y + size + caption.gap, caption.size, colour(layout, caption.colour), 'top');
}

function drawVoidMark(doc: Doc, layout: ReceiptLayout): void {
  const v = layout.voidMark;
  const spacing = v.characterSpacing ?? 0;
  const textWidth = doc.fontSize(v.size).widthOfString(v.text, { characterSpacing: spacing });
  const textHeight = v.size; // CJK glyphs fill the em square
  const boxWidth = textWidth + 2 * v.padding;
  const boxHeight = textHeight + 2 * v.padding;
  const fill = colour(layout, v.colour);
  doc.save();
  doc.rotate(v.rotate, { origin: [v.centreX, v.centreY] }).opacity(v.opacity);
  doc
    .lineWidth(v.lineWidth)
    .rect(v.centreX - boxWidth / 2, v.centreY - boxHeight / 2, boxWidth, boxHeight)
    .stroke(fill);
  put(doc, v.text, v.centreX - textWidth / 2, v.centreY, v.size, fill, 'middle', spacing);
  doc.restore();
}

/** Gifts per page of the list (A5 landscape, below its title and header). */
const GIFTS_PER_PAGE = 11;
const GIFT_COLUMNS = [
  { label: '序号', width: 44 },
  { label: '捐赠日期', width: 130 },
  { label: '订单号', width: 221 },
  { label: '金额（元）', width: 120 },
] as const;

/**
 * An aggregate record (合并开具): its gifts on the pages after the first, each with its date, order
 * number and amount, and the total in figures and in capitals after the last; every page framed as
 * the first, with its record number (and the 作废 mark of a voided record).
 */
function drawGiftList(doc: Doc, layout: ReceiptLayout, gifts: ReceiptGiftLine[], values: FieldValues, voided: boolean): void {
  const pages = Math.ceil(gifts.length / GIFTS_PER_PAGE);
  const ink = colour(layout, 'ink');
  const muted = colour(layout, 'muted');
  const x0 = 40;
  const rowHeight = 20;
  const width = GIFT_COLUMNS.reduce((sum, c) => sum + c.width, 0);
  for (let page = 0; page < pages; page++) {
    doc.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
    drawFrames(doc, layout);
    const title = `${values.title}明细（合并开具）`;
    const titleWidth = doc.fontSize(20).widthOfString(title, { characterSpacing: 1.2 });
    put(doc, title, (layout.page.width - titleWidth) / 2, 61, 20, colour(layout, 'accent'), 'alphabetic', 1.2);
    put(doc, `记录编号：${values.receiptNo}\u3000交款人：${values.invoiceTitle}`, x0, 106, 9, muted, 'alphabetic');
    put(doc, `第 ${page + 2} 页\u3000共 ${gifts.length} 笔`, x0 + width - 90, 106, 9, muted, 'alphabetic');
    const rows = gifts.slice(page * GIFTS_PER_PAGE, (page + 1) * GIFTS_PER_PAGE);
    const top = 114;
    const cells: string[][] = [
      GIFT_COLUMNS.map((c) => c.label),
      ...rows.map((g, i) => [String(page * GIFTS_PER_PAGE + i + 1), formatShanghaiDate(g.donatedAt), g.orderNo, formatYuanDisplay(g.amountFen)]),
    ];
    if (page === pages - 1) cells.push(['合计', `${gifts.length} 笔`, values.amountCapitals, values.amountFigures]);
    doc.lineWidth(0.6).strokeColor(colour(layout, 'rule'));
    cells.forEach((cellsOfRow, r) => {
      const y = top + r * rowHeight;
      if (r === 0) doc.rect(x0, y, width, rowHeight).fill(colour(layout, 'labelFill'));
      doc.lineWidth(0.6).strokeColor(colour(layout, 'rule')).rect(x0, y, width, rowHeight).stroke();
      let x = x0;
      cellsOfRow.forEach((text, c) => {
        const column = GIFT_COLUMNS[c];
        const fitted = fitText(doc, text, column.width - 12, rowHeight - 4, { size: 10, minSize: 7 });
        put(doc, fitted.lines[0], x + 6, y + rowHeight / 2, fitted.size, r === 0 ? muted : ink, 'middle');
        x += column.width;
      });
    });
    if (voided) drawVoidMark(doc, layout);
  }
}
