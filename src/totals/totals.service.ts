import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { wallMessage } from './wall-message';
import { DomainError } from '../common/errors';
import { maskName } from '../common/masking';
import { toSafeInteger } from '../database/fen.transformer';
import { IN_KIND_TOTALS, InKindLine, InKindTotals } from './in-kind-totals';
import { TotalsCache } from './totals-cache';
import { TOTALS_TIME_ZONE } from './totals-counters';
import { TotalsEvents } from './totals-events';

export interface CampaignTotals {
  campaignCode: string;
  donorCount: number;
  donationCount: number;
  amountFen: number;
  todayAmountFen: number;
  goalFen: number | null;
  disbursedFen: number;
  inKind: InKindLine[];
  /** Only when the campaign has designated funds: what each received and what was disbursed from it. */
  funds?: FundTotals[];
  updatedAt: string;
}

export interface FundTotals {
  code: string;
  name: string;
  amountFen: number;
  disbursedFen: number;
}

/** A public JSON body, serialised once: readers share the bytes and their ETag. */
export interface PublicBody<T> {
  campaignId: string;
  value: T;
  json: string;
  /** `json` encoded once (UTF-8): what is sent, so no answer encodes or measures the text again. */
  bytes: Buffer;
  etag: string;
}

export interface WallItem {
  name: string;
  amountFen: number;
  paidAt: string;
  /** Only when the gift was designated to a fund (定向捐赠). */
  fundCode?: string;
  fundName?: string;
  /** The donor's message, cleaned (wallMessage), unless staff hid it. */
  message?: string;
}

export interface DailyAmount {
  day: string; // YYYY-MM-DD in Beijing time
  amountFen: number;
  donationCount: number;
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
  private readonly totalsCache = new TotalsCache<PublicBody<CampaignTotals>>(TOTALS_TTL_MS);
  private readonly wallCache = new TotalsCache<PublicBody<{ items: WallItem[] }>>(WALL_TTL_MS);
  private readonly dailyCache = new TotalsCache<DailyAmount[]>(DAILY_TTL_MS);
  private readonly unsubscribe: () => void;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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

  async forCampaign(code: string): Promise<CampaignTotals> {
    return (await this.totalsBody(code)).value;
  }

  /** The totals with their serialised JSON and ETag; `fresh` skips the cache. */
  totalsBody(code: string, fresh = false): Promise<PublicBody<CampaignTotals>> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    if (fresh) return this.loadTotals(code).then((r) => r.value);
    return this.totalsCache.get(code, () => this.loadTotals(code));
  }

  private async loadTotals(code: string): Promise<{ value: PublicBody<CampaignTotals>; tag: string }> {
    const rows: Record<string, string | Date | null>[] = await this.dataSource.query(
      `SELECT c.id, c.code, c.goal_fen, c.created_at,
              t.donation_count, t.donor_count, t.amount_fen, t.updated_at,
              d.today_fen, b.disbursed_fen, b.disbursed_at
         FROM campaigns c
        CROSS JOIN LATERAL (
              SELECT coalesce(sum(donation_count), 0) AS donation_count, coalesce(sum(donor_count), 0) AS donor_count,
                     coalesce(sum(amount_fen), 0) AS amount_fen, max(updated_at) AS updated_at
                FROM campaign_counters WHERE campaign_id = c.id) t
        CROSS JOIN LATERAL (
              SELECT coalesce(sum(amount_fen), 0) AS today_fen FROM campaign_daily_counters
               WHERE campaign_id = c.id AND day = (now() AT TIME ZONE '${TOTALS_TIME_ZONE}')::date) d
        CROSS JOIN LATERAL (
              SELECT coalesce(sum(amount_fen) FILTER (WHERE voided_at IS NULL), 0) AS disbursed_fen,
                     max(greatest(created_at, voided_at)) AS disbursed_at
                FROM disbursements WHERE campaign_id = c.id) b
        WHERE c.code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row) throw notFound();
    const campaignId = String(row.id);
    const inKind = this.inKind ? await this.inKind.forCampaign(campaignId) : [];
    const funds = await this.fundTotals(campaignId);
    const times = [row.updated_at, row.disbursed_at, row.created_at].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
    const totals: CampaignTotals = {
      campaignCode: String(row.code),
      donorCount: toSafeInteger(row.donor_count as string),
      donationCount: toSafeInteger(row.donation_count as string),
      amountFen: toSafeInteger(row.amount_fen as string),
      todayAmountFen: toSafeInteger(row.today_fen as string),
      goalFen: row.goal_fen === null ? null : toSafeInteger(row.goal_fen as string),
      disbursedFen: toSafeInteger(row.disbursed_fen as string),
      inKind,
      ...(funds.length > 0 ? { funds } : {}),
      updatedAt: new Date(Math.max(...times)).toISOString(),
    };
    return { value: publicBody(campaignId, totals), tag: campaignId };
  }

  /** Per designated fund: received (its counters, kept in the ledger transaction) and disbursed (not voided). */
  async fundTotals(campaignId: string): Promise<FundTotals[]> {
    const rows: { code: string; name: string; amount_fen: string; disbursed_fen: string }[] = await this.dataSource.query(
      `SELECT f.code, f.name,
              (SELECT coalesce(sum(amount_fen), 0) FROM campaign_fund_counters WHERE fund_id = f.id) AS amount_fen,
              (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE fund_id = f.id AND voided_at IS NULL) AS disbursed_fen
         FROM campaign_funds f WHERE f.campaign_id = $1 ORDER BY f.position`,
      [campaignId],
    );
    return rows.map((r) => ({ code: r.code, name: r.name, amountFen: toSafeInteger(r.amount_fen), disbursedFen: toSafeInteger(r.disbursed_fen) }));
  }

  async wall(code: string, limit: number, fundCode?: string): Promise<{ items: WallItem[] }> {
    return (await this.wallBody(code, limit, fundCode)).value;
  }

  /**
   * Newest first, only donors who agreed, names masked (爱心人士 when anonymous); each designated
   * gift names its fund. With `fundCode`, only the gifts to that fund (unknown → 422 FUND_NOT_FOUND).
   */
  wallBody(code: string, limit: number, fundCode?: string): Promise<PublicBody<{ items: WallItem[] }>> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    if (fundCode !== undefined && !FUND_CODE.test(fundCode)) return Promise.reject(fundNotFound(fundCode));
    return this.wallCache.get(`${code}:${limit}:${fundCode ?? ''}`, async () => {
      const campaignId = await this.campaignId(code);
      let fundId: string | null = null;
      if (fundCode !== undefined) {
        const [fund] = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM campaign_funds WHERE campaign_id = $1 AND code = $2`, [
          campaignId,
          fundCode,
        ]);
        if (!fund) throw fundNotFound(fundCode);
        fundId = String(fund.id);
      }
      const rows: {
        donor_name: string | null;
        anonymous: boolean;
        amount_fen: string;
        paid_at: Date;
        fund_code: string | null;
        fund_name: string | null;
        message: string | null;
      }[] = await this.dataSource.query(
        `SELECT d.donor_name, d.anonymous, d.amount_fen, d.paid_at, f.code AS fund_code, f.name AS fund_name,
                  CASE WHEN d.message_hidden_at IS NULL THEN d.message END AS message
             FROM donations d LEFT JOIN campaign_funds f ON f.id = d.fund_id
            WHERE d.campaign_id = $1 AND d.status = 'paid' AND d.show_on_wall AND ($3::uuid IS NULL OR d.fund_id = $3::uuid)
            ORDER BY d.paid_at DESC LIMIT $2`,
        [campaignId, limit, fundId],
      );
      const items = rows.map((r) => {
        const message = wallMessage(r.message);
        return {
          name: maskName(r.donor_name, r.anonymous),
          amountFen: toSafeInteger(r.amount_fen),
          paidAt: new Date(r.paid_at).toISOString(),
          ...(r.fund_code ? { fundCode: r.fund_code, fundName: String(r.fund_name) } : {}),
          ...(message ? { message } : {}),
        };
      });
      return { value: publicBody(campaignId, { items }), tag: campaignId };
    });
  }

  /** Amounts per Beijing calendar day for the last `days` days (today included), from the daily counters. */
  daily(code: string, days: number): Promise<DailyAmount[]> {
    if (!CODE.test(code)) return Promise.reject(notFound());
    return this.dailyCache.get(`${code}:${days}`, async () => {
      const campaignId = await this.campaignId(code);
      const rows: { day: string; amount_fen: string; donation_count: string }[] = await this.dataSource.query(
        `WITH span AS (
           SELECT generate_series((now() AT TIME ZONE '${TOTALS_TIME_ZONE}')::date - ($2::int - 1), (now() AT TIME ZONE '${TOTALS_TIME_ZONE}')::date, interval '1 day')::date AS day
         )
         SELECT to_char(s.day, 'YYYY-MM-DD') AS day, coalesce(sum(d.amount_fen), 0) AS amount_fen, coalesce(sum(d.donation_count), 0) AS donation_count
           FROM span s LEFT JOIN campaign_daily_counters d ON d.campaign_id = $1 AND d.day = s.day
          GROUP BY s.day ORDER BY s.day`,
        [campaignId, days],
      );
      return {
        value: rows.map((r) => ({ day: r.day, amountFen: toSafeInteger(r.amount_fen), donationCount: toSafeInteger(r.donation_count) })),
        tag: campaignId,
      };
    });
  }

  private async campaignId(code: string): Promise<string> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM campaigns WHERE code = $1`, [code]);
    if (!row) throw notFound();
    return String(row.id);
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
