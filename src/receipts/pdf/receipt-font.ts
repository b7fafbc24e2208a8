import PDFDocument from 'pdfkit';

/** The part of a fontkit glyph the subset reads: its raw `glyf` record, decoded. */
interface DecodableGlyph {
  _decode?: () => unknown;
}

/** The part of a parsed fontkit font touched here. */
interface ParsedFont {
  layout: (...args: unknown[]) => unknown;
  getGlyph: (id: number, codePoints?: number[]) => DecodableGlyph | null;
  _variationProcessor?: unknown;
}

/**
 * pdfkit parses a font given as bytes again for every document: for the receipt font that parse,
 * and the glyph metrics and layout tables it decodes afresh, cost more than the rest of the
 * page. pdfkit also takes an already parsed font (its fontkit object, anything with layout()) and
 * only reads from it, subsetting into each document separately, so each font file is parsed
 * once per process here, with pdfkit's own fontkit, and shared by every document.
 */
const parsedFonts = new WeakMap<Buffer, unknown>();

export function parsedFont(font: Buffer): unknown {
  let parsed = parsedFonts.get(font);
  if (parsed === undefined) {
    const probe = new PDFDocument({ autoFirstPage: false, font: font as unknown as string });
    const candidate = (probe as unknown as { _font?: { font?: Partial<ParsedFont> } })._font?.font;
    // Should a pdfkit version keep it elsewhere, fall back to the bytes (slower, same output).
    parsed =
      typeof candidate?.layout === 'function' && typeof candidate.getGlyph === 'function' ? layoutsKept(decodeGlyphsOnce(candidate as ParsedFont)) : font;
    parsedFonts.set(font, parsed);
  }
  return parsed;
}

/**
 * fontkit's TrueType subset decodes every glyph it copies into a document (all its points, to
 * learn whether it is a composite of other glyphs), in every document again: a quarter of a
 * receipt PDF's CPU, for the same few hundred glyphs (the template's text, digits, common names).
 * A glyph's record in the font never changes, and fontkit keeps one glyph object per glyph id
 * for the life of the font, so each glyph's decoded record is kept on it after its first decode.
 * Not for a variable font: there fontkit adjusts the decoded record in place for the variation.
 * The subset's bytes are the same either way (receipt-font.spec.ts).
 */
export function decodeGlyphsOnce<F extends ParsedFont>(font: F): F {
  if (font._variationProcessor) return font;
  const getGlyph = font.getGlyph.bind(font);
  const done = new WeakSet<DecodableGlyph>();
  font.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && !done.has(glyph) && typeof glyph._decode === 'function') {
      done.add(glyph);
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | null = null;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
    }
    return glyph;
  };
  return font;
}

/** The part of a fontkit glyph run that pdfkit reads and changes: it scales each position in place. */
interface GlyphRunLike {
  glyphs: unknown[];
  positions: object[];
}

/** Distinct texts whose layout a font keeps; past it the kept ones are dropped and kept afresh. */
export const KEPT_LAYOUTS = 2_000;

/**
 * fontkit shapes a text (its OpenType substitutions and positioning) each time it is asked, and
 * pdfkit keeps the result for one document only: a receipt shapes the same two dozen labels,
 * headings and the organisation's name again in every PDF, a tenth of its CPU. The shaped run of
 * a text is the same every time for the same font, so it is kept here across documents, and each
 * caller gets a copy of its positions (pdfkit scales them in place). Only a plain layout (no
 * features, script, language or direction given) is kept, of at most KEPT_LAYOUTS texts.
 */
export function layoutsKept<F extends ParsedFont>(font: F): F {
  const layout = font.layout.bind(font);
  const kept = new Map<string, GlyphRunLike>();
  font.layout = (...args: unknown[]) => {
    const [text, ...options] = args;
    if (typeof text !== 'string' || options.some((option) => option !== undefined)) return layout(...args);
    let run = kept.get(text);
    if (!run) {
      run = layout(text) as GlyphRunLike;
      if (kept.size >= KEPT_LAYOUTS) kept.clear();
      kept.set(text, run);
    }
    const copy = shallowCopy(run);
    copy.glyphs = run.glyphs.slice();
    copy.positions = run.positions.map(shallowCopy);
    return copy;
  };
  return font;
}

/** A new object of the same class with the same own fields (fontkit's GlyphRun and GlyphPosition). */
function shallowCopy<T extends object>(value: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value);
}
