export interface FitStyle {
  size: number;
  minSize?: number; // smallest size tried before cutting the text with …
  characterSpacing?: number;
  maxLines?: number; // defaults to 1
}

export interface FittedText {
  lines: string[];
  size: number;
}

/** Line height as a multiple of the font size for wrapped values. */
export const LINE_SPACING = 1.2;
const STEP = 0.5;
// A single line may shrink this far before wrapping onto more lines is preferred.
const SINGLE_LINE_SHRINK = 0.85;

/**
 * Fits text into a box without ever overflowing it: first one line shrunk a little, then up
 * to maxLines lines (broken between any two characters, as Chinese allows) down to minSize,
 * and only then the last line cut with …, because names and titles must stay whole if at all
 * possible.
 */
export function fitText(doc: PDFKit.PDFDocument, text: string, width: number, height: number, style: FitStyle): FittedText {
  const chars = Array.from(text);
  const minSize = Math.min(style.minSize ?? style.size, style.size);
  const maxLines = style.maxLines ?? 1;
  const measure = (s: string) => doc.widthOfString(s, { characterSpacing: style.characterSpacing ?? 0 });
  const sizes: number[] = [];
  for (let size = style.size; size >= minSize - 1e-9; size -= STEP) sizes.push(size);

  for (const size of sizes.filter((s) => s >= style.size * SINGLE_LINE_SHRINK || maxLines === 1)) {
    doc.fontSize(size);
    if (measure(text) <= width) return { lines: [text], size };
  }
  for (const size of sizes) {
    doc.fontSize(size);
    const lines = wrap(chars, width, measure);
    if (lines.length <= maxLines && (lines.length === 1 || lines.length * size * LINE_SPACING <= height)) {
      return { lines, size };
    }
  }
  const size = minSize;
  doc.fontSize(size);
  const lines = wrap(chars, width, measure);
  const lineCount = Math.max(1, Math.min(maxLines, Math.floor(height / (size * LINE_SPACING))));
  const kept = lines.slice(0, lineCount);
  const last = Array.from(kept[kept.length - 1]);
  while (last.length > 0 && measure(`${last.join('')}…`) > width) last.pop();
  kept[kept.length - 1] = `${last.join('')}…`;
  return { lines: kept, size };
}

function wrap(chars: string[], width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const char of chars) {
    if (line !== '' && measure(line + char) > width) {
      lines.push(line);
      line = char.trimStart();
    } else {
      line += char;
    }
  }
  return line === '' && lines.length > 0 ? lines : [...lines, line];
}
