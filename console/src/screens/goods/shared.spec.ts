import { ApiError } from '../../api';
import { newKey, pledgeStatus, problem, qty, wholeNumber, type CatalogueItem } from './shared';

const byCode: Record<string, CatalogueItem> = {
  'protective-clothing': { code: 'protective-clothing', name: '防护服', category: '防护类', unit: '套', standard: 'GB 19082-2009', note: null },
};

function refusal(code: string, message: string, details?: unknown): ApiError {
  const error = new ApiError(409, code, message);
  if (details) error.details = details;
  return error;
}

describe('goods screens: shared helpers', () => {
  it('says which item is short, how many were asked for and how many there are, with its unit', () => {
    const error = refusal('INSUFFICIENT_STOCK', 'insufficient stock', { itemCode: 'protective-clothing', requestedQuantity: 250, availableQuantity: 200 });
    expect(problem(error, byCode)).toBe('库存不足：防护服 需要 250套，现有 200套。本次发放未执行，没有任何物资出库，请调整数量后再提交。');
    // An item the catalogue does not know (yet): its code, no unit.
    expect(problem(refusal('INSUFFICIENT_STOCK', '', { itemCode: 'goggles', requestedQuantity: 3, availableQuantity: 0 }), byCode)).toBe(
      '库存不足：goggles 需要 3，现有 0。本次发放未执行，没有任何物资出库，请调整数量后再提交。',
    );
  });

  it('explains an edit below what was inspected and a receipt already asked for; anything else as the API said it', () => {
    const below = new ApiError(422, 'QUANTITY_BELOW_INSPECTED', 'x');
    below.details = { itemCode: 'protective-clothing', inspectedQuantity: 600 };
    expect(problem(below, byCode)).toBe('防护服 已验收 600，认捐数量不能少于已验收数量。');
    expect(problem(refusal('RECEIPT_ALREADY_REQUESTED', '已申请过票据，不能再修改价值。'))).toBe('已申请过票据，不能再修改价值。');
    expect(problem(refusal('RECEIPT_ALREADY_REQUESTED', ''))).toBe('该捐赠已申请过票据。');
    expect(problem(refusal('PLEDGE_CANCELLED', '该认捐已取消。'))).toBe('该认捐已取消。');
    expect(problem(new ApiError(403, 'FORBIDDEN', 'forbidden'))).toBe('当前角色无权执行此操作。');
  });

  it('formats quantities with their unit and reads whole numbers only', () => {
    expect(qty(1000, '只')).toBe('1,000 只');
    expect(qty(0, '套')).toBe('0 套');
    expect(qty(12)).toBe('12');
    expect(qty(undefined, '只')).toBe('— 只');
    expect(wholeNumber(' 120 ')).toBe(120);
    expect(wholeNumber('0')).toBe(0);
    for (const bad of ['', '-5', '1.5', '1,000', '1234567890', 'abc', null, undefined]) expect(wholeNumber(bad)).toBeNull();
  });

  it('labels a pledge: waiting, partly arrived, arrived, arrived with the rest cancelled, cancelled', () => {
    expect(pledgeStatus({ status: 'pledged', complete: false, cancelled: null })).toEqual({ className: 'badge-pending', text: '待到货' });
    expect(pledgeStatus({ status: 'received', complete: false, cancelled: null })).toEqual({ className: 'badge-pending', text: '部分到货' });
    expect(pledgeStatus({ status: 'received', complete: true, cancelled: null })).toEqual({ className: 'badge-paid', text: '已到货' });
    const rest = { at: '2020-02-01T02:00:00Z', reason: '余下口罩不再发货' };
    expect(pledgeStatus({ status: 'received', complete: true, cancelled: rest })).toEqual({ className: 'badge-paid', text: '已到货（余量取消）' });
    expect(pledgeStatus({ status: 'cancelled', complete: true, cancelled: rest })).toEqual({ className: 'badge-voided', text: '已取消' });
  });

  it('makes a fresh 128-bit key per form', () => {
    expect(newKey(new Uint8Array([0, 1, 15, 16, 171, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]))).toBe('console-00010f10abff00000000000000000009');
    const a = newKey();
    expect(a).toMatch(/^console-[0-9a-f]{32}$/);
    expect(newKey()).not.toBe(a);
  });
});
