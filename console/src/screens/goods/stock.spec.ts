import { adjustment, movementSource, signedQuantity, stockCheck } from './stock';

describe('goods: stock', () => {
  it('reads an adjustment as a signed whole number, anything else as 0', () => {
    expect(adjustment('-20')).toBe(-20);
    expect(adjustment(' +5 ')).toBe(5);
    expect(adjustment('30')).toBe(30);
    for (const bad of ['', '-', '1.5', '二十', '1234567890']) expect(adjustment(bad)).toBe(0);
  });

  it('shows a movement with its sign and unit', () => {
    expect(signedQuantity({ quantity: 500, unit: '只' })).toBe('+500 只');
    expect(signedQuantity({ quantity: -20, unit: '只' })).toBe('-20 只');
    expect(signedQuantity({ quantity: 0, unit: '套' })).toBe('0 套');
  });

  it('says whether the stock agrees with its movements', () => {
    expect(stockCheck(true)).toEqual({ text: '✓ 库存与出入库流水逐项核对一致。', className: 'small amount-ok' });
    expect(stockCheck(false)).toEqual({ text: '⚠ 库存与流水不一致，请联系管理员核查。', className: 'small amount-bad' });
  });

  it('names where a distribution went and why stock was adjusted', () => {
    const base = {
      id: '1',
      itemCode: 'medical-protective-mask',
      name: '医用防护口罩',
      unit: '只',
      quantity: -300,
      reason: null,
      inKindDonationId: null,
      distributionId: 'd1',
      recipient: '武汉市金银潭医院',
      actorEmail: null,
      createdAt: '2020-02-01T02:00:00Z',
    };
    expect(movementSource({ ...base, kind: 'distributed' }, 'WH2020')).toBe('发往 武汉市金银潭医院');
    expect(movementSource({ ...base, kind: 'distributed', recipient: null }, 'WH2020')).toBe('发往 —');
    expect(movementSource({ ...base, kind: 'adjusted', quantity: -20, reason: '仓库盘点：20只受潮' }, 'WH2020')).toBe('仓库盘点：20只受潮');
    expect(movementSource({ ...base, kind: 'adjusted', reason: null }, 'WH2020')).toBe('—');
  });
});
