import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/schema';
import { ReceiptSeries1765800000000 } from '../src/database/migrations/1765800000000-receipt-series';
import { ENTITIES } from '../src/entities';
import { isolated } from './support/test-app';

/**
 * Migration 1765800000000 moves receipt numbering from one counter per campaign and year to one per
 * series (receipt prefix and year). A database with numbers taken already must go on from the
 * highest number its series has used: never hand out a number twice, never skip one.
 */
describe('receipt series migration: counters per campaign become counters per prefix', () => {
  const own = isolated('receipt_series');
  let ds: DataSource | undefined;

  beforeAll(async () => {
    await own.create();
  });

  afterAll(async () => {
    await ds?.destroy();
    await own.drop();
  });

  it('carries every series on from the highest number any of its campaigns took, per year', async () => {
    expect(MIGRATIONS[MIGRATIONS.length - 1]).toBe(ReceiptSeries1765800000000);
    // The schema as it was before: every migration but this one.
    const before = new DataSource({ ...dataSourceOptions(own.env.DATABASE_URL, ENTITIES, 2), migrations: MIGRATIONS.slice(0, -1) });
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      const campaign = async (code: string, prefix: string) => {
        const [row] = await before.query<{ id: string }[]>(
          `INSERT INTO campaigns (code, title, receipt_prefix, organisation) VALUES ($1, $1, $2, '北京温暖公益基金会') RETURNING id`,
          [code, prefix],
        );
        return row.id;
      };
      const wuhan = await campaign('warm-wuhan', 'WH');
      const hubei = await campaign('warm-hubei', 'WH'); // the same prefix: its 2026 numbers collided, so none were taken
      const goods = await campaign('masks', 'GD');
      await before.query(`INSERT INTO receipt_counters (campaign_id, year, last_seq) VALUES ($1, 2025, 7), ($1, 2026, 12), ($2, 2027, 3), ($3, 2026, 5)`, [
        wuhan,
        hubei,
        goods,
      ]);
    } finally {
      await before.destroy();
    }

    ds = new DataSource(dataSourceOptions(own.env.DATABASE_URL, ENTITIES, 2));
    await ds.initialize();
    expect((await ds.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual(['ReceiptSeries1765800000000']);
    const series = await ds.query<{ receipt_prefix: string; year: number; last_seq: number }[]>(
      `SELECT receipt_prefix, year, last_seq FROM receipt_series ORDER BY receipt_prefix, year`,
    );
    expect(series).toEqual([
      { receipt_prefix: 'GD', year: 2026, last_seq: 5 },
      { receipt_prefix: 'WH', year: 2025, last_seq: 7 },
      { receipt_prefix: 'WH', year: 2026, last_seq: 12 },
      { receipt_prefix: 'WH', year: 2027, last_seq: 3 },
    ]);
    const [old] = await ds.query<{ present: boolean }[]>(`SELECT to_regclass('receipt_counters') IS NOT NULL AS present`);
    expect(old.present).toBe(false);
  });
});
