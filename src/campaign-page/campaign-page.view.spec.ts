import { beijingMinute } from '../common/beijing-time';
import { groupedYuan } from '../common/money';
import { progressPermille } from '../totals/progress';
import { TotalsCache } from '../totals/totals-cache';
import { campaignPageView } from './campaign-page.view';

describe('campaign page view', () => {
  it('formats integer fen as grouped yuan without floats', () => {
    expect(groupedYuan(0)).toBe('0.00');
    expect(groupedYuan(1)).toBe('0.01');
    expect(groupedYuan(123_456_789)).toBe('1,234,567.89');
    expect(groupedYuan(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91');
  });

  it('computes progress exactly in tenths of a percent, capped at 100%', () => {
    expect(progressPermille(1, 3)).toBe(333);
    expect(progressPermille(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1)).toBe(1000);
    expect(progressPermille(5, null)).toBeNull();
  });

  it('shows times in Beijing', () => {
    expect(beijingMinute('2020-01-31T16:30:00.000Z')).toBe('2020-02-01 00:30');
  });

  it('scales the chart bars to the largest day, and a small day stays visible', () => {
    const view = campaignPageView({
      campaign: { code: 'c', title: 't', organisation: 'o', status: 'active', goalFen: 1000 },
      totals: {
        campaignCode: 'c',
        donorCount: 1,
        donationCount: 2,
        amountFen: 1001,
        todayAmountFen: 1,
        goalFen: 1000,
        disbursedFen: 0,
        inKind: [],
        updatedAt: '2020-02-01T00:00:00.000Z',
      },
      daily: [
        { day: '2020-01-31', amountFen: 1_000_000, donationCount: 1 },
        { day: '2020-02-01', amountFen: 1, donationCount: 1 },
        { day: '2020-02-02', amountFen: 0, donationCount: 0 },
      ],
      wall: [],
      disbursements: [],
      publications: [],
    });
    expect(view.progress).toEqual({ permille: 1000, label: '100.0%' });
    expect(view.chart.bars.map((b) => b.height)).toEqual([view.chart.plot, 1, 0]);
    expect(view.chart.bars.every((b) => b.y + b.height === view.chart.baseline)).toBe(true);
  });
});

describe('totals cache', () => {
  it('shares one load among concurrent readers and drops a campaign on invalidate', async () => {
    const cache = new TotalsCache<number>(60_000);
    let loads = 0;
    const load = async () => ({ value: ++loads, tag: 'campaign-1' });
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual([1, 1]);
    expect(await cache.get('k', load)).toBe(1);
    cache.invalidate('campaign-2');
    expect(await cache.get('k', load)).toBe(1);
    cache.invalidate('campaign-1');
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a load that was under way when its campaign changed', async () => {
    const cache = new TotalsCache<string>(60_000);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise((resolve) => (release = () => resolve({ value: 'stale', tag: 't' }))));
    cache.invalidate('t');
    release();
    expect(await slow).toBe('stale');
    expect(await cache.get('k', async () => ({ value: 'fresh', tag: 't' }))).toBe('fresh');
  });

  it('forgets a failed load', async () => {
    const cache = new TotalsCache<string>(60_000);
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => ({ value: 'ok', tag: 't' }))).toBe('ok');
  });
});
