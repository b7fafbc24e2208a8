/**
 * Free text typed by a donor, made safe to store: no control characters (PostgreSQL refuses NUL),
 * no lone surrogates, Unicode NFC, trimmed. Escaping for HTML is the templates' job, not this one's.
 */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    .normalize('NFC')
    .trim();
  return cleaned.length > 0 ? cleaned : null;
}

/**
 * For short single-line text that is refused rather than cleaned (titles, organisation names, login
 * names): no C0/C1 control characters, which PostgreSQL (NUL) or a page would otherwise choke on.
 */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/**
 * An ISO-8601 calendar date, optionally with a time and an offset (`2020-02-01`,
 * `2020-02-01T08:00:00+08:00`). Week dates, ordinal dates and the basic format pass class-validator's
 * isISO8601 but not `new Date()`, so they are refused here.
 */
export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A timestamp as ISO_TIMESTAMP that names a real instant (no 30 February, no 24:00), years 1970-9999 UTC; else null. */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) return null;
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (time && (Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3] ?? 0) > 59)) return null;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value.slice(10));
  if (offset && (Number(offset[2]) > 14 || Number(offset[3]) > 59)) return null;
  const date = new Date(value);
  if (!Number.isFinite(date.getTime())) return null;
  const utcYear = date.getUTCFullYear();
  return utcYear >= 1970 && utcYear <= 9999 ? date : null;
}
