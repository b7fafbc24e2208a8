import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

export { REDIS } from './redis.tokens';
import { REDIS } from './redis.tokens';

/** One shared client for rate limits, login throttling and health; BullMQ opens its own. */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const redis = new Redis(config.redisUrl, {
          keyPrefix: `${config.redisKeyPrefix}:`,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: true,
          connectTimeout: 2000,
          retryStrategy: (times) => Math.min(times * 200, 2000),
        });
        // Without a listener ioredis prints "Unhandled error event" and a stack trace on every
        // reconnection attempt. One warning per outage is enough; GET /health reports it.
        const logger = new Logger('Redis');
        let down = false;
        redis.on('error', (error: Error) => {
          if (!down) logger.warn(`Redis unreachable, retrying: ${error.message}`);
          down = true;
        });
        redis.on('ready', () => {
          if (down) logger.log('Redis reachable again');
          down = false;
        });
        return redis;
      },
    },
    RedisThrottlerStorage,
  ],
  exports: [REDIS, RedisThrottlerStorage],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    // QUIT waits for Redis to answer; when it is unreachable that would hold the shutdown forever.
    if (this.redis.status !== 'ready') {
      this.redis.disconnect();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.redis.quit(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))])
      .catch(() => undefined)
      .finally(() => clearTimeout(timer));
    if ((this.redis.status as string) !== 'end') this.redis.disconnect();
  }
}
