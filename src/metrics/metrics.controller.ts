import { Controller, Get, Header, Headers, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/errors';
import { QueueMetrics } from './queue-metrics';
import { registry } from './metrics';

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly queues: QueueMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Prometheus metrics: HTTP latency, queue depth and age, receipts issued, notification outcomes, process',
    description:
      'Needs `Authorization: Bearer <METRICS_TOKEN>` when METRICS_TOKEN is set (401 UNAUTHENTICATED otherwise); under NODE_ENV=production without METRICS_TOKEN, 404 NOT_FOUND. Open in development and tests when unset.',
  })
  async metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    this.authorize(authorization);
    await this.queues.refresh();
    return registry.metrics();
  }

  /** Descriptor use, heap and notification counts are for the operator's Prometheus, not for the public. */
  private authorize(authorization: string | undefined): void {
    const token = this.config.metricsToken;
    if (token === null) {
      if (this.config.nodeEnv === 'production') throw new DomainError('NOT_FOUND', '未找到该地址');
      return;
    }
    const given = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal lengths, and no early exit on the first differing byte.
    const digest = (text: string) => createHash('sha256').update(text).digest();
    if (!timingSafeEqual(digest(given), digest(token))) throw new DomainError('UNAUTHENTICATED', '需要有效的监控令牌（METRICS_TOKEN）');
  }
}
