import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { REDIS } from '../../redis/redis.tokens';

/**
 * Failed sign-ins per email address, kept in Redis so every API process agrees: from the third
 * failure each attempt is slowed, at `loginMaxAttempts` the address is locked for `loginLockSeconds`.
 * Unknown addresses are counted the same way, so the answers never reveal which accounts exist.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async beforeAttempt(email: string): Promise<void> {
    const key = this.key(email);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    const failures = Number(count ?? 0);
    if (failures >= this.config.loginMaxAttempts) {
      const retryAfter = Math.max(1, Math.ceil(ttl / 1000));
      throw new DomainError('LOGIN_LOCKED', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { retryAfterSeconds: retryAfter });
    }
    if (failures >= 2) await sleep(Math.min(250 * 2 ** (failures - 2), 2000));
  }

  async recordFailure(email: string): Promise<number> {
    const key = this.key(email);
    const results = await this.redis.multi().incr(key).expire(key, this.config.loginLockSeconds).exec();
    return Number(results?.[0]?.[1] ?? 0);
  }

  async reset(email: string): Promise<void> {
    await this.redis.del(this.key(email));
  }

  private key(email: string): string {
    return `login-fail:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
