import { cleanText } from './text';

describe('cleanText', () => {
  it('removes NUL and other control characters that PostgreSQL or logs would choke on', () => {
    expect(cleanText('张\u0000三\u0007')).toBe('张三');
  });
  it('removes lone surrogates but keeps real astral characters', () => {
    expect(cleanText('a\uD800b')).toBe('ab');
    expect(cleanText('爱心😀')).toBe('爱心😀');
  });
  it('removes bidirectional overrides used to disguise text', () => {
    expect(cleanText('abc\u202Edef')).toBe('abcdef');
  });
  it('returns null for blank or missing text', () => {
    expect(cleanText('  \u200B ')).toBeNull();
    expect(cleanText(undefined)).toBeNull();
  });
});
