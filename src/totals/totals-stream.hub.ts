import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../common/errors';
import { TotalsEvents } from './totals-events';
import { PublicBody, CampaignTotals, TotalsService } from './totals.service';

/** Fallback when a change notice is lost (Redis down): every watched campaign is re-read this often. */
const POLL_MS = 1000;
/** A burst of payments is one re-read (and at most one event) per campaign per this long. */
const MIN_REFRESH_MS = 200;
const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3000;
const MAX_STREAMS = 20_000;
/** A client that reads slower than its events arrive is dropped past this much unsent data. */
const MAX_BUFFERED_BYTES = 256 * 1024;

interface Watch {
  campaignId: string;
  code: string;
  clients: Set<ServerResponse>;
  lastJson: string;
  timer: NodeJS.Timeout | null;
  running: boolean;
  again: boolean;
  lastRefreshAt: number;
}

/**
 * The live totals streams of this process (text/event-stream). One re-read per campaign serves all
 * of its viewers: on a change notice (this process or another, through Redis), and every second as a
 * fallback; an event is sent only when the JSON changed. Comment lines keep idle connections open.
 */
@Injectable()
export class TotalsStreamHub implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(TotalsStreamHub.name);
  private readonly watches = new Map<string, Watch>();
  private poller: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private streams = 0;
  private closing = false;

  constructor(
    private readonly totals: TotalsService,
    private readonly events: TotalsEvents,
  ) {}

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

  /** Checks the campaign and takes its current totals; throws (CAMPAIGN_NOT_FOUND) before any byte is sent. */
  async prepare(code: string): Promise<PublicBody<CampaignTotals>> {
    if (this.closing) throw new DomainError('SERVICE_UNAVAILABLE', '服务正在重启，请稍后重试');
    if (this.streams >= MAX_STREAMS) throw new DomainError('SERVICE_UNAVAILABLE', '当前访问人数过多，请稍后刷新');
    return this.totals.totalsBody(code);
  }

  /** Attaches a response whose event-stream headers are already written. */
  attach(res: ServerResponse, first: PublicBody<CampaignTotals>): void {
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
        lastRefreshAt: 0,
      };
      this.watches.set(first.campaignId, watch);
    }
    const own = watch;
    own.clients.add(res);
    this.streams += 1;
    res.write(`retry: ${RETRY_MS}\n\n`);
    res.write(event(first));
    res.once('close', () => {
      if (own.clients.delete(res)) this.streams -= 1;
      if (own.clients.size === 0 && this.watches.get(own.campaignId) === own) {
        if (own.timer) clearTimeout(own.timer);
        this.watches.delete(own.campaignId);
      }
    });
    // Someone may have paid between reading the first totals and attaching.
    this.schedule(own);
  }

  /** Sends a comment line to every stream (proxies and phones drop connections that look idle). */
  beat(): void {
    for (const watch of this.watches.values()) for (const res of watch.clients) this.send(res, ': keep-alive\n\n');
  }

  private schedule(watch: Watch): void {
    if (watch.timer || this.closing) return;
    if (watch.running) {
      watch.again = true;
      return;
    }
    const wait = Math.max(0, watch.lastRefreshAt + MIN_REFRESH_MS - Date.now());
    watch.timer = setTimeout(() => void this.refresh(watch), wait);
    watch.timer.unref();
  }

  private async refresh(watch: Watch): Promise<void> {
    watch.timer = null;
    watch.running = true;
    watch.lastRefreshAt = Date.now();
    try {
      const body = await this.totals.totalsBody(watch.code, true);
      if (body.json !== watch.lastJson) {
        watch.lastJson = body.json;
        const chunk = event(body);
        for (const res of watch.clients) this.send(res, chunk);
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

function event(body: PublicBody<CampaignTotals>): string {
  return `id: ${body.etag.replace(/"/g, '')}\ndata: ${body.json}\n\n`;
}
