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

/**
 * One round trip per request: count the hit (the window starts with the first), and block the key
 * for the block duration once it goes over the limit. Returns the hits, the window's and the
 * block's remaining milliseconds (-2 when there is no block).
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowTtl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return { hits, windowTtl, blockTtl }`;

type HitCommand = (hitsKey: string, blockKey: string, ttl: number, limit: number, blockMs: number) => Promise<[number, number, number]>;

/** Fixed-window counters in Redis so that every API process shares one limit per client. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly hit: HitCommand;

  constructor(@Inject(REDIS) redis: Redis) {
    // ioredis keeps the script's SHA and sends EVALSHA (the script itself only when Redis lacks it).
    redis.defineCommand('wennuanThrottleHit', { numberOfKeys: 2, lua: HIT_SCRIPT });
    const commands = redis as unknown as Record<'wennuanThrottleHit', HitCommand>;
    this.hit = (...args) => commands.wennuanThrottleHit(...args);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const hitsKey = `throttle:${throttlerName}:${key}`;
    const [totalHits, windowTtl, blockTtl] = await this.hit(hitsKey, `${hitsKey}:blocked`, ttl, limit, blockDuration || ttl);
    const isBlocked = blockTtl > 0;
    return {
      totalHits,
      timeToExpire: Math.ceil(Math.max(0, windowTtl) / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(blockTtl / 1000) : 0,
    };
  }
}
