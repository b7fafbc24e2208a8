/**
 * Medium-size spec of the totals reconciler (issue 19): TotalsReconciler against the real PostgreSQL,
 * with payments made through the real ledger (test/medium/ledger-module.ts). It finds drift between the
 * counters and the ledger, repairs it in the correction shard, and finds none the next time.
 */
import type { EntityManager } from 'typeorm';
import { TotalsReconciler } from '../../src/totals/totals-reconciler';
import { TotalsReconciliationRepository } from '../../src/totals/totals-reconciliation.repository';
import { TotalsEvents } from '../../src/totals/totals-events';
import { DataSource } from 'typeorm';
import { LedgerModule, ledgerModule } from './ledger-module';

describe('TotalsReconciler against PostgreSQL (medium)', () => {
  let m: LedgerModule;
  let reconciler: TotalsReconciler;

  beforeAll(async () => {
    m = await ledgerModule('reconcile', [TotalsReconciler, TotalsReconciliationRepository]);
    reconciler = m.moduleRef.get(TotalsReconciler);
  });

  afterAll(async () => {
    await m?.close();
  });

  async function counters(campaignId: string) {
    const [row] = await m.db.query<{ n: string; fen: string; donors: string }[]>(
      `SELECT COALESCE(sum(donation_count), 0) AS n, COALESCE(sum(amount_fen), 0) AS fen, COALESCE(sum(donor_count), 0) AS donors
         FROM campaign_counters WHERE campaign_id = $1`,
      [campaignId],
    );
    return { donationCount: Number(row.n), amountFen: Number(row.fen), donorCount: Number(row.donors) };
  }

  async function paidGifts(campaignId: string, gifts: { amountFen: number; donorKey?: string }[]): Promise<void> {
    for (const g of gifts) await m.pay(await m.pendingOrder(campaignId, g.amountFen, g.donorKey), g.amountFen);
  }

  it('finds nothing to repair when every payment went through the ledger', async () => {
    const campaignId = await m.campaign();
    await paidGifts(campaignId, [{ amountFen: 1_000, donorKey: 'phone:a' }, { amountFen: 2_000, donorKey: 'phone:a' }, { amountFen: 3_000 }]);
    expect(await counters(campaignId)).toEqual({ donationCount: 3, amountFen: 6_000, donorCount: 2 });
    const report = await reconciler.reconcile(campaignId);
    expect(report).toMatchObject({ campaignId, checked: true, drift: [] });
  });

  it('repairs corrupted counters and a lost donor row in the correction shard, then finds no drift', async () => {
    const campaignId = await m.campaign();
    await paidGifts(campaignId, [{ amountFen: 1_500, donorKey: 'phone:b' }, { amountFen: 2_500 }]);
    // Drift: a counter row off by 999 fen and one gift, and a donor's row gone.
    await m.db.query(
      `UPDATE campaign_counters SET amount_fen = amount_fen + 999, donation_count = donation_count + 1
        WHERE campaign_id = $1 AND shard = (SELECT min(shard) FROM campaign_counters WHERE campaign_id = $1 AND shard >= 0)`,
      [campaignId],
    );
    await m.db.query(`DELETE FROM campaign_donors WHERE campaign_id = $1 AND donor_key = 'phone:b'`, [campaignId]);

    const report = await reconciler.reconcile(campaignId);
    expect(report.checked).toBe(true);
    expect(report.drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: 'donors', field: 'donorRows', missing: 1, extra: 0 }),
        expect.objectContaining({ scope: 'campaign', field: 'amountFen', counters: 4_999, ledger: 4_000 }),
        expect.objectContaining({ scope: 'campaign', field: 'donationCount', counters: 3, ledger: 2 }),
      ]),
    );
    expect(await counters(campaignId)).toEqual({ donationCount: 2, amountFen: 4_000, donorCount: 2 });
    const [{ donors }] = await m.db.query<{ donors: number }[]>(`SELECT count(*)::int AS donors FROM campaign_donors WHERE campaign_id = $1`, [campaignId]);
    expect(donors).toBe(2);
    // The repair went to the correction shard (-1), which payments never write.
    const [{ corrections }] = await m.db.query<{ corrections: number }[]>(
      `SELECT count(*)::int AS corrections FROM campaign_counters WHERE campaign_id = $1 AND shard = -1 AND amount_fen = -999`,
      [campaignId],
    );
    expect(corrections).toBe(1);
    expect((await reconciler.reconcile(campaignId)).drift).toEqual([]);
  });

  it('two reconcilers at once: one checks, the other stands aside, and the repair is made once', async () => {
    const campaignId = await m.campaign();
    await paidGifts(campaignId, [{ amountFen: 800 }]);
    await m.db.query(`UPDATE campaign_counters SET amount_fen = amount_fen + 50 WHERE campaign_id = $1 AND amount_fen > 0`, [campaignId]);
    const reports = await Promise.all([reconciler.reconcile(campaignId), reconciler.reconcile(campaignId)]);
    const checked = reports.filter((r) => r.checked && r.drift.length > 0);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(await counters(campaignId)).toMatchObject({ amountFen: 800 });
    expect((await reconciler.reconcile(campaignId)).drift).toEqual([]);
  });

  it('plans its whole-campaign reads without comparing every donor row with every donation, even before the first ANALYZE; a burst copied in is repaired', async () => {
    const campaignId = await m.campaign();
    await paidGifts(campaignId, [{ amountFen: 1_000, donorKey: 'phone:burst' }]);
    // 3,000 paid donations written around the ledger (no counters, no donor rows), into tables that
    // autovacuum has not analyzed: the planner knows nothing of the campaign but the tables' size.
    await m.db.query(`ALTER TABLE donations SET (autovacuum_enabled = false)`);
    await m.db.query(`ALTER TABLE campaign_donors SET (autovacuum_enabled = false)`);
    try {
      await m.db.query(
        `INSERT INTO donations
         SELECT (jsonb_populate_record(NULL::donations, to_jsonb(t) || jsonb_build_object(
                   'id', gen_random_uuid(), 'order_no', t.order_no || 'B' || g, 'donor_key', 'bulk:' || g, 'amount_fen', 100 + g,
                   'idempotency_key', NULL, 'bank_reference', NULL, 'claim_token_hash', NULL))).*
           FROM donations t, generate_series(1, 3000) g WHERE t.campaign_id = $1 AND t.status = 'paid'`,
        [campaignId],
      );
      const [{ analyzed }] = await m.db.query<{ analyzed: number }[]>(
        `SELECT count(*)::int AS analyzed FROM pg_stats WHERE schemaname = 'public' AND tablename = 'donations' AND attname = 'donor_key'`,
      );
      expect(analyzed).toBe(0);

      // Every statement the reconciler sends is explained first, in its own transaction.
      const figures = m.moduleRef.get(TotalsReconciliationRepository);
      const plans: { method: string; sql: string; plan: unknown }[] = [];
      const methods = Object.getOwnPropertyNames(TotalsReconciliationRepository.prototype).filter((name) => name !== 'constructor' && name !== 'campaignIds');
      for (const method of methods) {
        const original = (figures as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method].bind(figures);
        jest
          .spyOn(figures as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>, method)
          .mockImplementation(async (manager: unknown, ...rest) => {
            const real = manager as EntityManager;
            const explaining = Object.create(real, {
              query: {
                value: async (sql: string, params?: unknown[]) => {
                  if (/^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)\b/i.test(sql)) {
                    const [row] = await real.query<{ 'QUERY PLAN': unknown }[]>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
                    plans.push({ method, sql, plan: row['QUERY PLAN'] });
                  }
                  return real.query(sql, params);
                },
              },
            });
            return original(explaining, ...rest);
          });
      }
      const report = await reconciler.reconcile(campaignId);
      jest.restoreAllMocks();

      expect(plans.map((p) => p.method)).toEqual(expect.arrayContaining(['addMissingDonors', 'removeDonorsWithoutPaid', 'campaignFigures', 'driftedDays']));
      // A nested loop that joins on an equality of two columns in its filter (not through an index of
      // its inner side) compares every outer row with every inner one. (driftedFunds' LATERAL loop
      // filters one aggregated row per fund with <>; that is not a join of rows.)
      interface PlanNode {
        'Node Type': string;
        'Join Filter'?: string;
        Plans?: PlanNode[];
      }
      const pairwise = (node: PlanNode): string[] => [
        ...(node['Node Type'] === 'Nested Loop' && /\b\w+\.\w+ = \w+\.\w+\b/.test(node['Join Filter'] ?? '') ? [node['Join Filter']!] : []),
        ...(node.Plans ?? []).flatMap(pairwise),
      ];
      for (const { method, plan } of plans) {
        expect({ method, pairwise: pairwise((plan as { Plan: PlanNode }[])[0].Plan) }).toEqual({ method, pairwise: [] });
      }

      // The burst is counted: 3,000 donor rows added, the counters repaired to the ledger.
      expect(report.drift).toEqual(expect.arrayContaining([expect.objectContaining({ scope: 'donors', field: 'donorRows', missing: 3000, extra: 0 })]));
      const fen = 1_000 + 3000 * 100 + (3000 * 3001) / 2;
      expect(await counters(campaignId)).toEqual({ donationCount: 3001, amountFen: fen, donorCount: 3001 });
      expect((await reconciler.reconcile(campaignId)).drift).toEqual([]);
    } finally {
      await m.db.query(`ALTER TABLE donations RESET (autovacuum_enabled)`);
      await m.db.query(`ALTER TABLE campaign_donors RESET (autovacuum_enabled)`);
    }
  });

  it('a stopping process ends a pass over every campaign after the campaign in hand', async () => {
    // A reconciler of its own, so the others' keeps running for the rest of this file.
    const own = new TotalsReconciler(m.moduleRef.get(DataSource), m.moduleRef.get(TotalsReconciliationRepository), m.moduleRef.get(TotalsEvents));
    const ids = [await m.campaign(), await m.campaign(), await m.campaign()];
    await paidGifts(ids[2], [{ amountFen: 700 }]);
    const reconcile = own.reconcile.bind(own);
    const seen: string[] = [];
    jest.spyOn(own, 'reconcile').mockImplementation(async (id) => {
      seen.push(id);
      const report = await reconcile(id);
      // The stop arrives while the first campaign is being checked.
      if (seen.length === 1) own.beforeApplicationShutdown();
      return report;
    });
    const result = await own.reconcileAll();
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ checked: 1, stoppedEarly: true, drifted: 0 });
    expect(result.campaigns).toBeGreaterThanOrEqual(3);
    // Without the stop, the same pass checks every campaign.
    const full = await reconciler.reconcileAll();
    expect(full).toMatchObject({ checked: full.campaigns, stoppedEarly: false });
  });
});
