import PDFDocument from 'pdfkit';
import { PosterLayout } from './campaign-poster.layout';
import { posterFont } from './poster-font';

/** The poster as a print-ready PDF (A4, the Chinese font embedded, the QR code as vector squares). Pure. */
export function renderPosterPdf(layout: PosterLayout, meta: { title: string; author: string; date: Date }): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [layout.width, layout.height],
    margin: 0,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, CreationDate: meta.date, ModDate: meta.date },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('poster', posterFont().bytes);
  doc.font('poster');
  for (const shape of layout.shapes) {
    if (shape.kind === 'rect') doc.rect(shape.x, shape.y, shape.width, shape.height).fill(shape.color);
    else if (shape.kind === 'rects') {
      for (const r of shape.rects) doc.rect(r.x, r.y, r.width, r.height);
      doc.fill(shape.color);
    } else doc.fontSize(shape.size).fillColor(shape.color).text(shape.text, shape.x, shape.y, { lineBreak: false, baseline: 'alphabetic' });
  }
  doc.end();
  return done;
}
