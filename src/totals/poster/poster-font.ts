import { readFileSync } from 'node:fs';
import { DOCUMENT_FONT_FILE } from '../../common/document-font';

/** The parts of fontkit (pdfkit's own font engine) the poster uses: layout and glyph outlines. */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}
interface Glyph {
  path: { commands: PathCommand[] };
}
interface GlyphRun {
  glyphs: Glyph[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface Font {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string): GlyphRun;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(buffer: Buffer): Font };

/** The Chinese font the receipts embed (WenQuanYi Micro Hei), shared by the PDF and the PNG poster. */
export const POSTER_FONT_FILE = DOCUMENT_FONT_FILE;

let loaded: { bytes: Buffer; font: Font } | null = null;

export function posterFont(): { bytes: Buffer; font: Font } {
  if (!loaded) {
    const bytes = readFileSync(POSTER_FONT_FILE);
    loaded = { bytes, font: fontkit.create(bytes) };
  }
  return loaded;
}

/** Width of a line of text at `size` points. */
export function textWidth(text: string, size: number): number {
  const { font } = posterFont();
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}

/** The glyph outlines of a line, in points, with the baseline at y = 0 and y growing downwards. */
export function textOutline(text: string, size: number): PathCommand[] {
  const { font } = posterFont();
  const scale = size / font.unitsPerEm;
  const run = font.layout(text);
  const out: PathCommand[] = [];
  let pen = 0;
  run.glyphs.forEach((glyph, i) => {
    const pos = run.positions[i];
    const dx = pen + pos.xOffset;
    for (const c of glyph.path.commands) {
      const args = c.args.map((v, k) => (k % 2 === 0 ? (v + dx) * scale : -(v + pos.yOffset) * scale));
      out.push({ command: c.command, args });
    }
    pen += pos.xAdvance;
  });
  return out;
}

/** Breaks text into lines no wider than `width` (any character may end a line: Chinese has no spaces). */
export function wrapText(text: string, size: number, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (line && textWidth(line + ch, size) > width) {
      if (lines.length === maxLines - 1) {
        // No room for the rest: end the last line with an ellipsis that fits.
        let cut = Array.from(line);
        while (cut.length > 1 && textWidth(`${cut.join('')}…`, size) > width) cut = cut.slice(0, -1);
        lines.push(`${cut.join('')}…`);
        return lines;
      }
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  return lines;
}
