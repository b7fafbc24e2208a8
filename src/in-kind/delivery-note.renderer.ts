import PDFDocument from 'pdfkit';
import { toBuffer } from 'qrcode';
import { documentFontBytes } from '../common/document-font';

export interface DeliveryNoteData {
  noteNo: string; // FF-20200210-1A2B3C4D
  campaignTitle: string;
  organisation: string; // who hands the goods out
  recipient: string;
  note: string | null;
  createdAt: Date;
  items: { name: string; unit: string; quantity: number }[];
  recordUrl: string; // the text of the QR code
}

type Doc = PDFKit.PDFDocument;

const FONT = 'note';
const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4, in points
const ROW = 24;
const COLUMNS = [
  { title: '序号', width: 48, align: 'center' as const },
  { title: '物资名称', width: 259, align: 'left' as const },
  { title: '单位', width: 64, align: 'center' as const },
  { title: '数量', width: 112, align: 'right' as const },
];
const SHANGHAI_DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Pure: the same data gives the same PDF (its dates come from createdAt). */
export async function renderDeliveryNotePdf(data: DeliveryNoteData): Promise<Buffer> {
  const [fontBytes, qr] = await Promise.all([documentFontBytes(), toBuffer(data.recordUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 6 })]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: `物资发放单 ${data.noteNo}`, Author: data.organisation, Subject: data.campaignTitle, CreationDate: data.createdAt, ModDate: data.createdAt },
  });
  const bytes = collect(doc);
  doc.registerFont(FONT, fontBytes);
  doc.font(FONT);

  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  doc.fontSize(22).text('物资发放单', left, PAGE.margin, { width, align: 'center' });
  doc
    .fontSize(10)
    .fillColor('#444444')
    .text(`单号：${data.noteNo}`, left, PAGE.margin + 36, { width, align: 'right' });
  doc.fillColor('#000000').fontSize(12);
  let y = PAGE.margin + 60;
  for (const [label, value] of [
    ['捐赠项目', data.campaignTitle],
    ['发放单位', data.organisation],
    ['接收单位', data.recipient],
    ['发放日期', SHANGHAI_DAY.format(data.createdAt).replace(/\//g, '-')],
  ]) {
    doc.text(`${label}：${value}`, left, y, { width });
    y += 22;
  }

  y = drawTable(doc, data.items, left, y + 10);
  if (data.note) {
    doc.fontSize(11).text(`备注：${data.note}`, left, y + 12, { width });
    y = doc.y;
  }

  // Signatures and the QR code stay together at the foot; a new page if they do not fit.
  const footHeight = 130;
  if (y + 24 + footHeight > PAGE.height - PAGE.margin) {
    doc.addPage();
    y = PAGE.margin;
  }
  const foot = y + 30;
  doc.fontSize(12);
  doc.text('发放人（签字）：____________', left, foot);
  doc.text('接收人（签字）：____________', left, foot + 36);
  doc.text('接收日期：____年____月____日', left, foot + 72);
  const qrSize = 96;
  doc.image(qr, left + width - qrSize, foot - 6, { width: qrSize, height: qrSize });
  doc
    .fontSize(8)
    .fillColor('#444444')
    .text('扫码查看发放记录', left + width - qrSize - 12, foot + qrSize, { width: qrSize + 24, align: 'center' });
  doc.end();
  return bytes;
}

function drawTable(doc: Doc, items: DeliveryNoteData['items'], left: number, top: number): number {
  let y = top;
  const header = () => {
    drawRow(
      doc,
      COLUMNS.map((c) => c.title),
      left,
      y,
      true,
    );
    y += ROW;
  };
  header();
  items.forEach((item, index) => {
    if (y + ROW > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
      header();
    }
    drawRow(doc, [String(index + 1), item.name, item.unit, item.quantity.toLocaleString('en-US')], left, y, false);
    y += ROW;
  });
  return y;
}

function drawRow(doc: Doc, cells: string[], left: number, y: number, heading: boolean): void {
  let x = left;
  doc.fontSize(11).fillColor('#000000');
  if (heading)
    doc
      .rect(
        left,
        y,
        COLUMNS.reduce((w, c) => w + c.width, 0),
        ROW,
      )
      .fill('#EEEEEE')
      .fillColor('#000000');
  COLUMNS.forEach((column, i) => {
    doc.rect(x, y, column.width, ROW).lineWidth(0.5).stroke('#666666');
    doc.fillColor('#000000').text(cells[i], x + 6, y + 6, { width: column.width - 12, align: column.align, lineBreak: false, ellipsis: true });
    x += column.width;
  });
}

function collect(doc: Doc): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
