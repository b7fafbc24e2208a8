import { exportKinds, jobState, KINDS, STATUSES } from './exports';

describe('exports screen', () => {
  it('offers warehouse staff only the goods ledger, everyone else all three kinds', () => {
    expect(exportKinds('warehouse')).toEqual(['goods']);
    expect(exportKinds('auditor')).toEqual(['donations', 'receipts', 'goods']);
    expect(exportKinds(undefined)).toEqual(['donations', 'receipts', 'goods']);
    for (const kind of exportKinds('admin')) {
      expect(KINDS[kind]).toBeTruthy();
      expect(STATUSES[kind][0]).toEqual(['', expect.any(String)]);
    }
  });

  it('says what an export job is doing, in Chinese', () => {
    const progress = { done: 40, total: 120 };
    expect(jobState({ state: 'waiting', progress })).toBe('排队中');
    expect(jobState({ state: 'active', progress })).toBe('正在生成 40 / 120 行');
    expect(jobState({ state: 'failed', progress, failedReason: '磁盘已满' })).toBe('失败：磁盘已满');
    expect(jobState({ state: 'failed', progress })).toBe('失败：未知原因');
    const file = { url: '/api/staff/export-jobs/1/file', filename: 'd.csv', rows: 118, bytes: 9000, expiresAt: null, available: true };
    expect(jobState({ state: 'completed', progress, file })).toBe('已完成（118 行）');
    expect(jobState({ state: 'completed', progress, file: { ...file, rows: null } })).toBe('已完成（120 行）');
    expect(jobState({ state: 'completed', progress, file: { ...file, available: false } })).toBe('已过保存期限');
  });
});
