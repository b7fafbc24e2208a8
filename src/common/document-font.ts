import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TEMPLATES_DIR } from './page-renderer';

/**
 * The Chinese font the service's documents embed (delivery notes, payment notices, the poster):
 * the receipt font, WenQuanYi Micro Hei cut to every CJK Unified Ideograph it has
 * (scripts/subset-font.sh), which covers unit names, goods and purposes.
 */
export const DOCUMENT_FONT_FILE = join(TEMPLATES_DIR, 'fonts', 'WenQuanYiMicroHei-receipt.ttf');

let font: Promise<Buffer> | undefined;

/** The font's bytes, read once per process (read again after a failed read). */
export function documentFontBytes(): Promise<Buffer> {
  font ??= readFile(DOCUMENT_FONT_FILE).catch((error: unknown) => {
    font = undefined;
    throw error;
  });
  return font;
}
