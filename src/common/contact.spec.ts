import fc from 'fast-check';
import { isValidEmail, normalizeMobile, normalizePhone } from './contact';

const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);

describe('normalizeMobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['  19912345678\t', '19912345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['86-138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['138\u30001234\u30005678', '13812345678'],
    ['138－1234－5678', '13812345678'],
  ])('%p → %p', (text, expected) => {
    expect(normalizeMobile(text)).toBe(expected);
  });

  it.each([
    ['too short', '1381234567'],
    ['too long', '138123456789'],
    ['second digit 2', '12812345678'],
    ['second digit 0', '10812345678'],
    ['not starting with 1', '23812345678'],
    ['landline', '02787654321'],
    ['letters', '1381234567a'],
    ['another country code', '+8513812345678'],
    ['+ without country code', '+13812345678'],
    ['parentheses', '(138)12345678'],
    ['empty', ''],
    ['full-width digits', '１３８１２３４５６７８'],
  ])('refuses %s', (_reason, text) => {
    expect(normalizeMobile(text)).toBeNull();
  });

  it('finds the same 11 digits however the number is decorated', () => {
    const prefix = fc.constantFrom('', '+86', '86', '0086', '+86 ', '86-');
    const separator = fc.constantFrom('', ' ', '-', '  ');
    fc.assert(
      fc.property(mobile, prefix, separator, (digits, before, sep) => {
        const written = `${before}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}`;
        expect(normalizeMobile(written)).toBe(digits);
      }),
    );
  });

  it('returns only 11-digit mainland mobiles or null', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const result = normalizeMobile(text);
        if (result !== null) expect(result).toMatch(/^1[3-9]\d{9}$/);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(mobile, (digits) => {
        expect(normalizeMobile(normalizeMobile(`+86 ${digits}`) ?? '')).toBe(digits);
      }),
    );
  });
});

describe('isValidEmail', () => {
  it.each([
    'donor@example.com',
    'zhang.san@example.com.cn',
    '12345678@qq.com',
    'first+tag@sub.example.org',
    "o'brien@example.ie",
    'a@b.co',
    'user@xn--fiqs8s.xn--fiqz9s',
    `${'a'.repeat(64)}@example.com`,
    `donor1@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`, // exactly 254
  ])('accepts %p', (email) => {
    expect(isValidEmail(email)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no @', 'donor.example.com'],
    ['two @', 'a@b@example.com'],
    ['empty local part', '@example.com'],
    ['empty domain', 'donor@'],
    ['domain without a dot', 'donor@localhost'],
    ['space inside', 'don or@example.com'],
    ['leading space', ' donor@example.com'],
    ['trailing newline', 'donor@example.com\n'],
    ['control character', 'donor\u0000@example.com'],
    ['leading dot in local part', '.donor@example.com'],
    ['double dot in local part', 'do..nor@example.com'],
    ['trailing dot in local part', 'donor.@example.com'],
    ['empty domain label', 'donor@example..com'],
    ['label starting with a hyphen', 'donor@-example.com'],
    ['label ending with a hyphen', 'donor@example-.com'],
    ['numeric top-level domain', 'donor@example.123'],
    ['one-letter top-level domain', 'donor@example.c'],
    ['label over 63 characters', `donor@${'a'.repeat(64)}.com`],
    ['local part over 64 characters', `${'a'.repeat(65)}@example.com`],
    ['over 254 characters', `donor@${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`],
    ['quoted local part', '"donor"@example.com'],
    ['angle brackets', '<donor@example.com>'],
    ['non-ASCII domain', 'donor@例子.中国'],
  ])('refuses %s', (_reason, email) => {
    expect(isValidEmail(email)).toBe(false);
  });

  it('accepts generated ordinary addresses', () => {
    const local = fc.stringMatching(/^[a-z0-9]{1,20}(?:[._+-][a-z0-9]{1,10}){0,2}$/);
    const domain = fc.stringMatching(/^[a-z0-9]{1,20}(?:-[a-z0-9]{1,10})?\.(?:com|cn|org|net|com\.cn)$/);
    fc.assert(
      fc.property(local, domain, (l, d) => {
        expect(isValidEmail(`${l}@${d}`)).toBe(true);
      }),
    );
  });

  it('refuses anything containing whitespace or control characters', () => {
    const bad = fc.constantFrom(' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u3000');
    fc.assert(
      fc.property(fc.nat({ max: 17 }), bad, (position, ch) => {
        const email = 'donor@example.com';
        expect(isValidEmail(email.slice(0, position) + ch + email.slice(position))).toBe(false);
      }),
    );
  });

  it('accepts only strings within the length limits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        if (isValidEmail(text)) {
          expect(text.length).toBeLessThanOrEqual(254);
          expect(text.split('@')).toHaveLength(2);
          expect(text.split('@')[0].length).toBeLessThanOrEqual(64);
          expect(text).not.toMatch(/[\s\p{Cc}]/u);
        }
      }),
    );
  });
});

describe('normalizePhone', () => {
  it('takes mainland mobiles as normalizeMobile does', () => {
    expect(normalizePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('13800138000')).toBe('13800138000');
  });

  it('takes fixed lines as people write them, in one form: area code, number, extension', () => {
    const cases: Array<[string, string]> = [
      ['027-87654321', '027-87654321'],
      ['(027)87654321', '027-87654321'],
      ['（027）8765 4321', '027-87654321'],
      ['+86 27 87654321', '027-87654321'],
      ['0086-10-62345678', '010-62345678'],
      ['010-62345678转123', '010-62345678转123'],
      ['010 6234 5678 ext. 9', '010-62345678转9'],
      ['0755-8765432', '0755-8765432'],
      ['400-123-4567', '400-1234567'],
      ['800 1234567', '800-1234567'],
    ];
    for (const [text, normal] of cases) expect([text, normalizePhone(text)]).toEqual([text, normal]);
  });

  it('refuses what is neither', () => {
    for (const bad of ['12345', '0271234', '027-1234567', '027-12345678901', '010-12345678', '87654321', '02787654321转', 'tel:027', '1380013800']) {
      expect([bad, normalizePhone(bad)]).toEqual([bad, null]);
    }
  });
});
