import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { JobSchedulerTemplateOptions, Queue, RepeatOptions } from 'bullmq';

/** How often every kept schedule is written again (an upsert of the same id and options changes nothing). */
export const SCHEDULE_CHECK_MS = 60_000;

interface KeptSchedule {
  queue: Queue;
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  template: { name: string; opts?: JobSchedulerTemplateOptions };
}

/**
 * The repeating jobs (order expiry, totals reconciliation, provider reconciliation, retention) live
 * in Redis as BullMQ job schedulers. A Redis restarted without persistence forgets them, and the
 * outbox cannot bring them back (they are not rows), so each worker process writes its schedules at
 * start and again every minute: a lost schedule is back within a minute, without a restart. Every
 * process upserts the same ids, so there is one schedule however many workers run.
 */
@Injectable()
export class JobSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly kept = new Map<string, KeptSchedule>();
  private timer: NodeJS.Timeout | null = null;
  private failing = false;

  /** Writes the schedule now (a failure is logged; the next check tries again) and keeps it written. */
  async keep(queue: Queue, id: string, repeat: Omit<RepeatOptions, 'key'>, template: KeptSchedule['template']): Promise<void> {
    this.kept.set(`${queue.name}/${id}`, { queue, id, repeat, template });
    this.timer ??= setInterval(() => void this.restore(), SCHEDULE_CHECK_MS).unref();
    await this.write(this.kept.get(`${queue.name}/${id}`)!);
  }

  /** Writes every kept schedule again; returns how many are in place. */
  async restore(): Promise<number> {
    const results = await Promise.all([...this.kept.values()].map((s) => this.write(s)));
    return results.filter(Boolean).length;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async write(schedule: KeptSchedule): Promise<boolean> {
    try {
      await schedule.queue.upsertJobScheduler(schedule.id, schedule.repeat, schedule.template);
      if (this.failing) this.logger.log('Job schedules written again');
      this.failing = false;
      return true;
    } catch (error) {
      // Redis unreachable: logged once per outage; the next check writes it.
      if (!this.failing)
        this.logger.warn(`Job schedule ${schedule.queue.name}/${schedule.id} not written (retrying every minute): ${(error as Error).message}`);
      this.failing = true;
      return false;
    }
  }
}
