import { BullModule } from '@nestjs/bullmq';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { MetricsController } from './metrics.controller';
import { recordHttpDuration } from './metrics';
import { APP_QUEUES } from '../queue/app-queues';
import { QueueMetrics } from './queue-metrics';

/** GET /metrics (Prometheus) and the HTTP latency hook. */
@Module({
  // Every queue, so that an API process reports the depth of queues whose workers run elsewhere.
  imports: APP_QUEUES.map((name) => BullModule.registerQueue({ name })),
  controllers: [MetricsController],
  providers: [QueueMetrics],
})
export class MetricsModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (!fastify?.addHook) return; // worker processes have no HTTP server
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route pattern (/api/donations/:orderNo), never the concrete URL: bounded labels, no ids.
      recordHttpDuration(request.method, request.routeOptions?.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}
