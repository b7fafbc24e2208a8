import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { clientKey } from '../../common/client-address';
import { DomainError } from '../../common/errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { REDIS } from '../../redis/redis.tokens';

/**
 * Counts an attempt before its password is checked, in one atomic step: the count goes up, the
 * window is renewed while the pair is not yet locked, and a count is never left without expiry.
 * Returns [attempt number, milliseconds the count still lives].
 */
const RESERVE_ATTEMPT = `
local n = redis.call('INCR', KEYS[1])
if n <= tonumber(ARGV[1]) or redis.call('PTTL', KEYS[1]) < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return { n, redis.call('PTTL', KEYS[1]) }`;

/** One failure more in a window that starts with the first one; returns the count. */
const COUNT_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Failures from one address, over every account, before that address is locked out of sign-in. */
const ADDRESS_FAILURES_PER_ATTEMPT_LIMIT = 20;
/** Failures on one account, from every address, past which each attempt on it waits a second (never a lock). */
const ACCOUNT_FAILURES_PER_ATTEMPT_LIMIT = 4;

export function accountHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The Redis key counting attempts on one account from one client (exported for tests). */
export function loginFailureKey(email: string, address: string | null, epoch = 0): string {
  return `login-fail:${accountHash(email)}:${epoch}:${clientKey(address)}`;
}

export interface LoginAttempt {
  /** 1 for the first attempt of this account from this client since the last success, unlock or expiry. */
  number: number;
  email: string;
  address: string | null;
  epoch: number;
}

/**
 * Sign-in attempts, kept in Redis so every API process agrees, counted per account AND client
 * address (clientKey: an IPv4 address, an IPv6 /64; TRUST_PROXY decides where it comes from):
 * a storm of wrong passwords from one address locks that address out of that account and never
 * keeps the right password from working at another address.
 *
 * - Per account and address, each attempt is counted *before* the password is checked, so guesses
 *   sent in parallel cannot slip in under the limit: at most LOGIN_MAX_ATTEMPTS passwords are
 *   checked per window; from the third each one is slowed; beyond, 429 LOGIN_LOCKED for
 *   LOGIN_LOCK_SECONDS. A success clears that pair's count.
 * - Per address over every account (password spraying): 20 × LOGIN_MAX_ATTEMPTS failures lock
 *   that address out of sign-in for the window.
 * - Per account over every address (many addresses guessing one account): past
 *   4 × LOGIN_MAX_ATTEMPTS failures each attempt waits a second; nothing locks the owner out.
 * - An admin's unlock moves the account to a new epoch: every count of it starts again.
 * Unknown accounts are counted the same way, so the answers never reveal which accounts exist.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Reserves an attempt (or throws LOGIN_LOCKED) and waits the slow-down it has earned. */
  async beforeAttempt(email: string, address: string | null): Promise<LoginAttempt> {
    const { loginMaxAttempts: max, loginLockSeconds: lockSeconds } = this.config;
    const epoch = await this.epoch(email);
    const addressFailures = Number(await this.redis.get(this.addressKey(address)));
    if (addressFailures >= max * ADDRESS_FAILURES_PER_ATTEMPT_LIMIT) {
      throw this.locked(Math.max(1, await this.redis.ttl(this.addressKey(address))));
    }
    const [attempt, ttl] = (await this.redis.eval(RESERVE_ATTEMPT, 1, loginFailureKey(email, address, epoch), max, lockSeconds)) as [number, number];
    if (attempt > max) throw this.locked(Math.max(1, Math.ceil(ttl / 1000)));
    const earlierFailures = attempt - 1;
    let wait = earlierFailures >= 2 ? Math.min(250 * 2 ** (earlierFailures - 2), 2000) : 0;
    const accountFailures = Number(await this.redis.get(this.accountKey(email, epoch)));
    if (accountFailures >= max * ACCOUNT_FAILURES_PER_ATTEMPT_LIMIT) wait = Math.max(wait, 1000);
    if (wait > 0) await sleep(wait);
    return { number: attempt, email, address, epoch };
  }

  /** A checked attempt failed: it counts for the address and for the account. True when it locked the pair. */
  async failed(attempt: LoginAttempt): Promise<boolean> {
    const lockSeconds = this.config.loginLockSeconds;
    await this.redis.eval(COUNT_FAILURE, 1, this.addressKey(attempt.address), lockSeconds);
    await this.redis.eval(COUNT_FAILURE, 1, this.accountKey(attempt.email, attempt.epoch), lockSeconds);
    if (attempt.number < this.config.loginMaxAttempts) return false;
    await this.redis.set(this.lockedKey(attempt.email, attempt.epoch), '1', 'EX', lockSeconds);
    return true;
  }

  /** A success clears the count of this account from this address (not the address's own count). */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.redis.del(loginFailureKey(attempt.email, attempt.address, attempt.epoch));
  }

  /** Whether some address is locked out of these accounts now (for the staff list). */
  async lockedOut(emails: string[]): Promise<boolean[]> {
    if (emails.length === 0) return [];
    const epochs = await this.redis.mget(emails.map((e) => this.epochKey(e)));
    const flags = await this.redis.mget(emails.map((e, i) => this.lockedKey(e, Number(epochs[i] ?? 0))));
    return flags.map((f) => f !== null);
  }

  /** An admin's unlock: every count of this account, from every address, starts again. */
  async unlock(email: string): Promise<void> {
    await this.redis.incr(this.epochKey(email));
  }

  private async epoch(email: string): Promise<number> {
    return Number((await this.redis.get(this.epochKey(email))) ?? 0);
  }

  private locked(retryAfter: number): DomainError {
    return new DomainError('LOGIN_LOCKED', `登录失败次数过多，请 ${Math.ceil(retryAfter / 60)} 分钟后再试`, { retryAfterSeconds: retryAfter });
  }

  private epochKey(email: string): string {
    return `login-epoch:${accountHash(email)}`;
  }

  private lockedKey(email: string, epoch: number): string {
    return `login-locked:${accountHash(email)}:${epoch}`;
  }

  private accountKey(email: string, epoch: number): string {
    return `login-fail-account:${accountHash(email)}:${epoch}`;
  }

  private addressKey(address: string | null): string {
    return `login-fail-address:${clientKey(address)}`;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
