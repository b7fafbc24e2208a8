import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthView } from './dto/health.view';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { REDIS } from '../redis/redis.tokens';
import { DatabaseProbeRepository } from './database-probe.repository';

const CHECK_TIMEOUT_MS = 1500;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseProbeRepository,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: '200 when PostgreSQL and Redis answer, 503 otherwise (Retry-After: 5)' })
  @ApiOkResponse({ type: HealthView })
  @ApiServiceUnavailableResponse({ type: HealthView, description: 'status unavailable, with statusCode, code SERVICE_UNAVAILABLE and message' })
  // passthrough: the status (200 or 503) depends on the checks; the body is returned as usual.
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthView> {
    const [postgres, redis] = await Promise.all([probe(() => this.database.ping()), probe(() => this.redis.ping())]);
    const ok = postgres && redis;
    if (!ok) void reply.header('Retry-After', '5');
    void reply.status(ok ? 200 : 503).header('Cache-Control', 'no-store');
    return {
      status: ok ? 'ok' : 'unavailable',
      // A 503 is an error like any other: it also carries the public error shape.
      ...(ok ? {} : { statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }),
      role: this.config.appRole,
      checks: { postgres: up(postgres), redis: up(redis) },
    };
  }
}

const up = (ok: boolean): 'up' | 'down' => (ok ? 'up' : 'down');

async function probe(check: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([check(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)))]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
