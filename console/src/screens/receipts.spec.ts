import { exactMatch, formValue, officialText, receiptNoOf, resultCount } from './receipts';

describe('receipts screen', () => {
  it('opens a whole receipt number typed in any case, and searches anything else', () => {
    expect(receiptNoOf('wn-2020-00000012')).toBe('WN-2020-00000012');
    expect(receiptNoOf('WNF-2026-00000001')).toBe('WNF-2026-00000001');
    expect(receiptNoOf('WN-2020-0000001')).toBeNull();
    expect(receiptNoOf('张')).toBeNull();
    expect(receiptNoOf('')).toBeNull();
    expect(receiptNoOf(undefined)).toBeNull();
  });

  it('opens the single result of a search by full receipt or order number, not of a name search', () => {
    const item = {
      receiptNo: 'WN-2020-00000012',
      status: 'issued' as const,
      campaignCode: 'WH2020',
      orderNo: 'WN20200201000123',
      donorName: '张*',
      invoiceTitle: '张三',
      amountFen: 10000,
      issuedAt: '2020-02-01T02:00:00.000Z',
      emailedAt: null,
    };
    expect(exactMatch('wn-2020-00000012', [item])).toBe(item);
    expect(exactMatch('WN20200201000123', [item])).toBe(item);
    expect(exactMatch('张', [item])).toBeNull();
    expect(exactMatch('WN20200201000123', [item, { ...item, receiptNo: 'WN-2020-00000013' }])).toBeNull();
    expect(exactMatch(undefined, [item])).toBeNull();
  });

  it('names the official receipt a record is attached to', () => {
    const fiscal = { kind: 'fiscal' as const, source: 'platform' as const, code: '42010124', number: '0012345678', checkCode: 'a1b2c3', voided: false };
    expect(officialText(fiscal)).toBe('财政电子（平台） 代码 42010124 号码 0012345678 校验码 a1b2c3');
    expect(officialText({ ...fiscal, source: 'manual', voided: true })).toBe('财政电子（手工录入） 代码 42010124 号码 0012345678 校验码 a1b2c3（随记录作废）');
    expect(officialText({ kind: 'paper', source: 'paper', code: '42010124', number: '0000000001', voided: false })).toBe('纸质 代码 42010124 号码 0000000001');
  });

  it('shows the official form: a payee not configured is signed by hand, other empty fields do not apply', () => {
    expect(formValue({ key: 'payee', value: null })).toBe('（手写）');
    expect(formValue({ key: 'payerCreditCode', value: null })).toBe('—');
    expect(formValue({ key: 'payee', value: '李会计' })).toBe('李会计');
    expect(formValue({ key: 'memo', value: '' })).toBe('');
  });

  it('counts the results, and says when only the latest 200 are shown', () => {
    expect(resultCount(0)).toBe('共 0 张');
    expect(resultCount(199)).toBe('共 199 张');
    expect(resultCount(200)).toBe('显示最新 200 张，请缩小条件或导出全部。');
  });
});
