import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import { TOTALS_TIME_ZONE } from './totals-shards';

/** A campaign's public figures, summed from its counters and disbursements. */
export interface CampaignFiguresRow {
  id: string;
  code: string;
  goalFen: number | null;
  createdAt: Date;
  donationCount: number;
  donorCount: number;
  amountFen: number;
  /** The latest change of a counter row; null when nothing was counted yet. */
  updatedAt: Date | null;
  todayFen: number;
  disbursedFen: number;
  /** The latest disbursement recorded or voided; null when none. */
  disbursedAt: Date | null;
}

/** A designated fund: received (its counters) and disbursed (not voided). */
export interface FundFiguresRow {
  code: string;
  name: string;
  amountFen: number;
  disbursedFen: number;
}

/** A paid gift shown on the wall (the name not masked yet, the message not cleaned yet). */
export interface WallRow {
  donorName: string | null;
  anonymous: boolean;
  amountFen: number;
  paidAt: Date;
  fundCode: string | null;
  fundName: string | null;
  /** Null when the donor left none or staff hid it. */
  message: string | null;
}

export interface DailyRow {
  day: string;
  amountFen: number;
  donationCount: number;
}

/** The public reads of totals: a few counter rows per campaign, never the donations but for the wall. */
@Injectable()
export class TotalsReadsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async campaignFigures(code: string): Promise<CampaignFiguresRow | null> {
    const rows: Array<{
      id: string;
      code: string;
      goal_fen: string | null;
      created_at: Date;
      donation_count: string;
      donor_count: string;
      amount_fen: string;
      updated_at: Date | null;
      today_fen: string;
      disbursed_fen: string;
      disbursed_at: Date | null;
    }> = await this.dataSource.query(
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
    if (!row) return null;
    return {
      id: String(row.id),
      code: String(row.code),
      goalFen: row.goal_fen === null ? null : toSafeInteger(row.goal_fen),
      createdAt: row.created_at,
      donationCount: toSafeInteger(row.donation_count),
      donorCount: toSafeInteger(row.donor_count),
      amountFen: toSafeInteger(row.amount_fen),
      updatedAt: row.updated_at,
      todayFen: toSafeInteger(row.today_fen),
      disbursedFen: toSafeInteger(row.disbursed_fen),
      disbursedAt: row.disbursed_at,
    };
  }

  /** Per designated fund, in the campaign's order. */
  async fundFigures(campaignId: string): Promise<FundFiguresRow[]> {
    const rows: { code: string; name: string; amount_fen: string; disbursed_fen: string }[] = await this.dataSource.query(
      `SELECT f.code, f.name,
              (SELECT coalesce(sum(amount_fen), 0) FROM campaign_fund_counters WHERE fund_id = f.id) AS amount_fen,
              (SELECT coalesce(sum(amount_fen), 0) FROM disbursements WHERE fund_id = f.id AND voided_at IS NULL) AS disbursed_fen
         FROM campaign_funds f WHERE f.campaign_id = $1 ORDER BY f.position`,
      [campaignId],
    );
    return rows.map((r) => ({ code: r.code, name: r.name, amountFen: toSafeInteger(r.amount_fen), disbursedFen: toSafeInteger(r.disbursed_fen) }));
  }

  async fundId(campaignId: string, fundCode: string): Promise<string | null> {
    const [fund] = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM campaign_funds WHERE campaign_id = $1 AND code = $2`, [
      campaignId,
      fundCode,
    ]);
    return fund ? String(fund.id) : null;
  }

  /** The campaign's paid gifts whose donors agreed to the wall, newest first; only those to `fundId` when given. */
  async wall(campaignId: string, limit: number, fundId: string | null): Promise<WallRow[]> {
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
    return rows.map((r) => ({
      donorName: r.donor_name,
      anonymous: r.anonymous,
      amountFen: toSafeInteger(r.amount_fen),
      paidAt: new Date(r.paid_at),
      fundCode: r.fund_code,
      fundName: r.fund_name,
      message: r.message,
    }));
  }

  /** Amounts per Beijing calendar day for the last `days` days (today included), every day listed. */
  async daily(campaignId: string, days: number): Promise<DailyRow[]> {
    const rows: { day: string; amount_fen: string; donation_count: string }[] = await this.dataSource.query(
      `WITH span AS (
         SELECT generate_series((now() AT TIME ZONE '${TOTALS_TIME_ZONE}')::date - ($2::int - 1), (now() AT TIME ZONE '${TOTALS_TIME_ZONE}')::date, interval '1 day')::date AS day
       )
       SELECT to_char(s.day, 'YYYY-MM-DD') AS day, coalesce(sum(d.amount_fen), 0) AS amount_fen, coalesce(sum(d.donation_count), 0) AS donation_count
         FROM span s LEFT JOIN campaign_daily_counters d ON d.campaign_id = $1 AND d.day = s.day
        GROUP BY s.day ORDER BY s.day`,
      [campaignId, days],
    );
    return rows.map((r) => ({ day: r.day, amountFen: toSafeInteger(r.amount_fen), donationCount: toSafeInteger(r.donation_count) }));
  }

  async campaignId(code: string): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM campaigns WHERE code = $1`, [code]);
    return row ? String(row.id) : null;
  }
}
