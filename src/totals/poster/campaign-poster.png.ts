import { PosterLayout } from './campaign-poster.layout';
import { textOutline } from './poster-font';
import { RasterCanvas, rectPath } from './png-raster';

/** Wide enough for a phone screen and a WeChat moment. */
export const POSTER_PNG_WIDTH = 1080;

/** The poster as a PNG, rasterised in JavaScript from the same layout as the PDF. Pure. */
export function renderPosterPng(layout: PosterLayout, width = POSTER_PNG_WIDTH): Buffer {
  const scale = width / layout.width;
  const canvas = new RasterCanvas(width, Math.round(layout.height * scale));
  for (const shape of layout.shapes) {
    if (shape.kind === 'rect') {
      canvas.fillRect(shape.x * scale, shape.y * scale, shape.width * scale, shape.height * scale, shape.color);
    } else if (shape.kind === 'rects') {
      canvas.fillPath(
        shape.rects.flatMap((r) => rectPath(r.x * scale, r.y * scale, r.width * scale, r.height * scale)),
        shape.color,
      );
    } else {
      const outline = textOutline(shape.text, shape.size).map((c) => ({
        command: c.command,
        args: c.args.map((v, k) => (k % 2 === 0 ? (shape.x + v) * scale : (shape.y + v) * scale)),
      }));
      canvas.fillPath(outline, shape.color);
    }
  }
  return canvas.toPng();
}
