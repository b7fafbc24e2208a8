// The module object itself (not a namespace copy), so a spy on it is what the provider calls.
import crypto from 'node:crypto';
import { createHmac } from 'node:crypto';
import { AppConfig, loadConfig } from '../config/app-config';
import { SandboxProvider } from './sandbox.provider';

const SECRET = 'sandbox-secret-for-unit-tests';
const BODY = Buffer.from(JSON.stringify({ orderNo: 'WN20261123000001', transactionId: 'SBX-1', amountFen: 12345, paidAt: '2026-11-23T10:00:00+08:00' }));

/** A provider over the real configuration; `null`: SANDBOX_PAYMENT_SECRET unset. */
function provider(secret: string | null = SECRET): SandboxProvider {
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', SANDBOX_PAYMENT_SECRET: secret ?? undefined });
  return new SandboxProvider(config);
}

function hmacHex(body: Buffer | string, secret = SECRET): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

describe('SandboxProvider signature (X-Signature: sha256=<hex HMAC-SHA256(raw body, secret)>)', () => {
  // A spy that calls through: the provider must reach node:crypto's timingSafeEqual for the digest comparison.
  let timingSafeEqual: jest.SpiedFunction<typeof crypto.timingSafeEqual>;
  beforeEach(() => {
    timingSafeEqual = jest.spyOn(crypto, 'timingSafeEqual');
  });
  afterEach(() => timingSafeEqual.mockRestore());

  it('accepts the HMAC-SHA256 of the raw body under the secret', () => {
    expect(provider().verify(BODY, `sha256=${hmacHex(BODY)}`)).toBe(true);
  });

  it('signs exactly as it verifies', () => {
    const sandbox = provider();
    expect(sandbox.sign(BODY)).toBe(`sha256=${hmacHex(BODY)}`);
    expect(sandbox.sign(BODY.toString('utf8'))).toBe(sandbox.sign(BODY));
    expect(sandbox.verify(BODY, sandbox.sign(BODY))).toBe(true);
  });

  it('refuses a missing signature', () => {
    const sandbox = provider();
    expect(sandbox.verify(BODY, undefined)).toBe(false);
    expect(sandbox.verify(BODY, '')).toBe(false);
    expect(sandbox.verify(BODY, 'sha256=')).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    expect(provider().verify(BODY, `sha256=${hmacHex(BODY, 'another-secret-0123456789')}`)).toBe(false);
  });

  it('refuses a body with one byte changed', () => {
    const signature = `sha256=${hmacHex(BODY)}`;
    const sandbox = provider();
    for (const index of [0, Math.floor(BODY.length / 2), BODY.length - 1]) {
      const tampered = Buffer.from(BODY);
      tampered[index] ^= 0x01;
      expect(sandbox.verify(tampered, signature)).toBe(false);
    }
    // The amount in particular: 12345 → 12346.
    const richer = Buffer.from(BODY.toString('utf8').replace('12345', '12346'));
    expect(richer.length).toBe(BODY.length);
    expect(sandbox.verify(richer, signature)).toBe(false);
  });

  it('refuses a body with a byte added or removed (re-serialised JSON is a different body)', () => {
    const signature = `sha256=${hmacHex(BODY)}`;
    const sandbox = provider();
    expect(sandbox.verify(Buffer.concat([BODY, Buffer.from(' ')]), signature)).toBe(false);
    expect(sandbox.verify(BODY.subarray(0, BODY.length - 1), signature)).toBe(false);
    expect(sandbox.verify(Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 2)), signature)).toBe(false);
  });

  it('refuses an uppercase or different prefix', () => {
    const hex = hmacHex(BODY);
    const sandbox = provider();
    for (const header of [
      `SHA256=${hex}`,
      `Sha256=${hex}`,
      `sha1=${hex}`,
      `sha512=${hex}`,
      `hmac-sha256=${hex}`,
      hex,
      `sha256:${hex}`,
      `sha256 = ${hex}`,
      `sha256==${hex}`,
    ]) {
      expect({ header, accepted: sandbox.verify(BODY, header) }).toEqual({ header, accepted: false });
    }
  });

  it('refuses truncated, extended or doubled hex', () => {
    const hex = hmacHex(BODY);
    const sandbox = provider();
    for (const header of [
      `sha256=${hex.slice(0, 63)}`,
      `sha256=${hex.slice(0, 32)}`,
      `sha256=${hex.slice(0, 62)}`,
      `sha256=${hex}0`,
      `sha256=${hex}00`,
      `sha256=${hex}${hex}`,
    ]) {
      expect(sandbox.verify(BODY, header)).toBe(false);
    }
  });

  it('refuses non-hex characters, including ones Buffer.from(hex) would silently drop', () => {
    const hex = hmacHex(BODY);
    const sandbox = provider();
    // Buffer.from('…zz', 'hex') stops at the first bad pair: the check must not compare a shortened digest.
    for (const header of [
      `sha256=${hex.slice(0, 62)}zz`,
      `sha256=${'g'.repeat(64)}`,
      `sha256=${hex.slice(0, 63)}x`,
      `sha256=${Buffer.from(hex, 'hex').toString('base64')}`,
    ]) {
      expect(sandbox.verify(BODY, header)).toBe(false);
    }
  });

  it('accepts the digest written in uppercase hex (only the prefix is case-sensitive)', () => {
    // The regex takes [0-9a-f] case-insensitively; hex digits in either case are the same bytes.
    expect(provider().verify(BODY, `sha256=${hmacHex(BODY).toUpperCase()}`)).toBe(true);
  });

  it('compares digests with crypto.timingSafeEqual, on equal-length buffers, and answers with its result', () => {
    const sandbox = provider();
    expect(sandbox.verify(BODY, `sha256=${hmacHex(BODY)}`)).toBe(true);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [expected, given] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
    expect(expected.length).toBe(32);
    expect(given.length).toBe(32);
    expect(timingSafeEqual.mock.results[0]).toEqual({ type: 'return', value: true });

    timingSafeEqual.mockClear();
    expect(sandbox.verify(BODY, `sha256=${hmacHex(BODY, 'another-secret-0123456789')}`)).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    expect(timingSafeEqual.mock.results[0]).toEqual({ type: 'return', value: false });
  });

  it('does not short-circuit a wrong signature before the constant-time compare (a first-byte mismatch still reaches it)', () => {
    const hex = hmacHex(BODY);
    const firstByteWrong = (parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + hex.slice(2);
    expect(provider().verify(BODY, `sha256=${firstByteWrong}`)).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  describe('without SANDBOX_PAYMENT_SECRET', () => {
    it('is disabled', () => {
      expect(provider(null).isEnabled()).toBe(false);
      expect(provider().isEnabled()).toBe(true);
    });

    it('refuses every signature, including one made with an empty secret', () => {
      const sandbox = provider(null);
      expect(sandbox.verify(BODY, `sha256=${hmacHex(BODY, '')}`)).toBe(false);
      expect(sandbox.verify(BODY, `sha256=${hmacHex(BODY)}`)).toBe(false);
      expect(sandbox.verify(BODY, undefined)).toBe(false);
      expect(timingSafeEqual).not.toHaveBeenCalled();
    });

    it('cannot sign', () => {
      expect(() => provider(null).sign(BODY)).toThrow(/disabled/i);
    });
  });
});
