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
