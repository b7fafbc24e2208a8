import { AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_FIELDS, changeLines, ENTITY_LABELS, shown } from './audit-labels';

describe('audit log labels', () => {
  it('names actions, fields and entities in Chinese', () => {
    expect(AUDIT_ACTIONS['campaign.fund_rename']).toBe('修改定向基金名称');
    expect(AUDIT_FIELDS.disclosureIntervalDays).toBe('信息公开周期（天）');
    expect(ENTITY_LABELS['receipt-book']).toBe('纸质票据本');
    expect(Object.keys(ENTITY_LABELS)).toEqual(AUDIT_ENTITIES.map((e) => e[0]));
    for (const label of [...Object.values(AUDIT_ACTIONS), ...Object.values(AUDIT_FIELDS), ...Object.values(ENTITY_LABELS)]) {
      expect(label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows snapshot values as staff read them', () => {
    expect(shown('goalFen', 8000050)).toBe('¥80,000.50');
    expect(shown('goalFen', null)).toBe('—');
    expect(shown('receiptPayee', '')).toBe('—');
    expect(shown('status', 'pending_review')).toBe('待审核');
    expect(shown('status', 'ended')).toBe('已结束');
    expect(shown('status', 'somethingNew')).toBe('somethingNew');
    expect(shown('channel', 'wechatpay')).toBe('微信支付');
    expect(shown('role', 'auditor')).toBe('审计');
    expect(shown('kind', 'goods')).toBe('物资台账');
    expect(shown('autoApproveReceipts', false)).toBe('否');
    expect(shown('disclosureIntervalDays', 30)).toBe('30');
    // Beijing time to the second.
    expect(shown('endsAt', '2099-03-31T10:00:00.000Z')).toBe('2099-03-31 18:00:00');
    expect(shown('funds', [{ code: 'medical', name: '医疗救治' }, 'x'])).toBe('医疗救治（medical）、x');
    expect(shown('funds', [])).toBe('—');
  });

  it('shows an object as labelled fields in the order of the field list, cut at 240 characters', () => {
    expect(shown('disclosure', { contact: '010-1', organizationName: '温暖基金会', extra: 1 })).toBe('募捐组织：温暖基金会；联系方式：010-1；extra：1');
    expect(shown('disclosure', {})).toBe('—');
    const long = shown('disclosure', { contact: 'x'.repeat(300) });
    expect(long).toHaveLength(238);
    expect(long.endsWith('…')).toBe(true);
  });

  it('lists a change field by field: before and after when changed, one side when only there, the value when the same', () => {
    expect(
      changeLines(
        { title: '冬日暖心 2026', receiptPayee: null, status: 'active', reason: 'x' },
        { title: '冬日暖心 · 2026 年度', receiptPayee: '王出纳', status: 'active', goalFen: 100 },
      ),
    ).toEqual([
      { field: 'title', label: '活动名称', before: '冬日暖心 2026', after: '冬日暖心 · 2026 年度' },
      { field: 'receiptPayee', label: '票据收款人', before: '—', after: '王出纳' },
      { field: 'status', label: '状态', after: '进行中' },
      { field: 'reason', label: '原因', before: 'x' },
      { field: 'goalFen', label: '目标金额', after: '¥1.00' },
    ]);
    expect(changeLines(null, undefined)).toEqual([]);
    expect(changeLines({ somethingElse: 1 }, null)).toEqual([{ field: 'somethingElse', label: 'somethingElse', before: '1' }]);
  });
});
