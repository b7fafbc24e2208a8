import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MAX_DONATION_FEN,
  formatYuan,
  formatYuanDisplay,
  groupedYuan,
  groupedYuanBrief,
  isFen,
  normalizeYuanInput,
  parseYuanToFen,
  readYuan,
  readYuanInput,
  toChineseCapitals,
} from './money';

// Independent reader of 大写 amounts, used to check toChineseCapitals round-trips.
const CAPITAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';

// Reads an integer written with 拾/佰/仟/万/亿; 万亿 reads as 万 of 亿 because the first 亿 splits.
function parseCapitalInteger(text: string): bigint {
  const yi = text.indexOf('亿');
  if (yi >= 0) return parseCapitalInteger(text.slice(0, yi)) * 100_000_000n + parseCapitalInteger(text.slice(yi + 1));
  const wan = text.indexOf('万');
  if (wan >= 0) return parseCapitalInteger(text.slice(0, wan)) * 10_000n + parseCapitalInteger(text.slice(wan + 1));
  const units: Record<string, bigint> = { 拾: 10n, 佰: 100n, 仟: 1000n };
  let total = 0n;
  let digit = 0n;
  for (const ch of text) {
    const d = CAPITAL_DIGITS.indexOf(ch);
    if (d >= 0) digit = BigInt(d);
    else if (ch in units) {
      total += digit * units[ch];
      digit = 0n;
    } else throw new Error(`unexpected ${ch} in ${text}`);
  }
  return total + digit;
}

function parseCapitals(text: string): number {
  const body = text.replace(/整$/, '');
  const yuanEnd = body.indexOf('元');
  const yuan = yuanEnd >= 0 ? parseCapitalInteger(body.slice(0, yuanEnd)) : 0n;
  const fraction = yuanEnd >= 0 ? body.slice(yuanEnd + 1) : body;
  const jiao = /([壹贰叁肆伍陆柒捌玖])角/.exec(fraction);
  const fen = /([壹贰叁肆伍陆柒捌玖])分/.exec(fraction);
  if (
    fraction
      .replace(/^零/, '')
      .replace(jiao?.[0] ?? '', '')
      .replace(fen?.[0] ?? '', '') !== ''
  ) {
    throw new Error(`unexpected fraction in ${text}`);
  }
  const fractionFen = (jiao ? CAPITAL_DIGITS.indexOf(jiao[1]) * 10 : 0) + (fen ? CAPITAL_DIGITS.indexOf(fen[1]) : 0);
  return Number(yuan * 100n + BigInt(fractionFen));
}

// Second, regex-based reading of the yuan part (the classic "write every unit, then collapse zeros"), below 100亿.
function referenceYuanCapitals(yuan: number): string {
  const positionUnits = ['', '拾', '佰', '仟', '万', '拾', '佰', '仟', '亿', '拾'];
  const digits = String(yuan);
  let full = '';
  for (let i = 0; i < digits.length; i++) {
    full += CAPITAL_DIGITS[Number(digits[i])] + positionUnits[digits.length - 1 - i];
  }
  return `${full}元`
    .replace(/零[拾佰仟]/g, '零')
    .replace(/零+/g, '零')
    .replace(/亿零万/g, '亿零')
    .replace(/零+/g, '零')
    .replace(/零([万亿元])/g, '$1');
}

describe('isFen', () => {
  it.each([0, 1, MAX_DONATION_FEN, Number.MAX_SAFE_INTEGER])('accepts %p', (value) => {
    expect(isFen(value)).toBe(true);
  });

  it.each([-1, 1.5, 0.1, NaN, Infinity, 2 ** 53, '100', null, undefined, 10n])('refuses %p', (value) => {
    expect(isFen(value)).toBe(false);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [100, '1.00'],
    [10_000, '100.00'],
    [123_456, '1234.56'],
    [MAX_DONATION_FEN, '1000000.00'],
    [-100, '-1.00'],
    [-5, '-0.05'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('%p fen → %p', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it.each([1.5, NaN, Infinity, 2 ** 53])('refuses %p', (fen) => {
    expect(() => formatYuan(fen)).toThrow(RangeError);
  });

  it('agrees with BigInt arithmetic for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (fen) => {
        const abs = BigInt(Math.abs(fen));
        const expected = `${fen < 0 ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
        expect(formatYuan(fen)).toBe(expected);
      }),
    );
  });
});

describe('formatYuanDisplay', () => {
  it.each([
    [0, '¥0.00'],
    [99_999, '¥999.99'],
    [100_000, '¥1,000.00'],
    [123_456, '¥1,234.56'],
    [MAX_DONATION_FEN, '¥1,000,000.00'],
    [-123_456, '-¥1,234.56'],
  ])('%p fen → %p', (fen, text) => {
    expect(formatYuanDisplay(fen)).toBe(text);
  });

  it('is read back by parseYuanToFen', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (fen) => {
        expect(parseYuanToFen(formatYuanDisplay(fen).replace('¥', ''))).toBe(fen);
      }),
    );
  });
});

describe('parseYuanToFen', () => {
  it.each([
    ['100', 10_000],
    ['100.5', 10_050],
    ['100.50', 10_050],
    ['0.05', 5],
    ['0', 0],
    ['1,234.56', 123_456],
    ['1,234,567', 123_456_700],
    ['  88.8 ', 8_880],
    ['\t1000\n', 100_000],
    ['007', 700],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%p → %p fen', (text, fen) => {
    expect(parseYuanToFen(text)).toBe(fen);
  });

  it.each([
    '',
    '   ',
    '-1',
    '-0.01',
    '+1',
    '1.234',
    '1.',
    '.5',
    '1e3',
    '1E3',
    '1e-2',
    'abc',
    '12abc',
    '0x10',
    'Infinity',
    'NaN',
    '1,23',
    '12,3456',
    '1,234,5',
    ',123',
    '1,,234',
    '1 000',
    '１００',
    '¥100',
    '90071992547409.92',
    '99999999999999999999',
  ])('refuses %p', (text) => {
    expect(() => parseYuanToFen(text)).toThrow(RangeError);
  });

  it('inverts formatYuan for every safe amount', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (fen) => {
        expect(parseYuanToFen(formatYuan(fen))).toBe(fen);
      }),
    );
  });

  it('never accepts exponent notation, whatever the digits', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: -20, max: 20 }), fc.constantFrom('e', 'E'), (m, exp, e) => {
        expect(() => parseYuanToFen(`${m}${e}${exp}`)).toThrow(RangeError);
      }),
    );
  });
});

// Independent reference for readYuan: BigInt arithmetic (the spec runs on Node; money.ts itself must not use BigInt).
function referenceFen(text: string): bigint | null {
  const m = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  return m ? BigInt(m[1].replace(/,/g, '')) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : null;
}

describe('readYuan (the strict reading, without BigInt)', () => {
  it.each([
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ['90,071,992,547,409.91', Number.MAX_SAFE_INTEGER],
    ['90071992547409.9', 9_007_199_254_740_990],
    ['9007199254740.99', 900_719_925_474_099],
    ['0000000000000090071992547409.91', Number.MAX_SAFE_INTEGER],
    ['99999999999999', null],
    ['1,234.5', 123_450],
    ['0.01', 1],
    ['0.1', 10],
    ['0.00', 0],
    ['000.07', 7],
  ])('%p → %p fen (null: too large)', (text, fen) => {
    expect(readYuan(text)).toEqual(fen === null ? { problem: 'too_large' } : { fen });
  });

  it.each([
    ['', 'empty'],
    [' \t', 'empty'],
    ['1.234', 'decimals'],
    ['0.001', 'decimals'],
    ['1,234.567', 'decimals'],
    ['1.', 'format'],
    ['12,34', 'format'],
    ['1,2345', 'format'],
    ['-1', 'format'],
    ['1e3', 'format'],
    ['１００', 'format'],
    ['¥1', 'format'],
    ['90071992547409.92', 'too_large'],
    ['90071992547410', 'too_large'],
    ['100000000000000', 'too_large'],
    ['99999999999999999999.99', 'too_large'],
  ])('%p is refused: %p', (text, problem) => {
    expect(readYuan(text)).toEqual({ problem });
  });

  it('agrees with BigInt arithmetic on every digit string, grouped or not, up to far past MAX_SAFE_INTEGER', () => {
    const digits = fc.stringMatching(/^\d{1,20}$/);
    const decimals = fc.stringMatching(/^\d{0,3}$/);
    fc.assert(
      fc.property(digits, decimals, fc.boolean(), (whole, cents, grouped) => {
        const yuan = grouped ? whole.replace(/\B(?=(\d{3})+$)/g, ',') : whole;
        const text = cents === '' ? yuan : `${yuan}.${cents}`;
        const expected = referenceFen(text);
        const reading = readYuan(text);
        if (expected === null) expect(reading.fen).toBeUndefined();
        else if (expected > BigInt(Number.MAX_SAFE_INTEGER)) expect(reading).toEqual({ problem: 'too_large' });
        else expect(reading).toEqual({ fen: Number(expected) });
      }),
      { numRuns: 2000 },
    );
  });

  it('stays free of BigInt literals and imports, so the browser bundles can take it (Safari 13)', () => {
    const source = readFileSync(join(__dirname, 'money.ts'), 'utf8');
    expect(source).not.toMatch(/\b\d[\d_]*n\b|BigInt\(/);
    expect(source).not.toMatch(/^import /m);
  });
});

describe('readYuanInput (an amount typed by a person)', () => {
  it.each([
    ['1,234.5', 123_450],
    ['1，234.5', 123_450],
    ['0.01', 1],
    ['１００', 10_000],
    ['１００．５', 10_050],
    ['88。8', 8_880],
    ['¥88.8', 8_880],
    ['￥ 0.07 元', 7],
    [' 1 000 ', 100_000],
    ['3.', 300],
    ['3.元', 300],
    ['007', 700],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
  ])('%p → %p fen', (text, fen) => {
    expect(readYuanInput(text)).toEqual({ fen });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['元', 'empty'],
    ['.', 'format'],
    ['.5', 'format'],
    ['12,34', 'format'],
    ['10,00', 'format'],
    ['1,,234', 'format'],
    ['¥¥1', 'format'],
    ['-5', 'format'],
    ['+5', 'format'],
    ['abc', 'format'],
    ['0x10', 'format'],
    ['1e3', 'format'],
    ['1.234', 'decimals'],
    ['１.２３４', 'decimals'],
    ['90071992547409.92', 'too_large'],
  ])('%p is refused: %p', (text, problem) => {
    expect(readYuanInput(text)).toEqual({ problem });
  });

  it('normalizes only what a person types around the digits', () => {
    expect(normalizeYuanInput(' ￥１，２３４．５ 元 ')).toBe('1,234.5');
    expect(normalizeYuanInput('1.')).toBe('1');
    expect(normalizeYuanInput('.')).toBe('.');
  });

  it('reads back every amount the pages write', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (fen) => {
        expect(readYuanInput(groupedYuan(fen))).toEqual({ fen });
        expect(readYuanInput(groupedYuanBrief(fen))).toEqual({ fen });
        expect(readYuanInput(formatYuanDisplay(fen))).toEqual({ fen });
      }),
    );
  });
});

describe('groupedYuanBrief', () => {
  it.each([
    [0, '0'],
    [5, '0.05'],
    [100, '1'],
    [123_450, '1,234.50'],
    [MAX_DONATION_FEN, '1,000,000'],
    [-250_000, '-2,500'],
  ])('%p → %p', (fen, text) => {
    expect(groupedYuanBrief(fen)).toBe(text);
  });
});

describe('toChineseCapitals', () => {
  it.each([
    // exact yuan end in 整
    [0, '零元整'],
    [100, '壹元整'],
    [1_000, '壹拾元整'],
    [10_000, '壹佰元整'],
    [1_000_000, '壹万元整'],
    [10_000_000, '壹拾万元整'],
    [MAX_DONATION_FEN, '壹佰万元整'],
    // fen only / jiao only
    [5, '伍分'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [150, '壹元伍角整'],
    [1_050, '壹拾元伍角整'],
    // zero jiao before fen is read as 零
    [105, '壹元零伍分'],
    [32_504, '叁佰贰拾伍元零肆分'],
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'],
    [2_000_000_002, '贰仟万元零贰分'],
    // zeros inside
    [100_500, '壹仟零伍元整'],
    [140_950, '壹仟肆佰零玖元伍角整'],
    [600_714, '陆仟零柒元壹角肆分'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [123_456, '壹仟贰佰叁拾肆元伍角陆分'],
    [1_000_100, '壹万零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    [1_010_000, '壹万零壹佰元整'],
    [1_100_000, '壹万壹仟元整'],
    [100_000_100, '壹佰万零壹元整'],
    [1_001_000_000, '壹仟零壹万元整'],
    // 亿 boundaries
    [10_000_000_000, '壹亿元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [10_100_000_000, '壹亿零壹佰万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [1_000_000_000_001, '壹佰亿元零壹分'],
    [99_999_999, '玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [100_000_000_000_000, '壹万亿元整'],
    [100_000_001_000_000, '壹万亿零壹万元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万亿零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%p fen → %s', (fen, capitals) => {
    expect(toChineseCapitals(fen)).toBe(capitals);
    expect(parseCapitals(capitals)).toBe(fen);
  });

  it.each([-1, -100, 1.5, 0.5, NaN, Infinity, 2 ** 53])('refuses %p', (fen) => {
    expect(() => toChineseCapitals(fen)).toThrow(RangeError);
  });

  it('reads back to the same fen for amounts up to 1e12 fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), (fen) => {
        expect(parseCapitals(toChineseCapitals(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back for sparse amounts full of zeros', () => {
    // Few non-zero digits exercise the 零 rules far more often than uniform amounts.
    const sparse = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 })), { maxLength: 3 })
      .map((terms) => terms.reduce((sum, [power, digit]) => sum + BigInt(digit) * 10n ** BigInt(power), 0n))
      .filter((n) => n <= BigInt(Number.MAX_SAFE_INTEGER))
      .map(Number);
    fc.assert(
      fc.property(sparse, (fen) => {
        expect(parseCapitals(toChineseCapitals(fen))).toBe(fen);
      }),
      { numRuns: 2000 },
    );
  });

  it('places 零 in the yuan part exactly as the collapse-zeros reading does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999_999 }), fc.integer({ min: 0, max: 99 }), (yuan, cents) => {
        const text = toChineseCapitals(yuan * 100 + cents);
        expect(text.slice(0, text.indexOf('元') + 1)).toBe(referenceYuanCapitals(yuan));
      }),
      { numRuns: 3000 },
    );
    // Sparse amounts hit the zero rules far more often than uniform ones.
    const sparseYuan = fc
      .uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 })
      .chain((powers) => fc.tuple(fc.constant(powers), fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 })))
      .map(([powers, digits]) => powers.reduce((sum, power, i) => sum + digits[i] * 10 ** power, 0));
    fc.assert(
      fc.property(sparseYuan, (yuan) => {
        expect(toChineseCapitals(yuan * 100)).toBe(`${referenceYuanCapitals(yuan)}整`);
      }),
      { numRuns: 3000 },
    );
  });

  it('follows the 整 and 零 conventions for every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const text = toChineseCapitals(fen);
        expect(text).not.toMatch(/零零|零[元万亿拾佰仟角分]|零整|分整|^零|^[拾佰仟万亿]/);
        expect(text.endsWith('分') || text.endsWith('元整') || text.endsWith('角整')).toBe(true);
        expect(text.endsWith('分')).toBe(fen % 10 !== 0);
      }),
      { numRuns: 2000 },
    );
  });
});
