import { distributedItems, distributedLines, stockOption } from './distributions';

describe('goods: distributions', () => {
  it('offers items with what is on hand', () => {
    expect(stockOption({ name: '防护服', onHandQuantity: 200, unit: '套' })).toBe('防护服（现有 200 套）');
  });

  it('lists what a distribution handed out', () => {
    expect(
      distributedItems({
        items: [
          { itemCode: 'medical-protective-mask', name: '医用防护口罩', unit: '只', quantity: 300 },
          { itemCode: 'protective-clothing', name: '防护服', unit: '套', quantity: 1500 },
        ],
      }),
    ).toBe('医用防护口罩 300 只；防护服 1,500 套');
  });

  it('reads the lines: empty ones skipped, a half-filled one refused, at least one', () => {
    expect(
      distributedLines([
        { itemCode: 'medical-protective-mask', quantity: '300' },
        { itemCode: '', quantity: '' },
        { itemCode: 'protective-clothing', quantity: ' 150 ' },
      ]),
    ).toEqual([
      { itemCode: 'medical-protective-mask', quantity: 300 },
      { itemCode: 'protective-clothing', quantity: 150 },
    ]);
    expect(distributedLines([{ itemCode: 'goggles', quantity: '0' }])).toBe('第 1 行：请选择物资并填写正整数数量。');
    expect(
      distributedLines([
        { itemCode: '', quantity: '' },
        { itemCode: '', quantity: '5' },
      ]),
    ).toBe('第 2 行：请选择物资并填写正整数数量。');
    expect(distributedLines([{ itemCode: '', quantity: '' }])).toBe('请至少填写一种物资。');
  });
});
