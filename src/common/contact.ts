// Contact details donors type into forms: mainland mobile and fixed-line numbers, e-mail addresses.

const MOBILE = /^(?:(?:\+|00)?86)?(1[3-9]\d{9})$/;
// Spaces (incl. full-width) and the dashes people put between digit groups.
const SEPARATORS = /[\s\-\u2010-\u2015\uFF0D]/g;

export function normalizeMobile(text: string): string | null {
  if (typeof text !== 'string') return null;
  const match = MOBILE.exec(text.replace(SEPARATORS, ''));
  return match ? match[1] : null;
}

// A fixed line: area code (010, 02x, or 0 and three digits), then 7 or 8 digits, written with or
// without separators or brackets; an extension after 转, 分机, ext, x or #. And 400/800 numbers.
const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;
const LANDLINE = /^(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})$/;
const SERVICE_NUMBER = /^([48]00)(\d{7})$/;

/**
 * A mainland mobile (13800138000) or fixed-line number in one written form, or null: 027-87654321,
 * 010-12345678转123, 400-1234567. Pledges from companies and hospitals give their switchboard.
 */
export function normalizePhone(text: string): string | null {
  if (typeof text !== 'string') return null;
  const mobile = normalizeMobile(text);
  if (mobile) return mobile;
  let rest = text.trim();
  let extension = '';
  const ext = EXTENSION.exec(rest);
  if (ext) {
    extension = `转${ext[1]}`;
    rest = rest.slice(0, ext.index);
  }
  const digits = rest
    .replace(SEPARATORS, '')
    .replace(/^\(([\d]{3,4})\)/, '$1')
    .replace(/^（(\d{3,4})）/, '$1')
    .replace(/^(?:\+|00)86/, '0')
    .replace(/^00?(?=[1-9])/, '0');
  const landline = LANDLINE.exec(digits) ?? SERVICE_NUMBER.exec(digits);
  return landline ? `${landline[1]}-${landline[2]}${extension}` : null;
}

// RFC 5322 atext, dot-separated; quoted local parts are refused on purpose.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

export function isValidEmail(text: string): boolean {
  if (typeof text !== 'string' || text.length > 254) return false;
  const parts = text.split('@');
  if (parts.length !== 2) return false;
  const [local, domain] = parts;
  if (local.length > 64 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL.test(labels[labels.length - 1]);
}
