import type { QueueOptions } from 'bullmq';
import type { AppConfig } from '../config/app-config';
import { redisConnectionOptions } from './redis-connection';

/**
 * How every queue of the service is opened, whoever opens it (BullModule, the outbox relay):
 * one Redis prefix, and jobs retried with backoff, kept for a while once done.
 */
export function queueOptions(config: AppConfig): QueueOptions {
  return {
    connection: redisConnectionOptions(config.redisUrl),
    prefix: `${config.redisKeyPrefix}:bull`,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  };
}
