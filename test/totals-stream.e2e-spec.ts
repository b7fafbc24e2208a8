/**
 * GET /api/campaigns/:code/totals/stream: text/event-stream with the totals JSON at once and again
 * whenever they change, across processes; heartbeats; cleaned up when the client goes away.
 */
import { TotalsStreamHub } from '../src/totals/totals-stream.hub';
import { createCampaign, login, startApp, TestApp, paySandbox } from './support/test-app';

jest.setTimeout(120_000);

/** Generous on purpose: the contract is 2 s, and this machine is shared; the test proves delivery, not speed. */
const EVENT_TIMEOUT_MS = 5000;

interface Stream {
  status: number;
  headers: Headers;
  events: any[];
  comments: string[];
  /** Resolves with the first event (from index `from`) that satisfies `ok`. */
  next(ok: (event: any) => boolean, from?: number, timeoutMs?: number): Promise<any>;
  ended: Promise<void>;
  close(): void;
}

async function openStream(baseUrl: string, code: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/campaigns/${code}/totals/stream`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const events: any[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6));
          if (data.length) events.push(JSON.parse(data.join('\n')));
          for (const line of block.split('\n')) if (line.startsWith(':')) comments.push(line);
          waiters.forEach((w) => w());
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    events,
    comments,
    ended,
    close: () => controller.abort(),
    next(ok, from = 0, timeoutMs = EVENT_TIMEOUT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(ok);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

describe('live totals stream', () => {
  let t: TestApp;
  let admin: string;
  const streams: Stream[] = [];

  beforeAll(async () => {
    t = await startApp();
    admin = await login(t);
  });
  afterEach(() => streams.splice(0).forEach((s) => s.close()));
  afterAll(() => t?.close());

  const open = async (code: string, app = t) => {
    const stream = await openStream(app.baseUrl, code);
    streams.push(stream);
    return stream;
  };

  const pay = (code: string, amountFen: number) => paySandbox(t, code, amountFen);

  it('sends the current totals at once, as the same JSON as GET totals', async () => {
    const code = await createCampaign(t, admin, { goalFen: 1_000_000 });
    await pay(code, 2_500);
    const stream = await open(code);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toContain('no-cache');
    const first = await stream.next(() => true);
    expect(first).toEqual((await t.request('GET', `/api/campaigns/${code}/totals`)).body);
    expect(first).toMatchObject({ amountFen: 2_500, donationCount: 1, goalFen: 1_000_000 });
  });

  it('delivers an event with the new amount after a payment made through another process', async () => {
    const api = await startApp({ APP_ROLE: 'api' });
    try {
      const code = await createCampaign(t, admin);
      const stream = await open(code, api);
      await stream.next((e) => e.amountFen === 0);
      const seen = stream.events.length;
      await pay(code, 77_700);
      const event = await stream.next((e) => e.amountFen === 77_700, seen);
      expect(event).toMatchObject({ amountFen: 77_700, donationCount: 1, todayAmountFen: 77_700 });
    } finally {
      await api.close();
    }
  });

  it('still delivers when the change notice cannot arrive (periodic check)', async () => {
    // Another Redis prefix is another channel: this process never hears of the payment.
    const deaf = await startApp({ APP_ROLE: 'api', REDIS_KEY_PREFIX: `${process.env.WENNUAN_TEST_REDIS_PREFIX}-deaf` });
    try {
      const code = await createCampaign(t, admin);
      const stream = await open(code, deaf);
      await stream.next(() => true);
      const seen = stream.events.length;
      await pay(code, 4_321);
      expect(await stream.next((e) => e.amountFen === 4_321, seen)).toMatchObject({ donationCount: 1 });
    } finally {
      await deaf.close();
    }
  });

  it('sends an event only when the figures change, and ends a burst on the exact totals', async () => {
    const code = await createCampaign(t, admin);
    const stream = await open(code);
    await stream.next(() => true);
    await Promise.all(Array.from({ length: 40 }, (_, i) => pay(code, 100 + i)));
    const expected = Array.from({ length: 40 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
    await stream.next((e) => e.amountFen === expected && e.donationCount === 40);
    for (let i = 1; i < stream.events.length; i += 1) expect(stream.events[i]).not.toEqual(stream.events[i - 1]);
    const amounts = stream.events.map((e) => e.amountFen);
    expect([...amounts].sort((a, b) => a - b)).toEqual(amounts); // never goes back
  });

  it('keeps idle connections open with comment lines', async () => {
    const code = await createCampaign(t, admin);
    const stream = await open(code);
    await stream.next(() => true);
    t.app.get(TotalsStreamHub).beat();
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (!stream.comments.includes(': keep-alive') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(stream.comments).toContain(': keep-alive');
  });

  it('forgets a client that disconnects', async () => {
    const hub = t.app.get(TotalsStreamHub);
    const code = await createCampaign(t, admin);
    const before = hub.openStreams;
    const a = await open(code);
    const b = await open(code);
    await Promise.all([a.next(() => true), b.next(() => true)]);
    expect(hub.openStreams).toBe(before + 2);
    a.close();
    b.close();
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (hub.openStreams !== before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(hub.openStreams).toBe(before);
  });

  it('ends open streams when the service stops, so the stop is not held', async () => {
    const other = await startApp({ APP_ROLE: 'api' });
    const code = await createCampaign(t, admin);
    const stream = await open(code, other);
    await stream.next(() => true);
    await other.close();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([stream.ended.then(() => 'ended'), new Promise((r) => (timer = setTimeout(() => r('still open'), 5000)))]);
    clearTimeout(timer);
    expect(outcome).toBe('ended');
  });
});
