import { DomainError } from './errors';
import { assertIdempotencyKey, assertSameRequest, isIdempotencyKey, requestHash } from './idempotency';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('idempotency rule', () => {
  it('takes 8-128 visible ASCII characters and nothing else', () => {
    expect(isIdempotencyKey('a'.repeat(8))).toBe(true);
    expect(isIdempotencyKey('a'.repeat(128))).toBe(true);
    for (const bad of ['', 'short', 'a'.repeat(129), 'with space', '中文中文中文中文', 'tab\tkey12', undefined, 12345678])
      expect(isIdempotencyKey(bad)).toBe(false);
    expect(codeOf(() => assertIdempotencyKey(undefined))).toBeUndefined();
    expect(codeOf(() => assertIdempotencyKey(''))).toBe('INVALID_IDEMPOTENCY_KEY');
    expect(codeOf(() => assertIdempotencyKey('order-2020-02-01'))).toBeUndefined();
  });

  it('a reused key must carry the same request; the message names what it was used for', () => {
    const hash = requestHash({ amountFen: 5000, channel: 'wechat' });
    expect(codeOf(() => assertSameRequest(requestHash({ channel: 'wechat', amountFen: 5000 }), hash, '笔不同的捐赠'))).toBeUndefined();
    expect(codeOf(() => assertSameRequest(requestHash({ amountFen: 5001, channel: 'wechat' }), hash, '笔不同的捐赠'))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(codeOf(() => assertSameRequest(null, hash, '次不同的退款'))).toBe('IDEMPOTENCY_KEY_REUSED');
    try {
      assertSameRequest(null, hash, '次不同的退款');
    } catch (error) {
      expect((error as DomainError).message).toBe('该 Idempotency-Key 已用于另一次不同的退款');
    }
  });
});
