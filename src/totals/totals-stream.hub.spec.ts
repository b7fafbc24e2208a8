import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AppConfig } from '../config/app-config';
import type { TotalsEvents } from './totals-events';
import { refreshGapMs, TotalsStreamHub } from './totals-stream.hub';
import type { TotalsService } from './totals.service';

/** A response that only records what is written to it. */
class FakeResponse extends EventEmitter {
  destroyed = false;
  writableLength = 0;
  readonly chunks: string[] = [];
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.destroyed = true;
  }
}

describe('TotalsStreamHub broadcasts', () => {
  let version = 1;
  let notify: (campaignId: string) => void = () => undefined;
  const totals = {
    totalsBody: () => Promise.resolve({ campaignId: 'c1', value: { campaignCode: 'crowd' }, json: `{"v":${version}}`, etag: `"v${version}"` }),
  } as unknown as TotalsService;
  const events = {
    onChange: (cb: (campaignId: string) => void) => {
      notify = cb;
      return () => undefined;
    },
  } as unknown as TotalsEvents;
  const config = { connections: { maxStreams: 10_000, maxStreamsPerClient: 10_000 } } as unknown as AppConfig;

  it('writes a change to a crowd a slice at a time, letting other work run between slices', async () => {
    const hub = new TotalsStreamHub(totals, events, config);
    hub.onModuleInit();
    const viewers = Array.from({ length: 4500 }, () => new FakeResponse());
    for (const res of viewers) hub.attach(res as unknown as ServerResponse, await hub.open('crowd', 'one-address'));
    // The re-read each attach scheduled happens and finds nothing new.
    await new Promise((r) => setTimeout(r, 300));
    const before = viewers.map((v) => v.chunks.length);

    version = 2;
    notify('c1');
    const seen = () => viewers.filter((v, i) => v.chunks.length > before[i] && v.chunks.at(-1)?.includes('"v":2')).length;
    // Wait until the broadcast has begun, then look again after one turn of the event loop.
    while (seen() === 0) await new Promise((r) => setImmediate(r));
    expect(seen()).toBe(2000);
    for (let i = 0; i < 10 && seen() < viewers.length; i++) await new Promise((r) => setImmediate(r));
    expect(seen()).toBe(4500);
    hub.onModuleDestroy();
  });

  it('spaces the re-reads of a campaign further apart the more streams the process holds, up to a second', () => {
    expect(refreshGapMs(0)).toBe(200);
    expect(refreshGapMs(5_000)).toBe(400);
    expect(refreshGapMs(18_000)).toBe(920);
    expect(refreshGapMs(100_000)).toBe(1000);
  });
});
