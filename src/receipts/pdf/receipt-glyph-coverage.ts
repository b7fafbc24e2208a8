import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../../common/errors';
import { loadReceiptTemplate } from './receipt-layout';

/** The one question asked of fontkit (pdfkit's own font engine) here. */
interface GlyphLookup {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(buffer: Buffer): GlyphLookup };

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The first character (as the reader sees it: an emoji with its modifiers) of `text` the font has no glyph for; null when every one prints. */
export function firstUnprintable(font: GlyphLookup, text: string): string | null {
  for (const { segment } of graphemes.segment(text)) {
    for (const ch of segment) {
      if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) return segment;
    }
  }
  return null;
}

/**
 * Refuses text the receipt PDF would print as empty boxes: the font embedded in every receipt
 * (the layout's font file, parsed once at start) must have a glyph for each of its characters.
 */
@Injectable()
export class ReceiptGlyphCoverage implements OnModuleInit {
  private font: GlyphLookup | null = null;

  async onModuleInit(): Promise<void> {
    this.font = fontkit.create((await loadReceiptTemplate()).font);
  }

  /** `label` names the field in the donor's words (名称, 票据抬头). */
  assertPrintable(field: string, label: string, text: string | null | undefined): void {
    if (!text) return;
    if (!this.font) throw new Error('receipt font not loaded yet');
    const character = firstUnprintable(this.font, text);
    if (character === null) return;
    throw new DomainError('UNPRINTABLE_CHARACTERS', `${label}中的“${character}”无法打印在捐赠证明上，请删除或改用文字`, {
      field,
      character,
    });
  }
}
