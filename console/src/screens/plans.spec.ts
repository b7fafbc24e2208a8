import { ApiError } from '../api';
import { beijingToday, lineErrorMessages, lineState, parseTiers, planOpen, planSummary, PLAN_STATUS, tierSummary } from './plans';

describe('disbursement plans panel', () => {
  it('reads tiers "名称=金额（元）" per line into integer fen', () => {
    expect(parseTiers('小型社区=500\n 大型社区 ＝ 1,000.5 \n\n')).toEqual([
      { name: '小型社区', amountFen: 50000 },
      { name: '大型社区', amountFen: 100050 },
    ]);
    expect(parseTiers('')).toEqual([]);
    expect(parseTiers(null)).toEqual([]);
    // One bad line spoils the list: no pair, not an amount, or nothing to pay.
    expect(parseTiers('小型社区=500\n大型社区')).toBeNull();
    expect(parseTiers('小型社区=五百')).toBeNull();
    expect(parseTiers('小型社区=0')).toBeNull();
    expect(parseTiers('小型社区=0.001')).toBeNull();
  });

  it('lists at most ten line errors of a refused import', () => {
    const error = new ApiError(422, 'INVALID_PLAN', '计划文件有误');
    error.details = { errors: Array.from({ length: 12 }, (_v, i) => ({ line: i + 2, message: `第 ${i + 2} 行：金额有误` })) };
    const messages = lineErrorMessages(error);
    expect(messages).toHaveLength(10);
    expect(messages[0]).toBe('第 2 行：金额有误');
    expect(lineErrorMessages(new ApiError(413, 'PLAN_FILE_TOO_LARGE', '太大'))).toEqual([]);
    expect(lineErrorMessages(new Error('x'))).toEqual([]);
  });

  it('sums up a plan in yuan from its fen, with tiers and paid lines', () => {
    const lines = [{ paid: true }, { paid: false }, { paid: false }];
    expect(planSummary({ status: 'approved', totalFen: 30000, paidFen: 10000, paidCount: 1, lines: lines as never })).toBe(
      ' · 已审批 · 计划 ¥300.00 · 已拨付 ¥100.00（1/3）',
    );
    expect(
      tierSummary([
        { name: '小街道', amountFen: 10000, count: 1 },
        { name: '大街道', amountFen: 200000, count: 2 },
      ]),
    ).toBe('小街道 ¥100.00 × 1，大街道 ¥2,000.00 × 2');
    expect(tierSummary([])).toBe('');
    expect([PLAN_STATUS.draft, PLAN_STATUS.approved]).toEqual(['待审批', '已审批']);
  });

  it('opens an approved plan while lines are unpaid', () => {
    const lines = [{}, {}] as never;
    expect(planOpen({ status: 'approved', paidCount: 1, lines })).toBe(true);
    expect(planOpen({ status: 'approved', paidCount: 2, lines })).toBe(false);
    expect(planOpen({ status: 'draft', paidCount: 0, lines })).toBe(false);
  });

  it('says how a line was paid', () => {
    const unpaid = { paid: false, paidOn: null, bankReference: null, proof: null, confirmed: false };
    expect(lineState(unpaid)).toBe('待拨付');
    expect(lineState({ paid: true, paidOn: '2020-02-20', bankReference: 'BOC1', proof: 'public', confirmed: true })).toBe(
      '已拨付 2020-02-20（BOC1），有凭证，已确认到账',
    );
    expect(lineState({ paid: true, paidOn: '2020-02-20', bankReference: null, proof: null, confirmed: false })).toBe('已拨付 2020-02-20，无凭证，待确认到账');
  });

  it('defaults the date to the day in Beijing', () => {
    // 2020-02-19 16:30 UTC is already 2020-02-20 00:30 in Beijing.
    expect(beijingToday(Date.UTC(2020, 1, 19, 16, 30))).toBe('2020-02-20');
    expect(beijingToday(Date.UTC(2020, 1, 19, 15, 59))).toBe('2020-02-19');
  });
});
