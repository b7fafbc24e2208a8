import { cleanText } from '../common/text';

/** The longest message shown on the wall (the donation form takes 200 characters). */
export const WALL_MESSAGE_MAX = 200;

const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAIL_LIKE = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** A run of 7 or more digits (a phone, ID, bank card or QQ number), spaces and dashes inside allowed. */
const LONG_NUMBER = /\d(?:[\s-]?\d){6,}[\dXx]?/g;

/**
 * A donor's message as the public wall shows it: control and invisible characters gone, white space
 * folded to single spaces, and what looks like contact data (a link, an email address, a phone or
 * other long number) replaced by ***, since no personal data is ever shown publicly. Null when
 * nothing is left. The page escapes it (a template's <%= %>, textContent in scripts).
 */
export function wallMessage(raw: string | null | undefined): string | null {
  const text = cleanText(raw?.replace(/\s+/g, ' '));
  if (text === null) return null;
  const masked = text.replace(URL_LIKE, '***').replace(EMAIL_LIKE, '***').replace(LONG_NUMBER, '***').trim();
  if (masked === '' || /^[*\s]+$/.test(masked)) return null;
  const chars = Array.from(masked);
  return chars.length > WALL_MESSAGE_MAX ? chars.slice(0, WALL_MESSAGE_MAX - 1).join('') + '…' : masked;
}
