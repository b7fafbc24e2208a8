import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../../common/errors';
import { REDIS } from '../../redis/redis.tokens';

/**
 * Counts an attempt before its password is checked, in one atomic step: the count goes up, the
 * window is renewed while the address is not yet locked, and a count is never left without expiry.
 * Returns [attempt number, milliseconds the count still lives].
 */
const RESERVE_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n <= tonumber(ARGV[1]) or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return { n, redis.call('PTTL', KEYS[1]) }`;

/**
 * Sign-in attempts per email address, kept in Redis so every API process agrees. Each attempt is
 * counted *before* the password is checked, so guesses sent in parallel cannot all slip in under
 * the limit: at most `loginMaxAttempts` passwords are ever checked per window. From the third
 * attempt each one is slowed; beyond `loginMaxAttempts` the address is locked for
 * `loginLockSeconds` (429 LOGIN_LOCKED). A successful sign-in clears the count. Unknown addresses
 * are counted the same way, so the answers never reveal which accounts exist.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reserves an attempt and returns its number (1 = first since the last success or expiry). */
  async beforeAttempt(email: string): Promise<number> {
    const [attempt, ttl] = (await this.redis.eval(RESERVE_ATTEMPT, 1, this.key(email), this.config.loginMaxAttempts, this.config.loginLockSeconds)) as [
      number,
      number,
    ];
    if (attempt > this.config.loginMaxAttempts) {
      const retryAfter = Math.max(1, Math.ceil(ttl / 1000));
      throw new DomainError('LOGIN_LOCKED', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { retryAfterSeconds: retryAfter });
    }
    const earlierFailures = attempt - 1;
    if (earlierFailures >= 2) await sleep(Math.min(250 * 2 ** (earlierFailures - 2), 2000));
    return attempt;
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
