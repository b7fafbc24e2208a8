import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { APP_QUEUES } from '../queue/app-queues';
import { registry } from './metrics';

const depth = new Gauge({ name: 'wennuan_queue_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'] as const, registers: [registry] });
const age = new Gauge({
  name: 'wennuan_queue_oldest_waiting_seconds',
  help: 'Age of the oldest waiting job per queue',
  labelNames: ['queue'] as const,
  registers: [registry],
});

/** Reads queue depth and the age of the oldest waiting job from Redis when metrics are scraped. */
@Injectable()
export class QueueMetrics {
  private readonly logger = new Logger(QueueMetrics.name);

  constructor(private readonly moduleRef: ModuleRef) {}

  async refresh(): Promise<void> {
    await Promise.all(
      APP_QUEUES.map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        try {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
          for (const [state, n] of Object.entries(counts)) depth.set({ queue: name, state }, n);
          const [oldest] = await queue.getJobs(['waiting'], -1, -1, true);
          age.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
        } catch (error) {
          this.logger.warn(`Queue metrics for ${name} unavailable: ${(error as Error).message}`);
        }
      }),
    );
  }
}
