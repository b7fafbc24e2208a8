import { DomainError } from '../common/errors';
import { cleanText, parseTimestamp } from '../common/text';
import type { Campaign } from './campaign.entity';
import { normalizeDisclosure } from './campaign-disclosure';
import type { UpdateCampaignDto } from './dto/update-campaign.dto';

/** The columns an admin may change after creation. */
export type CampaignSettings = Pick<
  Campaign,
  'title' | 'goalFen' | 'receiptThresholdFen' | 'autoApproveReceipts' | 'startsAt' | 'endsAt' | 'receiptPayee' | 'disclosure' | 'disclosureIntervalDays'
>;

export interface CampaignChanges {
  /** Every setting as it will be (unchanged ones included), for the UPDATE. */
  settings: CampaignSettings;
  /** Only the settings that change, before and after, for the audit log (times as ISO strings). */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

function timestamp(value: string | null | undefined, current: Date | null): Date | null {
  if (value === undefined) return current;
  if (value === null) return null;
  const date = parseTimestamp(value);
  if (!date) throw new DomainError('INVALID_CAMPAIGN_DATES', '开始和结束时间须为 1970 至 9999 年之间的有效时间');
  return date;
}

const audited = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/** JSON with object keys sorted: PostgreSQL's jsonb keeps its own key order. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * What a PATCH of a campaign changes: the same rules as creation (dates in order, the credit code
 * checked), a field left out keeps its value.
 */
export function campaignChanges(campaign: Campaign, dto: UpdateCampaignDto): CampaignChanges {
  const startsAt = timestamp(dto.startsAt, campaign.startsAt);
  const endsAt = timestamp(dto.endsAt, campaign.endsAt);
  if (startsAt && endsAt && endsAt <= startsAt) throw new DomainError('INVALID_CAMPAIGN_DATES', '结束时间必须晚于开始时间');
  const settings: CampaignSettings = {
    title: cleanText(dto.title) ?? campaign.title,
    goalFen: dto.goalFen === undefined ? campaign.goalFen : dto.goalFen,
    receiptThresholdFen: dto.receiptThresholdFen ?? campaign.receiptThresholdFen,
    autoApproveReceipts: dto.autoApproveReceipts ?? campaign.autoApproveReceipts,
    startsAt,
    endsAt,
    receiptPayee: dto.receiptPayee === undefined ? campaign.receiptPayee : (cleanText(dto.receiptPayee) ?? null),
    disclosure: dto.disclosure === undefined ? campaign.disclosure : normalizeDisclosure(dto.disclosure as Record<string, unknown> | null),
    disclosureIntervalDays: dto.disclosureIntervalDays ?? campaign.disclosureIntervalDays,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of Object.keys(settings) as (keyof CampaignSettings)[]) {
    const was = audited(campaign[key]);
    const is = audited(settings[key]);
    if (stable(was) === stable(is)) continue;
    before[key] = was;
    after[key] = is;
  }
  return { settings, before, after };
}
