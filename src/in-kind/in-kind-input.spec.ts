import { DomainError } from '../common/errors';
import { requestHash } from '../common/idempotency';
import { acceptedValueFen, assertDistinctItems, assertQuantity, checkIdempotencyKey, expiryDate } from './in-kind-input';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return null;
};

describe('in-kind input rules', () => {
  it('values the accepted share of a line in whole fen, rounded down, exactly beyond 2^53 intermediates', () => {
    expect(acceptedValueFen(75_001, 3, 2)).toBe(50_000);
    expect(acceptedValueFen(1_200_000, 1000, 850)).toBe(1_020_000);
    expect(acceptedValueFen(null, 10, 10)).toBe(0);
    expect(acceptedValueFen(500, 10, 0)).toBe(0);
    // 10^12 fen × 99,999,999 would lose precision as a float product
    expect(acceptedValueFen(1_000_000_000_000, 100_000_000, 99_999_999)).toBe(999_999_990_000);
  });

  it('takes quantities as integers from the minimum to 100000000', () => {
    expect(codeOf(() => assertQuantity(1, 'x'))).toBeNull();
    expect(codeOf(() => assertQuantity(0, 'x', { min: 0 }))).toBeNull();
    for (const bad of [0, -1, 1.5, 100_000_001, Number.NaN]) expect(codeOf(() => assertQuantity(bad, 'x'))).toBe('INVALID_QUANTITY');
  });

  it('refuses a repeated item and a malformed Idempotency-Key', () => {
    expect(codeOf(() => assertDistinctItems(['a', 'b', 'a']))).toBe('DUPLICATE_ITEM');
    expect(checkIdempotencyKey(undefined)).toBeNull();
    expect(checkIdempotencyKey('key-12345')).toBe('key-12345');
    expect(codeOf(() => checkIdempotencyKey('short'))).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('hashes requests independently of key order, and differently for different content', () => {
    expect(requestHash({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(requestHash({ b: [{ y: 2, x: 1 }], a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash([{ a: 1 }, { a: 2 }])).not.toBe(requestHash([{ a: 2 }, { a: 1 }]));
  });

  it('reads an expiry as a calendar date, a timestamp as its Beijing day', () => {
    expect(expiryDate('2022-01-14')).toBe('2022-01-14');
    expect(expiryDate('2022-01-14T20:00:00Z')).toBe('2022-01-15');
    expect(expiryDate(undefined)).toBeNull();
    expect(codeOf(() => expiryDate('2021-02-30'))).toBe('INVALID_DATE');
  });
});
