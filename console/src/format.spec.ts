import { CHANNEL, link, parseRoute, parseYuan, ROLE_LABELS, roleLabel, STATUS, time, yuan } from './format';

describe('console formatting', () => {
  it('shows fen as yuan with thousands separators, two decimals and a sign, without floating point', () => {
    expect(yuan(0)).toBe('¥0.00');
    expect(yuan(5)).toBe('¥0.05');
    expect(yuan(123456)).toBe('¥1,234.56');
    expect(yuan(100000000000)).toBe('¥1,000,000,000.00');
    expect(yuan(-2050)).toBe('-¥20.50');
    // 0.1 + 0.2 yuan in fen stays exact.
    expect(yuan(10 + 20)).toBe('¥0.30');
  });

  it('shows a dash for anything but a finite number of fen', () => {
    for (const value of [null, undefined, '100', NaN, Infinity, {}]) expect(yuan(value)).toBe('—');
  });

  it('reads yuan typed by a person as fen, and refuses what is not an amount', () => {
    expect(parseYuan('1,234.5')).toBe(123450);
    expect(parseYuan(' ¥ 12 ')).toBe(1200);
    expect(parseYuan('￥0.07元')).toBe(7);
    expect(parseYuan('1，000')).toBe(100000);
    expect(parseYuan('3.')).toBe(300);
    for (const text of ['', 'abc', '1.234', '-5', '1e3', '0x10', '1234567890', null]) expect(parseYuan(text)).toBeNull();
  });

  it('round-trips every amount it shows', () => {
    for (const fen of [0, 1, 99, 100, 101, 123456, 999999999]) expect(parseYuan(yuan(fen))).toBe(fen);
  });

  it('shows timestamps in Beijing time, to the minute or the second', () => {
    expect(time('2020-02-01T02:30:05Z')).toBe('2020-02-01 10:30');
    expect(time('2020-01-31T16:00:00.000Z', true)).toBe('2020-02-01 00:00:00');
    expect(time(null)).toBe('—');
    expect(time('not a date')).toBe('not a date');
  });

  it('labels roles, statuses and channels in Chinese, and passes unknown ones through', () => {
    expect(roleLabel('finance')).toBe('财务');
    expect(roleLabel('root')).toBe('root');
    expect(Object.keys(ROLE_LABELS).sort()).toEqual(['admin', 'auditor', 'finance', 'warehouse']);
    expect(STATUS.pending_review).toBe('待审核');
    expect(CHANNEL.bank_transfer).toBe('银行转账');
  });

  it('parses routes from the hash and builds links that parse back', () => {
    expect(parseRoute('#/donations?flagged=1&q=%E5%BC%A0+%E4%B8%89&empty')).toEqual({ name: 'donations', params: { flagged: '1', q: '张 三', empty: '' } });
    expect(parseRoute('')).toEqual({ name: '', params: {} });
    const href = link('receipts', { campaign: 'warm-wuhan', q: 'a&b=c', page: 2, none: '', gone: null });
    expect(href).toBe('#/receipts?campaign=warm-wuhan&q=a%26b%3Dc&page=2');
    expect(parseRoute(href)).toEqual({ name: 'receipts', params: { campaign: 'warm-wuhan', q: 'a&b=c', page: '2' } });
  });
});
