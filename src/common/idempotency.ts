import { createHash } from 'node:crypto';
import { DomainError } from './errors';

/**
 * The Idempotency-Key rule of every write that takes one (donations, refunds, pledges, inspections,
 * distributions, the donate page's form): 8-128 visible ASCII characters. The same key with the
 * same request answers what the first one made; the same key with another request is
 * 409 IDEMPOTENCY_KEY_REUSED. Each feature keeps the key in a unique column of its own table, so
 * two concurrent first requests leave one row.
 */
export const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,128}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}

/** A key as sent, checked: undefined stays undefined (no key); anything else must follow the rule (400 INVALID_IDEMPOTENCY_KEY). */
export function assertIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new DomainError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key 须为 8-128 个可见 ASCII 字符');
}

/** sha256 of the request with object keys sorted, so a retry that reorders keys is still the same request. */
export function requestHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * A request under a key already used: it must be the same request (its hash), or it is refused.
 * `what` names the earlier one in the message, e.g. 笔不同的捐赠.
 */
export function assertSameRequest(earlierHash: string | null, hash: string, what: string): void {
  if (earlierHash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED', `该 Idempotency-Key 已用于另一${what}`);
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
