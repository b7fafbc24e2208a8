// Contact details donors type into forms: mainland mobile numbers and e-mail addresses.

const MOBILE = /^(?:(?:\+|00)?86)?(1[3-9]\d{9})$/;
// Spaces (incl. full-width) and the dashes people put between digit groups.
const SEPARATORS = /[\s\-\u2010-\u2015\uFF0D]/g;

export function normalizeMobile(text: string): string | null {
  if (typeof text !== 'string') return null;
  const match = MOBILE.exec(text.replace(SEPARATORS, ''));
  return match ? match[1] : null;
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
