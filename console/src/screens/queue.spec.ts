import { bulkButtonLabel, bulkDoneLine, bulkProgressLine, bulkResult, bulkToast, matchKind, sameAmountDonations, waitingCount } from './queue';

describe('receipt review queue', () => {
  it('keeps paid donations of the same amount in fen, at most five', () => {
    const paid = [100, 5000, 5000, 5001, 5000, 5000, 5000, 5000].map((amountFen, i) => ({ orderNo: `D${i}`, amountFen }));
    expect(sameAmountDonations(paid, 5000).map((d) => d.orderNo)).toEqual(['D1', 'D2', 'D4', 'D5', 'D6']);
    expect(sameAmountDonations(paid, 50)).toEqual([]);
  });

  it('counts requests still waiting, also those beyond the first page', () => {
    // 3 shown, 1 of them closed here, 10 waiting on the server when the page was drawn.
    expect(waitingCount(2, 3, 10)).toBe(9);
    // The server's total is older than what is open on screen: the screen wins.
    expect(waitingCount(3, 3, 0)).toBe(3);
    expect(waitingCount(0, 0, 0)).toBe(0);
  });

  it('says how the candidate donation was found', () => {
    const donation = { orderNo: 'D1' } as never;
    expect(matchKind({ donation, proposedDonation: null })).toBe('已匹配');
    expect(matchKind({ donation: null, proposedDonation: donation })).toBe('建议匹配');
    expect(matchKind({ donation: null, proposedDonation: null })).toBe('未找到匹配');
  });

  it('reads a mass approval result, and words its progress and end', () => {
    const r = bulkResult({
      total: 5,
      approved: 3,
      alreadyApproved: 1,
      failed: 1,
      errors: [{ requestId: 'r5', code: 'DONATION_NOT_PAID', message: '捐赠未到账' }, { message: '无编号' }],
    });
    expect(r).toEqual({ approved: 3, alreadyApproved: 1, failed: 1, errors: [{ requestId: 'r5', message: '捐赠未到账' }] });
    expect(bulkResult(undefined)).toEqual({ approved: 0, alreadyApproved: 0, failed: 0, errors: [] });
    expect(bulkDoneLine(r)).toBe('批量批准完成：批准 3 份，1 份此前已批准，1 份未能批准。');
    expect(bulkDoneLine(bulkResult({ approved: 2 }))).toBe('批量批准完成：批准 2 份。');
    expect(bulkToast(r)).toBe('已批准 3 份，1 份未能批准（见各申请下方说明）');
    expect(bulkToast(bulkResult({ approved: 2 }))).toBe('已批准 2 份');
    expect(bulkProgressLine({ state: 'waiting', progress: { done: 0, total: 4 } })).toBe('批量批准任务排队中…');
    expect(bulkProgressLine({ state: 'active', progress: { done: 2, total: 4, failed: 1 } })).toBe(
      '正在批准：2 / 4（1 份未能批准）。可以离开此页面，任务在服务器上继续。',
    );
    expect(bulkProgressLine({ state: 'active', progress: { done: 2, total: 4 } })).toBe('正在批准：2 / 4。可以离开此页面，任务在服务器上继续。');
  });

  it('labels the bulk button with how many are selected', () => {
    expect(bulkButtonLabel(0)).toBe('批量批准所选');
    expect(bulkButtonLabel(3)).toBe('批量批准所选（3）');
  });
});
