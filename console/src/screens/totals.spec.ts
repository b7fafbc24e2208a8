import { disbursementState, scheduleText } from './totals';

describe('disbursements and publications screen', () => {
  const valid = { voided: false, voidReason: null, exceeding: null, confirmation: null };
  const confirmation = {
    confirmedBy: '院办',
    receivedAt: '2020-02-21T02:00:00.000Z',
    amountReceivedFen: 100050,
    amountReceivedYuan: '1000.50',
    note: null,
    confirmedAt: '2020-02-21T02:00:00.000Z',
  };

  it('labels a disbursement: voided, exceeding, confirmed by the recipient', () => {
    expect(disbursementState(valid)).toBe('有效；待受助单位确认到账');
    expect(disbursementState({ ...valid, confirmation })).toBe('有效；受助单位已确认到账 ¥1,000.50');
    expect(disbursementState({ ...valid, exceeding: 'pending' })).toBe('超额（待确认）；待受助单位确认到账');
    expect(disbursementState({ ...valid, exceeding: 'confirmed', confirmation })).toBe('超额（已确认）；受助单位已确认到账 ¥1,000.50');
    expect(disbursementState({ ...valid, voided: true, voidReason: '金额录错', exceeding: 'pending' })).toBe('已作废：金额录错');
    expect(disbursementState({ ...valid, voided: true })).toBe('已作废：');
  });

  it('says when the next disclosure is due, in Beijing time', () => {
    expect(scheduleText({ intervalDays: 30, nextDueAt: '2020-03-01T02:30:00.000Z', nextKind: 'scheduled' })).toBe(
      '至少每 30 天公示一次；下次公示应于 2020-03-01 10:30 前发布',
    );
    expect(scheduleText({ intervalDays: 7, nextDueAt: '2020-03-01T02:30:00.000Z', nextKind: 'final' })).toBe(
      '至少每 7 天公示一次；结项公示应于 2020-03-01 10:30 前发布',
    );
    expect(scheduleText({ intervalDays: 7, nextDueAt: null, nextKind: null })).toBe('至少每 7 天公示一次；结项公示已发布');
  });
});
