import { applyDecorators, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerOptions, type ThrottlerRequest } from '@nestjs/throttler';
import { DomainError } from './errors';

/**
 * The service's rate limits, per client address and minute (ThrottlerModule, counters in Redis):
 * - `public-writes`: donations and receipt requests (PUBLIC_WRITE_RATE_LIMIT), per endpoint;
 * - `order-lookups`: anything that answers by order number (ORDER_LOOKUP_RATE_LIMIT), one budget for all of them;
 * - `callbacks`: payment providers' notifications (CALLBACK_RATE_LIMIT), generous, one budget for all of them.
 */
export type RateLimitName = 'public-writes' | 'order-lookups' | 'callbacks';

const RATE_LIMIT = 'wennuan:rate-limit';

export function rateLimits(limits: Record<RateLimitName, number>): ThrottlerOptions[] {
  // One key per limit and address across routes (the default key is per route).
  const shared = (_context: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`;
  return [
    { name: 'public-writes', ttl: 60_000, limit: limits['public-writes'] },
    { name: 'order-lookups', ttl: 60_000, limit: limits['order-lookups'], generateKey: shared },
    { name: 'callbacks', ttl: 60_000, limit: limits.callbacks, generateKey: shared },
  ];
}

/** Limits a route (or a controller's routes) by one of the named limits; a client over it gets 429 RATE_LIMITED with Retry-After. */
export function RateLimit(name: RateLimitName): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(RATE_LIMIT, name), UseGuards(RateLimitGuard));
}

/** ThrottlerGuard that applies only the limit a route names, and refuses with the service's own error. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const chosen = this.reflector.getAllAndOverride<RateLimitName | undefined>(RATE_LIMIT, [request.context.getHandler(), request.context.getClass()]);
    if (request.throttler.name !== (chosen ?? 'public-writes')) return true;
    return super.handleRequest(request);
  }

  protected override throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    // The error filter turns retryAfterSeconds into the Retry-After header.
    return Promise.reject(new DomainError('RATE_LIMITED', '操作过于频繁，请稍后再试', { retryAfterSeconds: Math.max(1, detail.timeToBlockExpire) }));
  }
}
