import { CHANNEL, STATUS } from '../format';
import {
  amountField,
  CHANNELS,
  dayStart,
  DIFFERENCE,
  exportLine,
  nextDay,
  REFUND_STATUS,
  refundKey,
  searchProblem,
  searchQuery,
  STATUSES,
  totalLine,
} from './donations';

describe('donations screen', () => {
  it('turns Beijing dates into instants: a day starts at 00:00 +08:00, "to" is inclusive', () => {
    expect(dayStart('2020-02-01')).toBe('2020-02-01T00:00:00+08:00');
    expect(nextDay('2020-02-01')).toBe('2020-02-02T00:00:00+08:00');
    expect(nextDay('2020-02-29')).toBe('2020-03-01T00:00:00+08:00');
    expect(nextDay('2020-12-31')).toBe('2021-01-01T00:00:00+08:00');
    expect(dayStart('2020-2-1')).toBe('');
    expect(nextDay('')).toBe('');
    expect(dayStart(undefined)).toBe('');
  });

  it('asks the API for what the route names, in the API’s words', () => {
    expect(
      searchQuery({
        orderNo: 'WN1',
        ref: 'BOC-1',
        q: '张',
        amount: '500000',
        campaign: 'WH2020',
        channel: 'bank_transfer',
        status: 'paid',
        from: '2020-02-01',
        to: '2020-02-29',
        flagged: '1',
      }),
    ).toEqual({
      limit: 200,
      orderNo: 'WN1',
      bankReference: 'BOC-1',
      q: '张',
      amountFen: '500000',
      campaignCode: 'WH2020',
      channel: 'bank_transfer',
      status: 'paid',
      from: '2020-02-01T00:00:00+08:00',
      to: '2020-03-01T00:00:00+08:00',
      flagged: 'true',
    });
    const plain = searchQuery({ amount: '12.5' });
    expect(plain.limit).toBe(200);
    expect(plain.amountFen).toBeUndefined();
    expect(plain.flagged).toBeUndefined();
    expect(plain.from).toBe('');
  });

  it('shows the amount of the route in yuan, and checks the one typed', () => {
    expect(amountField('500050')).toBe('5,000.50');
    expect(amountField('')).toBe('');
    expect(amountField(undefined)).toBe('');
    expect(searchProblem('', '', '')).toBeNull();
    expect(searchProblem('5,000.5', '2020-02-01', '2020-02-01')).toBeNull();
    expect(searchProblem('0', '', '')).toBe('金额须为大于 0 的元金额，最多两位小数。');
    expect(searchProblem('1.234', '', '')).toBe('金额须为大于 0 的元金额，最多两位小数。');
    expect(searchProblem('', '2020-02-02', '2020-02-01')).toBe('结束日期不能早于开始日期。');
  });

  it('counts the results, and says when only the latest are shown', () => {
    expect(totalLine(3, 3)).toBe('共 3 条');
    expect(totalLine(250, 200)).toBe('共 250 条（显示最新 200 条，请缩小条件或导出全部）');
    expect(exportLine(undefined, undefined)).toBe('导出全部活动的捐赠记录：');
    expect(exportLine('WH2020', 'paid')).toBe('导出本活动（已到账）的捐赠记录：');
  });

  it('labels channels, statuses, refunds and reconciliation differences in Chinese', () => {
    expect(CHANNELS.map((c) => CHANNEL[c])).toEqual(['微信支付', '支付宝', '银行转账', '模拟支付']);
    expect(STATUSES.map((s) => STATUS[s])).toEqual(['已到账', '待支付', '失败', '已退款']);
    expect(REFUND_STATUS).toEqual({ processing: '退款处理中', succeeded: '已退款', failed: '退款失败' });
    expect(Object.keys(DIFFERENCE).sort()).toEqual(['AMOUNT_MISMATCH', 'NOT_IN_STATEMENT', 'UNKNOWN_ORDER', 'UNKNOWN_REFUND']);
    expect(DIFFERENCE.AMOUNT_MISMATCH).toBe('金额不一致');
  });

  it('makes a refund key of 32 hex digits, zero-padded', () => {
    const bytes = new Uint8Array(16);
    bytes[0] = 0x0a;
    bytes[15] = 0xff;
    expect(refundKey(bytes)).toBe(`refund-0a${'00'.repeat(14)}ff`);
    expect(refundKey(bytes)).toMatch(/^refund-[0-9a-f]{32}$/);
  });
});
