import { DomainError } from '../common/errors';
import { Campaign } from './campaign.entity';
import { campaignChanges } from './campaign-changes';

function campaign(extra: Partial<Campaign> = {}): Campaign {
  return Object.assign(new Campaign(), {
    id: 'c1',
    code: 'warm-wuhan',
    title: '温暖武汉',
    receiptPrefix: 'WH',
    goalFen: 500000000,
    receiptThresholdFen: 10000,
    startsAt: new Date('2020-02-01T00:00:00+08:00'),
    endsAt: null,
    autoApproveReceipts: true,
    organisation: '北京市温暖基金会',
    receiptPayee: null,
    // As PostgreSQL's jsonb returns it: shorter keys first.
    disclosure: { contact: '010-12345678', organizationName: '北京市温暖基金会' },
    disclosureIntervalDays: 90,
    ...extra,
  });
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return null;
};

describe('campaignChanges', () => {
  it('keeps what is left out and audits only what changes', () => {
    const { settings, before, after } = campaignChanges(campaign(), { title: '温暖武汉 · 二期', goalFen: 600000000 });
    expect(settings).toMatchObject({ title: '温暖武汉 · 二期', goalFen: 600000000, receiptThresholdFen: 10000, autoApproveReceipts: true, endsAt: null });
    expect(before).toEqual({ title: '温暖武汉', goalFen: 500000000 });
    expect(after).toEqual({ title: '温暖武汉 · 二期', goalFen: 600000000 });
  });

  it('clears the goal, the dates, the payee and the disclosure with null, but never the title, threshold or approval', () => {
    const { settings, before, after } = campaignChanges(campaign({ receiptPayee: '王出纳' }), {
      goalFen: null,
      // The DTO's types say string (they come from creation); the validation lets null through.
      startsAt: null as unknown as string,
      receiptPayee: null as unknown as string,
      disclosure: null,
      title: null as unknown as string,
      receiptThresholdFen: null as unknown as number,
      autoApproveReceipts: null as unknown as boolean,
    });
    expect(settings).toMatchObject({
      goalFen: null,
      // The DTO's types say string (they come from creation); the validation lets null through.
      startsAt: null as unknown as string,
      receiptPayee: null as unknown as string,
      disclosure: null,
      title: '温暖武汉',
      receiptThresholdFen: 10000,
      autoApproveReceipts: true,
    });
    expect(Object.keys(after).sort()).toEqual(['disclosure', 'goalFen', 'receiptPayee', 'startsAt']);
    expect(before.startsAt).toBe('2020-01-31T16:00:00.000Z');
  });

  it('sees the same disclosure in another key order as no change', () => {
    const { before } = campaignChanges(campaign(), { disclosure: { organizationName: '北京市温暖基金会', contact: '010-12345678' } });
    expect(before).toEqual({});
  });

  it('refuses an end before the start (the new one or the kept one) and a date that does not exist', () => {
    expect(refusal(() => campaignChanges(campaign(), { endsAt: '2020-01-31T23:59:59+08:00' }))).toBe('INVALID_CAMPAIGN_DATES');
    expect(refusal(() => campaignChanges(campaign(), { startsAt: '2020-03-01', endsAt: '2020-02-29' }))).toBe('INVALID_CAMPAIGN_DATES');
    expect(refusal(() => campaignChanges(campaign(), { endsAt: '2021-02-30' }))).toBe('INVALID_CAMPAIGN_DATES');
    expect(refusal(() => campaignChanges(campaign(), { disclosure: { organizationCreditCode: '123' } }))).toBe('INVALID_CREDIT_CODE');
    expect(campaignChanges(campaign(), { endsAt: '2020-12-31T23:59:59+08:00' }).after).toEqual({ endsAt: '2020-12-31T15:59:59.000Z' });
  });
});
