import { cancelNote, inspectedItems, lineChanges, maskEmail, receiptRequest, valuationInput, type EditValues } from './pledge-detail';
import type { PledgeLine } from './shared';

function line(overrides: Partial<PledgeLine>): PledgeLine {
  return {
    itemCode: 'medical-protective-mask',
    name: '医用防护口罩',
    unit: '只',
    quantity: 1000,
    acceptedQuantity: 0,
    rejectedQuantity: 0,
    cancelledQuantity: 0,
    outstandingQuantity: 1000,
    valuationFen: 1200000,
    acceptedValueFen: 0,
    spec: 'GB 19083-2010',
    batch: null,
    expiresAt: null,
    expired: false,
    ...overrides,
  };
}

const mask = line({});
const gown = line({ itemCode: 'protective-clothing', name: '防护服', unit: '套', quantity: 200, outstandingQuantity: 200, valuationFen: null, spec: null });

describe('goods: one pledge', () => {
  it('records an inspection per line; blank and zero lines are skipped, a rejection keeps its reason', () => {
    expect(
      inspectedItems(
        [mask, gown],
        [
          { accepted: '500', rejected: '100', reason: '包装破损' },
          { accepted: '200', rejected: '', reason: '' },
        ],
      ),
    ).toEqual([
      { itemCode: 'medical-protective-mask', acceptedQuantity: 500, rejectedQuantity: 100, reason: '包装破损' },
      { itemCode: 'protective-clothing', acceptedQuantity: 200, rejectedQuantity: 0 },
    ]);
    expect(
      inspectedItems(
        [mask, gown],
        [
          { accepted: '', rejected: '', reason: '' },
          { accepted: '0', rejected: '0', reason: '' },
        ],
      ),
    ).toBe('请至少填写一种物资的验收数量。');
  });

  it('refuses an inspection that is not whole, passes what is outstanding, or rejects without a reason', () => {
    expect(inspectedItems([mask], [{ accepted: '1.5', rejected: '', reason: '' }])).toBe('医用防护口罩：数量须为整数。');
    expect(inspectedItems([mask], [{ accepted: '900', rejected: '101', reason: '已过期' }])).toBe('医用防护口罩：合格与不合格合计 1001，超过待到货 1000。');
    expect(inspectedItems([mask], [{ accepted: '500', rejected: '100', reason: '' }])).toBe('医用防护口罩：请填写不合格原因。');
  });

  const unchanged: EditValues = { quantity: '1000', valuation: '12000.00', spec: 'GB 19083-2010', batch: '', expiresAt: '' };

  it('sends only what changed on a line; an emptied field is cleared with null', () => {
    expect(lineChanges([mask], [unchanged])).toBe('没有需要保存的修改。');
    expect(lineChanges([mask], [{ ...unchanged, quantity: '900', batch: '20200120B' }])).toEqual([
      { itemCode: 'medical-protective-mask', quantity: 900, batch: '20200120B' },
    ]);
    expect(lineChanges([mask], [{ ...unchanged, valuation: '', spec: '' }])).toEqual([{ itemCode: 'medical-protective-mask', valuationFen: null, spec: null }]);
    expect(lineChanges([gown], [{ quantity: '200', valuation: '300', spec: '', batch: '', expiresAt: '2022-02-28' }])).toEqual([
      { itemCode: 'protective-clothing', valuationFen: 30000, expiresAt: '2022-02-28' },
    ]);
  });

  it('refuses an edit below what was inspected, or not a positive whole number, or a value that is not yuan', () => {
    const inspected = line({ acceptedQuantity: 500, rejectedQuantity: 100, outstandingQuantity: 400 });
    expect(lineChanges([inspected], [{ ...unchanged, quantity: '500' }])).toBe('医用防护口罩：认捐数量不能少于已验收的 600。');
    expect(lineChanges([mask], [{ ...unchanged, quantity: '0' }])).toBe('医用防护口罩：认捐数量须为正整数。');
    expect(lineChanges([mask], [{ ...unchanged, valuation: '十元' }])).toBe('医用防护口罩：申报价值须为元金额，最多两位小数。');
  });

  it('shows the declared value in yuan for editing, without the sign and separators', () => {
    expect(valuationInput(1200000)).toBe('12000.00');
    expect(valuationInput(1250)).toBe('12.50');
    expect(valuationInput(null)).toBe('');
  });

  it('says what cancelling the remainder does', () => {
    expect(cancelNote({ status: 'pledged', outstandingQuantity: 1200 })).toBe('尚无物资到货：取消后整笔认捐作废。');
    expect(cancelNote({ status: 'received', outstandingQuantity: 300 })).toBe('已到货的合格物资保留在库存中，只取消尚未到货的 300 件。');
  });

  it('asks for a goods receipt with the ID as a credit code or an ID number, and masks the address it goes to', () => {
    const values = {
      donorType: 'organization',
      name: '武汉光谷医疗器械有限公司',
      idCode: '91350100M000100Y43',
      invoiceTitle: '武汉光谷医疗器械有限公司',
      phone: '13912345678',
      email: 'gift@example.com',
      mailingAddress: '',
    };
    expect(receiptRequest(values)).toEqual({
      donorType: 'organization',
      name: '武汉光谷医疗器械有限公司',
      creditCode: '91350100M000100Y43',
      invoiceTitle: '武汉光谷医疗器械有限公司',
      phone: '13912345678',
      email: 'gift@example.com',
    });
    expect(receiptRequest({ ...values, donorType: 'individual', idCode: '11010519491231002X', mailingAddress: '湖北省武汉市' })).toMatchObject({
      idNumber: '11010519491231002X',
      mailingAddress: '湖北省武汉市',
    });
    expect(receiptRequest({ ...values, email: '' })).toBe('请填写名称、票据抬头、手机号和邮箱。');
    expect(maskEmail('gift@example.com')).toBe('g***@example.com');
  });
});
