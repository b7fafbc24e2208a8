import { createSign, createVerify, KeyObject } from 'node:crypto';

/** The string Alipay signs: every parameter but `sign` (and `sign_type` for notifications), sorted, `k=v` joined by `&`. */
export function signingString(params: Record<string, string>, omit: string[] = ['sign']): string {
  return Object.keys(params)
    .filter((k) => !omit.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}

export function rsa2Sign(text: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64');
}

export function rsa2Verify(text: string, signature: string, key: KeyObject): boolean {
  try {
    return createVerify('RSA-SHA256').update(text, 'utf8').verify(key, signature, 'base64');
  } catch {
    return false;
  }
}

/**
 * Alipay signs the raw JSON text of `<method>_response` in its answer, so the text is cut out of
 * the body exactly as sent (re-serialising would change it).
 */
export function responseSegment(body: string, responseKey: string): string | null {
  const start = body.indexOf(`"${responseKey}"`);
  if (start < 0) return null;
  const open = body.indexOf('{', start);
  if (open < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = open; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return body.slice(open, i + 1);
  }
  return null;
}

/** `2020-02-01 10:30:00` in Beijing time, as Alipay writes times. */
export function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
