import { parseYuanToFen } from '../common/money';
import { parseTimestamp } from '../common/text';

/**
 * A statement amount in fen, signed: banks print `5,000.00`, `¥5,000.00`, `+5000`, `-200.00` or
 * `(200.00)` for a debit. Empty (or a dash) is null; anything else that is not yuan with at most
 * two decimals throws.
 */
export function parseStatementAmount(text: string): number | null {
  let value = text.normalize('NFKC').replace(/[\s¥]|元|RMB|CNY/gi, '');
  if (value === '' || value === '-' || value === '--') return null;
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(value);
  if (bracketed) {
    sign = -1;
    value = bracketed[1];
  }
  if (value.startsWith('-')) {
    sign = -sign;
    value = value.slice(1);
  } else if (value.startsWith('+')) value = value.slice(1);
  // Thousands separators only where they belong (`1,234.56`): `5,00` is not five hundred.
  if (!/^(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?$/.test(value)) throw new RangeError(`not a yuan amount: ${text}`);
  return sign * parseYuanToFen(value.replace(/,/g, ''));
}

const DATE = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))/;
const TIME = /^(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2}))?|(\d{2})(\d{2}))(?:[.,]\d{1,6})?$/;

/**
 * A statement time: ISO 8601 with an offset, or a local time (Beijing time) as banks print it:
 * `2020-02-03`, `2020/2/3`, `20200203`, `2020年02月03日`, each optionally followed by a time
 * (`10:30`, `10:30:05`, `103005`, 工商银行's `2020-02-03-10.30.05.000000`). `time`: a separate
 * time column (`10:30:05`, `103005`), used when the date has none.
 */
export function parseStatementTime(text: string, time = ''): Date | null {
  const value = text.normalize('NFKC').trim();
  const date = DATE.exec(value);
  if (!date) return parseTimestamp(value);
  const [whole, y, m1, d1, m2, d2] = date;
  const month = (m1 ?? m2).padStart(2, '0');
  const day = (d1 ?? d2).padStart(2, '0');
  let rest = value.slice(whole.length).replace(/^[-T\s]+/, '');
  if (rest.startsWith('T') || /[Zz+]|[+-]\d{2}:?\d{2}$/.test(rest)) return parseTimestamp(value);
  if (rest === '') rest = time.normalize('NFKC').trim();
  let clock = ['00', '00', '00'];
  if (rest !== '') {
    const t = TIME.exec(rest);
    if (!t) return null;
    const [, hh, mm1, ss1, mm2, ss2] = t;
    clock = [hh.padStart(2, '0'), mm1 ?? mm2, ss1 ?? ss2 ?? '00'];
  }
  const parsed = parseTimestamp(`${y}-${month}-${day}T${clock[0]}:${clock[1]}:${clock[2]}+08:00`);
  // parseTimestamp checks the calendar (2020-02-30 is refused), and the clock here must be one too.
  if (!parsed || Number(clock[0]) > 23 || Number(clock[1]) > 59 || Number(clock[2]) > 59) return null;
  return parsed;
}

/** 借/支/付/D in a direction column: money going out (支出), never a donation. */
export function isDebitMark(text: string): boolean {
  return /^(借|支|付|出|往|debit|d|dr|-)/i.test(text.normalize('NFKC').trim());
}
