// Mainland resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence, check char.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
// ISO 7064 MOD 11-2: index is the weighted sum mod 11.
const CHECK_CHARS = '10X98765432';
const SHAPE = /^[1-9]\d{16}[\dX]$/;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

export function normalizeIdNumber(text: string): string {
  const trimmed = text.trim();
  return trimmed.endsWith('x') ? `${trimmed.slice(0, -1)}X` : trimmed;
}

export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isPlausibleBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return false;
  // "Today" is the calendar date in China, where the numbers are issued.
  const todayInChina = new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  return yyyymmdd <= todayInChina;
}

export function isValidIdNumber(text: string): boolean {
  if (typeof text !== 'string') return false;
  const id = normalizeIdNumber(text);
  if (!SHAPE.test(id)) return false;
  if (!isPlausibleBirthDate(id.slice(6, 14))) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}
