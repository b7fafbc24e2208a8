import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../common/errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { TotalsEvents } from './totals-events';
import { PublicBody, TotalsService } from './totals.service';
import type { TotalsView } from './dto/totals.view';

/** Fallback when a change notice is lost (Redis down): every watched campaign is re-read this often. */
const POLL_MS = 1000;
/** A burst of payments is at most one event per campaign per this long (one re-read serving all its viewers)… */
const MIN_REFRESH_MS = 200;
/** …longer the more streams this process holds (a flash crowd), up to a second: each event is a write to every stream. */
const MAX_REFRESH_MS = 1000;
const STREAMS_PER_EXTRA_MS = 25;
/** Streams written to between two turns of the event loop, so that donations and pages are answered during a broadcast. */
const BROADCAST_SLICE = 2000;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3000;
/** Retry-After of a client refused for holding too many streams: about when one of its own may have closed. */
const CLIENT_RETRY_AFTER_SECONDS = 30;
/** A client that reads slower than its events arrive is dropped past this much unsent data. */
const MAX_BUFFERED_BYTES = 256 * 1024;

/** A stream's place, taken before its first totals are read so that a burst of requests cannot overshoot the caps. */
export interface StreamSlot {
  readonly client: string;
  readonly first: PublicBody<TotalsView>;
}

interface Watch {
  campaignId: string;
  code: string;
  clients: Set<ServerResponse>;
  lastJson: string;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  /** When its viewers were last sent new totals: the next event waits refreshGapMs() after it. */
  lastSentAt: number;
  /** When the totals were last re-read: re-reads are at least MIN_REFRESH_MS apart. */
  lastReadAt: number;
}

/**
 * The live totals streams of this process (text/event-stream). One re-read per campaign serves all
 * of its viewers: on a change notice (this process or another, through Redis), and every second as a
 * fallback; an event is sent only when the JSON changed. Comment lines keep idle connections open.
 *
 * Two caps keep one client from taking every descriptor: MAX_STREAMS_PER_CLIENT per client address
 * (429 TOO_MANY_STREAMS) and MAX_STREAMS for the process (503 SERVER_BUSY), the latter well below
 * the descriptor limit so that pages, /health and donations always find a socket. The per-client
 * count is one number per address, nothing per stream.
 */
@Injectable()
export class TotalsStreamHub implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(TotalsStreamHub.name);
  private readonly watches = new Map<string, Watch>();
  private poller: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private streams = 0;
  /** Open (or opening) streams per client key. */
  private readonly perClient = new Map<string, number>();
  private closing = false;
  private readonly maxStreams: number;
  private readonly maxPerClient: number;

  constructor(
    private readonly totals: TotalsService,
    private readonly events: TotalsEvents,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.maxStreams = config.connections.maxStreams;
    this.maxPerClient = config.connections.maxStreamsPerClient;
  }

  onModuleInit(): void {
    this.unsubscribe = this.events.onChange((campaignId) => {
      const watch = this.watches.get(campaignId);
      if (watch) this.schedule(watch);
    });
    this.poller = setInterval(() => this.watches.forEach((w) => this.schedule(w)), POLL_MS);
    this.poller.unref();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** Open streams would hold the HTTP server's close: end them first. */
  beforeApplicationShutdown(): void {
    this.stop();
  }

  get openStreams(): number {
    return this.streams;
  }

  /**
   * Takes a place for `client` (a clientKey) and the campaign's current totals; throws before any
   * byte is sent: 429 TOO_MANY_STREAMS, 503 SERVER_BUSY, CAMPAIGN_NOT_FOUND. The place is given
   * back when the stream closes, or at once when this throws.
   */
  async open(code: string, client: string): Promise<StreamSlot> {
    if (this.closing) throw new DomainError('SERVICE_UNAVAILABLE', '服务正在重启，请稍后重试');
    const held = this.perClient.get(client) ?? 0;
    if (held >= this.maxPerClient) {
      throw new DomainError('TOO_MANY_STREAMS', `同一网络地址最多同时打开 ${this.maxPerClient} 个实时页面，请关闭多余的页面后再试`, {
        retryAfterSeconds: CLIENT_RETRY_AFTER_SECONDS,
      });
    }
    if (this.streams >= this.maxStreams) throw new DomainError('SERVER_BUSY', '当前访问人数过多，请稍后刷新');
    this.perClient.set(client, held + 1);
    this.streams += 1;
    try {
      return { client, first: await this.totals.totalsBody(code) };
    } catch (error) {
      this.release(client);
      throw error;
    }
  }

  /** Attaches a response whose event-stream headers are already written, in the place `open` took. */
  attach(res: ServerResponse, slot: StreamSlot): void {
    const first = slot.first;
    if (this.closing || res.destroyed) {
      this.release(slot.client);
      res.end();
      return;
    }
    let watch = this.watches.get(first.campaignId);
    if (!watch) {
      watch = {
        campaignId: first.campaignId,
        code: first.value.campaignCode,
        clients: new Set(),
        lastJson: first.json,
        timer: null,
        running: false,
        again: false,
        lastSentAt: 0,
        lastReadAt: 0,
      };
      this.watches.set(first.campaignId, watch);
    }
    const own = watch;
    own.clients.add(res);
    res.write(`retry: ${RETRY_MS}\n\n`);
    res.write(event(first));
    res.once('close', () => {
      own.clients.delete(res);
      this.release(slot.client);
      if (own.clients.size === 0 && this.watches.get(own.campaignId) === own) {
        if (own.timer) clearTimeout(own.timer);
        this.watches.delete(own.campaignId);
      }
    });
    // Someone may have paid between reading the first totals and attaching.
    this.schedule(own);
  }

  private release(client: string): void {
    this.streams -= 1;
    const held = (this.perClient.get(client) ?? 1) - 1;
    if (held > 0) this.perClient.set(client, held);
    else this.perClient.delete(client);
  }

  /** Sends a comment line to every stream (proxies and phones drop connections that look idle). */
  beat(): void {
    for (const watch of this.watches.values()) void this.broadcast(watch.clients, ': keep-alive\n\n');
  }

  /** Writes `chunk` to every stream, BROADCAST_SLICE at a time, yielding to other requests between slices. */
  private async broadcast(clients: Set<ServerResponse>, chunk: string): Promise<void> {
    let written = 0;
    for (const res of [...clients]) {
      this.send(res, chunk);
      if (++written % BROADCAST_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(watch: Watch): void {
    if (watch.timer || this.closing) return;
    if (watch.running) {
      watch.again = true;
      return;
    }
    // A change after a quiet spell goes out at once; a burst of them, one event per gap.
    const wait = Math.max(0, watch.lastReadAt + MIN_REFRESH_MS - Date.now(), watch.lastSentAt + refreshGapMs(this.streams) - Date.now());
    watch.timer = setTimeout(() => void this.refresh(watch), wait);
    watch.timer.unref();
  }

  private async refresh(watch: Watch): Promise<void> {
    watch.timer = null;
    watch.running = true;
    watch.lastReadAt = Date.now();
    try {
      const body = await this.totals.totalsBody(watch.code, true);
      if (body.json !== watch.lastJson) {
        watch.lastJson = body.json;
        watch.lastSentAt = Date.now();
        // The next re-read waits for this broadcast to finish (running stays true until then).
        await this.broadcast(watch.clients, event(body));
      }
    } catch (error) {
      this.logger.warn({ campaign: watch.code }, `Live totals re-read failed: ${(error as Error).message}`);
    } finally {
      watch.running = false;
      if (watch.again) {
        watch.again = false;
        if (this.watches.get(watch.campaignId) === watch) this.schedule(watch);
      }
    }
  }

  private send(res: ServerResponse, chunk: string): void {
    if (res.destroyed) return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(chunk);
  }

  private stop(): void {
    this.closing = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.poller) clearInterval(this.poller);
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const watch of this.watches.values()) {
      if (watch.timer) clearTimeout(watch.timer);
      for (const res of watch.clients) res.end();
    }
    this.watches.clear();
  }
}

/** How long a campaign's re-reads are apart with `streams` open: 200 ms, growing with the crowd to a second. */
export function refreshGapMs(streams: number): number {
  return Math.min(MAX_REFRESH_MS, MIN_REFRESH_MS + Math.floor(streams / STREAMS_PER_EXTRA_MS));
}

function event(body: PublicBody<TotalsView>): string {
  return `id: ${body.etag.replace(/"/g, '')}\ndata: ${body.json}\n\n`;
}
