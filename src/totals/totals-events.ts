import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Changes from one process reach the others within this delay (a burst of payments is one message). */
const PUBLISH_COALESCE_MS = 50;
const MAX_CAMPAIGNS_PER_MESSAGE = 500;

export type TotalsListener = (campaignId: string) => void;

/**
 * "The totals of this campaign changed": told after the change commits, here at once and to every
 * other process through Redis pub/sub. Listeners (the totals cache, the live streams) re-read the
 * counters themselves, so a lost message costs only latency: the streams also check periodically.
 */
@Injectable()
export class TotalsEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TotalsEvents.name);
  private readonly listeners = new Set<TotalsListener>();
  private readonly pending = new Set<string>();
  private readonly channel: string;
  /** Marks this process's own messages, which it has already acted on. */
  private readonly origin = randomUUID();
  private publisher: Redis | null = null;
  private subscriber: Redis | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private redisDown = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.redisKeyPrefix}:totals:changed`;
  }

  onModuleInit(): void {
    const options = { maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: (times: number) => Math.min(times * 200, 2000) };
    this.publisher = new Redis(this.config.redisUrl, { ...options, enableOfflineQueue: false });
    this.subscriber = new Redis(this.config.redisUrl, options);
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => {
        if (!this.redisDown) this.logger.warn(`Totals events: Redis unreachable, live updates fall back to polling: ${error.message}`);
        this.redisDown = true;
      });
      client.on('ready', () => (this.redisDown = false));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      const [origin, ids] = message.split('|');
      if (channel !== this.channel || origin === this.origin || !ids) return;
      for (const campaignId of ids.split(',')) if (campaignId) this.emit(campaignId);
    });
    this.subscriber.subscribe(this.channel).catch((error: Error) => this.logger.warn(`Totals events: subscribe failed: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flush();
    for (const client of [this.subscriber, this.publisher]) client?.disconnect();
  }

  /** Call after the commit that changed a campaign's totals. */
  changed(campaignId: string): void {
    this.emit(campaignId);
    this.pending.add(campaignId);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => this.flush(), PUBLISH_COALESCE_MS);
      this.flushTimer.unref();
    }
  }

  onChange(listener: TotalsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private flush(): void {
    this.flushTimer = null;
    const ids = [...this.pending];
    this.pending.clear();
    if (ids.length === 0 || !this.publisher || this.publisher.status !== 'ready') return;
    for (let i = 0; i < ids.length; i += MAX_CAMPAIGNS_PER_MESSAGE) {
      this.publisher.publish(this.channel, this.origin + '|' + ids.slice(i, i + MAX_CAMPAIGNS_PER_MESSAGE).join(',')).catch(() => undefined);
    }
  }

  private emit(campaignId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(campaignId);
      } catch (error) {
        this.logger.warn(`Totals listener failed: ${(error as Error).message}`);
      }
    }
  }
}
