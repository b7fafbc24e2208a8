import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import { TOTALS_TIME_ZONE } from './totals-shards';

/** A campaign's figures as the ledger (paid donations) and as the counters have them. */
export interface CampaignFigures {
  ledger: { n: number; fen: number; donors: number };
  counters: { n: number; fen: number; donors: number };
}

/** A Beijing calendar day whose counters differ from the ledger. */
export interface DriftedDay {
  day: string;
  ledger: { n: number; fen: number };
  counters: { n: number; fen: number };
}

/** A designated fund whose counters differ from the paid donations given to it. */
export interface DriftedFund {
  id: string;
  code: string;
  ledger: { n: number; fen: number };
  counters: { n: number; fen: number };
}

/** A count(*) as PostgreSQL sends it (bigint as text). */
interface CountRow {
  n: string;
}

/**
 * The reconciler's reads of the ledger beside the counters, and its corrections. Every method but
 * `campaignIds` runs in the caller's snapshot (`m`, REPEATABLE READ).
 */
@Injectable()
export class TotalsReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async campaignIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM campaigns ORDER BY created_at`);
    return rows.map((r) => r.id);
  }

  /**
   * The campaign's code, and whether this transaction took the campaign's reconcile lock (an advisory
   * lock held until it ends; false when another reconciler holds it). Null when there is no campaign.
   */
  async tryLockCampaign(m: EntityManager, campaignId: string): Promise<{ code: string; locked: boolean } | null> {
    const [campaign]: Array<{ code: string; locked: boolean }> = await m.query(
      `SELECT code, pg_try_advisory_xact_lock(hashtext('totals-reconcile'), hashtext(id::text)) AS locked FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    return campaign ?? null;
  }

  /**
   * Plans this transaction's statements for whole campaigns: no nested loops where a hash or merge
   * join can do. Every check reads all of a campaign's donations, but the planner estimates from the
   * last ANALYZE; after a burst of donations (or rows copied in) it took a campaign for a handful of
   * rows and compared each donor row with every donation (removeDonorsWithoutPaid: no index leads
   * from a donor row to its donations), 130,675 squared comparisons a minute in the receipts bench.
   * Lookups that only a nested loop can make (driftedFunds' LATERAL) still get one.
   */
  async planForWholeCampaigns(m: EntityManager): Promise<void> {
    await m.query(`SET LOCAL enable_nestloop = off`);
  }

  /** Inserts a donor row for each distinct donor of the ledger that had none; how many. */
  async addMissingDonors(m: EntityManager, campaignId: string): Promise<number> {
    const [added]: CountRow[] = await m.query(
      `WITH added AS (
         INSERT INTO campaign_donors (campaign_id, donor_key, first_paid_at)
         SELECT $1, donor_key, min(paid_at) FROM donations d
          WHERE d.campaign_id = $1 AND d.status = 'paid'
            AND NOT EXISTS (SELECT 1 FROM campaign_donors cd WHERE cd.campaign_id = $1 AND cd.donor_key = d.donor_key)
          GROUP BY donor_key
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*) AS n FROM added`,
      [campaignId],
    );
    return toSafeInteger(added.n);
  }

  /** Deletes the donor rows without a paid donation; how many. */
  async removeDonorsWithoutPaid(m: EntityManager, campaignId: string): Promise<number> {
    const [removed]: CountRow[] = await m.query(
      `WITH removed AS (
         DELETE FROM campaign_donors cd WHERE cd.campaign_id = $1
            AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.campaign_id = $1 AND d.status = 'paid' AND d.donor_key = cd.donor_key)
         RETURNING 1)
       SELECT count(*) AS n FROM removed`,
      [campaignId],
    );
    return toSafeInteger(removed.n);
  }

  async donorRows(m: EntityManager, campaignId: string): Promise<number> {
    const [rows]: CountRow[] = await m.query(`SELECT count(*) AS n FROM campaign_donors WHERE campaign_id = $1`, [campaignId]);
    return toSafeInteger(rows.n);
  }

  async campaignFigures(m: EntityManager, campaignId: string): Promise<CampaignFigures> {
    const [row]: Array<Record<'ledger_n' | 'ledger_fen' | 'ledger_donors' | 'counter_n' | 'counter_fen' | 'counter_donors', string>> = await m.query(
      `SELECT l.n AS ledger_n, l.fen AS ledger_fen, l.donors AS ledger_donors, c.n AS counter_n, c.fen AS counter_fen, c.donors AS counter_donors
         FROM (SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen, count(DISTINCT donor_key) AS donors
                 FROM donations WHERE campaign_id = $1 AND status = 'paid') l,
              (SELECT coalesce(sum(donation_count), 0) AS n, coalesce(sum(amount_fen), 0) AS fen, coalesce(sum(donor_count), 0) AS donors
                 FROM campaign_counters WHERE campaign_id = $1) c`,
      [campaignId],
    );
    return {
      ledger: { n: toSafeInteger(row.ledger_n), fen: toSafeInteger(row.ledger_fen), donors: toSafeInteger(row.ledger_donors) },
      counters: { n: toSafeInteger(row.counter_n), fen: toSafeInteger(row.counter_fen), donors: toSafeInteger(row.counter_donors) },
    };
  }

  /** Adds the (signed) deltas to a shard of the campaign's counters. */
  async correctCampaign(m: EntityManager, campaignId: string, shard: number, delta: { n: number; donors: number; fen: number }): Promise<void> {
    await m.query(
      `INSERT INTO campaign_counters AS c (campaign_id, shard, donation_count, donor_count, amount_fen) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (campaign_id, shard) DO UPDATE
         SET donation_count = c.donation_count + EXCLUDED.donation_count, donor_count = c.donor_count + EXCLUDED.donor_count,
             amount_fen = c.amount_fen + EXCLUDED.amount_fen, updated_at = now()`,
      [campaignId, shard, delta.n, delta.donors, delta.fen],
    );
  }

  /** The Beijing days whose counters differ from the ledger, in order. */
  async driftedDays(m: EntityManager, campaignId: string): Promise<DriftedDay[]> {
    const days: { day: string; ledger_n: string; ledger_fen: string; counter_n: string; counter_fen: string }[] = await m.query(
      `WITH l AS (
         SELECT (paid_at AT TIME ZONE '${TOTALS_TIME_ZONE}')::date AS day, count(*) AS n, sum(amount_fen) AS fen
           FROM donations WHERE campaign_id = $1 AND status = 'paid' GROUP BY 1
       ), c AS (
         SELECT day, sum(donation_count) AS n, sum(amount_fen) AS fen FROM campaign_daily_counters WHERE campaign_id = $1 GROUP BY day
       )
       SELECT to_char(coalesce(l.day, c.day), 'YYYY-MM-DD') AS day, coalesce(l.n, 0) AS ledger_n, coalesce(l.fen, 0) AS ledger_fen,
              coalesce(c.n, 0) AS counter_n, coalesce(c.fen, 0) AS counter_fen
         FROM l FULL JOIN c ON c.day = l.day
        WHERE coalesce(l.n, 0) <> coalesce(c.n, 0) OR coalesce(l.fen, 0) <> coalesce(c.fen, 0)
        ORDER BY 1`,
      [campaignId],
    );
    return days.map((d) => ({
      day: d.day,
      ledger: { n: toSafeInteger(d.ledger_n), fen: toSafeInteger(d.ledger_fen) },
      counters: { n: toSafeInteger(d.counter_n), fen: toSafeInteger(d.counter_fen) },
    }));
  }

  /** Adds the (signed) deltas to a shard of one day's counters (`day` as YYYY-MM-DD). */
  async correctDay(m: EntityManager, campaignId: string, day: string, shard: number, delta: { n: number; fen: number }): Promise<void> {
    await m.query(
      `INSERT INTO campaign_daily_counters AS d (campaign_id, day, shard, donation_count, amount_fen) VALUES ($1, $2::date, $3, $4, $5)
       ON CONFLICT (campaign_id, day, shard) DO UPDATE
         SET donation_count = d.donation_count + EXCLUDED.donation_count, amount_fen = d.amount_fen + EXCLUDED.amount_fen`,
      [campaignId, day, shard, delta.n, delta.fen],
    );
  }

  /** The campaign's funds whose counters differ from the paid donations given to them, in the funds' order. */
  async driftedFunds(m: EntityManager, campaignId: string): Promise<DriftedFund[]> {
    const funds: { id: string; code: string; ledger_n: string; ledger_fen: string; counter_n: string; counter_fen: string }[] = await m.query(
      `SELECT f.id, f.code, l.n AS ledger_n, l.fen AS ledger_fen, c.n AS counter_n, c.fen AS counter_fen
         FROM campaign_funds f
        CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen FROM donations
                             WHERE fund_id = f.id AND status = 'paid') l
        CROSS JOIN LATERAL (SELECT coalesce(sum(donation_count), 0) AS n, coalesce(sum(amount_fen), 0) AS fen FROM campaign_fund_counters
                             WHERE fund_id = f.id) c
        WHERE f.campaign_id = $1 AND (l.n <> c.n OR l.fen <> c.fen)
        ORDER BY f.position`,
      [campaignId],
    );
    return funds.map((f) => ({
      id: f.id,
      code: f.code,
      ledger: { n: toSafeInteger(f.ledger_n), fen: toSafeInteger(f.ledger_fen) },
      counters: { n: toSafeInteger(f.counter_n), fen: toSafeInteger(f.counter_fen) },
    }));
  }

  /** Adds the (signed) deltas to a shard of a fund's counters. */
  async correctFund(m: EntityManager, fundId: string, shard: number, delta: { n: number; fen: number }): Promise<void> {
    await m.query(
      `INSERT INTO campaign_fund_counters AS c (fund_id, shard, donation_count, amount_fen) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fund_id, shard) DO UPDATE
         SET donation_count = c.donation_count + EXCLUDED.donation_count, amount_fen = c.amount_fen + EXCLUDED.amount_fen`,
      [fundId, shard, delta.n, delta.fen],
    );
  }
}
