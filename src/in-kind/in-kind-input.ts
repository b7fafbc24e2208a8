import { DomainError } from '../common/errors';
import { assertIdempotencyKey } from '../common/idempotency';
import { parseTimestamp } from '../common/text';

/** Per line; stock adds lines up in bigint, so a campaign's totals stay exact. */
export const MAX_QUANTITY = 100_000_000;
/** Declared value of one line: ¥10,000,000,000.00; 50 lines stay far below Number.MAX_SAFE_INTEGER. */
export const MAX_LINE_VALUATION_FEN = 1_000_000_000_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function assertQuantity(value: number, what: string, { min = 1 } = {}): void {
  if (!Number.isSafeInteger(value) || value < min || value > MAX_QUANTITY) {
    throw new DomainError('INVALID_QUANTITY', `${what}须为 ${min} 至 ${MAX_QUANTITY} 之间的整数`);
  }
}

/** One line per item in a request: two lines of the same item would make inspection ambiguous. */
export function assertDistinctItems(codes: string[]): void {
  const seen = new Set<string>();
  for (const code of codes) {
    if (seen.has(code)) throw new DomainError('DUPLICATE_ITEM', `物资 ${code} 重复出现，请合并为一行`);
    seen.add(code);
  }
}

/** Goods routes: an empty header is no key. */
export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  assertIdempotencyKey(key);
  return key;
}

/** YYYY-MM-DD: a date as given, or the Beijing calendar day of a timestamp. */
export function expiryDate(value: string | undefined): string | null {
  if (value === undefined) return null;
  const instant = parseTimestamp(value);
  if (!instant) throw new DomainError('INVALID_DATE', `有效期 ${value} 不是有效日期`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : shanghaiDay(instant);
}

export function shanghaiDay(date: Date): string {
  return SHANGHAI_DAY.format(date);
}

/** Accepted share of a line's declared value, rounded down: a receipt never states more than was given. */
export function acceptedValueFen(valuationFen: number | null, quantity: number, acceptedQuantity: number): number {
  if (valuationFen === null || acceptedQuantity === 0) return 0;
  return Number((BigInt(valuationFen) * BigInt(acceptedQuantity)) / BigInt(quantity));
}
