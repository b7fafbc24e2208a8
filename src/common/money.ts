// Money is an integer number of fen (分) everywhere; these helpers never touch floats. Browser-safe (no BigInt, no
// imports, no destructuring): the staff console and the donor pages' bundles use this very file (scripts/build-console.mjs).

export const MAX_DONATION_FEN = 100_000_000;

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const DIGIT_UNITS = ['', '拾', '佰', '仟'];
// Four-digit sections, lowest first; MAX_SAFE_INTEGER fen needs 14 yuan digits, so 万亿 is the top.
const SECTION_UNITS = ['', '万', '亿', '万亿'];

export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

// Exact quotient of non-negative integers: the remainder is removed before dividing.
function intDiv(dividend: number, divisor: number): number {
  return (dividend - (dividend % divisor)) / divisor;
}

function assertSafeInteger(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
}

export function formatYuan(fen: number): string {
  assertSafeInteger(fen);
  // String slicing keeps this exact for every safe integer.
  const digits = String(Math.abs(fen)).padStart(3, '0');
  const sign = fen < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

export function formatYuanDisplay(fen: number): string {
  const grouped = groupedYuan(fen);
  return grouped.startsWith('-') ? `-¥${grouped.slice(1)}` : `¥${grouped}`;
}

/** 1,234.56 style, without the sign: integer fen to a grouped yuan string (no floats). */
export function groupedYuan(fen: number): string {
  // No destructuring: this file is bundled for Safari 13 too (the console and the donor pages), where esbuild refuses it.
  const plain = formatYuan(fen);
  const dot = plain.length - 3;
  return `${plain.slice(0, dot).replace(/\B(?=(\d{3})+$)/g, ',')}${plain.slice(dot)}`;
}

/** 1,234.56, or 1,234 for whole yuan (the donation pages' words): integer fen, no floats. */
export function groupedYuanBrief(fen: number): string {
  const grouped = groupedYuan(fen);
  return grouped.endsWith('.00') ? grouped.slice(0, -3) : grouped;
}

// Either plain digits or correctly grouped thousands, then a dot and decimals (more than two is its own refusal).
const YUAN_PATTERN = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/;
const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

/** Why a text is not an amount: nothing there, not digits, more than two decimals, more fen than MAX_SAFE_INTEGER. */
export type YuanProblem = 'empty' | 'format' | 'decimals' | 'too_large';
export type YuanReading = { fen: number; problem?: undefined } | { fen?: undefined; problem: YuanProblem };

/**
 * The one reading of a yuan amount, for the server, the staff console and the donor pages (browser-safe: no BigInt,
 * no floats). The fen are the yuan digits followed by the two decimal digits, compared as a digit string with
 * MAX_SAFE_INTEGER before Number() reads them, so the result is exact or refused.
 */
export function readYuan(text: string): YuanReading {
  const trimmed = String(text).trim();
  if (trimmed === '') return { problem: 'empty' };
  const match = YUAN_PATTERN.exec(trimmed);
  if (!match) return { problem: 'format' };
  const decimals = match[2] === undefined ? '' : match[2];
  if (decimals.length > 2) return { problem: 'decimals' };
  const digits = (match[1].replace(/,/g, '') + `${decimals}00`.slice(0, 2)).replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_SAFE_DIGITS.length || (digits.length === MAX_SAFE_DIGITS.length && digits > MAX_SAFE_DIGITS)) return { problem: 'too_large' };
  return { fen: Number(digits) };
}

/**
 * What a person types, in the form readYuan reads: full-width digits, dot and comma (１２３．４, 。, ，) made ASCII,
 * spaces dropped, a leading ¥/￥ and a trailing 元 removed, and a dot after the last digit dropped ("3." is 3).
 */
export function normalizeYuanInput(text: string): string {
  return String(text)
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\uFF0E\u3002]/g, '.')
    .replace(/\uFF0C/g, ',')
    .replace(/\s+/g, '')
    .replace(/^[¥\uFFE5]/, '')
    .replace(/元$/, '')
    .replace(/(\d)\.$/, '$1');
}

/** An amount typed by a person (donor pages, staff console, the no-script donation form): normalizeYuanInput, then readYuan. */
export function readYuanInput(text: string): YuanReading {
  return readYuan(normalizeYuanInput(text));
}

/** Strict: plain or correctly grouped digits, at most two decimals, surrounding spaces only; throws RangeError otherwise. */
export function parseYuanToFen(text: string): number {
  const reading = readYuan(text);
  if (reading.problem === 'too_large') throw new RangeError(`amount too large: ${text}`);
  if (reading.fen === undefined) throw new RangeError(`not a yuan amount: ${JSON.stringify(text)}`);
  return reading.fen;
}

// Reads one four-digit section (1..9999) with 零 for inner zero runs, 壹拾 always written out.
function sectionToCapitals(section: number): string {
  let out = '';
  let pendingZero = false;
  for (let power = 3; power >= 0; power--) {
    const digit = intDiv(section, 10 ** power) % 10;
    if (digit === 0) {
      pendingZero = out !== '';
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + DIGIT_UNITS[power];
  }
  return out;
}

function yuanToCapitals(yuan: number): string {
  const sections: number[] = [];
  for (let rest = yuan; rest > 0; rest = intDiv(rest, 10_000)) sections.push(rest % 10_000);
  let out = '';
  let pendingZero = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i];
    if (section === 0) {
      pendingZero = out !== '';
      continue;
    }
    // A zero run spanning a section boundary (10010000 → 壹仟零壹万) is read as one 零.
    if (out !== '' && (pendingZero || section < 1000)) out += '零';
    pendingZero = false;
    out += sectionToCapitals(section) + SECTION_UNITS[i];
  }
  return out;
}

/**
 * Amount in financial capitals (大写) following 《支付结算办法》附件一:
 * 元 or 角 endings get 整 (整 after 角 is optional there; we always write it), 分 never does;
 * zero jiao before non-zero fen is written 元零X分; the optional 零 after a yuan part ending
 * in 0 before 角 is omitted (壹拾元伍角整); amounts under one yuan start at 角/分 (伍分).
 */
export function toChineseCapitals(fen: number): string {
  if (!isFen(fen)) throw new RangeError(`not a non-negative integer amount of fen: ${String(fen)}`);
  if (fen === 0) return '零元整';
  const yuan = intDiv(fen, 100);
  const jiao = intDiv(fen, 10) % 10;
  const cent = fen % 10;
  let out = yuan > 0 ? `${yuanToCapitals(yuan)}元` : '';
  if (jiao === 0 && cent === 0) return `${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  return cent > 0 ? `${out}${DIGITS[cent]}分` : `${out}整`;
}
