import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors';
import { parseTimestamp } from '../common/text';

/** Per line; stock adds lines up in bigint, so a campaign's totals stay exact. */
export const MAX_QUANTITY = 100_000_000;
/** Declared value of one line: ¥10,000,000,000.00; 50 lines stay far below Number.MAX_SAFE_INTEGER. */
export const MAX_LINE_VALUATION_FEN = 1_000_000_000_000;

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;
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

export function checkIdempotencyKey(key: string | undefined): string | null {
  if (key === undefined || key === '') return null;
  if (!IDEMPOTENCY_KEY.test(key)) throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key 须为 8-128 个可见 ASCII 字符');
  return key;
}

/** sha256 of the request with keys sorted, so a retry that reorders keys is still the same request. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
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
