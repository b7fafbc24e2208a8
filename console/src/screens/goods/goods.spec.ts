import { CATEGORIES, tabOf, TABS } from './goods';

describe('goods screen', () => {
  it('opens the tab the route names, else the pledges', () => {
    expect(TABS.map((t) => t[0])).toEqual(['pledges', 'stock', 'distributions', 'catalogue']);
    expect(TABS.map((t) => t[1])).toEqual(['认捐与验收', '库存', '发放', '物资目录']);
    expect(tabOf('stock')).toBe('stock');
    expect(tabOf('catalogue')).toBe('catalogue');
    expect(tabOf(undefined)).toBe('pledges');
    expect(tabOf('toString')).toBe('pledges');
  });

  it('offers the catalogue categories the API accepts', () => {
    expect(CATEGORIES).toEqual(['防护类', '消毒类', '诊断类', '其他']);
  });
});
