import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeGlyphsOnce, KEPT_LAYOUTS, layoutsKept } from './receipt-font';
import { RECEIPT_TEMPLATES_DIR } from './receipt-layout';

interface Glyph {
  id: number;
  _decode(): { numberOfContours: number } | null;
}
interface Subset {
  includeGlyph(glyph: Glyph | number): number;
  encode(): Uint8Array;
}
interface Run {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
  advanceWidth: number;
}
interface Font {
  layout: (...args: unknown[]) => unknown;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  glyphsForString(text: string): Glyph[];
  createSubset(): Subset;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(buffer: Buffer): Font };
const layout = JSON.parse(readFileSync(join(RECEIPT_TEMPLATES_DIR, 'receipt', 'receipt.layout.json'), 'utf8')) as { font: string };
const bytes = readFileSync(join(RECEIPT_TEMPLATES_DIR, layout.font));

/** What pdfkit does for a document: the glyphs of its text into a new subset of the font, encoded. */
function subsetOf(font: Font, text: string): Buffer {
  const subset = font.createSubset();
  for (const glyph of font.glyphsForString(text)) subset.includeGlyph(glyph.id);
  return Buffer.from(subset.encode());
}

const TEXTS = ['北京市温暖基金会 捐赠证明 温暖武汉 张伟 ¥1,234.56 壹仟贰佰叁拾肆元伍角陆分', '喆昇堃赟犇 2020年02月01日 WH-2020-00000001 张伟'];

describe('decodeGlyphsOnce (the receipt font in every document)', () => {
  it('gives byte for byte the subsets fontkit gives without it, composite glyphs included, document after document', () => {
    const plain = fontkit.create(bytes);
    const once = decodeGlyphsOnce(fontkit.create(bytes));
    // The texts hold composite glyphs (made of other glyphs, which the subset renumbers), not only simple ones.
    const kinds = new Set(TEXTS.flatMap((t) => plain.glyphsForString(t).map((g) => Math.sign(g._decode()?.numberOfContours ?? 0))));
    expect(kinds).toEqual(new Set([-1, 0, 1]));
    for (const text of [...TEXTS, ...TEXTS, TEXTS.join('')]) expect(subsetOf(once, text).equals(subsetOf(plain, text))).toBe(true);
  });

  it("decodes each glyph's record once however many documents use it; a font without the wrapper decodes it for each", () => {
    const decodes = (font: Font, documents: number) => {
      const proto = Object.getPrototypeOf(font.getGlyph(font.glyphsForString('温')[0].id)) as { _decode: () => unknown };
      const spy = jest.spyOn(proto, '_decode');
      try {
        for (let i = 0; i < documents; i += 1) subsetOf(font, TEXTS[0]);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const one = decodes(fontkit.create(bytes), 1);
    expect(one).toBeGreaterThanOrEqual(
      new Set(
        fontkit
          .create(bytes)
          .glyphsForString(TEXTS[0])
          .map((g) => g.id),
      ).size,
    );
    expect(decodes(fontkit.create(bytes), 3)).toBe(3 * one);
    // Within one document a glyph used on its own and inside a composite is decoded once, not twice.
    const firstDocument = decodes(decodeGlyphsOnce(fontkit.create(bytes)), 1);
    expect(firstDocument).toBeLessThanOrEqual(one);
    expect(decodes(decodeGlyphsOnce(fontkit.create(bytes)), 3)).toBe(firstDocument);
  });

  it('leaves a variable font as it is (fontkit adjusts its decoded records in place)', () => {
    const getGlyph = () => ({ _decode: () => ({}) });
    const font = { layout: () => undefined, getGlyph, _variationProcessor: {} };
    expect(decodeGlyphsOnce(font).getGlyph).toBe(getGlyph);
  });
});

describe('layoutsKept (a text shaped once for every document)', () => {
  const shape = (font: Font, text: string, ...options: unknown[]) => font.layout(text, ...options) as Run;
  const plainly = (run: Run) => ({ glyphs: run.glyphs.map((g) => g.id), positions: run.positions.map((p) => ({ ...p })), advanceWidth: run.advanceWidth });

  it("gives fontkit's own run for a text, each time, and a copy the caller may scale in place (as pdfkit does)", () => {
    const plain = fontkit.create(bytes);
    const kept = layoutsKept(fontkit.create(bytes));
    for (const text of [...TEXTS, ...TEXTS]) {
      const run = shape(kept, text);
      expect(plainly(run)).toEqual(plainly(shape(plain, text)));
      // pdfkit's layoutRun: every position scaled to 1000 units per em, in place.
      for (const position of run.positions) position.xAdvance *= 0.5;
    }
    expect(plainly(shape(kept, TEXTS[0]))).toEqual(plainly(shape(plain, TEXTS[0])));
  });

  it('shapes each text once however many documents ask; a layout with features, or past the bound, is shaped afresh', () => {
    const font = fontkit.create(bytes);
    const shaping = jest.spyOn(font, 'layout');
    const kept = layoutsKept(font);
    for (let document = 0; document < 3; document += 1) for (const text of TEXTS) shape(kept, text);
    expect(shaping).toHaveBeenCalledTimes(TEXTS.length);
    shape(kept, TEXTS[0], ['liga']);
    expect(shaping).toHaveBeenCalledTimes(TEXTS.length + 1);
    for (let n = 0; n < KEPT_LAYOUTS; n += 1) shape(kept, `捐赠人${n}`);
    shaping.mockClear();
    shape(kept, TEXTS[0]);
    expect(shaping).toHaveBeenCalledTimes(1);
  });
});
