import * as QRCode from 'qrcode';
import { formatYuanDisplay } from '../../common/money';
import { beijingMinute } from '../../common/beijing-time';
import { progressPermille } from '../progress';
import { textWidth, wrapText } from './poster-font';

export interface PosterData {
  title: string;
  organisation: string;
  amountFen: number;
  donorCount: number;
  donationCount: number;
  disbursedFen: number;
  goalFen: number | null;
  donateUrl: string; // the QR code's text
  pageUrl: string; // the public totals page
  asOf: string; // ISO time of the figures
}

export type PosterShape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; color: string }
  /** Rectangles filled as one shape (no seams where they touch): the QR code's modules. */
  | { kind: 'rects'; rects: { x: number; y: number; width: number; height: number }[]; color: string }
  /** One line of text; y is its baseline. */
  | { kind: 'text'; x: number; y: number; size: number; color: string; text: string };

export interface PosterLayout {
  width: number;
  height: number;
  shapes: PosterShape[];
}

/** A4 portrait in points; the PNG is the same layout scaled. */
const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const COLOURS = { red: '#b8322a', white: '#ffffff', ink: '#2a2320', muted: '#6d625a', track: '#efe6dd', cream: '#fff6e8', qr: '#000000' };

/**
 * The poster as a list of rectangles and lines of text (the QR code is rectangles too), computed
 * once and drawn by both renderers, so the PDF and the PNG show the same thing. Pure.
 */
export function campaignPosterLayout(data: PosterData): PosterLayout {
  const shapes: PosterShape[] = [];
  const { width, margin } = PAGE;
  const inner = width - 2 * margin;
  const rect = (x: number, y: number, w: number, h: number, color: string) => shapes.push({ kind: 'rect', x, y, width: w, height: h, color });
  const text = (t: string, x: number, y: number, size: number, color: string, align: 'left' | 'center' | 'right' = 'left') => {
    const w = textWidth(t, size);
    shapes.push({ kind: 'text', text: t, y, size, color, x: align === 'left' ? x : align === 'center' ? x - w / 2 : x - w });
  };

  // The red band: who asks, for what, and how much has come in.
  const titleLines = wrapText(data.title, 34, inner, 3);
  const bandHeight = 250 + (titleLines.length - 1) * 44;
  rect(0, 0, width, bandHeight, COLOURS.red);
  text(`${data.organisation} · 公益募捐`, margin, 56, 15, COLOURS.white);
  titleLines.forEach((line, i) => text(line, margin, 108 + i * 44, 34, COLOURS.white));
  const amountTop = 108 + (titleLines.length - 1) * 44;
  text('已筹善款（元）', margin, amountTop + 50, 14, COLOURS.white);
  text(formatYuanDisplay(data.amountFen), margin, amountTop + 100, 42, COLOURS.white);

  // Three figures under the band.
  let y = bandHeight + 46;
  const column = inner / 3;
  [
    ['爱心人士', `${data.donorCount.toLocaleString('en-US')} 位`],
    ['捐赠笔数', `${data.donationCount.toLocaleString('en-US')} 笔`],
    ['已拨付', formatYuanDisplay(data.disbursedFen)],
  ].forEach(([label, value], i) => {
    text(label, margin + i * column, y, 13, COLOURS.muted);
    text(value, margin + i * column, y + 30, 20, COLOURS.ink);
  });

  // Progress to the goal.
  const permille = progressPermille(data.amountFen, data.goalFen);
  y += 62;
  if (permille !== null && data.goalFen !== null) {
    rect(margin, y, inner, 10, COLOURS.track);
    if (permille > 0) rect(margin, y, Math.max(4, (inner * permille) / 1000), 10, COLOURS.red);
    text(`目标 ${formatYuanDisplay(data.goalFen)} · 已完成 ${Math.floor(permille / 10)}.${permille % 10}%`, margin, y + 32, 13, COLOURS.muted);
    y += 44;
  }

  // The QR code, on a cream card, with what to do.
  const qrSize = 210;
  const cardTop = y + 16;
  rect(margin, cardTop, inner, qrSize + 96, COLOURS.cream);
  qrShapes(data.donateUrl, (width - qrSize) / 2, cardTop + 20, qrSize, shapes);
  text('微信扫码 · 为爱助力', width / 2, cardTop + qrSize + 54, 20, COLOURS.red, 'center');
  text(data.donateUrl, width / 2, cardTop + qrSize + 78, 10, COLOURS.muted, 'center');

  // Where the figures come from.
  text(`数据截至 ${beijingMinute(data.asOf)}（北京时间），实时公示：`, width / 2, PAGE.height - 58, 10, COLOURS.muted, 'center');
  text(data.pageUrl, width / 2, PAGE.height - 42, 10, COLOURS.muted, 'center');
  text(`${data.organisation} · 公开透明，接受社会监督`, width / 2, PAGE.height - 22, 10, COLOURS.muted, 'center');
  return { width: PAGE.width, height: PAGE.height, shapes };
}

/** Dark modules as rectangles (runs of a row merged), white quiet zone of 2 modules around. */
function qrShapes(url: string, x: number, y: number, size: number, shapes: PosterShape[]): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 4);
  shapes.push({ kind: 'rect', x, y, width: size, height: size, color: COLOURS.white });
  const rects: { x: number; y: number; width: number; height: number }[] = [];
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (!qr.modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < n && qr.modules.get(row, end + 1)) end += 1;
      rects.push({ x: x + (col + 2) * cell, y: y + (row + 2) * cell, width: (end - col + 1) * cell, height: cell });
      col = end;
    }
  }
  shapes.push({ kind: 'rects', rects, color: COLOURS.qr });
}
