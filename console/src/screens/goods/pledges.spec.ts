import { pledgedLine, pledgeListQuery, PLEDGE_FILTERS, type LineValues } from './pledges';

const empty: LineValues = { itemCode: '', quantity: '', valuation: '', spec: '', batch: '', expiresAt: '' };

describe('goods: new pledge and the list', () => {
  it('sends a line with its declared value in fen, and only the optional fields that were filled', () => {
    expect(
      pledgedLine(
        {
          itemCode: 'medical-protective-mask',
          quantity: '1000',
          valuation: '12,000',
          spec: 'GB 19083-2010，50只/盒',
          batch: '20200115A',
          expiresAt: '2022-01-14',
        },
        0,
      ),
    ).toEqual({
      itemCode: 'medical-protective-mask',
      quantity: 1000,
      valuationFen: 1200000,
      spec: 'GB 19083-2010，50只/盒',
      batch: '20200115A',
      expiresAt: '2022-01-14',
    });
    expect(pledgedLine({ ...empty, itemCode: 'goggles', quantity: '5', valuation: '12.5' }, 0)).toEqual({
      itemCode: 'goggles',
      quantity: 5,
      valuationFen: 1250,
    });
    expect(pledgedLine({ ...empty, itemCode: 'goggles', quantity: '5' }, 0)).toEqual({ itemCode: 'goggles', quantity: 5 });
  });

  it('says which line is wrong and why', () => {
    expect(pledgedLine({ ...empty, quantity: '5' }, 0)).toBe('第 1 行：请选择物资。');
    expect(pledgedLine({ ...empty, itemCode: 'goggles', quantity: '0' }, 1)).toBe('第 2 行：数量须为正整数。');
    expect(pledgedLine({ ...empty, itemCode: 'goggles', quantity: '2.5' }, 1)).toBe('第 2 行：数量须为正整数。');
    expect(pledgedLine({ ...empty, itemCode: 'goggles', quantity: '5', valuation: '1.234' }, 2)).toBe('第 3 行：申报价值须为元金额，最多两位小数。');
  });

  it('filters the list by status, or by what is still outstanding', () => {
    expect(PLEDGE_FILTERS.map((f) => f[0])).toEqual(['', 'open', 'pledged', 'received', 'cancelled']);
    expect(pledgeListQuery('WH2020', undefined)).toEqual({ campaignCode: 'WH2020', outstanding: undefined, status: undefined });
    expect(pledgeListQuery('WH2020', 'open')).toEqual({ campaignCode: 'WH2020', outstanding: 'true', status: undefined });
    expect(pledgeListQuery('WH2020', 'received')).toEqual({ campaignCode: 'WH2020', outstanding: undefined, status: 'received' });
  });
});
