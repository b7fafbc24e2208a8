import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { TotalsReconciliationRepository } from './totals-reconciliation.repository';
import { CORRECTION_SHARD } from './totals-shards';
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
@Injectable()
export class TotalsReconciler implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TotalsReconciler.name);
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly figures: TotalsReconciliationRepository,
    private readonly events: TotalsEvents,
  ) {}

  /**
   * Every campaign; one campaign's failure does not stop the others, and is thrown at the end. A
   * process that is stopping ends the pass after the campaign in hand (the next scheduled pass
   * checks them all again): its queue workers close only when their jobs end, and a pass over every
   * campaign of a large foundation would hold the stop past its deadline.
   */
  async reconcileAll(): Promise<{ campaigns: number; checked: number; drifted: number; stoppedEarly: boolean }> {
    const campaigns = await this.figures.campaignIds();
    let drifted = 0;
    let checked = 0;
    let failure: Error | null = null;
    for (const id of campaigns) {
      if (this.stopping) break;
      checked += 1;
      try {
        if ((await this.reconcile(id)).drift.length > 0) drifted += 1;
      } catch (error) {
        failure ??= error as Error;
        this.logger.error({ campaignId: id }, `Totals reconciliation failed: ${(error as Error).message}`);
      }
    }
    if (failure) throw failure;
    return { campaigns: campaigns.length, checked, drifted, stoppedEarly: checked < campaigns.length };
  }

  /** Called before the queue workers are closed (Nest runs every beforeApplicationShutdown first). */
  beforeApplicationShutdown(): void {
    this.stopping = true;
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
    const campaign = await this.figures.tryLockCampaign(m, campaignId);
    if (!campaign) throw new Error(`campaign ${campaignId} not found`);
    const report: ReconcileReport = { campaignId, campaignCode: campaign.code, drift: [], checked: campaign.locked };
    if (!campaign.locked) return report;
    await this.figures.planForWholeCampaigns(m);

    // The donor rows first: the donor count is then checked against them.
    const missing = await this.figures.addMissingDonors(m, campaignId);
    const extra = await this.figures.removeDonorsWithoutPaid(m, campaignId);
    if (missing + extra > 0) {
      const after = await this.figures.donorRows(m, campaignId);
      report.drift.push({ scope: 'donors', field: 'donorRows', counters: after - missing + extra, ledger: after, missing, extra });
    }

    const row = await this.figures.campaignFigures(m, campaignId);
    const campaignDelta = { n: 0, fen: 0, donors: 0 };
    for (const [field, key] of [
      ['donationCount', 'n'],
      ['amountFen', 'fen'],
      ['donorCount', 'donors'],
    ] as const) {
      const l = row.ledger[key];
      const c = row.counters[key];
      if (l !== c) {
        report.drift.push({ scope: 'campaign', field, counters: c, ledger: l });
        campaignDelta[key] = l - c;
      }
    }
    if (campaignDelta.n || campaignDelta.fen || campaignDelta.donors) {
      await this.figures.correctCampaign(m, campaignId, CORRECTION_SHARD, campaignDelta);
    }

    for (const d of await this.figures.driftedDays(m, campaignId)) {
      const delta = { n: d.ledger.n - d.counters.n, fen: d.ledger.fen - d.counters.fen };
      if (delta.n) report.drift.push({ scope: 'day', day: d.day, field: 'donationCount', counters: d.counters.n, ledger: d.ledger.n });
      if (delta.fen) report.drift.push({ scope: 'day', day: d.day, field: 'amountFen', counters: d.counters.fen, ledger: d.ledger.fen });
      await this.figures.correctDay(m, campaignId, d.day, CORRECTION_SHARD, delta);
    }
    await this.checkFunds(m, campaignId, report);
    return report;
  }

  /** Each designated fund's counters against the paid donations given to it; repaired in the correction shard. */
  private async checkFunds(m: EntityManager, campaignId: string, report: ReconcileReport): Promise<void> {
    for (const f of await this.figures.driftedFunds(m, campaignId)) {
      const delta = { n: f.ledger.n - f.counters.n, fen: f.ledger.fen - f.counters.fen };
      if (delta.n) report.drift.push({ scope: 'fund', fund: f.code, field: 'donationCount', counters: f.counters.n, ledger: f.ledger.n });
      if (delta.fen) report.drift.push({ scope: 'fund', fund: f.code, field: 'amountFen', counters: f.counters.fen, ledger: f.ledger.fen });
      await this.figures.correctFund(m, f.id, CORRECTION_SHARD, delta);
    }
  }
}
