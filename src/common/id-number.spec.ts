import fc from 'fast-check';
import { idNumberCheckChar, isValidIdNumber, normalizeIdNumber } from './id-number';

const CHECK_ALPHABET = '0123456789X';

// Region (first digit 1-9) + a real birth date between 1900 and 2020 + sequence.
const validBody = fc
  .tuple(
    fc.stringMatching(/^[1-9]\d{5}$/),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2020-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([region, birth, sequence]) => `${region}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${sequence}`);

describe('normalizeIdNumber', () => {
  it('trims and upper-cases a trailing x', () => {
    expect(normalizeIdNumber('  11010519491231002x \n')).toBe('11010519491231002X');
  });

  it('leaves everything else alone', () => {
    expect(normalizeIdNumber('440524188001010014')).toBe('440524188001010014');
    expect(normalizeIdNumber('x1234')).toBe('x1234');
  });
});

describe('idNumberCheckChar', () => {
  it('matches the examples published in GB 11643-1999', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
  });

  it.each(['', '1234', '1101051949123100', '110105194912310021', '1101051949123100A'])('refuses body %p', (body) => {
    expect(() => idNumberCheckChar(body)).toThrow(RangeError);
  });
});

describe('isValidIdNumber', () => {
  it.each(['11010519491231002X', '11010519491231002x', ' 11010519491231002X ', '110101199003074477', '11010119900307803X'])('accepts %p', (id) => {
    expect(isValidIdNumber(id)).toBe(true);
  });

  it('refuses the 1880 example from the standard only because births before 1900 are out of range', () => {
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(isValidIdNumber('440524188001010014')).toBe(false);
  });

  it.each([
    ['wrong check digit', '110105194912310021'],
    ['wrong check digit for an X number', '110101199003074470'],
    ['X where a digit belongs', '11010119900307447X'],
    ['17 characters', '11010519491231002'],
    ['19 characters', '11010519491231002X1'],
    ['15-digit old format', '110105491231002'],
    ['letter in the body', '1101051949123A002X'],
    ['region starting with 0', '010105194912310028'],
    ['empty', ''],
  ])('refuses %s', (_reason, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it.each([
    ['February 30th', '1101051990023000'],
    ['February 29th in a common year', '1101051900022900'],
    ['month 13', '1101051990130100'],
    ['month 00', '1101051990000100'],
    ['day 00', '1101051990010000'],
    ['day 32', '1101051990013200'],
    ['year 1899', '1101051899123100'],
    ['a future year', '1101052999010100'],
  ])('refuses an impossible birth date: %s', (_reason, body16) => {
    // Give each body its correct check char so only the date can be at fault.
    const body = `${body16}1`;
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });

  it('accepts February 29th in a leap year', () => {
    const body = '11010520000229001';
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(true);
  });

  it('refuses a birth date of tomorrow in China', () => {
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `110105${tomorrow}001`;
    expect(isValidIdNumber(body + idNumberCheckChar(body))).toBe(false);
  });

  it('accepts the computed check char and refuses every other one', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const check = idNumberCheckChar(body);
        expect(CHECK_ALPHABET).toContain(check);
        expect(isValidIdNumber(body + check)).toBe(true);
        if (check === 'X') expect(isValidIdNumber(`${body}x`)).toBe(true);
        for (const other of CHECK_ALPHABET) {
          if (other !== check) expect(isValidIdNumber(body + other)).toBe(false);
        }
      }),
    );
  });

  it('detects any single changed digit in the body', () => {
    fc.assert(
      fc.property(validBody, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, position, shift) => {
        const changed = body.slice(0, position) + String((Number(body[position]) + shift) % 10) + body.slice(position + 1);
        expect(idNumberCheckChar(changed)).not.toBe(idNumberCheckChar(body));
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        expect(typeof isValidIdNumber(text)).toBe('boolean');
      }),
    );
  });
});
