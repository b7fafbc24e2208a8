import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toSafeInteger } from '../database/fen.transformer';
import { CORRECTION_SHARD, TOTALS_TIME_ZONE } from './totals-counters';
import { TotalsEvents } from './totals-events';

export interface TotalsDrift {
  /** What differs: the campaign's figures, or one Beijing calendar day's. */
  scope: 'campaign' | 'day' | 'donors' | 'fund';
  day?: string;
  /** For a fund: its code. */
  fund?: string;
  field: 'donationCount' | 'donorCount' | 'amountFen' | 'donorRows';
  counters: number;
  ledger: number;
  /** For donor rows: distinct donors of the ledger that had no row, and rows without a paid donation. */
  missing?: number;
  extra?: number;
}

export interface ReconcileReport {
  campaignId: string;
  campaignCode: string;
  drift: TotalsDrift[];
  /** False when another reconciler held the campaign (nothing was checked). */
  checked: boolean;
}

const SERIALIZATION_FAILURE = '40001';
const ATTEMPTS = 3;

/**
 * Recomputes a campaign's totals from the ledger and repairs the counters when they differ. Runs in
 * one REPEATABLE READ snapshot, in which every payment has either counted in both or in neither, so
 * a difference is real drift, never a payment in flight. Corrections go to the correction shard,
 * which payments never write, so the repair does not contend with them; the donor rows are made
 * equal to the ledger's distinct donors. Every drift found is logged.
 */
/** A count(*) as PostgreSQL sends it (bigint as text). */
interface CountRow {
  n: string;
}

@Injectable()
export class TotalsReconciler {
  private readonly logger = new Logger(TotalsReconciler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: TotalsEvents,
  ) {}

  /** Every campaign; one campaign's failure does not stop the others, and is thrown at the end. */
  async reconcileAll(): Promise<{ campaigns: number; drifted: number }> {
    const campaigns: { id: string }[] = await this.dataSource.query(`SELECT id FROM campaigns ORDER BY created_at`);
    let drifted = 0;
    let failure: Error | null = null;
    for (const { id } of campaigns) {
      try {
        if ((await this.reconcile(id)).drift.length > 0) drifted += 1;
      } catch (error) {
        failure ??= error as Error;
        this.logger.error({ campaignId: id }, `Totals reconciliation failed: ${(error as Error).message}`);
      }
    }
    if (failure) throw failure;
    return { campaigns: campaigns.length, drifted };
  }

  async reconcile(campaignId: string): Promise<ReconcileReport> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const report = await this.dataSource.transaction('REPEATABLE READ', (manager) => this.check(manager, campaignId));
        if (report.drift.length > 0) {
          this.logger.warn({ campaign: report.campaignCode, drift: report.drift }, 'Totals drifted from the ledger; counters repaired');
          this.events.changed(campaignId);
        }
        return report;
      } catch (error) {
        if (
          (error as { code?: string; driverError?: { code?: string } }).driverError?.code !== SERIALIZATION_FAILURE &&
          (error as { code?: string }).code !== SERIALIZATION_FAILURE
        )
          throw error;
        if (attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async check(m: EntityManager, campaignId: string): Promise<ReconcileReport> {
    const [campaign]: Array<{ code: string; locked: boolean }> = await m.query(
      `SELECT code, pg_try_advisory_xact_lock(hashtext('totals-reconcile'), hashtext(id::text)) AS locked FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    if (!campaign) throw new Error(`campaign ${campaignId} not found`);
    const report: ReconcileReport = { campaignId, campaignCode: campaign.code, drift: [], checked: campaign.locked };
    if (!campaign.locked) return report;

    // The donor rows first: the donor count is then checked against them.
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
    const [removed]: CountRow[] = await m.query(
      `WITH removed AS (
         DELETE FROM campaign_donors cd WHERE cd.campaign_id = $1
            AND NOT EXISTS (SELECT 1 FROM donations d WHERE d.campaign_id = $1 AND d.status = 'paid' AND d.donor_key = cd.donor_key)
         RETURNING 1)
       SELECT count(*) AS n FROM removed`,
      [campaignId],
    );
    if (toSafeInteger(added.n) + toSafeInteger(removed.n) > 0) {
      const [rows]: CountRow[] = await m.query(`SELECT count(*) AS n FROM campaign_donors WHERE campaign_id = $1`, [campaignId]);
      const after = toSafeInteger(rows.n);
      const [missing, extra] = [toSafeInteger(added.n), toSafeInteger(removed.n)];
      report.drift.push({ scope: 'donors', field: 'donorRows', counters: after - missing + extra, ledger: after, missing, extra });
    }

    const [row]: Array<Record<'ledger_n' | 'ledger_fen' | 'ledger_donors' | 'counter_n' | 'counter_fen' | 'counter_donors', string>> = await m.query(
      `SELECT l.n AS ledger_n, l.fen AS ledger_fen, l.donors AS ledger_donors, c.n AS counter_n, c.fen AS counter_fen, c.donors AS counter_donors
         FROM (SELECT count(*) AS n, coalesce(sum(amount_fen), 0) AS fen, count(DISTINCT donor_key) AS donors
                 FROM donations WHERE campaign_id = $1 AND status = 'paid') l,
              (SELECT coalesce(sum(donation_count), 0) AS n, coalesce(sum(amount_fen), 0) AS fen, coalesce(sum(donor_count), 0) AS donors
                 FROM campaign_counters WHERE campaign_id = $1) c`,
      [campaignId],
    );
    const campaignDelta = { n: 0, fen: 0, donors: 0 };
    for (const [field, key, ledger, counters] of [
      ['donationCount', 'n', row.ledger_n, row.counter_n],
      ['amountFen', 'fen', row.ledger_fen, row.counter_fen],
      ['donorCount', 'donors', row.ledger_donors, row.counter_donors],
    ] as const) {
      const l = toSafeInteger(ledger);
      const c = toSafeInteger(counters);
      if (l !== c) {
        report.drift.push({ scope: 'campaign', field, counters: c, ledger: l });
        campaignDelta[key] = l - c;
      }
    }
    if (campaignDelta.n || campaignDelta.fen || campaignDelta.donors) {
      await m.query(
        `INSERT INTO campaign_counters AS c (campaign_id, shard, donation_count, donor_count, amount_fen) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (campaign_id, shard) DO UPDATE
           SET donation_count = c.donation_count + EXCLUDED.donation_count, donor_count = c.donor_count + EXCLUDED.donor_count,
               amount_fen = c.amount_fen + EXCLUDED.amount_fen, updated_at = now()`,
        [campaignId, CORRECTION_SHARD, campaignDelta.n, campaignDelta.donors, campaignDelta.fen],
      );
    }

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
    for (const d of days) {
      const delta = { n: toSafeInteger(d.ledger_n) - toSafeInteger(d.counter_n), fen: toSafeInteger(d.ledger_fen) - toSafeInteger(d.counter_fen) };
      if (delta.n)
        report.drift.push({ scope: 'day', day: d.day, field: 'donationCount', counters: toSafeInteger(d.counter_n), ledger: toSafeInteger(d.ledger_n) });
      if (delta.fen)
        report.drift.push({ scope: 'day', day: d.day, field: 'amountFen', counters: toSafeInteger(d.counter_fen), ledger: toSafeInteger(d.ledger_fen) });
      await m.query(
        `INSERT INTO campaign_daily_counters AS d (campaign_id, day, shard, donation_count, amount_fen) VALUES ($1, $2::date, $3, $4, $5)
         ON CONFLICT (campaign_id, day, shard) DO UPDATE
           SET donation_count = d.donation_count + EXCLUDED.donation_count, amount_fen = d.amount_fen + EXCLUDED.amount_fen`,
        [campaignId, d.day, CORRECTION_SHARD, delta.n, delta.fen],
      );
    }
    await this.checkFunds(m, campaignId, report);
    return report;
  }

  /** Each designated fund's counters against the paid donations given to it; repaired in the correction shard. */
  private async checkFunds(m: EntityManager, campaignId: string, report: ReconcileReport): Promise<void> {
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
    for (const f of funds) {
      const delta = { n: toSafeInteger(f.ledger_n) - toSafeInteger(f.counter_n), fen: toSafeInteger(f.ledger_fen) - toSafeInteger(f.counter_fen) };
      if (delta.n)
        report.drift.push({ scope: 'fund', fund: f.code, field: 'donationCount', counters: toSafeInteger(f.counter_n), ledger: toSafeInteger(f.ledger_n) });
      if (delta.fen)
        report.drift.push({ scope: 'fund', fund: f.code, field: 'amountFen', counters: toSafeInteger(f.counter_fen), ledger: toSafeInteger(f.ledger_fen) });
      await m.query(
        `INSERT INTO campaign_fund_counters AS c (fund_id, shard, donation_count, amount_fen) VALUES ($1, $2, $3, $4)
         ON CONFLICT (fund_id, shard) DO UPDATE
           SET donation_count = c.donation_count + EXCLUDED.donation_count, amount_fen = c.amount_fen + EXCLUDED.amount_fen`,
        [f.id, CORRECTION_SHARD, delta.n, delta.fen],
      );
    }
  }
}
