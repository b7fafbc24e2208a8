import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsController } from './metrics.controller';
import { httpDuration } from './metrics';
import { OBSERVED_QUEUES, QueueMetrics } from './queue-metrics';

/** GET /metrics (Prometheus) and the HTTP latency hook. */
@Module({
  imports: OBSERVED_QUEUES.map((name) => BullModule.registerQueue({ name })),
  controllers: [MetricsController],
  providers: [QueueMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify?.addHook) return; // worker processes have no HTTP server
    fastify.addHook('onResponse', async (request, reply) => {
      // The route pattern (/api/donations/:orderNo), never the concrete URL: bounded labels, no ids.
      const route = request.routeOptions?.url ?? 'unmatched';
      httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
}
