import { Inject, Injectable } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { REDIS } from './redis.tokens';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** Fixed-window counters in Redis so that every API process shares one limit per client. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const hitsKey = `throttle:${throttlerName}:${key}`;
    const blockKey = `${hitsKey}:blocked`;
    const results = await this.redis.multi().incr(hitsKey).pexpire(hitsKey, ttl, 'NX').pttl(hitsKey).pttl(blockKey).exec();
    const totalHits = Number(results?.[0]?.[1] ?? 0);
    const timeToExpire = Math.max(0, Number(results?.[2]?.[1] ?? ttl));
    let blockTtl = Number(results?.[3]?.[1] ?? -2);
    if (blockTtl <= 0 && totalHits > limit) {
      await this.redis.set(blockKey, '1', 'PX', blockDuration || ttl);
      blockTtl = blockDuration || ttl;
    }
    const isBlocked = blockTtl > 0;
    return {
      totalHits,
      timeToExpire: Math.ceil(timeToExpire / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockTtl / 1000) : 0,
    };
  }
}
