import { randomInt } from 'node:crypto';

/** `<prefix><yyyymmdd Beijing date><10 random digits>`, e.g. WH202002011234567890; unique by constraint. */
export function newOrderNo(prefix: string, now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const random = String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');
  return `${prefix}${beijing}${random}`;
}

export const ORDER_NO_PATTERN = /^[A-Z]{2,8}\d{18}$/;
