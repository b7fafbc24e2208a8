import { donationAmountFen } from './donation-amount';
import { MAX_DONATION_FEN } from './money';

describe('donationAmountFen (the donation page and its no-script form)', () => {
  it.each([
    ['88.88', 8_888],
    ['1,234.5', 123_450],
    ['0.01', 1],
    ['１００', 10_000],
    ['¥66.66元', 6_666],
    ['１０００００0.00', MAX_DONATION_FEN],
  ])('%p → %p fen', (typed, fen) => {
    expect(donationAmountFen(typed, MAX_DONATION_FEN)).toEqual({ fen });
  });

  it.each([
    ['', '请选择或输入捐赠金额'],
    ['abc', '请输入正确的金额，例如 88.88'],
    ['-5', '请输入正确的金额，例如 88.88'],
    ['12,34', '请输入正确的金额，例如 88.88'],
    ['1.234', '金额最多保留两位小数（精确到分）'],
    ['0', '捐赠金额需大于 0 元'],
    ['0.00', '捐赠金额需大于 0 元'],
    ['1000000.01', '单笔捐赠最多 1,000,000 元'],
    ['20000000', '单笔捐赠最多 1,000,000 元'],
    ['99999999999999999999', '单笔捐赠最多 1,000,000 元'],
  ])('%p is refused: %p', (typed, error) => {
    expect(donationAmountFen(typed, MAX_DONATION_FEN)).toEqual({ error });
  });

  it('names the page’s own limit', () => {
    expect(donationAmountFen('500.01', 50_000)).toEqual({ error: '单笔捐赠最多 500 元' });
    expect(donationAmountFen('500', 50_000)).toEqual({ fen: 50_000 });
  });
});
