import PDFDocument from 'pdfkit';
import { toBuffer } from 'qrcode';
import { toChineseCapitals } from '../common/money';
import { documentFontBytes } from '../common/document-font';
import { groupedYuan } from '../common/money';

export interface PaymentNoticeData {
  noticeNo: string; // BF-20200220-1A2B3C4D
  campaignTitle: string;
  organisation: string;
  recipient: string;
  purpose: string;
  amountFen: number;
  date: string; // YYYY-MM-DD
  bankReference: string | null;
  fundName: string | null;
  confirmUrl: string; // the text of the QR code
}

const FONT = 'notice';
const PAGE = { width: 595.28, height: 841.89, margin: 56 }; // A4, in points

/**
 * The payment notice (拨付通知单) sent with a cash disbursement: what was paid to whom and why, with
 * the QR code of the signed link where the recipient unit confirms it arrived. Pure: the same data
 * gives the same PDF.
 */
export async function renderPaymentNoticePdf(data: PaymentNoticeData): Promise<Buffer> {
  const [fontBytes, qr] = await Promise.all([documentFontBytes(), toBuffer(data.confirmUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 0, scale: 6 })]);
  const created = new Date(`${data.date}T00:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: `拨付通知单 ${data.noticeNo}`, Author: data.organisation, Subject: data.campaignTitle, CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT, fontBytes);
  doc.font(FONT);
  const left = PAGE.margin;
  const width = PAGE.width - 2 * PAGE.margin;
  doc.fontSize(22).text('拨付通知单', left, PAGE.margin, { width, align: 'center' });
  doc
    .fontSize(10)
    .fillColor('#444444')
    .text(`单号：${data.noticeNo}`, left, PAGE.margin + 36, { width, align: 'right' });
  doc.fillColor('#000000').fontSize(12);
  let y = PAGE.margin + 60;
  const rows: [string, string][] = [
    ['捐赠项目', data.fundName ? `${data.campaignTitle}（${data.fundName}）` : data.campaignTitle],
    ['拨付单位', data.organisation],
    ['受助单位', data.recipient],
    ['用途', data.purpose],
    ['金额', `¥${groupedYuan(data.amountFen)}（${toChineseCapitals(data.amountFen)}）`],
    ['拨付日期', data.date],
  ];
  if (data.bankReference) rows.push(['银行流水号', data.bankReference]);
  for (const [label, value] of rows) {
    doc.text(`${label}：${value}`, left, y, { width });
    y = Math.max(y + 22, doc.y + 6);
  }
  const qrSize = 120;
  const foot = y + 30;
  doc.image(qr, left, foot, { width: qrSize, height: qrSize });
  doc
    .fontSize(11)
    .text(
      '款项到账后，请受助单位扫描左侧二维码确认收款（确认人、到账时间、实收金额）。确认结果将在善款公示页公开（确认人姓名打码），无需注册账号。',
      left + qrSize + 20,
      foot + 10,
      {
        width: width - qrSize - 20,
      },
    );
  doc.end();
  return bytes;
}
