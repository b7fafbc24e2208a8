import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECEIPT_TEMPLATES_DIR } from './receipt-layout';
import { firstUnprintable } from './receipt-glyph-coverage';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('fontkit') as { create(buffer: Buffer): { hasGlyphForCodePoint(cp: number): boolean } };
const layout = JSON.parse(readFileSync(join(RECEIPT_TEMPLATES_DIR, 'receipt', 'receipt.layout.json'), 'utf8')) as { font: string };
const font = fontkit.create(readFileSync(join(RECEIPT_TEMPLATES_DIR, layout.font)));

describe('firstUnprintable (against the receipt font)', () => {
  // Beyond GB 2312 too: the font carries every CJK Unified Ideograph its source has (喆 昇 堃 赟 犇); Extension A (㐀) it lacks, and is refused.
  it.each(['张伟', '欧阳娜娜', '爨建国', '武汉光谷科技有限公司（筹）', 'Zhang Wei · 张伟', '李四-2', '王喆', '李昇', '张堃', '陈赟', '刘犇'])(
    'prints %s',
    (text) => {
      expect(firstUnprintable(font, text)).toBeNull();
    },
  );

  it.each([
    ['张伟😀', '😀'],
    ['爱心👍🏽人士', '👍🏽'],
    ['王❤️', '❤️'],
    ['𠀀先生', '𠀀'],
  ])('finds the first character %s cannot print', (text, expected) => {
    expect(firstUnprintable(font, text)).toBe(expected);
  });
});
