import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors';
import { IN_KIND_TOTALS, InKindTotals } from './in-kind-totals';
import { DailyAmountView, FundTotalsView, toTotalsView, toWallItemView, TotalsView, WallView } from './dto/totals.view';
import { TotalsCache } from './totals-cache';
import { TotalsEvents } from './totals-events';
import { TotalsReadsRepository } from './totals-reads.repository';

/** A public JSON body, serialised once: readers share the bytes and their ETag. */
export interface PublicBody<T> {
  campaignId: string;
  value: T;
  json: string;
  /** `json` encoded once (UTF-8): what is sent, so no answer encodes or measures the text again. */
  bytes: Buffer;
  etag: string;
}

/** A payment shows within this long even when no change notice arrives (Redis down). */
const TOTALS_TTL_MS = 1000;
const WALL_TTL_MS = 2000;
const DAILY_TTL_MS = 5000;
const CODE = /^[a-z0-9][a-z0-9-]{1,62}$/;
const FUND_CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Public totals read from the counters the ledger keeps (a few rows per campaign, never the
 * donations), cached in-process for at most a second and dropped as soon as a change is announced.
 */
@Injectable()
export class TotalsService implements OnModuleDestroy {
  private readonly totalsCache = new TotalsCache<PublicBody<TotalsView>>(TOTALS_TTL_MS);
  private readonly wallCache = new TotalsCache<PublicBody<WallView>>(WALL_TTL_MS);
  private readonly dailyCache = new TotalsCache<DailyAmountView[]>(DAILY_TTL_MS);
  private readonly unsubscribe: () => void;

  constructor(
    private readonly reads: TotalsReadsRepository,
    events: TotalsEvents,
    @Optional() @Inject(IN_KIND_TOTALS) private readonly inKind?: InKindTotals,
  ) {
    this.unsubscribe = events.onChange((campaignId) => {
      this.totalsCache.invalidate(campaignId);
      this.wallCache.invalidate(campaignId);
      this.dailyCache.invalidate(campaignId);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  async forCampaign(code: string): Promise<TotalsView> {
    return (await this.totalsBody(code)).value;
  }

  /** The totals with their serialised JSON and ETag; `fresh` skips the cache. */
  totalsBody(code: string, fresh = false): Promise<PublicBody<TotalsView>> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    if (fresh) return this.loadTotals(code).then((r) => r.value);
    return this.totalsCache.get(code, () => this.loadTotals(code));
  }

  private async loadTotals(code: string): Promise<{ value: PublicBody<TotalsView>; tag: string }> {
    const row = await this.reads.campaignFigures(code);
    if (!row) throw notFound();
    const campaignId = row.id;
    const inKind = this.inKind ? await this.inKind.forCampaign(campaignId) : [];
    const funds = await this.fundTotals(campaignId);
    const totals = toTotalsView(row, inKind, funds);
    return { value: publicBody(campaignId, totals), tag: campaignId };
  }

  /** Per designated fund: received (its counters, kept in the ledger transaction) and disbursed (not voided). */
  fundTotals(campaignId: string): Promise<FundTotalsView[]> {
    return this.reads.fundFigures(campaignId);
  }

  async wall(code: string, limit: number, fundCode?: string): Promise<WallView> {
    return (await this.wallBody(code, limit, fundCode)).value;
  }

  /**
   * Newest first, only donors who agreed, names masked (爱心人士 when anonymous); each designated
   * gift names its fund. With `fundCode`, only the gifts to that fund (unknown → 422 FUND_NOT_FOUND).
   */
  wallBody(code: string, limit: number, fundCode?: string): Promise<PublicBody<WallView>> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    if (fundCode !== undefined && !FUND_CODE.test(fundCode)) return Promise.reject(fundNotFound(fundCode));
    return this.wallCache.get(`${code}:${limit}:${fundCode ?? ''}`, async () => {
      const campaignId = await this.campaignId(code);
      let fundId: string | null = null;
      if (fundCode !== undefined) {
        fundId = await this.reads.fundId(campaignId, fundCode);
        if (fundId === null) throw fundNotFound(fundCode);
      }
      const rows = await this.reads.wall(campaignId, limit, fundId);
      const items = rows.map(toWallItemView);
      return { value: publicBody(campaignId, { items }), tag: campaignId };
    });
  }

  /** Amounts per Beijing calendar day for the last `days` days (today included), from the daily counters. */
  daily(code: string, days: number): Promise<DailyAmountView[]> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    return this.dailyCache.get(`${code}:${days}`, async () => {
      const campaignId = await this.campaignId(code);
      return {
        value: await this.reads.daily(campaignId, days),
        tag: campaignId,
      };
    });
  }

  private async campaignId(code: string): Promise<string> {
    const id = await this.reads.campaignId(code);
    if (id === null) throw notFound();
    return id;
  }
}

function notFound(): DomainError {
  return new DomainError('CAMPAIGN_NOT_FOUND', '活动不存在');
}

/**
 * JSON safe to place anywhere in a page: <, > and & are written as \u escapes (the parsed value is
 * the same), so donor-typed text can never close a script or start a tag, even outside our pages.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function publicBody<T>(campaignId: string, value: T): PublicBody<T> {
  const json = safeJson(value);
  const bytes = Buffer.from(json, 'utf8');
  return { campaignId, value, json, bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
}

function fundNotFound(code: string): DomainError {
  return new DomainError('FUND_NOT_FOUND', `本活动没有代码为 ${code.slice(0, 64)} 的专项基金`);
}
