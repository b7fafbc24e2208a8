import { BOOK_STATUS, FORM_STATE, numberRanges } from './receipt-books';

describe('paper receipt books screen', () => {
  it('shows unused number ranges, a single number once', () => {
    expect(
      numberRanges([
        ['0000000001', '0000000003'],
        ['0000000007', '0000000007'],
      ]),
    ).toBe('0000000001–0000000003，0000000007');
    expect(numberRanges([])).toBe('');
    expect(numberRanges(null)).toBe('');
  });

  it('labels form states and book statuses in Chinese', () => {
    expect([FORM_STATE.unused, FORM_STATE.used, FORM_STATE.spoiled]).toEqual(['未用', '已用', '作废']);
    expect([BOOK_STATUS.open, BOOK_STATUS.closed]).toEqual(['在用', '已核销']);
  });
});
