import fc from 'fast-check';
import { creditCodeCheckChar, isValidCreditCode } from './credit-code';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const VALID_PREFIXES = [
  ...['11', '12', '13', '19', '21', '29', '31', '32', '33', '34', '35', '39', '41', '49', '51', '52', '53', '59'],
  ...['61', '62', '69', '71', '72', '79', '81', '89', '91', '92', '93', 'A1', 'A9', 'N1', 'N2', 'N3', 'N9', 'Y1'],
];

const codeChar = fc.constantFrom(...CHARSET);
const validBody = fc
  .tuple(fc.constantFrom(...VALID_PREFIXES), fc.stringMatching(/^\d{6}$/), fc.string({ unit: codeChar, minLength: 9, maxLength: 9 }))
  .map(([prefix, region, subject]) => prefix + region + subject);

describe('isValidCreditCode', () => {
  // Codes published on business licences and registries; each was checked by hand against the algorithm.
  it.each([
    '91350100M000100Y43', // the worked example of GB 32100-2015
    '9144030071526726XG',
    '914403001922038216',
    '91110000802100433B',
    '91110108551385082Q',
    '91110000710925462X',
    '91330100799655058B',
    '91440300100012316L',
    '53100000500021676K', // 民政 / 基金会
    '12100000400010275N', // 机构编制 / 事业单位
  ])('accepts published code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
    expect(isValidCreditCode('9144030071526726xg')).toBe(true);
  });

  it.each([
    ['wrong check char', '91350100M000100Y44'],
    ['check char 0 instead of G', '9144030071526726X0'],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['letter I', '91350100M000100I43'],
    ['letter O', '91350100M0O0100Y43'],
    ['letter Z', '91350100M000100Z43'],
    ['letter S', '91350100M000S00Y43'],
    ['letter V', '91350100M000V00Y43'],
    ['letter in the region code', '9135A100M000100Y43'],
    ['unknown registration authority B', 'B1350100M000100Y43'],
    ['工商 with type 9', '99350100M000100Y43'],
    ['其他 with type 2', 'Y2350100M000100Y43'],
    ['empty', ''],
  ])('refuses %s', (_reason, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('refuses an unknown authority/type pair even with a correct check char', () => {
    for (const prefix of ['01', '14', '22', '54', '94', 'A2', 'N4', 'Y9', 'B1', 'M1']) {
      const body = `${prefix}350100M000100Y4`;
      expect(isValidCreditCode(body + creditCodeCheckChar(body))).toBe(false);
    }
  });

  it('accepts the computed check char and refuses every other one', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const check = creditCodeCheckChar(body);
        expect(CHARSET).toContain(check);
        expect(isValidCreditCode(body + check)).toBe(true);
        expect(isValidCreditCode((body + check).toLowerCase())).toBe(true);
        for (const other of CHARSET) {
          if (other !== check) expect(isValidCreditCode(body + other)).toBe(false);
        }
      }),
    );
  });

  it('detects any single changed character in the body', () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 30 }), (body, position, shift) => {
        const replacement = CHARSET[(CHARSET.indexOf(body[position]) + shift) % 31];
        const changed = body.slice(0, position) + replacement + body.slice(position + 1);
        expect(creditCodeCheckChar(changed)).not.toBe(creditCodeCheckChar(body));
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 25 }), (text) => {
        expect(typeof isValidCreditCode(text)).toBe('boolean');
      }),
    );
  });
});

describe('creditCodeCheckChar', () => {
  it('maps a remainder of 0 to check char 0', () => {
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('computes the check char of the standard example', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each(['', '9135010', '91350100M000100Y43', '91350100M000100I4'])('refuses body %p', (body) => {
    expect(() => creditCodeCheckChar(body)).toThrow(RangeError);
  });
});
