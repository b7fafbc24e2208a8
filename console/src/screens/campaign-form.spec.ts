import {
  changedSettings,
  creationBody,
  disclosureBody,
  fromLocalInput,
  parseSettings,
  refusedFields,
  RULES,
  toLocalInput,
  yuanInput,
  type SettingsInput,
} from './campaign-form';

const typed: SettingsInput = {
  title: ' 冬日暖心 2026 ',
  goalFen: '50,000',
  receiptThresholdFen: '100.00',
  startsAt: '2026-01-01T09:00',
  endsAt: '',
  receiptPayee: '  ',
  disclosureIntervalDays: '90',
  autoApproveReceipts: 'true',
};

describe('campaign settings form', () => {
  it('reads datetime-local values as Beijing time and shows instants in it, to the minute', () => {
    expect(fromLocalInput('2026-01-01T09:00')).toBe('2026-01-01T09:00:00+08:00');
    expect(fromLocalInput('2026-01-01T09:00:30.000')).toBe('2026-01-01T09:00:30+08:00');
    expect(fromLocalInput('')).toBeNull();
    expect(toLocalInput('2026-01-01T01:00:59Z')).toBe('2026-01-01T09:00');
    expect(toLocalInput(null)).toBe('');
    expect(toLocalInput('not a time')).toBe('');
    expect(yuanInput(8000050)).toBe('80000.50');
    expect(yuanInput(null)).toBe('');
  });

  it('reads typed settings as the API takes them: fen, trimmed text, null for what is left empty', () => {
    const { settings, invalid } = parseSettings(typed);
    expect(invalid).toEqual([]);
    expect(settings).toEqual({
      title: '冬日暖心 2026',
      goalFen: 5000000,
      receiptThresholdFen: 10000,
      startsAt: '2026-01-01T09:00:00+08:00',
      endsAt: null,
      receiptPayee: null,
      disclosureIntervalDays: 90,
      autoApproveReceipts: true,
    });
    // Code and prefix only come from the form for a new campaign.
    expect(settings).not.toHaveProperty('code');
    expect(parseSettings({ ...typed, goalFen: ' ' }).settings?.goalFen).toBeNull();
  });

  it('refuses amounts that are not positive yuan, a missing threshold and an empty title, naming each field', () => {
    expect(parseSettings({ ...typed, goalFen: '0', receiptThresholdFen: '', title: ' ' })).toEqual({
      settings: null,
      invalid: ['goalFen', 'receiptThresholdFen', 'title'],
    });
    expect(parseSettings({ ...typed, receiptThresholdFen: '1.234' }).invalid).toEqual(['receiptThresholdFen']);
  });

  it('creates with what is set only, so the server defaults apply to the rest', () => {
    const { settings } = parseSettings({ ...typed, code: ' winter ', receiptPrefix: 'DW', goalFen: '' });
    expect(creationBody(settings!)).toEqual({
      code: 'winter',
      title: '冬日暖心 2026',
      receiptPrefix: 'DW',
      receiptThresholdFen: 10000,
      startsAt: '2026-01-01T09:00:00+08:00',
      disclosureIntervalDays: 90,
      autoApproveReceipts: true,
    });
  });

  it('sends only what changed, with null to clear a value', () => {
    const before = parseSettings(typed).settings!;
    const now = parseSettings({ ...typed, title: '冬日暖心 · 2026 年度', goalFen: '', receiptPayee: '王出纳', disclosureIntervalDays: '30' }).settings!;
    expect(changedSettings(now, before)).toEqual({ title: '冬日暖心 · 2026 年度', goalFen: null, receiptPayee: '王出纳', disclosureIntervalDays: 30 });
    expect(changedSettings(before, before)).toEqual({});
    // Nothing read before (the form could not be read): everything is sent.
    expect(Object.keys(changedSettings(before, {}))).toEqual(Object.keys(before));
  });

  it('sends the disclosure without empty fields, and null when all are empty (clears it)', () => {
    const empty = { organizationName: '', organizationCreditCode: ' ', fundraisingQualification: '', filingNumber: '', contact: '' };
    expect(disclosureBody(empty)).toBeNull();
    expect(disclosureBody({ ...empty, organizationName: ' 北京市温暖基金会 ', contact: '010-12345678' })).toEqual({
      organizationName: '北京市温暖基金会',
      contact: '010-12345678',
    });
  });

  it('puts a refusal under the fields its messages name, in Chinese; a stable code under its field with the server message', () => {
    const refusal = (errors: string[]) => ({ code: 'VALIDATION_FAILED', message: 'x', details: { errors } });
    expect(
      refusedFields(refusal(['title must be shorter', 'disclosure.contact must be shorter', 'somethingElse must be', 'funds.0.fund name must be'])),
    ).toEqual([
      { key: 'title', text: RULES.title },
      { key: 'disclosure.contact', text: RULES['disclosure.contact'] },
      { key: 'fundName', text: RULES.fundName },
    ]);
    // The fund forms send { code, name }: their messages name bare fields.
    expect(refusedFields(refusal(['code must match', 'name should not be empty']), 'fund').map((f) => f.key)).toEqual(['fundCode', 'fundName']);
    expect(refusedFields({ code: 'CAMPAIGN_EXISTS', message: '活动代码已被使用' })).toEqual([{ key: 'code', text: '活动代码已被使用' }]);
    expect(refusedFields({ code: 'INVALID_CREDIT_CODE', message: '统一社会信用代码校验失败' })[0].key).toBe('disclosure.organizationCreditCode');
    expect(refusedFields({ code: 'FORBIDDEN', message: '无权' })).toEqual([]);
    expect(refusedFields(null)).toEqual([]);
  });
});
