import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs a record's id for a public link opened without an account (a QR code on paper): 128 bits of
 * HMAC-SHA256 under a key of its own per purpose, so a link of one kind never opens another.
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(appSecret: string, purpose: string) {
    this.key = createHmac('sha256', appSecret).update(purpose).digest();
  }

  sign(id: string): string {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, 16).toString('base64url');
  }

  verify(id: string, signature: unknown): boolean {
    if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(signature)) return false;
    const expected = Buffer.from(this.sign(id));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
