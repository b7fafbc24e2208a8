import { randomBytes } from 'node:crypto';

/** Crockford's base32 (no I, L, O, U): read aloud or typed from a screenshot without confusion. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 14 characters of 5 bits: 70 bits of randomness, so an order number cannot be guessed. */
const RANDOM_CHARS = 14;

/**
 * `<prefix><yyyymmdd Beijing date><14 random base32 characters>`, e.g. WH20200201K3Q9ZT0B7M4X2D;
 * unique by constraint. At most 8 + 8 + 14 = 30 characters: WeChat Pay's out_trade_no allows 32.
 */
export function newOrderNo(prefix: string, now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  // 14 bytes, one character from the low 5 bits of each: every character uniform over 32 symbols.
  const random = [...randomBytes(RANDOM_CHARS)].map((byte) => ALPHABET[byte & 31]).join('');
  return `${prefix}${beijing}${random}`;
}

/**
 * An order number as newOrderNo makes it, or as it made it before (10 random digits, ~33 bits):
 * orders created then are still looked up.
 */
export const ORDER_NO_PATTERN = /^[A-Z]{2,8}\d{8}(?:[0-9A-HJKMNP-TV-Z]{14}|\d{10})$/;
